"""`sus importer`: from the cells read back to the fiches' new text.

All or nothing: every workbook is read and every cell checked, the changes
are checked against what each workbook remembers (conflicts), each fiche is
edited in memory by edition/ and re-checked; only when nothing at all is
wrong are the fiches written, together (files.ecrire_ensemble).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sus_cli.collecte.lignes import Periode
from sus_cli.collecte.lecture import (ClasseurLu, FicheLue, Position, Probleme, Referentiel, ValeurLue, extraire,
                                      verifier)
from sus_cli.edition.changements import (Changement, ErreurEdition, NouveauStatut, NouvelleNote, NouvelleValeur,
                                         appliquer, identique)
from sus_cli.figures.indicateurs import valeur_a_la_periode
from sus_cli.francais import statut as libelle_statut
from sus_cli.loading.documents import Document, fiche_depuis_octets
from sus_cli.loading.repository import charger
from sus_cli.paralleles import appliquer as en_parallele
from sus_cli.paralleles import processus_disponibles


@dataclass(slots=True)
class Modification:
    """One fiche's changes: its path, its bytes before and after."""

    chemin: Path
    relatif: str
    avant: bytes
    apres: bytes
    document_avant: Document
    document_apres: Document


@dataclass(slots=True)
class Importation:
    depot: object = None  # the schéma, read for its ids (loading.repository.Depot)
    problemes: list[Probleme] = field(default_factory=list)
    modifications: list[Modification] = field(default_factory=list)
    sans_memoire: list[str] = field(default_factory=list)  # workbooks that cannot tell conflicts
    ignorees: int = 0  # cells equal to what the fiche holds, or that the person left as they were


def _montrer(valeur) -> str:
    from sus_cli import francais
    if valeur is None:
        return "« rien »"
    if isinstance(valeur, str):
        return f"« {valeur} »"
    return francais.nombre(valeur)


class _Collecteur:
    """Gathers the changes of every workbook, fiche by fiche, refusing contradictions."""

    def __init__(self, ref: Referentiel, forcer: bool, date_note: dt.date, resultat: Importation) -> None:
        self.ref = ref
        self.forcer = forcer
        self.date_note = date_note
        self.resultat = resultat
        self.changements: dict[str, list[Changement]] = {}
        self.vus: dict[tuple, tuple[object, Position]] = {}

    _SUJETS = {"valeur": "la même valeur (même fiche, même indicateur, même période)",
               "statut": "le statut de la même fiche", "note": "la note de la même fiche"}

    def _une_fois(self, cle: tuple, contenu, ou: Position) -> bool:
        """The same thing given twice (two workbooks, two rows) must agree."""
        deja = self.vus.get(cle)
        if deja is None:
            self.vus[cle] = (contenu, ou)
            return True
        if not identique(deja[0], contenu):
            self.resultat.problemes.append(Probleme(ou, f"contredit {deja[1]}, qui donne autrement "
                                                        f"{self._SUJETS[cle[0]]}"))
        return False

    def valeur(self, lue: ValeurLue, classeur: ClasseurLu) -> None:
        cle = (lue.fiche, lue.indicateur, lue.periode)
        if not self._une_fois(("valeur", *cle), (lue.valeur, lue.commentaire, lue.estimation), lue.ou):
            return
        fiche = self.ref.fiche(lue.fiche)
        ind = next(i for i in fiche.indicateurs if i.id == lue.indicateur)
        dans_la_fiche = valeur_a_la_periode(ind, lue.periode)
        actuelle, commentaire = dans_la_fiche.valeur, dans_la_fiche.commentaire
        connue = classeur.origine is not None and cle in classeur.origine.valeurs
        valeur0, commentaire0 = classeur.origine.valeurs[cle] if connue else (None, None)
        quoi = f"« {ind.libelle} » en {lue.periode} (fiche {lue.fiche})"
        valeur = lue.valeur if lue.valeur is not None and self._a_changer(
            lue.valeur, actuelle, connue, valeur0, f"la valeur de {quoi}", lue.ou) else None
        texte = lue.commentaire if lue.commentaire is not None and self._a_changer(
            lue.commentaire, commentaire, connue, commentaire0, f"le commentaire de {quoi}", lue.ou) else None
        marque = lue.estimation if lue.estimation is not None and lue.estimation != dans_la_fiche.estimation else None
        if valeur is None and texte is None and marque is None:
            self.resultat.ignorees += 1
            return
        self.changements.setdefault(lue.fiche, []).append(
            NouvelleValeur(lue.indicateur, lue.periode, valeur, texte, marque))

    def _a_changer(self, lue, actuelle, connue: bool, avant, quoi: str, ou: Position, montrer=None) -> bool:
        """Whether a cell's content must be written: not when it equals the
        fiche, nor when the person left it as the workbook showed it; a
        content changed in the fiche meanwhile that the cell would replace is
        a conflict (unless --forcer)."""
        if identique(lue, actuelle):
            return False
        if connue:
            if identique(lue, avant):
                return False  # left as it was: the newer content of the fiche stays
            if not identique(actuelle, avant) and not self.forcer:
                montrer = montrer or _montrer
                self.resultat.problemes.append(Probleme(ou, (
                    f"conflit : {quoi} est maintenant {montrer(actuelle)} dans la fiche (c'était "
                    f"{montrer(avant)} quand le classeur a été préparé), et le classeur dit {montrer(lue)}. "
                    "Vérifiez ce qu'il faut garder, puis corrigez le classeur ou relancez avec --forcer")))
                return False
        return True

    def fiche(self, lue: FicheLue, classeur: ClasseurLu) -> None:
        fiche = self.ref.fiche(lue.fiche)
        origine = classeur.origine
        ou = lue.ou_statut or lue.ou
        if lue.statut is not None and self._une_fois(("statut", lue.fiche), lue.statut, ou):
            connu = origine is not None and lue.fiche in origine.statuts
            if self._a_changer(lue.statut, fiche.statut, connu, origine.statuts[lue.fiche] if connu else None,
                               f"le statut de la fiche {lue.fiche}", ou,
                               montrer=lambda code: f"« {libelle_statut(code)} »"):
                self.changements.setdefault(lue.fiche, []).append(NouveauStatut(lue.statut))
        if lue.note is None and lue.avancement is None:
            return
        periode = origine.periode if origine and origine.periode else None
        texte = lue.note or (f"Avancement déclaré lors de la collecte {periode}." if periode
                             else "Avancement déclaré.")
        if not self._une_fois(("note", lue.fiche), (texte, lue.avancement), lue.ou):
            return
        # A note already imported from this workbook: same words, dated within
        # the collected period or since the workbook was made.
        depuis = min(Periode(origine.periode).debut, origine.cree_le) if origine and origine.periode else (
            origine.cree_le if origine else self.date_note)
        if any(n.texte == texte and n.avancement == lue.avancement and n.date >= depuis for n in fiche.notes_suivi):
            self.resultat.ignorees += 1  # imported already
            return
        self.changements.setdefault(lue.fiche, []).append(NouvelleNote(self.date_note, texte, lue.avancement))


def importer(racine: Path, classeurs: list[tuple[Path, str]], date_note: dt.date, forcer: bool = False) -> Importation:
    """Read and check `classeurs` ((path, name shown)), and compute every fiche's
    new bytes. Nothing is written here."""
    depot = charger(racine, a_lire=lambda _relatif: False)  # ids only: fiches are parsed when named
    ref = Referentiel(depot)
    resultat = Importation(depot)
    # Opening workbooks is most of an import's time: they are read side by side.
    bruts = en_parallele(lambda classeur: extraire(*classeur), classeurs, min(processus_disponibles(), len(classeurs)))
    lus = [lu for brut in bruts if (lu := verifier(brut, ref, resultat.problemes))]
    collecteur = _Collecteur(ref, forcer, date_note, resultat)
    for lu in lus:
        if lu.origine is None and lu.valeurs:
            resultat.sans_memoire.append(lu.chemin)
        for valeur in lu.valeurs:
            collecteur.valeur(valeur, lu)
        for fiche in lu.fiches:
            collecteur.fiche(fiche, lu)
    if resultat.problemes:
        return resultat
    for identifiant in sorted(collecteur.changements):
        document = ref.document(identifiant)
        chemin = depot.racine / document.chemin
        try:
            avant = chemin.read_bytes()
            apres, modifie = appliquer(avant, collecteur.changements[identifiant], document.chemin)
        except ErreurEdition as err:
            resultat.problemes.append(Probleme(Position(document.chemin), f"fiche {identifiant} : {err}"))
            continue
        except OSError as err:
            resultat.problemes.append(Probleme(Position(document.chemin), f"fiche illisible : {err.strerror}"))
            continue
        if modifie:
            resultat.modifications.append(Modification(chemin, document.chemin, avant, apres, document,
                                                       fiche_depuis_octets(document.chemin, apres)))
    return resultat
