"""What a workbook remembers of the fiches when it was made, so that an
import can tell a value the person changed from a value someone else changed
in the fiche meanwhile (a conflict). Kept in a very hidden sheet `origine`:
one row per value and per statut, values as JSON."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

FEUILLE = "origine"
FORMAT = 1


@dataclass(slots=True)
class Origine:
    cree_le: dt.date
    periode: str | None = None  # the collecte's period; None for an export
    porteur: str | None = None
    # (fiche, indicateur, période) → (valeur, commentaire) when the workbook was made
    valeurs: dict[tuple[str, str, str], tuple[object, object]] = field(default_factory=dict)
    statuts: dict[str, str | None] = field(default_factory=dict)  # fiche → statut code


def ecrire(classeur, origine: Origine) -> None:
    """Add the hidden `origine` sheet to an openpyxl workbook."""
    feuille = classeur.create_sheet(FEUILLE)
    feuille.sheet_state = "veryHidden"
    feuille.append(["sus", FORMAT, origine.cree_le.isoformat(), origine.periode or "", origine.porteur or ""])
    for (fiche, indicateur, periode), (valeur, commentaire) in origine.valeurs.items():
        feuille.append(["valeur", fiche, indicateur, periode, json.dumps(valeur), json.dumps(commentaire)])
    for fiche, statut in origine.statuts.items():
        feuille.append(["statut", fiche, json.dumps(statut)])
    for ligne in feuille.iter_rows():
        for cellule in ligne:
            cellule.data_type = "s" if isinstance(cellule.value, str) else cellule.data_type


def lire(classeur) -> Origine | None:
    """The workbook's memory, or None when it has none or it is unreadable
    (then no conflict can be detected, and the caller says so)."""
    if FEUILLE not in classeur.sheetnames:
        return None
    try:
        lignes = classeur[FEUILLE].iter_rows(values_only=True)
        entete = next(lignes)
        if entete[0] != "sus" or entete[1] != FORMAT:
            return None
        origine = Origine(dt.date.fromisoformat(str(entete[2])), entete[3] or None, entete[4] or None)
        for ligne in lignes:
            if ligne[0] == "valeur":
                origine.valeurs[(str(ligne[1]), str(ligne[2]), str(ligne[3]))] = (json.loads(ligne[4]),
                                                                                  json.loads(ligne[5]))
            elif ligne[0] == "statut":
                origine.statuts[str(ligne[1])] = json.loads(ligne[2])
        return origine
    except (StopIteration, TypeError, ValueError, IndexError):
        return None


def de_l_export(depot, jour: dt.date) -> Origine:
    """What an export's `valeurs` sheet shows: every value of every valid fiche."""
    from sus_cli.figures.indicateurs import valeur_a_la_periode

    origine = Origine(jour)
    for document in depot.fiches_lues():
        fiche = document.modele
        if fiche is None:
            continue
        for indicateur in fiche.indicateurs:
            for periode in indicateur.valeurs:
                lue = valeur_a_la_periode(indicateur, periode)
                origine.valeurs[(fiche.id, indicateur.id, periode)] = (lue.valeur, lue.commentaire)
    return origine
