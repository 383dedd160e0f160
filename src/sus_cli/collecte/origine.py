"""What a workbook remembers of the fiches when it was made, so that an
import can tell a value the person changed from a value someone else changed
in the fiche meanwhile (a conflict). Kept in a very hidden sheet `origine`:
one JSON document cut into cells of column A (a cell holds at most 32,767
characters), which costs a few cells where a row per value would cost tens
of thousands."""

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


MORCEAU = 30_000


def morceaux(origine: Origine) -> list[str]:
    """The memory as one JSON document cut into cells' worth of text (column A of the `origine` sheet)."""
    document = json.dumps({
        "sus": FORMAT, "cree_le": origine.cree_le.isoformat(), "periode": origine.periode,
        "porteur": origine.porteur,
        "valeurs": [[fiche, indicateur, periode, valeur, commentaire]
                    for (fiche, indicateur, periode), (valeur, commentaire) in origine.valeurs.items()],
        "statuts": origine.statuts}, ensure_ascii=False)
    return [document[debut:debut + MORCEAU] for debut in range(0, len(document), MORCEAU)]


def ecrire(classeur, origine: Origine) -> None:
    """Add the hidden `origine` sheet to an openpyxl workbook (write-only or not)."""
    from sus_cli.tableur import cellule

    feuille = classeur.create_sheet(FEUILLE)
    feuille.sheet_state = "veryHidden"
    for morceau in morceaux(origine):
        feuille.append([cellule(feuille, morceau, None)])


def lire(classeur) -> Origine | None:
    """The workbook's memory, or None when it has none or it is unreadable
    (then no conflict can be detected, and the caller says so)."""
    if FEUILLE not in classeur.sheetnames:
        return None
    try:
        texte = "".join(str(ligne[0]) for ligne in classeur[FEUILLE].iter_rows(values_only=True)
                        if ligne and ligne[0] is not None)
        document = json.loads(texte)
        if document.get("sus") != FORMAT:
            return None
        return Origine(dt.date.fromisoformat(document["cree_le"]), document.get("periode"), document.get("porteur"),
                       {(str(f), str(i), str(p)): (v, c) for f, i, p, v, c in document["valeurs"]},
                       {str(f): s for f, s in document["statuts"].items()})
    except (TypeError, ValueError, KeyError, AttributeError):
        return None


def valeurs_connues(fiche) -> list[tuple[tuple[str, str, str], tuple[object, object]]]:
    """((fiche, indicateur, période), (valeur, commentaire)) of every value of a valid fiche."""
    from sus_cli.figures.indicateurs import valeur_a_la_periode

    connues = []
    for indicateur in fiche.indicateurs:
        for periode in indicateur.valeurs:
            lue = valeur_a_la_periode(indicateur, periode)
            connues.append(((fiche.id, indicateur.id, periode), (lue.valeur, lue.commentaire)))
    return connues


def de_l_export(depot, jour: dt.date) -> Origine:
    """What an export's `valeurs` sheet shows: every value of every valid fiche (of a
    repository loaded whole, or with export.tableaux.extraction)."""
    origine = Origine(jour)
    for document in depot.fiches_lues():
        if document.leger:
            connues = document.extrait.connues if document.extrait is not None else ()
        else:
            connues = valeurs_connues(document.modele) if document.modele is not None else ()
        origine.valeurs.update(connues)
    return origine
