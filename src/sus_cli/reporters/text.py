"""`--format texte`: one line per diagnostic, `file:line:col CODE message`,
grouped by file, and a summary; colour only on a terminal."""

from __future__ import annotations

import os
import sys
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


def _en_couleurs(flux: TextIO) -> bool:
    """Colours on a terminal, as rich decides: never with NO_COLOR, always with FORCE_COLOR,
    never in a pipe, a file or a CI log."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    try:
        return flux.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):
        return False


_ANSI = {"bold": "1", "red": "31", "yellow": "33", "green": "32"}


def _ansi(texte: str, style: str) -> str:
    return f"\x1b[{_ANSI[style]}m{texte}\x1b[0m"


def _brut(texte: str, _style: str) -> str:
    return texte


def rapporter(resultat: Resultat, flux: TextIO) -> None:
    """One line per diagnostic. Written without rich (its import costs every
    pre-commit run), except for the --statistiques table and colours on Windows."""
    couleurs = _en_couleurs(flux)
    if couleurs and sys.platform == "win32":  # its consoles need rich to show colours
        _rapporter_avec_rich(resultat, flux)
        return
    style = _ansi if couleurs else _brut
    niveaux = {"error": "red", "warning": "yellow"}
    for _, groupe in groupby(resultat.diagnostics, key=lambda d: d.path):
        for d in groupe:
            niveau = "" if d.severity == "error" else " (avertissement)"
            # Paths and messages quote the fiches: a line break in them must not start a new line.
            flux.write(f"{style(une_ligne(d.path), 'bold')}:{d.line}:{d.column} "
                       f"{style(d.code, niveaux[d.severity])}{niveau} {une_ligne(d.message)}\n")
        flux.write("\n")
    if resultat.statistiques and resultat.diagnostics:
        _tableau_des_statistiques(resultat, flux)
    fin = "red" if resultat.compte("error") else ("yellow" if resultat.diagnostics else "green")
    flux.write(style(resume(resultat), fin) + "\n")


def _tableau_des_statistiques(resultat: Resultat, flux: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table

    from sus_cli.rules.registry import toutes

    regles = toutes()
    table = Table(title="Diagnostics par règle", title_justify="left")
    for colonne in ("code", "règle", "sévérité", "nombre"):
        table.add_column(colonne, justify="right" if colonne == "nombre" else "left")
    severite = {d.code: d.severity for d in resultat.diagnostics}
    for code, nombre in statistiques(resultat.diagnostics).items():
        table.add_row(code, regles[code].slug, "erreur" if severite[code] == "error" else "avertissement",
                      str(nombre))
    Console(file=flux, highlight=False, soft_wrap=True).print(table)


def _rapporter_avec_rich(resultat: Resultat, flux: TextIO) -> None:
    from rich.console import Console
    from rich.markup import escape

    console = Console(file=flux, highlight=False, soft_wrap=True)
    couleurs = {"error": "red", "warning": "yellow"}
    for _, groupe in groupby(resultat.diagnostics, key=lambda d: d.path):
        for d in groupe:
            niveau = "" if d.severity == "error" else " (avertissement)"
            console.print(f"[bold]{escape(une_ligne(d.path))}[/]:{d.line}:{d.column} "
                          f"[{couleurs[d.severity]}]{d.code}[/]{niveau} {escape(une_ligne(d.message))}", emoji=False)
        console.print()
    if resultat.statistiques and resultat.diagnostics:
        _tableau_des_statistiques(resultat, flux)
    style = "red" if resultat.compte("error") else ("yellow" if resultat.diagnostics else "green")
    console.print(f"[{style}]{escape(resume(resultat))}[/]")
