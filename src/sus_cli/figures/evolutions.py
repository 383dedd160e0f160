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


def evoluer(annee: int, documents, mises_a_jour: dict[str, int], creees: set[str], auteurs: dict[str, int],
            statuts_debut: dict[str, str | None] | None) -> Evolutions:
    """`documents`: the valid fiches at the end of the period; `statuts_debut`:
    fiche id → statut at the start of the year (None when the history does not go back that far)."""
    fiches = sorted(documents, key=lambda d: d.modele.id)
    statuts = None
    if statuts_debut is not None:
        statuts = tuple((d.modele.id, d.modele.titre, statuts_debut.get(d.modele.id), d.modele.statut)
                        for d in fiches if d.modele.id in statuts_debut
                        and statuts_debut[d.modele.id] != d.modele.statut)
    return Evolutions(
        annee,
        tuple((d.modele.id, d.modele.titre) for d in fiches if d.chemin in creees),
        tuple((d.modele.id, d.modele.titre, d.modele.validation.le, d.modele.validation.par) for d in fiches
              if d.modele.etat_validation == "validee" and d.modele.validation.le.year == annee),
        statuts,
        tuple(sorted(((d.modele.id, d.modele.titre, mises_a_jour[d.chemin]) for d in fiches
                      if mises_a_jour.get(d.chemin)), key=lambda x: (-x[2], x[0]))),
        tuple(sorted(auteurs.items(), key=lambda x: (-x[1], x[0]))),
        sum(auteurs.values()),
    )
