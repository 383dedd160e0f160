"""Writing files: always atomically (a temporary file in the same folder,
then a rename), so that an interrupted command never leaves half a file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _mode(chemin: Path) -> int:
    try:
        return chemin.stat().st_mode & 0o7777
    except FileNotFoundError:
        masque = os.umask(0)
        os.umask(masque)
        return 0o666 & ~masque


def ecrire_atomique(chemin: Path, contenu: str | bytes) -> None:
    """Text is written as UTF-8 with the newlines it has."""
    chemin.parent.mkdir(parents=True, exist_ok=True)
    descripteur, temporaire = tempfile.mkstemp(dir=chemin.parent, prefix=f".{chemin.name}.", suffix=".tmp")
    try:
        ouvert = (os.fdopen(descripteur, "wb") if isinstance(contenu, bytes)
                  else os.fdopen(descripteur, "w", encoding="utf-8", newline=""))
        with ouvert as flux:
            flux.write(contenu)
            flux.flush()
            os.fsync(flux.fileno())
        # mkstemp creates the file readable by its owner only: give it the
        # mode of the file it replaces, or the usual one for a new file.
        os.chmod(temporaire, _mode(chemin))
        os.replace(temporaire, chemin)
    except BaseException:
        try:
            os.unlink(temporaire)
        except FileNotFoundError:
            pass
        raise


class FichierModifieEntreTemps(Exception):
    """A file changed on disk between reading and writing: nothing is written."""


def _temporaire(chemin: Path, contenu: bytes) -> str:
    descripteur, temporaire = tempfile.mkstemp(dir=chemin.parent, prefix=f".{chemin.name}.", suffix=".tmp")
    try:
        with os.fdopen(descripteur, "wb") as flux:
            flux.write(contenu)
            flux.flush()
            os.fsync(flux.fileno())
        os.chmod(temporaire, _mode(chemin))
    except BaseException:
        _supprimer(temporaire)
        raise
    return temporaire


def _supprimer(chemin: str) -> None:
    try:
        os.unlink(chemin)
    except FileNotFoundError:
        pass


def ecrire_ensemble(fichiers: list[tuple[Path, bytes, bytes]]) -> None:
    """Replace several files, all or none: (path, bytes read before, new bytes).

    Every new content is first written next to its file; then each replaces
    its file. If a file changed since it was read, nothing is written; if a
    replacement fails half-way (a full disk, an interruption), the files
    already replaced get their old bytes back.
    """
    cibles = [(Path(os.path.realpath(chemin)), avant, apres) for chemin, avant, apres in fichiers]
    for chemin, avant, _ in cibles:
        if chemin.read_bytes() != avant:
            raise FichierModifieEntreTemps(str(chemin))
    temporaires: list[str] = []
    remplaces: list[tuple[Path, bytes]] = []
    try:
        for chemin, _, apres in cibles:
            temporaires.append(_temporaire(chemin, apres))
        for (chemin, avant, _), temporaire in zip(cibles, temporaires):
            os.replace(temporaire, chemin)
            remplaces.append((chemin, avant))
    except BaseException:
        for temporaire in temporaires:
            _supprimer(temporaire)
        for chemin, avant in reversed(remplaces):
            os.replace(_temporaire(chemin, avant), chemin)
        raise
