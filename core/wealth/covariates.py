"""Covariate rasters (night lights, population, built-up, elevation, distance to roads...): one
implementation of their sampling for training and prediction.

A covariate is one band of any GDAL raster, in any CRS and resolution. The value of a chip is a
statistic of that band over the chip's *context window*, the same ``(2k+1) x (2k+1)`` chips whose
imagery the features pool (see ``features.py``):

* ``mean``: the mean of the valid covariate pixels over the window (radiance, built-up share,
  elevation, distance...);
* ``sum``: for counts (people per pixel): the total over the window, area-weighted: each pixel's
  count is spread over its ground area (pixel area from the raster's CRS; the cosine of the
  latitude in a geographic CRS), so the sum does not depend on the raster's resolution or CRS.
  Nodata pixels count as 0 (no people in the sea).

:func:`sample` is the function of ``(covariates, grid CRS, chip grid, chips, k)`` → array that
``features.point_features``' callers (training) and ``predict.predict`` use. It reprojects the
window of each run of chips at :data:`SUB` x :data:`SUB` sub-pixels per chip with GDAL's
``average`` resampling, then takes the statistic per chip. A chip whose window has no valid pixel gets
NaN (training leaves such points out; prediction gives the chip no value).

A bundle trained with covariates records each one (:meth:`Covariate.as_manifest`: name, band,
statistic, units, sha256 of the file, the training value range); prediction needs a raster for each
(:func:`match`), and refuses one that does not cover the region or whose values lie far outside the
training range (:func:`check_range`).
"""

import math
import os

import numpy as np

from ..errors import WealthMapError
from ..i18n import tr

STATISTICS = ("mean", "sum")
#: Status of a chip whose context window has no value of a covariate (prediction gives it no value).
STATUS_NO_COVARIATE = "no_covariate"
#: Chips sampled before a prediction to compare a covariate's values with the training range.
RANGE_SAMPLE_CHIPS = 200
#: Sub-pixels per chip side of the reprojected covariate (a 2.56 km chip: 320 m).
SUB = 8
#: Runs of chips in one row closer than this many chips are read in one window.
MERGE_GAP = 16
EARTH_RADIUS_M = 6371008.8


class Covariate:
    """One covariate: ``name``, ``path``, ``band`` (1-based), ``statistic`` (``mean`` or ``sum``),
    ``units``; from a bundle also ``sha256`` and ``range`` (``[min, max]`` at the training points)."""

    def __init__(self, name, path, band=1, statistic="mean", units="", sha256=None, value_range=None):
        self.name = str(name)
        self.path = None if path is None else str(path)
        self.band = int(band)
        self.statistic = str(statistic or "mean").lower()
        self.units = str(units or "")
        self.sha256 = sha256
        self.range = None if value_range is None else [float(value_range[0]), float(value_range[1])]
        self.sha256_matches = None
        if self.statistic not in STATISTICS:
            raise WealthMapError(tr("The covariate '{0}' has the statistic '{1}'; use 'mean' (radiance, built-up "
                                    "share, elevation, distance) or 'sum' (counts such as people).").format(
                self.name, statistic))

    def as_manifest(self):
        """What the bundle records (no path: prediction is given its own raster)."""
        return {"name": self.name, "band": self.band, "statistic": self.statistic, "units": self.units,
                "sha256": self.sha256, "file": os.path.basename(self.path) if self.path else None,
                "range": self.range}

    @classmethod
    def from_manifest(cls, entry, path=None):
        return cls(entry["name"], path, entry.get("band", 1), entry.get("statistic", "mean"), entry.get("units", ""),
                   entry.get("sha256"), entry.get("range"))

    def __repr__(self):
        return "Covariate({!r}, {!r}, band={}, {})".format(self.name, self.path, self.band, self.statistic)


def _gdal():
    from osgeo import gdal, osr

    gdal.UseExceptions()
    return gdal, osr


def _open(path, name):
    gdal, _ = _gdal()
    try:
        ds = gdal.Open(str(path))
    except RuntimeError as err:
        ds = None
        problem = str(err)
    else:
        problem = ""
    if ds is None:
        raise WealthMapError(tr("The covariate raster '{0}' ({1}) cannot be opened{2}. Give a GDAL raster (GeoTIFF, "
                                "VRT...).").format(name, path, " ({})".format(problem) if problem else ""))
    if not ds.GetProjection():
        raise WealthMapError(tr("The covariate raster '{0}' ({1}) has no coordinate reference system. Assign one "
                                "(Raster > Projections > Assign Projection) and try again.").format(name, path))
    return ds


def _stem(path):
    base = os.path.basename(str(path))
    return os.path.splitext(base)[0] or base


def parse(items, sum_names=()):
    """A list of :class:`Covariate` from what users give: a path, ``"name=path"``, a dict
    (``name``, ``path``, ``band``, ``statistic``, ``units``), a raster layer, a :class:`Covariate`, or a list of
    these. A multi-band raster without a band gives one covariate per band (``name_b1``, ``name_b2``...).
    ``sum_names``: names whose statistic is ``sum`` (the Processing parameter). Names must be unique."""
    if items is None or items == "" or items == []:
        return []
    if isinstance(items, (str, os.PathLike, dict, Covariate)) or hasattr(items, "source"):
        items = [items]
    sums = {str(n).strip() for n in (sum_names or ()) if str(n).strip()}
    out = []
    for item in items:
        if isinstance(item, Covariate):
            out.append(item)
            continue
        if hasattr(item, "source") and callable(item.source):
            spec = {"name": item.name(), "path": item.source()}
        elif isinstance(item, dict):
            spec = dict(item)
        else:
            text = str(item)
            if "=" in text and not os.path.exists(text):
                name, path = text.split("=", 1)
                spec = {"name": name.strip(), "path": path.strip()}
            else:
                spec = {"path": text}
        path = spec.get("path")
        if not path:
            raise WealthMapError(tr("A covariate needs the path of its raster (got {0!r}).").format(item))
        name = str(spec.get("name") or _stem(path))
        ds = _open(path, name)
        count = ds.RasterCount
        bands = [spec["band"]] if spec.get("band") else list(range(1, count + 1))
        for band in bands:
            band = int(band)
            if not 1 <= band <= count:
                raise WealthMapError(tr("The covariate '{0}' asks for band {1}, but '{2}' has {3} band(s).").format(
                    name, band, path, count))
            label = name if len(bands) == 1 else "{}_b{}".format(name, band)
            stat = spec.get("statistic") or ("sum" if label in sums or name in sums else "mean")
            units = spec.get("units") or ds.GetRasterBand(band).GetUnitType() or ""
            out.append(Covariate(label, path, band, stat, units))
    names = [c.name for c in out]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        raise WealthMapError(tr("Two covariates have the name {0}; give each its own name (name=path).").format(
            ", ".join(dup)))
    return out


def fingerprint(covariates):
    """sha256 of each covariate file (recorded in the bundle)."""
    from .bundle import verified_sha256

    for cov in covariates:
        if cov.path and os.path.isfile(cov.path):
            cov.sha256 = verified_sha256(cov.path)
    return covariates


def _pixel_area(srs, gt, rows, y_offset):
    """Ground area (m²) of the pixels of each of ``rows`` rows starting at pixel row ``y_offset``."""
    dx, dy = abs(gt[1]), abs(gt[5])
    if srs.IsGeographic():
        lat = gt[3] + (y_offset + np.arange(rows) + 0.5) * gt[5]
        k = math.pi / 180.0 * EARTH_RADIUS_M
        return dx * dy * k * k * np.cos(np.radians(np.clip(lat, -90, 90)))
    unit = srs.GetLinearUnits() or 1.0
    return np.full(rows, dx * dy * unit * unit)


class _Source:
    """An open covariate band (one per thread)."""

    def __init__(self, cov):
        from .raster import srs_from

        self.cov = cov
        self.ds = _open(cov.path, cov.name)
        self.band = self.ds.GetRasterBand(cov.band)
        self.nodata = self.band.GetNoDataValue()
        self.srs = srs_from(self.ds.GetProjection())
        self.gt = self.ds.GetGeoTransform()
        self.width, self.height = self.ds.RasterXSize, self.ds.RasterYSize

    def bounds(self):
        gt = self.gt
        xs = [gt[0], gt[0] + self.width * gt[1]]
        ys = [gt[3], gt[3] + self.height * gt[5]]
        return min(xs), min(ys), max(xs), max(ys)

    def window(self, bbox, srs):
        """``(array float64 with NaN, geotransform)`` of the pixels covering ``bbox`` (in ``srs``), or ``None``."""
        from .raster import transform_bbox

        try:
            xmin, ymin, xmax, ymax = transform_bbox(bbox, srs, self.srs)
        except WealthMapError:
            return None
        gt = self.gt
        cols = sorted(((xmin - gt[0]) / gt[1], (xmax - gt[0]) / gt[1]))
        rows = sorted(((ymax - gt[3]) / gt[5], (ymin - gt[3]) / gt[5]))
        c0, c1 = max(int(math.floor(cols[0])) - 1, 0), min(int(math.ceil(cols[1])) + 1, self.width)
        r0, r1 = max(int(math.floor(rows[0])) - 1, 0), min(int(math.ceil(rows[1])) + 1, self.height)
        if c1 <= c0 or r1 <= r0:
            return None
        data = self.band.ReadAsArray(c0, r0, c1 - c0, r1 - r0).astype(np.float64)
        bad = ~np.isfinite(data)
        if self.nodata is not None:
            bad |= data == self.nodata
        if self.cov.statistic == "sum":
            data = np.where(bad, 0.0, data) / _pixel_area(self.srs, gt, r1 - r0, r0)[:, None]
        else:
            data[bad] = np.nan
        return data, (gt[0] + c0 * gt[1], gt[1], 0.0, gt[3] + r0 * gt[5], 0.0, gt[5])


def _runs(cells, k):
    """``{row: [[cols]]}``: the chips' columns of each row in runs that are read in one window."""
    by_row = {}
    for row, col in cells:
        by_row.setdefault(int(row), set()).add(int(col))
    out = {}
    for row, cols in by_row.items():
        cols = sorted(cols)
        runs = [[cols[0]]]
        for c in cols[1:]:
            if c - runs[-1][-1] > max(MERGE_GAP, 2 * k + 1):
                runs.append([c])
            else:
                runs[-1].append(c)
        out[row] = runs
    return out


def _warp(source, data, src_gt, srs, bounds, width, height):
    gdal, _ = _gdal()
    mem = gdal.GetDriverByName("MEM")
    src = mem.Create("", data.shape[1], data.shape[0], 1, gdal.GDT_Float64)
    src.SetGeoTransform(src_gt)
    src.SetProjection(source.srs.ExportToWkt())
    band = src.GetRasterBand(1)
    band.SetNoDataValue(float("nan"))
    band.WriteArray(data)
    out = gdal.Warp("", src, format="MEM", outputBounds=bounds, width=width, height=height,
                    dstSRS=srs.ExportToWkt(), resampleAlg="average", srcNodata=float("nan"),
                    dstNodata=float("nan"), outputType=gdal.GDT_Float64,
                    errorThreshold=0)  # exact per pixel: a chip's value does not depend on the window's extent
    return out.GetRasterBand(1).ReadAsArray()


def sample(covariates, srs, grid, cells, k, sources=None):
    """``(len(cells), len(covariates))`` float64: each covariate's statistic over the context window of each
    chip ``(row, col)`` of ``cells`` on ``grid`` (a ``chips.ChipGrid`` in ``srs``), ``k`` the context
    radius (the window is ``(2k+1)`` chips wide). ``sources``: open :class:`_Source` objects to reuse
    (one per covariate, same order)."""
    from .raster import srs_from

    srs = srs_from(srs)
    asked = [(int(r), int(c)) for r, c in cells]
    cells = sorted(set(asked))
    out = np.full((len(cells), len(covariates)), np.nan)
    if not cells or not covariates:
        return np.full((len(asked), len(covariates)), np.nan)
    index = {cell: i for i, cell in enumerate(cells)}
    runs = _runs(cells, k)
    side = 2 * k + 1
    sub_m = grid.chip_m / SUB
    for j, cov in enumerate(covariates):
        source = sources[j] if sources is not None else _Source(cov)
        for row, groups in runs.items():
            for cols in groups:
                c0, c1 = cols[0] - k, cols[-1] + k + 1
                x0 = grid.origin_x + c0 * grid.chip_m
                x1 = grid.origin_x + c1 * grid.chip_m
                y1 = grid.origin_y - (row - k) * grid.chip_m
                y0 = y1 - side * grid.chip_m
                window = source.window((x0, y0, x1, y1), srs)
                if window is None:
                    continue
                values = _warp(source, window[0], window[1], srs, (x0, y0, x1, y1), (c1 - c0) * SUB, side * SUB)
                for col in cols:
                    part = values[:, (col - k - c0) * SUB:(col + k + 1 - c0) * SUB]
                    ok = np.isfinite(part)
                    if not ok.any():
                        continue
                    if cov.statistic == "sum":
                        out[index[(row, col)], j] = float(part[ok].sum() * sub_m * sub_m * part.size / ok.sum())
                    else:
                        out[index[(row, col)], j] = float(part[ok].mean())
    return out[[index[cell] for cell in asked]]


def point_values(covariates, rasters, lon, lat, bundle, k):
    """``(len(lon), len(covariates))``: the covariates of survey points, each over the context window of the
    chip that contains the point on the chip grid of the first raster of ``rasters`` (``RasterSource``) that
    contains it: the windows prediction uses for that chip. NaN outside every raster."""
    from .features import _point_cells

    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    out = np.full((len(lon), len(covariates)), np.nan)
    if not covariates or not len(lon):
        return out
    sources = open_sources(covariates)
    pending = np.ones(len(lon), dtype=bool)
    for raster in rasters:
        idx = np.flatnonzero(pending)
        if not len(idx):
            break
        cells, grids = _point_cells(raster, lon[idx], lat[idx], bundle.chip_m, bundle.chip_px, bundle.gsd_m)
        by_grid = {}
        for j, cell in enumerate(cells):
            if cell is not None:
                by_grid.setdefault(cell[0], []).append((idx[j], cell[2], cell[1]))
        for key, items in by_grid.items():
            srs, grid = grids[key][0], grids[key][1]
            values = sample(covariates, srs, grid, [(r, c) for _, r, c in items], k, sources)
            rows = [i for i, _, _ in items]
            out[rows] = values
            pending[rows] = False
    return out


def open_sources(covariates):
    return [_Source(cov) for cov in covariates]


def check_coverage(covariates, bbox, srs, what):
    """Refuse a covariate raster that does not cover ``bbox`` (in ``srs``): the region of a prediction or the
    survey's points. Partial cover is allowed up to 10% of the box's width/height."""
    from .raster import transform_bbox

    for cov in covariates:
        source = _Source(cov)
        try:
            box = transform_bbox(bbox, srs, source.srs)
        except WealthMapError:
            box = None
        cb = source.bounds()
        if box is not None:
            w, h = max(box[2] - box[0], 1e-12), max(box[3] - box[1], 1e-12)
            ix = max(0.0, min(box[2], cb[2]) - max(box[0], cb[0])) / w
            iy = max(0.0, min(box[3], cb[3]) - max(box[1], cb[1])) / h
        if box is None or ix < 0.9 or iy < 0.9:
            raise WealthMapError(tr("The covariate raster '{0}' ({1}) does not cover {2}: it spans {3} in its own "
                                    "coordinate system ({4}), {2} needs {5}. Use a covariate raster that covers it "
                                    "(check its CRS).").format(
                cov.name, os.path.basename(cov.path), what, _box_text(cb), source.srs.GetName(),
                _box_text(box) if box is not None else "?"))


def _box_text(box):
    return "({:.6g}, {:.6g}, {:.6g}, {:.6g})".format(*box)


def value_range(values):
    """``[min, max]`` of the finite values (recorded per covariate in the bundle)."""
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    return [float(v.min()), float(v.max())] if len(v) else None


def check_range(cov, values):
    """Refuse covariate values far outside the training range: more than half of them outside
    ``[min - span, max + span]`` (``span`` = max - min of the training values). A raster in other units
    (a count instead of a density, radiance x 1000) or of another product fails this."""
    if not cov.range:
        return
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    if not len(v):
        return
    lo, hi = cov.range
    span = max(hi - lo, abs(hi) * 0.1, 1e-9)
    far = (v < lo - span) | (v > hi + span)
    if far.mean() > 0.5:
        raise WealthMapError(tr("The covariate '{0}' ({1}) has values far outside those the model was trained on: "
                                "median {2:.4g} here, {3:.4g} to {4:.4g} in training ({5} {6}). Use the same product "
                                "and units as in training.").format(
            cov.name, os.path.basename(cov.path or ""), float(np.median(v)), lo, hi, cov.statistic,
            cov.units or tr("(no units given)")))


def match(needed, given, sum_names=()):
    """The covariates a bundle needs (manifest entries) with the rasters ``given`` for them: a dict
    ``{name: path or layer}``, or a list of paths/layers/``name=path`` matched by name (file or layer name),
    a single one matched to a single needed covariate. Refuses missing ones, naming them."""
    if not needed:
        return []
    if isinstance(given, dict):
        by_name = {str(k): v for k, v in given.items()}
    else:
        items = [] if given in (None, "", []) else (
            [given] if isinstance(given, (str, os.PathLike)) or hasattr(given, "source") else list(given))
        by_name = {}
        for item in items:
            if hasattr(item, "source") and callable(item.source):
                by_name[item.name()] = item.source()
            elif isinstance(item, str) and "=" in item and not os.path.exists(item):
                name, path = item.split("=", 1)
                by_name[name.strip()] = path.strip()
            else:
                by_name[_stem(item)] = str(item)
    if len(needed) == 1 and len(by_name) == 1 and needed[0]["name"] not in by_name:
        by_name = {needed[0]["name"]: next(iter(by_name.values()))}  # one model covariate, one raster given
    out, missing = [], []
    for entry in needed:
        name = entry["name"]
        path = by_name.get(name)
        if path is None and entry.get("band") and "_b" in name:  # name_b2 from a multi-band file given by stem
            path = by_name.get(name.rsplit("_b", 1)[0])
        if path is None:
            missing.append(name)
            continue
        if hasattr(path, "source") and callable(path.source):
            path = path.source()
        out.append(Covariate.from_manifest(entry, str(path)))
    if missing:
        desc = "; ".join("{} ({}, band {}, {}{})".format(
            e["name"], e.get("file") or "?", e.get("band", 1), e.get("statistic", "mean"),
            ", " + e["units"] if e.get("units") else "") for e in needed if e["name"] in missing)
        raise WealthMapError(tr("The model needs the covariate raster(s) {0}, which were not given. Give a raster "
                                "for each, by name (covariates={{'name': path}}; in the dock pick the matching "
                                "layer).").format(desc))
    for cov in out:
        src = _Source(cov)
        if cov.band > src.ds.RasterCount:
            raise WealthMapError(tr("The covariate '{0}' is band {1}, but '{2}' has {3} band(s).").format(
                cov.name, cov.band, cov.path, src.ds.RasterCount))
    return out


def prepare_prediction(covariates, layout, k):
    """Checks before a prediction (``predict.plan``'s ``layout``): every covariate covers the region and its
    values over up to :data:`RANGE_SAMPLE_CHIPS` chips spread over the region are not far outside the
    training range (:func:`check_range`). Notes whether each file is the one trained on (sha256). Returns
    the open sources for :func:`sample`."""
    from .bundle import verified_sha256

    bbox = layout["geometry"].boundingBox()
    check_coverage(covariates, (bbox.xMinimum(), bbox.yMinimum(), bbox.xMaximum(), bbox.yMaximum()), layout["srs"],
                   tr("the region"))
    sources = open_sources(covariates)
    cells = [(row, col) for row, cols in layout["rows"] for col in cols]
    step = max(1, len(cells) // RANGE_SAMPLE_CHIPS)
    probe = sample(covariates, layout["srs"], layout["grid"], cells[::step][:RANGE_SAMPLE_CHIPS], k, sources)
    for j, cov in enumerate(covariates):
        check_range(cov, probe[:, j])
        if cov.sha256 and os.path.isfile(cov.path):
            cov.sha256_matches = verified_sha256(cov.path) == cov.sha256
    return sources
