"""`sus nouvelle` (issue 8, item 11): a title the model refuses creates
nothing, and runs at the same time never share an id nor a file."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FICHE_VALIDE, ecrire


@pytest.mark.parametrize("titre,raison", [
    ("Un titre\x07qui sonne", "U+0007"), ("Un titre\nsur deux lignes", "U+000A"),
    ("Titre\n---\nid: TR-6.2.9", "U+000A"), ("x" * 301, "300 caractères au plus"), ("a\u2028b", "U+2028")])
def test_titre_refuse_avant_toute_ecriture(depot, sus, titre, raison):
    ecrire(depot, "fiches/TR-6.2.1.md", FICHE_VALIDE)
    avant = sorted(p.relative_to(depot) for p in depot.rglob("*"))
    sortie = sus("nouvelle", "TR-6.2", "--porteur", "DSUN", "--titre", titre, cwd=depot)
    assert sortie.code == 2 and "titre refusé" in sortie.stderr and raison in sortie.stderr, sortie.stderr
    assert sorted(p.relative_to(depot) for p in depot.rglob("*")) == avant


def test_titre_de_300_caracteres_accepte(depot, sus):
    ecrire(depot, "fiches/TR-6.2.1.md", FICHE_VALIDE)
    sortie = sus("nouvelle", "TR-6.2", "--porteur", "DSUN", "--titre", "é" * 300, cwd=depot)
    assert sortie.code == 0, sortie.stderr
    # The template's text is still to write (SUS500); the title itself is accepted.
    rapport = json.loads(sus("validate", sortie.stdout.strip(), "--format", "json", cwd=depot).stdout)
    assert {d["code"] for d in rapport["diagnostics"]} <= {"SUS500"}, rapport["diagnostics"]


def _en_parallele(depot: Path, titres: list[str]) -> list[subprocess.CompletedProcess]:
    env = {**os.environ, "SUS_AUJOURDHUI": "2025-06-30"}
    processus = [subprocess.Popen([sys.executable, "-m", "sus_cli", "nouvelle", "TR-6.2", "--porteur", "DSUN",
                                   "--titre", titre], cwd=depot, env=env, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for titre in titres]
    return [(p.wait(timeout=120), p.stdout.read(), p.stderr.read()) for p in processus]


@pytest.mark.parametrize("titres", [[f"Action {i}" for i in range(12)], ["Même titre"] * 8],
                         ids=["titres-differents", "meme-titre"])
def test_creations_simultanees(depot, titres):
    ecrire(depot, "fiches/TR-6.2.1.md", FICHE_VALIDE)
    resultats = _en_parallele(depot, titres)
    assert all(code == 0 for code, _, _ in resultats), [e for _, _, e in resultats]
    crees = [sortie.strip() for _, sortie, _ in resultats]
    assert len(set(crees)) == len(titres), crees  # each run names its own file...
    ids = sorted(re.match(r"TR-6\.2\.\d+", Path(c).name).group() for c in crees)
    assert len(set(ids)) == len(titres), ids  # ...and its own id
    fichiers = sorted(p.name for p in (depot / "fiches").iterdir())
    assert len(fichiers) == len(titres) + 1, fichiers  # nothing overwritten, nothing left over
