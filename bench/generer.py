"""Generate a synthetic schéma repository of N realistic fiches.

Each fiche has about 60 front-matter lines (4 indicators with 3 years of
values, budget, étapes, notes) and about 40 body lines, like a filled-in
fiche of the Allier schéma.

    python bench/generer.py DOSSIER N
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

VOLETS = ["TR", "EF", "IN", "AU"]
DIRECTIONS = ["DGAS", "DA", "DEF", "DIELCP", "DRH", "DTOMS", "DVT", "DSUN"]
STATUTS = ["a_venir", "en_cours", "realisee", "en_pause", "bloquee", "a_discuter"]
PHRASE = ("Le Département renforce l'accompagnement des publics en lien avec ses partenaires "
          "institutionnels et associatifs, au plus près des territoires.")


def sus_yaml(n_axes: int, n_objectifs: int, directions: list[str] = DIRECTIONS) -> str:
    lignes = ["schema:", '  titre: "Schéma synthétique"', '  collectivite: "Département fictif"',
              "  debut: 2023", "  fin: 2027", "directions:"]
    lignes += [f"  {d}:\n    nom: \"Direction {d}\"" for d in directions]
    lignes.append("volets:")
    for v in VOLETS:
        lignes += [f"  {v}:", f'    titre: "Volet {v}"', "    axes:"]
        for a in range(1, n_axes + 1):
            lignes += [f"      {a}:", f'        titre: "Axe {a}"', "        objectifs:"]
            lignes += [f'          {o}: "Objectif {a}.{o}"' for o in range(1, n_objectifs + 1)]
    return "\n".join(lignes) + "\n"


def fiche(identifiant: str, rng: random.Random, directions: list[str] = DIRECTIONS) -> str:
    lignes = ["---", f"id: {identifiant}", f"titre: Action de démonstration {identifiant}",
              f"porteur: {rng.choice(directions)}", f"statut: {rng.choice(STATUTS)}",
              "priorite: moyenne", "debut: 2023-01-01", "fin: 2027-12-31",
              "pilotes: [Cheffe de service, Chargé de mission]",
              "partenaires:", "  internes: [DTOMS, DRH]", "  externes: [CAF, ARS, CPAM]",
              "dispositifs: [CDPPE]",
              "validation: {etat: validee, par: Directrice générale adjointe, le: 2023-03-15}",
              "budget:"]
    for annee in (2023, 2024, 2025):
        lignes.append(f"  - {{annee: {annee}, prevu: 10000, engage: 8000, consomme: 6500}}")
    lignes.append("indicateurs:")
    for i in range(4):
        lignes += [f"  - id: indicateur-{i}", f"    libelle: Nombre de personnes accompagnées {i}",
                   "    unite: nombre", "    type: resultat", "    sens: hausse",
                   "    reference: {annee: 2022, valeur: 100}", "    cibles: {2025: 150, 2027: 200}",
                   "    valeurs:", f"      2023: {rng.randint(90, 200)}", f"      2024: {rng.randint(90, 200)}",
                   f"      2025: {{valeur: {rng.randint(90, 200)}, commentaire: \"Donnée provisoire\"}}"]
    lignes += ["notes_suivi:", "  - {date: 2024-11-15, texte: \"Point d'étape en groupe stratégique.\", avancement: 60}",
               "---"]
    for section in ("Contexte", "Enjeux et objectifs", "Résultats attendus", "Description", "Ressources",
                    "Critères d'évaluation"):
        lignes += [f"## {section}", "", PHRASE, PHRASE, "", f"- {PHRASE}", f"- {PHRASE}", ""]
    return "\n".join(lignes) + "\n"


def generer(dossier: Path, n: int, graine: int = 1, directions: list[str] = DIRECTIONS) -> None:
    rng = random.Random(graine)
    par_volet = -(-n // len(VOLETS))
    n_axes, n_objectifs = 10, 10
    rangs = -(-par_volet // (n_axes * n_objectifs))
    dossier.mkdir(parents=True, exist_ok=True)
    (dossier / "sus.yaml").write_text(sus_yaml(n_axes, n_objectifs, directions), encoding="utf-8")
    compte = 0
    for v in VOLETS:
        for a in range(1, n_axes + 1):
            for o in range(1, n_objectifs + 1):
                for r in range(1, rangs + 1):
                    if compte >= n:
                        return
                    identifiant = f"{v}-{a}.{o}.{r}"
                    chemin = dossier / "fiches" / v / f"{identifiant}.md"
                    chemin.parent.mkdir(parents=True, exist_ok=True)
                    chemin.write_text(fiche(identifiant, rng, directions), encoding="utf-8")
                    compte += 1


if __name__ == "__main__":
    generer(Path(sys.argv[1]), int(sys.argv[2]))
