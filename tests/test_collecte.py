"""`sus collecte`, `sus importer`, `sus saisir`: the quarterly loop with the
directions, run as an observatoire would, on real files."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import RACINE_PROJET

EXEMPLES = RACINE_PROJET / "exemples"
EF111 = "fiches/enfance-famille/EF-1.1.1-reperage-precoce.md"
EF211 = "fiches/enfance-famille/EF-2.1.1-controle-des-etablissements.md"


@pytest.fixture
def schema(tmp_path) -> Path:
    racine = tmp_path / "schema"
    shutil.copytree(EXEMPLES, racine)
    return racine


def _empreintes(racine: Path) -> dict[str, str]:
    return {p.relative_to(racine).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted((racine / "fiches").rglob("*.md"))}


def _classeur(racine: Path, periode: str, code: str) -> Path:
    return racine / f"collecte-{periode}" / f"collecte-{periode}-{code}.xlsx"


def _remplir(chemin: Path, feuille: str, cellules: dict[str, object]) -> None:
    from openpyxl import load_workbook
    classeur = load_workbook(chemin)
    for adresse, valeur in cellules.items():
        classeur[feuille][adresse] = valeur
    classeur.save(chemin)


def _lignes(chemin: Path, feuille: str) -> list[dict]:
    from openpyxl import load_workbook
    lignes = list(load_workbook(chemin)[feuille].iter_rows(values_only=True))
    return [dict(zip(lignes[0], l)) for l in lignes[1:]]


def _rang(chemin: Path, fiche: str, indicateur: str) -> int:
    """The spreadsheet row of an indicator in the `valeurs` sheet."""
    return next(i for i, l in enumerate(_lignes(chemin, "valeurs"), start=2)
                if l["fiche"] == fiche and l["indicateur"] == indicateur)


def _entete(racine: Path, relatif: str) -> dict:
    return yaml.safe_load((racine / relatif).read_text(encoding="utf-8").split("\n---\n")[0][4:])


# -- sus collecte ----------------------------------------------------------------------------------------------

def test_collecte_un_classeur_par_direction(schema, sus):
    sortie = sus("collecte", "2025-T1", cwd=schema)
    assert sortie.code == 0, sortie.stderr
    assert sorted(p.name for p in (schema / "collecte-2025-T1").iterdir()) == [
        "collecte-2025-T1-DA.xlsx", "collecte-2025-T1-DEF.xlsx", "collecte-2025-T1-DSUN.xlsx"]
    assert "Dossier collecte-2025-T1 créé" in sortie.stderr


def test_collecte_contenu_et_protection(schema, sus):
    from openpyxl import load_workbook

    sus("collecte", "2025-T1", "--porteur", "dsun", cwd=schema)
    chemin = _classeur(schema, "2025-T1", "DSUN")
    classeur = load_workbook(chemin)
    assert classeur.sheetnames == ["mode d'emploi", "valeurs", "fiches", "origine"]
    assert classeur["origine"].sheet_state == "veryHidden"
    valeurs = classeur["valeurs"]
    entete = [c.value for c in valeurs[1]]
    for nom in ("fiche", "indicateur", "période", "valeur", "commentaire"):
        assert nom in entete
    lignes = _lignes(chemin, "valeurs")
    # TR-6.1.1 is réalisée: not asked again. TR-6.2.1 has two indicators.
    assert [(l["fiche"], l["indicateur"]) for l in lignes] == [
        ("TR-6.2.1", "fiches-dematerialisees"), ("TR-6.2.1", "fiches-validees")]
    premiere = lignes[0]
    assert premiere["période"] == "2025-T1" and premiere["unité"] == "%"
    assert premiere["référence"] == "0\u00a0% en 2022" and premiere["cible"] == "90\u00a0% en 2027"
    assert premiere["valeur précédente"] == "70\u00a0% en 2024"
    # Context locked, the cells to fill unlocked, the sheet protected.
    assert valeurs.protection.sheet
    colonnes = {nom: i for i, nom in enumerate(entete)}
    ligne = valeurs[2]
    assert ligne[colonnes["valeur"]].protection.locked is False
    assert ligne[colonnes["commentaire"]].protection.locked is False
    assert ligne[colonnes["fiche"]].protection.locked is True
    assert valeurs.freeze_panes == "B2"
    assert valeurs.page_setup.orientation == "landscape" and valeurs.print_title_rows == "$1:$1"
    regles = {(v.type, str(v.sqref)) for v in valeurs.data_validations.dataValidation}
    assert ("decimal", "K2 K3") in regles
    fiches = classeur["fiches"]
    statut = next(v for v in fiches.data_validations.dataValidation if v.type == "list")
    assert "En cours" in statut.formula1 and "Réalisée" in statut.formula1
    assert _lignes(chemin, "fiches")[0]["statut"] == "En cours"
    assert "Collecte des valeurs — 1er trimestre 2025" == classeur["mode d'emploi"]["A1"].value


def test_collecte_livrable_liste_oui_non(schema, sus):
    from openpyxl import load_workbook

    sus("collecte", "2025", "--porteur", "DEF", cwd=schema)
    valeurs = load_workbook(_classeur(schema, "2025", "DEF"))["valeurs"]
    rang = _rang(_classeur(schema, "2025", "DEF"), "EF-2.1.1", "referentiel")
    listes = [v for v in valeurs.data_validations.dataValidation if v.type == "list"]
    assert listes and f"K{rang}" in str(listes[0].sqref) and listes[0].formula1 == '"oui,non"'


def test_collecte_refuse_d_ecraser(schema, sus):
    assert sus("collecte", "2025-T1", cwd=schema).code == 0
    avant = _classeur(schema, "2025-T1", "DEF").read_bytes()
    sortie = sus("collecte", "2025-T1", cwd=schema)
    assert sortie.code == 2 and "existe déjà" in sortie.stderr and "--remplacer" in sortie.stderr
    assert _classeur(schema, "2025-T1", "DEF").read_bytes() == avant
    assert sus("collecte", "2025-T1", "--remplacer", cwd=schema).code == 0


@pytest.mark.parametrize("arguments,message", [
    (("2031",), "hors du schéma"), (("2025-T5",), "invalide"), (("demain",), "invalide"),
    (("2025", "--porteur", "XYZ"), "direction « XYZ » inconnue"),
])
def test_collecte_erreurs_d_utilisation(schema, sus, arguments, message):
    sortie = sus("collecte", *arguments, cwd=schema)
    assert sortie.code == 2 and message in sortie.stderr and "Traceback" not in sortie.stderr


def test_collecte_texte_jamais_formule(schema, sus):
    chemin = schema / "fiches/transversalite/TR-6.2.1-dematerialiser-les-fiches.md"
    texte = chemin.read_text(encoding="utf-8")
    chemin.write_text(texte.replace("titre: Dématérialiser les fiches actions du schéma",
                                    "titre: '=HYPERLINK(\"http://x\",\"clic\")'"), encoding="utf-8")
    sus("collecte", "2025", "--porteur", "DSUN", cwd=schema)
    from openpyxl import load_workbook
    valeurs = load_workbook(_classeur(schema, "2025", "DSUN"))["valeurs"]
    assert valeurs["B2"].value == '=HYPERLINK("http://x","clic")' and valeurs["B2"].data_type == "s"


def test_collecte_s_ouvre_dans_libreoffice(schema, sus, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) absent : apt install libreoffice-calc")
    sus("collecte", "2025-T1", "--porteur", "DEF", cwd=schema)
    sortie = tmp_path / "pdf"
    fait = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profil",
                           "--convert-to", "pdf", "--outdir", str(sortie), str(_classeur(schema, "2025-T1", "DEF"))],
                          capture_output=True, text=True, timeout=180)
    assert fait.returncode == 0, fait.stderr
    assert (sortie / "collecte-2025-T1-DEF.pdf").stat().st_size > 1000


# -- sus importer ----------------------------------------------------------------------------------------------

def _collecte_remplie(schema, sus) -> Path:
    assert sus("collecte", "2025-T1", "--porteur", "DEF", cwd=schema).code == 0
    chemin = _classeur(schema, "2025-T1", "DEF")
    _remplir(chemin, "valeurs", {
        f"K{_rang(chemin, 'EF-1.1.1', 'visites-a-domicile')}": 512,
        f"L{_rang(chemin, 'EF-1.1.1', 'visites-a-domicile')}": "Chiffre provisoire",
        f"K{_rang(chemin, 'EF-1.1.1', 'familles-suivies')}": "41,5 %",
        f"K{_rang(chemin, 'EF-2.1.1', 'referentiel')}": "oui",
    })
    _remplir(chemin, "fiches", {"E2": "Bloquée", "F2": "Le prestataire a pris du retard.", "G2": 40})
    return chemin


def test_importer_aller_retour(schema, sus):
    chemin = _collecte_remplie(schema, sus)
    avant = {r: (schema / r).read_text(encoding="utf-8") for r in (EF111, EF211)}
    autres = {k: v for k, v in _empreintes(schema).items() if k not in (EF111, EF211)}
    sortie = sus("importer", str(chemin), "--date", "2025-04-02", cwd=schema)
    assert sortie.code == 0, sortie.stderr
    assert "EF-1.1.1" in sortie.stdout and "2 fiches modifiées" in sortie.stderr.replace("(s)", "s")
    # The intended YAML…
    entete = _entete(schema, EF111)
    assert entete["statut"] == "bloquee"
    visites, familles = entete["indicateurs"]
    assert visites["valeurs"]["2025-T1"] == {"valeur": 512, "commentaire": "Chiffre provisoire"}
    assert familles["valeurs"]["2025-T1"] == 41.5
    assert entete["notes_suivi"][-1] == {"date": dt.date(2025, 4, 2), "texte": "Le prestataire a pris du retard.",
                                         "avancement": 40}
    assert _entete(schema, EF211)["indicateurs"][1]["valeurs"]["2025-T1"] is True
    # …with every other byte unchanged: only lines added, and the statut line replaced.
    apres = (schema / EF111).read_text(encoding="utf-8")
    retirees = set(avant[EF111].split("\n")) - set(apres.split("\n"))
    assert retirees == {"statut: en_cours"}
    assert {k: v for k, v in _empreintes(schema).items() if k not in (EF111, EF211)} == autres
    # Twice is a no-op.
    empreintes = _empreintes(schema)
    sortie = sus("importer", str(chemin), cwd=schema)
    assert sortie.code == 0 and "Aucun changement" in sortie.stderr
    assert _empreintes(schema) == empreintes
    # The bilan of the year shows the imported figures.
    bilan = json.loads(sus("bilan", "2025", "--format", "json", cwd=schema).stdout)
    fiche = next(f for v in bilan["volets"] for a in v["axes"] for o in a["objectifs"] for f in o["fiches"]
                 if f["id"] == "EF-1.1.1")
    assert [i["valeur"] for i in fiche["indicateurs"]] == [512, 41.5]
    assert fiche["statut"] == "bloquee"


def test_importer_lignes_inchangees_dans_l_ordre(schema, sus):
    chemin = _collecte_remplie(schema, sus)
    avant = (schema / EF111).read_text(encoding="utf-8").split("\n")
    sus("importer", str(chemin), cwd=schema)
    apres = (schema / EF111).read_text(encoding="utf-8").split("\n")
    gardees = [l for l in apres if l in avant]
    assert gardees == [l for l in avant if l != "statut: en_cours"]
    assert len(apres) - len(gardees) == 4  # statut, two values, one note


def test_importer_essai_n_ecrit_rien(schema, sus):
    chemin = _collecte_remplie(schema, sus)
    empreintes = _empreintes(schema)
    for format_ in ("texte", "markdown", "json"):
        sortie = sus("importer", str(chemin), "--essai", "--format", format_, cwd=schema)
        assert sortie.code == 0
        assert _empreintes(schema) == empreintes
    rapport = json.loads(sortie.stdout)
    assert rapport["ecrit"] is False and [f["id"] for f in rapport["fiches"]] == ["EF-1.1.1", "EF-2.1.1"]
    markdown = sus("importer", str(chemin), "--essai", "--format", "markdown", cwd=schema).stdout
    assert markdown.startswith("## Essai d'import") and "### EF-1.1.1" in markdown


def test_importer_cellules_invalides_rien_n_est_ecrit(schema, sus):
    chemin = _collecte_remplie(schema, sus)
    from openpyxl import load_workbook
    classeur = load_workbook(chemin)
    valeurs = classeur["valeurs"]
    valeurs["K3"] = "beaucoup"
    valeurs["K4"] = "=1+1"
    valeurs["K5"] = "#DIV/0!"
    valeurs["K6"] = dt.datetime(2025, 3, 1)
    valeurs["A7"] = "EF-9.9.9"
    valeurs.append(["EF-1.1.1", None, "inconnu", None, None, "2025-T1", None, None, None, None, 3, None])
    valeurs.append(["EF-1.1.1", None, "visites-a-domicile", None, None, "2031", None, None, None, None, 3, None])
    classeur["fiches"]["G3"] = 140
    classeur.save(chemin)
    empreintes = _empreintes(schema)
    sortie = sus("importer", str(chemin), cwd=schema)
    assert sortie.code == 1 and "Traceback" not in sortie.stderr
    assert _empreintes(schema) == empreintes
    nom = chemin.name
    for attendu in (f"{nom}, feuille valeurs, ligne 3, colonne K : « beaucoup » n'est pas un nombre",
                    f"{nom}, feuille valeurs, ligne 4, colonne K : formule refusée",
                    f"{nom}, feuille valeurs, ligne 5, colonne K : la cellule contient une erreur du tableur",
                    f"{nom}, feuille valeurs, ligne 6, colonne K : une date n'est pas une valeur",
                    f"{nom}, feuille valeurs, ligne 7, colonne A : fiche « EF-9.9.9 » inconnue",
                    f"{nom}, feuille valeurs, ligne 8, colonne C : indicateur « inconnu » inconnu",
                    f"{nom}, feuille valeurs, ligne 9, colonne F : période 2031 hors du schéma",
                    f"{nom}, feuille fiches, ligne 3, colonne G : avancement « 140 »"):
        assert attendu in sortie.stderr, sortie.stderr
    assert "aucune fiche n'a été modifiée" in sortie.stderr


def test_importer_conflit(schema, sus):
    chemin = _collecte_remplie(schema, sus)
    # Meanwhile, someone sets the same value in the fiche by hand.
    fiche = schema / EF111
    fiche.write_text(fiche.read_text(encoding="utf-8").replace("      2024-T3: 420\n",
                                                                "      2024-T3: 420\n      2025-T1: 499\n"),
                     encoding="utf-8")
    empreintes = _empreintes(schema)
    sortie = sus("importer", str(chemin), cwd=schema)
    assert sortie.code == 1 and _empreintes(schema) == empreintes
    ligne = _rang(chemin, "EF-1.1.1", "visites-a-domicile")
    assert f"ligne {ligne}, colonne K : conflit" in sortie.stderr and "499" in sortie.stderr
    assert "--forcer" in sortie.stderr
    assert sus("importer", str(chemin), "--forcer", cwd=schema).code == 0
    assert _entete(schema, EF111)["indicateurs"][0]["valeurs"]["2025-T1"]["valeur"] == 512


def test_importer_ne_ramene_pas_une_valeur_laissee_telle_quelle(schema, sus, tmp_path):
    """An export re-imported after the fiche changed: the untouched cell does not undo the change."""
    assert sus("export", "--format", "xlsx", "--sortie", str(tmp_path / "e.xlsx"), cwd=schema).code == 0
    fiche = schema / EF111
    fiche.write_text(fiche.read_text(encoding="utf-8").replace("2024-T3: 420", "2024-T3: 421"), encoding="utf-8")
    empreintes = _empreintes(schema)
    sortie = sus("importer", str(tmp_path / "e.xlsx"), cwd=schema)
    assert sortie.code == 0 and "Aucun changement" in sortie.stderr, sortie.stderr
    assert _empreintes(schema) == empreintes


def test_importer_un_export_modifie(schema, sus, tmp_path):
    export = tmp_path / "export.xlsx"
    assert sus("export", "--format", "xlsx", "--sortie", str(export), cwd=schema).code == 0
    # Unchanged: nothing to do.
    empreintes = _empreintes(schema)
    sortie = sus("importer", str(export), cwd=schema)
    assert sortie.code == 0 and "Aucun changement" in sortie.stderr, sortie.stderr
    assert _empreintes(schema) == empreintes
    lignes = _lignes(export, "valeurs")
    rang = next(i for i, l in enumerate(lignes, start=2)
                if l["fiche"] == "EF-1.1.1" and l["indicateur"] == "visites-a-domicile" and l["période"] == "2023")
    colonnes = list(lignes[0])
    from openpyxl.utils import get_column_letter
    _remplir(export, "valeurs", {f"{get_column_letter(colonnes.index('valeur') + 1)}{rang}": 355})
    sortie = sus("importer", str(export), cwd=schema)
    assert sortie.code == 0, sortie.stderr
    assert _entete(schema, EF111)["indicateurs"][0]["valeurs"][2023] == 355


def test_importer_echec_a_mi_chemin_ne_laisse_rien(schema, sus, monkeypatch):
    chemin = _collecte_remplie(schema, sus)
    empreintes = _empreintes(schema)
    vrai_replace = os.replace
    appels = []

    def replace_fragile(source, cible):
        appels.append(cible)
        if len(appels) == 2:
            raise OSError(28, "No space left on device")
        return vrai_replace(source, cible)

    monkeypatch.setattr(os, "replace", replace_fragile)
    sortie = sus("importer", str(chemin), cwd=schema)
    monkeypatch.setattr(os, "replace", vrai_replace)
    assert sortie.code == 2 and "Traceback" not in sortie.stderr
    assert _empreintes(schema) == empreintes
    assert not [p for p in (schema / "fiches").rglob(".*.tmp")]


def test_importer_pas_un_classeur(schema, sus, tmp_path):
    faux = tmp_path / "faux.xlsx"
    faux.write_text("ceci n'est pas un classeur")
    sortie = sus("importer", str(faux), cwd=schema)
    assert sortie.code == 1 and "faux.xlsx : ce n'est pas un classeur Excel (.xlsx) lisible" in sortie.stderr
    assert sus("importer", str(tmp_path / "absent.xlsx"), cwd=schema).code == 2


def test_importer_deux_classeurs_contradictoires(schema, sus, tmp_path):
    chemin = _collecte_remplie(schema, sus)
    copie = tmp_path / "copie.xlsx"
    shutil.copy(chemin, copie)
    _remplir(copie, "valeurs", {f"K{_rang(copie, 'EF-1.1.1', 'visites-a-domicile')}": 600})
    sortie = sus("importer", str(chemin), str(copie), cwd=schema)
    assert sortie.code == 1 and "copie.xlsx, feuille valeurs" in sortie.stderr and "contredit" in sortie.stderr


def test_aller_retour_sur_le_schema_de_l_allier(tmp_path, sus):
    """A schéma this project did not write: the bundled Allier transcription."""
    racine = tmp_path / "allier"
    shutil.copytree(RACINE_PROJET / "fiches", racine / "fiches")
    shutil.copy(RACINE_PROJET / "sus.yaml", racine / "sus.yaml")
    avant = _empreintes(racine)
    assert sus("collecte", "2024", "--porteur", "DSUN", cwd=racine).code in (0, 1)
    chemin = _classeur(racine, "2024", "DSUN")
    lignes = _lignes(chemin, "valeurs")
    cible = lignes[0]
    _remplir(chemin, "valeurs", {"K2": 7, "L2": "Première mesure"})
    sortie = sus("importer", str(chemin), cwd=racine)
    assert sortie.code == 0, sortie.stderr
    apres = _empreintes(racine)
    changees = [k for k in apres if apres[k] != avant[k]]
    assert len(changees) == 1
    entete = _entete(racine, changees[0])
    indicateur = next(i for i in entete["indicateurs"] if i["id"] == cible["indicateur"])
    assert indicateur["valeurs"][2024] == {"valeur": 7, "commentaire": "Première mesure"}
    assert sus("validate", changees[0], "--format", "json", cwd=racine).code in (0, 1)


# -- sus saisir -----------------------------------------------------------------------------------------------

def test_saisir_une_valeur(schema, sus):
    sortie = sus("saisir", "EF-1.1.1", "--indicateur", "familles-suivies", "--periode", "2025-T2",
                 "--valeur", "42,5 %", "--commentaire", "estimation PMI", cwd=schema)
    assert sortie.code in (0, 1), sortie.stderr
    assert "EF-1.1.1" in sortie.stdout
    assert _entete(schema, EF111)["indicateurs"][1]["valeurs"]["2025-T2"] == {
        "valeur": 42.5, "commentaire": "estimation PMI"}


def test_saisir_statut_et_note(schema, sus):
    sortie = sus("saisir", "ef-1.1.1", "--statut", "Réalisée", "--note", "Terminé.", "--avancement", "100",
                 "--date", "2025-05-01", cwd=schema)
    assert sortie.code in (0, 1), sortie.stderr
    entete = _entete(schema, EF111)
    assert entete["statut"] == "realisee"
    assert entete["notes_suivi"][-1] == {"date": dt.date(2025, 5, 1), "texte": "Terminé.", "avancement": 100}


@pytest.mark.parametrize("arguments,message", [
    (("--indicateur", "familles-suivies", "--periode", "2025", "--valeur", "beaucoup"), "n'est pas un nombre"),
    (("--indicateur", "nope", "--periode", "2025", "--valeur", "1"), "indicateur « nope » inconnu"),
    (("--indicateur", "familles-suivies", "--periode", "2040", "--valeur", "1"), "hors du schéma"),
    (("--statut", "fini"), "statut « fini » inconnu"),
    ((), "rien à saisir"),
])
def test_saisir_refus(schema, sus, arguments, message):
    empreintes = _empreintes(schema)
    sortie = sus("saisir", "EF-1.1.1", *arguments, cwd=schema)
    assert sortie.code == 2 and message in sortie.stderr and "Traceback" not in sortie.stderr
    assert _empreintes(schema) == empreintes


def test_importer_avancement_sans_note(schema, sus):
    assert sus("collecte", "2025-T1", "--porteur", "DEF", cwd=schema).code == 0
    chemin = _classeur(schema, "2025-T1", "DEF")
    _remplir(chemin, "fiches", {"G2": "60 %"})
    assert sus("importer", str(chemin), "--date", "2025-04-01", cwd=schema).code == 0
    assert _entete(schema, EF111)["notes_suivi"][-1] == {
        "date": dt.date(2025, 4, 1), "texte": "Avancement déclaré lors de la collecte 2025-T1.", "avancement": 60}
    empreintes = _empreintes(schema)
    assert sus("importer", str(chemin), cwd=schema).code == 0
    assert _empreintes(schema) == empreintes


def _classeur_modifie(source: Path, cible: Path, partie: str, modifier) -> Path:
    import zipfile
    with zipfile.ZipFile(source) as entree, zipfile.ZipFile(cible, "w", zipfile.ZIP_DEFLATED) as sortie:
        for info in entree.infolist():
            contenu = entree.read(info.filename)
            sortie.writestr(info, modifier(contenu) if info.filename == partie else contenu)
    return cible


def test_importer_classeur_piege(schema, sus, tmp_path, monkeypatch):
    """An entity bomb in a sheet, a zip bomb, a pipe: refused in French, nothing written, no hang."""
    chemin = _collecte_remplie(schema, sus)
    empreintes = _empreintes(schema)
    entites = "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 9))

    def bombe(xml: bytes) -> bytes:
        texte = xml.decode().split("?>", 1)[-1]
        return (f'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY e0 "x">{entites}]>' + texte.replace(
            "<sheetData>", "<sheetData><row r=\"999\"><c r=\"A999\" t=\"inlineStr\"><is><t>&e8;</t></is></c></row>", 1)
        ).encode()
    piege = _classeur_modifie(chemin, tmp_path / "bombe.xlsx", "xl/worksheets/sheet2.xml", bombe)
    sortie = sus("importer", str(piege), cwd=schema)
    assert sortie.code == 1 and "bombe.xlsx : ce n'est pas un classeur Excel (.xlsx) lisible" in sortie.stderr
    assert "Traceback" not in sortie.stderr and "limit" not in sortie.stderr
    import zipfile

    from sus_cli.collecte import lecture
    monkeypatch.setattr(lecture, "DECOMPRESSE_MAX", 1024 * 1024)  # 500 MB in real life
    enorme = tmp_path / "enorme.xlsx"
    with zipfile.ZipFile(enorme, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (2 * 1024 * 1024))
    sortie = sus("importer", str(enorme), cwd=schema)
    assert sortie.code == 1 and "une fois décompressé" in sortie.stderr
    tube = tmp_path / "tube.xlsx"
    os.mkfifo(tube)
    sortie = sus("importer", str(tube), cwd=schema)
    assert sortie.code == 2 and "n'est pas un fichier ordinaire" in sortie.stderr
    assert _empreintes(schema) == empreintes


def test_importer_conflit_de_statut(schema, sus):
    assert sus("collecte", "2025-T1", "--porteur", "DEF", cwd=schema).code == 0
    chemin = _classeur(schema, "2025-T1", "DEF")
    fiche = schema / EF111
    fiche.write_text(fiche.read_text(encoding="utf-8").replace("statut: en_cours", "statut: en_pause"), encoding="utf-8")
    # The statut left as the workbook showed it does not undo the newer one.
    assert sus("importer", str(chemin), cwd=schema).code == 0
    assert _entete(schema, EF111)["statut"] == "en_pause"
    _remplir(chemin, "fiches", {"E2": "Bloquée"})
    empreintes = _empreintes(schema)
    sortie = sus("importer", str(chemin), cwd=schema)
    assert sortie.code == 1 and _empreintes(schema) == empreintes
    assert ("feuille fiches, ligne 2, colonne E : conflit : le statut de la fiche EF-1.1.1 est maintenant "
            "« En pause » dans la fiche (c'était « En cours » quand le classeur a été préparé), et le classeur "
            "dit « Bloquée »") in sortie.stderr
    assert sus("importer", str(chemin), "--forcer", cwd=schema).code == 0
    assert _entete(schema, EF111)["statut"] == "bloquee"
