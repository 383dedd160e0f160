"""The changes sus makes to a fiche, applied to its text and checked.

`appliquer` edits the text (chirurgie), then loads the result as
`sus validate` would and compares it with the intended data: the original
front matter with the same changes applied as plain data. Anything else
(another key moved, a value read back differently, the Markdown body
touched, a fiche that no longer validates) is refused: nothing is written.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from typing import Any

from sus_cli.edition.chirurgie import Chemin, Edition, ErreurEdition
from sus_cli.edition.yaml_texte import ValeurNonEcrivable
from sus_cli.loading.documents import fiche_depuis_octets
from sus_cli.loading.frontmatter import decouper
from sus_cli.loading.text import BOM_UTF8
from sus_cli.loading.yaml_nodes import lire_yaml
from sus_cli.model.fiche import Fiche
from sus_cli.model.types import ordre_periode

# The order of the format's table: a new top-level key goes after the
# closest key that precedes it there.
ORDRE_CLES = {nom: rang for rang, nom in enumerate(c.alias or n for n, c in Fiche.model_fields.items())}


@dataclass(frozen=True, slots=True)
class NouvelleValeur:
    """The value of an indicator at a period. `valeur` None keeps the value
    (only the comment changes); `commentaire` None keeps the comment."""

    indicateur: str
    periode: str
    valeur: int | float | bool | None = None
    commentaire: str | None = None
    estimation: bool | None = None


@dataclass(frozen=True, slots=True)
class NouveauStatut:
    statut: str


@dataclass(frozen=True, slots=True)
class NouvelleNote:
    date: dt.date
    texte: str
    avancement: int | None = None

    def en_donnees(self) -> dict:
        note = {"date": self.date, "texte": self.texte}
        if self.avancement is not None:
            note["avancement"] = self.avancement
        return note


Changement = NouvelleValeur | NouveauStatut | NouvelleNote


@dataclass(frozen=True, slots=True)
class Resultat:
    texte: str  # the new text (== the old one when nothing changed)
    modifie: bool


def decomposer_valeur(brute: Any) -> tuple[Any, Any, Any]:
    """(valeur, commentaire, estimation) of a raw value, each None when absent."""
    if isinstance(brute, dict):
        return brute.get("valeur"), brute.get("commentaire"), brute.get("estimation")
    return brute, None, None


def _cle_existante(mapping: dict, element: Any) -> Any:
    """The key of `mapping` that designates `element` (`2024` is the period "2024")."""
    for cle in mapping:
        if cle == element or (not isinstance(cle, bool) and str(cle) == str(element)):
            return cle
    return None


def _cle_periode(periode: str) -> Any:
    return int(periode) if periode.isdigit() else periode


def _ordre_cle(cle: Any) -> int:
    return ORDRE_CLES.get(str(cle), len(ORDRE_CLES))


def _ordre_periode(cle: Any) -> tuple:
    return ordre_periode(str(cle))


class _Application:
    """Applies changes to the text and, in step, to the expected data."""

    def __init__(self, texte: str, donnees: dict) -> None:
        self.edition = Edition(texte)
        self.attendu = donnees

    def valeur(self, c: NouvelleValeur) -> None:
        indicateurs = self.attendu.get("indicateurs") or []
        rang = next((i for i, ind in enumerate(indicateurs) if isinstance(ind, dict) and ind.get("id") == c.indicateur),
                    None)
        if rang is None:
            raise ErreurEdition(f"indicateur « {c.indicateur} » absent de la fiche")
        indicateur = indicateurs[rang]
        valeurs = indicateur.get("valeurs")
        if valeurs is not None and not isinstance(valeurs, dict):
            raise ErreurEdition(f"les valeurs de l'indicateur « {c.indicateur} » ne sont pas un dictionnaire")
        cle = _cle_existante(valeurs or {}, c.periode)
        actuelle = (valeurs or {}).get(cle) if cle is not None else None
        ancienne = decomposer_valeur(actuelle)
        voulue = (ancienne[0] if c.valeur is None else c.valeur,
                  ancienne[1] if c.commentaire is None else c.commentaire,
                  ancienne[2] if c.estimation is None else c.estimation)
        if identique(list(voulue), list(ancienne)):
            return
        valeur, commentaire, estimation = voulue
        if isinstance(actuelle, dict):
            # Only the keys that change: the others keep their bytes.
            nouvelle: Any = {k: v for k, v, a in (("valeur", valeur, ancienne[0]),
                                                   ("commentaire", commentaire, ancienne[1]),
                                                   ("estimation", estimation, ancienne[2]))
                             if v is not None and not identique(v, a)}
        elif commentaire is not None or estimation:
            nouvelle = {"valeur": valeur} if valeur is not None else {}
            if commentaire is not None:
                nouvelle["commentaire"] = commentaire
            if estimation:
                nouvelle["estimation"] = True
        else:
            nouvelle = valeur
        chemin: Chemin = ("indicateurs", rang, "valeurs", cle if cle is not None else _cle_periode(c.periode))
        self.edition.definir(chemin, nouvelle, ordre=_ordre_periode)
        if valeurs is None:
            indicateur["valeurs"] = {chemin[-1]: nouvelle}
        elif isinstance(actuelle, dict):
            actuelle.update(nouvelle)
        else:
            valeurs[chemin[-1]] = nouvelle

    def statut(self, c: NouveauStatut) -> None:
        if self.attendu.get("statut") == c.statut:
            return
        self.edition.definir(("statut",), c.statut, ordre=_ordre_cle)
        self.attendu["statut"] = c.statut

    def note(self, c: NouvelleNote) -> None:
        self.edition.ajouter(("notes_suivi",), c.en_donnees())
        notes = self.attendu.get("notes_suivi")
        if isinstance(notes, list):
            notes.append(c.en_donnees())
        else:
            self.attendu["notes_suivi"] = [c.en_donnees()]

    def appliquer(self, changement: Changement) -> None:
        if isinstance(changement, NouvelleValeur):
            self.valeur(changement)
        elif isinstance(changement, NouveauStatut):
            self.statut(changement)
        else:
            self.note(changement)


def identique(a: Any, b: Any) -> bool:
    """Equal values of the same kind: `true` is not 1, 70 is 70.0, lists and
    mappings compared in depth (the order of keys is the text's business)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(identique(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(identique(x, y) for x, y in zip(a, b))
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    return type(a) is type(b) and a == b


def _entete(texte: str) -> Any:
    decoupage = decouper(texte)
    if decoupage.probleme:
        return None
    yaml = lire_yaml(texte, decalage=1, debut=decoupage.debut_entete, fin=decoupage.fin_entete)
    return None if yaml.problemes else yaml.valeur


def _fins_de_ligne(octets: bytes) -> str:
    crlf = octets.count(b"\r\n")
    if crlf and crlf == octets.count(b"\n") and octets.count(b"\r") == crlf:
        return "\r\n"
    if b"\r" in octets:
        raise ErreurEdition("fins de ligne mélangées (Windows et Unix) : enregistrez la fiche avec des fins "
                            "de ligne uniformes avant de la modifier")
    return "\n"


def appliquer(octets: bytes, changements: list[Changement], chemin: str = "fiche") -> tuple[bytes, bool]:
    """The fiche's new bytes after `changements`, checked; (bytes, changed).

    Raises ErreurEdition (French) when the fiche cannot be edited safely.
    """
    bom = octets.startswith(BOM_UTF8)
    brut = octets[len(BOM_UTF8):] if bom else octets
    fin_de_ligne = _fins_de_ligne(brut)
    try:
        texte = brut.decode("utf-8")
    except UnicodeDecodeError:
        raise ErreurEdition("la fiche n'est pas en UTF-8 : corrigez-la d'abord (sus validate)") from None
    if fin_de_ligne != "\n":
        texte = texte.replace("\r\n", "\n")
    avant = _entete(texte)
    if not isinstance(avant, dict):
        raise ErreurEdition("la fiche est illisible : corrigez-la d'abord (sus validate)")
    application = _Application(texte, copy.deepcopy(avant))
    try:
        for changement in changements:
            application.appliquer(changement)
    except ValeurNonEcrivable as err:
        raise ErreurEdition(f"valeur impossible à écrire : {err}") from None
    nouveau = application.edition.texte
    if nouveau == texte:
        return octets, False
    _verifier(texte, nouveau, application.attendu, chemin)
    if fin_de_ligne != "\n":
        nouveau = nouveau.replace("\n", fin_de_ligne)
    return (BOM_UTF8 if bom else b"") + nouveau.encode("utf-8"), True


def _verifier(avant: str, apres: str, attendu: dict, chemin: str) -> None:
    """The edited text must load to exactly `attendu`, keep its body, and
    still be a valid fiche."""
    corps_avant = avant[decouper(avant).debut_corps:]
    decoupage = decouper(apres)
    if decoupage.probleme or apres[decoupage.debut_corps:] != corps_avant:
        raise ErreurEdition("la modification toucherait le texte de la fiche : rien n'est écrit")
    obtenu = _entete(apres)
    if not identique(obtenu, attendu):
        raise ErreurEdition("la fiche modifiée ne se relit pas comme prévu : rien n'est écrit "
                            "(signalez-le aux mainteneurs de sus)")
    document = fiche_depuis_octets(chemin, apres.encode("utf-8"))
    if document.modele is None:
        messages = "; ".join(constat.message for _, constat in document.problemes[:3])
        raise ErreurEdition(f"la fiche modifiée ne serait plus valide ({messages}) : rien n'est écrit")
