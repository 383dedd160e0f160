"""Writing files: always atomically (a temporary file in the same folder,
then a rename), so that an interrupted command never leaves half a file.

What is written over is followed, never replaced blindly: a symbolic link
keeps pointing where it did (its target is replaced), and a target that is
not a regular file (`/dev/null`, a named pipe) is written to directly: a
rename would turn a device into a plain file. Every failure is an
`ErreurEcriture` that names the file asked for, in French.
"""

from __future__ import annotations

import errno
import os
import re
import signal
import stat
import sys
import time
from contextlib import contextmanager
from pathlib import Path

# Names that mean "standard output" for --sortie.
SORTIE_STANDARD = ("-", "/dev/stdout")
# A temporary file older than this is a leftover, whoever made it: no write takes an hour.
_AGE_ABANDON = 3600


class ErreurEcriture(OSError):
    """A file sus was asked to write cannot be written: French message naming it."""


_RAISONS = {
    errno.EISDIR: "c'est un dossier",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise",
    errno.ENOSPC: "plus de place sur le disque",
    errno.EDQUOT: "quota de disque dépassé",
    errno.EROFS: "le système de fichiers est en lecture seule",
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.ENAMETOOLONG: "nom de fichier trop long",
    errno.ELOOP: "trop de liens symboliques (une boucle ?)",
    errno.EEXIST: "le fichier existe déjà",
    errno.EBUSY: "le fichier est occupé",
    errno.ETXTBSY: "le fichier est occupé",
    errno.EIO: "erreur d'entrée-sortie",
    errno.EPIPE: "le lecteur a fermé le tube",
    errno.ENXIO: "ce n'est pas un fichier où écrire",
}


def expliquer(err: OSError) -> str:
    """The reason of a system error, in French."""
    return _RAISONS.get(err.errno, err.strerror or str(err))


def _mode(chemin: Path) -> int:
    try:
        return chemin.stat().st_mode & 0o7777
    except FileNotFoundError:
        return _mode_nouveau()


def _mode_nouveau() -> int:
    """The mode of a new file, as the user's umask makes it."""
    masque = os.umask(0)
    os.umask(masque)
    return 0o666 & ~masque


def _octets(contenu: str | bytes) -> bytes:
    return contenu if isinstance(contenu, bytes) else contenu.encode("utf-8")


def _terminer(numero, _cadre):
    # Raised inside the write: the `except BaseException` below removes the
    # temporary file, as Ctrl-C (KeyboardInterrupt) already does.
    raise SystemExit(128 + numero)


@contextmanager
def _interruptible():
    """SIGTERM and SIGHUP end the write like Ctrl-C: cleanly, temporary file removed."""
    precedents = {}
    try:
        for numero in (signal.SIGTERM, signal.SIGHUP):
            precedents[numero] = signal.signal(numero, _terminer)
    except ValueError:  # not the main thread: signals are not ours to handle
        pass
    try:
        yield
    finally:
        for numero, precedent in precedents.items():
            signal.signal(numero, signal.SIG_DFL if precedent is None else precedent)


def _prefixe(nom: str) -> str:
    # A long name plus the pid and random part must stay under NAME_MAX (255).
    return f".{nom[:150]}."


def _temporaires_abandonnes(dossier: Path, nom: str) -> list[Path]:
    """Temporary files of an earlier write of `nom` whose process is gone
    (killed by SIGKILL, or a power cut): `.NOM.PID.XXXXXXXX.tmp`."""
    motif = re.compile(re.escape(_prefixe(nom)) + r"(?:(\d+)\.)?[a-z0-9_]{8}\.tmp")
    abandonnes = []
    try:
        entrees = list(os.scandir(dossier))
    except OSError:
        return []
    for entree in entrees:
        m = motif.fullmatch(entree.name)
        if not m:
            continue
        try:
            age = time.time() - entree.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        if age > _AGE_ABANDON or (m.group(1) and not _processus_vivant(int(m.group(1)))):
            abandonnes.append(Path(entree.path))
    return abandonnes


def _processus_vivant(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def _nettoyer(dossier: Path, nom: str) -> None:
    for abandonne in _temporaires_abandonnes(dossier, nom):
        try:
            abandonne.unlink()
        except OSError:
            pass


def _ecrire_directement(chemin: Path, contenu: str | bytes) -> None:
    """Write into an existing special file (device, pipe): no temporary file,
    no rename, which would replace it."""
    with open(chemin, "wb") as flux:
        flux.write(_octets(contenu))


def _speciale(chemin: Path) -> bool:
    """A path under /dev or /proc (`/dev/stderr`, `/proc/self/fd/1`): a
    stream of this process, even when it ends in a regular file."""
    absolu = os.path.abspath(chemin)
    return absolu.startswith(("/dev/", "/proc/"))


def ecrire_atomique(chemin: Path, contenu: str | bytes, dans: Path | None = None, suivre_liens: bool = True) -> None:
    """Text is written as UTF-8 with the newlines it has.

    Missing parent folders are created. With `dans`, a symbolic link that
    leads out of that folder is refused: sus writes files of a schéma
    repository only inside it. With `suivre_liens=False` (a file of sus's
    own, like its cache), whatever bears the name (a link, a pipe) is
    replaced by the new file, never written through.
    """
    try:
        if not suivre_liens:
            _remplacer(Path(chemin), contenu, dans)
            return
        _ecrire(Path(chemin), contenu, dans)
    except ErreurEcriture:
        raise
    except OSError as err:
        raise ErreurEcriture(f"impossible d'écrire {chemin} : {expliquer(err)}") from None


def _ecrire(chemin: Path, contenu: str | bytes, dans: Path | None) -> None:
    if _speciale(chemin) and chemin.exists():
        _ecrire_directement(chemin, contenu)
        return
    reel = Path(os.path.realpath(chemin))
    if dans is not None and not reel.is_relative_to(os.path.realpath(dans)):
        raise ErreurEcriture(f"{chemin} est un lien symbolique vers {reel}, hors du dépôt ({dans}) : "
                             "sus n'écrit pas hors du dépôt ; supprimez le lien")
    if reel.is_dir():
        raise ErreurEcriture(f"impossible d'écrire {chemin} : c'est un dossier")
    if reel.exists() and not reel.is_file():
        _ecrire_directement(reel, contenu)
        return
    reel.parent.mkdir(parents=True, exist_ok=True)
    _nettoyer(reel.parent, reel.name)
    with _interruptible():
        temporaire = _temporaire(reel, _octets(contenu))
        try:
            os.replace(temporaire, reel)
        except BaseException:
            _supprimer(temporaire)
            raise


def _remplacer(chemin: Path, contenu: str | bytes, dans: Path | None) -> None:
    parent = Path(os.path.realpath(chemin.parent))
    if dans is not None and not parent.is_relative_to(os.path.realpath(dans)):
        raise ErreurEcriture(f"{chemin.parent} mène hors du dépôt ({dans}) : sus n'écrit pas hors du dépôt")
    reel = parent / chemin.name
    if os.path.isdir(reel) and not os.path.islink(reel):
        raise ErreurEcriture(f"impossible d'écrire {chemin} : c'est un dossier")
    _nettoyer(parent, reel.name)
    with _interruptible():
        temporaire = _temporaire(reel, _octets(contenu), remplace=False)
        try:
            os.replace(temporaire, reel)
        except BaseException:
            _supprimer(temporaire)
            raise


def _temporaire(reel: Path, contenu: bytes, remplace: bool = True) -> str:
    """`contenu` in a new temporary file next to `reel`, on disk, with the
    mode of the file it will replace: `.NOM.PID.XXXXXXXX.tmp`."""
    import tempfile  # here: its imports cost every command a few milliseconds at start

    descripteur, temporaire = tempfile.mkstemp(dir=reel.parent, prefix=f"{_prefixe(reel.name)}{os.getpid()}.",
                                               suffix=".tmp")
    try:
        with os.fdopen(descripteur, "wb") as flux:
            flux.write(contenu)
            flux.flush()
            os.fsync(flux.fileno())
        # mkstemp creates the file readable by its owner only: give it the
        # mode of the file it replaces, or the usual one for a new file.
        os.chmod(temporaire, _mode(reel) if remplace else _mode_nouveau())
    except BaseException:
        _supprimer(temporaire)
        raise
    return temporaire


def _supprimer(chemin: str) -> None:
    try:
        os.unlink(chemin)
    except FileNotFoundError:
        pass


def ecrire_sortie(cible: str | Path, contenu: str | bytes) -> bool:
    """Write what a user asked for with --sortie; True when it went to
    standard output (`-` or `/dev/stdout`).

    A missing folder is an error, not created: a typo in a path should not
    leave a new tree of folders behind.
    """
    if str(cible) in SORTIE_STANDARD:
        tampon = getattr(sys.stdout, "buffer", None)
        if isinstance(contenu, bytes) and tampon is not None:
            sys.stdout.flush()
            tampon.write(contenu)
            tampon.flush()
        else:  # text, or a standard output that takes text only (captured)
            sys.stdout.write(contenu.decode("utf-8", "replace") if isinstance(contenu, bytes) else contenu)
        return True
    chemin = Path(cible)
    dossier = chemin.parent
    if not dossier.is_dir():
        nature = "n'est pas un dossier" if dossier.exists() else "n'existe pas"
        raise ErreurEcriture(f"impossible d'écrire {cible} : le dossier {dossier} {nature} "
                             "(sus ne crée pas de dossier pour --sortie : créez-le d'abord)")
    ecrire_atomique(chemin, contenu)
    return False


def creer_exclusif(chemin: Path, contenu: str) -> bool:
    """Create a new file, never replacing anything (O_EXCL, no link followed).

    False when the name is already taken, by a file or a link: another run
    got there first. The missing parent folders are created.
    """
    try:
        chemin.parent.mkdir(parents=True, exist_ok=True)
        try:
            descripteur = os.open(chemin, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            return False
        try:
            with os.fdopen(descripteur, "wb") as flux:
                flux.write(_octets(contenu))
                flux.flush()
                os.fsync(flux.fileno())
        except BaseException:
            chemin.unlink(missing_ok=True)
            raise
    except OSError as err:
        raise ErreurEcriture(f"impossible de créer {chemin} : {expliquer(err)}") from None
    return True


class FichierModifieEntreTemps(Exception):
    """A file changed on disk between reading and writing: nothing is written."""


def ecrire_ensemble(fichiers: list[tuple[Path, bytes, bytes]]) -> None:
    """Replace several files, all or none: (path, bytes read before, new bytes).

    Every new content is first written next to its file; then each replaces
    its file. If a file changed since it was read, nothing is written; if a
    replacement fails half-way (a full disk, an interruption, SIGTERM), the
    files already replaced get their old bytes back.
    """
    cibles = [(Path(os.path.realpath(chemin)), avant, apres) for chemin, avant, apres in fichiers]
    for chemin, avant, _ in cibles:
        if chemin.read_bytes() != avant:
            raise FichierModifieEntreTemps(str(chemin))
    temporaires: list[str] = []
    remplaces: list[tuple[Path, bytes]] = []
    with _interruptible():
        try:
            for chemin, _, apres in cibles:
                _nettoyer(chemin.parent, chemin.name)
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
