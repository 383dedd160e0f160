"""`sus bilan ANNEE`: the annual bilan for the comité de pilotage."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from sus_cli.cli.common import (ErreurUsage, OptionAu, OptionRacine, avertir_si_hors_schema, lire_annee,
                                ouvrir_schema)

FORMATS = {"markdown": "md", "html": "html", "json": "json", "docx": "docx"}


def bilan(
    annee: Annotated[str, typer.Argument(help="Année du bilan, en quatre chiffres : par exemple 2024.",
                                         metavar="ANNEE", show_default=False)],
    format: Annotated[str, typer.Option("--format", "-f", help="markdown (par défaut), html (un seul fichier, "
                                        "imprimable en A4), docx (document Word modifiable) ou json.",
                                        metavar="FORMAT")] = "markdown",
    sortie: Annotated[Optional[str], typer.Option(
        "--sortie", "-o", help="Fichier à écrire ; « - » pour la sortie standard. Par défaut : bilan-ANNEE.md, "
                               "bilan-ANNEE.html ou bilan-ANNEE.docx dans le dossier courant, et la sortie "
                               "standard pour json.",
        metavar="FICHIER", show_default=False)] = None,
    modele: Annotated[Optional[Path], typer.Option(
        "--modele", help="docx : un document Word du département (styles, en-tête, logo) qui sert de base au "
                         "bilan ; son texte n'est pas repris.", metavar="FICHIER.docx", show_default=False,
        dir_okay=False)] = None,
    au: OptionAu = None,
    racine: OptionRacine = None,
) -> None:
    """Dresse le bilan annuel du schéma : synthèse, recommandations et décisions de l'année (bilans/ANNEE.md),
    puis chaque volet, axe, objectif et fiche, avec un graphique par indicateur.

    Les gabarits (templates/) d'un dépôt de schéma remplacent ceux de sus de même nom.
    Code de sortie : 0 si le bilan est écrit, 1 si des fiches invalides ont dû en être écartées.
    """
    from sus_cli.bilan.donnees import lire_evolutions, preparer
    from sus_cli.echappement import une_ligne
    from sus_cli.files import ecrire_sortie

    if format not in FORMATS:
        raise ErreurUsage(f"format « {format} » inconnu ; formats possibles : {', '.join(FORMATS)}")
    annee = lire_annee(annee)
    if modele is not None and format != "docx":
        raise ErreurUsage("--modele ne sert qu'au format docx")
    # The fiches' own rules run as they are read (the quality annex); their text is not kept, nor,
    # for JSON, their models: their figures are made as they are read, in worker processes.
    from sus_cli.figures.fiches import chiffrage
    schema = ouvrir_schema(racine, au, signaler_non_commitees=True, verifier=True, texte="aucun",
                           extraire=(lambda _jour: chiffrage(annee)) if format == "json" else None)
    avertir_si_hors_schema(annee, schema.depot.config)
    evolutions = lire_evolutions(schema.depot, annee, schema.sha, schema.jour if au else None)
    mots, probleme_mots = mots_de_l_annee(schema, annee)
    donnees = preparer(schema.depot, annee, schema.jour, schema.source, schema.non_commitees, evolutions, mots,
                       schema.jour if au else None)
    if format == "json":
        from sus_cli.bilan.json_bilan import en_octets
        contenu: str | bytes = en_octets(donnees)
    elif format == "docx":
        from sus_cli.bilan.word import ErreurModele, rendre_docx
        try:
            contenu = rendre_docx(donnees, modele, schema.depot.racine)
        except ErreurModele as err:
            raise ErreurUsage(str(err)) from None
    else:
        from sus_cli.bilan.rendu import ErreurGabarit, rendre
        try:
            contenu = rendre(donnees, format, schema.depot.racine)
        except ErreurGabarit as err:
            raise ErreurUsage(str(err)) from None
    cible = sortie if sortie is not None else ("-" if format == "json" else f"bilan-{annee}.{FORMATS[format]}")
    if not ecrire_sortie(cible, contenu):
        print(f"Bilan {annee} écrit dans {une_ligne(cible)}", file=sys.stderr)
    if donnees.non_commitees:
        print(f"Attention : ce bilan tient compte de fichiers modifiés mais pas encore enregistrés dans "
              f"l'historique (commit) : {', '.join(map(une_ligne, donnees.non_commitees))}", file=sys.stderr)
    for ecartee in donnees.bilan.ecartees:
        print(f"fiche écartée du bilan : {une_ligne(ecartee.chemin)} ({une_ligne(ecartee.raison)})", file=sys.stderr)
    if probleme_mots:
        print(f"Attention : {une_ligne(probleme_mots)} ; le bilan est fait sans les recommandations et décisions de "
              f"l'année.", file=sys.stderr)
    raise typer.Exit(1 if donnees.bilan.ecartees or probleme_mots else 0)


def mots_de_l_annee(schema, annee: int):
    """The year's bilans/ANNEE.md (from git with --au), and what went wrong reading it."""
    from sus_cli.bilan.mots import MotsIllisibles, chemin, depuis_octets, lire
    try:
        if schema.sha is None:
            return lire(schema.depot.racine, annee), None
        from sus_cli.history.depot_git import ouvrir
        octets = ouvrir(schema.depot.racine).fichier(schema.sha, chemin(annee))
        return (depuis_octets(chemin(annee), octets) if octets is not None else None), None
    except MotsIllisibles as err:
        return None, str(err)
