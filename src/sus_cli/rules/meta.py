"""SUS7xx: `sus_ignore` is used with care (a known code, a real need)."""

from __future__ import annotations

from sus_cli.diagnostics import Constat
from sus_cli.rules.registry import regle


def ignores(document) -> dict[str, str]:
    """The fiche's `sus_ignore` codes (readable even from an invalid fiche)."""
    valeur = document.champ("sus_ignore")
    return {c: r for c, r in valeur.items() if isinstance(c, str)} if isinstance(valeur, dict) else {}


@regle("SUS700", "ignore-inutile", "warning", phase=2, ignorable=False)
def ignore_inutile(document, contexte):
    """Une règle est ignorée dans `sus_ignore` alors qu'elle ne signale rien.

    Une exception qui ne sert plus doit disparaître : sinon elle masquera
    le jour venu un vrai problème.

    Mauvais (la fiche a trois indicateurs) :

    ```yaml
    sus_ignore:
      SUS400: "indicateurs en cours de définition"
    ```

    Bon : supprimer `sus_ignore`.
    """
    for code in document.ignores:  # a resumes.Resume: phase 2 runs once every file is read
        regle_ = contexte.regles.get(code)
        if regle_ is not None and regle_.ignorable and code not in contexte.ignores_utilises:
            yield Constat(f"« {code} » est ignorée mais ne signale rien dans cette fiche : "
                          "retirez-la de sus_ignore", chemin=("sus_ignore", code), cle=True)


@regle("SUS701", "ignore-inconnu", "error", ignorable=False)
def ignore_inconnu(document, contexte):
    """`sus_ignore` cite un code de règle inconnu ou qui ne peut pas être ignoré.

    Les règles de lecture (SUS1xx), SUS303, celles qui surveillent
    `sus_ignore` lui-même (SUS7xx) et celles du circuit de validation
    (SUS8xx) ne peuvent pas être ignorées. `sus regles` liste les codes.

    Mauvais :

    ```yaml
    sus_ignore:
      SUS999: "ancien code"
    ```

    Bon :

    ```yaml
    sus_ignore:
      SUS400: "second indicateur défini avec l'ODPE au 2e trimestre"
    ```
    """
    for code in ignores(document):
        regle_ = contexte.regles.get(code) if isinstance(code, str) else None
        if regle_ is None:
            yield Constat(f"code de règle « {code} » inconnu dans sus_ignore (voir « sus regles »)",
                          chemin=("sus_ignore", code), cle=True)
        elif not regle_.ignorable:
            yield Constat(f"la règle {code} ne peut pas être ignorée", chemin=("sus_ignore", code), cle=True)
