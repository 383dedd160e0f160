"""A schéma repository on disk: find its root, and walk its fiches/ folder
(only what lies inside the schéma is read; links and unreadable folders are
reported, not followed). Nothing here parses a file."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from sus_cli.diagnostics import Constat
from sus_cli.files import expliquer

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


class Entree(NamedTuple):
    """A file (or a folder not read) found under fiches/."""

    chemin: str  # where to read it (a link's target, checked to be inside the schéma)
    relatif: str  # as shown, relative to the root, with "/"
    probleme: Constat | None = None  # why it is not read (SUS104)
    dossier: bool = False


def _pas_lu(chemin, relatif: str, message: str, dossier: bool, type_: str | None = None) -> Entree:
    return Entree(str(chemin), relatif, Constat(message, ligne=1, colonne=1, type=type_), dossier)


def fichiers_fiches(racine: Path) -> Iterator[Entree]:
    """Every `fiches/**/*.md`, sorted, and every folder or link that could not be walked.

    Only what lies inside the schéma's root is read: a link that leads out
    of it is reported (SUS104) and not followed, as is a folder that cannot
    be read (its fiches would otherwise be left out without a word). A
    folder reached twice through links (a loop) is reported once and not
    walked again. Whether a `.md` is a regular file is checked when reading it.
    """
    base = racine / DOSSIER_FICHES
    racine_reelle = Path(os.path.realpath(racine))
    base_reelle = Path(os.path.realpath(base))
    vus: set[tuple[int, int]] = set()
    pile = [(base, DOSSIER_FICHES)]
    while pile:
        dossier, relatif_dossier = pile.pop()
        try:
            info = os.stat(dossier)
        except OSError:
            continue  # no fiches/ folder: no fiche
        if not stat.S_ISDIR(info.st_mode):
            continue
        if (info.st_dev, info.st_ino) in vus:
            yield _pas_lu(dossier, relatif_dossier, "lien symbolique en boucle : ce dossier renvoie à un dossier "
                                                    "déjà lu ; supprimez le lien", True, "boucle")
            continue
        vus.add((info.st_dev, info.st_ino))
        try:
            with os.scandir(dossier) as parcours:
                entrees = sorted(parcours, key=lambda e: e.name)
        except OSError as err:
            yield _pas_lu(dossier, relatif_dossier, f"dossier illisible ({expliquer(err)}) : les fiches qu'il "
                                                    "contient ne sont pas lues", True)
            continue
        sous_dossiers = []
        for entree in entrees:
            # Paths stay text: a Path object per file costs more than reading the file's id.
            chemin, relatif, fiche = entree.path, f"{relatif_dossier}/{entree.name}", entree.name.endswith(".md")
            if entree.is_symlink():
                reel = Path(os.path.realpath(chemin))
                est_dossier = reel.is_dir()
                if not est_dossier and not reel.exists():
                    if fiche:
                        yield _pas_lu(chemin, relatif, "lien symbolique cassé ou en boucle : la cible n'existe pas",
                                      False)
                elif not reel.is_relative_to(racine_reelle):
                    if fiche or est_dossier:
                        yield _pas_lu(chemin, relatif, f"lien symbolique vers {reel}, hors du dépôt : sus ne le "
                                                       "suit pas", est_dossier)
                elif est_dossier and base_reelle.is_relative_to(reel):
                    # A link to fiches/ or one of its parents: walking it never ends.
                    yield _pas_lu(chemin, relatif, "lien symbolique en boucle : ce dossier renvoie à un dossier "
                                                   "parent ; supprimez le lien", True, "boucle")
                elif est_dossier:
                    sous_dossiers.append((reel, relatif))
                elif fiche:
                    yield Entree(str(reel), relatif)
            elif entree.is_dir(follow_symlinks=False):
                sous_dossiers.append((chemin, relatif))
            elif fiche:
                yield Entree(chemin, relatif)
        pile.extend(reversed(sous_dossiers))
