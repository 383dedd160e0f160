"""The commands of `sus`, known without importing them: `sus --help` and the
shell completion list them from this table, and a command's module (with
what it imports) is loaded only when that command runs or shows its help.

Each entry is the command's module in sus_cli/cli/ (its function has the
same name) and the first paragraph of its docstring, its summary in
`sus --help`; tests/test_francais.py checks them against the modules.
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping

# Name → first paragraph of the command's docstring (its function: sus_cli.cli.NAME.NAME), in the order of `sus --help`.
COMMANDES: dict[str, str] = {
    "validate": "Vérifie les fiches et sus.yaml ; signale chaque problème avec son fichier, sa ligne et sa colonne.",
    "regles": "Liste les règles de vérification, ou explique l'une d'elles avec un exemple.",
    "liste": "Liste les fiches actions, avec des filtres : par exemple les fiches de sa direction (--porteur).",
    "voir": "Affiche une fiche : en-tête, statut, porteur, validation, indicateurs et leurs valeurs, budget, "
            "dernières notes de suivi et texte.",
    "avancement": "Montre l'avancement par volet et par axe : statuts, réalisation, atteinte, fiches en retard "
                  "(en retard à la date du jour).",
    "bilan": "Dresse le bilan annuel du schéma : synthèse, recommandations et décisions de l'année "
             "(bilans/ANNEE.md), puis chaque volet, axe, objectif et fiche, avec un graphique par indicateur.",
    "export": "Exporte une ligne par fiche (hiérarchie, porteur, statut, dates, validation, retard, budget) et une "
              "ligne par valeur d'indicateur (fiche, indicateur, période, valeur, cible, commentaire).",
    "revue": "Décrit ce qu'un changement fait au schéma : fiches ajoutées ou retirées, statuts, validations, "
             "indicateurs, valeurs, cibles, dates, porteur, budgets. Vérifie le circuit de validation (règles "
             "SUS800 à SUS802) : code de sortie 1 s'il n'est pas respecté.",
    "codeowners": "Écrit le fichier CODEOWNERS : chaque fiche est confiée aux relecteurs de la direction qui la "
                  "porte (sus.yaml, directions → relecteurs), que GitHub ou GitLab sollicitent pour relire ses "
                  "modifications.",
    "suivi": "Prépare la revue trimestrielle du groupe stratégique, direction par direction : fiches que personne "
             "n'a modifiées pendant le trimestre (d'après git), fiches en retard et étapes dépassées à la fin du "
             "trimestre, indicateurs sans valeur pour le trimestre ni l'année, fiches pas encore validées, fiches "
             "validées avec des avertissements. Les fiches réalisées ou abandonnées ne sont relancées nulle part.",
    "collecte": "Prépare un classeur Excel par direction pour recueillir les valeurs des indicateurs d'une "
                "période, le statut et une note de suivi de chaque fiche ouverte. « sus importer » les reporte "
                "ensuite dans les fiches.",
    "importer": "Reporte dans les fiches les valeurs, statuts et notes de suivi des classeurs remplis.",
    "saisir": "Modifie une fiche : une valeur d'indicateur, le statut, ou une note de suivi. Seules les lignes "
              "concernées changent ; la fiche est vérifiée ensuite. Rien n'est enregistré dans git.",
    "init": "Crée un dépôt de schéma : sus.yaml commenté, une fiche d'exemple, la configuration pre-commit, les "
            "chaînes d'intégration continue GitHub Actions et GitLab CI, CODEOWNERS et les schémas JSON.",
    "nouvelle": "Crée la fiche suivante d'un objectif (TR-6.2 → TR-6.2.3 si 6.2.1 et 6.2.2 existent), avec toutes "
                "les clés et toutes les sections, prête à remplir.",
    "schema": "Écrit schemas/fiche.schema.json et schemas/sus.schema.json, pour l'autocomplétion dans les éditeurs.",
    "site": "Construit le site du schéma : une page d'accueil (synthèse, toutes les fiches, filtres et recherche), "
            "une page par fiche, par direction et par volet, et une page « données » (exports et bilan JSON).",
}

# Other names of a command: hidden from the list, shown beside it in `sus --help`.
AUTRES_NOMS: dict[str, str] = {"valider": "validate"}


def noms() -> list[str]:
    """Every name a command answers to, listed ones first."""
    return [*COMMANDES, *AUTRES_NOMS]


def fonction(nom: str):
    """The function of a command (its module is imported now)."""
    import importlib

    module = AUTRES_NOMS.get(nom, nom)
    return getattr(importlib.import_module(f"sus_cli.cli.{module}"), module)


class CommandesParesseuses(MutableMapping):
    """The click commands of a group, built on first use from `COMMANDES` by
    `construire(name)`, as Typer would have built them all at start."""

    def __init__(self, construire):
        self._construire = construire
        self._faites: dict = {}

    def __getitem__(self, nom: str):
        if nom not in self._faites:
            if nom not in COMMANDES and nom not in AUTRES_NOMS:
                raise KeyError(nom)
            self._faites[nom] = self._construire(nom)
        return self._faites[nom]

    def __setitem__(self, nom: str, commande) -> None:
        self._faites[nom] = commande

    def __delitem__(self, nom: str) -> None:
        del self._faites[nom]

    def __iter__(self) -> Iterator[str]:
        yield from noms()
        yield from (n for n in self._faites if n not in COMMANDES and n not in AUTRES_NOMS)

    def __len__(self) -> int:
        return len(list(iter(self)))

    def __contains__(self, nom: object) -> bool:
        return nom in COMMANDES or nom in AUTRES_NOMS or nom in self._faites
