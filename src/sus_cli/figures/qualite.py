"""Figures of the fiches' quality, from `sus validate`'s diagnostics (the bilan's annex)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sus_cli.diagnostics import Diagnostic

# For the bilan's readers: the rules whose summary names a YAML key or a command, in plain words.
EN_MOTS = {
    "SUS101": "Une même information est écrite deux fois dans l'en-tête de la fiche.",
    "SUS102": "L'en-tête de la fiche utilise une écriture abrégée refusée (renvoi vers un autre passage).",
    "SUS303": "La liste des relecteurs de chaque fiche n'est plus à jour.",
    "SUS403": "Un indicateur mélange des valeurs oui/non et des nombres, ou un livrable a des nombres.",
    "SUS700": "Une exception à une vérification est déclarée alors qu'elle ne sert plus.",
    "SUS701": "Une exception cite une vérification inconnue ou qu'on ne peut pas suspendre.",
    "SUS801": "Une fiche est notée validée sans dire par qui et quand, ou à une date future.",
}


@dataclass(frozen=True, slots=True)
class LigneQualite:
    code: str
    slug: str
    resume: str
    severite: str
    diagnostics: int
    fiches: int


@dataclass(frozen=True, slots=True)
class Qualite:
    erreurs: int
    avertissements: int
    fiches_avec_erreurs: int
    regles: tuple[LigneQualite, ...]


def qualifier(diagnostics: list[Diagnostic], resumes: dict[str, str]) -> Qualite:
    compte = Counter(d.code for d in diagnostics)
    fiches: dict[str, set] = {}
    for d in diagnostics:
        fiches.setdefault(d.code, set()).add(d.path)
    severites = {d.code: d.severity for d in diagnostics}
    slugs = {d.code: d.slug for d in diagnostics}
    lignes = tuple(LigneQualite(code, slugs[code], EN_MOTS.get(code, resumes.get(code, "")), severites[code], n,
                                len(fiches[code]))
                   for code, n in sorted(compte.items()))
    return Qualite(sum(d.severity == "error" for d in diagnostics), sum(d.severity == "warning" for d in diagnostics),
                   len({d.path for d in diagnostics if d.severity == "error"}), lignes)
