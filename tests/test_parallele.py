"""Commands that read a large schéma in worker processes say exactly what they
say in one process: sus export, sus avancement, sus bilan --format json,
sus collecte (each fiche becomes, in a worker, what the command keeps of it)."""

from __future__ import annotations

import json
import sys

import pytest

from conftest import FICHE_VALIDE, ecrire
from sus_cli.paralleles import SEUIL_PARALLELE

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="les processus parallèles sont ceux de Linux (fork)")

FICHE = FICHE_VALIDE.replace("porteur: DSUN\n", """porteur: DSUN
statut: en_cours
fin: 2025-03-31
dispositifs: [PDILE]
validation: {etat: validee, par: DGA, le: 2024-03-15}
budget:
  - {annee: 2025, prevu: 1000, engage: 800}
notes_suivi:
  - {date: 2025-02-01, texte: Point d'étape}
""").replace("  - {id: a, libelle: Indicateur A, unite: nombre}\n", """  - id: a
    libelle: Indicateur A
    unite: nombre
    sens: hausse
    reference: {annee: 2022, valeur: 10}
    cibles: {2027: 40}
    valeurs: {2024: 20, 2025-T1: 25, 2025: {valeur: 30, commentaire: provisoire}}
""")


@pytest.fixture
def grand(depot, tmp_path):
    for i in range(SEUIL_PARALLELE + 12):
        identifiant = f"TR-6.{1 + i % 2}.{i + 1}"
        texte = FICHE.replace("TR-6.2.1", identifiant)
        if i % 9 == 0:
            texte = texte.replace("porteur: DSUN", "porteur: DEF").replace("en_cours", "realisee")
        if i % 13 == 0:
            texte = texte.replace("statut: en_cours", "statut: fini")  # invalid: left out, and said so
        ecrire(depot, f"fiches/{i % 3}/{identifiant}.md", texte)
    (tmp_path / "ailleurs").mkdir()
    (depot / "fiches" / "dehors").symlink_to(tmp_path / "ailleurs")  # a folder not read (SUS104)
    return depot


def _processus(monkeypatch, n: int) -> None:
    """As if the machine had `n` processors (two workers even on a machine with one)."""
    from sus_cli import paralleles
    from sus_cli.loading import repository

    for module in (paralleles, repository):
        monkeypatch.setattr(module, "processus_disponibles", lambda: n)


def _deux_fois(sus, monkeypatch, racine, *args):
    """The command's output with workers, and in one process."""
    _processus(monkeypatch, 2)
    avec = sus(*args, cwd=racine)
    _processus(monkeypatch, 1)
    return avec, sus(*args, cwd=racine)


@pytest.mark.parametrize("args", [("avancement", "--format", "json"), ("avancement",),
                                  ("bilan", "2025", "--format", "json", "--sortie", "-"),
                                  ("export", "--format", "csv", "--sortie", "-x")],
                         ids=["avancement-json", "avancement", "bilan-json", "export-csv"])
def test_avec_des_processus_la_meme_sortie(grand, sus, monkeypatch, args):
    monkeypatch.setenv("SUS_AUJOURDHUI", "2025-06-30")
    if args[0] == "export":
        args = ("export", "--format", "csv", "--sortie", str(grand.parent / "x"))
        # With workers, the files are written first; the second run writes them again, the same.
    avec, seul = _deux_fois(sus, monkeypatch, grand, *args)
    assert (avec.code, avec.stdout, avec.stderr) == (seul.code, seul.stdout, seul.stderr)
    assert avec.code == 1  # invalid fiches and the unreadable folder are reported
    if args[0] == "export":
        fichiers = sorted(grand.parent.glob("x-*.csv"))
        assert len(fichiers) == 2 and all(f.stat().st_size > 1000 for f in fichiers)
    if args[-1] == "-" or "json" in args:
        json.loads(avec.stdout)


def test_collecte_avec_des_processus(grand, sus, monkeypatch, tmp_path):
    from openpyxl import load_workbook

    monkeypatch.setenv("SUS_AUJOURDHUI", "2025-06-30")
    _processus(monkeypatch, 2)
    avec = sus("collecte", "2025-T2", "--sortie", str(tmp_path / "a"), cwd=grand)
    _processus(monkeypatch, 1)
    seul = sus("collecte", "2025-T2", "--sortie", str(tmp_path / "b"), cwd=grand)
    assert avec.code == seul.code == 1
    assert avec.stderr.replace(str(tmp_path / "a"), str(tmp_path / "b")) == seul.stderr
    for chemin in sorted((tmp_path / "a").glob("*.xlsx")):
        a, b = load_workbook(chemin), load_workbook(tmp_path / "b" / chemin.name)
        for feuille in a.sheetnames:
            assert [list(r) for r in a[feuille].iter_rows(values_only=True)] == [
                list(r) for r in b[feuille].iter_rows(values_only=True)], (chemin.name, feuille)
