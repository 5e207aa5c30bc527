"""Processing algorithms for the thematic job (filled in by its issue)."""

ALGORITHMS = []
