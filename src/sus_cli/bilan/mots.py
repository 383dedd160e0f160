"""The département's own words for a year: `bilans/ANNEE.md` in the schéma
repository (the groupe stratégique's recommendations, the comité de
pilotage's decisions), placed in every bilan after the synthesis.

The file is Markdown written by people: HTML comments are notes for its
authors and are dropped; it is rendered by bilan/markdown.py (raw HTML shown
as text, never run). It is read
like a fiche: a regular file inside the schéma, at most 1 MB, in UTF-8.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from sus_cli.loading.text import TAILLE_MAX, decoder

DOSSIER = "bilans"
_COMMENTAIRE = re.compile(r"<!--.*?-->", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Mots:
    chemin: str  # "bilans/2024.md"
    texte: str  # Markdown, without the HTML comments


class MotsIllisibles(Exception):
    """The file exists but cannot be used: French message."""


def chemin(annee: int) -> str:
    return f"{DOSSIER}/{annee}.md"


def depuis_octets(relatif: str, octets: bytes) -> Mots | None:
    if len(octets) > TAILLE_MAX:
        raise MotsIllisibles(f"{relatif} dépasse 1 Mo : ce n'est pas un texte de bilan")
    if not octets.strip():
        return None
    lu = decoder(octets)
    if lu.texte is None:
        raise MotsIllisibles(f"{relatif} : {lu.probleme[1].message}" if lu.probleme else relatif)
    texte = _COMMENTAIRE.sub("", lu.texte).strip()
    return Mots(relatif, texte) if texte else None


def lire(racine: Path, annee: int) -> Mots | None:
    """The year's words from the working tree; None when there is no such file."""
    from sus_cli.loading.fichiers import Illisible, lire_octets

    relatif = chemin(annee)
    if not os.path.lexists(racine / relatif):
        return None
    try:
        # As a fiche is read: never through a link out of the schéma, never a device or a pipe.
        octets = lire_octets(racine / relatif, racine=racine)
    except Illisible as err:
        raise MotsIllisibles(f"{relatif} : {err.message}") from None
    return depuis_octets(relatif, octets)


def en_markdown(mots: Mots, niveau: int = 3) -> str:
    """The text as it was written, its headings moved to `niveau`, raw HTML
    escaped, control characters other than line breaks shown (`\\x1b`)."""
    from sus_cli.bilan.markdown import analyseur, decalage
    from sus_cli.echappement import lignes as lignes_visibles

    liste = analyseur().parse(mots.texte)
    ecart = decalage(liste, niveau)
    lignes = mots.texte.split("\n")
    for jeton in liste:
        if jeton.type == "heading_open" and jeton.markup.startswith("#") and jeton.map:
            ligne = lignes[jeton.map[0]].lstrip()
            lignes[jeton.map[0]] = "#" * min(6, len(jeton.markup) + ecart) + ligne[len(jeton.markup):]
    return lignes_visibles("\n".join(lignes)).replace("<", "\\<")
