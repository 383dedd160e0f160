"""A new fiche: the next free id of an objectif, a file named for it, the
template's text checked as `sus validate` reads it, and an exclusive
creation, so that two runs at once never share an id nor overwrite a file."""

from __future__ import annotations

import os
import random
import re
import time
from collections import Counter
from pathlib import Path

from sus_cli.edition.chirurgie import ErreurEdition

ESSAIS = 200


def intitule(titre: str) -> str:
    """The file name's words: `Dématérialiser les fiches` → `dematerialiser-les-fiches`."""
    from sus_cli.francais import sans_accents
    mots = re.sub(r"[^a-z0-9]+", "-", sans_accents(titre)).strip("-")
    return mots[:50].rstrip("-") or "fiche"


def verifier_titre(titre: str, texte: str) -> None:
    """The title checked by the model, then the new fiche's text read back as
    sus validate reads it: a fiche that validate would refuse is never written."""
    from pydantic import ValidationError

    from sus_cli.loading.documents import fiche_depuis_octets
    from sus_cli.model import Fiche
    from sus_cli.model.messages import traduire

    try:
        octets = texte.encode("utf-8")
    except UnicodeEncodeError:
        raise ErreurEdition("titre refusé : il contient des octets qui ne sont pas du texte UTF-8 "
                            "(le terminal est-il réglé en UTF-8 ?)") from None
    try:
        Fiche.model_validate({"id": "TR-1.1.1", "titre": titre, "porteur": "X", "indicateurs": []})
    except ValidationError as err:
        for erreur in err.errors(include_url=False):
            if tuple(erreur["loc"])[:1] == ("titre",):
                raise ErreurEdition(f"titre refusé : {traduire(erreur, Fiche)[1]}") from None
    document = fiche_depuis_octets("fiche.md", octets)
    if document.problemes or document.champ("titre") != titre:
        raise ErreurEdition("titre refusé : il ne se relit pas à l'identique dans la fiche ; retirez ses "
                            "caractères spéciaux")


def _autres_du_meme_id(dossier: Path, identifiant: str, chemin: Path) -> bool:
    """Another file of this folder named for `identifiant` (made by a run at the same time)."""
    try:
        noms = os.listdir(dossier)
    except OSError:
        return False
    return any(nom != chemin.name and (nom == f"{identifiant}.md" or nom.startswith(f"{identifiant}-")) for nom in noms)


def creer_fiche(depot, volet: str, axe: int, objectif: int, porteur: str, titre: str) -> tuple[str, Path]:
    """Create the next fiche of objectif `volet-axe.objectif`; (id, path).

    `depot` is the schéma read for its ids (loading.repository.Depot). The
    fiche goes in the folder where most fiches of the volet are.
    """
    from sus_cli.files import creer_exclusif
    from sus_cli.initialisation import fiche
    from sus_cli.model.fiche import decomposer_id

    verifier_titre(titre, fiche(f"{volet}-{axe}.{objectif}.1", titre, porteur))
    rangs = [decomposer_id(d.id)[3] for d in depot.fiches
             if d.id and (decomposer_id(d.id) or ())[:3] == (volet, axe, objectif)]
    dossiers = Counter(d.chemin.rsplit("/", 1)[0] for d in depot.fiches if d.id and d.id.startswith(f"{volet}-"))
    dossier = depot.racine / (dossiers.most_common(1)[0][0] if dossiers else f"fiches/{volet.lower()}")
    rang = max(rangs, default=0) + 1
    for _essai in range(ESSAIS):
        identifiant = f"{volet}-{axe}.{objectif}.{rang}"
        chemin = dossier / f"{identifiant}-{intitule(titre)}.md"
        # Exclusive creation: two runs at once never write the same file, and
        # the one that finds another new file with its id gives the id up.
        if creer_exclusif(chemin, fiche(identifiant, titre, porteur)):
            if not _autres_du_meme_id(dossier, identifiant, chemin):
                return identifiant, chemin
            chemin.unlink()
            time.sleep(random.uniform(0.001, 0.02))
            if _autres_du_meme_id(dossier, identifiant, chemin):
                rang += 1
        else:
            rang += 1
    raise ErreurEdition(f"aucun identifiant libre trouvé pour l'objectif {volet}-{axe}.{objectif} : réessayez")
