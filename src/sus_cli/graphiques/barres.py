"""The geometry of the two synthesis charts of a bilan and of the site's
index: fiches by statut, one stacked bar per volet; mean attainment, one bar
per axe. Same primitives as an indicator's chart (geometrie.py), so the SVG
and PNG outputs draw them as they are. Positions only: the counts and the
attainments come from figures/."""

from __future__ import annotations

from sus_cli import francais
from sus_cli.graphiques.geometrie import Etiquette, Graphique, Rectangle, largeur_texte

LARGEUR = 720
MARGE_GAUCHE = 60  # the volet or axe code
LONGUEUR = 460  # a bar at 100 %
PAS_BARRE = 30
EPAISSEUR = 20
# Statuts in the order of the stacked bars (done first, not reported last).
ORDRE_STATUTS = ("realisee", "en_cours", "a_venir", "en_pause", "bloquee", "a_discuter", "abandonnee",
                 "non_renseigne")


def _graphique(hauteur: float, titre: str, description: str, rectangles, traits, etiquettes) -> Graphique:
    return Graphique(LARGEUR, hauteur, (MARGE_GAUCHE, 0, MARGE_GAUCHE + LONGUEUR, hauteur), titre, description,
                     tuple(rectangles), tuple(traits), (), (), tuple(etiquettes), None)


def statuts_par_volet(volets) -> Graphique:
    """`volets`: figures.schema.Volet (code, synthese.fiches, synthese.par_statut)."""
    rectangles, etiquettes, phrases = [], [], []
    for rang, volet in enumerate(volets):
        y = 10 + rang * PAS_BARRE
        s = volet.synthese
        etiquettes.append(Etiquette(0, y + 15, volet.code, "start", "axe"))
        if not s.fiches:
            etiquettes.append(Etiquette(MARGE_GAUCHE, y + 15, "aucune fiche", "start", "discret"))
            phrases.append(f"volet {volet.code} : aucune fiche")
            continue
        x = MARGE_GAUCHE
        for statut in ORDRE_STATUTS:
            n = s.par_statut.get(statut, 0)
            if not n:
                continue
            largeur = LONGUEUR * n / s.fiches
            rectangles.append(Rectangle(x, y, largeur, EPAISSEUR, f"statut-{statut}"))
            if largeur > largeur_texte(str(n)) + 6:
                etiquettes.append(Etiquette(x + largeur / 2, y + 14, str(n), "middle", f"sur-{statut}"))
            x += largeur
        etiquettes.append(Etiquette(MARGE_GAUCHE + LONGUEUR + 8, y + 15,
                                    francais.pluriel(s.fiches, "fiche"), "start", "axe"))
        phrases.append(f"volet {volet.code} : " + ", ".join(
            f"{s.par_statut[c]} {francais.statut(c).lower()}" for c in ORDRE_STATUTS if s.par_statut.get(c)))
    y = 20 + len(volets) * PAS_BARRE
    for rang, statut in enumerate(ORDRE_STATUTS):
        x, ligne = MARGE_GAUCHE + (rang % 4) * 150, y + (rang // 4) * 18
        rectangles.append(Rectangle(x, ligne, 12, 12, f"statut-{statut}"))
        etiquettes.append(Etiquette(x + 17, ligne + 10, francais.statut(statut), "start", "axe"))
    return _graphique(y + 2 * 18 + 4, "Répartition des fiches par statut, par volet", " ; ".join(phrases) + ".",
                      rectangles, (), etiquettes)


def axes_chiffres(volets) -> list[tuple[str, object]]:
    """(« TR-6 », axe) of every axe that has fiches, in the schéma's order."""
    return [(f"{volet.code}-{axe.numero}", axe) for volet in volets for axe in volet.axes if axe.synthese.fiches]


def atteinte_par_axe(volets) -> Graphique:
    """`volets`: figures.schema.Volet; one bar per axe that has fiches."""
    axes = axes_chiffres(volets)
    hauteur = 26 * len(axes) + 40
    bas = hauteur - 25
    etiquettes, rectangles, phrases = [], [], []
    for pourcentage in (0, 25, 50, 75, 100):
        x = MARGE_GAUCHE + 10 + LONGUEUR * pourcentage / 100
        # Grid lines as thin rectangles: drawn first, under the bars.
        rectangles.append(Rectangle(x - 0.5, 0, 1, bas, "grille"))
        etiquettes.append(Etiquette(x, hauteur - 10, f"{pourcentage}\u00a0%", "middle", "axe"))
    depart = MARGE_GAUCHE + 10
    for rang, (code, axe) in enumerate(axes):
        y = 5 + rang * 26
        s = axe.synthese
        etiquettes.append(Etiquette(0, y + 13, code, "start", "axe"))
        non_calculables = francais.pluriel(s.atteinte_non_calculable, "fiche non calculable",
                                           "fiches non calculables")
        if s.atteinte is None:
            etiquettes.append(Etiquette(depart + 4, y + 13, f"n.c. ({non_calculables} : sans valeur ou sans cible)",
                                        "start", "discret"))
            phrases.append(f"axe {code} : non calculable")
            continue
        largeur = s.atteinte * LONGUEUR
        rectangles.append(Rectangle(depart, y, largeur, 18, "barre"))
        texte = francais.pourcent(s.atteinte) + (f" ({s.atteinte_non_calculable} n.c.)"
                                                 if s.atteinte_non_calculable else "")
        etiquettes.append(Etiquette(depart + largeur + 6, y + 13, texte, "start", "axe"))
        phrases.append(f"axe {code} : {francais.pourcent(s.atteinte)}"
                       + (f" ({non_calculables})" if s.atteinte_non_calculable else ""))
    return _graphique(hauteur, "Atteinte moyenne des objectifs, par axe",
                      (" ; ".join(phrases) or "aucun axe n'a de fiche") + ".", rectangles, (), etiquettes)

