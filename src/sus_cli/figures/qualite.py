"""Figures of the fiches' quality, from `sus validate`'s diagnostics (the bilan's annex)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sus_cli.diagnostics import Diagnostic


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
    lignes = tuple(LigneQualite(code, slugs[code], resumes.get(code, ""), severites[code], n, len(fiches[code]))
                   for code, n in sorted(compte.items()))
    return Qualite(sum(d.severity == "error" for d in diagnostics), sum(d.severity == "warning" for d in diagnostics),
                   len({d.path for d in diagnostics if d.severity == "error"}), lignes)
