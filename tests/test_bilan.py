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
    # two synthesis charts, and one per indicator with a value up to 2024 (13 of the 16)
    assert analyse.balises.count("svg") == 2 + 13 and "style" in analyse.balises
    assert page.count('class="graphique-indicateur"') == 13 and page.count('<table class="serie">') == 13
    assert "script" not in analyse.balises and "link" not in analyse.balises and "img" not in analyse.balises
    assert not [v for k, v in analyse.attributs if k in ("src", "href") and v and not v.startswith("#")]
    assert "@page" in page and "size: A4" in page and "@media print" in page
    assert 'content: counter(page) " / " counter(pages)' in page  # page numbers when printed
    assert analyse.balises.count("article") == 8
    texte = " ".join(analyse.texte)
    assert "Répartition des fiches par statut, par volet" in texte and "Atteinte moyenne des objectifs, par axe" in texte
    assert "Annexe — méthode" in texte and "Annexe — qualité des fiches" in texte
    assert "Sommaire" in texte and 'href="#volet-EF"' in page
    ids = [v for k, v in analyse.attributs if k == "id"]
    assert len(ids) == len(set(ids))  # every chart's title and description has its own id


HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(1)> [clic](javascript:alert(1)) {{ 7 * 7 }} | a"


def _depot_hostile(depot):
    yaml_hostile = HOSTILE.replace("'", "''")
    texte = (depot / "sus.yaml").read_text(encoding="utf-8")
    for avant in ("Schéma de test", "Département de test", "Direction des systèmes et usages numériques",
                  "Transversalité", "Mieux observer les besoins", "Sécuriser la donnée"):
        texte = texte.replace(f'"{avant}"', f"'{avant} {yaml_hostile}'")
    (depot / "sus.yaml").write_text(texte, encoding="utf-8")
    fiche = FICHE_VALIDE.replace("titre: Dématérialiser les fiches", f"titre: '{yaml_hostile}'").replace(
        "{id: a, libelle: Indicateur A, unite: nombre}",
        f"{{id: a, libelle: '{yaml_hostile}', unite: nombre, valeurs: {{2024: {{valeur: 3, commentaire: '{yaml_hostile}'}}}}}}")
    fiche = fiche.replace("indicateurs:", f"notes_suivi:\n  - {{date: 2024-05-02, texte: '{yaml_hostile}'}}\nindicateurs:")
    ecrire(depot, "fiches/TR-6.2.1.md", fiche)


def test_texte_des_fiches_est_une_donnee(depot, sus):
    _depot_hostile(depot)
    page = _bilan(sus, "--format", "html", cwd=depot)
    assert "<script>" not in page and "<img" not in page and "&lt;script&gt;" in page and "{{ 7 * 7 }}" in page


def test_markdown_echappe_le_html_et_la_syntaxe(depot, sus):
    """The Markdown bilan shows titles, sus.yaml and fiche texts as text: no raw HTML, link or template."""
    _depot_hostile(depot)
    markdown = _bilan(sus, cwd=depot)
    assert "<script" not in markdown.replace("\\<script", "") and "<img" not in markdown.replace("\\<img", "")
    assert "](javascript" not in markdown.replace("\\](javascript", "")
    assert markdown.count("\\<script\\>") >= 10  # titre, libellé, commentaire, note, every sus.yaml title
    assert "{{ 7 \\* 7 }}" in markdown and "49" not in markdown.split("Annexe")[0]
    from markdown_it import MarkdownIt
    rendu = MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)
    assert "<script" not in rendu and "<img" not in rendu and 'href="javascript' not in rendu
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in rendu or "&lt;script&gt;alert(&#x27;x&#x27;)" in rendu


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


MOTS = """<!-- Modèle : ce commentaire n'apparaît pas dans le bilan. -->
# Recommandations du groupe stratégique

- Prolonger l'action EF-1.1.1 d'un an ; <script>alert(1)</script> reste du texte.

# Décisions du comité de pilotage

Le comité **poursuit** les actions du volet TR.
"""


def test_mots_du_departement_apres_la_synthese(depot, sus):
    ecrire(depot, "fiches/TR-6.2.1.md", FICHE_VALIDE)
    markdown = _bilan(sus, cwd=depot)
    assert "pour 2024 n'ont pas encore été rédigées" in markdown
    ecrire(depot, "bilans/2024.md", MOTS)
    ecrire(depot, "bilans/2023.md", "# Recommandations de 2023\n")  # another year's: not in this bilan
    markdown = _bilan(sus, cwd=depot)
    synthese, mots = markdown.index("## Synthèse"), markdown.index("## Recommandations et décisions de l'année 2024")
    assert synthese < mots < markdown.index("## Volet TR")
    assert "### Recommandations du groupe stratégique" in markdown and "### Décisions du comité de pilotage" in markdown
    assert "Le comité **poursuit**" in markdown and "\\<script>" in markdown and "Modèle" not in markdown
    assert "2023" not in markdown.split("## Volet TR")[0].split("## Recommandations")[1]
    page = _bilan(sus, "--format", "html", cwd=depot)
    assert "<h3>Recommandations du groupe stratégique</h3>" in page and "<strong>poursuit</strong>" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "Modèle" not in page
    assert page.index('id="synthese"') < page.index('id="mots"') < page.index('id="volet-TR"')
    objet = json.loads(_bilan(sus, "--format", "json", cwd=depot))
    assert objet["mots_du_departement"]["chemin"] == "bilans/2024.md"
    assert objet["mots_du_departement"]["texte"].startswith("# Recommandations du groupe stratégique")


def test_mots_illisibles(depot, sus, tmp_path):
    ecrire(depot, "fiches/TR-6.2.1.md", FICHE_VALIDE)
    secret = ecrire(tmp_path, "secret.md", "# Secret hors du schéma\n")
    (depot / "bilans").mkdir()
    (depot / "bilans" / "2024.md").symlink_to(secret)
    sortie = sus("bilan", "2024", "--sortie", "-", cwd=depot)
    assert sortie.code == 1 and "Secret" not in sortie.stdout and "bilans/2024.md" in sortie.stderr
    (depot / "bilans" / "2024.md").unlink()
    ecrire(depot, "bilans/2024.md", "é".encode("latin-1"))
    sortie = sus("bilan", "2024", "--sortie", "-", cwd=depot)
    assert sortie.code == 1 and "UTF-8" in sortie.stderr and "n'ont pas encore été rédigées" in sortie.stdout


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
