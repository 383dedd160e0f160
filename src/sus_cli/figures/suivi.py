"""The quarterly review for the groupe stratégique: what each direction has
to look at, from the fiches, their diagnostics and the git activity."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from sus_cli.figures.fiches import TERMINES, en_retard
from sus_cli.figures.indicateurs import valeur_annee

TRIMESTRE = re.compile(r"^(\d{4})-T([1-4])$")


def bornes(trimestre: str) -> tuple[int, int, dt.date, dt.date]:
    """"2024-T3" → (2024, 3, 2024-07-01, 2024-09-30); ValueError otherwise."""
    m = TRIMESTRE.match(trimestre.strip().upper())
    if not m:
        raise ValueError(trimestre)
    annee, numero = int(m.group(1)), int(m.group(2))
    debut = dt.date(annee, 3 * numero - 2, 1)
    fin = dt.date(annee + 1, 1, 1) if numero == 4 else dt.date(annee, 3 * numero + 1, 1)
    return annee, numero, debut, fin - dt.timedelta(days=1)


@dataclass(slots=True)
class PointPorteur:
    code: str
    nom: str
    fiches: int = 0
    sans_activite: list[tuple[str, str]] = field(default_factory=list)  # (id, titre)
    en_retard: list[tuple[str, str, dt.date]] = field(default_factory=list)  # (id, titre, fin)
    sans_valeur: list[tuple[str, str]] = field(default_factory=list)  # (fiche id, indicator libellé)
    etapes_depassees: list[tuple[str, str, dt.date]] = field(default_factory=list)  # (id, étape, échéance)
    non_validees: list[tuple[str, str]] = field(default_factory=list)  # (id, état)
    validees_avec_avertissements: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)  # (id, [(code, message)])

    def vide(self) -> bool:
        return not (self.sans_activite or self.en_retard or self.sans_valeur or self.etapes_depassees
                    or self.non_validees or self.validees_avec_avertissements)


@dataclass(slots=True)
class Suivi:
    trimestre: str
    debut: dt.date
    fin: dt.date
    jour: dt.date
    porteurs: list[PointPorteur]
    mises_a_jour: int  # fiches touched by at least one commit in the quarter


def _a_une_valeur(indicateur, annee: int, numero: int) -> bool:
    brute = indicateur.valeurs.get(f"{annee}-T{numero}")
    if getattr(brute, "valeur", brute) is not None:
        return True
    return valeur_annee(indicateur, annee).periode == str(annee)


def suivre(trimestre: str, config, documents, mises_a_jour: dict[str, int], avertissements: dict[str, list[str]],
           jour: dt.date) -> Suivi:
    """`documents`: the valid fiches; `mises_a_jour`: path → commits in the quarter;
    `avertissements`: path → (code, message) of the warnings from `sus validate` (without
    those about lateness, judged here at the end of the quarter rather than today)."""
    annee, numero, debut, fin = bornes(trimestre)
    # Lateness is judged at the end of the quarter asked, as the bilan judges it at the
    # end of its year: the review of 2024-T3 says the same whenever it is made.
    echeance = fin + dt.timedelta(days=1)
    points: dict[str, PointPorteur] = {}
    for document in sorted(documents, key=lambda d: d.modele.id):
        f = document.modele
        nom = config.directions[f.porteur].nom if f.porteur in config.directions else f.porteur
        point = points.setdefault(f.porteur, PointPorteur(f.porteur, nom))
        point.fiches += 1
        if f.statut in TERMINES:  # a closed action is relaunched for nothing, in no section
            continue
        if en_retard(f, echeance):
            point.en_retard.append((f.id, f.titre, f.fin))
        if f.etat_validation != "validee":
            point.non_validees.append((f.id, f.etat_validation))
        elif avertissements.get(document.chemin):
            point.validees_avec_avertissements.append((f.id, avertissements[document.chemin]))
        if not mises_a_jour.get(document.chemin):
            point.sans_activite.append((f.id, f.titre))
        for indicateur in f.indicateurs:
            if not _a_une_valeur(indicateur, annee, numero):
                point.sans_valeur.append((f.id, indicateur.libelle))
        for etape in f.etapes:
            if etape.echeance and etape.echeance < echeance and not etape.faite:
                point.etapes_depassees.append((f.id, etape.libelle, etape.echeance))
    return Suivi(trimestre.upper(), debut, fin, jour, [points[c] for c in sorted(points)],
                 sum(1 for d in documents if mises_a_jour.get(d.chemin)))
