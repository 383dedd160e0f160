"""A document read from disk: a fiche or sus.yaml, with whatever could be parsed."""

from __future__ import annotations

from collections.abc import Iterator
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sus_cli.diagnostics import Chemin, Constat
from sus_cli.loading.fichiers import Illisible, lire_octets, trop_gros
from sus_cli.loading.frontmatter import decouper
from sus_cli.loading.text import TAILLE_MAX, decoder
from sus_cli.loading.yaml_nodes import Yaml, lire_yaml


@dataclass(slots=True)
class Document:
    """One file. `modele` is the validated model; `donnees` the raw YAML
    value, kept only when validation failed (rules then read what they can
    from it). Read fields through `champ`, which serves both cases."""

    chemin: str  # relative to the repository root, with "/"
    texte: str | None = None
    yaml: Yaml | None = None
    debut_corps: int = 0
    ligne_corps: int = 1
    modele: Any = None
    problemes: list[tuple[str, Constat]] = field(default_factory=list)
    # False for a fiche read only for its id (not reported on): see lire_id.
    complet: bool = True
    id_seul: str | None = None
    # True for a folder (or a link to one) under fiches/ reported as not read.
    dossier: bool = False
    # Its summary (resumes.Resume), when its own rules ran as it was loaded.
    resume: Any = None
    # What a command kept of it (repository.charger's `extraire`) when its content was dropped
    # (`leger`): then only its path, id, findings and whether it validated remain.
    extrait: Any = None
    leger: bool = False
    valide_leger: bool = False

    @property
    def valide(self) -> bool:
        """Whether the fiche validated (its model, or the flag it kept when made light)."""
        return self.valide_leger if self.leger else self.modele is not None

    def alleger(self, extrait: Any = None) -> None:
        """Keep only `extrait` of the content (its id and validity are remembered)."""
        self.id_seul, self.valide_leger, self.extrait = self.id, self.valide, extrait
        self.leger, self.texte, self.yaml, self.modele = True, None, None, None

    def oublier_texte(self, garder_corps: bool = False) -> None:
        """Drop the file's text (or keep its Markdown body only): the model and, for an invalid
        fiche, the raw data remain. Positions can no longer be found: analyse first."""
        if self.yaml is not None:
            self.yaml.source = None
            self.yaml.oublier_noeuds()
        if self.texte is not None and garder_corps:
            self.texte, self.debut_corps = self.texte[self.debut_corps:], 0
        elif not garder_corps:
            self.texte = None

    @property
    def corps(self) -> str:
        """The Markdown body (sliced on demand: the text is stored once)."""
        return self.texte[self.debut_corps:] if self.texte is not None else ""

    @property
    def donnees(self) -> Any:
        return self.yaml.valeur if self.yaml else None

    def position(self, chemin: Chemin, cle: bool = False) -> tuple[int, int]:
        if self.yaml is None:
            return 1, 1
        return self.yaml.position(chemin, cle)

    def champ(self, nom: str, defaut: Any = None) -> Any:
        """A top-level field from the model, or else from the raw data."""
        if self.modele is not None:
            return getattr(self.modele, nom, defaut)
        donnees = self.donnees
        return donnees.get(nom, defaut) if isinstance(donnees, dict) else defaut

    @property
    def id(self) -> str | None:
        """The fiche id when it can be read, even from an invalid fiche."""
        identifiant = self.champ("id") if self.complet and not self.leger else self.id_seul
        return identifiant if isinstance(identifiant, str) else None


def _lire_octets(chemin: Path, document: Document, racine: Path | None = None) -> bytes | None:
    try:
        return lire_octets(chemin, racine)
    except Illisible as err:
        document.problemes.append((err.code, Constat(err.message, ligne=1, colonne=1)))
        return None


def _doublons(donnees: dict, liste: str, cle: str, quoi: str) -> Iterator[Constat]:
    elements = donnees.get(liste)
    if not isinstance(elements, list):
        return
    vus: dict = {}
    for i, element in enumerate(elements):
        if not isinstance(element, dict) or cle not in element:
            continue
        valeur = element[cle]
        try:
            if valeur in vus:
                yield Constat(f"{quoi} « {valeur} » en double (déjà à l'élément n° {vus[valeur] + 1})",
                              chemin=(liste, i, cle), type="doublon")
            else:
                vus[valeur] = i
        except TypeError:
            continue


def _valider(document: Document, modele) -> None:
    """`modele`: model.Fiche or model.Config (pydantic is imported with them, on first use)."""
    from pydantic import ValidationError

    from sus_cli.model.messages import traduire

    donnees = document.donnees
    if not isinstance(donnees, dict):
        return
    if modele.__name__ == "Fiche":
        for constat in (*_doublons(donnees, "budget", "annee", "année de budget"),
                        *_doublons(donnees, "indicateurs", "id", "identifiant d'indicateur")):
            document.problemes.append(("SUS200", constat))
    try:
        document.modele = modele.model_validate(donnees)
    except ValidationError as err:
        for erreur in err.errors(include_url=False):
            chemin, message, cle = traduire(erreur, modele)
            document.problemes.append(("SUS200", Constat(message, chemin=chemin, cle=cle,
                                                         type=erreur["type"])))
        return
    # The model now holds everything; the raw copy would double the memory
    # of a large repository.
    document.yaml.valeur = None


def _exiger_dictionnaire(document: Document, quoi: str) -> None:
    y = document.yaml
    if y is None or y.problemes and y.valeur is None:
        return
    if not isinstance(y.valeur, dict):
        nature = "vide" if y.valeur is None else (
            "une liste" if isinstance(y.valeur, list) else f"une valeur seule « {y.valeur} »")
        ligne, colonne = y.position(())
        document.problemes.append(("SUS100", Constat(
            f"{quoi} est {nature} : il doit contenir des lignes « clé: valeur »",
            ligne=ligne, colonne=colonne)))


def _avec_texte(relatif: str, octets: bytes | None, document: Document | None = None) -> Document:
    """A document with its decoded text, or with the reason it has none."""
    document = document or Document(relatif)
    if octets is not None and len(octets) > TAILLE_MAX:
        document.problemes.append(("SUS103", Constat(trop_gros(len(octets)), ligne=1, colonne=1)))
    elif octets is not None:
        texte = decoder(octets)
        if texte.probleme:
            document.problemes.append(texte.probleme)
        document.texte = texte.texte
    return document


def lire_fiche(chemin: Path, relatif: str, garder_noeuds: bool = False) -> Document:
    document = Document(relatif)
    return fiche_depuis_octets(relatif, _lire_octets(chemin, document), document, garder_noeuds)


def fiche_depuis_octets(relatif: str, octets: bytes | None, document: Document | None = None,
                        garder_noeuds: bool = False) -> Document:
    """A fiche from its bytes (read from disk, or from a git object). With
    `garder_noeuds`, the YAML nodes stay until the caller has found the
    positions it needs (then `document.yaml.oublier_noeuds()`)."""
    from sus_cli.model import Fiche

    document = _avec_texte(relatif, octets, document)
    if document.texte is None:
        return document
    decoupage = decouper(document.texte)
    if decoupage.probleme:
        document.problemes.append(("SUS100", decoupage.probleme))
        return document
    document.debut_corps, document.ligne_corps = decoupage.debut_corps, decoupage.ligne_corps
    document.yaml = lire_yaml(document.texte, decalage=1, debut=decoupage.debut_entete, fin=decoupage.fin_entete)
    document.problemes.extend(document.yaml.problemes)
    _exiger_dictionnaire(document, "l'en-tête YAML")
    _valider(document, Fiche)
    if not garder_noeuds:
        document.yaml.oublier_noeuds()
    return document


_ID = re.compile(r"^id:[ \t]*[\"']?([^\s\"'#]+)", re.M)


def lire_id(chemin: Path, relatif: str) -> Document:
    """A fiche read only for its id, for the cross-file rules (duplicate ids,
    linked fiches) of a run that reports on other files: the pre-commit
    case, where parsing every fiche would cost seconds."""
    try:
        return id_depuis_octets(relatif, lire_octets(chemin, limite=_DEBUT_ID))
    except Illisible:
        return Document(relatif, complet=False)


_DEBUT_ID = 64 * 1024


def id_depuis_octets(relatif: str, octets: bytes) -> Document:
    """`lire_id` from a file's bytes (a tree read from git)."""
    document = Document(relatif, complet=False)
    debut = octets[:_DEBUT_ID].decode("utf-8", errors="replace")
    if debut.startswith("\ufeff"):
        debut = debut[1:]
    fin = debut.find("\n---", 3) if debut.startswith("---") else -1
    m = _ID.search(debut, 0, fin if fin > 0 else 0)
    document.id_seul = m.group(1) if m else None
    return document


def preparer_modeles() -> None:
    """Build the fiche model's validator now (it is otherwise built on first use): before
    forking workers, so that each inherits it instead of building its own."""
    from sus_cli.model import Fiche

    Fiche.model_rebuild()


def lire_config(chemin: Path, relatif: str = "sus.yaml", racine: Path | None = None,
                garder_noeuds: bool = False) -> Document:
    """sus.yaml; with `racine`, a link that leads out of it is not followed."""
    document = Document(relatif)
    return config_depuis_octets(_lire_octets(chemin, document, racine), relatif, document, garder_noeuds)


def config_depuis_octets(octets: bytes | None, relatif: str = "sus.yaml", document: Document | None = None,
                         garder_noeuds: bool = False) -> Document:
    from sus_cli.model import Config

    document = _avec_texte(relatif, octets, document)
    if document.texte is None:
        return document
    document.yaml = lire_yaml(document.texte)
    document.problemes.extend(document.yaml.problemes)
    _exiger_dictionnaire(document, "sus.yaml")
    _valider(document, Config)
    if not garder_noeuds:
        document.yaml.oublier_noeuds()
    return document
