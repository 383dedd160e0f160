"""What every check produces: a finding from a rule, and the stamped diagnostic."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# A key path into a YAML document, as pydantic's `loc`: ("indicateurs", 0, "cibles").
Chemin = tuple[Any, ...]

SEVERITES = ("error", "warning")


@dataclass(frozen=True, slots=True)
class Constat:
    """A finding: what a rule says and where.

    A rule gives either a key path (`chemin`, resolved to a line and column
    by the engine from the YAML nodes) or a position in the file (`ligne`,
    `colonne`, 1-based). `cle=True` points at the key rather than its value.
    """

    message: str
    chemin: Chemin | None = None
    ligne: int | None = None
    colonne: int | None = None
    cle: bool = False
    type: str | None = None  # pydantic's error type, kept for JSON output


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A finding stamped by the engine with its file, rule and severity."""

    path: str
    line: int
    column: int
    code: str
    severity: str
    message: str
    fiche: str | None = None
    slug: str = ""
    type: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code, self.message)
