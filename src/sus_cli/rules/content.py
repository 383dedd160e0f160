"""SUS5xx: the text of the fiche is finished (no template left, no empty section)."""

from __future__ import annotations

import re
from bisect import bisect_right

from sus_cli.a_completer import trouver
from sus_cli.diagnostics import Constat
from sus_cli.rules.registry import regle

_TITRE = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")


def _debuts_de_ligne(texte: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", texte)]


@regle("SUS500", "texte-a-completer", "error")
def texte_a_completer(document, contexte):
    """Un texte de modèle ou de brouillon est resté dans la fiche.

    `???`, `TODO`, `XXX`, `à compléter`, `lorem ipsum`,
    « Nom de l'indicateur », « Lien vers la fiche d'indicateur » : ces
    marques signalent une rubrique que personne n'a remplie. Le schéma
    publié de l'Allier en contient plusieurs, imprimées telles quelles.

    Les textes du modèle de fiche écrit par `sus nouvelle` (« Pourquoi cette
    action : … », « Libellé du premier indicateur »…) sont signalés de la
    même façon : la fiche n'est valide qu'une fois écrite par son auteur.

    Mauvais :

    ```markdown
    ## Critères d'évaluation
    - Nom de l'indicateur(s)
    ???
    ```

    Bon :

    ```markdown
    ## Critères d'évaluation
    - Nombre de diagnostics territoriaux réalisés
    ```
    """
    texte = document.texte
    if not texte:
        return
    trouves = trouver(texte)
    debuts = _debuts_de_ligne(texte) if trouves else []
    for position, extrait in trouves:
        ligne = bisect_right(debuts, position)
        yield Constat(f"texte à compléter « {extrait} » laissé dans la fiche",
                      ligne=ligne, colonne=position - debuts[ligne - 1] + 1)


_TITRES = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$", re.M)


def sections(corps: str, premiere_ligne: int) -> list[tuple[int, int, str, bool]]:
    """The Markdown headings of a body: (line, level, title, has content).

    A heading has content when a non-blank line, or a deeper heading, comes
    before the next heading of the same or a higher level.
    """
    if "```" in corps or "~~~" in corps:
        titres = _titres_hors_code(corps)
    else:
        titres = [(m.start(), m.end(), len(m.group(1)), m.group(2)) for m in _TITRES.finditer(corps)]
    resultat = []
    for i, (debut, fin, niveau, titre) in enumerate(titres):
        suivant = titres[i + 1] if i + 1 < len(titres) else None
        contenu = corps[fin: suivant[0] if suivant else len(corps)].strip() != "" or (
            suivant is not None and suivant[2] > niveau)
        resultat.append((premiere_ligne + corps.count("\n", 0, debut), niveau, titre, contenu))
    return resultat


def _titres_hors_code(corps: str) -> list[tuple[int, int, int, str]]:
    titres, dans_code, position = [], False, 0
    for ligne in corps.split("\n"):
        if ligne.lstrip().startswith(("```", "~~~")):
            dans_code = not dans_code
        elif not dans_code:
            m = _TITRE.match(ligne)
            if m:
                titres.append((position, position + len(ligne), len(m.group(1)), m.group(2)))
        position += len(ligne) + 1
    return titres


@regle("SUS501", "section-vide", "warning")
def section_vide(document, contexte):
    """Une section du texte de la fiche n'a pas de contenu.

    Un titre (`## Contexte`, `### Financières`…) suivi directement d'un autre
    titre de même niveau ou de la fin du fichier : la rubrique a été prévue
    mais pas écrite. Écrivez-la, ou supprimez le titre.

    Mauvais :

    ```markdown
    ## Contexte

    ## Description
    La DSUN développe un outil…
    ```

    Bon :

    ```markdown
    ## Contexte
    Parmi les préconisations de l'évaluation du schéma précédent…

    ## Description
    La DSUN développe un outil…
    ```
    """
    if document.texte is None or document.yaml is None:
        return
    for ligne, _niveau, titre, contenu in sections(document.corps, document.ligne_corps):
        if not contenu:
            yield Constat(f"la section « {titre} » est vide", ligne=ligne, colonne=1)
