"""Click's own words (help headings, usage errors) in French.

Recent Typer runs on a vendored copy of click without gettext, so the
translation is done on the produced text: help headings by the command
classes below, usage errors by `traduire_erreur`. A sentence missing here
stays in English, which is a bug to report.
"""

from __future__ import annotations

import inspect
import re

import typer.core

_AIDE = [
    (re.compile(r"^Usage: ", re.M), "Utilisation : "),
    (re.compile(r"^(Commandes|Arguments|Options):$", re.M), r"\1 :"),
    (re.compile(r"Show this message and exit\."), "Affiche cette aide et quitte."),
    (re.compile(r"\[OPTIONS\]"), "[OPTIONS]"),
    (re.compile(r"COMMAND \[ARGS\]\.\.\."), "COMMANDE [ARGUMENTS]..."),
    (re.compile(r"\[default: ([^\]]*)\]"), r"[défaut : \1]"),
    (re.compile(r"\[required\]"), "[obligatoire]"),
]

# Typer prints Python type names beside parameters (`<path>`, `<int>`): meaningless to our users.
_TYPE_PYTHON = re.compile(r"\s+<[\w\[\],|. ]+>")

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
    (r"Invalid value for '([^']+)': '(.*)' is not a valid (integer|float)\.?",
     lambda m: f"valeur invalide pour {m[1]} : « {m[2]} » n'est pas un nombre"),
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


def _nom_argument(parametre) -> str:
    nom = (parametre.metavar or parametre.name.upper()).strip("[]")
    return nom + ("..." if parametre.nargs != 1 else "")


def _pieces_d_utilisation(commande, ctx) -> list[str]:
    """The usage line: `ID` for a required argument, `[CODE]` for an optional one
    (Typer writes `{ID}` and, with a bracketed metavar, `[[CODE]]`)."""
    pieces = [commande.options_metavar] if commande.options_metavar else []
    for parametre in commande.get_params(ctx):
        if parametre.param_type_name == "argument":
            nom = _nom_argument(parametre)
            pieces.append(nom if parametre.required else f"[{nom}]")
        else:
            pieces.extend(parametre.get_usage_pieces(ctx))
    return pieces


def _ecrire_parametres(commande, ctx, formatter) -> None:
    """The Arguments and Options sections, translated before they are wrapped (a
    `[default: …]` cut across two lines could not be translated afterwards)."""
    sections: dict[str, list[tuple[str, str]]] = {"argument": [], "option": []}
    for parametre in commande.get_params(ctx):
        ligne = parametre.get_help_record(ctx)
        if ligne is None or parametre.param_type_name not in sections:
            continue
        nom, aide = ligne
        nom = _nom_argument(parametre) if parametre.param_type_name == "argument" else _TYPE_PYTHON.sub("", nom)
        sections[parametre.param_type_name].append((nom, traduire_aide(aide)))
    for titre, lignes in (("Arguments", sections["argument"]), ("Options", sections["option"])):
        if lignes:
            with formatter.section(titre):
                formatter.write_dl(lignes)


class CommandeFr(typer.core.TyperCommand):
    def get_help(self, ctx) -> str:
        return traduire_aide(super().get_help(ctx))

    def collect_usage_pieces(self, ctx) -> list[str]:
        return _pieces_d_utilisation(self, ctx)

    def format_options(self, ctx, formatter) -> None:
        _ecrire_parametres(self, ctx, formatter)


class GroupeFr(typer.core.TyperGroup):
    """The `sus` command: French help; a hidden command with the same function as a
    listed one is its other name (`valider` for `validate`), shown beside it."""

    def get_help(self, ctx) -> str:
        return traduire_aide(super().get_help(ctx))

    def format_options(self, ctx, formatter) -> None:
        _ecrire_parametres(self, ctx, formatter)
        self.format_commands(ctx, formatter)

    def autres_noms(self, ctx) -> dict[str, list[str]]:
        """Listed command name → its other names."""
        commandes = {nom: self.get_command(ctx, nom) for nom in self.list_commands(ctx)}
        fonction = lambda c: inspect.unwrap(c.callback)  # noqa: E731 - Typer wraps each registration
        visibles = {fonction(c): nom for nom, c in commandes.items() if c is not None and not c.hidden}
        autres: dict[str, list[str]] = {}
        for nom, commande in commandes.items():
            if commande is not None and commande.hidden and fonction(commande) in visibles:
                autres.setdefault(visibles[fonction(commande)], []).append(nom)
        return autres

    def format_commands(self, ctx, formatter) -> None:
        autres = self.autres_noms(ctx)
        lignes = []
        for nom in self.list_commands(ctx):
            commande = self.get_command(ctx, nom)
            if commande is not None and not commande.hidden:
                lignes.append((", ".join([nom, *autres.get(nom, [])]), commande))
        if lignes:
            limite = formatter.width - 6 - max(len(nom) for nom, _ in lignes)
            with formatter.section("Commandes"):
                formatter.write_dl([(nom, commande.get_short_help_str(limite)) for nom, commande in lignes])


def exceptions_click():
    """(UsageError, NoArgsIsHelpError or None) of the click Typer runs on."""
    try:
        from typer._click import exceptions
    except ImportError:  # older Typer uses the click package itself
        from click import exceptions
    return exceptions.UsageError, getattr(exceptions, "NoArgsIsHelpError", None)
