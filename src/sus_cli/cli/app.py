"""The `sus` application: registers one command per module, and turns every
failure into a French message and an exit status (never a traceback).

Start-up is what a pre-commit hook pays at every commit: this module imports
nothing heavy. `sus --version` answers before Typer is imported, and each
command's module is imported only when it runs (cli/commandes.py).
"""

from __future__ import annotations

import errno
import os
import sys


_APP = None


def _application():
    """The Typer application (built on first use: it imports Typer)."""
    global _APP
    if _APP is None:
        _APP = _construire()
    return _APP


def _construire():
    import typer

    from sus_cli.cli import completion
    from sus_cli.cli.french import GroupeFr

    app = typer.Typer(
        name="sus",
        add_completion=False,
        no_args_is_help=True,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
        cls=GroupeFr,
    )

    @app.callback()
    def _options_generales(
        version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                     help="Affiche la version et quitte."),
        _installer: bool = typer.Option(False, "--install-completion", callback=completion.installer, is_eager=True,
                                        expose_value=False, help="Installe l'autocomplétion des commandes et options "
                                        "de sus (touche Tab) dans le terminal utilisé : bash, zsh, fish ou PowerShell."),
        _montrer: bool = typer.Option(False, "--show-completion", callback=completion.montrer, is_eager=True,
                                      expose_value=False, help="Affiche le script d'autocomplétion du terminal "
                                      "utilisé, pour l'installer soi-même."),
    ) -> None:
        """Le Schéma unique des solidarités en fichiers : vérifier, suivre et dresser le bilan des fiches actions.

        Chaque commande rend 0 quand tout va bien, 1 quand elle trouve des problèmes dans le schéma,
        2 pour une erreur d'utilisation ou une erreur interne. --debug affiche le détail d'une erreur interne.
        """

    return app


def _version(valeur: bool) -> None:
    if valeur:
        import typer

        from sus_cli import __version__
        print(f"sus {__version__}")
        raise typer.Exit(0)


def __getattr__(nom: str):
    if nom == "app":  # `from sus_cli.cli.app import app`: the Typer application, for tests and tools
        return _application()
    raise AttributeError(f"module {__name__!r} has no attribute {nom!r}")


def _tube_ferme(erreur: BaseException | None) -> bool:
    return isinstance(erreur, OSError) and erreur.errno == errno.EPIPE


def _sortie_fermee() -> None:
    """Output piped into `head`, which has read enough: not an error, and nothing to say.
    Later writes (the flush at exit) go nowhere instead of failing again."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.__stdout__.fileno())
    except (OSError, ValueError, AttributeError):  # no real stdout (tests capture it)
        pass


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv == ["--version"]:  # the same answer as the option's, without loading Typer
        from sus_cli import __version__
        print(f"sus {__version__}")
        sys.exit(0)
    import typer

    from sus_cli.cli import completion
    from sus_cli.cli.common import ErreurUsage, ProblemeSchema
    from sus_cli.cli.french import exceptions_click, traduire_erreur
    from sus_cli.echappement import lignes
    from sus_cli.files import ErreurEcriture, expliquer

    usage_error, aide_sans_argument = exceptions_click()
    if completion.VARIABLE in os.environ:  # the shell asks for completions (installed script)
        completion.preparer()
    debug = "--debug" in argv
    argv = [a for a in argv if a != "--debug"]
    try:
        code = typer.main.get_command(_application()).main(args=argv, prog_name="sus", standalone_mode=False)
    except SystemExit as fin:
        # Click turns a broken pipe into exit 1; for sus, 1 means problems in the schéma.
        if not _tube_ferme(fin.__context__):
            raise
        _sortie_fermee()
        code = 0
    except typer.Exit as fin:
        code = fin.exit_code
    except typer.Abort:
        print("Interrompu.", file=sys.stderr)
        code = 2
    except usage_error as err:
        if aide_sans_argument is not None and isinstance(err, aide_sans_argument):
            print(err.format_message())
            code = 0
        else:
            print(f"Erreur d'utilisation : {traduire_erreur(err.format_message())}", file=sys.stderr)
            print("Aide : sus --help", file=sys.stderr)
            code = 2
    except (ErreurUsage, ErreurEcriture, ProblemeSchema) as err:
        # Messages quote file names and values from the schéma: shown, never obeyed.
        print(f"Erreur : {lignes(err)}", file=sys.stderr)
        code = 1 if isinstance(err, ProblemeSchema) else 2
    except KeyboardInterrupt:
        print("Interrompu.", file=sys.stderr)
        code = 2
    except BrokenPipeError:
        _sortie_fermee()
        code = 0
    except OSError as err:
        cible = f" : {err.filename}" if err.filename else ""
        print(f"Erreur : {lignes(expliquer(err))}{lignes(cible)}", file=sys.stderr)
        code = 2
    except Exception as err:  # the last line of defence: never a traceback
        if debug:
            raise
        print(f"Erreur interne de sus : {type(err).__name__}: {lignes(err)}\n"
              "Relancez avec --debug pour le détail, et signalez-la aux mainteneurs.", file=sys.stderr)
        code = 2
    sys.exit(code if isinstance(code, int) else 0)
