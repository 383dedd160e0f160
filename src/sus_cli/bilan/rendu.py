"""Rendering a bilan with Jinja templates.

Templates are looked up in the schéma repository's own `templates/` first,
then in the built-in ones, so a département overrides one template by
giving a file of the same name. Fiche text is data: it is passed to the
templates as values, never compiled as template code, and autoescaped in
HTML. Templates run in Jinja's sandbox with undefined variables as errors.
"""

from __future__ import annotations

import importlib.resources
import os
from pathlib import Path

import re
import types

from jinja2 import (BaseLoader, ChoiceLoader, FileSystemLoader, StrictUndefined, TemplateError, TemplateNotFound,
                    select_autoescape)
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from sus_cli import francais, graphiques
from sus_cli.bilan import markdown
from sus_cli.bilan import mots as mots_
from sus_cli.bilan.donnees import DonneesBilan
from sus_cli.echappement import une_ligne

GABARITS = {"markdown": "bilan.md.j2", "html": "bilan.html.j2"}

class ErreurGabarit(Exception):
    """A template that cannot be rendered: French message, exit status 2."""


# Markdown's inline syntax, and raw HTML: a title with `<script>` or
# `[clic](javascript:…)` must come out as text in the Markdown bilan too.
_SYNTAXE_MARKDOWN = re.compile(r"([\\`*_\[\]<>#!~|])")


def _markdown(texte) -> str:
    """A person's text on one line of Markdown, shown as written: whitespace
    collapsed, control characters shown (`\\x1b`: a Markdown bilan is often
    printed to a terminal), Markdown syntax and raw HTML escaped."""
    if texte is None:
        return ""
    return _SYNTAXE_MARKDOWN.sub(r"\\\1", une_ligne(" ".join(str(texte).split())))


def _graphique(indicateur, ident: str) -> Markup:
    """The inline SVG chart of a figures.indicateurs.ChiffresIndicateur (its text is escaped by the chart module)."""
    return Markup(graphiques.en_svg(indicateur.serie, ident))


def _periode(periode: str | None, annee: int | None = None) -> str:
    """« 2024-T3 » → « T3 » inside its own year's column, « 2024 T3 » elsewhere."""
    if not periode:
        return ""
    if annee is not None and periode.startswith(f"{annee}-T"):
        return periode[5:]
    return periode.replace("-T", " T")


FILTRES = {
    "nombre": francais.nombre, "pourcent": francais.pourcent, "euros": francais.euros, "valeur": francais.valeur,
    "date_fr": francais.date, "cellule": _markdown, "md": _markdown, "statut": francais.statut,
    "validation": francais.validation, "pluriel": francais.pluriel, "graphique": _graphique,
    "tableau_serie": lambda indicateur: graphiques.en_tableau(indicateur.serie), "periode": _periode,
    "mots_html": lambda mots, niveau=3: Markup(markdown.en_html(mots.texte, niveau)),
    "markdown_html": lambda texte, niveau=3: Markup(markdown.en_html(texte or "", niveau)),
    "mots_markdown": mots_.en_markdown, "taille": francais.taille,
    "graphique_synthese": lambda volets, quoi: Markup(graphiques.synthese_svg(volets, quoi)),
}


# The objects whose attributes Jinja's sandbox checks one by one (jinja2.sandbox.is_internal_attribute).
_INTERNES = (types.FunctionType, types.MethodType, type, types.CodeType, types.TracebackType, types.FrameType,
             types.GeneratorType, types.CoroutineType, types.AsyncGeneratorType)


class Bac(SandboxedEnvironment):
    """Jinja's sandbox, with the same verdicts, reached faster: a site reads millions of attributes.

    The sandbox refuses a name starting with `_`, and for the internal objects
    above a few more (`mro`, `gi_frame`…); for any other object it refuses
    nothing else, so the figures, models and pages skip the list of checks."""

    def is_safe_attribute(self, obj, attr: str, value) -> bool:
        if attr.startswith("_"):
            return False
        return not isinstance(obj, _INTERNES) or super().is_safe_attribute(obj, attr, value)


def dossier_integre() -> Path:
    return Path(str(importlib.resources.files("sus_cli.templates")))


class _GabaritsDuDepot(BaseLoader):
    """The schéma repository's own templates/, read as a fiche is: a regular
    file inside the schéma, at most 1 Mo. A link out of the schéma (to
    /etc/passwd, /dev/zero) is refused, never followed into a bilan."""

    def __init__(self, racine: Path):
        self.racine = racine

    def get_source(self, environment, template):
        from sus_cli.loading.fichiers import Illisible, lire_octets

        chemin = self.racine / "templates" / Path(*split_template_path(template))
        if not os.path.lexists(chemin):
            raise TemplateNotFound(template)
        try:
            source = lire_octets(chemin, racine=self.racine).decode("utf-8")
        except Illisible as err:
            raise TemplateError(f"templates/{template} : {err.message}") from None
        except UnicodeDecodeError:
            raise TemplateError(f"templates/{template} n'est pas en UTF-8") from None
        return source, str(chemin), lambda: True


def environnement(racine: Path | None) -> Bac:
    integres = FileSystemLoader(str(dossier_integre()))
    env = Bac(
        loader=ChoiceLoader([_GabaritsDuDepot(racine), integres]) if racine is not None else integres,
        # select_autoescape matches the last suffix only: name `.html.j2` too.
        autoescape=select_autoescape(enabled_extensions=("html", "htm", "xml", "html.j2", "svg.j2"),
                                     default_for_string=False, default=False),
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        # One run never sees a template change: no stat of every template at every page.
        auto_reload=False)
    env.filters.update(FILTRES)
    return env


class Gabarits:
    """Templates found by name (the schéma's own first), each compiled once:
    a site renders thousands of pages from the same few templates."""

    def __init__(self, racine: Path | None):
        self.env = environnement(racine)

    def rendre(self, nom: str, **variables) -> str:
        try:
            return self.env.get_template(nom).render(**variables)
        except TemplateError as err:
            ou = f"{err.filename}:{err.lineno}" if getattr(err, "filename", None) else nom
            raise ErreurGabarit(f"gabarit {ou} : {err.message or err}") from None

    def texte(self, nom: str) -> str:
        """A file of the templates folders as it is, not rendered (a script, which would clash with Jinja's syntax)."""
        try:
            return self.env.loader.get_source(self.env, nom)[0]
        except TemplateError as err:
            raise ErreurGabarit(f"gabarit {nom} : {err.message or err}") from None


def rendre_gabarit(nom: str, racine: Path | None, **variables) -> str:
    return Gabarits(racine).rendre(nom, **variables)


def rendre(donnees: DonneesBilan, format_: str, racine: Path | None) -> str:
    return rendre_gabarit(GABARITS[format_], racine, bilan=donnees.bilan, qualite=donnees.qualite,
                          schema=donnees.schema, annee=donnees.annee, genere_le=donnees.genere_le,
                          source=donnees.source, non_commitees=donnees.non_commitees,
                          evolutions=donnees.evolutions, mots=donnees.mots, etat_au=donnees.etat_au)


def methode() -> list[tuple[str, str]]:
    """The formulas of the built-in "méthode" annex (templates/_methode.j2) as (title, text):
    the bilan shows them, docs/format.md repeats them (checked by a test)."""
    return [tuple(ligne) for ligne in environnement(None).get_template("_methode.j2").module.METHODE]
