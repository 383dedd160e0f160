"""CODEOWNERS from sus.yaml: each fiche is owned by the `relecteurs` of its
porteur's direction, so the right hierarchy is asked to review a change."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from sus_cli.echappement import CONTROLES, une_ligne

ENTETE = "# Généré par « sus codeowners » à partir de sus.yaml : ne pas modifier à la main.\n"
CHEMIN_GITHUB = ".github/CODEOWNERS"
CHEMIN_GITLAB = ".gitlab/CODEOWNERS"


def racine_git(racine: Path) -> tuple[Path, str]:
    """The git work tree holding the schéma, and the schéma's folder inside it
    ("" at its root). Found by looking for `.git`, without running git, so
    that `sus validate` can check the file cheaply; without git, the schéma's root."""
    racine = racine.resolve()
    for dossier in (racine, *racine.parents):
        if (dossier / ".git").exists():
            prefixe = racine.relative_to(dossier).as_posix()
            return dossier, "" if prefixe == "." else prefixe + "/"
    return racine, ""


# What a CODEOWNERS pattern cannot hold as itself: a control character ends
# or splits the line, `*` and `?` are wildcards (a fiche named `*.md` would
# own every fiche), GitHub refuses `[ ]`, and a backslash escapes.
_IMPOSSIBLE = re.compile(CONTROLES[:-1] + "*?\\[\\]\\\\]")


def caractere_impossible(chemin: str) -> str | None:
    """The first character of a path that CODEOWNERS cannot write as itself."""
    m = _IMPOSSIBLE.search(chemin)
    return m.group() if m else None


def _motif(chemin: str) -> str:
    # Spaces and `#` are escaped; the other special characters never get here.
    return "/" + chemin.replace(" ", "\\ ").replace("#", "\\#")


def _entete(code: str, nom: str, gitlab: bool) -> str:
    texte = une_ligne(f"{code} — {nom}")
    # In a GitLab section name, `]` would end it and let what follows be read as its owners.
    return f"\n[{texte.replace('[', '(').replace(']', ')')}]\n" if gitlab else f"\n# {texte}\n"


def fiches_et_porteurs(depot) -> list[tuple[str, str | None]]:
    """(path, porteur written) of every fiche of a loaded repository, valid or not."""
    return [(d.chemin, d.champ("porteur")) for d in depot.fiches_lues()]


def generer(directions, fiches, prefixe: str = "", gitlab: bool = False) -> str:
    """The CODEOWNERS text. `directions`: code → resumes.Direction (nom,
    relecteurs), in sus.yaml's order; `fiches`: (path, porteur) pairs;
    `prefixe` is the schéma's folder inside the git repository."""
    par_direction: dict[str, list[str]] = defaultdict(list)
    for chemin, porteur in fiches:
        if isinstance(porteur, str) and porteur in directions:
            par_direction[porteur].append(chemin)
    lignes = [ENTETE]
    for code, direction in directions.items():
        chemins = sorted(par_direction.get(code, ()))
        if not chemins:
            continue
        lignes.append(_entete(code, direction.nom, gitlab))
        if not direction.relecteurs:
            lignes.append(f"# aucun relecteur déclaré pour {une_ligne(code)} dans sus.yaml\n")
            continue
        proprietaires = " ".join(direction.relecteurs)
        for chemin in chemins:
            if caractere_impossible(prefixe + chemin):
                lignes.append(f"# fiche sans relecteur tant que son fichier n'est pas renommé (SUS105) : "
                              f"{une_ligne(chemin)}\n")
            else:
                lignes.append(f"{_motif(prefixe + chemin)} {proprietaires}\n")
    return "".join(lignes)
