"""`--format texte`: one line per diagnostic, `file:line:col CODE message`,
grouped by file, and a summary; colour only on a terminal."""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

from sus_cli.echappement import une_ligne
from sus_cli.reporters import Resultat, statistiques


def _pluriel(n: int, mot: str) -> str:
    return f"{n} {mot}{'s' if n > 1 else ''}"


def resume(resultat: Resultat) -> str:
    erreurs, avertissements = resultat.compte("error"), resultat.compte("warning")
    lues = _pluriel(resultat.fiches, "fiche") + (" lues" if resultat.fiches > 1 else " lue")
    if not erreurs and not avertissements:
        return f"{lues} : aucun problème."
    return f"{lues} : {_pluriel(erreurs, 'erreur')}, {_pluriel(avertissements, 'avertissement')}."


def rapporter(resultat: Resultat, flux: TextIO) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console(file=flux, highlight=False, soft_wrap=True)
    couleurs = {"error": "red", "warning": "yellow"}
    for _, groupe in groupby(resultat.diagnostics, key=lambda d: d.path):
        for d in groupe:
            niveau = "" if d.severity == "error" else " (avertissement)"
            # Paths and messages quote the fiches: a line break in them must not start a new line.
            console.print(f"[bold]{escape(une_ligne(d.path))}[/]:{d.line}:{d.column} "
                          f"[{couleurs[d.severity]}]{d.code}[/]{niveau} {escape(une_ligne(d.message))}")
        console.print()
    if resultat.statistiques and resultat.diagnostics:
        from sus_cli.rules.registry import toutes
        regles = toutes()
        table = Table(title="Diagnostics par règle", title_justify="left")
        for colonne in ("code", "règle", "sévérité", "nombre"):
            table.add_column(colonne, justify="right" if colonne == "nombre" else "left")
        severite = {d.code: d.severity for d in resultat.diagnostics}
        for code, nombre in statistiques(resultat.diagnostics).items():
            table.add_row(code, regles[code].slug, "erreur" if severite[code] == "error" else "avertissement",
                          str(nombre))
        console.print(table)
    style = "red" if resultat.compte("error") else ("yellow" if resultat.diagnostics else "green")
    console.print(f"[{style}]{escape(resume(resultat))}[/]")
