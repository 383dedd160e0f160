"""`sus revue [BASE] [TETE]`: what a pull request changes in the schéma, and
whether it respects the validation workflow."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Optional

import typer

from sus_cli.cli.common import ErreurUsage, OptionRacine, ouvrir_schema, racine_du_depot


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

    if format not in ("texte", "markdown", "json"):
        raise ErreurUsage(f"format « {format} » inconnu ; formats possibles : texte, markdown, json")
    if base is None:
        try:
            base_lue = base_par_defaut(ouvrir(racine_du_depot(racine)))
        except ErreurGit as err:
            raise ErreurUsage(str(err)) from None
    else:
        base_lue = base
    avant = ouvrir_schema(racine, base_lue, exiger_config=False)
    apres = ouvrir_schema(racine, tete, exiger_config=False)
    depot_base, depot_tete = avant.depot, apres.depot
    nom_base = f"{base or 'base'} ({avant.sha[:10]})"
    nom_tete = f"{tete} ({apres.sha[:10]})" if tete else "fichiers actuels"
    differences = comparer(depot_base, depot_tete)
    diagnostics = verifier_revue(differences, depot_tete, aujourdhui())
    if format == "json":
        json.dump(rendu.en_dict(nom_base, nom_tete, differences, diagnostics), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write((rendu.markdown if format == "markdown" else rendu.texte)(nom_base, nom_tete, differences,
                                                                                 diagnostics))
    raise typer.Exit(1 if any(d.severity == "error" for d in diagnostics) else 0)
