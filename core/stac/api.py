"""Entry points of the STAC job shared by the dock, the Processing algorithms and ``wealthmap.api``."""

from ..errors import WealthMapError
from ..i18n import tr
from ..tasks import ensure_feedback


def region_lonlat(region, region_crs):
    """``(xmin, ymin, xmax, ymax)`` in lon/lat of a region given as a rectangle, geometry, WKT or tuple."""
    from ..wealth.raster import srs_from, transform_bbox
    from .composite import _bbox_of

    return transform_bbox(_bbox_of(region, region_crs), srs_from(region_crs or "EPSG:4326"), srs_from(4326))


def coverage(item, bbox):
    """Share (0..1) of the lon/lat ``bbox`` that the item's footprint covers."""
    from osgeo import ogr

    if not item.geometry:
        return None
    foot = ogr.CreateGeometryFromJson(__import__("json").dumps(item.geometry))
    ring = ogr.Geometry(ogr.wkbLinearRing)
    for x, y in ((bbox[0], bbox[1]), (bbox[2], bbox[1]), (bbox[2], bbox[3]), (bbox[0], bbox[3]), (bbox[0], bbox[1])):
        ring.AddPoint_2D(x, y)
    box = ogr.Geometry(ogr.wkbPolygon)
    box.AddGeometry(ring)
    if foot is None or box.GetArea() == 0:
        return None
    return float(foot.Intersection(box).GetArea() / box.GetArea())


def stac_search(query, region, region_crs="EPSG:4326", feedback=None):
    """Search ``query`` over a region; returns ``{"items": [Item], "rows": [summary + coverage], "bbox"}``."""
    from .search import search

    feedback = ensure_feedback(feedback)
    bbox = region_lonlat(region, region_crs)
    items = search(query, bbox, feedback)
    rows = []
    for item in items:
        row = item.summary()
        cov = coverage(item, bbox)
        row["coverage"] = None if cov is None else round(100.0 * cov, 1)
        rows.append(row)
    return {"items": items, "rows": rows, "bbox": bbox}


def footprints_layer(result, name=None):
    """A memory layer (EPSG:4326) of the items' footprints with id, date, tile, cloud, coverage (%)."""
    import json

    from qgis.core import QgsFeature, QgsField, QgsGeometry, QgsVectorLayer

    from .. import fieldtypes

    layer = QgsVectorLayer("Polygon?crs=EPSG:4326", name or tr("STAC footprints"), "memory")
    kinds = [("id", fieldtypes.STRING), ("date", fieldtypes.STRING), ("tile", fieldtypes.STRING),
             ("cloud", fieldtypes.DOUBLE), ("coverage", fieldtypes.DOUBLE), ("baseline", fieldtypes.STRING)]
    fields = [QgsField(name, kind) for name, kind in kinds]
    provider = layer.dataProvider()
    provider.addAttributes(fields)
    layer.updateFields()
    feats = []
    for item, row in zip(result["items"], result["rows"]):
        from osgeo import ogr

        feat = QgsFeature(layer.fields())
        if item.geometry:
            geom = ogr.CreateGeometryFromJson(json.dumps(item.geometry))
            feat.setGeometry(QgsGeometry.fromWkt(geom.ExportToWkt()))
        feat.setAttributes([row["id"], row["date"], row["tile"], row["cloud"], row["coverage"], row["baseline"]])
        feats.append(feat)
    provider.addFeatures(feats)
    layer.updateExtents()
    return layer


def stac_composite(query, region, region_crs="EPSG:4326", output=None, feedback=None, **options):
    """See :func:`core.stac.composite.make_composite`."""
    from .composite import make_composite

    return make_composite(query, region, region_crs, output, feedback=feedback, **options)


def stac_point_imagery(survey, query, value_field, chip_px=256, gsd=10.0, context=3, lat_field=None, lon_field=None,
                       crs="EPSG:4326", feedback=None, **options):
    """Context windows at the points of a survey (path or layer) from a STAC query; see ``core.stac.points``."""
    from ..wealth.survey import read_survey
    from .points import survey_rasters

    data = read_survey(survey, value_field=value_field, lat_field=lat_field, lon_field=lon_field, crs=crs) \
        if not hasattr(survey, "lon") else survey
    if not len(data):
        raise WealthMapError(tr("The survey has no points with coordinates."))
    return survey_rasters(data.lon, data.lat, query, chip_px=chip_px, gsd=gsd, context=context, feedback=feedback,
                          **options)
