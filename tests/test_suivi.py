"""`sus liste`, `sus voir`, `sus avancement`, `sus export` on the fictional exemples/."""

from __future__ import annotations

import csv
import datetime as dt
import json

import pytest

from conftest import RACINE_PROJET

EXEMPLES = RACINE_PROJET / "exemples"


@pytest.fixture(autouse=True)
def date(monkeypatch):
    monkeypatch.setenv("SUS_AUJOURDHUI", "2025-01-20")


def _ids(sus, *options) -> list[str]:
    sortie = sus("liste", *options, "--format", "json", cwd=EXEMPLES)
    assert sortie.code == 0, sortie.stderr
    return [f["id"] for f in json.loads(sortie.stdout)]


@pytest.mark.parametrize("options,attendu", [
    ((), ["AU-1.1.1", "AU-1.2.1", "AU-2.1.1", "EF-1.1.1", "EF-1.2.1", "EF-2.1.1", "TR-6.1.1", "TR-6.2.1"]),
    (("--porteur", "dsun"), ["TR-6.1.1", "TR-6.2.1"]),
    (("--volet", "EF"), ["EF-1.1.1", "EF-1.2.1", "EF-2.1.1"]),
    (("--axe", "EF-1"), ["EF-1.1.1", "EF-1.2.1"]),
    (("--volet", "AU", "--axe", "1"), ["AU-1.1.1", "AU-1.2.1"]),
    (("--objectif", "TR-6.2"), ["TR-6.2.1"]),
    (("--statut", "abandonnee"), ["AU-1.2.1"]),
    (("--dispositif", "cdppe"), ["EF-1.1.1", "EF-1.2.1"]),
    (("--validation", "soumise"), ["EF-1.1.1"]),
    (("--en-retard",), ["EF-1.1.1"]),
    (("--texte", "vulnerables"), ["EF-1.1.1"]),  # "vulnérables", accent-insensitive
    (("--texte", "MONOPARENTALES"), ["EF-1.1.1"]),  # in the body only
    (("--porteur", "DA", "--statut", "en_cours"), ["AU-1.1.1"]),
])
def test_liste_filtres(sus, options, attendu):
    assert _ids(sus, *options) == attendu


def test_liste_json_et_csv(sus):
    fiches = json.loads(sus("liste", "--porteur", "DSUN", "-f", "json", cwd=EXEMPLES).stdout)
    assert {"id", "titre", "porteur", "statut"} <= set(fiches[0])
    texte = sus("liste", "--porteur", "DSUN", "-f", "csv", cwd=EXEMPLES).stdout
    assert texte.startswith("\ufeffid;")  # the BOM: Excel reads the accents right, as with sus export
    lignes = list(csv.reader(texte.removeprefix("\ufeff").splitlines(), delimiter=";"))
    assert lignes[0][:4] == ["id", "titre", "porteur", "statut"] and len(lignes) == 3
    assert lignes[0][-2:] == ["code statut", "code validation"]
    assert {l[3] for l in lignes[1:]} <= {"En cours", "Réalisée"} and {l[-2] for l in lignes[1:]} <= {"en_cours", "realisee"}


def test_liste_texte_et_erreurs(sus):
    sortie = sus("liste", "--en-retard", cwd=EXEMPLES)
    assert "EF-1.1.1" in sortie.stdout and "en retard" in sortie.stdout and "1 fiche." in sortie.stdout
    assert "Aucune fiche ne correspond." in sus("liste", "--texte", "introuvable", cwd=EXEMPLES).stdout
    sortie = sus("liste", "--porteur", "DSI", cwd=EXEMPLES)
    assert sortie.code == 2 and "porteur « DSI » inconnu" in sortie.stderr
    sortie = sus("liste", "--statut", "finie", cwd=EXEMPLES)
    assert sortie.code == 2 and "statut « finie » inconnu" in sortie.stderr


def test_voir(sus):
    sortie = sus("voir", "ef-1.1.1", cwd=EXEMPLES)
    assert sortie.code == 0
    for attendu in ("EF-1.1.1 — Repérer tôt les familles vulnérables", "Repérer les familles vulnérables",
                    "DEF — Direction Enfance Famille", "en retard", "Soumise", "Nombre de visites à domicile",
                    "2024-T3", "420", "Données PMI indisponibles", "24\u202f000\u00a0€", "Déployer l'outil de repérage",
                    "prolongation demandée", "Contexte", "monoparentales"):
        assert attendu in sortie.stdout, attendu
    assert "▄▅" in sortie.stdout  # the chart's series: 350 in 2023, 420 in 2024-T3, on the 0–600 scale
    sortie = sus("voir", "EF-1.1.2", cwd=EXEMPLES)
    assert sortie.code == 2 and "vouliez-vous dire « EF-1.1.1 »" in sortie.stderr


def test_avancement(sus):
    sortie = sus("avancement", "--annee", "2024", cwd=EXEMPLES)
    assert sortie.code == 0
    assert "Avancement au 20 janvier 2025" in sortie.stdout and "Fiches en retard : EF-1.1.1" in sortie.stdout
    objet = json.loads(sus("avancement", "--annee", "2024", "-f", "json", cwd=EXEMPLES).stdout)
    assert objet["au"] == "2025-01-20" and objet["synthese"]["fiches"] == 8
    assert objet["synthese"]["atteinte"] == json.loads(
        sus("bilan", "2024", "-f", "json", cwd=EXEMPLES).stdout)["synthese"]["atteinte"]
    ef = next(v for v in objet["volets"] if v["code"] == "EF")
    assert [a["synthese"]["en_retard"] for a in ef["axes"]] == [1, 0]


def test_export_xlsx(sus, tmp_path):
    from openpyxl import load_workbook
    sortie = sus("export", "--sortie", str(tmp_path / "e.xlsx"), cwd=EXEMPLES)
    assert sortie.code == 0 and "8 fiches et 23 valeurs exportées" in sortie.stderr
    classeur = load_workbook(tmp_path / "e.xlsx")
    assert classeur.sheetnames == ["fiches", "valeurs", "origine"] and classeur["origine"].sheet_state == "veryHidden"
    fiches, valeurs = classeur["fiches"], classeur["valeurs"]
    assert fiches.freeze_panes == "A2" and valeurs.freeze_panes == "A2"
    entete = [c.value for c in fiches[1]]
    ligne = dict(zip(entete, [c.value for c in next(r for r in fiches.iter_rows(min_row=2) if r[0].value == "TR-6.2.1")]))
    assert ligne["début"] == dt.datetime(2023, 1, 1) and ligne["budget prévu"] == 25000
    assert ligne["budget consommé"] == 18500 and ligne["validée par"] == "Directrice générale adjointe des solidarités"
    # French labels for people, the codes in their own columns for machines
    assert (ligne["statut"], ligne["validation"]) == ("En cours", "Validée")
    assert (ligne["code statut"], ligne["code validation"]) == ("en_cours", "validee")
    entete = [c.value for c in valeurs[1]]
    assert entete[:2] == ["fiche", "indicateur"] and {"période", "valeur", "commentaire"} <= set(entete)  # read by sus importer
    rangs = [dict(zip(entete, [c.value for c in r])) for r in valeurs.iter_rows(min_row=2)]
    t3 = next(r for r in rangs if r["fiche"] == "EF-1.1.1" and r["période"] == "2024-T3")
    assert (t3["valeur"], t3["cible"], t3["référence"]) == (420, 500, 300)
    indisponible = next(r for r in rangs if r["indicateur"] == "familles-suivies" and r["période"] == "2024")
    assert indisponible["valeur"] is None and "changement de logiciel" in indisponible["commentaire"]


def test_export_csv(sus, tmp_path):
    sortie = sus("export", "-f", "csv", "--sortie", str(tmp_path / "suivi.csv"), cwd=EXEMPLES)
    assert sortie.code == 0
    octets = (tmp_path / "suivi-valeurs.csv").read_bytes()
    assert octets.startswith("\ufefffiche;indicateur;".encode()) and b"\r\n" in octets
    texte = octets.decode("utf-8")
    lignes = list(csv.reader(texte.lstrip("\ufeff").splitlines(), delimiter=";"))
    estimation = next(l for l in lignes if l[1] == "delai-evaluation" and l[4] == "2024")
    assert estimation[5] == "38" and estimation[9] == "oui"
    assert (tmp_path / "suivi-fiches.csv").is_file()
