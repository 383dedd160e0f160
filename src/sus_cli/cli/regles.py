"""`sus regles [CODE]`: list the rules, or explain one (its docstring)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from sus_cli.cli.common import ErreurUsage, console


def tableau_markdown() -> str:
    """The rules as a Markdown table (the README's and docs/format.md's copies are checked against it)."""
    from sus_cli.reference import tableau_regles
    return tableau_regles()


def regles(
    code: Annotated[Optional[str], typer.Argument(help="Code (SUS400) ou nom court (deux-indicateurs) d'une règle.",
                                                  show_default=False, metavar="[CODE]")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="texte ou markdown (la liste en tableau Markdown).",
                                        metavar="FORMAT")] = "texte",
) -> None:
    """Liste les règles de vérification, ou explique l'une d'elles avec un exemple."""
    from rich.markdown import Markdown
    from rich.table import Table

    from sus_cli.rules.registry import toutes

    if format not in ("texte", "markdown"):
        raise ErreurUsage(f"format « {format} » inconnu ; formats possibles : texte, markdown")
    toutes_ = toutes()
    sortie = console()
    if code is None and format == "markdown":
        print(tableau_markdown(), end="")
        return
    if code is None:
        table = Table(show_lines=False)
        for colonne in ("code", "nom", "sévérité", "ce qu'elle signale"):
            table.add_column(colonne)
        for r in toutes_.values():
            table.add_row(r.code, r.slug, "erreur" if r.severite == "error" else "avertissement", r.resume)
        sortie.print(table)
        sortie.print("Détail d'une règle : sus regles SUS400. Sévérité modifiable dans sus.yaml (regles:), "
                     "exception pour une fiche : sus_ignore.")
        return
    trouvee = toutes_.get(code.upper()) or next((r for r in toutes_.values() if r.slug == code), None)
    if trouvee is None:
        raise ErreurUsage(f"règle « {code} » inconnue ; « sus regles » les liste toutes")
    severite = "erreur" if trouvee.severite == "error" else "avertissement"
    texte = (f"# {trouvee.code} — {trouvee.slug}\n\nSévérité par défaut : **{severite}**"
             f"{'' if trouvee.ignorable else ' (ne peut pas être ignorée)'}.\n\n{trouvee.doc}\n")
    if format == "markdown":
        print(texte, end="")
        return
    sortie.print(Markdown(texte))
