"""A chart as inline SVG: no script, no external resource, a title and a
description for screen readers (the figures are also in a table beside it)."""

from __future__ import annotations

import re
from html import escape

from sus_cli.graphiques.couleurs import ENCRE, ETIQUETTES, FOND, POLICE, RECTANGLES, TRACE, TRAITS
from sus_cli.graphiques.geometrie import TAILLE_TEXTE, Graphique


def _n(x: float) -> str:
    texte = f"{x:.1f}"  # always one decimal: drop it when it is 0 (a chart has hundreds of numbers)
    return texte[:-2] if texte.endswith(".0") else texte


def identifiant(texte: str) -> str:
    """A string usable as an XML id (ids of the chart's title and description)."""
    return "g-" + re.sub(r"[^A-Za-z0-9_-]", "-", texte)


def rendre(graphique: Graphique, ident: str = "graphique") -> str:
    g = graphique
    ident = identifiant(ident) if not ident.startswith("g-") else ident
    parties = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="graphique-indicateur" role="img" '
        f'aria-labelledby="{ident}-titre {ident}-desc" viewBox="0 0 {_n(g.largeur)} {_n(g.hauteur)}" '
        f'width="{_n(g.largeur)}" height="{_n(g.hauteur)}" font-family="{POLICE}" font-size="{TAILLE_TEXTE}">',
        f'<title id="{ident}-titre">{escape(g.titre)}</title>',
        f'<desc id="{ident}-desc">{escape(g.description)}</desc>',
        f'<rect width="{_n(g.largeur)}" height="{_n(g.hauteur)}" fill="{FOND}"/>',
    ]
    for r in g.rectangles:
        parties.append(f'<rect x="{_n(r.x)}" y="{_n(r.y)}" width="{_n(r.largeur)}" height="{_n(r.hauteur)}" '
                       f'fill="{RECTANGLES[r.style]}"/>')
    for t in g.traits:
        couleur, epaisseur, tirets = TRAITS[t.style]
        pointilles = f' stroke-dasharray="{tirets[0]} {tirets[1]}"' if tirets else ""
        parties.append(f'<line x1="{_n(t.x1)}" y1="{_n(t.y1)}" x2="{_n(t.x2)}" y2="{_n(t.y2)}" stroke="{couleur}" '
                       f'stroke-width="{epaisseur}"{pointilles}/>')
    if g.repere_reference is not None:
        x, y = g.repere_reference
        couleur = TRAITS["reference"][0]
        parties.append(f'<path d="M{_n(x)} {_n(y - 5)}L{_n(x + 5)} {_n(y)}L{_n(x)} {_n(y + 5)}L{_n(x - 5)} {_n(y)}Z" '
                       f'fill="{FOND}" stroke="{couleur}" stroke-width="1.5"/>')
    couleur, epaisseur = TRACE
    if len(g.trace) > 1:
        chemin = " ".join(f"{_n(x)},{_n(y)}" for x, y in g.trace)
        parties.append(f'<polyline points="{chemin}" fill="none" stroke="{couleur}" stroke-width="{epaisseur}" '
                       f'stroke-linejoin="round"/>')
    for p in g.points:
        rayon = 3.5 if p.annuel else 2.8
        remplissage = FOND if p.estimation else couleur
        parties.append(f'<circle cx="{_n(p.x)}" cy="{_n(p.y)}" r="{rayon}" fill="{remplissage}" stroke="{couleur}" '
                       f'stroke-width="1.5"/>')
    for e in g.etiquettes:
        parties.append(f'<text x="{_n(e.x)}" y="{_n(e.y)}" text-anchor="{e.ancre}" '
                       f'fill="{ETIQUETTES.get(e.style, ENCRE)}">{escape(e.texte)}</text>')
    parties.append("</svg>")
    return "\n".join(parties)
