"""A schéma repository on disk: find its root, read sus.yaml and every fiche."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sus_cli.diagnostics import Constat
from sus_cli.loading.documents import (Document, config_depuis_octets, fiche_depuis_octets, lire_config,
                                       lire_fiche, lire_id)
from sus_cli.model import Config

FICHIER_CONFIG = "sus.yaml"
DOSSIER_FICHES = "fiches"


class RacineIntrouvable(Exception):
    """No sus.yaml here or above: a usage error (exit 2), not a finding."""


def trouver_racine(depart: Path, racine: Path | None = None) -> Path:
    if racine is not None:
        racine = racine.resolve()
        if not (racine / FICHIER_CONFIG).is_file():
            raise RacineIntrouvable(f"pas de fichier {FICHIER_CONFIG} dans {racine}")
        return racine
    depart = depart.resolve()
    for dossier in (depart, *depart.parents):
        if (dossier / FICHIER_CONFIG).is_file():
            return dossier
    raise RacineIntrouvable(
        f"aucun fichier {FICHIER_CONFIG} dans {depart} ni dans ses dossiers parents : "
        "placez-vous dans un dépôt de schéma, indiquez-le avec --racine, ou créez-en un avec « sus init »")


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
        entries that only report an unreadable folder (a symlink loop)."""
        return [f for f in self.fiches if f.chemin.endswith(".md")]

    def a_chiffrer(self) -> list[tuple[str, object, str | None]]:
        """(path, model or None, id) of every fiche: what figures/ takes."""
        return [(f.chemin, f.modele, f.id) for f in self.fiches_lues()]

    def invalides(self) -> list[str]:
        """Paths of the fiches that could not be validated (left out of lists and bilans)."""
        return [f.chemin for f in self.fiches_lues() if f.modele is None]


def fichiers_fiches(racine: Path) -> Iterator[tuple[Path, str, Constat | None]]:
    """Every `fiches/**/*.md` as (path, relative path, problem), sorted.

    Symlinked folders are followed once: a folder already visited (a
    symlink loop) is reported, not walked again.
    """
    base = racine / DOSSIER_FICHES
    if not base.is_dir():
        return
    vus: set[tuple[int, int]] = set()
    base_reelle = base.resolve()
    for dossier, sous_dossiers, fichiers in os.walk(base, followlinks=True):
        for nom in list(sous_dossiers):
            lien = Path(dossier) / nom
            if lien.is_symlink() and base_reelle.is_relative_to(lien.resolve()):
                # A link to fiches/ or one of its parents: walking it never ends.
                sous_dossiers.remove(nom)
                yield lien, lien.relative_to(racine).as_posix(), Constat(
                    "lien symbolique en boucle : ce dossier renvoie à un dossier parent ; supprimez le lien",
                    ligne=1, colonne=1)
        info = os.stat(dossier)
        cle = (info.st_dev, info.st_ino)
        relatif_dossier = Path(dossier).relative_to(racine).as_posix()
        if cle in vus:
            sous_dossiers.clear()
            yield Path(dossier), relatif_dossier, Constat(
                "lien symbolique en boucle : ce dossier renvoie à un dossier déjà lu ; supprimez le lien",
                ligne=1, colonne=1)
            continue
        vus.add(cle)
        sous_dossiers.sort()
        for nom in sorted(fichiers):
            if not nom.endswith(".md"):
                continue
            chemin = Path(dossier) / nom
            relatif = f"{relatif_dossier}/{nom}"
            if chemin.is_symlink() and not chemin.exists():
                yield chemin, relatif, Constat(
                    "lien symbolique cassé ou en boucle : la cible n'existe pas", ligne=1, colonne=1)
                continue
            yield chemin, relatif, None


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
    depot = Depot(racine, lire_config(racine / FICHIER_CONFIG))
    for chemin, relatif, probleme in fichiers_fiches(racine):
        if probleme is not None:
            document = Document(relatif)
            document.problemes.append(("SUS104", probleme))
        elif a_lire is None or a_lire(relatif):
            document = lire_fiche(chemin, relatif)
        else:
            document = lire_id(chemin, relatif)
        depot.fiches.append(document)
    return depot
