"""The words and forms of the contract that need no model: fiche ids, periods,
statuts, rule codes, and "did you mean". Importing this does not import
pydantic: the rules and the figures read it on the fast path of `sus validate`."""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Any

ID_FICHE = r"^[A-Z][A-Z0-9]{0,9}-[1-9][0-9]*\.[1-9][0-9]*\.[1-9][0-9]*$"
ID_INDICATEUR = r"^[a-z0-9][a-z0-9-]*$"
CODE_REGLE = r"^SUS\d{3}$"
_ID = re.compile(r"^([A-Z][A-Z0-9]{0,9})-([1-9][0-9]*)\.([1-9][0-9]*)\.([1-9][0-9]*)$")  # ID_FICHE, with groups

STATUTS = ("a_venir", "en_cours", "realisee", "en_pause", "bloquee", "abandonnee", "a_discuter")

PERIODE = re.compile(r"^(\d{4})(?:-T([1-4]))?$")


def decomposer_id(identifiant: str) -> tuple[str, int, int, int] | None:
    """`TR-6.2.1` → ("TR", 6, 2, 1); None when it is not a fiche id."""
    m = _ID.match(identifiant)
    if not m:
        return None
    return m.group(1), int(m.group(2)), int(m.group(3)), int(m.group(4))


def ordre_periode(periode: str) -> tuple[str, str]:
    """Sort key of periods: a year's quarters first, then the year itself."""
    return periode[:4], periode[5:] or "T9"


def _sans_accents(texte: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", texte) if not unicodedata.combining(c)).lower()


def suggestion(mot: Any, possibles: list[str]) -> str | None:
    """The closest allowed word, ignoring case and accents (`réalisée` → `realisee`)."""
    if not isinstance(mot, str) or not possibles:
        return None
    normalises = {_sans_accents(p): p for p in possibles}
    cle = _sans_accents(mot).replace(" ", "_").replace("-", "_")
    if cle in normalises:
        return normalises[cle]
    proches = difflib.get_close_matches(cle, list(normalises), n=1, cutoff=0.7)
    return normalises[proches[0]] if proches else None
