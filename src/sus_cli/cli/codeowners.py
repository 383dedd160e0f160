"""`sus codeowners`: write CODEOWNERS from sus.yaml."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from sus_cli.cli.common import OptionRacine, charger_depot


def codeowners(
    gitlab: Annotated[bool, typer.Option("--gitlab", help="Écrit .gitlab/CODEOWNERS (format GitLab, une section "
                                                          "par direction) au lieu de .github/CODEOWNERS.")] = False,
    racine: OptionRacine = None,
) -> None:
    """Écrit le fichier CODEOWNERS : chaque fiche est confiée aux relecteurs de la direction qui la porte
    (sus.yaml, directions → relecteurs), que GitHub ou GitLab sollicitent pour relire ses modifications.

    Le fichier est écrit à la racine du dépôt git. « sus validate » signale quand il n'est plus à jour.
    """
    from sus_cli.codeowners import CHEMIN_GITHUB, CHEMIN_GITLAB, fiches_et_porteurs, generer, racine_git
    from sus_cli.echappement import une_ligne
    from sus_cli.files import ecrire_atomique
    from sus_cli.resumes import Referentiel

    depot = charger_depot(racine, texte="aucun")
    dossier_git, prefixe = racine_git(depot.racine)
    cible = dossier_git / (CHEMIN_GITLAB if gitlab else CHEMIN_GITHUB)
    # A committed CODEOWNERS may be a link: sus follows it only inside the repository.
    ecrire_atomique(cible, generer(Referentiel.depuis_config(depot.config).directions, fiches_et_porteurs(depot), prefixe, gitlab), dans=dossier_git)
    sans = [code for code, d in depot.config.directions.items() if not d.relecteurs]
    print(f"écrit : {une_ligne(cible)}", file=sys.stderr)
    if sans:
        print("directions sans relecteurs (leurs fiches n'auront pas de relecteur désigné) : " + ", ".join(sans),
              file=sys.stderr)
