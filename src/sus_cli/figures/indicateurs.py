"""Figures of one indicator for a year: value, previous value, target, attainment."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sus_cli.model.fiche import Indicateur, ValeurDetaillee

_TRIMESTRE = re.compile(r"^(\d{4})-T([1-4])$")


@dataclass(frozen=True, slots=True)
class Valeur:
    """A value found for a year, with where it comes from."""

    valeur: int | float | bool | None
    periode: str | None = None  # "2024" or "2024-T3"
    commentaire: str | None = None
    estimation: bool = False


def _lire(brute) -> Valeur:
    if isinstance(brute, ValeurDetaillee):
        return Valeur(brute.valeur, None, brute.commentaire, brute.estimation)
    return Valeur(brute)


def valeur_annee(indicateur: Indicateur, annee: int) -> Valeur:
    """The value at period `annee` if present; otherwise the latest quarter
    of that year that has one; otherwise none (with the year's comment, if any).

    A detailed value without `valeur` ("not available") counts as absent,
    but its comment is kept: it explains the gap.
    """
    commentaire = None
    annuelle = indicateur.valeurs.get(str(annee))
    if annuelle is not None:
        lue = _lire(annuelle)
        if lue.valeur is not None:
            return Valeur(lue.valeur, str(annee), lue.commentaire, lue.estimation)
        commentaire = lue.commentaire
    for trimestre in (4, 3, 2, 1):
        periode = f"{annee}-T{trimestre}"
        brute = indicateur.valeurs.get(periode)
        if brute is not None:
            lue = _lire(brute)
            if lue.valeur is not None:
                return Valeur(lue.valeur, periode, lue.commentaire or commentaire, lue.estimation)
            commentaire = commentaire or lue.commentaire
    return Valeur(None, None, commentaire)


def cible_annee(indicateur: Indicateur, annee: int) -> int | float | None:
    """cibles[annee]; otherwise the target of the smallest later year;
    otherwise the target of the largest year; otherwise none."""
    cibles = indicateur.cibles
    if not cibles:
        return None
    if annee in cibles:
        return cibles[annee]
    plus_tard = [a for a in cibles if a > annee]
    return cibles[min(plus_tard)] if plus_tard else cibles[max(cibles)]


def _borner(x: float) -> float:
    return min(1.0, max(0.0, x))


def atteinte(valeur, cible, reference=None, sens: str | None = "hausse") -> float | None:
    """Attainment in [0, 1], or None (contract §4, rules applied in order)."""
    if valeur is None or cible is None:
        return None
    if isinstance(valeur, bool):
        return 1.0 if valeur else 0.0
    baisse = sens == "baisse"
    if (valeur <= cible) if baisse else (valeur >= cible):
        return 1.0
    if isinstance(reference, (int, float)) and not isinstance(reference, bool):
        if (reference > cible) if baisse else (reference < cible):
            return _borner((valeur - reference) / (cible - reference))
    if not baisse and cible > 0:
        return _borner(valeur / cible)
    return 0.0


def raison_non_calculable(valeur: Valeur, cible) -> str | None:
    """Why an attainment is "n.c.", in French, or None when it is computable."""
    if valeur.valeur is None and cible is None:
        return "ni valeur ni cible"
    if valeur.valeur is None:
        return "pas de valeur pour l'année"
    if cible is None:
        return "pas de cible"
    return None


@dataclass(frozen=True, slots=True)
class ChiffresIndicateur:
    id: str
    libelle: str
    unite: str
    sens: str | None
    type: str | None
    reference: int | float | bool | None
    reference_annee: int | None
    valeur: Valeur
    valeur_precedente: Valeur
    cible: int | float | None
    atteinte: float | None
    raison: str | None  # why attainment is not computable


def chiffrer_indicateur(indicateur: Indicateur, annee: int) -> ChiffresIndicateur:
    valeur = valeur_annee(indicateur, annee)
    cible = cible_annee(indicateur, annee)
    reference = indicateur.reference
    return ChiffresIndicateur(
        indicateur.id, indicateur.libelle, indicateur.unite, indicateur.sens, indicateur.type,
        reference.valeur if reference else None, reference.annee if reference else None,
        valeur, valeur_annee(indicateur, annee - 1), cible,
        atteinte(valeur.valeur, cible, reference.valeur if reference else None, indicateur.sens or "hausse"),
        raison_non_calculable(valeur, cible))
