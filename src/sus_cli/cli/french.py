"""Click's own words (help headings, usage errors) in French.

Recent Typer runs on a vendored copy of click without gettext, so the
translation is done on the produced text: help headings by the command
classes below, usage errors by `traduire_erreur`. A sentence missing here
stays in English, which is a bug to report.
"""

from __future__ import annotations

import re

import typer.core

_AIDE = [
    (re.compile(r"^Usage: ", re.M), "Utilisation : "),
    (re.compile(r"^Options:$", re.M), "Options :"),
    (re.compile(r"^Commands:$", re.M), "Commandes :"),
    (re.compile(r"^Arguments:$", re.M), "Arguments :"),
    (re.compile(r"Show this message and exit\."), "Affiche cette aide et quitte."),
    (re.compile(r"\[OPTIONS\]"), "[OPTIONS]"),
    (re.compile(r"COMMAND \[ARGS\]\.\.\."), "COMMANDE [ARGUMENTS]..."),
    (re.compile(r"\[default: ([^\]]*)\]"), r"[défaut : \1]"),
    (re.compile(r"\[required\]"), "[obligatoire]"),
    # Typer prints Python type names beside arguments: meaningless to our users.
    (re.compile(r" <(?:list\[\w+\]|Path|str|int|bool)>"), lambda m: " " * len(m.group(0))),
]

_ERREURS = [
    (r"No such option: (\S+?)\.?(?:\s+Did you mean (\S+?)\?)?(?:\s*\(Possible options: (.*)\))?$",
     lambda m: f"option inconnue : {m[1]}" + (f" ; vouliez-vous dire {m[2]} ?" if m[2] else "")
     + (f" ; options proches : {m[3]}" if m[3] else "")),
    (r"No such command '([^']+)'\.", lambda m: f"commande inconnue « {m[1]} » ; « sus --help » les liste"),
    (r"Missing argument '([^']+)'\.", lambda m: f"argument manquant : {m[1]}"),
    (r"Missing option '([^']+)'\.", lambda m: f"option obligatoire manquante : {m[1]}"),
    (r"Option '([^']+)' requires an argument\.", lambda m: f"l'option {m[1]} attend une valeur"),
    (r"Option '([^']+)' does not take a value\.", lambda m: f"l'option {m[1]} ne prend pas de valeur"),
    (r"Got unexpected extra arguments? \((.*)\)", lambda m: f"argument(s) en trop : {m[1]}"),
    (r"Invalid value for '([^']+)': (.*)", lambda m: f"valeur invalide pour {m[1]} : {m[2]}"),
]


def traduire_aide(texte: str) -> str:
    for motif, remplacement in _AIDE:
        texte = motif.sub(remplacement, texte)
    return texte


def traduire_erreur(message: str) -> str:
    for motif, remplacement in _ERREURS:
        m = re.match(motif, message, re.S)
        if m:
            return remplacement(m)
    return message


class CommandeFr(typer.core.TyperCommand):
    def get_help(self, ctx) -> str:
        return traduire_aide(super().get_help(ctx))


class GroupeFr(typer.core.TyperGroup):
    def get_help(self, ctx) -> str:
        return traduire_aide(super().get_help(ctx))


def exceptions_click():
    """(UsageError, NoArgsIsHelpError or None) of the click Typer runs on."""
    try:
        from typer._click import exceptions
    except ImportError:  # older Typer uses the click package itself
        from click import exceptions
    return exceptions.UsageError, getattr(exceptions, "NoArgsIsHelpError", None)
