"""`sus.yaml`: the référentiel (volets → axes → objectifs, directions) and settings."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, PlainValidator, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from sus_cli.model.types import CODE_REGLE, Annee, Ligne, Modele, Texte

CODE_VOLET = r"^[A-Z][A-Z0-9]{0,9}$"
# A word without spaces nor control characters (it is written in CODEOWNERS).
CODE_DIRECTION = r"^[^\s\x00-\x1f\x7f-\x9f]+$"
Numero = Annotated[int, Field(gt=0, strict=True),
                   WithJsonSchema({"type": "string", "pattern": "^[1-9][0-9]*$"})]  # only a mapping key
# A rule's severity in sus.yaml: French words, or the contract's English ones.
# The engine works with the English ones (they are also those of the JSON outputs).
NIVEAUX = {"erreur": "error", "avertissement": "warning", "desactivee": "off",
           "error": "error", "warning": "warning", "off": "off"}


def _niveau(v) -> str:
    if v is False:  # YAML 1.1 reads an unquoted `off` as false: take it as the user meant it
        return "off"
    if isinstance(v, str) and v in NIVEAUX:
        return NIVEAUX[v]
    from sus_cli.model.vocabulaire import suggestion
    proche = suggestion(v, list(NIVEAUX))
    raise PydanticCustomError(
        "niveau", "sévérité « {v} » inconnue : erreur, avertissement ou desactivee{proche}",
        {"v": v, "proche": f" ; vouliez-vous dire « {proche} » ?" if proche else ""})


Niveau = Annotated[Literal["error", "warning", "off"], PlainValidator(_niveau),
                   WithJsonSchema({"enum": list(NIVEAUX), "title": "Sévérité",
                                   "description": "erreur, avertissement ou desactivee "
                                                  "(error, warning, off sont aussi acceptés)."})]


class InfoSchema(Modele):
    """Le schéma : titre, collectivité, années couvertes."""

    titre: Ligne = Field(title="Titre du schéma")
    collectivite: Ligne = Field(title="Collectivité")
    debut: Annee = Field(title="Première année du schéma")
    fin: Annee = Field(title="Dernière année du schéma")

    @model_validator(mode="after")
    def _ordre(self) -> InfoSchema:
        if self.debut > self.fin:
            raise PydanticCustomError("annees_inversees",
                                      "la première année ({debut}) est après la dernière ({fin})",
                                      {"debut": self.debut, "fin": self.fin})
        return self


# Who may review, as GitHub and GitLab write it in CODEOWNERS: an account
# (@nom), a team or group (@organisation/equipe, @groupe/sous-groupe), a
# GitLab role (@@maintainer), or an e-mail address. Anything else (a space, a
# `#`, a line break) would write something else into CODEOWNERS.
RELECTEUR = re.compile(r"@@?[A-Za-z0-9_][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_][A-Za-z0-9_.-]*)*"
                       r"|[A-Za-z0-9_.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def _relecteur(v: str) -> str:
    if not RELECTEUR.fullmatch(v):
        raise PydanticCustomError(
            "relecteur", "relecteur « {v} » invalide : un compte (@nom), une équipe (@organisation/equipe) ou "
                         "une adresse électronique, sans espace", {"v": v})
    return v


class Direction(Modele):
    """Direction pouvant porter des fiches."""

    nom: Ligne = Field(title="Nom de la direction")
    relecteurs: list[Annotated[str, AfterValidator(_relecteur),
                               WithJsonSchema({"type": "string", "pattern": f"^(?:{RELECTEUR.pattern})$"})]] = Field(
        default_factory=list, title="Relecteurs",
        description="Qui valide les fiches (relecture des demandes de fusion) : @compte, @organisation/equipe "
                    "ou adresse électronique.")


class Axe(Modele):
    """Axe stratégique d'un volet."""

    titre: Ligne = Field(title="Titre de l'axe")
    objectifs: dict[Numero, Ligne] = Field(default_factory=dict, title="Objectifs",
                                           description="Numéro → intitulé de l'objectif.")


class Volet(Modele):
    """Volet du schéma."""

    titre: Ligne = Field(title="Titre du volet")
    axes: dict[Numero, Axe] = Field(default_factory=dict, title="Axes")


class Site(Modele):
    """Apparence du site du schéma (sus site)."""

    # Folders and a file name that cannot start with a dot: no `..`, no hidden file, no absolute path.
    logo: Annotated[str, Field(pattern=r"^([A-Za-z0-9_][A-Za-z0-9._-]*/)*[A-Za-z0-9_][A-Za-z0-9._-]*"
                                       r"\.(png|jpg|jpeg|svg|webp|gif|PNG|JPG|JPEG|SVG|WEBP|GIF)$")] | None = Field(
        None, title="Logo", description="Image du logo (png, jpg, svg, webp ou gif), chemin depuis le dossier de "
                                        "sus.yaml, par exemple images/logo.svg.")
    couleur: Annotated[str, Field(pattern=r"^#[0-9A-Fa-f]{6}$")] | None = Field(
        None, title="Couleur", description="Couleur d'accent du site, en hexadécimal (#00609c) ; assombrie si "
                                           "besoin pour que les liens restent lisibles.")


class Config(Modele):
    """Le fichier sus.yaml d'un dépôt de schéma."""

    schema_: InfoSchema = Field(alias="schema", title="Schéma")
    directions: dict[Annotated[str, Field(pattern=CODE_DIRECTION)], Direction] = Field(title="Directions")
    volets: dict[Annotated[str, Field(pattern=CODE_VOLET)], Volet] = Field(title="Volets")
    regles: dict[Annotated[str, Field(pattern=CODE_REGLE)], Niveau] = Field(
        default_factory=dict, title="Sévérité des règles",
        description="Code de règle → erreur, avertissement ou desactivee.")
    coordonnees_publiques: list[Texte] = Field(
        default_factory=list, title="Coordonnées publiques",
        description="Adresses électroniques et numéros de téléphone de services (accueil, standard, boîte "
                    "générique) que les fiches peuvent citer : la règle des données personnelles ne les signale pas.")
    site: Site | None = Field(None, title="Site", description="Apparence du site publié par « sus site ».")

    def objectif(self, volet: str, axe: int, objectif: int) -> str | None:
        v = self.volets.get(volet)
        a = v.axes.get(axe) if v else None
        return a.objectifs.get(objectif) if a else None
