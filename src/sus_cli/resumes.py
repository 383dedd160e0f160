"""What the checks keep of each file once its own rules have run: a small
summary that the rules comparing files read (ids, links, porteurs), with the
file's own diagnostics. A summary is plain data: it is what worker processes
send back, and what the cache (loading/cache.py) keeps as JSON, instead of
whole documents and their models.

Also the référentiel: what the rules read of a valid sus.yaml, as plain data,
so that a run whose files are all in the cache never builds a model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sus_cli.diagnostics import Chemin, Diagnostic


@dataclass(frozen=True, slots=True)
class Direction:
    nom: str
    relecteurs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Referentiel:
    """A valid sus.yaml, as the rules read it."""

    debut: int
    fin: int
    volets: dict[str, dict[int, tuple[int, ...]]]  # volet → axe → objectifs, in sus.yaml's order
    directions: dict[str, Direction]
    niveaux: dict[str, str]  # `regles:` rule code → error, warning or off
    coordonnees_publiques: tuple[str, ...] = ()

    @property
    def annees(self) -> range:
        return range(self.debut, self.fin + 1)

    def objectif_existe(self, volet: str, axe: int, objectif: int) -> bool:
        return objectif in self.volets.get(volet, {}).get(axe, ())

    @classmethod
    def depuis_config(cls, config) -> Referentiel | None:
        """From a model.Config (None for an invalid sus.yaml)."""
        if config is None:
            return None
        return cls(config.schema_.debut, config.schema_.fin,
                   {code: {numero: tuple(axe.objectifs) for numero, axe in volet.axes.items()}
                    for code, volet in config.volets.items()},
                   {code: Direction(d.nom, tuple(d.relecteurs)) for code, d in config.directions.items()},
                   dict(config.regles), tuple(config.coordonnees_publiques))

    def en_json(self) -> dict:
        return {"debut": self.debut, "fin": self.fin,
                "volets": {code: [[axe, list(objectifs)] for axe, objectifs in axes.items()]
                           for code, axes in self.volets.items()},
                "directions": {code: [d.nom, list(d.relecteurs)] for code, d in self.directions.items()},
                "niveaux": self.niveaux, "coordonnees_publiques": list(self.coordonnees_publiques)}

    @classmethod
    def depuis_json(cls, objet: dict) -> Referentiel:
        return cls(objet["debut"], objet["fin"],
                   {code: {axe: tuple(objectifs) for axe, objectifs in axes} for code, axes in objet["volets"].items()},
                   {code: Direction(nom, tuple(relecteurs)) for code, (nom, relecteurs) in objet["directions"].items()},
                   dict(objet["niveaux"]), tuple(objet["coordonnees_publiques"]))


def cle_position(chemin: Chemin, cle: bool = False) -> str:
    return repr(tuple(chemin)) + ("@cle" if cle else "")


@dataclass(slots=True)
class Resume:
    """One file (a fiche, sus.yaml, or a folder not read) after its own rules."""

    chemin: str
    id: str | None = None
    # False for a fiche read only for its id (a run that reports on other files).
    complet: bool = True
    dossier: bool = False  # a folder (or a link to one) under fiches/, not read
    porteur: str | None = None  # the `porteur` written, when it is text
    liees: tuple[tuple[int, str], ...] = ()  # (index, id) of each `fiches_liees` item that is text
    etat: str | None = None  # validation state of a valid fiche; None when it did not validate
    ignores: tuple[str, ...] = ()  # the codes of `sus_ignore`
    diagnostics: list[Diagnostic] = field(default_factory=list)  # kept by its own rules
    ignores_utilises: frozenset[str] = frozenset()  # codes its own rules found and sus_ignore silenced
    # (line, column) of the places the rules comparing files may point at (cle_position).
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    referentiel: Referentiel | None = None  # sus.yaml only, when valid

    def position(self, chemin: Chemin, cle: bool = False) -> tuple[int, int]:
        return self.positions[cle_position(chemin, cle)]

    def en_json(self) -> list:
        return [self.chemin, self.id, self.complet, self.dossier, self.porteur, [list(l) for l in self.liees],
                self.etat, list(self.ignores),
                [[d.path, d.line, d.column, d.code, d.severity, d.message, d.fiche, d.slug, d.type]
                 for d in self.diagnostics],
                sorted(self.ignores_utilises), self.positions,
                self.referentiel.en_json() if self.referentiel else None]

    @classmethod
    def depuis_json(cls, objet: Any) -> Resume:
        (chemin, identifiant, complet, dossier, porteur, liees, etat, ignores, diagnostics, utilises, positions,
         referentiel) = objet
        return cls(chemin, identifiant, complet, dossier, porteur, tuple((i, l) for i, l in liees), etat, tuple(ignores),
                   [Diagnostic(*d) for d in diagnostics], frozenset(utilises),
                   {cle: (ligne, colonne) for cle, (ligne, colonne) in positions.items()},
                   Referentiel.depuis_json(referentiel) if referentiel is not None else None)

    def en_texte(self) -> str:
        import json
        return json.dumps(self.en_json(), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def depuis_texte(cls, texte: str) -> Resume:
        import json
        return cls.depuis_json(json.loads(texte))
