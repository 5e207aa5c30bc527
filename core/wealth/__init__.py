"""Core logic of the wealth job (no widget imports)."""
