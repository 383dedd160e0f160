"""Everything a bilan shows, gathered once from a loaded repository."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sus_cli.figures.qualite import Qualite, qualifier
from sus_cli.figures.schema import ChiffresSchema, chiffrer_schema
from sus_cli.loading.repository import Depot


@dataclass(frozen=True, slots=True)
class DonneesBilan:
    """The variables every bilan template receives (see docs/templates.md)."""

    bilan: ChiffresSchema
    qualite: Qualite
    genere_le: dt.date
    source: str = "l'arbre de travail"  # or "le commit … du …" (sus bilan --au)
    non_commitees: tuple[str, ...] = ()  # schéma files changed and not committed
    evolutions: object = None  # figures.evolutions.Evolutions, or None without git history
    mots: object = None  # bilan.mots.Mots: the département's words (bilans/ANNEE.md), or None
    etat_au: dt.date | None = None  # with --au: the date the schéma is read at

    @property
    def annee(self) -> int:
        return self.bilan.annee

    @property
    def schema(self):
        return self.bilan.config.schema_


def lire_evolutions(depot: Depot, annee: int, revision: str | None, jusqua: dt.date | None):
    """The year's évolutions from git, or None when there is no history to read."""
    from sus_cli.figures.evolutions import evoluer
    from sus_cli.history.depot_git import ErreurGit, ouvrir
    from sus_cli.history.evolutions import histoire_de_l_annee
    from sus_cli.loading.repository import charger_octets

    try:
        git = ouvrir(depot.racine)
        if not git.a_des_commits():
            return None
        chemins = {d.chemin for d in depot.fiches_lues()}
        activite, depart = histoire_de_l_annee(git, annee, chemins, revision or "HEAD", jusqua)
    except ErreurGit:
        return None
    statuts = None
    if depart is not None:
        ancien = (charger_octets(depot.racine, depart, extraire=lambda _config: _statut)
                  if "sus.yaml" in depart else None)
        statuts = dict(d.extrait for d in ancien.fiches_lues() if d.extrait) if ancien else {}
    valides = [(d.chemin, d.extrait.fiche if d.leger else d.modele) for d in depot.fiches_lues() if d.valide]
    return evoluer(annee, valides, activite.mises_a_jour, activite.creees, activite.auteurs, statuts)


def _statut(document) -> tuple[str, str | None] | None:
    """(id, statut) of a valid fiche: what the évolutions read of the schéma at the start of the year."""
    return (document.modele.id, document.modele.statut) if document.valide else None


def preparer(depot: Depot, annee: int, genere_le: dt.date, source: str = "l'arbre de travail",
             non_commitees: list[str] | None = None, evolutions=None, mots=None,
             etat_au: dt.date | None = None, diagnostics: list | None = None) -> DonneesBilan:
    """`diagnostics`: those of `sus validate` at `genere_le`, when the caller already has them."""
    from sus_cli.engine import verifier
    from sus_cli.rules.registry import toutes

    if diagnostics is None:
        diagnostics = verifier(depot, genere_le)
    chiffres = chiffrer_schema(depot.config, depot.a_chiffrer(), annee)
    resumes = {code: r.resume for code, r in toutes().items()}
    return DonneesBilan(chiffres, qualifier(diagnostics, resumes), genere_le, source, tuple(non_commitees or ()),
                        evolutions, mots, etat_au)
