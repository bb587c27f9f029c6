"""The web side of Clew: the JSON API under /api/v1 (and, later, the pages analysts use)."""
