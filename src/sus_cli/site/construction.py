"""Rendering every page of the site and writing the site folder.

Pages are rendered from the built-in templates (or the schéma's own, by
name) with one Jinja environment; files go through files.DossierEcrit:
each replaced at once, unchanged ones left alone, nothing outside the folder.

A large schéma's fiche pages and the données files are made by worker
processes forked from this one (paralleles.py, Linux): they inherit the
loaded schéma and the compiled templates, and send the files back; this
process alone writes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sus_cli.bilan.rendu import Gabarits
from sus_cli.files import DossierEcrit
from sus_cli.paralleles import SEUIL_PARALLELE, partage, processus_disponibles, travailleurs
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


def _fiche(site: DonneesSite, gabarits: Gabarits, page) -> tuple[str, bytes]:
    return page.fichier, gabarits.rendre("site-fiche.html.j2", site=site, racine="../", p=page).encode("utf-8")


def _communs(site: DonneesSite, gabarits: Gabarits) -> Iterator[tuple[str, str | bytes]]:
    """Every file but the fiche pages and the données page and files."""
    yield "style.css", gabarits.rendre("site.css.j2", site=site)
    yield "site.js", gabarits.texte("site.js")
    yield "recherche.js", recherche.script(site)
    if site.logo is not None:
        yield site.logo.fichier, site.logo.octets
    yield "index.html", gabarits.rendre("site-index.html.j2", site=site, racine="")
    for direction in site.directions:
        yield direction.fichier, gabarits.rendre("site-direction.html.j2", site=site, racine="../", d=direction)
    for volet in site.volets:
        yield volet.fichier, gabarits.rendre("site-volet.html.j2", site=site, racine="../", v=volet)


def _donnees(site: DonneesSite, gabarits: Gabarits, donnees: list[FichierDonnees]) -> Iterator[tuple[str, str | bytes]]:
    yield "donnees.html", gabarits.rendre("site-donnees.html.j2", site=site, racine="", fichiers=donnees)
    for fichier in donnees:
        yield fichier.fichier, fichier.octets


@dataclass(frozen=True, slots=True)
class Resultat:
    fichiers: int
    modifies: int
    retires: tuple[str, ...]


def ecrire_site(site: DonneesSite, gabarits: Gabarits, dossier: DossierEcrit,
                fabriquer_donnees: Callable[[], list[FichierDonnees]], processus: int | None = None) -> Resultat:
    """Write every file of the site; `fabriquer_donnees` makes the données files (the costliest ones)."""
    processus = processus_disponibles() if processus is None else processus
    try:
        if processus > 1 and len(site.fiches) >= SEUIL_PARALLELE:
            _en_parallele(site, gabarits, dossier, fabriquer_donnees, processus)
        else:
            for relatif, contenu in _communs(site, gabarits):
                dossier.ecrire(relatif, contenu)
            for page in site.fiches:
                dossier.ecrire(*_fiche(site, gabarits, page))
            for relatif, contenu in _donnees(site, gabarits, fabriquer_donnees()):
                dossier.ecrire(relatif, contenu)
    except BaseException:
        dossier.enregistrer()
        raise
    retires = dossier.terminer()
    return Resultat(len(dossier.ecrits), dossier.modifies, tuple(retires))


def _tranche(debut: int, fin: int) -> list[tuple[str, bytes]]:
    site, gabarits, _ = partage()
    return [_fiche(site, gabarits, page) for page in site.fiches[debut:fin]]


def _fabriquer() -> list[FichierDonnees]:
    return partage()[2]()


def _en_parallele(site, gabarits, dossier, fabriquer_donnees, processus: int) -> None:
    from concurrent.futures import as_completed

    gabarits.env.get_template("site-fiche.html.j2")  # compiled once, before the fork
    n = len(site.fiches)
    taille = max(50, -(-n // (processus * 6)))
    with travailleurs(processus, (site, gabarits, fabriquer_donnees)) as pool:
        donnees = pool.submit(_fabriquer)  # the longest task first
        tranches = [pool.submit(_tranche, debut, min(debut + taille, n)) for debut in range(0, n, taille)]
        for relatif, contenu in _communs(site, gabarits):
            dossier.ecrire(relatif, contenu)
        for tranche in as_completed(tranches):
            for relatif, octets in tranche.result():
                dossier.ecrire(relatif, octets)
        for relatif, contenu in _donnees(site, gabarits, donnees.result()):
            dossier.ecrire(relatif, contenu)
