"""The schéma's history: one `git log --name-status -z` call, parsed once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sus_cli.history.depot_git import DepotGit, borne_git


@dataclass(frozen=True, slots=True)
class Changement:
    statut: str  # A (added), M (modified), D (deleted), R (renamed)
    chemin: str  # relative to the schéma's root
    ancien: str | None = None  # for a rename


@dataclass(frozen=True, slots=True)
class Commit:
    sha: str
    date: dt.datetime
    auteur: str
    courriel: str
    sujet: str
    changements: tuple[Changement, ...]


FORMAT = "%x1e%H%x1f%aI%x1f%an%x1f%ae%x1f%s"


def lire_journal(depot: DepotGit, depuis: dt.date | None = None, jusqua: dt.date | None = None,
                 revision: str = "HEAD") -> list[Commit]:
    """Commits touching sus.yaml or fiches/, newest first, with renames followed."""
    if not depot.a_des_commits():
        return []
    options = ["log", "-M", "--name-status", "-z", f"--format={FORMAT}"]
    if depuis and borne_git(depuis):
        options.append(f"--since={borne_git(depuis)}")
    if jusqua:
        fin = borne_git(jusqua, fin_de_journee=True)
        if fin is None:
            return []
        options.append(f"--until={fin}")
    sortie = depot.executer(*options, revision, "--", f"{depot.prefixe}sus.yaml", f"{depot.prefixe}fiches")
    return analyser(sortie, depot.prefixe)


def analyser(sortie: str, prefixe: str = "") -> list[Commit]:
    commits = []
    for bloc in sortie.split("\x1e")[1:]:
        entete, _, reste = bloc.partition("\0")
        sha, date, auteur, courriel, sujet = (entete.split("\x1f") + [""] * 5)[:5]
        jetons = [j for j in reste.lstrip("\n").split("\0")]
        changements, i = [], 0
        while i < len(jetons) and jetons[i]:
            statut = jetons[i].strip()
            if statut[:1] in ("R", "C"):
                ancien, nouveau = jetons[i + 1], jetons[i + 2]
                changements.append(Changement(statut[0], nouveau[len(prefixe):], ancien[len(prefixe):]))
                i += 3
            else:
                changements.append(Changement(statut[0], jetons[i + 1][len(prefixe):]))
                i += 2
        commits.append(Commit(sha, dt.datetime.fromisoformat(date), auteur, courriel, sujet, tuple(changements)))
    return commits


@dataclass(slots=True)
class Activite:
    """What the history says about the current fiches over a period."""

    mises_a_jour: dict[str, int]  # current path → commits touching it in the period
    creees: set[str]  # current paths added (first or again) in the period
    auteurs: dict[str, int]  # author → commits touching the schéma in the period


def activite(commits: list[Commit], chemins_actuels: set[str], debut: dt.date, fin: dt.date) -> Activite:
    """Commits (newest first, as `git log` gives them) mapped onto today's paths.

    Walking back in time, a rename `old → new` means the file was at `old`
    before that commit: later commits are credited to the path it has now.
    """
    actuel_de = {p: p for p in chemins_actuels}  # path at the time examined → current path
    resultat = Activite({}, set(), {})
    for commit in commits:
        dans_periode = debut <= commit.date.date() <= fin
        touches = set()
        for changement in commit.changements:
            actuel = actuel_de.get(changement.chemin)
            if actuel is not None and dans_periode:
                touches.add(actuel)
                if changement.statut == "A":
                    resultat.creees.add(actuel)
            if changement.statut == "R" and actuel is not None:
                del actuel_de[changement.chemin]
                actuel_de[changement.ancien] = actuel
            elif changement.statut == "A" and actuel is not None:
                del actuel_de[changement.chemin]  # before its creation, that path is another file
        for actuel in touches:
            resultat.mises_a_jour[actuel] = resultat.mises_a_jour.get(actuel, 0) + 1
        if dans_periode and commit.changements:
            resultat.auteurs[commit.auteur] = resultat.auteurs.get(commit.auteur, 0) + 1
    return resultat
