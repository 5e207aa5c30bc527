"""The Geocode dock (widgets only; the work is done by ``core``)."""

from qgis.PyQt.QtWidgets import QLabel

from ..core.i18n import tr
from .base_dock import WealthMapDock


class GeocodeDock(WealthMapDock):
    JOB = "geocode"

    def __init__(self, iface, parent=None):
        super().__init__(iface, tr("WealthMap: Geocode"), "WealthMapGeocodeDock", parent)
        intro = QLabel(tr("Batch geocoding of address tables."))
        intro.setWordWrap(True)
        self.body.addWidget(intro)
        self.body.addStretch(1)
