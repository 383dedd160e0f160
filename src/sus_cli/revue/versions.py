"""The two versions `sus revue` compares, reduced to the fiches that differ.

A fiche whose bytes are the same on both sides cannot make a difference: it
is neither read from git nor parsed. Git's blob ids tell which fiches
differ; for the files on disk (the default head), the same id is computed
from their bytes, read as every command reads them (only regular files
inside the schéma).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from sus_cli.loading.repository import Depot


@dataclass(frozen=True, slots=True)
class Versions:
    base: Depot  # the fiches that differ, as they were at the base (sus.yaml is not read)
    tete: Depot  # the same fiches as they are at the head, with its sus.yaml (the rules' severities)
    sha_base: str
    sha_tete: str | None  # None: the files on disk


class SusYamlAbsent(Exception):
    """No sus.yaml at a revision: a usage error."""

    def __init__(self, sha: str, revision: str):
        super().__init__(f"sus.yaml n'existe pas encore au commit {sha[:10]} ({revision})")


def _id_de_blob(octets: bytes, longueur: int) -> str:
    """Git's id of a blob with these bytes (SHA-1, or SHA-256 in a repository that uses it)."""
    entete = b"blob %d\0" % len(octets)
    return (hashlib.sha256 if longueur == 64 else hashlib.sha1)(entete + octets).hexdigest()


def _sur_le_disque(racine: Path, longueur: int) -> tuple[dict[str, str], dict[str, bytes]]:
    """The blob id and bytes of every fiche on disk that can be read (an unreadable one has no id
    to compare: it is left out, as a fiche whose id cannot be read)."""
    from sus_cli.loading.arbre import fichiers_fiches
    from sus_cli.loading.fichiers import Illisible, lire_octets

    ids, contenus = {}, {}
    for chemin, relatif, probleme, _dossier in fichiers_fiches(racine):
        if probleme is not None:
            continue
        try:
            octets = lire_octets(chemin)
        except Illisible:
            continue
        ids[relatif], contenus[relatif] = _id_de_blob(octets, longueur), octets
    return ids, contenus


def lire_versions(git, racine: Path, base: str, tete: str | None) -> Versions:
    """`git`: history.depot_git.DepotGit; `base` and `tete` are revisions (`tete` None: the files on disk).
    Raises history.depot_git.ErreurGit and SusYamlAbsent."""
    from sus_cli.loading.documents import Document, config_depuis_octets, fiche_depuis_octets, lire_config

    sha_base = git.resoudre(base)
    avant = git.arbre(sha_base)
    if "sus.yaml" not in avant:
        raise SusYamlAbsent(sha_base, base)
    longueur = len(avant["sus.yaml"])
    if tete is None:
        sha_tete = None
        apres, contenus = _sur_le_disque(racine, longueur)
        config = lire_config(racine / "sus.yaml", racine=racine)
    else:
        sha_tete = git.resoudre(tete)
        arbre = git.arbre(sha_tete)
        if "sus.yaml" not in arbre:
            raise SusYamlAbsent(sha_tete, tete)
        apres = {r: o for r, o in arbre.items() if r != "sus.yaml"}
        contenus = {}
        config = config_depuis_octets(git.objets({"sus.yaml": arbre["sus.yaml"]})["sus.yaml"])
    avant.pop("sus.yaml")
    differentes = sorted(r for r in avant.keys() | apres.keys() if avant.get(r) != apres.get(r))
    lus_avant = git.objets({r: avant[r] for r in differentes if r in avant})
    if tete is not None:
        contenus = git.objets({r: apres[r] for r in differentes if r in apres})
    return Versions(
        Depot(racine, Document("sus.yaml"), [fiche_depuis_octets(r, lus_avant[r]) for r in differentes if r in avant]),
        Depot(racine, config, [fiche_depuis_octets(r, contenus[r]) for r in differentes if r in apres]),
        sha_base, sha_tete)
