"""Bytes to text: UTF-8 only, a BOM and CRLF tolerated, everything else a finding."""

from __future__ import annotations

from dataclasses import dataclass

from sus_cli.diagnostics import Constat

# A fiche is a page of text; anything this large is a mistake (a PDF, a dump),
# and reading it whole would make `sus validate` slow for everyone.
TAILLE_MAX = 1024 * 1024

BOM_UTF8 = b"\xef\xbb\xbf"


@dataclass(slots=True)
class Texte:
    texte: str | None
    probleme: tuple[str, Constat] | None = None  # (code, finding)


def _position(data: bytes, offset: int) -> tuple[int, int]:
    ligne = data.count(b"\n", 0, offset) + 1
    debut = data.rfind(b"\n", 0, offset) + 1
    colonne = len(data[debut:offset].decode("utf-8", errors="replace")) + 1
    return ligne, colonne


def decoder(data: bytes) -> Texte:
    """Decode a file's bytes; on failure say why, in French, with a position."""
    if data.startswith(BOM_UTF8):
        data = data[len(BOM_UTF8):]
    elif data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return Texte(None, ("SUS100", Constat(
            "le fichier est encodé en UTF-16 : enregistrez-le en UTF-8", ligne=1, colonne=1)))
    if not data.strip():
        return Texte(None, ("SUS100", Constat(
            "le fichier est vide : une fiche commence par une ligne « --- » suivie de son en-tête YAML",
            ligne=1, colonne=1)))
    nul = data.find(b"\x00")
    if nul >= 0:
        ligne, colonne = _position(data, nul)
        return Texte(None, ("SUS100", Constat(
            "le fichier est binaire (octet nul), ce n'est pas une fiche en texte", ligne=ligne, colonne=colonne)))
    try:
        texte = data.decode("utf-8")
    except UnicodeDecodeError as err:
        ligne, colonne = _position(data, err.start)
        octet = data[err.start]
        indice = ""
        try:
            data.decode("cp1252")
            indice = " ; il semble encodé en Latin-1/Windows-1252"
        except UnicodeDecodeError:
            pass
        return Texte(None, ("SUS100", Constat(
            f"le fichier n'est pas en UTF-8 (octet 0x{octet:02X}){indice} : "
            "enregistrez-le en UTF-8 dans votre éditeur", ligne=ligne, colonne=colonne)))
    if "\r" in texte:
        texte = texte.replace("\r\n", "\n").replace("\r", "\n")
    return Texte(texte)
