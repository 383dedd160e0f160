"""What the history tells about a year: one `git log` for the year, and the
tree at the start of the year for the statut changes."""

from __future__ import annotations

import datetime as dt

from sus_cli.history.depot_git import DepotGit, ErreurGit
from sus_cli.history.journal import Activite, activite, lire_journal


def histoire_de_l_annee(git: DepotGit, annee: int, chemins_actuels: set[str], revision: str = "HEAD",
                        jusqua: dt.date | None = None) -> tuple[Activite, dict[str, bytes] | None]:
    """The activity of the year on today's paths, and the schéma's files at the
    start of the year (None when the history does not reach back that far)."""
    debut, fin = dt.date(annee, 1, 1), min(dt.date(annee, 12, 31), jusqua or dt.date(annee, 12, 31))
    commits = lire_journal(git, depuis=debut, revision=revision)
    resultat = activite(commits, chemins_actuels, debut, fin)
    try:
        depart = git.fichiers(git.resoudre(f"{annee - 1}-12-31"))
    except ErreurGit:
        depart = None
    return resultat, depart
