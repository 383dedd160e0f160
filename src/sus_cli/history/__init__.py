"""Reading git: the only package that imports git. GitPython is the entry
point; bulk reads go through one `git log` or one `git cat-file --batch`
process, parsed once, never one git process per fiche or per commit."""
