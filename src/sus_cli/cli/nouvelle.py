"""`sus nouvelle OBJECTIF`: create the next fiche of an objectif from a complete template."""

from __future__ import annotations

import os
import random
import re
import sys
import time
from collections import Counter
from typing import Annotated

import typer

from sus_cli.cli.common import ErreurUsage, OptionRacine, charger_depot


def _intitule(titre: str) -> str:
    from sus_cli.francais import sans_accents
    mots = re.sub(r"[^a-z0-9]+", "-", sans_accents(titre)).strip("-")
    return mots[:50].rstrip("-") or "fiche"


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
    from sus_cli.files import creer_exclusif
    from sus_cli.initialisation import fiche
    from sus_cli.model.vocabulaire import decomposer_id

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
    _verifier_titre(titre.strip(), fiche(f"{volet}-{axe}.{numero}.1", titre.strip(), code))
    rangs = [decomposer_id(d.id)[3] for d in depot.fiches if d.id and (decomposer_id(d.id) or ())[:3] == (volet, axe, numero)]
    dossiers = Counter(d.chemin.rsplit("/", 1)[0] for d in depot.fiches if d.id and d.id.startswith(f"{volet}-"))
    dossier = depot.racine / (dossiers.most_common(1)[0][0] if dossiers else f"fiches/{volet.lower()}")
    rang = max(rangs, default=0) + 1
    for _essai in range(200):
        identifiant = f"{volet}-{axe}.{numero}.{rang}"
        chemin = dossier / f"{identifiant}-{_intitule(titre)}.md"
        # Exclusive creation: two runs at once never write the same file, and
        # the one that finds another new file with its id gives the id up.
        if creer_exclusif(chemin, fiche(identifiant, titre.strip(), code)):
            if not _autres_du_meme_id(dossier, identifiant, chemin):
                break
            chemin.unlink()
            time.sleep(random.uniform(0.001, 0.02))
            if _autres_du_meme_id(dossier, identifiant, chemin):
                rang += 1
        else:
            rang += 1
    else:
        raise ErreurUsage(f"aucun identifiant libre trouvé pour l'objectif {volet}-{axe}.{numero} : réessayez")
    print(chemin.relative_to(depot.racine).as_posix())
    print(f"Fiche {identifiant} créée ; complétez-la, puis lancez « sus validate » (et « sus codeowners » si le "
          "dépôt en utilise un).", file=sys.stderr)


def _verifier_titre(titre: str, texte: str) -> None:
    """The title checked by the model, then the new fiche's text read back as
    sus validate reads it: a fiche that validate would refuse is never written."""
    from pydantic import ValidationError

    from sus_cli.loading.documents import fiche_depuis_octets
    from sus_cli.model import Fiche
    from sus_cli.model.messages import traduire

    try:
        octets = texte.encode("utf-8")
    except UnicodeEncodeError:
        raise ErreurUsage("titre refusé : il contient des octets qui ne sont pas du texte UTF-8 "
                          "(le terminal est-il réglé en UTF-8 ?)") from None
    try:
        Fiche.model_validate({"id": "TR-1.1.1", "titre": titre, "porteur": "X", "indicateurs": []})
    except ValidationError as err:
        for erreur in err.errors(include_url=False):
            if tuple(erreur["loc"])[:1] == ("titre",):
                raise ErreurUsage(f"titre refusé : {traduire(erreur, Fiche)[1]}") from None
    document = fiche_depuis_octets("fiche.md", octets)
    if document.problemes or document.champ("titre") != titre:
        raise ErreurUsage("titre refusé : il ne se relit pas à l'identique dans la fiche ; retirez ses caractères "
                          "spéciaux")


def _autres_du_meme_id(dossier, identifiant: str, chemin) -> bool:
    """Another file of this folder named for `identifiant` (made by a run at the same time)."""
    try:
        noms = os.listdir(dossier)
    except OSError:
        return False
    return any(nom != chemin.name and (nom == f"{identifiant}.md" or nom.startswith(f"{identifiant}-")) for nom in noms)
