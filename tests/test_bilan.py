"""`sus bilan`: golden outputs on exemples/, figures computed by hand, HTML
structure and escaping, user templates."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import FICHE_VALIDE, RACINE_PROJET, ecrire

EXEMPLES = RACINE_PROJET / "exemples"
GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(autouse=True)
def date_du_bilan(monkeypatch):
    monkeypatch.setenv("SUS_AUJOURDHUI", "2025-01-20")


def _bilan(sus, *options, cwd=EXEMPLES) -> str:
    sortie = sus("bilan", "2024", *options, "--sortie", "-", cwd=cwd)
    assert sortie.code == 0, sortie.stderr
    return sortie.stdout


@pytest.mark.parametrize("format_,fichier", [("markdown", "exemples-bilan-2024.md"),
                                              ("json", "exemples-bilan-2024.json")])
def test_bilan_golden(sus, update_golden, format_, fichier):
    texte = _bilan(sus, "--format", format_)
    if update_golden:
        (GOLDEN / fichier).write_text(texte, encoding="utf-8")
    assert texte == (GOLDEN / fichier).read_text(encoding="utf-8")


def _fiche(bilan: dict, identifiant: str) -> dict:
    for volet in bilan["volets"]:
        for axe in volet["axes"]:
            for objectif in axe["objectifs"]:
                for fiche in objectif["fiches"]:
                    if fiche["id"] == identifiant:
                        return fiche
    raise KeyError(identifiant)


def test_chiffres_calcules_a_la_main(sus):
    b = json.loads(_bilan(sus, "--format", "json"))
    s = b["synthese"]
    assert s["fiches"] == 8
    assert s["par_statut"] == {"a_venir": 1, "en_cours": 3, "realisee": 1, "en_pause": 1, "bloquee": 1,
                               "abandonnee": 1}
    assert s["taux_realisation"] == round(1 / 7, 4)  # 1 réalisée / (8 − 1 abandonnée)
    assert (s["en_retard"], s["fiches_en_retard"]) == (1, ["EF-1.1.1"])  # fin 2024-12-31, en cours
    assert s["budget"] == {"prevu": 147000, "engage": 92000, "consomme": 56800}
    assert (s["validees"], s["avec_deux_indicateurs"]) == (6, 8)

    tr = _fiche(b, "TR-6.2.1")
    dem, val = tr["indicateurs"]
    # valeur 2024 = 70 (l'annuelle l'emporte sur 2024-T2), référence 0, cible 90 : 70 / 90
    assert (dem["valeur"], dem["valeur_precedente"], dem["cible"], dem["atteinte"]) == (70, 40, 90, 0.7778)
    assert dem["commentaire"] == "Volet autonomie saisi en juin"
    # cible 2024 = celle de 2025 (80) : 65 / 80
    assert (val["cible"], val["atteinte"]) == (80, 0.8125)
    assert tr["atteinte"] == round((70 / 90 + 65 / 80) / 2, 4)
    assert tr["budget"] == {"prevu": 10000, "engage": 8000, "consomme": 6500}
    assert tr["note"] == "Outil déployé ; reste le volet insertion."

    tr611 = _fiche(b, "TR-6.1.1")
    assert [i["atteinte"] for i in tr611["indicateurs"]] == [1.0, 1.0]  # baisse atteinte ; livrable fait

    ef = _fiche(b, "EF-1.1.1")
    vad, familles = ef["indicateurs"]
    # seul 2024-T3 est renseigné : 420 ; référence 300, cible 2024 = 500 : (420 − 300) / (500 − 300)
    assert (vad["valeur"], vad["periode"], vad["atteinte"]) == (420, "2024-T3", 0.6)
    assert familles["valeur"] is None and familles["atteinte"] is None
    assert "changement de logiciel" in familles["commentaire"]
    assert ef["budget"] == {"prevu": 24000, "engage": 20000, "consomme": None}
    assert ef["en_retard"] is True and ef["atteinte"] == 0.6

    au = _fiche(b, "AU-1.1.1")
    actions, delai = au["indicateurs"]
    assert actions["atteinte"] == round((33 - 20) / (40 - 20), 4)
    assert delai["atteinte"] == round((38 - 45) / (30 - 45), 4) and delai["estimation"] is True
    assert _fiche(b, "AU-1.2.1")["atteinte"] is None  # abandonnée, sans valeur 2024

    habitat = _fiche(b, "AU-2.1.1")
    assert [i["valeur"] for i in habitat["indicateurs"]] == [2, 13]  # dernier trimestre renseigné
    volet_au = next(v for v in b["volets"] if v["code"] == "AU")["synthese"]
    attendu = ((13 / 20 + 7 / 15) / 2 + ((2 - 1) / (6 - 1) + (13 - 6) / (40 - 6)) / 2) / 2
    assert volet_au["atteinte"] == round(attendu, 4)
    assert volet_au["atteinte_non_calculable"] == 1
    assert b["synthese"]["atteinte_non_calculable"] == 2  # AU-1.2.1 et EF-1.2.1 (à venir)

    porteurs = {p["code"]: p["synthese"]["fiches"] for p in b["porteurs"]}
    assert porteurs == {"DA": 3, "DEF": 3, "DSUN": 2}
    assert {d["code"]: d["fiches"] for d in b["dispositifs"]} == {"CDPPE": ["EF-1.1.1", "EF-1.2.1"],
                                                                   "CFPPA": ["AU-1.1.1"]}
    objectifs_vides = [(v["code"], a["numero"], o["numero"]) for v in b["volets"] for a in v["axes"]
                       for o in a["objectifs"] if not o["fiches"]]
    assert objectifs_vides == [("TR", 7, 1)]


def test_json_suit_le_contrat(sus):
    b = json.loads(_bilan(sus, "--format", "json"))
    cles = {"fiches", "par_statut", "en_retard", "validees", "avec_deux_indicateurs", "taux_realisation",
            "atteinte", "atteinte_non_calculable", "budget"}
    assert b["annee"] == 2024 and cles <= set(b["synthese"])
    volet = b["volets"][0]
    assert {"code", "titre", "synthese", "axes"} <= set(volet) and cles <= set(volet["synthese"])
    axe = volet["axes"][0]
    assert {"numero", "titre", "synthese", "objectifs"} <= set(axe)
    fiche = _fiche(b, "TR-6.2.1")
    assert {"id", "titre", "porteur", "statut", "en_retard", "budget", "note", "atteinte", "indicateurs"} <= set(fiche)
    assert {"id", "libelle", "unite", "reference", "valeur_precedente", "valeur", "cible", "atteinte",
            "commentaire"} <= set(fiche["indicateurs"][0])


class _Analyse(HTMLParser):
    def __init__(self):
        super().__init__()
        self.balises: list[str] = []
        self.attributs: list[tuple[str, str | None]] = []
        self.texte: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.balises.append(tag)
        self.attributs += attrs

    def handle_data(self, data):
        self.texte.append(data)


def test_html_autonome_avec_graphiques(sus):
    page = _bilan(sus, "--format", "html")
    analyse = _Analyse()
    analyse.feed(page)
    assert page.startswith("<!DOCTYPE html>") and '<html lang="fr">' in page
    assert analyse.balises.count("svg") == 2 and "style" in analyse.balises
    assert "script" not in analyse.balises and "link" not in analyse.balises and "img" not in analyse.balises
    assert not [v for k, v in analyse.attributs if k in ("src", "href") and v and not v.startswith("#")]
    assert "@page" in page and "size: A4" in page and "@media print" in page
    assert analyse.balises.count("article") == 8
    texte = " ".join(analyse.texte)
    assert "Répartition des fiches par statut, par volet" in texte and "Atteinte moyenne des objectifs, par axe" in texte
    assert "Annexe — méthode" in texte and "Annexe — qualité des fiches" in texte


def test_texte_des_fiches_est_une_donnee(depot, sus):
    hostile = FICHE_VALIDE.replace("titre: Dématérialiser les fiches",
                                   "titre: \"{{ 7 * 7 }} <script>alert('x')</script> | a\"")
    ecrire(depot, "fiches/TR-6.2.1.md", hostile)
    page = _bilan(sus, "--format", "html", cwd=depot)
    assert "<script>" not in page and "&lt;script&gt;" in page and "{{ 7 * 7 }}" in page
    markdown = _bilan(sus, cwd=depot)
    assert "{{ 7 * 7 }}" in markdown and "49" not in markdown.split("Annexe")[0]


def test_fichier_par_defaut_et_code_de_sortie(depot, sus, tmp_path):
    ecrire(depot, "fiches/TR-6.2.1.md", FICHE_VALIDE)
    sortie = sus("bilan", "2024", cwd=depot)
    assert sortie.code == 0 and (depot / "bilan-2024.md").is_file()
    assert "Bilan 2024 écrit dans bilan-2024.md" in sortie.stderr
    assert not list(depot.glob(".bilan-2024.md.*"))  # no temporary file left
    ecrire(depot, "fiches/casse.md", "pas une fiche")
    sortie = sus("bilan", "2024", "--format", "json", cwd=depot)
    assert sortie.code == 1 and "fiche écartée du bilan : fiches/casse.md" in sortie.stderr
    assert json.loads(sortie.stdout)["fiches_ecartees"][0]["chemin"] == "fiches/casse.md"


def test_gabarit_du_depot_remplace_le_gabarit_integre(depot, sus):
    ecrire(depot, "fiches/TR-6.2.1.md", FICHE_VALIDE)
    ecrire(depot, "templates/bilan.md.j2",
           "Bilan maison {{ annee }} : {{ bilan.synthese.fiches }} fiche(s), {{ bilan.synthese.atteinte | pourcent }}\n")
    assert _bilan(sus, cwd=depot) == "Bilan maison 2024 : 1 fiche(s), n.c.\n"
    ecrire(depot, "templates/bilan.md.j2", "{{ variable_inconnue }}\n")
    sortie = sus("bilan", "2024", "--sortie", "-", cwd=depot)
    assert sortie.code == 2 and "variable_inconnue" in sortie.stderr and "bilan.md.j2" in sortie.stderr


def test_format_inconnu(depot, sus):
    sortie = sus("bilan", "2024", "--format", "pdf", cwd=depot)
    assert sortie.code == 2 and "format « pdf » inconnu" in sortie.stderr


def test_sortie_impossible_a_ecrire(depot, sus, tmp_path):
    ecrire(depot, "fiches/TR-6.2.1.md", FICHE_VALIDE)
    fichier = tmp_path / "un-fichier"
    fichier.write_text("x")
    sortie = sus("bilan", "2024", "--sortie", str(fichier / "b.md"), cwd=depot)
    assert sortie.code == 2 and sortie.stderr.startswith("Erreur :") and "Traceback" not in sortie.stderr
    assert "interne" not in sortie.stderr


def test_bilan_annee_illisible_dit_la_forme_attendue(sus):
    for texte in ("20x4", "24", "deux-mille", "2024.0"):
        sortie = sus("bilan", texte, "--sortie", "-", cwd=RACINE_PROJET / "exemples")
        assert sortie.code == 2 and sortie.stdout == ""
        assert f"année « {texte} » illisible : écrivez l'année en quatre chiffres, par exemple 2024" in sortie.stderr
    sortie = sus("avancement", "--annee", "l'an dernier", cwd=RACINE_PROJET / "exemples")
    assert sortie.code == 2 and "écrivez l'année en quatre chiffres" in sortie.stderr


def test_bilan_hors_du_schema_previent(sus):
    exemples = RACINE_PROJET / "exemples"
    sortie = sus("bilan", "2031", "--format", "json", cwd=exemples)
    assert sortie.code == 0 and json.loads(sortie.stdout)["annee"] == 2031
    assert "Attention : 2031 est hors des années du schéma (2023-2027)" in sortie.stderr
    assert "Attention" not in sus("bilan", "2024", "--format", "json", cwd=exemples).stderr
    assert "hors des années du schéma" in sus("avancement", "--annee", "2022", cwd=exemples).stderr
