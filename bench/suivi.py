"""Benchmark of the follow-up commands against `sus validate`, in one run.

10,000 synthetic fiches (bench/generer.py: 4 indicators, 3 years of values
each). Prints the time of `sus validate`, `sus bilan ANNEE --format html` and
`sus liste --porteur X`, the two ratios, and the peak memory of each.

    python bench/suivi.py [N]        # default N = 10000
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ICI = Path(__file__).resolve().parent
sys.path.insert(0, str(ICI))
from generer import generer  # noqa: E402
from validate import mesurer, preparer_bytecode  # noqa: E402


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    preparer_bytecode()
    sus = [sys.executable, "-m", "sus_cli"]
    with tempfile.TemporaryDirectory() as tmp:
        depot = Path(tmp) / "depot"
        generer(depot, n)
        valider, pic_v = mesurer([*sus, "validate", "--format", "json", "--sans-cache"], depot)
        bilan, pic_b = mesurer([*sus, "bilan", "2024", "--format", "html", "--sortie", str(Path(tmp) / "b.html")],
                               depot)
        liste, pic_l = mesurer([*sus, "liste", "--porteur", "DSUN", "--format", "json"], depot)
    print(f"fiches : {n}")
    print(f"sus validate                  : {valider:.2f} s, {pic_v:.0f} Mo")
    print(f"sus bilan 2024 --format html  : {bilan:.2f} s, {pic_b:.0f} Mo  (ratio {bilan / valider:.2f}, cible ≤ 2)")
    print(f"sus liste --porteur DSUN      : {liste:.2f} s, {pic_l:.0f} Mo  (ratio {liste / valider:.2f}, cible ≤ 1,2)")


if __name__ == "__main__":
    main()
