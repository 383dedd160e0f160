"""A schéma repository on disk: find its root, read sus.yaml and every fiche."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sus_cli.loading.arbre import (DOSSIER_FICHES, FICHIER_CONFIG, Entree, RacineIntrouvable,  # noqa: F401
                                   fichiers_fiches, trouver_racine)
from sus_cli.loading.documents import (Document, config_depuis_octets, fiche_depuis_octets, lire_config,
                                       lire_fiche, lire_id)

if TYPE_CHECKING:
    from sus_cli.model import Config


@dataclass(slots=True)
class Depot:
    racine: Path
    config_doc: Document
    fiches: list[Document] = field(default_factory=list)

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
        read: what figures/ takes (the folders are left out, and said so)."""
        return [(f.chemin, f.modele, f.id) for f in (*self.fiches_lues(), *self.dossiers_non_lus())]

    def invalides(self) -> list[str]:
        """Paths of the fiches that could not be validated, and of the folders
        not read (left out of lists and bilans)."""
        return [f.chemin for f in self.fiches_lues() if f.modele is None] + [
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


@_sans_ramasse_miettes
def charger_octets(racine: Path, fichiers: dict[str, bytes]) -> Depot:
    """A repository from file contents by relative path (a tree read from git)."""
    if "sus.yaml" not in fichiers:
        raise RacineIntrouvable("pas de sus.yaml à cette révision")
    depot = Depot(racine, config_depuis_octets(fichiers["sus.yaml"]))
    for relatif in sorted(r for r in fichiers if r.startswith(f"{DOSSIER_FICHES}/") and r.endswith(".md")):
        depot.fiches.append(fiche_depuis_octets(relatif, fichiers[relatif]))
    return depot


@_sans_ramasse_miettes
def charger(racine: Path, a_lire: Callable[[str], bool] | None = None) -> Depot:
    """Load sus.yaml and every fiche. With `a_lire`, only the fiches it
    accepts (by relative path) are parsed; the others are read for their id."""
    depot = Depot(racine, lire_config(racine / FICHIER_CONFIG, racine=racine))
    for chemin, relatif, probleme, dossier in fichiers_fiches(racine):
        if probleme is not None:
            document = Document(relatif, dossier=dossier)
            document.problemes.append(("SUS104", probleme))
        elif a_lire is None or a_lire(relatif):
            document = lire_fiche(chemin, relatif)
        else:
            document = lire_id(chemin, relatif)
        depot.fiches.append(document)
    return depot
