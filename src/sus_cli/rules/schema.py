"""SUS200: the front matter (or sus.yaml) follows the data contract."""

from __future__ import annotations

from collections.abc import Iterator

from sus_cli.diagnostics import Constat
from sus_cli.rules.registry import regle
from sus_cli.rules.syntax import problemes_lecture


def _doublons(donnees: dict, liste: str, cle: str, quoi: str) -> Iterator[Constat]:
    elements = donnees.get(liste)
    if not isinstance(elements, list):
        return
    vus: dict = {}
    for i, element in enumerate(elements):
        if not isinstance(element, dict) or cle not in element:
            continue
        valeur = element[cle]
        try:
            if valeur in vus:
                yield Constat(f"{quoi} « {valeur} » en double (déjà à l'élément n° {vus[valeur] + 1})",
                              chemin=(liste, i, cle), type="doublon")
            else:
                vus[valeur] = i
        except TypeError:
            continue


@regle("SUS200", "schema", "error", cible="tous")
def schema(document, contexte):
    """L'en-tête ne respecte pas le format des fiches.

    Clé obligatoire manquante (`id`, `titre`, `porteur`, `indicateurs` ;
    pour un indicateur `id`, `libelle`, `unite`), type inattendu (du texte
    là où un nombre est attendu), valeur non autorisée (`statut`, `sens`…),
    clé inconnue (avec une suggestion quand une clé connue est proche),
    date impossible, montant négatif ou écrit comme du texte, année de
    budget ou identifiant d'indicateur en double. Le format complet est
    dans `schemas/fiche.schema.json`.

    Mauvais :

    ```yaml
    statut: réalisée
    budget:
      - {annee: 2024, prevu: "10 000 €"}
    ```

    Bon :

    ```yaml
    statut: realisee
    budget:
      - {annee: 2024, prevu: 10000}
    ```
    """
    yield from problemes_lecture(document, "SUS200")
    donnees = document.donnees
    if isinstance(donnees, dict) and document is not contexte.depot.config_doc:
        yield from _doublons(donnees, "budget", "annee", "année de budget")
        yield from _doublons(donnees, "indicateurs", "id", "identifiant d'indicateur")
