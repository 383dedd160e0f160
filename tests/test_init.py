"""`sus init`, `sus nouvelle`, `sus codeowners`."""

from __future__ import annotations

import yaml

from conftest import FICHE_VALIDE, ecrire


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
    pre_commit = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert pre_commit["repos"][0]["hooks"][0]["entry"] == "sus validate"


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
    assert sus("validate", "fiches", cwd=tmp_path).code == 0
    assert sus("nouvelle", "TR-6.1", "--porteur", "DSUN", "--titre", "Autre", cwd=tmp_path).stdout.strip().endswith(
        "TR-6.1.1-autre.md")
    sortie = sus("nouvelle", "TR-9.1", "--porteur", "DSUN", "--titre", "x", cwd=tmp_path)
    assert sortie.code == 2 and "absent de sus.yaml" in sortie.stderr
    sortie = sus("nouvelle", "TR-6.2", "--porteur", "DSI", "--titre", "x", cwd=tmp_path)
    assert sortie.code == 2 and "porteur « DSI » inconnu" in sortie.stderr


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
