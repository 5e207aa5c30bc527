"""Predict a wealth index per chip over a region: the one implementation behind dock, algorithm and API.

``predict(feedback, raster, region=None, ...)`` (see :func:`predict`):

1. loads and checks the model bundle (sha256, schema) and the raster (bands, scale/offset,
   CRS, 8-bit refusal);
2. puts the region (a ``QgsGeometry``, ``QgsRectangle``, bbox tuple or WKT in any CRS) on the
   model grid in a projected CRS and lists the chips whose centre lies in it; refuses a
   region outside the raster, one smaller than a chip, and more chips than ``max_chips``;
3. streams chip rows: reads one window of at most ``batch_size`` chips at a time (memory
   does not grow with the region), measures valid and cloud fractions, embeds the usable
   chips, computes spectral statistics, runs the head (mean and spread of the trees), and
   appends the chips to a GeoPackage (and, optionally, a Float32 GeoTIFF with one pixel per
   chip, bands wealth and uncertainty);
4. styles the layer (graduated, diverging ramp, legend title naming the model) and saves
   the style in the GeoPackage as its default, and returns a summary dict.

Chips over the thresholds stay in the output with status ``nodata`` or ``cloudy`` and
NULL wealth.
"""

import contextlib
import math
import os
import time

import numpy as np

from .. import log, outputs
from .. import validate as check
from ..errors import WealthMapError
from ..i18n import tr, tr_noop
from ..tasks import check_cancel
from .bundle import DEMO_NOTE, WEAK_NOTE, ModelBundle, load_bundle
from .chips import STATUS_OK, ChipGrid
from .features import ChipFeaturizer, context_radius, iter_context, row_features
from .raster import GridReader, RasterSource, grid_origin, srs_from, transform_bbox, working_srs

FIELDS = [("chip_id", "int"), ("grid_col", "int"), ("grid_row", "int"), ("wealth", "double"),
          ("uncertainty", "double"), ("valid_frac", "double"), ("cloud_frac", "double"), ("status", "string"),
          ("model_id", "string"), ("model_status", "string"), ("note", "string")]
#: Chips in the first embedder batches: nothing overlaps with reading the first, so it is short; the next
#: ones grow while the reader stays one batch ahead (see ``features.batches``).
FIRST_BATCH = (4, 8)
#: Below this share of the region over the raster, the summary, the message bar and Processing's log say so.
COVERAGE_WARNING = 0.99
#: From this many chips, a JPEG 2000 raster gets the advice to convert it to GeoTIFF first.
JP2_ADVICE_CHIPS = 100
#: Decoding time per chip of a lossless JPEG 2000 measured by the benchmark (docs/wealth.md).
JP2_SECONDS_PER_CHIP = 0.025
#: From this many chips, a raster that must be resampled onto the model's grid (another CRS or pixel size)
#: gets the advice to reproject it once.
RESAMPLE_ADVICE_CHIPS = 500
#: Time per chip of a raster resampled onto the grid while reading (benchmark, EPSG:4326 GeoTIFF, end to end).
RESAMPLE_SECONDS_PER_CHIP = 0.007
#: Most chip cells the region's bounding box may span on the raster (each cell's centre is tested against the
#: region): beyond it a region is refused at once, before any cell is enumerated (4 million chips of 2.56 km
#: cover 26 million km²).
MAX_GRID_CELLS = 4_000_000
#: Up to this many candidate cells the chips are counted to the end (the message says how many are needed);
#: beyond, counting stops as soon as ``max_chips`` is passed.
EXACT_COUNT_CELLS = 200_000
MIN_REGION_FRACTION = 0.5  # a chip's centre must be inside the region: regions under about half a chip are tiny


def _settings_default(setting, value):
    return setting.value() if value is None else value


def resolve_bundle(bundle):
    return bundle if isinstance(bundle, ModelBundle) else load_bundle(bundle)


def _qgis_crs(srs):
    from qgis.core import QgsCoordinateReferenceSystem

    return QgsCoordinateReferenceSystem.fromWkt(srs.ExportToWkt())


def region_geometry(region, region_crs, source):
    """``(QgsGeometry, osr srs)`` of the region in its CRS; ``None`` region = the raster's extent."""
    from qgis.core import QgsGeometry, QgsRectangle

    if region is None:
        xmin, ymin, xmax, ymax = source.bounds()
        return QgsGeometry.fromRect(QgsRectangle(xmin, ymin, xmax, ymax)), source.srs
    if region_crs is None or (isinstance(region_crs, str) and not region_crs.strip()) \
            or (hasattr(region_crs, "isValid") and not region_crs.isValid()):
        raise WealthMapError(tr("The region has no coordinate reference system; give its CRS (region_crs), e.g. "
                                "the layer's or the map canvas's CRS."))
    srs = srs_from(region_crs)
    if isinstance(region, QgsGeometry):
        geom = QgsGeometry(region)
    elif isinstance(region, QgsRectangle):
        check.bbox(region, "region", where="predict_wealth")  # finite and not empty
        geom = QgsGeometry.fromRect(region)
    elif isinstance(region, str):
        from ..wkt import geometry_from_wkt

        geom = geometry_from_wkt(region)
        if geom is None or geom.centroid().isNull():
            raise WealthMapError(tr("The region '{0}' is not valid WKT. Give e.g. POLYGON((x1 y1, x2 y2, x3 y3, "
                                    "x1 y1)) in the region's CRS, or a bounding box (xmin, ymin, xmax, ymax).").format(
                region[:120]))
    else:
        geographic = bool(srs.IsGeographic())
        xmin, ymin, xmax, ymax = check.bbox(region, "region", where="predict_wealth", geographic=geographic,
                                            antimeridian=geographic,
                                            hint=tr("Or give a rectangle, a polygon or WKT."))
        if xmax < xmin:  # in degrees, from xmin east across the 180° meridian to xmax
            xmax += 360.0
        geom = QgsGeometry.fromRect(QgsRectangle(xmin, ymin, xmax, ymax))
        return geom, srs
    if geom is None or geom.isNull() or geom.isEmpty():
        raise WealthMapError(tr("The region is empty. Draw a rectangle or polygon, or select polygon features."))
    if srs.IsGeographic():
        geom = unwrap_antimeridian(geom)
    return geom, srs


def unwrap_antimeridian(geom):
    """A polygon in degrees that crosses the 180° meridian, drawn with longitudes on both sides of it (e.g. from
    179.95 to -179.95), spans nearly 360° of longitude; it is returned with the western longitudes shifted by
    +360° so that it covers the few degrees it means (180.05 for -179.95). A polygon is read that way when it is
    wider than 180°, every vertex lies within 90° of the antimeridian, and the shifted polygon is narrower than
    180° (and not empty). Other geometries are returned unchanged."""
    from qgis.core import QgsGeometry, QgsPointXY, QgsWkbTypes

    box = geom.boundingBox()
    if geom.type() != QgsWkbTypes.GeometryType.PolygonGeometry or box.width() <= 180.0:
        return geom
    polygons = geom.asMultiPolygon() if geom.isMultipart() else [geom.asPolygon()]
    points = [p for poly in polygons for ring in poly for p in ring]
    if not points or any(abs(p.x()) < 90.0 for p in points):
        return geom
    shifted = [[[QgsPointXY(p.x() + 360.0 if p.x() < 0 else p.x(), p.y()) for p in ring] for ring in poly]
               for poly in polygons]
    out = QgsGeometry.fromMultiPolygonXY(shifted) if geom.isMultipart() else QgsGeometry.fromPolygonXY(shifted[0])
    width = out.boundingBox().width()
    return out if 0.0 < width < 180.0 else geom


def equal_area_km2(geom, srs):
    """Area (km²) of ``geom`` (in ``srs``) on the WGS 84 ellipsoid: measured in a Lambert azimuthal equal-area
    projection centred on the region, so it is right at the poles and across the antimeridian, where the
    grid's UTM zone or a longitude/latitude computation distorts it."""
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsCoordinateTransformContext,
        QgsGeometry,
    )

    crs = _qgis_crs(srs)
    wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
    centre = QgsCoordinateTransform(crs, wgs84, QgsCoordinateTransformContext()).transform(
        geom.centroid().asPoint())
    laea = QgsCoordinateReferenceSystem.fromProj(
        "+proj=laea +lat_0={:.9f} +lon_0={:.9f} +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs".format(
            max(-90.0, min(90.0, centre.y())), centre.x()))
    out = QgsGeometry(geom)
    if not laea.isValid() or out.transform(QgsCoordinateTransform(crs, laea, QgsCoordinateTransformContext())) != 0:
        return geom.area() / 1e6
    return out.area() / 1e6


def _densified(geom, geographic):
    """``geom`` with vertices added along its edges so that it keeps its shape in another CRS: 20 per edge, and
    in degrees at most 1° apart (a band around a pole or along a parallel stays round)."""
    if geom.type() != 2:
        return geom
    if not geographic:
        return geom.densifyByCount(20)
    box = geom.boundingBox()
    step = min(1.0, max(box.width(), box.height()) / 20.0)
    return geom.densifyByDistance(step) if step > 0 else geom


def check_raster_options(band_map=None, scale=None, offset=None, where="predict_wealth"):
    """``(band_map, scale, offset)`` checked: band numbers from 1, a finite scale above 0, a finite offset."""
    scale = check.number(scale, "scale", 0.0, 1e6, lo_open=True, where=where, allow_none=True,
                         hint=tr("reflectance = DN x scale + offset: 0.0001 for Sentinel-2 digital numbers."))
    offset = check.number(offset, "offset", -1e6, 1e6, where=where, allow_none=True,
                          hint=tr("-0.1 for Sentinel-2 products of processing baseline 04.00 and later."))
    if band_map is not None and not isinstance(band_map, str):
        if not isinstance(band_map, dict):
            raise WealthMapError(tr("{0}: the parameter 'band_map' must map band names to band numbers, e.g. "
                                    "{{'B02': 1, 'B03': 2}} or 'B02=1, B03=2'; got {1!r}.").format(where, band_map))
        band_map = {check.text(k, "band_map", where=where): check.integer(v, "band_map[{}]".format(k), 1, 100000,
                                                                           where=where)
                    for k, v in band_map.items()}
    return band_map, scale, offset


def plan(raster, region=None, region_crs=None, bundle=None, band_map=None, scale=None, offset=None, max_chips=0,
         feedback=None, grid_srs=None):
    """Check the inputs and lay out the chips; returns a dict used by :func:`predict` (and to count chips).

    Keys: ``bundle``, ``source``, ``srs`` (grid CRS), ``grid`` (:class:`ChipGrid`),
    ``geometry`` (region in the grid CRS), ``rows`` (``[(row, [cols])]``), ``n_chips``,
    ``area_km2`` (on the ellipsoid), ``bounds`` (grid CRS bbox to read). A region whose bounding box spans
    more than :data:`MAX_GRID_CELLS` chip cells on the raster is refused before any cell is listed, and one
    with more than ``max_chips`` chips (when not 0) as soon as that many are counted; ``feedback`` can cancel.
    ``grid_srs``: the grid CRS to use instead of the one chosen from the region (a partition of a larger run
    keeps the run's grid).
    """
    from qgis.core import QgsCoordinateTransform, QgsCoordinateTransformContext, QgsGeometry, QgsPointXY

    from .mosaic import is_mosaic_request, mosaic_vrt, raster_paths

    band_map, scale, offset = check_raster_options(band_map, scale, offset)
    max_chips = check.integer(max_chips or 0, "max_chips", 0, 10 ** 9, where="predict_wealth")
    bundle = resolve_bundle(bundle)
    if is_mosaic_request(raster):  # several rasters (tiles, products): one mosaic on one grid
        source = RasterSource(mosaic_vrt(raster_paths(raster), bundle.bands, bundle.gsd_m, band_map, scale, offset))
    elif isinstance(raster, (list, tuple)):
        if not raster:
            raise WealthMapError(tr("No raster was given."))
        return plan(raster[0], region, region_crs, bundle, band_map, scale, offset, max_chips, feedback, grid_srs)
    else:
        source = raster if isinstance(raster, RasterSource) else RasterSource(
            raster.source() if hasattr(raster, "source") else raster, band_map, scale, offset)
    try:
        source.require_bands(bundle.bands, bundle.id)
    except WealthMapError as err:
        raise WealthMapError(tr("{0} (The model '{1}' expects the bands {2}.)").format(
            err, bundle.id, ", ".join(bundle.bands))) from err
    geom, rsrs = region_geometry(region, region_crs, source)
    # grid CRS: the raster's when projected, else UTM at the region's centre
    centre = geom.centroid().asPoint()
    lon, lat = centre.x(), centre.y()
    if not rsrs.IsGeographic() or abs(rsrs.GetAngularUnits() - math.pi / 180) > 1e-9:
        from osgeo import osr

        lon, lat = osr.CoordinateTransformation(rsrs, srs_from(4326)).TransformPoint(lon, lat)[:2]
    srs = srs_from(grid_srs) if grid_srs is not None else working_srs(source, lon, lat)
    if not rsrs.IsSame(srs):
        ct = QgsCoordinateTransform(_qgis_crs(rsrs), _qgis_crs(srs), QgsCoordinateTransformContext())
        geom = _densified(QgsGeometry(geom), rsrs.IsGeographic())
        if geom.transform(ct) != 0:
            raise WealthMapError(tr("The region cannot be transformed to the grid's coordinate system."))
    if not geom.isGeosValid():  # a bowtie, a ring touching itself: the valid polygon(s) it outlines
        geom = geom.makeValid()
        if geom.isNull() or geom.isEmpty() or geom.area() <= 0:
            raise WealthMapError(tr("The region is not a valid polygon (it crosses itself) and no area is left "
                                    "once repaired. Draw it again without crossing edges."))
    raster_box = transform_bbox(source.bounds(), source.srs, srs)
    from qgis.core import QgsRectangle

    footprint = QgsGeometry.fromRect(QgsRectangle(*raster_box))
    if not geom.intersects(footprint):
        raise WealthMapError(tr("The region lies outside the raster '{0}'. Draw the region over the raster (zoom to "
                                "the raster layer first) or choose the raster that covers it.").format(source.name))
    ox, oy = grid_origin(source, srs, bundle.chip_m)
    grid = ChipGrid(ox, oy, bundle.chip_px, bundle.gsd_m)
    bbox = geom.boundingBox()
    # chip centres must lie on the raster too: only the cells of the box's part over the raster are candidates
    cx0, cy0 = max(bbox.xMinimum(), raster_box[0]), max(bbox.yMinimum(), raster_box[1])
    cx1, cy1 = min(bbox.xMaximum(), raster_box[2]), min(bbox.yMaximum(), raster_box[3])
    c0, c1, r0, r1 = grid.cell_range((cx0, cy0, max(cx0, cx1), max(cy0, cy1)))
    cells = (c1 - c0) * (r1 - r0)
    if cells > MAX_GRID_CELLS:
        raise WealthMapError(tr("The region spans {0:,} chip cells of {1:g} m on the raster (at most {2:,} are "
                                "listed; the limit of chips to predict is {3}). Draw a smaller region, or check the "
                                "model bundle's pixel size (gsd_m {4:g} m, chip_px {5}).").format(
            cells, bundle.chip_m, MAX_GRID_CELLS, max_chips or tr("none"), bundle.gsd_m, bundle.chip_px))
    engine = QgsGeometry.createGeometryEngine(geom.constGet())
    engine.prepareGeometry()
    rows, n_chips = [], 0
    for row in range(r0, r1):
        check_cancel(feedback)
        if max_chips and n_chips > max_chips and cells > EXACT_COUNT_CELLS:
            raise WealthMapError(tr("The region needs more than {0} chips, the limit (setting "
                                    "'WealthMap/wealth/max_chips', parameter MAX_CHIPS / max_chips). Draw a "
                                    "smaller region or raise the limit.").format(max_chips))
        cols = []
        for col in range(c0, c1):
            x, y = grid.centre(col, row)
            if not (raster_box[0] <= x <= raster_box[2] and raster_box[1] <= y <= raster_box[3]):
                continue
            point = QgsGeometry.fromPointXY(QgsPointXY(x, y))
            if engine.intersects(point.constGet()):
                cols.append(col)
        if cols:
            rows.append((row, cols))
            n_chips += len(cols)
    area_km2 = equal_area_km2(geom, srs)
    inside = geom.intersection(footprint)
    coverage = min(1.0, inside.area() / geom.area()) if geom.area() > 0 else 1.0
    if n_chips == 0:
        raise WealthMapError(tr("The region ({0:.2f} km²) contains no chip centre: chips are {1:.2f} km wide "
                                "({2} px at {3:g} m). Draw a larger region (at least one chip) over the "
                                "raster.").format(area_km2, bundle.chip_m / 1000.0, bundle.chip_px, bundle.gsd_m))
    k = context_radius(bundle)
    margin = (k + 1) * grid.chip_m
    bounds = (bbox.xMinimum() - margin, bbox.yMinimum() - margin, bbox.xMaximum() + margin, bbox.yMaximum() + margin)
    return {"bundle": bundle, "source": source, "srs": srs, "grid": grid, "geometry": geom, "rows": rows,
            "n_chips": n_chips, "area_km2": area_km2, "bounds": bounds, "coverage": coverage}


def count_chips(raster, region=None, region_crs=None, bundle=None, band_map=None, scale=None, offset=None,
                feedback=None):
    """Number of chips a prediction over ``region`` would need (checks the inputs as well)."""
    return plan(raster, region, region_crs, bundle, band_map, scale, offset, feedback=feedback)["n_chips"]


def _output_fields():
    from qgis.core import QgsField, QgsFields

    from .. import fieldtypes

    kinds = {"int": fieldtypes.INT, "double": fieldtypes.DOUBLE, "string": fieldtypes.STRING}
    fields = QgsFields()
    for name, kind in FIELDS:
        fields.append(QgsField(name, kinds[kind]))
    return fields


def layer_title(bundle):
    """The long title naming the model (says 'demonstration' for a demo head, 'weak' for a weak one): the
    layer's metadata title, its tooltip in the layer panel and the GeoPackage's description."""
    if bundle.is_demo:
        return tr("Wealth: {0} (demonstration model, not a wealth estimate)").format(bundle.name)
    if bundle.is_weak:
        return tr("Wealth: {0} (weak model: not better than a simple baseline)").format(bundle.name)
    return tr("Wealth: {0} ({1})").format(bundle.name, tr(bundle.status))


def short_title(bundle):
    """The short layer name shown in the layer panel (the details are in its metadata and tooltip)."""
    if bundle.is_demo:
        return tr("Wealth (demo)")
    if bundle.is_weak:
        return tr("Wealth (weak)")
    return tr("Wealth ({0})").format(tr(bundle.status))


def guard_outputs(raster, bundle, output, geotiff, covariates=()):
    """Refuse outputs that are the imagery (or a file of a Sentinel-2 product, a covariate raster, or of the model
    bundle) or each other, before any work (see :func:`..outputs.guard`)."""
    rasters = list(raster) if isinstance(raster, (list, tuple)) else [raster]
    inputs = []
    for item in rasters:
        inputs.append((tr_noop("raster"), item))
        path = outputs.source_path(item)
        if path and os.path.basename(path).upper().startswith("MTD_MSI"):
            inputs.append((tr_noop("Sentinel-2 product"), os.path.dirname(path)))
    inputs.append((tr_noop("model bundle"), getattr(bundle, "path", bundle)))
    inputs += [(tr_noop("covariate raster"), cov.path) for cov in covariates or () if getattr(cov, "path", None)]
    outputs.guard(inputs, [(tr_noop("output GeoPackage"), output or None), (tr_noop("GeoTIFF"), geotiff or None)])


def _open_writer(path, layer_name, srs, bundle, append=False):
    """A ``QgsVectorFileWriter`` creating a new GeoPackage at ``path`` (a temporary file beside the output), or with
    ``append``
    adding features to the layer created before."""
    from qgis.core import QgsCoordinateTransformContext, QgsVectorFileWriter, QgsWkbTypes

    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = layer_name
    options.fileEncoding = "UTF-8"
    if append:
        options.actionOnExistingFile = QgsVectorFileWriter.ActionOnExistingFile.AppendToLayerNoNewFields
    else:
        description = "{} | model {} ({})".format(layer_title(bundle), bundle.id, bundle.status)
        if bundle.is_demo or bundle.is_weak:
            description += " | " + (DEMO_NOTE if bundle.is_demo else WEAK_NOTE)
        options.layerOptions = ["IDENTIFIER={}".format(layer_title(bundle)), "DESCRIPTION={}".format(description)]
    writer = QgsVectorFileWriter.create(path, _output_fields(), QgsWkbTypes.Type.Polygon, _qgis_crs(srs),
                                        QgsCoordinateTransformContext(), options)
    if writer.hasError() != QgsVectorFileWriter.WriterError.NoError:
        raise WealthMapError(tr("Cannot write the output GeoPackage '{0}': {1}. Choose a folder you can write "
                                "to.").format(path, writer.errorMessage()))
    return writer


#: The columns that make a GeoPackage table a WealthMap prediction (which a new prediction may replace).
_OUTPUT_COLUMNS = {"chip_id", "grid_col", "grid_row", "wealth", "uncertainty", "model_id"}


def _is_prediction(table):
    """A GeoPackage table a new prediction may replace: a WealthMap prediction layer."""
    return table["kind"] == "features" and _OUTPUT_COLUMNS <= table["columns"]


#: Bump when what an empty output holds changes (fields, layer options, style handling): old templates are
#: then no longer used.
TEMPLATE_VERSION = "1"


def output_template(layer_name, srs, bundle, style_qml=None):
    """Path of an empty output GeoPackage, kept in the profile's ``wealthmap/cache/outputs``: the layer
    (fields, CRS, identifier and description naming the model) and, with a model's fixed legend, its
    default style. A prediction copies it instead of creating the file: creating a GeoPackage and saving
    a style through OGR cost 20-40 ms of CPU, as much as embedding 20 chips on two cores, and competed
    with the model. The key covers everything the empty file holds, so a template is only reused for the
    same layer name, CRS, model (id, status, title) and style (what it means, not its random ids:
    :mod:`.output_cache`, which also bounds the folder); it is written under a temporary name and
    renamed when complete. ``None`` when it cannot be written (the caller creates the output itself)."""
    import hashlib
    import sqlite3
    import threading

    from . import output_cache
    from .sentinel2 import cache_folder

    key = hashlib.sha256("\n".join([
        TEMPLATE_VERSION, layer_name, srs.ExportToWkt(), bundle.id, bundle.status, layer_title(bundle),
        DEMO_NOTE if bundle.is_demo else WEAK_NOTE if bundle.is_weak else "", repr(FIELDS),
        output_cache.style_key(style_qml)]).encode("utf-8")).hexdigest()[:24]
    try:
        folder = cache_folder("outputs")
    except OSError:
        return None
    path = os.path.join(folder, key + ".gpkg")
    if outputs.is_gpkg(path):
        output_cache.touch(path)
        return path
    part = os.path.join(folder, "{}.{}-{}.part.gpkg".format(key, os.getpid(), threading.get_ident()))
    try:
        writer = _open_writer(part, layer_name, srs, bundle)
        del writer  # closes the empty layer
        if style_qml is not None:
            save_style(part, layer_name, bundle, style_qml)
        con = sqlite3.connect(part)
        try:  # everything in the main file (no journal left beside it), then checked
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            con.execute("PRAGMA journal_mode=DELETE")
            styles = con.execute("select count(*) from layer_styles").fetchone()[0] if style_qml else 0
        finally:
            con.close()
        if style_qml is not None and styles != 1:
            raise WealthMapError(tr("the style is missing from the template"))
        os.replace(part, path)
        output_cache.prune(folder, keep=path)
        return path
    except (OSError, sqlite3.Error, WealthMapError) as err:
        log.info(tr("The empty output template could not be written ({0}); the output is created directly.").format(
            err))
        return None
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            if os.path.exists(part + suffix):
                try:
                    os.remove(part + suffix)
                except OSError:
                    pass


def _create_output(path, layer_name, srs, bundle, style_qml):
    """A ``QgsVectorFileWriter`` appending to a new, empty output at ``path`` (styled first when
    ``style_qml`` is given): a copy of :func:`output_template`, or created directly without one."""
    import shutil

    template = output_template(layer_name, srs, bundle, style_qml)
    if template is not None:  # ``path`` is a new file beside the output (see ``outputs.atomic_output``)
        try:
            shutil.copyfile(template, path)
        except OSError as err:
            raise WealthMapError(tr("Cannot write the output GeoPackage '{0}': {1}. Choose a folder you can write "
                                    "to.").format(path, err)) from err
        return _open_writer(path, layer_name, srs, bundle, append=True)
    writer = _open_writer(path, layer_name, srs, bundle)
    if style_qml is not None:
        del writer  # closes the empty layer: the style goes in before the chips
        save_style(path, layer_name, bundle, style_qml)
        writer = _open_writer(path, layer_name, srs, bundle, append=True)
    return writer


class _GeoTiff:
    """Float32 GeoTIFF with one pixel per chip (bands: wealth, uncertainty), written row by row."""

    NODATA = -9999.0

    def __init__(self, path, layout):
        from osgeo import gdal

        grid = layout["grid"]
        rows = [r for r, _ in layout["rows"]]
        cols = [c for _, cs in layout["rows"] for c in cs]
        self.c0, self.r0 = min(cols), min(rows)
        width, height = max(cols) - self.c0 + 1, max(rows) - self.r0 + 1
        driver = gdal.GetDriverByName("GTiff")
        try:
            self.ds = driver.Create(path, width, height, 2, gdal.GDT_Float32, ["COMPRESS=DEFLATE", "TILED=YES"])
        except RuntimeError as err:
            raise WealthMapError(tr("Cannot write the GeoTIFF '{0}' ({1}). Choose a folder you can write to.").format(
                path, err)) from err
        if self.ds is None:
            raise WealthMapError(tr("Cannot write the GeoTIFF '{0}'.").format(path))
        x0, _, _, y1 = grid.bounds(self.c0, self.r0)
        self.ds.SetGeoTransform((x0, grid.chip_m, 0.0, y1, 0.0, -grid.chip_m))
        self.ds.SetProjection(layout["srs"].ExportToWkt())
        for i, name in enumerate(("wealth", "uncertainty")):
            band = self.ds.GetRasterBand(i + 1)
            band.SetNoDataValue(self.NODATA)
            band.SetDescription(name)
            band.Fill(self.NODATA)
        self.path = path

    def write_row(self, row, values):
        """``values``: ``[(col, wealth, uncertainty)]`` (None for skipped chips)."""
        width = self.ds.RasterXSize
        for b in (0, 1):
            line = np.full((1, width), self.NODATA, dtype=np.float32)
            for col, wealth, unc in values:
                v = (wealth, unc)[b]
                if v is not None:
                    line[0, col - self.c0] = v
            self.ds.GetRasterBand(b + 1).WriteArray(line, 0, row - self.r0)

    def close(self, bundle):
        self.ds.SetMetadataItem("WEALTHMAP_MODEL_ID", bundle.id)
        self.ds.SetMetadataItem("WEALTHMAP_MODEL_STATUS", bundle.status)
        if bundle.is_demo or bundle.is_weak:
            self.ds.SetMetadataItem("WEALTHMAP_NOTE", DEMO_NOTE if bundle.is_demo else WEAK_NOTE)
        self.ds.FlushCache()
        self.ds = None


class _Output:
    """The output files, written by a thread of their own while the main thread embeds.

    The thread creates the GeoPackage (and GeoTIFF); with a model's fixed legend (``style_qml``
    given) it saves the style first, then appends the chips that :meth:`put` queues (plain values,
    one row of chips at a time). Creating, committing and styling the file (SQLite, fsync) so
    overlap with onnxruntime instead of adding to the run. Errors are raised in the main thread
    by the next :meth:`put` or by :meth:`finish`.
    """

    def __init__(self, path, layer_name, layout, bundle, geotiff=None, style_qml=None, start=None):
        import queue
        import threading

        # ``start``: an event to wait for before creating the files (prediction: the first chips are
        # read), so that creating them competes with embedding, not with the first read
        self.start = start
        self.path, self.layer_name, self.layout, self.bundle = path, layer_name, layout, bundle
        self.geotiff, self.style_qml = geotiff, style_qml
        self.error = None
        self.write_s = 0.0
        self.queue = queue.Queue()
        self.thread = threading.Thread(target=self._run, name="wealthmap-writer", daemon=True)
        self.thread.start()

    def _run(self):
        from qgis.core import QgsFeature, QgsGeometry, QgsRectangle

        bundle, grid = self.bundle, self.layout["grid"]
        writer = tif = None
        try:
            if self.start is not None:
                self.start.wait()
            writer = _create_output(self.path, self.layer_name, self.layout["srs"], bundle, self.style_qml)
            tif = _GeoTiff(str(self.geotiff), self.layout) if self.geotiff else None
            fields = _output_fields()
            note = DEMO_NOTE if bundle.is_demo else WEAK_NOTE if bundle.is_weak else ""
            while True:
                item = self.queue.get()
                if item is None:
                    break
                t0 = time.perf_counter()
                row, chips = item
                features = []
                for chip_id, col, wealth, unc, valid, cloud, status in chips:
                    feature = QgsFeature(fields)
                    x0, y0, x1, y1 = grid.bounds(col, row)
                    feature.setGeometry(QgsGeometry.fromRect(QgsRectangle(x0, y0, x1, y1)))
                    feature.setAttributes([chip_id, col, row, wealth, unc, valid, cloud, status, bundle.id,
                                           bundle.status, note])
                    features.append(feature)
                if not writer.addFeatures(features):
                    raise WealthMapError(tr("Writing to '{0}' failed: {1}").format(self.path, writer.errorMessage()))
                if tif is not None:
                    tif.write_row(row, [(c[1], c[2], c[3]) for c in chips])
                self.write_s += time.perf_counter() - t0
            t0 = time.perf_counter()
            writer = None  # closes (commits) the GeoPackage
            if tif is not None:
                tif.close(bundle)
                tif = None
            self.write_s += time.perf_counter() - t0
        except BaseException as err:  # noqa: BLE001 - handed to the main thread
            self.error = err
        finally:
            writer = None
            if tif is not None:
                try:
                    tif.close(bundle)
                except Exception:  # noqa: BLE001 - the first error is the one reported
                    pass

    def put(self, row, chips):
        """Queue a row of chips ``[(chip_id, col, wealth, uncertainty, valid, cloud, status)]``."""
        if self.error is not None:
            self.finish()
        self.queue.put((row, chips))

    def finish(self):
        """Wait until everything queued is written and the files are closed; raise the thread's error."""
        if self.start is not None:
            self.start.set()
        self.queue.put(None)
        self.thread.join()
        if self.error is not None:
            error, self.error = self.error, None
            raise error


def predict(feedback, raster, region=None, region_crs=None, bundle=None, output=None, layer_name=None,
            geotiff=None, band_map=None, scale=None, offset=None, max_chips=None, min_valid=None, max_cloud=None,
            use_cuda=None, batch_size=16, covariates=None, threads=None, grid_srs=None):
    """Predict per chip over ``region`` of ``raster``; returns a summary dict.

    :param raster: path of a GDAL raster (or a ``QgsRasterLayer``/``RasterSource``).
    :param region: ``QgsGeometry``, ``QgsRectangle``, ``(xmin, ymin, xmax, ymax)`` or WKT in
        ``region_crs``; ``None``: the whole raster.
    :param region_crs: CRS of the region (``QgsCoordinateReferenceSystem``, ``"EPSG:4326"``, WKT).
    :param bundle: bundle folder or :class:`ModelBundle` (default: settings, else the demo).
    :param output: GeoPackage path; ``None`` writes a temporary file.
    :param geotiff: optional path of a Float32 GeoTIFF (one pixel per chip).
    :param band_map, scale, offset: override band detection and reflectance conversion.
    :param max_chips: refuse regions with more chips (default ``WEALTH_MAX_CHIPS``; 0 = no limit).
    :param min_valid, max_cloud: chip thresholds (defaults from the settings).
    :param use_cuda: CUDA when onnxruntime has it (default ``WEALTH_USE_CUDA``).
    :param covariates: the covariate rasters a bundle trained with covariates needs (its manifest's
        ``covariates``): ``{name: path or layer}`` or a list matched by name (see ``covariates.match``).
        Refused when one is missing, does not cover the region, or has values far outside training.
    :param threads: onnxruntime threads of the embedder (default: the physical cores); several workers on one
        machine each take cores / workers (``core.wealth.distributed``).
    :param grid_srs: force the grid CRS (a partition of a distributed run keeps the run's grid).
    """
    from .. import deps
    from ..settings import WEALTH_MAX_CHIPS, WEALTH_MAX_CLOUD, WEALTH_MIN_VALID, WEALTH_USE_CUDA
    from .embed import Embedder, Head

    deps.require("wealth")
    started = time.perf_counter()
    where = "predict_wealth"
    batch_size = check.integer(batch_size, "batch_size", 1, 4096, where=where,
                               hint=tr("It is the number of chips per model call; 16 is a good value."))
    for key, value in (("output", output), ("geotiff", geotiff), ("layer_name", layer_name)):
        check.text(value, key, where=where, allow_none=True, allow_empty=True)
    if geotiff:
        folder = os.path.dirname(os.path.abspath(str(geotiff)))
        if not os.path.isdir(folder):
            raise WealthMapError(tr("The folder {0} for the GeoTIFF does not exist. Create it or choose another "
                                    "path.").format(folder))
    max_chips = check.integer(_settings_default(WEALTH_MAX_CHIPS, max_chips), "max_chips", 0, 10 ** 9,
                              where=where, hint=tr("0 means no limit."))
    min_valid = check.fraction(_settings_default(WEALTH_MIN_VALID, min_valid), "min_valid", where=where)
    max_cloud = check.fraction(_settings_default(WEALTH_MAX_CLOUD, max_cloud), "max_cloud", where=where)
    use_cuda = _settings_default(WEALTH_USE_CUDA, use_cuda)
    use_cuda = check.boolean(use_cuda, "use_cuda", where=where) if not isinstance(use_cuda, str) else \
        use_cuda.strip().lower() in ("true", "1", "yes")
    layout = plan(raster, region, region_crs, bundle, band_map, scale, offset, max_chips, feedback, grid_srs)
    bundle, source, grid = layout["bundle"], layout["source"], layout["grid"]
    from . import covariates as covmod
    from .embed import check_features

    check_features(bundle)
    covs = covmod.match(bundle.manifest.get("covariates") or [], covariates)
    guard_outputs(raster, bundle, output, geotiff, covs)
    cov_sources = covmod.prepare_prediction(covs, layout, context_radius(bundle)) if covs else None
    n_chips = layout["n_chips"]
    if max_chips and n_chips > max_chips:
        raise WealthMapError(tr("The region needs {0} chips, more than the limit of {1} (setting "
                                "'WealthMap/wealth/max_chips', parameter MAX_CHIPS / max_chips). Draw a smaller "
                                "region or raise the limit.").format(n_chips, max_chips))
    advice = []
    coverage_note = None
    if layout["coverage"] < COVERAGE_WARNING:  # a region half outside the raster is said, not run silently
        coverage_note = tr("Only {0:.0%} of the region ({1:.1f} of {2:.1f} km²) lies over the raster '{3}': the "
                           "rest has no chips. Draw the region over the raster, or mosaic it with the raster that "
                           "covers the rest.").format(layout["coverage"], layout["coverage"] * layout["area_km2"],
                                                      layout["area_km2"], source.name)
        advice.append(coverage_note)
    for cov in covs:
        if cov.sha256_matches is False:
            advice.append(tr("The covariate '{0}' is another file ({1}) than the one the model was trained with "
                             "(sha256 differs): right for another tile or region of the same product; check that it "
                             "is the same product, year and units.").format(cov.name, os.path.basename(cov.path)))
    if n_chips >= JP2_ADVICE_CHIPS and source.is_jpeg2000:
        advice.append(tr("The raster '{0}' is JPEG 2000, which is slow to decode (about {1:.0f} ms per chip, some "
                         "{2:.0f} s for these {3} chips). For large regions, convert it once to a tiled GeoTIFF "
                         "(Raster > Conversion > Translate with TILED=YES, COMPRESS=DEFLATE and INTERLEAVE=BAND) "
                         "and predict on that.").format(
            source.name, 1000 * JP2_SECONDS_PER_CHIP, JP2_SECONDS_PER_CHIP * n_chips, n_chips))
        if getattr(source, "sentinel2_vrt", None):
            advice[-1] += " " + tr("For this Sentinel-2 product, translate the stack of its bands at 10 m that "
                                   "WealthMap wrote: {0}").format(source.sentinel2_vrt)
    from .embed import cuda_available

    if use_cuda and not cuda_available():
        advice.append(tr("CUDA was asked for, but this onnxruntime has no CUDA provider: the prediction runs on the "
                         "CPU. To use the GPU, install onnxruntime-gpu (matching your CUDA version) in the Python "
                         "that QGIS uses."))
    if source.sentinel2_vrt:
        log.info(tr("Sentinel-2 product {0}: its bands stacked at 10 m ({1}); reflectance = DN x {2:g} {3:+g} "
                    "({4}).").format(source.name, source.sentinel2_vrt, source.scale, source.offset,
                                     source.reflectance_source))
    check_cancel(feedback)
    embedder = Embedder(bundle, use_cuda=use_cuda, batch_size=batch_size, threads=threads)
    head = Head(bundle, use_cuda=use_cuda)
    reader = GridReader(source, layout["srs"], grid.gsd, grid.origin_x, grid.origin_y, bundle.bands,
                        bounds=layout["bounds"])
    if n_chips >= RESAMPLE_ADVICE_CHIPS and not reader.direct and not source.is_jpeg2000:
        advice.append(tr("The raster '{0}' is not on the model's grid ({1}, {2:g} m pixels), so it is resampled while "
                         "it is read (about {3:.0f} ms per chip, some {4:.0f} s for these {5} chips, about twice "
                         "the time of a raster on the grid). To predict faster, reproject it once to {1} at {2:g} m "
                         "(Raster > Projections > Warp (Reproject)) and predict on that.").format(
            source.name, layout["srs"].GetName(), grid.gsd, 1000 * RESAMPLE_SECONDS_PER_CHIP,
            RESAMPLE_SECONDS_PER_CHIP * n_chips, n_chips))
    for text in advice:
        log.warning(text)
        if hasattr(feedback, "pushWarning"):
            feedback.pushWarning(text)
    k = context_radius(bundle)
    timings = {"read_s": 0.0, "quality_s": 0.0, "prepare_s": 0.0, "embed_s": 0.0, "head_s": 0.0, "write_s": 0.0}
    featurizer = ChipFeaturizer(bundle, embedder, reader, min_valid, max_cloud, timings)
    # the reader thread starts on the first batch now; the output files are created once it is read
    rows = iter_context(featurizer, layout["rows"], k, batch_size, feedback, first_batch=FIRST_BATCH)
    stack = contextlib.ExitStack()  # the outputs are written beside their paths and replace them when complete
    try:
        temporary = output is None or output == ""
        if temporary:  # in the profile's bounded temporary folder, not left in the system's forever
            output = outputs.temporary_output("wealthmap_wealth_", ".gpkg")
        output = str(output)
        if not output.lower().endswith(".gpkg"):
            raise WealthMapError(tr("The output must be a GeoPackage (.gpkg), not '{0}'.").format(output))
        layer_name = layer_name or ("wealth_demo_not_a_wealth_estimate" if bundle.is_demo else "wealth")
        # a prediction replaces the whole file: not one that holds other data
        outputs.check_replaceable(output, _is_prediction, tr_noop("output GeoPackage"), single_ok=False)
        work = stack.enter_context(outputs.atomic_output(output, tr_noop("output GeoPackage")))
        work_tif = stack.enter_context(outputs.atomic_output(str(geotiff), tr_noop("GeoTIFF"))) if geotiff else None
        style = style_layer(bundle)
        fixed_qml = None
        if bundle.class_breaks:  # the model's fixed legend: styled before any value exists
            style.setRenderer(make_renderer(None, bundle))
            fixed_qml = style_qml(style)
        out = _Output(work, layer_name, layout, bundle, work_tif, fixed_qml, start=featurizer.first_loaded)
    except BaseException as err:
        rows.close()  # stops the reader thread
        stack.__exit__(type(err), err, err.__traceback__)
        raise
    done, chip_id = 0, 0
    values, statuses = [], {}
    try:
        for row, cols, cache in rows:
            t0 = time.perf_counter()
            usable = [c for c in cols if cache[(row, c)].status == STATUS_OK]
            preds = {}
            cov_values = None
            if usable and covs:
                cov_values = covmod.sample(covs, layout["srs"], grid, [(row, c) for c in usable], k, cov_sources)
                good = np.all(np.isfinite(cov_values), axis=1)
                for c in np.asarray(usable)[~good]:
                    cache[(row, int(c))].status = covmod.STATUS_NO_COVARIATE
                usable, cov_values = [c for c, g in zip(usable, good) if g], cov_values[good]
            if usable:
                feats = row_features(cache, row, usable, k, bundle, cov_values)
                mean, std = head.predict(feats)
                preds = {c: (float(m), float(s)) for c, m, s in zip(usable, mean, std)}
            chips = []
            for col in cols:
                rec = cache[(row, col)]
                wealth, unc = preds.get(col, (None, None))
                chips.append((chip_id, col, wealth, unc, round(rec.valid_fraction, 4), round(rec.cloud_fraction, 4),
                              rec.status))
                statuses[rec.status] = statuses.get(rec.status, 0) + 1
                if wealth is not None:
                    values.append(wealth)
                chip_id += 1
            out.put(row, chips)
            timings["head_s"] += time.perf_counter() - t0
            done += len(cols)
            if feedback is not None:
                feedback.setProgress(100.0 * done / n_chips)
    except BaseException as err:
        rows.close()
        try:
            out.finish()
        except Exception:  # noqa: BLE001 - the first error is the one reported
            pass
        stack.__exit__(type(err), err, err.__traceback__)  # the previous outputs stay as they were
        raise
    with stack:  # on leaving without error the complete files replace the outputs (else they are left as they were)
        rows.close()
        t0 = time.perf_counter()
        out.finish()  # the last rows, then the GeoPackage is closed
        timings["write_s"] = out.write_s
        timings["finish_s"] = time.perf_counter() - t0
        elapsed = time.perf_counter() - started
        used = statuses.get(STATUS_OK, 0)
        if used == 0:
            raise WealthMapError(tr("All {0} chips of the region are cloudy or without data (valid below {1:.0%} or "
                                    "clouds above {2:.0%}); nothing to predict. Use a clearer scene, check the "
                                    "raster's nodata value, or relax the thresholds.").format(
                n_chips, min_valid, max_cloud), details={"statuses": statuses})
        if fixed_qml is None:  # natural breaks of this run's values
            style_output(work, layer_name, bundle, values, style)
    arr = np.asarray(values, dtype=float)
    return {
        "output": output, "layer_name": layer_name, "temporary": temporary,
        "geotiff": str(geotiff) if geotiff else None,
        "chips": n_chips, "chips_used": used, "chips_skipped": n_chips - used, "statuses": statuses,
        "mean": float(arr.mean()), "median": float(np.median(arr)), "min": float(arr.min()), "max": float(arr.max()),
        "area_km2": float(layout["area_km2"]), "coverage": float(layout["coverage"]), "coverage_note": coverage_note,
        "chip_km": grid.chip_m / 1000.0, "crs": layout["srs"].ExportToWkt(),
        "model_id": bundle.id, "model_status": bundle.status, "model_label": bundle.label(),
        "title": layer_title(bundle), "short_title": short_title(bundle), "is_demo": bundle.is_demo,
        "is_weak": bundle.is_weak, "note": bundle.note(), "abstract": model_abstract(bundle), "units": bundle.units,
        "reflectance": {"scale": source.scale, "offset": source.offset, "source": source.reflectance_source},
        "resampled": not reader.direct, "providers": embedder.providers, "seconds": elapsed,
        "chips_per_s": n_chips / elapsed if elapsed > 0 else None, "timings": timings,
        "batch_sizes": list(featurizer.batch_sizes), "advice": advice,
        "raster": {"name": source.name, "sentinel2_stack": source.sentinel2_vrt},
        "covariates": [{"name": c.name, "path": c.path, "sha256_matches": c.sha256_matches} for c in covs],
    }


#: Bounds of the open-ended first and last classes of a model's fixed legend (any prediction falls inside).
OPEN_BOUND = 1e12


def break_labels(breaks):
    """Legend labels of the classes that ``breaks`` delimit: below b0, b0 – b1, ..., b_last and above, each
    break written with the decimals it has (at most 4), all with the same number of decimals."""
    def decimals(value):
        return next((d for d in range(4) if abs(round(value, d) - value) < 1e-9), 4)

    places = max(decimals(b) for b in breaks)
    text = ["{:.{}f}".format(b, places) for b in breaks]
    return ([tr("below {0}").format(text[0])] + [tr("{0} – {1}").format(a, b) for a, b in zip(text, text[1:])]
            + [tr("{0} and above").format(text[-1])])


def make_renderer(values, bundle, classes=7):
    """Graduated renderer on ``wealth`` with a diverging ramp (RdYlBu: red low, blue high).

    Classes: the model's fixed legend (``bundle.class_breaks``, open-ended first and last classes; the
    same for every region) when the manifest has one, else natural breaks (Jenks) of the predicted
    ``values`` (equal intervals when Jenks finds none)."""
    from qgis.core import (
        QgsClassificationEqualInterval,
        QgsClassificationJenks,
        QgsGradientColorRamp,
        QgsGraduatedSymbolRenderer,
        QgsRendererRange,
        QgsStyle,
        QgsSymbol,
        QgsWkbTypes,
    )
    from qgis.PyQt.QtGui import QColor

    ramp = QgsStyle.defaultStyle().colorRamp("RdYlBu")
    if ramp is None:
        ramp = QgsGradientColorRamp(QColor(215, 25, 28), QColor(44, 123, 182))
    symbol = QgsSymbol.defaultSymbol(QgsWkbTypes.GeometryType.PolygonGeometry)
    symbol.setColor(QColor(255, 255, 191))  # not QGIS's random default colour: the same style for the same legend
    symbol.setOpacity(0.75)
    renderer = QgsGraduatedSymbolRenderer("wealth")
    renderer.setSourceSymbol(symbol.clone())
    renderer.setSourceColorRamp(ramp.clone())
    breaks = bundle.class_breaks
    if breaks:
        bounds = [-OPEN_BOUND] + list(breaks) + [OPEN_BOUND]
        ranges = [(lo, hi, label) for lo, hi, label in zip(bounds, bounds[1:], break_labels(breaks))]
    else:
        values = [float(v) for v in values if v is not None and math.isfinite(v)]
        # the classification-method API (QGIS >= 3.10) on the values themselves: no layer to read back
        method = QgsClassificationJenks()
        found = method.classes(values, classes) if values else []
        if not found and values:
            method = QgsClassificationEqualInterval()
            found = method.classes(min(values), max(values), classes)
        renderer.setClassificationMethod(method)
        ranges = [(item.lowerBound(), item.upperBound(), item.label()) for item in found]
    for lo, hi, label in ranges:
        renderer.addClassRange(QgsRendererRange(lo, hi, symbol.clone(), label))
    renderer.updateColorRamp(ramp.clone())
    return renderer


def style_layer(bundle):
    """A memory layer with the output's fields, name, metadata and model properties: it carries the
    style (renderer set later) to :func:`style_qml` without opening the output file."""
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer("Polygon", layer_title(bundle), "memory")
    layer.dataProvider().addAttributes(_output_fields().toList())
    layer.updateFields()
    return apply_style(layer, bundle)


def style_qml(layer):
    """The layer's whole style (renderer, metadata, custom properties) as QML text."""
    from qgis.core import QgsReadWriteContext
    from qgis.PyQt.QtXml import QDomDocument

    doc = QDomDocument()
    error = layer.exportNamedStyle(doc, QgsReadWriteContext())
    if error:
        raise WealthMapError(tr("The style of the output cannot be written: {0}").format(error))
    return doc.toString()


def style_output(path, layer_name, bundle, values, layer=None):
    """Style the output from the predicted ``values`` and save the style in the GeoPackage as its default
    (the ``layer_styles`` table QGIS reads), through the OGR provider: the output is not reopened.
    ``layer``: the :func:`style_layer` prepared beforehand. Returns the style's QML."""
    layer = layer or style_layer(bundle)
    layer.setRenderer(make_renderer(values, bundle))
    qml = style_qml(layer)
    save_style(path, layer_name, bundle, qml)
    return qml


def save_style(path, layer_name, bundle, qml):
    """Save ``qml`` as the default style of the layer in the GeoPackage (``layer_styles``, as QGIS does)."""
    from qgis.core import QgsProviderRegistry

    uri = "{}|layername={}".format(path, layer_name)
    saved = QgsProviderRegistry.instance().providerMetadata("ogr").saveStyle(
        uri, qml, "", "wealthmap", layer_title(bundle), "", True, "")
    ok = saved[0] if isinstance(saved, tuple) else saved
    if not ok:
        raise WealthMapError(tr("The style cannot be saved in the output '{0}' ({1}). Choose a folder you can "
                                "write to.").format(path, saved[1] if isinstance(saved, tuple) else ""))


def model_abstract(bundle):
    """The layer's abstract: model, units and what a user must know (demo, weak)."""
    abstract = tr("Predicted per chip by model {0} ({1}). Units: {2}.").format(bundle.id, tr(bundle.status),
                                                                             bundle.units)
    if bundle.note():
        abstract += " " + bundle.note()
    return abstract


def apply_style(layer, bundle):
    """Legend title (layer name), metadata and custom properties naming the model."""
    from qgis.core import QgsLayerMetadata

    layer.setName(layer_title(bundle))
    meta = QgsLayerMetadata(layer.metadata())
    meta.setTitle(layer_title(bundle))
    abstract = model_abstract(bundle)
    meta.setAbstract(abstract)
    layer.setMetadata(meta)
    layer.setCustomProperty("wealthmap/model_id", bundle.id)
    layer.setCustomProperty("wealthmap/model_status", bundle.status)
    return layer


def load_output_layer(result):
    """A ``QgsVectorLayer`` of the result (default style from the GeoPackage), named after the model."""
    from qgis.core import QgsVectorLayer

    name = result.get("short_title") or result["title"]
    layer = QgsVectorLayer("{}|layername={}".format(result["output"], result["layer_name"]), name, "ogr")
    if layer.isValid():
        layer.setName(name)
        layer.setCustomProperty("wealthmap/model_id", result["model_id"])
        layer.setCustomProperty("wealthmap/model_status", result["model_status"])
        set_layer_tooltip(layer, result["title"], result.get("abstract") or result.get("note") or "")
    return layer


def set_layer_tooltip(layer, title, abstract):
    """The long title and abstract that the layer panel shows as the layer's tooltip (QGIS reads the layer's
    own title/abstract there; QGIS >= 3.38 keeps them in its server properties)."""
    server = getattr(layer, "serverProperties", None)
    target = server() if callable(server) and hasattr(server(), "setTitle") else layer
    target.setTitle(title)
    target.setAbstract(abstract)
