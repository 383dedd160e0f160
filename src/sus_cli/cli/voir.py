"""`sus voir ID`: one fiche, readable in the terminal."""

from __future__ import annotations

from typing import Annotated

import typer

from sus_cli.cli.common import ErreurUsage, OptionRacine, affichable, charger_depot, console


def voir(
    identifiant: Annotated[str, typer.Argument(help="Identifiant de la fiche, par exemple TR-6.2.1.", metavar="ID",
                                               show_default=False)],
    racine: OptionRacine = None,
) -> None:
    """Affiche une fiche : en-tête, statut, porteur, validation, indicateurs et leurs valeurs, budget,
    dernières notes de suivi et texte."""
    from sus_cli.engine import aujourdhui

    cherche = identifiant.strip().upper()
    # Only the fiche asked for is parsed; the others are read for their id.
    depot = charger_depot(racine, a_lire=lambda chemin: cherche in chemin.rsplit("/", 1)[-1].upper())
    trouves = [d for d in depot.fiches if (d.id or "").upper() == cherche]
    complets = [d for d in trouves if d.complet]
    if not complets and trouves:  # its file name does not start with its id (SUS302)
        depot = charger_depot(racine)
        complets = [d for d in depot.fiches if (d.id or "").upper() == cherche]
    if not complets:
        from sus_cli.model.vocabulaire import suggestion
        proche = suggestion(identifiant, [d.id for d in depot.fiches if d.id])
        raise ErreurUsage(f"aucune fiche « {identifiant} »" + (f" : vouliez-vous dire « {proche} » ?" if proche else ""))
    document = complets[0]
    if document.modele is None:
        raise ErreurUsage(f"la fiche {document.chemin} est invalide : lancez « sus validate {document.chemin} »")
    _afficher(document, depot.config, aujourdhui())


def _afficher(document, config, jour) -> None:
    from rich.markdown import Markdown
    from rich.panel import Panel
    from rich.table import Table

    from sus_cli import francais, graphiques
    from sus_cli.echappement import lignes as sur_plusieurs_lignes
    from sus_cli.figures.fiches import en_retard
    from sus_cli.figures.indicateurs import serie
    from sus_cli.model.vocabulaire import decomposer_id, ordre_periode

    f = document.modele
    nombre, euros, date_fr = francais.nombre, francais.euros, francais.date
    sortie = console()
    code, axe, objectif, _ = decomposer_id(f.id)
    volet = config.volets.get(code)
    lignes = []
    if volet:
        lignes.append(f"[dim]Volet {code} — {affichable(volet.titre)}[/]")
        if axe in volet.axes:
            lignes.append(f"[dim]Axe {axe} — {affichable(volet.axes[axe].titre)}[/]")
            titre_objectif = volet.axes[axe].objectifs.get(objectif)
            if titre_objectif:
                lignes.append(f"[dim]Objectif {axe}.{objectif} — {affichable(titre_objectif)}[/]")
    direction = config.directions.get(f.porteur)
    statut = francais.statut(f.statut)
    if en_retard(f, jour):
        statut += f" — [bold red]en retard[/] (fin prévue le {date_fr(f.fin)})"
    validation = francais.validation(f.etat_validation)
    if f.validation and f.validation.etat == "validee":
        validation += f" par {affichable(f.validation.par)} le {date_fr(f.validation.le)}"
    porteur = affichable(f.porteur) + (f" — {affichable(direction.nom)}" if direction else "")
    lignes += ["", f"[bold]Porteur[/]     {porteur}",
               f"[bold]Statut[/]      {statut}", f"[bold]Validation[/]  {validation}",
               f"[bold]Période[/]     {date_fr(f.debut)} → {date_fr(f.fin)}"]
    if f.pilotes:
        lignes.append(f"[bold]Pilotes[/]     {affichable(', '.join(f.pilotes))}")
    if f.partenaires:
        for nom, liste in (("internes", f.partenaires.internes), ("externes", f.partenaires.externes)):
            if liste:
                lignes.append(f"[bold]Partenaires {nom}[/] {affichable(', '.join(liste))}")
    if f.dispositifs:
        lignes.append(f"[bold]Dispositifs[/] {affichable(', '.join(f.dispositifs))}")
    if f.fiches_liees:
        lignes.append(f"[bold]Fiches liées[/] {', '.join(f.fiches_liees)}")
    lignes.append(f"[dim]{affichable(document.chemin)}[/]")
    sortie.print(Panel("\n".join(lignes), title=f"[bold]{f.id} — {affichable(f.titre)}[/]", title_align="left"))

    for indicateur in f.indicateurs:
        # The same series as the bilan's chart, as one line of blocks.
        courbe = graphiques.en_texte(serie(indicateur, jour.year))
        table = Table(title=f"{affichable(indicateur.libelle)} ({affichable(indicateur.unite)})"
                            + (f"  [blue]{courbe}[/]" if courbe else ""), title_justify="left", title_style="bold")
        for colonne in ("période", "valeur", "cible", "commentaire"):
            table.add_column(colonne, justify="right" if colonne in ("valeur", "cible") else "left")
        if indicateur.reference:
            table.add_row(f"référence {indicateur.reference.annee}", nombre(indicateur.reference.valeur), "", "")
        periodes = sorted(set(indicateur.valeurs) | {str(a) for a in indicateur.cibles}, key=ordre_periode)
        for periode in periodes:
            brute = indicateur.valeurs.get(periode)
            valeur = getattr(brute, "valeur", brute)
            commentaire = getattr(brute, "commentaire", None) or ""
            if getattr(brute, "estimation", False):
                commentaire = ("estimation ; " + commentaire).rstrip(" ;")
            cible = indicateur.cibles.get(int(periode)) if periode.isdigit() else None
            table.add_row(periode, nombre(valeur), nombre(cible) if cible is not None else "", affichable(commentaire))
        if not periodes and not indicateur.reference:
            table.add_row("—", "aucune valeur", "", "")
        sortie.print(table)
    if not f.indicateurs:
        sortie.print("[red]Aucun indicateur de suivi.[/]")
    if f.budget:
        table = Table(title="Budget", title_justify="left", title_style="bold")
        for colonne in ("année", "prévu", "engagé", "consommé", "financeurs"):
            table.add_column(colonne, justify="left" if colonne == "financeurs" else "right")
        for ligne in sorted(f.budget, key=lambda b: b.annee):
            table.add_row(str(ligne.annee), euros(ligne.prevu), euros(ligne.engage), euros(ligne.consomme),
                          affichable(", ".join(ligne.financeurs)))
        sortie.print(table)
    if f.etapes:
        sortie.print("[bold]Étapes[/]")
        for etape in f.etapes:
            marque = "[green]✓[/]" if etape.faite else ("[red]✗[/]" if etape.echeance and etape.echeance < jour else "·")
            sortie.print(f"  {marque} {affichable(etape.libelle)} ({date_fr(etape.echeance)})")
    if f.notes_suivi:
        sortie.print("[bold]Dernières notes de suivi[/]")
        for note in sorted(f.notes_suivi, key=lambda n: n.date, reverse=True)[:3]:
            avancement = f" — avancement {note.avancement} %" if note.avancement is not None else ""
            sortie.print(f"  [dim]{date_fr(note.date)}{avancement}[/]  {affichable(note.texte, plusieurs_lignes=True)}")
    if document.corps.strip():
        sortie.print()
        sortie.print(Markdown(sur_plusieurs_lignes(document.corps)))
