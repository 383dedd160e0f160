"""Benchmark of start-up, scale, memory and both cores, in one run: every
target of the issue "instant at the start, flat in memory, both cores at
scale" printed as a ratio.

Generates a one-fiche schéma and an N-fiche one (bench/generer.py), then
runs every measure once per round, round after round, and prints the median
time (and the peak memory) of each, and the ratios:

- the floors: bench/plancher.py (read + split + PyYAML's C loader, one
  process) on the one-fiche schéma and on the N-fiche one;
- the stack every command stands on: Python, Typer and what Typer imports
  to read options (pydantic, its plugin discovery), and nothing else;
- `sus --version`;
- `sus validate ONE.md` in the one-fiche schéma and in the N-fiche one: as in
  a pre-commit hook (the fiche was just edited, the rest is in the cache),
  with nothing changed, and without the cache;
- `sus validate` of the N fiches: cold (--sans-cache), cold in one process
  (--jobs 1), and warm (nothing changed since the last run);
- `sus export --format xlsx`, `sus bilan ANNEE --format json`, `sus avancement`;
- `sus revue HEAD` with 10 fiches edited since the last commit.

    python bench/vitesse.py [N] [TOURS]        # default N = 5000, TOURS = 5

The machine this runs on may be doing other work: interleaving spreads it
over every measure alike, and the medians keep the ratios honest.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ICI = Path(__file__).resolve().parent
sys.path.insert(0, str(ICI))
from generer import generer  # noqa: E402
from validate import medianes, preparer_bytecode, une_mesure  # noqa: E402


# What Typer 0.29 imports for any command with an option that is not a flag: it reads option values
# through pydantic TypeAdapters, and pydantic looks for plugins when building one.
PILE = "import typer, typer._adapters, pydantic.plugin._loader"


def _basculer(chemin: Path):
    """An edit of a fiche between two runs (a blank line added, then taken away), as a person
    makes before committing."""
    def editer() -> None:
        octets = chemin.read_bytes()
        chemin.write_bytes(octets[:-1] if octets.endswith(b"\n\n") else octets + b"\n")
    return editer


def _git(racine: Path, *args: str) -> None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "Banc", "GIT_AUTHOR_EMAIL": "banc@example.org",
           "GIT_COMMITTER_NAME": "Banc", "GIT_COMMITTER_EMAIL": "banc@example.org"}
    subprocess.run(["git", *args], cwd=racine, env=env, check=True, capture_output=True)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5_000
    tours = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    preparer_bytecode()
    sus = [sys.executable, "-m", "sus_cli"]
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.update(SUS_AUJOURDHUI="2025-06-30", XDG_CACHE_HOME=str(Path(tmp) / "cache-utilisateur"))
        petit, grand = Path(tmp) / "petit", Path(tmp) / "grand"
        generer(petit, 1)
        generer(grand, n)
        une = sorted((petit / "fiches").rglob("*.md"))[0]
        une_grand = sorted((grand / "fiches").rglob("*.md"))[n // 2]
        relatif, relatif_grand = une.relative_to(petit).as_posix(), une_grand.relative_to(grand).as_posix()
        _git(grand, "init", "-q")
        _git(grand, "add", "-A")
        _git(grand, "commit", "-q", "-m", "départ")
        editees = sorted((grand / "fiches").rglob("*.md"))[::n // 10][:10]
        for chemin in editees:  # 10 fiches changed since the last commit: what `sus revue` describes
            chemin.write_text(chemin.read_text(encoding="utf-8").replace("statut: ", "statut: realisee\n#", 1),
                              encoding="utf-8")
        # Every cache filled once before measuring (the warm runs find it full).
        for racine in (petit, grand):
            une_mesure([*sus, "validate"], racine)
        sortie = Path(tmp) / "export.xlsx"
        mesures = {
            "plancher, 1 fiche": ([sys.executable, str(ICI / "plancher.py"), str(petit)], petit, None),
            "plancher, N fiches": ([sys.executable, str(ICI / "plancher.py"), str(grand)], grand, None),
            "pile : Python, Typer et pydantic": ([sys.executable, "-c", PILE], petit, None),
            "sus --version": ([*sus, "--version"], petit, None),
            "1 fiche : validate ONE, fiche modifiée": ([*sus, "validate", relatif], petit, _basculer(une)),
            "1 fiche : validate ONE, rien de modifié": ([*sus, "validate", relatif], petit, None),
            "1 fiche : validate ONE, sans cache": ([*sus, "validate", "--sans-cache", relatif], petit, None),
            "N fiches : validate ONE, fiche modifiée": ([*sus, "validate", relatif_grand], grand,
                                                        _basculer(une_grand)),
            "N fiches : validate ONE, rien de modifié": ([*sus, "validate", relatif_grand], grand, None),
            "N fiches : validate, sans cache": ([*sus, "validate", "--format", "json", "--sans-cache"], grand, None),
            "N fiches : validate, sans cache, 1 processus": (
                [*sus, "validate", "--format", "json", "--sans-cache", "--jobs", "1"], grand, None),
            "N fiches : validate, rien de modifié": ([*sus, "validate", "--format", "json"], grand, None),
            "N fiches : export xlsx": ([*sus, "export", "--format", "xlsx", "--sortie", str(sortie)], grand, None),
            "N fiches : bilan json": ([*sus, "bilan", "2025", "--format", "json", "--sortie", str(Path(tmp) / "b.json")],
                                      grand, None),
            "N fiches : avancement": ([*sus, "avancement", "--format", "json"], grand, None),
            "N fiches : revue de 10 fiches": ([*sus, "revue", "HEAD", "--format", "json"], grand, None),
        }
        resultats = medianes(mesures, tours)
    t = {nom: duree for nom, (duree, _) in resultats.items()}
    m = {nom: pic for nom, (_, pic) in resultats.items()}
    print(f"{n} fiches, {tours} tours, médianes ; {os.cpu_count()} processeurs\n")
    for nom, (duree, pic) in resultats.items():
        print(f"{nom.replace('N fiches', f'{n} fiches'):48s} {duree * 1000:8.0f} ms {pic:6.0f} Mo")
    un, plancher = t["plancher, 1 fiche"], t["plancher, N fiches"]
    froid = t["N fiches : validate, sans cache"]
    seul = t["N fiches : validate, sans cache, 1 processus"]
    lignes = [
        ("sus validate ONE.md, schéma d'une fiche (fiche modifiée, pre-commit)",
         t["1 fiche : validate ONE, fiche modifiée"] / un, "plancher d'une fiche", "≤ 4 (idéal 2,5)"),
        ("  la même, rien de modifié", t["1 fiche : validate ONE, rien de modifié"] / un, "plancher d'une fiche", ""),
        ("  la même, sans cache", t["1 fiche : validate ONE, sans cache"] / un, "plancher d'une fiche", ""),
        (f"la même dans le schéma de {n} fiches (fiche modifiée)",
         t["N fiches : validate ONE, fiche modifiée"] / un, "plancher d'une fiche", "≤ 5"),
        ("  la même, rien de modifié", t["N fiches : validate ONE, rien de modifié"] / un, "plancher d'une fiche", ""),
        ("  (la pile Python + Typer + pydantic, sans sus)", t["pile : Python, Typer et pydantic"] / un,
         "plancher d'une fiche", ""),
        ("sus --version", t["sus --version"] / un, "plancher d'une fiche", "≤ 2"),
        (f"sus validate, {n} fiches, sans cache", froid / plancher, "plancher", "≤ 1"),
        ("  la même en un seul processus (--jobs 1)", seul / plancher, "plancher", ""),
        ("  la même, rien de modifié (cache)", t["N fiches : validate, rien de modifié"] / plancher, "plancher",
         "≤ 0,2"),
        (f"mémoire de pointe de sus validate, {n} fiches", m["N fiches : validate, sans cache"], "Mo", "≤ 120"),
        (f"sus export --format xlsx, {n} fiches", t["N fiches : export xlsx"] / froid, "validate sans cache",
         "≤ 1,5"),
        ("  le même", t["N fiches : export xlsx"] / seul, "validate sans cache, 1 processus", ""),
        ("  mémoire", m["N fiches : export xlsx"], "Mo", ""),
        ("sus bilan --format json, mémoire", m["N fiches : bilan json"], "Mo", "comparable à validate"),
        ("sus avancement, mémoire", m["N fiches : avancement"], "Mo", "comparable à validate"),
        (f"sus revue de 10 fiches modifiées sur {n}", t["N fiches : revue de 10 fiches"] / froid,
         "validate sans cache", "≤ 0,3"),
    ]
    print()
    for quoi, valeur, unite, cible in lignes:
        texte = f"{valeur:.0f} {unite}" if unite == "Mo" else f"{valeur:.2f} × {unite}"
        print(f"{quoi:58s} {texte:42s} {cible}")


if __name__ == "__main__":
    main()
