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
