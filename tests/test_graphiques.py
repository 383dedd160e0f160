"""The charts of the indicators: points where the values say, each special
case drawn sensibly, labels that never collide, SVG and PNG from the same
geometry."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sus_cli import graphiques
from sus_cli.figures.indicateurs import serie
from sus_cli.graphiques.geometrie import ecarter, graduations, tracer
from sus_cli.model.fiche import Indicateur

SVG = "{http://www.w3.org/2000/svg}"


def _serie(annee=2024, **cles):
    cles.setdefault("id", "i")
    cles.setdefault("libelle", "Un indicateur")
    cles.setdefault("unite", "nombre")
    if cles.get("cibles"):
        cles.setdefault("sens", "hausse")
    return serie(Indicateur.model_validate(cles), annee)


def _y(g, valeur, ticks):
    """Where `valeur` must be on the y axis, from the plot area and the ticks."""
    gauche, haut, droite, bas = g.zone
    return bas - (valeur - ticks[0]) / (ticks[-1] - ticks[0]) * (bas - haut)


def _x(g, premiere, derniere, t):
    gauche, haut, droite, bas = g.zone
    return gauche + (t - premiere) / (derniere - premiere + 1) * (droite - gauche)


def test_points_ou_les_valeurs_le_disent():
    s = _serie(unite="%", reference={"annee": 2022, "valeur": 0}, cibles={2027: 90},
               valeurs={2023: 40, "2024-T2": 55, 2024: 70})
    g = tracer(s)
    ticks = [0, 25, 50, 75, 100]  # a percentage below 100: the whole 0–100 scale
    assert [p.periode for p in g.points] == ["2023", "2024-T2", "2024"]
    for point, valeur in zip(g.points, (40, 55, 70)):
        assert point.y == pytest.approx(_y(g, valeur, ticks))
    # one band per year from the baseline's year to the bilan's: a year in its middle, a quarter in its quarter's
    assert g.points[0].x == pytest.approx(_x(g, 2022, 2024, 2023.5))
    assert g.points[1].x == pytest.approx(_x(g, 2022, 2024, 2024 + 1.5 / 4))
    assert g.points[2].x == pytest.approx(_x(g, 2022, 2024, 2024.5))
    assert g.trace == tuple((p.x, p.y) for p in g.points)
    cible = next(t for t in g.traits if t.style == "cible")
    assert cible.y1 == cible.y2 == pytest.approx(_y(g, 90, ticks))
    reference = next(t for t in g.traits if t.style == "reference")
    assert reference.y1 == pytest.approx(_y(g, 0, ticks))
    assert g.repere_reference == pytest.approx((_x(g, 2022, 2024, 2022.5), _y(g, 0, ticks)))
    textes = [e.texte for e in g.etiquettes]
    assert "cible 2027 : 90\u00a0%" in textes and "2024 : 70\u00a0%" in textes
    assert "référence 2022 : 0\u00a0%" in textes
    assert [e.texte for e in g.etiquettes if e.style == "axe" and e.ancre == "middle"] == ["2022", "2023", "2024"]
    # the target's "met" side (above it, for a rise) is shaded
    objectif = next(r for r in g.rectangles if r.style == "objectif")
    assert objectif.y == g.zone[1] and objectif.y + objectif.hauteur == pytest.approx(cible.y1)


def test_valeurs_posterieures_a_l_annee_absentes():
    s = _serie(valeurs={2023: 1, 2024: 2, 2025: 3, "2025-T1": 4})
    assert [p.periode for p in s.points] == ["2023", "2024"]


def test_serie_trimestrielle():
    s = _serie(valeurs={"2024-T1": 10, "2024-T3": 30, "2024-T2": 20})
    g = tracer(s)
    assert [p.periode for p in g.points] == ["2024-T1", "2024-T2", "2024-T3"]
    xs = [p.x for p in g.points]
    gauche, _, droite, _ = g.zone
    assert xs == sorted(xs) and gauche < xs[0] and xs[-1] < droite
    assert xs[0] == pytest.approx(gauche + (droite - gauche) / 8)  # the middle of the first quarter
    assert not any(p.annuel for p in g.points)
    assert any(e.texte == "2024 T3 : 30" for e in g.etiquettes)
    assert "au 1er trimestre 2024" in g.description and "au 3e trimestre 2024" in g.description


def test_livrable():
    s = _serie(unite="livrable", cibles={2024: 1}, valeurs={2023: False, 2024: True})
    g = tracer(s)
    _, haut, _, bas = g.zone
    assert [(p.y, p.texte) for p in g.points] == [(bas, "non produit"), (haut, "produit")]
    assert {e.texte for e in g.etiquettes if e.ancre == "end"} == {"non", "oui"}
    assert not [t for t in g.traits if t.style == "cible"]  # no target line: "attendu en 2024" says it
    assert any(e.texte == "attendu en 2024" for e in g.etiquettes)
    assert "livrable attendu en 2024" in g.description
    assert graphiques.en_texte(s) == "·✓"


def test_un_seul_point():
    s = _serie(valeurs={2024: 7})
    g = tracer(s)
    assert len(g.points) == 1 and g.points[0].x == pytest.approx((g.zone[0] + g.zone[2]) / 2)
    svg = ET.fromstring(graphiques.en_svg(s, "seul"))
    assert len(svg.findall(f"{SVG}circle")) == 1 and not svg.findall(f"{SVG}polyline")


def test_baisse():
    s = _serie(sens="baisse", reference={"annee": 2022, "valeur": 1200}, cibles={2024: 300},
               valeurs={2023: 800, 2024: 250})
    g = tracer(s)
    cible = next(t for t in g.traits if t.style == "cible")
    reference = next(t for t in g.traits if t.style == "reference")
    assert cible.y1 > reference.y1  # the target is below the baseline
    objectif = next(r for r in g.rectangles if r.style == "objectif")
    assert objectif.y == pytest.approx(cible.y1) and objectif.y + objectif.hauteur == pytest.approx(g.zone[3])
    assert g.points[-1].y > cible.y1  # 250: below the target, in the shaded zone
    assert "faire baisser" in g.description


def test_sans_reference():
    s = _serie(cibles={2027: 50}, valeurs={2023: 10, 2024: 20})
    g = tracer(s)
    assert g.repere_reference is None and not [t for t in g.traits if t.style == "reference"]
    assert "pas de valeur de référence" in g.description
    assert [e.texte for e in g.etiquettes if e.style == "axe" and e.ancre == "middle"] == ["2023", "2024"]


def test_sans_valeur_et_valeur_indisponible():
    s = _serie(valeurs={2024: {"commentaire": "logiciel changé"}})
    assert s.points[0].valeur is None and s.renseignes == ()
    g = tracer(s)
    assert g.points == () and any(e.texte == "aucune valeur" for e in g.etiquettes)
    assert graphiques.en_texte(s) == ""


def test_valeurs_negatives_et_estimation():
    s = _serie(valeurs={2023: -5, 2024: {"valeur": 12, "estimation": True}})
    g = tracer(s)
    ticks = graduations(-5, 12)
    assert ticks[0] <= -5 and ticks[-1] >= 12
    assert g.points[0].y == pytest.approx(_y(g, -5, ticks))
    assert g.points[1].estimation
    svg = ET.fromstring(graphiques.en_svg(s))
    assert svg.findall(f"{SVG}circle")[1].get("fill") == "#ffffff"  # an estimate is drawn hollow


@pytest.mark.parametrize("bas,haut,attendu", [(0, 100, [0, 25, 50, 75, 100]), (0, 1200, [0, 500, 1000, 1500]),
                                              (0, 6, [0, 2, 4, 6]), (0, 0.3, [0, 0.1, 0.2, 0.3]),
                                              (0, 0, [0, 0.25, 0.5, 0.75, 1])])
def test_graduations(bas, haut, attendu):
    assert graduations(bas, haut) == pytest.approx(attendu)


def test_ecarter():
    assert ecarter([50, 52, 90], 0, 200) == [50, 63, 90]
    assert ecarter([195, 196], 0, 200) == [187, 200]  # pushed up from the bottom


def _chevauchent(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


valeurs = st.one_of(st.integers(-10**6, 10**6), st.floats(-1e6, 1e6, allow_nan=False).map(lambda x: round(x, 2)))
periodes = st.builds(lambda a, t: str(a) if t == 0 else f"{a}-T{t}", st.integers(2015, 2024), st.integers(0, 4))


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(periodes, valeurs, max_size=12), st.one_of(st.none(), valeurs), st.one_of(st.none(), valeurs),
       st.integers(2000, 2024), st.sampled_from(["nombre", "%", "€"]), st.sampled_from(["hausse", "baisse"]))
def test_etiquettes_ne_se_chevauchent_jamais(vals, cible, reference, annee_ref, unite, sens):
    cles = {"unite": unite, "valeurs": vals, "sens": sens}
    if cible is not None:
        cles["cibles"] = {2027: cible}
    if reference is not None:
        cles["reference"] = {"annee": annee_ref, "valeur": reference}
    g = tracer(_serie(**cles))
    boites = [e.boite for e in g.etiquettes]
    for i, a in enumerate(boites):
        assert 0 <= a[0] and a[2] <= g.largeur + 0.01 and 0 <= a[1] and a[3] <= g.hauteur, g.etiquettes[i]
        for b in boites[i + 1:]:
            assert not _chevauchent(a, b), (a, b)
    gauche, haut, droite, bas = g.zone
    for p in g.points:
        assert gauche <= p.x <= droite and haut - 0.01 <= p.y <= bas + 0.01


def test_svg_accessible_et_autonome():
    s = _serie(libelle="Part <b>des</b> fiches", unite="%", valeurs={2023: 40, 2024: 70})
    texte = graphiques.en_svg(s, "TR-6.2.1 fiches")
    svg = ET.fromstring(texte)
    assert svg.get("role") == "img"
    titre, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert titre.text == "Part <b>des</b> fiches" and "40\u00a0% en 2023" in desc.text
    assert svg.get("aria-labelledby") == f"{titre.get('id')} {desc.get('id')}"
    assert titre.get("id") == "g-TR-6-2-1-fiches-titre"
    assert "<b>" not in texte and "script" not in texte and "href" not in texte
    assert len(svg.findall(f"{SVG}circle")) == 2 and len(svg.findall(f"{SVG}polyline")) == 1


def test_png_de_la_meme_geometrie():
    from PIL import Image
    s = _serie(unite="%", reference={"annee": 2022, "valeur": 0}, cibles={2027: 90}, valeurs={2023: 40, 2024: 70})
    g = tracer(s)
    image = Image.open(io.BytesIO(graphiques.en_png(s, echelle=2)))
    assert image.size == (round(g.largeur * 2), round(g.hauteur * 2))
    # the last point is drawn in the line's colour where the geometry puts it
    p = g.points[-1]
    assert image.convert("RGB").getpixel((round(p.x * 2), round(p.y * 2))) == (0x15, 0x65, 0xC0)


def test_sparkline():
    s = _serie(unite="%", valeurs={2022: 0, 2023: 50, 2024: 100})
    assert graphiques.en_texte(s) == "▁▅█"
