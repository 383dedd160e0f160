"""`sus bilan --format docx`: read back with python-docx, opened by LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
import zipfile

import pytest
from docx import Document

from conftest import FICHE_VALIDE, RACINE_PROJET, ecrire

EXEMPLES = RACINE_PROJET / "exemples"


@pytest.fixture(autouse=True)
def date_du_bilan(monkeypatch):
    monkeypatch.setenv("SUS_AUJOURDHUI", "2025-01-20")


def _docx(sus, tmp_path, *options, cwd=EXEMPLES):
    sortie = sus("bilan", "2024", "--format", "docx", "--sortie", str(tmp_path / "bilan.docx"), *options, cwd=cwd)
    assert sortie.code == 0, sortie.stderr
    return tmp_path / "bilan.docx"


def _textes(document) -> list[str]:
    textes = [p.text for p in document.paragraphs]
    for tableau in document.tables:
        for ligne in tableau.rows:
            textes += [c.text for c in ligne.cells]
    return textes


def test_docx_des_exemples(sus, tmp_path):
    chemin = _docx(sus, tmp_path)
    document = Document(str(chemin))
    titres = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert ("Heading 1", "Synthèse") in titres and ("Heading 1", "Volet TR — Transversalité au sein des solidarités") in titres
    assert ("Heading 4", "TR-6.2.1 — Dématérialiser les fiches actions du schéma") in titres
    assert ("Heading 1", "Recommandations et décisions de l'année 2024") in titres
    assert [t for s, t in titres if s == "Heading 1"][-1] == "Annexe — méthode"
    assert sum(1 for s, _ in titres if s == "Heading 4") == 8
    assert document.paragraphs[1].style.name == "Title" and document.paragraphs[1].text == "Bilan 2024"
    # the same totals as the JSON bilan
    synthese = document.tables[0]
    valeurs = {l.cells[0].text: l.cells[1].text for l in synthese.rows}
    assert valeurs["Fiches actions"] == "8" and valeurs["Taux de réalisation"] == "14\u00a0%"
    assert valeurs["Budget 2024 prévu"] == "147\u202f000\u00a0€" and valeurs["Fiche en retard"] == "1 : EF-1.1.1"
    indicateurs = next(t for t in document.tables if t.rows[0].cells[0].text == "indicateur"
                       and "Part des fiches saisies" in t.rows[1].cells[0].text)
    assert [c.text for c in indicateurs.rows[1].cells] == [
        "Part des fiches saisies de manière dématérialisée", "0\u00a0% en 2022", "40\u00a0%", "70\u00a0%",
        "90\u00a0% en 2027", "78\u00a0%", "Volet autonomie saisi en juin"]
    # the two synthesis charts, then one chart per indicator with a value, each with its alternative text
    images = document.inline_shapes
    assert len(images) == 2 + 13
    descriptions = [i._inline.docPr.get("descr") for i in images]
    assert descriptions[0].startswith("Répartition des fiches par statut, par volet : volet TR : 1 réalisée, 1 en cours ;")
    assert descriptions[1].startswith("Atteinte moyenne des objectifs, par axe : axe TR-6 : 90")
    assert any(d.startswith("Part des fiches saisies de manière dématérialisée. Valeurs : 40\u00a0% en 2023")
               for d in descriptions)
    with zipfile.ZipFile(chemin) as paquet:
        assert len([n for n in paquet.namelist() if n.startswith("word/media/")]) == 2 + 13
        corps = paquet.read("word/document.xml").decode()
        pied = "".join(paquet.read(n).decode() for n in paquet.namelist() if n.startswith("word/footer"))
        assert "TOC \\o" in corps and "PAGE" in pied and "NUMPAGES" in pied
        assert 'w:updateFields w:val="true"' in paquet.read("word/settings.xml").decode()
    texte = " ".join(_textes(document))
    for interdit in ("(s)", "commit", "sus validate", "SUS4", "en_cours", "arbre de travail"):
        assert interdit not in texte, interdit


def test_docx_et_mots_du_departement(depot, sus, tmp_path):
    ecrire(depot, "fiches/TR-6.2.1.md", FICHE_VALIDE.replace("titre: Dématérialiser", "titre: \"Bip <b>x</b>\" #"))
    ecrire(depot, "bilans/2024.md", "## Recommandations du groupe stratégique\n\n- Poursuivre **vite**\n\n"
                                    "## Décisions du comité de pilotage\n\n1. Arrêter AU-1.2.1\n")
    document = Document(str(_docx(sus, tmp_path, cwd=depot)))
    paragraphes = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Heading 2", "Recommandations du groupe stratégique") in paragraphes
    assert ("List Bullet", "Poursuivre vite") in paragraphes and ("List Number", "Arrêter AU-1.2.1") in paragraphes
    gras = [r.text for p in document.paragraphs for r in p.runs if r.bold]
    assert "vite" in gras


def test_modele_du_departement(depot, sus, tmp_path):
    from docx.shared import Pt
    ecrire(depot, "fiches/TR-6.2.1.md", FICHE_VALIDE)
    modele = Document()
    modele.styles["Heading 1"].font.size = Pt(27)
    modele.sections[0].header.paragraphs[0].text = "Département de Valmont — logo"
    modele.add_paragraph("Texte du modèle, qui ne doit pas rester.")
    modele.save(str(tmp_path / "modele.docx"))
    document = Document(str(_docx(sus, tmp_path, "--modele", str(tmp_path / "modele.docx"), cwd=depot)))
    assert document.sections[0].header.paragraphs[0].text == "Département de Valmont — logo"
    assert document.styles["Heading 1"].font.size == Pt(27)
    assert not any("Texte du modèle" in p.text for p in document.paragraphs)
    ecrire(tmp_path, "faux.docx", "pas un document")
    sortie = sus("bilan", "2024", "-f", "docx", "--modele", str(tmp_path / "faux.docx"), "--sortie", "-", cwd=depot)
    assert sortie.code == 2 and "n'est pas un document Word" in sortie.stderr
    sortie = sus("bilan", "2024", "--modele", str(tmp_path / "modele.docx"), cwd=depot)
    assert sortie.code == 2 and "--modele ne sert qu'au format docx" in sortie.stderr


def test_docx_s_ouvre_dans_libreoffice(sus, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) absent : apt install libreoffice-writer")
    chemin = _docx(sus, tmp_path)
    profil = tmp_path / "profil"
    fait = subprocess.run([soffice, f"-env:UserInstallation=file://{profil}", "--headless", "--convert-to", "pdf",
                           "--outdir", str(tmp_path), str(chemin)], capture_output=True, text=True, timeout=180)
    pdf = tmp_path / "bilan.pdf"
    assert fait.returncode == 0 and pdf.is_file() and pdf.stat().st_size > 20_000, fait.stderr
    if shutil.which("pdftotext"):
        texte = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "Bilan 2024" in texte and "TR-6.2.1" in texte and "Page 2 sur" in texte
