"""`sus site`: the schéma as a static website."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from sus_cli.cli.common import ErreurUsage, OptionRacine, ouvrir_schema


def site(
    sortie: Annotated[Path, typer.Option(
        "--sortie", "-o", help="Dossier du site : neuf, vide, ou écrit par un « sus site » précédent "
                               "(par défaut : site/ dans le dossier courant).", metavar="DOSSIER")] = Path("site"),
    annee: Annotated[Optional[int], typer.Option(
        "--annee", help="Année des chiffres (valeurs, cibles, budget) ; par défaut l'année en cours.",
        metavar="ANNEE", show_default=False)] = None,
    racine: OptionRacine = None,
) -> None:
    """Construit le site du schéma : une page d'accueil (synthèse, toutes les fiches, filtres et recherche),
    une page par fiche, par direction et par volet, et une page « données » (exports et bilan JSON).

    Le site s'ouvre depuis le disque (site/index.html) ou se publie tel quel (GitHub Pages, GitLab Pages).
    Avant d'écrire, sus signale les fiches qui contiennent une adresse électronique ou un numéro de téléphone
    (règle SUS502) : un site est une publication. Les gabarits (templates/) d'un dépôt de schéma remplacent
    ceux de sus de même nom.
    Code de sortie : 0 si le site est écrit, 1 s'il l'est mais que des fiches contiennent des données
    personnelles ou ont dû être écartées.
    """
    from sus_cli.bilan.rendu import ErreurGabarit, Gabarits
    from sus_cli.cli.bilan import mots_de_l_annee
    from sus_cli.engine import verifier
    from sus_cli.files import DossierEcrit, DossierRefuse
    from sus_cli.francais import pluriel
    from sus_cli.site.construction import MARQUE, ecrire_site
    from sus_cli.site.donnees import depuis_depot

    # The fiches' own rules run as they are read (personal data, the quality annex); their body is kept
    # for their pages, not the rest of their text.
    schema = ouvrir_schema(racine, signaler_non_commitees=True, verifier=True, texte="corps")
    depot, jour = schema.depot, schema.jour
    annee = jour.year if annee is None else annee
    if not 1900 <= annee <= 2200:
        raise ErreurUsage(f"année {annee} invalide")
    diagnostics = verifier(depot, jour)
    personnelles = [d for d in diagnostics if d.code == "SUS502"]
    if personnelles:
        fiches = len({d.path for d in personnelles})
        print(f"Attention : {pluriel(fiches, 'fiche contient', 'fiches contiennent')} peut-être des données "
              "personnelles, qui seraient publiées sur le site :", file=sys.stderr)
        for d in personnelles:
            print(f"  {d.path}:{d.line}:{d.column} {d.message}", file=sys.stderr)
    try:
        dossier = DossierEcrit(sortie, MARQUE)
    except DossierRefuse as err:
        raise ErreurUsage(str(err)) from None
    donnees_site, probleme_logo = depuis_depot(depot, annee, jour, depot.racine)
    mots, probleme_mots = mots_de_l_annee(schema, annee)
    try:
        resultat = ecrire_site(donnees_site, Gabarits(depot.racine), dossier,
                               lambda: _donnees(schema, annee, diagnostics, mots))
    except (ErreurGabarit, DossierRefuse) as err:
        raise ErreurUsage(str(err)) from None
    print(f"Site écrit dans {sortie} : {pluriel(resultat.fichiers, 'fichier')}, dont "
          f"{pluriel(resultat.modifies, 'nouveau ou modifié', 'nouveaux ou modifiés')}"
          + (f" ; {pluriel(len(resultat.retires), 'ancien fichier retiré', 'anciens fichiers retirés')}"
             if resultat.retires else "")
          + f". Page d'accueil : {sortie / 'index.html'}", file=sys.stderr)
    for ecartee in donnees_site.chiffres.ecartees:
        print(f"fiche écartée du site : {ecartee.chemin} ({ecartee.raison})", file=sys.stderr)
    for probleme in (probleme_logo, probleme_mots):
        if probleme:
            print(f"Attention : {probleme}.", file=sys.stderr)
    raise typer.Exit(1 if personnelles or donnees_site.chiffres.ecartees or probleme_logo or probleme_mots else 0)


def _donnees(schema, annee: int, diagnostics, mots):
    """The données page's files: `sus export`'s workbook and CSV files and `sus bilan ANNEE --format json`
    (`mots`: bilans/ANNEE.md), made by the same code."""
    from sus_cli.bilan.donnees import lire_evolutions, preparer
    from sus_cli.bilan.json_bilan import en_octets
    from sus_cli.collecte.origine import de_l_export
    from sus_cli.export.fichiers import csv_octets, xlsx_octets
    from sus_cli.export.tableaux import tableaux
    from sus_cli.site.construction import FichierDonnees

    depot, jour = schema.depot, schema.jour
    fiches, valeurs = tableaux(depot, jour)
    bilan = preparer(depot, annee, jour, schema.source, schema.non_commitees,
                     lire_evolutions(depot, annee, None, None), mots,
                     diagnostics=diagnostics)
    return [
        FichierDonnees("donnees/export-sus.xlsx", "Classeur des fiches et des valeurs",
                       "Un classeur de deux feuilles : une ligne par fiche, une ligne par valeur d'indicateur.",
                       xlsx_octets((fiches, valeurs), de_l_export(depot, jour))),
        FichierDonnees("donnees/export-sus-fiches.csv", "Les fiches, en CSV",
                       "Une ligne par fiche : place dans le schéma, porteur, statut, dates, validation, budget.",
                       csv_octets(fiches)),
        FichierDonnees("donnees/export-sus-valeurs.csv", "Les valeurs des indicateurs, en CSV",
                       "Une ligne par valeur : fiche, indicateur, période, valeur, cible, référence, commentaire.",
                       csv_octets(valeurs)),
        FichierDonnees(f"donnees/bilan-{annee}.json", f"Le bilan {annee}, en JSON",
                       "Tous les chiffres du bilan de l'année, pour les traitements automatiques.",
                       # Compact: half the size of `sus bilan --format json`'s indented text, the same object.
                       en_octets(bilan, indent=None)),
    ]
