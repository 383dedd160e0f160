"""Figures of a group of fiches (objectif, axe, volet, schéma, porteur, dispositif)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sus_cli.figures.fiches import Budget, ChiffresFiche, moyenne, sommer_budgets
from sus_cli.model.vocabulaire import STATUTS

ORDRE_STATUTS = (*STATUTS, "non_renseigne")


@dataclass(frozen=True, slots=True)
class Synthese:
    fiches: int
    par_statut: dict[str, int]
    en_retard: int
    validees: int
    avec_deux_indicateurs: int
    taux_realisation: float | None
    atteinte: float | None
    atteinte_non_calculable: int
    budget: Budget
    retards: tuple[str, ...] = field(default=())  # ids of the late fiches

    @property
    def part_validees(self) -> float | None:
        return self.validees / self.fiches if self.fiches else None

    @property
    def part_deux_indicateurs(self) -> float | None:
        return self.avec_deux_indicateurs / self.fiches if self.fiches else None


def synthetiser(fiches: list[ChiffresFiche]) -> Synthese:
    statuts = Counter(f.statut for f in fiches)
    par_statut = {s: statuts[s] for s in ORDRE_STATUTS if statuts[s]}
    retenues = len(fiches) - statuts["abandonnee"]
    return Synthese(
        fiches=len(fiches),
        par_statut=par_statut,
        en_retard=sum(f.en_retard for f in fiches),
        validees=sum(f.fiche.etat_validation == "validee" for f in fiches),
        avec_deux_indicateurs=sum(len(f.fiche.indicateurs) >= 2 for f in fiches),
        taux_realisation=statuts["realisee"] / retenues if retenues else None,
        atteinte=moyenne(f.atteinte for f in fiches),
        atteinte_non_calculable=sum(f.atteinte is None for f in fiches),
        budget=sommer_budgets(f.budget for f in fiches),
        retards=tuple(f.id for f in fiches if f.en_retard),
    )
