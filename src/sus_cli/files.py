"""Writing files: always atomically (a temporary file in the same folder,
then a rename), so that an interrupted command never leaves half a file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


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
        os.replace(temporaire, chemin)
    except BaseException:
        try:
            os.unlink(temporaire)
        except FileNotFoundError:
            pass
        raise
