"""`sus suivi TRIMESTRE`: the quarterly review for the groupe stratégique."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Optional

import typer

from sus_cli import francais
from sus_cli.cli.common import ErreurUsage, OptionRacine, ouvrir_schema

EXTENSIONS = {"markdown": "md", "html": "html", "json": "json"}


def suivi(
    trimestre: Annotated[str, typer.Argument(help="Trimestre, par exemple 2024-T3.", metavar="TRIMESTRE",
                                             show_default=False)],
    format: Annotated[str, typer.Option("--format", "-f", help="markdown (par défaut), html ou json.",
                                        metavar="FORMAT")] = "markdown",
    sortie: Annotated[Optional[str], typer.Option(
        "--sortie", "-o", help="Fichier à écrire ; « - » pour la sortie standard. Par défaut : "
                               "suivi-TRIMESTRE.md ou .html, et la sortie standard pour json.",
        metavar="FICHIER", show_default=False)] = None,
    racine: OptionRacine = None,
) -> None:
    """Prépare la revue trimestrielle du groupe stratégique, direction par direction : fiches que personne
    n'a modifiées pendant le trimestre (d'après git), fiches en retard et étapes dépassées à la fin du
    trimestre, indicateurs sans valeur pour le trimestre ni l'année, fiches pas encore validées, fiches
    validées avec des avertissements. Les fiches réalisées ou abandonnées ne sont relancées nulle part.
    """
    from sus_cli.engine import verifier
    from sus_cli.figures.suivi import bornes, suivre
    from sus_cli.echappement import une_ligne
    from sus_cli.files import ecrire_sortie
    from sus_cli.history.depot_git import ErreurGit, ouvrir
    from sus_cli.history.journal import activite, lire_journal

    if format not in EXTENSIONS:
        raise ErreurUsage(f"format « {format} » inconnu ; formats possibles : {', '.join(EXTENSIONS)}")
    try:
        _, _, debut, fin = bornes(trimestre)
    except ValueError:
        raise ErreurUsage(f"trimestre « {trimestre} » invalide : forme attendue 2024-T3") from None
    schema = ouvrir_schema(racine, verifier=True, texte="aucun")
    depot = schema.depot
    try:
        git = ouvrir(depot.racine)
        commits = lire_journal(git, depuis=debut)
    except ErreurGit as err:
        raise ErreurUsage(f"{err} (sus suivi lit l'historique pour savoir quelles fiches ont été mises à jour)") from None
    valides = [d for d in depot.fiches_lues() if d.modele is not None]
    mises_a_jour = activite(commits, {d.chemin for d in valides}, debut, fin).mises_a_jour
    avertissements: dict[str, list[tuple[str, str]]] = {}  # path → (code, message)
    for d in verifier(depot, schema.jour):
        # Late fiches and étapes have their own sections, judged at the end of the quarter.
        if d.severity == "warning" and d.code not in ("SUS606", "SUS608"):
            avertissements.setdefault(d.path, []).append((d.code, d.message))
    resultat = suivre(trimestre, depot.config, valides, mises_a_jour, avertissements, schema.jour)
    if format == "json":
        texte = json.dumps(_en_dict(resultat), ensure_ascii=False, indent=2) + "\n"
    else:
        from sus_cli.bilan.rendu import ErreurGabarit, rendre_gabarit
        try:
            texte = rendre_gabarit(f"suivi.{EXTENSIONS[format]}.j2", depot.racine, suivi=resultat,
                                   schema=depot.config.schema_)
        except ErreurGabarit as err:
            raise ErreurUsage(str(err)) from None
    cible = sortie if sortie is not None else ("-" if format == "json" else
                                               f"suivi-{resultat.trimestre}.{EXTENSIONS[format]}")
    if not ecrire_sortie(cible, texte):
        print(f"Suivi {resultat.trimestre} écrit dans {une_ligne(cible)}", file=sys.stderr)
    invalides = depot.invalides()
    if invalides:
        print(f"{francais.pluriel(len(invalides), 'fiche invalide écartée', 'fiches invalides écartées')} du suivi "
              "(voir « sus validate »)", file=sys.stderr)
    raise typer.Exit(1 if invalides else 0)


def _en_dict(s) -> dict:
    return {
        "trimestre": s.trimestre, "debut": s.debut.isoformat(), "fin": s.fin.isoformat(), "au": s.jour.isoformat(),
        "mises_a_jour": s.mises_a_jour,
        "porteurs": [{
            "code": p.code, "nom": p.nom, "fiches": p.fiches,
            "sans_activite": [i for i, _ in p.sans_activite],
            "en_retard": [{"id": i, "fin": f.isoformat()} for i, _, f in p.en_retard],
            "indicateurs_sans_valeur": [{"fiche": i, "indicateur": l} for i, l in p.sans_valeur],
            "etapes_depassees": [{"fiche": i, "etape": l, "echeance": e.isoformat()} for i, l, e in p.etapes_depassees],
            "non_validees": [{"id": i, "etat": e} for i, e in p.non_validees],
            "validees_avec_avertissements": [{"id": i, "avertissements": [f"{c} {m}" for c, m in a]}
                                             for i, a in p.validees_avec_avertissements],
        } for p in s.porteurs],
    }
