"""The export tables as files: CSV for French spreadsheets, or one XLSX
workbook (export/classeur.py). `csv_octets` and `xlsx_octets` make the bytes
(the site publishes them too); `ecrire_csv` and `ecrire_xlsx` write them atomically."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sus_cli.export.tableaux import Tableau
from sus_cli.files import ecrire_sortie
from sus_cli.tableur import cellule_csv


def csv_octets(tableau: Tableau) -> bytes:
    flux = io.StringIO()
    ecrivain = csv.writer(flux, delimiter=";", lineterminator="\r\n")
    ecrivain.writerow([cellule_csv(c) for c in tableau.colonnes])
    for ligne in tableau.lignes:
        ecrivain.writerow([cellule_csv(v) for v in ligne])
    # The BOM makes Excel read the file as UTF-8.
    return ("\ufeff" + flux.getvalue()).encode("utf-8")


def ecrire_csv(tableau: Tableau, chemin: Path) -> bool:
    """True when written to standard output."""
    return ecrire_sortie(chemin, csv_octets(tableau))


def xlsx_octets(tableaux: tuple[Tableau, ...], origine=None) -> bytes:
    """One sheet per table (bold header row that stays in view, a filter,
    dates as dates); `origine` (collecte.origine.Origine): what the workbook
    shows, remembered in a hidden sheet so that `sus importer` can tell edits
    from conflicts."""
    from sus_cli.export.classeur import Feuille, classeur

    feuilles = []
    for tableau in tableaux:
        largeurs = []
        for i, titre in enumerate(tableau.colonnes):
            largeur = max([len(str(titre))] + [len(str(l[i])) for l in tableau.lignes[:200] if l[i] is not None])
            largeurs.append(min(60, max(8, largeur + 2)))
        feuilles.append(Feuille(tableau.nom, [tableau.colonnes, *tableau.lignes], tuple(largeurs)))
    if origine is not None:
        from sus_cli.collecte import origine as memoire
        feuilles.append(Feuille(memoire.FEUILLE, [[m] for m in memoire.morceaux(origine)], entete=False, cachee=True))
    return classeur(feuilles)


def ecrire_xlsx(tableaux: tuple[Tableau, ...], chemin: Path, origine=None) -> bool:
    """True when written to standard output."""
    return ecrire_sortie(chemin, xlsx_octets(tableaux, origine))
