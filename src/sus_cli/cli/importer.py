"""`sus importer FICHIER...`: the workbooks sent back, written into the fiches."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from sus_cli.cli.common import ErreurUsage, OptionRacine, racine_du_depot

FORMATS = ("texte", "markdown", "json")


def importer(
    fichiers: Annotated[list[Path], typer.Argument(
        help="Classeurs à importer : ceux de « sus collecte », ou un export de « sus export --format xlsx ».",
        metavar="FICHIER", show_default=False)],
    essai: Annotated[bool, typer.Option("--essai", help="Montrer ce qui changerait, sans rien écrire.")] = False,
    format: Annotated[str, typer.Option("--format", "-f", help="texte, markdown (description d'une demande de "
                                        "fusion) ou json.", metavar="FORMAT")] = "texte",
    date: Annotated[Optional[str], typer.Option(
        "--date", help="Date des notes de suivi ajoutées, AAAA-MM-JJ (par défaut : aujourd'hui).",
        metavar="DATE", show_default=False)] = None,
    forcer: Annotated[bool, typer.Option("--forcer", help="En cas de conflit, garder la valeur du classeur.")] = False,
    racine: OptionRacine = None,
) -> None:
    """Reporte dans les fiches les valeurs, statuts et notes de suivi des classeurs remplis.

    Tout ou rien : chaque cellule est d'abord vérifiée ; au moindre problème (valeur illisible, fiche ou
    indicateur inconnu, période hors du schéma, conflit avec une valeur changée dans la fiche depuis la
    préparation du classeur), tous les problèmes sont listés et aucune fiche n'est modifiée (code de sortie 1).
    Une cellule vide ne change rien ; importer deux fois le même classeur ne change rien la seconde fois.
    Seules les lignes des valeurs changées sont modifiées dans les fiches. Rien n'est enregistré dans git :
    relisez les fiches modifiées, puis proposez-les en demande de fusion.
    """
    from sus_cli.collecte.importation import importer as preparer
    from sus_cli.engine import aujourdhui
    from sus_cli.files import FichierModifieEntreTemps, ecrire_ensemble

    if format not in FORMATS:
        raise ErreurUsage(f"format « {format} » inconnu ; formats possibles : {', '.join(FORMATS)}")
    jour = aujourdhui()
    if date is not None:
        try:
            jour = dt.date.fromisoformat(date)
        except ValueError:
            raise ErreurUsage(f"date « {date} » invalide : forme attendue AAAA-MM-JJ") from None
    for fichier in fichiers:
        if not fichier.exists():
            raise ErreurUsage(f"fichier introuvable : {fichier}")
        if not fichier.is_file():
            raise ErreurUsage(f"{fichier} n'est pas un fichier ordinaire (dossier, tube ou périphérique)")
    dossier = racine_du_depot(racine)
    resultat = preparer(dossier, [(f, f.name) for f in fichiers], jour, forcer)
    ecrit = False
    if not resultat.problemes and resultat.modifications and not essai:
        try:
            ecrire_ensemble([(m.chemin, m.avant, m.apres) for m in resultat.modifications])
            ecrit = True
        except FichierModifieEntreTemps as err:
            raise ErreurUsage(f"{err} a été modifié pendant l'import : rien n'a été écrit ; relancez") from None
    _rapporter(resultat, [f.name for f in fichiers], format, essai, ecrit)
    raise typer.Exit(1 if resultat.problemes else 0)


def _rapporter(resultat, noms: list[str], format: str, essai: bool, ecrit: bool) -> None:
    from sus_cli.engine import verifier_revue
    from sus_cli.loading.repository import Depot
    from sus_cli.revue import rendu
    from sus_cli.revue.comparaison import comparer

    avant = Depot(Path("."), None, [m.document_avant for m in resultat.modifications])
    apres = Depot(Path("."), None, [m.document_apres for m in resultat.modifications])
    differences = comparer(avant, apres)
    # Values, statuts and notes may change on a validated fiche; the workflow
    # rules still run, so that the report says so only when it is true.
    diagnostics = verifier_revue(differences, resultat.depot) if differences else []
    titre = ("Essai d'import (rien n'est écrit) : " if essai else "Import : ") + ", ".join(noms)
    if format == "json":
        sortie = rendu.en_dict("fiches actuelles", "après import", differences, diagnostics)
        sortie.update({"fichiers": noms, "ecrit": ecrit, "essai": essai, "cellules_sans_changement": resultat.ignorees,
                       "sans_memoire": resultat.sans_memoire,
                       "problemes": [{"fichier": p.ou.fichier, "feuille": p.ou.feuille, "ligne": p.ou.ligne,
                                      "colonne": p.ou.colonne, "message": p.message} for p in resultat.problemes]})
        json.dump(sortie, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif not resultat.problemes:
        rendre = rendu.markdown if format == "markdown" else rendu.texte
        sys.stdout.write(rendre("", "", differences, diagnostics, titre=titre))
    for probleme in resultat.problemes if format != "json" else ():
        print(probleme, file=sys.stderr)
    if resultat.problemes:
        print(f"{len(resultat.problemes)} problème(s) : aucune fiche n'a été modifiée.", file=sys.stderr)
    elif not differences:
        print("Aucun changement : les fiches contiennent déjà tout ce que disent les classeurs.", file=sys.stderr)
    elif ecrit:
        print(f"{len(differences)} fiche(s) modifiée(s). Relisez avec « git diff », puis proposez-les en demande "
              "de fusion (« sus importer … --format markdown » en donne la description).", file=sys.stderr)
    for nom in resultat.sans_memoire:
        print(f"{nom} : ce classeur ne garde pas la trace des valeurs d'origine ; les conflits n'ont pas pu "
              "être vérifiés.", file=sys.stderr)
