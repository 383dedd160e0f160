"""Benchmark of `sus validate` against its floor, in one run; and the helpers
the other benchmarks share (one measure, best of several, medians of
interleaved runs, compiled bytecode).

Generates synthetic schémas, then prints the wall time of a cold
`sus validate` (--sans-cache) and of the floor (bench/plancher.py: read +
split + PyYAML C loader, in one process), their ratio, the peak memory of
`sus validate`, and the time of `sus validate` on one fiche, best of
several runs. bench/vitesse.py measures every target of the issue
"instant, flat, both cores" with medians of interleaved runs.

    python bench/validate.py [N]        # default N = 10000
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

ESSAIS = 3


def preparer_bytecode() -> None:
    """Compile sus's modules once, as installing the package does: where
    PYTHONDONTWRITEBYTECODE is set, each run would compile them again."""
    import compileall

    import sus_cli
    compileall.compile_dir(Path(sus_cli.__file__).parent, quiet=1)


def medianes(mesures: dict, tours: int) -> dict[str, tuple[float, float]]:
    """Run every measure once per round, round after round (so that what else the machine
    does weighs on all of them alike); the median time and the highest peak memory of each.
    `mesures`: name → (command, cwd, before), `before` run untimed before each run (or None)."""
    import statistics

    temps: dict[str, list[float]] = {nom: [] for nom in mesures}
    pics: dict[str, float] = {nom: 0.0 for nom in mesures}
    for _ in range(tours):
        for nom, (commande, cwd, avant) in mesures.items():
            if avant is not None:
                avant()
            duree, rss = une_mesure(commande, cwd)
            temps[nom].append(duree)
            pics[nom] = max(pics[nom], rss)
    return {nom: (statistics.median(temps[nom]), pics[nom]) for nom in mesures}


def une_mesure(commande: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of one run of a command in its own process."""
    # A wrapper process per run, so that ru_maxrss is this command's own peak.
    script = ("import resource, subprocess, sys, time\n"
              "t = time.perf_counter()\n"
              f"subprocess.run({commande!r}, cwd={str(cwd)!r}, stdout=subprocess.DEVNULL)\n"
              "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
    sortie = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    duree, rss = sortie.stdout.split()
    return float(duree), int(rss) / 1024


def mesurer(commande: list[str], cwd: Path, avant=None) -> tuple[float, float]:
    """(best wall seconds, peak RSS in MB) of a command run in its own process;
    `avant()` runs before each run (to restore what a run changes)."""
    meilleur, pic = float("inf"), 0.0
    for _ in range(ESSAIS):
        if avant is not None:
            avant()
        duree, rss = une_mesure(commande, cwd)
        meilleur, pic = min(meilleur, duree), max(pic, rss)
    return meilleur, pic


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    preparer_bytecode()
    sus = [sys.executable, "-m", "sus_cli"]
    env_date = {"SUS_AUJOURDHUI": "2025-06-30"}
    os.environ.update(env_date)
    with tempfile.TemporaryDirectory() as tmp:
        grand, petit = Path(tmp) / "grand", Path(tmp) / "petit"
        generer(grand, n)
        generer(petit, 1)
        une_fiche = next((grand / "fiches").rglob("*.md"))
        plancher, _ = mesurer([sys.executable, str(ICI / "plancher.py"), str(grand)], grand)
        valider, pic = mesurer([*sus, "validate", "--format", "json", "--sans-cache"], grand)
        seule, _ = mesurer([*sus, "validate", "--sans-cache"], petit)
        chemin, _ = mesurer([*sus, "validate", "--sans-cache", str(une_fiche)], grand)
    print(f"fiches : {n}")
    print(f"plancher (lecture + PyYAML C) : {plancher:.2f} s")
    print(f"sus validate, sans cache      : {valider:.2f} s  (ratio {valider / plancher:.2f}, cible ≤ 1)")
    print(f"mémoire de pointe             : {pic:.0f} Mo (cible ≤ 120)")
    print(f"sus validate, dépôt d'une fiche, sans cache : {seule * 1000:.0f} ms")
    print(f"sus validate UNE_FICHE dans le dépôt de {n}, sans cache : {chemin:.2f} s")


if __name__ == "__main__":
    main()
