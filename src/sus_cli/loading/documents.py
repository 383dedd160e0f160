"""A document read from disk: a fiche or sus.yaml, with whatever could be parsed."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from sus_cli.diagnostics import Chemin, Constat
from sus_cli.loading.frontmatter import decouper
from sus_cli.loading.text import TAILLE_MAX, decoder
from sus_cli.loading.yaml_nodes import Yaml, lire_yaml
from sus_cli.model import Config, Fiche
from sus_cli.model.messages import traduire


@dataclass(slots=True)
class Document:
    """One file. `donnees` is the raw YAML value (possibly invalid);
    `modele` the validated model, or None when validation failed."""

    chemin: str  # relative to the repository root, with "/"
    texte: str | None = None
    yaml: Yaml | None = None
    corps: str = ""
    ligne_corps: int = 1
    modele: Any = None
    problemes: list[tuple[str, Constat]] = field(default_factory=list)

    @property
    def donnees(self) -> Any:
        return self.yaml.valeur if self.yaml else None

    def position(self, chemin: Chemin, cle: bool = False) -> tuple[int, int]:
        if self.yaml is None:
            return 1, 1
        return self.yaml.position(chemin, cle)

    @property
    def id(self) -> str | None:
        """The fiche id when it can be read, even from an invalid fiche."""
        if self.modele is not None:
            return getattr(self.modele, "id", None)
        donnees = self.donnees
        if isinstance(donnees, dict) and isinstance(donnees.get("id"), str):
            return donnees["id"]
        return None


def _lire_octets(chemin: Path, document: Document) -> bytes | None:
    try:
        taille = chemin.stat().st_size
        if taille > TAILLE_MAX:
            document.problemes.append(("SUS103", Constat(
                f"fichier trop volumineux ({taille / 1024 / 1024:.1f} Mo ; une fiche fait au plus "
                f"{TAILLE_MAX // 1024} Ko) : ce n'est sans doute pas une fiche", ligne=1, colonne=1)))
            return None
        return chemin.read_bytes()
    except OSError as err:
        document.problemes.append(("SUS104", Constat(
            f"fichier illisible : {err.strerror or err}", ligne=1, colonne=1)))
        return None


def _valider(document: Document, modele: type[BaseModel]) -> None:
    donnees = document.donnees
    if not isinstance(donnees, dict):
        return
    try:
        document.modele = modele.model_validate(donnees)
    except ValidationError as err:
        for erreur in err.errors(include_url=False):
            chemin, message, cle = traduire(erreur, modele)
            document.problemes.append(("SUS200", Constat(message, chemin=chemin, cle=cle,
                                                         type=erreur["type"])))


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


def lire_fiche(chemin: Path, relatif: str) -> Document:
    document = Document(relatif)
    octets = _lire_octets(chemin, document)
    if octets is None:
        return document
    texte = decoder(octets)
    if texte.probleme:
        document.problemes.append(texte.probleme)
        return document
    document.texte = texte.texte
    decoupage = decouper(texte.texte)
    if decoupage.probleme:
        document.problemes.append(("SUS100", decoupage.probleme))
        return document
    document.corps, document.ligne_corps = decoupage.corps, decoupage.ligne_corps
    document.yaml = lire_yaml(decoupage.entete, decalage=1)
    document.problemes.extend(document.yaml.problemes)
    _exiger_dictionnaire(document, "l'en-tête YAML")
    _valider(document, Fiche)
    return document


def lire_config(chemin: Path, relatif: str = "sus.yaml") -> Document:
    document = Document(relatif)
    octets = _lire_octets(chemin, document)
    if octets is None:
        return document
    texte = decoder(octets)
    if texte.probleme:
        document.problemes.append(texte.probleme)
        return document
    document.texte = texte.texte
    document.yaml = lire_yaml(texte.texte)
    document.problemes.extend(document.yaml.problemes)
    _exiger_dictionnaire(document, "sus.yaml")
    _valider(document, Config)
    return document
