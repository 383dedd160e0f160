"""Shared helpers: build schéma repositories in tmp_path and run `sus` as a user would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

RACINE_PROJET = Path(__file__).resolve().parents[1]
SUS_YAML_TEST = Path(__file__).parent / "regles" / "sus.yaml"

# A valid fiche for tests/regles/sus.yaml, with no diagnostic at all.
FICHE_VALIDE = """---
id: TR-6.2.1
titre: Dématérialiser les fiches
porteur: DSUN
indicateurs:
  - {id: a, libelle: Indicateur A, unite: nombre}
  - {id: b, libelle: Indicateur B, unite: nombre}
---
"""


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="Réécrit les fichiers de référence (golden) au lieu de les comparer.")


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture(scope="session")
def cache_utilisateur(tmp_path_factory) -> Path:
    """The user's cache folder for the whole test session (where sus keeps the key that seals its caches)."""
    return tmp_path_factory.mktemp("cache-utilisateur")


@pytest.fixture(autouse=True)
def environnement_stable(monkeypatch, cache_utilisateur):
    # Output must not depend on the terminal running the tests.
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("SUS_AUJOURDHUI", "2025-06-30")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    # Nothing written in the home folder of who runs the tests.
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_utilisateur))


@dataclass
class Sortie:
    code: int
    stdout: str
    stderr: str


def lancer(args: list[str], cwd: Path, capsys, monkeypatch) -> Sortie:
    """Run `sus ARGS` in-process from `cwd`, as the console script does."""
    from sus_cli.cli.app import main

    monkeypatch.chdir(cwd)
    capsys.readouterr()
    with pytest.raises(SystemExit) as fin:
        main(args)
    sortie = capsys.readouterr()
    return Sortie(fin.value.code, sortie.out, sortie.err)


@pytest.fixture
def sus(capsys, monkeypatch):
    def executer(*args: str, cwd: Path) -> Sortie:
        return lancer(list(args), cwd, capsys, monkeypatch)
    return executer


def lancer_processus(args: list[str], cwd: Path, env: dict | None = None) -> Sortie:
    """Run `python -m sus_cli ARGS` in a real process (for tracebacks, imports, signals)."""
    environnement = {**os.environ, "COLUMNS": "120", "NO_COLOR": "1", "SUS_AUJOURDHUI": "2025-06-30",
                     **(env or {})}
    environnement.pop("GITHUB_ACTIONS", None)
    fait = subprocess.run([sys.executable, "-m", "sus_cli", *args], cwd=cwd, capture_output=True,
                          text=True, env=environnement, timeout=120)
    return Sortie(fait.returncode, fait.stdout, fait.stderr)


@pytest.fixture
def depot(tmp_path) -> Path:
    """An empty schéma repository using the test référentiel."""
    racine = tmp_path / "depot"
    (racine / "fiches").mkdir(parents=True)
    shutil.copy(SUS_YAML_TEST, racine / "sus.yaml")
    return racine


def ecrire(racine: Path, relatif: str, contenu: str | bytes) -> Path:
    chemin = racine / relatif
    chemin.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(contenu, bytes):
        chemin.write_bytes(contenu)
    else:
        chemin.write_text(contenu, encoding="utf-8")
    return chemin


class DepotGitDeTest:
    """A schéma repository under git, with commits at chosen dates."""

    def __init__(self, racine: Path):
        self.racine = racine
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.name", "Agente Test")
        self.git("config", "user.email", "agente@example.org")

    def git(self, *args: str, date: str | None = None, auteur: str | None = None) -> str:
        env = {**os.environ, "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}
        if date:
            env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{date}T12:00:00+01:00"
        if auteur:
            env["GIT_AUTHOR_NAME"] = auteur
        fait = subprocess.run(["git", *args], cwd=self.racine, env=env, capture_output=True, text=True)
        assert fait.returncode == 0, fait.stderr
        return fait.stdout

    def commit(self, message: str, date: str, fichiers: dict[str, str | None] | None = None,
               auteur: str | None = None) -> str:
        for relatif, contenu in (fichiers or {}).items():
            if contenu is None:
                self.git("rm", "-q", relatif)
            else:
                ecrire(self.racine, relatif, contenu)
                self.git("add", relatif)
        self.git("commit", "-q", "--allow-empty", "-m", message, date=date, auteur=auteur)
        return self.git("rev-parse", "HEAD").strip()


@pytest.fixture
def depot_git(depot) -> DepotGitDeTest:
    return DepotGitDeTest(depot)
