"""README and --help say what the code does."""

from __future__ import annotations

import re

from conftest import RACINE_PROJET

README = (RACINE_PROJET / "README.md").read_text(encoding="utf-8")


def test_tableau_des_regles_du_readme_a_jour():
    from sus_cli.cli.regles import tableau_markdown
    bloc = re.search(r"<!-- regles:debut[^>]*-->\n(.*?)<!-- regles:fin -->", README, re.S).group(1)
    assert bloc == tableau_markdown(), "mettez à jour le README avec « sus regles --format markdown »"


def test_les_commandes_et_options_du_readme_existent(sus, tmp_path):
    aide = sus("validate", "--help", cwd=tmp_path).stdout
    for option in ("--format", "--strict", "--statistiques", "--racine"):
        assert option in aide and option in README
    for format_ in ("texte", "json", "github", "gitlab"):
        assert format_ in aide
    generale = sus("--help", cwd=tmp_path).stdout
    for commande in ("validate", "regles", "liste", "voir", "avancement", "bilan", "export", "revue", "codeowners",
                     "suivi", "init", "nouvelle", "schema", "site"):
        assert commande in generale and f"sus {commande}" in README


def test_ci_lance_la_commande_de_test_du_readme():
    ci = (RACINE_PROJET / ".ci" / "run").read_text(encoding="utf-8")
    commande = re.search(r"# 2\..*\n(.*)\n", README).group(1)
    assert commande in ci
