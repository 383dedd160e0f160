"""The git repository around a schéma: open it, resolve revisions and dates,
read a whole tree at a revision."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

# Without this, importing GitPython on a machine with no git raises at import.
os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")


class ErreurGit(Exception):
    """Git is missing, or the history cannot answer: French message, exit 2."""


@dataclass(slots=True)
class DepotGit:
    repo: object  # git.Repo
    prefixe: str  # the schéma's folder inside the git work tree ("" at its root, else "dossier/")

    @property
    def git(self):
        return self.repo.git

    def executer(self, *args: str) -> str:
        import git
        try:
            return self.repo.git.execute(["git", *args], stdout_as_string=False).decode("utf-8", "replace")
        except git.GitCommandError as err:
            message = (err.stderr or "").strip().removeprefix("stderr: ").strip("'\n ")
            raise ErreurGit(f"git {args[0]} a échoué : {message}") from None

    def est_superficiel(self) -> bool:
        return self.executer("rev-parse", "--is-shallow-repository").strip() == "true"

    def a_des_commits(self) -> bool:
        try:
            self.executer("rev-parse", "--verify", "-q", "HEAD^{commit}")
            return True
        except ErreurGit:
            return False

    def resoudre(self, revision: str) -> str:
        """A commit sha for a revision (sha, branch, tag) or a date AAAA-MM-JJ
        (the last commit on or before that day)."""
        if not self.a_des_commits():
            raise ErreurGit("le dépôt git n'a encore aucun commit")
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", revision):
            try:
                dt.date.fromisoformat(revision)
            except ValueError:
                raise ErreurGit(f"date impossible « {revision} »") from None
            avant = borne_git(dt.date.fromisoformat(revision), fin_de_journee=True)
            sha = self.executer("rev-list", "-1", f"--before={avant}", "HEAD").strip() if avant else ""
            if not sha:
                indice = " (le clone est superficiel : l'historique ancien manque)" if self.est_superficiel() else ""
                raise ErreurGit(f"aucun commit au plus tard le {revision}{indice}")
            return sha
        if revision.startswith("-"):  # never an option of git's, whatever the caller passes
            raise ErreurGit(f"révision git inconnue : « {revision} »")
        try:
            return self.executer("rev-parse", "--verify", "-q", f"{revision}^{{commit}}").strip()
        except ErreurGit:
            raise ErreurGit(f"révision git inconnue : « {revision} »") from None

    def date_commit(self, sha: str) -> dt.datetime:
        return dt.datetime.fromisoformat(self.executer("show", "-s", "--format=%cI", sha).strip())

    def fichier(self, sha: str, relatif: str) -> bytes | None:
        """One file of the schéma at a commit (path relative to the schéma's root), or None if absent."""
        import git
        try:
            return self.repo.git.execute(["git", "cat-file", "blob", f"{sha}:{self.prefixe}{relatif}"],
                                         stdout_as_string=False)
        except git.GitCommandError:
            return None

    def fichiers(self, sha: str) -> dict[str, bytes]:
        """Every `sus.yaml` and `fiches/**/*.md` of the schéma at a commit, by
        path relative to the schéma's root: one ls-tree, one cat-file --batch."""
        return self.objets(self.arbre(sha))

    def arbre(self, sha: str) -> dict[str, str]:
        """The blob id of every `sus.yaml` and `fiches/**/*.md` of the schéma at
        a commit, by path relative to the schéma's root (nothing is read)."""
        sortie = self.executer("ls-tree", "-r", "-z", "--full-tree", sha, "--",
                               f"{self.prefixe}sus.yaml", f"{self.prefixe}fiches")
        entrees = {}
        for ligne in filter(None, sortie.split("\0")):
            infos, chemin = ligne.split("\t", 1)
            _mode, type_, objet = infos.split()
            relatif = chemin[len(self.prefixe):]
            if type_ == "blob" and (relatif == "sus.yaml" or relatif.endswith(".md")):
                entrees[relatif] = objet
        return entrees

    def objets(self, entrees: dict[str, str]) -> dict[str, bytes]:
        """The contents of blobs (path → blob id), by path."""
        contenus = {}
        for relatif, objet in entrees.items():
            # One persistent `git cat-file --batch` process serves every object.
            _sha, _type, _taille, flux = self.repo.git.stream_object_data(objet)
            contenus[relatif] = flux.read()
        return contenus


def borne_git(jour: dt.date, fin_de_journee: bool = False) -> str | None:
    """The start (or end) of a day, local time, as a git date option value.

    Git's own date parser cannot read years from 2100 on (`--before=2100-01-01`
    finds nothing): give it seconds since 1970 instead, `@N`. None before
    1970, where git has no commit.
    """
    moment = dt.datetime.combine(jour, dt.time(23, 59, 59) if fin_de_journee else dt.time())
    try:
        secondes = int(moment.astimezone().timestamp())
    except (OverflowError, OSError, ValueError):  # beyond what the C library's local time handles
        secondes = int(moment.replace(tzinfo=dt.datetime.now().astimezone().tzinfo).timestamp())
    return f"@{secondes}" if secondes >= 0 else None


def ouvrir(racine: Path) -> DepotGit:
    """The git repository holding the schéma at `racine`."""
    try:
        import git
    except ImportError:  # pragma: no cover - GitPython is a dependency
        raise ErreurGit("GitPython n'est pas installé") from None
    try:
        repo = git.Repo(racine, search_parent_directories=True)
        repo.git.version()
    except git.GitCommandNotFound:
        raise ErreurGit("git est introuvable sur cette machine : installez git pour utiliser l'historique") from None
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise ErreurGit(f"{racine} n'est pas dans un dépôt git : cette commande lit l'historique") from None
    travail = Path(repo.working_tree_dir).resolve()
    try:
        prefixe = racine.resolve().relative_to(travail).as_posix()
    except ValueError:
        raise ErreurGit(f"{racine} est hors du dépôt git {travail}") from None
    return DepotGit(repo, "" if prefixe == "." else prefixe + "/")


def modifications_non_commitees(depot: DepotGit) -> list[str]:
    """Schéma files changed in the working tree and not committed (one `git status`)."""
    sortie = depot.executer("status", "--porcelain", "-z", "--untracked-files=all", "--",
                            f"{depot.prefixe}sus.yaml", f"{depot.prefixe}fiches")
    chemins = []
    jetons = sortie.split("\0")
    i = 0
    while i < len(jetons):
        entree = jetons[i]
        if len(entree) > 3:
            chemins.append(entree[3:][len(depot.prefixe):])
            if entree[0] in "RC":  # a rename is followed by its old path
                i += 1
        i += 1
    return sorted(chemins)


def base_par_defaut(depot: DepotGit) -> str:
    """The merge base of HEAD with the default branch (origin's, else main or master)."""
    candidates = []
    try:
        candidates.append(depot.executer("symbolic-ref", "-q", "--short", "refs/remotes/origin/HEAD").strip())
    except ErreurGit:
        pass
    candidates += ["origin/main", "origin/master", "main", "master"]
    for branche in filter(None, candidates):
        try:
            depot.executer("rev-parse", "--verify", "-q", f"{branche}^{{commit}}")
        except ErreurGit:
            continue
        return depot.executer("merge-base", "HEAD", branche).strip()
    raise ErreurGit("branche par défaut introuvable (ni origin/HEAD, ni main, ni master) : "
                    "donnez la base, par exemple « sus revue origin/main »")
