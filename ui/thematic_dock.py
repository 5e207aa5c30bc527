"""The Thematic maps dock (widgets only; the work is done by ``core``)."""

from qgis.PyQt.QtWidgets import QLabel

from ..core.i18n import tr
from .base_dock import WealthMapDock


class ThematicDock(WealthMapDock):
    JOB = "thematic"

    def __init__(self, iface, parent=None):
        super().__init__(iface, tr("WealthMap: Thematic maps"), "WealthMapThematicDock", parent)
        intro = QLabel(tr("Choropleth and chart maps from statistics tables."))
        intro.setWordWrap(True)
        self.body.addWidget(intro)
        self.body.addStretch(1)
