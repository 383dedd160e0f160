"""Charts of the indicators, drawn from figures/ (which computes every
value): geometrie.py places points, lines and labels; svg.py writes it as
inline SVG (HTML bilan, suivi, site), image.py as a PNG (Word), texte.py as
a one-line sparkline (terminal); barres.py places the two synthesis charts
(statuts by volet, attainment by axe). For any one indicator:

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


def synthese_svg(volets, quoi: str) -> str:
    """Inline SVG of a synthesis chart: `quoi` is "statuts" (fiches by statut,
    per volet) or "atteinte" (mean attainment, per axe)."""
    from sus_cli.graphiques import barres, svg
    trace = barres.statuts_par_volet if quoi == "statuts" else barres.atteinte_par_axe
    return svg.rendre(trace(volets), f"synthese-{quoi}", classe="graphique")


def synthese_png(volets, quoi: str, echelle: float = 3.0) -> tuple[bytes, str]:
    """(PNG bytes, description) of a synthesis chart, for Word."""
    from sus_cli.graphiques import barres, image
    graphique = (barres.statuts_par_volet if quoi == "statuts" else barres.atteinte_par_axe)(volets)
    return image.rendre(graphique, echelle), f"{graphique.titre} : {graphique.description}"


def en_texte(serie: Serie) -> str:
    from sus_cli.graphiques import texte
    return texte.sparkline(serie)


def en_tableau(serie: Serie):
    """The chart's figures as rows (période, valeur, remarque), for the table beside it."""
    from sus_cli.graphiques import tableau
    return tableau.lignes(serie)


__all__ = ["Graphique", "decrire", "en_png", "en_svg", "en_tableau", "en_texte", "synthese_png", "synthese_svg",
           "tracer"]
