"""What `sus init` writes in a new schéma repository, and the fiche template of `sus nouvelle`."""

from __future__ import annotations

import datetime as dt

SUS_YAML = """\
# yaml-language-server: $schema=schemas/sus.schema.json
# Le référentiel du schéma : ses années, les directions qui portent les fiches,
# et ses volets → axes → objectifs. « sus regles » liste les vérifications.
schema:
  titre: "Schéma unique des solidarités {debut}-{fin}"
  collectivite: "Département de …"
  debut: {debut}   # première année du schéma
  fin: {fin}     # dernière année du schéma

# Chaque porteur de fiche est une de ces directions. Les relecteurs (comptes ou
# équipes GitHub/GitLab) valident les fiches de leur direction en relisant les
# demandes de fusion : « sus codeowners » en fait le fichier CODEOWNERS.
directions:
  DSUN:
    nom: "Direction des systèmes et usages numériques"
    relecteurs: ["@mon-departement/dsun-encadrement"]

# Volets (codes en majuscules), axes et objectifs (numéros). Une fiche
# TR-6.2.1 est la fiche n° 1 de l'objectif 2 de l'axe 6 du volet TR.
volets:
  TR:
    titre: "Transversalité au sein des solidarités"
    axes:
      6:
        titre: "Mieux observer les besoins des populations"
        objectifs:
          1: "Sécuriser la donnée et développer les diagnostics"
          2: "Développer l'évaluation des politiques publiques"

# Sévérité des règles, si besoin : error, warning ou off.
# regles:
#   SUS605: warning
"""

PRE_COMMIT = """\
# Vérifie les fiches à chaque commit : pip install pre-commit && pre-commit install
# (sus doit être installé dans l'environnement : pip install sus-cli).
repos:
  - repo: local
    hooks:
      - id: sus-validate
        name: sus validate
        entry: sus validate
        language: system
        files: ^(fiches/.*\\.md|sus\\.yaml)$
        require_serial: true
"""

GITHUB = """\
# Vérifie le schéma à chaque envoi et demande de fusion ; décrit la demande
# de fusion dans le résumé du travail ; produit le bilan de l'année.
name: schéma
on:
  push:
  pull_request:
env:
  # Comment installer sus : à adapter si vous l'installez depuis votre propre dépôt.
  SUS_INSTALLATION: sus-cli
jobs:
  sus:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0  # sus revue et sus bilan --au lisent l'historique
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - name: Installer sus
        run: pip install "$SUS_INSTALLATION"
      - name: Vérifier les fiches
        run: sus validate  # annotations sur les fichiers (GITHUB_ACTIONS=true)
      - name: Revue de la demande de fusion
        if: github.event_name == 'pull_request'
        run: sus revue "origin/${{ github.base_ref }}" HEAD --format markdown >> "$GITHUB_STEP_SUMMARY"
      - name: Bilan de l'année
        if: always()
        run: sus bilan "$(date +%Y)" --format html --sortie bilan.html
      - uses: actions/upload-artifact@v4
        if: always()
        with:
          name: bilan
          path: bilan.html
"""

GITLAB = """\
# Vérifie le schéma (rapport Code Quality), décrit les demandes de fusion,
# produit le bilan de l'année.
variables:
  SUS_INSTALLATION: sus-cli  # à adapter si vous installez sus depuis votre propre dépôt
  GIT_DEPTH: "0"             # sus revue et sus bilan --au lisent l'historique

default:
  image: python:3.12
  before_script:
    - pip install "$SUS_INSTALLATION"

verifier:
  script:
    - sus validate --format gitlab > gl-code-quality-report.json || (sus validate; exit 1)
  artifacts:
    when: always
    reports:
      codequality: gl-code-quality-report.json

revue:
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
  script:
    - git fetch origin "$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"
    - sus revue "origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME" HEAD --format markdown | tee revue.md
  artifacts:
    when: always
    paths: [revue.md]

bilan:
  script:
    - sus bilan "$(date +%Y)" --format html --sortie bilan.html
  artifacts:
    paths: [bilan.html]
"""

GITIGNORE = """\
bilan-*.md
bilan-*.html
bilan.html
export-sus*
"""

BILAN_MODELE = """\
<!--
Les mots du département pour le bilan d'une année : les recommandations du
groupe stratégique et les décisions du comité de pilotage. Copiez ce fichier
sous le nom de l'année (bilans/2025.md pour le bilan 2025) : « sus bilan 2025 »
le place après la synthèse, dans chaque format (Markdown, HTML, Word).
Écrivez en Markdown : « ## » pour un titre, « - » pour une liste, **gras**.
Les commentaires comme celui-ci n'apparaissent pas dans le bilan.
-->

## Recommandations du groupe stratégique

<!-- Rédigées en fin d'année, à destination du comité de pilotage. -->

- Première recommandation.

## Décisions du comité de pilotage

<!-- Les actions à poursuivre, à ajuster ou à arrêter pour l'exercice suivant. -->

- Première décision.
"""

README = """\
# {titre}

Les fiches actions du schéma, une par fichier dans `fiches/`, vérifiées par
`sus` (« sus --help »).

- `sus validate` : vérifier les fiches ;
- `sus nouvelle TR-6.2 --porteur DSUN --titre "…"` : créer une fiche ;
- `sus liste --porteur DSUN` : les fiches d'une direction ;
- `sus bilan 2025 --format html` : le bilan annuel.

Une modification de fiche passe par une demande de fusion, relue par la
hiérarchie de la direction porteuse (`CODEOWNERS`, généré par
`sus codeowners`).
"""


def fiche(identifiant: str, titre: str, porteur: str, debut: dt.date | None = None,
          fin: dt.date | None = None) -> str:
    """A new fiche with every key and every section, ready to fill in."""
    dates = (f"debut: {debut.isoformat()}\n" if debut else "# debut: AAAA-MM-JJ\n") + (
        f"fin: {fin.isoformat()}\n" if fin else "# fin: AAAA-MM-JJ\n")
    titre_yaml = '"' + titre.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"""\
---
id: {identifiant}
titre: {titre_yaml}
porteur: {porteur}
statut: a_venir
{dates}pilotes: []
partenaires:
  internes: []
  externes: []
publics: []
dispositifs: []
validation: {{etat: brouillon}}
budget: []
etapes: []
indicateurs:
  # Au moins deux indicateurs de suivi. Pour chacun : un identifiant, un
  # libellé, une unité ; une référence et des cibles quand elles existent.
  - id: indicateur-1
    libelle: "Premier indicateur"
    unite: nombre
    # sens: hausse
    # reference: {{annee: {(debut or dt.date.today()).year - 1}, valeur: 0}}
    # cibles: {{{(fin or dt.date.today()).year}: 100}}
  - id: indicateur-2
    libelle: "Second indicateur"
    unite: nombre
notes_suivi: []
---
## Contexte

Pourquoi cette action : la situation et les besoins constatés.

## Enjeux et objectifs

Ce que l'action doit changer.

## Résultats attendus

- Premier résultat attendu.

## Description

Comment l'action est menée.

## Ressources

### Partenariat concerné

- Directions et partenaires associés.

### Financières

- Crédits mobilisés.

### Humaines

- Équipes concernées.

### Matériels

- Besoins matériels.

## Critères d'évaluation

- Critère d'évaluation du résultat.
"""


def fichiers_initiaux(annee: int) -> dict[str, str]:
    debut, fin = annee, annee + 4
    return {
        "sus.yaml": SUS_YAML.format(debut=debut, fin=fin),
        "fiches/transversalite/TR-6.2.1-exemple.md": fiche(
            "TR-6.2.1", "Dématérialiser les fiches actions du schéma", "DSUN",
            dt.date(debut, 1, 1), dt.date(fin, 12, 31)).replace(
            'libelle: "Premier indicateur"', 'libelle: "Part des fiches saisies de manière dématérialisée"').replace(
            'libelle: "Second indicateur"', 'libelle: "Part des fiches validées par la hiérarchie"'),
        ".pre-commit-config.yaml": PRE_COMMIT,
        ".github/workflows/sus.yml": GITHUB,
        ".gitlab-ci.yml": GITLAB,
        ".gitignore": GITIGNORE,
        "bilans/modele.md": BILAN_MODELE,
        "README.md": README.format(titre=f"Schéma unique des solidarités {debut}-{fin}"),
    }
