"""Formula injection (OWASP CSV injection): text from a fiche or sus.yaml is
never a live formula in a spreadsheet or CSV that sus writes."""

from __future__ import annotations

import csv
import io
import re
import zipfile

import pytest

from conftest import FICHE_VALIDE, ecrire

FORMULE = '=HYPERLINK("http://x","clic")'


@pytest.fixture
def depot_piege(depot):
    ecrire(depot, "fiches/TR-6.2.1.md", FICHE_VALIDE.replace("titre: Dématérialiser les fiches",
                                                             f"titre: '{FORMULE}'")
           .replace("libelle: Indicateur A", "libelle: '@SUM(1+1)'"))
    sus_yaml = (depot / "sus.yaml").read_text(encoding="utf-8")
    (depot / "sus.yaml").write_text(sus_yaml.replace('"Développer l\'évaluation"', '"+cmd|\' /C calc\'!A0"'),
                                    encoding="utf-8")
    return depot


@pytest.mark.parametrize("texte,neutralise", [
    ("=1+1", True), ("+1", True), ("@A1", True), ("-cmd", True), ("-2+3", True), ("\tx", True),
    ("-12", False), ("-1 234,5", False), ("titre", False), ("", False), ("a=b", False),
])
def test_regle_owasp(texte, neutralise):
    from sus_cli.tableur import texte_csv
    assert (texte_csv(texte) == "'" + texte) is neutralise


def test_export_xlsx_texte_reste_texte(depot_piege, sus):
    from openpyxl import load_workbook

    sortie = sus("export", "--format", "xlsx", "--sortie", "x.xlsx", cwd=depot_piege)
    assert sortie.code == 0, sortie.stderr
    with zipfile.ZipFile(depot_piege / "x.xlsx") as archive:
        for nom in archive.namelist():
            if nom.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(nom), f"formule dans {nom}"
    classeur = load_workbook(depot_piege / "x.xlsx")
    fiches = classeur["fiches"]
    entete = [c.value for c in fiches[1]]
    ligne = dict(zip(entete, (c.value for c in fiches[2])))
    assert ligne["titre"] == FORMULE
    assert ligne["titre de l'objectif"] == "+cmd|' /C calc'!A0"
    assert all(c.data_type == "s" for c in fiches[2] if isinstance(c.value, str))


def test_export_csv_prefixe(depot_piege, sus):
    sortie = sus("export", "--format", "csv", "--sortie", "x", cwd=depot_piege)
    assert sortie.code == 0, sortie.stderr
    lignes = list(csv.reader(io.StringIO((depot_piege / "x-fiches.csv").read_text(encoding="utf-8-sig")),
                             delimiter=";"))
    ligne = dict(zip(lignes[0], lignes[1]))
    assert ligne["titre"] == "'" + FORMULE
    assert ligne["titre de l'objectif"] == "'+cmd|' /C calc'!A0"


def test_liste_csv_prefixe(depot_piege, sus):
    sortie = sus("liste", "--format", "csv", cwd=depot_piege)
    lignes = list(csv.reader(io.StringIO(sortie.stdout), delimiter=";"))
    assert lignes[1][1] == "'" + FORMULE


def test_caracteres_de_controle_ecrits_visiblement(depot, sus):
    """XLSX refuses control characters (openpyxl raised, the export died with
    exit 2): they are written visibly, in XLSX and CSV alike."""
    from openpyxl import load_workbook

    ecrire(depot, "fiches/TR-6.2.1.md", FICHE_VALIDE.replace(
        "unite: nombre}", 'unite: nombre, valeurs: {2024: {valeur: 1, commentaire: "a\\x01b\\e[2J\\nc"}}}', 1))
    assert sus("export", "--sortie", "x.xlsx", cwd=depot).code == 0
    valeurs = load_workbook(depot / "x.xlsx")["valeurs"]
    entete = [c.value for c in valeurs[1]]
    commentaire = dict(zip(entete, (c.value for c in valeurs[2])))["commentaire"]
    # Shown, in one way or another (the export's own writer uses the control pictures ␁ ␛), never raw.
    assert commentaire.startswith("a") and commentaire.endswith("[2J\nc") and len(commentaire) > 7
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", commentaire), repr(commentaire)
    assert sus("export", "--format", "csv", "--sortie", "x", cwd=depot).code == 0
    assert "a\\x01b\\x1b[2J\nc" in (depot / "x-valeurs.csv").read_text(encoding="utf-8-sig")
