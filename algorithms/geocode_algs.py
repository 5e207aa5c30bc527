"""Processing algorithms for the geocode job (filled in by its issue)."""

ALGORITHMS = []
