"""`sus suivi TRIMESTRE` on a scripted, dated repository."""

from __future__ import annotations

import json
from html.parser import HTMLParser

from conftest import FICHE_VALIDE, SUS_YAML_TEST

SUS_YAML = SUS_YAML_TEST.read_text(encoding="utf-8").replace(
    '    nom: "Direction Enfance Famille"', '    nom: "Direction Enfance Famille"\n    relecteurs: ["@dep/def"]')


def _fiche(identifiant: str, porteur: str, extra: str = "") -> str:
    return FICHE_VALIDE.replace("TR-6.2.1", identifiant).replace("DSUN", porteur + "\n" + extra.strip())


ACTIVE = _fiche("TR-6.2.1", "DSUN", """
statut: en_cours
fin: 2024-08-31
validation: {etat: validee, par: DGA, le: 2024-01-10}
etapes:
  - {libelle: Recette, echeance: 2024-09-01}
""").replace("{id: a, libelle: Indicateur A, unite: nombre}",
             "{id: a, libelle: Indicateur A, unite: nombre, valeurs: {2024-T3: 12}, sens: hausse, "
             "cibles: {2027: 20}}")
DORMANTE = _fiche("TR-6.1.1", "DSUN", "statut: en_cours\nvalidation: {etat: soumise}")
CLOSE = _fiche("EF-1.1.1", "DEF", "statut: realisee\nvalidation: {etat: validee, par: DEF, le: 2024-02-01}")


def _depot(depot_git):
    depot_git.commit("départ", "2024-01-05", {"sus.yaml": SUS_YAML, "fiches/TR-6.2.1.md": ACTIVE,
                                              "fiches/TR-6.1.1.md": DORMANTE, "fiches/ef/EF-1.1.1.md": CLOSE})
    depot_git.commit("valeur T3", "2024-08-20", {"fiches/TR-6.2.1.md": ACTIVE + "\n"})
    return depot_git


def test_suivi_json(depot_git, sus, monkeypatch):
    monkeypatch.setenv("SUS_AUJOURDHUI", "2024-10-05")
    _depot(depot_git)
    sortie = sus("suivi", "2024-t3", "--format", "json", cwd=depot_git.racine)
    assert sortie.code == 0, sortie.stderr
    s = json.loads(sortie.stdout)
    assert (s["trimestre"], s["debut"], s["fin"], s["mises_a_jour"]) == ("2024-T3", "2024-07-01", "2024-09-30", 1)
    assert [p["code"] for p in s["porteurs"]] == ["DEF", "DSUN"]  # sorted by porteur
    def_, dsun = s["porteurs"]
    assert def_["sans_activite"] == [] and def_["indicateurs_sans_valeur"] == []  # closed fiche: nothing asked
    assert dsun["sans_activite"] == ["TR-6.1.1"]
    assert dsun["en_retard"] == [{"id": "TR-6.2.1", "fin": "2024-08-31"}]
    assert {"fiche": "TR-6.2.1", "indicateur": "Indicateur B"} in dsun["indicateurs_sans_valeur"]
    assert {"fiche": "TR-6.2.1", "indicateur": "Indicateur A"} not in dsun["indicateurs_sans_valeur"]
    assert dsun["etapes_depassees"] == [{"fiche": "TR-6.2.1", "etape": "Recette", "echeance": "2024-09-01"}]
    assert dsun["non_validees"] == [{"id": "TR-6.1.1", "etat": "soumise"}]
    avertis = dsun["validees_avec_avertissements"]
    assert avertis[0]["id"] == "TR-6.2.1" and any("SUS401" in a for a in avertis[0]["avertissements"])
    # Lateness has its own sections, judged at the end of the quarter, not repeated here from today's view.
    assert not any(a.startswith(("SUS606", "SUS608")) for a in avertis[0]["avertissements"])


def test_suivi_markdown_et_html(depot_git, sus, monkeypatch):
    monkeypatch.setenv("SUS_AUJOURDHUI", "2024-10-05")
    _depot(depot_git)
    sortie = sus("suivi", "2024-T3", cwd=depot_git.racine)
    assert sortie.code == 0 and (depot_git.racine / "suivi-2024-T3.md").is_file()
    texte = (depot_git.racine / "suivi-2024-T3.md").read_text(encoding="utf-8")
    assert "Trimestre du 1er juillet 2024 au 30 septembre 2024" in texte
    assert "## DSUN — Direction des systèmes et usages numériques" in texte
    assert "### Fiches sans aucune modification pendant le trimestre (1)\n\n- TR-6.1.1" in texte
    page = sus("suivi", "2024-T3", "-f", "html", "--sortie", "-", cwd=depot_git.racine).stdout
    analyse = HTMLParser()
    analyse.feed(page)
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page and "@page" in page


def test_suivi_erreurs(depot, sus):
    sortie = sus("suivi", "2024-Q3", cwd=depot)
    assert sortie.code == 2 and "trimestre « 2024-Q3 » invalide" in sortie.stderr
    sortie = sus("suivi", "2024-T3", cwd=depot)
    assert sortie.code == 2 and "n'est pas dans un dépôt git" in sortie.stderr


def test_suivi_ne_relance_pas_les_fiches_terminees(depot_git, sus, monkeypatch):
    """A fiche réalisée or abandonnée appears in no section, even unvalidated, late or with warnings."""
    monkeypatch.setenv("SUS_AUJOURDHUI", "2025-03-01")
    terminees = {}
    for rang, statut in ((1, "realisee"), (2, "abandonnee")):
        terminees[f"fiches/TR-6.2.{rang}.md"] = _fiche(f"TR-6.2.{rang}", "DSUN", f"""
statut: {statut}
fin: 2024-03-31
validation: {{etat: brouillon}}
etapes:
  - {{libelle: Recette, echeance: 2024-02-01}}
""").replace("{id: a, libelle: Indicateur A, unite: nombre}",
             "{id: a, libelle: Indicateur A, unite: nombre, sens: hausse, cibles: {2027: 20}}")
    depot_git.commit("départ", "2024-01-05", {"sus.yaml": SUS_YAML, **terminees})
    s = json.loads(sus("suivi", "2024-T3", "--format", "json", cwd=depot_git.racine).stdout)
    (dsun,) = s["porteurs"]
    assert dsun["fiches"] == 2
    for section in ("sans_activite", "en_retard", "indicateurs_sans_valeur", "etapes_depassees", "non_validees",
                    "validees_avec_avertissements"):
        assert dsun[section] == [], section


def test_suivi_juge_le_retard_a_la_fin_du_trimestre(depot_git, sus, monkeypatch):
    fiches = {f"fiches/TR-6.2.{rang}.md": _fiche(f"TR-6.2.{rang}", "DSUN", f"""
statut: en_cours
fin: {fin}
etapes:
  - {{libelle: Étape {rang}, echeance: {fin}}}
""") for rang, fin in ((1, "2024-09-30"), (2, "2024-11-30"))}
    depot_git.commit("départ", "2024-01-05", {"sus.yaml": SUS_YAML, **fiches})

    def retards(trimestre: str, aujourdhui: str) -> tuple[list[str], list[str]]:
        monkeypatch.setenv("SUS_AUJOURDHUI", aujourdhui)
        sortie = sus("suivi", trimestre, "--format", "json", cwd=depot_git.racine)
        (dsun,) = json.loads(sortie.stdout)["porteurs"]
        return [f["id"] for f in dsun["en_retard"]], [e["fiche"] for e in dsun["etapes_depassees"]]

    # The review of 2024-T3 says the same in October 2024 and in March 2025.
    assert retards("2024-T3", "2024-10-05") == retards("2024-T3", "2025-03-01") == (["TR-6.2.1"], ["TR-6.2.1"])
    # Asked before its end, a quarter is still judged at its end.
    assert retards("2024-T4", "2024-10-05") == (["TR-6.2.1", "TR-6.2.2"], ["TR-6.2.1", "TR-6.2.2"])
    texte = sus("suivi", "2024-T3", "--sortie", "-", cwd=depot_git.racine).stdout
    assert "### Fiches en retard à la fin du trimestre (1)" in texte
