"""Core logic of the thematic job (no widget imports)."""
