"""Rendering every page of the site and writing the site folder.

Pages are rendered from the built-in templates (or the schéma's own, by
name) with one Jinja environment; files go through files.DossierEcrit:
each replaced at once, unchanged ones left alone, nothing outside the folder.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sus_cli.bilan.rendu import Gabarits
from sus_cli.files import DossierEcrit
from sus_cli.site import recherche
from sus_cli.site.donnees import DonneesSite

MARQUE = ".sus-site.json"  # the list of the files the last `sus site` wrote there


@dataclass(frozen=True, slots=True)
class FichierDonnees:
    """A file of the données page: an export or the JSON bilan."""

    fichier: str  # "donnees/export-sus.xlsx"
    titre: str
    description: str
    octets: bytes

    @property
    def nom(self) -> str:
        return self.fichier.rsplit("/", 1)[-1]


def pages(site: DonneesSite, gabarits: Gabarits, donnees: list[FichierDonnees]) -> Iterator[tuple[str, str | bytes]]:
    """(path in the site, content) of every file, the pages one by one (a
    5,000-fiche site is never held in memory at once)."""
    yield "style.css", gabarits.rendre("site.css.j2", site=site)
    yield "site.js", gabarits.texte("site.js")
    yield "recherche.js", recherche.script(site)
    if site.logo is not None:
        yield site.logo.fichier, site.logo.octets
    yield "index.html", gabarits.rendre("site-index.html.j2", site=site, racine="")
    yield "donnees.html", gabarits.rendre("site-donnees.html.j2", site=site, racine="", fichiers=donnees)
    for fichier in donnees:
        yield fichier.fichier, fichier.octets
    for page in site.fiches:
        yield page.fichier, gabarits.rendre("site-fiche.html.j2", site=site, racine="../", p=page)
    for direction in site.directions:
        yield direction.fichier, gabarits.rendre("site-direction.html.j2", site=site, racine="../", d=direction)
    for volet in site.volets:
        yield volet.fichier, gabarits.rendre("site-volet.html.j2", site=site, racine="../", v=volet)


@dataclass(frozen=True, slots=True)
class Resultat:
    fichiers: int
    modifies: int
    retires: tuple[str, ...]


def ecrire_site(site: DonneesSite, gabarits: Gabarits, dossier: DossierEcrit,
                donnees: list[FichierDonnees]) -> Resultat:
    try:
        for relatif, contenu in pages(site, gabarits, donnees):
            dossier.ecrire(relatif, contenu)
    except BaseException:
        dossier.enregistrer()
        raise
    retires = dossier.terminer()
    return Resultat(len(dossier.ecrits), dossier.modifies, tuple(retires))
