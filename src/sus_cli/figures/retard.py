"""Whether a fiche is late (contract §4): the one figure the rules read
(SUS606), kept apart from the others so that checking a fiche does not load
them."""

from __future__ import annotations

import datetime as dt

TERMINES = ("realisee", "abandonnee")


def en_retard(fiche, echeance: dt.date) -> bool:
    """Late: `fin` before `echeance` and the action neither done nor abandoned.

    For a bilan of year Y the deadline is the end of Y (a fiche ending on
    Y-12-31 counts as late in the bilan of Y); elsewhere it is today.
    """
    return fiche.fin is not None and fiche.fin < echeance and fiche.statut not in TERMINES
