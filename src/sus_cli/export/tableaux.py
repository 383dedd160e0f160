"""The two export tables: one row per fiche, one row per indicator value."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sus_cli import francais
from sus_cli.figures.fiches import en_retard, sommer_budgets
from sus_cli.figures.indicateurs import cible_annee
from sus_cli.loading.repository import Depot
from sus_cli.model.vocabulaire import decomposer_id, ordre_periode


@dataclass(frozen=True, slots=True)
class Tableau:
    nom: str
    colonnes: tuple[str, ...]
    lignes: list[tuple]


@dataclass(frozen=True, slots=True)
class LignesFiche:
    """What the export keeps of one valid fiche: its row, its values' rows, and what the
    workbook's memory says of them (collecte.origine.valeurs_connues)."""

    fiche: tuple
    valeurs: list[tuple]
    connues: list


def lignes(f, chemin: str, config, jour: dt.date) -> LignesFiche:
    """`f`: a valid fiche's model."""
    from sus_cli.collecte.origine import valeurs_connues
    from sus_cli.model.fiche import ValeurDetaillee

    volet, axe, objectif, _ = decomposer_id(f.id)
    v = config.volets.get(volet)
    total = sommer_budgets(f.budget)
    ligne = (
        f.id, volet, v.titre if v else None, axe, objectif, config.objectif(volet, axe, objectif), f.titre,
        f.porteur, francais.statut(f.statut), f.priorite, f.debut, f.fin, francais.validation(f.etat_validation),
        f.validation.par if f.validation else None, f.validation.le if f.validation else None,
        en_retard(f, jour), total.prevu, total.engage, total.consomme, len(f.indicateurs),
        ", ".join(f.dispositifs), chemin, f.statut or "non_renseigne", f.etat_validation)
    valeurs = []
    for indicateur in f.indicateurs:
        for periode in sorted(indicateur.valeurs, key=ordre_periode):
            brute = indicateur.valeurs[periode]
            detail = brute if isinstance(brute, ValeurDetaillee) else None
            valeurs.append((
                f.id, indicateur.id, indicateur.libelle, indicateur.unite, periode,
                detail.valeur if detail else brute, cible_annee(indicateur, int(periode[:4])),
                indicateur.reference.valeur if indicateur.reference else None,
                detail.commentaire if detail else None, bool(detail and detail.estimation)))
    return LignesFiche(ligne, valeurs, valeurs_connues(f))


def extraction(jour: dt.date):
    """For loading.repository.charger(extraire=…): each fiche read becomes its export rows (in
    worker processes for a large schéma), instead of a model kept until the end."""
    def preparer(config_doc):
        config = config_doc.modele
        if config is None:  # an invalid sus.yaml: the command stops there
            return lambda document: None
        return lambda document: lignes(document.modele, document.chemin, config, jour) if document.valide else None
    return preparer


def tableaux(depot: Depot, jour: dt.date) -> tuple[Tableau, Tableau]:
    """Statut and validation in French for people, their codes in the last columns for machines.
    The `valeurs` table's headers are read back by `sus importer`: keep them."""
    fiches, valeurs = [], []
    for document in depot.fiches:
        if document.leger:
            extrait = document.extrait
        else:
            extrait = lignes(document.modele, document.chemin, depot.config, jour) if document.valide else None
        if extrait is not None:
            fiches.append(extrait.fiche)
            valeurs += extrait.valeurs
    return (
        Tableau("fiches", ("id", "volet", "titre du volet", "axe", "objectif", "titre de l'objectif", "titre",
                           "porteur", "statut", "priorité", "début", "fin", "validation", "validée par",
                           "validée le", "en retard", "budget prévu", "budget engagé", "budget consommé",
                           "indicateurs", "dispositifs", "fichier", "code statut", "code validation"), fiches),
        Tableau("valeurs", ("fiche", "indicateur", "libellé", "unité", "période", "valeur", "cible", "référence",
                            "commentaire", "estimation"), valeurs))
