"""`sus --install-completion` and `sus --show-completion`, in French.

Typer's own options print English; these call the same machinery (its
installer writes the same files) and speak French. Completion itself runs
through the `_SUS_COMPLETE` variable that the installed script sets.
"""

from __future__ import annotations

import os
from pathlib import Path

import typer

from sus_cli.cli.common import ErreurUsage

TERMINAUX = ("bash", "zsh", "fish", "powershell", "pwsh")
VARIABLE = "_SUS_COMPLETE"


def _terminal() -> str:
    """The shell this command runs in: detected from the parent processes, else $SHELL."""
    from typer._completion_shared import _get_shell_name

    try:
        nom = _get_shell_name()
    except Exception:  # detection reads /proc; never worth a traceback
        nom = None
    if nom not in TERMINAUX:
        nom = Path(os.environ.get("SHELL", "")).name or nom
    if nom not in TERMINAUX:
        raise ErreurUsage(f"terminal « {nom or 'inconnu'} » non pris en charge pour l'autocomplétion ; "
                          f"terminaux possibles : bash, zsh, fish, PowerShell")
    return nom


def installer(ctx: typer.Context, valeur: bool) -> None:
    if not valeur or ctx.resilient_parsing:
        return
    from typer._completion_shared import install

    terminal, chemin = install(shell=_terminal(), prog_name="sus", complete_var=VARIABLE)
    print(f"Autocomplétion de sus installée pour {terminal} dans {chemin}.\n"
          "Elle marchera dans les terminaux ouverts à partir de maintenant : tapez « sus » puis la touche "
          "Tab pour voir les commandes, « sus liste --» puis Tab pour voir les options.")
    raise typer.Exit(0)


def montrer(ctx: typer.Context, valeur: bool) -> None:
    if not valeur or ctx.resilient_parsing:
        return
    from typer._completion_shared import get_completion_script

    print(get_completion_script(prog_name="sus", complete_var=VARIABLE, shell=_terminal()))
    raise typer.Exit(0)


def preparer() -> None:
    """Register Typer's completion classes for each shell (its `add_completion` would)."""
    from typer._completion_classes import completion_init
    completion_init()
