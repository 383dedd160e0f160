"""Checking a whole schéma (`sus validate`): every file read and checked once,
keeping only its summary (resumes.Resume), then the rules that compare files
run on the summaries. Memory stays flat: no document nor model outlives the
check of its file.

A file whose bytes did not change since the last run is not parsed again:
its summary comes from the cache (loading/cache.py). The others are parsed
and checked in worker processes when there are enough of them
(paralleles.py): the result is the same, in the same order.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sus_cli.diagnostics import Constat, Diagnostic
from sus_cli.engine import Verification, aujourdhui, resume_id_seul
from sus_cli.loading.arbre import FICHIER_CONFIG, Entree, RacineIntrouvable, fichiers_fiches
from sus_cli.loading.fichiers import Illisible, lire_octets_et_etat
from sus_cli.paralleles import SEUIL_PARALLELE, appliquer, fork_possible, processus_disponibles
from sus_cli.resumes import Referentiel, Resume


@dataclass(frozen=True, slots=True)
class Examen:
    diagnostics: list[Diagnostic]
    fiches: int  # .md files read under fiches/, parsed or not (the contract's `fiches`)


def _document(relatif: str, code: str, message: str, dossier: bool = False, type_: str | None = None):
    from sus_cli.loading.documents import Document

    document = Document(relatif, dossier=dossier)
    document.problemes.append((code, Constat(message, ligne=1, colonne=1, type=type_)))
    return document


class _Lecteur:
    """What is done for each file, in this process or in a worker (which inherits it)."""

    def __init__(self, verification: Verification, cache, a_lire: Callable[[str], bool] | None,
                 octets: dict[str, bytes] | None = None):
        self.verification = verification
        self.cache = cache
        self.a_lire = a_lire
        self.octets = octets  # a tree read from git: path → bytes

    def __call__(self, entree: Entree) -> tuple[Resume, list | None]:
        """The file's summary, and what to keep of it in the cache (None: nothing)."""
        chemin, relatif, probleme, dossier = entree
        if probleme is not None:
            return self.verification.analyser(_document(relatif, "SUS104", probleme.message, dossier,
                                                        probleme.type)), None
        if self.a_lire is not None and not self.a_lire(relatif):
            return self._id_seul(chemin, relatif), None
        if self.octets is not None:
            octets, info = self.octets[relatif], None
        else:
            try:
                octets, info = lire_octets_et_etat(chemin)
            except Illisible as err:
                return self.verification.analyser(_document(relatif, err.code, err.message)), None
        if self.cache is not None:
            from sus_cli.loading.cache import empreinte

            cle = empreinte(octets)
            garde = self.cache.resultat(relatif, cle)
            if garde is not None:
                try:
                    return Resume.depuis_json(garde), [cle, info, garde]
                except (TypeError, ValueError, KeyError, AttributeError):
                    pass  # an entry of another shape: checked again, and replaced
        from sus_cli.loading.documents import fiche_depuis_octets, id_depuis_octets

        resume = self.verification.analyser(fiche_depuis_octets(relatif, octets, garder_noeuds=True))
        if self.cache is not None:
            resume.id_seul = id_depuis_octets(relatif, octets).id_seul
        return resume, ([cle, info, resume.en_json()] if self.cache is not None else None)

    def _id_seul(self, chemin: Path, relatif: str) -> Resume:
        """A fiche not reported on: its id, from the cache when the file is as it was, else read."""
        if self.cache is not None:
            try:
                garde = self.cache.resultat_si_inchange(relatif, os.stat(chemin))
                if garde is not None:
                    return resume_id_seul_de(Resume.depuis_json(garde))
            except (OSError, TypeError, ValueError, KeyError, AttributeError):
                pass
        from sus_cli.loading.documents import id_depuis_octets, lire_id

        if self.octets is not None:
            return resume_id_seul(id_depuis_octets(relatif, self.octets[relatif]))
        return resume_id_seul(lire_id(chemin, relatif))


def resume_id_seul_de(resume: Resume) -> Resume:
    """What a run that does not report on a fiche reads of it: the id found without parsing."""
    return Resume(resume.chemin, resume.id_seul, complet=False)


def _config(octets: bytes | None, probleme: Illisible | None, jour: dt.date, cache) -> tuple[Verification, Resume]:
    """sus.yaml's summary (from the cache, or checked now) and the rules it sets."""
    from sus_cli.loading.cache import empreinte

    cle = empreinte(octets) if octets is not None else None
    garde = cache.resultat(FICHIER_CONFIG, cle) if cache is not None and cle is not None else None
    if garde is not None:
        try:
            resume = Resume.depuis_json(garde)
            return Verification(resume.referentiel, jour), resume
        except (TypeError, ValueError, KeyError, AttributeError):
            pass
    from sus_cli.loading.documents import Document, config_depuis_octets

    document = Document(FICHIER_CONFIG)
    if probleme is not None:
        document.problemes.append((probleme.code, Constat(probleme.message, ligne=1, colonne=1)))
    else:
        config_depuis_octets(octets, document=document, garder_noeuds=True)
    referentiel = Referentiel.depuis_config(document.modele)
    verification = Verification(referentiel, jour)
    resume = verification.analyser(document, est_fiche=False)
    resume.referentiel = referentiel
    if cache is not None and cle is not None:
        cache.garder(FICHIER_CONFIG, cle, None, resume.en_json())
    return verification, resume


def examiner(racine: Path, jour: dt.date | None = None, a_lire: Callable[[str], bool] | None = None,
             avec_cache: bool = True, processus: int | None = None,
             octets: dict[str, bytes] | None = None) -> Examen:
    """Check the schéma at `racine` (or, with `octets`, the tree read from git: path → bytes).

    `a_lire`: only the fiches it accepts are reported on; the others are
    read for their id (some rules compare fiches). `processus`: how many
    worker processes (None: one per processor when there is enough to do).
    """
    jour = jour or aujourdhui()
    if octets is not None:
        if FICHIER_CONFIG not in octets:
            raise RacineIntrouvable("pas de sus.yaml à cette révision")
        octets_config, probleme = octets[FICHIER_CONFIG], None
        entrees = [Entree(racine / r, r) for r in sorted(octets) if r.startswith("fiches/") and r.endswith(".md")]
        avec_cache = False
    else:
        try:
            octets_config, probleme = lire_octets_et_etat(racine / FICHIER_CONFIG, racine=racine)[0], None
        except Illisible as err:
            octets_config, probleme = None, err
        entrees = list(fichiers_fiches(racine))
    cache = None
    if avec_cache:
        from sus_cli.loading.cache import Cache

        cache = Cache.ouvrir(racine, [octets_config or b"", jour.isoformat().encode()])
    reactiver = gc.isenabled()
    # Nothing built here holds a reference cycle: the collector would only scan a growing heap.
    gc.disable()
    try:
        verification, config = _config(octets_config, probleme, jour, cache)
        lecteur = _Lecteur(verification, cache, a_lire, octets)
        n = _processus(entrees, lecteur, processus)
        if n > 1:
            _preparer(verification)
        resultats = appliquer(lecteur, entrees, n)
    finally:
        if reactiver:
            gc.enable()
    fiches = [resume for resume, _ in resultats]
    diagnostics = verification.assembler(config, fiches, racine)
    if cache is not None:
        for (resume, garde), entree in zip(resultats, entrees):
            if garde is not None:
                cache.garder(entree.relatif, garde[0], garde[1], garde[2])
        if a_lire is None:
            cache.retenir_seulement({FICHIER_CONFIG, *(e.relatif for e in entrees)})
        cache.enregistrer()
    return Examen(diagnostics, sum(not f.dossier for f in fiches))


def _processus(entrees: list[Entree], lecteur: _Lecteur, demandes: int | None) -> int:
    """How many workers: as asked, or one per processor when enough fiches are to be parsed."""
    if demandes is not None:  # as asked (where workers can be forked)
        return demandes if demandes > 1 and fork_possible() else 1
    disponibles = processus_disponibles()
    if disponibles <= 1 or len(entrees) < SEUIL_PARALLELE:
        return 1
    a_analyser = len(entrees)
    cache = lecteur.cache
    if cache is not None and cache.entrees:
        a_analyser = 0
        for entree in entrees:
            if entree.probleme is not None or (lecteur.a_lire is not None and not lecteur.a_lire(entree.relatif)):
                continue
            try:
                if cache.resultat_si_inchange(entree.relatif, os.stat(entree.chemin)) is None:
                    a_analyser += 1
            except OSError:
                a_analyser += 1
    return disponibles if a_analyser >= SEUIL_PARALLELE else 1


def _preparer(verification: Verification) -> None:
    """Before forking: what every worker would otherwise build for itself."""
    from sus_cli.loading.documents import preparer_modeles

    preparer_modeles()
