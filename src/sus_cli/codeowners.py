"""CODEOWNERS from sus.yaml: each fiche is owned by the `relecteurs` of its
porteur's direction, so the right hierarchy is asked to review a change."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

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


def _motif(chemin: str) -> str:
    # CODEOWNERS patterns treat spaces and some characters specially.
    return "/" + chemin.replace("\\", "\\\\").replace(" ", "\\ ").replace("#", "\\#")


def generer(depot, prefixe: str = "", gitlab: bool = False) -> str:
    """The CODEOWNERS text; `prefixe` is the schéma's folder inside the git repository."""
    config = depot.config
    par_direction: dict[str, list[str]] = defaultdict(list)
    for document in depot.fiches_lues():
        porteur = document.champ("porteur")
        if isinstance(porteur, str) and porteur in config.directions:
            par_direction[porteur].append(document.chemin)
    lignes = [ENTETE]
    for code, direction in config.directions.items():
        chemins = sorted(par_direction.get(code, ()))
        if not chemins:
            continue
        if gitlab:
            lignes.append(f"\n[{code} — {direction.nom}]\n")
        else:
            lignes.append(f"\n# {code} — {direction.nom}\n")
        if not direction.relecteurs:
            lignes.append(f"# aucun relecteur déclaré pour {code} dans sus.yaml\n")
            continue
        proprietaires = " ".join(direction.relecteurs)
        lignes += [f"{_motif(prefixe + chemin)} {proprietaires}\n" for chemin in chemins]
    return "".join(lignes)
