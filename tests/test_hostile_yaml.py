"""YAML that used to crash a whole report or misplace every later diagnostic
(issue 8, items 4 and 8): deep nesting, huge numbers, YAML's own line
breaks, control characters. The same answers from the C and the pure-Python
YAML parsers."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from conftest import FICHE_VALIDE, ecrire

AUTRE = FICHE_VALIDE.replace("TR-6.2.1", "TR-6.2.2")
CHARGEURS = pytest.mark.parametrize("chargeur", ["C", "Python"], indirect=True)


@pytest.fixture
def chargeur(request, monkeypatch):
    if request.param == "Python":
        from sus_cli.loading import yaml_nodes
        monkeypatch.setattr(yaml_nodes, "_Loader", yaml.SafeLoader)
    return request.param


def _diagnostics(depot, sus) -> list[tuple[str, int, int, str]]:
    sortie = sus("validate", "--format", "json", cwd=depot)
    assert "Traceback" not in sortie.stderr and sortie.code in (0, 1), sortie.stderr
    return [(d["path"], d["line"], d["column"], d["code"]) for d in json.loads(sortie.stdout)["diagnostics"]]


@CHARGEURS
@pytest.mark.parametrize("niveaux", [60, 600, 1200])
def test_imbrication_profonde(depot, sus, chargeur, niveaux):
    ecrire(depot, "fiches/TR-6.2.1.md", FICHE_VALIDE.replace(
        "porteur: DSUN", "porteur: DSUN\npublics: " + "[" * niveaux + "]" * niveaux))
    ecrire(depot, "fiches/TR-6.2.2.md", AUTRE)
    # The 51st opening bracket: the root mapping is the first level.
    assert _diagnostics(depot, sus) == [("fiches/TR-6.2.1.md", 5, 10 + 49, "SUS100")]
    sortie = sus("bilan", "2024", "--format", "json", cwd=depot)
    assert sortie.code == 1 and json.loads(sortie.stdout)["synthese"]["fiches"] == 1
    assert "imbrication trop profonde" in sus("validate", cwd=depot).stdout


@pytest.mark.parametrize("nombre", ["9" * 400, "-" + "9" * 40, "1.0e+300", "1000000000000001"])
def test_nombres_demesures(depot, sus, nombre, tmp_path):
    ecrire(depot, "fiches/TR-6.2.1.md", FICHE_VALIDE.replace(
        "porteur: DSUN", f"porteur: DSUN\nbudget:\n  - {{annee: 2024, prevu: {nombre}}}").replace(
        "unite: nombre}", f"unite: nombre, valeurs: {{2024: {nombre}}}}}", 1))
    diagnostics = _diagnostics(depot, sus)
    assert {d[1:] for d in diagnostics} == {(6, 26, "SUS200"), (8, 67, "SUS200")}, diagnostics
    sortie = sus("validate", cwd=depot).stdout
    assert "nombre trop grand" in sortie and "9" * 20 not in sortie
    for commande in (["bilan", "2024", "--format", "json"], ["export", "--sortie", str(tmp_path / "x.xlsx")],
                     ["liste"], ["avancement"]):
        assert sus(*commande, cwd=depot).code == 1, commande


def test_nombre_a_la_limite_accepte(depot, sus, tmp_path):
    ecrire(depot, "fiches/TR-6.2.1.md", FICHE_VALIDE.replace(
        "porteur: DSUN", "porteur: DSUN\nbudget:\n  - {annee: 2024, prevu: 1000000000000000, engage: 0.5}"))
    assert _diagnostics(depot, sus) == []
    bilan = json.loads(sus("bilan", "2024", "--format", "json", cwd=depot).stdout)
    assert bilan["synthese"]["budget"]["prevu"] == 10 ** 15


@CHARGEURS
@pytest.mark.parametrize("separateur", ["\u2028", "\u2029", "\x85"])
def test_separateurs_unicode_ne_decalent_pas_les_lignes(depot, sus, chargeur, separateur):
    ecrire(depot, "fiches/TR-6.2.1.md", FICHE_VALIDE.replace(
        "titre: Dématérialiser les fiches", f'titre: "Dématérialiser{separateur}les fiches"').replace(
        "porteur: DSUN", f"porteur: DSUN\npilotes: [Cheffe{separateur}de service]\ninconnue: 1"))
    assert ("fiches/TR-6.2.1.md", 6, 1, "SUS200") in _diagnostics(depot, sus)


@CHARGEURS
@pytest.mark.parametrize("caractere", ["\x07", "\x1b", "\x7f", "\x80", "\ufffe"])
def test_caractere_de_controle_en_francais_a_sa_place(depot, sus, chargeur, caractere):
    ecrire(depot, "fiches/TR-6.2.1.md", FICHE_VALIDE.replace(
        "porteur: DSUN", f"porteur: DSUN\npilotes: [\u2028Cheffe, «{caractere}»]"))
    assert _diagnostics(depot, sus) == [("fiches/TR-6.2.1.md", 5, 21, "SUS100")]
    message = json.loads(sus("validate", "--format", "json", cwd=depot).stdout)["diagnostics"][0]["message"]
    assert message.startswith(f"caractère de contrôle U+{ord(caractere):04X} interdit")


@CHARGEURS
def test_etiquettes_standard_sur_des_valeurs_impossibles(depot, sus, chargeur):
    """PyYAML's own constructors raise on these (`!!timestamp x`: AttributeError):
    it was an internal error, exit 2, for the whole repository."""
    ecrire(depot, "fiches/TR-6.2.1.md", FICHE_VALIDE.replace(
        "porteur: DSUN", "porteur: DSUN\npilotes: [!!timestamp x, !!bool oui, !!int abc]\n!!float cle: 1"))
    ecrire(depot, "fiches/TR-6.2.2.md", AUTRE)
    assert [d[1:] for d in _diagnostics(depot, sus)] == [
        (5, 26, "SUS100"), (5, 26, "SUS200"), (5, 38, "SUS100"), (5, 38, "SUS200"), (6, 1, "SUS100")]


@CHARGEURS
@pytest.mark.parametrize("ligne", [
    "publics: [a, b", "publics: {a: 1", "publics: @equipe", "publics: `x`", "publics: %x", "publics: *inconnu",
    "publics: !<x y", "publics: |x\n  bloc", "publics: a: b", "  - a\npublics:", "publics: a\n---\nb: 1",
    "publics: 'a", "publics: \"a\\q\"", "? a\n? b", "publics: - a", "publics: &", "publics: [a]]"])
def test_messages_de_syntaxe_en_francais(depot, sus, chargeur, ligne):
    ecrire(depot, "fiches/TR-6.2.1.md", FICHE_VALIDE.replace("porteur: DSUN", f"porteur: DSUN\n{ligne}"))
    rapport = json.loads(sus("validate", "--format", "json", cwd=depot).stdout)
    messages = [d["message"] for d in rapport["diagnostics"]]
    assert messages and not any(re.search(r"\b(?:found|expected|while|could not|did not|but)\b", m)
                                for m in messages), messages


@CHARGEURS
def test_erreur_en_fin_de_fichier_sans_saut_de_ligne(depot, sus, chargeur):
    """libyaml placed the end of a file without a final line break on a line after the last one."""
    texte = (depot / "sus.yaml").read_text(encoding="utf-8")
    (depot / "sus.yaml").write_text(texte + "oubli", encoding="utf-8")
    derniere = texte.count("\n") + 1
    assert _diagnostics(depot, sus) == [("sus.yaml", derniere, 6, "SUS100")]
