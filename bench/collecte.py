"""Benchmark of `sus collecte` and `sus importer` against `sus validate`, in one run.

A synthetic schéma of N fiches (default 5,000) carried by 10 directions:
`sus collecte 2025-T3` writes the 10 workbooks; a script fills 1,000 value
cells across them; `sus importer` writes them into the fiches (restored
before each run). Prints each time and its ratio to `sus validate` (target:
at most 2 each).

    python bench/collecte.py [N] [LIGNES]
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

ICI = Path(__file__).resolve().parent
sys.path.insert(0, str(ICI))
from generer import DIRECTIONS, generer  # noqa: E402
from validate import mesurer, preparer_bytecode  # noqa: E402

DIX = [*DIRECTIONS, "DCS", "DPAS"]


def remplir(dossier: Path, lignes: int) -> int:
    """Fill the `valeur` cell of the first `lignes` rows, spread over the workbooks."""
    from openpyxl import load_workbook

    classeurs = sorted(dossier.glob("*.xlsx"))
    par_classeur = -(-lignes // len(classeurs))
    remplies = 0
    for chemin in classeurs:
        classeur = load_workbook(chemin)
        feuille = classeur["valeurs"]
        colonne = [c.value for c in feuille[1]].index("valeur") + 1
        for rang in range(2, min(feuille.max_row, par_classeur + 1) + 1):
            if remplies == lignes:
                break
            feuille.cell(row=rang, column=colonne, value=100 + rang)
            remplies += 1
        classeur.save(chemin)
    return remplies


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5_000
    a_remplir = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000
    os.environ["SUS_AUJOURDHUI"] = "2025-10-15"
    preparer_bytecode()
    sus = [sys.executable, "-m", "sus_cli"]
    with tempfile.TemporaryDirectory() as tmp:
        depot = Path(tmp) / "depot"
        generer(depot, n, directions=DIX)
        intactes = Path(tmp) / "fiches-intactes"
        shutil.copytree(depot / "fiches", intactes)

        def restaurer() -> None:
            shutil.rmtree(depot / "fiches")
            shutil.copytree(intactes, depot / "fiches")

        sortie = depot / "collecte"
        valider, _ = mesurer([*sus, "validate", "--format", "json", "--sans-cache"], depot)
        collecte, pic_c = mesurer([*sus, "collecte", "2025-T3", "--sortie", str(sortie), "--remplacer"], depot)
        remplies = remplir(sortie, a_remplir)
        classeurs = [str(p) for p in sorted(sortie.glob("*.xlsx"))]
        importer, pic_i = mesurer([*sus, "importer", *classeurs, "--date", "2025-10-15"], depot, avant=restaurer)
    print(f"fiches : {n}, directions : {len(DIX)}, cellules remplies : {remplies}")
    print(f"sus validate          : {valider:.2f} s")
    print(f"sus collecte 2025-T3  : {collecte:.2f} s, {pic_c:.0f} Mo  (ratio {collecte / valider:.2f}, cible ≤ 2)")
    print(f"sus importer          : {importer:.2f} s, {pic_i:.0f} Mo  (ratio {importer / valider:.2f}, cible ≤ 2)")


if __name__ == "__main__":
    main()
