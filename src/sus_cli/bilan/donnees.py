"""Everything a bilan shows, gathered once from a loaded repository."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sus_cli.figures.qualite import Qualite, qualifier
from sus_cli.figures.schema import ChiffresSchema, chiffrer_schema
from sus_cli.loading.repository import Depot


@dataclass(frozen=True, slots=True)
class DonneesBilan:
    """The variables every bilan template receives (see docs/templates.md)."""

    bilan: ChiffresSchema
    qualite: Qualite
    genere_le: dt.date
    source: str = "l'arbre de travail"  # or "le commit … du …" (sus bilan --au)
    non_commitees: tuple[str, ...] = ()  # schéma files changed and not committed

    @property
    def annee(self) -> int:
        return self.bilan.annee

    @property
    def schema(self):
        return self.bilan.config.schema_


def preparer(depot: Depot, annee: int, genere_le: dt.date, source: str = "l'arbre de travail",
             non_commitees: list[str] | None = None) -> DonneesBilan:
    from sus_cli.engine import verifier
    from sus_cli.rules.registry import toutes

    diagnostics = verifier(depot, genere_le)
    chiffres = chiffrer_schema(depot.config, depot.a_chiffrer(), annee)
    resumes = {code: r.resume for code, r in toutes().items()}
    return DonneesBilan(chiffres, qualifier(diagnostics, resumes), genere_le, source, tuple(non_commitees or ()))
