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


def rapporteurs() -> dict[str, Rapporteur]:
    from sus_cli.reporters import github, gitlab, json_report, text
    return {"texte": text.rapporter, "json": json_report.rapporter,
            "github": github.rapporter, "gitlab": gitlab.rapporter}


FORMATS = ("texte", "json", "github", "gitlab")


def statistiques(diagnostics: list[Diagnostic]) -> dict[str, int]:
    compte: dict[str, int] = {}
    for d in diagnostics:
        compte[d.code] = compte.get(d.code, 0) + 1
    return dict(sorted(compte.items()))
