"""`sus collecte PERIODE`: one workbook per direction, to be filled and sent back."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from sus_cli.cli.common import ErreurUsage, OptionRacine, charger_depot


def collecte(
    periode: Annotated[str, typer.Argument(help="Période demandée : une année (2024) ou un trimestre (2024-T3).",
                                           metavar="PERIODE", show_default=False)],
    porteur: Annotated[Optional[list[str]], typer.Option(
        "--porteur", help="Direction à qui écrire (répétable). Par défaut : chaque direction qui a des fiches.",
        metavar="CODE", show_default=False)] = None,
    sortie: Annotated[Optional[Path], typer.Option(
        "--sortie", "-o", help="Dossier où écrire les classeurs (par défaut : collecte-PERIODE).",
        metavar="DOSSIER", show_default=False, file_okay=False)] = None,
    remplacer: Annotated[bool, typer.Option("--remplacer", help="Remplacer des classeurs qui existent déjà "
                                            "(par défaut, sus refuse : un classeur rempli serait perdu).")] = False,
    racine: OptionRacine = None,
) -> None:
    """Prépare un classeur Excel par direction pour recueillir les valeurs des indicateurs d'une période,
    le statut et une note de suivi de chaque fiche ouverte. « sus importer » les reporte ensuite dans les fiches.

    Chaque classeur (collecte-PERIODE-DIRECTION.xlsx) contient un mode d'emploi, une feuille « valeurs »
    (une ligne par indicateur), une feuille « fiches » (une ligne par fiche) ; les fiches réalisées ou
    abandonnées n'y figurent pas.
    """
    from sus_cli.collecte.classeur import Demande, classeur, nom_fichier
    from sus_cli.collecte.lignes import Periode, lignes_fiches, lignes_valeurs, ouvertes
    from sus_cli.collecte.saisie import SaisieInvalide, lire_periode
    from sus_cli.engine import aujourdhui
    from sus_cli.files import ecrire_atomique

    depot = charger_depot(racine, texte="aucun")
    config = depot.config
    try:
        lue = Periode(lire_periode(periode, config.schema_.debut, config.schema_.fin))
    except SaisieInvalide as err:
        raise ErreurUsage(str(err)) from None
    par_porteur: dict[str, list] = {}
    for document in depot.fiches_lues():
        if document.modele is not None:
            par_porteur.setdefault(document.modele.porteur, []).append(document.modele)
    if porteur:
        codes = []
        for demande in porteur:
            code = next((c for c in config.directions if c.upper() == demande.strip().upper()), None)
            if code is None:
                raise ErreurUsage(f"direction « {demande} » inconnue ; directions de sus.yaml : "
                                  + ", ".join(config.directions))
            codes.append(code)
    else:
        codes = [c for c in config.directions if c in par_porteur]
    dossier = sortie or Path(f"collecte-{lue.texte}")
    if dossier.exists() and not dossier.is_dir():
        raise ErreurUsage(f"{dossier} existe et n'est pas un dossier")
    a_ecrire = []
    for code in codes:
        fiches = ouvertes(par_porteur.get(code, []))
        if not fiches:
            print(f"{code} : aucune fiche ouverte, pas de classeur.", file=sys.stderr)
            continue
        chemin = dossier / nom_fichier(lue.texte, code)
        if chemin.exists() and not remplacer:
            raise ErreurUsage(f"{chemin} existe déjà : il contient peut-être des réponses. Déplacez-le, "
                              "ou relancez avec --remplacer pour le remplacer")
        a_ecrire.append((code, fiches, chemin))
    if a_ecrire and not dossier.exists():
        dossier.mkdir(parents=True)
        print(f"Dossier {dossier} créé.", file=sys.stderr)
    for code, fiches, chemin in a_ecrire:
        valeurs = lignes_valeurs(fiches, lue)
        demande = Demande(lue, code, config.directions[code].nom, config.schema_.titre, config.schema_.collectivite,
                          aujourdhui(), valeurs, lignes_fiches(fiches))
        ecrire_atomique(chemin, classeur(demande))
        print(f"{chemin} : {len(fiches)} fiche(s), {len(valeurs)} indicateur(s)", file=sys.stderr)
    invalides = depot.invalides()
    if invalides:
        print(f"{len(invalides)} fiche(s) invalide(s) laissée(s) hors des classeurs (voir « sus validate ») : "
              + ", ".join(invalides[:5]) + (" …" if len(invalides) > 5 else ""), file=sys.stderr)
    raise typer.Exit(1 if invalides else 0)
