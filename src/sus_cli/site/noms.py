"""The file names of the pages. A fiche id follows the contract's pattern,
but a direction code is any text without spaces (`sus.yaml` is untrusted):
a name keeps the code when it is plain letters, digits, `_` and `-`, and is
made from it otherwise. Names are unique without regard to case (Windows
and macOS file systems ignore it), so no page ever replaces another."""

from __future__ import annotations

import hashlib
import re

from sus_cli.francais import sans_accents

_SIMPLE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,59}")


# Names Windows keeps for devices, whatever their extension.
_RESERVES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}


def _base(code: str) -> str:
    if _SIMPLE.fullmatch(code) and ".." not in code:
        return code + "-" if code.split(".")[0].upper() in _RESERVES else code
    lisible = re.sub(r"[^a-z0-9]+", "-", sans_accents(code)).strip("-")[:40] or "page"
    return f"{lisible}-{hashlib.sha1(code.encode('utf-8')).hexdigest()[:6]}"


class Noms:
    """Allocates unique file names for codes, in the order asked."""

    def __init__(self):
        self._pris: set[str] = set()

    def nom(self, code: str) -> str:
        base = _base(code)
        nom, rang = base, 1
        while nom.casefold() in self._pris:
            rang += 1
            nom = f"{base}-{rang}"
        self._pris.add(nom.casefold())
        return nom
