"""The look of the charts, shared by the SVG and the PNG outputs. Colours
keep a contrast of at least 3:1 on white for lines and 4.5:1 for text."""

ENCRE = "#1f2933"
FOND = "#ffffff"
POLICE = "DejaVu Sans, Verdana, Arial, sans-serif"

# style → (colour, width, dash pattern or None)
TRAITS = {
    "grille": ("#e4e7eb", 1.0, None),
    "axe": ("#7b8794", 1.0, None),
    "repere": ("#7b8794", 1.0, None),
    "cible": ("#b45309", 1.5, (6, 4)),
    "reference": ("#52606d", 1.2, (2, 3)),
}
TRACE = ("#1565c0", 2.0)
RECTANGLES = {"annee": "#f0f4f8", "objectif": "#fdf1e4"}
ETIQUETTES = {"axe": "#52606d", "valeur": "#0d47a1", "cible": "#8a3c05", "reference": "#3e4c59"}
