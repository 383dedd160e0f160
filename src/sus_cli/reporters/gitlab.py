"""`--format gitlab`: a GitLab Code Quality report (a JSON list of issues).

The fingerprint leaves the line number out, so that an issue keeps its
identity when unrelated lines above it move; identical findings in one
file are told apart by their rank.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import TextIO

from sus_cli.reporters import Resultat

_SEVERITES = {"error": "major", "warning": "minor"}


def rapporter(resultat: Resultat, flux: TextIO) -> None:
    rangs: dict[tuple, int] = {}
    rapport = []
    for d in resultat.diagnostics:
        stable = re.sub(r"lignes? \d+", "ligne", d.message)
        cle = (d.path, d.code, stable)
        rangs[cle] = rangs.get(cle, 0) + 1
        empreinte = hashlib.sha256("\x1f".join((*cle, str(rangs[cle]))).encode()).hexdigest()
        rapport.append({
            "description": f"{d.code} {d.message}",
            "check_name": f"{d.code}-{d.slug}",
            "fingerprint": empreinte,
            "severity": _SEVERITES[d.severity],
            "location": {"path": d.path, "lines": {"begin": d.line}},
        })
    json.dump(rapport, flux, ensure_ascii=False, indent=2)
    flux.write("\n")
