"""`sus revue`: what a change (a pull request) does to the schéma, in words."""
