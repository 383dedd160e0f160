"""A fiche action (spec §2): its front matter as pydantic models."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Union

from pydantic import Discriminator, Field, StrictBool, Tag, field_validator, model_validator
from pydantic_core import PydanticCustomError

from sus_cli.model.types import (Annee, CleAnnee, Modele, Montant, Nombre, Periode, Texte, Titre, ValeurSimple,
                                 refuser_virgule_decimale)
from sus_cli.model.vocabulaire import CODE_REGLE, ID_FICHE, ID_INDICATEUR, STATUTS, decomposer_id  # noqa: F401

Statut = Literal[STATUTS]
EtatValidation = Literal["brouillon", "soumise", "validee"]


class Partenaires(Modele):
    """Partenaires de la fiche."""

    internes: list[Texte] = Field(default_factory=list, title="Partenaires internes",
                                  description="Directions et services du Département associés.")
    externes: list[Texte] = Field(default_factory=list, title="Partenaires externes",
                                  description="Institutions, associations, opérateurs associés.")


class Validation(Modele):
    """Validation de la fiche par la hiérarchie (la relecture de la demande de fusion)."""

    etat: EtatValidation = Field("brouillon", title="État de validation",
                                 description="brouillon, soumise ou validee.")
    par: Texte | None = Field(None, title="Validée par", description="Personne ou fonction qui a validé.")
    le: dt.date | None = Field(None, title="Validée le", description="Date de validation (AAAA-MM-JJ).")

    @model_validator(mode="after")
    def _validee_complete(self) -> Validation:
        if self.etat == "validee" and (self.par is None or self.le is None):
            manque = " et ".join(c for c in ("par", "le") if getattr(self, c) is None)
            raise PydanticCustomError(
                "validation_incomplete",
                "une fiche « validee » doit dire par qui et quand : ajoutez {manque}", {"manque": manque})
        return self


class LigneBudget(Modele):
    """Budget d'une année, en euros."""

    annee: Annee = Field(title="Année")
    prevu: Montant | None = Field(None, title="Prévu (€)")
    engage: Montant | None = Field(None, title="Engagé (€)")
    consomme: Montant | None = Field(None, title="Consommé (€)")
    financeurs: list[Texte] = Field(default_factory=list, title="Financeurs")
    commentaire: str | None = Field(None, title="Commentaire")


class Etape(Modele):
    """Étape (jalon) de la mise en œuvre."""

    libelle: Texte = Field(title="Libellé")
    echeance: dt.date | None = Field(None, title="Échéance", description="Date AAAA-MM-JJ.")
    faite: StrictBool = Field(False, title="Faite")


class NoteSuivi(Modele):
    """Note de suivi datée ; la dernière de l'année sert de note de bilan."""

    date: dt.date = Field(title="Date")
    texte: Texte = Field(title="Texte")
    avancement: Annotated[int, Field(ge=0, le=100, strict=True)] | None = Field(
        None, title="Avancement (%)", description="Entier de 0 à 100.")


class Reference(Modele):
    """Valeur de référence (situation de départ) d'un indicateur."""

    annee: Annee = Field(title="Année de référence")
    valeur: ValeurSimple = Field(title="Valeur de référence")


class ValeurDetaillee(Modele):
    """Valeur d'un indicateur accompagnée d'un commentaire."""

    valeur: ValeurSimple | None = Field(None, title="Valeur",
                                        description="Absente quand la donnée n'est pas disponible : "
                                                    "le commentaire dit pourquoi.")
    commentaire: str | None = Field(None, title="Commentaire", description="Justification, écart à la cible.")
    estimation: StrictBool = Field(False, title="Estimation", description="Vrai si la valeur est estimée.")


# One branch per shape of value, so that a bad value gets one message (a plain
# union reports the failure of each branch: "nombre attendu" and "dictionnaire attendu").
Valeur = Annotated[Union[Annotated[ValeurSimple, Tag("simple")], Annotated[ValeurDetaillee, Tag("detaillee")]],
                   Discriminator(lambda v: "detaillee" if isinstance(v, dict) else "simple")]


class Indicateur(Modele):
    """Indicateur de suivi d'une fiche."""

    id: Annotated[str, Field(pattern=ID_INDICATEUR)] = Field(
        title="Identifiant", description="Minuscules, chiffres et tirets ; unique dans la fiche.")
    libelle: Texte = Field(title="Libellé")
    unite: Texte = Field(title="Unité", description="nombre, %, €, jours, livrable…")
    type: Literal["realisation", "resultat", "impact"] | None = Field(None, title="Type d'indicateur")
    sens: Literal["hausse", "baisse"] | None = Field(
        None, title="Sens", description="Quel sens est favorable ; obligatoire avec des cibles.")
    source: str | None = Field(None, title="Source")
    reference: Reference | None = Field(None, title="Référence")
    cibles: dict[CleAnnee, Nombre] = Field(default_factory=dict, title="Cibles",
                                        description="Année → valeur à atteindre.")
    valeurs: dict[Periode, Valeur] = Field(
        default_factory=dict, title="Valeurs",
        description="Période (2024 ou 2024-T1) → valeur, ou {valeur, commentaire, estimation}.")

    @field_validator("cibles", "valeurs", mode="before")
    @classmethod
    def _virgule_decimale(cls, v):
        return refuser_virgule_decimale(v)

    @model_validator(mode="after")
    def _sens_avec_cibles(self) -> Indicateur:
        if self.cibles and self.sens is None:
            raise PydanticCustomError(
                "sens_manquant",
                "un indicateur avec des cibles doit dire quel sens est favorable : "
                "ajoutez « sens: hausse » ou « sens: baisse »")
        return self


class Fiche(Modele):
    """Fiche action du schéma unique des solidarités (en-tête YAML)."""

    id: Annotated[str, Field(pattern=ID_FICHE)] = Field(
        title="Identifiant", description="<VOLET>-<axe>.<objectif>.<rang>, par exemple TR-6.2.1.")
    titre: Titre = Field(title="Titre")
    porteur: Texte = Field(title="Porteur", description="Code d'une direction déclarée dans sus.yaml.")
    statut: Statut | None = Field(None, title="Statut",
                                  description="Absent = non renseigné ; « en retard » est calculé.")
    priorite: Literal["haute", "moyenne", "basse"] | None = Field(None, title="Priorité")
    debut: dt.date | None = Field(None, title="Début", description="Date AAAA-MM-JJ.")
    fin: dt.date | None = Field(None, title="Fin", description="Date AAAA-MM-JJ.")
    pilotes: list[Texte] = Field(default_factory=list, title="Pilotes", description="Personnes ou fonctions.")
    partenaires: Partenaires | None = Field(None, title="Partenaires")
    publics: list[Texte] = Field(default_factory=list, title="Publics visés")
    dispositifs: list[Texte] = Field(default_factory=list, title="Dispositifs",
                                     description="Plans ou contrats auxquels la fiche rend compte.")
    fiches_liees: list[Annotated[str, Field(pattern=ID_FICHE)]] = Field(
        default_factory=list, title="Fiches liées")
    validation: Validation | None = Field(None, title="Validation")
    budget: list[LigneBudget] = Field(default_factory=list, title="Budget")
    etapes: list[Etape] = Field(default_factory=list, title="Étapes")
    notes_suivi: list[NoteSuivi] = Field(default_factory=list, title="Notes de suivi")
    indicateurs: list[Indicateur] = Field(title="Indicateurs", description="Au moins deux.")
    sus_ignore: dict[Annotated[str, Field(pattern=CODE_REGLE)], Texte] = Field(
        default_factory=dict, title="Règles ignorées",
        description="Code de règle → raison (obligatoire).")

    @property
    def etat_validation(self) -> str:
        return self.validation.etat if self.validation else "brouillon"
