"""From files on disk to documents: never raises on a bad fiche, collects findings."""
