"""The layout holds: dependencies point one way, and the pure-Python YAML
loader gives the same results as the C one."""

from __future__ import annotations

import ast
import json

from conftest import RACINE_PROJET

PAQUET = RACINE_PROJET / "src" / "sus_cli"


def _imports(chemin) -> set[str]:
    arbre = ast.parse(chemin.read_text(encoding="utf-8"))
    noms = set()
    for noeud in ast.walk(arbre):
        if isinstance(noeud, ast.Import):
            noms |= {a.name for a in noeud.names}
        elif isinstance(noeud, ast.ImportFrom) and noeud.module:
            noms.add(noeud.module)
    return noms


def test_sens_des_dependances():
    for chemin in PAQUET.rglob("*.py"):
        relatif = chemin.relative_to(PAQUET).as_posix()
        imports = _imports(chemin)
        if relatif.startswith("model/"):
            assert not {i for i in imports if i.startswith("sus_cli.") and not i.startswith("sus_cli.model")}, relatif
        if not relatif.startswith(("reporters/", "cli/")):
            assert not {i for i in imports if i.split(".")[0] in ("rich", "typer", "click")}, relatif
        if not relatif.startswith("cli/") and relatif != "__main__.py":
            assert not {i for i in imports if i.startswith("sus_cli.cli")}, relatif
        if not relatif.startswith("history/"):
            assert not {i for i in imports if i.split(".")[0] == "git"}, f"{relatif}: only history/ may import git"
        if not relatif.startswith("bilan/"):
            assert not {i for i in imports if i.split(".")[0] == "jinja2"}, f"{relatif}: only bilan/ may import jinja2"


def test_chargeur_yaml_pur_python_identique(monkeypatch, sus):
    import yaml

    from sus_cli.loading import yaml_nodes
    rapide = json.loads(sus("validate", "--format", "json", cwd=RACINE_PROJET).stdout)
    monkeypatch.setattr(yaml_nodes, "_Loader", yaml.SafeLoader)
    lent = json.loads(sus("validate", "--format", "json", cwd=RACINE_PROJET).stdout)
    assert lent == rapide


def test_paquets_declares_dans_pyproject():
    import tomllib
    projet = tomllib.loads((RACINE_PROJET / "pyproject.toml").read_text(encoding="utf-8"))
    declares = set(projet["tool"]["setuptools"]["packages"])
    trouves = {"sus_cli." + p.parent.relative_to(PAQUET).as_posix().replace("/", ".")
               for p in PAQUET.rglob("__init__.py") if p.parent != PAQUET} | {"sus_cli", "sus_cli.templates"}
    assert declares == trouves, "mettez à jour [tool.setuptools] packages dans pyproject.toml"
