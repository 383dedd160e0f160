"""README and --help say what the code does."""

from __future__ import annotations

import re

from conftest import RACINE_PROJET

README = (RACINE_PROJET / "README.md").read_text(encoding="utf-8")


def test_tableau_des_regles_du_readme_a_jour():
    from sus_cli.cli.regles import tableau_markdown
    bloc = re.search(r"<!-- regles:debut[^>]*-->\n(.*?)<!-- regles:fin -->", README, re.S).group(1)
    assert bloc == tableau_markdown(), "mettez à jour le README avec « sus regles --format markdown »"


def test_les_commandes_et_options_du_readme_existent(sus, tmp_path):
    aide = sus("validate", "--help", cwd=tmp_path).stdout
    for option in ("--format", "--strict", "--statistiques", "--racine"):
        assert option in aide and option in README
    for format_ in ("texte", "json", "github", "gitlab"):
        assert format_ in aide
    generale = sus("--help", cwd=tmp_path).stdout
    for commande in ("validate", "regles", "liste", "voir", "avancement", "bilan", "export", "revue", "codeowners",
                     "suivi", "init", "nouvelle", "schema", "site"):
        assert commande in generale and f"sus {commande}" in README


def test_ci_lance_la_commande_de_test_du_readme():
    ci = (RACINE_PROJET / ".ci" / "run").read_text(encoding="utf-8")
    commande = re.search(r"# 2\..*\n(.*)\n", README).group(1)
    assert commande in ci


def test_les_extraits_du_readme_citent_la_version_du_code():
    from sus_cli import ADRESSE_DEPOT, __version__

    for chemin in (RACINE_PROJET / "README.md", RACINE_PROJET / "docs" / "publier.md"):
        texte = chemin.read_text(encoding="utf-8")
        for version in re.findall(r"sus-cli==([0-9][0-9.]*[0-9])", texte) + re.findall(r"rev: v([0-9][0-9.]*[0-9])", texte):
            assert version == __version__, f"{chemin.name} cite la version {version} : mettez {__version__}"
    assert f"sus-cli=={__version__}" in README and f"rev: v{__version__}" in README
    assert f"repo: {ADRESSE_DEPOT}" in README


FORMAT = RACINE_PROJET / "docs" / "format.md"


def test_format_md_dit_ce_que_dit_le_code(update_golden):
    """docs/format.md: the keys of sus.yaml and of a fiche, the rules and the bilan's formulas
    are generated from the code (sus_cli.reference); `--update-golden` rewrites them."""
    from sus_cli.reference import mettre_a_jour, noms_des_parties, parties

    texte = FORMAT.read_text(encoding="utf-8")
    assert sorted(noms_des_parties(texte)) == sorted(parties())
    attendu = mettre_a_jour(texte)
    if update_golden:
        FORMAT.write_text(attendu, encoding="utf-8")
    assert texte == attendu, "docs/format.md n'est plus à jour : python -m pytest --update-golden, puis relisez"


def test_format_md_couvre_chaque_cle_et_chaque_regle():
    from sus_cli.json_schemas import schemas
    from sus_cli.rules.registry import toutes

    texte = FORMAT.read_text(encoding="utf-8")
    for schema in schemas().values():
        for modele in (schema, *schema.get("$defs", {}).values()):
            for cle in modele["properties"]:
                assert f"| `{cle}` |" in texte, cle
    for code in toutes():
        assert f"| {code} |" in texte, code
    for statut in ("a_venir", "en_cours", "realisee", "en_pause", "bloquee", "abandonnee", "a_discuter"):
        assert f"`{statut}`" in texte


def _exemple(nom: str) -> str:
    texte = FORMAT.read_text(encoding="utf-8")
    return re.search(rf"<!-- exemple:{re.escape(nom)} -->\n```\w+\n(.*?)```\n", texte, re.S).group(1)


def test_les_exemples_de_format_md_sont_valides(tmp_path, sus):
    (tmp_path / "sus.yaml").write_text(_exemple("sus.yaml"), encoding="utf-8")
    (tmp_path / "fiches").mkdir()
    (tmp_path / "fiches" / "TR-6.2.1.md").write_text(_exemple("fiche"), encoding="utf-8")
    sortie = sus("validate", "--strict", cwd=tmp_path)
    assert sortie.code == 0, sortie.stdout


def _cles(objet, dynamiques=("par_statut", "regles", "statistics", "mises_a_jour", "contributeurs")) -> set[str]:
    """Every key of a JSON document, except the keys of the maps whose keys are data."""
    cles = set()
    if isinstance(objet, dict):
        for cle, valeur in objet.items():
            cles.add(cle)
            if cle not in dynamiques:
                cles |= _cles(valeur, dynamiques)
    elif isinstance(objet, list):
        for valeur in objet:
            cles |= _cles(valeur, dynamiques)
    return cles


def test_format_md_decrit_chaque_cle_des_sorties_json(depot_git, sus, monkeypatch):
    import json

    from conftest import FICHE_VALIDE
    monkeypatch.setenv("SUS_AUJOURDHUI", "2024-10-05")
    fiche = FICHE_VALIDE.replace("porteur: DSUN", "porteur: DSUN\nstatut: en_cours\nfin: 2024-08-31\n"
                                 "validation: {etat: validee, par: DGA, le: 2024-01-10}\ndispositifs: [PDILE]")
    depot_git.commit("départ", "2024-01-05", {"sus.yaml": (depot_git.racine / "sus.yaml").read_text(encoding="utf-8"),
                                               "fiches/TR-6.2.1.md": fiche.replace("statut: en_cours", "statut: a_venir")})
    depot_git.commit("statut", "2024-03-01", {"fiches/TR-6.2.1.md": fiche, "fiches/TR-6.1.1.md": "---\nid: [\n---\n"})
    racine = depot_git.racine
    sorties = {
        "validate": sus("validate", "--format", "json", "--statistiques", cwd=racine),
        "liste": sus("liste", "--format", "json", cwd=racine),
        "avancement": sus("avancement", "--format", "json", cwd=racine),
        "bilan": sus("bilan", "2024", "--format", "json", cwd=racine),
        "suivi": sus("suivi", "2024-T3", "--format", "json", cwd=racine),
        "revue": sus("revue", "HEAD~1", "HEAD", "--format", "json", cwd=racine),
    }
    assert sus("collecte", "2024-T3", "--sortie", "collecte", cwd=racine).code in (0, 1)
    classeur = next((racine / "collecte").glob("*.xlsx"))
    sorties["importer"] = sus("importer", str(classeur), "--essai", "--format", "json", cwd=racine)
    texte = FORMAT.read_text(encoding="utf-8")
    for commande, sortie in sorties.items():
        cles = _cles(json.loads(sortie.stdout))
        assert cles, commande
        absentes = sorted(c for c in cles if f"`{c}`" not in texte)
        assert not absentes, f"sus {commande} --format json : clés absentes de docs/format.md : {absentes}"


LIEN = re.compile(r"\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")


def test_aucun_lien_ne_sort_du_depot():
    """Every relative link of every Markdown file leads to a file of this repository (a fresh
    clone has nothing beside it); web addresses are allowed."""
    ignores = {".git", ".venv", "node_modules", "build", "dist", ".pytest_cache", ".hypothesis"}
    fichiers = [p for p in RACINE_PROJET.rglob("*.md") if not ignores & set(p.relative_to(RACINE_PROJET).parts)
                and not any(part.endswith(".egg-info") for part in p.parts)]
    assert RACINE_PROJET / "docs" / "format.md" in fichiers
    for fichier in fichiers:
        texte = fichier.read_text(encoding="utf-8")
        for cible in LIEN.findall(texte) + re.findall(r"\]:\s*(\S+)", texte):
            if re.match(r"^[a-z][a-z0-9+.-]*:", cible) or cible.startswith("#"):
                assert not cible.startswith("file:"), f"{fichier}: {cible}"
                continue
            chemin = (fichier.parent / cible.split("#")[0]).resolve()
            assert chemin.is_relative_to(RACINE_PROJET.resolve()), f"{fichier.relative_to(RACINE_PROJET)} : {cible}"
            assert chemin.exists(), f"{fichier.relative_to(RACINE_PROJET)} : lien cassé {cible}"
        assert "../shared" not in texte, fichier
