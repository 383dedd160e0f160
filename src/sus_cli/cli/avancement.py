"""`sus avancement`: progress by volet and axe, in the terminal or as JSON."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Optional

import typer

from sus_cli.cli.common import (ErreurUsage, OptionAu, OptionRacine, affichable, avertir_si_hors_schema, console,
                                lire_annee, ouvrir_schema)


def avancement(
    annee: Annotated[Optional[str], typer.Option("--annee", help="Année des valeurs et des budgets "
                                                 "(par défaut : l'année en cours).", metavar="ANNEE",
                                                 show_default=False)] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="texte ou json.", metavar="FORMAT")] = "texte",
    au: OptionAu = None,
    racine: OptionRacine = None,
) -> None:
    """Montre l'avancement par volet et par axe : statuts, réalisation, atteinte, fiches en retard
    (en retard à la date du jour)."""
    from sus_cli.figures.fiches import chiffrage
    from sus_cli.figures.schema import chiffrer_schema

    if format not in ("texte", "json"):
        raise ErreurUsage(f"format « {format} » inconnu ; formats possibles : texte, json")
    annee = lire_annee(annee) if annee is not None else None
    # Each fiche becomes its figures as it is read (in worker processes for a large schéma).
    schema = ouvrir_schema(racine, au, extraire=lambda jour: chiffrage(annee or jour.year, echeance=jour))
    depot, jour = schema.depot, schema.jour
    annee = annee or jour.year
    avertir_si_hors_schema(annee, depot.config)
    chiffres = chiffrer_schema(depot.config, depot.a_chiffrer(), annee, echeance=jour)
    if format == "json":
        from sus_cli.bilan.json_bilan import synthese
        objet = {"annee": annee, "au": jour.isoformat(), "source": schema.source, "synthese": synthese(chiffres.synthese),
                 "volets": [{"code": v.code, "titre": v.titre, "synthese": synthese(v.synthese),
                             "axes": [{"numero": a.numero, "titre": a.titre, "synthese": synthese(a.synthese)}
                                      for a in v.axes]} for v in chiffres.volets],
                 "fiches_ecartees": [e.chemin for e in chiffres.ecartees]}
        json.dump(objet, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        _afficher(chiffres, jour, schema.source)
    raise typer.Exit(1 if chiffres.ecartees else 0)


def _barre(part: float | None, largeur: int = 12) -> str:
    if part is None:
        return "[dim]n.c.[/]"
    pleins = round(part * largeur)
    return f"[green]{'█' * pleins}[/][dim]{'░' * (largeur - pleins)}[/] {round(part * 100)} %"


def _afficher(chiffres, jour, source: str) -> None:
    from rich.table import Table

    from sus_cli import francais

    sortie = console()
    s = chiffres.synthese
    sortie.print(f"[bold]Avancement au {francais.date(jour)}[/] — valeurs et budgets de {chiffres.annee} "
                 f"— d'après {affichable(source)}")
    sortie.print(f"{s.fiches} fiches ; réalisation {_barre(s.taux_realisation)} ; atteinte {_barre(s.atteinte)}"
                 f" ({s.atteinte_non_calculable} non calculable(s)) ; [red]{s.en_retard}[/] en retard")
    for volet in chiffres.volets:
        table = Table(title=f"{volet.code} — {affichable(volet.titre)}", title_justify="left", title_style="bold")
        for colonne, justification in (("", "left"), ("fiches", "right"), ("statuts", "left"),
                                       ("réalisation", "left"), ("atteinte", "left"), ("en retard", "right")):
            table.add_column(colonne, justify=justification)
        for libelle, synthese in ((f"volet {volet.code}", volet.synthese),
                                  *((f"axe {a.numero}", a.synthese) for a in volet.axes)):
            statuts = ", ".join(f"{n} {francais.statut(c).lower()}" for c, n in synthese.par_statut.items()) or "—"
            retard = f"[red]{synthese.en_retard}[/]" if synthese.en_retard else "0"
            table.add_row(libelle, str(synthese.fiches), statuts, _barre(synthese.taux_realisation),
                          _barre(synthese.atteinte), retard)
        sortie.print(table)
    if s.retards:
        sortie.print("[bold red]Fiches en retard[/] : " + ", ".join(s.retards))
    for ecartee in chiffres.ecartees:
        sortie.print(f"[yellow]écartée[/] {affichable(ecartee.chemin)} : {affichable(ecartee.raison)}")
