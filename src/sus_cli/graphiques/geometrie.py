"""The geometry of an indicator's chart: where each point, line and label
goes, computed from a figures.indicateurs.Serie. Positions only: every
value drawn comes from figures/, and the SVG and PNG outputs draw exactly
this geometry, so the Web page and the Word document show the same chart.

Coordinates are in user units, y downwards (as in SVG). The x axis is
time: one band per year, a year's value in the middle of its band, a
quarter's at the middle of its quarter. The y axis starts at 0 for
non-negative values (up to 100 for a percentage), so that heights are not
exaggerated. Labels of the value, the target and the baseline sit in the
right margin, moved apart so they never overlap.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sus_cli import francais
from sus_cli.figures.indicateurs import PointSerie, Serie

TAILLE_TEXTE = 11  # font size, in user units
INTERLIGNE = 13  # the smallest vertical distance between two labels of the margin
LARGEUR_CARACTERE = 0.62  # width of a character, in font sizes (generous for sans-serif fonts)
LARGEUR, HAUTEUR = 340, 150


def largeur_texte(texte: str, taille: float = TAILLE_TEXTE) -> float:
    """An upper estimate of a text's width (SVG cannot measure before drawing)."""
    return len(texte) * taille * LARGEUR_CARACTERE


@dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: float
    periode: str
    texte: str  # the value, in French notation
    annuel: bool  # a year's value (a quarter's otherwise)
    estimation: bool


@dataclass(frozen=True, slots=True)
class Trait:
    x1: float
    y1: float
    x2: float
    y2: float
    style: str  # grille, axe, cible, reference, repere


@dataclass(frozen=True, slots=True)
class Etiquette:
    x: float
    y: float  # baseline
    texte: str
    ancre: str  # start, middle, end
    style: str  # axe, valeur, cible, reference

    @property
    def boite(self) -> tuple[float, float, float, float]:
        """(left, top, right, bottom), estimated."""
        w = largeur_texte(self.texte)
        gauche = self.x - {"start": 0, "middle": w / 2, "end": w}[self.ancre]
        return gauche, self.y - TAILLE_TEXTE * 0.8, gauche + w, self.y + TAILLE_TEXTE * 0.25


@dataclass(frozen=True, slots=True)
class Rectangle:
    x: float
    y: float
    largeur: float
    hauteur: float
    style: str  # objectif (the side of the target that means "met"), annee (the bilan's year)


@dataclass(frozen=True, slots=True)
class Graphique:
    largeur: float
    hauteur: float
    zone: tuple[float, float, float, float]  # the plot area: left, top, right, bottom
    titre: str
    description: str
    rectangles: tuple[Rectangle, ...]
    traits: tuple[Trait, ...]
    trace: tuple[tuple[float, float], ...]  # the line through the values, in time order
    points: tuple[Point, ...]
    etiquettes: tuple[Etiquette, ...]
    repere_reference: tuple[float, float] | None  # the baseline's own point, at its year


def _pas(etendue: float, intervalles: int = 4) -> float:
    """A round step (1, 2, 2.5 or 5 × 10ⁿ) cutting `etendue` into at most about `intervalles` parts."""
    brut = etendue / intervalles
    puissance = 10 ** math.floor(math.log10(brut))
    for facteur in (1, 2, 2.5, 5, 10):
        if facteur * puissance >= brut:
            return facteur * puissance
    return 10 * puissance


def graduations(bas: float, haut: float) -> list[float]:
    """Round tick values covering [bas, haut]."""
    if haut <= bas:
        haut = bas + 1
    pas = _pas(haut - bas)
    debut, fin = math.floor(bas / pas + 1e-9), math.ceil(haut / pas - 1e-9)
    # round() drops the float noise of k × pas (0.30000000000000004).
    return [round(k * pas, 9) for k in range(debut, fin + 1)]


def _nombres(serie: Serie) -> list[float]:
    valeurs = [p.valeur for p in serie.renseignes]
    if serie.reference is not None:
        valeurs.append(serie.reference[1])
    if serie.cible is not None and not serie.livrable:
        valeurs.append(serie.cible)
    return [float(v) for v in valeurs if not isinstance(v, bool)]


def echelle(serie: Serie) -> tuple[list[float], list[str]]:
    """The y ticks and their labels: round values covering the values, the
    baseline and the target, from 0 when none is negative (to 100 for a
    percentage that stays below it); « non »/« oui » for a deliverable."""
    if serie.livrable:
        return [0.0, 1.0], ["non", "oui"]
    nombres = _nombres(serie) or [0.0]
    bas, haut = min(nombres), max(nombres)
    if bas >= 0:
        bas = 0.0
        if serie.unite == "%" and haut <= 100:
            haut = 100.0
    ticks = graduations(bas, haut)
    return ticks, [francais.nombre(t) for t in ticks]


def _position_temps(point: PointSerie) -> float:
    """Years as bands [Y, Y+1): a year's value in the middle, a quarter's in the middle of its quarter."""
    if point.trimestre is None:
        return point.annee + 0.5
    return point.annee + (point.trimestre - 0.5) / 4


def _nom_periode(periode: str) -> str:
    if "-T" not in periode:
        return f"en {periode}"
    annee, trimestre = periode.split("-T")
    return f"au {'1er' if trimestre == '1' else trimestre + 'e'} trimestre {annee}"


def texte_valeur(valeur, serie: Serie) -> str:
    if isinstance(valeur, bool):
        return "produit" if valeur else "non produit"
    return francais.valeur(valeur, serie.unite)


def decrire(serie: Serie) -> str:
    """The chart in words, for screen readers (the SVG's description, the image's alternative text)."""
    morceaux = []
    valeurs = [f"{texte_valeur(p.valeur, serie)} {_nom_periode(p.periode)}" for p in serie.renseignes]
    morceaux.append("Valeurs : " + ", ".join(valeurs) if valeurs else "Aucune valeur")
    if serie.reference is not None:
        morceaux.append(f"référence : {texte_valeur(serie.reference[1], serie)} en {serie.reference[0]}")
    else:
        morceaux.append("pas de valeur de référence")
    if serie.cible is not None:
        if serie.livrable:
            morceaux.append(f"livrable attendu en {serie.annee_cible}")
        else:
            morceaux.append(f"cible : {texte_valeur(serie.cible, serie)} en {serie.annee_cible}")
    else:
        morceaux.append("pas de cible")
    if serie.sens in ("hausse", "baisse") and not serie.livrable:
        morceaux.append("l'objectif est de " + ("faire monter" if serie.sens == "hausse" else "faire baisser")
                        + " cette valeur")
    return " ; ".join(morceaux) + "."


def ecarter(souhaits: list[float], haut: float, bas: float, ecart: float = INTERLIGNE) -> list[float]:
    """Positions as close as possible to `souhaits` (in that order, top to
    bottom), at least `ecart` apart, within [haut, bas] when there is room."""
    positions = []
    for y in souhaits:
        positions.append(max(y, haut, positions[-1] + ecart if positions else haut))
    for i in range(len(positions) - 1, -1, -1):
        limite = bas if i == len(positions) - 1 else positions[i + 1] - ecart
        positions[i] = min(positions[i], limite)
    return positions


def tracer(serie: Serie, largeur: float = LARGEUR, hauteur: float = HAUTEUR) -> Graphique:
    """The chart of one indicator. A series without any value gives a chart
    that only says so (templates usually draw no chart then)."""
    renseignes = serie.renseignes
    livrable = serie.livrable
    # x: one band per year, from the baseline (or first value) to the bilan's year.
    annees = [p.annee for p in serie.points] + [serie.annee]
    if serie.reference is not None:
        annees.append(serie.reference[0])
    premiere, derniere = min(annees), max(annees)
    ticks, textes_ticks = echelle(serie)
    # The right margin holds the value, target and baseline labels; the left one the y ticks.
    etiquettes_marge = _etiquettes_marge(serie)
    marge_droite = 8 + max([largeur_texte(t) for t, _, _ in etiquettes_marge] + [40])
    marge_gauche = 8 + max(largeur_texte(t) for t in textes_ticks)
    gauche, haut_zone, droite, bas_zone = marge_gauche, 8.0, largeur - marge_droite, hauteur - 22.0
    bande = (droite - gauche) / (derniere - premiere + 1)

    def x_temps(t: float) -> float:
        return gauche + (t - premiere) * bande

    def y_valeur(v) -> float:
        v = float(v)
        return bas_zone - (v - ticks[0]) / (ticks[-1] - ticks[0]) * (bas_zone - haut_zone)

    traits, etiquettes, rectangles = [], [], []
    # The bilan's year, lightly shaded: where the year's value is read.
    rectangles.append(Rectangle(x_temps(serie.annee), haut_zone, bande, bas_zone - haut_zone, "annee"))
    for tick, texte in zip(ticks, textes_ticks):
        y = y_valeur(tick)
        traits.append(Trait(gauche, y, droite, y, "grille"))
        etiquettes.append(Etiquette(gauche - 5, y + TAILLE_TEXTE * 0.35, texte, "end", "axe"))
    traits.append(Trait(gauche, bas_zone, droite, bas_zone, "axe"))
    # Year labels under their band, thinned out when the bands are too narrow for them.
    tous_les = max(1, math.ceil((largeur_texte("2024") + 6) / bande))
    for annee in range(premiere, derniere + 1):
        traits.append(Trait(x_temps(annee), bas_zone, x_temps(annee), bas_zone + 4, "repere"))
        if (derniere - annee) % tous_les == 0:
            etiquettes.append(Etiquette(x_temps(annee + 0.5), bas_zone + 16, str(annee), "middle", "axe"))
    traits.append(Trait(x_temps(derniere + 1), bas_zone, x_temps(derniere + 1), bas_zone + 4, "repere"))
    # Target: a dashed line, and the side of it that means "met" shaded.
    if serie.cible is not None and not livrable:
        y = y_valeur(serie.cible)
        traits.append(Trait(gauche, y, droite, y, "cible"))
        if serie.sens == "baisse":
            rectangles.append(Rectangle(gauche, y, droite - gauche, bas_zone - y, "objectif"))
        elif serie.sens == "hausse":
            rectangles.append(Rectangle(gauche, haut_zone, droite - gauche, y - haut_zone, "objectif"))
    repere = None
    if serie.reference is not None:
        y = y_valeur(serie.reference[1])
        traits.append(Trait(gauche, y, droite, y, "reference"))
        repere = (x_temps(serie.reference[0] + 0.5), y)
    points = tuple(Point(x_temps(_position_temps(p)), y_valeur(p.valeur), p.periode, texte_valeur(p.valeur, serie),
                         p.trimestre is None, p.estimation) for p in renseignes)
    # Margin labels at the height of what they name, moved apart.
    souhaits = []
    for texte, style, valeur in etiquettes_marge:
        souhaits.append((y_valeur(valeur) + TAILLE_TEXTE * 0.35, texte, style, valeur))
    souhaits.sort(key=lambda s: s[0])
    # Never lower than the x axis: the year labels are there.
    places = ecarter([s[0] for s in souhaits], haut_zone + TAILLE_TEXTE * 0.8, bas_zone + TAILLE_TEXTE * 0.35)
    for (voulu, texte, style, valeur), y in zip(souhaits, places):
        etiquettes.append(Etiquette(droite + 8, y, texte, "start", style))
        traits.append(Trait(droite, y_valeur(valeur), droite + 6, y - TAILLE_TEXTE * 0.35, "repere"))
    if not renseignes:
        # Only when the plot area has room for it (the margins' labels are beside it).
        texte = "aucune valeur" if largeur_texte("aucune valeur") + 8 <= droite - gauche else "—"
        etiquettes.append(Etiquette((gauche + droite) / 2, (haut_zone + bas_zone) / 2, texte, "middle", "axe"))
    return Graphique(largeur, hauteur, (gauche, haut_zone, droite, bas_zone), serie.libelle, decrire(serie),
                     tuple(rectangles), tuple(traits), tuple((p.x, p.y) for p in points), points,
                     tuple(etiquettes), repere)


def _etiquettes_marge(serie: Serie) -> list[tuple[str, str, object]]:
    """(text, style, value) of the right margin: the last value, the target, the baseline."""
    resultat = []
    renseignes = serie.renseignes
    if renseignes:
        dernier = renseignes[-1]
        quand = dernier.periode.replace("-T", " T")
        resultat.append((f"{quand} : {texte_valeur(dernier.valeur, serie)}", "valeur", dernier.valeur))
    if serie.cible is not None:
        if serie.livrable:
            resultat.append((f"attendu en {serie.annee_cible}", "cible", 1))
        else:
            resultat.append((f"cible {serie.annee_cible} : {texte_valeur(serie.cible, serie)}", "cible",
                             serie.cible))
    if serie.reference is not None:
        resultat.append((f"référence {serie.reference[0]} : {texte_valeur(serie.reference[1], serie)}", "reference",
                         serie.reference[1]))
    return resultat
