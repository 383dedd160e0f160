"""What every command shares: finding the repository, usage errors, consoles."""

from __future__ import annotations

import datetime as dt
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Optional

import typer


class ErreurUsage(Exception):
    """A usage error: French message, exit status 2."""


class ProblemeSchema(Exception):
    """The schéma itself is wrong (an invalid sus.yaml), so the command cannot
    work: French message, exit status 1, as for any problem in the schéma."""


OptionRacine = Annotated[Optional[Path], typer.Option(
    "--racine", help="Dossier du dépôt de schéma (qui contient sus.yaml). "
                     "Par défaut : le premier dossier contenant sus.yaml en remontant depuis le dossier courant.",
    file_okay=False, show_default=False, metavar="DOSSIER")]


def lire_annee(texte: str) -> int:
    """A year typed on the command line; a usage error saying the expected form otherwise."""
    valeur = texte.strip()
    if not (len(valeur) == 4 and valeur.isascii() and valeur.isdigit()) or not 1900 <= int(valeur) <= 2200:
        raise ErreurUsage(f"année « {texte} » illisible : écrivez l'année en quatre chiffres, par exemple 2024")
    return int(valeur)


def avertir_si_hors_schema(annee: int, config) -> None:
    """A year outside the schéma is allowed (a bilan of the year before, of a prolonged
    plan) but is most often a typing error: say so on standard error."""
    debut, fin = config.schema_.debut, config.schema_.fin
    if not debut <= annee <= fin:
        print(f"Attention : {annee} est hors des années du schéma ({debut}-{fin}) ; les fiches n'y ont sans "
              "doute ni valeur ni budget.", file=sys.stderr)


def racine_du_depot(racine: Path | None) -> Path:
    from sus_cli.loading.arbre import RacineIntrouvable, trouver_racine
    try:
        return trouver_racine(Path.cwd(), racine)
    except RacineIntrouvable as err:
        raise ErreurUsage(str(err)) from None


@dataclass(slots=True)
class Schema:
    """A loaded schéma, and the day it is seen from."""

    depot: object  # loading.repository.Depot
    jour: dt.date  # "today" for the rules and the late flags
    source: str  # "l'arbre de travail" or "le commit abc1234 du …"
    non_commitees: list[str] | None = None  # working-tree changes not committed (None: not known)
    sha: str | None = None  # the commit read, with --au


OptionAu = Annotated[Optional[str], typer.Option(
    "--au", help="Lire le schéma tel qu'il était dans git : à une date AAAA-MM-JJ (le dernier commit de ce "
                 "jour ou d'avant), ou à une révision (commit, branche, étiquette). Sans toucher aux fichiers.",
    metavar="DATE", show_default=False)]


def ouvrir_schema(racine: Path | None, au: str | None = None, a_lire=None, exiger_config: bool = True,
                  signaler_non_commitees: bool = False, verifier: bool = False, texte: str = "tout",
                  extraire=None) -> Schema:
    """Find the repository and load it: from the working tree, or from git at `au`.

    `verifier`: the files' own rules run as they are read (engine.verifier then
    finishes the check); `texte`: what is kept of each fiche's text, "tout",
    "corps" (its Markdown body) or "aucun"; `extraire(jour)`: what is kept of
    each fiche instead of its content (loading.repository.charger)."""
    from sus_cli.engine import analyse_au_chargement, aujourdhui
    from sus_cli.loading.repository import charger, charger_octets

    dossier = racine_du_depot(racine)
    if au is None:
        jour, arbre = aujourdhui(), None
    else:
        arbre = lire_git(dossier, au)
        jour = arbre.jour
    analyse = analyse_au_chargement(jour) if verifier else None
    extraction = extraire(jour) if extraire is not None else None
    if arbre is None:
        schema = Schema(charger(dossier, a_lire, texte=texte, analyse=analyse, extraire=extraction, processus=None),
                        jour, "l'arbre de travail")
        if signaler_non_commitees:
            schema.non_commitees = _non_commitees(dossier)
    else:
        schema = Schema(charger_octets(dossier, arbre.fichiers, texte=texte, analyse=analyse, extraire=extraction),
                        jour, arbre.source, sha=arbre.sha)
    if verifier:
        schema.depot.regles_du = jour
    if exiger_config and schema.depot.config is None:
        raise ProblemeSchema("sus.yaml est invalide : lancez « sus validate » pour voir pourquoi")
    return schema


@dataclass(slots=True)
class ArbreGit:
    """The schéma's files at a revision (`--au`), and the day it is seen from."""

    fichiers: dict[str, bytes]  # sus.yaml and fiches/**/*.md, by path relative to the schéma's root
    jour: dt.date
    source: str
    sha: str


def lire_git(dossier: Path, au: str) -> ArbreGit:
    """The schéma in git at `au` (a revision, or a date: its last commit of that day)."""
    from sus_cli.history.depot_git import ErreurGit, ouvrir
    try:
        git = ouvrir(dossier)
        sha = git.resoudre(au)
        fichiers = git.fichiers(sha)
        moment = git.date_commit(sha)
    except ErreurGit as err:
        raise ErreurUsage(str(err)) from None
    if "sus.yaml" not in fichiers:
        raise ErreurUsage(f"sus.yaml n'existe pas encore au commit {sha[:10]} ({au})")
    jour = dt.date.fromisoformat(au) if _est_date(au) else moment.date()
    return ArbreGit(fichiers, jour, f"le commit {sha[:10]} du {moment.date().isoformat()}", sha)


def _est_date(texte: str) -> bool:
    try:
        dt.date.fromisoformat(texte)
        return len(texte) == 10
    except ValueError:
        return False


def _non_commitees(dossier: Path) -> list[str] | None:
    from sus_cli.history.depot_git import ErreurGit, modifications_non_commitees, ouvrir
    try:
        return modifications_non_commitees(ouvrir(dossier))
    except ErreurGit:
        return None  # not a git repository: nothing to flag


def charger_depot(racine: Path | None, a_lire=None, texte: str = "tout", extraire=None):
    """Find and load the working tree; a missing or unusable sus.yaml is a usage error.
    `texte`, `extraire(jour)`: what is kept of each fiche (loading.repository.charger)."""
    return ouvrir_schema(racine, None, a_lire, texte=texte, extraire=extraire).depot


def console(flux=None):
    """A rich console made at call time (its width follows the terminal now)."""
    from rich.console import Console
    return Console(file=flux or sys.stdout, highlight=False)


def sur_github_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def affichable(texte: object, plusieurs_lignes: bool = False) -> str:
    """Text from the schéma for rich markup: its control characters shown
    (never sent to the terminal), line breaks too unless `plusieurs_lignes`,
    its markup escaped."""
    from rich.markup import escape

    from sus_cli.echappement import lignes, une_ligne
    return escape((lignes if plusieurs_lignes else une_ligne)(texte))
