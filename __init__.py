"""WealthMap QGIS plugin package.

QGIS calls :func:`classFactory` to create the plugin; everything heavy is imported
lazily so that loading the package (for example ``import wealthmap.api`` in the
Python console) stays cheap.
"""


def classFactory(iface):  # noqa: N802 (name required by QGIS)
    """Create the plugin instance (called by QGIS with its interface)."""
    from .core.installer import activate

    activate()  # packages installed earlier into the profile by WealthMap's installer become importable
    from .plugin import WealthMapPlugin

    return WealthMapPlugin(iface)
