"""Split a fiche into its YAML front matter and its Markdown body, by lines.

Line 1 must be exactly `---`; the next line that is exactly `---` closes the
block. Splitting on whole lines (not `split("---")`) keeps a title such as
`titre: Avant --- après` intact. Only offsets are returned: a fiche's text
is stored once, and its parts are sliced from it when needed.
"""

from __future__ import annotations

from dataclasses import dataclass

from sus_cli.diagnostics import Constat


@dataclass(slots=True)
class Decoupage:
    debut_entete: int = 4  # offset of the front matter's first character
    fin_entete: int = 4  # offset just after its last character
    debut_corps: int = 0  # offset of the body
    ligne_corps: int = 1  # 1-based line of the body's first line in the file
    probleme: Constat | None = None


def decouper(texte: str) -> Decoupage:
    if not (texte.startswith("---\n") or texte == "---"):
        premiere = texte.split("\n", 1)[0]
        if premiere.strip() == "---":
            message = "la ligne 1 doit être exactement « --- », sans espace avant ni après"
        else:
            message = ("pas d'en-tête YAML : une fiche commence par une ligne « --- », "
                       "puis ses clés (id, titre, porteur…), puis une autre ligne « --- »")
        return Decoupage(probleme=Constat(message, ligne=1, colonne=1))
    fin = texte.find("\n---\n", 3)
    if fin < 0 and texte.endswith("\n---") and len(texte) > 4:
        fin = len(texte) - 4
    if fin < 0:
        return Decoupage(probleme=Constat(
            "l'en-tête YAML ouvert ligne 1 par « --- » n'est jamais fermé : "
            "ajoutez une ligne « --- » après la dernière clé", ligne=1, colonne=1))
    # `fin` is the newline before the closing `---`: the body starts on the next line.
    return Decoupage(4, max(fin, 4), min(fin + 5, len(texte)), texte.count("\n", 0, fin + 1) + 2)
