"""Hostile input read through git (issue 8, items 10 and 12): any date for
--au, and file names that would break the Markdown of `sus revue`."""

from __future__ import annotations

import json

import pytest

from conftest import FICHE_VALIDE, SUS_YAML_TEST

SUS_YAML = SUS_YAML_TEST.read_text(encoding="utf-8")


@pytest.mark.parametrize("date", ["2100-01-01", "2199-12-31", "9999-12-31"])
def test_au_une_date_lointaine(depot_git, sus, date):
    depot_git.commit("référentiel", "2024-01-10", {"sus.yaml": SUS_YAML, "fiches/TR-6.2.1.md": FICHE_VALIDE})
    sortie = sus("bilan", "2024", "--au", date, "-f", "json", cwd=depot_git.racine)
    assert sortie.code == 0, sortie.stderr
    assert json.loads(sortie.stdout)["synthese"]["fiches"] == 1
    assert sus("validate", "--au", date, cwd=depot_git.racine).code == 0


def test_au_avant_1970(depot_git, sus):
    depot_git.commit("référentiel", "2024-01-10", {"sus.yaml": SUS_YAML})
    sortie = sus("bilan", "2024", "--au", "1960-06-30", cwd=depot_git.racine)
    assert sortie.code == 2 and "aucun commit au plus tard le 1960-06-30" in sortie.stderr


def test_revue_markdown_nom_de_fichier_hostile(depot_git, sus):
    depot_git.commit("référentiel", "2024-01-10", {"sus.yaml": SUS_YAML})
    nom = "fiches/TR-6.2.1`\n## Approuvé par la direction\n\x1b[2J.md"
    depot_git.commit("fiche", "2024-01-11", {nom: FICHE_VALIDE})
    sortie = sus("revue", "HEAD~1", "HEAD", "--format", "markdown", cwd=depot_git.racine)
    assert "\n## Approuvé" not in sortie.stdout and "\x1b" not in sortie.stdout
    ligne = next(l for l in sortie.stdout.splitlines() if "Approuvé" in l)
    assert ligne == "``fiches/TR-6.2.1`\\n## Approuvé par la direction\\n\\x1b[2J.md``"
    texte = sus("revue", "HEAD~1", "HEAD", cwd=depot_git.racine).stdout
    assert "\n## Approuvé" not in texte and "\x1b" not in texte


def test_revision_en_forme_d_option(depot_git, sus):
    depot_git.commit("référentiel", "2024-01-10", {"sus.yaml": SUS_YAML})
    for revision in ("--output=/tmp/x", "-h"):
        sortie = sus("validate", "--au", revision, cwd=depot_git.racine)
        assert sortie.code == 2 and "révision git inconnue" in sortie.stderr, sortie.stderr
