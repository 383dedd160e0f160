"""The bilan's "Évolutions de l'année": what happened to the fiches during the
year, from the git history and from the fiches' own validation dates."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Evolutions:
    annee: int
    creees: tuple[tuple[str, str], ...]  # (id, titre)
    validees: tuple[tuple[str, str, object, str], ...]  # (id, titre, date, par)
    statuts: tuple[tuple[str, str, str | None, str | None], ...] | None  # (id, titre, before, after); None: unknown
    mises_a_jour: tuple[tuple[str, str, int], ...]  # (id, titre, commits), most updated first
    contributeurs: tuple[tuple[str, int], ...]  # (author, commits), most active first
    commits: int


def evoluer(annee: int, fiches, mises_a_jour: dict[str, int], creees: set[str], auteurs: dict[str, int],
            statuts_debut: dict[str, str | None] | None) -> Evolutions:
    """`fiches`: (path, model or figures.fiches.FicheAbregee) of the valid fiches at the end of the
    period; `statuts_debut`: fiche id → statut at the start of the year (None when the history
    does not go back that far)."""
    fiches = sorted(fiches, key=lambda c: c[1].id)
    statuts = None
    if statuts_debut is not None:
        statuts = tuple((f.id, f.titre, statuts_debut.get(f.id), f.statut)
                        for _, f in fiches if f.id in statuts_debut and statuts_debut[f.id] != f.statut)
    return Evolutions(
        annee,
        tuple((f.id, f.titre) for chemin, f in fiches if chemin in creees),
        tuple((f.id, f.titre, f.validation.le, f.validation.par) for _, f in fiches
              if f.etat_validation == "validee" and f.validation.le.year == annee),
        statuts,
        tuple(sorted(((f.id, f.titre, mises_a_jour[chemin]) for chemin, f in fiches
                      if mises_a_jour.get(chemin)), key=lambda x: (-x[2], x[0]))),
        tuple(sorted(auteurs.items(), key=lambda x: (-x[1], x[0]))),
        sum(auteurs.values()),
    )
