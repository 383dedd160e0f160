"""Reading a file of the schéma from disk: only a regular file, only inside
the schéma's root, and never more than the size limit.

A fiche is untrusted, and so is what its path leads to: a committed link to
`/dev/zero` would fill the memory, one to `/dev/stdin` (or a named pipe)
would wait forever, one to `/etc/…` would read, and quote in messages, a
file that is not the schéma's.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from sus_cli.files import expliquer
from sus_cli.loading.text import TAILLE_MAX

# O_NONBLOCK: opening a named pipe must not wait for a writer (it is refused
# right after, by fstat). O_NOFOLLOW: the path was checked; a link swapped in
# since is refused rather than followed.
_DRAPEAUX = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


class Illisible(Exception):
    """Why a file is not read: a rule code (SUS103, SUS104) and a French message."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def hors_de(racine: Path, chemin: str | Path) -> str | None:
    """Where `chemin` really leads when that is outside `racine` (links
    followed); None when it stays inside."""
    reel = os.path.realpath(chemin)
    return None if Path(reel).is_relative_to(os.path.realpath(racine)) else reel


def trop_gros(taille: int) -> str:
    return (f"fichier trop volumineux ({taille / 1024 / 1024:.1f} Mo ; une fiche fait au plus "
            f"{TAILLE_MAX // 1024} Ko) : ce n'est sans doute pas une fiche")


def lire_octets(chemin: Path, racine: Path | None = None, limite: int | None = None) -> bytes:
    """The bytes of a regular file, at most TAILLE_MAX (SUS103 beyond).

    With `racine`, a path that leads out of it (through a link) is refused
    (SUS104). With `limite`, only that many first bytes are read, whatever
    the size. Raises `Illisible`.
    """
    return lire_octets_et_etat(chemin, racine, limite)[0]


def lire_octets_et_etat(chemin: Path, racine: Path | None = None, limite: int | None = None,
                        taille_max: int = TAILLE_MAX) -> tuple[bytes, os.stat_result]:
    """`lire_octets`, and the file's status taken before reading it (what the
    cache compares to know a file unchanged without reading it)."""
    if racine is not None:
        dehors = hors_de(racine, chemin)
        if dehors is not None:
            raise Illisible("SUS104", f"lien symbolique vers {dehors}, hors du dépôt : sus ne le suit pas")
        chemin = Path(os.path.realpath(chemin))
    try:
        descripteur = os.open(chemin, _DRAPEAUX)
    except OSError as err:
        raise Illisible("SUS104", f"fichier illisible : {expliquer(err)}") from None
    try:
        info = os.fstat(descripteur)
        if not stat.S_ISREG(info.st_mode):
            raise Illisible("SUS104", "ce n'est pas un fichier ordinaire (tube nommé, périphérique, dossier…) : "
                                      "il n'est pas lu")
        if limite is None and info.st_size > taille_max:
            raise Illisible("SUS103", trop_gros(info.st_size))
        a_lire = limite if limite is not None else taille_max + 1
        # Ask for the size the file says it has, plus one byte that tells it
        # grew: os.read allocates what it is asked for, and a larger buffer
        # shrunk afterwards fragments the memory of a large repository.
        morceaux, lus, demande = [], 0, min(a_lire, info.st_size + 1)
        while lus < a_lire:
            morceau = os.read(descripteur, min(a_lire - lus, demande))
            if not morceau:
                break
            morceaux.append(morceau)
            lus += len(morceau)
            demande = 64 * 1024  # it grew since fstat: read on, by blocks
        octets = b"".join(morceaux)
    except OSError as err:
        raise Illisible("SUS104", f"fichier illisible : {expliquer(err)}") from None
    finally:
        os.close(descripteur)
    if limite is None and len(octets) > taille_max:  # it grew since fstat
        raise Illisible("SUS103", trop_gros(len(octets)))
    return octets, info
