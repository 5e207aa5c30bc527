"""Core logic of the geocode job (no widget imports)."""
