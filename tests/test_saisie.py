"""What a person types in a cell or at the terminal, read the French way."""

from __future__ import annotations

import datetime as dt

import pytest

from sus_cli.collecte.saisie import SaisieInvalide, lire_avancement, lire_periode, lire_valeur


@pytest.mark.parametrize("brute,unite,attendu", [
    (12.5, "%", 12.5), (70, "nombre", 70), (70.0, "nombre", 70), ("1 234,5", "nombre", 1234.5),
    ("1\u202f234,5\u00a0€", "€", 1234.5), ("1234.5", "nombre", 1234.5), ("12,5 %", "%", 12.5), ("-3", "nombre", -3),
    ("−3,5", "nombre", -3.5), ("oui", "livrable", True), ("Non", "livrable", False), ("x", "livrable", True),
    (True, "livrable", True), ("40,5", "jours", 40.5),
])
def test_valeurs_lues(brute, unite, attendu):
    valeur = lire_valeur(brute, unite)
    assert valeur == attendu and type(valeur) is type(attendu)


def test_cellule_au_format_pourcentage():
    assert lire_valeur(0.125, "%", pourcentage_excel=True) == 12.5


@pytest.mark.parametrize("brute,unite,message", [
    ("beaucoup", "nombre", "n'est pas un nombre"), ("12,5 %", "nombre", "pas « % »"),
    ("1,234,5", "nombre", "une seule virgule"), ("oui", "nombre", "attend un nombre"),
    (1, "livrable", "écrivez « oui » ou « non »"), (dt.datetime(2025, 1, 1), "nombre", "une date"),
    ("15/03/2025", "nombre", "ressemble à une date"), (10**16, "nombre", "trop grand"),
])
def test_valeurs_refusees(brute, unite, message):
    with pytest.raises(SaisieInvalide, match=message):
        lire_valeur(brute, unite)


@pytest.mark.parametrize("brute,attendu", [(50, 50), ("50 %", 50), (100.0, 100), (0, 0)])
def test_avancement(brute, attendu):
    assert lire_avancement(brute) == attendu


@pytest.mark.parametrize("brute", [101, -1, 12.5, "beaucoup"])
def test_avancement_refuse(brute):
    with pytest.raises(SaisieInvalide, match="entier de 0 à 100"):
        lire_avancement(brute)


@pytest.mark.parametrize("brute,attendu", [("2024", "2024"), (2024, "2024"), ("2024-t3", "2024-T3"),
                                           ("2024 T3", "2024-T3"), (2024.0, "2024")])
def test_periodes(brute, attendu):
    assert lire_periode(brute, 2023, 2027) == attendu


@pytest.mark.parametrize("brute,message", [("2031", "hors du schéma"), ("2024-T5", "invalide"), ("T3", "invalide")])
def test_periodes_refusees(brute, message):
    with pytest.raises(SaisieInvalide, match=message):
        lire_periode(brute, 2023, 2027)
