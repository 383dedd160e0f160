"""`sus export`: the fiches and the indicator values, for a spreadsheet."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from sus_cli.cli.common import ErreurUsage, OptionRacine, charger_depot


def export(
    format: Annotated[str, typer.Option("--format", "-f", help="csv (deux fichiers) ou xlsx (un classeur de "
                                        "deux feuilles).", metavar="FORMAT")] = "xlsx",
    sortie: Annotated[Optional[Path], typer.Option(
        "--sortie", "-o", help="xlsx : le fichier (par défaut export-sus.xlsx ; « - » pour la sortie standard) ; "
                               "csv : le début du nom des "
                               "deux fichiers (par défaut export-sus, qui donne export-sus-fiches.csv et "
                               "export-sus-valeurs.csv).", metavar="FICHIER", show_default=False)] = None,
    racine: OptionRacine = None,
) -> None:
    """Exporte une ligne par fiche (hiérarchie, porteur, statut, dates, validation, retard, budget) et une
    ligne par valeur d'indicateur (fiche, indicateur, période, valeur, cible, commentaire).

    Le CSV est prévu pour un tableur français : séparateur « ; », virgule décimale, encodage UTF-8 avec BOM.
    """
    from sus_cli.engine import aujourdhui
    from sus_cli.echappement import une_ligne
    from sus_cli.francais import pluriel
    from sus_cli.export.fichiers import ecrire_csv, ecrire_xlsx
    from sus_cli.export.tableaux import tableaux
    from sus_cli.files import SORTIE_STANDARD

    if format not in ("csv", "xlsx"):
        raise ErreurUsage(f"format « {format} » inconnu ; formats possibles : csv, xlsx")
    from sus_cli.export.tableaux import extraction

    # Each fiche becomes its rows as it is read, in worker processes for a large schéma.
    depot = charger_depot(racine, extraire=extraction)
    fiches, valeurs = tableaux(depot, aujourdhui())
    if format == "xlsx":
        cible = sortie or Path("export-sus.xlsx")
        from sus_cli.collecte.origine import de_l_export
        ecrits = [] if ecrire_xlsx((fiches, valeurs), cible, de_l_export(depot, aujourdhui())) else [cible]
    else:
        base = sortie or Path("export-sus")
        if str(base) in SORTIE_STANDARD or base.is_dir():
            raise ErreurUsage(f"--sortie {base} : en CSV, --sortie donne le début du nom des deux fichiers "
                              "écrits, par exemple --sortie export-sus")
        base = base.with_suffix("") if base.suffix == ".csv" else base
        ecrits = [base.with_name(f"{base.name}-{t.nom}.csv") for t in (fiches, valeurs)]
        for tableau, chemin in zip((fiches, valeurs), ecrits):
            ecrire_csv(tableau, chemin)
    print(f"{pluriel(len(fiches.lignes), 'fiche')} et {pluriel(len(valeurs.lignes), 'valeur exportée', 'valeurs exportées')}"
          + (" : " + ", ".join(map(une_ligne, ecrits)) if ecrits else ""), file=sys.stderr)
    invalides = depot.invalides()
    if invalides:
        print(f"{pluriel(len(invalides), 'fiche invalide non exportée', 'fiches invalides non exportées')} "
              "(voir « sus validate »)", file=sys.stderr)
    raise typer.Exit(1 if invalides else 0)
