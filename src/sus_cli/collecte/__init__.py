"""The quarterly collection: one workbook per direction out (`sus collecte`),
workbooks back in (`sus importer`). Reading a workbook checks every cell
and hands edition/ a list of intended changes; nothing here writes a fiche."""
