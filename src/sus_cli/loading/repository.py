"""A schéma repository on disk: find its root, read sus.yaml and every fiche."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sus_cli.loading.arbre import (DOSSIER_FICHES, FICHIER_CONFIG, Entree, RacineIntrouvable,  # noqa: F401
                                   fichiers_fiches, trouver_racine)
from sus_cli.loading.documents import (Document, config_depuis_octets, fiche_depuis_octets, lire_config,
                                       lire_fiche, lire_id)
from sus_cli.paralleles import SEUIL_PARALLELE, appliquer, processus_disponibles

if TYPE_CHECKING:
    from sus_cli.model import Config


@dataclass(slots=True)
class Depot:
    racine: Path
    config_doc: Document
    fiches: list[Document] = field(default_factory=list)
    # The day its files' own rules ran as they were read (charger's `analyse`), if they did.
    regles_du: Any = None

    @property
    def config(self) -> Config | None:
        return self.config_doc.modele

    def documents(self) -> Iterator[Document]:
        yield self.config_doc
        yield from self.fiches

    def fiches_lues(self) -> list[Document]:
        """The `.md` files read under fiches/ (parsed or not), without the
        entries that only report a folder."""
        return [f for f in self.fiches if not f.dossier]

    def dossiers_non_lus(self) -> list[Document]:
        """Folders under fiches/ whose fiches are missing from every count:
        unreadable, or links out of the schéma (a loop hides nothing)."""
        return [f for f in self.fiches if f.dossier and all(c.type != "boucle" for _, c in f.problemes)]

    def a_chiffrer(self) -> list[tuple[str, object, str | None]]:
        """(path, model or None, id) of every fiche, and of every folder not
        read: what figures/ takes (the folders are left out, and said so). A
        fiche read with figures.fiches.chiffrage gives its figures instead of its model."""
        return [(f.chemin, f.extrait if f.leger else f.modele, f.id)
                for f in (*self.fiches_lues(), *self.dossiers_non_lus())]

    def invalides(self) -> list[str]:
        """Paths of the fiches that could not be validated, and of the folders
        not read (left out of lists and bilans)."""
        return [f.chemin for f in self.fiches_lues() if not f.valide] + [
            f.chemin for f in self.dossiers_non_lus()]


def _sans_ramasse_miettes(fonction):
    """Run a bulk load with the cyclic collector paused, then freeze what it built.

    Loading allocates millions of small objects that all stay alive and hold
    no reference cycles: the collector would only re-scan a growing heap
    again and again (3× the loading time on 2,000 fiches). Afterwards they
    are frozen out of its sight for the rest of the run.
    """
    def enveloppe(*args, **kwargs):
        reactiver = gc.isenabled()
        gc.disable()
        try:
            return fonction(*args, **kwargs)
        finally:
            gc.freeze()
            if reactiver:
                gc.enable()
    return enveloppe


# Given sus.yaml's document, the function a command runs on each fiche as it is read.
Preparation = Callable[[Document], Callable[[Document], Any]]


class _Lecteur:
    """What is done with each fiche as it is read (in this process, or in a worker that
    inherits it): parse, analyse, keep what the command needs, drop the rest."""

    def __init__(self, config: Document, a_lire: Callable[[str], bool] | None, texte: str,
                 analyse: Preparation | None, extraire: Preparation | None,
                 octets: dict[str, bytes] | None = None):
        if texte not in ("tout", "corps", "aucun"):
            raise ValueError(texte)
        self.a_lire, self.texte, self.octets = a_lire, texte, octets
        self.analyser = analyse(config) if analyse is not None else None
        self.extraire = extraire(config) if extraire is not None else None
        if texte != "tout":
            config.oublier_texte()

    def __call__(self, entree: Entree) -> Document:
        chemin, relatif, probleme, dossier = entree
        if probleme is not None:
            document = Document(relatif, dossier=dossier)
            document.problemes.append(("SUS104", probleme))
        elif self.a_lire is not None and not self.a_lire(relatif):
            return lire_id(chemin, relatif)
        elif self.octets is not None:
            document = fiche_depuis_octets(relatif, self.octets[relatif], garder_noeuds=self.analyser is not None)
        else:
            document = lire_fiche(chemin, relatif, garder_noeuds=self.analyser is not None)
        if self.analyser is not None:
            document.resume = self.analyser(document)  # while its YAML nodes give positions
        if self.extraire is not None:
            document.alleger(self.extraire(document))
        elif self.texte != "tout":
            document.oublier_texte(garder_corps=self.texte == "corps")
        return document


@_sans_ramasse_miettes
def charger_octets(racine: Path, fichiers: dict[str, bytes], *, texte: str = "tout",
                   analyse: Preparation | None = None, extraire: Preparation | None = None) -> Depot:
    """A repository from file contents by relative path (a tree read from git); `texte`,
    `analyse` and `extraire` as for `charger`."""
    if "sus.yaml" not in fichiers:
        raise RacineIntrouvable("pas de sus.yaml à cette révision")
    depot = Depot(racine, config_depuis_octets(fichiers["sus.yaml"], garder_noeuds=analyse is not None))
    lecteur = _Lecteur(depot.config_doc, None, texte, analyse, extraire, fichiers)
    depot.fiches = [lecteur(Entree(str(racine / r), r)) for r in sorted(fichiers)
                    if r.startswith(f"{DOSSIER_FICHES}/") and r.endswith(".md")]
    return depot


@_sans_ramasse_miettes
def charger(racine: Path, a_lire: Callable[[str], bool] | None = None, *, texte: str = "tout",
            analyse: Preparation | None = None, extraire: Preparation | None = None,
            processus: int | None = 1) -> Depot:
    """Load sus.yaml and every fiche. With `a_lire`, only the fiches it
    accepts (by relative path) are parsed; the others are read for their id.

    What is kept of each fiche is what the command needs: `texte` "tout"
    (the file's text), "corps" (its Markdown body only) or "aucun". `analyse`
    runs as each fiche is read, while its YAML nodes still give positions
    (the engine's own rules of the file: `document.resume`). `extraire`
    keeps, instead of the fiche's content, what it returns
    (`document.extrait`; the document is made light); then the fiches may be
    read by `processus` worker processes (None: one per processor for a large
    schéma), which send back only that.
    """
    depot = Depot(racine, lire_config(racine / FICHIER_CONFIG, racine=racine, garder_noeuds=analyse is not None))
    lecteur = _Lecteur(depot.config_doc, a_lire, texte, analyse, extraire)
    entrees = list(fichiers_fiches(racine))
    if extraire is None:
        processus = 1  # models stay in this process: workers would have to send them back
    elif processus is None:
        processus = processus_disponibles() if len(entrees) >= SEUIL_PARALLELE else 1
    depot.fiches = appliquer(lecteur, entrees, processus)
    return depot
