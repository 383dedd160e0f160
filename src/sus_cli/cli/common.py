"""What every command shares: finding the repository, usage errors, consoles."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer


class ErreurUsage(Exception):
    """A usage error: French message, exit status 2."""


OptionRacine = Annotated[Optional[Path], typer.Option(
    "--racine", help="Dossier du dépôt de schéma (qui contient sus.yaml). "
                     "Par défaut : le premier dossier contenant sus.yaml en remontant depuis le dossier courant.",
    file_okay=False, show_default=False, metavar="DOSSIER")]


def racine_du_depot(racine: Path | None) -> Path:
    from sus_cli.loading.repository import RacineIntrouvable, trouver_racine
    try:
        return trouver_racine(Path.cwd(), racine)
    except RacineIntrouvable as err:
        raise ErreurUsage(str(err)) from None


def charger_depot(racine: Path | None, a_lire=None):
    """Find and load the repository; a missing or unusable sus.yaml is a usage error."""
    from sus_cli.loading.repository import charger

    depot = charger(racine_du_depot(racine), a_lire)
    if depot.config is None:
        raise ErreurUsage("sus.yaml est invalide : lancez « sus validate » pour voir pourquoi")
    return depot


def console(flux=None):
    """A rich console made at call time (its width follows the terminal now)."""
    from rich.console import Console
    return Console(file=flux or sys.stdout, highlight=False)


def sur_github_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"
