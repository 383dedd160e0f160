"""What a person typed (in a spreadsheet cell or at the terminal) → a value.

French notation is the rule: `1 234,5`, `1 234,5 €`, `12,5 %`, `oui`/`non`
for a deliverable. Every refusal says, in French, what to write instead.
"""

from __future__ import annotations

import datetime as dt
import re

# The bound of the fiches' numbers (docs/extensions.md): beyond it a value
# is a typing mistake, and floats lose their units digit.
from sus_cli.model.types import NOMBRE_MAX, PERIODE

OUI = {"oui", "o", "vrai", "true", "x", "fait", "faite"}
NON = {"non", "n", "faux", "false"}
_ESPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_NOMBRE = re.compile(r"^[-+−]?(?:\d+(?:[.,]\d*)?|[.,]\d+)$")
_DATE = re.compile(r"^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}$")


class SaisieInvalide(ValueError):
    """A typed value that cannot be read: its message says what to write."""


def est_livrable(unite: str) -> bool:
    return unite.strip().lower() == "livrable"


def est_pourcentage(unite: str) -> bool:
    return unite.strip() in ("%", "pourcentage", "pourcent")


def _borne(x: int | float) -> int | float:
    if abs(x) > NOMBRE_MAX:
        raise SaisieInvalide(f"nombre trop grand ({x:.3g}) : au plus {NOMBRE_MAX:.0e} en valeur absolue")
    if isinstance(x, float) and x.is_integer():
        return int(x)
    return x


def lire_nombre(texte: str, unite: str = "nombre") -> int | float:
    """A number written the French way (or the English way: `40.5`)."""
    brut = texte.strip()
    if _DATE.match(brut):
        raise SaisieInvalide(f"« {brut} » ressemble à une date : écrivez un nombre")
    propre = _ESPACES.sub("", brut)
    symbole = ""
    if propre.endswith(("%", "€")):
        symbole, propre = propre[-1], propre[:-1]
    elif propre.lower().endswith("euros"):
        symbole, propre = "€", propre[:-5]
    if symbole == "%" and not est_pourcentage(unite):
        raise SaisieInvalide(f"« {brut} » : l'unité de cet indicateur est « {unite} », pas « % » ; "
                             "écrivez le nombre seul")
    if propre.count(",") + propre.count(".") > 1:
        raise SaisieInvalide(f"« {brut} » n'est pas un nombre lisible : écrivez par exemple 1234,5 "
                             "(une seule virgule, pour les décimales)")
    if not _NOMBRE.match(propre):
        raise SaisieInvalide(f"« {brut} » n'est pas un nombre : écrivez par exemple 1 234,5"
                             + (" ou 12,5 %" if est_pourcentage(unite) else ""))
    propre = propre.replace("−", "-").replace(",", ".")
    try:
        valeur = float(propre) if "." in propre else int(propre)
    except ValueError:
        raise SaisieInvalide(f"« {brut} » n'est pas un nombre") from None
    return _borne(valeur)


def lire_valeur(brute, unite: str, pourcentage_excel: bool = False) -> int | float | bool:
    """An indicator value from a cell or the terminal, for an indicator of `unite`.

    `pourcentage_excel`: the cell is formatted as a percentage, so 0.125 is
    what a person typed as 12,5 %.
    """
    if isinstance(brute, (dt.date, dt.datetime, dt.time)):
        raise SaisieInvalide("une date n'est pas une valeur d'indicateur : écrivez un nombre"
                             + (" ou oui/non" if est_livrable(unite) else ""))
    if est_livrable(unite):
        if isinstance(brute, bool):
            return brute
        mot = str(brute).strip().lower()
        if mot in OUI:
            return True
        if mot in NON:
            return False
        raise SaisieInvalide(f"« {brute} » : cet indicateur est un livrable, écrivez « oui » ou « non »")
    if isinstance(brute, bool) or (isinstance(brute, str) and brute.strip().lower() in OUI | NON):
        raise SaisieInvalide(f"« {brute} » : cet indicateur attend un nombre (unité « {unite} »), pas oui/non")
    if isinstance(brute, (int, float)):
        if brute != brute or brute in (float("inf"), float("-inf")):
            raise SaisieInvalide("nombre invalide")
        if pourcentage_excel and est_pourcentage(unite):
            brute = round(brute * 100, 10)
        return _borne(brute)
    return lire_nombre(str(brute), unite)


def lire_avancement(brute) -> int:
    """An avancement: a whole number from 0 to 100 (`50`, `50 %`)."""
    try:
        valeur = brute if isinstance(brute, (int, float)) and not isinstance(brute, bool) else lire_nombre(
            str(brute), "%")
    except SaisieInvalide:
        raise SaisieInvalide(f"avancement « {brute} » : écrivez un nombre entier de 0 à 100") from None
    if not (0 <= valeur <= 100) or (isinstance(valeur, float) and not valeur.is_integer()):
        raise SaisieInvalide(f"avancement « {brute} » : écrivez un nombre entier de 0 à 100")
    return int(valeur)


def lire_periode(texte, debut: int, fin: int) -> str:
    """`2024` or `2024-T3` (also `2024-t3`, `2024 T3`), within the schéma's years."""
    brut = str(texte).strip().upper().replace(" ", "-")
    if isinstance(texte, float) and texte.is_integer():
        brut = str(int(texte))
    if not PERIODE.match(brut):
        raise SaisieInvalide(f"période « {texte} » invalide : une année (2024) ou un trimestre (2024-T3)")
    annee = int(brut[:4])
    if not debut <= annee <= fin:
        raise SaisieInvalide(f"période {brut} hors du schéma ({debut}-{fin})")
    return brut
