"""`sus site`: the schéma as a static website, built from the same figures
as the bilan (figures/) and rendered with the same templates machinery
(bilan/rendu.py: built-in templates, overridable by name).

    donnees.py      what each page shows, gathered once (no figure computed here)
    noms.py         the pages' file names: safe, unique, never outside the site
    theme.py        the département's colour (kept readable) and logo
    recherche.py    the search index of the fiches' words, for the index's script
    construction.py rendering every page and writing the site folder
"""
