"""`sus liste`: the fiches as a table, filtered; how an agent finds "my fiches"."""

from __future__ import annotations

import csv
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
    texte: Annotated[Optional[str], typer.Option(help="Texte cherché dans les titres et le texte des fiches, "
                                                      "sans tenir compte des accents ni des majuscules.",
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
    depot = charger_depot(racine)
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
        _afficher(lignes)
    if invalides:
        from sus_cli.echappement import une_ligne
        print(f"{francais.pluriel(len(invalides), 'fiche invalide non listée', 'fiches invalides non listées')} "
              "(voir « sus validate ») : "
              + ", ".join(map(une_ligne, invalides[:5])) + (" …" if len(invalides) > 5 else ""), file=sys.stderr)
    raise typer.Exit(1 if invalides else 0)


def _afficher(lignes: list[dict]) -> None:
    from rich.table import Table

    sortie = console()
    if not lignes:
        sortie.print("Aucune fiche ne correspond.")
        return
    table = Table(show_lines=False, header_style="bold")
    for colonne in ("fiche", "titre", "porteur", "statut", "validation", "fin"):
        table.add_column(colonne, overflow="fold", no_wrap=colonne in ("fiche", "porteur", "fin"),
                         ratio=1 if colonne == "titre" else None)
    for l in lignes:
        statut = francais.statut(l["statut"])
        if l["en_retard"]:
            statut += " [red](en retard)[/]"
        table.add_row(l["id"], affichable(l["titre"]), affichable(l["porteur"]), statut,
                      francais.validation(l["validation"]), l["fin"] or "—")
    sortie.print(table)
    sortie.print(f"{francais.pluriel(len(lignes), 'fiche')}.")
