"""`sus init [DOSSIER]`: scaffold a new schéma repository."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from sus_cli.cli.common import ErreurUsage


def init(
    dossier: Annotated[Optional[Path], typer.Argument(help="Dossier du nouveau dépôt (par défaut : le dossier "
                                                           "courant).", metavar="[DOSSIER]", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Remplacer les fichiers qui existent déjà.")] = False,
) -> None:
    """Crée un dépôt de schéma : sus.yaml commenté, une fiche d'exemple, la configuration pre-commit,
    les chaînes d'intégration continue GitHub Actions et GitLab CI, CODEOWNERS et les schémas JSON.

    Ne remplace aucun fichier existant sans --force.
    """
    from sus_cli.codeowners import CHEMIN_GITHUB, fiches_et_porteurs, generer
    from sus_cli.engine import aujourdhui
    from sus_cli.files import ecrire_atomique
    from sus_cli.initialisation import fichiers_initiaux
    from sus_cli.json_schemas import ecrire_schemas, schemas
    from sus_cli.loading.repository import charger
    from sus_cli.resumes import Referentiel

    cible = (dossier or Path(".")).resolve()
    fichiers = fichiers_initiaux(aujourdhui().year)
    prevus = [*fichiers, *(f"schemas/{nom}" for nom in schemas()), CHEMIN_GITHUB]
    existants = [p for p in prevus if (cible / p).exists()]
    if existants and not force:
        raise ErreurUsage("ces fichiers existent déjà et ne seront pas remplacés (utilisez --force pour le faire) : "
                          + ", ".join(existants))
    for relatif, contenu in fichiers.items():
        ecrire_atomique(cible / relatif, contenu)
    ecrire_schemas(cible / "schemas")
    depot = charger(cible)
    ecrire_atomique(cible / CHEMIN_GITHUB, generer(Referentiel.depuis_config(depot.config).directions,
                                                   fiches_et_porteurs(depot)))
    print(f"Dépôt de schéma créé dans {cible} :", file=sys.stderr)
    for relatif in prevus:
        print(f"  {relatif}", file=sys.stderr)
    print("Ensuite : git init, adaptez sus.yaml (directions, volets), puis « sus validate ».", file=sys.stderr)
