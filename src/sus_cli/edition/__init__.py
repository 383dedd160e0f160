"""The one place a fiche's text is changed: `sus importer`, `sus saisir` and
`sus nouvelle` go through it. Edits touch only the lines that hold what
changes; the result is re-loaded and compared with the intended data before
anything is written."""
