"""Writing files: always atomically (a temporary file in the same folder,
then a rename), so that an interrupted command never leaves half a file."""

from __future__ import annotations

import os
import re
import stat
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


# A folder sus owns and fills with many files (the site): see DossierEcrit.
_CHEMIN_SUR = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]{0,99}(?:/[A-Za-z0-9_][A-Za-z0-9._-]{0,99}){0,5}")


_TEMPORAIRE = re.compile(r"\..+\.(\d+)\.tmp")


class DossierRefuse(Exception):
    """The folder cannot be written by sus, or a path would leave it: French message."""


class DossierEcrit:
    """The files of a folder that sus owns, written one by one.

    - The folder is sus's when it is new, empty, or holds the list of files
      (`marque`) that a previous run left in it: any other folder is
      refused, so that a mistaken destination never overwrites anyone's files.
    - Each file is replaced at once (a temporary file renamed over it): a
      page is never seen half-written, even by a server serving the folder
      during the build. A file whose bytes are unchanged is left alone, its
      date too. (No fsync per file: a site is rebuilt from the fiches.)
    - A relative path is plain names (letters, digits, `.`, `_`, `-`, not
      starting with a dot) under plain folders; a folder that is a link is
      refused: nothing is written outside.
    - `terminer()` removes the files of the previous run that this one did
      not write, and writes the new list.
    """

    def __init__(self, dossier: Path, marque: str):
        self.dossier = Path(dossier)
        self.marque = marque
        if self.dossier.is_symlink() or (self.dossier.exists() and not self.dossier.is_dir()):
            nature = "est un lien symbolique" if self.dossier.is_symlink() else "n'est pas un dossier"
            raise DossierRefuse(f"{dossier} {nature} : choisissez un dossier neuf ou vide")
        contenu = set(os.listdir(self.dossier)) if self.dossier.is_dir() else set()
        if contenu and marque not in contenu:
            raise DossierRefuse(f"le dossier {dossier} n'est pas vide et sus ne l'a pas écrit : choisissez un "
                                "dossier neuf ou vide (sus n'y remplace aucun fichier qui n'est pas à lui)")
        self.dossier.mkdir(parents=True, exist_ok=True)
        self.anciens = self._lire_marque() if contenu else set()
        self.ecrits: set[str] = set()
        self.modifies = 0
        self._dossiers_surs: set[Path] = {self.dossier}
        self._mode = _mode(self.dossier / f".{marque}.absent")  # the usual mode of a new file (umask applied)

    def _lire_marque(self) -> set[str]:
        import json
        try:
            liste = json.loads((self.dossier / self.marque).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return set()
        return {c for c in liste if isinstance(c, str) and _CHEMIN_SUR.fullmatch(c)} if isinstance(liste, list) else set()

    def _parent_sur(self, chemin: Path) -> None:
        """Create the folders of `chemin` inside the folder, refusing links and files in the way."""
        parent = chemin.parent
        if parent in self._dossiers_surs:
            return
        self._parent_sur(parent)
        if parent.is_symlink() or (parent.exists() and not parent.is_dir()):
            raise DossierRefuse(f"{parent} n'est pas un dossier ordinaire (un lien ?) : sus n'y écrit pas")
        parent.mkdir(exist_ok=True)
        self._dossiers_surs.add(parent)

    def chemin(self, relatif: str) -> Path:
        if not _CHEMIN_SUR.fullmatch(relatif) or relatif == self.marque:
            raise DossierRefuse(f"nom de fichier refusé : « {relatif} »")
        return self.dossier / relatif

    def ecrire(self, relatif: str, contenu: str | bytes) -> None:
        octets = contenu.encode("utf-8") if isinstance(contenu, str) else contenu
        chemin = self.chemin(relatif)
        self._parent_sur(chemin)
        self.ecrits.add(relatif)
        try:
            info = os.lstat(chemin)
            if stat.S_ISREG(info.st_mode) and info.st_size == len(octets) and chemin.read_bytes() == octets:
                return
        except OSError:
            pass
        # The process's own temporary name (the folder is sus's): cheaper than mkstemp's random ones.
        temporaire = str(chemin.parent / f".{chemin.name}.{os.getpid()}.tmp")
        try:
            descripteur = os.open(temporaire, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0),
                                  self._mode)
            with os.fdopen(descripteur, "wb") as flux:
                flux.write(octets)
            # A link in the way is replaced itself, never followed.
            os.replace(temporaire, chemin)
        except BaseException:
            _supprimer(temporaire)
            raise
        self.modifies += 1

    def terminer(self) -> list[str]:
        """Remove what the previous run wrote and this one did not, and the
        temporary files of runs that were killed; write the list. The paths removed."""
        for dossier in self._dossiers_surs:
            for entree in os.scandir(dossier):
                m = _TEMPORAIRE.fullmatch(entree.name)
                if m and int(m.group(1)) != os.getpid() and entree.is_file(follow_symlinks=False):
                    _supprimer(entree.path)
        retires = []
        for relatif in sorted(self.anciens - self.ecrits):
            chemin = self.dossier / relatif
            try:
                if not chemin.is_dir() or chemin.is_symlink():
                    chemin.unlink()
                    retires.append(relatif)
            except FileNotFoundError:
                pass
            for parent in chemin.parents:
                if parent == self.dossier:
                    break
                try:
                    parent.rmdir()  # only when empty
                except OSError:
                    break
        self.enregistrer(complet=True)
        return retires

    def enregistrer(self, complet: bool = False) -> None:
        """Write the list of the folder's files; after a failed run (`complet`
        false) the previous run's files stay on it: they are still sus's."""
        import json
        liste = sorted(self.ecrits if complet else self.ecrits | self.anciens)
        ecrire_atomique(self.dossier / self.marque, json.dumps(liste, ensure_ascii=False, indent=0) + "\n")
