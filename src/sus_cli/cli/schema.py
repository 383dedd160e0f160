"""`sus schema`: write the JSON Schemas generated from the models."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer


def schema(
    dossier: Annotated[Optional[Path], typer.Option(
        "--dossier", help="Dossier où écrire les schémas (par défaut : schemas/ du dossier courant).",
        show_default=False, metavar="DOSSIER")] = None,
    verifier: Annotated[bool, typer.Option(
        "--verifier", help="N'écrit rien : échoue (code 1) si les fichiers présents ne sont pas à jour.")] = False,
) -> None:
    """Écrit schemas/fiche.schema.json et schemas/sus.schema.json, pour l'autocomplétion dans les éditeurs."""
    from sus_cli.cli.common import console
    from sus_cli.json_schemas import ecrire_schemas, schemas_perimes

    cible = dossier or Path("schemas")
    if verifier:
        perimes = schemas_perimes(cible)
        for nom in perimes:
            console().print(f"{cible / nom} n'est pas à jour : lancez « sus schema »")
        raise typer.Exit(1 if perimes else 0)
    for chemin in ecrire_schemas(cible):
        console().print(f"écrit : {chemin}")
