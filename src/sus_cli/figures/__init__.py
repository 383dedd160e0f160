"""The only place a figure is computed (contract §4). Pure functions and
dataclasses: the terminal, the templates and the exports only read them."""
