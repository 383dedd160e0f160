"""Click's own words (help headings, usage errors) in French.

Recent Typer runs on a vendored copy of click without gettext, so the
translation is done on the produced text: help headings by the command
classes below, usage errors by `traduire_erreur`. A sentence missing here
stays in English, which is a bug to report.
"""

from __future__ import annotations

import re

import typer.core
import typer.main

from sus_cli.cli.commandes import AUTRES_NOMS, COMMANDES, CommandesParesseuses, fonction

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
    """The `sus` command: French help; its commands built when first used
    (cli/commandes.py), each listed with its other names (`valider` for `validate`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.commands = CommandesParesseuses(self._construire)

    def _construire(self, nom: str):
        """A command's click command, as `app.command(nom, cls=CommandeFr)` would have made it."""
        seule = typer.Typer()
        seule.command(nom, cls=CommandeFr, hidden=nom in AUTRES_NOMS)(fonction(nom))
        return typer.main.get_command_from_info(seule.registered_commands[0], pretty_exceptions_short=True,
                                                rich_markup_mode=self.rich_markup_mode)

    def get_help(self, ctx) -> str:
        return traduire_aide(super().get_help(ctx))

    def format_options(self, ctx, formatter) -> None:
        _ecrire_parametres(self, ctx, formatter)
        self.format_commands(ctx, formatter)

    @staticmethod
    def autres_noms() -> dict[str, list[str]]:
        """Listed command name → its other names."""
        autres: dict[str, list[str]] = {}
        for autre, nom in AUTRES_NOMS.items():
            autres.setdefault(nom, []).append(autre)
        return autres

    def format_commands(self, ctx, formatter) -> None:
        """From the table of commands: no command module is imported to list them."""
        autres = self.autres_noms()
        lignes = [(", ".join([nom, *autres.get(nom, [])]), resume) for nom, resume in COMMANDES.items()]
        limite = formatter.width - 6 - max(len(nom) for nom, _ in lignes)
        with formatter.section("Commandes"):
            formatter.write_dl([(nom, _resume_court(resume, limite)) for nom, resume in lignes])

    def shell_complete(self, ctx, incomplete: str):
        """The command names (Tab after `sus `), from the table of commands; then the options."""
        resultats = [_element(nom, _resume_court(resume)) for nom, resume in COMMANDES.items()
                     if nom.startswith(incomplete)]
        resultats.extend(_click().core.Command.shell_complete(self, ctx, incomplete))
        return resultats


def _click():
    try:
        import typer._click as click
    except ImportError:  # older Typer uses the click package itself
        import click
    return click


def _resume_court(resume: str, limite: int = 45) -> str:
    """What click shows of a command's help in a list (its first words, up to `limite` characters)."""
    from importlib import import_module

    return import_module(_click().__name__ + ".utils").make_default_short_help(resume, limite).strip()


def _element(nom: str, aide: str):
    from importlib import import_module

    return import_module(_click().__name__ + ".shell_completion").CompletionItem(nom, help=aide)


def exceptions_click():
    """(UsageError, NoArgsIsHelpError or None) of the click Typer runs on."""
    try:
        from typer._click import exceptions
    except ImportError:  # older Typer uses the click package itself
        from click import exceptions
    return exceptions.UsageError, getattr(exceptions, "NoArgsIsHelpError", None)
