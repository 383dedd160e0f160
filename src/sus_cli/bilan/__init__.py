"""The annual bilan: building its data (once), rendering it with Jinja
templates, or as JSON. No figure is computed here: they come from figures/."""
