"""French all the way: every --help, the other name `sus valider`, severities
in French in sus.yaml, shell completion, dates in words."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import FICHE_VALIDE, ecrire, lancer_processus

# What Typer and click print in English when nobody translates them.
ANGLAIS = re.compile(r"default|required|Usage|Show |Install |Commands|Arguments:|Options:|ARGS|COMMAND\b"
                     r"|<[a-z\[\]|]+>|\{[A-Z]+\}|\[\[|\]\]|\bTEXT\b|INTEGER|\bPATH\b|\bFILE\b|BOOLEAN")


def _commandes() -> list[str]:
    import typer

    from sus_cli.cli.app import app
    groupe = typer.main.get_command(app)
    ctx = groupe.make_context("sus", [], resilient_parsing=True)
    return groupe.list_commands(ctx)


@pytest.mark.parametrize("colonnes", ["60", "80", "120"])
def test_aucune_aide_en_anglais(sus, tmp_path, monkeypatch, colonnes):
    monkeypatch.setenv("COLUMNS", colonnes)
    commandes = _commandes()
    assert {"validate", "valider", "liste", "bilan"} <= set(commandes)
    for args in (["--help"], *([c, "--help"] for c in commandes)):
        sortie = sus(*args, cwd=tmp_path)
        assert sortie.code == 0 and sortie.stdout.startswith("Utilisation : sus"), args
        anglais = ANGLAIS.findall(sortie.stdout)
        assert not anglais, f"sus {' '.join(args)} : {anglais}\n{sortie.stdout}"


def test_aide_des_arguments_et_valeurs_par_defaut(sus, tmp_path):
    aide = sus("regles", "--help", cwd=tmp_path).stdout
    assert "sus regles [OPTIONS] [CODE]\n" in aide
    assert "sus voir [OPTIONS] ID\n" in sus("voir", "--help", cwd=tmp_path).stdout
    assert "[défaut : texte]" in sus("liste", "--help", cwd=tmp_path).stdout
    init = sus("init", "--help", cwd=tmp_path).stdout
    assert "sus init [OPTIONS] [DOSSIER]\n" in init and re.search(r"^  DOSSIER +Dossier du nouveau", init, re.M)


def test_valider_est_l_autre_nom_de_validate(depot, sus):
    ecrire(depot, "fiches/TR-6.2.1.md", FICHE_VALIDE.replace("DSUN", "DSI"))
    anglais, francais = sus("validate", "--format", "json", cwd=depot), sus("valider", "--format", "json", cwd=depot)
    assert anglais.code == francais.code == 1 and anglais.stdout == francais.stdout
    aide = sus("--help", cwd=depot).stdout
    assert re.search(r"^  validate, valider +Vérifie les fiches", aide, re.M)
    assert not re.search(r"^  valider ", aide, re.M)  # listed once, beside its English name


@pytest.mark.parametrize("francais, anglais", [("avertissement", "warning"), ("desactivee", "off"),
                                               ("erreur", "error")])
def test_severites_en_francais_dans_sus_yaml(depot, sus, francais, anglais):
    ecrire(depot, "fiches/TR-6.2.1.md", FICHE_VALIDE.replace("  - {id: b, libelle: Indicateur B, unite: nombre}\n", ""))
    resultats = []
    for mot in (francais, anglais):
        texte = (depot / "sus.yaml").read_text(encoding="utf-8").split("regles:")[0]
        (depot / "sus.yaml").write_text(texte + f"regles:\n  SUS400: {mot}\n", encoding="utf-8")
        rapport = json.loads(sus("validate", "--format", "json", cwd=depot).stdout)
        resultats.append([(d["code"], d["severity"]) for d in rapport["diagnostics"]])
    assert resultats[0] == resultats[1] == ([] if anglais == "off" else [("SUS400", anglais)])


def test_severite_inconnue_dit_les_mots_francais(depot, sus):
    with (depot / "sus.yaml").open("a", encoding="utf-8") as flux:
        flux.write("regles:\n  SUS400: avertisement\n")
    sortie = sus("validate", cwd=depot)
    assert sortie.code == 1
    assert ("sévérité « avertisement » inconnue : erreur, avertissement ou desactivee ; vouliez-vous dire "
            "« avertissement » ?") in sortie.stdout


def test_schema_json_accepte_les_severites_francaises():
    from sus_cli.json_schemas import schemas
    regles = schemas()["sus.schema.json"]["properties"]["regles"]
    assert {"erreur", "avertissement", "desactivee", "error", "warning", "off"} == set(
        regles["additionalProperties"]["enum"])


def test_autocompletion_installee_en_francais(tmp_path):
    env = {"HOME": str(tmp_path), "SHELL": "/bin/bash"}
    sortie = lancer_processus(["--install-completion"], tmp_path, env)
    assert sortie.code == 0, sortie.stderr
    assert sortie.stdout.startswith("Autocomplétion de sus installée pour ")
    assert "installed" not in sortie.stdout and "take effect" not in sortie.stdout  # Typer's own words
    terminal = re.search(r"installée pour (\w+) dans (\S+)\.", sortie.stdout)
    assert terminal and Path(terminal.group(2)).is_file()
    assert "_SUS_COMPLETE" in Path(terminal.group(2)).read_text(encoding="utf-8")
    # The completion the installed script asks for: commands and options, described in French.
    bash = lancer_processus([], tmp_path, {"_SUS_COMPLETE": "complete_bash", "COMP_WORDS": "sus li",
                                           "COMP_CWORD": "1"})
    assert bash.code == 0 and bash.stdout.split() == ["liste"]
    zsh = lancer_processus([], tmp_path, {"_SUS_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "sus liste --en"})
    assert "--en-retard" in zsh.stdout and "Seulement les fiches en retard" in zsh.stdout


def test_autocompletion_terminal_inconnu(tmp_path, sus, monkeypatch):
    import typer._completion_shared
    monkeypatch.setattr(typer._completion_shared, "_get_shell_name", lambda: "tcsh")
    monkeypatch.setenv("SHELL", "/bin/tcsh")
    sortie = sus("--show-completion", cwd=tmp_path)
    assert sortie.code == 2 and sortie.stdout == ""
    assert ("terminal « tcsh » non pris en charge pour l'autocomplétion ; terminaux possibles : bash, zsh, fish, "
            "PowerShell") in sortie.stderr
    monkeypatch.setenv("SHELL", "/usr/bin/zsh")  # detection failed, the login shell is a known one
    sortie = sus("--show-completion", cwd=tmp_path)
    assert sortie.code == 0 and "_SUS_COMPLETE" in sortie.stdout


def test_dates_en_toutes_lettres_dans_les_messages(depot, sus):
    ecrire(depot, "fiches/TR-6.2.1.md", FICHE_VALIDE.replace("porteur: DSUN", "porteur: DSUN\nstatut: en_cours\n"
                                                             "fin: 2024-12-31"))
    sortie = sus("validate", cwd=depot)
    assert "fin prévue le 31 décembre 2024" in sortie.stdout
    assert not re.search(r"\d{4}-\d{2}-\d{2}", sortie.stdout)
