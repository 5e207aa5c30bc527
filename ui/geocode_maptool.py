"""Map helpers of the Geocode dock: a click-to-place tool and candidate markers."""

from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsPointXY, QgsProject, QgsWkbTypes
from qgis.gui import QgsMapToolEmitPoint, QgsRubberBand
from qgis.PyQt.QtCore import pyqtSignal
from qgis.PyQt.QtGui import QColor


class PlacePointTool(QgsMapToolEmitPoint):
    """Click on the map: emits ``placed(lon, lat)`` in EPSG:4326."""

    placed = pyqtSignal(float, float)

    def __init__(self, canvas):
        super().__init__(canvas)
        self.canvas = canvas
        self.canvasClicked.connect(self._clicked)

    def _clicked(self, point, _button):
        crs = self.canvas.mapSettings().destinationCrs()
        wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
        if crs.isValid() and crs != wgs84:
            point = QgsCoordinateTransform(crs, wgs84, QgsProject.instance()).transform(point)
        self.placed.emit(point.x(), point.y())


class CandidateMarkers:
    """Markers for the candidates of the selected row (best in red, others in orange)."""

    def __init__(self, canvas):
        self.canvas = canvas
        self.bands = []

    def show(self, candidates, selected=0):
        self.clear()
        if self.canvas is None:
            return
        crs = self.canvas.mapSettings().destinationCrs()
        wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
        transform = None
        if crs.isValid() and crs != wgs84:
            transform = QgsCoordinateTransform(wgs84, crs, QgsProject.instance())
        for i, cand in enumerate(candidates):
            band = QgsRubberBand(self.canvas, QgsWkbTypes.GeometryType.PointGeometry)
            band.setColor(QColor(220, 0, 0) if i == selected else QColor(255, 140, 0))
            band.setIconSize(12 if i == selected else 8)
            point = QgsPointXY(cand["lon"], cand["lat"])
            if transform is not None:
                point = transform.transform(point)
            band.addPoint(point)
            self.bands.append(band)

    def clear(self):
        for band in self.bands:
            band.reset(QgsWkbTypes.GeometryType.PointGeometry)
            if self.canvas is not None and self.canvas.scene() is not None:
                self.canvas.scene().removeItem(band)
        self.bands = []
