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
                     "suivi", "init", "nouvelle", "schema"):
        assert commande in generale and f"sus {commande}" in README


def test_ci_lance_la_commande_de_test_du_readme():
    ci = (RACINE_PROJET / ".ci" / "run").read_text(encoding="utf-8")
    commande = re.search(r"# 2\..*\n(.*)\n", README).group(1)
    assert commande in ci


def test_les_extraits_du_readme_citent_la_version_du_code():
    from sus_cli import ADRESSE_DEPOT, __version__

    for chemin in (RACINE_PROJET / "README.md", RACINE_PROJET / "docs" / "publier.md"):
        texte = chemin.read_text(encoding="utf-8")
        for version in re.findall(r"sus-cli==([0-9][0-9.]*[0-9])", texte) + re.findall(r"rev: v([0-9][0-9.]*[0-9])", texte):
            assert version == __version__, f"{chemin.name} cite la version {version} : mettez {__version__}"
    assert f"sus-cli=={__version__}" in README and f"rev: v{__version__}" in README
    assert f"repo: {ADRESSE_DEPOT}" in README
