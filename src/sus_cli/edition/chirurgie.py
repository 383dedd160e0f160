"""Line-level edits of a fiche's front matter, located with the YAML nodes.

Three operations, enough for every change sus makes: set the value at a key
path (replacing a scalar in place, or inserting a missing key), and append
an item to a list. Only the characters of what changes are rewritten; a
flow collection (`{2023: 40}`, `[]`) that must grow is extended or, when
empty, turned into a block. Positions are character offsets (`mark.index`),
never line numbers: PyYAML counts U+2028 and NEL as line breaks.

The text is re-composed after each edit: a fiche is small, and positions
computed once would go stale with the first insertion.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from sus_cli.edition import yaml_texte
from sus_cli.loading.frontmatter import decouper
from sus_cli.loading.yaml_nodes import scalaire_de_noeud

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader

Chemin = tuple[Any, ...]


class ErreurEdition(Exception):
    """An edit that cannot be made safely: French message; nothing is written."""


def meme_cle(noeud: Node, element: Any) -> bool:
    """Keys compare as text: `2024` (an integer in YAML) is the period "2024"."""
    if not isinstance(noeud, ScalarNode):
        return False
    try:
        valeur = scalaire_de_noeud(noeud)
    except Exception:
        return False
    return valeur == element or (not isinstance(valeur, bool) and str(valeur) == str(element))


class Edition:
    """A fiche's text (newlines `\\n`) being edited."""

    def __init__(self, texte: str) -> None:
        self.texte = texte
        self._racine: MappingNode | None = None
        self._debut = 0

    # -- reading the current nodes -------------------------------------------------

    def racine(self) -> MappingNode:
        if self._racine is None:
            decoupage = decouper(self.texte)
            if decoupage.probleme:
                raise ErreurEdition(decoupage.probleme.message)
            self._debut = decoupage.debut_entete
            try:
                noeud = yaml.compose(self.texte[decoupage.debut_entete:decoupage.fin_entete], Loader=_Loader)
            except yaml.YAMLError as err:
                raise ErreurEdition(f"en-tête YAML illisible : {err}") from None
            if not isinstance(noeud, MappingNode):
                raise ErreurEdition("l'en-tête de la fiche n'est pas une suite de « clé: valeur »")
            self._racine = noeud
            self._fin = decoupage.fin_entete
        return self._racine

    def _enfant(self, noeud: Node, element: Any) -> tuple[Node | None, Node] | None:
        if isinstance(noeud, MappingNode):
            for cle, valeur in noeud.value:
                if meme_cle(cle, element):
                    return cle, valeur
        elif isinstance(noeud, SequenceNode) and isinstance(element, int) and 0 <= element < len(noeud.value):
            return None, noeud.value[element]
        return None

    def noeud(self, chemin: Chemin) -> tuple[Node | None, Node] | None:
        """(key node, value node) at `chemin`, or None when it does not exist."""
        cle, noeud = None, self.racine()
        for element in chemin:
            trouve = self._enfant(noeud, element)
            if trouve is None:
                return None
            cle, noeud = trouve
        return cle, noeud

    def _abs(self, index: int) -> int:
        return self._debut + index

    def _fin_contenu(self, noeud: Node) -> int:
        """Offset just after the last character of a node's own text (not the
        comments or blank lines a block collection's end mark runs over)."""
        if isinstance(noeud, ScalarNode):
            fin = self._abs(noeud.end_mark.index)
            if noeud.style in ("|", ">"):
                debut = self._abs(noeud.start_mark.index)
                while fin > debut and self.texte[fin - 1] in " \n":
                    fin -= 1
            return fin
        if noeud.flow_style or not noeud.value:
            return self._abs(noeud.end_mark.index)
        dernier = noeud.value[-1]
        return self._fin_contenu(dernier[1] if isinstance(noeud, MappingNode) else dernier)

    def _fin_de_ligne(self, index: int) -> int:
        fin = self.texte.find("\n", index, self._fin)
        return self._fin if fin < 0 else fin

    def _debut_de_ligne(self, index: int) -> int:
        return self.texte.rfind("\n", 0, index) + 1

    def _remplacer(self, debut: int, fin: int, texte: str) -> None:
        self.texte = self.texte[:debut] + texte + self.texte[fin:]
        self._racine = None

    def _apres_deux_points(self, cle: Node) -> int:
        """Offset just after the `:` that follows a key."""
        deux_points = self.texte.find(":", self._abs(cle.end_mark.index))
        if deux_points < 0:
            raise ErreurEdition("structure YAML inattendue autour d'une clé")
        return deux_points + 1

    # -- operations ----------------------------------------------------------------

    def definir(self, chemin: Chemin, valeur: Any, ordre: Callable[[Any], Any] | None = None) -> None:
        """Set the value at `chemin`. A mapping value is merged key by key into
        an existing mapping. A missing key is inserted just after the sibling
        that comes closest before it in `ordre` (last without `ordre`); missing
        parents are created as blocks."""
        trouve = self.noeud(chemin)
        if trouve is None:
            self._creer(chemin, valeur, ordre)
            return
        cle, noeud = trouve
        if isinstance(valeur, dict) and isinstance(noeud, MappingNode):
            for k, v in valeur.items():
                self.definir((*chemin, k), v)
            return
        if isinstance(noeud, ScalarNode) and not isinstance(valeur, (dict, list)) and noeud.value != "":
            self._remplacer(self._abs(noeud.start_mark.index), self._fin_contenu(noeud), yaml_texte.scalaire(valeur))
            return
        if cle is None:
            raise ErreurEdition("modification d'un élément de liste non prise en charge")
        # Another shape (a scalar becomes a mapping, an empty value is filled):
        # rewrite this one value, on the key's line.
        self._remplacer(self._apres_deux_points(cle), self._fin_contenu(noeud), " " + yaml_texte.en_ligne(valeur))

    def ajouter(self, chemin: Chemin, element: Any) -> None:
        """Append `element` to the list at `chemin` (created when missing)."""
        trouve = self.noeud(chemin)
        if trouve is None:
            self._creer(chemin, element, None, liste=True)
            return
        cle, liste = trouve
        texte = yaml_texte.en_ligne(element)
        vide = isinstance(liste, ScalarNode) and liste.value in ("", "~", "null")
        if vide or (isinstance(liste, SequenceNode) and liste.flow_style and not liste.value):
            if cle is not None and self._est_bloc(chemin[:-1]):
                # `notes_suivi: []` becomes a block list: later additions stay one line each.
                retrait = " " * (cle.start_mark.column + 2)
                self._remplacer(self._apres_deux_points(cle), self._fin_contenu(liste), f"\n{retrait}- {texte}")
            else:
                self.definir(chemin, [element])
            return
        if not isinstance(liste, SequenceNode):
            raise ErreurEdition(f"« {chemin[-1]} » n'est pas une liste")
        if liste.flow_style:
            self._inserer_dans_flux(liste, texte)
            return
        dernier = liste.value[-1]
        tiret = self.texte.rfind("-", 0, self._abs(dernier.start_mark.index))
        retrait = " " * (tiret - self._debut_de_ligne(tiret))
        fin = self._fin_de_ligne(self._fin_contenu(dernier))
        self._remplacer(fin, fin, f"\n{retrait}- {texte}")

    # -- insertion helpers -----------------------------------------------------------

    def _est_bloc(self, chemin: Chemin) -> bool:
        trouve = self.noeud(chemin)
        return trouve is not None and not trouve[1].flow_style

    def _inserer_dans_flux(self, noeud: Node, texte: str) -> None:
        fermeture = self._abs(noeud.end_mark.index) - 1
        if self.texte[fermeture] not in "}]":
            raise ErreurEdition("structure YAML inattendue (accolade ou crochet)")
        avant = self.texte[:fermeture].rstrip()
        separateur = "" if avant.endswith(("{", "[")) else " " if avant.endswith(",") else ", "
        self._remplacer(len(avant), fermeture, separateur + texte)

    def _creer(self, chemin: Chemin, feuille: Any, ordre: Callable[[Any], Any] | None, liste: bool = False) -> None:
        """Insert the missing part of `chemin` under its deepest existing parent:
        `feuille` as the value of its last key (or as the first item of a new
        list), the keys in between as nested blocks."""
        profondeur = len(chemin) - 1
        while profondeur > 0 and self.noeud(chemin[:profondeur]) is None:
            profondeur -= 1
        cle_parent, parent = self.noeud(chemin[:profondeur])
        manquantes = chemin[profondeur:]
        # The value of the first missing key, written on one line when the parent is not a block.
        valeur: Any = [feuille] if liste else feuille
        for cle in reversed(manquantes[1:]):
            valeur = {cle: valeur}
        if isinstance(parent, ScalarNode) and parent.value in ("", "~", "null") and cle_parent is not None:
            self._remplacer(self._apres_deux_points(cle_parent), self._fin_contenu(parent),
                            " " + yaml_texte.en_ligne({manquantes[0]: valeur}))
            return
        if not isinstance(parent, MappingNode):
            raise ErreurEdition(f"impossible d'ajouter « {manquantes[0]} » : l'élément parent n'est pas un dictionnaire")
        if parent.flow_style:
            self._inserer_dans_flux(parent, f"{yaml_texte.cle(manquantes[0])}: {yaml_texte.en_ligne(valeur)}")
            return
        if not parent.value:
            raise ErreurEdition("dictionnaire vide inattendu")
        colonne = parent.value[0][0].start_mark.column
        lignes = []
        for i, cle in enumerate(manquantes):
            dernier = i == len(manquantes) - 1
            texte = f"{' ' * (colonne + 2 * i)}{yaml_texte.cle(cle)}:"
            if dernier and not liste:
                texte += " " + yaml_texte.en_ligne(feuille)
            lignes.append(texte)
        if liste:
            lignes.append(f"{' ' * (colonne + 2 * len(manquantes))}- {yaml_texte.en_ligne(feuille)}")
        bloc = "\n".join(lignes)
        rang = self._rang(parent, manquantes[0], ordre if len(manquantes) == 1 else None)
        if rang < len(parent.value):
            # Before the entry that follows, and before the comment lines just above it.
            debut = self._debut_de_ligne(self._abs(parent.value[rang][0].start_mark.index))
            while debut > self._debut:
                precedente = self._debut_de_ligne(debut - 1)
                if not self.texte[precedente:debut - 1].lstrip().startswith("#"):
                    break
                debut = precedente
            self._remplacer(debut, debut, bloc + "\n")
        else:
            fin = self._fin_de_ligne(self._fin_contenu(parent.value[-1][1]))
            self._remplacer(fin, fin, "\n" + bloc)

    @staticmethod
    def _rang(parent: MappingNode, cle: Any, ordre: Callable[[Any], Any] | None) -> int:
        """Where a new key goes: just after the existing key that comes closest
        before it in `ordre` (first when none does); last without `ordre`."""
        if ordre is None:
            return len(parent.value)
        try:
            nouvelle = ordre(cle)
            avant = [(ordre(scalaire_de_noeud(k)), i) for i, (k, _) in enumerate(parent.value)]
        except Exception:
            return len(parent.value)
        precedentes = [(o, i) for o, i in avant if o < nouvelle]
        return max(precedentes)[1] + 1 if precedentes else 0
