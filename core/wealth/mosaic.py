"""Several rasters as one: a region across two Sentinel-2 tiles (or products, or scenes) predicts in one run.

:func:`mosaic_vrt` writes a VRT on one 10 m grid (the first raster's when it is projected at 10 m, else the
UTM zone of its centre) holding the bands a model needs, from every raster in turn: where rasters overlap
the first one given wins, and pixels a raster has no data for are taken from the next. Each raster keeps
its own reflectance conversion: its digital numbers are rescaled in the VRT (``ScaleRatio``/``ScaleOffset``)
to one convention, ``DN = reflectance x 10000 + 1000``, so products of different processing baselines
(with and without the -1000 offset), float reflectance and other scales mix correctly. Rasters off that
grid (another UTM zone, degrees, 20 m) are warped onto it (bilinear, or average when shrinking; SCL by
nearest neighbour). SCL is kept only when every raster has it. Only file names and headers are read here;
the VRTs are cached in the QGIS profile (``wealthmap/cache/mosaic``).
"""

import hashlib
import math
import os

from ..errors import WealthMapError
from ..i18n import tr
from .sentinel2 import _escape, cache_folder, write_vrt

#: The mosaic's convention: reflectance = DN * SCALE + OFFSET.
SCALE, OFFSET = 1e-4, -0.1


def _gdal():
    from osgeo import gdal

    gdal.UseExceptions()
    return gdal


def mosaic_vrt(paths, bands, gsd=10.0, band_map=None, scale=None, offset=None):
    """Path of a VRT mosaicking ``paths`` (see the module) with ``bands`` (and SCL when all have it)."""
    from .raster import RasterSource, srs_from, transform_bbox, utm_srs

    gdal = _gdal()
    paths = [str(p) for p in paths]
    if len(paths) < 2:
        raise ValueError("a mosaic needs at least two rasters")
    sources = []
    for path in paths:
        source = RasterSource(path, band_map, scale, offset)
        try:
            source.require_bands(bands)
        except WealthMapError as err:
            raise WealthMapError(tr("{0} (Every raster of a mosaic needs the model's bands.)").format(err)) from err
        sources.append(source)
    with_scl = all(s.has_scl for s in sources)
    first = sources[0]
    px, py = first.pixel_size()
    if first.is_projected and not first.rotated and abs(px - gsd) < 1e-6 * gsd and abs(py - gsd) < 1e-6 * gsd:
        srs = first.srs
        ox, oy = first.geotransform[0], first.geotransform[3]
    else:
        xmin, ymin, xmax, ymax = transform_bbox(first.bounds(), first.srs, srs_from(4326))
        srs = utm_srs((xmin + xmax) / 2.0, (ymin + ymax) / 2.0)
        ox, oy = 0.0, 0.0
    # every raster's extent on the grid (outward), and the union
    boxes = []
    for s in sources:
        x0, y0, x1, y1 = transform_bbox(s.bounds(), s.srs, srs)
        c0, c1 = math.floor((x0 - ox) / gsd + 1e-6), math.ceil((x1 - ox) / gsd - 1e-6)
        r0, r1 = math.floor((oy - y1) / gsd + 1e-6), math.ceil((oy - y0) / gsd - 1e-6)
        boxes.append((c0, r0, c1, r1))
    C0, R0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    C1, R1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    width, height = C1 - C0, R1 - R0
    if width * height > 2 ** 34:
        raise WealthMapError(tr("The rasters lie too far apart to be mosaicked ({0} x {1} pixels at {2:g} m). "
                                "Predict each region with its own raster.").format(width, height, gsd))
    stamps = [repr(os.path.getmtime(p)) if os.path.exists(p) else "" for p in paths]
    key = hashlib.sha1("|".join(paths + stamps + [",".join(bands), repr(band_map), repr(scale), repr(offset),
                                                   srs.ExportToWkt(), repr(gsd)])
                       .encode("utf-8")).hexdigest()[:16]
    folder = cache_folder("mosaic")
    out = os.path.join(folder, "mosaic_{}.vrt".format(key))
    if os.path.exists(out):
        return out
    srs_wkt = srs.ExportToWkt()
    # per raster: (file, {band: index in file}, (xoff, yoff, xsize, ysize) in the mosaic, scale, offset, nodata)
    layers = []
    for i, (s, box) in enumerate(zip(sources, boxes)):
        file = s.sentinel2_vrt or s.path
        gt = s.geotransform
        on_grid = (s.is_projected and not s.rotated and bool(srs.IsSame(s.srs))
                   and abs(gt[1] - gsd) < 1e-6 * gsd and abs(-gt[5] - gsd) < 1e-6 * gsd
                   and abs(((gt[0] - ox) / gsd) - round((gt[0] - ox) / gsd)) < 1e-6
                   and abs(((oy - gt[3]) / gsd) - round((oy - gt[3]) / gsd)) < 1e-6)
        names = list(bands) + (["SCL"] if with_scl else [])
        nodata = {b: s.nodata(s.band_map[b]) for b in names}
        if on_grid:
            col, row = int(round((gt[0] - ox) / gsd)), int(round((oy - gt[3]) / gsd))
            place = (col - C0, row - R0, s.width, s.height)
            index = {b: s.band_map[b] for b in names}
        else:  # warped onto the grid: spectral bands together, SCL apart (nearest neighbour)
            c0, r0, c1, r1 = box
            bounds = (ox + c0 * gsd, oy - r1 * gsd, ox + c1 * gsd, oy - r0 * gsd)
            shrink = s.is_projected and max(s.pixel_size()) <= gsd * 1.01 or not s.is_projected
            nd = " ".join("nan" if nodata[b] is None else repr(float(nodata[b])) for b in bands)
            warped = os.path.join(folder, "mosaic_{}_{}.vrt".format(key, i))
            try:
                # the warped VRTs read VRT files of the bands they need (a warped VRT on disk cannot read an
                # in-memory dataset)
                sub = os.path.join(folder, "mosaic_{}_{}_bands.vrt".format(key, i))
                gdal.Translate(sub, file, format="VRT", bandList=[s.band_map[b] for b in bands])
                gdal.Warp(warped, sub, format="VRT", dstSRS=srs_wkt, outputBounds=bounds, xRes=gsd, yRes=gsd,
                          resampleAlg="average" if shrink else "bilinear", srcNodata=nd, dstNodata=nd)
                index = {b: k + 1 for k, b in enumerate(bands)}
                if with_scl:
                    scl_file = os.path.join(folder, "mosaic_{}_{}_scl.vrt".format(key, i))
                    scl_sub = os.path.join(folder, "mosaic_{}_{}_scl_band.vrt".format(key, i))
                    gdal.Translate(scl_sub, file, format="VRT", bandList=[s.band_map["SCL"]])
                    gdal.Warp(scl_file, scl_sub, format="VRT", dstSRS=srs_wkt, outputBounds=bounds, xRes=gsd,
                              yRes=gsd, resampleAlg="near", srcNodata=0, dstNodata=0)
                    index["SCL"] = (scl_file, 1)
            except RuntimeError as err:
                raise WealthMapError(tr("The raster '{0}' cannot be warped onto the mosaic's grid ({1}): {2}. "
                                        "Reproject it first (Raster > Projections > Warp).").format(
                    s.name, srs.GetName(), err)) from err
            file = warped
            place = (c0 - C0, r0 - R0, c1 - c0, r1 - r0)
        layers.append((file, index, place, s.scale, s.offset, nodata, s.name))
    lines = ['<VRTDataset rasterXSize="{}" rasterYSize="{}">'.format(width, height),
             "  <SRS>{}</SRS>".format(_escape(srs_wkt)),
             "  <GeoTransform>{}, {}, 0, {}, 0, {}</GeoTransform>".format(
                 repr(ox + C0 * gsd), repr(float(gsd)), repr(oy - R0 * gsd), repr(-float(gsd))),
             "  <Metadata>",
             '    <MDI key="REFLECTANCE_SCALE">{}</MDI>'.format(repr(SCALE)),
             '    <MDI key="REFLECTANCE_OFFSET">{}</MDI>'.format(repr(OFFSET)),
             '    <MDI key="WEALTHMAP_MOSAIC">{}</MDI>'.format(_escape(" + ".join(s.name for s in sources))),
             "  </Metadata>"]
    names = list(bands) + (["SCL"] if with_scl else [])
    sizes = {}

    def size_of(path):
        if path not in sizes:
            ds = gdal.Open(path)
            sizes[path] = (ds.RasterXSize, ds.RasterYSize)
        return sizes[path]

    for n, band in enumerate(names, start=1):
        lines += ['  <VRTRasterBand dataType="UInt16" band="{}">'.format(n),
                  "    <Description>{}</Description>".format(band),
                  "    <NoDataValue>0</NoDataValue>"]
        for file, index, place, scale, offset, nodata, _ in reversed(layers):  # the first raster drawn last: on top
            source_file, source_band = index[band] if isinstance(index[band], tuple) else (file, index[band])
            sw, sh = size_of(source_file)
            nd = nodata[band] if band != "SCL" else 0
            lines += ["    <ComplexSource>",
                      '      <SourceFilename relativeToVRT="0">{}</SourceFilename>'.format(_escape(source_file)),
                      "      <SourceBand>{}</SourceBand>".format(source_band),
                      '      <SrcRect xOff="0" yOff="0" xSize="{}" ySize="{}"/>'.format(sw, sh),
                      '      <DstRect xOff="{}" yOff="{}" xSize="{}" ySize="{}"/>'.format(*place)]
            if nd is not None and not (isinstance(nd, float) and math.isnan(nd)):
                lines.append("      <NODATA>{}</NODATA>".format(repr(float(nd))))
            if band != "SCL":  # to the mosaic's convention: DN * (scale / SCALE) + (offset - OFFSET) / SCALE
                lines += ["      <ScaleOffset>{}</ScaleOffset>".format(repr((offset - OFFSET) / SCALE)),
                          "      <ScaleRatio>{}</ScaleRatio>".format(repr(scale / SCALE))]
            lines.append("    </ComplexSource>")
        lines.append("  </VRTRasterBand>")
    lines.append("</VRTDataset>")
    return write_vrt(out, lines)


def is_mosaic_request(raster):
    """True for a list or tuple of two or more rasters."""
    return isinstance(raster, (list, tuple)) and len(raster) > 1


def raster_paths(raster):
    """Paths of a raster argument: a path, a layer, or a list of them."""
    items = raster if isinstance(raster, (list, tuple)) else [raster]
    return [r.source() if hasattr(r, "source") and callable(r.source) else str(r) for r in items]

