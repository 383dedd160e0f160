"""The site in a real headless Chromium: zero axe-core violation of the WCAG 2.1 A/AA rules, the filters and
the search of the index, no horizontal scroll at 360 px, a visible keyboard focus, and the index without
JavaScript. Skipped, with the reason, when chromium, chromedriver, axe-core or selenium are missing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import accessibilite
from conftest import RACINE_PROJET, lancer_processus

EXEMPLES = RACINE_PROJET / "exemples"


def _outils():
    try:
        accessibilite.outils()
    except accessibilite.OutilAbsent as err:
        pytest.skip(f"vérification dans un navigateur impossible : {err}")


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """The exemples' site, and that of a schéma written here (14 fiches, long titles, every kind of series)."""
    from test_impression import _schema_inconnu
    _outils()
    base = tmp_path_factory.mktemp("sites")
    exemples = base / "exemples"
    fait = lancer_processus(["site", "--annee", "2024", "--sortie", str(exemples)], EXEMPLES,
                            env={"SUS_AUJOURDHUI": "2025-01-20"})
    assert fait.code == 0, fait.stderr
    _schema_inconnu(base / "schema")
    inconnu = base / "inconnu"
    fait = lancer_processus(["site", "--sortie", str(inconnu)], base / "schema", env={"SUS_AUJOURDHUI": "2026-01-15"})
    assert fait.code == 0, fait.stderr
    return exemples, inconnu


def _pages(exemples: Path, inconnu: Path) -> list[Path]:
    return [exemples / "index.html", exemples / "directions/DEF.html", exemples / "volets/EF.html",
            exemples / "fiches/TR-6.2.1.html", exemples / "fiches/EF-1.1.1.html", exemples / "fiches/AU-1.2.1.html",
            exemples / "donnees.html", inconnu / "index.html", inconnu / "fiches/SO-1.1.1.html",
            inconnu / "directions/DSOL.html", inconnu / "volets/PA.html"]


def test_aucune_violation_axe(sites):
    resultats = accessibilite.verifier(_pages(*sites))
    assert resultats == {str(p): [] for p in _pages(*sites)}


def _visibles(chrome) -> list[dict]:
    return chrome.execute_script(
        "return Array.from(document.querySelectorAll('#toutes-les-fiches tbody tr'))"
        ".filter(l => !l.hidden && l.offsetParent !== null)"
        ".map(l => ({cle: l.dataset.cle, direction: l.dataset.direction, statut: l.dataset.statut,"
        " retard: l.hasAttribute('data-retard')}));")


def test_filtres_et_recherche(sites):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait
    exemples, _ = sites
    with accessibilite.navigateur() as chrome:
        chrome.get((exemples / "index.html").resolve().as_uri())
        formulaire = chrome.find_element(By.ID, "filtres")
        assert formulaire.is_displayed()  # the script shows the form
        assert len(_visibles(chrome)) == 8 and chrome.find_element(By.ID, "compte").text == "8 fiches."

        Select(chrome.find_element(By.ID, "filtre-direction")).select_by_value("DEF")
        visibles = _visibles(chrome)
        assert sorted(v["cle"] for v in visibles) == ["EF-1.1.1", "EF-1.2.1", "EF-2.1.1"]
        assert chrome.find_element(By.ID, "compte").text == "3 fiches affichées sur 8."

        chrome.find_element(By.ID, "filtre-retard").click()
        assert [v["cle"] for v in _visibles(chrome)] == ["EF-1.1.1"]
        chrome.find_element(By.CSS_SELECTOR, "#filtres button[type=reset]").click()
        WebDriverWait(chrome, 5).until(lambda c: len(_visibles(c)) == 8)  # the form is reset after its event

        Select(chrome.find_element(By.ID, "filtre-statut")).select_by_value("abandonnee")
        assert [v["cle"] for v in _visibles(chrome)] == ["AU-1.2.1"]
        Select(chrome.find_element(By.ID, "filtre-volet")).select_by_value("TR")
        assert _visibles(chrome) == [] and chrome.find_element(By.ID, "aucune").is_displayed()
        chrome.find_element(By.CSS_SELECTOR, "#filtres button[type=reset]").click()
        WebDriverWait(chrome, 5).until(lambda c: len(_visibles(c)) == 8)

        recherche = chrome.find_element(By.ID, "filtre-texte")
        # accents and capitals ignored both ways; the words of the text, not only of the title
        for cherche, attendues in (("VULNERABLES", ["EF-1.1.1"]), ("télémédecine", ["AU-1.2.1"]),
                                   ("telemedecine", ["AU-1.2.1"]), ("dématérialiser fiches", ["TR-6.2.1"]),
                                   ("hiérarchie porteur", ["TR-6.2.1"]), ("introuvable", [])):
            recherche.clear()
            recherche.send_keys(cherche)
            assert sorted(v["cle"] for v in _visibles(chrome)) == attendues, cherche


def test_sans_javascript_tout_est_liste(sites):
    from selenium.webdriver.common.by import By
    exemples, _ = sites
    with accessibilite.navigateur(javascript=False) as chrome:
        chrome.get((exemples / "index.html").resolve().as_uri())
        assert not chrome.find_element(By.ID, "filtres").is_displayed()
        assert len(_visibles(chrome)) == 8
        liens = {a.get_attribute("href").rsplit("/", 2)[-2:][0] + "/" + a.get_attribute("href").rsplit("/", 1)[-1]
                 for a in chrome.find_elements(By.CSS_SELECTOR, "#directions a")}
        assert liens == {"directions/DSUN.html", "directions/DEF.html", "directions/DA.html"}


def test_telephone_sans_defilement_horizontal(sites):
    with accessibilite.navigateur(360, 800) as chrome:
        for page in _pages(*sites):
            chrome.get(page.resolve().as_uri())
            largeurs = chrome.execute_script(
                "return [document.documentElement.scrollWidth, document.documentElement.clientWidth];")
            assert largeurs[0] <= largeurs[1], f"{page} : {largeurs[0]} px de large pour {largeurs[1]} px d'écran"


def test_navigation_au_clavier_avec_focus_visible(sites):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    exemples, _ = sites
    with accessibilite.navigateur() as chrome:
        chrome.get((exemples / "fiches/EF-1.1.1.html").resolve().as_uri())
        corps = chrome.find_element(By.TAG_NAME, "body")
        corps.send_keys(Keys.TAB)
        actif = chrome.switch_to.active_element
        assert actif.text == "Aller au contenu" and actif.is_displayed()
        for _ in range(3):
            contour = chrome.execute_script(
                "const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth];")
            assert contour[0] != "none" and contour[1] != "0px", contour
            chrome.switch_to.active_element.send_keys(Keys.TAB)
        chrome.get((exemples / "fiches/EF-1.1.1.html").resolve().as_uri())
        chrome.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
        chrome.switch_to.active_element.send_keys(Keys.ENTER)
        assert chrome.execute_script("return document.activeElement.id") == "contenu"


def test_une_fiche_s_imprime_proprement(sites, tmp_path):
    from test_impression import imprimer
    exemples, _ = sites
    pages = imprimer(exemples / "fiches/EF-1.1.1.html", tmp_path / "fiche.pdf")
    assert 1 <= len(pages) <= 2
    for numero, texte in enumerate(pages, start=1):
        assert re.search(rf"\b{numero} ?/ ?{len(pages)}\s*$", texte.rstrip()), f"page {numero} sans numéro"
    tout = "\n".join(pages)
    assert "Repérer tôt les familles vulnérables" in tout and "Nombre de visites à domicile" in tout
    assert "Toutes les fiches" not in tout and "Aller au contenu" not in tout  # no navigation on paper
