"""WealthMap widgets (docks, map tools, settings page). Logic lives in ``core``."""
