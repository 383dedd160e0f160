"""`sus collecte PERIODE`: one workbook per direction, to be filled and sent back."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Optional

import typer

from sus_cli.cli.common import ErreurUsage, OptionRacine, charger_depot
from sus_cli.paralleles import SEUIL_PARALLELE, appliquer


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
    from sus_cli.collecte.classeur import nom_fichier
    from sus_cli.collecte.saisie import SaisieInvalide
    from sus_cli.files import ecrire_atomique
    from sus_cli.paralleles import processus_disponibles

    extraction = _Extraction(periode)
    try:
        # Each fiche becomes the rows it gives the workbooks as it is read (in worker processes for a
        # large schéma): the models are not kept.
        depot = charger_depot(racine, texte="aucun", extraire=lambda _jour: extraction)
    except SaisieInvalide as err:
        raise ErreurUsage(str(err)) from None
    config, lue = depot.config, extraction.lue
    par_porteur: dict[str, list] = {}
    for document in depot.fiches_lues():
        if document.extrait is not None:
            par_porteur.setdefault(document.extrait.porteur, []).append(document.extrait)
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
        fiches = sorted((f for f in par_porteur.get(code, []) if f.ouverte), key=lambda f: f.id)
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
    # The workbooks are made side by side (one per worker), and written here.
    faits = appliquer(_Classeur(lue, config), a_ecrire,
                      processus_disponibles() if sum(len(f) for _, f, _ in a_ecrire) >= SEUIL_PARALLELE else 1)
    for (code, fiches, chemin), (octets, valeurs) in zip(a_ecrire, faits):
        ecrire_atomique(chemin, octets)
        print(f"{chemin} : {len(fiches)} fiche(s), {valeurs} indicateur(s)", file=sys.stderr)
    invalides = depot.invalides()
    if invalides:
        print(f"{len(invalides)} fiche(s) invalide(s) laissée(s) hors des classeurs (voir « sus validate ») : "
              + ", ".join(invalides[:5]) + (" …" if len(invalides) > 5 else ""), file=sys.stderr)
    raise typer.Exit(1 if invalides else 0)


@dataclass(frozen=True, slots=True)
class _Lignes:
    """What a fiche gives the workbooks of a period: its rows, and where it goes."""

    id: str
    porteur: str
    ouverte: bool  # neither réalisée nor abandonnée (collecte.lignes.est_ouverte)
    valeurs: list
    fiche: object


class _Extraction:
    """For charger(extraire=…): the period, checked against sus.yaml's years once it is read
    (`lue`), and each valid fiche's rows for it."""

    def __init__(self, periode: str):
        self.periode = periode
        self.lue = None

    def __call__(self, config_doc):
        from sus_cli.collecte.lignes import Periode, est_ouverte, lignes_fiches, lignes_valeurs
        from sus_cli.collecte.saisie import lire_periode

        config = config_doc.modele
        if config is None:  # an invalid sus.yaml: the command stops there
            return lambda document: None
        lue = self.lue = Periode(lire_periode(self.periode, config.schema_.debut, config.schema_.fin))

        def lignes(document):
            if not document.valide:
                return None
            f = document.modele
            return _Lignes(f.id, f.porteur, est_ouverte(f), lignes_valeurs([f], lue), lignes_fiches([f])[0])
        return lignes


class _Classeur:
    """Makes one direction's workbook (in this process or a worker): its bytes and its number of rows."""

    def __init__(self, lue, config):
        self.lue, self.config = lue, config

    def __call__(self, travail) -> tuple[bytes, int]:
        from sus_cli.collecte.classeur import Demande, classeur
        from sus_cli.engine import aujourdhui

        code, fiches, _chemin = travail
        config = self.config
        valeurs = [v for f in fiches for v in f.valeurs]
        demande = Demande(self.lue, code, config.directions[code].nom, config.schema_.titre,
                          config.schema_.collectivite, aujourdhui(), valeurs, [f.fiche for f in fiches])
        return classeur(demande), len(valeurs)
