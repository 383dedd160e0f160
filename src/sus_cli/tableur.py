"""Cells of the spreadsheets and CSV files sus writes: text stays text.

A fiche's title is untrusted input. Written as-is, `=HYPERLINK(…)` would
become a live formula in the XLSX (openpyxl stores any string starting with
`=` as one) and in a spreadsheet opening the CSV. Following OWASP's CSV
injection guidance, text cells are typed as text in XLSX, and in CSV a text
that a spreadsheet would read as a formula is prefixed with `'`. Control
characters other than line breaks and tabs are written visibly (`\x1b`):
XLSX refuses them, and a CSV is often read in a terminal.
"""

from __future__ import annotations

import datetime as dt
import re

from sus_cli.echappement import lignes

# `=`, `+`, `@`, tab and carriage return start a formula or a DDE payload;
# `-` does too unless it starts a plain negative number.
_FORMULE = re.compile(r"^(?:[=+@\t\r]|-(?![0-9][0-9 .,\u202f\u00a0]*$))")


def ressemble_a_une_formule(texte: str) -> bool:
    return bool(_FORMULE.match(texte))


def texte_csv(texte: str) -> str:
    """A text as a CSV cell a spreadsheet shows as text, never runs."""
    return "'" + texte if ressemble_a_une_formule(texte) else texte


def cellule_csv(valeur) -> str:
    """A value for a French spreadsheet: decimal comma, oui/non, dates AAAA-MM-JJ."""
    if valeur is None:
        return ""
    if isinstance(valeur, bool):
        return "oui" if valeur else "non"
    if isinstance(valeur, float):
        return (str(int(valeur)) if valeur.is_integer() else repr(valeur)).replace(".", ",")
    if isinstance(valeur, (int, dt.date)):
        return valeur.isoformat() if isinstance(valeur, dt.date) else str(valeur)
    return texte_csv(lignes(valeur))


def valeur_xlsx(valeur):
    """A value for an XLSX cell: booleans as oui/non, the rest as it is."""
    if valeur is True:
        return "oui"
    if valeur is False:
        return "non"
    return lignes(valeur) if isinstance(valeur, str) else valeur


def typer_texte(cellule) -> None:
    """Mark a cell holding a string as text: openpyxl would otherwise save
    a string starting with `=` as a formula."""
    if isinstance(cellule.value, str):
        cellule.data_type = "s"


def cellule(feuille, valeur, style: str | None = None):
    """What to append to `feuille` (write-only or not) for one cell: the plain
    value when that is safe (the cheap path), else a cell with its text typed
    as text and its named style."""
    valeur = valeur_xlsx(valeur)
    if style is None and not (isinstance(valeur, str) and valeur.startswith("=")):
        return valeur
    from openpyxl.cell import WriteOnlyCell

    resultat = WriteOnlyCell(feuille, valeur)
    typer_texte(resultat)
    if style is not None:
        resultat.style = style
    return resultat
