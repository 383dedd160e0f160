"""edition/: surgical edits of a fiche's front matter.

Property: for any fiche written in any of the styles people use (block or
flow indicators, values present or not, comments, quoting, CRLF, BOM) and
any sequence of changes, the result loads to exactly the intended data, the
Markdown body is byte-identical, and every line that holds nothing that
changed is kept as it was.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sus_cli.edition.changements import (ErreurEdition, NouveauStatut, NouvelleNote, NouvelleValeur,
                                         appliquer)
from sus_cli.model.fiche import STATUTS

EXEMPLE = """---
id: TR-6.2.1   # l'identifiant
titre: 'Dématérialiser: les fiches'
porteur: DSUN  # porteur déduit du document
statut: en_cours
indicateurs:
  - id: a
    libelle: Indicateur A
    unite: "%"
    # les valeurs connues
    valeurs:
      2023: 40   # estimée
      2024-T2: 55
      2024: {valeur: 70, commentaire: "Volet autonomie saisi en juin"}
  - {id: b, libelle: Indicateur B, unite: livrable}
notes_suivi:
  - {date: 2024-11-15, texte: "Outil déployé.", avancement: 70}
---
## Contexte

Un texte --- avec des tirets.
---
"""


def _entete(texte: str) -> dict:
    return yaml.safe_load(texte.split("\n---\n", 1)[0][4:])


def _corps(texte: str) -> str:
    return texte.split("\n---\n", 1)[1]


def _modifier(octets: bytes, *changements) -> str:
    nouveau, _ = appliquer(octets, list(changements))
    return nouveau.decode("utf-8")


def test_valeur_remplacee_sur_place_le_reste_intact():
    nouveau = _modifier(EXEMPLE.encode(), NouvelleValeur("a", "2023", 42))
    lignes_avant, lignes_apres = EXEMPLE.split("\n"), nouveau.split("\n")
    differentes = [(a, b) for a, b in zip(lignes_avant, lignes_apres) if a != b]
    assert differentes == [("      2023: 40   # estimée", "      2023: 42   # estimée")]


def test_valeur_detaillee_garde_son_commentaire():
    nouveau = _modifier(EXEMPLE.encode(), NouvelleValeur("a", "2024", 72))
    assert '2024: {valeur: 72, commentaire: "Volet autonomie saisi en juin"}' in nouveau


def test_nouvelle_periode_rangee_dans_l_ordre():
    nouveau = _modifier(EXEMPLE.encode(), NouvelleValeur("a", "2024-T3", 60, "reçu le 3 octobre"))
    lignes = nouveau.split("\n")
    rang = lignes.index('      2024-T3: {valeur: 60, commentaire: "reçu le 3 octobre"}')
    assert lignes[rang - 1].strip() == "2024-T2: 55" and lignes[rang + 1].strip().startswith("2024:")


def test_indicateur_en_ligne_et_livrable():
    nouveau = _modifier(EXEMPLE.encode(), NouvelleValeur("b", "2024", True))
    assert "  - {id: b, libelle: Indicateur B, unite: livrable, valeurs: {2024: true}}" in nouveau
    assert _entete(nouveau)["indicateurs"][1]["valeurs"] == {2024: True}


def test_statut_et_note():
    nouveau = _modifier(EXEMPLE.encode(), NouveauStatut("realisee"),
                        NouvelleNote(dt.date(2025, 1, 10), "Terminé « enfin »", 100))
    assert "\nstatut: realisee\n" in nouveau
    assert '  - {date: 2025-01-10, texte: "Terminé « enfin »", avancement: 100}\n---\n' in nouveau


def test_statut_absent_insere_apres_le_porteur():
    texte = EXEMPLE.replace("statut: en_cours\n", "")
    nouveau = _modifier(texte.encode(), NouveauStatut("a_venir"))
    assert "porteur: DSUN  # porteur déduit du document\nstatut: a_venir\nindicateurs:" in nouveau


def test_liste_vide_devient_un_bloc():
    texte = EXEMPLE.replace('notes_suivi:\n  - {date: 2024-11-15, texte: "Outil déployé.", avancement: 70}',
                            "notes_suivi: []")
    nouveau = _modifier(texte.encode(), NouvelleNote(dt.date(2025, 1, 10), "Lancé"))
    assert "notes_suivi:\n  - {date: 2025-01-10, texte: \"Lancé\"}\n---" in nouveau


def test_crlf_et_bom_conserves():
    octets = b"\xef\xbb\xbf" + EXEMPLE.replace("\n", "\r\n").encode()
    nouveau, change = appliquer(octets, [NouvelleValeur("a", "2025", 80)])
    assert change and nouveau.startswith(b"\xef\xbb\xbf")
    assert nouveau.count(b"\r\n") == nouveau.count(b"\n") == octets.count(b"\n") + 1


def test_fins_de_ligne_melangees_refusees():
    with pytest.raises(ErreurEdition, match="fins de ligne"):
        appliquer(EXEMPLE.replace("\n", "\r\n", 3).encode(), [NouvelleValeur("a", "2025", 80)])


def test_rien_ne_change_rend_les_memes_octets():
    octets = EXEMPLE.encode()
    assert appliquer(octets, [NouvelleValeur("a", "2023", 40), NouveauStatut("en_cours")]) == (octets, False)


@pytest.mark.parametrize("texte", ["ligne 1\nligne 2", 'guillemets " et \\ barre', "séparateur\u2028de ligne",
                                   "NEL\x85 et \x07 cloche", "#pas un commentaire", "yes", "2024-01-01", "- tiret",
                                   "emoji 😀", "\ufeffBOM", "  espaces  ", "@a", "{accolade}"])
def test_textes_hostiles_relus_a_l_identique(texte):
    nouveau = _modifier(EXEMPLE.encode(), NouvelleValeur("a", "2025", 1, texte),
                        NouvelleNote(dt.date(2025, 1, 10), "x" + texte))
    entete = _entete(nouveau)
    assert entete["indicateurs"][0]["valeurs"][2025] == {"valeur": 1, "commentaire": texte}
    assert entete["notes_suivi"][-1]["texte"] == "x" + texte


@pytest.mark.parametrize("nombre", [0.1, 1e-05, 12.5, -3.25, 1234567.891, 70.0, 10**14])
def test_nombres_relus_a_l_identique(nombre):
    entete = _entete(_modifier(EXEMPLE.encode(), NouvelleValeur("a", "2025", nombre)))
    assert entete["indicateurs"][0]["valeurs"][2025] == nombre


def test_indicateur_inconnu_refuse():
    with pytest.raises(ErreurEdition, match="« z »"):
        appliquer(EXEMPLE.encode(), [NouvelleValeur("z", "2025", 1)])


def test_fiche_invalide_apres_modification_refusee():
    with pytest.raises(ErreurEdition, match="plus valide"):
        appliquer(EXEMPLE.encode(), [NouvelleNote(dt.date(2025, 1, 10), "x", 150)])


# -- property tests ------------------------------------------------------------------------------------------

PERIODES = ["2023", "2024-T1", "2024-T2", "2024-T3", "2024", "2025-T4", "2025"]

_texte_libre = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30).filter(str.strip)
_nombre = st.one_of(st.integers(-10**6, 10**6), st.floats(-1e6, 1e6, allow_nan=False).map(lambda x: round(x, 3)))


@st.composite
def fiches(draw) -> str:
    """A valid fiche in one of many styles."""
    lignes = ["---", "id: TR-6.2.1" + draw(st.sampled_from(["", "  # id"])),
              draw(st.sampled_from(["titre: Un titre", "titre: 'Un: titre'", 'titre: "Un titre"'])),
              "porteur: DSUN" + draw(st.sampled_from(["", "   # déduit"]))]
    if draw(st.booleans()):
        lignes.append("statut: " + draw(st.sampled_from(STATUTS)))
    if draw(st.booleans()):
        lignes.append("# un commentaire seul")
    lignes.append("indicateurs:")
    for ident in ("a", "b"):
        valeurs = draw(st.dictionaries(st.sampled_from(PERIODES), st.integers(0, 100), max_size=3))
        style = draw(st.sampled_from(["bloc", "flux", "bloc-valeurs-flux", "bloc-vide"]))
        if style == "flux":
            fin = f", valeurs: {{{', '.join(f'{p}: {v}' for p, v in valeurs.items())}}}" if valeurs else ""
            lignes.append(f"  - {{id: {ident}, libelle: Indicateur {ident}, unite: nombre{fin}}}")
            continue
        lignes += [f"  - id: {ident}", f"    libelle: Indicateur {ident}", "    unite: nombre"]
        if style == "bloc-vide":
            lignes.append("    valeurs: {}")
        elif valeurs and style == "bloc":
            lignes.append("    valeurs:" + draw(st.sampled_from(["", "  # valeurs"])))
            lignes += [f"      {p}: {v}" + draw(st.sampled_from(["", "  # c"])) for p, v in valeurs.items()]
        elif valeurs:
            lignes.append(f"    valeurs: {{{', '.join(f'{p}: {v}' for p, v in valeurs.items())}}}")
        if draw(st.booleans()):
            lignes.append("    # cibles à venir")
    notes = draw(st.sampled_from(["absentes", "vides", "bloc"]))
    if notes == "vides":
        lignes.append("notes_suivi: []")
    elif notes == "bloc":
        lignes += ["notes_suivi:", '  - {date: 2024-01-02, texte: "Début"}']
    if draw(st.booleans()):
        lignes.append("")
    lignes += ["---", "## Contexte", "", draw(st.sampled_from(["Texte.", "---", "statut: faux"])), ""]
    return "\n".join(lignes)


changements = st.lists(st.one_of(
    st.builds(NouvelleValeur, st.sampled_from(["a", "b"]), st.sampled_from(PERIODES), _nombre,
              st.none() | _texte_libre),
    st.builds(NouveauStatut, st.sampled_from(STATUTS)),
    st.builds(NouvelleNote, st.dates(dt.date(2023, 1, 1), dt.date(2027, 12, 31)), _texte_libre,
              st.none() | st.integers(0, 100)),
), min_size=1, max_size=6)


def _attendu(entete: dict, suite) -> dict:
    """The intended data, computed independently of edition/."""
    donnees = copy.deepcopy(entete)
    for c in suite:
        if isinstance(c, NouveauStatut):
            donnees["statut"] = c.statut
        elif isinstance(c, NouvelleNote):
            note = {"date": c.date, "texte": c.texte, **({"avancement": c.avancement} if c.avancement is not None else {})}
            donnees["notes_suivi"] = (donnees.get("notes_suivi") or []) + [note]
        else:
            indicateur = next(i for i in donnees["indicateurs"] if i["id"] == c.indicateur)
            valeurs = indicateur.setdefault("valeurs", {}) or {}
            indicateur["valeurs"] = valeurs
            cle = next((k for k in valeurs if str(k) == c.periode), int(c.periode) if c.periode.isdigit() else c.periode)
            ancienne = valeurs.get(cle)
            if isinstance(ancienne, dict):
                ancienne["valeur"] = c.valeur
                if c.commentaire is not None:
                    ancienne["commentaire"] = c.commentaire
            elif c.commentaire is not None:
                valeurs[cle] = {"valeur": c.valeur, "commentaire": c.commentaire}
            else:
                valeurs[cle] = c.valeur
    return donnees


@settings(max_examples=int(__import__("os").environ.get("SUS_EXEMPLES", 300)), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fiches(), changements, st.booleans())
def test_propriete_edition(texte, suite, crlf):
    octets = (texte.replace("\n", "\r\n") if crlf else texte).encode()
    nouveau, _ = appliquer(octets, suite)
    resultat = nouveau.decode()
    if crlf:
        assert resultat.count("\r\n") == resultat.count("\n")
        resultat = resultat.replace("\r\n", "\n")
    assert _entete(resultat) == _attendu(_entete(texte), suite)
    assert _corps(resultat) == _corps(texte)
    # Lines that hold nothing that changed are kept, byte for byte.
    avant, apres = texte.split("\n"), resultat.split("\n")
    for operation, i1, i2, _, _ in difflib.SequenceMatcher(None, avant, apres, autojunk=False).get_opcodes():
        if operation in ("replace", "delete"):
            for ligne in avant[i1:i2]:
                assert any(m in ligne for m in ("statut:", "notes_suivi:", "valeurs:", "{", *PERIODES)), ligne
    # And a second application of the same changes is a no-op.
    assert appliquer(nouveau, suite) == (nouveau, False) or any(isinstance(c, NouvelleNote) for c in suite)
