"""Figures of one fiche for a year: late flag, budget, bilan note, attainment."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sus_cli.figures.indicateurs import ChiffresIndicateur, chiffrer_indicateur

if TYPE_CHECKING:  # rules/ read en_retard without importing the models
    from sus_cli.model.fiche import Fiche

TERMINES = ("realisee", "abandonnee")
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


def en_retard(fiche: Fiche, echeance: dt.date) -> bool:
    """Late: `fin` before `echeance` and the action neither done nor abandoned.

    For a bilan of year Y the deadline is the end of Y (a fiche ending on
    Y-12-31 counts as late in the bilan of Y); elsewhere it is today.
    """
    return fiche.fin is not None and fiche.fin < echeance and fiche.statut not in TERMINES


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
