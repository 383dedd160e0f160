"""The whole schéma's figures for a year: the tree volet → axe → objectif →
fiche, and the cuts by porteur and by dispositif. Built once; every output
(terminal, templates, JSON, exports) reads it."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sus_cli.figures.fiches import ChiffresFiche, chiffrer_fiche
from sus_cli.figures.synthese import Synthese, synthetiser
from sus_cli.model.vocabulaire import decomposer_id

if TYPE_CHECKING:
    from sus_cli.model import Config, Fiche


@dataclass(frozen=True, slots=True)
class Objectif:
    numero: int
    titre: str
    synthese: Synthese
    fiches: tuple[ChiffresFiche, ...]


@dataclass(frozen=True, slots=True)
class Axe:
    numero: int
    titre: str
    synthese: Synthese
    objectifs: tuple[Objectif, ...]


@dataclass(frozen=True, slots=True)
class Volet:
    code: str
    titre: str
    synthese: Synthese
    axes: tuple[Axe, ...]


@dataclass(frozen=True, slots=True)
class Coupe:
    """A cut of the schéma across the hierarchy: one porteur, one dispositif."""

    code: str
    nom: str
    synthese: Synthese
    fiches: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FicheEcartee:
    chemin: str
    id: str | None
    raison: str


@dataclass(frozen=True, slots=True)
class ChiffresSchema:
    annee: int
    config: Config
    synthese: Synthese
    volets: tuple[Volet, ...]
    porteurs: tuple[Coupe, ...]
    dispositifs: tuple[Coupe, ...]
    ecartees: tuple[FicheEcartee, ...] = field(default=())

    def fiches(self):
        for volet in self.volets:
            for axe in volet.axes:
                for objectif in axe.objectifs:
                    yield from objectif.fiches


def chiffrer_schema(config: Config, fiches: list[tuple[str, Fiche | None, str | None]], annee: int,
                    echeance: dt.date | None = None) -> ChiffresSchema:
    """`fiches` are (path, model or None when invalid, id if readable); instead
    of the model, its figures already made for `annee` (figures.fiches.chiffrage).

    `echeance` is the date a fiche is late after: the end of `annee` for a
    bilan (the default), today elsewhere.
    """
    places: dict[tuple[str, int, int], list[ChiffresFiche]] = defaultdict(list)
    ecartees = []
    for chemin, fiche, identifiant in fiches:
        if fiche is None:
            # A path that is not a `.md` is a folder that could not be read.
            raison = ("fiche mal formée, que la vérification des fiches explique" if chemin.endswith(".md")
                      else "dossier illisible : les fiches qu'il contient manquent (voir la vérification des fiches)")
            ecartees.append(FicheEcartee(chemin, identifiant, raison))
            continue
        volet, axe, objectif, _ = decomposer_id(fiche.id)
        if config.objectif(volet, axe, objectif) is None:
            ecartees.append(FicheEcartee(chemin, fiche.id, f"son objectif {volet}-{axe}.{objectif} n'existe pas dans le référentiel du schéma"))
            continue
        chiffres = fiche if isinstance(fiche, ChiffresFiche) else chiffrer_fiche(fiche, chemin, annee, echeance)
        places[(volet, axe, objectif)].append(chiffres)
    volets = []
    for code, volet in config.volets.items():
        axes = []
        for numero_axe, axe in volet.axes.items():
            objectifs = []
            for numero, titre in axe.objectifs.items():
                contenu = sorted(places[(code, numero_axe, numero)], key=lambda c: decomposer_id(c.id)[3])
                objectifs.append(Objectif(numero, titre, synthetiser(contenu), tuple(contenu)))
            dans_axe = [f for o in objectifs for f in o.fiches]
            axes.append(Axe(numero_axe, axe.titre, synthetiser(dans_axe), tuple(objectifs)))
        dans_volet = [f for a in axes for o in a.objectifs for f in o.fiches]
        volets.append(Volet(code, volet.titre, synthetiser(dans_volet), tuple(axes)))
    dans_schema = [f for v in volets for a in v.axes for o in a.objectifs for f in o.fiches]
    return ChiffresSchema(annee, config, synthetiser(dans_schema), tuple(volets),
                          _coupes(dans_schema, config, porteurs=True), _coupes(dans_schema, config, porteurs=False),
                          tuple(ecartees))


def _coupes(fiches: list[ChiffresFiche], config: Config, porteurs: bool) -> tuple[Coupe, ...]:
    groupes: dict[str, list[ChiffresFiche]] = defaultdict(list)
    for chiffres in fiches:
        for cle in ([chiffres.fiche.porteur] if porteurs else chiffres.fiche.dispositifs):
            groupes[cle].append(chiffres)
    resultat = []
    for cle in sorted(groupes):
        nom = config.directions[cle].nom if porteurs and cle in config.directions else cle
        resultat.append(Coupe(cle, nom, synthetiser(groupes[cle]), tuple(c.id for c in groupes[cle])))
    return tuple(resultat)
