"""YAML with positions: compose nodes with PyYAML (C parser when present),
build plain Python values ourselves, and keep the nodes to map a key path
(pydantic's `loc`) back to a line and column.

Building values ourselves is what lets us catch what PyYAML hides: a key
given twice (PyYAML keeps the last silently), aliases (shared references
that make recursive walks explode: an alias bomb), keys that are not
scalars, and impossible dates, each as a finding at its position.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import re

import yaml
from yaml.events import CollectionEndEvent, CollectionStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from sus_cli.diagnostics import Chemin, Constat

try:  # the C parser: same results, several times faster
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # never the unsafe Loader

TAG_STR = "tag:yaml.org,2002:str"
TAG_TIMESTAMP = "tag:yaml.org,2002:timestamp"
TAG_NULL = "tag:yaml.org,2002:null"
TAG_MERGE = "tag:yaml.org,2002:merge"
TAG_SEQ = "tag:yaml.org,2002:seq"
TAG_MAP = "tag:yaml.org,2002:map"

# A fiche nests five levels (indicateurs → item → valeurs → période → valeur),
# sus.yaml six. Far deeper is a mistake or an attack: a recursive walk over it
# would exhaust Python's stack, and libyaml refuses 1,000 levels anyway.
PROFONDEUR_MAX = 50

# What YAML accepts in a document (YAML 1.1, § 5.1): everything else is
# refused by PyYAML in English, at a position counted differently by its C
# and Python readers. Found here first, it is reported in French, at its line.
_INTERDIT = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# PyYAML counts these as line breaks; a text editor, git and sus do not.
_SAUTS_YAML = re.compile("[\x85\u2028\u2029]")

_ALIAS = object()  # stands for a refused alias: the key or item is left out
_ABSENT = object()
_constructeur = yaml.SafeLoader("")  # used only for its scalar constructors
_SCALAIRES = yaml.SafeLoader.yaml_constructors

# The same short scalars come back in every fiche (keys, numbers, dates, words
# like `nombre` or `hausse`): their tag, and their value, are found once. Only
# short ones, and a bounded number of them, so that memory stays flat.
_COURT = 24
_MEMO_MAX = 20_000
_VALEURS: dict[tuple[str, str], Any] = {}
_IMMUABLES = (int, float, bool, type(None), str, bytes, dt.date)  # dt.datetime is a dt.date


def _chargeur(base):
    """`base` (PyYAML's C or pure-Python safe loader), whose tag resolution is remembered: the
    same answers, without PyYAML's regular expressions on every scalar."""
    chargeur = _CHARGEURS.get(base)
    if chargeur is None:
        _TAGS: dict[str, str] = {}

        def resolve(self, kind, value, implicit):
            if kind is ScalarNode and implicit[0] and len(value) <= _COURT:
                tag = _TAGS.get(value)
                if tag is None:
                    tag = base.resolve(self, kind, value, implicit)
                    if len(_TAGS) < _MEMO_MAX:
                        _TAGS[value] = tag
                return tag
            return base.resolve(self, kind, value, implicit)
        chargeur = _CHARGEURS[base] = type(f"Memorisant{base.__name__}", (base,), {"resolve": resolve})
    return chargeur


_CHARGEURS: dict[type, type] = {}


@dataclass(slots=True)
class Yaml:
    """A parsed YAML document: its value, its findings, and its text.

    The node tree is kept until `oublier_noeuds()`, which the loader calls
    once a document's own rules have found their positions: for thousands of
    fiches it would cost hundreds of megabytes and make every garbage
    collection crawl. Forgotten, it is composed again from the text when a
    position is asked for.
    """

    valeur: Any = None
    source: str | None = None  # the whole file's text; the YAML is source[debut:fin]
    debut: int = 0
    fin: int | None = None
    decalage: int = 0  # lines before the YAML text in the file
    problemes: list[tuple[str, Constat]] = field(default_factory=list)
    sauts_yaml: bool = False  # the text holds a character PyYAML counts as a line break
    _noeuds: Node | None = None  # composed on demand, kept until oublier_noeuds()

    def racine(self) -> Node | None:
        if self._noeuds is None and self.source is not None:
            try:
                self._noeuds = yaml.compose(self.source[self.debut:self.fin], Loader=_chargeur(_Loader))
            except yaml.YAMLError:
                return None
        return self._noeuds

    def oublier_noeuds(self) -> None:
        """Drop the node tree once the positions of a document are resolved."""
        self._noeuds = None

    def position(self, chemin: Chemin, cle: bool = False) -> tuple[int, int]:
        """1-based (line, column) in the file of the node at `chemin`.

        A path that does not exist (a missing key) stops at the deepest node
        that does: the parent mapping. With `cle`, the key itself.
        """
        noeud = self.racine()
        if noeud is None:
            return self.decalage + 1, 1
        cible = noeud
        for element in chemin:
            suivant = _enfant(noeud, element)
            if suivant is None:
                break
            cle_noeud, noeud = suivant
            cible = cle_noeud if (cle and element == chemin[-1] and cle_noeud is not None) else noeud
        reperes = Reperes(self.source or "", self.decalage, self.debut, self.fin, self.sauts_yaml)
        return reperes.position(cible.start_mark)


class Reperes:
    """Turns PyYAML's marks into true file positions.

    PyYAML counts NEL, U+2028 and U+2029 as line breaks; a text editor does
    not. When the text holds one, the line is recounted from the mark's
    character offset, so that every later diagnostic is on its real line.
    The YAML text is `source[debut:fin]`, read in place (never copied).
    """

    __slots__ = ("source", "decalage", "debut", "fin", "recompter")

    def __init__(self, source: str, decalage: int, debut: int = 0, fin: int | None = None,
                 recompter: bool | None = None):
        self.source, self.decalage, self.debut = source, decalage, debut
        self.fin = len(source) if fin is None else fin
        self.recompter = (_SAUTS_YAML.search(source, debut, self.fin) is not None) if recompter is None else recompter

    def position(self, mark) -> tuple[int, int]:
        longueur = self.fin - self.debut
        if not self.recompter and mark.index < longueur:
            return mark.line + 1 + self.decalage, mark.column + 1
        # libyaml puts the end of a text without a final line break on a line
        # after the last one: point at the end of the last line instead.
        return self.a(min(mark.index, longueur))

    def a(self, index: int) -> tuple[int, int]:
        """(line, column) in the file of the character at `index` in the YAML text."""
        absolu = self.debut + index
        debut_ligne = self.source.rfind("\n", self.debut, absolu) + 1 or self.debut
        return self.source.count("\n", self.debut, absolu) + 1 + self.decalage, absolu - debut_ligne + 1

    def pos(self, mark) -> dict[str, int]:
        ligne, colonne = self.position(mark)
        return {"ligne": ligne, "colonne": colonne}


def _enfant(noeud: Node, element: Any) -> tuple[Node | None, Node] | None:
    if isinstance(noeud, MappingNode):
        for cle, valeur in noeud.value:
            if isinstance(cle, ScalarNode) and _egal(cle, element):
                return cle, valeur
    elif isinstance(noeud, SequenceNode) and isinstance(element, int):
        if 0 <= element < len(noeud.value):
            return None, noeud.value[element]
    return None


def _egal(cle: ScalarNode, element: Any) -> bool:
    if cle.value == element:
        return True
    try:
        return scalaire_de_noeud(cle) == element
    except Exception:
        return False


def scalaire_de_noeud(noeud: ScalarNode) -> Any:
    """The Python value of a scalar node (for keys: its tag decides int or text)."""
    if noeud.tag == TAG_STR:
        return noeud.value
    return _SCALAIRES[noeud.tag](_constructeur, noeud)


def _tabulation(texte: str, decalage: int) -> Constat | None:
    # PyYAML's C and pure-Python scanners disagree on tabs; refuse them
    # up front so the message is the same everywhere.
    if "\t" not in texte:
        return None
    for i, ligne in enumerate(texte.split("\n")):
        retrait = ligne[: len(ligne) - len(ligne.lstrip(" \t"))]
        if "\t" in retrait:
            return Constat(
                "tabulation dans le retrait : YAML n'accepte que des espaces pour indenter",
                ligne=i + 1 + decalage, colonne=retrait.index("\t") + 1)
    return None


def _caractere_interdit(reperes: Reperes) -> Constat | None:
    m = _INTERDIT.search(reperes.source, reperes.debut, reperes.fin)
    if m is None:
        return None
    ligne, colonne = reperes.a(m.start() - reperes.debut)
    return Constat(f"caractère de contrôle U+{ord(m.group()):04X} interdit dans un fichier YAML : supprimez-le "
                   "(il est souvent invisible dans l'éditeur)", ligne=ligne, colonne=colonne)


def _trop_profond(texte: str, reperes: Reperes) -> Constat | None:
    """Where the nesting first goes deeper than PROFONDEUR_MAX, read from the
    parser's events (a flat loop: it cannot exhaust the stack). The pure-Python
    parser, on this rare path: libyaml's scanner reads a whole flow ahead and
    gives up at 1,000 levels before handing out the first events."""
    profondeur = 0
    try:
        for evenement in yaml.parse(texte, Loader=yaml.SafeLoader):
            if isinstance(evenement, CollectionStartEvent):
                profondeur += 1
                if profondeur > PROFONDEUR_MAX:
                    return _profondeur(reperes.pos(evenement.start_mark))
            elif isinstance(evenement, CollectionEndEvent):
                profondeur -= 1
    except yaml.YAMLError:
        pass
    return None


def _profondeur(position: dict[str, int]) -> Constat:
    return Constat(f"imbrication trop profonde : plus de {PROFONDEUR_MAX} niveaux de listes ou de dictionnaires "
                   "les uns dans les autres (une fiche en a cinq) ; vérifiez les crochets [ ] et accolades { }",
                   **position)


def lire_yaml(source: str, decalage: int = 0, debut: int = 0, fin: int | None = None) -> Yaml:
    """Parse the YAML document `source[debut:fin]`, which starts after
    `decalage` lines of the file."""
    resultat = Yaml(decalage=decalage)
    texte = source[debut:fin]
    reperes = Reperes(source, decalage, debut, fin)
    prealable = _tabulation(texte, decalage) or _caractere_interdit(reperes)
    if prealable is not None:
        resultat.problemes.append(("SUS100", prealable))
        return resultat
    try:
        racine = yaml.compose(texte, Loader=_chargeur(_Loader))
    except RecursionError:  # the pure-Python composer on deep nesting
        resultat.problemes.append(("SUS100", _trop_profond(texte, reperes) or _profondeur(
            {"ligne": decalage + 1, "colonne": 1})))
        return resultat
    except yaml.MarkedYAMLError as err:
        if "maximum nesting depth" in (err.problem or ""):  # libyaml stops at 1,000 levels
            resultat.problemes.append(("SUS100", _trop_profond(texte, reperes) or _profondeur(
                reperes.pos(err.problem_mark) if err.problem_mark else {"ligne": decalage + 1, "colonne": 1})))
            return resultat
        mark = err.problem_mark or err.context_mark
        ligne, colonne = reperes.position(mark) if mark else (decalage + 1, 1)
        resultat.problemes.append(("SUS100", Constat(
            f"erreur de syntaxe YAML : {_traduire_erreur(err)}", ligne=ligne, colonne=colonne)))
        return resultat
    except yaml.YAMLError as err:
        resultat.problemes.append(("SUS100", Constat(
            f"erreur de syntaxe YAML : {err}", ligne=decalage + 1, colonne=1)))
        return resultat
    resultat.source, resultat.debut, resultat.fin = source, debut, fin
    resultat.sauts_yaml = reperes.recompter
    resultat._noeuds = racine
    if racine is not None:
        constructeur = _Construction(reperes, alias_possibles="*" in texte)
        valeur = constructeur.valeur(racine)
        if constructeur.trop_profond is not None:
            # As when the parser itself gives up: one finding, no value.
            resultat.problemes.append(("SUS100", constructeur.trop_profond))
            return resultat
        resultat.valeur = None if valeur is _ALIAS else valeur
        resultat.problemes.extend(constructeur.problemes)
    return resultat


class _Construction:
    """Builds Python values from nodes, once per node, recording findings."""

    def __init__(self, reperes: Reperes, alias_possibles: bool = True) -> None:
        self.reperes = reperes
        self.profondeur = 0
        self.trop_profond: Constat | None = None
        # Without a `*` in the text there is no alias: skip the bookkeeping
        # (this loop runs for every node of every fiche).
        self.vus: set[int] | None = set() if alias_possibles else None
        self.problemes: list[tuple[str, Constat]] = []
        self.alias_signale = False

    def valeur(self, noeud: Node, ou: Node | None = None) -> Any:
        """`ou` is where to point if `noeud` turns out to be an alias: the
        anchored node's own mark is the anchor, not the alias."""
        vus = self.vus
        if vus is not None:
            if id(noeud) in vus:
                # The composer hands back the anchored node for every alias:
                # seeing a node twice means an alias. Stop here, never expand.
                if not self.alias_signale:
                    self.alias_signale = True
                    self.problemes.append(("SUS102", Constat(
                        "les ancres et alias YAML (&nom, *nom) ne sont pas acceptés dans une fiche : "
                        "recopiez la valeur", **self.reperes.pos((ou or noeud).start_mark))))
                return _ALIAS
            vus.add(id(noeud))
        classe = noeud.__class__
        if classe is ScalarNode:
            if noeud.tag == TAG_STR:
                return noeud.value
            return self.scalaire(noeud)
        if noeud.tag not in (TAG_MAP, TAG_SEQ):
            self.problemes.append(("SUS100", Constat(
                f"étiquette YAML non autorisée « {noeud.tag} »", **self.reperes.pos(noeud.start_mark))))
            return None
        if self.profondeur >= PROFONDEUR_MAX:
            if self.trop_profond is None:
                self.trop_profond = _profondeur(self.reperes.pos(noeud.start_mark))
            return None
        self.profondeur += 1
        try:
            if noeud.tag == TAG_MAP:
                return self.correspondance(noeud)
            valeurs = [self.valeur(enfant, noeud) for enfant in noeud.value]
            return [v for v in valeurs if v is not _ALIAS] if vus is not None else valeurs
        finally:
            self.profondeur -= 1

    def scalaire(self, noeud: ScalarNode) -> Any:
        if noeud.tag == TAG_STR:
            return noeud.value
        constructeur = _SCALAIRES.get(noeud.tag)
        if constructeur is None:
            self.problemes.append(("SUS100", Constat(
                f"étiquette YAML non autorisée « {noeud.tag} »", **self.reperes.pos(noeud.start_mark))))
            return None
        court = len(noeud.value) <= _COURT
        if court:
            valeur = _VALEURS.get((noeud.tag, noeud.value), _ABSENT)
            if valeur is not _ABSENT:
                return valeur  # an int, float, bool, None or date: never changed in place
        try:
            valeur = constructeur(_constructeur, noeud)
            if court and len(_VALEURS) < _MEMO_MAX and isinstance(valeur, _IMMUABLES):
                _VALEURS[(noeud.tag, noeud.value)] = valeur
            return valeur
        except Exception:  # PyYAML's constructors fail in many ways on odd input (`!!timestamp x`)
            if noeud.tag == TAG_TIMESTAMP:
                # An impossible date (2024-02-30): keep the text, the
                # schema check then says precisely what is wrong with it.
                return noeud.value
            self.problemes.append(("SUS100", Constat(
                f"valeur YAML illisible « {_extrait(noeud.value)} »", **self.reperes.pos(noeud.start_mark))))
        return None

    def correspondance(self, noeud: MappingNode) -> dict:
        resultat: dict = {}
        premieres: dict = {}
        for cle_noeud, valeur_noeud in noeud.value:
            if cle_noeud.__class__ is not ScalarNode:
                self.problemes.append(("SUS200", Constat(
                    "une clé doit être un simple mot, pas une liste ni un dictionnaire",
                    **self.reperes.pos(cle_noeud.start_mark), type="cle_complexe")))
                continue
            if cle_noeud.tag == TAG_MERGE:
                self.problemes.append(("SUS102", Constat(
                    "la fusion YAML « << » n'est pas acceptée dans une fiche : recopiez les clés",
                    **self.reperes.pos(cle_noeud.start_mark))))
                continue
            cle = cle_noeud.value if cle_noeud.tag == TAG_STR else self.scalaire(cle_noeud)
            if cle is None and cle_noeud.tag != TAG_NULL:
                continue  # a key that could not be read: already reported
            if cle in premieres:
                premiere = self.reperes.position(premieres[cle].start_mark)[0]
                self.problemes.append(("SUS101", Constat(
                    f"la clé « {cle} » apparaît deux fois dans le même bloc (première fois ligne "
                    f"{premiere}) : YAML ne garderait que la dernière valeur",
                    **self.reperes.pos(cle_noeud.start_mark))))
                continue
            premieres[cle] = cle_noeud
            valeur = self.valeur(valeur_noeud, cle_noeud)
            if valeur is not _ALIAS:
                resultat[cle] = valeur
        return resultat


def _extrait(texte: str, longueur: int = 40) -> str:
    return texte if len(texte) <= longueur else f"{texte[:longueur]}… ({len(texte)} caractères)"


# PyYAML's problems, from libyaml (C) and from the pure-Python parser, which
# word them differently: the first pattern that matches gives the French.
_GUILLEMETS = "un texte qui commence par ce caractère s'écrit entre guillemets"
_TRADUCTIONS = [
    (r"could not find expected ':'", "il manque « : » après une clé"),
    (r"mapping values are not allowed", "« : » inattendu (une valeur contenant « : » doit être entre guillemets)"),
    (r"found unexpected ':'", "« : » inattendu (une valeur contenant « : » doit être entre guillemets)"),
    (r"found character '\\t' that cannot start any token", "tabulation inattendue : utilisez des espaces"),
    (r"found (?:a )?tab character", "tabulation inattendue : utilisez des espaces"),
    (r"found character '(.)' that cannot start any token",
     "caractère « {0} » inattendu en début de valeur : " + _GUILLEMETS),
    (r"found character that cannot start any token", "caractère inattendu en début de valeur : " + _GUILLEMETS),
    (r"did not find expected key", "clé attendue (vérifiez l'indentation)"),
    (r"did not find expected '-' indicator", "« - » attendu (vérifiez l'indentation de la liste)"),
    (r"found unexpected end of stream", "fin de l'en-tête inattendue (guillemet ou crochet non fermé ?)"),
    (r"found undefined alias", "alias non défini"),
    (r"(?:did not find )?expected ',' or '\]'", "« , » ou « ] » attendu dans la liste entre crochets"),
    (r"(?:did not find )?expected ',' or '\}'", "« , » ou « } » attendu dans le dictionnaire entre accolades"),
    (r"found unknown escape character",
     "séquence d'échappement inconnue entre guillemets (utilisez des guillemets simples)"),
    (r"(?:block )?sequence entries are not allowed", "élément de liste « - » mal placé (vérifiez l'indentation)"),
    (r"mapping keys are not allowed", "clé mal placée (vérifiez l'indentation)"),
    (r"expected <block end>", "ligne mal alignée : vérifiez l'indentation des clés et des « - » au-dessus"),
    (r"(?:did not find expected node content|expected the node content)",
     "valeur attendue ; une valeur qui commence par un caractère spécial s'écrit entre guillemets"),
    (r"did not find expected whitespace or line break", "espace ou fin de ligne attendue"),
    (r"(?:did not find expected comment or line break|expected a comment or a line break)",
     "fin de ligne attendue après la valeur (un texte contenant « : » ou « # » doit être entre guillemets)"),
    (r"(?:did not find )?expected alphabetic or numeric character",
     "nom d'ancre ou d'alias attendu après « & » ou « * » : " + _GUILLEMETS),
    (r"(?:did not find expected tag URI|expected URI|found undefined tag handle|expected ' ', but found|"
     r"did not find expected '!'|did not find URI escaped octet|expected URI escape sequence)",
     "étiquette YAML mal écrite : " + _GUILLEMETS),
    (r"(?:did not find expected <document start>|expected '<document start>'|"
     r"expected a single document in the stream|but found another document)",
     "un seul document YAML est attendu (une ligne « --- » ou « ... » de trop ?)"),
    (r"found unexpected document (?:indicator|separator)",
     "« --- » ou « ... » inattendu dans une valeur : " + _GUILLEMETS),
    (r"(?:did not find expected|expected) (?:chomping or indentation indicators|"
     r"chomping or indentation indicator)",
     "après « | » ou « > », seule une fin de ligne est attendue : " + _GUILLEMETS),
    (r"found duplicate anchor", "ancre en double"),
    (r"found (?:duplicate|incompatible) %YAML directive|found unknown directive|could not find expected directive|"
     r"found unexpected non-alphabetical character|did not find expected version number|"
     r"(?:did not find expected|expected) (?:digit|<document start>)",
     "directive YAML (« % ») inattendue : " + _GUILLEMETS),
]
_TRADUCTIONS_COMPILEES = [(re.compile(motif), francais) for motif, francais in _TRADUCTIONS]


def _traduire_erreur(err: yaml.MarkedYAMLError) -> str:
    probleme = err.problem or ""
    for motif, francais in _TRADUCTIONS_COMPILEES:
        m = motif.match(probleme)
        if m:
            return francais.format(*m.groups()) if m.groups() else francais
    # A message PyYAML may add one day: French words, and a position that says where.
    return "syntaxe incorrecte à cet endroit (guillemet, crochet ou indentation ?)"

