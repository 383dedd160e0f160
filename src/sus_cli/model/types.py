"""Value types shared by the models, with French errors and JSON Schema."""

from __future__ import annotations

import math
import re
from typing import Annotated, Any

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PlainValidator,
                      WithJsonSchema, model_validator)
from pydantic_core import PydanticCustomError

from sus_cli.model.vocabulaire import CODE_REGLE, PERIODE, ordre_periode  # noqa: F401


def refuser_virgule_decimale(donnees: Any) -> Any:
    """YAML reads `{valeur: 40,5}` as {valeur: 40, 5: null}: in a `{…}` block the comma
    of a French decimal number separates two entries. Say that once, instead of an
    unknown key and a missing value. (Written `valeur: 40,5` on its own line, the
    value is the text "40,5", which `_nombre` explains.)"""
    if isinstance(donnees, dict):
        precedente = None
        for cle, valeur in donnees.items():
            if (valeur is None and type(cle) is int and 0 <= cle < 1000
                    and type(precedente) in (int, float)):
                raise PydanticCustomError(
                    "virgule_decimale", "virgule décimale dans « {texte} » : écrivez {propre} (avec un point)",
                    {"texte": f"{precedente},{cle}", "propre": f"{precedente}.{cle}"})
            precedente = valeur
    return donnees


class Modele(BaseModel):
    """Base of every model: unknown keys are errors, nothing is coerced silently."""

    # defer_build: a model's validator is built when it first validates, so a
    # command that only imports the models (or validates only fiches) builds no
    # more than it uses.
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, populate_by_name=True, defer_build=True)

    @model_validator(mode="before")
    @classmethod
    def _virgule_decimale(cls, donnees: Any) -> Any:
        return refuser_virgule_decimale(donnees)


# Beyond this, a number is a typing mistake, not a figure of a département
# (its whole budget is under 10^10 euros), and arithmetic on it would overflow
# a float: refused, with the bound in the message.
NOMBRE_MAX = 10 ** 15


def _nombre(positif: bool):
    def verifier(v: Any) -> int | float:
        # bool is an int in Python: `prevu: true` is a mistake, not 1.
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            if isinstance(v, str) and re.fullmatch(r"[-+]?\d[\d\s\u202f\u00a0]*,\d+", v.strip()):
                propre = re.sub(r"[\s\u202f\u00a0]", "", v).replace(",", ".")
                raise PydanticCustomError("virgule_decimale",
                                          "virgule décimale dans « {texte} » : écrivez {propre} (avec un point)",
                                          {"texte": v, "propre": propre})
            if isinstance(v, str) and re.search(r"\d", v):
                propre = re.sub(r"[\s\u202f\u00a0€%]", "", v).replace(",", ".")
                raise PydanticCustomError(
                    "nombre_texte",
                    "nombre attendu, pas du texte « {texte} » : écrivez {propre} (sans espace, "
                    "ni symbole, ni guillemets)", {"texte": v, "propre": propre})
            raise PydanticCustomError("nombre_type", "nombre attendu")
        if isinstance(v, float) and not math.isfinite(v):
            raise PydanticCustomError("nombre_non_fini", "nombre fini attendu (pas .nan ni .inf)")
        if abs(v) > NOMBRE_MAX:
            texte = f"{v:.3g}" if isinstance(v, float) else f"{str(v)[:12]}… ({len(str(abs(v)))} chiffres)"
            raise PydanticCustomError("nombre_trop_grand",
                                      "nombre trop grand « {texte} » : au plus un million de milliards (10^15) "
                                      "en valeur absolue", {"texte": texte})
        if positif and v < 0:
            raise PydanticCustomError("nombre_negatif", "montant négatif « {v} » : un montant est positif ou nul",
                                      {"v": v})
        return v
    return verifier


Nombre = Annotated[int | float, PlainValidator(_nombre(False)), WithJsonSchema({"type": "number"})]
Montant = Annotated[int | float, PlainValidator(_nombre(True)),
                    WithJsonSchema({"type": "number", "minimum": 0})]


def _valeur(v: Any) -> int | float | bool:
    if isinstance(v, bool):
        return v
    return _nombre(False)(v)


# An indicator value: a number, or a boolean for a deliverable (`unite: livrable`).
ValeurSimple = Annotated[int | float | bool, PlainValidator(_valeur),
                         WithJsonSchema({"type": ["number", "boolean"]})]

Annee = Annotated[int, Field(ge=1900, le=2200, strict=True)]

def _periode(v: Any) -> str:
    if isinstance(v, bool) or not isinstance(v, (int, str)) or not PERIODE.match(str(v)):
        raise PydanticCustomError(
            "periode", "période « {v} » invalide : une année (2024) ou un trimestre (2024-T1 … 2024-T4)",
            {"v": v})
    return str(v)


Periode = Annotated[str, BeforeValidator(_periode),
                    WithJsonSchema({"type": "string", "pattern": r"^\d{4}(-T[1-4])?$"})]

# A year as a mapping key (cibles): the JSON Schema sees keys as text.
CleAnnee = Annotated[Annee, WithJsonSchema({"type": "string", "pattern": r"^\d{4}$"})]


Texte = Annotated[str, Field(min_length=1, pattern=r"\S")]

# C0 (tab and line breaks included), DEL, C1 (NEL included), and the Unicode
# line and paragraph separators: invisible in an editor, and a name or a title
# holding one breaks every file or terminal it is written to (a CODEOWNERS
# line, a Markdown heading, a CI log). The set echappement.CONTROLES shows
# escaped (model/ imports nothing else of sus).
CONTROLES = "[\x00-\x1f\x7f-\x9f\u2028\u2029]"
_CONTROLE = re.compile(CONTROLES)


def sur_une_ligne(v: str) -> str:
    m = _CONTROLE.search(v)
    if m:
        raise PydanticCustomError(
            "caractere_de_controle",
            "caractère invisible {code} (saut de ligne, tabulation ou caractère de contrôle) en position {rang} : "
            "ce texte tient sur une ligne, sans caractère de contrôle",
            {"code": f"U+{ord(m.group()):04X}", "rang": m.start() + 1})
    return v


# The same rule for editors (JSON Schema): not blank, no control character.
LIGNE_JSON = "^[^\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029]*\\S[^\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029]*$"


def ligne(max_length: int | None = None):
    """A name or a title: one line of text (at most `max_length` characters)."""
    schema = {"type": "string", "minLength": 1, "pattern": LIGNE_JSON}
    if max_length is not None:
        schema["maxLength"] = max_length
    return Annotated[str, Field(min_length=1, max_length=max_length, pattern=r"\S"), AfterValidator(sur_une_ligne),
                     WithJsonSchema(schema)]


Ligne = ligne()
Titre = ligne(max_length=300)  # a fiche's title (contract: at most 300 characters)
