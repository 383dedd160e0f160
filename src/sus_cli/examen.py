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

    def __init__(self, verification: Verification, cache, rapportes: set[str] | None,
                 octets: dict[str, bytes] | None = None):
        self.verification = verification
        self.cache = cache
        self.rapportes = rapportes  # the fiches reported on (None: all)
        self.octets = octets  # a tree read from git: path → bytes

    def __call__(self, entree: Entree) -> tuple[Resume, list | None]:
        """The file's summary, and what to keep of it in the cache (None: nothing)."""
        chemin, relatif, probleme, dossier = entree
        if probleme is not None:
            return self.verification.analyser(_document(relatif, "SUS104", probleme.message, dossier,
                                                        probleme.type)), None
        if self.rapportes is not None and relatif not in self.rapportes:
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
            texte = self.cache.resultat(relatif, cle)
            if texte is not None:
                try:
                    return Resume.depuis_texte(texte), [cle, info, texte, self.cache.extrait(relatif)]
                except (TypeError, ValueError, KeyError, AttributeError):
                    pass  # an entry of another shape: checked again, and replaced
        from sus_cli.loading.documents import fiche_depuis_octets, id_depuis_octets

        resume = self.verification.analyser(fiche_depuis_octets(relatif, octets, garder_noeuds=True))
        if self.cache is None:
            return resume, None
        # Kept beside it: the id a run that does not report on this fiche reads without parsing it.
        return resume, [cle, info, resume.en_texte(), id_depuis_octets(relatif, octets).id_seul]

    def _id_seul(self, chemin: str, relatif: str) -> Resume:
        """A fiche not reported on: the id read without parsing it (documents.lire_id), from the
        cache when the file is as it was then."""
        if self.cache is not None:
            try:
                if self.cache.inchange(relatif, os.stat(chemin)):
                    identifiant = self.cache.extrait(relatif)
                    if identifiant is None or isinstance(identifiant, str):
                        return Resume(relatif, identifiant, complet=False)
            except OSError:
                pass
        from sus_cli.loading.documents import id_depuis_octets, lire_id

        if self.octets is not None:
            return resume_id_seul(id_depuis_octets(relatif, self.octets[relatif]))
        return resume_id_seul(lire_id(chemin, relatif))


def _config(octets: bytes | None, probleme: Illisible | None, jour: dt.date, cache) -> tuple[Verification, Resume]:
    """sus.yaml's summary (from the cache, or checked now) and the rules it sets."""
    from sus_cli.loading.cache import empreinte

    cle = empreinte(octets) if octets is not None else None
    texte = cache.resultat(FICHIER_CONFIG, cle) if cache is not None and cle is not None else None
    if texte is not None:
        try:
            resume = Resume.depuis_texte(texte)
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
        cache.garder(FICHIER_CONFIG, cle, None, resume.en_texte())
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
        entrees = [Entree(str(racine / r), r) for r in sorted(octets) if r.startswith("fiches/") and r.endswith(".md")]
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
        rapportes = {e.relatif for e in entrees if a_lire(e.relatif)} if a_lire is not None else None
        lecteur = _Lecteur(verification, cache, rapportes, octets)
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
                cache.garder(entree.relatif, *garde)
        if a_lire is None:
            cache.retenir_seulement({FICHIER_CONFIG, *(e.relatif for e in entrees)})
        cache.enregistrer()
    return Examen(diagnostics, sum(not f.dossier for f in fiches))


def _processus(entrees: list[Entree], lecteur: _Lecteur, demandes: int | None) -> int:
    """How many workers: as asked, or one per processor when enough fiches are to be parsed."""
    if demandes is not None:  # as asked (where workers can be forked)
        return demandes if demandes > 1 and fork_possible() else 1
    disponibles = processus_disponibles()
    a_lire = [e for e in entrees if e.probleme is None and (lecteur.rapportes is None or e.relatif in lecteur.rapportes)]
    if disponibles <= 1 or len(a_lire) < SEUIL_PARALLELE:
        return 1
    a_analyser = len(a_lire)
    cache = lecteur.cache
    if cache is not None and cache.entrees:
        a_analyser = 0
        for entree in a_lire:
            try:
                if not cache.inchange(entree.relatif, os.stat(entree.chemin)):
                    a_analyser += 1
            except OSError:
                a_analyser += 1
    return disponibles if a_analyser >= SEUIL_PARALLELE else 1


def _preparer(verification: Verification) -> None:
    """Before forking: what every worker would otherwise build for itself."""
    from sus_cli.loading.documents import preparer_modeles

    preparer_modeles()
