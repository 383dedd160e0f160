"""`sus saisir ID`: one change to a fiche at the terminal, through the same
engine as `sus importer`."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Annotated, Optional

import typer

from sus_cli.cli.common import ErreurUsage, OptionRacine, charger_depot


def saisir(
    identifiant: Annotated[str, typer.Argument(help="Identifiant de la fiche, par exemple TR-6.2.1.", metavar="ID",
                                               show_default=False)],
    indicateur: Annotated[Optional[str], typer.Option(help="Identifiant de l'indicateur (avec --periode et "
                                                           "--valeur ou --commentaire).", metavar="INDICATEUR",
                                                      show_default=False)] = None,
    periode: Annotated[Optional[str], typer.Option(help="Période : 2024 ou 2024-T3.", metavar="PERIODE",
                                                   show_default=False)] = None,
    valeur: Annotated[Optional[str], typer.Option(help="Valeur : 1234,5 ; 12,5 % ; oui ou non pour un livrable.",
                                                  metavar="VALEUR", show_default=False)] = None,
    commentaire: Annotated[Optional[str], typer.Option(help="Commentaire de la valeur.", metavar="TEXTE",
                                                       show_default=False)] = None,
    statut: Annotated[Optional[str], typer.Option(help="Nouveau statut : en_cours, realisee… (ou « En cours »).",
                                                  metavar="STATUT", show_default=False)] = None,
    note: Annotated[Optional[str], typer.Option(help="Note de suivi à ajouter.", metavar="TEXTE",
                                                show_default=False)] = None,
    avancement: Annotated[Optional[str], typer.Option(help="Avancement de 0 à 100, avec la note.",
                                                      metavar="N", show_default=False)] = None,
    date: Annotated[Optional[str], typer.Option(help="Date de la note, AAAA-MM-JJ (par défaut : aujourd'hui).",
                                                metavar="DATE", show_default=False)] = None,
    racine: OptionRacine = None,
) -> None:
    """Modifie une fiche : une valeur d'indicateur, le statut, ou une note de suivi. Seules les lignes
    concernées changent ; la fiche est vérifiée ensuite. Rien n'est enregistré dans git.

    Exemple : sus saisir TR-6.2.1 --indicateur fiches-validees --periode 2024-T3 --valeur "62,5"
    """
    from sus_cli.collecte.lecture import _STATUTS_LUS as STATUTS_LUS
    from sus_cli.collecte.saisie import SaisieInvalide, lire_avancement, lire_periode, lire_valeur
    from sus_cli.edition.changements import (ErreurEdition, NouveauStatut, NouvelleNote, NouvelleValeur,
                                             appliquer)
    from sus_cli.engine import aujourdhui, verifier
    from sus_cli.files import ecrire_atomique
    from sus_cli.francais import sans_accents
    from sus_cli.loading.documents import fiche_depuis_octets
    from sus_cli.loading.repository import Depot, charger

    cherche = identifiant.strip().upper()
    depot = charger_depot(racine, a_lire=lambda chemin: cherche in chemin.rsplit("/", 1)[-1].upper())
    document = next((d for d in depot.fiches if d.complet and (d.id or "").upper() == cherche), None)
    if document is None:
        depot = charger_depot(racine)
        document = next((d for d in depot.fiches if (d.id or "").upper() == cherche), None)
    if document is None:
        raise ErreurUsage(f"aucune fiche « {identifiant} »")
    fiche = document.modele
    if fiche is None:
        raise ErreurUsage(f"la fiche {document.chemin} est invalide : corrigez-la d'abord (« sus validate "
                          f"{document.chemin} »)")
    changements = []
    try:
        if indicateur or periode or valeur is not None or commentaire is not None:
            ind = next((i for i in fiche.indicateurs if i.id == indicateur), None)
            if ind is None:
                raise ErreurUsage(f"indicateur « {indicateur or ''} » inconnu ; indicateurs de la fiche : "
                                  + ", ".join(i.id for i in fiche.indicateurs))
            if periode is None or (valeur is None and commentaire is None):
                raise ErreurUsage("donnez --periode, et --valeur ou --commentaire")
            config = depot.config.schema_
            changements.append(NouvelleValeur(
                ind.id, lire_periode(periode, config.debut, config.fin),
                lire_valeur(valeur, ind.unite) if valeur is not None else None, commentaire))
        if statut is not None:
            code = STATUTS_LUS.get(" ".join(sans_accents(statut).replace("_", " ").split()))
            if code is None or code == "non_renseigne":
                raise ErreurUsage(f"statut « {statut} » inconnu : a_venir, en_cours, realisee, en_pause, bloquee, "
                                  "abandonnee ou a_discuter")
            changements.append(NouveauStatut(code))
        if note is not None or avancement is not None:
            if not (note or "").strip():
                raise ErreurUsage("--note : écrivez le texte de la note")
            jour = dt.date.fromisoformat(date) if date else aujourdhui()
            changements.append(NouvelleNote(jour, note.strip(), lire_avancement(avancement)
                                            if avancement is not None else None))
    except SaisieInvalide as err:
        raise ErreurUsage(str(err)) from None
    except ValueError:
        raise ErreurUsage(f"date « {date} » invalide : forme attendue AAAA-MM-JJ") from None
    if not changements:
        raise ErreurUsage("rien à saisir : donnez --indicateur/--periode/--valeur, --statut ou --note")
    chemin = depot.racine / document.chemin
    avant = chemin.read_bytes()
    try:
        apres, modifie = appliquer(avant, changements, document.chemin)
    except ErreurEdition as err:
        raise ErreurUsage(f"{document.chemin} : {err}") from None
    if not modifie:
        print(f"Aucun changement : {fiche.id} contient déjà ces informations.", file=sys.stderr)
        raise typer.Exit(0)
    ecrire_atomique(chemin, apres)
    from sus_cli.revue import rendu
    from sus_cli.revue.comparaison import comparer

    nouveau = fiche_depuis_octets(document.chemin, apres)
    differences = comparer(Depot(depot.racine, None, [document]), Depot(depot.racine, None, [nouveau]))
    sys.stdout.write(rendu.texte("", "", differences, [], titre=f"{document.chemin} modifiée"))
    complet = charger(depot.racine, a_lire=lambda relatif: relatif == document.chemin)
    diagnostics = [d for d in verifier(complet) if d.path == document.chemin]
    for d in diagnostics:
        print(f"{d.path}:{d.line}:{d.column} {d.code} {d.message}", file=sys.stderr)
    raise typer.Exit(1 if any(d.severity == "error" for d in diagnostics) else 0)
