"""Values written into a fiche as YAML text, by us rather than by PyYAML's
emitter: only scalars and small flow collections are ever written, and each
must read back as exactly the value meant (checked by the caller anyway).

Strings are always double-quoted, with every character that YAML would not
keep as it is escaped (line separators, control characters, quotes)."""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal

from sus_cli.model.types import NOMBRE_MAX

# Plain keys that YAML 1.1 would read as something other than text.
_MOTS_SPECIAUX = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}
_CLE_SIMPLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*$")
_PERIODE = re.compile(r"^\d{4}-T[1-4]$")
# What YAML's reader accepts as printable, minus the characters it reads as
# line breaks inside a scalar (NEL, U+2028, U+2029).
_A_ECHAPPER = re.compile("[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\"\\\\\u2028\u2029\ufeff]")
_ECHAPPEMENTS = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0"}


class ValeurNonEcrivable(ValueError):
    """A value this module cannot write (it never reaches a fiche)."""


def _echapper(m: re.Match) -> str:
    c = m.group(0)
    if c in _ECHAPPEMENTS:
        return _ECHAPPEMENTS[c]
    code = ord(c)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def chaine(texte: str) -> str:
    return '"' + _A_ECHAPPER.sub(_echapper, texte) + '"'


def nombre(x: int | float) -> str:
    if isinstance(x, float):
        if not math.isfinite(x):
            raise ValeurNonEcrivable(f"nombre non fini : {x}")
        if x.is_integer() and abs(x) <= NOMBRE_MAX:
            return str(int(x))
        # YAML 1.1 reads `1e-05` as text: write every float with a decimal point.
        texte = format(Decimal(repr(x)), "f")
        return texte if "." in texte else texte + ".0"
    return str(x)


def scalaire(valeur) -> str:
    if valeur is None:
        return "null"
    if isinstance(valeur, bool):
        return "true" if valeur else "false"
    if isinstance(valeur, (int, float)):
        return nombre(valeur)
    if isinstance(valeur, dt.date) and not isinstance(valeur, dt.datetime):
        return valeur.isoformat()
    if isinstance(valeur, str):
        # A code such as `realisee` stays plain, as a person would write it.
        return valeur if _CLE_SIMPLE.match(valeur) and valeur.lower() not in _MOTS_SPECIAUX else chaine(valeur)
    raise ValeurNonEcrivable(f"type non pris en charge : {type(valeur).__name__}")


def cle(valeur) -> str:
    """A mapping key: a year as an integer, `2024-T3` and simple words plain."""
    if isinstance(valeur, bool):
        raise ValeurNonEcrivable("une clé ne peut pas être vrai/faux")
    if isinstance(valeur, int):
        return str(valeur)
    if isinstance(valeur, str) and (_PERIODE.match(valeur) or (
            _CLE_SIMPLE.match(valeur) and valeur.lower() not in _MOTS_SPECIAUX)):
        return valeur
    return scalaire(valeur)


def en_ligne(valeur) -> str:
    """A value on one line: a scalar, `{clé: valeur, …}` or `[a, b]`."""
    if isinstance(valeur, dict):
        return "{" + ", ".join(f"{cle(k)}: {en_ligne(v)}" for k, v in valeur.items()) + "}"
    if isinstance(valeur, (list, tuple)):
        return "[" + ", ".join(en_ligne(v) for v in valeur) + "]"
    return scalaire(valeur)
