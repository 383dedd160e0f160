"""A long fuzzing campaign: tests/test_fuzz.py with many new random examples.

The CI runs the same module with 100 fixed examples (under a minute). This
runs N random ones (default 2,000), each a mutated schéma put through
`sus validate`, `sus bilan --format json`, `sus liste` and `sus export`,
and prints how many ran, how long it took, and the first failure found
(hypothesis shrinks it to a small example).

    python bench/fuzz.py [N]
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]


def main() -> int:
    exemples = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    env = {**os.environ, "SUS_FUZZ_EXEMPLES": str(exemples), "SUS_FUZZ_ALEATOIRE": "1"}
    debut = time.perf_counter()
    fait = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
                           str(RACINE / "tests" / "test_fuzz.py")], cwd=RACINE, env=env)
    duree = time.perf_counter() - debut
    bilan = "aucun défaut trouvé" if fait.returncode == 0 else "DÉFAUT TROUVÉ (voir ci-dessus)"
    print(f"{exemples} schémas mutés en {duree:.0f} s ({duree / exemples * 1000:.0f} ms chacun) : {bilan}")
    return fait.returncode


if __name__ == "__main__":
    sys.exit(main())
