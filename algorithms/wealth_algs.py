"""Processing algorithms for the wealth job (filled in by its issue)."""

ALGORITHMS = []
