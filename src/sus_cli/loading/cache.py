"""The results of the checks, file by file, kept between two runs in
`.sus-cache/` at the root of the schéma: a file whose bytes did not change
is not read again as YAML nor checked again.

An entry is keyed on the file's path and bytes (a BLAKE2 digest); the whole
cache on everything else its results depend on: the format of the cache, the
version of sus and of the code it runs (the installed files of sus, pydantic
and PyYAML), and what the caller says (sus.yaml's bytes, the day the date
rules compare with). When any of these changes, every result is dropped;
what depends on the file alone (its status, and the caller's extract of it:
the id read without parsing it) is kept while the code is the same.

The cache is untrusted input like the fiches: it is JSON (never pickle),
read only when it is a regular file inside the schéma, of a bounded size,
and only when its seal checks: a keyed BLAKE2 digest of its content, whose
key is a secret of the user's own (in their cache folder, outside the
schéma). A cache file committed to git, copied from another machine or
written by someone else in a shared folder is thus ignored, never believed.
Anything wrong with it (unreadable, corrupt, of another version) makes a
cold run that writes a new one; a cache that cannot be written is simply not
kept. Two runs at the same time each replace the whole file at once
(files.ecrire_atomique): the last one wins, the other's new entries are
computed again next time.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
from pathlib import Path
from typing import Any

DOSSIER = ".sus-cache"
FICHIER = "verification.json"
FORMAT = 2
_ENTETE = b"sus-cache"
# A cache holds about a kilobyte per fiche: far beyond, it is not ours.
TAILLE_MAX = 128 * 1024 * 1024

_ETIQUETTE = ("Signature: 8a477f597d28d172789f06886806bc55\n"
              "# Ce dossier est le cache de sus (sus validate) : il peut être supprimé sans risque.\n")


def empreinte(octets: bytes) -> str:
    """A file's content as a short digest."""
    return hashlib.blake2b(octets, digest_size=16).hexdigest()


def etat(info: os.stat_result) -> list[int]:
    """What tells a file unchanged without reading it (a run that reports on other files)."""
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]


def _dossier_utilisateur() -> Path | None:
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "sus" if base else None
    base = os.environ.get("XDG_CACHE_HOME") or (os.path.join(os.path.expanduser("~"), ".cache")
                                                if os.path.expanduser("~") != "~" else "")
    return Path(base) / "sus" if base and os.path.isabs(base) else None


def _secret() -> bytes | None:
    """The user's own key that seals their caches (made once, readable by them only); None when
    their cache folder cannot hold it: then no cache is kept."""
    dossier = _dossier_utilisateur()
    if dossier is None:
        return None
    chemin = dossier / "cle-cache"
    for _ in range(2):
        try:
            descripteur = os.open(chemin, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except FileNotFoundError:
            try:
                dossier.mkdir(parents=True, exist_ok=True, mode=0o700)
                descripteur = os.open(chemin, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0),
                                      0o600)
            except FileExistsError:
                continue  # another run made it first: read theirs
            except OSError:
                return None
            try:
                cle = os.urandom(32)
                os.write(descripteur, cle)
                return cle
            except OSError:
                return None
            finally:
                os.close(descripteur)
        except OSError:
            return None
        try:
            info = os.fstat(descripteur)
            cle = os.read(descripteur, 64)
        except OSError:
            return None
        finally:
            os.close(descripteur)
        prive = sys.platform == "win32" or not info.st_mode & 0o077  # Windows has no such mode bits
        if stat.S_ISREG(info.st_mode) and len(cle) >= 32 and prive:
            return cle
        return None
    return None


def _empreinte_du_code() -> bytes:
    """What identifies the code that computes the results: the size and time of the installed
    files of sus, pydantic, pydantic-core and PyYAML (an upgrade, or an edit of sus itself,
    changes them). A few hundred stat calls, no import."""
    import importlib.util

    import sus_cli

    morceaux = [sus_cli.__version__, sys.version]
    dossiers = [(Path(sus_cli.__file__).parent, True)]
    for paquet in ("pydantic", "pydantic_core", "yaml"):
        spec = importlib.util.find_spec(paquet)
        if spec is not None and spec.origin:
            dossiers.append((Path(spec.origin).parent, False))
    for dossier, recursif in dossiers:
        pile = [dossier]
        while pile:
            courant = pile.pop()
            try:
                entrees = sorted(os.scandir(courant), key=lambda e: e.name)
            except OSError:
                continue
            for entree in entrees:
                try:
                    if entree.is_dir(follow_symlinks=False):
                        if recursif and entree.name != "__pycache__":
                            pile.append(entree.path)
                        continue
                    if entree.name.endswith((".py", ".so", ".pyd")):
                        info = entree.stat()
                        morceaux.append(f"{entree.path}:{info.st_size}:{info.st_mtime_ns}")
                except OSError:
                    continue
    return "\n".join(morceaux).encode("utf-8", "surrogateescape")


class Cache:
    """The entries of one schéma's cache: path → [digest, status, extract, result].

    A result is a JSON text, decoded by the caller only when it uses it; the
    extract, a small JSON value beside it, is what a run that does not use
    the whole result reads (the id of a fiche not reported on)."""

    def __init__(self, racine: Path, code: str, cle: str, secret: bytes, entrees: dict[str, list]):
        self.racine = racine
        self.code = code  # what identifies the code (extracts stay valid while it is the same)
        self.cle = cle  # the code and the caller's context (results stay valid while it is the same)
        self._secret = secret
        self.entrees = entrees
        self.modifie = False

    @classmethod
    def ouvrir(cls, racine: Path, contexte: list[bytes]) -> Cache | None:
        """The cache of the schéma at `racine` for this context (the caller's inputs); None
        when no cache can be kept for this user."""
        secret = _secret()
        if secret is None:
            return None
        hachage = hashlib.blake2b(digest_size=32)
        for morceau in (str(FORMAT).encode(), _empreinte_du_code()):
            hachage.update(len(morceau).to_bytes(8, "little"))
            hachage.update(morceau)
        code = hachage.hexdigest()
        for morceau in contexte:
            hachage.update(len(morceau).to_bytes(8, "little"))
            hachage.update(morceau)
        cle = hachage.hexdigest()
        return cls(racine, code, cle, secret, _lire(racine, code, cle, secret))

    def _sceau(self, contenu: bytes) -> str:
        return hashlib.blake2b(contenu, key=self._secret, digest_size=32).hexdigest()

    def resultat(self, relatif: str, empreinte_: str) -> str | None:
        """The result (JSON text) kept for this path with these bytes, or None (also when it was
        computed in another context)."""
        entree = self.entrees.get(relatif)
        return entree[3] if entree is not None and entree[0] == empreinte_ else None

    def inchange(self, relatif: str, info: os.stat_result) -> bool:
        """Whether the file has the status it had when its result was kept."""
        entree = self.entrees.get(relatif)
        return entree is not None and entree[1] == etat(info)

    def extrait(self, relatif: str) -> Any:
        return self.entrees[relatif][2]

    def garder(self, relatif: str, empreinte_: str, info: os.stat_result | None, resultat: str | None,
               extrait: Any = None) -> None:
        ancienne = self.entrees.get(relatif)
        nouvelle = [empreinte_, etat(info) if info is not None else None, extrait, resultat]
        if ancienne != nouvelle:
            self.entrees[relatif] = nouvelle
            self.modifie = True

    def retenir_seulement(self, chemins: set[str]) -> None:
        """Forget the entries of files that are gone."""
        for relatif in [r for r in self.entrees if r not in chemins]:
            del self.entrees[relatif]
            self.modifie = True

    def enregistrer(self) -> None:
        """Write the cache if it changed; say nothing when it cannot be written (it is only a cache)."""
        if not self.modifie:
            return
        from sus_cli.files import creer_exclusif, ecrire_atomique

        dossier = self.racine / DOSSIER
        contenu = json.dumps({"code": self.code, "cle": self.cle, "fichiers": self.entrees}, ensure_ascii=False,
                             separators=(",", ":")).encode("utf-8")
        try:
            if not os.path.lexists(dossier):
                dossier.mkdir()
                # Never committed nor backed up, whatever the schéma's own .gitignore says.
                creer_exclusif(dossier / ".gitignore", "*\n")
                creer_exclusif(dossier / "CACHEDIR.TAG", _ETIQUETTE)
            if not stat.S_ISDIR(os.lstat(dossier).st_mode):
                return  # a link or a file in its place: not ours to follow nor to replace
            ecrire_atomique(dossier / FICHIER, _ENTETE + b" " + str(FORMAT).encode() + b" "
                            + self._sceau(contenu).encode() + b"\n" + contenu, dans=self.racine,
                            suivre_liens=False)
        except OSError:
            return
        self.modifie = False


def _lire(racine: Path, code: str, cle: str, secret: bytes) -> dict[str, list]:
    """The entries of the cache file if it is sound, sealed with this user's key and made by
    this code; their results only if made in this context too. Else none (the run is cold
    and writes a new cache)."""
    from sus_cli.loading.fichiers import Illisible, lire_octets_et_etat

    dossier = racine / DOSSIER
    try:
        if not stat.S_ISDIR(os.lstat(dossier).st_mode):
            return {}
        octets, _ = lire_octets_et_etat(dossier / FICHIER, taille_max=TAILLE_MAX)
    except (OSError, Illisible):
        return {}
    entete, _, contenu = octets.partition(b"\n")
    morceaux = entete.split(b" ")
    if len(morceaux) != 3 or morceaux[0] != _ENTETE or morceaux[1] != str(FORMAT).encode():
        return {}
    import hmac

    attendu = hashlib.blake2b(contenu, key=secret, digest_size=32).hexdigest().encode()
    if not hmac.compare_digest(morceaux[2], attendu):
        return {}
    try:
        objet = json.loads(contenu)
    except (ValueError, RecursionError):
        return {}
    if not isinstance(objet, dict) or objet.get("code") != code or not isinstance(objet.get("fichiers"), dict):
        return {}
    entrees = {r: e for r, e in objet["fichiers"].items() if isinstance(e, list) and len(e) == 4
               and (e[3] is None or isinstance(e[3], str))}
    if objet.get("cle") != cle:  # another sus.yaml or another day: the files' results are done again
        for entree in entrees.values():
            entree[3] = None
    return entrees
