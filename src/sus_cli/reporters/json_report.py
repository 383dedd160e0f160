"""`--format json`: the contract's object (spec §5), one line per run."""

from __future__ import annotations

import json
from typing import TextIO

from sus_cli.reporters import Resultat, statistiques


def en_dict(resultat: Resultat) -> dict:
    sortie = {
        "version": 1,
        "fiches": resultat.fiches,
        "diagnostics": [
            {"path": d.path, "line": d.line, "column": d.column, "code": d.code,
             "severity": d.severity, "fiche": d.fiche, "message": d.message,
             "rule": d.slug, "type": d.type}
            for d in resultat.diagnostics],
        "summary": {"errors": resultat.compte("error"), "warnings": resultat.compte("warning")},
    }
    if resultat.statistiques:
        sortie["statistics"] = statistiques(resultat.diagnostics)
    return sortie


def rapporter(resultat: Resultat, flux: TextIO) -> None:
    json.dump(en_dict(resultat), flux, ensure_ascii=False, indent=2)
    flux.write("\n")
