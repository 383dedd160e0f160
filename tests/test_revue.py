"""`sus revue`: what a change does to the schéma, in words a manager reads."""

from __future__ import annotations

import json

from conftest import FICHE_VALIDE, SUS_YAML_TEST

AVANT = """---
id: TR-6.2.1
titre: Dématérialiser les fiches
porteur: DSUN
statut: en_cours
validation: {etat: validee, par: DGA Solidarités, le: 2024-03-15}
budget:
  - {annee: 2024, prevu: 10000}
indicateurs:
  - id: a
    libelle: Part des fiches saisies
    unite: "%"
    sens: hausse
    reference: {annee: 2022, valeur: 0}
    cibles: {2027: 90}
    valeurs: {2023: 40}
  - {id: b, libelle: Indicateur B, unite: nombre}
---
## Contexte

Texte.
"""
APRES = (AVANT.replace("statut: en_cours", "statut: realisee")
         .replace("{annee: 2024, prevu: 10000}", "{annee: 2024, prevu: 10000, engage: 8000}")
         .replace("valeurs: {2023: 40}", "valeurs: {2023: 45, 2024-T2: 55}")
         .replace("Texte.", "Texte revu.")
         + "")
APRES = APRES.replace("---\n## Contexte", "notes_suivi:\n  - {date: 2024-11-15, texte: Outil déployé}\n---\n## Contexte")


def _depot(depot_git):
    depot_git.commit("départ", "2024-05-01", {"sus.yaml": SUS_YAML_TEST.read_text(encoding="utf-8"),
                                              "fiches/TR-6.2.1.md": AVANT,
                                              "fiches/TR-6.1.1.md": FICHE_VALIDE.replace("6.2.1", "6.1.1")})
    depot_git.git("checkout", "-q", "-b", "suivi-t4")
    depot_git.commit("suivi du T4", "2024-11-20", {"fiches/TR-6.2.1.md": APRES, "fiches/TR-6.1.1.md": None,
                                                   "fiches/TR-6.2.2.md": FICHE_VALIDE.replace("6.2.1", "6.2.2")})
    return depot_git


def test_revue_decrit_le_changement(depot_git, sus):
    _depot(depot_git)
    sortie = sus("revue", "main", "HEAD", "--format", "markdown", cwd=depot_git.racine)
    assert sortie.code == 0, sortie.stdout
    texte = sortie.stdout
    assert "1 fiche(s) modifiée(s), 1 ajoutée(s), 1 supprimée(s)." in texte
    for attendu in ("### TR-6.2.1 — Dématérialiser les fiches (DSUN) : modifiée", "statut : en_cours → realisee",
                    "valeur 2023 de « a » : 40 → 45", "valeur 2024-T2 de « a » ajoutée : 55",
                    "budget 2024 : prévu 10000 €, engagé —, consommé — → prévu 10000 €, engagé 8000 €, consommé —",
                    "note de suivi du 2024-11-15 : Outil déployé", "texte de la fiche modifié",
                    "TR-6.2.2 — Dématérialiser les fiches (DSUN) : ajoutée", ": supprimée",
                    "✅ Circuit de validation respecté."):
        assert attendu in texte, attendu


def test_revue_par_defaut_depuis_la_branche_principale_jusqu_aux_fichiers(depot_git, sus):
    _depot(depot_git)
    # an uncommitted change of substance to the validated fiche
    chemin = depot_git.racine / "fiches" / "TR-6.2.1.md"
    chemin.write_text(APRES.replace("cibles: {2027: 90}", "cibles: {2027: 95}"), encoding="utf-8")
    sortie = sus("revue", "--format", "json", cwd=depot_git.racine)
    rapport = json.loads(sortie.stdout)
    assert sortie.code == 1
    assert rapport["tete"] == "fichiers actuels" and rapport["base"].startswith("base (")
    assert [d["code"] for d in rapport["diagnostics"]] == ["SUS800"]
    assert "cible 2027 de « a » : 90 → 95" in rapport["diagnostics"][0]["message"]
    texte = sus("revue", cwd=depot_git.racine).stdout
    assert "SUS800" in texte and "repassez-la en « soumise »" in texte


def test_revue_sans_branche_par_defaut(depot_git, sus):
    depot_git.git("checkout", "-q", "-b", "autre")
    depot_git.commit("départ", "2024-05-01", {"sus.yaml": SUS_YAML_TEST.read_text(encoding="utf-8")})
    sortie = sus("revue", cwd=depot_git.racine)
    assert sortie.code == 2 and "branche par défaut introuvable" in sortie.stderr
    assert sus("revue", "HEAD", cwd=depot_git.racine).code == 0
