"""What `sus init` writes in a new schéma repository, and the fiche template of `sus nouvelle`."""

from __future__ import annotations

import datetime as dt

from sus_cli import ADRESSE_DEPOT, __version__
from sus_cli.a_completer import MODELE

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

# Sévérité des règles, si besoin : erreur, avertissement ou desactivee.
# regles:
#   SUS605: avertissement
"""

# The CI files and the pre-commit config install the sus that wrote them:
# @VERSION@, @INSTALLATION@ and @DEPOT@ are filled by `_remplir` (not str.format:
# GitHub's ${{ … }} would clash). Each CI file is a dict of jobs in text form, so
# that a new job (a site, a bilan) is one more entry.

PRE_COMMIT = """\
# Vérifie les fiches à chaque commit : pip install pre-commit && pre-commit install
# pre-commit installe lui-même sus @VERSION@ depuis son dépôt (le crochet
# « sus-validate » du fichier .pre-commit-hooks.yaml de ce dépôt) : sus n'a pas
# besoin d'être installé sur le poste. Pour une autre version, changez « rev » :
# une étiquette (v@VERSION@) ou un identifiant de commit de ce dépôt.
repos:
  - repo: @DEPOT@
    rev: v@VERSION@
    hooks:
      - id: sus-validate
"""

INSTALLATION_COMMENTAIRE = """\
# Comment installer sus : par défaut la version qui a écrit ce fichier (@VERSION@),
# depuis PyPI. Pour installer autrement, changez seulement cette variable :
#   depuis git, à un commit précis :  sus-cli @ git+@DEPOT@@<commit>
#   depuis une roue :                 ./outils/sus_cli-@VERSION@-py3-none-any.whl
#                                     (ou l'adresse https de la roue)
"""

# --- sus site : début ---------------------------------------------------------
# The site's publication: one job appended to each CI file, on pushes to the
# default branch only. Kept as its own block so that it stays one piece.
GITHUB_SITE = """\

  # Publie le site du schéma (sus site) sur GitHub Pages à chaque envoi sur la
  # branche principale. À activer une fois : Settings → Pages → Source : GitHub Actions.
  site:
    if: github.event_name == 'push' && github.ref_name == github.event.repository.default_branch
    runs-on: ubuntu-latest
    permissions:
      contents: read
      pages: write     # publier sur GitHub Pages
      id-token: write  # prouver à GitHub Pages que la publication vient de ce dépôt
    environment:
      name: github-pages
      url: ${{ steps.publication.outputs.page_url }}
    concurrency:
      group: pages
      cancel-in-progress: false
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0  # les évolutions de l'année du bilan JSON de la page « données »
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - name: Installer sus
        run: pip install "$SUS_INSTALLATION"
      - name: Construire le site
        run: sus site --sortie site  # s'arrête si des fiches contiennent des données personnelles
      - uses: actions/configure-pages@v5
      - uses: actions/upload-pages-artifact@v3
        with:
          path: site
      - name: Publier
        id: publication
        uses: actions/deploy-pages@v4
"""

GITLAB_SITE = """\

# Publie le site du schéma (sus site) sur GitLab Pages à chaque envoi sur la
# branche principale (GitLab publie le dossier public/ du travail « pages »).
pages:
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
  script:
    - sus site --sortie public  # s'arrête si des fiches contiennent des données personnelles
  artifacts:
    paths: [public]
"""
# --- sus site : fin -----------------------------------------------------------

GITHUB = """\
# Vérifie le schéma à chaque envoi et demande de fusion ; décrit la demande
# de fusion dans le résumé du travail ; produit le bilan de l'année.
# Écrit par sus @VERSION@ (« sus init »).
name: schéma
on:
  push:
  pull_request:
env:
@COMMENTAIRE@  SUS_INSTALLATION: "@INSTALLATION@"
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
""" + GITHUB_SITE

GITLAB = """\
# Vérifie le schéma (rapport Code Quality sur la demande de fusion), décrit les
# demandes de fusion, produit le bilan de l'année.
# Écrit par sus @VERSION@ (« sus init »).

# Une seule chaîne par demande de fusion : une branche qui a une demande de
# fusion ouverte n'a que la chaîne de la demande ; les autres branches (dont la
# branche principale, qui sert de comparaison au rapport Code Quality) ont la leur.
workflow:
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
    - if: $CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS
      when: never
    - if: $CI_COMMIT_BRANCH

variables:
@COMMENTAIRE@  SUS_INSTALLATION: "@INSTALLATION@"
  GIT_DEPTH: "0"  # sus revue et sus bilan --au lisent l'historique

default:
  image: python:3.12
  before_script:
    - pip install "$SUS_INSTALLATION"

verifier:
  script:
    # Le rapport est affiché sur la demande de fusion ; en cas d'erreur, le
    # journal du travail montre aussi les problèmes en clair.
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
""" + GITLAB_SITE


def installation() -> str:
    """The pip requirement of the sus that is running: what the CI files install."""
    return f"sus-cli=={__version__}"


def _remplir(modele: str) -> str:
    commentaire = INSTALLATION_COMMENTAIRE.replace("#", "  #")
    return (modele.replace("@COMMENTAIRE@", commentaire).replace("@INSTALLATION@", installation())
            .replace("@VERSION@", __version__).replace("@DEPOT@", ADRESSE_DEPOT))


GITIGNORE = """\
bilan-*.md
bilan-*.html
bilan.html
export-sus*
site/
public/
.sus-cache/
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


# The example fiche of `sus init`: a fiche as its author finished it, in the
# places where `sus nouvelle` writes the template text (a_completer.MODELE).
EXEMPLE = {
    "indicateur_1": "Part des fiches saisies de manière dématérialisée",
    "indicateur_2": "Part des fiches validées par la hiérarchie",
    "contexte": "L'évaluation du schéma précédent recommandait de dématérialiser les fiches actions, "
                "pour en faciliter la diffusion et l'appropriation par les services.",
    "enjeux": "Faciliter la mise à jour des fiches, leur validation par la hiérarchie et leur suivi "
              "par le groupe stratégique.",
    "resultats": "Toutes les fiches sont tenues à jour dans le dépôt du schéma.",
    "description": "La direction des systèmes et usages numériques met en place le dépôt des fiches et "
                   "forme les agents qui les rédigent.",
    "partenariat": "Groupe technique des solidarités.",
    "financieres": "Outil développé en interne.",
    "humaines": "Un chef de projet de la direction des systèmes et usages numériques.",
    "materiels": "Aucun.",
    "criteres": "Les fiches sont saisies, validées et suivies dans le dépôt.",
}


def fiche(identifiant: str, titre: str, porteur: str, debut: dt.date | None = None,
          fin: dt.date | None = None, textes: dict[str, str] = MODELE) -> str:
    """A new fiche with every key and every section. With the default `textes`, the
    template's: rule SUS500 flags each of them until the author has written their own."""
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
    libelle: "{textes['indicateur_1']}"
    unite: nombre
    # sens: hausse
    # reference: {{annee: {(debut or dt.date.today()).year - 1}, valeur: 0}}
    # cibles: {{{(fin or dt.date.today()).year}: 100}}
  - id: indicateur-2
    libelle: "{textes['indicateur_2']}"
    unite: nombre
notes_suivi: []
---
## Contexte

{textes['contexte']}

## Enjeux et objectifs

{textes['enjeux']}

## Résultats attendus

- {textes['resultats']}

## Description

{textes['description']}

## Ressources

### Partenariat concerné

- {textes['partenariat']}

### Financières

- {textes['financieres']}

### Humaines

- {textes['humaines']}

### Matériels

- {textes['materiels']}

## Critères d'évaluation

- {textes['criteres']}
"""


def fichiers_initiaux(annee: int) -> dict[str, str]:
    """Every file `sus init` writes, by path relative to the new repository."""
    debut, fin = annee, annee + 4
    return {
        "sus.yaml": SUS_YAML.format(debut=debut, fin=fin),
        "fiches/transversalite/TR-6.2.1-exemple.md": fiche(
            "TR-6.2.1", "Dématérialiser les fiches actions du schéma", "DSUN",
            dt.date(debut, 1, 1), dt.date(fin, 12, 31), EXEMPLE),
        ".pre-commit-config.yaml": _remplir(PRE_COMMIT),
        ".github/workflows/sus.yml": _remplir(GITHUB),
        ".gitlab-ci.yml": _remplir(GITLAB),
        ".gitignore": GITIGNORE,
        "bilans/modele.md": BILAN_MODELE,
        "README.md": README.format(titre=f"Schéma unique des solidarités {debut}-{fin}"),
    }
