"""What a direction is asked for a period: one row per indicator of its open
fiches, with the context a person needs to answer, and one row per fiche.
Figures come from figures/; nothing is computed here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sus_cli.figures.fiches import TERMINES
from sus_cli.figures.suivi import bornes
from sus_cli.figures.indicateurs import annee_de_la_cible, cible_annee, valeur_a_la_periode, valeur_precedente
from sus_cli.model.fiche import Fiche, Indicateur


@dataclass(frozen=True, slots=True)
class Periode:
    texte: str  # "2024" or "2024-T3"

    @property
    def annee(self) -> int:
        return int(self.texte[:4])

    @property
    def trimestre(self) -> int | None:
        return int(self.texte[-1]) if "-T" in self.texte else None

    @property
    def debut(self) -> dt.date:
        return bornes(self.texte)[2] if self.trimestre else dt.date(self.annee, 1, 1)

    def en_clair(self) -> str:
        """« 2024 », « 3e trimestre 2024 »."""
        if self.trimestre is None:
            return self.texte
        return f"{'1er' if self.trimestre == 1 else f'{self.trimestre}e'} trimestre {self.annee}"


@dataclass(frozen=True, slots=True)
class LigneValeur:
    fiche: str
    titre: str
    indicateur: str
    libelle: str
    unite: str
    periode: str
    reference: object  # value, or None
    annee_reference: int | None
    precedente: object  # the latest value before the period, or None
    periode_precedente: str | None  # where it comes from
    cible: object
    annee_cible: int | None
    connue: object  # the value already in the fiche for the period, or None
    commentaire_connu: str | None


@dataclass(frozen=True, slots=True)
class LigneFiche:
    fiche: str
    titre: str
    statut: str | None
    fin: object  # date or None
    derniere_note: object  # NoteSuivi or None


def est_ouverte(fiche: Fiche) -> bool:
    """A fiche its direction still reports on: neither réalisée nor abandonnée."""
    return fiche.statut not in TERMINES


def _precedente(indicateur: Indicateur, periode: str) -> tuple[object, str | None]:
    avant = valeur_precedente(indicateur, periode)
    return avant.valeur, avant.periode


def lignes_valeurs(fiches: list[Fiche], periode: Periode) -> list[LigneValeur]:
    lignes = []
    for f in fiches:
        for i in f.indicateurs:
            connue = valeur_a_la_periode(i, periode.texte)
            lignes.append(LigneValeur(
                f.id, f.titre, i.id, i.libelle, i.unite, periode.texte,
                i.reference.valeur if i.reference else None, i.reference.annee if i.reference else None,
                *_precedente(i, periode.texte), cible_annee(i, periode.annee), annee_de_la_cible(i, periode.annee),
                connue.valeur, connue.commentaire))
    return lignes


def lignes_fiches(fiches: list[Fiche]) -> list[LigneFiche]:
    return [LigneFiche(f.id, f.titre, f.statut, f.fin, max(f.notes_suivi, key=lambda n: n.date, default=None))
            for f in fiches]
