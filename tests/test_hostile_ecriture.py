"""Where sus writes (issue 8, items 1 and 10): --sortie onto a device, a pipe,
a link, a folder or into a missing folder; interrupted writes."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import FICHE_VALIDE, ecrire


@pytest.fixture
def schema(depot):
    ecrire(depot, "fiches/TR-6.2.1.md", FICHE_VALIDE)
    return depot


def test_sortie_standard_par_son_nom(schema, sus, monkeypatch):
    remplacer = os.replace

    def garde(source, destination, *args, **kwargs):
        # If this ever regresses, fail the test rather than replace /dev/stdout on the machine.
        assert not str(destination).startswith("/dev/"), f"remplacerait {destination}"
        return remplacer(source, destination, *args, **kwargs)
    monkeypatch.setattr(os, "replace", garde)
    sortie = sus("bilan", "2024", "--sortie", "/dev/stdout", cwd=schema)
    assert sortie.code == 0, sortie.stderr
    assert sortie.stdout.startswith("# ") and "Dématérialiser les fiches" in sortie.stdout


def test_sortie_vers_un_tube_nomme(schema, sus, tmp_path):
    tube = tmp_path / "tube"
    os.mkfifo(tube)
    recu = []
    lecteur = threading.Thread(target=lambda: recu.append(tube.read_bytes()), daemon=True)
    lecteur.start()
    sortie = sus("bilan", "2024", "--format", "html", "--sortie", str(tube), cwd=schema)
    lecteur.join(timeout=10)
    assert sortie.code == 0, sortie.stderr
    assert stat.S_ISFIFO(tube.lstat().st_mode), "le tube a été remplacé par un fichier"
    assert recu and recu[0].startswith(b"<!DOCTYPE html>")


def test_sortie_vers_un_peripherique(schema, sus, tmp_path):
    nul = tmp_path / "nul"
    try:
        os.mknod(nul, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # what /dev/null is
    except PermissionError:
        pytest.skip("créer un périphérique demande les droits de root "
                    "(le cas d'un conteneur d'intégration continue)")
    sortie = sus("bilan", "2024", "--sortie", str(nul), cwd=schema)
    assert sortie.code == 0, sortie.stderr
    assert stat.S_ISCHR(nul.lstat().st_mode), "le périphérique a été remplacé par un fichier"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_sortie_par_un_lien_remplace_la_cible(schema, sus, tmp_path):
    cible = tmp_path / "rapports" / "bilan.md"
    cible.parent.mkdir()
    cible.write_text("ancien", encoding="utf-8")
    lien = tmp_path / "bilan.md"
    lien.symlink_to(cible)
    sortie = sus("bilan", "2024", "--sortie", str(lien), cwd=schema)
    assert sortie.code == 0, sortie.stderr
    assert lien.is_symlink() and os.readlink(lien) == str(cible)
    assert cible.read_text(encoding="utf-8").startswith("# ")


def test_sortie_dans_un_dossier_manquant(schema, sus, tmp_path):
    sortie = sus("bilan", "2024", "--sortie", str(tmp_path / "nouveau" / "bilan.md"), cwd=schema)
    assert sortie.code == 2
    assert "le dossier" in sortie.stderr and "n'existe pas" in sortie.stderr
    assert not (tmp_path / "nouveau").exists()


def test_sortie_sur_un_dossier(schema, sus, tmp_path):
    sortie = sus("bilan", "2024", "--sortie", str(tmp_path), cwd=schema)
    assert sortie.code == 2
    assert sortie.stderr.startswith(f"Erreur : impossible d'écrire {tmp_path} : c'est un dossier")
    assert ".tmp" not in sortie.stderr and "Is a directory" not in sortie.stderr


def test_export_xlsx_sur_la_sortie_standard(schema):
    fait = subprocess.run([sys.executable, "-m", "sus_cli", "export", "--sortie", "-"], cwd=schema,
                          capture_output=True, timeout=60)
    assert fait.returncode == 0, fait.stderr
    assert fait.stdout.startswith(b"PK")  # a zip: the workbook
    assert not list(schema.glob("*.xlsx")) and not (schema / "-").exists()


def test_export_csv_refuse_la_sortie_standard(schema, sus):
    sortie = sus("export", "--format", "csv", "--sortie", "-", cwd=schema)
    assert sortie.code == 2 and "début du nom" in sortie.stderr


def test_codeowners_suit_un_lien_dans_le_depot_seulement(schema, sus, tmp_path):
    (schema / ".git").mkdir()
    (schema / ".github").mkdir()
    (schema / "partage").mkdir()
    (schema / "partage" / "CODEOWNERS").write_text("ancien\n", encoding="utf-8")
    (schema / ".github" / "CODEOWNERS").symlink_to("../partage/CODEOWNERS")
    assert sus("codeowners", cwd=schema).code == 0
    assert (schema / ".github" / "CODEOWNERS").is_symlink()
    assert "Généré par" in (schema / "partage" / "CODEOWNERS").read_text(encoding="utf-8")

    dehors = tmp_path / "ailleurs"
    dehors.write_text("à ne pas toucher\n", encoding="utf-8")
    (schema / ".github" / "CODEOWNERS").unlink()
    (schema / ".github" / "CODEOWNERS").symlink_to(dehors)
    sortie = sus("codeowners", cwd=schema)
    assert sortie.code == 2 and "hors du dépôt" in sortie.stderr
    assert dehors.read_text(encoding="utf-8") == "à ne pas toucher\n"
    assert (schema / ".github" / "CODEOWNERS").is_symlink()


ECRITURE_LENTE = """
import os, sys, time
from pathlib import Path
from sus_cli import files
def lent(descripteur):
    print("pret", flush=True)
    time.sleep(60)
os.fsync = lent
files.ecrire_atomique(Path(sys.argv[1]), "contenu")
"""


def _ecriture_interrompue(dossier: Path, numero: int) -> int:
    processus = subprocess.Popen([sys.executable, "-c", ECRITURE_LENTE, str(dossier / "bilan-2024.md")],
                                 stdout=subprocess.PIPE, text=True)
    try:
        assert processus.stdout.readline() == "pret\n"
        assert [p.name for p in dossier.glob(".bilan-2024.md.*.tmp")], "pas de fichier temporaire pendant l'écriture"
        processus.send_signal(numero)
        return processus.wait(timeout=20)
    finally:
        processus.kill()
        processus.stdout.close()


def test_sigterm_pendant_une_ecriture_ne_laisse_rien(tmp_path):
    assert _ecriture_interrompue(tmp_path, signal.SIGTERM) == 128 + signal.SIGTERM
    assert list(tmp_path.iterdir()) == []


def test_la_commande_suivante_retire_les_restes_d_une_ecriture_tuee(schema, sus):
    assert _ecriture_interrompue(schema, signal.SIGKILL) == -signal.SIGKILL
    restes = list(schema.glob(".bilan-2024.md.*.tmp"))
    assert restes  # SIGKILL cannot be caught: the temporary file stays...
    autre = schema / ".bilan-2024.md.k3j4h5g6.tmp"  # ...as does one of a run long ago
    autre.write_text("x")
    os.utime(autre, (time.time() - 7200, time.time() - 7200))
    vivant = schema / f".bilan-2024.md.{os.getpid()}.abcdefgh.tmp"  # a write in progress: not touched
    vivant.write_text("x")
    assert sus("bilan", "2024", cwd=schema).code == 0
    assert sorted(p.name for p in schema.glob(".bilan-2024.md.*")) == [vivant.name]
    assert (schema / "bilan-2024.md").read_text(encoding="utf-8").startswith("# ")
