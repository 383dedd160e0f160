"""The two export tables: one row per fiche, one row per indicator value."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sus_cli import francais
from sus_cli.figures.fiches import en_retard, sommer_budgets
from sus_cli.figures.indicateurs import cible_annee
from sus_cli.loading.repository import Depot
from sus_cli.model.fiche import ValeurDetaillee, decomposer_id
from sus_cli.model.types import ordre_periode


@dataclass(frozen=True, slots=True)
class Tableau:
    nom: str
    colonnes: tuple[str, ...]
    lignes: list[tuple]


def tableaux(depot: Depot, jour: dt.date) -> tuple[Tableau, Tableau]:
    """Statut and validation in French for people, their codes in the last columns for machines.
    The `valeurs` table's headers are read back by `sus importer`: keep them."""
    config = depot.config
    fiches, valeurs = [], []
    for document in depot.fiches:
        f = document.modele
        if f is None:
            continue
        volet, axe, objectif, _ = decomposer_id(f.id)
        v = config.volets.get(volet)
        total = sommer_budgets(f.budget)
        fiches.append((
            f.id, volet, v.titre if v else None, axe, objectif, config.objectif(volet, axe, objectif), f.titre,
            f.porteur, francais.statut(f.statut), f.priorite, f.debut, f.fin, francais.validation(f.etat_validation),
            f.validation.par if f.validation else None, f.validation.le if f.validation else None,
            en_retard(f, jour), total.prevu, total.engage, total.consomme, len(f.indicateurs),
            ", ".join(f.dispositifs), document.chemin, f.statut or "non_renseigne", f.etat_validation))
        for indicateur in f.indicateurs:
            for periode in sorted(indicateur.valeurs, key=ordre_periode):
                brute = indicateur.valeurs[periode]
                detail = brute if isinstance(brute, ValeurDetaillee) else None
                valeurs.append((
                    f.id, indicateur.id, indicateur.libelle, indicateur.unite, periode,
                    detail.valeur if detail else brute, cible_annee(indicateur, int(periode[:4])),
                    indicateur.reference.valeur if indicateur.reference else None,
                    detail.commentaire if detail else None, bool(detail and detail.estimation)))
    return (
        Tableau("fiches", ("id", "volet", "titre du volet", "axe", "objectif", "titre de l'objectif", "titre",
                           "porteur", "statut", "priorité", "début", "fin", "validation", "validée par",
                           "validée le", "en retard", "budget prévu", "budget engagé", "budget consommé",
                           "indicateurs", "dispositifs", "fichier", "code statut", "code validation"), fiches),
        Tableau("valeurs", ("fiche", "indicateur", "libellé", "unité", "période", "valeur", "cible", "référence",
                            "commentaire", "estimation"), valeurs))
