"""Rendering a bilan with Jinja templates.

Templates are looked up in the schéma repository's own `templates/` first,
then in the built-in ones, so a département overrides one template by
giving a file of the same name. Fiche text is data: it is passed to the
templates as values, never compiled as template code, and autoescaped in
HTML. Templates run in Jinja's sandbox with undefined variables as errors.
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined, TemplateError, select_autoescape
from jinja2.sandbox import SandboxedEnvironment

from sus_cli.bilan.donnees import DonneesBilan

GABARITS = {"markdown": "bilan.md.j2", "html": "bilan.html.j2"}

STATUTS = {"a_venir": "À venir", "en_cours": "En cours", "realisee": "Réalisée", "en_pause": "En pause",
           "bloquee": "Bloquée", "abandonnee": "Abandonnée", "a_discuter": "À discuter",
           "non_renseigne": "Non renseigné", None: "Non renseigné"}
VALIDATIONS = {"brouillon": "Brouillon", "soumise": "Soumise", "validee": "Validée"}
MOIS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
        "novembre", "décembre")


class ErreurGabarit(Exception):
    """A template that cannot be rendered: French message, exit status 2."""


def _nombre(x, decimales: int = 2) -> str:
    if x is None:
        return "—"
    if isinstance(x, bool):
        return "oui" if x else "non"
    if isinstance(x, float) and x.is_integer():
        x = int(x)
    texte = f"{x:,}" if isinstance(x, int) else f"{x:,.{decimales}f}".rstrip("0").rstrip(".")
    return texte.replace(",", "\u202f").replace(".", ",")


def _pourcent(x, decimales: int = 0) -> str:
    if x is None:
        return "n.c."
    return f"{x * 100:.{decimales}f}".replace(".", ",") + "\u00a0%"


def _euros(x) -> str:
    return "—" if x is None else f"{_nombre(x)}\u00a0€"


def _valeur(x, unite: str | None = None) -> str:
    if x is None:
        return "—"
    if isinstance(x, bool) or unite in (None, "nombre", "livrable"):
        return _nombre(x)
    return f"{_nombre(x)}\u00a0{unite}" if unite in ("%", "€") else _nombre(x)


def _date(d: dt.date | None) -> str:
    if d is None:
        return "—"
    return f"{'1er' if d.day == 1 else d.day} {MOIS[d.month - 1]} {d.year}"


def _cellule(texte) -> str:
    """Text safe inside a Markdown table cell."""
    if texte is None:
        return ""
    return " ".join(str(texte).split()).replace("|", "\\|")


FILTRES = {
    "nombre": _nombre, "pourcent": _pourcent, "euros": _euros, "valeur": _valeur, "date_fr": _date,
    "cellule": _cellule, "statut": lambda s: STATUTS.get(s, s), "validation": lambda e: VALIDATIONS.get(e, e),
}


def dossier_integre() -> Path:
    return Path(str(importlib.resources.files("sus_cli.templates")))


def environnement(racine: Path | None) -> SandboxedEnvironment:
    dossiers = []
    if racine is not None and (racine / "templates").is_dir():
        dossiers.append(str(racine / "templates"))
    dossiers.append(str(dossier_integre()))
    env = SandboxedEnvironment(
        loader=FileSystemLoader(dossiers),
        # select_autoescape matches the last suffix only: name `.html.j2` too.
        autoescape=select_autoescape(enabled_extensions=("html", "htm", "xml", "html.j2", "svg.j2"),
                                     default_for_string=False, default=False),
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(FILTRES)
    return env


def rendre_gabarit(nom: str, racine: Path | None, **variables) -> str:
    try:
        return environnement(racine).get_template(nom).render(**variables)
    except TemplateError as err:
        ou = f"{err.filename}:{err.lineno}" if getattr(err, "filename", None) else nom
        raise ErreurGabarit(f"gabarit {ou} : {err.message or err}") from None


def rendre(donnees: DonneesBilan, format_: str, racine: Path | None) -> str:
    return rendre_gabarit(GABARITS[format_], racine, bilan=donnees.bilan, qualite=donnees.qualite,
                          schema=donnees.schema, annee=donnees.annee, genere_le=donnees.genere_le,
                          source=donnees.source, non_commitees=donnees.non_commitees,
                          evolutions=donnees.evolutions)
