"""Every rule, a bad and a good case (tests/regles/cas.yaml), checked to the column."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from conftest import ecrire
from sus_cli.rules.registry import toutes

CAS = yaml.safe_load((Path(__file__).parent / "regles" / "cas.yaml").read_text(encoding="utf-8"))
CHEMIN_PAR_DEFAUT = "fiches/TR-6.2.1.md"


def _parametres(revue: bool):
    for code, cas in CAS.items():
        for nature in ("mauvais", "bon"):
            if "voir" not in cas[nature] and ("avant" in cas[nature]) == revue:
                yield pytest.param(code, nature, id=f"{code}-{nature}")


@pytest.mark.parametrize("code,nature", list(_parametres(revue=False)))
def test_cas_de_regle(code, nature, depot, sus):
    cas = CAS[code][nature]
    fichiers = cas.get("fichiers") or {cas.get("chemin", CHEMIN_PAR_DEFAUT): cas["fiche"]}
    for relatif, contenu in fichiers.items():
        ecrire(depot, relatif, contenu)
    unique = next(iter(fichiers)) if len(fichiers) == 1 else None
    sortie = sus("validate", "--format", "json", cwd=depot)
    rapport = json.loads(sortie.stdout)
    obtenus = sorted(f"{d['path']}:{d['line']}:{d['column']} {d['code']}" for d in rapport["diagnostics"])
    attendus = sorted(a if a.startswith("fiches/") else f"{unique}:{a}" for a in cas["attendu"])
    assert obtenus == attendus, "\n".join(d["message"] for d in rapport["diagnostics"])
    if nature == "mauvais":
        assert code in {d["code"] for d in rapport["diagnostics"]}
    erreurs = any(d["severity"] == "error" for d in rapport["diagnostics"])
    assert sortie.code == (1 if erreurs else 0)


@pytest.mark.parametrize("code,nature", list(_parametres(revue=True)))
def test_cas_de_regle_de_revue(code, nature, depot_git, sus):
    """Workflow rules: two commits of one fiche, then `sus revue HEAD~1 HEAD`."""
    cas = CAS[code][nature]
    sus_yaml = (Path(__file__).parent / "regles" / "sus.yaml").read_text(encoding="utf-8")
    depot_git.commit("avant", "2025-01-10", {"sus.yaml": sus_yaml, CHEMIN_PAR_DEFAUT: cas["avant"]})
    depot_git.commit("après", "2025-01-11", {CHEMIN_PAR_DEFAUT: cas["apres"]})
    sortie = sus("revue", "HEAD~1", "HEAD", "--format", "json", cwd=depot_git.racine)
    rapport = json.loads(sortie.stdout)
    obtenus = sorted(f"{d['line']}:{d['column']} {d['code']}" for d in rapport["diagnostics"])
    assert obtenus == sorted(cas["attendu"]), "\n".join(d["message"] for d in rapport["diagnostics"])
    assert sortie.code == (1 if cas["attendu"] else 0)
    assert rapport["fiches"][0]["changement"] == "modifiee"


def test_chaque_regle_a_un_cas_mauvais_et_un_cas_bon():
    regles = set(toutes())
    assert regles == set(CAS), f"règles sans cas : {regles - set(CAS)} ; cas sans règle : {set(CAS) - regles}"
    for code, cas in CAS.items():
        assert {"mauvais", "bon"} <= set(cas), code


def test_les_cas_renvoyes_a_un_test_existent():
    for cas in CAS.values():
        for nature in ("mauvais", "bon"):
            voir = cas[nature].get("voir")
            if voir:
                fichier, fonction = voir.split("::")
                source = (Path(__file__).parent / fichier).read_text(encoding="utf-8")
                assert f"def {fonction}(" in source, voir


def test_chaque_regle_est_documentee_avec_un_exemple():
    for regle in toutes().values():
        assert "Mauvais" in regle.doc and "Bon" in regle.doc, regle.code
        assert regle.slug and regle.slug == regle.slug.lower(), regle.code
