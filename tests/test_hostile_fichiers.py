"""Files that are not files, and folders that cannot be read (issue 8, items 5
and 6): sus reads only regular files inside the schéma, reports the rest
(SUS104), and says what it left out."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FICHE_VALIDE, ecrire

SECRET = "Mot de passe de la base : hunter2"
FICHE_2 = FICHE_VALIDE.replace("TR-6.2.1", "TR-6.2.2")


def _limites():
    # If a regression reads /dev/zero, it fails on memory instead of taking the machine down.
    resource.setrlimit(resource.RLIMIT_AS, (1024 ** 3, 1024 ** 3))


def _sus(depot: Path, *args: str) -> subprocess.CompletedProcess:
    """`sus ARGS` in a real process, bounded in memory and time."""
    env = {**os.environ, "COLUMNS": "120", "NO_COLOR": "1", "SUS_AUJOURDHUI": "2025-06-30"}
    return subprocess.run([sys.executable, "-m", "sus_cli", *args], cwd=depot, capture_output=True, text=True,
                          env=env, timeout=30, preexec_fn=_limites)


def _diagnostics(depot: Path) -> list[dict]:
    fait = _sus(depot, "validate", "--format", "json")
    assert fait.returncode == 1, fait.stderr
    assert "Traceback" not in fait.stderr
    return json.loads(fait.stdout)["diagnostics"]


@pytest.fixture
def schema(depot):
    ecrire(depot, "fiches/TR-6.2.1.md", FICHE_VALIDE)
    return depot


@pytest.mark.parametrize("cible", ["/dev/zero", "/dev/stdin", "/dev/urandom"])
def test_lien_vers_un_peripherique(schema, cible):
    os.symlink(cible, schema / "fiches" / "TR-6.2.2.md")
    diagnostics = _diagnostics(schema)
    assert [(d["path"], d["code"], d["line"]) for d in diagnostics] == [("fiches/TR-6.2.2.md", "SUS104", 1)]
    assert "hors du dépôt" in diagnostics[0]["message"]


def test_tube_nomme(schema):
    os.mkfifo(schema / "fiches" / "TR-6.2.2.md")
    diagnostics = _diagnostics(schema)
    assert [(d["path"], d["code"]) for d in diagnostics] == [("fiches/TR-6.2.2.md", "SUS104")]
    assert "pas un fichier ordinaire" in diagnostics[0]["message"]


def test_lien_vers_un_dossier_hors_du_depot(schema, tmp_path):
    dehors = tmp_path / "dehors"
    ecrire(dehors, "TR-6.2.2.md", FICHE_2.replace("Dématérialiser les fiches", SECRET))
    ecrire(dehors, "casse.md", f"{SECRET}\n")
    os.symlink(dehors, schema / "fiches" / "u")
    fait = _sus(schema, "validate", "--format", "json")
    rapport = json.loads(fait.stdout)
    assert fait.returncode == 1 and rapport["fiches"] == 1
    assert [(d["path"], d["code"]) for d in rapport["diagnostics"]] == [("fiches/u", "SUS104")]
    assert "hors du dépôt" in rapport["diagnostics"][0]["message"]
    assert SECRET not in fait.stdout + fait.stderr
    bilan = _sus(schema, "bilan", "2024", "--format", "json")
    assert bilan.returncode == 1 and SECRET not in bilan.stdout + bilan.stderr
    assert "fiche écartée du bilan : fiches/u" in bilan.stderr


def test_lien_vers_un_fichier_hors_du_depot(schema, tmp_path):
    dehors = ecrire(tmp_path, "dehors.md", FICHE_2.replace("Dématérialiser les fiches", SECRET))
    os.symlink(dehors, schema / "fiches" / "TR-6.2.2.md")
    diagnostics = _diagnostics(schema)
    assert [(d["path"], d["code"]) for d in diagnostics] == [("fiches/TR-6.2.2.md", "SUS104")]
    liste = _sus(schema, "liste", "--format", "json")
    assert liste.returncode == 1 and SECRET not in liste.stdout + liste.stderr


def test_lien_dans_le_depot_suivi(schema):
    ecrire(schema, "partage/TR-6.2.2.md", FICHE_2)
    os.symlink("../partage/TR-6.2.2.md", schema / "fiches" / "TR-6.2.2.md")
    os.symlink("../partage", schema / "fiches" / "commun")
    fait = _sus(schema, "validate", "--format", "json")
    rapport = json.loads(fait.stdout)
    # The same fiche reached twice: read twice, hence the duplicate id, and nothing else.
    assert rapport["fiches"] == 3
    assert {d["code"] for d in rapport["diagnostics"]} == {"SUS301"}


def test_sus_yaml_lien_hors_du_depot(schema, tmp_path):
    dehors = tmp_path / "config.yaml"
    dehors.write_text((schema / "sus.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (schema / "sus.yaml").unlink()
    os.symlink(dehors, schema / "sus.yaml")
    diagnostics = _diagnostics(schema)
    assert ("sus.yaml", "SUS104") in [(d["path"], d["code"]) for d in diagnostics]


def test_codeowners_lien_vers_dev_zero(schema):
    (schema / ".git").mkdir()
    (schema / ".github").mkdir()
    os.symlink("/dev/zero", schema / ".github" / "CODEOWNERS")
    fait = _sus(schema, "validate")
    assert fait.returncode == 0, fait.stderr


def _dossier_illisible(monkeypatch, dossier: Path):
    """As root (CI containers) chmod 000 still reads: simulate the refusal."""
    scandir = os.scandir

    def refuse(chemin=".", *args):
        if Path(chemin) == dossier:
            raise PermissionError(13, "Permission denied", str(chemin))
        return scandir(chemin, *args)
    monkeypatch.setattr(os, "scandir", refuse)


def test_dossier_illisible_signale_et_ecarte(schema, sus, monkeypatch):
    ecrire(schema, "fiches/prive/TR-6.2.2.md", FICHE_2)
    _dossier_illisible(monkeypatch, schema / "fiches" / "prive")
    sortie = sus("validate", "--format", "json", cwd=schema)
    rapport = json.loads(sortie.stdout)
    assert sortie.code == 1
    assert [(d["path"], d["code"], d["line"]) for d in rapport["diagnostics"]] == [("fiches/prive", "SUS104", 1)]
    assert "dossier illisible (permission refusée)" in rapport["diagnostics"][0]["message"]
    bilan = sus("bilan", "2024", "--format", "json", cwd=schema)
    assert bilan.code == 1
    ecartees = json.loads(bilan.stdout)["fiches_ecartees"]
    assert [(e["chemin"], e["raison"]) for e in ecartees] == [
        ("fiches/prive", "dossier illisible : les fiches qu'il contient manquent (voir la vérification des fiches)")]
    assert "fiche écartée du bilan : fiches/prive" in bilan.stderr
    liste = sus("liste", cwd=schema)
    assert liste.code == 1 and "fiches/prive" in liste.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root lit un dossier chmod 000 : voir le test précédent, qui simule")
def test_dossier_chmod_000(schema):
    ecrire(schema, "fiches/prive/TR-6.2.2.md", FICHE_2)
    (schema / "fiches" / "prive").chmod(0)
    try:
        diagnostics = _diagnostics(schema)
    finally:
        (schema / "fiches" / "prive").chmod(0o755)
    assert [(d["path"], d["code"]) for d in diagnostics] == [("fiches/prive", "SUS104")]


@pytest.mark.parametrize("cible", ["secret", "/dev/zero"])
def test_gabarit_lien_hors_du_depot(schema, tmp_path, cible):
    """A schéma's own templates/ are read like its fiches: a link out of it is refused."""
    if cible == "secret":
        cible = str(ecrire(tmp_path, "secret.j2", f"{SECRET}\n"))
    (schema / "templates").mkdir()
    os.symlink(cible, schema / "templates" / "bilan.md.j2")
    fait = _sus(schema, "bilan", "2024", "--sortie", "-")
    assert fait.returncode == 2 and "hors du dépôt" in fait.stderr, fait.stderr
    assert SECRET not in fait.stdout + fait.stderr


def test_gabarit_du_depot_par_un_lien_interne(schema):
    ecrire(schema, "modeles/bilan.md.j2", "Bilan maison {{ annee }}\n")
    (schema / "templates").mkdir()
    os.symlink("../modeles/bilan.md.j2", schema / "templates" / "bilan.md.j2")
    fait = _sus(schema, "bilan", "2024", "--sortie", "-")
    assert fait.returncode == 0 and fait.stdout == "Bilan maison 2024\n", fait.stderr
