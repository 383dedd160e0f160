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
from sus_cli.tableur import cellule

# (header, width, kind): "long" text wraps, "a_remplir" is for the person to
# fill (unlocked, highlighted), "court" is short context. The header cells
# `sus importer` reads are `fiche`, `indicateur`, `période`, `valeur`,
# `commentaire` (contract §7) and `statut`, `note`, `avancement`.
COLONNES_VALEURS = (
    ("fiche", 10, "court"), ("titre de la fiche", 28, "long"), ("indicateur", 14, "court"),
    ("libellé de l'indicateur", 30, "long"), ("unité", 8, "court"), ("période", 9, "court"),
    ("référence", 12, "court"), ("valeur précédente", 13, "court"), ("cible", 12, "court"),
    ("déjà dans la fiche", 16, "long"), ("valeur", 11, "a_remplir"), ("commentaire", 32, "a_remplir"))
COLONNES_FICHES = (
    ("fiche", 10, "court"), ("titre", 36, "long"), ("fin prévue", 13, "court"),
    ("dernière note de suivi", 40, "long"), ("statut", 14, "a_remplir"), ("note", 45, "a_remplir"),
    ("avancement", 12, "a_remplir"))
LARGEUR_MODE_D_EMPLOI = 95
PAPIER_A4 = "9"  # the spreadsheet paper code of A4
HAUTEUR_LIGNE = 15  # points, one line of 11-point text
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


def _styles(classeur) -> dict[str, str]:
    """The workbook's named styles (one definition, shared by thousands of
    cells: faster to write, and they show in the spreadsheet's style list)."""
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side

    filet = Side(style="thin", color="B8C2CC")
    enveloppe = Alignment(wrap_text=True, vertical="top")
    definitions = {
        "entete": NamedStyle("sus en-tête", font=Font(bold=True), fill=PatternFill("solid", fgColor="E3E8EE"),
                             alignment=Alignment(wrap_text=True, vertical="center"), border=Border(bottom=filet)),
        "a_remplir": NamedStyle("sus à remplir", fill=PatternFill("solid", fgColor="FFF4C2"),
                                protection=Protection(locked=False), alignment=enveloppe,
                                border=Border(left=filet, right=filet, top=filet, bottom=filet)),
        "long": NamedStyle("sus texte long", alignment=enveloppe),
        "titre": NamedStyle("sus titre", font=Font(bold=True, size=15)),
        "intertitre": NamedStyle("sus intertitre", font=Font(bold=True, size=12)),
        "texte": NamedStyle("sus texte", alignment=enveloppe),
    }
    for style in definitions.values():
        classeur.add_named_style(style)
    return {cle: style.name for cle, style in definitions.items()}


def _hauteur(valeurs, largeurs) -> float:
    """A row's height for its wrapped text: spreadsheets do not all recompute
    heights on opening, and a write-only sheet cannot ask them to."""
    lignes = 1
    for valeur, largeur in zip(valeurs, largeurs):
        if isinstance(valeur, str):
            par_ligne = max(int(largeur * 1.05), 1)
            lignes = max(lignes, sum(-(-max(len(l), 1) // par_ligne) for l in valeur.split("\n")))
    return HAUTEUR_LIGNE * min(lignes, 15)


def _ligne(feuille, rang: int, valeurs, colonnes, styles, style_ligne: str | None = None,
           hauteur: float | None = None) -> None:
    """Append row `rang` (write-only: rows go in order, heights set first)."""
    feuille.row_dimensions[rang].height = hauteur or _hauteur(valeurs, [c[1] for c in colonnes])
    feuille.append([cellule(feuille, v, style_ligne or (styles[genre] if genre != "court" else None))
                    if v is not None or genre == "a_remplir" else None
                    for v, (_, _, genre) in zip(valeurs, colonnes)])


def _preparer_feuille(feuille, colonnes, styles, titre_impression: str) -> None:
    """Widths, frozen header, print setup, protection; then the header row."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    for rang, (_, largeur, _) in enumerate(colonnes, start=1):
        feuille.column_dimensions[get_column_letter(rang)].width = largeur
    feuille.freeze_panes = "B2"
    feuille.print_title_rows = "1:1"
    feuille.page_setup.orientation = "landscape"
    feuille.page_setup.paperSize = PAPIER_A4
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
    _ligne(feuille, 1, [nom for nom, _, _ in colonnes], colonnes, styles, styles["entete"])


def _lettre(colonnes, nom: str) -> str:
    from openpyxl.utils import get_column_letter
    return get_column_letter(next(i for i, (n, _, _) in enumerate(colonnes, start=1) if n == nom))


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
    _preparer_feuille(feuille, COLONNES_VALEURS, styles, f"{demande.code} — valeurs {demande.periode.en_clair()}")
    groupes: dict[str, list[str]] = {"nombre": [], "pourcentage": [], "livrable": []}
    colonne_valeur = _lettre(COLONNES_VALEURS, "valeur")
    for rang, ligne in enumerate(demande.valeurs, start=2):
        connue = _texte_valeur(ligne.connue, ligne.unite)
        if ligne.commentaire_connu:
            connue = f"{connue or 'sans valeur'} — {ligne.commentaire_connu}"
        periode = int(ligne.periode) if ligne.periode.isdigit() else ligne.periode
        _ligne(feuille, rang, [ligne.fiche, ligne.titre, ligne.indicateur, ligne.libelle, ligne.unite, periode,
                               _texte_valeur(ligne.reference, ligne.unite, ligne.annee_reference),
                               _texte_valeur(ligne.precedente, ligne.unite, ligne.periode_precedente),
                               _texte_valeur(ligne.cible, ligne.unite, ligne.annee_cible), connue, None, None],
               COLONNES_VALEURS, styles)
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
    _preparer_feuille(feuille, COLONNES_FICHES, styles, f"{demande.code} — fiches {demande.periode.en_clair()}")
    for rang, ligne in enumerate(demande.fiches, start=2):
        note = ligne.derniere_note
        derniere = (f"{francais.date(note.date)} : {note.texte}"
                    + (f" (avancement {note.avancement} %)" if note.avancement is not None else "")) if note else None
        _ligne(feuille, rang, [ligne.fiche, ligne.titre, francais.date(ligne.fin) if ligne.fin else None, derniere,
                               francais.statut(ligne.statut) if ligne.statut else None, None, None],
               COLONNES_FICHES, styles)
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
    from openpyxl.worksheet.properties import PageSetupProperties

    feuille = classeur.create_sheet("mode d'emploi")
    feuille.column_dimensions["A"].width = LARGEUR_MODE_D_EMPLOI
    feuille.page_setup.paperSize = PAPIER_A4
    feuille.page_setup.orientation = "portrait"
    feuille.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    feuille.page_setup.fitToWidth = 1
    feuille.page_setup.fitToHeight = 0
    periode = demande.periode.en_clair()
    lignes = [
        ("titre", f"Collecte des valeurs — {periode}"),
        ("texte", f"{demande.direction} ({demande.code})"),
        ("texte", f"{demande.schema} — {demande.collectivite}"),
        ("texte", f"Classeur préparé le {francais.date(demande.cree_le)} : "
                  f"{francais.pluriel(len(demande.fiches), 'fiche action', 'fiches actions')}, "
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
        _ligne(feuille, rang, [texte], (("", LARGEUR_MODE_D_EMPLOI, style),), styles, styles[style],
               24 if style == "titre" else None)


def classeur(demande: Demande) -> bytes:
    """The workbook's bytes, remembering what the fiches hold now."""
    from openpyxl import Workbook

    document = Workbook(write_only=True)
    styles = _styles(document)
    _mode_d_emploi(document, demande, styles)
    _feuille_valeurs(document, demande, styles)
    _feuille_fiches(document, demande, styles)
    memoire.ecrire(document, memoire.Origine(
        demande.cree_le, demande.periode.texte, demande.code,
        {(l.fiche, l.indicateur, l.periode): (l.connue, l.commentaire_connu) for l in demande.valeurs},
        {l.fiche: l.statut for l in demande.fiches}))
    document.properties.title = f"Collecte {demande.periode.texte} — {demande.code}"
    document.properties.creator = "sus"
    flux = io.BytesIO()
    document.save(flux)
    return flux.getvalue()
