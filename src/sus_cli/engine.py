"""Runs the rules over a loaded repository: resolves positions, applies the
configured severities and each fiche's `sus_ignore`, sorts, and decides the
exit status. Rules only decide whether and where; the engine stamps the rest.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sus_cli.diagnostics import Constat, Diagnostic
from sus_cli.loading.documents import Document
from sus_cli.loading.repository import Depot
from sus_cli.model import Config
from sus_cli.rules.meta import ignores as ignores_de
from sus_cli.rules.registry import Regle, toutes

VARIABLE_DATE = "SUS_AUJOURDHUI"


def aujourdhui() -> dt.date:
    """Today, or the date in $SUS_AUJOURDHUI (reproducible runs and tests)."""
    valeur = os.environ.get(VARIABLE_DATE)
    if valeur:
        return dt.date.fromisoformat(valeur)
    return dt.date.today()


@dataclass(slots=True)
class Contexte:
    """What a rule may read besides its document."""

    depot: Depot
    aujourdhui: dt.date
    par_id: dict[str, list[Document]]
    regles: dict[str, Regle]
    # Phase 2 only: the current document's kept diagnostics and used ignores.
    diagnostics: list[Diagnostic] = field(default_factory=list)
    ignores_utilises: set[str] = field(default_factory=set)

    @property
    def config(self) -> Config | None:
        return self.depot.config


def severites(depot: Depot, regles: dict[str, Regle]) -> dict[str, str]:
    resultat = {code: r.severite for code, r in regles.items()}
    if depot.config is not None:
        for code, niveau in depot.config.regles.items():
            if code in resultat:
                resultat[code] = niveau
    return resultat


def _diagnostic(document: Document, regle: Regle, severite: str, constat: Constat,
                est_fiche: bool) -> Diagnostic:
    if constat.ligne is not None:
        ligne, colonne = constat.ligne, constat.colonne or 1
    else:
        ligne, colonne = document.position(constat.chemin or (), constat.cle)
    return Diagnostic(document.chemin, ligne, colonne, regle.code, severite, constat.message,
                      document.id if est_fiche else None, regle.slug, constat.type)


def verifier(depot: Depot, date: dt.date | None = None) -> list[Diagnostic]:
    regles = toutes()
    niveaux = severites(depot, regles)
    par_id: dict[str, list[Document]] = defaultdict(list)
    for fiche in depot.fiches:
        if fiche.id is not None:
            par_id[fiche.id].append(fiche)
    contexte = Contexte(depot, date or aujourdhui(), dict(par_id), regles)
    actives = [r for r in regles.values() if niveaux[r.code] != "off"]
    phase1 = [r for r in actives if r.phase == 1]
    phase2 = [r for r in actives if r.phase == 2]
    resultat: list[Diagnostic] = []
    for document in depot.documents():
        if not document.complet:
            continue
        est_fiche = document is not depot.config_doc
        cible = "fiche" if est_fiche else "config"
        ignores = ignores_de(document) if est_fiche else {}
        contexte.diagnostics, contexte.ignores_utilises = [], set()
        for groupe in (phase1, phase2):
            for regle in groupe:
                if regle.cible not in (cible, "tous"):
                    continue
                for constat in regle.verifier(document, contexte):
                    if regle.ignorable and regle.code in ignores:
                        contexte.ignores_utilises.add(regle.code)
                        continue
                    contexte.diagnostics.append(
                        _diagnostic(document, regle, niveaux[regle.code], constat, est_fiche))
        resultat.extend(contexte.diagnostics)
        if document.yaml is not None:
            document.yaml.oublier_noeuds()
    resultat.sort(key=Diagnostic.sort_key)
    return resultat


def verifier_revue(differences, tete: Depot, date: dt.date | None = None) -> list[Diagnostic]:
    """The workflow rules (cible "revue") over the differences between two versions."""
    regles = toutes()
    niveaux = severites(tete, regles)
    contexte = Contexte(tete, date or aujourdhui(), {}, regles)
    resultat = []
    for difference in differences:
        document = difference.apres or difference.avant
        for regle in regles.values():
            if regle.cible != "revue" or niveaux[regle.code] == "off":
                continue
            for constat in regle.verifier(difference, contexte):
                resultat.append(_diagnostic(document, regle, niveaux[regle.code], constat, True))
    resultat.sort(key=Diagnostic.sort_key)
    return resultat


def code_sortie(diagnostics: Iterable[Diagnostic], strict: bool = False) -> int:
    echec = {"error", "warning"} if strict else {"error"}
    return 1 if any(d.severity in echec for d in diagnostics) else 0
