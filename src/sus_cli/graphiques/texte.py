"""A chart as one line of text, for the terminal (`sus voir`)."""

from __future__ import annotations

from sus_cli.figures.indicateurs import Serie

BLOCS = "▁▂▃▄▅▆▇█"


def sparkline(serie: Serie) -> str:
    """One block per period with a value, its height on the same scale as the
    chart's (from 0 for non-negative values); « ✓ »/« · » for a deliverable."""
    from sus_cli.graphiques.geometrie import echelle

    renseignes = serie.renseignes
    if not renseignes:
        return ""
    if serie.livrable:
        return "".join("✓" if p.valeur else "·" for p in renseignes)
    ticks, _ = echelle(serie)
    etendue = ticks[-1] - ticks[0]
    return "".join(BLOCS[min(7, max(0, round((float(p.valeur) - ticks[0]) / etendue * 7)))] for p in renseignes)
