"""Files written by sus: atomically, with ordinary permissions."""

from __future__ import annotations

import os
import stat

import pytest

from sus_cli.files import ecrire_atomique


def test_ecriture_atomique_et_droits(tmp_path):
    masque = os.umask(0o022)
    try:
        ecrire_atomique(tmp_path / "a" / "bilan.md", "é\n")
        chemin = tmp_path / "a" / "bilan.md"
        assert chemin.read_text(encoding="utf-8") == "é\n"
        assert stat.S_IMODE(chemin.stat().st_mode) == 0o644
        chemin.chmod(0o600)
        ecrire_atomique(chemin, b"octets")
        assert chemin.read_bytes() == b"octets" and stat.S_IMODE(chemin.stat().st_mode) == 0o600
    finally:
        os.umask(masque)
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["bilan.md"]


def test_ecriture_interrompue_ne_touche_pas_le_fichier(tmp_path, monkeypatch):
    chemin = tmp_path / "bilan.md"
    chemin.write_text("ancien", encoding="utf-8")

    def echec(*_):
        raise OSError("disque plein")
    monkeypatch.setattr(os, "fsync", echec)
    with pytest.raises(OSError):
        ecrire_atomique(chemin, "nouveau")
    assert chemin.read_text(encoding="utf-8") == "ancien"
    assert [p.name for p in tmp_path.iterdir()] == ["bilan.md"]
