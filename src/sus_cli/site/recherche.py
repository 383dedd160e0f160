"""The search index of the site's index page: for each fiche, the distinct
words of every text a person wrote in it (id, title, direction, body,
indicators, notes, étapes, partners…), lower case without accents, as the
index's script compares them: « numerique » finds « Numérique ». A script
file (`recherche.js`), not JSON: a page opened from the disk may load a
script but not fetch a file."""

from __future__ import annotations

import json
import re

from sus_cli.francais import sans_accents
from sus_cli.site.donnees import DonneesSite, PageFiche

_MOT = re.compile(r"\w+")


def textes(page: PageFiche) -> list[str]:
    f = page.fiche
    morceaux = [f.id, f.titre, f.porteur, page.direction.nom if page.direction else "", page.corps,
                *f.pilotes, *f.publics, *f.dispositifs]
    if f.partenaires:
        morceaux += [*f.partenaires.internes, *f.partenaires.externes]
    for i in f.indicateurs:
        morceaux.append(i.libelle)
        morceaux += [getattr(v, "commentaire", None) or "" for v in i.valeurs.values()]
    morceaux += [n.texte for n in f.notes_suivi] + [e.libelle for e in f.etapes]
    return morceaux


def mots(page: PageFiche, normalises: dict[str, str] | None = None) -> str:
    """The fiche's distinct words, in their first order, separated by spaces.

    Words are normalised one distinct word at a time (`normalises` keeps
    them across fiches, which share most of their vocabulary)."""
    normalises = {} if normalises is None else normalises
    resultat: dict[str, None] = {}
    for mot in dict.fromkeys(_MOT.findall(" ".join(textes(page)))):
        forme = normalises.get(mot)
        if forme is None:
            forme = normalises[mot] = " ".join(_MOT.findall(sans_accents(mot)))
        if forme:
            resultat[forme] = None
    return " ".join(resultat)


def script(site: DonneesSite) -> str:
    normalises: dict[str, str] = {}
    index = {page.nom: mots(page, normalises) for page in site.fiches}
    return ("// Mots de chaque fiche, pour la recherche de la page d'accueil (écrit par sus site).\n"
            f"window.SUS_RECHERCHE = {json.dumps(index, ensure_ascii=True, separators=(',', ':'))};\n")
