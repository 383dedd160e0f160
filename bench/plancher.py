"""The floor: read every fiche and parse its front matter with PyYAML's C loader, nothing else.

    python bench/plancher.py DOSSIER
"""

import sys
from pathlib import Path

import yaml

racine = Path(sys.argv[1])
n = 0
for chemin in sorted((racine / "fiches").rglob("*.md")):
    texte = chemin.read_text(encoding="utf-8")
    lignes = texte.split("\n")
    fin = lignes.index("---", 1)
    yaml.load("\n".join(lignes[1:fin]), Loader=yaml.CSafeLoader)
    n += 1
print(n)
