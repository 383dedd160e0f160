"""Figures of one fiche for a year: late flag, budget, bilan note, attainment."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sus_cli.figures.indicateurs import ChiffresIndicateur, chiffrer_indicateur
from sus_cli.figures.retard import TERMINES, en_retard  # noqa: F401

if TYPE_CHECKING:
    from sus_cli.model.fiche import Fiche

NON_RENSEIGNE = "non_renseigne"


@dataclass(frozen=True, slots=True)
class Budget:
    prevu: int | float | None = None
    engage: int | float | None = None
    consomme: int | float | None = None

    def vide(self) -> bool:
        return self.prevu is None and self.engage is None and self.consomme is None


def _somme(montants) -> int | float | None:
    """A sum that ignores missing amounts and is None when there is nothing to add."""
    presents = [m for m in montants if m is not None]
    return sum(presents) if presents else None


def budget_annee(fiche: Fiche, annee: int) -> Budget:
    lignes = [b for b in fiche.budget if b.annee == annee]
    return Budget(_somme(b.prevu for b in lignes), _somme(b.engage for b in lignes),
                  _somme(b.consomme for b in lignes))


def sommer_budgets(budgets) -> Budget:
    budgets = list(budgets)
    return Budget(_somme(b.prevu for b in budgets), _somme(b.engage for b in budgets),
                  _somme(b.consomme for b in budgets))


def fin_de_l_annee(annee: int) -> dt.date:
    """The day after the last day of the year: `fin < fin_de_l_annee(Y)` ⇔ fin ≤ Y-12-31."""
    return dt.date(annee + 1, 1, 1)


def note_annee(fiche: Fiche, annee: int) -> str | None:
    """The text of the latest `notes_suivi` entry dated in the year."""
    notes = [n for n in fiche.notes_suivi if n.date.year == annee]
    return max(notes, key=lambda n: n.date).texte if notes else None


def moyenne(valeurs) -> float | None:
    presentes = [v for v in valeurs if v is not None]
    return sum(presentes) / len(presentes) if presentes else None


@dataclass(frozen=True, slots=True)
class ChiffresFiche:
    fiche: Fiche
    chemin: str
    annee: int
    en_retard: bool
    budget: Budget
    note: str | None
    atteinte: float | None
    indicateurs: tuple[ChiffresIndicateur, ...]

    @property
    def id(self) -> str:
        return self.fiche.id

    @property
    def statut(self) -> str:
        return self.fiche.statut or NON_RENSEIGNE


def chiffrer_fiche(fiche: Fiche, chemin: str, annee: int, echeance: dt.date | None = None) -> ChiffresFiche:
    indicateurs = tuple(chiffrer_indicateur(i, annee) for i in fiche.indicateurs)
    return ChiffresFiche(
        fiche, chemin, annee, en_retard(fiche, echeance or fin_de_l_annee(annee)), budget_annee(fiche, annee),
        note_annee(fiche, annee), moyenne(i.atteinte for i in indicateurs), indicateurs)


@dataclass(frozen=True, slots=True)
class ValidationAbregee:
    etat: str
    par: str | None
    le: dt.date | None


@dataclass(frozen=True, slots=True)
class FicheAbregee:
    """What the figures, the evolutions and the JSON outputs read of a fiche's model, under the
    same names: a fiche counted and listed without the detail of its values (its indicators by
    id only). What `sus avancement` and `sus bilan --format json` keep of each fiche."""

    id: str
    titre: str
    porteur: str
    statut: str | None
    debut: dt.date | None
    fin: dt.date | None
    dispositifs: tuple[str, ...]
    validation: ValidationAbregee | None
    indicateurs: tuple[str, ...]  # their ids

    @property
    def etat_validation(self) -> str:
        return self.validation.etat if self.validation else "brouillon"


def chiffrer_en_abrege(fiche: Fiche, chemin: str, annee: int, echeance: dt.date | None = None) -> ChiffresFiche:
    """`chiffrer_fiche`, keeping a FicheAbregee and no series of values (what charts need)."""
    from dataclasses import replace

    chiffres = chiffrer_fiche(fiche, chemin, annee, echeance)
    v = fiche.validation
    abregee = FicheAbregee(fiche.id, fiche.titre, fiche.porteur, fiche.statut, fiche.debut, fiche.fin,
                           tuple(fiche.dispositifs), ValidationAbregee(v.etat, v.par, v.le) if v else None,
                           tuple(i.id for i in fiche.indicateurs))
    return replace(chiffres, fiche=abregee, indicateurs=tuple(replace(i, serie=None) for i in chiffres.indicateurs))


def chiffrage(annee: int, echeance: dt.date | None = None):
    """For loading.repository.charger(extraire=…): each fiche read becomes its figures for the
    year (with a FicheAbregee), in worker processes for a large schéma, instead of a model."""
    def preparer(_config):
        return lambda document: (chiffrer_en_abrege(document.modele, document.chemin, annee, echeance)
                                 if document.valide else None)
    return preparer
