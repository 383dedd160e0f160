"""CODEOWNERS injection (issue 8, item 3): nothing from sus.yaml or a file
name writes an ownership line of its own."""

from __future__ import annotations

import json

import pytest

from conftest import FICHE_VALIDE, ecrire


def _sus_yaml(depot, nom='"Direction des systèmes et usages numériques"', relecteurs='["@dep/dsun"]'):
    texte = (depot / "sus.yaml").read_text(encoding="utf-8")
    texte = texte.replace('    nom: "Direction des systèmes et usages numériques"\n',
                          f"    nom: {nom}\n    relecteurs: {relecteurs}\n")
    (depot / "sus.yaml").write_text(texte, encoding="utf-8")


def _lignes_de_proprietaires(texte: str) -> list[str]:
    return [l for l in texte.splitlines() if l and not l.startswith(("#", "["))]


@pytest.mark.parametrize("relecteurs,colonne", [
    ('["@dep/dsun\\n* @pirate"]', 18), ('["@dep/dsun #commentaire"]', 18), ('["@dep/dsun", "* @pirate"]', 31),
    ('["@dep/dsun\\r@pirate"]', 18), ('[""]', 18)])
def test_relecteurs_valides(depot, sus, relecteurs, colonne):
    _sus_yaml(depot, relecteurs=relecteurs)
    ecrire(depot, "fiches/TR-6.2.1.md", FICHE_VALIDE)
    sortie = sus("validate", "--format", "json", cwd=depot)
    diagnostics = json.loads(sortie.stdout)["diagnostics"]
    assert [(d["path"], d["line"], d["column"], d["code"]) for d in diagnostics] == [
        ("sus.yaml", 9, colonne, "SUS200")]
    assert "relecteur" in diagnostics[0]["message"]
    (depot / ".git").mkdir()
    assert sus("codeowners", cwd=depot).code == 1  # sus.yaml is wrong: a problem in the schéma
    assert not (depot / ".github" / "CODEOWNERS").exists()


@pytest.mark.parametrize("relecteurs", ['["@dsun"]', '["@dep/dsun", "@dep/sous.groupe/equipe_1"]',
                                        '["agent.e+sus@departement.fr"]', '["@@maintainer"]'])
def test_relecteurs_acceptes(depot, sus, relecteurs):
    _sus_yaml(depot, relecteurs=relecteurs)
    ecrire(depot, "fiches/TR-6.2.1.md", FICHE_VALIDE)
    assert sus("validate", cwd=depot).code == 0


def test_nom_de_direction_sur_une_ligne(depot, sus):
    _sus_yaml(depot, nom='"Direction\\n/fiches/** @pirate"')
    sortie = sus("validate", "--format", "json", cwd=depot)
    diagnostics = json.loads(sortie.stdout)["diagnostics"]
    assert [(d["path"], d["line"], d["code"]) for d in diagnostics] == [("sus.yaml", 8, "SUS200")]
    assert "U+000A" in diagnostics[0]["message"]


def test_section_gitlab_fermee(depot, sus):
    _sus_yaml(depot, nom='"Direction] @pirate [x"')
    ecrire(depot, "fiches/TR-6.2.1.md", FICHE_VALIDE)
    (depot / ".git").mkdir()
    assert sus("codeowners", "--gitlab", cwd=depot).code == 0
    texte = (depot / ".gitlab" / "CODEOWNERS").read_text(encoding="utf-8")
    assert "[DSUN — Direction) @pirate (x]" in texte.splitlines()
    assert _lignes_de_proprietaires(texte) == ["/fiches/TR-6.2.1.md @dep/dsun"]


@pytest.mark.parametrize("nom", ["TR-6.2.1-a\n* @pirate.md", "TR-6.2.1-a\r* @pirate.md", "TR-6.2.1-a\t@pirate.md",
                                 "TR-6.2.1-*.md", "TR-6.2.1-[ab].md"])
def test_nom_de_fiche_hostile(depot, sus, nom):
    _sus_yaml(depot)
    ecrire(depot, f"fiches/{nom}", FICHE_VALIDE)
    ecrire(depot, "fiches/TR-6.2.2.md", FICHE_VALIDE.replace("TR-6.2.1", "TR-6.2.2"))
    (depot / ".git").mkdir()
    sortie = sus("validate", "--format", "json", cwd=depot)
    diagnostics = json.loads(sortie.stdout)["diagnostics"]
    assert [(d["line"], d["code"]) for d in diagnostics] == [(1, "SUS105")]
    for gitlab in ([], ["--gitlab"]):
        assert sus("codeowners", *gitlab, cwd=depot).code == 0
    for fichier in (".github/CODEOWNERS", ".gitlab/CODEOWNERS"):
        texte = (depot / fichier).read_text(encoding="utf-8")
        assert _lignes_de_proprietaires(texte) == ["/fiches/TR-6.2.2.md @dep/dsun"], texte
        assert "SUS105" in texte
    texte = sus("validate", cwd=depot).stdout
    assert all(l.startswith(("fiches/", "2 fiches")) for l in texte.splitlines() if l), texte
