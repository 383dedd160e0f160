"""The collecte workbook of one direction for one period, made to be filled by
someone who has never seen sus: a `mode d'emploi` sheet, a `valeurs` sheet
(one row per indicator: context in locked cells, `valeur` and `commentaire`
to fill, checked by the spreadsheet itself), a `fiches` sheet (statut from a
list, a note de suivi, the avancement), and the hidden memory of what the
fiches held (origine.py)."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from sus_cli import francais
from sus_cli.collecte import origine as memoire
from sus_cli.collecte.lignes import LigneFiche, LigneValeur, Periode
from sus_cli.collecte.saisie import NOMBRE_MAX, est_livrable, est_pourcentage
from sus_cli.francais import STATUTS
from sus_cli.tableur import typer_texte

# The header cells `sus importer` reads (contract §7), and the others.
COLONNES_VALEURS = (
    ("fiche", 11), ("titre de la fiche", 38), ("indicateur", 18), ("libellé de l'indicateur", 38), ("unité", 10),
    ("période", 10), ("référence", 14), ("valeur précédente", 16), ("cible", 14), ("déjà dans la fiche", 22),
    ("valeur", 14), ("commentaire", 45))
COLONNES_FICHES = (
    ("fiche", 11), ("titre", 45), ("fin prévue", 16), ("dernière note de suivi", 45), ("statut", 16),
    ("note", 50), ("avancement", 13))
A_REMPLIR_VALEURS = ("valeur", "commentaire")
A_REMPLIR_FICHES = ("statut", "note", "avancement")
STATUTS_CHOISIS = tuple(libelle for code, libelle in STATUTS.items() if code not in (None, "non_renseigne"))
LONGUEUR_TEXTE = 2000


@dataclass(frozen=True, slots=True)
class Demande:
    """Everything one workbook says: who, when, what."""

    periode: Periode
    code: str  # the direction's code
    direction: str  # its name
    schema: str  # the schéma's title
    collectivite: str
    cree_le: dt.date
    valeurs: list[LigneValeur]
    fiches: list[LigneFiche]


def nom_fichier(periode: str, code: str) -> str:
    return f"collecte-{periode}-{code}.xlsx"


def _styles():
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

    filet = Side(style="thin", color="B8C2CC")
    return {
        "entete": dict(font=Font(bold=True), fill=PatternFill("solid", fgColor="E3E8EE"),
                       alignment=Alignment(wrap_text=True, vertical="center"), border=Border(bottom=filet)),
        "a_remplir": dict(fill=PatternFill("solid", fgColor="FFF4C2"), protection=Protection(locked=False),
                          border=Border(left=filet, right=filet, top=filet, bottom=filet),
                          alignment=Alignment(wrap_text=True, vertical="top")),
        "contexte": dict(alignment=Alignment(wrap_text=True, vertical="top")),
        "titre": dict(font=Font(bold=True, size=15)),
        "intertitre": dict(font=Font(bold=True, size=12)),
        "texte": dict(alignment=Alignment(wrap_text=True, vertical="top")),
    }


def _appliquer(cellule, style: dict) -> None:
    for nom, valeur in style.items():
        setattr(cellule, nom, valeur)


def _preparer_feuille(feuille, colonnes, a_remplir, styles, titre_impression: str) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    feuille.append([nom for nom, _ in colonnes])
    for rang, (nom, largeur) in enumerate(colonnes, start=1):
        feuille.column_dimensions[get_column_letter(rang)].width = largeur
        _appliquer(feuille.cell(row=1, column=rang), styles["entete"])
    feuille.freeze_panes = "B2"
    feuille.print_title_rows = "1:1"
    feuille.page_setup.orientation = "landscape"
    feuille.page_setup.paperSize = feuille.PAPERSIZE_A4
    feuille.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    feuille.page_setup.fitToWidth = 1
    feuille.page_setup.fitToHeight = 0
    feuille.oddHeader.center.text = titre_impression
    feuille.oddFooter.center.text = "Page &P / &N"
    # The context is protected against slips; the cells to fill are not. No
    # password: this guards against accidents, not against anyone.
    feuille.protection.sheet = True
    feuille.protection.formatColumns = False
    feuille.protection.formatRows = False
    feuille.protection.autoFilter = False


def _lettre(colonnes, nom: str) -> str:
    from openpyxl.utils import get_column_letter
    return get_column_letter(next(i for i, (n, _) in enumerate(colonnes, start=1) if n == nom))


def _validation(**options):
    from openpyxl.worksheet.datavalidation import DataValidation
    return DataValidation(allow_blank=True, showErrorMessage=True, showInputMessage=True, **options)


def _texte_valeur(valeur, unite: str, quand: int | str | None = None) -> str | None:
    """« 70 % en 2024 », « 55 % en 2024-T2 »."""
    if valeur is None:
        return None
    texte = francais.valeur(valeur, unite)
    return f"{texte} en {quand}" if quand is not None else texte


def _feuille_valeurs(classeur, demande: Demande, styles) -> None:
    feuille = classeur.create_sheet("valeurs")
    _preparer_feuille(feuille, COLONNES_VALEURS, A_REMPLIR_VALEURS, styles,
                      f"{demande.code} — valeurs {demande.periode.en_clair()}")
    groupes: dict[str, list[str]] = {"nombre": [], "pourcentage": [], "livrable": []}
    colonne_valeur = _lettre(COLONNES_VALEURS, "valeur")
    for rang, ligne in enumerate(demande.valeurs, start=2):
        connue = _texte_valeur(ligne.connue, ligne.unite)
        if ligne.commentaire_connu:
            connue = f"{connue or 'sans valeur'} — {ligne.commentaire_connu}"
        periode = int(ligne.periode) if ligne.periode.isdigit() else ligne.periode
        feuille.append([ligne.fiche, ligne.titre, ligne.indicateur, ligne.libelle, ligne.unite, periode,
                        _texte_valeur(ligne.reference, ligne.unite, ligne.annee_reference),
                        _texte_valeur(ligne.precedente, ligne.unite, ligne.periode_precedente),
                        _texte_valeur(ligne.cible, ligne.unite, ligne.annee_cible), connue, None, None])
        for colonne, (nom, _) in enumerate(COLONNES_VALEURS, start=1):
            cellule = feuille.cell(row=rang, column=colonne)
            typer_texte(cellule)
            _appliquer(cellule, styles["a_remplir" if nom in A_REMPLIR_VALEURS else "contexte"])
        genre = ("livrable" if est_livrable(ligne.unite) else "pourcentage" if est_pourcentage(ligne.unite)
                 else "nombre")
        groupes[genre].append(f"{colonne_valeur}{rang}")
    invite = {
        "nombre": "Un nombre, par exemple 1234,5. Laissez vide si la valeur n'est pas connue.",
        "pourcentage": "Un pourcentage, sans le signe % : 12,5 pour 12,5 %. Laissez vide si la valeur "
                       "n'est pas connue.",
    }
    for genre, cellules in groupes.items():
        if not cellules:
            continue
        if genre == "livrable":
            validation = _validation(type="list", formula1='"oui,non"', errorTitle="Livrable",
                                     error="Choisissez oui ou non.", promptTitle="Livrable",
                                     prompt="oui si le livrable est produit, non sinon.")
        else:
            validation = _validation(type="decimal", operator="between", formula1=str(-NOMBRE_MAX),
                                     formula2=str(NOMBRE_MAX), errorTitle="Nombre attendu",
                                     error="Écrivez un nombre, par exemple 1234,5 (sans lettre ni unité).",
                                     promptTitle="Valeur de la période", prompt=invite[genre])
        validation.sqref = " ".join(cellules)
        feuille.data_validations.append(validation)
    if demande.valeurs:
        colonne = _lettre(COLONNES_VALEURS, "commentaire")
        commentaire = _validation(type="textLength", operator="lessThanOrEqual", formula1=str(LONGUEUR_TEXTE),
                                  errorTitle="Commentaire trop long",
                                  error=f"{LONGUEUR_TEXTE} caractères au plus.", promptTitle="Commentaire",
                                  prompt="Facultatif : écart à la cible, valeur estimée, donnée indisponible…")
        commentaire.sqref = f"{colonne}2:{colonne}{len(demande.valeurs) + 1}"
        feuille.data_validations.append(commentaire)
        feuille.auto_filter.ref = f"A1:{_lettre(COLONNES_VALEURS, 'commentaire')}{len(demande.valeurs) + 1}"


def _feuille_fiches(classeur, demande: Demande, styles) -> None:
    feuille = classeur.create_sheet("fiches")
    _preparer_feuille(feuille, COLONNES_FICHES, A_REMPLIR_FICHES, styles,
                      f"{demande.code} — fiches {demande.periode.en_clair()}")
    for rang, ligne in enumerate(demande.fiches, start=2):
        note = ligne.derniere_note
        derniere = (f"{francais.date(note.date)} : {note.texte}"
                    + (f" (avancement {note.avancement} %)" if note.avancement is not None else "")) if note else None
        feuille.append([ligne.fiche, ligne.titre, francais.date(ligne.fin) if ligne.fin else None, derniere,
                        francais.statut(ligne.statut) if ligne.statut else None, None, None])
        for colonne, (nom, _) in enumerate(COLONNES_FICHES, start=1):
            cellule = feuille.cell(row=rang, column=colonne)
            typer_texte(cellule)
            _appliquer(cellule, styles["a_remplir" if nom in A_REMPLIR_FICHES else "contexte"])
    if not demande.fiches:
        return
    fin = len(demande.fiches) + 1
    for nom, validation in (
        ("statut", _validation(type="list", formula1='"' + ",".join(STATUTS_CHOISIS) + '"',
                               errorTitle="Statut", error="Choisissez un statut dans la liste.",
                               promptTitle="Statut de la fiche", prompt="Changez-le si la situation a changé.")),
        ("note", _validation(type="textLength", operator="lessThanOrEqual", formula1=str(LONGUEUR_TEXTE),
                             errorTitle="Note trop longue", error=f"{LONGUEUR_TEXTE} caractères au plus.",
                             promptTitle="Note de suivi",
                             prompt="Ce qui a avancé ce trimestre, ce qui bloque. Facultatif.")),
        ("avancement", _validation(type="whole", operator="between", formula1="0", formula2="100",
                                   errorTitle="Avancement", error="Un nombre entier de 0 à 100.",
                                   promptTitle="Avancement (%)", prompt="De 0 à 100. Facultatif.")),
    ):
        colonne = _lettre(COLONNES_FICHES, nom)
        validation.sqref = f"{colonne}2:{colonne}{fin}"
        feuille.data_validations.append(validation)
    feuille.auto_filter.ref = f"A1:{_lettre(COLONNES_FICHES, 'avancement')}{fin}"


def _mode_d_emploi(classeur, demande: Demande, styles) -> None:
    feuille = classeur.active
    feuille.title = "mode d'emploi"
    feuille.column_dimensions["A"].width = 110
    periode = demande.periode.en_clair()
    lignes = [
        ("titre", f"Collecte des valeurs — {periode}"),
        ("texte", f"{demande.direction} ({demande.code})"),
        ("texte", f"{demande.schema} — {demande.collectivite}"),
        ("texte", f"Classeur préparé le {francais.date(demande.cree_le)} : "
                  f"{francais.pluriel(len(demande.fiches), 'fiche action')}, "
                  f"{francais.pluriel(len(demande.valeurs), 'indicateur')} à renseigner."),
        ("texte", ""),
        ("intertitre", "1. Feuille « valeurs » : un indicateur par ligne"),
        ("texte", f"Dans la colonne « valeur » (en jaune), écrivez la valeur de l'indicateur pour la période "
                  f"{demande.periode.texte}. Les colonnes grisées rappellent la fiche, l'indicateur, son unité, "
                  "sa valeur de référence, la valeur de la période précédente, la cible et ce que la fiche "
                  "contient déjà ; elles sont protégées contre les modifications involontaires."),
        ("texte", "• Un nombre : 1234,5 (sans unité). Un pourcentage : 12,5 pour 12,5 %. Un livrable : oui ou non."),
        ("texte", "• Une cellule laissée vide ne change rien : laissez vide ce que vous ne connaissez pas."),
        ("texte", "• Dans « commentaire », expliquez si besoin : écart à la cible, valeur estimée, donnée "
                  "indisponible (on peut écrire un commentaire sans valeur)."),
        ("texte", "• N'écrivez pas de formule, de date ou de texte dans la colonne « valeur » : ils seraient refusés."),
        ("texte", ""),
        ("intertitre", "2. Feuille « fiches » : une fiche action par ligne"),
        ("texte", "• « statut » : choisissez dans la liste si la situation de l'action a changé."),
        ("texte", "• « note » : quelques phrases sur ce qui a avancé, ce qui bloque. Elle sera ajoutée aux "
                  "notes de suivi de la fiche."),
        ("texte", "• « avancement » : un nombre entier de 0 à 100, si vous l'estimez."),
        ("texte", ""),
        ("intertitre", "3. Renvoyer le classeur"),
        ("texte", "Enregistrez le classeur au format Excel (.xlsx), sans changer le nom des feuilles ni "
                  "l'ordre des colonnes, et renvoyez-le à l'observatoire social. Les valeurs seront reportées "
                  "dans les fiches ; si une valeur a changé entre-temps dans une fiche, l'observatoire vous "
                  "demandera laquelle garder."),
    ]
    for rang, (style, texte) in enumerate(lignes, start=1):
        cellule = feuille.cell(row=rang, column=1, value=texte)
        typer_texte(cellule)
        _appliquer(cellule, styles[style])
    feuille.page_setup.paperSize = feuille.PAPERSIZE_A4
    feuille.page_setup.orientation = "portrait"


def classeur(demande: Demande) -> bytes:
    """The workbook's bytes, remembering what the fiches hold now."""
    from openpyxl import Workbook

    styles = _styles()
    document = Workbook()
    _mode_d_emploi(document, demande, styles)
    _feuille_valeurs(document, demande, styles)
    _feuille_fiches(document, demande, styles)
    memoire.ecrire(document, memoire.Origine(
        demande.cree_le, demande.periode.texte, demande.code,
        {(l.fiche, l.indicateur, l.periode): (l.connue, l.commentaire_connu) for l in demande.valeurs},
        {l.fiche: l.statut for l in demande.fiches}))
    document.active = 0
    document.properties.title = f"Collecte {demande.periode.texte} — {demande.code}"
    document.properties.creator = "sus"
    flux = io.BytesIO()
    document.save(flux)
    return flux.getvalue()
