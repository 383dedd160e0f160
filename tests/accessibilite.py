"""Accessibility check of HTML pages: axe-core's automated WCAG 2.1 A and AA
rules, run in a real headless Chromium (Debian's chromium and
chromium-driver, driven by selenium; no browser is downloaded).

    python tests/accessibilite.py bilan-2024.html site/index.html …

prints each violation and exits 1 when there is one, 2 when a tool is
missing. Needs: `apt install chromium chromium-driver`, `npm install` (at the
root of this repository: axe-core) and selenium (`pip install -e ".[test]"`).
The tests use `verifier()`; the bilan, the suivi and the static site all go
through it.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
AXE = RACINE / "node_modules" / "axe-core" / "axe.min.js"
REGLES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


class OutilAbsent(Exception):
    """A tool the check needs is not installed: the message says which and how to install it."""


def _chemin(*noms: str) -> str | None:
    for nom in noms:
        trouve = shutil.which(nom)
        if trouve:
            return trouve
    return None


def outils() -> tuple[str, str, Path]:
    """(chromium, chromedriver, axe.min.js), or OutilAbsent."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        raise OutilAbsent("selenium absent : pip install -e \".[test]\"") from None
    chromium = _chemin("chromium", "chromium-browser", "google-chrome")
    pilote = _chemin("chromedriver")
    if chromium is None or pilote is None:
        raise OutilAbsent("chromium ou chromedriver absent : apt install chromium chromium-driver")
    if not AXE.is_file():
        raise OutilAbsent(f"axe-core absent ({AXE}) : npm install à la racine du dépôt de sus")
    return chromium, pilote, AXE


@contextmanager
def navigateur(largeur: int = 1280, hauteur: int = 1024, javascript: bool = True):
    """A headless Chromium driven by selenium (closed on exit), or OutilAbsent."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium, pilote, _ = outils()
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    profil = tempfile.mkdtemp(prefix="sus-axe-")
    for argument in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
                     "--disable-background-networking", "--disable-component-update", "--disable-dev-shm-usage",
                     "--hide-scrollbars", f"--user-data-dir={profil}", f"--window-size={largeur},{hauteur}"):
        options.add_argument(argument)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    pilote_chrome = webdriver.Chrome(service=Service(pilote), options=options)
    try:
        yield pilote_chrome
    finally:
        pilote_chrome.quit()
        shutil.rmtree(profil, ignore_errors=True)


def verifier(pages: list[Path]) -> dict[str, list[dict]]:
    """Page → axe-core's violations (each with id, impact, help and the nodes' targets)."""
    script = outils()[2].read_text(encoding="utf-8")
    with navigateur() as chrome:
        chrome.set_script_timeout(120)
        resultats = {}
        for page in pages:
            chrome.get(Path(page).resolve().as_uri())
            chrome.execute_script(script)
            reponse = chrome.execute_async_script(
                "const fin = arguments[arguments.length - 1];"
                "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
                ".then(r => fin(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
                " cibles: v.nodes.map(n => n.target.join(' '))})))).catch(e => fin({erreur: String(e)}));",
                REGLES)
            if isinstance(reponse, dict):
                raise RuntimeError(f"axe-core a échoué sur {page} : {reponse['erreur']}")
            resultats[str(page)] = reponse
        return resultats


def main(arguments: list[str]) -> int:
    if not arguments:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    try:
        resultats = verifier([Path(a) for a in arguments])
    except OutilAbsent as err:
        print(f"Vérification impossible : {err}", file=sys.stderr)
        return 2
    total = 0
    for page, violations in resultats.items():
        for v in violations:
            total += 1
            print(f"{page}: {v['id']} ({v['impact']}) {v['help']} — {', '.join(v['cibles'][:5])}")
    print(f"{total} violation(s) des règles WCAG 2.1 A et AA sur {len(resultats)} page(s).")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
