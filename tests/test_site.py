"""`sus site`: every fiche has its page, each direction page lists exactly its fiches, every link
resolves, nothing is loaded from elsewhere, hostile text stays text, personal data is reported
before writing, and the output folder is the only place written."""

from __future__ import annotations

import html
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import FICHE_VALIDE, RACINE_PROJET, ecrire

EXEMPLES = RACINE_PROJET / "exemples"


class Page(HTMLParser):
    """What a test needs from a page: links, loaded resources, ids, rows of fiche tables, text."""

    def __init__(self, chemin: Path):
        super().__init__(convert_charrefs=True)
        self.chemin = chemin
        self.liens: list[str] = []  # <a href>
        self.ressources: list[tuple[str, str]] = []  # (tag, url) of what the page loads
        self.ids: set[str] = set()
        self.lignes: list[dict] = []  # data- attributes of the rows of fiche tables
        self.balises: list[tuple[str, dict]] = []
        self.morceaux: list[str] = []
        self.feed(chemin.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.balises.append((tag, a))
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.liens.append(a["href"])
        for attribut in ("src", "srcset", "data", "poster", "background"):
            if attribut in a:
                self.ressources.append((tag, a[attribut]))
        if tag == "link":
            self.ressources.append((tag, a.get("href", "")))
        if tag == "tr" and "data-cle" in a:
            self.lignes.append(a)

    def handle_data(self, data):
        self.morceaux.append(data)

    @property
    def texte(self) -> str:
        return " ".join(" ".join(self.morceaux).split())


def construire(sus, racine: Path, sortie: Path, *options: str):
    return sus("site", "--sortie", str(sortie), *options, cwd=racine)


@pytest.fixture(scope="module")
def site_exemples(tmp_path_factory):
    """The exemples' site, built once by a real process (the module's tests only read it)."""
    from conftest import lancer_processus
    sortie = tmp_path_factory.mktemp("site") / "site"
    fait = lancer_processus(["site", "--annee", "2024", "--sortie", str(sortie)], EXEMPLES,
                            env={"SUS_AUJOURDHUI": "2025-01-20"})
    assert fait.code == 0, fait.stderr
    assert fait.stdout == ""
    return sortie, fait.stderr


def _fiches_exemples():
    from sus_cli.loading.repository import charger
    return [d.modele for d in charger(EXEMPLES).fiches_lues()]


def _pages(sortie: Path) -> dict[str, Page]:
    return {p.relative_to(sortie).as_posix(): Page(p) for p in sortie.rglob("*.html")}


def test_chaque_fiche_a_sa_page_avec_son_titre_et_ses_indicateurs(site_exemples):
    sortie, stderr = site_exemples
    fiches = _fiches_exemples()
    assert len(fiches) == 8
    for fiche in fiches:
        page = Page(sortie / "fiches" / f"{fiche.id}.html")
        h1 = re.search(r"<h1>(.*?)</h1>", (sortie / "fiches" / f"{fiche.id}.html").read_text(encoding="utf-8"), re.S)
        assert html.unescape(re.sub(r"<[^>]+>", "", h1.group(1))) == f"{fiche.id} {fiche.titre}"
        for indicateur in fiche.indicateurs:
            assert indicateur.libelle in page.texte, (fiche.id, indicateur.id)
        # a chart for every indicator with a value up to the site's year, its figures beside it
        avec_valeurs = [i for i in fiche.indicateurs if any(int(p[:4]) <= 2024 for p in i.valeurs)]
        graphiques = [a for t, a in page.balises if t == "svg" and "graphique-indicateur" in a.get("class", "")]
        assert len(graphiques) == len(avec_valeurs), fiche.id
        assert sum(1 for t, a in page.balises if t == "table" and a.get("class") == "serie") == len(avec_valeurs)
        assert "Description de l'action" in page.texte and "Notes de suivi" in page.texte
    assert "Site écrit dans" in stderr


def test_chaque_direction_liste_exactement_ses_fiches_en_retard_d_abord(site_exemples):
    sortie, _ = site_exemples
    fiches = _fiches_exemples()
    config_directions = ("DSUN", "DEF", "DA")
    for code in config_directions:
        page = Page(sortie / "directions" / f"{code}.html")
        listees = [ligne["data-cle"] for ligne in page.lignes]
        attendues = sorted(f.id for f in fiches if f.porteur == code)
        assert sorted(listees) == attendues, code
        assert all(ligne["data-direction"] == code for ligne in page.lignes)
        retards = [ligne.get("data-retard") == "oui" for ligne in page.lignes]
        assert retards == sorted(retards, reverse=True), f"{code} : les fiches en retard d'abord"
    ef = Page(sortie / "directions" / "DEF.html")
    assert ef.lignes[0]["data-cle"] == "EF-1.1.1" and ef.lignes[0].get("data-retard") == "oui"


def test_chaque_volet_liste_ses_fiches_et_l_accueil_toutes(site_exemples):
    sortie, _ = site_exemples
    fiches = _fiches_exemples()
    for volet in ("TR", "EF", "AU"):
        page = Page(sortie / "volets" / f"{volet}.html")
        assert sorted(l["data-cle"] for l in page.lignes) == sorted(f.id for f in fiches if f.id.startswith(volet + "-"))
    index = Page(sortie / "index.html")
    assert sorted(l["data-cle"] for l in index.lignes) == sorted(f.id for f in fiches)
    # without JavaScript: the filters stay hidden, every fiche is listed, each direction's page is one link away
    formulaire = next(a for t, a in index.balises if t == "form")
    assert "hidden" in formulaire and formulaire["id"] == "filtres"
    assert {f"directions/{c}.html" for c in ("DSUN", "DEF", "DA")} <= set(index.liens)
    assert {f"volets/{c}.html" for c in ("TR", "EF", "AU")} <= set(index.liens)
    assert index.balises[0] == ("html", {"lang": "fr"})


def test_chaque_lien_interne_mene_a_un_fichier_et_a_une_ancre_qui_existent(site_exemples):
    sortie, _ = site_exemples
    pages = _pages(sortie)
    assert len(pages) == 1 + 1 + 8 + 3 + 3  # index, données, fiches, directions, volets
    vues = set()
    for relatif, page in pages.items():
        for url in page.liens + [u for _, u in page.ressources]:
            morceaux = urlsplit(url)
            assert not morceaux.scheme and not morceaux.netloc, f"{relatif} : lien absolu {url}"
            assert not url.startswith("/"), f"{relatif} : lien depuis la racine du serveur {url}"
            cible = (sortie / relatif).parent / unquote(morceaux.path) if morceaux.path else sortie / relatif
            cible = Path(os.path.normpath(cible))
            assert cible.is_file() and cible.is_relative_to(sortie), f"{relatif} → {url}"
            vues.add(cible.relative_to(sortie).as_posix())
            if morceaux.fragment:
                assert morceaux.fragment in pages[cible.relative_to(sortie).as_posix()].ids, f"{relatif} → {url}"
    # every page and every file of the données page is reached from somewhere
    fichiers = {p.relative_to(sortie).as_posix() for p in sortie.rglob("*") if p.is_file()} - {".sus-site.json"}
    assert fichiers <= vues | {"index.html"}, fichiers - vues


def test_aucune_ressource_externe(site_exemples):
    sortie, _ = site_exemples
    for relatif, page in _pages(sortie).items():
        for balise, url in page.ressources:
            assert not re.match(r"^[a-z][a-z0-9+.-]*:|^//", url, re.I), f"{relatif} : <{balise}> {url}"
        scripts = [a.get("src") for t, a in page.balises if t == "script"]
        assert all(scripts), f"{relatif} : script écrit dans la page"
        assert not [a for t, a in page.balises if "style" in a], relatif
        politique = next(a["content"] for t, a in page.balises if t == "meta" and a.get("http-equiv"))
        assert "default-src 'none'" in politique and "unsafe-inline" not in politique
    css = (sortie / "style.css").read_text(encoding="utf-8")
    assert "@import" not in css and "url(" not in css
    assert "Marianne" not in css  # the État's typeface: not ours to use
    assert "http" not in (sortie / "site.js").read_text(encoding="utf-8")


def test_page_donnees_memes_fichiers_que_sus_export_et_sus_bilan(site_exemples, sus, tmp_path, monkeypatch):
    sortie, _ = site_exemples
    monkeypatch.setenv("SUS_AUJOURDHUI", "2025-01-20")
    assert sus("export", "-f", "csv", "--sortie", str(tmp_path / "e"), cwd=EXEMPLES).code == 0
    for nom in ("fiches", "valeurs"):
        assert (sortie / "donnees" / f"export-sus-{nom}.csv").read_bytes() == (tmp_path / f"e-{nom}.csv").read_bytes()
    bilan = sus("bilan", "2024", "--format", "json", cwd=EXEMPLES)
    assert json.loads((sortie / "donnees" / "bilan-2024.json").read_text(encoding="utf-8")) == json.loads(bilan.stdout)
    from openpyxl import load_workbook
    classeur = load_workbook(sortie / "donnees" / "export-sus.xlsx")
    assert classeur["fiches"].max_row == 9 and classeur["valeurs"]["A1"].value == "fiche"
    donnees = Page(sortie / "donnees.html")
    assert {f"donnees/{n}" for n in ("export-sus.xlsx", "export-sus-fiches.csv", "export-sus-valeurs.csv",
                                     "bilan-2024.json")} <= set(donnees.liens)


# Hostile text everywhere a person writes: sus.yaml and the fiche (titles, codes, body).
HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(1)> {{ 7 * 7 }} {% raw %}"


def _depot_hostile(depot: Path) -> None:
    yaml_hostile = HOSTILE.replace("'", "''")
    texte = (depot / "sus.yaml").read_text(encoding="utf-8")
    for avant in ("Schéma de test", "Département de test", "Direction des systèmes et usages numériques",
                  "Transversalité", "Mieux observer les besoins", "Développer l'évaluation"):
        texte = texte.replace(f'"{avant}"', "'" + avant.replace("'", "''") + f" {yaml_hostile}'")
    texte = texte.replace("  DSUN:\n", "  '<b>\"../../x':\n    nom: \"Direction piégée\"\n  DSUN:\n")
    (depot / "sus.yaml").write_text(texte, encoding="utf-8")
    fiche = FICHE_VALIDE.replace("titre: Dématérialiser les fiches", f"titre: '{yaml_hostile}'").replace(
        "porteur: DSUN", "porteur: '<b>\"../../x'").replace(
        "{id: a, libelle: Indicateur A, unite: nombre}",
        f"{{id: a, libelle: '{yaml_hostile}', unite: nombre, valeurs: {{2024: {{valeur: 3, commentaire: '{yaml_hostile}'}}}}}}")
    fiche = fiche.replace("indicateurs:", f"notes_suivi:\n  - {{date: 2024-05-02, texte: '{yaml_hostile}'}}\n"
                                          f"etapes:\n  - {{libelle: '{yaml_hostile}'}}\nindicateurs:")
    fiche += (f"## {HOSTILE}\n\n[clic](javascript:alert(1)) [donnée](data:text/html;base64,PHNjcmlwdD4=) "
              "[ok](https://www.legifrance.gouv.fr/) ![pisteur](https://pisteur.example/p.png) "
              "<a href=\"javascript:alert(2)\">lien brut</a> [vb](VBScript:msgbox)\n")
    ecrire(depot, "fiches/TR-6.2.1.md", fiche)


def test_texte_hostile_reste_du_texte(depot, sus, tmp_path):
    _depot_hostile(depot)
    sortie = tmp_path / "site"
    fait = construire(sus, depot, sortie)
    assert fait.code == 0, fait.stderr
    fichiers = {p.relative_to(sortie).as_posix() for p in sortie.rglob("*") if p.is_file()}
    assert all(re.fullmatch(r"[A-Za-z0-9_./-]+", f) and ".." not in f for f in fichiers), fichiers
    assert not (tmp_path / "x.html").exists() and not list(tmp_path.glob("*.html"))
    direction = next(f for f in fichiers if f.startswith("directions/b-x-"))  # made from the code, never the code
    for relatif, page in _pages(sortie).items():
        html = (sortie / relatif).read_text(encoding="utf-8")
        assert "<script>" not in html and "<img src=x" not in html and "<b>" not in html, relatif
        assert not [a for t, a in page.balises if t == "img"], relatif
        assert all(a.get("src") in ("recherche.js", "site.js") for t, a in page.balises if t == "script"), relatif
        assert not [h for h in page.liens if re.match(r"\s*(javascript|data|vbscript):", h, re.I)], relatif
        assert not [a for t, a in page.balises for k in a if k.startswith("on")], relatif
        assert "49" not in page.texte, relatif  # {{ 7 * 7 }} is text, never run
    fiche = (sortie / "fiches" / "TR-6.2.1.html").read_text(encoding="utf-8")
    assert fiche.count("&lt;script&gt;") >= 6  # title, indicator, comment, note, étape, heading of the body
    assert "{{ 7 * 7 }}" in fiche and "{% raw %}" in fiche
    assert '<a href="https://www.legifrance.gouv.fr/">ok</a>' in fiche
    assert "[clic](javascript:alert(1))" in fiche and "&lt;a href=&quot;javascript:alert(2)&quot;&gt;" in fiche
    assert "pisteur.example" not in [u for _, u in Page(sortie / "fiches" / "TR-6.2.1.html").ressources]
    page_direction = Page(sortie / direction)
    assert '<b>"../../x' in page_direction.texte and page_direction.lignes[0]["data-cle"] == "TR-6.2.1"
    recherche = (sortie / "recherche.js").read_text(encoding="utf-8")
    mots = json.loads(recherche.split("= ", 1)[1].rstrip(";\n"))["TR-6.2.1"]
    assert "<" not in recherche and "direction piegee" in mots  # words only, lower case, no accents


def test_donnees_personnelles_signalees_avant_d_ecrire(depot, sus, tmp_path):
    ecrire(depot, "fiches/TR-6.2.1.md", FICHE_VALIDE + "## Contacts\n\nAnnick GENTY - genty.annick@pasdecalais.fr - "
                                                       "03\t21\t21\t65\t00\n")
    sortie = tmp_path / "site"
    fait = construire(sus, depot, sortie)
    assert fait.code == 1
    avant, _, apres = fait.stderr.partition("Site écrit")
    assert "1 fiche contient peut-être des données personnelles" in avant
    assert "fiches/TR-6.2.1.md:11:16 adresse électronique « genty.annick@pasdecalais.fr »" in avant
    assert "fiches/TR-6.2.1.md:11:46 numéro de téléphone « 03 21 21 65 00 »" in avant
    assert (sortie / "index.html").is_file() and apres
    # the département declares its service mailbox and number; or ignores the rule for this fiche
    texte = (depot / "sus.yaml").read_text(encoding="utf-8")
    (depot / "sus.yaml").write_text(texte + "coordonnees_publiques: [genty.annick@pasdecalais.fr, '+33 3 21 21 65 00']\n",
                                    encoding="utf-8")
    fait = construire(sus, depot, sortie)
    assert fait.code == 0 and "données personnelles" not in fait.stderr
    (depot / "sus.yaml").write_text(texte + "regles: {SUS502: off}\n", encoding="utf-8")
    assert construire(sus, depot, sortie).code == 0


def test_dossier_qui_n_est_pas_un_site_refuse(depot, sus, tmp_path):
    ecrire(depot, "fiches/TR-6.2.1.md", FICHE_VALIDE)
    autre = ecrire(tmp_path, "documents/rapport.html", "à moi")
    fait = construire(sus, depot, tmp_path / "documents")
    assert fait.code == 2 and "n'est pas vide et sus ne l'a pas écrit" in fait.stderr
    assert autre.read_text() == "à moi" and sorted(os.listdir(tmp_path / "documents")) == ["rapport.html"]
    fait = construire(sus, depot, depot)  # the schéma itself
    assert fait.code == 2 and not (depot / "index.html").exists()
    ecrire(tmp_path, "fichier", "x")
    assert construire(sus, depot, tmp_path / "fichier").code == 2


def test_lien_symbolique_dans_le_site_refuse(depot, sus, tmp_path):
    ecrire(depot, "fiches/TR-6.2.1.md", FICHE_VALIDE)
    sortie = tmp_path / "site"
    assert construire(sus, depot, sortie).code == 0
    ailleurs = tmp_path / "ailleurs"
    ailleurs.mkdir()
    import shutil
    shutil.rmtree(sortie / "fiches")
    (sortie / "fiches").symlink_to(ailleurs)
    fait = construire(sus, depot, sortie)
    assert fait.code == 2 and "n'est pas un dossier ordinaire" in fait.stderr
    assert os.listdir(ailleurs) == []


def test_deuxieme_construction_ne_reecrit_que_ce_qui_change(depot, sus, tmp_path):
    ecrire(depot, "fiches/TR-6.2.1.md", FICHE_VALIDE)
    ecrire(depot, "fiches/EF-1.1.1.md", FICHE_VALIDE.replace("TR-6.2.1", "EF-1.1.1").replace("DSUN", "DEF"))
    sortie = tmp_path / "site"
    assert construire(sus, depot, sortie).code == 0
    os.utime(sortie / "fiches" / "EF-1.1.1.html", ns=(1, 1))
    seconde = construire(sus, depot, sortie)
    assert "dont 0 nouveau ou modifié." in seconde.stderr
    assert (sortie / "fiches" / "EF-1.1.1.html").stat().st_mtime_ns == 1  # unchanged bytes: not rewritten
    ecrire(depot, "fiches/TR-6.2.1.md", FICHE_VALIDE.replace("Dématérialiser", "Numériser"))
    (depot / "fiches" / "EF-1.1.1.md").unlink()
    troisieme = construire(sus, depot, sortie)
    assert "1 ancien fichier retiré" in troisieme.stderr, troisieme.stderr
    assert not (sortie / "fiches" / "EF-1.1.1.html").exists()
    assert "ne porte aucune fiche" in (sortie / "directions" / "DEF.html").read_text(encoding="utf-8")  # still declared
    assert "Numériser" in (sortie / "fiches" / "TR-6.2.1.html").read_text(encoding="utf-8")
    assert not list(sortie.rglob(".*.tmp"))
    assert json.loads((sortie / ".sus-site.json").read_text(encoding="utf-8")) == sorted(
        p.relative_to(sortie).as_posix() for p in sortie.rglob("*") if p.is_file() and p.name != ".sus-site.json")


def test_logo_et_couleur_du_departement(depot, sus, tmp_path):
    ecrire(depot, "fiches/TR-6.2.1.md", FICHE_VALIDE)
    ecrire(depot, "images/logo.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    with (depot / "sus.yaml").open("a", encoding="utf-8") as flux:
        flux.write("site: {logo: images/logo.svg, couleur: '#ffcc00'}\n")
    sortie = tmp_path / "site"
    assert construire(sus, depot, sortie).code == 0
    assert (sortie / "logo.svg").read_bytes() == (depot / "images/logo.svg").read_bytes()
    index = Page(sortie / "index.html")
    assert ("img", {"class": "logo", "src": "logo.svg", "alt": ""}) in index.balises
    assert ("img", {"class": "logo", "src": "../logo.svg", "alt": ""}) in Page(sortie / "fiches/TR-6.2.1.html").balises
    css = (sortie / "style.css").read_text(encoding="utf-8")
    assert "--accent: #806600;" in css  # #ffcc00 darkened until links read on white (contrast ≥ 4.5:1)
    # a logo that leads out of the schéma is not copied; the site is made without it
    (depot / "images/logo.svg").unlink()
    secret = ecrire(tmp_path, "secret.svg", "<svg/>")
    (depot / "images/logo.svg").symlink_to(secret)
    fait = construire(sus, depot, sortie)
    assert fait.code == 1 and "le logo images/logo.svg mène hors du dépôt du schéma" in fait.stderr
    assert not (sortie / "logo.svg").exists() and not [a for t, a in Page(sortie / "index.html").balises if t == "img"]


@pytest.mark.parametrize("valeur,message", [("../logo.png", "logo « ../logo.png » invalide"),
                                            ("red", "couleur « red » invalide")])
def test_apparence_invalide_dans_sus_yaml(depot, sus, valeur, message):
    cle = "logo" if "logo" in valeur else "couleur"
    with (depot / "sus.yaml").open("a", encoding="utf-8") as flux:
        flux.write(f"site: {{{cle}: '{valeur}'}}\n")
    fait = sus("validate", cwd=depot)
    assert fait.code == 1 and message in fait.stdout


def test_gabarit_du_departement_remplace_celui_de_sus(depot, sus, tmp_path):
    ecrire(depot, "fiches/TR-6.2.1.md", FICHE_VALIDE)
    ecrire(depot, "templates/site-fiche.html.j2",
           '{% extends "_site.html.j2" %}{% block titre %}{{ p.id }}{% endblock %}'
           '{% block contenu %}<h1>Fiche {{ p.id }} à notre façon</h1>{% endblock %}')
    sortie = tmp_path / "site"
    assert construire(sus, depot, sortie).code == 0
    assert "<h1>Fiche TR-6.2.1 à notre façon</h1>" in (sortie / "fiches/TR-6.2.1.html").read_text(encoding="utf-8")
    ecrire(depot, "templates/site-fiche.html.j2", "{{ variable_inconnue }}")
    fait = construire(sus, depot, sortie)
    assert fait.code == 2 and "site-fiche.html.j2" in fait.stderr and "variable_inconnue" in fait.stderr


def test_texte_de_la_fiche_en_markdown(depot, sus, tmp_path):
    ecrire(depot, "fiches/TR-6.2.1.md", FICHE_VALIDE + "## Contexte\n\nUn **constat** partagé :\n\n- premier point\n"
                                                       "- second point\n\n### Détail\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    sortie = tmp_path / "site"
    assert construire(sus, depot, sortie).code == 0
    html = (sortie / "fiches/TR-6.2.1.html").read_text(encoding="utf-8")
    texte = html.split('id="titre-texte"', 1)[1]
    assert "<h3>Contexte</h3>" in texte and "<h4>Détail</h4>" in texte  # under the page's h2
    assert "<strong>constat</strong>" in texte and "<li>premier point</li>" in texte and "<table>" in texte


def test_fiches_invalides_ecartees_et_identifiants_en_double(depot, sus, tmp_path):
    ecrire(depot, "fiches/TR-6.2.1.md", FICHE_VALIDE)
    ecrire(depot, "fiches/TR-6.2.1-copie.md", FICHE_VALIDE.replace("Dématérialiser", "Copie"))
    ecrire(depot, "fiches/casse.md", "pas une fiche")
    sortie = tmp_path / "site"
    fait = construire(sus, depot, sortie)
    assert fait.code == 1 and "fiche écartée du site : fiches/casse.md" in fait.stderr
    pages = sorted(p.name for p in (sortie / "fiches").iterdir())
    assert pages == ["TR-6.2.1-2.html", "TR-6.2.1.html"]  # two fiches with one id: two pages, none replaced
    assert "Copie" in (sortie / "fiches/TR-6.2.1.html").read_text(encoding="utf-8") + \
        (sortie / "fiches/TR-6.2.1-2.html").read_text(encoding="utf-8")


def test_noms_de_fichiers_surs():
    from sus_cli.site.noms import Noms
    noms = Noms()
    resultat = [noms.nom(c) for c in ("DEF", "def", "../../etc", "a/b", "CON", "Dir. Enfance", "DEF", ".cache")]
    assert resultat[:2] == ["DEF", "def-2"] and resultat[4] == "CON-" and resultat[6] == "DEF-3"
    assert all(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", n) and ".." not in n for n in resultat), resultat
    assert len({n.casefold() for n in resultat}) == len(resultat)


def test_aide_de_la_commande(sus, tmp_path):
    aide = " ".join(sus("site", "--help", cwd=tmp_path).stdout.split())
    assert "--sortie" in aide and "--annee" in aide and "données personnelles" in aide


def test_bac_a_sable_memes_verdicts_que_celui_de_jinja():
    """The faster sandbox of the templates refuses exactly what Jinja's refuses."""
    import sys
    from jinja2 import Undefined
    from jinja2.sandbox import SandboxedEnvironment
    from sus_cli.bilan.rendu import Bac
    from sus_cli.figures.fiches import Budget

    def generateur():
        yield 1

    async def coroutine():
        return 1

    objets = [len, str.upper, "x".upper, str, type, Budget, generateur(), coroutine(), (lambda: 0).__code__,
              sys._getframe(), Budget(1, 2, 3), "texte", {}, [], 3]
    noms = ["mro", "gi_frame", "gi_code", "cr_frame", "f_code", "f_globals", "tb_frame", "co_code", "__class__",
            "__globals__", "_prive", "upper", "prevu", "format", "items", "append", "real"]
    jinja, bac = SandboxedEnvironment(), Bac()
    for objet in objets:
        for nom in noms:
            attendu = jinja.is_safe_attribute(objet, nom, None)
            assert bac.is_safe_attribute(objet, nom, None) == attendu, (objet, nom)
            obtenu, attendu = bac.getattr(objet, nom), jinja.getattr(objet, nom)
            if isinstance(attendu, Undefined):
                assert isinstance(obtenu, Undefined) and type(obtenu) is type(attendu), (objet, nom)
            elif callable(attendu):  # str.format comes wrapped by the sandbox: both wrapped alike
                assert type(obtenu) is type(attendu), (objet, nom)
            else:
                assert obtenu == attendu, (objet, nom)
    def rendu(environnement, texte):
        try:
            return re.sub(r" at 0x[0-9a-f]+", "", environnement.from_string(texte).render(b=Budget(1, 2, 3)))
        except Exception as err:
            return type(err).__name__
    for texte in ("{{ '{0.__class__}'.format('x') }}", "{{ b.__class__ }}", "{{ b.prevu.real }}",
                  "{{ ''.format_map }}", "{{ b.vide() }}", "{{ (lambda) }}", "{{ b.vide.__func__ }}"):
        assert rendu(bac, texte) == rendu(jinja, texte), texte
    objets[7].close()


def test_gabarit_ne_sort_pas_du_bac_a_sable(depot, sus, tmp_path):
    ecrire(depot, "fiches/TR-6.2.1.md", FICHE_VALIDE)
    ecrire(depot, "templates/site-fiche.html.j2", "{{ p.fiche.__class__.__mro__ }}")
    fait = construire(sus, depot, tmp_path / "site")
    assert fait.code == 2 and "site-fiche.html.j2" in fait.stderr and "Traceback" not in fait.stderr


def test_grand_schema_en_parallele_comme_en_un_seul_processus(tmp_path, sus, monkeypatch):
    """From 200 fiches, pages and données files are made by worker processes (Linux): the same site."""
    import sys
    sys.path.insert(0, str(RACINE_PROJET / "bench"))
    from generer import generer

    from conftest import lancer_processus
    from sus_cli.site import construction
    depot = tmp_path / "depot"
    generer(depot, construction.SEUIL_PARALLELE + 20)
    fait = lancer_processus(["site", "--sortie", str(tmp_path / "parallele")], depot)
    assert fait.code == 0, fait.stderr
    monkeypatch.setattr(construction, "processus_disponibles", lambda: 1)
    assert construire(sus, depot, tmp_path / "sequence").code == 0

    def contenus(dossier: Path) -> dict[str, bytes]:
        return {p.relative_to(dossier).as_posix(): p.read_bytes() for p in dossier.rglob("*")
                if p.is_file() and p.suffix != ".xlsx"}  # a workbook holds the time it was made

    parallele, sequence = contenus(tmp_path / "parallele"), contenus(tmp_path / "sequence")
    assert len([c for c in parallele if c.startswith("fiches/")]) == construction.SEUIL_PARALLELE + 20
    assert parallele.keys() == sequence.keys() and parallele == sequence
    # a template error in a worker is the same French error, exit 2
    ecrire(depot, "templates/site-fiche.html.j2", "{{ inconnue }}")
    fait = lancer_processus(["site", "--sortie", str(tmp_path / "parallele")], depot)
    assert fait.code == 2 and "gabarit site-fiche.html.j2" in fait.stderr and "Traceback" not in fait.stderr
