"""The built-in bilan templates (installed as sus_cli.templates)."""
