"""Output formats of `sus validate`: small functions in a registry; the
`--format` choices are built from it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from sus_cli.diagnostics import Diagnostic


@dataclass(slots=True)
class Resultat:
    diagnostics: list[Diagnostic]
    fiches: int  # .md files read under fiches/, parsed or not
    statistiques: bool = False

    def compte(self, severite: str) -> int:
        return sum(1 for d in self.diagnostics if d.severity == severite)


Rapporteur = Callable[[Resultat, TextIO], None]


# --format value → the module that writes it (only the one chosen is imported).
_MODULES = {"texte": "text", "json": "json_report", "github": "github", "gitlab": "gitlab"}
FORMATS = tuple(_MODULES)


def rapporteur(format_: str) -> Rapporteur:
    import importlib
    return importlib.import_module(f"sus_cli.reporters.{_MODULES[format_]}").rapporter


def statistiques(diagnostics: list[Diagnostic]) -> dict[str, int]:
    compte: dict[str, int] = {}
    for d in diagnostics:
        compte[d.code] = compte.get(d.code, 0) + 1
    return dict(sorted(compte.items()))
