"""`--format github`: workflow commands that GitHub Actions turns into annotations."""

from __future__ import annotations

from typing import TextIO

from sus_cli.echappement import une_ligne
from sus_cli.reporters import Resultat

_NIVEAUX = {"error": "error", "warning": "warning"}


def _donnee(texte: str) -> str:
    # Control characters first (shown as \x1b, \n…): a line break from a fiche
    # must stay visible text, not become one in the annotation.
    return une_ligne(texte).replace("%", "%25")


def _propriete(texte: str) -> str:
    return _donnee(texte).replace(":", "%3A").replace(",", "%2C")


def rapporter(resultat: Resultat, flux: TextIO) -> None:
    for d in resultat.diagnostics:
        flux.write(f"::{_NIVEAUX[d.severity]} file={_propriete(d.path)},line={d.line},col={d.column},"
                   f"title={_propriete(f'{d.code} {d.slug}')}::{_donnee(d.message)}\n")
    flux.write(f"{resultat.fiches} fiches lues : {resultat.compte('error')} erreur(s), "
               f"{resultat.compte('warning')} avertissement(s)\n")
