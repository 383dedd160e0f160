"""Reading workbooks back: a collecte workbook, or the `valeurs` sheet of
`sus export --format xlsx`. Every cell is checked against the schéma first;
each problem is reported where the spreadsheet shows it (file, sheet, row,
column). A workbook is untrusted input: it is only read, never evaluated."""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from sus_cli.collecte import origine as memoire
from sus_cli.collecte.saisie import (SaisieInvalide, lire_avancement, lire_periode, lire_valeur)
from sus_cli.francais import STATUTS, sans_accents

TAILLE_MAX = 50 * 1024 * 1024  # a collecte workbook weighs kilobytes
LIGNES_MAX = 200_000
ENTETES_VALEURS = ("fiche", "indicateur", "periode", "valeur", "commentaire", "estimation")
ENTETES_FICHES = ("fiche", "statut", "note", "avancement")
_STATUTS_LUS = {sans_accents(libelle): code for code, libelle in STATUTS.items() if code} | {
    sans_accents(code).replace("_", " "): code for code in STATUTS if code}


@dataclass(frozen=True, slots=True)
class Position:
    fichier: str
    feuille: str | None = None
    ligne: int | None = None
    colonne: str | None = None

    def __str__(self) -> str:
        parties = [self.fichier]
        if self.feuille:
            parties.append(f"feuille {self.feuille}")
        if self.ligne:
            parties.append(f"ligne {self.ligne}")
        if self.colonne:
            parties.append(f"colonne {self.colonne}")
        return ", ".join(parties)


@dataclass(frozen=True, slots=True)
class Probleme:
    ou: Position
    message: str

    def __str__(self) -> str:
        return f"{self.ou} : {self.message}"


@dataclass(slots=True)
class ValeurLue:
    fiche: str
    indicateur: str
    periode: str
    valeur: object  # None: the cell was empty
    commentaire: str | None
    estimation: bool | None
    ou: Position  # the `valeur` cell (or `commentaire` when only it is filled)


@dataclass(slots=True)
class FicheLue:
    fiche: str
    statut: str | None
    note: str | None
    avancement: int | None
    ou: Position  # the row's `fiche` cell
    ou_statut: Position | None = None  # its `statut` cell, when filled


@dataclass(slots=True)
class ClasseurLu:
    chemin: str
    origine: memoire.Origine | None
    valeurs: list[ValeurLue] = field(default_factory=list)
    fiches: list[FicheLue] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Case:
    """What a cell of the workbook held: small and picklable (read in a worker process)."""

    value: object
    data_type: str = "n"
    number_format: str = "General"


@dataclass(slots=True)
class Feuille:
    """The rows of one sheet that have something to import, cells by header."""

    titre: str
    colonnes: dict[str, int]  # header → column index
    lignes: list[tuple[int, dict[str, Case]]] = field(default_factory=list)  # (row number, cells)


@dataclass(slots=True)
class ClasseurBrut:
    """A workbook as read, before anything is checked against the schéma."""

    chemin: str
    origine: memoire.Origine | None = None
    valeurs: Feuille | None = None
    fiches: Feuille | None = None
    problemes: list[Probleme] = field(default_factory=list)


class Referentiel:
    """What a cell is checked against: the schéma's years and its fiches,
    parsed only when a workbook names them."""

    def __init__(self, depot) -> None:
        from sus_cli.loading.documents import lire_fiche

        self._lire = lire_fiche
        self.racine = depot.racine
        self.debut, self.fin = depot.config.schema_.debut, depot.config.schema_.fin
        self.chemins: dict[str, str] = {}
        for document in depot.fiches_lues():
            if document.id is not None:
                self.chemins.setdefault(document.id.upper(), document.chemin)
        self.documents: dict = {}

    def document(self, identifiant: str):
        """The fiche's document, read once; None when no fiche has this id."""
        if identifiant not in self.documents:
            relatif = self.chemins.get(identifiant)
            self.documents[identifiant] = None if relatif is None else self._lire(self.racine / relatif, relatif)
        return self.documents[identifiant]

    def fiche(self, identifiant: str):
        document = self.document(identifiant)
        return document.modele if document is not None else None

    def invalide(self, identifiant: str) -> bool:
        document = self.document(identifiant)
        return document is not None and document.modele is None


def _normaliser(texte) -> str:
    return " ".join(sans_accents(str(texte)).split()) if texte is not None else ""


def _colonne(index: int) -> str:
    from openpyxl.utils import get_column_letter
    return get_column_letter(index + 1)


def _texte(cellule) -> str | None:
    """A text cell's content, or None when empty. Numbers and dates become text."""
    valeur = cellule.value
    if valeur is None:
        return None
    if isinstance(valeur, (dt.datetime, dt.date)):
        valeur = valeur.date() if isinstance(valeur, dt.datetime) else valeur
        return valeur.isoformat()
    texte = str(valeur).replace("\r\n", "\n").replace("\r", "\n").replace("_x000D_", "").strip()
    return texte or None


def _refuser_formule(cellule) -> str | None:
    """Why a cell cannot be read as typed data (a formula, an error value)."""
    if cellule.data_type == "f" or (isinstance(cellule.value, str) and cellule.value.startswith("=")
                                    and cellule.data_type != "s"):
        return "formule refusée : écrivez la valeur elle-même, pas un calcul"
    if cellule.data_type == "e":
        return f"la cellule contient une erreur du tableur ({cellule.value}) : écrivez une valeur"
    return None


def _entetes(ligne, voulus: tuple[str, ...]) -> dict[str, int]:
    trouves: dict[str, int] = {}
    for index, cellule in enumerate(ligne):
        nom = _normaliser(cellule.value)
        if nom in voulus and nom not in trouves:
            trouves[nom] = index
    return trouves


def _feuille(classeur, nom: str):
    for titre in classeur.sheetnames:
        if _normaliser(titre) == nom:
            return titre
    return None


class _Lecteur:
    def __init__(self, chemin: str, referentiel: Referentiel, problemes: list[Probleme]) -> None:
        self.chemin = chemin
        self.ref = referentiel
        self.problemes = problemes

    def probleme(self, ou: Position, message: str) -> None:
        self.problemes.append(Probleme(ou, message))

    def _fiche(self, cellule, ou: Position):
        identifiant = _texte(cellule)
        if identifiant is None:
            self.probleme(ou, "identifiant de fiche manquant")
            return None
        identifiant = identifiant.upper()
        if self.ref.invalide(identifiant):
            self.probleme(ou, f"la fiche {identifiant} est invalide : corrigez-la d'abord (« sus validate »)")
            return None
        fiche = self.ref.fiche(identifiant)
        if fiche is None:
            self.probleme(ou, f"fiche « {identifiant} » inconnue dans le schéma")
        return fiche

    def valeurs(self, feuille: Feuille, lu: ClasseurLu) -> None:
        for numero, cellules in feuille.lignes:
            self._ligne_valeur(cellules, numero, feuille.colonnes, feuille.titre, lu)

    def _ligne_valeur(self, cellules: dict[str, Case], numero: int, colonnes: dict[str, int], nom: str,
                      lu: ClasseurLu) -> None:
        cellules = {c: cellules.get(c) for c in ENTETES_VALEURS}
        ou = {c: Position(self.chemin, nom, numero, _colonne(colonnes[c])) for c in colonnes}
        remplies = [c for c in ("valeur", "commentaire", "estimation")
                    if cellules[c] is not None and cellules[c].value not in (None, "")]
        if not remplies:
            return  # an empty cell changes nothing
        for c in remplies:
            refus = _refuser_formule(cellules[c])
            if refus:
                self.probleme(ou[c], refus)
                return
        fiche = self._fiche(cellules["fiche"], ou["fiche"]) if cellules["fiche"] is not None else None
        if cellules["fiche"] is None:
            self.probleme(ou["fiche"], "identifiant de fiche manquant")
        if fiche is None:
            return
        ident = _texte(cellules["indicateur"]) if cellules["indicateur"] is not None else None
        indicateur = next((i for i in fiche.indicateurs if i.id == ident), None)
        if indicateur is None:
            self.probleme(ou["indicateur"], f"indicateur « {ident or ''} » inconnu dans la fiche {fiche.id}"
                          + (" ; indicateurs de la fiche : " + ", ".join(i.id for i in fiche.indicateurs)))
            return
        try:
            periode = lire_periode(cellules["periode"].value if cellules["periode"] is not None else "",
                                   self.ref.debut, self.ref.fin)
        except SaisieInvalide as err:
            self.probleme(ou["periode"], str(err))
            return
        valeur = None
        if "valeur" in remplies:
            cellule = cellules["valeur"]
            try:
                valeur = lire_valeur(cellule.value, indicateur.unite,
                                     pourcentage_excel="%" in (cellule.number_format or ""))
            except SaisieInvalide as err:
                self.probleme(ou["valeur"], str(err))
                return
        estimation = None
        if "estimation" in remplies:
            try:
                estimation = lire_valeur(cellules["estimation"].value, "livrable")
            except SaisieInvalide:
                self.probleme(ou["estimation"], "estimation : écrivez « oui » ou « non »")
                return
        commentaire = _texte(cellules["commentaire"]) if "commentaire" in remplies else None
        lu.valeurs.append(ValeurLue(fiche.id, indicateur.id, periode, valeur, commentaire, estimation,
                                    ou["valeur" if "valeur" in remplies else remplies[0]]))

    def fiches(self, feuille: Feuille, lu: ClasseurLu) -> None:
        colonnes, nom = feuille.colonnes, feuille.titre
        for numero, presentes in feuille.lignes:
            cellules = {c: presentes.get(c) for c in ENTETES_FICHES}
            ou = {c: Position(self.chemin, nom, numero, _colonne(colonnes[c])) for c in colonnes}
            remplies = [c for c in ("statut", "note", "avancement")
                        if cellules[c] is not None and cellules[c].value not in (None, "")]
            if not remplies:
                continue
            refus = next(((c, r) for c in remplies if (r := _refuser_formule(cellules[c]))), None)
            if refus:
                self.probleme(ou[refus[0]], refus[1])
                continue
            statut = None
            if "statut" in remplies:
                statut = _STATUTS_LUS.get(_normaliser(cellules["statut"].value).replace("_", " "))
                if statut is None:
                    self.probleme(ou["statut"], f"statut « {cellules['statut'].value} » inconnu ; choisissez "
                                  "dans la liste : " + ", ".join(l for c, l in STATUTS.items()
                                                                  if c not in (None, "non_renseigne")))
                    continue
                if statut == "non_renseigne":
                    statut = None
            avancement = None
            if "avancement" in remplies:
                try:
                    avancement = lire_avancement(cellules["avancement"].value)
                except SaisieInvalide as err:
                    self.probleme(ou["avancement"], str(err))
                    continue
            note = _texte(cellules["note"]) if "note" in remplies else None
            identifiant = (_texte(cellules["fiche"]) or "").upper() if cellules["fiche"] is not None else ""
            if (note is None and avancement is None and lu.origine is not None
                    and identifiant in lu.origine.statuts and lu.origine.statuts[identifiant] == statut):
                continue  # the statut as the workbook showed it: nothing to read in the fiche
            fiche = self._fiche(cellules["fiche"], ou["fiche"]) if cellules["fiche"] is not None else None
            if fiche is None:
                if cellules["fiche"] is None:
                    self.probleme(ou["fiche"], "identifiant de fiche manquant")
                continue
            lu.fiches.append(FicheLue(fiche.id, statut, note, avancement, ou["fiche"], ou.get("statut")))


# What a damaged or hostile workbook raises while it is opened or read: a
# bad zip, XML that is not well formed or that expat refuses (an entity
# bomb), parts missing or of the wrong kind.
ILLISIBLE = (zipfile.BadZipFile, zipfile.LargeZipFile, SyntaxError, KeyError, ValueError, TypeError, IndexError,
             AttributeError, EOFError, UnicodeDecodeError)
DECOMPRESSE_MAX = 500 * 1024 * 1024  # what the zip's parts may add up to once decompressed


def _trop_gros(chemin: Path) -> str | None:
    """Why a file is too big to read as a workbook, or None."""
    taille = chemin.stat().st_size
    if taille > TAILLE_MAX:
        return f"fichier trop volumineux ({taille // 1024 // 1024} Mo) pour un classeur de collecte"
    with zipfile.ZipFile(chemin) as archive:
        if sum(info.file_size for info in archive.infolist()) > DECOMPRESSE_MAX:
            return f"classeur refusé : une fois décompressé, il dépasserait {DECOMPRESSE_MAX // 1024 // 1024} Mo"
    return None


A_REMPLIR = {"valeurs": ("valeur", "commentaire", "estimation"), "fiches": ("statut", "note", "avancement")}


def _rangees(feuille, titre: str, nom: str, voulus: tuple[str, ...], exiges: tuple[str, ...],
             brut: ClasseurBrut) -> Feuille | None:
    """The rows of sheet `nom` with one of its cells to import filled; the header found first."""
    lignes = feuille.iter_rows()
    colonnes = _entetes(next(lignes, ()), voulus)
    if any(c not in colonnes for c in exiges):
        return None
    remplir = [c for c in A_REMPLIR[nom] if c in colonnes]
    resultat = Feuille(titre, colonnes)
    for numero, ligne in enumerate(lignes, start=2):
        if numero > LIGNES_MAX:
            brut.problemes.append(Probleme(Position(brut.chemin, titre, numero),
                                           f"plus de {LIGNES_MAX} lignes : classeur refusé"))
            return None
        if not any(colonnes[c] < len(ligne) and ligne[colonnes[c]].value not in (None, "") for c in remplir):
            continue  # an empty cell changes nothing
        resultat.lignes.append((numero, {
            c: Case(ligne[i].value, ligne[i].data_type, ligne[i].number_format)
            for c, i in colonnes.items() if i < len(ligne) and ligne[i].value is not None}))
    return resultat


def extraire(chemin: Path, affiche: str) -> ClasseurBrut:
    """Open a workbook and keep what may be imported: the rows with a cell to
    import filled, and the workbook's memory. Nothing is checked against the
    schéma here, so it may run in a worker process."""
    from openpyxl import load_workbook

    brut = ClasseurBrut(affiche)
    ou = Position(affiche)
    classeur = None
    try:
        refus = _trop_gros(chemin)
        if refus:
            brut.problemes.append(Probleme(ou, refus))
            return brut
        classeur = load_workbook(chemin, read_only=True, data_only=False)
        brut.origine = memoire.lire(classeur)
        titres = {nom: _feuille(classeur, nom) for nom in ("valeurs", "fiches")}
        if not any(titres.values()):
            brut.problemes.append(Probleme(ou, "ni feuille « valeurs » ni feuille « fiches » : est-ce bien un "
                                               "classeur de « sus collecte » ou de « sus export » ?"))
            return brut
        for nom, voulus, exiges in (("valeurs", ENTETES_VALEURS, ()), ("fiches", ENTETES_FICHES, ("fiche",))):
            if titres[nom] is None:
                continue
            feuille = classeur[titres[nom]]
            if hasattr(feuille, "reset_dimensions"):
                feuille.reset_dimensions()  # some writers record wrong sizes
            setattr(brut, nom, _rangees(feuille, titres[nom], nom, voulus, exiges, brut))
            if nom == "valeurs" and brut.valeurs is not None:
                manquantes = [c for c in ("fiche", "indicateur", "periode", "valeur") if c not in brut.valeurs.colonnes]
                if manquantes:
                    brut.problemes.append(Probleme(Position(affiche, titres[nom], 1), (
                        "colonnes introuvables dans la ligne d'en-tête : " + ", ".join(manquantes)
                        + " (ne renommez pas les colonnes)")))
                    brut.valeurs = None
        return brut
    except ILLISIBLE:
        brut.problemes.append(Probleme(ou, "ce n'est pas un classeur Excel (.xlsx) lisible : fichier abîmé, "
                                           "d'un autre format, ou dont le contenu est refusé"))
        return brut
    except OSError as err:
        brut.problemes.append(Probleme(ou, f"fichier illisible : {err.strerror or err}"))
        return brut
    finally:
        if classeur is not None:
            classeur.close()


def verifier(brut: ClasseurBrut, referentiel: Referentiel, problemes: list[Probleme]) -> ClasseurLu | None:
    """Check what a workbook gives against the schéma; problems are appended to `problemes`."""
    problemes.extend(brut.problemes)
    if brut.problemes and brut.valeurs is None and brut.fiches is None:
        return None
    lu = ClasseurLu(brut.chemin, brut.origine)
    lecteur = _Lecteur(brut.chemin, referentiel, problemes)
    if brut.valeurs is not None:
        lecteur.valeurs(brut.valeurs, lu)
    if brut.fiches is not None and len(brut.fiches.colonnes) >= 2:
        lecteur.fiches(brut.fiches, lu)
    return lu


def lire(chemin: Path, affiche: str, referentiel: Referentiel, problemes: list[Probleme]) -> ClasseurLu | None:
    """Read and check one workbook."""
    return verifier(extraire(chemin, affiche), referentiel, problemes)
