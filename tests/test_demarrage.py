"""Start-up: what `sus` imports, command by command, pinned so that a heavy
import cannot creep back onto the path of `sus validate` (the pre-commit
hook) unnoticed; and the table of commands that lets `sus --help` list them
without importing them."""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FICHE_VALIDE, RACINE_PROJET, ecrire

# Never on the path of `sus validate`: the rooms of the other commands and their libraries.
JAMAIS = {"rich", "jinja2", "openpyxl", "git", "PIL", "markdown_it", "docx", "multiprocessing",
          "sus_cli.bilan", "sus_cli.site", "sus_cli.export", "sus_cli.collecte", "sus_cli.edition",
          "sus_cli.history", "sus_cli.revue", "sus_cli.graphiques", "sus_cli.figures.schema",
          "sus_cli.figures.synthese", "sus_cli.figures.fiches", "sus_cli.figures.indicateurs",
          "sus_cli.initialisation", "sus_cli.reference", "sus_cli.json_schemas"}
# When every file is in the cache, nothing is parsed: no YAML, no model of sus.
CACHE_CHAUD = {"yaml", "sus_cli.loading.documents", "sus_cli.loading.yaml_nodes", "sus_cli.model.config",
               "sus_cli.model.fiche", "sus_cli.model.types", "sus_cli.model.messages"}


def _modules(racine: Path, *args: str) -> set[str]:
    """The modules loaded by `sus ARGS`, run in a fresh process."""
    programme = ("import json, sys\n"
                 "from sus_cli.cli.app import main\n"
                 "try:\n"
                 f"    main({list(args)!r})\n"
                 "except SystemExit:\n"
                 "    pass\n"
                 "sys.stderr.write('\\nMODULES ' + json.dumps(sorted(sys.modules)))\n")
    env = {**os.environ, "SUS_AUJOURDHUI": "2025-06-30", "NO_COLOR": "1"}
    fait = subprocess.run([sys.executable, "-c", programme], cwd=racine, capture_output=True, text=True, env=env,
                          timeout=60)
    return set(json.loads(fait.stderr.rsplit("MODULES ", 1)[1]))


def _charges(modules: set[str], interdits: set[str]) -> set[str]:
    return {m for m in modules if any(m == i or m.startswith(i + ".") for i in interdits)}


def test_sus_validate_n_importe_que_ce_qu_il_utilise(depot):
    ecrire(depot, "fiches/TR-6.2.1.md", FICHE_VALIDE)
    froid = _modules(depot, "validate")
    assert "sus_cli.cli.validate" in froid and "sus_cli.model.fiche" in froid
    assert not _charges(froid, JAMAIS)
    assert not _charges(froid, {f"sus_cli.cli.{nom}" for nom in ("liste", "bilan", "site", "voir", "revue")})
    chaud = _modules(depot, "validate", "fiches/TR-6.2.1.md")
    assert not _charges(chaud, JAMAIS | CACHE_CHAUD)
    # The formats of CI: only the one asked for.
    github = _modules(depot, "validate", "--format", "github")
    assert "sus_cli.reporters.github" in github and not _charges(github, JAMAIS | CACHE_CHAUD | {
        "sus_cli.reporters.text", "sus_cli.reporters.gitlab", "sus_cli.reporters.json_report"})


def test_version_et_aide_sans_les_commandes(depot):
    version = _modules(depot, "--version")
    assert not _charges(version, {"typer", "pydantic", "yaml", "rich", "sus_cli.cli.common"})
    aide = _modules(depot, "--help")
    assert not _charges(aide, {f"sus_cli.cli.{nom}" for nom in _commandes()} | JAMAIS | CACHE_CHAUD)


def _commandes() -> dict[str, str]:
    from sus_cli.cli.commandes import COMMANDES
    return COMMANDES


def test_la_table_des_commandes_dit_ce_que_disent_les_modules():
    """Each command's summary in the table is the first paragraph of its function's docstring
    (what Typer would show); every module of cli/ that defines a command is in the table."""
    from sus_cli.cli.commandes import AUTRES_NOMS, COMMANDES, fonction

    for nom, resume in COMMANDES.items():
        doc = inspect.getdoc(fonction(nom))
        assert " ".join(doc.split("\n\n")[0].split()) == resume, nom
    for autre, nom in AUTRES_NOMS.items():
        assert nom in COMMANDES and fonction(autre) is fonction(nom)
    import importlib
    avec_commande = set()
    for chemin in (RACINE_PROJET / "src" / "sus_cli" / "cli").glob("*.py"):
        objet = getattr(importlib.import_module(f"sus_cli.cli.{chemin.stem}"), chemin.stem, None)
        if inspect.isfunction(objet) and objet.__module__ == f"sus_cli.cli.{chemin.stem}":
            avec_commande.add(chemin.stem)
    assert avec_commande == set(COMMANDES)


@pytest.mark.parametrize("colonnes", ["50", "80", "200"])
def test_l_aide_liste_les_commandes_comme_typer(sus, tmp_path, monkeypatch, colonnes):
    """`sus --help`, made from the table, is what Typer makes from the commands themselves."""
    import typer

    from sus_cli.cli.commandes import AUTRES_NOMS, COMMANDES, fonction
    from sus_cli.cli.french import CommandeFr, GroupeFr

    monkeypatch.setenv("COLUMNS", colonnes)
    lazy = sus("--help", cwd=tmp_path).stdout
    commandes = {nom: typer.main.get_command_from_info(
        _info(typer, nom, CommandeFr, fonction(nom), nom in AUTRES_NOMS), pretty_exceptions_short=True,
        rich_markup_mode=None) for nom in [*COMMANDES, *AUTRES_NOMS]}

    class GroupeComplet(GroupeFr):
        """The same group with every command built at start (as before commands were lazy)."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.commands = commandes

        def format_commands(self, ctx, formatter):
            autres = self.autres_noms()
            lignes = [(", ".join([n, *autres.get(n, [])]), c) for n, c in commandes.items() if not c.hidden]
            limite = formatter.width - 6 - max(len(n) for n, _ in lignes)
            with formatter.section("Commandes"):
                formatter.write_dl([(n, c.get_short_help_str(limite)) for n, c in lignes])

    from sus_cli.cli import app
    monkeypatch.setattr(app, "_APP", None)
    monkeypatch.setattr("sus_cli.cli.french.GroupeFr", GroupeComplet)
    complet = app._construire()
    monkeypatch.setattr(app, "_APP", complet)
    assert sus("--help", cwd=tmp_path).stdout == lazy


def _info(typer, nom, cls, fonction, cache):
    seule = typer.Typer()
    seule.command(nom, cls=cls, hidden=cache)(fonction)
    return seule.registered_commands[0]
