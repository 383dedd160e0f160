"""`sus nouvelle OBJECTIF`: create the next fiche of an objectif from a complete template."""

from __future__ import annotations

import re
import sys
from typing import Annotated

import typer

from sus_cli.cli.common import ErreurUsage, OptionRacine, charger_depot


def nouvelle(
    objectif: Annotated[str, typer.Argument(help="Objectif de la fiche : VOLET-axe.objectif, par exemple TR-6.2.",
                                            metavar="OBJECTIF", show_default=False)],
    porteur: Annotated[str, typer.Option(help="Code de la direction porteuse (sus.yaml, directions).",
                                         metavar="CODE", show_default=False)],
    titre: Annotated[str, typer.Option(help="Titre de la fiche.", metavar="TITRE", show_default=False)],
    racine: OptionRacine = None,
) -> None:
    """Crée la fiche suivante d'un objectif (TR-6.2 → TR-6.2.3 si 6.2.1 et 6.2.2 existent), avec toutes
    les clés et toutes les sections, prête à remplir."""
    from sus_cli.edition.chirurgie import ErreurEdition
    from sus_cli.edition.creation import creer_fiche

    m = re.fullmatch(r"([A-Za-z][A-Za-z0-9]{0,9})-([1-9][0-9]*)\.([1-9][0-9]*)", objectif.strip())
    if not m:
        raise ErreurUsage(f"objectif « {objectif} » : forme attendue VOLET-axe.objectif, par exemple TR-6.2")
    volet, axe, numero = m.group(1).upper(), int(m.group(2)), int(m.group(3))
    if not titre.strip():
        raise ErreurUsage("le titre est vide")
    depot = charger_depot(racine, a_lire=lambda _chemin: False)  # ids are enough
    config = depot.config
    if config.objectif(volet, axe, numero) is None:
        raise ErreurUsage(f"objectif {volet}-{axe}.{numero} absent de sus.yaml")
    code = next((c for c in config.directions if c.upper() == porteur.upper()), None)
    if code is None:
        raise ErreurUsage(f"porteur « {porteur} » inconnu ; directions de sus.yaml : {', '.join(config.directions)}")
    try:
        identifiant, chemin = creer_fiche(depot, volet, axe, numero, code, titre.strip())
    except ErreurEdition as err:
        raise ErreurUsage(str(err)) from None
    print(chemin.relative_to(depot.racine).as_posix())
    print(f"Fiche {identifiant} créée ; complétez-la, puis lancez « sus validate » (et « sus codeowners » si le "
          "dépôt en utilise un).", file=sys.stderr)

