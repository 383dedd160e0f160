"""`sus validate` as a user runs it: formats, exit codes, paths, root, settings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import FICHE_VALIDE
from conftest import FICHE_VALIDE as BONNE
from conftest import ecrire

UN_INDICATEUR = BONNE.replace("  - {id: b, libelle: Indicateur B, unite: nombre}\n", "")
A_COMMENCE = BONNE.replace("porteur: DSUN", "porteur: DSUN\ndebut: 2024-01-01")


def test_json_suit_le_contrat(depot, sus):
    ecrire(depot, "fiches/TR-6.2.1.md", UN_INDICATEUR)
    ecrire(depot, "fiches/casse.md", "pas de front matter")
    sortie = sus("validate", "--format", "json", cwd=depot)
    rapport = json.loads(sortie.stdout)
    assert sortie.code == 1
    assert rapport["version"] == 1 and rapport["fiches"] == 2
    assert rapport["summary"] == {"errors": 2, "warnings": 0}
    premier, second = rapport["diagnostics"]
    assert {k: premier[k] for k in ("path", "line", "column", "code", "severity", "fiche")} == {
        "path": "fiches/TR-6.2.1.md", "line": 5, "column": 1, "code": "SUS400",
        "severity": "error", "fiche": "TR-6.2.1"}
    assert second["fiche"] is None and second["code"] == "SUS100"
    assert set(premier) >= {"path", "line", "column", "code", "severity", "fiche", "message"}


def test_texte_lisible_et_resume(depot, sus):
    ecrire(depot, "fiches/TR-6.2.1.md", UN_INDICATEUR)
    sortie = sus("validate", cwd=depot)
    assert sortie.code == 1
    assert "fiches/TR-6.2.1.md:5:1 SUS400 un seul indicateur" in sortie.stdout
    assert "1 fiche lue : 1 erreur, 0 avertissement." in sortie.stdout
    assert "\x1b[" not in sortie.stdout  # no colour outside a terminal


def test_depot_propre(depot, sus):
    ecrire(depot, "fiches/TR-6.2.1.md", BONNE)
    sortie = sus("validate", cwd=depot)
    assert sortie.code == 0
    assert "aucun problème" in sortie.stdout


def test_avertissement_et_strict(depot, sus):
    ecrire(depot, "fiches/TR-6.2.1.md", A_COMMENCE)
    assert sus("validate", cwd=depot).code == 0
    sortie = sus("validate", "--strict", cwd=depot)
    assert sortie.code == 1 and "SUS605 (avertissement)" in sortie.stdout


def test_github_annotations_automatiques(depot, sus, monkeypatch):
    ecrire(depot, "fiches/TR-6.2.1.md", UN_INDICATEUR)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    sortie = sus("validate", cwd=depot)
    ligne = sortie.stdout.splitlines()[0]
    assert ligne.startswith("::error file=fiches/TR-6.2.1.md,line=5,col=1,title=SUS400 deux-indicateurs::")
    assert sortie.code == 1


def test_github_echappe_les_retours_a_la_ligne(depot, sus):
    ecrire(depot, "fiches/TR-6.2.1.md", BONNE.replace("porteur: DSUN", "porteur: 'DS%UN'"))
    sortie = sus("validate", "--format", "github", cwd=depot)
    assert "DS%25UN" in sortie.stdout


def test_gitlab_empreinte_stable_quand_des_lignes_bougent(depot, sus):
    ecrire(depot, "fiches/TR-6.2.1.md", UN_INDICATEUR)
    avant = json.loads(sus("validate", "--format", "gitlab", cwd=depot).stdout)
    ecrire(depot, "fiches/TR-6.2.1.md", UN_INDICATEUR.replace("porteur: DSUN", "porteur: DSUN\npilotes: [A]"))
    apres = json.loads(sus("validate", "--format", "gitlab", cwd=depot).stdout)
    assert avant[0]["location"]["lines"]["begin"] == 5 and apres[0]["location"]["lines"]["begin"] == 6
    assert avant[0]["fingerprint"] == apres[0]["fingerprint"]
    assert avant[0]["severity"] == "major" and avant[0]["check_name"] == "SUS400-deux-indicateurs"


def test_statistiques(depot, sus):
    ecrire(depot, "fiches/TR-6.2.1.md", UN_INDICATEUR)
    ecrire(depot, "fiches/TR-6.2.2.md", UN_INDICATEUR.replace("6.2.1", "6.2.2"))
    sortie = sus("validate", "--statistiques", cwd=depot)
    assert "SUS400" in sortie.stdout and "deux-indicateurs" in sortie.stdout
    rapport = json.loads(sus("validate", "--statistiques", "--format", "json", cwd=depot).stdout)
    assert rapport["statistics"] == {"SUS400": 2}


def test_chemins_restreignent_le_rapport_pas_la_verification(depot, sus):
    ecrire(depot, "fiches/a/TR-6.2.1.md", BONNE)
    ecrire(depot, "fiches/b/TR-6.2.1.md", BONNE)
    ecrire(depot, "fiches/b/TR-6.2.2.md", UN_INDICATEUR.replace("6.2.1", "6.2.2"))
    rapport = json.loads(sus("validate", "fiches/a", "--format", "json", cwd=depot).stdout)
    # the duplicate id is found because the whole repository is read
    assert [(d["path"], d["code"]) for d in rapport["diagnostics"]] == [("fiches/a/TR-6.2.1.md", "SUS301")]
    rapport = json.loads(sus("validate", "b/TR-6.2.2.md", "--format", "json", cwd=depot / "fiches").stdout)
    assert [d["code"] for d in rapport["diagnostics"]] == ["SUS400"]


def test_chemin_inexistant_ou_hors_depot(depot, sus, tmp_path):
    sortie = sus("validate", "fiches/absente.md", cwd=depot)
    assert sortie.code == 2 and "chemin introuvable" in sortie.stderr
    ailleurs = tmp_path / "ailleurs.md"
    ailleurs.write_text("x")
    sortie = sus("validate", str(ailleurs), cwd=depot)
    assert sortie.code == 2 and "hors du dépôt" in sortie.stderr


def test_racine_trouvee_en_remontant_ou_donnee(depot, sus, tmp_path):
    ecrire(depot, "fiches/sous/dossier/TR-6.2.1.md", BONNE)
    assert sus("validate", cwd=depot / "fiches" / "sous" / "dossier").code == 0
    assert sus("validate", "--racine", str(depot), cwd=tmp_path).code == 0
    sortie = sus("validate", cwd=tmp_path)
    assert sortie.code == 2 and "aucun fichier sus.yaml" in sortie.stderr
    assert "Traceback" not in sortie.stderr


def test_severite_modifiee_dans_sus_yaml(depot, sus):
    ecrire(depot, "fiches/TR-6.2.1.md", UN_INDICATEUR)
    with (depot / "sus.yaml").open("a", encoding="utf-8") as flux:
        flux.write("regles:\n  SUS400: warning\n  SUS605: off\n")
    ecrire(depot, "fiches/TR-6.2.2.md", A_COMMENCE.replace("6.2.1", "6.2.2"))
    sortie = sus("validate", "--format", "json", cwd=depot)
    rapport = json.loads(sortie.stdout)
    assert sortie.code == 0
    assert [(d["code"], d["severity"]) for d in rapport["diagnostics"]] == [("SUS400", "warning")]


def test_sus_yaml_invalide(depot, sus):
    (depot / "sus.yaml").write_text("schema:\n  titre: X\n  collectivite: Y\n  debut: 2027\n  fin: 2023\n"
                                    "directions: {}\nvolets:\n  tr: {titre: T}\nregles:\n  SUS400: grave\n",
                                    encoding="utf-8")
    ecrire(depot, "fiches/TR-6.2.1.md", BONNE)
    rapport = json.loads(sus("validate", "--format", "json", cwd=depot).stdout)
    configs = [(d["line"], d["column"], d["code"]) for d in rapport["diagnostics"] if d["path"] == "sus.yaml"]
    assert configs == [(2, 3, "SUS200"), (8, 3, "SUS200"), (10, 11, "SUS200")]
    assert all(d["fiche"] is None for d in rapport["diagnostics"] if d["path"] == "sus.yaml")


def test_sus_yaml_avec_cle_en_double(depot, sus):
    texte = (depot / "sus.yaml").read_text(encoding="utf-8")
    (depot / "sus.yaml").write_text(texte + "directions:\n  X: {nom: Y}\n", encoding="utf-8")
    rapport = json.loads(sus("validate", "--format", "json", cwd=depot).stdout)
    assert [(d["path"], d["code"]) for d in rapport["diagnostics"]] == [("sus.yaml", "SUS101")]


def test_format_inconnu(depot, sus):
    sortie = sus("validate", "--format", "xml", cwd=depot)
    assert sortie.code == 2 and "format « xml » inconnu" in sortie.stderr


def test_regles_liste_et_explique(depot, sus):
    sortie = sus("regles", cwd=depot)
    assert sortie.code == 0 and "SUS400" in sortie.stdout and "deux-indicateurs" in sortie.stdout
    sortie = sus("regles", "SUS400", cwd=depot)
    assert sortie.code == 0 and "Mauvais" in sortie.stdout and "au moins deux indicateurs" in sortie.stdout
    assert sus("regles", "deux-indicateurs", cwd=depot).code == 0
    sortie = sus("regles", "SUS999", cwd=depot)
    assert sortie.code == 2 and "inconnue" in sortie.stderr


def test_erreurs_d_utilisation_en_francais(depot, sus):
    sortie = sus("validate", "--inconnue", cwd=depot)
    assert sortie.code == 2 and "option inconnue" in sortie.stderr
    sortie = sus("nimporte", cwd=depot)
    assert sortie.code == 2 and "commande inconnue" in sortie.stderr
    sortie = sus("--help", cwd=depot)
    assert sortie.code == 0 and "Utilisation" in sortie.stdout and "Show this message" not in sortie.stdout


def test_schemas_json_a_jour():
    from sus_cli.json_schemas import schemas_perimes
    dossier = Path(__file__).resolve().parents[1] / "schemas"
    assert schemas_perimes(dossier) == [], "lancez « sus schema » et validez schemas/"


def test_schema_ecrit_et_verifie(tmp_path, sus):
    assert sus("schema", "--verifier", "--dossier", str(tmp_path / "s"), cwd=tmp_path).code == 1
    assert sus("schema", "--dossier", str(tmp_path / "s"), cwd=tmp_path).code == 0
    assert sus("schema", "--verifier", "--dossier", str(tmp_path / "s"), cwd=tmp_path).code == 0
    schema = json.loads((tmp_path / "s" / "fiche.schema.json").read_text(encoding="utf-8"))
    assert schema["title"] == "Fiche action (en-tête YAML)"
    assert "indicateurs" in schema["required"] and schema["additionalProperties"] is False


def test_pre_commit_hook_declare():
    import yaml
    hooks = yaml.safe_load((Path(__file__).resolve().parents[1] / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "sus-validate")
    assert hook["entry"] == "sus validate" and hook["language"] == "python"
    import re
    assert re.search(hook["files"], "fiches/transversalite/TR-6.2.1.md")
    assert re.search(hook["files"], "sus.yaml") and not re.search(hook["files"], "README.md")


def test_rapport_restreint_identique_au_rapport_complet(sus):
    """Reading only some fiches in full (the pre-commit case) changes nothing for them."""
    from conftest import RACINE_PROJET
    complet = json.loads(sus("validate", "--format", "json", cwd=RACINE_PROJET).stdout)
    for dossier in ("fiches/insertion", "fiches/transversalite/TR-6.2.1-dematerialiser-les-fiches-actions.md"):
        partiel = json.loads(sus("validate", dossier, "--format", "json", cwd=RACINE_PROJET).stdout)
        attendu = [d for d in complet["diagnostics"] if d["path"].startswith(dossier)]
        assert partiel["diagnostics"] == attendu and attendu
        assert partiel["fiches"] == complet["fiches"]


def test_fiche_liee_lue_seulement_pour_son_id(depot, sus):
    ecrire(depot, "fiches/TR-6.2.1.md", BONNE.replace("porteur: DSUN", "porteur: DSUN\nfiches_liees: [TR-6.2.2]"))
    ecrire(depot, "fiches/TR-6.2.2.md", "\ufeff" + BONNE.replace("id: TR-6.2.1", "id: 'TR-6.2.2'  # liée"))
    sortie = sus("validate", "fiches/TR-6.2.1.md", cwd=depot)
    assert sortie.code == 0, sortie.stdout


@pytest.mark.parametrize("periode, valide", [("2024", True), ("2024-T1", True), ("2024-T4", True),
                                             ("2024-T5", False), ("2024-S1", False), ("24", False),
                                             ("2024-t1", False)])
def test_schema_json_contraint_les_periodes_comme_validate(depot, sus, periode, valide):
    """An editor using schemas/fiche.schema.json flags the same period keys as `sus validate`."""
    import jsonschema
    import yaml

    from sus_cli.json_schemas import schemas
    fiche = FICHE_VALIDE.replace("{id: a, libelle: Indicateur A, unite: nombre}",
                                 f'{{id: a, libelle: Indicateur A, unite: nombre, valeurs: {{"{periode}": 3}}, '
                                 f'cibles: {{2027: 5}}, sens: hausse, reference: {{annee: 2022, valeur: 1}}}}')
    ecrire(depot, "fiches/TR-6.2.1.md", fiche)
    # As an editor sees it: YAML turned into JSON, whose keys are text.
    en_tete = json.loads(json.dumps(yaml.safe_load(fiche.split("---")[1])))
    erreurs = list(jsonschema.Draft202012Validator(schemas()["fiche.schema.json"]).iter_errors(en_tete))
    assert (erreurs == []) is valide, erreurs
    assert (sus("validate", cwd=depot).code == 0) is valide
    # Years of targets too.
    en_tete["indicateurs"][0]["cibles"] = {"vingt": 5}
    assert list(jsonschema.Draft202012Validator(schemas()["fiche.schema.json"]).iter_errors(en_tete))


@pytest.mark.parametrize("ecrit, ligne", [("valeurs: {2024: 40,5}", "valeurs: {2024: 40,5}"),
                                          ("valeurs:\n      2024: 40,5", "2024: 40,5"),
                                          ("valeurs: {2024: {valeur: 40,5}}", "valeurs: {2024: {valeur: 40,5}}"),
                                          ("reference: {annee: 2022, valeur: 40,5}", "reference: {annee")])
def test_virgule_decimale_un_seul_message(depot, sus, ecrit, ligne):
    fiche = FICHE_VALIDE.replace("{id: a, libelle: Indicateur A, unite: nombre}",
                                 "id: a\n    libelle: Indicateur A\n    unite: nombre\n    " + ecrit)
    ecrire(depot, "fiches/TR-6.2.1.md", fiche)
    rapport = json.loads(sus("validate", "--format", "json", cwd=depot).stdout)
    assert [(d["code"], d["message"]) for d in rapport["diagnostics"]] == [
        ("SUS200", "virgule décimale dans « 40,5 » : écrivez 40.5 (avec un point)")]
    assert ligne in fiche.splitlines()[rapport["diagnostics"][0]["line"] - 1]
