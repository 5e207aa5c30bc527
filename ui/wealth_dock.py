"""The Wealth dock (widgets only; the work is done by ``core``)."""

from qgis.PyQt.QtWidgets import QLabel

from ..core.i18n import tr
from .base_dock import WealthMapDock


class WealthDock(WealthMapDock):
    JOB = "wealth"

    def __init__(self, iface, parent=None):
        super().__init__(iface, tr("WealthMap: Wealth"), "WealthMapWealthDock", parent)
        intro = QLabel(tr("Wealth index from Sentinel-2 imagery."))
        intro.setWordWrap(True)
        self.body.addWidget(intro)
        self.body.addStretch(1)
