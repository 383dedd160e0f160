"""Writing the export tables: CSV for French spreadsheets, or one XLSX workbook."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from sus_cli.export.tableaux import Tableau
from sus_cli.files import ecrire_sortie
from sus_cli.tableur import cellule_csv, typer_texte, valeur_xlsx


def ecrire_csv(tableau: Tableau, chemin: Path) -> bool:
    flux = io.StringIO()
    ecrivain = csv.writer(flux, delimiter=";", lineterminator="\r\n")
    ecrivain.writerow([cellule_csv(c) for c in tableau.colonnes])
    for ligne in tableau.lignes:
        ecrivain.writerow([cellule_csv(v) for v in ligne])
    # The BOM makes Excel read the file as UTF-8.
    return ecrire_sortie(chemin, "\ufeff" + flux.getvalue())


def ecrire_xlsx(tableaux: tuple[Tableau, ...], chemin: Path, origine=None) -> bool:
    """`origine` (collecte.origine.Origine): what the workbook shows, remembered
    in a hidden sheet so that `sus importer` can tell edits from conflicts.
    True when written to standard output."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    classeur = Workbook()
    classeur.remove(classeur.active)
    for tableau in tableaux:
        feuille = classeur.create_sheet(tableau.nom)
        feuille.append(list(tableau.colonnes))
        for cellule in feuille[1]:
            cellule.font = Font(bold=True)
        for ligne in tableau.lignes:
            feuille.append([valeur_xlsx(v) for v in ligne])
        for colonne in feuille.iter_cols():
            for cellule in colonne:
                typer_texte(cellule)
                if isinstance(cellule.value, dt.date):
                    cellule.number_format = "DD/MM/YYYY"
        feuille.freeze_panes = "A2"
        if tableau.lignes:
            feuille.auto_filter.ref = feuille.dimensions
        for i, titre in enumerate(tableau.colonnes, start=1):
            largeur = max([len(str(titre))] + [len(str(l[i - 1])) for l in tableau.lignes[:200] if l[i - 1] is not None])
            feuille.column_dimensions[get_column_letter(i)].width = min(60, max(8, largeur + 2))
    if origine is not None:
        from sus_cli.collecte import origine as memoire
        memoire.ecrire(classeur, origine)
    flux = io.BytesIO()
    classeur.save(flux)
    return ecrire_sortie(chemin, flux.getvalue())
