"""Bad input, each a test: a clear French diagnostic at the right file and
line, exit status 1, no traceback, and no file changed."""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

import pytest

from conftest import FICHE_VALIDE, ecrire, lancer_processus

CHEMIN = "fiches/TR-6.2.1.md"
ENTETE_VALIDE = FICHE_VALIDE + "## Contexte\n\nTexte.\n"


def _empreinte(racine: Path) -> dict[str, str]:
    """Every file of the schéma but sus's own cache (the only thing sus validate writes)."""
    return {p.relative_to(racine).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(racine.rglob("*")) if p.is_file() and not p.is_symlink()
            and p.relative_to(racine).parts[0] != ".sus-cache"}


def _valider(depot: Path, sus) -> tuple[int, list[dict], str]:
    avant = _empreinte(depot)
    sortie = sus("validate", "--format", "json", cwd=depot)
    assert "Traceback" not in sortie.stderr + sortie.stdout
    assert _empreinte(depot) == avant, "sus validate a modifié un fichier"
    return sortie.code, json.loads(sortie.stdout)["diagnostics"], sortie.stderr


def _un_diagnostic(depot, sus, code, ligne, contient="", chemin=CHEMIN):
    statut, diagnostics, _ = _valider(depot, sus)
    assert statut == 1
    trouves = [d for d in diagnostics if d["code"] == code and d["path"] == chemin]
    assert trouves, diagnostics
    assert trouves[0]["line"] == ligne, trouves
    assert contient in trouves[0]["message"], trouves[0]["message"]
    return trouves[0]


def test_fichier_vide(depot, sus):
    ecrire(depot, CHEMIN, "")
    _un_diagnostic(depot, sus, "SUS100", 1, "vide")


def test_fichier_binaire(depot, sus):
    ecrire(depot, CHEMIN, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    _un_diagnostic(depot, sus, "SUS100", 3, "binaire")


def test_fichier_latin1(depot, sus):
    ecrire(depot, CHEMIN, ENTETE_VALIDE.replace("Dématérialiser", "Dématérialiser").encode("latin-1"))
    d = _un_diagnostic(depot, sus, "SUS100", 3, "UTF-8")
    assert "Latin-1" in d["message"] and d["column"] == 9


def test_utf16(depot, sus):
    ecrire(depot, CHEMIN, ENTETE_VALIDE.encode("utf-16"))
    _un_diagnostic(depot, sus, "SUS100", 1, "UTF-16")


def test_bom_accepte(depot, sus):
    ecrire(depot, CHEMIN, b"\xef\xbb\xbf" + ENTETE_VALIDE.encode())
    statut, diagnostics, _ = _valider(depot, sus)
    assert (statut, diagnostics) == (0, [])


def test_crlf_accepte_et_lignes_justes(depot, sus):
    texte = ENTETE_VALIDE.replace("  - {id: b, libelle: Indicateur B, unite: nombre}\n", "")
    ecrire(depot, CHEMIN, texte.replace("\n", "\r\n").encode())
    statut, diagnostics, _ = _valider(depot, sus)
    assert statut == 1
    assert [(d["code"], d["line"], d["column"]) for d in diagnostics] == [("SUS400", 5, 1)]


def test_sans_entete(depot, sus):
    ecrire(depot, CHEMIN, "# Ma fiche\n\nid: TR-6.2.1\n")
    d = _un_diagnostic(depot, sus, "SUS100", 1, "pas d'en-tête YAML")
    assert d["fiche"] is None


def test_entete_avec_espaces(depot, sus):
    ecrire(depot, CHEMIN, "--- \n" + ENTETE_VALIDE.split("\n", 1)[1])
    _un_diagnostic(depot, sus, "SUS100", 1, "exactement « --- »")


def test_entete_non_ferme(depot, sus):
    ecrire(depot, CHEMIN, ENTETE_VALIDE.replace("---\n## Contexte", "## Contexte"))
    _un_diagnostic(depot, sus, "SUS100", 1, "jamais fermé")


@pytest.mark.parametrize("entete,nature", [("- id: TR-6.2.1\n- titre: x", "une liste"),
                                           ("TR-6.2.1", "une valeur seule"), ("", "vide")])
def test_entete_qui_n_est_pas_un_dictionnaire(depot, sus, entete, nature):
    ecrire(depot, CHEMIN, f"---\n{entete}\n---\nTexte\n")
    _un_diagnostic(depot, sus, "SUS100", 2, nature)


def test_erreur_de_syntaxe_yaml_a_la_bonne_ligne(depot, sus):
    ecrire(depot, CHEMIN, ENTETE_VALIDE.replace("porteur: DSUN", "porteur: DSUN\npartenaires: [DEF, DTOMS"))
    d = _un_diagnostic(depot, sus, "SUS100", 6, "syntaxe YAML")
    assert d["fiche"] is None


def test_deux_points_dans_une_valeur(depot, sus):
    ecrire(depot, CHEMIN, ENTETE_VALIDE.replace("titre: Dématérialiser les fiches",
                                                "titre: Objectif : dématérialiser: les fiches"))
    _un_diagnostic(depot, sus, "SUS100", 3, "guillemets")


def test_tabulation(depot, sus):
    ecrire(depot, CHEMIN, ENTETE_VALIDE.replace("  - {id: b", "\t- {id: b"))
    d = _un_diagnostic(depot, sus, "SUS100", 7, "tabulation")
    assert d["column"] == 1


def test_cle_en_double(depot, sus):
    ecrire(depot, CHEMIN, ENTETE_VALIDE.replace("porteur: DSUN", "porteur: DSUN\ntitre: Autre titre"))
    d = _un_diagnostic(depot, sus, "SUS101", 5, "deux fois")
    assert "ligne 3" in d["message"]


def test_cle_en_double_imbriquee(depot, sus):
    ecrire(depot, CHEMIN, ENTETE_VALIDE.replace("unite: nombre}\n---", "unite: nombre, unite: '%'}\n---"))
    _un_diagnostic(depot, sus, "SUS101", 7)


def test_bombe_d_alias(depot, sus):
    lignes = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 12):
        p, c = chr(ord("a") + i - 1), chr(ord("a") + i)
        lignes.append(f"{c}: &{c} [" + ", ".join([f"*{p}"] * 9) + "]")
    ecrire(depot, CHEMIN, "---\n" + "\n".join(lignes) + "\n---\n")
    debut = time.perf_counter()
    d = _un_diagnostic(depot, sus, "SUS102", 3, "alias")
    assert time.perf_counter() - debut < 1.0  # a guard against expansion, not a benchmark
    assert d["severity"] == "error"


def test_fichier_de_20_mo(depot, sus):
    ecrire(depot, CHEMIN, ENTETE_VALIDE + "x" * (20 * 1024 * 1024))
    _un_diagnostic(depot, sus, "SUS103", 1, "trop volumineux")


def test_date_impossible(depot, sus):
    ecrire(depot, CHEMIN, ENTETE_VALIDE.replace("porteur: DSUN", "porteur: DSUN\ndebut: 2024-02-30"))
    d = _un_diagnostic(depot, sus, "SUS200", 5, "date impossible « 2024-02-30 »")
    assert d["column"] == 8


def test_montant_ecrit_comme_du_texte(depot, sus):
    ecrire(depot, CHEMIN, ENTETE_VALIDE.replace(
        "porteur: DSUN", 'porteur: DSUN\nbudget:\n  - annee: 2024\n    prevu: "10 000 €"'))
    d = _un_diagnostic(depot, sus, "SUS200", 7, "écrivez 10000")
    assert d["column"] == 12 and d["type"] == "nombre_texte"


@pytest.mark.parametrize("valeur", [".nan", ".inf", "-.inf"])
def test_nan_et_infini(depot, sus, valeur):
    ecrire(depot, CHEMIN, ENTETE_VALIDE.replace(
        "porteur: DSUN", f"porteur: DSUN\nbudget:\n  - {{annee: 2024, engage: {valeur}}}"))
    _un_diagnostic(depot, sus, "SUS200", 6, "nombre fini")


def test_budget_negatif(depot, sus):
    ecrire(depot, CHEMIN, ENTETE_VALIDE.replace(
        "porteur: DSUN", "porteur: DSUN\nbudget:\n  - {annee: 2024, prevu: -500}"))
    _un_diagnostic(depot, sus, "SUS200", 6, "négatif")


def test_cles_qui_ne_sont_pas_du_texte(depot, sus):
    ecrire(depot, CHEMIN, ENTETE_VALIDE.replace("porteur: DSUN", "porteur: DSUN\n2024: oui\n? [a, b]\n: c"))
    statut, diagnostics, _ = _valider(depot, sus)
    assert statut == 1
    lignes = sorted((d["line"], d["code"]) for d in diagnostics)
    assert lignes == [(5, "SUS200"), (6, "SUS200")], diagnostics
    assert all("clé" in d["message"] for d in diagnostics)


def test_lien_symbolique_en_boucle(depot, sus):
    ecrire(depot, CHEMIN, ENTETE_VALIDE)
    os.symlink("..", depot / "fiches" / "boucle")
    statut, diagnostics, _ = _valider(depot, sus)
    assert statut == 1
    assert [(d["path"], d["code"], d["line"]) for d in diagnostics] == [("fiches/boucle", "SUS104", 1)]
    assert "boucle" in diagnostics[0]["message"]


def test_lien_symbolique_casse(depot, sus):
    ecrire(depot, CHEMIN, ENTETE_VALIDE)
    os.symlink("nulle-part.md", depot / "fiches" / "TR-6.2.2.md")
    _un_diagnostic(depot, sus, "SUS104", 1, "cassé", chemin="fiches/TR-6.2.2.md")


def test_identifiant_en_forme_de_chemin(depot, sus):
    ecrire(depot, CHEMIN, ENTETE_VALIDE.replace("id: TR-6.2.1", "id: ../../etc"))
    d = _un_diagnostic(depot, sus, "SUS200", 2, "identifiant de fiche « ../../etc » invalide")
    assert d["column"] == 5
    assert not (depot.parent.parent / "etc").exists()


def test_etiquette_python_refusee(depot, sus):
    ecrire(depot, CHEMIN, ENTETE_VALIDE.replace("porteur: DSUN",
                                                "porteur: !!python/object/apply:os.system ['echo pwned']"))
    _un_diagnostic(depot, sus, "SUS100", 4, "étiquette YAML non autorisée")


def test_aucune_trace_dans_un_vrai_processus(depot):
    """All the hostile files at once, in a real `python -m sus_cli` process."""
    fichiers = {
        "fiches/vide.md": b"",
        "fiches/binaire.md": b"\x00\x01\x02",
        "fiches/latin1.md": "---\nid: é\n---\n".encode("latin-1"),
        "fiches/liste.md": b"---\n- a\n---\n",
        "fiches/syntaxe.md": b"---\na: [b\n---\n",
        "fiches/alias.md": b"---\na: &a [1]\nb: *a\n---\n",
        "fiches/date.md": b"---\nid: TR-6.2.1\ndebut: 2024-02-30\n---\n",
        "fiches/cles.md": b"---\n? [a]\n: b\n1: 2\n---\n",
    }
    for relatif, contenu in fichiers.items():
        ecrire(depot, relatif, contenu)
    sortie = lancer_processus(["validate"], depot)
    assert sortie.code == 1
    assert "Traceback" not in sortie.stderr + sortie.stdout
    assert "8 fiches lues" in sortie.stdout
