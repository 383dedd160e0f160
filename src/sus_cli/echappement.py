"""Text from a fiche shown on a terminal, in a CI log or in Markdown: its
control characters are shown, never obeyed.

A fiche is untrusted input. Printed raw, `ESC [2J` clears the screen and
`ESC ]0;…` sets the terminal's title; a carriage return rewrites the line;
a line break starts a new line, where `::error file=…` is a GitHub Actions
workflow command. Every text output passes user text through these
functions, which write such characters as `\\x1b`, `\\r`, `\\n`.
"""

from __future__ import annotations

import re

# C0 (tab and line breaks included), DEL, C1 (NEL included), and the Unicode
# line and paragraph separators. model/types.py refuses the same set in
# names and titles (a test checks the two agree).
CONTROLES = "[\x00-\x1f\x7f-\x9f\u2028\u2029]"
_CONTROLES = re.compile(CONTROLES)
_CONTROLES_HORS_LIGNES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_NOMS = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _visible(m: re.Match) -> str:
    c = m.group()
    return _NOMS.get(c) or (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")


def caractere_de_controle(texte: str) -> str | None:
    """The first control character of `texte`, or None."""
    m = _CONTROLES.search(texte)
    return m.group() if m else None


def une_ligne(texte: object) -> str:
    """One line of text: every control character, line breaks included, made visible."""
    return _CONTROLES.sub(_visible, str(texte))


def lignes(texte: object) -> str:
    """Text on several lines: line breaks and tabs kept, other control characters made visible."""
    return _CONTROLES_HORS_LIGNES.sub(_visible, str(texte))


def code_markdown(texte: object) -> str:
    """`texte` as a Markdown code span that nothing in it can end or break."""
    texte = une_ligne(texte)
    longueur = max((len(m) for m in re.findall(r"`+", texte)), default=0) + 1
    bord = " " if texte.startswith("`") or texte.endswith("`") else ""
    return f"{'`' * longueur}{bord}{texte}{bord}{'`' * longueur}"
