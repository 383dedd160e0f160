"""The département's look on its site: an accent colour that stays readable,
and its logo, read from the schéma like a fiche is."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

COULEUR_PAR_DEFAUT = "#1565c0"
# WCAG AA for text: the accent colours links, on white and on the light background of the key figures.
CONTRASTE_MINIMUM = 4.6
FOND_LE_PLUS_CLAIR = (0xF5, 0xF7, 0xFA)


def _luminance(rvb: tuple[float, float, float]) -> float:
    def canal(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, v, b = (canal(c) for c in rvb)
    return 0.2126 * r + 0.7152 * v + 0.0722 * b


def contraste(a, b) -> float:
    clair, sombre = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (clair + 0.05) / (sombre + 0.05)


def couleur_lisible(hexa: str | None) -> str:
    """`#rrggbb`, darkened step by step until text of that colour reads on the site's backgrounds."""
    if not hexa:
        return COULEUR_PAR_DEFAUT
    rvb = tuple(int(hexa[i:i + 2], 16) for i in (1, 3, 5))
    facteur = 1.0
    couleur = rvb
    while contraste(couleur, FOND_LE_PLUS_CLAIR) < CONTRASTE_MINIMUM and facteur > 0:
        facteur = round(facteur - 0.05, 2)
        couleur = tuple(round(c * facteur) for c in rvb)
    return "#" + "".join(f"{c:02x}" for c in couleur)


@dataclass(frozen=True, slots=True)
class Logo:
    fichier: str  # its name in the site: logo.svg
    octets: bytes


class LogoIllisible(Exception):
    """The logo of sus.yaml cannot be used: French message; the site is made without it."""


def lire_logo(racine: Path, relatif: str) -> Logo:
    """The logo file: a regular file inside the schéma (never through a link
    out of it, never a device or a pipe), of at most 1 MB."""
    from sus_cli.loading.fichiers import Illisible, hors_de, lire_octets

    if hors_de(racine, racine / relatif) is not None:
        raise LogoIllisible(f"le logo {relatif} mène hors du dépôt du schéma")
    try:
        octets = lire_octets(racine / relatif, racine=racine)
    except Illisible as err:
        raise LogoIllisible(f"le logo {relatif} dépasse 1 Mo" if err.code == "SUS103"
                            else f"le logo {relatif} : {err.message}") from None
    extension = relatif.rsplit(".", 1)[1].lower()
    return Logo(f"logo.{'jpg' if extension == 'jpeg' else extension}", octets)
