"""Cloud-free composites from STAC items, window by window, on the model's 10 m grid.

The grid: the region's UTM zone (``core.wealth.raster.utm_srs`` of its centre), ``gsd`` metres,
anchored at the CRS origin (so Sentinel-2 tiles of that zone are read without resampling; items of
another zone are warped by ``GridReader``). The region is cut into square windows; each window
reads every item whose footprint meets it (one thread per item read, each thread keeping one open
handle per item), masks the pixels SCL marks (``mask``: ``cloud`` 8/9, ``shadow`` 3, ``cirrus`` 10,
``snow`` 11; SCL 0/1 are never data) and combines the clear observations per pixel:

* ``median``: the per-pixel median (a sort along the observations, NaN last; the same values as
  ``np.nanmedian`` with less memory), the mean of the two middle values for an even count;
* ``best``: the first clear observation in order of the items' cloud cover (least cloudy first).

Reflectance is converted per item (``items.Item.reflectance``: the -0.1 offset from processing
baseline 04.00 on). Each finished window is kept in a cache (a small GeoTIFF per window, keyed by
grid, window, items, bands, mask and method; windows with a failed asset are not cached): a rerun
reads nothing, an interrupted run resumes. The output is a tiled Float32 GeoTIFF of reflectance
(``REFLECTANCE_SCALE=1``, nodata NaN; band descriptions ``B02``...; a last band ``clear_count``, the
number of clear observations per pixel) with a provenance record (``<output>.stac.json``: query,
items and dates, per-window status, requests and bytes). Only one window's observations are in
memory at a time: memory does not grow with the region.
"""

import hashlib
import json
import math
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from ..errors import WealthMapError
from ..i18n import tr
from ..tasks import check_cancel
from .read import HttpOptions, NetStats, item_key, item_vrt, translate_gdal_error

DEFAULT_BANDS = ["B02", "B03", "B04", "B08", "B11", "B12"]
MASKS = {"cloud": (8, 9), "shadow": (3,), "cirrus": (10,), "snow": (11,)}
DEFAULT_MASK = ("cloud", "shadow", "cirrus")
METHODS = ("median", "best")
COUNT_BAND = "clear_count"


def mask_classes(mask):
    if isinstance(mask, str):
        mask = [m.strip() for m in mask.split(",") if m.strip()]
    mask = list(DEFAULT_MASK if mask is None else mask)
    unknown = [m for m in mask if m not in MASKS]
    if unknown:
        raise WealthMapError(tr("Unknown SCL mask '{0}': choose among {1}.").format(", ".join(unknown),
                                                                                   ", ".join(MASKS)))
    return sorted({c for m in mask for c in MASKS[m]})


def median_stack(stack):
    """Per-pixel median over axis 0 of ``stack`` ``(N, B, H, W)`` ignoring NaN; ``(B, H, W)`` float32 (NaN
    where no observation) and the count ``(H, W)`` of observations (of the first band)."""
    n = np.count_nonzero(np.isfinite(stack), axis=0)
    ordered = np.sort(stack, axis=0)  # NaN sort last
    lo = np.clip((n - 1) // 2, 0, max(len(stack) - 1, 0))
    hi = np.clip(n // 2, 0, max(len(stack) - 1, 0))
    a = np.take_along_axis(ordered, lo[None], axis=0)[0]
    b = np.take_along_axis(ordered, hi[None], axis=0)[0]
    out = ((a.astype(np.float64) + b) / 2.0).astype(np.float32)
    out[n == 0] = np.nan
    return out, n[0].astype(np.uint16)


def best_stack(stack):
    """The first finite observation along axis 0 (items in order of cloud cover) and the count."""
    finite = np.isfinite(stack[:, 0])
    first = np.argmax(finite, axis=0)
    out = np.take_along_axis(stack, first[None, None], axis=0)[0].astype(np.float32)
    n = np.count_nonzero(finite, axis=0)
    out[:, n == 0] = np.nan
    return out, n.astype(np.uint16)


class Grid:
    """The output grid: ``srs`` (projected), ``gsd``, origin (0, 0), pixel window ``(c0, r0, c1, r1)``."""

    def __init__(self, srs, gsd, c0, r0, c1, r1):
        self.srs, self.gsd = srs, float(gsd)
        self.c0, self.r0, self.c1, self.r1 = int(c0), int(r0), int(c1), int(r1)
        self.epsg = int(srs.GetAuthorityCode(None) or 0)

    @property
    def width(self):
        return self.c1 - self.c0

    @property
    def height(self):
        return self.r1 - self.r0

    def geotransform(self, c0=None, r0=None):
        c0 = self.c0 if c0 is None else c0
        r0 = self.r0 if r0 is None else r0
        return (c0 * self.gsd, self.gsd, 0.0, -r0 * self.gsd, 0.0, -self.gsd)

    def windows(self, size):
        for r in range(self.r0, self.r1, size):
            for c in range(self.c0, self.c1, size):
                yield c, r, min(size, self.c1 - c), min(size, self.r1 - r)

    def window_lonlat(self, window):
        from ..wealth.raster import srs_from, transform_bbox

        c, r, w, h = window
        box = (c * self.gsd, -(r + h) * self.gsd, (c + w) * self.gsd, -r * self.gsd)
        return transform_bbox(box, self.srs, srs_from(4326))


def region_grid(bbox, crs="EPSG:4326", gsd=10.0, srs=None):
    """:class:`Grid` covering ``bbox`` (in ``crs``) in the UTM zone of its centre (or in the projected ``srs``
    given); also returns the lon/lat bbox."""
    from ..wealth.raster import srs_from, transform_bbox, utm_srs

    lonlat = transform_bbox(bbox, srs_from(crs), srs_from(4326))
    srs = srs_from(srs) if srs is not None else utm_srs((lonlat[0] + lonlat[2]) / 2.0, (lonlat[1] + lonlat[3]) / 2.0)
    if not srs.IsProjected():
        raise WealthMapError(tr("The composite's grid needs a projected CRS in metres (e.g. a UTM zone)."))
    xmin, ymin, xmax, ymax = transform_bbox(bbox, srs_from(crs), srs)
    c0, c1 = math.floor(xmin / gsd + 1e-9), math.ceil(xmax / gsd - 1e-9)
    r0, r1 = math.floor(-ymax / gsd + 1e-9), math.ceil(-ymin / gsd - 1e-9)
    return Grid(srs, gsd, c0, r0, max(c1, c0 + 1), max(r1, r0 + 1)), lonlat


class WindowReader:
    """Reads item windows on a grid in a pool of threads; each thread keeps one reader per item."""

    def __init__(self, grid, bands, http, workers=4):
        self.grid, self.bands, self.http = grid, list(bands), http
        self.local = threading.local()
        # one single-thread pool per worker, each item always read by the same thread: its handles (and GDAL's
        # cache of their decoded blocks) serve every window of that item, so no block is fetched twice
        self.pools = [ThreadPoolExecutor(max_workers=1, initializer=http.apply) for _ in range(max(1, int(workers)))]
        self.assigned = {}
        self.vrts = {}
        self.lock = threading.Lock()

    def close(self):
        for pool in self.pools:
            pool.shutdown(wait=True)

    def _pool(self, item):
        if item.id not in self.assigned:
            self.assigned[item.id] = len(self.assigned) % len(self.pools)
        return self.pools[self.assigned[item.id]]

    def _reader(self, item):
        from ..wealth.raster import GridReader, RasterSource

        readers = getattr(self.local, "readers", None)
        if readers is None:
            readers = self.local.readers = {}
        if item.id not in readers:
            with self.lock:
                vrt = self.vrts.get(item.id)
                if vrt is None:
                    vrt = self.vrts[item.id] = item_vrt(item, self.bands + ["SCL"], self.http)
            source = RasterSource(vrt)
            readers[item.id] = GridReader(source, self.grid.srs, self.grid.gsd, 0.0, 0.0, self.bands,
                                          with_scl=True)
        return readers[item.id]

    def read(self, item, window, classes):
        """``(reflectance (B, H, W) with NaN where not clear, None, any valid pixel)`` or ``(None, error message,
        False)``."""
        from osgeo import gdal

        c, r, w, h = window
        heard = []  # GDAL's messages of this thread (the HTTP status only reaches an error handler)
        gdal.PushErrorHandler(lambda cls, no, msg: heard.append(msg))
        try:
            # GridReader._read, not read(): read() drops the handle's decoded blocks at each new row of blocks,
            # which made every 20 m block (and bilinear edge) be fetched again for the next row of windows;
            # GDAL's block cache (GDAL_CACHEMAX) still bounds the memory
            refl, valid, scl = self._reader(item)._read(c, r, w, h)
        except RuntimeError as err:
            return None, translate_gdal_error(err, item, heard=heard), False
        except WealthMapError as err:
            return None, "{}: {}".format(item.id, err), False
        finally:
            gdal.PopErrorHandler()
        clear = valid if scl is None else valid & ~np.isin(scl, classes)
        refl[:, ~clear] = np.nan
        if not valid.any():
            return refl, None, False  # the window lies outside the item's data (its bbox met the window)
        return refl, None, True

    def read_one(self, item, window, classes):
        """:meth:`read` in the item's own thread (its handles and the HTTP options live there)."""
        return self._pool(item).submit(self.read, item, window, classes).result()

    def read_many(self, items, window, classes):
        futures = [self._pool(item).submit(self.read, item, window, classes) for item in items]
        return [f.result() for f in futures]


def items_meeting(items, lonlat_box):
    return [it for it in items if not it.bbox or not (it.bbox[0] > lonlat_box[2] or it.bbox[2] < lonlat_box[0]
                                                      or it.bbox[1] > lonlat_box[3] or it.bbox[3] < lonlat_box[1])]


class WindowCache:
    """Finished windows as small GeoTIFFs in ``folder`` (written beside, then renamed: never half a file)."""

    def __init__(self, folder):
        self.folder = folder
        os.makedirs(folder, exist_ok=True)

    @staticmethod
    def key(grid, window, items, bands, classes, method):
        spec = [grid.epsg, grid.gsd, list(window), [item_key(it, bands) for it in items], list(bands),
                list(classes), method]
        return hashlib.sha256(json.dumps(spec).encode("utf-8")).hexdigest()[:32]

    def path(self, key):
        return os.path.join(self.folder, key[:2], key + ".tif")

    def get(self, key):
        from osgeo import gdal

        path = self.path(key)
        if not os.path.exists(path):
            return None
        try:
            ds = gdal.Open(path)
            data = ds.ReadAsArray()
            info = json.loads(ds.GetMetadataItem("WEALTHMAP_WINDOW") or "{}")
        except (RuntimeError, ValueError):
            return None
        return data[:-1].astype(np.float32), data[-1].astype(np.uint16), info, path

    def put(self, key, grid, window, data, count, bands, info):
        path = self.path(key)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        write_window_tif(path, grid, window, data, count, bands, info)
        return path


def write_window_tif(path, grid, window, data, count, bands, info):
    from osgeo import gdal

    c, r, w, h = window
    tmp = path + ".part.tif"
    ds = gdal.GetDriverByName("GTiff").Create(tmp, w, h, len(bands) + 1, gdal.GDT_Float32,
                                              options=["COMPRESS=DEFLATE", "PREDICTOR=3", "TILED=YES"])
    ds.SetGeoTransform(grid.geotransform(c, r))
    ds.SetProjection(grid.srs.ExportToWkt())
    _describe(ds, bands)
    for i in range(len(bands)):
        ds.GetRasterBand(i + 1).WriteArray(data[i])
    ds.GetRasterBand(len(bands) + 1).WriteArray(count.astype(np.float32))
    ds.SetMetadataItem("WEALTHMAP_WINDOW", json.dumps(info))
    ds = None
    os.replace(tmp, path)
    return path


def _describe(ds, bands):
    ds.SetMetadataItem("REFLECTANCE_SCALE", "1")
    ds.SetMetadataItem("REFLECTANCE_OFFSET", "0")
    for i, band in enumerate(bands, start=1):
        b = ds.GetRasterBand(i)
        b.SetDescription(band)
        b.SetNoDataValue(float("nan"))
    ds.GetRasterBand(len(bands) + 1).SetDescription(COUNT_BAND)


def compose_window(reader, items, window, classes, method, cache=None, stats=None, feedback=None):
    """One window: ``(data (B, H, W), count (H, W), info)`` with ``info`` = ``{"status", "items",
    "dates", "failed", "cached"}``; from the cache when there, else read and (when no asset failed) cached."""
    grid = reader.grid
    key = WindowCache.key(grid, window, items, reader.bands, classes, method) if cache is not None else None
    if cache is not None:
        hit = cache.get(key)
        if hit is not None:
            data, count, info, path = hit
            info["cached"], info["path"] = True, path
            return data, count, info
    c, r, w, h = window
    if method == "best":
        obs = []
        for item in items:  # least cloudy first: stop at the first that is clear nearly everywhere
            check_cancel(feedback)
            res = reader.read_one(item, window, classes)
            obs.append(res)
            if res[0] is not None and np.isfinite(res[0][0]).mean() >= 0.98:
                break
        results = obs
    else:
        results = reader.read_many(items, window, classes)
    good = [(it, res[0]) for it, res in zip(items, results) if res[0] is not None]
    failed = [res[1] for res in results if res[0] is None]
    any_data = any(res[2] for res in results)
    if good:
        stack = np.stack([refl for _, refl in good])
        data, count = (best_stack if method == "best" else median_stack)(stack)
    else:
        data = np.full((len(reader.bands), h, w), np.nan, dtype=np.float32)
        count = np.zeros((h, w), dtype=np.uint16)
    used = [it for it, refl in good if np.isfinite(refl[0]).any()]
    if not items:
        status = "no_items"
    elif not good:
        status = "failed"
    elif not any_data:
        status = "nodata"
    elif not count.any():
        status = "cloudy"
    elif failed:
        status = "partial"
    else:
        status = "ok"
    info = {"window": list(window), "status": status, "items": [it.id for it in used],
            "dates": sorted({it.date for it in used}), "failed": failed, "cached": False,
            "clear_fraction": float(np.count_nonzero(count) / count.size)}
    if cache is not None and not failed:
        info["path"] = cache.put(key, grid, window, data, count, reader.bands, info)
    return data, count, info


def make_composite(query, region, region_crs="EPSG:4326", output=None, bands=None, method="median", mask=None,
                   window_px=256, workers=4, items=None, cache_dir=None, use_cache=True, http=None, srs=None,
                   feedback=None):
    """A cloud-free composite GeoTIFF of ``region`` from the items of a STAC ``query`` (see the module).

    ``region``: ``(xmin, ymin, xmax, ymax)`` in ``region_crs`` (or a ``QgsRectangle``/``QgsGeometry``).
    ``items``: already searched items (the search is skipped). ``srs``: the grid's CRS (default: the UTM zone of
    the region's centre; items of another CRS are warped onto it). Returns a dict: ``path``, ``provenance``
    (the JSON record's path), ``items`` (summaries), ``windows`` (per-window status), ``requests``,
    ``bytes``, ``cached_windows``, ``elapsed_s``."""
    from ..tasks import ensure_feedback
    from .search import StacQuery, search

    feedback = ensure_feedback(feedback)
    if method not in METHODS:
        raise WealthMapError(tr("Unknown composite method '{0}': choose median or best.").format(method))
    bands = list(bands or DEFAULT_BANDS)
    classes = mask_classes(mask)
    bbox = _bbox_of(region, region_crs)
    grid, lonlat = region_grid(bbox, region_crs, srs=srs)
    t0 = time.monotonic()
    stats = NetStats().start()
    query = StacQuery.of(query) if query is not None else None
    if items is None:
        if query is None:
            raise WealthMapError(tr("No STAC query and no items given for the composite."))
        items = search(query, lonlat, feedback)
    items = sorted(items, key=lambda it: (it.cloud if it.cloud is not None else 100.0, it.datetime))
    for item in items:
        item.require(bands + ["SCL"])
    http = http or HttpOptions.make(query.authcfg if query else None)
    if not output:
        from ..wealth.sentinel2 import cache_folder

        output = os.path.join(cache_folder("stac_out"), "composite_{}.tif".format(
            hashlib.sha256(json.dumps([grid.epsg, grid.c0, grid.r0, grid.c1, grid.r1, [it.id for it in items],
                                       bands, classes, method]).encode("utf-8")).hexdigest()[:16]))
    cache = None
    if use_cache:
        from ..wealth.sentinel2 import cache_folder

        cache = WindowCache(cache_dir or cache_folder("stac_windows"))
    from osgeo import gdal

    tmp = output + ".part.tif"
    ds = gdal.GetDriverByName("GTiff").Create(tmp, grid.width, grid.height, len(bands) + 1, gdal.GDT_Float32,
                                              options=["COMPRESS=DEFLATE", "PREDICTOR=3", "TILED=YES",
                                                       "BLOCKXSIZE=256", "BLOCKYSIZE=256", "BIGTIFF=IF_SAFER"])
    ds.SetGeoTransform(grid.geotransform())
    ds.SetProjection(grid.srs.ExportToWkt())
    _describe(ds, bands)
    reader = WindowReader(grid, bands, http, workers)
    windows = list(grid.windows(int(window_px)))
    infos, used_ids = [], set()
    try:
        for n, window in enumerate(windows):
            check_cancel(feedback)
            here = items_meeting(items, grid.window_lonlat(window))
            data, count, info = compose_window(reader, here, window, classes, method, cache, stats, feedback)
            c, r, w, h = window
            for i in range(len(bands)):
                ds.GetRasterBand(i + 1).WriteArray(data[i], c - grid.c0, r - grid.r0)
            ds.GetRasterBand(len(bands) + 1).WriteArray(count.astype(np.float32), c - grid.c0, r - grid.r0)
            info.pop("path", None)
            infos.append(info)
            used_ids.update(info["items"])
            _report(feedback, n + 1, len(windows), stats, t0, tr("windows"))
    finally:
        reader.close()
    net = stats.delta()
    used = [it for it in items if it.id in used_ids]
    record = {"query": query.as_dict() if query else None, "grid": {"epsg": grid.epsg, "gsd": grid.gsd,
                                                                    "bounds_px": [grid.c0, grid.r0, grid.c1, grid.r1]},
              "bands": bands, "method": method, "mask_scl_classes": classes,
              "items": [it.summary() for it in used], "dates": sorted({it.date for it in used}),
              "windows": infos, "requests": net["requests"], "bytes": net["bytes"],
              "reflectance": "Float32 reflectance (scale 1, offset 0); L2A offset applied per item"}
    ds.SetMetadataItem("WEALTHMAP_STAC", json.dumps({k: record[k] for k in ("query", "method", "dates", "bands")}))
    ds.SetMetadataItem("WEALTHMAP_STAC_ITEMS", ",".join(it.id for it in used))
    ds = None
    if feedback.isCanceled():
        os.remove(tmp)
        check_cancel(feedback)
    os.replace(tmp, output)
    prov = output + ".stac.json"
    with open(prov + ".part", "w", encoding="utf-8") as handle:
        json.dump(record, handle, indent=1)
    os.replace(prov + ".part", prov)
    bad = [i for i in infos if i["status"] != "ok"]
    return {"path": output, "provenance": prov, "items": [it.summary() for it in used],
            "windows": infos, "windows_not_ok": len(bad), "requests": net["requests"], "bytes": net["bytes"],
            "cached_windows": sum(1 for i in infos if i["cached"]), "elapsed_s": time.monotonic() - t0,
            "failed": [e for i in infos for e in i["failed"]]}


def _bbox_of(region, crs):
    if region is None:
        raise WealthMapError(tr("No region given for the composite: draw or choose a region."))
    if hasattr(region, "boundingBox"):
        region = region.boundingBox()
    if hasattr(region, "xMinimum"):
        return (region.xMinimum(), region.yMinimum(), region.xMaximum(), region.yMaximum())
    if isinstance(region, str):
        from osgeo import ogr

        geom = ogr.CreateGeometryFromWkt(region)
        env = geom.GetEnvelope()
        return (env[0], env[2], env[1], env[3])
    values = [float(v) for v in region]
    if len(values) != 4 or values[0] >= values[2] or values[1] >= values[3]:
        raise WealthMapError(tr("The region {0} is not (xmin, ymin, xmax, ymax).").format(region))
    return tuple(values)


def _report(feedback, done, total, stats, t0, what):
    net = stats.delta()
    elapsed = time.monotonic() - t0
    eta = elapsed / done * (total - done) if done else 0.0
    feedback.setProgress(100.0 * done / max(total, 1))
    text = tr("{0}/{1} {2}, {3} requests, {4:.1f} MB read, about {5:.0f} s left").format(
        done, total, what, net["requests"], net["bytes"] / 1e6, eta)
    if hasattr(feedback, "setProgressText"):
        feedback.setProgressText(text)
    elif hasattr(feedback, "pushInfo"):
        feedback.pushInfo(text)


def composite_layer(result, name=None):
    """A ``QgsRasterLayer`` of a composite with a true-colour style (B04, B03, B02 stretched 0-0.3)."""
    from qgis.core import QgsContrastEnhancement, QgsMultiBandColorRenderer, QgsRasterLayer

    path = result["path"] if isinstance(result, dict) else str(result)
    layer = QgsRasterLayer(path, name or tr("Sentinel-2 composite"))
    if not layer.isValid():
        raise WealthMapError(tr("The composite '{0}' cannot be loaded.").format(path))
    names = [layer.dataProvider().generateBandName(i) for i in range(1, layer.bandCount() + 1)]
    from osgeo import gdal

    ds = gdal.Open(path)
    desc = [ds.GetRasterBand(i).GetDescription() for i in range(1, ds.RasterCount + 1)]
    ds = None
    idx = {d: i + 1 for i, d in enumerate(desc)}
    if all(b in idx for b in ("B04", "B03", "B02")):
        renderer = QgsMultiBandColorRenderer(layer.dataProvider(), idx["B04"], idx["B03"], idx["B02"])
        for setter, band in ((renderer.setRedContrastEnhancement, idx["B04"]),
                             (renderer.setGreenContrastEnhancement, idx["B03"]),
                             (renderer.setBlueContrastEnhancement, idx["B02"])):
            ce = QgsContrastEnhancement(layer.dataProvider().dataType(band))
            ce.setContrastEnhancementAlgorithm(QgsContrastEnhancement.ContrastEnhancementAlgorithm.StretchToMinimumMaximum)
            ce.setMinimumValue(0.0)
            ce.setMaximumValue(0.3)
            setter(ce)
        layer.setRenderer(renderer)
    del names
    return layer


def composite_for_prediction(query, region, region_crs, bundle=None, feedback=None):
    """The path of the region's composite for ``predict_wealth`` with a STAC query (made, or reused from the
    window cache): the bundle's bands. Query dict keys ``method``, ``mask``, ``window_px``, ``output`` and
    ``cache_dir`` go to :func:`make_composite`."""
    from ..wealth.bundle import load_bundle

    if region is None:
        raise WealthMapError(tr("Prediction from a STAC catalogue needs a region: draw or choose one."))
    q = dict(query) if isinstance(query, dict) else None
    opts = {}
    if q is not None:
        opts = {k: q.pop(k) for k in ("method", "mask", "window_px", "output", "cache_dir", "workers") if k in q}
    base = load_bundle(bundle)
    bands = list(dict.fromkeys(list(base.bands) + DEFAULT_BANDS))
    result = make_composite(q if q is not None else query, region, region_crs or "EPSG:4326", bands=bands,
                            feedback=feedback, **opts)
    return result["path"]
