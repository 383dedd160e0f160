"""Pydantic's errors in French, with "did you mean" suggestions.

Pydantic gives an error `type`, a `loc` (key path) and a `ctx`; this module
turns them into a sentence a civil servant can act on. The `type` is kept
for JSON output.
"""

from __future__ import annotations

import re
import typing
from typing import Any

from pydantic import BaseModel

from sus_cli.model.vocabulaire import suggestion

_MESSAGES: dict[str, str] = {
    "missing": "clé obligatoire manquante : « {cle} »",
    "string_type": "texte attendu",
    "string_too_short": "texte vide : écrivez une valeur",
    "string_too_long": "texte trop long : {max_length} caractères au plus",
    "int_type": "nombre entier attendu",
    "int_parsing": "nombre entier attendu",
    "int_from_float": "nombre entier attendu (sans décimale)",
    "float_type": "nombre attendu",
    "float_parsing": "nombre attendu",
    "bool_type": "vrai ou faux attendu (true / false)",
    "bool_parsing": "vrai ou faux attendu (true / false)",
    "list_type": "liste attendue (des lignes commençant par « - », ou [a, b])",
    "dict_type": "dictionnaire attendu (des lignes « clé: valeur »)",
    "model_type": "dictionnaire attendu (des lignes « clé: valeur »)",
    "model_attributes_type": "dictionnaire attendu (des lignes « clé: valeur »)",
    "date_type": "date attendue au format AAAA-MM-JJ",
    "date_parsing": "date « {valeur} » invalide : format AAAA-MM-JJ attendu",
    "date_from_datetime_parsing": "date « {valeur} » invalide : format AAAA-MM-JJ attendu",
    "date_from_datetime_inexact": "date attendue, sans heure",
    "greater_than": "valeur trop petite : doit être supérieure à {gt}",
    "greater_than_equal": "valeur trop petite : doit être au moins {ge}",
    "less_than": "valeur trop grande : doit être inférieure à {lt}",
    "less_than_equal": "valeur trop grande : doit être au plus {le}",
    "finite_number": "nombre fini attendu (pas .nan ni .inf)",
    "invalid_key": "les clés doivent être du texte : « {valeur} » n'en est pas",
    "none_required": "aucune valeur attendue",
}

_MOTIFS = {
    r"^[A-Z][A-Z0-9]{0,9}-": "identifiant de fiche « {valeur} » invalide : forme attendue VOLET-axe.objectif.rang, "
                             "par exemple TR-6.2.1",
    r"^[a-z0-9]": "identifiant « {valeur} » invalide : minuscules sans accent, chiffres et tirets, par exemple "
                  "« fiches-validees »",
    r"^SUS": "code de règle « {valeur} » invalide : forme attendue SUS400",
    r"^[A-Z][A-Z0-9]{0,9}$": "code de volet « {valeur} » invalide : majuscules et chiffres, 10 au plus, "
                             "par exemple « TR »",
    r"^([A-Za-z0-9_]": "logo « {valeur} » invalide : le chemin d'une image png, jpg, svg, webp ou gif dans le "
                       "dépôt, depuis le dossier de sus.yaml, sans « .. », par exemple images/logo.svg",
    r"^#[0-9A-Fa-f]": "couleur « {valeur} » invalide : six chiffres hexadécimaux après #, par exemple #00609c",
    r"\S": "texte vide : écrivez une valeur",
}


def _modele_enfant(annotation: Any) -> type[BaseModel] | None:
    """The model class inside an annotation such as `list[Indicateur] | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in typing.get_args(annotation):
        trouve = _modele_enfant(argument)
        if trouve is not None:
            return trouve
    return None


def modele_a(modele: type[BaseModel], chemin: tuple) -> type[BaseModel] | None:
    """The model that holds the mapping at `chemin` (for the list of its keys)."""
    courant: type[BaseModel] | None = modele
    for element in chemin:
        if courant is None:
            return None
        if isinstance(element, str):
            champ = _champ(courant, element)
            if champ is not None:
                courant = _modele_enfant(champ.annotation)
        # int indexes and dict keys keep the same model (list items, dict values)
    return courant


def _champ(modele: type[BaseModel], nom: str):
    for cle, champ in modele.model_fields.items():
        if nom == (champ.alias or cle):
            return champ
    return None


def cles_de(modele: type[BaseModel]) -> list[str]:
    return [champ.alias or cle for cle, champ in modele.model_fields.items()]


def traduire(erreur: dict, modele: type[BaseModel]) -> tuple[tuple, str, bool]:
    """(key path, French message, points at the key) for one pydantic error."""
    type_ = erreur["type"]
    loc = tuple(erreur["loc"])
    ctx = erreur.get("ctx") or {}
    valeur = erreur.get("input")
    sur_cle = bool(loc) and loc[-1] == "[key]"
    if sur_cle:
        loc = loc[:-1]
    if type_ == "extra_forbidden":
        cle = loc[-1] if loc else valeur
        parent = modele_a(modele, loc[:-1])
        possibles = cles_de(parent) if parent else []
        if not isinstance(cle, str):
            message = f"les clés doivent être du texte : « {cle} » n'en est pas"
        else:
            message = f"clé inconnue « {cle} »"
            proche = suggestion(cle, possibles)
            if proche:
                message += f" : vouliez-vous dire « {proche} » ?"
            elif possibles:
                message += " ; clés possibles : " + ", ".join(possibles)
        return loc, message, True
    if type_ == "missing":
        return loc[:-1], _MESSAGES["missing"].format(cle=loc[-1] if loc else "?"), False
    if type_ == "literal_error":
        possibles = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        message = f"valeur « {valeur} » non autorisée ; valeurs possibles : {', '.join(possibles)}"
        if loc and loc[-1] == "statut" and valeur == "en_retard":
            message = ("« en_retard » ne s'écrit pas : il est calculé à partir de « fin » et du statut ; "
                       "écrivez le statut réel (" + ", ".join(possibles) + ")")
        else:
            proche = suggestion(valeur, possibles)
            if proche and proche != valeur:
                message += f" : vouliez-vous dire « {proche} » ?"
        return loc, message, False
    if type_ == "string_pattern_mismatch":
        motif = str(ctx.get("pattern", ""))
        for debut, gabarit in _MOTIFS.items():
            if motif.startswith(debut) or motif == debut:
                return loc, gabarit.format(valeur=valeur), sur_cle
        return loc, f"valeur « {valeur} » de forme invalide", sur_cle
    if type_.startswith("date_") and isinstance(valeur, str) and re.match(r"^\d{4}-\d{2}-\d{2}$", valeur):
        return loc, f"date impossible « {valeur} » : ce jour n'existe pas dans le calendrier", False
    gabarit = _MESSAGES.get(type_)
    if gabarit is not None:
        try:
            return loc, gabarit.format(valeur=valeur, **ctx), sur_cle or type_ == "invalid_key"
        except (KeyError, IndexError):
            pass
    # Custom errors (PydanticCustomError) already carry a French message.
    return loc, erreur.get("msg", type_), sur_cle
