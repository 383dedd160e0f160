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


# Personal data a published fiche must not carry. E-mail addresses: a local
# part as people type it (accented letters too), @, a domain with a dot.
_COURRIEL = re.compile(r"(?<![\w.%+-])[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")
# French phone numbers: 0 or +33 / 0033 (with an optional « (0) »), then nine
# digits in pairs, each pair after at most one separator (space, tab, dot,
# hyphen, the non-breaking spaces), as in the directory lines of the fiches
# collected nationally: « 03 21 21 65 00 », « 06.95.08.61.53 », « +33 6 12 … ».
# 08 numbers are services (numéros verts and the like), never a person's.
_SEP = r"[ \t.\-\u00a0\u202f]?"
# Two patterns that start with a literal, which `re` scans for quickly (one
# pattern starting with an alternation and a look-behind costs 20 times more).
_NATIONAL = re.compile(rf"0[1-79](?:{_SEP}\d{{2}}){{4}}(?!\d)")
_INTERNATIONAL = re.compile(rf"(?:\+|00)33{_SEP}(?:\(0\){_SEP})?[1-79](?:{_SEP}\d{{2}}){{4}}(?!\d)")


def _telephones(texte: str):
    for m in _NATIONAL.finditer(texte):
        avant = texte[m.start() - 1] if m.start() else " "
        if not (avant.isalnum() or avant in "+_"):  # not the tail of a longer number or word
            yield m
    if "33" in texte:
        yield from _INTERNATIONAL.finditer(texte)


def chiffres_du_telephone(numero: str) -> str:
    """A phone number as its ten national digits: « +33 (0)6 12… » → « 0612… »."""
    chiffres = re.sub(r"\D", "", numero.replace("(0)", ""))
    if chiffres.startswith("0033"):
        return "0" + chiffres[4:]
    if chiffres.startswith("33") and len(chiffres) == 11:
        return "0" + chiffres[2:]
    return chiffres


def _publiques(referentiel) -> set[str]:
    """sus.yaml's `coordonnees_publiques`: service mailboxes (lower case) and numbers (digits)."""
    if referentiel is None:
        return set()
    return {c.strip().casefold() if "@" in c else chiffres_du_telephone(c) for c in referentiel.coordonnees_publiques}


@regle("SUS502", "donnees-personnelles", "warning")
def donnees_personnelles(document, contexte):
    """La fiche contient une adresse électronique ou un numéro de téléphone.

    Une fiche est publiée (site du schéma, bilans) : l'adresse électronique
    ou le numéro de téléphone d'une personne (« prenom.nom@… », un portable)
    n'a rien à y faire. Citez la fonction ou le service (« la cheffe du
    service insertion »), et une adresse ou un numéro de service. Les
    adresses et numéros de service que les fiches peuvent citer se déclarent
    dans `sus.yaml`, sous `coordonnees_publiques` : ils ne sont plus
    signalés. Les numéros en 08 (numéros verts…) ne sont jamais signalés.

    Mauvais :

    ```markdown
    ## Contacts
    Annick GENTY, directrice du développement des solidarités :
    genty.annick@pasdecalais.fr, 06 95 08 61 53
    ```

    Bon :

    ```markdown
    ## Contacts
    Direction du développement des solidarités : solidarites@pasdecalais.fr
    ```

    avec, dans `sus.yaml` :

    ```yaml
    coordonnees_publiques: [solidarites@pasdecalais.fr]
    ```
    """
    texte = document.texte
    if not texte:
        return
    publiques = _publiques(contexte.referentiel)
    trouves = []
    if "@" in texte:
        trouves += [(m, "adresse électronique", m.group(0).casefold()) for m in _COURRIEL.finditer(texte)]
    trouves += [(m, "numéro de téléphone", chiffres_du_telephone(m.group(0))) for m in _telephones(texte)]
    if not trouves:
        return
    debuts = _debuts_de_ligne(texte)
    vus = set()
    for m, nature, cle in sorted(trouves, key=lambda t: t[0].start()):
        ligne = bisect_right(debuts, m.start())
        if cle in publiques or (ligne, cle) in vus:
            continue
        vus.add((ligne, cle))
        yield Constat(f"{nature} « {' '.join(m.group(0).split())} » : une donnée personnelle ne doit pas être "
                      "publiée ; citez un service, ou déclarez cette coordonnée de service dans "
                      "coordonnees_publiques (sus.yaml)",
                      ligne=ligne, colonne=m.start() - debuts[ligne - 1] + 1)
