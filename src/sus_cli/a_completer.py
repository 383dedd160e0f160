"""Text that marks a part of a fiche nobody has written yet.

One list serves both sides: rule SUS500 looks for these phrases, and the
fiche template of `sus nouvelle` (initialisation.fiche) is written with
them, so a fiche fresh from the template fails `sus validate` until its
author has replaced every one, and the two cannot drift apart.
"""

from __future__ import annotations

import re
import unicodedata

# Placeholders printed unfilled in published schémas (the Allier's PDILE fiches
# print "Nom de l'indicateur(s)" and "Lien vers la fiche d'indicateur").
PHRASES_DES_DOCUMENTS = ("à compléter", "lorem ipsum", "nom de l'indicateur", "lien vers la fiche d'indicateur")

# What the template writes where the author writes, by place in the fiche.
# Each phrase is specific enough never to appear in a written fiche.
MODELE = {
    "indicateur_1": "Libellé du premier indicateur",
    "indicateur_2": "Libellé du second indicateur",
    "contexte": "Pourquoi cette action : la situation et les besoins constatés.",
    "enjeux": "Ce que l'action doit changer, pour qui.",
    "resultats": "Premier résultat attendu de l'action.",
    "description": "Comment l'action est menée, par qui, avec quelles étapes.",
    "partenariat": "Directions et partenaires associés à l'action.",
    "financieres": "Crédits mobilisés pour l'action, et leurs financeurs.",
    "humaines": "Équipes et personnes mobilisées pour l'action.",
    "materiels": "Besoins matériels de l'action.",
    "criteres": "Critère qui dira si l'action a atteint son résultat.",
}

PHRASES = PHRASES_DES_DOCUMENTS + tuple(MODELE.values())

# Draft markers, matched case-sensitively so that ordinary words are not caught.
_MARQUES = re.compile(r"\?{3,}|\bTODO\b|\bXXX\b")


def _sans_accents(texte: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", texte) if not unicodedata.combining(c))


# Each phrase in lower case with a straight apostrophe, with its accents and without.
_FORMES = tuple(sorted({forme for p in PHRASES for forme in (p.lower(), _sans_accents(p.lower()))}))


def trouver(texte: str) -> list[tuple[int, str]]:
    """(position, text found) of every placeholder in `texte`, in order.

    Phrases are found ignoring case and the kind of apostrophe, written with
    their accents or without, by `str.find` on the lowered text: this runs on
    every fiche, and a regex alternation of the same phrases costs ten times more.
    """
    trouves = [(m.start(), m.group(0)) for m in _MARQUES.finditer(texte)] if (
        "???" in texte or "TODO" in texte or "XXX" in texte) else []
    bas = texte.lower()
    if len(bas) != len(texte):  # a rare letter whose lower case is longer: positions would shift
        bas = "".join(c.lower() if len(c.lower()) == 1 else c for c in texte)
    if "\u2019" in bas:
        bas = bas.replace("\u2019", "'")
    for forme in _FORMES:
        position = bas.find(forme)
        while position != -1:
            trouves.append((position, texte[position:position + len(forme)]))
            position = bas.find(forme, position + len(forme))
    return sorted(set(trouves))
