"""The rule registry: one decorator registers a rule and refuses a duplicate code.

A rule is data (code, slug, default severity, what it checks) plus one
function that yields `Constat`s; its docstring, in French Markdown, is its
only documentation: `sus regles CODE` shows it.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from sus_cli.diagnostics import Constat

if TYPE_CHECKING:
    from sus_cli.engine import Contexte
    from sus_cli.loading.documents import Document

Cible = Literal["fiche", "config", "tous", "revue"]  # "revue": two versions, run by `sus revue`
Verification = Callable[["Document", "Contexte"], Iterator[Constat]]


@dataclass(frozen=True, slots=True)
class Regle:
    code: str
    slug: str
    severite: str  # default: "error" or "warning"
    cible: Cible
    verifier: Verification
    doc: str
    # Phase 2 rules read the diagnostics of phase 1 (SUS604, SUS700).
    phase: int = 1
    ignorable: bool = True
    # A rule that compares files (SUS300, SUS301, SUS303) runs once every file
    # is read, on their summaries (resumes.Resume), as phase 2 rules do; the
    # others read one document, whose own results are what the cache keeps.
    ensemble: bool = False

    @property
    def sur_resume(self) -> bool:
        """It reads a resumes.Resume (not a Document): it runs after every file is read."""
        return self.ensemble or self.phase == 2

    @property
    def resume(self) -> str:
        return self.doc.strip().splitlines()[0]


REGLES: dict[str, Regle] = {}


def regle(code: str, slug: str, severite: str, cible: Cible = "fiche", phase: int = 1,
          ignorable: bool = True, ensemble: bool = False) -> Callable[[Verification], Verification]:
    def enregistrer(fonction: Verification) -> Verification:
        if code in REGLES:
            raise ValueError(f"code de règle en double : {code}")
        if severite not in ("error", "warning"):
            raise ValueError(f"{code}: sévérité inconnue {severite}")
        doc = inspect.getdoc(fonction)
        if not doc:
            raise ValueError(f"{code}: la règle doit être documentée")
        REGLES[code] = Regle(code, slug, severite, cible, fonction, doc, phase, ignorable, ensemble)
        return fonction
    return enregistrer


def toutes() -> dict[str, Regle]:
    """Every rule, by code (importing the rule modules registers them)."""
    from sus_cli.rules import (content, followup, indicators, meta,  # noqa: F401
                               references, revue, schema, syntax)
    return dict(sorted(REGLES.items()))
