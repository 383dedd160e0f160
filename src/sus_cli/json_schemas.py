"""JSON Schemas generated from the models, for editors' completion and for
check-jsonschema users. `schemas/` in this repository is kept in sync by a test."""

from __future__ import annotations

import json
from pathlib import Path

from sus_cli.files import ecrire_atomique

def schemas() -> dict[str, dict]:
    from sus_cli.model import Config, Fiche

    resultat = {}
    for nom, modele, titre in (("fiche.schema.json", Fiche, "Fiche action (en-tête YAML)"),
                               ("sus.schema.json", Config, "Fichier sus.yaml d'un schéma")):
        schema = _cles_exactes(modele.model_json_schema(by_alias=True))
        resultat[nom] = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema, "title": titre}
    return resultat


def _cles_exactes(schema):
    """Pydantic writes a constrained mapping key (a period, a year, a rule code) as
    `patternProperties`, which lets any other key through; `propertyNames` refuses
    it, as `sus validate` does."""
    if isinstance(schema, list):
        return [_cles_exactes(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    schema = {cle: _cles_exactes(valeur) for cle, valeur in schema.items()}
    motifs = schema.get("patternProperties")
    if isinstance(motifs, dict) and len(motifs) == 1 and "properties" not in schema:
        (motif, valeur), = motifs.items()
        del schema["patternProperties"]
        schema["propertyNames"] = {"pattern": motif}
        schema["additionalProperties"] = valeur
    return schema


def _texte(schema: dict) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def ecrire_schemas(dossier: Path) -> list[Path]:
    ecrits = []
    for nom, schema in schemas().items():
        ecrire_atomique(dossier / nom, _texte(schema))
        ecrits.append(dossier / nom)
    return ecrits


def schemas_perimes(dossier: Path) -> list[str]:
    perimes = []
    for nom, schema in schemas().items():
        chemin = dossier / nom
        if not chemin.is_file() or chemin.read_text(encoding="utf-8") != _texte(schema):
            perimes.append(nom)
    return perimes
