"""Benchmark of the commands that read git history, in one run.

Builds a repository of N fiches and C commits (default 1,000 and 20,000)
with one `git fast-import`, then times `git log --name-status` over the
whole history (the reference), `sus suivi` and `sus bilan --au`, prints the
ratios, and counts the git processes each command starts (through a `git`
shim on PATH): it must not grow with the number of fiches or commits.

    python bench/historique.py [N] [C]
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ICI = Path(__file__).resolve().parent
sys.path.insert(0, str(ICI))
from generer import fiche, sus_yaml  # noqa: E402


def _donnees(texte: str) -> bytes:
    octets = texte.encode("utf-8")
    return b"data %d\n" % len(octets) + octets + b"\n"


def construire(dossier: Path, n: int, commits: int) -> None:
    rng = random.Random(2)
    subprocess.run(["git", "init", "-q", "-b", "main", str(dossier)], check=True)
    ids = [f"TR-{1 + i // 100}.{1 + (i // 10) % 10}.{1 + i % 10}" for i in range(n)]
    flux = [b"commit refs/heads/main\nmark :1\ncommitter Agent <a@example.org> 1672560000 +0100\n",
            _donnees("création du schéma"), b"deleteall\n",
            b"M 644 inline sus.yaml\n", _donnees(sus_yaml(10, 10))]
    for identifiant in ids:
        flux += [f"M 644 inline fiches/{identifiant}.md\n".encode(), _donnees(fiche(identifiant, rng))]
    debut = dt.datetime(2023, 1, 2, tzinfo=dt.timezone.utc).timestamp()
    pas = (dt.datetime(2026, 6, 30, tzinfo=dt.timezone.utc).timestamp() - debut) / commits
    for c in range(commits):
        identifiant = rng.choice(ids)
        auteur = f"Agent {c % 37}"
        flux += [f"commit refs/heads/main\ncommitter {auteur} <a{c % 37}@example.org> {int(debut + c * pas)} +0100\n".encode(),
                 _donnees(f"suivi {identifiant}"),
                 f"M 644 inline fiches/{identifiant}.md\n".encode(), _donnees(fiche(identifiant, rng))]
    subprocess.run(["git", "fast-import", "--quiet"], cwd=dossier, input=b"".join(flux), check=True)
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=dossier, check=True)


def mesurer(commande: list[str], cwd: Path, env: dict) -> float:
    meilleur = float("inf")
    for _ in range(3):
        debut = time.perf_counter()
        subprocess.run(commande, cwd=cwd, env=env, stdout=subprocess.DEVNULL, check=False)
        meilleur = min(meilleur, time.perf_counter() - debut)
    return meilleur


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    c = int(sys.argv[2]) if len(sys.argv) > 2 else 20_000
    vrai_git = shutil.which("git")
    with tempfile.TemporaryDirectory() as tmp:
        depot = Path(tmp) / "depot"
        construire(depot, n, c)
        cale = Path(tmp) / "cale"
        cale.mkdir()
        journal = Path(tmp) / "processus-git.txt"
        (cale / "git").write_text(f'#!/bin/sh\necho "$1" >> "{journal}"\nexec "{vrai_git}" "$@"\n')
        (cale / "git").chmod(0o755)
        env = {**os.environ, "PATH": f"{cale}{os.pathsep}{os.environ['PATH']}", "SUS_AUJOURDHUI": "2026-07-01"}
        sus = [sys.executable, "-m", "sus_cli"]
        reference = mesurer(["git", "log", "--name-status", "--format=%H"], depot, env)
        resultats = {}
        for nom, commande in (("sus suivi 2025-T2", [*sus, "suivi", "2025-T2", "-f", "json"]),
                              ("sus bilan 2025 --au 2025-06-30", [*sus, "bilan", "2025", "--au", "2025-06-30",
                                                                  "-f", "json"])):
            journal.write_text("")
            subprocess.run(commande, cwd=depot, env=env, stdout=subprocess.DEVNULL, check=False)
            processus = journal.read_text().split()
            resultats[nom] = (mesurer(commande, depot, env), processus)
    print(f"dépôt : {n} fiches, {c} commits")
    print(f"git log --name-status (référence) : {reference:.2f} s")
    for nom, (duree, processus) in resultats.items():
        print(f"{nom:32}: {duree:.2f} s  (ratio {duree / reference:.2f}, cible ≤ 3) ; "
              f"{len(processus)} processus git ({', '.join(sorted(set(processus)))})")


if __name__ == "__main__":
    main()
