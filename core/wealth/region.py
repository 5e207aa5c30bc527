"""The region of a prediction from a polygon layer: all its features or only the selected ones, in the
layer's CRS. Read on the main thread (the dock's "Selected features" mode and ``predict_wealth`` call it)."""

from ..errors import WealthMapError
from ..i18n import tr


def layer_region(layer, selected_only=False):
    """``(QgsGeometry, QgsCoordinateReferenceSystem)``: the union of ``layer``'s polygons (only the selected
    ones with ``selected_only``) in the layer's CRS."""
    from qgis.core import QgsGeometry, QgsWkbTypes

    if not layer.isValid():
        raise WealthMapError(tr("The region layer '{0}' is not valid.").format(layer.name()))
    if layer.geometryType() != QgsWkbTypes.GeometryType.PolygonGeometry:
        raise WealthMapError(tr("The region layer '{0}' has no polygons: give a polygon layer, a rectangle or a "
                                "bounding box (xmin, ymin, xmax, ymax).").format(layer.name()))
    features = layer.selectedFeatures() if selected_only else layer.getFeatures()
    geoms = [f.geometry() for f in features if f.hasGeometry() and not f.geometry().isEmpty()]
    if not geoms:
        if selected_only:
            raise WealthMapError(tr("No feature of '{0}' is selected; select the region's polygons first.").format(
                layer.name()))
        raise WealthMapError(tr("The region layer '{0}' has no polygon features.").format(layer.name()))
    return QgsGeometry.unaryUnion(geoms), layer.crs()
