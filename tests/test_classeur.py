"""The export's workbook written as SpreadsheetML by sus (export/classeur.py): read back by openpyxl (as
`sus importer` does) and by LibreOffice, text always text, the same bytes for the same sheets."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess

import pytest

from sus_cli.export.classeur import Feuille, classeur, colonne

LIGNES = [("texte", "nombre", "date", "booléen", "vide"),
          ("=HYPERLINK(\"http://x\",\"clic\")", 12.5, dt.date(2024, 3, 1), True, None),
          ("  espaces autour  ", 10_000, dt.date(1999, 12, 31), False, None),
          ("contrôle \x01\x1f et <balise> & « guillemets »", -3, None, None, "fin"),
          ("'apostrophe' \"double\"", 0, None, None, None)]


def _classeur() -> bytes:
    return classeur([Feuille("valeurs", list(LIGNES), (20, 8, 12, 8, 6)),
                     Feuille("caché 'x'", [["un morceau"], ["un autre"]], entete=False, cachee=True)])


def test_relu_par_openpyxl():
    from openpyxl import load_workbook
    livre = load_workbook(io.BytesIO(_classeur()))
    assert livre.sheetnames == ["valeurs", "caché 'x'"] and livre["caché 'x'"].sheet_state == "veryHidden"
    feuille = livre["valeurs"]
    assert [c.value for c in feuille[1]] == list(LIGNES[0]) and feuille["A1"].font.b
    assert feuille.freeze_panes == "A2" and feuille.auto_filter.ref == "A1:E5"
    assert feuille["A2"].value == LIGNES[1][0] and feuille["A2"].data_type == "s"  # a formula's text, never a formula
    assert feuille["B2"].value == 12.5 and feuille["B3"].value == 10_000 and feuille["B4"].value == -3
    assert feuille["C2"].value == dt.datetime(2024, 3, 1) and feuille["C2"].number_format == "DD/MM/YYYY"
    assert feuille["D2"].value == "oui" and feuille["D3"].value == "non" and feuille["E2"].value is None
    assert feuille["A3"].value == "  espaces autour  "
    assert feuille["A4"].value == "contrôle \u2401\u241f et <balise> & « guillemets »"
    assert feuille.column_dimensions["A"].width == 20
    assert [r[0] for r in livre["caché 'x'"].iter_rows(values_only=True)] == ["un morceau", "un autre"]


def test_memes_octets_pour_les_memes_feuilles():
    assert _classeur() == _classeur()


def test_colonnes():
    assert [colonne(i) for i in (1, 26, 27, 52, 53, 702, 703)] == ["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]


def test_ouvert_par_libreoffice(tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice absent : apt install libreoffice-calc")
    (tmp_path / "classeur.xlsx").write_bytes(_classeur())
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profil", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path), str(tmp_path / "classeur.xlsx")],
                   capture_output=True, timeout=180, check=True)
    texte = (tmp_path / "classeur.csv").read_text(encoding="utf-8")
    assert texte.splitlines()[0] == "texte,nombre,date,booléen,vide"
    assert '"=HYPERLINK(""http://x"",""clic"")",12.5,01/03/2024,oui' in texte
