"""sus : le Schéma unique des solidarités en fichiers."""

# The one place the version is written: pyproject.toml reads it (tool.setuptools.dynamic),
# `sus --version` prints it, and `sus init` pins the CI files and the pre-commit hook to it.
__version__ = "0.2.0"

# Where sus itself is published: the `repo:` of the pre-commit config written by `sus init`
# (its .pre-commit-hooks.yaml) and the git address of the CI files. pyproject.toml's
# [project.urls] Source says the same (checked by a test).
ADRESSE_DEPOT = "https://github.com/sus-cli/sus"
