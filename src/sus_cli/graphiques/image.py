"""A chart as a PNG image (for Word), drawn with Pillow from the same
geometry as the SVG. Pillow rather than an SVG rasteriser (cairosvg needs
the system's cairo library) or matplotlib (tens of megabytes, and its own
layout): it has wheels for every platform and draws our lines and texts as
they are."""

from __future__ import annotations

import io
from functools import lru_cache

from sus_cli.graphiques.couleurs import ENCRE, ETIQUETTES, FOND, RECTANGLES, TRACE, TRAITS
from sus_cli.graphiques.geometrie import TAILLE_TEXTE, Graphique

# Fonts tried in order; Pillow's own scalable font when none is installed.
POLICES = ("DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "Verdana.ttf", "arial.ttf",
           "LiberationSans-Regular.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")


@lru_cache(maxsize=8)
def _police(taille: int):
    from PIL import ImageFont
    for nom in POLICES:
        try:
            return ImageFont.truetype(nom, taille)
        except OSError:
            continue
    return ImageFont.load_default(size=taille)


def _segments(x1, y1, x2, y2, tirets):
    """The dashes of a dashed line, as segments (Pillow draws no dashes)."""
    if not tirets:
        yield x1, y1, x2, y2
        return
    longueur = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5
    if longueur == 0:
        return
    plein, vide = tirets
    ux, uy = (x2 - x1) / longueur, (y2 - y1) / longueur
    d = 0.0
    while d < longueur:
        fin = min(d + plein, longueur)
        yield x1 + ux * d, y1 + uy * d, x1 + ux * fin, y1 + uy * fin
        d += plein + vide


def rendre(graphique: Graphique, echelle: float = 3.0) -> bytes:
    """The chart at `echelle` pixels per unit (3: sharp when printed at the width of a Word page)."""
    from PIL import Image, ImageDraw

    g = graphique
    image = Image.new("RGB", (round(g.largeur * echelle), round(g.hauteur * echelle)), FOND)
    dessin = ImageDraw.Draw(image)

    def e(*valeurs):
        return [v * echelle for v in valeurs]

    for r in g.rectangles:
        if r.largeur > 0 and r.hauteur > 0:
            dessin.rectangle(e(r.x, r.y, r.x + r.largeur, r.y + r.hauteur), fill=RECTANGLES[r.style])
    for t in g.traits:
        couleur, epaisseur, tirets = TRAITS[t.style]
        for segment in _segments(t.x1, t.y1, t.x2, t.y2, tirets):
            dessin.line(e(*segment), fill=couleur, width=max(1, round(epaisseur * echelle)))
    if g.repere_reference is not None:
        x, y = g.repere_reference
        dessin.polygon(e(x, y - 5, x + 5, y, x, y + 5, x - 5, y), fill=FOND, outline=TRAITS["reference"][0],
                       width=max(1, round(1.5 * echelle)))
    couleur, epaisseur = TRACE
    if len(g.trace) > 1:
        dessin.line([c * echelle for point in g.trace for c in point], fill=couleur,
                    width=round(epaisseur * echelle), joint="curve")
    for p in g.points:
        rayon = 3.5 if p.annuel else 2.8
        dessin.ellipse(e(p.x - rayon, p.y - rayon, p.x + rayon, p.y + rayon),
                       fill=FOND if p.estimation else couleur, outline=couleur, width=round(1.5 * echelle))
    police = _police(round(TAILLE_TEXTE * echelle))
    for etiquette in g.etiquettes:
        ancre = {"start": "ls", "middle": "ms", "end": "rs"}[etiquette.ancre]
        # Narrow and non-breaking spaces are missing from some fonts.
        texte = etiquette.texte.replace("\u202f", " ").replace("\u00a0", " ")
        dessin.text((etiquette.x * echelle, etiquette.y * echelle), texte, font=police,
                    fill=ETIQUETTES.get(etiquette.style, ENCRE), anchor=ancre)
    flux = io.BytesIO()
    image.save(flux, format="PNG", optimize=True)
    return flux.getvalue()
