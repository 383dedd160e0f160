"""`sus liste` as a newcomer meets it: a narrow terminal, a pipe, a search,
a spreadsheet, `| head`."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import RACINE_PROJET, ecrire, lancer_processus


def _titres(sus) -> dict[str, str]:
    sortie = sus("liste", "--format", "json", cwd=RACINE_PROJET)
    return {f["id"]: f["titre"] for f in json.loads(sortie.stdout)}


def _verifier_tableau(texte: str, titres: dict[str, str], largeur: int) -> None:
    lignes = texte.splitlines()
    assert all(len(l) <= largeur for l in lignes), max(lignes, key=len)
    assert all(l == l.rstrip() for l in lignes)  # no padding at the end of lines
    mots = set(texte.split())
    for identifiant, titre in titres.items():
        assert identifiant in mots
        coupes = [m for m in titre.split() if m not in mots]
        assert not coupes, f"{identifiant} : mots coupés {coupes}"


@pytest.mark.parametrize("colonnes", [60, 80, 100, 160])
@pytest.mark.parametrize("filtres", [(), ("--porteur", "DA"), ("--volet", "TR")])
def test_liste_tient_dans_le_terminal_sans_couper_les_mots(sus, monkeypatch, colonnes, filtres):
    titres = _titres(sus)
    monkeypatch.setenv("COLUMNS", str(colonnes))
    sortie = sus("liste", *filtres, cwd=RACINE_PROJET)
    retenus = json.loads(sus("liste", *filtres, "--format", "json", cwd=RACINE_PROJET).stdout)
    _verifier_tableau(sortie.stdout, {f["id"]: titres[f["id"]] for f in retenus}, colonnes)
    entete = sortie.stdout.splitlines()[0].split()
    assert entete[:2] == ["fiche", "titre"]
    if colonnes >= 160:
        assert set(entete) == {"fiche", "titre", "statut", "porteur", "validation", "fin"}
    if colonnes == 80 and not filtres:
        assert "statut" in entete and "fin" not in entete  # the least useful column goes first
    if filtres[:1] == ("--porteur",) and len(entete) < 6:
        assert "porteur" not in entete  # a column a filter makes constant goes first


def test_liste_dans_un_tube_tient_dans_80_colonnes(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    fait = subprocess.run([sys.executable, "-m", "sus_cli", "liste"], cwd=RACINE_PROJET, capture_output=True,
                          text=True, env={**env, "NO_COLOR": "1"}, timeout=120)
    assert fait.returncode == 0, fait.stderr
    sortie = lancer_processus(["liste", "--format", "json"], RACINE_PROJET)
    _verifier_tableau(fait.stdout, {f["id"]: f["titre"] for f in json.loads(sortie.stdout)}, 80)
    assert "\x1b[" not in fait.stdout  # no colour in a pipe


def test_liste_en_retard_signale_en_clair(sus, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    sortie = sus("liste", "--en-retard", cwd=RACINE_PROJET / "exemples")
    assert "En cours (en retard)" in sortie.stdout


CHAMPS = {
    "pilotes": "pilotes: [Cheffe de projet Émilie]",
    "partenaires": "partenaires: {internes: [Service Éducation], externes: [Caisse d'allocations]}",
    "publics": "publics: [Jeunes majeurs isolés]",
    "dispositifs": "dispositifs: [Plan Grand Froid]",
    "validation": "validation: {etat: soumise, par: Directrice générale adjointe}",
    "budget": "budget:\n  - {annee: 2024, financeurs: [Fonds européen FSE], commentaire: Reliquat de l'appel à projets}",
    "etapes": "etapes:\n  - {libelle: Comité de préfiguration}",
    "notes": "notes_suivi:\n  - {date: 2024-05-02, texte: Rencontre avec la mission locale}",
    "indicateur": "",
    "commentaire": "",
    "source": "",
    "corps": "",
}


@pytest.mark.parametrize("champ, cherche", [
    ("pilotes", "emilie"), ("partenaires", "CAISSE D'ALLOCATIONS"), ("partenaires", "education"),
    ("publics", "majeurs isoles"), ("dispositifs", "grand froid"), ("validation", "generale adjointe"),
    ("budget", "fonds europeen"), ("budget", "reliquat"), ("etapes", "prefiguration"),
    ("notes", "mission locale"), ("indicateur", "taux d'acces"), ("commentaire", "donnees partielles"),
    ("source", "observatoire"), ("corps", "enfance protegee")])
def test_liste_texte_cherche_tout_ce_qu_une_personne_a_ecrit(depot, sus, champ, cherche):
    en_tete = CHAMPS[champ]
    indicateurs = ("indicateurs:\n  - {id: a, libelle: Taux d’accès aux droits, unite: \"%\", source: Observatoire social, "
                   "valeurs: {2024: {valeur: 3, commentaire: Données partielles}}}\n"
                   "  - {id: b, libelle: Indicateur B, unite: nombre}\n")
    ecrire(depot, "fiches/TR-6.2.1.md", f"---\nid: TR-6.2.1\ntitre: Une fiche\nporteur: DSUN\n{en_tete}\n"
           f"{indicateurs}---\n## Contexte\n\nL'enfance protégée.\n")
    ecrire(depot, "fiches/TR-6.2.2.md", "---\nid: TR-6.2.2\ntitre: Une autre fiche\nporteur: DSUN\nindicateurs:\n"
           "  - {id: a, libelle: A, unite: nombre}\n  - {id: b, libelle: B, unite: nombre}\n---\n")
    sortie = sus("liste", "--texte", cherche, "--format", "json", cwd=depot)
    assert sortie.code == 0, sortie.stderr
    assert [f["id"] for f in json.loads(sortie.stdout)] == ["TR-6.2.1"]


def test_liste_csv_avec_bom_pour_excel(sus):
    sortie = sus("liste", "--format", "csv", cwd=RACINE_PROJET)
    assert sortie.stdout.startswith("\ufeffid;titre;porteur;statut;")
    assert sortie.stdout.count("\ufeff") == 1


@pytest.mark.parametrize("format_", ["texte", "json", "csv"])
def test_tube_ferme_par_head_code_0_sans_message(tmp_path, format_):
    """`sus liste | head -1`: head closes the pipe early; sus says nothing and exits 0."""
    racine = tmp_path / "depot"
    ecrire(racine, "sus.yaml", (RACINE_PROJET / "tests" / "regles" / "sus.yaml").read_text(encoding="utf-8"))
    for i in range(1, 601):  # far more output than a pipe holds (64 Kio)
        ecrire(racine, f"fiches/TR-6.2.{i}.md", f"---\nid: TR-6.2.{i}\ntitre: Fiche {i}, un titre assez long pour "
               "remplir une bonne partie de la ligne\nporteur: DSUN\nindicateurs:\n  - {id: a, libelle: A, unite: "
               "nombre}\n  - {id: b, libelle: B, unite: nombre}\n---\n")
    processus = subprocess.Popen([sys.executable, "-m", "sus_cli", "liste", "--format", format_], cwd=racine,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 env={**os.environ, "COLUMNS": "80", "NO_COLOR": "1"})
    premiere = processus.stdout.readline()
    processus.stdout.close()
    erreurs = processus.stderr.read().decode("utf-8")
    assert processus.wait(timeout=120) == 0, erreurs
    assert premiere and erreurs == ""
