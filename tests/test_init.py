"""`sus init`, `sus nouvelle`, `sus codeowners`."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import FICHE_VALIDE, RACINE_PROJET, ecrire


def test_init_puis_validate(tmp_path, sus):
    dossier = tmp_path / "schema"
    sortie = sus("init", str(dossier), cwd=tmp_path)
    assert sortie.code == 0
    for relatif in ("sus.yaml", ".pre-commit-config.yaml", ".github/workflows/sus.yml", ".gitlab-ci.yml",
                    ".github/CODEOWNERS", "schemas/fiche.schema.json", "fiches/transversalite/TR-6.2.1-exemple.md",
                    "bilans/modele.md"):
        assert (dossier / relatif).is_file(), relatif
    sortie = sus("validate", "--strict", cwd=dossier)
    assert sortie.code == 0, sortie.stdout
    # the model of bilans/ANNEE.md is not a year's words until copied under a year's name
    (dossier / "bilans" / "modele.md").rename(dossier / "bilans" / "2025.md")
    markdown = sus("bilan", "2025", "--sortie", "-", cwd=dossier).stdout
    assert "### Recommandations du groupe stratégique" in markdown and "Copiez ce fichier" not in markdown


def test_init_refuse_d_ecraser(tmp_path, sus):
    ecrire(tmp_path, "sus.yaml", "# à moi\n")
    sortie = sus("init", cwd=tmp_path)
    assert sortie.code == 2 and "sus.yaml" in sortie.stderr and "--force" in sortie.stderr
    assert (tmp_path / "sus.yaml").read_text() == "# à moi\n"
    assert not (tmp_path / "fiches").exists()  # nothing written at all
    assert sus("init", "--force", cwd=tmp_path).code == 0
    assert (tmp_path / "sus.yaml").read_text().startswith("# yaml-language-server")


def test_workflows_generes(tmp_path, sus):
    from sus_cli import ADRESSE_DEPOT, __version__

    sus("init", cwd=tmp_path)
    github = yaml.safe_load((tmp_path / ".github/workflows/sus.yml").read_text(encoding="utf-8"))
    etapes = github["jobs"]["sus"]["steps"]
    commandes = " ".join(e.get("run", "") for e in etapes)
    assert "sus validate" in commandes and "sus revue" in commandes and "GITHUB_STEP_SUMMARY" in commandes
    assert "sus bilan" in commandes and any("upload-artifact" in e.get("uses", "") for e in etapes)
    assert etapes[0]["with"]["fetch-depth"] == 0
    assert {"push", "pull_request"} <= set(github[True] if True in github else github["on"])
    gitlab = yaml.safe_load((tmp_path / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert gitlab["verifier"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert any("sus revue" in ligne for ligne in gitlab["revue"]["script"])
    assert gitlab["bilan"]["artifacts"]["paths"] == ["bilan.html"]
    # The same version of sus as the one that wrote them, through one variable.
    assert github["env"]["SUS_INSTALLATION"] == gitlab["variables"]["SUS_INSTALLATION"] == f"sus-cli=={__version__}"
    assert 'pip install "$SUS_INSTALLATION"' in commandes and gitlab["default"]["before_script"] == [
        'pip install "$SUS_INSTALLATION"']
    # pre-commit installs sus itself, from this repository's hook.
    pre_commit = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert pre_commit["repos"] == [{"repo": ADRESSE_DEPOT, "rev": f"v{__version__}", "hooks": [{"id": "sus-validate"}]}]
    crochets = yaml.safe_load((RACINE_PROJET / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [c["id"] for c in crochets] == ["sus-validate"] and crochets[0]["language"] == "python"


def test_gitlab_une_chaine_par_demande_de_fusion(tmp_path, sus):
    """`workflow: rules`: a branch with an open merge request runs only the merge request
    pipeline, whose verifier job reports Code Quality on the merge request."""
    sus("init", cwd=tmp_path)
    gitlab = yaml.safe_load((tmp_path / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    regles = gitlab["workflow"]["rules"]

    def lance(source: str, branche: str | None, demande_ouverte: bool) -> bool:
        """GitLab's evaluation of these rules: the first that matches decides."""
        variables = {"CI_PIPELINE_SOURCE": source, "CI_COMMIT_BRANCH": branche,
                     "CI_OPEN_MERGE_REQUESTS": "groupe/schema!1" if demande_ouverte else None}
        for regle in regles:
            condition = regle["if"]
            vraie = all(_condition(partie.strip(), variables) for partie in condition.split("&&"))
            if vraie:
                return regle.get("when", "always") != "never"
        return False

    # A push to a branch with an open merge request + the merge request event: one pipeline.
    assert [lance("push", "ma-branche", True), lance("merge_request_event", None, True)] == [False, True]
    assert lance("push", "ma-branche", False) and lance("push", "main", False)
    # The verifier job has no rules of its own: it runs in the merge request pipeline,
    # and its report is the merge request's Code Quality report.
    assert "rules" not in gitlab["verifier"] and gitlab["verifier"]["artifacts"]["when"] == "always"


def _condition(partie: str, variables: dict) -> bool:
    if "==" in partie:
        nom, valeur = (p.strip() for p in partie.split("=="))
        return variables.get(nom.lstrip("$")) == valeur.strip('"')
    return bool(variables.get(partie.lstrip("$")))


def test_fichiers_ci_conformes_aux_schemas_github_et_gitlab(tmp_path, sus):
    if importlib.util.find_spec("check_jsonschema") is None:
        pytest.skip("check-jsonschema absent : « pip install check-jsonschema » (extra test) pour vérifier "
                    "les fichiers d'intégration continue")
    sus("init", cwd=tmp_path)
    for schema, fichiers in (("vendor.github-workflows", [tmp_path / ".github/workflows/sus.yml",
                                                         *(RACINE_PROJET / ".github/workflows").glob("*.yml")]),
                             ("vendor.gitlab-ci", [tmp_path / ".gitlab-ci.yml"])):
        fait = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema,
                               *map(str, fichiers)], capture_output=True, text=True, timeout=120)
        assert fait.returncode == 0, fait.stdout + fait.stderr


def _pre_commit() -> list[str]:
    if importlib.util.find_spec("pre_commit") is not None:
        return [sys.executable, "-m", "pre_commit"]
    if shutil.which("pre-commit"):
        return [shutil.which("pre-commit")]
    pytest.skip("pre-commit absent : « pip install pre-commit » (extra test) ou le paquet Debian pre-commit")


@pytest.mark.lent
def test_pre_commit_installe_sus_lui_meme(tmp_path, sus):
    """The config written by `sus init` runs under pre-commit on a machine where sus
    is not installed: pre-commit installs it from this repository's hook."""
    from sus_cli import ADRESSE_DEPOT, __version__

    pre_commit = _pre_commit()
    if not (RACINE_PROJET / ".git").exists():
        pytest.skip("ce dossier de sus n'est pas un dépôt git : pre-commit ne peut pas le cloner")
    # A clone of this repository at HEAD stands for the published one.
    depot_sus = tmp_path / "sus"
    subprocess.run(["git", "clone", "-q", str(RACINE_PROJET), str(depot_sus)], check=True, timeout=120)
    tete = subprocess.run(["git", "rev-parse", "HEAD"], cwd=depot_sus, capture_output=True, text=True,
                          check=True).stdout.strip()
    schema = tmp_path / "schema"
    assert sus("init", str(schema), cwd=tmp_path).code == 0
    config = schema / ".pre-commit-config.yaml"
    texte = config.read_text(encoding="utf-8")
    assert f"repo: {ADRESSE_DEPOT}\n" in texte and f"rev: v{__version__}\n" in texte
    config.write_text(texte.replace(f"repo: {ADRESSE_DEPOT}", f"repo: {depot_sus}")
                      .replace(f"rev: v{__version__}", f"rev: {tete}"), encoding="utf-8")

    chemin = os.pathsep.join(d for d in ("/usr/local/bin", "/usr/bin", "/bin") if not Path(d, "sus").exists())
    assert shutil.which("sus", path=chemin) is None
    env = {"PATH": chemin, "HOME": str(tmp_path), "PRE_COMMIT_HOME": str(tmp_path / "cache"),
           "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1", "SUS_AUJOURDHUI": "2025-06-30",
           **{k: v for k, v in os.environ.items() if k.startswith(("PIP_", "LANG", "LC_", "SSL_", "REQUESTS_"))}}

    def lancer(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(list(args), cwd=schema, env=env, capture_output=True, text=True, timeout=600)

    assert lancer("git", "init", "-q").returncode == 0
    assert lancer("git", "add", "-A").returncode == 0
    fait = lancer(*pre_commit, "run", "--all-files")
    assert fait.returncode == 0, fait.stdout + fait.stderr
    assert "sus validate" in fait.stdout and "Passed" in fait.stdout

    # A fiche fresh from the template is refused until its author writes it.
    assert sus("nouvelle", "TR-6.2", "--porteur", "DSUN", "--titre", "Accueil", cwd=schema).code == 0
    assert lancer("git", "add", "-A").returncode == 0
    fait = lancer(*pre_commit, "run", "--all-files")
    assert fait.returncode == 1 and "SUS500" in fait.stdout, fait.stdout + fait.stderr


def test_nouvelle(tmp_path, sus):
    sus("init", cwd=tmp_path)
    sortie = sus("nouvelle", "tr-6.2", "--porteur", "dsun", "--titre", "Évaluer l'accueil : délais", cwd=tmp_path)
    assert sortie.code == 0
    chemin = sortie.stdout.strip()
    assert chemin == "fiches/transversalite/TR-6.2.2-evaluer-l-accueil-delais.md"
    texte = (tmp_path / chemin).read_text(encoding="utf-8")
    assert "id: TR-6.2.2" in texte and 'titre: "Évaluer l\'accueil : délais"' in texte
    for section in ("Contexte", "Enjeux et objectifs", "Résultats attendus", "Description", "Ressources",
                    "Critères d'évaluation"):
        assert f"## {section}" in texte
    assert sus("nouvelle", "TR-6.1", "--porteur", "DSUN", "--titre", "Autre", cwd=tmp_path).stdout.strip().endswith(
        "TR-6.1.1-autre.md")
    sortie = sus("nouvelle", "TR-9.1", "--porteur", "DSUN", "--titre", "x", cwd=tmp_path)
    assert sortie.code == 2 and "absent de sus.yaml" in sortie.stderr
    sortie = sus("nouvelle", "TR-6.2", "--porteur", "DSI", "--titre", "x", cwd=tmp_path)
    assert sortie.code == 2 and "porteur « DSI » inconnu" in sortie.stderr


def test_nouvelle_refusee_tant_que_le_modele_reste(tmp_path, sus):
    """`sus init` + `sus nouvelle` + `sus validate` fails on every template text, and
    passes once the author has written each of them."""
    from sus_cli.a_completer import MODELE

    sus("init", cwd=tmp_path)
    assert sus("validate", "--strict", cwd=tmp_path).code == 0  # the example fiche is a finished one
    chemin = tmp_path / sus("nouvelle", "TR-6.2", "--porteur", "DSUN", "--titre", "Accueil", cwd=tmp_path).stdout.strip()
    sortie = sus("validate", cwd=tmp_path)
    assert sortie.code == 1
    signales = [l for l in sortie.stdout.splitlines() if " SUS500 " in l]
    assert len(signales) == len(MODELE) and all(chemin.name in l for l in signales)
    texte = chemin.read_text(encoding="utf-8")
    for place, phrase in MODELE.items():
        assert f"« {phrase} »" in sortie.stdout
        texte = texte.replace(phrase, f"Texte écrit par l'auteur ({place})")
    chemin.write_text(texte, encoding="utf-8")
    sortie = sus("validate", cwd=tmp_path)
    assert sortie.code == 0 and "SUS500" not in sortie.stdout, sortie.stdout


def test_codeowners_et_fichier_perime(depot, sus):
    texte = (depot / "sus.yaml").read_text(encoding="utf-8").replace(
        '    nom: "Direction Enfance Famille"', '    nom: "Direction Enfance Famille"\n    relecteurs: ["@dep/def", "@dep/dga"]')
    (depot / "sus.yaml").write_text(texte, encoding="utf-8")
    (depot / ".git").mkdir()  # the repository root, as far as CODEOWNERS paths go
    ecrire(depot, "fiches/ef/EF-1.1.1.md", FICHE_VALIDE.replace("TR-6.2.1", "EF-1.1.1").replace("DSUN", "DEF"))
    ecrire(depot, "fiches/TR-6.2.1.md", FICHE_VALIDE)
    sortie = sus("codeowners", cwd=depot)
    assert sortie.code == 0 and "directions sans relecteurs" in sortie.stderr and "DSUN" in sortie.stderr
    contenu = (depot / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert "/fiches/ef/EF-1.1.1.md @dep/def @dep/dga" in contenu
    assert "aucun relecteur déclaré pour DSUN" in contenu
    assert sus("validate", cwd=depot).code == 0 and "SUS303" not in sus("validate", cwd=depot).stdout
    ecrire(depot, "fiches/ef/EF-1.1.2.md", FICHE_VALIDE.replace("TR-6.2.1", "EF-1.1.2").replace("DSUN", "DEF"))
    assert "SUS303" in sus("validate", cwd=depot).stdout
    sus("codeowners", "--gitlab", cwd=depot)
    gitlab = (depot / ".gitlab" / "CODEOWNERS").read_text(encoding="utf-8")
    assert "[DEF — Direction Enfance Famille]" in gitlab and "/fiches/ef/EF-1.1.2.md @dep/def" in gitlab
