"""Reading the schéma from git: --au, robustness (shallow clones, no git, …)."""

from __future__ import annotations

import json
import subprocess

from conftest import FICHE_VALIDE, SUS_YAML_TEST, lancer_processus

EN_COURS = FICHE_VALIDE.replace("porteur: DSUN", "porteur: DSUN\nstatut: en_cours")
REALISEE = FICHE_VALIDE.replace("porteur: DSUN", "porteur: DSUN\nstatut: realisee")
SUS_YAML = SUS_YAML_TEST.read_text(encoding="utf-8")


def _historique(depot_git):
    depot_git.commit("référentiel", "2024-01-10", {"sus.yaml": SUS_YAML})
    depot_git.commit("fiche TR-6.2.1", "2024-02-01", {"fiches/TR-6.2.1.md": EN_COURS})
    depot_git.commit("TR-6.2.1 réalisée", "2024-09-15", {"fiches/TR-6.2.1.md": REALISEE})
    return depot_git


def test_bilan_au_montre_le_schema_a_cette_date(depot_git, sus):
    _historique(depot_git)
    depot = depot_git.racine
    juin = json.loads(sus("bilan", "2024", "--au", "2024-06-30", "-f", "json", cwd=depot).stdout)
    assert juin["synthese"]["par_statut"] == {"en_cours": 1}
    assert juin["genere_le"] == "2024-06-30" and juin["source"].startswith("le commit ")
    maintenant = json.loads(sus("bilan", "2024", "-f", "json", cwd=depot).stdout)
    assert maintenant["synthese"]["par_statut"] == {"realisee": 1}


def test_bilan_depuis_l_arbre_de_travail_signale_les_modifications(depot_git, sus):
    _historique(depot_git)
    (depot_git.racine / "fiches" / "TR-6.2.1.md").write_text(EN_COURS, encoding="utf-8")
    sortie = sus("bilan", "2024", "--sortie", "-", cwd=depot_git.racine)
    # said to the person running the command, not written into the committee's document
    assert "fichiers modifiés mais pas encore enregistrés dans l'historique (commit) : fiches/TR-6.2.1.md" in sortie.stderr
    assert "commit" not in sortie.stdout
    # reading from git never touches the working tree
    sus("bilan", "2024", "--au", "2024-03-01", "--sortie", "-", cwd=depot_git.racine)
    assert (depot_git.racine / "fiches" / "TR-6.2.1.md").read_text(encoding="utf-8") == EN_COURS


def test_validate_et_avancement_au(depot_git, sus):
    _historique(depot_git)
    depot_git.commit("fiche cassée", "2024-10-01", {"fiches/TR-6.2.2.md": "pas de front matter"})
    depot = depot_git.racine
    assert sus("validate", cwd=depot).code == 1
    assert sus("validate", "--au", "HEAD~1", cwd=depot).code == 0
    assert sus("validate", "--au", "2024-09-30", cwd=depot).code == 0
    avancement = json.loads(sus("avancement", "--au", "2024-03-01", "-f", "json", cwd=depot).stdout)
    assert avancement["au"] == "2024-03-01" and avancement["annee"] == 2024


def test_erreurs_d_historique_en_francais(depot_git, sus):
    depot = depot_git.racine
    ecrire_sus = depot / "sus.yaml"
    assert ecrire_sus.is_file()
    sortie = sus("bilan", "2024", "--au", "2024-06-30", cwd=depot)
    assert sortie.code == 2 and "aucun commit" in sortie.stderr  # no commit yet
    depot_git.commit("vide", "2024-01-05")
    sortie = sus("bilan", "2024", "--au", "2024-06-30", cwd=depot)
    assert sortie.code == 2 and "sus.yaml n'existe pas encore" in sortie.stderr
    _historique(depot_git)
    sortie = sus("bilan", "2024", "--au", "2023-06-30", cwd=depot)
    assert sortie.code == 2 and "aucun commit au plus tard le 2023-06-30" in sortie.stderr
    sortie = sus("validate", "--au", "nimporte", cwd=depot)
    assert sortie.code == 2 and "révision git inconnue" in sortie.stderr
    sortie = sus("bilan", "2024", "--au", "2024-02-30", cwd=depot)
    assert sortie.code == 2 and "date impossible" in sortie.stderr


def test_tete_detachee_renommage_et_message_non_utf8(depot_git, sus):
    _historique(depot_git)
    depot_git.git("mv", "fiches/TR-6.2.1.md", "fiches/TR-6.2.1-dematerialiser.md")
    depot_git.git("-c", "i18n.commitEncoding=latin-1", "commit", "-q", "-m", "renommée", date="2024-10-02")
    message = "caf\xe9 en latin-1".encode("latin-1")
    (depot_git.racine / "message.txt").write_bytes(message)
    depot_git.git("commit", "-q", "--allow-empty", "-F", "message.txt", date="2024-10-03")
    depot_git.git("checkout", "-q", "--detach", "HEAD~1")
    sortie = sus("bilan", "2024", "--au", "2024-12-31", "-f", "json", cwd=depot_git.racine)
    assert sortie.code == 0
    assert json.loads(sortie.stdout)["volets"][0]["axes"][0]["objectifs"][1]["fiches"][0]["chemin"] == \
        "fiches/TR-6.2.1-dematerialiser.md"


def test_clone_superficiel(depot_git, sus, tmp_path):
    _historique(depot_git)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{depot_git.racine}", str(clone)], check=True)
    assert sus("bilan", "2024", "-f", "json", cwd=clone).code == 0
    sortie = sus("bilan", "2024", "--au", "2024-03-01", cwd=clone)
    assert sortie.code == 2 and "clone est superficiel" in sortie.stderr


def test_schema_dans_un_sous_dossier_du_depot_git(tmp_path, sus):
    from conftest import DepotGitDeTest
    racine = tmp_path / "monorepo"
    racine.mkdir()
    depot_git = DepotGitDeTest(racine)
    depot_git.commit("schéma", "2024-02-01", {"solidarites/sus.yaml": SUS_YAML,
                                              "solidarites/fiches/TR-6.2.1.md": EN_COURS})
    sortie = sus("bilan", "2024", "--au", "2024-03-01", "-f", "json", cwd=racine / "solidarites")
    assert sortie.code == 0 and json.loads(sortie.stdout)["synthese"]["fiches"] == 1


def test_sans_git_du_tout(depot, tmp_path):
    (depot / "fiches" / "TR-6.2.1.md").write_text(EN_COURS, encoding="utf-8")
    vide = tmp_path / "sans-git"
    vide.mkdir()
    env = {"PATH": str(vide)}
    sortie = lancer_processus(["bilan", "2024", "--au", "2024-06-30"], depot, env=env)
    assert sortie.code == 2 and "git" in sortie.stderr and "Traceback" not in sortie.stderr
    # everything that does not need history works on a plain folder
    assert lancer_processus(["validate"], depot, env=env).code == 0
    assert lancer_processus(["bilan", "2024", "--sortie", "-"], depot, env=env).code == 0


def test_dossier_hors_depot_git(depot, sus):
    (depot / "fiches" / "TR-6.2.1.md").write_text(EN_COURS, encoding="utf-8")
    sortie = sus("validate", "--au", "HEAD", cwd=depot)
    assert sortie.code == 2 and "n'est pas dans un dépôt git" in sortie.stderr
    assert sus("validate", cwd=depot).code == 0


def test_evolutions_de_l_annee(depot_git, sus):
    depot_git.commit("référentiel", "2023-06-01", {"sus.yaml": SUS_YAML,
                                                   "fiches/TR-6.2.1.md": EN_COURS})
    depot_git.commit("nouvelle fiche", "2024-02-01", {"fiches/TR-6.1.1.md": EN_COURS.replace("6.2.1", "6.1.1")},
                     auteur="Bénédicte")
    depot_git.git("mv", "fiches/TR-6.2.1.md", "fiches/TR-6.2.1-dematerialiser.md")
    depot_git.commit("renommage", "2024-03-01", auteur="Bénédicte")
    depot_git.commit("réalisée", "2024-09-15", {"fiches/TR-6.2.1-dematerialiser.md": REALISEE.replace(
        "statut: realisee", "statut: realisee\nvalidation: {etat: validee, par: DGA, le: 2024-09-10}")},
        auteur="Karim")
    depot_git.commit("l'année suivante", "2025-02-01", {"fiches/TR-6.1.1.md": REALISEE.replace("6.2.1", "6.1.1")})
    b = json.loads(sus("bilan", "2024", "--au", "2024-12-31", "-f", "json", cwd=depot_git.racine).stdout)
    e = b["evolutions"]
    assert e["creees"] == ["TR-6.1.1"]
    assert e["validees"] == [{"id": "TR-6.2.1", "le": "2024-09-10", "par": "DGA"}]
    assert e["changements_de_statut"] == [{"id": "TR-6.2.1", "avant": "en_cours", "apres": "realisee"}]
    assert e["mises_a_jour"] == {"TR-6.2.1": 2, "TR-6.1.1": 1}  # the rename and the statut, followed
    assert e["contributeurs"] == {"Bénédicte": 2, "Karim": 1} and e["commits"] == 3
    markdown = sus("bilan", "2024", "--au", "2024-12-31", "--sortie", "-", cwd=depot_git.racine).stdout
    assert "| TR-6.2.1 — Dématérialiser les fiches | En cours | Réalisée |" in markdown
    assert "Fiches créées : 1 (TR-6.1.1)." in markdown
    # from the working tree, 2025's commit is not counted in 2024
    assert json.loads(sus("bilan", "2024", "-f", "json", cwd=depot_git.racine).stdout)["evolutions"]["commits"] == 3


def test_evolutions_sans_git(depot, sus):
    (depot / "fiches" / "TR-6.2.1.md").write_text(EN_COURS, encoding="utf-8")
    assert json.loads(sus("bilan", "2024", "-f", "json", cwd=depot).stdout)["evolutions"] is None
    assert "L'historique des modifications n'est pas disponible" in sus("bilan", "2024", "--sortie", "-", cwd=depot).stdout
