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
                                                   "fiches/TR-6.2.2.md": FICHE_VALIDE.replace("6.2.1", "6.2.2")
                                                   .replace("Dématérialiser les fiches", "Mesurer l'usage")})
    return depot_git


def test_revue_decrit_le_changement(depot_git, sus):
    _depot(depot_git)
    sortie = sus("revue", "main", "HEAD", "--format", "markdown", cwd=depot_git.racine)
    assert sortie.code == 0, sortie.stdout
    texte = sortie.stdout
    assert "1 fiche modifiée, 1 ajoutée, 1 supprimée." in texte
    for attendu in ("### TR-6.2.1 — Dématérialiser les fiches (DSUN) : modifiée", "statut : En cours → Réalisée",
                    "valeur 2023 de « Part des fiches saisies » : 40 → 45",
                    "valeur 2024-T2 de « Part des fiches saisies » ajoutée : 55",
                    "budget 2024 : prévu 10000 €, engagé —, consommé — → prévu 10000 €, engagé 8000 €, consommé —",
                    "note de suivi du 15 novembre 2024 : Outil déployé", "texte de la fiche modifié",
                    "TR-6.2.2 — Mesurer l'usage (DSUN) : ajoutée", ": supprimée",
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
    assert "cible 2027 de « Part des fiches saisies » : 90 → 95" in rapport["diagnostics"][0]["message"]
    texte = sus("revue", cwd=depot_git.racine).stdout
    assert "SUS800" in texte and "repassez-la en « soumise »" in texte


def test_revue_sans_branche_par_defaut(depot_git, sus):
    depot_git.git("checkout", "-q", "-b", "autre")
    depot_git.commit("départ", "2024-05-01", {"sus.yaml": SUS_YAML_TEST.read_text(encoding="utf-8")})
    sortie = sus("revue", cwd=depot_git.racine)
    assert sortie.code == 2 and "branche par défaut introuvable" in sortie.stderr
    assert sus("revue", "HEAD", cwd=depot_git.racine).code == 0


def test_fiche_validee_deplacee_vers_un_autre_objectif(depot_git, sus):
    depot_git.commit("départ", "2024-05-01", {"sus.yaml": SUS_YAML_TEST.read_text(encoding="utf-8"),
                                              "fiches/TR-6.2.1.md": AVANT})
    depot_git.git("mv", "fiches/TR-6.2.1.md", "fiches/TR-6.1.1.md")
    (depot_git.racine / "fiches" / "TR-6.1.1.md").write_text(AVANT.replace("TR-6.2.1", "TR-6.1.1"), encoding="utf-8")
    depot_git.git("add", "-A")
    depot_git.commit("déplacement", "2024-06-01")
    rapport = json.loads(sus("revue", "HEAD~1", "HEAD", "-f", "json", cwd=depot_git.racine).stdout)
    assert [f["changement"] for f in rapport["fiches"]] == ["modifiee"]
    assert rapport["fiches"][0]["details"][0]["texte"].startswith("identifiant : TR-6.2.1 → TR-6.1.1")
    assert [d["code"] for d in rapport["diagnostics"]] == ["SUS800"]


def test_fiche_supprimee_puis_recreee(depot_git, sus):
    from conftest import FICHE_VALIDE
    depot_git.commit("départ", "2024-01-05", {"sus.yaml": SUS_YAML_TEST.read_text(encoding="utf-8"),
                                              "fiches/TR-6.2.1.md": FICHE_VALIDE})
    depot_git.commit("suppression", "2024-04-01", {"fiches/TR-6.2.1.md": None})
    depot_git.commit("recréation", "2024-06-01", {"fiches/TR-6.2.1.md": FICHE_VALIDE.replace("Indicateur B", "B2")})
    rapport = json.loads(sus("revue", "HEAD~2", "HEAD", "-f", "json", cwd=depot_git.racine).stdout)
    assert [(f["id"], f["changement"]) for f in rapport["fiches"]] == [("TR-6.2.1", "modifiee")]
    bilan = json.loads(sus("bilan", "2024", "-f", "json", cwd=depot_git.racine).stdout)
    assert bilan["evolutions"]["creees"] == ["TR-6.2.1"] and bilan["evolutions"]["mises_a_jour"] == {"TR-6.2.1": 1}


def test_seules_les_fiches_qui_different_sont_lues(depot_git, sus, monkeypatch):
    """Git's blob ids tell which fiches differ: the others are neither read from git nor parsed."""
    from sus_cli.loading import documents

    fiches = {f"fiches/TR-6.{1 + i % 2}.{i + 1}.md": FICHE_VALIDE.replace("TR-6.2.1", f"TR-6.{1 + i % 2}.{i + 1}")
              for i in range(12)}
    depot_git.commit("départ", "2024-05-01", {"sus.yaml": SUS_YAML_TEST.read_text(encoding="utf-8"), **fiches})
    lues = []
    vraie = documents.fiche_depuis_octets
    monkeypatch.setattr(documents, "fiche_depuis_octets", lambda relatif, *a, **k: lues.append(relatif) or vraie(
        relatif, *a, **k))
    modifiee = "fiches/TR-6.2.2.md"
    depot_git.commit("une fiche", "2024-06-01", {modifiee: fiches[modifiee].replace("Indicateur B", "Indicateur C")})
    rapport = json.loads(sus("revue", "HEAD~1", "HEAD", "-f", "json", cwd=depot_git.racine).stdout)
    assert [f["chemin"] for f in rapport["fiches"]] == [modifiee] and sorted(lues) == [modifiee] * 2
    lues.clear()
    (depot_git.racine / "fiches" / "TR-6.1.1.md").write_text(fiches["fiches/TR-6.1.1.md"].replace("DSUN", "DEF"),
                                                             encoding="utf-8")
    rapport = json.loads(sus("revue", "HEAD~1", "-f", "json", cwd=depot_git.racine).stdout)
    assert [f["chemin"] for f in rapport["fiches"]] == ["fiches/TR-6.1.1.md", modifiee]
    assert sorted(lues) == ["fiches/TR-6.1.1.md"] * 2 + [modifiee] * 2
