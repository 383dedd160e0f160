"""The generated parts of docs/format.md: what the models, the rule registry and
the bilan's own "méthode" annex say, written out in French Markdown.

docs/format.md keeps each generated part between `<!-- genere:NOM -->` and
`<!-- fin:NOM -->`; `mettre_a_jour` rewrites them and a test fails when the
file differs from what this module writes (`python -m pytest --update-golden`
rewrites it). The keys' types and allowed values come from the JSON Schemas
(json_schemas.py, themselves generated from the pydantic models); the
examples are written here, and a key without an example is an error.
"""

from __future__ import annotations

import re

from sus_cli.model.config import CODE_DIRECTION, RELECTEUR
from sus_cli.model.types import LIGNE_JSON

# The blocks of each file, in the order of the document: definition name (None for the
# file itself) → heading. The heading says where the block sits in the file.
BLOCS = {
    "sus.schema.json": [
        (None, "Les clés de `sus.yaml`"),
        ("InfoSchema", "`schema` : le schéma"),
        ("Direction", "`directions` → `CODE` : une direction"),
        ("Volet", "`volets` → `CODE` : un volet"),
        ("Axe", "`volets` → `CODE` → `axes` → `N` : un axe"),
        ("Site", "`site` : l'apparence du site"),
    ],
    "fiche.schema.json": [
        (None, "Les clés de l'en-tête d'une fiche"),
        ("Partenaires", "`partenaires`"),
        ("Validation", "`validation`"),
        ("LigneBudget", "`budget` : une ligne de budget"),
        ("Etape", "`etapes` : une étape"),
        ("NoteSuivi", "`notes_suivi` : une note de suivi"),
        ("Indicateur", "`indicateurs` : un indicateur"),
        ("Reference", "`reference` d'un indicateur"),
        ("ValeurDetaillee", "Une valeur détaillée, dans `valeurs`"),
    ],
}

# One example per key, as it is written in the file.
EXEMPLES = {
    ("sus.schema.json", None, "schema"): "`schema: {titre: …, collectivite: …, debut: 2023, fin: 2027}`",
    ("sus.schema.json", None, "directions"): "`directions: {DSUN: {nom: …}}`",
    ("sus.schema.json", None, "volets"): "`volets: {TR: {titre: …, axes: …}}`",
    ("sus.schema.json", None, "regles"): "`regles: {SUS605: avertissement, SUS501: desactivee}`",
    ("sus.schema.json", None, "coordonnees_publiques"): "`coordonnees_publiques: [solidarites@allier.fr, \"04 70 34 40 00\"]`",
    ("sus.schema.json", None, "site"): "`site: {logo: images/logo.svg, couleur: \"#00609c\"}`",
    ("sus.schema.json", "Site", "logo"): "`logo: images/logo.svg`",
    ("sus.schema.json", "Site", "couleur"): "`couleur: \"#00609c\"`",
    ("sus.schema.json", "InfoSchema", "titre"): "`titre: \"Schéma unique des solidarités 2023-2027\"`",
    ("sus.schema.json", "InfoSchema", "collectivite"): "`collectivite: \"Département de l'Allier\"`",
    ("sus.schema.json", "InfoSchema", "debut"): "`debut: 2023`",
    ("sus.schema.json", "InfoSchema", "fin"): "`fin: 2027`",
    ("sus.schema.json", "Direction", "nom"): "`nom: \"Direction des systèmes et usages numériques\"`",
    ("sus.schema.json", "Direction", "relecteurs"): "`relecteurs: [\"@allier/dsun-encadrement\"]`",
    ("sus.schema.json", "Volet", "titre"): "`titre: \"Transversalité au sein des solidarités\"`",
    ("sus.schema.json", "Volet", "axes"): "`axes: {6: {titre: …, objectifs: …}}`",
    ("sus.schema.json", "Axe", "titre"): "`titre: \"Mieux observer les besoins des populations\"`",
    ("sus.schema.json", "Axe", "objectifs"): "`objectifs: {1: \"Sécuriser la donnée\"}`",
    ("fiche.schema.json", None, "id"): "`id: TR-6.2.1`",
    ("fiche.schema.json", None, "titre"): "`titre: Dématérialiser les fiches actions`",
    ("fiche.schema.json", None, "porteur"): "`porteur: DSUN`",
    ("fiche.schema.json", None, "statut"): "`statut: en_cours`",
    ("fiche.schema.json", None, "priorite"): "`priorite: haute`",
    ("fiche.schema.json", None, "debut"): "`debut: 2023-01-01`",
    ("fiche.schema.json", None, "fin"): "`fin: 2027-12-31`",
    ("fiche.schema.json", None, "pilotes"): "`pilotes: [Cheffe du service observatoire]`",
    ("fiche.schema.json", None, "partenaires"): "`partenaires: {internes: [DSUN], externes: [CAF]}`",
    ("fiche.schema.json", None, "publics"): "`publics: [Jeunes de 16 à 25 ans]`",
    ("fiche.schema.json", None, "dispositifs"): "`dispositifs: [PDILE, CDPPE]`",
    ("fiche.schema.json", None, "fiches_liees"): "`fiches_liees: [TR-6.1.1]`",
    ("fiche.schema.json", None, "validation"): "`validation: {etat: validee, par: DGA, le: 2023-03-15}`",
    ("fiche.schema.json", None, "budget"): "`budget: [{annee: 2024, prevu: 10000}]`",
    ("fiche.schema.json", None, "etapes"): "`etapes: [{libelle: Recette, echeance: 2024-06-30}]`",
    ("fiche.schema.json", None, "notes_suivi"): "`notes_suivi: [{date: 2024-11-15, texte: …}]`",
    ("fiche.schema.json", None, "indicateurs"): "`indicateurs: [{id: …, libelle: …, unite: …}, …]`",
    ("fiche.schema.json", None, "sus_ignore"): "`sus_ignore: {SUS400: \"second indicateur défini en juin\"}`",
    ("fiche.schema.json", "Partenaires", "internes"): "`internes: [Groupe technique des solidarités]`",
    ("fiche.schema.json", "Partenaires", "externes"): "`externes: [Caisse d'allocations familiales]`",
    ("fiche.schema.json", "Validation", "etat"): "`etat: soumise`",
    ("fiche.schema.json", "Validation", "par"): "`par: Directrice générale adjointe des solidarités`",
    ("fiche.schema.json", "Validation", "le"): "`le: 2023-03-15`",
    ("fiche.schema.json", "LigneBudget", "annee"): "`annee: 2024`",
    ("fiche.schema.json", "LigneBudget", "prevu"): "`prevu: 10000`",
    ("fiche.schema.json", "LigneBudget", "engage"): "`engage: 8000`",
    ("fiche.schema.json", "LigneBudget", "consomme"): "`consomme: 6500.50`",
    ("fiche.schema.json", "LigneBudget", "financeurs"): "`financeurs: [Département, FSE]`",
    ("fiche.schema.json", "LigneBudget", "commentaire"): "`commentaire: Crédits reportés sur 2025`",
    ("fiche.schema.json", "Etape", "libelle"): "`libelle: Cahier des charges`",
    ("fiche.schema.json", "Etape", "echeance"): "`echeance: 2024-06-30`",
    ("fiche.schema.json", "Etape", "faite"): "`faite: true`",
    ("fiche.schema.json", "NoteSuivi", "date"): "`date: 2024-11-15`",
    ("fiche.schema.json", "NoteSuivi", "texte"): "`texte: \"Outil déployé ; reste le volet insertion.\"`",
    ("fiche.schema.json", "NoteSuivi", "avancement"): "`avancement: 70`",
    ("fiche.schema.json", "Indicateur", "id"): "`id: fiches-dematerialisees`",
    ("fiche.schema.json", "Indicateur", "libelle"): "`libelle: Part des fiches saisies en ligne`",
    ("fiche.schema.json", "Indicateur", "unite"): "`unite: \"%\"`",
    ("fiche.schema.json", "Indicateur", "type"): "`type: resultat`",
    ("fiche.schema.json", "Indicateur", "sens"): "`sens: hausse`",
    ("fiche.schema.json", "Indicateur", "source"): "`source: Observatoire social`",
    ("fiche.schema.json", "Indicateur", "reference"): "`reference: {annee: 2022, valeur: 0}`",
    ("fiche.schema.json", "Indicateur", "cibles"): "`cibles: {2027: 90}`",
    ("fiche.schema.json", "Indicateur", "valeurs"): "`valeurs: {2023: 40, 2024-T2: 55}`",
    ("fiche.schema.json", "Reference", "annee"): "`annee: 2022`",
    ("fiche.schema.json", "Reference", "valeur"): "`valeur: 0`",
    ("fiche.schema.json", "ValeurDetaillee", "valeur"): "`valeur: 70`",
    ("fiche.schema.json", "ValeurDetaillee", "commentaire"): "`commentaire: Volet autonomie saisi en juin`",
    ("fiche.schema.json", "ValeurDetaillee", "estimation"): "`estimation: true`",
}

# Patterns of the models, in words.
_MOTIFS = {
    r"^[A-Z][A-Z0-9]{0,9}-[1-9][0-9]*\.[1-9][0-9]*\.[1-9][0-9]*$":
        "identifiant `VOLET-axe.objectif.rang`, par exemple `TR-6.2.1`",
    r"^[a-z0-9][a-z0-9-]*$": "minuscules sans accent, chiffres et tirets",
    r"^[A-Z][A-Z0-9]{0,9}$": "code de volet : une majuscule puis majuscules ou chiffres, 10 au plus (`TR`)",
    CODE_DIRECTION: "code de direction, sans espace (`DSUN`)",
    f"^(?:{RELECTEUR.pattern})$": "un compte (`@nom`), une équipe (`@organisation/equipe`) ou une adresse "
                                  "électronique",
    r"^SUS\d{3}$": "code de règle (`SUS400`)",
    r"^\d{4}$": "année (`2027`)",
    r"^\d{4}(-T[1-4])?$": "période : une année (`2024`) ou un trimestre (`2024-T1` … `2024-T4`)",
    r"^[1-9][0-9]*$": "numéro (`1`, `2`…)",
    r"^([A-Za-z0-9_][A-Za-z0-9._-]*/)*[A-Za-z0-9_][A-Za-z0-9._-]*\.(png|jpg|jpeg|svg|webp|gif|PNG|JPG|JPEG|SVG|WEBP|GIF)$":
        "chemin d'une image png, jpg, svg, webp ou gif dans le dépôt, sans `..`",
    r"^#[0-9A-Fa-f]{6}$": "couleur `#rrggbb`",
}


def _sans_null(schema: dict) -> dict:
    options = schema.get("anyOf")
    if options and {"type": "null"} in options:
        restes = [o for o in options if o != {"type": "null"}]
        if len(restes) == 1:
            return {**{k: v for k, v in schema.items() if k != "anyOf"}, **restes[0]}
    return schema


def _nom_bloc(ref: str) -> str:
    nom = ref.rsplit("/", 1)[-1]
    for blocs in BLOCS.values():
        for definition, titre in blocs:
            if definition == nom:
                return f"bloc : voir « {titre.replace('`', '')} »"
    raise KeyError(f"bloc {nom} sans titre dans reference.BLOCS")


def type_en_francais(schema: dict) -> str:
    """The type and allowed values of one JSON Schema, in words."""
    schema = _sans_null(schema)
    if "$ref" in schema:
        return _nom_bloc(schema["$ref"])
    if "oneOf" in schema or "anyOf" in schema:
        return " ; ou ".join(type_en_francais(s) for s in schema.get("oneOf") or schema["anyOf"])
    if "enum" in schema:
        valeurs = [f"`{v}`" for v in schema["enum"]]
        liste = ", ".join(valeurs[:-1]) + " ou " + valeurs[-1]
        return liste if len(valeurs) == 2 else "une valeur parmi " + liste
    nature = schema.get("type")
    if nature == ["number", "boolean"]:
        return "nombre, ou `true` / `false` pour un livrable"
    if nature == "string":
        if schema.get("format") == "date":
            return "date `AAAA-MM-JJ`"
        motif = schema.get("pattern")
        if motif and motif in _MOTIFS:
            return _MOTIFS[motif]
        texte = "texte non vide" if schema.get("minLength") else "texte"
        if motif == LIGNE_JSON:
            texte += " sur une ligne"
        if "maxLength" in schema:
            texte += f", {schema['maxLength']} caractères au plus"
        return texte
    if nature == "integer":
        bas, haut = schema.get("minimum"), schema.get("maximum")
        if (bas, haut) == (1900, 2200):
            return "année en quatre chiffres (`2024`)"
        return f"nombre entier de {bas} à {haut}" if bas is not None and haut is not None else "nombre entier"
    if nature == "number":
        return "montant en euros, nombre ≥ 0" if schema.get("minimum") == 0 else "nombre"
    if nature == "boolean":
        return "`true` ou `false`"
    if nature == "array":
        return "liste ; chaque élément : " + type_en_francais(schema["items"])
    if nature == "object" and "propertyNames" in schema:
        cle = _MOTIFS.get(schema["propertyNames"].get("pattern"), "texte")
        return f"correspondance ; chaque clé : {cle} ; chaque valeur : {type_en_francais(schema['additionalProperties'])}"
    raise ValueError(f"type JSON Schema sans traduction : {schema}")


def _cellule(texte: str) -> str:
    """Text safe in a Markdown table cell (a `<VOLET>` would be read as an HTML tag)."""
    return " ".join(texte.split()).replace("|", "\\|").replace("<", "\\<")


def tableau_cles(fichier: str, definition: str | None) -> str:
    from sus_cli.json_schemas import schemas

    racine = schemas()[fichier]
    modele = racine if definition is None else racine["$defs"][definition]
    obligatoires = set(modele.get("required", ()))
    lignes = ["| clé | obligatoire | type et valeurs permises | exemple | ce que c'est |", "|---|---|---|---|---|"]
    for cle, propriete in modele["properties"].items():
        if (fichier, definition, cle) not in EXEMPLES:
            raise KeyError(f"{fichier} {definition or ''} {cle} : pas d'exemple dans reference.EXEMPLES")
        defaut = propriete.get("default")
        obligatoire = "oui" if cle in obligatoires else (
            f"non (par défaut `{str(defaut).lower()}`)" if defaut not in (None, [], {}) else "non")
        sens = propriete.get("title", "")
        if propriete.get("description"):
            description = propriete["description"]
            sens += " : " + (description[0].lower() + description[1:] if description[1:2].islower() else description)
        lignes.append(f"| `{cle}` | {obligatoire} | {_cellule(type_en_francais(propriete))} | "
                      f"{_cellule(EXEMPLES[(fichier, definition, cle)])} | {_cellule(sens)} |")
    return "\n".join(lignes) + "\n"


def cles(fichier: str) -> str:
    parties = []
    for definition, titre in BLOCS[fichier]:
        parties.append(f"#### {titre}\n\n{tableau_cles(fichier, definition)}")
    return "\n".join(parties)


def tableau_regles() -> str:
    """Every rule: code, short name, default severity, what it flags (README and docs/format.md)."""
    from sus_cli.rules.registry import toutes

    lignes = ["| code | nom | sévérité | ce qu'elle signale |", "|---|---|---|---|"]
    for r in toutes().values():
        severite = "erreur" if r.severite == "error" else "avertissement"
        lignes.append(f"| {r.code} | `{r.slug}` | {severite} | {r.resume} |")
    return "\n".join(lignes) + "\n"


def formules() -> str:
    from sus_cli.bilan.rendu import methode

    return "".join(f"- **{titre}** : {texte}\n" for titre, texte in methode())


def parties() -> dict[str, str]:
    """Name of each generated part of docs/format.md → its Markdown."""
    return {"cles-sus-yaml": cles("sus.schema.json"), "cles-fiche": cles("fiche.schema.json"),
            "regles": tableau_regles(), "formules": formules()}


_PARTIE = re.compile(r"(<!-- genere:(?P<nom>[\w-]+)[^>]*-->\n)(?P<contenu>.*?)(<!-- fin:(?P=nom) -->)", re.S)


def mettre_a_jour(texte: str) -> str:
    """`texte` with each generated part rewritten; KeyError for a part this module does not know."""
    generees = parties()
    return _PARTIE.sub(lambda m: m.group(1) + generees[m.group("nom")] + m.group(4), texte)


def noms_des_parties(texte: str) -> list[str]:
    return [m.group("nom") for m in _PARTIE.finditer(texte)]
