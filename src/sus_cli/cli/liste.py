"""`sus liste`: the fiches as a table, filtered; how an agent finds "my fiches"."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from typing import Annotated, Optional

import typer

from sus_cli import francais
from sus_cli.cli.common import ErreurUsage, OptionRacine, affichable, charger_depot, console
from sus_cli.figures.synthese import ORDRE_STATUTS as STATUTS_POSSIBLES

VALIDATIONS = ("brouillon", "soumise", "validee")


def _ligne(document, aujourdhui) -> dict:
    from sus_cli.figures.fiches import en_retard

    f = document.modele
    return {"id": f.id, "titre": f.titre, "porteur": f.porteur, "statut": f.statut,
            "validation": f.etat_validation, "en_retard": en_retard(f, aujourdhui),
            "debut": f.debut.isoformat() if f.debut else None, "fin": f.fin.isoformat() if f.fin else None,
            "indicateurs": len(f.indicateurs), "dispositifs": list(f.dispositifs), "chemin": document.chemin}


def liste(
    porteur: Annotated[Optional[str], typer.Option(help="Code de la direction porteuse (DSUN…).", metavar="CODE",
                                                   show_default=False)] = None,
    volet: Annotated[Optional[str], typer.Option(help="Code du volet (TR…).", metavar="CODE",
                                                 show_default=False)] = None,
    axe: Annotated[Optional[str], typer.Option(help="Axe : 6, ou TR-6.", metavar="AXE", show_default=False)] = None,
    objectif: Annotated[Optional[str], typer.Option(help="Objectif : 6.2, ou TR-6.2.", metavar="OBJECTIF",
                                                    show_default=False)] = None,
    statut: Annotated[Optional[str], typer.Option(help="Statut : " + ", ".join(STATUTS_POSSIBLES) + ".",
                                                  metavar="STATUT", show_default=False)] = None,
    dispositif: Annotated[Optional[str], typer.Option(help="Dispositif (CDPPE, PDILE…).", metavar="NOM",
                                                      show_default=False)] = None,
    validation: Annotated[Optional[str], typer.Option(help="État de validation : brouillon, soumise, validee.",
                                                      metavar="ETAT", show_default=False)] = None,
    en_retard: Annotated[bool, typer.Option("--en-retard", help="Seulement les fiches en retard aujourd'hui.")] = False,
    texte: Annotated[Optional[str], typer.Option(help="Texte cherché dans tout ce qui est écrit dans la fiche (titre, "
                                                      "texte, partenaires, publics, dispositifs, pilotes, "
                                                      "indicateurs, commentaires, notes de suivi, étapes), sans "
                                                      "tenir compte des accents ni des majuscules.",
                                                 metavar="TEXTE", show_default=False)] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="texte, json ou csv.", metavar="FORMAT")] = "texte",
    racine: OptionRacine = None,
) -> None:
    """Liste les fiches actions, avec des filtres : par exemple les fiches de sa direction (--porteur)."""
    from sus_cli.engine import aujourdhui
    from sus_cli.selection import Criteres, retenir

    if format not in ("texte", "json", "csv"):
        raise ErreurUsage(f"format « {format} » inconnu ; formats possibles : texte, json, csv")
    if statut and statut not in STATUTS_POSSIBLES:
        raise ErreurUsage(f"statut « {statut} » inconnu ; statuts possibles : {', '.join(STATUTS_POSSIBLES)}")
    if validation and validation not in VALIDATIONS:
        raise ErreurUsage(f"état de validation « {validation} » inconnu : brouillon, soumise ou validee")
    depot = charger_depot(racine, texte="corps" if texte else "aucun")  # the body is searched by --texte
    config = depot.config
    if porteur and porteur.upper() not in {d.upper() for d in config.directions}:
        raise ErreurUsage(f"porteur « {porteur} » inconnu ; directions de sus.yaml : {', '.join(config.directions)}")
    if volet and volet.upper() not in config.volets:
        raise ErreurUsage(f"volet « {volet} » inconnu ; volets de sus.yaml : {', '.join(config.volets)}")
    criteres = Criteres(porteur, volet, axe, objectif, statut, dispositif, validation, en_retard, texte)
    jour = aujourdhui()
    lignes = [_ligne(d, jour) for d in depot.fiches if retenir(d, criteres, jour)]
    invalides = depot.invalides()
    if format == "json":
        json.dump(lignes, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif format == "csv":
        from sus_cli.tableur import cellule_csv

        # The BOM tells Excel the file is UTF-8 (its accents), as for `sus export`.
        sys.stdout.write("\ufeff")
        ecrivain = csv.writer(sys.stdout, delimiter=";", lineterminator="\n")
        # Statut and validation in French for people; their codes in the last two columns for machines.
        ecrivain.writerow(["id", "titre", "porteur", "statut", "validation", "en_retard", "debut", "fin",
                           "indicateurs", "dispositifs", "chemin", "code statut", "code validation"])
        for l in lignes:
            ecrivain.writerow([cellule_csv(v) for v in (
                l["id"], l["titre"], l["porteur"], francais.statut(l["statut"]), francais.validation(l["validation"]),
                l["en_retard"], l["debut"], l["fin"], l["indicateurs"], ", ".join(l["dispositifs"]), l["chemin"],
                l["statut"] or "non_renseigne", l["validation"])])
    else:
        constantes = {nom for nom, filtre in (("porteur", porteur), ("statut", statut),
                                              ("validation", validation)) if filtre}
        _afficher(lignes, constantes)
    if invalides:
        from sus_cli.echappement import une_ligne
        print(f"{francais.pluriel(len(invalides), 'fiche invalide non listée', 'fiches invalides non listées')} "
              "(voir « sus validate ») : "
              + ", ".join(map(une_ligne, invalides[:5])) + (" …" if len(invalides) > 5 else ""), file=sys.stderr)
    raise typer.Exit(1 if invalides else 0)


# Columns of the table, most useful first: when the terminal is too narrow, the
# last ones go first; a column that a filter makes constant (--porteur DEF) goes
# before any other. The title always stays, wrapped between words.
COLONNES = ("fiche", "titre", "statut", "porteur", "validation", "fin")
TITRE_MIN = 30


def _cellules(ligne: dict) -> dict[str, str]:
    statut = francais.statut(ligne["statut"])
    if ligne["en_retard"]:
        statut += " [red](en retard)[/]"
    fin = dt.date.fromisoformat(ligne["fin"]) if ligne["fin"] else None
    return {"fiche": ligne["id"], "titre": affichable(ligne["titre"]), "statut": statut,
            "porteur": affichable(ligne["porteur"]),
            "validation": francais.validation(ligne["validation"]), "fin": francais.date(fin)}


def _largeurs(cellules: list[dict[str, str]]) -> dict[str, int]:
    """The width each column needs: its widest cell, except the title, which wraps
    between words (at least TITRE_MIN, and never less than its longest word)."""
    from rich.text import Text

    largeurs = {c: max(len(c), *(Text.from_markup(cellule[c]).cell_len for cellule in cellules)) for c in COLONNES}
    mots = [len(mot) for c in cellules for mot in Text.from_markup(c["titre"]).plain.split()]
    largeurs["titre"] = max(TITRE_MIN, *mots)
    return largeurs


def _tableau(cellules: list[dict[str, str]], colonnes: list[str], largeurs: dict[str, int]):
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold")
    for colonne in colonnes:
        table.add_column(colonne, min_width=largeurs[colonne], overflow="fold", no_wrap=colonne != "titre")
    for c in cellules:
        table.add_row(*(c[colonne] for colonne in colonnes))
    return table


def _afficher(lignes: list[dict], constantes: set[str]) -> None:
    """The fiches as a table that fits the terminal (80 columns when piped), words never cut."""
    sortie = console()
    if not lignes:
        sortie.print("Aucune fiche ne correspond.")
        return
    cellules = [_cellules(l) for l in lignes]
    largeurs = _largeurs(cellules)
    colonnes = [c for c in COLONNES if c not in constantes] + [c for c in COLONNES if c in constantes]
    # Three characters between two columns (padding and rule).
    while len(colonnes) > 2 and sum(largeurs[c] for c in colonnes) + 3 * (len(colonnes) - 1) > sortie.width:
        colonnes.pop()
    if sum(largeurs[c] for c in colonnes) + 3 > sortie.width:  # a very narrow terminal: the longest word at least
        largeurs["titre"] = max(1, *(len(m) for c in cellules for m in c["titre"].split()))
    table = _tableau(cellules, colonnes, largeurs)
    with sortie.capture() as rendu:
        sortie.print(table)
    # rich pads every line to the table's width: no trailing blanks in a pipe or a file.
    sortie.file.write("".join(ligne.rstrip() + "\n" for ligne in rendu.get().splitlines()))
    sortie.print(f"{francais.pluriel(len(lignes), 'fiche')}.")
