"""The figures a chart shows, as table rows: beside every chart, so that a
screen reader and a printer get them too. Same words as the chart's labels."""

from __future__ import annotations

from dataclasses import dataclass

from sus_cli.figures.indicateurs import Serie
from sus_cli.graphiques.geometrie import texte_valeur


@dataclass(frozen=True, slots=True)
class Ligne:
    periode: str  # « Référence (2022) », « 2023 », « 2024 T2 », « Cible 2027 »
    valeur: str
    estimation: bool = False
    commentaire: str = ""

    @property
    def remarque(self) -> str:
        return " ; ".join((["estimation"] if self.estimation else []) + ([self.commentaire] if self.commentaire else []))


def lignes(serie: Serie) -> list[Ligne]:
    resultat = []
    if serie.reference is not None:
        resultat.append(Ligne(f"Référence ({serie.reference[0]})", texte_valeur(serie.reference[1], serie)))
    for p in serie.points:
        valeur = "non disponible" if p.valeur is None else texte_valeur(p.valeur, serie)
        resultat.append(Ligne(p.periode.replace("-T", " T"), valeur, p.estimation, p.commentaire or ""))
    if serie.cible is not None:
        resultat.append(Ligne(f"Cible {serie.annee_cible}", "livrable attendu" if serie.livrable
                              else texte_valeur(serie.cible, serie)))
    return resultat
