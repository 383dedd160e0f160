"""The HTML documents as people get them: printed to PDF by headless Chromium
(numbered pages, at most fiches + 5 pages, no internal word), and checked by
axe-core (zero WCAG 2.1 A/AA violation). Skipped, with the reason, when
chromium, chromedriver, axe-core or pdftotext are missing."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

import accessibilite
from conftest import RACINE_PROJET, ecrire

EXEMPLES = RACINE_PROJET / "exemples"
# Words a committee document must never show: codes, git and YAML words, "(s)".
INTERDITS = re.compile(r"SUS\d{3}|\bcommit|arbre de travail|sus validate|\bgit\b|\(s\)|\b[a-z]+_[a-z_]+\b|"
                       r"sus\.yaml|non_renseigne")


def _chromium() -> str:
    chemin = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if chemin is None:
        pytest.skip("chromium absent : apt install chromium")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext absent : apt install poppler-utils")
    return chemin


def imprimer(page: Path, pdf: Path) -> list[str]:
    """Print `page` to `pdf` as a person would from Chromium (A4, the page's own footer); the text of each page."""
    profil = tempfile.mkdtemp(prefix="sus-pdf-")
    try:
        subprocess.run([_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        f"--user-data-dir={profil}", "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                        page.resolve().as_uri()], capture_output=True, timeout=120, check=True)
    finally:
        shutil.rmtree(profil, ignore_errors=True)
    texte = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return texte.split("\f")[:-1] if texte.endswith("\f") else texte.split("\f")


def _verifier_impression(pages: list[str], fiches: int) -> None:
    assert len(pages) <= fiches + 5, f"{len(pages)} pages pour {fiches} fiches"
    for numero, texte in enumerate(pages, start=1):
        assert re.search(rf"\b{numero} ?/ ?{len(pages)}\s*$", texte.rstrip()), f"page {numero} sans numéro"
        assert len(texte.split()) > 30 or numero == len(pages), f"page {numero} presque vide"
        interdit = INTERDITS.search(texte)
        assert interdit is None, f"page {numero} : « {interdit.group(0)} »"


def _schema_inconnu(racine: Path) -> int:
    """A schéma written here, not the exemples: 14 fiches, every kind of series and long texts."""
    ecrire(racine, "sus.yaml", """\
schema: {titre: "Schéma départemental des solidarités 2024-2028", collectivite: "Département de Lornois (fictif)", debut: 2024, fin: 2028}
directions:
  DSOL: {nom: "Direction des solidarités et de l'accompagnement social des publics"}
  DPA: {nom: "Direction de la politique de l'autonomie"}
volets:
  SO:
    titre: "Solidarités et insertion sociale et professionnelle des publics les plus éloignés de l'emploi"
    axes:
      1: {titre: "Accompagner vers l'emploi", objectifs: {1: "Renforcer l'accompagnement global", 2: "Mobiliser les employeurs"}}
      2: {titre: "Lutter contre le non-recours", objectifs: {1: "Aller vers les publics"}}
  PA:
    titre: "Personnes âgées"
    axes:
      1: {titre: "Domicile", objectifs: {1: "Maintien à domicile", 2: "Aidants"}}
""")
    series = [
        "valeurs: {2024-T1: 12, 2024-T2: 18, 2024-T3: 25, 2024-T4: 31, 2025-T1: 33, 2025-T2: 40}",
        "unite: livrable\n    valeurs: {2024: false, 2025: true}",
        "sens: baisse\n    reference: {annee: 2023, valeur: 62}\n    cibles: {2028: 30}\n    valeurs: {2024: 55, 2025: 48}",
        "valeurs: {2025: 1450000}\n    cibles: {2026: 2000000}\n    sens: hausse",
        "reference: {annee: 2019, valeur: 4}\n    cibles: {2025: 10}\n    sens: hausse\n    valeurs: {2021: 5, 2022: 5, 2023: 7, 2024: 8, 2025: {valeur: 9, estimation: true, commentaire: 'Chiffre provisoire de la CAF, à confirmer en mars'}}",
    ]
    places = [("SO", 1, 1), ("SO", 1, 2), ("SO", 2, 1), ("PA", 1, 1), ("PA", 1, 2)]
    for n in range(14):
        volet, axe, objectif = places[n % len(places)]
        rang = n // len(places) + 1
        a, b = series[n % len(series)], series[(n + 2) % len(series)]
        ecrire(racine, f"fiches/{volet}-{axe}.{objectif}.{rang}.md", f"""\
---
id: {volet}-{axe}.{objectif}.{rang}
titre: "Action {n + 1} : coordonner les acteurs du territoire autour d'un parcours d'accompagnement sans rupture pour les personnes concernées"
porteur: {"DSOL" if volet == "SO" else "DPA"}
statut: {["en_cours", "a_venir", "realisee", "bloquee", "en_pause"][n % 5]}
debut: 2024-01-01
fin: {2025 if n % 4 == 0 else 2027}-12-31
validation: {{etat: {"validee, par: DGA, le: 2024-03-01" if n % 3 else "soumise"}}}
budget:
  - {{annee: 2025, prevu: {10000 * (n + 1)}, engage: {7000 * (n + 1)}, consomme: {5000 * (n + 1)}}}
indicateurs:
  - id: premier
    libelle: "Nombre de personnes accompagnées dans le cadre du dispositif renforcé d'accompagnement global"
    unite: {"nombre" if "unite" not in a else "livrable"}
    {a.replace("unite: livrable", "").strip()}
  - id: second
    libelle: "Part des situations revues en commission pluridisciplinaire"
    unite: "%"
    {b.replace("unite: livrable", "").strip()}
notes_suivi:
  - {{date: 2025-10-02, texte: "Comité technique réuni ; la montée en charge se poursuit sur les deux territoires pilotes."}}
---
""")
    return 14


@pytest.mark.parametrize("cas", ["exemples", "inconnu", "allier"])
def test_bilan_imprime(cas, sus, tmp_path, monkeypatch):
    _chromium()
    if cas == "exemples":
        monkeypatch.setenv("SUS_AUJOURDHUI", "2025-01-20")
        racine, annee, fiches = EXEMPLES, "2024", 8
    elif cas == "allier":
        # A schéma nobody here wrote: the Allier document's 13 transversal fiches, as published.
        monkeypatch.setenv("SUS_AUJOURDHUI", "2025-01-15")
        racine, annee = tmp_path / "allier", "2024"
        shutil.copytree(RACINE_PROJET / "fiches" / "transversalite", racine / "fiches" / "transversalite")
        shutil.copy(RACINE_PROJET / "sus.yaml", racine / "sus.yaml")
        fiches = len(list((racine / "fiches").rglob("*.md")))
    else:
        monkeypatch.setenv("SUS_AUJOURDHUI", "2026-01-15")
        racine, annee = tmp_path / "schema", "2025"
        fiches = _schema_inconnu(racine)
    page = tmp_path / "bilan.html"
    sortie = sus("bilan", annee, "--format", "html", "--sortie", str(page), cwd=racine)
    assert sortie.code == 0, sortie.stderr
    pages = imprimer(page, tmp_path / "bilan.pdf")
    _verifier_impression(pages, fiches)
    assert "Sommaire" in pages[0] and f"Bilan {annee}" in pages[0]


def test_suivi_imprime(depot_git, sus, tmp_path, monkeypatch):
    from test_suivi_trimestriel import _depot
    _chromium()
    monkeypatch.setenv("SUS_AUJOURDHUI", "2024-10-05")
    _depot(depot_git)
    page = tmp_path / "suivi.html"
    assert sus("suivi", "2024-T3", "-f", "html", "--sortie", str(page), cwd=depot_git.racine).code == 0
    pages = imprimer(page, tmp_path / "suivi.pdf")
    assert re.search(r"\b1 ?/ ?\d+\s*$", pages[0].rstrip())
    for texte in pages:
        assert INTERDITS.search(texte) is None, INTERDITS.search(texte).group(0)


def _accessibilite(pages: list[Path]) -> dict:
    try:
        return accessibilite.verifier(pages)
    except accessibilite.OutilAbsent as err:
        pytest.skip(f"vérification d'accessibilité impossible : {err}")


def test_accessibilite_bilan_et_suivi(depot_git, sus, tmp_path, monkeypatch):
    from test_suivi_trimestriel import _depot
    monkeypatch.setenv("SUS_AUJOURDHUI", "2024-10-05")
    _depot(depot_git)
    suivi = tmp_path / "suivi.html"
    assert sus("suivi", "2024-T3", "-f", "html", "--sortie", str(suivi), cwd=depot_git.racine).code == 0
    bilan = tmp_path / "bilan.html"
    assert sus("bilan", "2024", "-f", "html", "--sortie", str(bilan), cwd=EXEMPLES).code == 0
    inconnu = tmp_path / "inconnu.html"
    _schema_inconnu(tmp_path / "schema")
    assert sus("bilan", "2025", "-f", "html", "--sortie", str(inconnu), cwd=tmp_path / "schema").code == 0
    # the check itself finds what it must find
    mauvaise = ecrire(tmp_path, "mauvaise.html", '<!DOCTYPE html><html><head><title>x</title></head><body>'
                                                 '<img src="x.png"><p style="color:#ccc">pâle</p></body></html>')
    resultats = _accessibilite([bilan, suivi, inconnu, mauvaise])
    assert {v["id"] for v in resultats.pop(str(mauvaise))} >= {"image-alt", "html-has-lang", "color-contrast"}
    assert resultats == {str(bilan): [], str(suivi): [], str(inconnu): []}
