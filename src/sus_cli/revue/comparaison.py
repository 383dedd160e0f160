"""Comparing two versions of a schéma, fiche by fiche. Pure: two loaded
repositories in, a list of differences out; nothing here reads git."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sus_cli import francais
from sus_cli.loading.documents import Document
from sus_cli.loading.repository import Depot
from sus_cli.model.vocabulaire import ordre_periode

@dataclass(frozen=True, slots=True)
class Detail:
    """One change, as a French sentence, with what it is about."""

    sujet: str  # statut, validation, indicateur, valeur, cible, reference, dates, porteur, budget, texte…
    texte: str
    # Substance: what a validation approved (titre, porteur, dates, indicators'
    # definitions, baselines and targets). Changing it needs a new validation (SUS800).
    substance: bool = False


@dataclass(slots=True)
class DifferenceFiche:
    id: str
    avant: Document | None
    apres: Document | None
    details: list[Detail] = field(default_factory=list)

    @property
    def nature(self) -> str:
        if self.avant is None:
            return "ajoutee"
        if self.apres is None:
            return "supprimee"
        return "modifiee"

    @property
    def chemin(self) -> str:
        return (self.apres or self.avant).chemin

    @property
    def substance_modifiee(self) -> bool:
        return any(d.substance for d in self.details)


def _par_id(depot: Depot) -> dict[str, Document]:
    return {d.id: d for d in depot.fiches_lues() if d.id}


def _valeur_texte(v) -> str:
    if isinstance(v, dt.date):
        return francais.date(v)
    return francais.nombre(v) if v is None or isinstance(v, (bool, int, float)) else str(v)


def _brute(valeur):
    return getattr(valeur, "valeur", valeur)


def _deplacements(avant: dict[str, Document], apres: dict[str, Document]) -> dict[str, str]:
    """Fiches that changed id (moved to another objectif): old id → new id,
    paired by file path or, failing that, by identical title."""
    partis = {i: d for i, d in avant.items() if i not in apres}
    venus = {i: d for i, d in apres.items() if i not in avant}
    paires = {}
    for ancien, a in partis.items():
        for nouveau, b in venus.items():
            if nouveau in paires.values():
                continue
            titre = a.champ("titre")
            if a.chemin == b.chemin or (isinstance(titre, str) and titre == b.champ("titre")):
                paires[ancien] = nouveau
                break
    return paires


def comparer(base: Depot, tete: Depot) -> list[DifferenceFiche]:
    avant, apres = _par_id(base), _par_id(tete)
    deplacements = _deplacements(avant, apres)
    arrivees = set(deplacements.values())
    differences = []
    for identifiant in sorted(set(avant) | set(apres)):
        if identifiant in arrivees:
            continue
        nouveau = deplacements.get(identifiant, identifiant)
        a, b = avant.get(identifiant), apres.get(nouveau)
        difference = DifferenceFiche(nouveau, a, b)
        if a is not None and b is not None:
            difference.details = _details(a, b)
            if nouveau != identifiant:
                difference.details.insert(0, Detail("objectif", f"identifiant : {identifiant} → {nouveau} "
                                                                "(la fiche change d'objectif ou de rang)",
                                                    substance=True))
            if not difference.details:
                continue
        differences.append(difference)
    return differences


def _details(a: Document, b: Document) -> list[Detail]:
    fa, fb = a.modele, b.modele
    if fa is None or fb is None:
        if (a.texte or "") != (b.texte or ""):
            return [Detail("texte", "fiche modifiée (une des deux versions est invalide : voir « sus validate »)",
                           substance=True)]
        return []
    details: list[Detail] = []
    if fa.statut != fb.statut:
        details.append(Detail("statut", f"statut : {francais.statut(fa.statut)} → {francais.statut(fb.statut)}"))
    if fa.etat_validation != fb.etat_validation:
        details.append(Detail("validation", f"validation : {francais.validation(fa.etat_validation)} → "
                                            f"{francais.validation(fb.etat_validation)}"
                              + (f" (par {fb.validation.par}, le {francais.date(fb.validation.le)})"
                                 if fb.etat_validation == "validee" and fb.validation else "")))
    if fa.titre != fb.titre:
        details.append(Detail("titre", f"titre : « {fa.titre} » → « {fb.titre} »", substance=True))
    if fa.porteur != fb.porteur:
        details.append(Detail("porteur", f"porteur : {fa.porteur} → {fb.porteur}", substance=True))
    for cle, nom in (("debut", "début"), ("fin", "fin")):
        if getattr(fa, cle) != getattr(fb, cle):
            details.append(Detail("dates", f"{nom} : {_valeur_texte(getattr(fa, cle))} → "
                                           f"{_valeur_texte(getattr(fb, cle))}", substance=True))
    details += _indicateurs(fa, fb)
    details += _budget(fa, fb)
    for cle, nom in (("dispositifs", "dispositifs"), ("partenaires", "partenaires"), ("pilotes", "pilotes"),
                     ("fiches_liees", "fiches liées"), ("etapes", "étapes"), ("priorite", "priorité")):
        if getattr(fa, cle) != getattr(fb, cle):
            details.append(Detail(cle, f"{nom} modifiés" if cle != "priorite" else
                                  f"priorité : {_valeur_texte(fa.priorite)} → {_valeur_texte(fb.priorite)}"))
    nouvelles = [n for n in fb.notes_suivi if n not in fa.notes_suivi]
    for note in nouvelles:
        details.append(Detail("note", f"note de suivi du {francais.date(note.date)} : {note.texte}"))
    if a.corps != b.corps:
        details.append(Detail("texte", "texte de la fiche modifié"))
    return details


def _definition(indicateur) -> tuple:
    return (indicateur.libelle, indicateur.unite, indicateur.type, indicateur.sens, indicateur.source)


def _indicateurs(fa, fb) -> list[Detail]:
    details = []
    avant = {i.id: i for i in fa.indicateurs}
    apres = {i.id: i for i in fb.indicateurs}
    for ident in avant.keys() - apres.keys():
        details.append(Detail("indicateur", f"indicateur retiré : {avant[ident].libelle}", substance=True))
    for ident in [i.id for i in fb.indicateurs if i.id not in avant]:
        details.append(Detail("indicateur", f"indicateur ajouté : {apres[ident].libelle}", substance=True))
    for ident in [i.id for i in fb.indicateurs if i.id in avant]:
        ia, ib = avant[ident], apres[ident]
        nom = ib.libelle  # people know an indicator by its label, not its id
        if _definition(ia) != _definition(ib):
            details.append(Detail("indicateur", f"définition de l'indicateur « {nom} » modifiée"
                                                 + (f" (était « {ia.libelle} »)" if ia.libelle != ib.libelle else ""), substance=True))
        if ia.reference != ib.reference:
            ra = f"{ia.reference.valeur} ({ia.reference.annee})" if ia.reference else "—"
            rb = f"{ib.reference.valeur} ({ib.reference.annee})" if ib.reference else "—"
            details.append(Detail("reference", f"référence de « {nom} » : {ra} → {rb}", substance=True))
        for annee in sorted(ia.cibles.keys() | ib.cibles.keys()):
            ca, cb = ia.cibles.get(annee), ib.cibles.get(annee)
            if ca != cb:
                details.append(Detail("cible", f"cible {annee} de « {nom} » : {_valeur_texte(ca)} → "
                                               f"{_valeur_texte(cb)}", substance=True))
        for periode in sorted(ia.valeurs.keys() | ib.valeurs.keys(), key=ordre_periode):
            va, vb = ia.valeurs.get(periode), ib.valeurs.get(periode)
            if va == vb:
                continue
            if va is None:
                texte = f"valeur {periode} de « {nom} » ajoutée : {_valeur_texte(_brute(vb))}"
            elif vb is None:
                texte = f"valeur {periode} de « {nom} » retirée (était {_valeur_texte(_brute(va))})"
            else:
                texte = f"valeur {periode} de « {nom} » : {_valeur_texte(_brute(va))} → {_valeur_texte(_brute(vb))}"
            details.append(Detail("valeur", texte))
    return details


def _budget(fa, fb) -> list[Detail]:
    avant = {l.annee: l for l in fa.budget}
    apres = {l.annee: l for l in fb.budget}
    details = []
    for annee in sorted(avant.keys() | apres.keys()):
        la, lb = avant.get(annee), apres.get(annee)
        if la == lb:
            continue
        def montants(ligne):
            if ligne is None:
                return "—"
            return ", ".join(f"{nom} {getattr(ligne, cle)} €" if getattr(ligne, cle) is not None else f"{nom} —"
                             for cle, nom in (("prevu", "prévu"), ("engage", "engagé"), ("consomme", "consommé")))
        details.append(Detail("budget", f"budget {annee} : {montants(la)} → {montants(lb)}"))
    return details
