"""Fuzzing (issue 8): mutated fiches and sus.yaml through `sus validate`,
`sus bilan --format json`, `sus liste` and `sus export`.

Mutations: byte flips, line deletions and duplications, type swaps, deep
nesting, huge and non-finite numbers, control and separator characters, odd
YAML tags, file names with control characters. Whatever the input, every
command must end with exit status 0 or 1, print parseable JSON when asked,
point every diagnostic at a line of its file, never show a traceback, never
touch a file of the schéma, and answer quickly.

The CI run is bounded (SUS_FUZZ_EXEMPLES, default 100 schémas, same examples
every run); `python bench/fuzz.py` runs a long, random campaign.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SUS_YAML_TEST

EXEMPLES = int(os.environ.get("SUS_FUZZ_EXEMPLES", "100"))
ALEATOIRE = os.environ.get("SUS_FUZZ_ALEATOIRE") == "1"  # bench/fuzz.py: new examples at each run
DUREE_MAX = 10.0  # seconds per command: a guard against a hang, not a benchmark
ANGLAIS = re.compile(r"\b(?:found|expected|while|could not|did not|but got)\b")

FICHE = """\
---
id: TR-6.2.1
titre: Dématérialiser les fiches actions du schéma unique
porteur: DSUN
statut: en_cours
priorite: haute
debut: 2023-01-01
fin: 2027-12-31
pilotes: [Cheffe de projet]
partenaires:
  internes: [Groupe technique des solidarités]
  externes: []
publics: [Agents]
dispositifs: [PDILE]
fiches_liees: [TR-6.2.2]
validation:
  etat: validee
  par: "Directrice générale adjointe des solidarités"
  le: 2023-03-15
budget:
  - {annee: 2024, prevu: 10000, engage: 8000, consomme: 6500, financeurs: [État]}
etapes:
  - {libelle: Cahier des charges, echeance: 2024-06-30, faite: true}
indicateurs:
  - id: fiches-dematerialisees
    libelle: Part des fiches saisies de manière dématérialisée
    unite: "%"
    type: resultat
    sens: hausse
    reference: {annee: 2022, valeur: 0}
    cibles: {2027: 90}
    valeurs:
      2023: 40
      2024-T2: 55
      2024: {valeur: 70, commentaire: "Volet autonomie saisi en juin", estimation: false}
  - id: outil-livre
    libelle: Outil livré
    unite: livrable
    valeurs: {2024: true}
notes_suivi:
  - {date: 2024-11-15, texte: "Outil déployé ; reste le volet insertion.", avancement: 70}
sus_ignore:
  SUS601: "dates du schéma"
---
## Contexte

Parmi les préconisations de l'évaluation du schéma précédent…

## Description

Texte.
"""

AUTRE = """\
---
id: TR-6.2.2
titre: Évaluer l'accueil
porteur: DEF
statut: a_venir
indicateurs:
  - {id: a, libelle: Indicateur A, unite: nombre, sens: baisse, cibles: {2026: 3}, valeurs: {2024: 5}}
  - {id: b, libelle: Indicateur B, unite: jours}
---
Texte.
"""

# What a hostile or careless author might put anywhere in a file.
MORCEAUX = [
    "\u2028", "\u2029", "\x85", "\x1b[2J", "\x1b]0;titre\x07", "\r", "\r\n", "\t", "\x00", "\x07", "\x7f", "\x9b",
    "\ufeff", "\ufffe", "𝔘", "é", " ", "", "#", ":", ": ", "- ", "? ", "|", ">", "'", '"', "\\", "{", "}", "[", "]",
    ",", "&a ", "*a", "<<: *a", "!!python/object/apply:os.system ['true'] ", "!!binary ", "!!set ", "!perso ",
    "!!timestamp ", "!!float ", "%YAML 1.1\n", "---\n", "\n---\n", "...\n", "9" * 400, "-" + "9" * 30, "1e999",
    "1.0e+300", ".nan", ".inf", "-.inf", "0x1F", "0o17", "1_000", "2024-02-30", "2100-01-01", "10 000 €",
    '=HYPERLINK("http://x","clic")', "@SUM(1)", "{{ 7 * 7 }}", "<script>alert(1)</script>", "x" * 400,
    "[" * 60, "[" * 1100 + "]" * 1100, "{a: " * 60,
]
VALEURS = ["[]", "{}", "null", "~", "true", "no", "0", "-1", "3.5", "'texte'", "[a, b]", "{x: 1}", "2024-01-01",
           "!!str 12", "9" * 30, ".inf", "|\n  bloc\n", ">-\n  plié\n"]
ETIQUETTES = ["!!timestamp", "!!bool", "!!int", "!!float", "!!null", "!!str", "!!binary", "!!set", "!!omap",
              "!!python/name:os.system", "!perso", "!<tag:yaml.org,2002:int>"]
NOMS = ["TR-6.2.1.md", "TR-6.2.1-ligne\nsuivante.md", "TR-6.2.1-retour\r.md", "TR-6.2.1-\ttab.md",
        "TR-6.2.1-\x1b[2J.md", "TR-6.2.1-*.md", "TR-6.2.1-[a].md", "TR-6.2.1 espace.md", "TR-6.2.1-é.md",
        "TR-6.2.1-" + "x" * 200 + ".md", "-TR-6.2.1.md", ".TR-6.2.1.md", "TR-6.2.1\u2028.md"]


@st.composite
def mutation(draw, texte: str) -> str:
    lignes = texte.split("\n")
    nature = draw(st.sampled_from(["octet", "insertion", "suppression", "duplication", "echange", "type",
                                   "etiquette", "imbrication"]))
    if nature == "octet":
        octets = bytearray(texte.encode("utf-8", errors="surrogateescape"))
        if octets:
            octets[draw(st.integers(0, len(octets) - 1))] = draw(st.integers(0, 255))
        return octets.decode("utf-8", errors="surrogateescape")
    if nature == "insertion":
        i = draw(st.integers(0, len(texte)))
        return texte[:i] + draw(st.sampled_from(MORCEAUX)) + texte[i:]
    i = draw(st.integers(0, len(lignes) - 1))
    if nature == "suppression":
        del lignes[i]
    elif nature == "duplication":
        lignes.insert(i, lignes[i])
    elif nature == "echange":
        j = draw(st.integers(0, len(lignes) - 1))
        lignes[i], lignes[j] = lignes[j], lignes[i]
    elif nature == "type" and ": " in lignes[i]:
        cle = lignes[i].split(": ", 1)[0]
        lignes[i] = f"{cle}: {draw(st.sampled_from(VALEURS))}"
    elif nature == "etiquette" and ": " in lignes[i]:
        cle, valeur = lignes[i].split(": ", 1)
        etiquette = draw(st.sampled_from(ETIQUETTES))
        lignes[i] = draw(st.sampled_from([f"{cle}: {etiquette} {valeur}", f"{etiquette} {cle.strip()}: {valeur}"]))
    elif nature == "imbrication":
        n = draw(st.sampled_from([10, 49, 50, 51, 200, 999, 1001]))
        lignes.insert(i, f"profond: {'[' * n}1{']' * n}")
    return "\n".join(lignes)


@st.composite
def schema_mute(draw) -> dict[str, bytes]:
    """The files of a schéma repository, some of them mutated."""
    fichiers = {"sus.yaml": SUS_YAML_TEST.read_text(encoding="utf-8"), "fiches/TR-6.2.1.md": FICHE,
                "fiches/dossier/TR-6.2.2.md": AUTRE}
    cibles = draw(st.lists(st.sampled_from(list(fichiers)), min_size=1, max_size=3))
    for cible in cibles:
        for _ in range(draw(st.integers(1, 3))):
            fichiers[cible] = draw(mutation(fichiers[cible]))
    nom = draw(st.sampled_from(NOMS))
    fichiers[f"fiches/{nom}"] = fichiers.pop("fiches/TR-6.2.1.md")
    return {chemin: texte.encode("utf-8", errors="surrogateescape") for chemin, texte in fichiers.items()}


def _empreinte(racine: Path) -> dict[str, str]:
    """Every file of the schéma but sus's own cache (the only thing sus validate writes)."""
    return {str(p.relative_to(racine)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dossier"
            for p in sorted(racine.rglob("*")) if p.relative_to(racine).parts[0] != ".sus-cache"}


def _sus(*args: str) -> tuple[int, str, str]:
    from sus_cli.cli.app import main

    sortie, erreurs = io.StringIO(), io.StringIO()
    debut = time.perf_counter()
    with contextlib.redirect_stdout(sortie), contextlib.redirect_stderr(erreurs):
        try:
            main(list(args))
        except SystemExit as fin:
            code = fin.code
    duree = time.perf_counter() - debut
    assert duree < DUREE_MAX, f"sus {' '.join(args)} : {duree:.1f} s"
    texte = sortie.getvalue() + erreurs.getvalue()
    assert "Traceback" not in texte and "Erreur interne" not in texte, texte
    assert code in (0, 1), (args, code, erreurs.getvalue())
    return code, sortie.getvalue(), erreurs.getvalue()


def _lignes(octets: bytes) -> int:
    """The number of lines of a file as an editor counts them (CRLF and CR are line ends)."""
    return octets.replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1


@settings(max_examples=EXEMPLES, deadline=None, derandomize=not ALEATOIRE, database=None,
          suppress_health_check=list(HealthCheck))
@given(schema_mute())
def test_fuzz(fichiers):
    dossier = Path(tempfile.mkdtemp(prefix="sus-fuzz-"))
    try:
        racine, sortie = dossier / "depot", dossier / "sortie"
        sortie.mkdir()
        for relatif, contenu in fichiers.items():
            (racine / relatif).parent.mkdir(parents=True, exist_ok=True)
            (racine / relatif).write_bytes(contenu)
        avant = _empreinte(racine)

        code, texte, _ = _sus("validate", "--format", "json", "--racine", str(racine))
        rapport = json.loads(texte)
        # The same from the cache, and without it.
        assert _sus("validate", "--format", "json", "--racine", str(racine)) == (code, texte, "")
        assert _sus("validate", "--format", "json", "--sans-cache", "--racine", str(racine)) == (code, texte, "")
        assert code == (1 if rapport["summary"]["errors"] else 0)
        for d in rapport["diagnostics"]:
            assert not ANGLAIS.search(d["message"]), d["message"]  # PyYAML's messages, translated
            fichier = racine / d["path"]
            maximum = _lignes(fichier.read_bytes()) if fichier.is_file() and not fichier.is_symlink() else 1
            assert 1 <= d["line"] <= maximum and d["column"] >= 1, (d, maximum)
        for format_ in ("texte", "github", "gitlab"):
            _sus("validate", "--format", format_, "--racine", str(racine))

        code, texte, _ = _sus("bilan", "2024", "--format", "json", "--racine", str(racine))
        if texte:
            json.loads(texte)
        code, texte, _ = _sus("liste", "--format", "json", "--racine", str(racine))
        if texte:
            assert isinstance(json.loads(texte), list)
        _sus("liste", "--racine", str(racine))
        _sus("export", "--sortie", str(sortie / "export.xlsx"), "--racine", str(racine))
        _sus("export", "--format", "csv", "--sortie", str(sortie / "export"), "--racine", str(racine))

        assert _empreinte(racine) == avant, "un fichier du schéma a été modifié"
    finally:
        shutil.rmtree(dossier)
