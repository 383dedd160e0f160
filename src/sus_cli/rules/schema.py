"""SUS200: the front matter (or sus.yaml) follows the data contract."""

from __future__ import annotations

from sus_cli.rules.registry import regle
from sus_cli.rules.syntax import problemes_lecture


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
    return problemes_lecture(document, "SUS200")
