"""sus : le Schéma unique des solidarités en fichiers."""

__version__ = "0.1.0"
