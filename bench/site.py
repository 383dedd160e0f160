"""Benchmark of `sus site` against `sus validate`, in one run.

Generates a synthetic schéma of N fiches (bench/generer.py: 4 indicators
with 3 years of values, budget, notes, a 40-line text), then prints the
wall time of `sus validate`, of `sus site` into a new folder (every page,
chart and données file made), of a second `sus site` over the same folder
(nothing changed: pages compared, none rewritten), their ratios to
`sus validate`, and the peak memory of each, best of several runs.

    python bench/site.py [N]        # default N = 5000; target: sus site ≤ 3 × sus validate
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

ICI = Path(__file__).resolve().parent
sys.path.insert(0, str(ICI))
from generer import generer  # noqa: E402
from validate import mesurer, preparer_bytecode  # noqa: E402


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5_000
    preparer_bytecode()
    sus = [sys.executable, "-m", "sus_cli"]
    os.environ["SUS_AUJOURDHUI"] = "2025-06-30"
    with tempfile.TemporaryDirectory() as tmp:
        depot, sortie = Path(tmp) / "depot", Path(tmp) / "site"
        generer(depot, n)
        valider, pic_v = mesurer([*sus, "validate", "--format", "json", "--sans-cache"], depot)
        neuf, pic_n = mesurer([*sus, "site", "--sortie", str(sortie)], depot,
                              avant=lambda: shutil.rmtree(sortie, ignore_errors=True))
        encore, pic_e = mesurer([*sus, "site", "--sortie", str(sortie)], depot)
        pages = sum(1 for _ in sortie.rglob("*.html"))
        taille = sum(p.stat().st_size for p in sortie.rglob("*") if p.is_file()) / 1024 / 1024
    print(f"fiches : {n} ; site : {pages} pages, {taille:.0f} Mo ; {os.cpu_count()} processeurs")
    print(f"sus validate                 : {valider:.2f} s, {pic_v:.0f} Mo")
    print(f"sus site, dossier neuf       : {neuf:.2f} s, {pic_n:.0f} Mo  (ratio {neuf / valider:.2f}, cible ≤ 3)")
    print(f"sus site, rien n'a changé    : {encore:.2f} s, {pic_e:.0f} Mo  (ratio {encore / valider:.2f})")


if __name__ == "__main__":
    main()
