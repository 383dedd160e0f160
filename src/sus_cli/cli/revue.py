"""`sus revue [BASE] [TETE]`: what a pull request changes in the schéma, and
whether it respects the validation workflow."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Optional

import typer

from sus_cli.cli.common import ErreurUsage, OptionRacine, racine_du_depot


def revue(
    base: Annotated[Optional[str], typer.Argument(help="Révision de départ (par défaut : le point de départ de la "
                                                       "branche, depuis la branche par défaut).", metavar="[BASE]",
                                                  show_default=False)] = None,
    tete: Annotated[Optional[str], typer.Argument(help="Révision d'arrivée (par défaut : les fichiers actuels, "
                                                       "modifications non commitées comprises).", metavar="[TETE]",
                                                  show_default=False)] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="texte, markdown (commentaire de demande de fusion, "
                                        "$GITHUB_STEP_SUMMARY) ou json.", metavar="FORMAT")] = "texte",
    racine: OptionRacine = None,
) -> None:
    """Décrit ce qu'un changement fait au schéma : fiches ajoutées ou retirées, statuts, validations,
    indicateurs, valeurs, cibles, dates, porteur, budgets. Vérifie le circuit de validation
    (règles SUS800 à SUS802) : code de sortie 1 s'il n'est pas respecté."""
    from sus_cli.engine import aujourdhui, verifier_revue
    from sus_cli.history.depot_git import ErreurGit, base_par_defaut, ouvrir
    from sus_cli.revue import rendu
    from sus_cli.revue.comparaison import comparer
    from sus_cli.revue.versions import SusYamlAbsent, lire_versions

    if format not in ("texte", "markdown", "json"):
        raise ErreurUsage(f"format « {format} » inconnu ; formats possibles : texte, markdown, json")
    dossier = racine_du_depot(racine)
    try:
        git = ouvrir(dossier)
        # Only the fiches that differ between the two versions are read and compared.
        versions = lire_versions(git, dossier, base if base is not None else base_par_defaut(git), tete)
    except (ErreurGit, SusYamlAbsent) as err:
        raise ErreurUsage(str(err)) from None
    depot_base, depot_tete = versions.base, versions.tete
    nom_base = f"{base or 'base'} ({versions.sha_base[:10]})"
    nom_tete = f"{tete} ({versions.sha_tete[:10]})" if tete else "fichiers actuels"
    differences = comparer(depot_base, depot_tete)
    diagnostics = verifier_revue(differences, depot_tete, aujourdhui())
    if format == "json":
        json.dump(rendu.en_dict(nom_base, nom_tete, differences, diagnostics), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write((rendu.markdown if format == "markdown" else rendu.texte)(nom_base, nom_tete, differences,
                                                                                 diagnostics))
    raise typer.Exit(1 if any(d.severity == "error" for d in diagnostics) else 0)
