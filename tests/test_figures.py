"""The contract's formulas (§4), each edge case with figures computed by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from sus_cli.figures.fiches import budget_annee, chiffrer_fiche, en_retard, fin_de_l_annee, note_annee
from sus_cli.figures.indicateurs import atteinte, cible_annee, chiffrer_indicateur, valeur_annee
from sus_cli.figures.synthese import synthetiser
from sus_cli.model import Fiche, Indicateur


def ind(**champs) -> Indicateur:
    return Indicateur.model_validate({"id": "i", "libelle": "Indicateur", "unite": "nombre", **champs})


def fiche(**champs) -> Fiche:
    base = {"id": "TR-6.2.1", "titre": "Fiche", "porteur": "DSUN",
            "indicateurs": [{"id": "a", "libelle": "A", "unite": "nombre"}]}
    return Fiche.model_validate({**base, **champs})


# value of an indicator for Y
def test_valeur_annuelle_prioritaire_sur_les_trimestres():
    i = ind(valeurs={2024: 70, "2024-T4": 80, "2024-T2": 55})
    assert (valeur_annee(i, 2024).valeur, valeur_annee(i, 2024).periode) == (70, "2024")


def test_sinon_dernier_trimestre_renseigne():
    i = ind(valeurs={"2024-T1": 10, "2024-T3": 30, "2023": 5})
    assert (valeur_annee(i, 2024).valeur, valeur_annee(i, 2024).periode) == (30, "2024-T3")
    assert valeur_annee(i, 2025).valeur is None
    assert valeur_annee(i, 2023).valeur == 5


def test_valeur_non_disponible_compte_comme_absente_mais_garde_son_commentaire():
    i = ind(valeurs={2024: {"commentaire": "enquête reportée"}, "2024-T2": 12})
    v = valeur_annee(i, 2024)
    assert (v.valeur, v.periode, v.commentaire) == (12, "2024-T2", "enquête reportée")
    seule = ind(valeurs={2024: {"commentaire": "enquête reportée"}})
    assert (valeur_annee(seule, 2024).valeur, valeur_annee(seule, 2024).commentaire) == (None, "enquête reportée")


# target for Y
@pytest.mark.parametrize("annee,attendu", [(2025, 150), (2024, 150), (2026, 200), (2027, 200), (2030, 200),
                                           (2020, 150)])
def test_cible(annee, attendu):
    assert cible_annee(ind(sens="hausse", cibles={2025: 150, 2027: 200}), annee) == attendu


def test_pas_de_cible():
    assert cible_annee(ind(), 2024) is None


# attainment, rule by rule
def test_atteinte_sans_valeur_ou_sans_cible():
    assert atteinte(None, 90) is None
    assert atteinte(50, None) is None


def test_atteinte_livrable():
    assert atteinte(True, 1) == 1.0
    assert atteinte(False, 1) == 0.0


def test_cible_atteinte_ou_depassee():
    assert atteinte(95, 90, 0, "hausse") == 1.0
    assert atteinte(8, 10, 20, "baisse") == 1.0


def test_avec_reference_hausse():
    # (70 - 0) / (90 - 0) = 0.7777…
    assert atteinte(70, 90, 0, "hausse") == pytest.approx(7 / 9)
    # (120 - 100) / (200 - 100) = 0.2
    assert atteinte(120, 200, 100, "hausse") == pytest.approx(0.2)
    # below the baseline: clamped to 0
    assert atteinte(80, 200, 100, "hausse") == 0.0


def test_avec_reference_baisse():
    # délai de 30 jours à ramener à 10 ; à 25 : (25 - 30) / (10 - 30) = 0.25
    assert atteinte(25, 10, 30, "baisse") == pytest.approx(0.25)
    assert atteinte(40, 10, 30, "baisse") == 0.0


def test_reference_egale_a_la_cible():
    # not "on the far side": rule 5, v / c = 50 / 100
    assert atteinte(50, 100, 100, "hausse") == pytest.approx(0.5)
    # baisse without usable baseline: 0
    assert atteinte(50, 10, 10, "baisse") == 0.0


def test_sans_reference():
    assert atteinte(45, 90, None, "hausse") == pytest.approx(0.5)
    assert atteinte(45, 0, None, "hausse") == 1.0  # target met
    assert atteinte(-5, 0, None, "hausse") == 0.0  # c = 0: rule 6
    assert atteinte(20, 10, None, "baisse") == 0.0


def test_indicateur_complet():
    i = ind(sens="hausse", reference={"annee": 2022, "valeur": 0}, cibles={2027: 90},
            valeurs={2023: 40, "2024-T2": 55, 2024: {"valeur": 70, "commentaire": "Volet autonomie saisi"}})
    c = chiffrer_indicateur(i, 2024)
    assert (c.reference, c.valeur_precedente.valeur, c.valeur.valeur, c.cible) == (0, 40, 70, 90)
    assert round(c.atteinte, 4) == 0.7778 and c.valeur.commentaire == "Volet autonomie saisi"
    assert c.raison is None
    assert chiffrer_indicateur(ind(), 2024).raison == "ni valeur ni cible"


# fiche
def test_atteinte_de_fiche_moyenne_des_calculables():
    f = fiche(indicateurs=[
        {"id": "a", "libelle": "A", "unite": "%", "sens": "hausse", "cibles": {2027: 100}, "valeurs": {2024: 50}},
        {"id": "b", "libelle": "B", "unite": "livrable", "sens": "hausse", "cibles": {2027: 1},
         "valeurs": {2024: True}},
        {"id": "c", "libelle": "C", "unite": "nombre"}])
    assert chiffrer_fiche(f, "x.md", 2024).atteinte == pytest.approx(0.75)  # (0.5 + 1) / 2, c left out
    assert chiffrer_fiche(fiche(), "x.md", 2024).atteinte is None


def test_en_retard():
    assert en_retard(fiche(fin="2024-12-31", statut="en_cours"), fin_de_l_annee(2024))
    assert not en_retard(fiche(fin="2025-01-01", statut="en_cours"), fin_de_l_annee(2024))
    assert not en_retard(fiche(fin="2024-06-30", statut="realisee"), fin_de_l_annee(2024))
    assert not en_retard(fiche(fin="2024-06-30", statut="abandonnee"), fin_de_l_annee(2024))
    assert en_retard(fiche(fin="2024-06-30"), fin_de_l_annee(2024))  # statut absent
    assert not en_retard(fiche(), fin_de_l_annee(2024))  # no fin
    assert not en_retard(fiche(fin="2024-06-30", statut="en_cours"), dt.date(2024, 6, 30))  # today


def test_budget_montants_manquants():
    f = fiche(budget=[{"annee": 2024, "prevu": 10000, "engage": 8000},
                      {"annee": 2025, "prevu": 5000, "consomme": 100}])
    b = budget_annee(f, 2024)
    assert (b.prevu, b.engage, b.consomme) == (10000, 8000, None)
    assert budget_annee(f, 2023).vide()


def test_note_de_bilan_la_plus_recente_de_l_annee():
    f = fiche(notes_suivi=[{"date": "2024-03-01", "texte": "mars"}, {"date": "2024-11-15", "texte": "novembre"},
                           {"date": "2025-01-10", "texte": "janvier suivant"}])
    assert note_annee(f, 2024) == "novembre"
    assert note_annee(f, 2023) is None


def test_synthese_d_un_groupe():
    def ch(statut, valeur, validee=False, budget=None, fin=None):
        champs = {"statut": statut} if statut else {}
        if validee:
            champs["validation"] = {"etat": "validee", "par": "DGA", "le": "2024-01-10"}
        if fin:
            champs["fin"] = fin
        indicateurs = [{"id": "a", "libelle": "A", "unite": "%", "sens": "hausse", "cibles": {2027: 100},
                        **({"valeurs": {2024: valeur}} if valeur is not None else {})},
                       {"id": "b", "libelle": "B", "unite": "nombre"}]
        return chiffrer_fiche(fiche(indicateurs=indicateurs, budget=budget or [], **champs), "x.md", 2024)

    groupe = [ch("realisee", 100, validee=True, budget=[{"annee": 2024, "prevu": 1000}]),
              ch("en_cours", 40, fin="2024-06-30", budget=[{"annee": 2024, "prevu": 500, "engage": 200}]),
              ch("abandonnee", None),
              ch(None, None)]
    s = synthetiser(groupe)
    assert s.fiches == 4
    assert s.par_statut == {"en_cours": 1, "realisee": 1, "abandonnee": 1, "non_renseigne": 1}
    assert s.taux_realisation == pytest.approx(1 / 3)  # 1 realisee / (4 - 1 abandonnee)
    assert s.atteinte == pytest.approx(0.7)  # (1.0 + 0.4) / 2
    assert s.atteinte_non_calculable == 2
    assert (s.en_retard, s.retards) == (1, ("TR-6.2.1",))
    assert (s.validees, s.avec_deux_indicateurs) == (1, 4)
    assert (s.budget.prevu, s.budget.engage, s.budget.consomme) == (1500, 200, None)


def test_synthese_vide():
    s = synthetiser([])
    assert (s.fiches, s.taux_realisation, s.atteinte, s.atteinte_non_calculable) == (0, None, None, 0)
    assert s.budget.vide()
