"""Worker processes, for the work a large schéma spreads over its processors:
checking the fiches (`sus validate`) and making the site's pages (`sus site`).

Workers are forked from the running process (Linux): they inherit what it
has loaded (the référentiel, the compiled models, the templates) instead of
rebuilding it, and send back small results (a fiche's summary, a page's
bytes); this process alone writes. Elsewhere the work is done in this
process, one item after the other: the results are the same.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

# Below this many items of work, starting processes costs more than it saves.
SEUIL_PARALLELE = 200

# What the forked workers read: set just before they are forked, so they inherit it.
_PARTAGE: Any = None


def fork_possible() -> bool:
    """Fork is the only start method that shares what is loaded cheaply; it is safe on Linux."""
    return sys.platform == "linux"


def processus_disponibles() -> int:
    """How many worker processes to use: one per processor this process may run on; 1 without fork."""
    if not fork_possible():
        return 1
    return len(os.sched_getaffinity(0))


def partage() -> Any:
    """In a worker: what the process that forked it shared (`travailleurs`)."""
    return _PARTAGE


@contextmanager
def travailleurs(processus: int, commun: Any) -> Iterator:
    """A pool of `processus` forked workers that read `commun` through `partage()`.

    A failure or Ctrl-C in this process cancels what the workers have not
    started, without waiting for it.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _PARTAGE
    _PARTAGE = commun
    pool = ProcessPoolExecutor(processus, mp_context=multiprocessing.get_context("fork"))
    try:
        yield pool
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    else:
        pool.shutdown()
    finally:
        _PARTAGE = None


def _morceau(debut: int, fin: int) -> list:
    fonction, elements = _PARTAGE
    return [fonction(element) for element in elements[debut:fin]]


def appliquer(fonction: Callable[[Any], Any], elements: Sequence, processus: int) -> list:
    """`[fonction(e) for e in elements]`, in that order, spread over `processus` workers.

    The workers inherit `fonction` (a closure is fine) and `elements`; only
    the results travel back, pickled: keep them small.
    """
    if processus <= 1 or len(elements) < 2:
        return [fonction(element) for element in elements]
    n = len(elements)
    # Several pieces per worker: one slow piece does not leave the others idle.
    taille = -(-n // (processus * 8))
    with travailleurs(min(processus, -(-n // taille)), (fonction, elements)) as pool:
        morceaux = [pool.submit(_morceau, debut, min(debut + taille, n)) for debut in range(0, n, taille)]
        return [resultat for morceau in morceaux for resultat in morceau.result()]
