"""WealthMap core logic: no widget imports here (checked by tests/test_structure.py)."""
