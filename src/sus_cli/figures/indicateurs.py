"""Figures of one indicator for a year: value, previous value, target, attainment."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sus_cli.model.vocabulaire import PERIODE as _PERIODE
from sus_cli.model.vocabulaire import ordre_periode

if TYPE_CHECKING:  # the models are not imported to read a fiche's figures
    from sus_cli.model.fiche import Indicateur


@dataclass(frozen=True, slots=True)
class Valeur:
    """A value found for a year, with where it comes from."""

    valeur: int | float | bool | None
    periode: str | None = None  # "2024" or "2024-T3"
    commentaire: str | None = None
    estimation: bool = False


def _lire(brute) -> Valeur:
    if isinstance(brute, (bool, int, float)):  # a plain value; else a model.fiche.ValeurDetaillee
        return Valeur(brute)
    return Valeur(brute.valeur, None, brute.commentaire, brute.estimation)


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


def valeur_a_la_periode(indicateur: Indicateur, periode: str) -> Valeur:
    """What the fiche holds at exactly `periode` (value, comment, estimation)."""
    brute = indicateur.valeurs.get(periode)
    if brute is None:
        return Valeur(None)
    lue = _lire(brute)
    return Valeur(lue.valeur, periode, lue.commentaire, lue.estimation)


def valeur_precedente(indicateur: Indicateur, periode: str) -> Valeur:
    """What was known before `periode`: for a year, the previous year's value
    (contract §4); for a quarter, the latest earlier period that has a value."""
    if "-T" not in periode:
        return valeur_annee(indicateur, int(periode) - 1)
    rang = ordre_periode(periode)
    for avant in sorted(indicateur.valeurs, key=ordre_periode, reverse=True):
        if ordre_periode(avant) < rang:
            lue = _lire(indicateur.valeurs[avant])
            if lue.valeur is not None:
                return Valeur(lue.valeur, avant, lue.commentaire, lue.estimation)
    return Valeur(None)


def annee_de_la_cible(indicateur: Indicateur, annee: int) -> int | None:
    """The year whose target applies to `annee`: `annee` itself if it has
    one; otherwise the smallest later year; otherwise the largest year."""
    cibles = indicateur.cibles
    if not cibles:
        return None
    if annee in cibles:
        return annee
    plus_tard = [a for a in cibles if a > annee]
    return min(plus_tard) if plus_tard else max(cibles)


def cible_annee(indicateur: Indicateur, annee: int) -> int | float | None:
    """The target for `annee` (contract §4), from `annee_de_la_cible`."""
    source = annee_de_la_cible(indicateur, annee)
    return None if source is None else indicateur.cibles[source]


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
class PointSerie:
    """One period of an indicator's series; `valeur` is None when the data is
    not available (the comment says why)."""

    periode: str  # "2024" or "2024-T3"
    annee: int
    trimestre: int | None  # 1 to 4, or None for a year
    valeur: int | float | bool | None
    commentaire: str | None = None
    estimation: bool = False


@dataclass(frozen=True, slots=True)
class Serie:
    """An indicator's values over the periods up to a year, with its baseline
    and the target that applies to that year: what a chart of it shows."""

    libelle: str
    unite: str
    sens: str | None
    annee: int  # the year the series is read for (the bilan's)
    points: tuple[PointSerie, ...]  # periods up to `annee`, in time order
    reference: tuple[int, int | float | bool] | None  # (year, value)
    cible: int | float | None
    annee_cible: int | None

    @property
    def livrable(self) -> bool:
        return self.unite == "livrable" or any(isinstance(p.valeur, bool) for p in self.points)

    @property
    def renseignes(self) -> tuple[PointSerie, ...]:
        return tuple(p for p in self.points if p.valeur is not None)


def serie(indicateur: Indicateur, annee: int) -> Serie:
    """The values of the periods up to `annee` (later ones are not known yet
    at the time of that year's bilan), in time order."""
    points = []
    for periode in sorted(indicateur.valeurs, key=ordre_periode):
        m = _PERIODE.match(periode)
        if m is None or int(m.group(1)) > annee:
            continue
        lue = _lire(indicateur.valeurs[periode])
        points.append(PointSerie(periode, int(m.group(1)), int(m.group(2)) if m.group(2) else None, lue.valeur,
                                 lue.commentaire, lue.estimation))
    reference = indicateur.reference
    choisie = annee_de_la_cible(indicateur, annee)
    return Serie(indicateur.libelle, indicateur.unite, indicateur.sens, annee, tuple(points),
                 (reference.annee, reference.valeur) if reference else None,
                 None if choisie is None else indicateur.cibles[choisie], choisie)


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
    annee_cible: int | None = None  # the year of `cible` (a later year's target may apply)
    serie: Serie | None = None  # the values over the periods, for charts


def chiffrer_indicateur(indicateur: Indicateur, annee: int) -> ChiffresIndicateur:
    valeur = valeur_annee(indicateur, annee)
    cible = cible_annee(indicateur, annee)
    reference = indicateur.reference
    return ChiffresIndicateur(
        indicateur.id, indicateur.libelle, indicateur.unite, indicateur.sens, indicateur.type,
        reference.valeur if reference else None, reference.annee if reference else None,
        valeur, valeur_annee(indicateur, annee - 1), cible,
        atteinte(valeur.valeur, cible, reference.valeur if reference else None, indicateur.sens or "hausse"),
        raison_non_calculable(valeur, cible), annee_de_la_cible(indicateur, annee), serie(indicateur, annee))
