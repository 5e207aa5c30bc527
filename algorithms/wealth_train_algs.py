"""Processing algorithms for training wealth models (filled in by its issue)."""

ALGORITHMS = []
