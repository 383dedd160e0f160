"""The pydantic models of the data contract (spec §1-2), nothing else.

`Config`, `Fiche` and `Indicateur` are imported on first use: what needs no
model (model.vocabulaire) is read without paying for pydantic, and a command
that never validates a fiche never builds one.
"""

from __future__ import annotations

__all__ = ["Config", "Fiche", "Indicateur"]


def __getattr__(nom: str):
    if nom == "Config":
        from sus_cli.model.config import Config
        return Config
    if nom in ("Fiche", "Indicateur"):
        from sus_cli.model import fiche
        return getattr(fiche, nom)
    raise AttributeError(f"module {__name__!r} has no attribute {nom!r}")
