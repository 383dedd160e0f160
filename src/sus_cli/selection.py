"""Choosing fiches: the filters of `sus liste` (and of any command that takes them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from sus_cli.figures.fiches import en_retard
from sus_cli.francais import sans_accents
from sus_cli.loading.documents import Document
from sus_cli.model.vocabulaire import decomposer_id


@dataclass(frozen=True, slots=True)
class Criteres:
    porteur: str | None = None
    volet: str | None = None
    axe: str | None = None  # "6" or "TR-6"
    objectif: str | None = None  # "6.2" or "TR-6.2"
    statut: str | None = None  # a statut, or "non_renseigne"
    dispositif: str | None = None
    validation: str | None = None
    en_retard: bool = False
    texte: str | None = None


def _place(valeur: str | None, volet: str, numeros: tuple[int, ...]) -> bool:
    """Does "6.2" / "TR-6.2" designate this (volet, numbers)?"""
    if valeur is None:
        return True
    prefixe, _, reste = valeur.rpartition("-")
    if prefixe and prefixe.upper() != volet:
        return False
    return reste == ".".join(map(str, numeros))


def retenir(document: Document, criteres: Criteres, aujourdhui: dt.date) -> bool:
    fiche = document.modele
    if fiche is None:
        return False
    volet, axe, objectif, _ = decomposer_id(fiche.id)
    if criteres.porteur and fiche.porteur.upper() != criteres.porteur.upper():
        return False
    if criteres.volet and volet != criteres.volet.upper():
        return False
    if not _place(criteres.axe, volet, (axe,)) or not _place(criteres.objectif, volet, (axe, objectif)):
        return False
    if criteres.statut and (fiche.statut or "non_renseigne") != criteres.statut:
        return False
    if criteres.dispositif and sans_accents(criteres.dispositif) not in {sans_accents(d) for d in fiche.dispositifs}:
        return False
    if criteres.validation and fiche.etat_validation != criteres.validation:
        return False
    if criteres.en_retard and not en_retard(fiche, aujourdhui):
        return False
    if criteres.texte:
        cherche = sans_accents(criteres.texte)
        if not any(cherche in sans_accents(texte) for texte in textes_ecrits(fiche, document.corps)):
            return False
    return True


def textes_ecrits(fiche, corps: str) -> Iterator[str]:
    """Every text a person wrote in a fiche: what `sus liste --texte` searches."""
    yield fiche.titre
    yield corps
    yield from fiche.pilotes
    if fiche.partenaires:
        yield from fiche.partenaires.internes
        yield from fiche.partenaires.externes
    yield from fiche.publics
    yield from fiche.dispositifs
    if fiche.validation and fiche.validation.par:
        yield fiche.validation.par
    for ligne in fiche.budget:
        yield from ligne.financeurs
        if ligne.commentaire:
            yield ligne.commentaire
    for etape in fiche.etapes:
        yield etape.libelle
    for note in fiche.notes_suivi:
        yield note.texte
    for indicateur in fiche.indicateurs:
        yield indicateur.libelle
        if indicateur.source:
            yield indicateur.source
        for valeur in indicateur.valeurs.values():
            if getattr(valeur, "commentaire", None):
                yield valeur.commentaire
    yield from fiche.sus_ignore.values()
