"""SUS4xx: every fiche can be followed: enough indicators, coherent ones."""

from __future__ import annotations

from sus_cli.diagnostics import Constat
from sus_cli.rules.registry import regle


def annees_du_schema(contexte) -> range | None:
    referentiel = contexte.referentiel
    return None if referentiel is None else referentiel.annees


@regle("SUS400", "deux-indicateurs", "error")
def deux_indicateurs(document, contexte):
    """La fiche a moins de deux indicateurs de suivi.

    Le schéma exige au moins deux indicateurs par fiche (fiche 6.2.1 du
    schéma de l'Allier) : sans eux, le groupe stratégique ne peut pas
    suivre l'action ni le comité de pilotage en dresser le bilan.

    Mauvais :

    ```yaml
    indicateurs:
      - id: actions-menees
        libelle: Nombre d'actions collectives menées
        unite: nombre
    ```

    Bon :

    ```yaml
    indicateurs:
      - id: actions-menees
        libelle: Nombre d'actions collectives menées
        unite: nombre
      - id: participants
        libelle: Nombre de personnes accompagnées participantes
        unite: nombre
    ```
    """
    indicateurs = document.champ("indicateurs")
    if isinstance(indicateurs, list) and len(indicateurs) < 2:
        nombre = "aucun indicateur" if not indicateurs else "un seul indicateur"
        yield Constat(f"{nombre} : une fiche doit avoir au moins deux indicateurs de suivi",
                      chemin=("indicateurs",), cle=True)


@regle("SUS401", "cible-sans-reference", "warning")
def cible_sans_reference(document, contexte):
    """Un indicateur a des cibles mais pas de valeur de référence.

    Sans situation de départ, on ne mesure pas le chemin parcouru vers la
    cible : l'atteinte se calcule alors sur la seule cible (voir `sus bilan`,
    annexe « méthode »), ce qui surestime souvent le progrès.

    Mauvais :

    ```yaml
    cibles: {2027: 90}
    ```

    Bon :

    ```yaml
    reference: {annee: 2022, valeur: 0}
    cibles: {2027: 90}
    ```
    """
    fiche = document.modele
    if fiche is None:
        return
    for i, indicateur in enumerate(getattr(fiche, "indicateurs", ())):
        if indicateur.cibles and indicateur.reference is None:
            yield Constat(f"l'indicateur « {indicateur.id} » a une cible mais pas de référence "
                          "(reference: {annee, valeur})", chemin=("indicateurs", i, "cibles"), cle=True)


@regle("SUS402", "periode-hors-schema", "warning")
def periode_hors_schema(document, contexte):
    """Une cible ou une valeur porte sur une année hors du schéma.

    Les années `cibles` et les périodes `valeurs` d'un indicateur doivent
    tomber entre la première et la dernière année du schéma (`schema.debut`
    et `schema.fin` dans `sus.yaml`). La référence, elle, peut être
    antérieure. C'est souvent une faute de frappe (2072 pour 2027).

    Mauvais (schéma 2023-2027) :

    ```yaml
    cibles: {2072: 90}
    ```

    Bon :

    ```yaml
    cibles: {2027: 90}
    ```
    """
    fiche, annees = document.modele, annees_du_schema(contexte)
    if fiche is None or annees is None:
        return
    for i, indicateur in enumerate(fiche.indicateurs):
        for annee in indicateur.cibles:
            if annee not in annees:
                yield Constat(f"cible pour {annee}, hors des années du schéma ({annees[0]}-{annees[-1]})",
                              chemin=("indicateurs", i, "cibles", annee), cle=True)
        for periode in indicateur.valeurs:
            if int(periode[:4]) not in annees:
                yield Constat(f"valeur pour {periode}, hors des années du schéma ({annees[0]}-{annees[-1]})",
                              chemin=("indicateurs", i, "valeurs", periode), cle=True)


@regle("SUS403", "valeur-livrable", "warning")
def valeur_livrable(document, contexte):
    """Vrai/faux et unité `livrable` ne vont pas l'un sans l'autre.

    Une valeur `true`/`false` dit qu'un livrable est produit ou non : elle
    n'a de sens que pour un indicateur d'unité `livrable`, et un tel
    indicateur attend `true` ou `false`, pas un nombre.

    Mauvais :

    ```yaml
    unite: nombre
    valeurs: {2024: true}
    ```

    Bon :

    ```yaml
    unite: livrable
    valeurs: {2024: true}
    ```
    """
    fiche = document.modele
    if fiche is None:
        return
    for i, indicateur in enumerate(fiche.indicateurs):
        livrable = indicateur.unite == "livrable"
        for periode, valeur in indicateur.valeurs.items():
            brute = getattr(valeur, "valeur", valeur)
            if brute is None:
                continue
            if isinstance(brute, bool) != livrable:
                attendu = "true ou false" if livrable else "un nombre (ou « unite: livrable »)"
                yield Constat(f"valeur « {brute} » pour {periode} de l'indicateur « {indicateur.id} » "
                              f"d'unité « {indicateur.unite} » : {attendu} attendu",
                              chemin=("indicateurs", i, "valeurs", periode))
