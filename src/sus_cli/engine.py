"""Runs the rules: resolves positions, applies the configured severities and
each fiche's `sus_ignore`, sorts, and decides the exit status. Rules only
decide whether and where; the engine stamps the rest.

In two steps. `Verification.analyser` runs a file's own rules on its
document and keeps a summary (resumes.Resume): that is the work done once
per file, in worker processes for a large schéma, and what the cache keeps.
`Verification.assembler` then runs the rules that compare files (ids, links,
CODEOWNERS) and those that read the others' findings (phase 2) on the
summaries alone.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sus_cli.diagnostics import Constat, Diagnostic
from sus_cli.resumes import Referentiel, Resume, cle_position
from sus_cli.rules.meta import ignores as ignores_de
from sus_cli.rules.registry import Regle, toutes

if TYPE_CHECKING:
    from sus_cli.loading.documents import Document
    from sus_cli.loading.repository import Depot

VARIABLE_DATE = "SUS_AUJOURDHUI"


def aujourdhui() -> dt.date:
    """Today, or the date in $SUS_AUJOURDHUI (reproducible runs and tests)."""
    valeur = os.environ.get(VARIABLE_DATE)
    if valeur:
        return dt.date.fromisoformat(valeur)
    return dt.date.today()


@dataclass(slots=True)
class Contexte:
    """What a rule may read besides its document (or summary)."""

    aujourdhui: dt.date
    regles: dict[str, Regle]
    referentiel: Referentiel | None  # None: sus.yaml is invalid
    # Rules on summaries only: every file's summary, by id and in order, and the schéma's root.
    par_id: dict[str, list[Resume]] = field(default_factory=dict)
    fiches: list[Resume] = field(default_factory=list)
    racine: Path | None = None
    # The current file's kept diagnostics and used ignores (read by phase 2).
    diagnostics: list[Diagnostic] = field(default_factory=list)
    ignores_utilises: set[str] = field(default_factory=set)


def severites(referentiel: Referentiel | None, regles: dict[str, Regle]) -> dict[str, str]:
    resultat = {code: r.severite for code, r in regles.items()}
    if referentiel is not None:
        for code, niveau in referentiel.niveaux.items():
            if code in resultat:
                resultat[code] = niveau
    return resultat


def _diagnostic(document, regle: Regle, severite: str, constat: Constat, est_fiche: bool) -> Diagnostic:
    """`document`: a loading Document, or a Resume (rules that read summaries)."""
    if constat.ligne is not None:
        ligne, colonne = constat.ligne, constat.colonne or 1
    else:
        ligne, colonne = document.position(constat.chemin or (), constat.cle)
    return Diagnostic(document.chemin, ligne, colonne, regle.code, severite, constat.message,
                      document.id if est_fiche else None, regle.slug, constat.type)


def _appliquer(regle: Regle, sujet, contexte: Contexte, ignores: dict, niveau: str, est_fiche: bool) -> None:
    for constat in regle.verifier(sujet, contexte):
        if regle.ignorable and regle.code in ignores:
            contexte.ignores_utilises.add(regle.code)
            continue
        contexte.diagnostics.append(_diagnostic(sujet, regle, niveau, constat, est_fiche))


class Verification:
    """The active rules and their severities for one sus.yaml, at one date."""

    def __init__(self, referentiel: Referentiel | None, jour: dt.date | None = None):
        self.referentiel = referentiel
        self.jour = jour or aujourdhui()
        self.regles = toutes()
        self.niveaux = severites(referentiel, self.regles)
        actives = [r for r in self.regles.values() if self.niveaux[r.code] != "off" and r.cible != "revue"]
        self.propres = [r for r in actives if not r.sur_resume]
        # Phase 1 rules that compare files, then phase 2: the order of one pass of the rules.
        self.communes = sorted((r for r in actives if r.sur_resume), key=lambda r: (r.phase, r.code))

    def analyser(self, document: Document, est_fiche: bool = True) -> Resume:
        """Run a file's own rules; keep its summary. The document's YAML nodes
        (positions) are dropped afterwards."""
        cible = "fiche" if est_fiche else "config"
        ignores = ignores_de(document) if est_fiche else {}
        contexte = Contexte(self.jour, self.regles, self.referentiel)
        for regle in self.propres:
            if regle.cible in (cible, "tous"):
                _appliquer(regle, document, contexte, ignores, self.niveaux[regle.code], est_fiche)
        resume = Resume(document.chemin, document.id if est_fiche else None, document.complet, document.dossier,
                        diagnostics=contexte.diagnostics, ignores=tuple(ignores),
                        ignores_utilises=frozenset(contexte.ignores_utilises))
        if est_fiche:
            _resumer_fiche(document, resume)
        if document.yaml is not None:
            document.yaml.oublier_noeuds()
        return resume

    def assembler(self, config: Resume, fiches: list[Resume], racine: Path | None = None) -> list[Diagnostic]:
        """Every diagnostic, sorted: each complete file's own, and those of the rules on summaries."""
        par_id: dict[str, list[Resume]] = defaultdict(list)
        for fiche in fiches:
            if fiche.id is not None:
                par_id[fiche.id].append(fiche)
        contexte = Contexte(self.jour, self.regles, self.referentiel, dict(par_id), fiches, racine)
        resultat: list[Diagnostic] = []
        for resume, est_fiche in ((config, False), *((f, True) for f in fiches)):
            if not resume.complet:
                continue
            contexte.diagnostics, contexte.ignores_utilises = list(resume.diagnostics), set(resume.ignores_utilises)
            cible = "fiche" if est_fiche else "config"
            for regle in self.communes:
                if regle.cible in (cible, "tous"):
                    _appliquer(regle, resume, contexte, resume.ignores, self.niveaux[regle.code], est_fiche)
            resultat.extend(contexte.diagnostics)
        resultat.sort(key=Diagnostic.sort_key)
        return resultat


def _resumer_fiche(document: Document, resume: Resume) -> None:
    """What the rules on summaries read of a fiche, and the positions they may point at."""
    porteur = document.champ("porteur")
    resume.porteur = porteur if isinstance(porteur, str) else None
    liees = document.champ("fiches_liees")
    if isinstance(liees, list):
        resume.liees = tuple((i, autre) for i, autre in enumerate(liees) if isinstance(autre, str))
    if document.modele is not None:
        resume.etat = document.modele.etat_validation
    chemins: list[tuple[tuple, bool]] = [(("id",), False), (("porteur",), False)]
    chemins += [(("fiches_liees", i), False) for i, _ in resume.liees]
    if resume.etat == "validee":
        chemins.append((("validation", "etat"), False))
    chemins += [(("sus_ignore", code), True) for code in resume.ignores]
    resume.positions = {cle_position(chemin, cle): document.position(chemin, cle) for chemin, cle in chemins}


def resume_id_seul(document: Document) -> Resume:
    """A fiche read only for its id (not reported on): what the others need of it."""
    return Resume(document.chemin, document.id, complet=False, dossier=document.dossier)


def analyse_au_chargement(jour: dt.date):
    """For loading.repository.charger(analyse=…): each file's own rules run as it is read,
    while its YAML nodes are there, so that its text can be dropped afterwards."""
    def preparer(config: Document):
        referentiel = Referentiel.depuis_config(config.modele)
        verification = Verification(referentiel, jour)
        config.resume = verification.analyser(config, est_fiche=False)
        return verification.analyser
    return preparer


def verifier(depot: Depot, date: dt.date | None = None) -> list[Diagnostic]:
    """Every diagnostic of a loaded repository (its documents analysed now, or
    as they were read: `Document.resume`, `Depot.regles_du`)."""
    verification = Verification(Referentiel.depuis_config(depot.config), date)
    if depot.regles_du is not None and depot.regles_du != verification.jour:
        raise ValueError(f"fiches vérifiées au {depot.regles_du}, pas au {verification.jour}")
    config = depot.config_doc.resume or verification.analyser(depot.config_doc, est_fiche=False)
    fiches = [f.resume or (verification.analyser(f) if f.complet else resume_id_seul(f)) for f in depot.fiches]
    return verification.assembler(config, fiches, depot.racine)


def verifier_revue(differences, tete: Depot, date: dt.date | None = None) -> list[Diagnostic]:
    """The workflow rules (cible "revue") over the differences between two versions."""
    regles = toutes()
    referentiel = Referentiel.depuis_config(tete.config)
    niveaux = severites(referentiel, regles)
    contexte = Contexte(date or aujourdhui(), regles, referentiel)
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
