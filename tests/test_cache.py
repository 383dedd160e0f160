"""The cache of `sus validate` (.sus-cache/): the same diagnostics as a cold run
whatever is edited, invalidated by every input that matters, never believed
when it is not this user's, harmless when corrupt, and shared safely by two
runs at the same time."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FICHE_VALIDE, SUS_YAML_TEST, ecrire

CACHE = Path(".sus-cache") / "verification.json"

FICHE = FICHE_VALIDE.replace("porteur: DSUN\n", """porteur: DSUN
statut: en_cours
debut: 2024-01-01
fin: 2025-03-31
fiches_liees: [TR-6.2.2]
validation: {etat: validee, par: DGA, le: 2024-03-15}
etapes:
  - {libelle: Cahier des charges, echeance: 2025-05-31, faite: false}
""") + "## Contexte\n\nTexte.\n"


def _fiche(identifiant: str) -> str:
    return FICHE.replace("TR-6.2.1", identifiant)


def _schema(racine: Path) -> None:
    (racine / "fiches").mkdir(parents=True)
    shutil.copy(SUS_YAML_TEST, racine / "sus.yaml")
    for identifiant in ("TR-6.2.1", "TR-6.2.2", "TR-6.1.1", "EF-1.1.1"):
        ecrire(racine, f"fiches/{identifiant}.md", _fiche(identifiant))


def _json(sus, racine: Path, *args: str) -> tuple[int, dict]:
    sortie = sus("validate", "--format", "json", *args, cwd=racine)
    return sortie.code, json.loads(sortie.stdout)


class Lectures:
    """Counts the fiches parsed (what the cache spares)."""

    def __init__(self, monkeypatch):
        from sus_cli.loading import documents

        self.n = 0
        vraie = documents.fiche_depuis_octets

        def compter(*args, **kwargs):
            self.n += 1
            return vraie(*args, **kwargs)
        monkeypatch.setattr(documents, "fiche_depuis_octets", compter)

    def depuis(self) -> int:
        n, self.n = self.n, 0
        return n


# One edit of a schéma: what a person does between two runs of sus validate.
EDITIONS = st.one_of(
    st.tuples(st.just("statut"), st.integers(0, 3), st.sampled_from(["realisee", "abandonnee", "bloquee", "oups"])),
    st.tuples(st.just("casser"), st.integers(0, 3), st.sampled_from(["titre: [", "titre: x\ntitre: y", "\tid: x"])),
    st.tuples(st.just("id"), st.integers(0, 3), st.sampled_from(["TR-6.2.1", "TR-6.2.2", "TR-9.1.1", "EF-1.1.1"])),
    st.tuples(st.just("liee"), st.integers(0, 3), st.sampled_from(["TR-6.2.2", "TR-6.2.9", "EF-1.1.1"])),
    st.tuples(st.just("ignorer"), st.integers(0, 3), st.sampled_from(["SUS606", "SUS300", "SUS999", "SUS100"])),
    st.tuples(st.just("supprimer"), st.integers(0, 3), st.none()),
    st.tuples(st.just("ajouter"), st.integers(0, 3), st.none()),
    st.tuples(st.just("toucher"), st.integers(0, 3), st.none()),
    st.tuples(st.just("regle"), st.sampled_from(["SUS606", "SUS300", "SUS604"]),
              st.sampled_from(["erreur", "avertissement", "desactivee"])),
    st.tuples(st.just("direction"), st.none(), st.none()),
    st.tuples(st.just("jour"), st.none(), st.sampled_from(["2024-12-31", "2025-04-01", "2025-06-30", "2026-01-01"])),
)


def _editer(racine: Path, edition, monkeypatch) -> None:
    quoi, cible, valeur = edition
    fiches = sorted((racine / "fiches").glob("*.md"))
    if quoi == "jour":
        monkeypatch.setenv("SUS_AUJOURDHUI", valeur)
        return
    if quoi in ("regle", "direction"):
        sus_yaml = racine / "sus.yaml"
        texte = sus_yaml.read_text(encoding="utf-8")
        if quoi == "regle":
            texte = texte.split("regles:")[0] + f"regles:\n  {cible}: {valeur}\n"
        else:
            texte = texte.replace("  DEF:\n", "  DEFS:\n")
        sus_yaml.write_text(texte, encoding="utf-8")
        return
    if quoi == "ajouter":
        ecrire(racine, f"fiches/sous/TR-6.2.{cible + 3}.md", _fiche(f"TR-6.2.{cible + 3}"))
        return
    if not fiches:
        return
    chemin = fiches[cible % len(fiches)]
    texte = chemin.read_text(encoding="utf-8")
    if quoi == "supprimer":
        chemin.unlink()
        return
    if quoi == "toucher":
        os.utime(chemin, ns=(chemin.stat().st_atime_ns, chemin.stat().st_mtime_ns + 10**9))
        return
    remplacements = {
        "statut": lambda t: t.replace("statut: en_cours", f"statut: {valeur}"),
        "casser": lambda t: t.replace("porteur: DSUN\n", f"porteur: DSUN\n{valeur}\n"),
        "id": lambda t: t.replace(t.split("\n")[1], f"id: {valeur}", 1),
        "liee": lambda t: t.replace("fiches_liees: [TR-6.2.2]", f"fiches_liees: [{valeur}]"),
        "ignorer": lambda t: t.replace("---\n## Contexte", f"sus_ignore: {{{valeur}: raison}}\n---\n## Contexte"),
    }
    chemin.write_text(remplacements[quoi](texte), encoding="utf-8")


@settings(max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(st.lists(EDITIONS, min_size=1, max_size=5))
def test_le_cache_donne_les_diagnostics_d_une_verification_complete(sus, monkeypatch, editions):
    """Property: after any sequence of edits, the run that uses the cache says
    exactly what a run without it says, for the whole schéma and for one fiche."""
    monkeypatch.setenv("SUS_AUJOURDHUI", "2025-06-30")
    with tempfile.TemporaryDirectory() as dossier:
        racine = Path(dossier) / "depot"
        _schema(racine)
        assert _json(sus, racine) == _json(sus, racine, "--sans-cache")
        for edition in editions:
            _editer(racine, edition, monkeypatch)
            assert _json(sus, racine) == _json(sus, racine, "--sans-cache"), edition
            for fiche in sorted((racine / "fiches").rglob("*.md"))[:2]:
                relatif = fiche.relative_to(racine).as_posix()
                assert _json(sus, racine, relatif) == _json(sus, racine, relatif, "--sans-cache"), (edition, relatif)


def test_chaque_entree_qui_compte_invalide_le_cache(depot, sus, monkeypatch):
    """The bytes of a fiche, sus.yaml, today's date, the version of sus and its code each invalidate
    what they change; a file touched but unchanged does not."""
    from sus_cli.loading import cache

    for identifiant in ("TR-6.2.1", "TR-6.2.2", "TR-6.1.1"):
        ecrire(depot, f"fiches/{identifiant}.md", _fiche(identifiant))
    lectures = Lectures(monkeypatch)
    froid = _json(sus, depot)
    assert lectures.depuis() == 3
    assert _json(sus, depot) == froid and lectures.depuis() == 0
    fiche = depot / "fiches" / "TR-6.2.1.md"
    os.utime(fiche, ns=(fiche.stat().st_atime_ns, fiche.stat().st_mtime_ns + 10**9))
    assert _json(sus, depot) == froid and lectures.depuis() == 0
    fiche.write_text(_fiche("TR-6.2.1").replace("en_cours", "realisee"), encoding="utf-8")
    apres = _json(sus, depot)
    assert lectures.depuis() == 1 and apres != froid
    assert apres == _json(sus, depot, "--sans-cache")
    lectures.depuis()
    # Today's date: the late fiche and the overdue step are not late yet on 2025-01-01.
    monkeypatch.setenv("SUS_AUJOURDHUI", "2025-01-01")
    tot = _json(sus, depot)
    assert lectures.depuis() == 3 and {d["code"] for d in tot[1]["diagnostics"]} != {
        d["code"] for d in apres[1]["diagnostics"]}
    monkeypatch.setenv("SUS_AUJOURDHUI", "2025-06-30")
    _json(sus, depot)
    lectures.depuis()
    # sus.yaml: a severity changed.
    with (depot / "sus.yaml").open("a", encoding="utf-8") as flux:
        flux.write("regles:\n  SUS606: erreur\n")
    severe = _json(sus, depot)
    assert lectures.depuis() == 3 and severe == _json(sus, depot, "--sans-cache")
    lectures.depuis()
    # Another version of sus, or its code changed.
    monkeypatch.setattr("sus_cli.__version__", "99.0")
    _json(sus, depot)
    assert lectures.depuis() == 3
    vrai = cache._empreinte_du_code
    monkeypatch.setattr(cache, "_empreinte_du_code", lambda: vrai() + b"modifie")
    _json(sus, depot)
    assert lectures.depuis() == 3
    assert _json(sus, depot) == severe and lectures.depuis() == 0


def test_sur_une_fiche_les_autres_ne_sont_pas_ouvertes(depot, sus, monkeypatch):
    """The pre-commit case: the other fiches' ids come from the cache while their files are as they
    were, even on another day (their results are checked again, not their ids)."""
    from sus_cli.loading import documents

    for identifiant in ("TR-6.2.1", "TR-6.2.2", "TR-6.1.1", "EF-1.1.1"):
        ecrire(depot, f"fiches/{identifiant}.md", _fiche(identifiant))
    _json(sus, depot)
    ouvertes = []
    vraie = documents.lire_id
    monkeypatch.setattr(documents, "lire_id", lambda chemin, relatif: ouvertes.append(relatif) or vraie(chemin, relatif))
    lectures = Lectures(monkeypatch)
    # The same day, the reported fiche comes from the cache; the next day it is checked again.
    for jour, analysees in (("2025-06-30", 0), ("2025-07-01", 1)):
        monkeypatch.setenv("SUS_AUJOURDHUI", jour)
        assert _json(sus, depot, "fiches/TR-6.2.1.md")[1]["fiches"] == 4
        assert ouvertes == [] and lectures.depuis() == analysees
        assert _json(sus, depot, "fiches/TR-6.2.1.md") == _json(sus, depot, "fiches/TR-6.2.1.md", "--sans-cache")
        ouvertes.clear()
        lectures.depuis()
    autre = depot / "fiches" / "TR-6.1.1.md"
    autre.write_text(_fiche("TR-6.1.1").replace("en_cours", "realisee"), encoding="utf-8")
    _json(sus, depot, "fiches/TR-6.2.1.md")
    assert ouvertes == ["fiches/TR-6.1.1.md"]


def test_sans_cache_ne_lit_ni_n_ecrit_le_cache(depot, sus, monkeypatch):
    ecrire(depot, "fiches/TR-6.2.1.md", _fiche("TR-6.2.1"))
    _json(sus, depot, "--sans-cache")
    assert not (depot / ".sus-cache").exists()
    _json(sus, depot)
    avant = (depot / CACHE).read_bytes()
    lectures = Lectures(monkeypatch)
    _json(sus, depot, "--sans-cache")
    assert lectures.depuis() == 1 and (depot / CACHE).read_bytes() == avant


def _mauvaise(depot: Path) -> Path:
    """A fiche whose one problem is its unknown porteur."""
    return ecrire(depot, "fiches/TR-6.2.1.md", _fiche("TR-6.2.1").replace("DSUN", "DSI")
                  .replace("fiches_liees: [TR-6.2.2]\n", ""))


@pytest.mark.parametrize("abimer", [
    lambda c: c.write_bytes(c.read_bytes()[: len(c.read_bytes()) // 2]),
    lambda c: c.write_bytes(b"\x00\xff" * 1000),
    lambda c: c.write_bytes(c.read_bytes().replace(b"DSI", b"DSUN")),
    lambda c: c.write_bytes(c.read_bytes().split(b"\n", 1)[0]),
    lambda c: c.write_text("", encoding="utf-8"),
], ids=["tronque", "binaire", "modifie", "sans-contenu", "vide"])
def test_un_cache_abime_est_ignore_puis_reecrit(depot, sus, monkeypatch, abimer):
    _mauvaise(depot)
    attendu = _json(sus, depot, "--sans-cache")
    _json(sus, depot)
    abimer(depot / CACHE)
    lectures = Lectures(monkeypatch)
    assert _json(sus, depot) == attendu and lectures.depuis() == 1
    assert _json(sus, depot) == attendu and lectures.depuis() == 0  # healed


def _sceller(racine: Path, contenu: bytes, secret: bytes) -> None:
    import hashlib
    sceau = hashlib.blake2b(contenu, key=secret, digest_size=32).hexdigest().encode()
    from sus_cli.loading.cache import FORMAT
    (racine / CACHE).write_bytes(b"sus-cache %d " % FORMAT + sceau + b"\n" + contenu)


def test_un_cache_d_un_autre_utilisateur_n_est_jamais_cru(depot, sus, monkeypatch, tmp_path):
    """A cache committed to git or written by someone else in a shared folder, even for the same
    bytes and the same context, and saying the fiche is fine, is ignored: it is not sealed with
    this user's key."""
    from sus_cli.loading import cache

    fiche = _mauvaise(depot)
    attendu = _json(sus, depot, "--sans-cache")
    assert attendu[0] == 1
    _json(sus, depot)
    entrees = json.loads((depot / CACHE).read_bytes().split(b"\n", 1)[1])
    for entree in entrees["fichiers"].values():
        resume = json.loads(entree[3])
        if resume[4] == "DSI":
            resume[4] = "DSUN"  # a known porteur,
        resume[8] = []  # and no diagnostic
        entree[3] = json.dumps(resume)
    contenu = json.dumps(entrees).encode()
    _sceller(depot, contenu, os.urandom(32))  # another user's key
    assert _json(sus, depot) == attendu
    # Sealed with this user's key (the test stands for sus itself here), it would be believed:
    # what makes a planted cache harmless is the key alone.
    _sceller(depot, contenu, cache._secret())
    assert _json(sus, depot)[0] == 0
    fiche.write_bytes(fiche.read_bytes() + b"\n")
    assert _json(sus, depot)[0] == 1


def test_un_cache_profond_ou_trop_gros_est_ignore(depot, sus, monkeypatch):
    from sus_cli.loading import cache

    _mauvaise(depot)
    attendu = _json(sus, depot, "--sans-cache")
    _json(sus, depot)
    _sceller(depot, b"[" * 100_000 + b"]" * 100_000, cache._secret())
    assert _json(sus, depot) == attendu
    monkeypatch.setattr(cache, "TAILLE_MAX", 100)
    lectures = Lectures(monkeypatch)
    assert _json(sus, depot) == attendu and lectures.depuis() == 1


def test_le_cache_ne_suit_aucun_lien(depot, sus):
    """A link in place of the cache file (committed to git, say) is replaced, never written
    through; a link or a file in place of the cache folder is left alone, and nothing is kept."""
    fiche = _mauvaise(depot)
    autre = ecrire(depot, "fiches/TR-6.2.2.md", _fiche("TR-6.2.2"))
    attendu = _json(sus, depot, "--sans-cache")
    (depot / ".sus-cache").mkdir()
    (depot / CACHE).symlink_to(autre)
    octets = autre.read_bytes()
    assert _json(sus, depot) == attendu
    assert autre.read_bytes() == octets and not (depot / CACHE).is_symlink()
    shutil.rmtree(depot / ".sus-cache")
    (depot / ".sus-cache").symlink_to(depot / "fiches")
    assert _json(sus, depot) == attendu
    assert sorted(p.name for p in (depot / "fiches").iterdir()) == ["TR-6.2.1.md", "TR-6.2.2.md"]
    (depot / ".sus-cache").unlink()
    (depot / ".sus-cache").write_text("pas un dossier", encoding="utf-8")
    assert _json(sus, depot) == attendu
    assert (depot / ".sus-cache").read_text(encoding="utf-8") == "pas un dossier"
    assert fiche.exists()


def _grand_schema(racine: Path, n: int) -> None:
    (racine / "fiches").mkdir(parents=True)
    shutil.copy(SUS_YAML_TEST, racine / "sus.yaml")
    for i in range(n):
        identifiant = f"TR-6.{1 + i % 2}.{i + 1}"
        texte = _fiche(identifiant)
        if i % 7 == 0:
            texte = texte.replace("DSUN", "DSI")
        if i % 11 == 0:
            texte = texte.replace("porteur: DSUN\n", "porteur: DSUN\ntitre: double\n")
        ecrire(racine, f"fiches/{i % 5}/{identifiant}.md", texte)


def _processus(racine: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "COLUMNS": "120", "NO_COLOR": "1", "SUS_AUJOURDHUI": "2025-06-30"}
    return subprocess.Popen([sys.executable, "-m", "sus_cli", "validate", "--format", "json", *args], cwd=racine,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def test_deux_verifications_en_meme_temps(tmp_path, sus, monkeypatch):
    """Two runs at once, cold then after an edit: each says what a run without cache says, and the
    cache they leave is sound (the next run parses nothing)."""
    racine = tmp_path / "depot"
    _grand_schema(racine, 240)
    for tour in range(2):
        attendu = _json(sus, racine, "--sans-cache")
        processus = [_processus(racine), _processus(racine)]
        for p in processus:
            sortie, erreurs = p.communicate(timeout=120)
            assert (p.returncode, json.loads(sortie)) == attendu, erreurs
        lectures = Lectures(monkeypatch)
        assert _json(sus, racine) == attendu and lectures.depuis() == 0
        for i in range(0, 240, 30):
            fiche = next((racine / "fiches" / str(i % 5)).glob(f"TR-6.{1 + i % 2}.{i + 1}.md"))
            fiche.write_text(fiche.read_text(encoding="utf-8").replace("en_cours", "realisee"), encoding="utf-8")


def test_plusieurs_processus_donnent_la_meme_sortie(tmp_path, sus):
    """--jobs 2 says exactly what --jobs 1 says, in the same order, in every format."""
    racine = tmp_path / "depot"
    _grand_schema(racine, 60)
    for format_ in ("json", "texte", "github", "gitlab"):
        seul = sus("validate", "--format", format_, "--jobs", "1", "--sans-cache", cwd=racine)
        deux = sus("validate", "--format", format_, "--jobs", "2", "--sans-cache", cwd=racine)
        assert (deux.code, deux.stdout) == (seul.code, seul.stdout)
    seul = sus("validate", "--format", "json", "--jobs", "1", "fiches/1", cwd=racine)
    deux = sus("validate", "--format", "json", "--jobs", "2", "fiches/1", "--sans-cache", cwd=racine)
    assert (deux.code, deux.stdout) == (seul.code, seul.stdout)
    assert sus("validate", "--jobs", "0", cwd=racine).code == 2


def test_sus_init_ignore_le_cache(tmp_path, sus):
    git = shutil.which("git")
    if git is None:
        pytest.skip("git est absent")
    racine = tmp_path / "nouveau"
    assert sus("init", str(racine), cwd=tmp_path).code == 0
    assert ".sus-cache/" in (racine / ".gitignore").read_text(encoding="utf-8").split()
    subprocess.run([git, "init", "-q"], cwd=racine, check=True)
    assert sus("validate", cwd=racine).code == 0 and (racine / CACHE).is_file()
    suivis = subprocess.run([git, "status", "--porcelain", "--untracked-files=all"], cwd=racine, check=True,
                            capture_output=True, text=True).stdout
    assert ".sus-cache" not in suivis
    # Even in a repository whose .gitignore says nothing of it (one made before this version).
    (racine / ".gitignore").write_text("", encoding="utf-8")
    suivis = subprocess.run([git, "status", "--porcelain", "--untracked-files=all"], cwd=racine, check=True,
                            capture_output=True, text=True).stdout
    assert ".sus-cache" not in suivis
