"""Imagery at survey points from STAC: each point's context window, composed from the clearest items.

For a point, the window is the ``context`` x ``context`` chips (``chip_px * gsd`` metres each) centred on
the chip that contains it, on the chip grid of the point's UTM zone anchored at the CRS origin (the
grid prediction uses for a raster of that zone whose corner lies on it). Its imagery comes from the
``max_items`` least cloudy items whose footprints meet the window, as a median composite
(``mode="composite"``) or the best single date (``mode="best"``: the least cloudy item that is clear
over nearly all the window, else the best-pixel mix in that order); see ``composite.compose_window``.
Points in the same window share it. Each window is a small GeoTIFF in the window cache (keyed by
window, items, bands, mask and mode): a rerun reads nothing and an interrupted run resumes.

:func:`survey_rasters` returns one VRT per UTM zone mosaicking the zone's windows: rasters the trainer
(``core.wealth.train_api.train_wealth_model``) reads as it reads any raster, and a status per point
(``ok``, ``partial``: an asset failed but others gave pixels, ``cloudy``: no clear pixel, ``nodata``: the
items' footprints meet the window but hold no data there, ``no_items``,
``failed``: every asset failed, ``outside``). No point stops the batch.
"""

import math
import os
import time

import numpy as np

from ..errors import WealthMapError
from ..i18n import tr
from ..tasks import check_cancel, ensure_feedback
from .composite import COUNT_BAND, DEFAULT_BANDS, Grid, WindowCache, WindowReader, compose_window, mask_classes
from .read import HttpOptions, NetStats
from .search import StacQuery, search

MODES = ("composite", "best")


def point_window(lon, lat, chip_px, gsd, context):
    """``(epsg, (c0, r0, n, n))``: the pixel window (grid origin 0, 0) of a point's context in its UTM zone."""
    from osgeo import osr

    from ..wealth.raster import srs_from, utm_srs

    srs = utm_srs(lon, lat)
    epsg = int(srs.GetAuthorityCode(None))
    x, y = osr.CoordinateTransformation(srs_from(4326), srs).TransformPoint(float(lon), float(lat))[:2]
    chip_m = chip_px * gsd
    col, row = math.floor(x / chip_m), math.floor(-y / chip_m)
    k = int(context) // 2
    n = (2 * k + 1) * chip_px
    return epsg, ((col - k) * chip_px, (row - k) * chip_px, n, n)


def survey_rasters(lon, lat, query, bands=None, chip_px=256, gsd=10.0, context=3, mode="composite", max_items=4,
                   mask=None, folder=None, workers=4, items=None, http=None, feedback=None):
    """Windows at survey points (lon/lat arrays) from a STAC ``query``; see the module.

    Returns ``{"rasters": [zone VRT paths], "points": [{"index", "status", "window", "items", "dates",
    "failed"}], "windows", "cached_windows", "requests", "bytes", "elapsed_s"}``."""
    feedback = ensure_feedback(feedback)
    if mode not in MODES:
        raise WealthMapError(tr("Unknown imagery mode '{0}': choose composite or best.").format(mode))
    bands = list(bands or DEFAULT_BANDS)
    classes = mask_classes(mask)
    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    if not len(lon):
        raise WealthMapError(tr("The survey has no points."))
    from ..wealth.sentinel2 import cache_folder

    folder = folder or cache_folder("stac_windows")
    cache = WindowCache(folder)
    t0 = time.monotonic()
    stats = NetStats().start()
    query = StacQuery.of(query) if query is not None else None
    http = http or HttpOptions.make(query.authcfg if query else None)
    by_zone = {}
    for i in range(len(lon)):
        if not (np.isfinite(lon[i]) and np.isfinite(lat[i])):
            continue
        epsg, window = point_window(lon[i], lat[i], chip_px, gsd, context)
        by_zone.setdefault(epsg, {}).setdefault(window, []).append(i)
    points = [{"index": i, "status": "outside", "window": None, "items": [], "dates": [], "failed": []}
              for i in range(len(lon))]
    if items is None:
        if query is None:
            raise WealthMapError(tr("No STAC query and no items given for the survey points."))
        margin = 0.1  # degrees around the points: the context windows
        found = {}
        for windows in by_zone.values():
            idx = [i for pts in windows.values() for i in pts]
            box = (lon[idx].min() - margin, lat[idx].min() - margin, lon[idx].max() + margin, lat[idx].max() + margin)
            try:
                for it in search(query, box, feedback):
                    found[it.id] = it
            except WealthMapError as err:
                if "No Sentinel-2 item" not in str(err):
                    raise
        items = list(found.values())
    items = sorted(items, key=lambda it: (it.cloud if it.cloud is not None else 100.0, it.datetime))
    for item in items:
        item.require(bands + ["SCL"])
    total = sum(len(w) for w in by_zone.values())
    done = cached = 0
    rasters = []
    from osgeo import osr

    from .composite import _report

    for epsg, windows in sorted(by_zone.items()):
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(epsg)
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        grid = Grid(srs, gsd, 0, 0, 1, 1)
        reader = WindowReader(grid, bands, http, workers)
        paths = []
        try:
            for window, idx in sorted(windows.items(), key=lambda kv: (kv[0][1], kv[0][0])):
                check_cancel(feedback)
                here = _covering(items, grid, window)[:max(1, int(max_items))]
                data, count, info = compose_window(reader, here, window, classes,
                                                   "best" if mode == "best" else "median", cache, stats, feedback)
                if info.get("cached"):
                    cached += 1
                path = info.pop("path", None)
                if path is None and info["status"] in ("ok", "partial"):
                    # a window with a failed asset is not cached (a rerun tries the asset again); used now
                    from .composite import write_window_tif

                    os.makedirs(os.path.join(folder, "partial"), exist_ok=True)
                    path = write_window_tif(os.path.join(folder, "partial", "{}_{}_{}.tif".format(
                        epsg, window[0], window[1])), grid, window, data, count, bands, info)
                if path is not None and info["status"] in ("ok", "partial"):
                    paths.append(path)
                for i in idx:
                    points[i].update({"status": info["status"], "window": [epsg] + list(window),
                                      "items": info["items"], "dates": info["dates"], "failed": info["failed"]})
                done += 1
                _report(feedback, done, total, stats, t0, tr("point windows"))
        finally:
            reader.close()
        if paths:
            rasters.append(zone_vrt(paths, bands, os.path.join(folder, "zones"), epsg))
    net = stats.delta()
    return {"rasters": rasters, "points": points, "windows": total, "cached_windows": cached,
            "requests": net["requests"], "bytes": net["bytes"], "elapsed_s": time.monotonic() - t0,
            "counts": _counts(points)}


def _counts(points):
    out = {}
    for p in points:
        out[p["status"]] = out.get(p["status"], 0) + 1
    return out


def _covering(items, grid, window):
    from .composite import items_meeting

    return items_meeting(items, grid.window_lonlat(window))


def zone_vrt(paths, bands, folder, epsg):
    """A VRT mosaicking the window GeoTIFFs of one zone (band descriptions and reflectance scale kept)."""
    import hashlib

    from osgeo import gdal

    os.makedirs(folder, exist_ok=True)
    key = hashlib.sha256("|".join(sorted(paths)).encode("utf-8")).hexdigest()[:16]
    out = os.path.join(folder, "zone_{}_{}.vrt".format(epsg, key))
    if os.path.exists(out):
        return out
    tmp = out + ".part.vrt"
    ds = gdal.BuildVRT(tmp, list(paths), srcNodata="nan", VRTNodata="nan")
    if ds is None:
        raise WealthMapError(tr("The point windows of zone EPSG:{0} cannot be mosaicked.").format(epsg))
    ds.SetMetadataItem("REFLECTANCE_SCALE", "1")
    ds.SetMetadataItem("REFLECTANCE_OFFSET", "0")
    for i, band in enumerate(list(bands) + [COUNT_BAND], start=1):
        ds.GetRasterBand(i).SetDescription(band)
    ds = None
    with open(tmp, encoding="utf-8") as handle:
        text = handle.read()
    with open(out + ".part", "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(out + ".part", out)
    os.remove(tmp)
    return out


def rasters_for_training(survey, query, base, context, feedback=None, **options):
    """The trainer's rasters for a survey (``core.wealth.survey`` data) from a STAC query: the zone VRTs of
    :func:`survey_rasters` with the bundle's chip geometry and context. ``options``: ``mode``,
    ``max_items``, ``mask``, ``folder``, ``bands`` (default: the bundle's bands)."""
    q = dict(query) if isinstance(query, dict) else {}
    opts = {key: q.pop(key) for key in ("mode", "max_items", "mask", "folder", "bands", "workers") if key in q}
    opts.update(options)
    bands = opts.pop("bands", None) or list(dict.fromkeys(list(base.bands) + DEFAULT_BANDS))
    result = survey_rasters(survey.lon, survey.lat, q if isinstance(query, dict) else query, bands=bands,
                            chip_px=base.chip_px, gsd=base.gsd_m, context=context, feedback=feedback, **opts)
    if not result["rasters"]:
        counts = ", ".join("{} {}".format(v, k) for k, v in sorted(result["counts"].items()))
        raise WealthMapError(tr("No survey point got clear imagery from the STAC catalogue ({0}). Widen the date "
                                "range, allow more cloud or check the catalogue.").format(counts))
    return result
