"""Value types shared by the models, with French errors and JSON Schema."""

from __future__ import annotations

import math
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError


class Modele(BaseModel):
    """Base of every model: unknown keys are errors, nothing is coerced silently."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, populate_by_name=True)


# Beyond this, a number is a typing mistake, not a figure of a département
# (its whole budget is under 10^10 euros), and arithmetic on it would overflow
# a float: refused, with the bound in the message.
NOMBRE_MAX = 10 ** 15


def _nombre(positif: bool):
    def verifier(v: Any) -> int | float:
        # bool is an int in Python: `prevu: true` is a mistake, not 1.
        if isinstance(v, bool) or not isinstance(v, (int, float)):
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

PERIODE = re.compile(r"^(\d{4})(?:-T([1-4]))?$")


def _periode(v: Any) -> str:
    if isinstance(v, bool) or not isinstance(v, (int, str)) or not PERIODE.match(str(v)):
        raise PydanticCustomError(
            "periode", "période « {v} » invalide : une année (2024) ou un trimestre (2024-T1 … 2024-T4)",
            {"v": v})
    return str(v)


Periode = Annotated[str, BeforeValidator(_periode)]


def ordre_periode(periode: str) -> tuple[str, str]:
    """Sort key of periods: a year's quarters first, then the year itself."""
    return periode[:4], periode[5:] or "T9"

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


# A name or a title: one line of text.
Ligne = Annotated[str, Field(min_length=1, pattern=r"\S"), AfterValidator(sur_une_ligne)]

CODE_REGLE = r"^SUS\d{3}$"
