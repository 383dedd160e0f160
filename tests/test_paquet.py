"""The package a département installs: built with `python -m build`, installed
from the wheel in a fresh virtual environment, it runs with its templates.

Marked `lent` (tens of seconds: an isolated build, then an install with every
dependency); `python -m pytest -m "not lent"` leaves it out."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

from conftest import RACINE_PROJET

import sus_cli

A_NE_PAS_COPIER = {".git", ".venv", "__pycache__", "build", "dist", ".pytest_cache", ".hypothesis"}


def _ignorer(dossier: str, noms: list[str]) -> set[str]:
    ignores = {n for n in noms if n in A_NE_PAS_COPIER or n.endswith(".egg-info")}
    if Path(dossier) == RACINE_PROJET:
        ignores |= {n for n in noms if n in ("site", "node_modules")}  # a site built here; npm's test tools
    if Path(dossier).name == "bench":
        ignores.add("out")
    return ignores


def _lancer(*args, cwd: Path, timeout: int = 300) -> str:
    fait = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=timeout)
    assert fait.returncode == 0, f"{' '.join(map(str, args))}\n{fait.stdout}\n{fait.stderr}"
    return fait.stdout + fait.stderr


def test_une_seule_version_et_une_seule_adresse():
    projet = tomllib.loads((RACINE_PROJET / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in projet and projet["dynamic"] == ["version"]  # read from sus_cli.__version__
    assert projet["urls"]["Source"] == sus_cli.ADRESSE_DEPOT
    assert re.fullmatch(r"\d+\.\d+\.\d+", sus_cli.__version__)
    changelog = (RACINE_PROJET / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## [{sus_cli.__version__}]" in changelog, "ajoutez l'entrée de cette version à CHANGELOG.md"


@pytest.mark.lent
def test_roue_et_sdist_s_installent_dans_un_environnement_neuf(tmp_path):
    pytest.importorskip("build", reason="« pip install build » (extra test) pour construire le paquet")
    source = tmp_path / "source"
    shutil.copytree(RACINE_PROJET, source, ignore=_ignorer)
    # Default `python -m build`: the sdist first, then the wheel built from the sdist, so a
    # file missing from the sdist breaks the wheel too.
    _lancer(sys.executable, "-m", "build", "--outdir", tmp_path / "dist", source, cwd=tmp_path)
    version = sus_cli.__version__
    roue = tmp_path / "dist" / f"sus_cli-{version}-py3-none-any.whl"
    sdist = tmp_path / "dist" / f"sus_cli-{version}.tar.gz"
    assert roue.is_file() and sdist.is_file(), sorted(p.name for p in (tmp_path / "dist").iterdir())
    gabarits = sorted(p.name for p in (RACINE_PROJET / "templates").iterdir() if p.suffix in (".j2", ".js"))
    with zipfile.ZipFile(roue) as archive:
        dans_la_roue = {Path(n).name for n in archive.namelist() if n.startswith("sus_cli/templates/")}
    assert set(gabarits) <= dans_la_roue
    with tarfile.open(sdist) as archive:
        dans_le_sdist = {Path(n).name for n in archive.getnames() if "/templates/" in n}
    assert set(gabarits) <= dans_le_sdist

    environnement = tmp_path / "venv"
    _lancer(sys.executable, "-m", "venv", environnement, cwd=tmp_path)
    _lancer(environnement / "bin" / "python", "-m", "pip", "install", "-q", roue, cwd=tmp_path)
    sus = environnement / "bin" / "sus"
    assert _lancer(sus, "--version", cwd=tmp_path).strip() == f"sus {version}"
    # The installed package, not this source tree, is what runs.
    chemin = _lancer(environnement / "bin" / "python", "-c", "import sus_cli; print(sus_cli.__file__)", cwd=tmp_path)
    assert str(environnement) in chemin
    # The bilan needs the packaged templates.
    _lancer(sus, "bilan", "2024", "--racine", RACINE_PROJET / "exemples", "--format", "html", "--sortie",
            tmp_path / "bilan.html", cwd=tmp_path)
    assert "<!DOCTYPE html>" in (tmp_path / "bilan.html").read_text(encoding="utf-8")
    # The site too: its templates and its script.
    _lancer(sus, "site", "--racine", RACINE_PROJET / "exemples", "--sortie", tmp_path / "site", cwd=tmp_path)
    assert (tmp_path / "site" / "site.js").read_bytes() == (RACINE_PROJET / "templates" / "site.js").read_bytes()
    _lancer(sus, "init", tmp_path / "schema", cwd=tmp_path)
    assert f"sus-cli=={version}" in (tmp_path / "schema" / ".gitlab-ci.yml").read_text(encoding="utf-8")
