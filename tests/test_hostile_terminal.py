"""Terminal and CI output (issue 8, item 7): control characters from the
schéma are shown, never sent raw to a terminal or a CI log."""

from __future__ import annotations

import re

import pytest

from conftest import FICHE_VALIDE, ecrire

ECHAPPEMENTS = '\\e]0;titre pirate\\a\\e[2J'  # YAML escapes: set the terminal title, clear the screen
BRUT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")  # what must never reach the output


def _propre(texte: str) -> None:
    assert not BRUT.search(texte), repr(BRUT.search(texte).group())


@pytest.fixture
def fiche_piegee(depot):
    ecrire(depot, "fiches/TR-6.2.1.md", FICHE_VALIDE.replace("porteur: DSUN", f'porteur: "DSUN{ECHAPPEMENTS}"\n'
           f'pilotes: ["Cheffe{ECHAPPEMENTS}"]\nnotes_suivi:\n  - {{date: 2024-01-01, texte: "a\\rb{ECHAPPEMENTS}"}}')
           .replace("libelle: Indicateur A", f'libelle: "Indicateur{ECHAPPEMENTS}"') +
           "## Contexte\n\nTexte \x1b[2J\x1b]0;titre\x07 brut.\n")
    return depot


def test_liste_et_voir(fiche_piegee, sus):
    for commande in (["liste"], ["voir", "TR-6.2.1"], ["liste", "--format", "csv"]):
        sortie = sus(*commande, cwd=fiche_piegee)
        assert sortie.code in (0, 1), sortie.stderr
        _propre(sortie.stdout)
        _propre(sortie.stderr)
    assert "\\x1b" in sus("voir", "TR-6.2.1", cwd=fiche_piegee).stdout


@pytest.mark.parametrize("format_", ["texte", "github"])
def test_validate_une_cle_ne_commence_pas_une_ligne(depot, sus, format_):
    ecrire(depot, "fiches/TR-6.2.1.md", FICHE_VALIDE.replace(
        "porteur: DSUN", 'porteur: DSUN\n"x\\r\\n::error file=README.md::pirate\\n\\e[2J": 1'))
    sortie = sus("validate", "--format", format_, cwd=depot)
    assert sortie.code == 1
    _propre(sortie.stdout)
    lignes = sortie.stdout.splitlines()
    assert not [l for l in lignes if l.startswith("::error file=README")], lignes
    if format_ == "github":
        assert all(l.startswith("::error file=fiches/TR-6.2.1.md,") for l in lignes[:-1]), lignes


def test_messages_d_erreur(depot, sus):
    nom = "fiches/TR-6.2.1-\x1b[2J.md"
    ecrire(depot, nom, FICHE_VALIDE.replace("porteur: DSUN", "porteur: DSUN\ninconnue: 1"))
    sortie = sus("voir", "TR-6.2.1", cwd=depot)
    assert sortie.code == 2 and "\\x1b[2J" in sortie.stderr
    _propre(sortie.stderr)
    bilan = sus("bilan", "2024", "--sortie", "-", cwd=depot)
    assert bilan.code == 1 and "fiche écartée du bilan : fiches/TR-6.2.1-\\x1b[2J.md" in bilan.stderr
    _propre(bilan.stderr)


def test_bilan_markdown(fiche_piegee, sus):
    """A Markdown bilan is often printed to a terminal (`--sortie -`) or to a CI summary."""
    ecrire(fiche_piegee, "bilans/2024.md", "## Décisions\n\nTexte \x1b[2J\x07 du comité.\n")
    sortie = sus("bilan", "2024", "--sortie", "-", cwd=fiche_piegee)
    assert sortie.code in (0, 1), sortie.stderr
    _propre(sortie.stdout)
    assert "Indicateur\\\\x1b" in sortie.stdout and "Texte \\x1b[2J\\x07 du comité" in sortie.stdout
