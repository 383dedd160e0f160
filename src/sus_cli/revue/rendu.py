"""`sus revue` output: Markdown (a PR comment, $GITHUB_STEP_SUMMARY), text, JSON."""

from __future__ import annotations

from sus_cli.diagnostics import Diagnostic
from sus_cli.echappement import code_markdown, une_ligne
from sus_cli.francais import pluriel
from sus_cli.revue.comparaison import DifferenceFiche

NATURES = {"ajoutee": "ajoutée", "supprimee": "supprimée", "modifiee": "modifiée"}


def _titre(d: DifferenceFiche) -> str:
    document = d.apres or d.avant
    titre = document.champ("titre") or ""
    porteur = document.champ("porteur") or "?"
    return une_ligne(f"{d.id} — {titre} ({porteur})")


def _resume(differences: list[DifferenceFiche]) -> str:
    compte = {n: sum(d.nature == n for d in differences) for n in NATURES}
    if not differences:
        return "Aucune fiche du schéma ne change."
    return (f"{pluriel(compte['modifiee'], 'fiche modifiée', 'fiches modifiées')}, "
            f"{pluriel(compte['ajoutee'], 'ajoutée', 'ajoutées')}, {pluriel(compte['supprimee'], 'supprimée', 'supprimées')}.")


def markdown(base: str, tete: str, differences: list[DifferenceFiche], diagnostics: list[Diagnostic],
             titre: str | None = None) -> str:
    """File names and texts come from the fiches: each stays on its line, paths in code spans
    that nothing in them can close."""
    entete = une_ligne(titre or f"Revue du schéma : {base} → {tete}")
    lignes = [f"## {entete}", "", f"**{_resume(differences)}**", ""]
    if diagnostics:
        lignes += ["### ❌ Circuit de validation", ""]
        lignes += [f"- {code_markdown(f'{d.path}:{d.line}')} **{d.code}** {une_ligne(d.message)}"
                   for d in diagnostics]
        lignes.append("")
    elif differences:
        lignes += ["✅ Circuit de validation respecté.", ""]
    for d in differences:
        lignes += [f"### {_titre(d)} : {NATURES[d.nature]}", "", code_markdown(d.chemin), ""]
        lignes += [f"- {une_ligne(detail.texte)}" for detail in d.details]
        lignes.append("")
    return "\n".join(lignes)


def texte(base: str, tete: str, differences: list[DifferenceFiche], diagnostics: list[Diagnostic],
          titre: str | None = None) -> str:
    lignes = [une_ligne(titre or f"Revue du schéma : {base} → {tete}"), _resume(differences), ""]
    for d in differences:
        lignes.append(f"{_titre(d)} : {NATURES[d.nature]} ({une_ligne(d.chemin)})")
        lignes += [f"  - {une_ligne(detail.texte)}" for detail in d.details]
    if diagnostics:
        lignes += ["", "Circuit de validation :"]
        lignes += [une_ligne(f"{d.path}:{d.line}:{d.column} {d.code} {d.message}") for d in diagnostics]
    return "\n".join(lignes) + "\n"


def en_dict(base: str, tete: str, differences: list[DifferenceFiche], diagnostics: list[Diagnostic]) -> dict:
    return {
        "version": 1, "base": base, "tete": tete,
        "fiches": [{"id": d.id, "chemin": d.chemin, "changement": d.nature,
                    "details": [{"sujet": x.sujet, "texte": x.texte, "substance": x.substance} for x in d.details]}
                   for d in differences],
        "diagnostics": [{"path": d.path, "line": d.line, "column": d.column, "code": d.code,
                         "severity": d.severity, "fiche": d.fiche, "message": d.message, "rule": d.slug}
                        for d in diagnostics],
        "summary": {"errors": sum(d.severity == "error" for d in diagnostics),
                    "warnings": sum(d.severity == "warning" for d in diagnostics)},
    }
