"""SUS8xx: the validation workflow, checked on a change (`sus revue`).

These rules compare two versions of a fiche (before and after a pull
request); `sus validate` does not run them.
"""

from __future__ import annotations

import datetime as dt

from sus_cli.diagnostics import Constat
from sus_cli.francais import date
from sus_cli.rules.registry import regle


def _etat(document) -> str | None:
    if document is None:
        return None
    validation = document.champ("validation")
    if document.modele is not None:
        return document.modele.etat_validation
    return validation.get("etat", "brouillon") if isinstance(validation, dict) else "brouillon"


@regle("SUS800", "validee-modifiee", "error", cible="revue", ignorable=False)
def validee_modifiee(difference, contexte):
    """Une fiche validée change sur le fond sans repasser par la validation.

    La validation par la hiérarchie porte sur le titre, le porteur, les dates,
    la définition des indicateurs, leurs valeurs de référence et leurs cibles.
    Si l'une d'elles change dans une fiche `validee`, la même demande de
    fusion doit la repasser en `soumise` (ou `brouillon`) : la relecture de
    la demande vaut alors nouvelle validation. Les valeurs de suivi, les
    budgets, les notes et le statut peuvent changer sans cela.

    Mauvais (dans la demande de fusion) :

    ```yaml
    validation: {etat: validee, par: DGA Solidarités, le: 2024-03-15}
    cibles: {2027: 95}          # était 90
    ```

    Bon :

    ```yaml
    validation: {etat: soumise}
    cibles: {2027: 95}
    ```
    """
    if difference.nature != "modifiee" or _etat(difference.avant) != "validee":
        return
    if difference.substance_modifiee and _etat(difference.apres) == "validee":
        quoi = "; ".join(d.texte for d in difference.details if d.substance)
        yield Constat(f"fiche validée modifiée sur le fond ({quoi}) : repassez-la en « soumise » dans "
                      "cette demande pour qu'elle soit validée à nouveau", chemin=("validation", "etat"))


@regle("SUS801", "validation-sans-auteur", "error", cible="revue", ignorable=False)
def validation_sans_auteur(difference, contexte):
    """Une fiche passe à `validee` sans dire par qui et quand, ou à une date future.

    Passer une fiche à `validee` enregistre la décision de la hiérarchie :
    `par` (la personne ou la fonction) et `le` (la date, pas dans le futur)
    sont obligatoires.

    Mauvais :

    ```yaml
    validation: {etat: validee, le: 2031-01-01}
    ```

    Bon :

    ```yaml
    validation: {etat: validee, par: "Directrice enfance famille", le: 2024-03-15}
    ```
    """
    if difference.apres is None or _etat(difference.apres) != "validee" or _etat(difference.avant) == "validee":
        return
    validation = difference.apres.champ("validation")
    par = getattr(validation, "par", None) if not isinstance(validation, dict) else validation.get("par")
    le = getattr(validation, "le", None) if not isinstance(validation, dict) else validation.get("le")
    if not par or not le:
        manque = " et ".join(n for n, v in (("par", par), ("le", le)) if not v)
        yield Constat(f"fiche passée à « validee » sans {manque}", chemin=("validation",))
    elif isinstance(le, dt.date) and le > contexte.aujourdhui:
        yield Constat(f"fiche validée « le {date(le)} », une date future", chemin=("validation", "le"))


@regle("SUS802", "abandonnee-figee", "error", cible="revue", ignorable=False)
def abandonnee_figee(difference, contexte):
    """Une fiche abandonnée est modifiée ailleurs que dans sa validation.

    Une action abandonnée est close : son contenu reste tel qu'il était pour
    l'historique et les bilans. Seule sa validation (`validation:`) peut
    encore changer. Pour reprendre l'action, créez une nouvelle fiche.

    Mauvais (la fiche a `statut: abandonnee` avant la demande de fusion) :

    ```yaml
    statut: abandonnee
    fin: 2026-12-31      # était 2024-03-31
    ```

    Bon : ne changer que `validation:`, ou créer une nouvelle fiche.
    """
    avant = difference.avant
    if difference.nature != "modifiee" or avant is None or avant.modele is None:
        return
    if avant.modele.statut != "abandonnee":
        return
    autres = [d.texte for d in difference.details if d.sujet != "validation"]
    if autres:
        yield Constat("fiche abandonnée modifiée (" + "; ".join(autres) + ") : seule sa validation peut encore "
                      "changer", chemin=("statut",))
