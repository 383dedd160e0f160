"""SUS5xx: the text of the fiche is finished (no template left, no empty section)."""

from __future__ import annotations

import re
from bisect import bisect_right

from sus_cli.diagnostics import Constat
from sus_cli.rules.registry import regle

# Text left from a template or a draft. Case-sensitive for the markers
# (TODO, XXX) so that ordinary words are not caught.
ESPACES_RESERVES = re.compile(
    r"\?{3,}|\bTODO\b|\bXXX\b|(?i:à compléter|a completer|lorem ipsum"
    r"|nom de l['’]indicateur|lien vers la fiche d['’]indicateur)")

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
    debuts = None
    for m in ESPACES_RESERVES.finditer(texte):
        if debuts is None:
            debuts = _debuts_de_ligne(texte)
        ligne = bisect_right(debuts, m.start())
        yield Constat(f"texte à compléter « {m.group(0)} » laissé dans la fiche",
                      ligne=ligne, colonne=m.start() - debuts[ligne - 1] + 1)


def sections(corps: str, premiere_ligne: int) -> list[tuple[int, int, str, bool]]:
    """The Markdown headings of a body: (line, level, title, has content)."""
    resultat: list[list] = []
    dans_code = False
    for i, ligne in enumerate(corps.split("\n")):
        if ligne.lstrip().startswith(("```", "~~~")):
            dans_code = not dans_code
            if resultat:
                resultat[-1][3] = True
            continue
        m = None if dans_code else _TITRE.match(ligne)
        if m:
            niveau = len(m.group(1))
            resultat.append([premiere_ligne + i, niveau, m.group(2), False])
        elif ligne.strip() and resultat:
            resultat[-1][3] = True
    # A heading whose only content is sub-headings is not empty.
    for j in range(len(resultat) - 1, -1, -1):
        if resultat[j][3]:
            continue
        suivant = resultat[j + 1] if j + 1 < len(resultat) else None
        if suivant is not None and suivant[1] > resultat[j][1]:
            resultat[j][3] = True
    return [tuple(s) for s in resultat]


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
