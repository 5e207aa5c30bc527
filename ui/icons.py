"""Icons are SVG files loaded by path (no compiled Qt resources at runtime)."""

import os

from qgis.PyQt.QtGui import QIcon

ICON_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "icons")


def icon_path(name):
    return os.path.join(ICON_DIR, name + ".svg")


def icon(name):
    return QIcon(icon_path(name))
