"""French words and notation for everything a person reads: the labels of
the contract's codes (statuts, validation states), numbers, amounts, dates
and plurals. One place, so that the terminal, the documents, the
spreadsheets and the site say the same thing."""

from __future__ import annotations

import datetime as dt
import unicodedata

STATUTS = {"a_venir": "À venir", "en_cours": "En cours", "realisee": "Réalisée", "en_pause": "En pause",
           "bloquee": "Bloquée", "abandonnee": "Abandonnée", "a_discuter": "À discuter",
           "non_renseigne": "Non renseigné", None: "Non renseigné"}
VALIDATIONS = {"brouillon": "Brouillon", "soumise": "Soumise", "validee": "Validée"}
MOIS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
        "novembre", "décembre")
ESPACE_FINE = "\u202f"  # between thousands
ESPACE_INSECABLE = "\u00a0"  # before a unit


def statut(code: str | None) -> str:
    return STATUTS.get(code, code or "")


def validation(code: str | None) -> str:
    return VALIDATIONS.get(code, code or "")


def nombre(x, decimales: int = 2) -> str:
    """`1234.5` → « 1 234,5 » ; a boolean → oui/non ; None → « — »."""
    if x is None:
        return "—"
    if isinstance(x, bool):
        return "oui" if x else "non"
    if isinstance(x, float) and x.is_integer():
        x = int(x)
    texte = f"{x:,}" if isinstance(x, int) else f"{x:,.{decimales}f}".rstrip("0").rstrip(".")
    return texte.replace(",", ESPACE_FINE).replace(".", ",")


def pourcent(x, decimales: int = 0) -> str:
    """An attainment or a rate in [0, 1] as a percentage; None → « n.c. »."""
    if x is None:
        return "n.c."
    return f"{x * 100:.{decimales}f}".replace(".", ",") + ESPACE_INSECABLE + "%"


def euros(x) -> str:
    return "—" if x is None else f"{nombre(x)}{ESPACE_INSECABLE}€"


def valeur(x, unite: str | None = None) -> str:
    """An indicator value with its unit when the unit is a symbol (%, €)."""
    if x is None:
        return "—"
    if isinstance(x, bool) or unite in (None, "nombre", "livrable"):
        return nombre(x)
    return f"{nombre(x)}{ESPACE_INSECABLE}{unite}" if unite in ("%", "€") else nombre(x)


def date(d: dt.date | None) -> str:
    """« 1er mars 2024 », « 15 mars 2024 » ; None → « — »."""
    if d is None:
        return "—"
    return f"{'1er' if d.day == 1 else d.day} {MOIS[d.month - 1]} {d.year}"


def pluriel(n: int, singulier: str, pluriel_: str | None = None) -> str:
    """« 1 fiche », « 3 fiches », « 0 fiche » (French: 0 and 1 take the singular)."""
    return f"{n} {singulier if abs(n) < 2 else (pluriel_ or singulier + 's')}"


def sans_accents(texte: str) -> str:
    """Lower case, no accents, one apostrophe: `Numérique` and `numerique`, `d’accès` and
    `d'acces` compare equal."""
    return "".join(c for c in unicodedata.normalize("NFKD", texte)
                   if not unicodedata.combining(c)).casefold().replace("\u2019", "'")


def taille(octets: int) -> str:
    """A file's size: « 820 octets », « 12 Ko », « 1,2 Mo »."""
    if octets < 1024:
        return pluriel(octets, "octet")
    if octets < 1024 * 1024:
        return f"{nombre(round(octets / 1024))}{ESPACE_INSECABLE}Ko"
    return f"{nombre(round(octets / 1024 / 1024, 1))}{ESPACE_INSECABLE}Mo"
