"""Charts of the indicators, drawn from figures/ (which computes every
value): geometrie.py places points, lines and labels; svg.py writes it as
inline SVG (HTML bilan, suivi, site), image.py as a PNG (Word), texte.py as
a one-line sparkline (terminal). For any one indicator:

    from sus_cli.figures.indicateurs import serie
    from sus_cli import graphiques
    graphiques.en_svg(serie(indicateur, 2024), "TR-6.2.1-fiches")   # inline SVG markup
    graphiques.en_png(serie(indicateur, 2024))                      # PNG bytes
    graphiques.en_texte(serie(indicateur, 2024))                    # « ▁▅█ »
"""

from __future__ import annotations

from sus_cli.figures.indicateurs import Serie
from sus_cli.graphiques.geometrie import Graphique, decrire, tracer


def en_svg(serie: Serie, ident: str = "graphique") -> str:
    """Inline SVG of the series' chart; `ident` makes its ids unique in the page."""
    from sus_cli.graphiques import svg
    return svg.rendre(tracer(serie), ident)


def en_png(serie: Serie, echelle: float = 3.0) -> bytes:
    from sus_cli.graphiques import image
    return image.rendre(tracer(serie), echelle)


def en_texte(serie: Serie) -> str:
    from sus_cli.graphiques import texte
    return texte.sparkline(serie)


def en_tableau(serie: Serie):
    """The chart's figures as rows (période, valeur, remarque), for the table beside it."""
    from sus_cli.graphiques import tableau
    return tableau.lignes(serie)


__all__ = ["Graphique", "decrire", "en_png", "en_svg", "en_tableau", "en_texte", "tracer"]
