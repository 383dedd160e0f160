"""`sus validate`: lint the whole repository, report on the given paths."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from sus_cli.cli.common import ErreurUsage, OptionRacine, lire_git, racine_du_depot, sur_github_actions
from sus_cli.reporters import FORMATS


def _relatifs(racine: Path, chemins: list[Path], exister: bool = True) -> list[str]:
    """The given paths relative to the repository root, checked to exist inside it."""
    voulus = []
    for chemin in chemins:
        absolu = chemin.resolve() if chemin.is_absolute() else (Path.cwd() / chemin).resolve()
        if exister and not absolu.exists():
            raise ErreurUsage(f"chemin introuvable : {chemin}")
        try:
            voulus.append(absolu.relative_to(racine).as_posix())
        except ValueError:
            raise ErreurUsage(f"{chemin} est hors du dépôt de schéma ({racine})") from None
    return voulus


def _sous(chemin: str, voulus: list[str]) -> bool:
    return any(v in (".", "") or chemin == v or chemin.startswith(v.rstrip("/") + "/") for v in voulus)


def validate(
    chemins: Annotated[Optional[list[Path]], typer.Argument(
        help="Fiches ou dossiers sur lesquels rendre compte (par défaut : tout le dépôt). "
             "Tout le dépôt est toujours vérifié, car certaines règles comparent les fiches entre elles.",
        show_default=False, metavar="CHEMINS")] = None,
    format: Annotated[Optional[str], typer.Option(
        "--format", "-f", help="Format de sortie : texte, json, github (annotations GitHub Actions, "
                               "choisi automatiquement quand GITHUB_ACTIONS=true) ou gitlab (rapport Code Quality).",
        show_default=False, metavar="FORMAT")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Les avertissements font aussi échouer (code de sortie 1).")] = False,
    statistiques: Annotated[bool, typer.Option("--statistiques", help="Affiche le nombre de diagnostics par règle.")] = False,
    au: Annotated[Optional[str], typer.Option(
        "--au", help="Vérifier le schéma tel qu'il était dans git à une révision (commit, branche, étiquette) "
                     "ou à une date AAAA-MM-JJ, sans toucher aux fichiers.", metavar="REV", show_default=False)] = None,
    sans_cache: Annotated[bool, typer.Option(
        "--sans-cache", help="Vérifie chaque fiche à nouveau, sans lire ni écrire le cache (.sus-cache/) où sus "
                             "garde le résultat des fiches inchangées depuis la dernière vérification.")] = False,
    jobs: Annotated[Optional[int], typer.Option(
        "--jobs", "-j", help="Nombre de processus qui vérifient les fiches en parallèle (sous Linux). Par défaut : "
                             "un par processeur quand il y a beaucoup de fiches à lire, un seul sinon.",
        metavar="N", show_default=False)] = None,
    racine: OptionRacine = None,
) -> None:
    """Vérifie les fiches et sus.yaml ; signale chaque problème avec son fichier, sa ligne et sa colonne.

    Code de sortie : 0 sans erreur, 1 s'il y a au moins une erreur (avec --strict, un avertissement
    suffit), 2 en cas d'erreur d'utilisation.
    """
    from sus_cli.engine import code_sortie
    from sus_cli.examen import examiner
    from sus_cli.reporters import Resultat, rapporteur

    choisi = format or ("github" if sur_github_actions() else "texte")
    if choisi not in FORMATS:
        raise ErreurUsage(f"format « {choisi} » inconnu ; formats possibles : {', '.join(FORMATS)}")
    if jobs is not None and jobs < 1:
        raise ErreurUsage(f"--jobs {jobs} : il faut au moins un processus")
    dossier = racine_du_depot(racine)
    voulus = _relatifs(dossier, chemins, exister=au is None) if chemins else None
    # Only the fiches reported on are parsed; the others are read for their id.
    a_lire = (lambda relatif: _sous(relatif, voulus)) if voulus else None
    if au is None:
        examen = examiner(dossier, a_lire=a_lire, avec_cache=not sans_cache, processus=jobs)
    else:
        arbre = lire_git(dossier, au)
        examen = examiner(dossier, arbre.jour, a_lire, processus=jobs, octets=arbre.fichiers)
    diagnostics = examen.diagnostics
    if voulus:
        # sus.yaml problems concern every fiche: always shown.
        diagnostics = [d for d in diagnostics if d.path == "sus.yaml" or _sous(d.path, voulus)]
    nb_fiches = examen.fiches
    resultat = Resultat(diagnostics, nb_fiches, statistiques)
    rapporteur(choisi)(resultat, sys.stdout)
    if statistiques and choisi in ("github", "gitlab"):
        from sus_cli.reporters import statistiques as compter
        for code, nombre in compter(diagnostics).items():
            print(f"{code} : {nombre}", file=sys.stderr)
    raise typer.Exit(code_sortie(diagnostics, strict))
