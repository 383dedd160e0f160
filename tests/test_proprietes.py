"""Property tests (hypothesis) for the front-matter splitter and the YAML positions."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sus_cli.loading.frontmatter import decouper
from sus_cli.loading.yaml_nodes import lire_yaml


def _reference(texte: str):
    """The splitting rule, stated plainly: by lines."""
    lignes = texte.split("\n")
    if lignes[0] != "---":
        return None
    for i in range(1, len(lignes)):
        if lignes[i] == "---":
            return "\n".join(lignes[1:i]), "\n".join(lignes[i + 1:]), i + 2
    return None


morceaux = st.lists(st.sampled_from(["---", "--- ", "-- -", "a: b", "", "titre: x --- y", "---x", "\n"]),
                    max_size=8)


@settings(max_examples=400)
@given(morceaux, st.text(alphabet="ab-\n :", max_size=30))
def test_decoupage_egal_a_la_regle_par_lignes(lignes, queue):
    texte = "\n".join(lignes) + queue
    attendu = _reference(texte)
    obtenu = decouper(texte)
    if attendu is None:
        assert obtenu.probleme is not None
    else:
        assert obtenu.probleme is None
        entete = texte[obtenu.debut_entete:obtenu.fin_entete]
        assert (entete, texte[obtenu.debut_corps:], obtenu.ligne_corps) == attendu


# YAML 1.1 reads these words as booleans or null: not plain text.
_MOTS_YAML = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}
cles = st.from_regex(r"[a-z][a-z_]{0,8}", fullmatch=True).filter(lambda m: m not in _MOTS_YAML)
textes = st.from_regex(r"[a-z][a-z ]{0,10}[a-z]", fullmatch=True).filter(lambda m: m not in _MOTS_YAML)
valeurs = st.recursive(
    st.one_of(st.integers(-5, 5000), textes),
    lambda enfants: st.one_of(st.lists(enfants, min_size=1, max_size=3),
                              st.dictionaries(cles, enfants, min_size=1, max_size=3)),
    max_leaves=12)


def _chemins(valeur, chemin=()):
    yield chemin, valeur
    if isinstance(valeur, dict):
        for cle, enfant in valeur.items():
            yield from _chemins(enfant, (*chemin, cle))
    elif isinstance(valeur, list):
        for i, enfant in enumerate(valeur):
            yield from _chemins(enfant, (*chemin, i))


def _bloc(valeur, retrait=0) -> list[str]:
    marge = " " * retrait
    if isinstance(valeur, dict):
        lignes = []
        for cle, enfant in valeur.items():
            if isinstance(enfant, (dict, list)):
                lignes += [f"{marge}{cle}:", *_bloc(enfant, retrait + 2)]
            else:
                lignes.append(f"{marge}{cle}: {enfant}")
        return lignes
    lignes = []
    for enfant in valeur:
        if isinstance(enfant, (dict, list)):
            sous = _bloc(enfant, retrait + 2)
            lignes += [f"{marge}- {sous[0].lstrip()}", *sous[1:]]
        else:
            lignes.append(f"{marge}- {enfant}")
    return lignes


@settings(max_examples=200)
@given(st.dictionaries(cles, valeurs, min_size=1, max_size=4), st.integers(0, 3))
def test_chaque_chemin_pointe_sur_sa_valeur(document, decalage):
    """The position of every key path is where its value is written."""
    lignes = _bloc(document)
    texte = "\n".join(lignes) + "\n"
    lu = lire_yaml(texte, decalage=decalage)
    assert lu.valeur == document and lu.problemes == []
    for chemin, valeur in _chemins(document):
        if not chemin or isinstance(valeur, (dict, list)):
            continue
        ligne, colonne = lu.position(chemin)
        assert lignes[ligne - 1 - decalage][colonne - 1:].startswith(str(valeur))
        ligne_cle, colonne_cle = lu.position(chemin, cle=True)
        if isinstance(chemin[-1], str):
            assert lignes[ligne_cle - 1 - decalage][colonne_cle - 1:].startswith(f"{chemin[-1]}:")


nombres = st.one_of(st.integers(-1000, 1000), st.floats(-1000, 1000, allow_nan=False))


@given(nombres, nombres, nombres, nombres, st.sampled_from(["hausse", "baisse"]),
       st.one_of(st.none(), nombres))
def test_atteinte_bornee_et_monotone(v1, v2, cible, reference, sens, absente):
    from sus_cli.figures.indicateurs import atteinte
    a1, a2 = atteinte(v1, cible, reference, sens), atteinte(v2, cible, reference, sens)
    assert a1 is not None and 0.0 <= a1 <= 1.0 and a2 is not None and 0.0 <= a2 <= 1.0
    meilleure, moins_bonne = (max(v1, v2), min(v1, v2)) if sens == "hausse" else (min(v1, v2), max(v1, v2))
    assert atteinte(meilleure, cible, reference, sens) >= atteinte(moins_bonne, cible, reference, sens)
    assert atteinte(None, cible, reference, sens) is None and atteinte(v1, None, reference, sens) is None
