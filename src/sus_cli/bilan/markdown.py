"""Markdown written by people (a fiche's body, bilans/ANNEE.md), rendered
for a document or a page as data, never as code.

CommonMark with tables, and: raw HTML shown as text; no image (a picture
from another site would be an external resource, and a tracker); links
only to web pages (http, https), e-mail addresses and places inside the
site, so `javascript:`, `data:`, `vbscript:` or `file:` links stay plain text.
"""

from __future__ import annotations

import re

# Anything before the first `/`, `?` or `#` that ends with `:` is a scheme.
_SCHEMA = re.compile(r"^[^/?#]*:")
_SCHEMAS_PERMIS = re.compile(r"^(?:https?|mailto):", re.IGNORECASE)


def lien_permis(adresse: str) -> bool:
    """A link target a published page may carry: http(s), mailto, or a relative address."""
    return not _SCHEMA.match(adresse) or bool(_SCHEMAS_PERMIS.match(adresse))


def analyseur():
    from markdown_it import MarkdownIt
    md = MarkdownIt("commonmark", {"html": False}).enable("table").disable("image")
    md.validateLink = lien_permis
    return md


_ANALYSEUR = None


def _analyseur():
    """One parser for the whole run: building one costs more than parsing a fiche."""
    global _ANALYSEUR
    if _ANALYSEUR is None:
        _ANALYSEUR = analyseur()
    return _ANALYSEUR


def decalage(jetons, niveau: int) -> int:
    """How many levels to move the headings so the highest is at `niveau`."""
    titres = [int(j.tag[1]) for j in jetons if j.type == "heading_open"]
    return niveau - min(titres) if titres else 0


def jetons(texte: str, niveau: int = 3):
    """The Markdown's tokens, its headings moved so the highest is at `niveau` (at most 6)."""
    liste = _analyseur().parse(texte)
    ecart = decalage(liste, niveau)
    for jeton in liste:
        if jeton.type in ("heading_open", "heading_close"):
            jeton.tag = f"h{min(6, int(jeton.tag[1]) + ecart)}"
    return liste


def en_html(texte: str, niveau: int = 3) -> str:
    md = _analyseur()
    return md.renderer.render(jetons(texte, niveau), md.options, {})
