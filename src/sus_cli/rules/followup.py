"""SUS6xx: dates, budget and follow-up make sense against the schéma and today."""

from __future__ import annotations



from sus_cli import francais
from sus_cli.diagnostics import Constat
from sus_cli.figures.retard import en_retard
from sus_cli.rules.indicators import annees_du_schema
from sus_cli.rules.registry import regle

@regle("SUS600", "debut-apres-fin", "error")
def debut_apres_fin(document, contexte):
    """La date de début est après la date de fin.

    Mauvais :

    ```yaml
    debut: 2025-01-01
    fin: 2024-12-31
    ```

    Bon :

    ```yaml
    debut: 2024-01-01
    fin: 2025-12-31
    ```
    """
    fiche = document.modele
    if fiche is not None and fiche.debut and fiche.fin and fiche.debut > fiche.fin:
        yield Constat(f"début ({francais.date(fiche.debut)}) après la fin ({francais.date(fiche.fin)})", chemin=("debut",))


@regle("SUS601", "date-hors-schema", "warning")
def date_hors_schema(document, contexte):
    """Une date de la fiche tombe hors des années du schéma.

    `debut`, `fin` et les `echeance` des étapes doivent se situer entre la
    première et la dernière année du schéma (`sus.yaml`, `schema.debut` et
    `schema.fin`). Une action qui déborde le schéma se prolonge dans le
    suivant : c'est à décider, pas à laisser passer par une faute de frappe.

    Mauvais (schéma 2023-2027) :

    ```yaml
    fin: 2207-12-31
    ```

    Bon :

    ```yaml
    fin: 2027-12-31
    ```
    """
    fiche, annees = document.modele, annees_du_schema(contexte)
    if fiche is None or annees is None:
        return
    hors = f"hors des années du schéma ({annees[0]}-{annees[-1]})"
    for cle in ("debut", "fin"):
        jour = getattr(fiche, cle)
        if jour and jour.year not in annees:
            yield Constat(f"{cle} le {francais.date(jour)}, {hors}", chemin=(cle,))
    for i, etape in enumerate(fiche.etapes):
        if etape.echeance and etape.echeance.year not in annees:
            yield Constat(f"échéance le {francais.date(etape.echeance)} de l'étape « {etape.libelle} », {hors}",
                          chemin=("etapes", i, "echeance"))


@regle("SUS602", "consomme-superieur-engage", "error")
def consomme_superieur_engage(document, contexte):
    """Le montant consommé d'une année dépasse le montant engagé.

    On ne peut pas payer plus que ce qui a été engagé : l'un des deux
    montants est faux, ou une ligne de budget manque.

    Mauvais :

    ```yaml
    budget:
      - {annee: 2024, prevu: 10000, engage: 6000, consomme: 8000}
    ```

    Bon :

    ```yaml
    budget:
      - {annee: 2024, prevu: 10000, engage: 8000, consomme: 6500}
    ```
    """
    fiche = document.modele
    if fiche is None:
        return
    for i, ligne in enumerate(fiche.budget):
        if ligne.engage is not None and ligne.consomme is not None and ligne.consomme > ligne.engage:
            yield Constat(f"budget {ligne.annee} : consommé ({ligne.consomme} €) supérieur à l'engagé "
                          f"({ligne.engage} €)", chemin=("budget", i, "consomme"))


@regle("SUS603", "budget-hors-schema", "warning")
def budget_hors_schema(document, contexte):
    """Une ligne de budget porte sur une année hors du schéma.

    Mauvais (schéma 2023-2027) :

    ```yaml
    budget:
      - {annee: 2034, prevu: 10000}
    ```

    Bon :

    ```yaml
    budget:
      - {annee: 2024, prevu: 10000}
    ```
    """
    fiche, annees = document.modele, annees_du_schema(contexte)
    if fiche is None or annees is None:
        return
    for i, ligne in enumerate(fiche.budget):
        if ligne.annee not in annees:
            yield Constat(f"budget de l'année {ligne.annee}, hors des années du schéma "
                          f"({annees[0]}-{annees[-1]})", chemin=("budget", i, "annee"))


@regle("SUS604", "validee-avec-erreurs", "error", phase=2)
def validee_avec_erreurs(document, contexte):
    """Une fiche validée contient encore des erreurs.

    La validation par la hiérarchie porte sur une fiche complète et juste.
    Si `sus validate` y trouve des erreurs, soit la fiche a changé après sa
    validation (elle doit alors revenir à `soumise`), soit elle a été validée
    trop tôt.

    Mauvais :

    ```yaml
    validation: {etat: validee, par: DGA Solidarités, le: 2024-03-15}
    indicateurs: []        # SUS400
    ```

    Bon :

    ```yaml
    validation: {etat: soumise}
    indicateurs: []
    ```
    """
    if document.etat != "validee":  # a resumes.Resume: phase 2 runs once every file is read
        return
    codes = sorted({d.code for d in contexte.diagnostics if d.severity == "error"})
    if codes:
        yield Constat("fiche « validee » qui contient encore des erreurs (" + ", ".join(codes)
                      + ") : corrigez-les ou repassez la fiche en « soumise »",
                      chemin=("validation", "etat"))


@regle("SUS605", "statut-non-renseigne", "warning")
def statut_non_renseigne(document, contexte):
    """L'action a commencé mais son statut n'est pas renseigné.

    Dès que la date de début est passée, le groupe stratégique a besoin de
    savoir où en est l'action : `a_venir`, `en_cours`, `realisee`,
    `en_pause`, `bloquee`, `abandonnee` ou `a_discuter`.

    Mauvais :

    ```yaml
    debut: 2023-01-01
    # pas de statut
    ```

    Bon :

    ```yaml
    debut: 2023-01-01
    statut: en_cours
    ```
    """
    fiche = document.modele
    if fiche is not None and fiche.statut is None and fiche.debut and fiche.debut < contexte.aujourdhui:
        yield Constat(f"l'action a commencé le {francais.date(fiche.debut)} mais son statut n'est pas renseigné "
                      "(statut: a_venir, en_cours, realisee…)", chemin=("debut",))


@regle("SUS606", "fiche-en-retard", "warning")
def fiche_en_retard(document, contexte):
    """La date de fin est passée et l'action n'est ni réalisée ni abandonnée.

    C'est la définition d'une fiche « en retard » dans les bilans. Mettez à
    jour le statut, ou reportez la date de fin en le justifiant dans une
    note de suivi.

    Mauvais (aujourd'hui 2025-03-01) :

    ```yaml
    fin: 2024-12-31
    statut: en_cours
    ```

    Bon :

    ```yaml
    fin: 2024-12-31
    statut: realisee
    ```
    """
    fiche = document.modele
    if fiche is not None and en_retard(fiche, contexte.aujourdhui):
        yield Constat(f"fiche en retard : fin prévue le {francais.date(fiche.fin)}, statut "
                      f"« {francais.statut(fiche.statut)} »", chemin=("fin",))


@regle("SUS607", "date-future", "error")
def date_future(document, contexte):
    """Une validation ou une note de suivi est datée dans le futur.

    On ne valide pas une fiche, ni ne rend compte de son avancement, à une
    date qui n'est pas encore arrivée : c'est une faute de frappe dans
    l'année ou le mois.

    Mauvais :

    ```yaml
    validation: {etat: validee, par: DGA Solidarités, le: 2042-03-15}
    ```

    Bon :

    ```yaml
    validation: {etat: validee, par: DGA Solidarités, le: 2024-03-15}
    ```
    """
    fiche = document.modele
    if fiche is None:
        return
    jour = contexte.aujourdhui
    if fiche.validation and fiche.validation.le and fiche.validation.le > jour:
        yield Constat(f"validation datée du {francais.date(fiche.validation.le)}, dans le futur", chemin=("validation", "le"))
    for i, note in enumerate(fiche.notes_suivi):
        if note.date > jour:
            yield Constat(f"note de suivi datée du {francais.date(note.date)}, dans le futur", chemin=("notes_suivi", i, "date"))


@regle("SUS608", "etape-depassee", "warning")
def etape_depassee(document, contexte):
    """Une étape dont l'échéance est passée n'est pas faite.

    Mauvais (aujourd'hui 2025-03-01) :

    ```yaml
    etapes:
      - {libelle: Cahier des charges, echeance: 2024-06-30, faite: false}
    ```

    Bon :

    ```yaml
    etapes:
      - {libelle: Cahier des charges, echeance: 2024-06-30, faite: true}
    ```
    """
    fiche = document.modele
    if fiche is None:
        return
    for i, etape in enumerate(fiche.etapes):
        if etape.echeance and etape.echeance < contexte.aujourdhui and not etape.faite:
            yield Constat(f"étape « {etape.libelle} » non faite, échéance dépassée (le {francais.date(etape.echeance)})",
                          chemin=("etapes", i))


