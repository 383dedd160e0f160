"""Split a fiche into its YAML front matter and its Markdown body, by lines.

Line 1 must be exactly `---`; the next line that is exactly `---` closes the
block. Splitting by lines (not `split("---")`) keeps a title such as
`titre: Avant --- après` intact.
"""

from __future__ import annotations

from dataclasses import dataclass

from sus_cli.diagnostics import Constat


@dataclass(slots=True)
class Decoupage:
    entete: str | None  # front matter text, without the two `---` lines
    corps: str  # Markdown body
    ligne_corps: int  # 1-based line of the body's first line in the file
    probleme: Constat | None = None


def decouper(texte: str) -> Decoupage:
    lignes = texte.split("\n")
    premiere = lignes[0]
    if premiere != "---":
        if premiere.strip() == "---":
            message = ("la ligne 1 doit être exactement « --- », sans espace avant ni après")
        else:
            message = ("pas d'en-tête YAML : une fiche commence par une ligne « --- », "
                       "puis ses clés (id, titre, porteur…), puis une autre ligne « --- »")
        return Decoupage(None, texte, 1, Constat(message, ligne=1, colonne=1))
    for i in range(1, len(lignes)):
        if lignes[i] == "---":
            return Decoupage("\n".join(lignes[1:i]), "\n".join(lignes[i + 1:]), i + 2)
    return Decoupage(None, "", len(lignes) + 1, Constat(
        "l'en-tête YAML ouvert ligne 1 par « --- » n'est jamais fermé : "
        "ajoutez une ligne « --- » après la dernière clé", ligne=1, colonne=1))
