"""What the site's pages show, gathered once from the loaded schéma. Every
figure comes from figures/ (chiffrer_schema, synthetiser, en_retard); this
module only arranges them by page: one per fiche, direction and volet."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sus_cli.figures.fiches import ChiffresFiche
from sus_cli.figures.schema import Axe, ChiffresSchema, Objectif, Volet, chiffrer_schema
from sus_cli.figures.synthese import ORDRE_STATUTS, Synthese, synthetiser
from sus_cli.loading.repository import Depot
from sus_cli.model.config import InfoSchema
from sus_cli.site.noms import Noms
from sus_cli.site.theme import Logo, couleur_lisible


@dataclass(slots=True)
class PageFiche:
    chiffres: ChiffresFiche  # the figures of the site's year; late as of today
    nom: str  # its file name, without folder and extension
    corps: str  # the fiche's Markdown text
    volet: Volet
    axe: Axe
    objectif: Objectif
    etapes: tuple = ()  # (étape, its deadline passed and it is not done)
    notes: tuple = ()  # notes de suivi, the latest first
    liees: tuple = ()  # (id, PageFiche or None when no such fiche)
    direction: PageDirection | None = None

    @property
    def fiche(self):
        return self.chiffres.fiche

    @property
    def id(self) -> str:
        return self.chiffres.id

    @property
    def fichier(self) -> str:
        return f"fiches/{self.nom}.html"


@dataclass(slots=True)
class PageDirection:
    code: str
    nom: str  # the direction's name in sus.yaml (its code when it is not there)
    connue: bool  # declared in sus.yaml
    nom_fichier: str
    synthese: Synthese
    fiches: list[PageFiche] = field(default_factory=list)  # late ones first, then in the schéma's order

    @property
    def fichier(self) -> str:
        return f"directions/{self.nom_fichier}.html"


@dataclass(slots=True)
class PageVolet:
    volet: Volet
    nom_fichier: str

    @property
    def fichier(self) -> str:
        return f"volets/{self.nom_fichier}.html"


@dataclass(slots=True)
class DonneesSite:
    """The variables every page template receives as `site` (see docs/templates.md)."""

    chiffres: ChiffresSchema
    schema: InfoSchema
    jour: dt.date
    fiches: list[PageFiche]
    directions: list[PageDirection]
    volets: list[PageVolet]
    pages: dict[str, PageFiche]  # by the fiche's file path (chemin)
    par_id: dict[str, PageFiche]
    couleur: str
    logo: Logo | None = None
    statuts: tuple[str, ...] = ORDRE_STATUTS

    @property
    def annee(self) -> int:
        return self.chiffres.annee

    def pages_de(self, fiches) -> list[PageFiche]:
        """The pages of figures.fiches.ChiffresFiche (those of an objectif)."""
        return [self.pages[f.chemin] for f in fiches]

    def page_du_volet(self, code: str) -> PageVolet:
        return next(v for v in self.volets if v.volet.code == code)


def preparer(depot: Depot, annee: int, jour: dt.date, logo: Logo | None = None) -> DonneesSite:
    config = depot.config
    chiffres = chiffrer_schema(config, depot.a_chiffrer(), annee, jour)
    corps = {d.chemin: d.corps for d in depot.fiches_lues()}
    noms = Noms()
    fiches: list[PageFiche] = []
    for volet in chiffres.volets:
        for axe in volet.axes:
            for objectif in axe.objectifs:
                for f in objectif.fiches:
                    fiche = f.fiche
                    etapes = tuple((e, e.echeance is not None and e.echeance < jour and not e.faite)
                                   for e in fiche.etapes)
                    notes = tuple(sorted(fiche.notes_suivi, key=lambda n: n.date, reverse=True))
                    fiches.append(PageFiche(f, noms.nom(f.id), corps.get(f.chemin, ""), volet, axe, objectif,
                                            etapes, notes))
    par_id: dict[str, PageFiche] = {}
    for page in fiches:
        par_id.setdefault(page.id, page)
    for page in fiches:
        page.liees = tuple((i, par_id.get(i)) for i in page.fiche.fiches_liees)
    directions = _directions(config, chiffres, fiches)
    noms_volets = Noms()
    volets = [PageVolet(v, noms_volets.nom(v.code)) for v in chiffres.volets]
    return DonneesSite(chiffres, config.schema_, jour, fiches, directions, volets,
                       {p.chiffres.chemin: p for p in fiches}, par_id,
                       couleur_lisible(config.site.couleur if config.site else None), logo)


def _directions(config, chiffres: ChiffresSchema, fiches: list[PageFiche]) -> list[PageDirection]:
    """Every direction of sus.yaml, then the porteurs it does not declare, each with exactly its fiches."""
    par_porteur: dict[str, list[PageFiche]] = {}
    for page in fiches:
        par_porteur.setdefault(page.fiche.porteur, []).append(page)
    syntheses = {c.code: c.synthese for c in chiffres.porteurs}
    codes = list(config.directions) + sorted(set(par_porteur) - set(config.directions))
    noms = Noms()
    directions = []
    for code in codes:
        siennes = sorted(par_porteur.get(code, []), key=lambda p: not p.chiffres.en_retard)  # stable: schéma order
        direction = config.directions.get(code)
        page = PageDirection(code, direction.nom if direction else code, direction is not None, noms.nom(code),
                             syntheses.get(code) or synthetiser([]), siennes)
        for fiche in siennes:
            fiche.direction = page
        directions.append(page)
    return directions


def depuis_depot(depot: Depot, annee: int, jour: dt.date, racine: Path) -> tuple[DonneesSite, str | None]:
    """The site's data, and what went wrong reading the logo (the site is then made without it)."""
    from sus_cli.site.theme import LogoIllisible, lire_logo
    logo, probleme = None, None
    site = depot.config.site
    if site is not None and site.logo:
        try:
            logo = lire_logo(racine, site.logo)
        except LogoIllisible as err:
            probleme = str(err)
    return preparer(depot, annee, jour, logo), probleme
