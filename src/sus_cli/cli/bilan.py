"""`sus bilan ANNEE`: the annual bilan for the comité de pilotage."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Optional

import typer

from sus_cli.cli.common import ErreurUsage, OptionAu, OptionRacine, ouvrir_schema

FORMATS = {"markdown": "md", "html": "html", "json": "json"}


def bilan(
    annee: Annotated[int, typer.Argument(help="Année du bilan, par exemple 2024.", metavar="ANNEE",
                                         show_default=False)],
    format: Annotated[str, typer.Option("--format", "-f", help="markdown (par défaut), html (un seul fichier, "
                                        "imprimable en A4) ou json.", metavar="FORMAT")] = "markdown",
    sortie: Annotated[Optional[str], typer.Option(
        "--sortie", "-o", help="Fichier à écrire ; « - » pour la sortie standard. Par défaut : bilan-ANNEE.md "
                               "ou bilan-ANNEE.html dans le dossier courant, et la sortie standard pour json.",
        metavar="FICHIER", show_default=False)] = None,
    au: OptionAu = None,
    racine: OptionRacine = None,
) -> None:
    """Dresse le bilan annuel du schéma : synthèse, puis chaque volet, axe, objectif et fiche.

    Les gabarits (templates/) d'un dépôt de schéma remplacent ceux de sus de même nom.
    Code de sortie : 0 si le bilan est écrit, 1 si des fiches invalides ont dû en être écartées.
    """
    from sus_cli.bilan.donnees import lire_evolutions, preparer
    from sus_cli.echappement import une_ligne
    from sus_cli.files import ecrire_sortie

    if format not in FORMATS:
        raise ErreurUsage(f"format « {format} » inconnu ; formats possibles : {', '.join(FORMATS)}")
    if not 1900 <= annee <= 2200:
        raise ErreurUsage(f"année {annee} invalide")
    schema = ouvrir_schema(racine, au, signaler_non_commitees=True)
    evolutions = lire_evolutions(schema.depot, annee, schema.sha, schema.jour if au else None)
    donnees = preparer(schema.depot, annee, schema.jour, schema.source, schema.non_commitees, evolutions)
    if format == "json":
        from sus_cli.bilan.json_bilan import en_dict
        texte = json.dumps(en_dict(donnees), ensure_ascii=False, indent=2) + "\n"
    else:
        from sus_cli.bilan.rendu import ErreurGabarit, rendre
        try:
            texte = rendre(donnees, format, schema.depot.racine)
        except ErreurGabarit as err:
            raise ErreurUsage(str(err)) from None
    cible = sortie if sortie is not None else ("-" if format == "json" else f"bilan-{annee}.{FORMATS[format]}")
    if not ecrire_sortie(cible, texte):
        print(f"Bilan {annee} écrit dans {une_ligne(cible)}", file=sys.stderr)
    for ecartee in donnees.bilan.ecartees:
        print(f"fiche écartée du bilan : {une_ligne(ecartee.chemin)} ({une_ligne(ecartee.raison)})", file=sys.stderr)
    raise typer.Exit(1 if donnees.bilan.ecartees else 0)
