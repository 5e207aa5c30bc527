"""Chip features: the one implementation behind prediction and training.

Both jobs describe a place by the chip that contains it on the raster's chip grid
(``chips.ChipGrid``, anchored by ``raster.grid_origin`` in the CRS of ``raster.working_srs``)
and by its context: the ``(2k+1) x (2k+1)`` grid-aligned chips centred on it
(``k = context_chips // 2``, see :func:`context_radius`). Per chip, this module

1. reads the bundle's bands with ``raster.GridReader`` (reflectance scale/offset, nodata,
   SCL, resampling to the model grid), a whole run of adjacent chips in one GDAL call;
2. measures valid and cloud fractions (``chips.run_quality``: SCL when present, else the
   documented brightness test) and gives the chip a status (``chips.chip_status``);
3. for usable chips, masks out cloudy and invalid pixels and runs one ONNX graph
   (``embed.Embedder``: normalisation + CNN + NDVI/NDBI/NDWI sums), reading the next run while
   the current one is embedded.

The features of a chip (:func:`pool`) are the mean embedding of the usable chips of its
context and the exact pooled mean/std of the indices over their clear pixels. Prediction
(``predict.predict``) calls :func:`iter_context` over the region's chips; training
(:func:`point_features`) calls it over the chips that contain the survey points. The same
code therefore gives the same numbers: a head trained here reproduces, in prediction, the
cross-validated predictions of held-out points at the chips that contain them.

The feature row of a survey point is ``[embedding (D) | the spectral statistics its bands allow
(ndvi_mean, ndvi_std, ndbi_mean, ndbi_std, ndwi_mean, ndwi_std; NDBI only with B11, see
:func:`training_bundle`) | covariates (``covariates.py``)]``; the head's ONNX graph applies PCA to
the embedding part itself (see ``forest_onnx``).
"""

import hashlib
import json
import math
import os
import threading
import time

import numpy as np

from ..errors import WealthMapError
from ..i18n import tr
from ..tasks import check_cancel
from .bundle import SPECTRAL_FEATURES
from .chips import STATUS_CLOUDY, STATUS_NODATA, STATUS_OK, ChipGrid, chip_status, run_quality
from .raster import GridReader, RasterSource, grid_origin, srs_from, working_srs

SPECTRAL_NAMES = list(SPECTRAL_FEATURES)
FEATURE_VERSION = "chip-context-2"
#: Context of survey points when nothing else is asked: at least this wide (DHS displacement, 5 km rural).
MIN_CONTEXT_M = 5000.0


def context_radius(bundle):
    """k such that the features of a chip pool the (2k+1)² chips around it (``context_chips // 2``)."""
    return int(bundle.context_chips) // 2


class ChipRecord:
    """What is kept of one chip: quality, status, embedding and index sums (``None`` when not usable)."""

    __slots__ = ("valid_fraction", "cloud_fraction", "status", "embedding", "sums")


def segments(targets, k, batch_size):
    """Chip cells to compute, in row order: ``[(row, [cols])]`` runs of at most ``batch_size`` adjacent chips.

    ``targets`` is ``[(row, [cols])]``; with context radius ``k`` the cells of each target's
    (2k+1)² neighbourhood are included. Only integers are held here (no pixels).
    """
    by_row = {}
    for row, cols in targets:
        for rr in range(row - k, row + k + 1):
            target = by_row.setdefault(rr, set())
            for c in cols:
                target.update(range(c - k, c + k + 1))
    out = []
    for row in sorted(by_row):
        cols = sorted(by_row[row])
        start = 0
        for i in range(1, len(cols) + 1):
            if i == len(cols) or cols[i] != cols[i - 1] + 1 or i - start >= batch_size:
                out.append((row, cols[start:i]))
                start = i
    return out


class ChipFeaturizer:
    """Reads, measures and embeds runs of chips of one raster on one chip grid.

    :param bundle: the model bundle (bands, chip size, normalisation).
    :param embedder: an ``embed.Embedder`` of that bundle.
    :param reader: a ``raster.GridReader`` on the grid's CRS, origin and ground sample distance.
    :param min_valid, max_cloud: chip thresholds (``chips.chip_status``).
    """

    def __init__(self, bundle, embedder, reader, min_valid, max_cloud, timings=None):
        self.bundle = bundle
        self.bands = list(bundle.bands)
        self.chip_px = int(bundle.chip_px)
        self.embedder = embedder
        self.reader = reader
        self.min_valid, self.max_cloud = float(min_valid), float(max_cloud)
        self.timings = timings if timings is not None else {}
        for key in ("read_s", "quality_s", "prepare_s", "embed_s"):
            self.timings.setdefault(key, 0.0)
        self.timings.setdefault("embedded_chips", 0)
        self.batch_sizes = []  # chips per embedder call, in order (the benchmark's ceiling replays them)
        self.first_loaded = threading.Event()  # set once the first batch is read (others may start then)

    def load(self, batch):
        """Read a batch of runs ``[(row, cols)]`` of adjacent chips (one GDAL read per run), measure the
        chips and gather the usable ones (runs in the reader thread)."""
        px, bands = self.chip_px, self.bands
        records, parts, masks, keys = {}, [], [], []
        for row, cols in batch:
            t0 = time.perf_counter()
            refl, valid, scl = self.reader.read(cols[0] * px, row * px, len(cols) * px, px, chip_px=px, fill=0.0)
            t1 = time.perf_counter()
            valid_fraction, cloud_fraction, clear = run_quality(refl, bands, valid, scl)  # the whole run at once
            usable = []
            for j, col in enumerate(cols):
                vf, cf = float(valid_fraction[j]), float(cloud_fraction[j])
                rec = ChipRecord()
                rec.valid_fraction, rec.cloud_fraction = vf, cf
                rec.status = chip_status(vf, cf, self.min_valid, self.max_cloud)
                rec.embedding, rec.sums = None, None
                records[(row, col)] = rec
                if rec.status == STATUS_OK:  # cloudy pixels are left out like invalid ones: outside the mask
                    usable.append(j)
                    keys.append((row, col))
                    masks.append(clear[j])
            if usable:
                parts.append(refl if len(usable) == len(cols) else refl[usable])
            self.timings["read_s"] += t1 - t0
            self.timings["quality_s"] += time.perf_counter() - t1
        t2 = time.perf_counter()
        x = None
        if parts:
            x = self.embedder.prepare(parts[0] if len(parts) == 1 else np.concatenate(parts), mask=np.stack(masks))
        self.timings["prepare_s"] += time.perf_counter() - t2
        self.first_loaded.set()
        return records, keys, x

    def finish(self, loaded):
        """Embed a loaded run (CNN and index sums in one ONNX graph); returns its ``{(row, col): ChipRecord}``."""
        records, keys, x = loaded
        if x is not None:
            t0 = time.perf_counter()
            emb, sums = self.embedder.run_prepared(x)
            self.timings["embed_s"] += time.perf_counter() - t0
            self.timings["embedded_chips"] += len(keys)
            self.batch_sizes.append(len(keys))
            for i, key in enumerate(keys):
                records[key].embedding = emb[i]
                records[key].sums = {name: (float(v[0][i]), float(v[1][i]), float(v[2][i]))
                                     for name, v in sums.items()}
        return records

    def stream(self, batches, prefetch=True):
        """Yield ``(row, records)`` per batch (``row``: the row of its last run), reading the next batch
        in a thread while this one is embedded.

        The first batch starts loading when this is called (not when the generator is first
        advanced), so the caller's own set-up (e.g. creating the output file) overlaps with it.
        GDAL and numpy release the GIL, so reading/measuring the next batch overlaps with
        onnxruntime on the current one. The reader's GDAL handle is only used by that one thread.
        """
        from concurrent.futures import ThreadPoolExecutor

        if not prefetch or not batches:
            return self._unbuffered(batches)
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="wealthmap-reader")
        return _Prefetch(self, pool, batches)

    def _unbuffered(self, batches):
        for batch in batches:
            yield batch[-1][0], self.finish(self.load(batch))


class _Prefetch:
    """Iterator over ``(row, records)`` of :meth:`ChipFeaturizer.stream` with a reader thread; the first
    batch is submitted at construction. ``close()`` (also at exhaustion) stops the thread."""

    def __init__(self, featurizer, pool, batches):
        self.featurizer, self.pool, self.batches = featurizer, pool, batches
        self.i = 0
        self.pending = pool.submit(featurizer.load, batches[0])

    def __iter__(self):
        return self

    def __next__(self):
        if self.i >= len(self.batches) or self.pending is None:
            self.close()
            raise StopIteration
        try:
            loaded = self.pending.result()
            batch = self.batches[self.i]
            self.i += 1
            self.pending = (self.pool.submit(self.featurizer.load, self.batches[self.i])
                            if self.i < len(self.batches) else None)
            return batch[-1][0], self.featurizer.finish(loaded)
        except BaseException:
            self.close()
            raise

    def close(self):
        if self.pending is not None:
            self.pending.cancel()
            self.pending = None
        self.i = len(self.batches)
        self.pool.shutdown(wait=True)


def batches(runs, batch_size, first=None):
    """Consecutive runs grouped into groups of exactly ``batch_size`` chips (one onnxruntime call each;
    the last group holds the rest), splitting a run across two groups where needed.

    ``first`` (optional): the sizes of the first groups, e.g. ``(2, 4, 8)`` (an int: one first group),
    each below ``batch_size``. Nothing overlaps with reading the first group, so it is short; the
    following groups grow while the reader thread stays a group ahead of the embedder."""
    ramp = [int(v) for v in ((first,) if isinstance(first, int) else (first or ())) if 0 < int(v) < batch_size]
    out, current, size = [], [], 0
    capacity = ramp.pop(0) if ramp else batch_size
    for row, cols in runs:
        cols = list(cols)
        while cols:
            take = cols[:capacity - size]
            cols = cols[len(take):]
            current.append((row, take))
            size += len(take)
            if size == capacity:
                out.append(current)
                current, size = [], 0
                capacity = ramp.pop(0) if ramp else batch_size
    if current:
        out.append(current)
    return out


def iter_context(featurizer, targets, k, batch_size, feedback=None, prefetch=True, first_batch=None):
    """Yield ``(row, cols, cache)`` for each target row ``(row, cols)`` (sorted by row) once the
    (2k+1)² neighbourhoods of its chips are computed; ``cache`` maps ``(row, col)`` to
    :class:`ChipRecord`. Rows no longer needed are dropped, so memory stays flat.

    Reading the first batch starts when this is called (see :meth:`ChipFeaturizer.stream`);
    ``first_batch`` caps the first batch's chips (see :func:`batches`)."""
    stream = featurizer.stream(batches(segments(targets, k, batch_size), batch_size, first_batch), prefetch)
    return _ContextRows(stream, _context_rows(stream, targets, k, feedback))


class _ContextRows:
    """The generator of :func:`iter_context`; ``close()`` also stops the reader thread (even before the
    first row was asked for)."""

    def __init__(self, stream, rows):
        self.stream, self.rows = stream, rows

    def __iter__(self):
        return self

    def __next__(self):
        try:
            return next(self.rows)
        except BaseException:  # exhausted, cancelled or failed: the reader thread stops
            self.close()
            raise

    def close(self):
        self.rows.close()
        if hasattr(self.stream, "close"):
            self.stream.close()


def _context_rows(stream, targets, k, feedback):
    cache = {}
    next_out = 0

    def release(row):
        for key in [key for key in cache if key[0] < row - k + 1]:
            del cache[key]

    for seg_row, records in stream:
        check_cancel(feedback)
        cache.update(records)
        while next_out < len(targets) and targets[next_out][0] + k < seg_row:
            row, cols = targets[next_out]
            check_cancel(feedback)
            yield row, cols, cache
            release(row)
            next_out += 1
    while next_out < len(targets):
        row, cols = targets[next_out]
        check_cancel(feedback)
        yield row, cols, cache
        release(row)
        next_out += 1


def _pooled_sums(cache, row, col, k):
    """Mean embedding of the usable chips of the (2k+1)² neighbourhood of (row, col) and their summed
    index sums ``{index: [n, s, ss]}``."""
    embs, sums = [], {}
    for rr in range(row - k, row + k + 1):
        for cc in range(col - k, col + k + 1):
            rec = cache.get((rr, cc))
            if rec is None or rec.embedding is None:
                continue
            embs.append(rec.embedding)
            for name, (n, s, ss) in rec.sums.items():
                acc = sums.setdefault(name, [0.0, 0.0, 0.0])
                acc[0] += n
                acc[1] += s
                acc[2] += ss
    return (embs[0] if len(embs) == 1 else np.mean(embs, axis=0)), sums


def _stats(sums_list):
    """``(len(sums_list), 6)`` NDVI/NDBI/NDWI mean/std from summed index sums (elementwise, so one row
    gives the same numbers alone or with others); NaN columns for an index the bands do not allow
    (NDBI without B11)."""
    from .embed import stats_from_sums

    out = np.full((len(sums_list), len(SPECTRAL_NAMES)), np.nan, dtype=np.float32)
    present = [n for n in SPECTRAL_NAMES if n.rsplit("_", 1)[0] in sums_list[0]]
    if present:
        indices = sorted({n.rsplit("_", 1)[0] for n in present})
        cols = stats_from_sums({name: tuple(np.array([acc[name][i] for acc in sums_list]) for i in range(3))
                                for name in indices}, present)
        out[:, [SPECTRAL_NAMES.index(n) for n in present]] = cols
    return out


def spectral_names_for(bands):
    """The spectral statistics the bands allow, in manifest order: NDVI and NDWI need B03, B04, B08;
    NDBI needs B11 and B08."""
    from .embed import INDICES

    return [n for n in SPECTRAL_NAMES if all(b in bands for b in INDICES[n.rsplit("_", 1)[0]])]


def training_bundle(base, sources):
    """The bundle ``base`` narrowed to the bands the rasters have: the embedder's RGB bands (required) and
    the bands of each spectral index the rasters allow; ``features`` lists the embedding and those
    indices' statistics. Training computes (and the trained bundle records) exactly these, so a 4-band
    raster (B02, B03, B04, B08) trains a head without NDBI, and prediction asks for these bands only."""
    import copy

    from .bundle import EMBEDDING_FEATURE, ModelBundle
    from .embed import INDICES

    present = set(band_set(sources[0])) if sources else set()
    missing = [b for b in base.rgb_bands if b not in present]
    if missing:
        raise WealthMapError(tr("The raster '{0}' lacks the band(s) {1}: the embedder reads the red, green and blue "
                                "bands ({2}), so these are needed to train (bands found: {3}). Name the bands "
                                "B02, B03, B04... in the raster, or map them (band mapping: e.g. B02=1, B03=2).")
                             .format(sources[0].name, ", ".join(missing), ", ".join(base.rgb_bands),
                                     ", ".join(sorted(present)) or tr("none")))
    spectral = [n for n in spectral_names_for(present) if all(b in base.bands for b in
                                                                INDICES[n.rsplit("_", 1)[0]])]
    needed = set(base.rgb_bands) | {b for n in spectral for b in INDICES[n.rsplit("_", 1)[0]]}
    manifest = copy.deepcopy(base.manifest)
    manifest["bands"] = [b for b in base.bands if b in needed]
    manifest["features"] = [EMBEDDING_FEATURE] + spectral
    return ModelBundle(base.path, manifest)


def pool(cache, row, col, k):
    """``(embedding (dim,), stats (6,))`` of chip (row, col): the mean embedding of the usable chips of
    its (2k+1)² neighbourhood and NDVI/NDBI/NDWI mean/std pooled exactly over their clear pixels."""
    emb, sums = _pooled_sums(cache, row, col, k)
    return emb, _stats([sums])[0]


def pooled_features(cache, row, col, k, bundle):
    """The head's input row ``(1, F)`` for chip (row, col) in the bundle's feature order."""
    return row_features(cache, row, [col], k, bundle)


def row_features(cache, row, cols, k, bundle, covariates=None):
    """The head's input ``(len(cols), F)`` for chips ``cols`` of ``row`` (each as :func:`pooled_features`);
    ``covariates``: their covariate values ``(len(cols), C)`` (``covariates.sample``) when the bundle has any."""
    from .embed import feature_matrix

    pooled = [_pooled_sums(cache, row, col, k) for col in cols]
    return feature_matrix(bundle, np.vstack([emb for emb, _ in pooled]), _stats([sums for _, sums in pooled]),
                          covariates=covariates)


# --- training: features of survey points -----------------------------------------------------------


class FeatureSettings:
    """How point features are made; part of the cache key and stored in the manifest.

    ``context_chips`` (odd) is the side of the chip context (prediction pools the same);
    ``min_valid``/``max_cloud`` are the chip thresholds (prediction's defaults): a point whose
    chip fails them is left out, and context chips that fail them are not pooled.
    """

    def __init__(self, context_chips=3, min_valid=0.7, max_cloud=0.3):
        self.context_chips = int(context_chips)
        if self.context_chips < 1 or self.context_chips % 2 == 0:
            raise WealthMapError(tr("The context must be an odd number of chips per side (1, 3, 5...), not {0}: the "
                                    "chip that contains a point is its centre.").format(context_chips))
        self.min_valid = float(min_valid)
        self.max_cloud = float(max_cloud)

    def as_dict(self):
        return {"context_chips": self.context_chips, "min_valid": self.min_valid, "max_cloud": self.max_cloud,
                "version": FEATURE_VERSION}


def context_for(chip_m, window_m=None, context_chips=None, base=1):
    """The odd number of chips per side of the context: ``context_chips`` when given, else the
    smallest odd number covering ``window_m`` (default: at least :data:`MIN_CONTEXT_M` and ``base``)."""
    if context_chips is not None:
        return int(context_chips)
    width = float(window_m) if window_m else MIN_CONTEXT_M
    n = max(int(math.ceil(width / chip_m - 1e-9)), 1 if window_m else int(base))
    return n + 1 - n % 2


def embedder_signature(bundle):
    """Everything of the bundle that changes the features: embedder file, bands, chip geometry, normalisation."""
    spec = {"embedder": bundle.manifest["files"][bundle.manifest["embedder"]["file"]]["sha256"],
            "bands": list(bundle.bands), "chip_px": bundle.chip_px, "gsd_m": bundle.gsd_m,
            "normalization": bundle.manifest["normalization"]}
    return hashlib.sha256(json.dumps(spec, sort_keys=True).encode("utf-8")).hexdigest()


def head_inputs(bundle, context_chips):
    """What a head trained on features of ``bundle``'s embedder with ``context_chips`` depends on, as the JSON text
    stored in its ONNX metadata (``bundle.INPUTS_METADATA``) and checked before a prediction."""
    return json.dumps({"embedder": embedder_signature(bundle), "context_chips": int(context_chips)}, sort_keys=True)


def source_signature(source):
    """The raster's identity for the cache: path, modification time, size, bands and reflectance conversion."""
    from .raster import file_stat

    stat = file_stat(source.path)
    spec = {"path": os.path.abspath(source.path), "mtime": stat.st_mtime if stat else None,
            "size": stat.st_size if stat else None, "bands": sorted(source.band_map.items()),
            "scale": source.scale, "offset": source.offset}
    return json.dumps(spec, sort_keys=True)


def band_set(source):
    return sorted(b for b in source.band_map if b != "SCL")


def check_same_bands(sources):
    """Rasters used together must offer the same bands."""
    if len(sources) < 2:
        return
    first = band_set(sources[0])
    for src in sources[1:]:
        if band_set(src) != first:
            raise WealthMapError(tr("The rasters have different bands: {0} has {1}, {2} has {3}. Use rasters with "
                                    "the same bands (the same product and band order).").format(
                sources[0].name, ", ".join(first), src.name, ", ".join(band_set(src))))


def feature_names(embedder_dim, extra=()):
    return ["emb_{:04d}".format(i) for i in range(embedder_dim)] + list(SPECTRAL_NAMES) + list(extra)


def _to_lonlat_srs():
    return srs_from(4326)


def _point_cells(source, lon, lat, chip_m, chip_px, gsd):
    """Per point: ``(grid key, col, row)`` of the chip containing it on the raster's chip grid, or ``None``
    outside the raster. The grid key names the grid CRS and origin (points are grouped by it)."""
    from osgeo import osr

    wgs = _to_lonlat_srs()
    bounds = source.bounds()
    to_raster = osr.CoordinateTransformation(wgs, source.srs)
    inside = np.asarray(to_raster.TransformPoints(np.column_stack([lon, lat]).tolist()), dtype=float)[:, :2]
    out = [None] * len(lon)
    grids = {}
    fixed = working_srs(source) if source.is_projected else None
    for i in range(len(lon)):
        x, y = inside[i]
        if not (np.isfinite(x) and np.isfinite(y)):
            continue
        srs = fixed if fixed is not None else working_srs(source, float(lon[i]), float(lat[i]))
        key = "raster" if fixed is not None else srs.ExportToWkt()
        if key not in grids:
            ox, oy = grid_origin(source, srs, chip_m)
            ct = None if srs.IsSame(wgs) else osr.CoordinateTransformation(wgs, srs)
            back = None if srs.IsSame(source.srs) else osr.CoordinateTransformation(srs, source.srs)
            grids[key] = (srs, ChipGrid(ox, oy, chip_px, gsd), ct, back)
        srs, grid, ct, back = grids[key]
        gx, gy = ct.TransformPoint(float(lon[i]), float(lat[i]))[:2] if ct is not None else (lon[i], lat[i])
        col = int(math.floor((gx - grid.origin_x) / grid.chip_m))
        row = int(math.floor((grid.origin_y - gy) / grid.chip_m))
        # as in prediction, a chip belongs to the raster when its centre lies inside the raster
        cx, cy = grid.centre(col, row)
        if back is not None:
            cx, cy = back.TransformPoint(cx, cy)[:2]
        if not (bounds[0] <= cx <= bounds[2] and bounds[1] <= cy <= bounds[3]):
            continue
        out[i] = (key, col, row)
    return out, grids


def point_features(survey, raster_paths, bundle, settings=None, cache=None, feedback=None, embedder=None,
                   batch_size=16):
    """Features of every survey point that a raster covers: those prediction computes for the chip that
    contains the point (see the module docstring).

    Returns ``(X, keep, reasons, timings)``: ``X`` float32 ``(n_kept, dim + S)`` (``S``: the spectral
    statistics among the bundle's ``features``, in that order), ``keep`` a bool
    mask over the survey's points, ``reasons`` ``{index: why the point was left out}``, and
    ``timings`` (seconds reading/measuring/preparing/embedding, chips embedded, points from the cache).
    """
    from .embed import Embedder

    settings = settings or FeatureSettings()
    if not raster_paths:
        raise WealthMapError(tr("No raster given: pick one or more Sentinel-2 rasters that cover the survey points."))
    sources = [p if isinstance(p, RasterSource) else RasterSource(p) for p in raster_paths]
    check_same_bands(sources)
    for src in sources:
        src.require_bands(bundle.bands, bundle.id)
    embedder = embedder or Embedder(bundle, batch_size=batch_size)
    n = len(survey)
    dim = int(bundle.embedding_dim)
    k = settings.context_chips // 2
    spectral = [SPECTRAL_NAMES.index(f) for f in bundle.manifest["features"] if f in SPECTRAL_NAMES]
    X = np.full((n, dim + len(spectral)), np.nan, dtype=np.float32)
    reasons = {}
    timings = {"read_s": 0.0, "quality_s": 0.0, "prepare_s": 0.0, "embed_s": 0.0, "cached_points": 0,
               "embedded_chips": 0}
    signature = embedder_signature(bundle)
    pending = np.ones(n, dtype=bool)  # points still looking for a raster
    for s, src in enumerate(sources):
        idx = np.flatnonzero(pending)
        if not len(idx):
            break
        src_sig = source_signature(src)
        keys = {}
        todo = []
        for i in idx:
            if cache is not None:
                keys[i] = cache.key(src_sig, survey.lon[i], survey.lat[i], settings, signature)
                hit = cache.get(keys[i])
                if isinstance(hit, str):
                    reasons[i] = hit
                    continue
                if hit is not None:
                    X[i] = hit
                    pending[i] = False
                    reasons.pop(i, None)
                    timings["cached_points"] += 1
                    continue
            todo.append(i)
        if not todo:
            continue
        cells, grids = _point_cells(src, survey.lon[todo], survey.lat[todo], bundle.chip_m, bundle.chip_px,
                                    bundle.gsd_m)
        by_grid = {}
        for j, i in enumerate(todo):
            if cells[j] is None:
                reasons.setdefault(i, tr("outside every raster"))
                continue
            key, col, row = cells[j]
            by_grid.setdefault(key, {}).setdefault((row, col), []).append(i)
        results = []
        for key, points in by_grid.items():
            srs, grid, _, _ = grids[key]
            rows = sorted({r for r, _ in points})
            targets = [(r, sorted({c for rr, c in points if rr == r})) for r in rows]
            xs = [grid.bounds(c, r) for r, c in points]
            margin = (k + 1) * grid.chip_m
            bounds = (min(b[0] for b in xs) - margin, min(b[1] for b in xs) - margin,
                      max(b[2] for b in xs) + margin, max(b[3] for b in xs) + margin)
            reader = GridReader(src, srs, grid.gsd, grid.origin_x, grid.origin_y, bundle.bands, bounds=bounds)
            featurizer = ChipFeaturizer(bundle, embedder, reader, settings.min_valid, settings.max_cloud, timings)
            done = 0
            for row, cols, chip_cache in iter_context(featurizer, targets, k, batch_size, feedback):
                for col in cols:
                    rec = chip_cache[(row, col)]
                    for i in points[(row, col)]:
                        if rec.status == STATUS_OK:
                            emb, stats = pool(chip_cache, row, col, k)
                            X[i, :dim] = emb
                            X[i, dim:] = stats[spectral]
                            pending[i] = False
                            reasons.pop(i, None)
                            results.append((keys.get(i), X[i].copy()))
                        else:
                            why = _left_out_reason(rec, src.name)
                            reasons[i] = why
                            results.append((keys.get(i), why))
                        done += 1
                if feedback is not None:
                    feedback.setProgress(100.0 * (s + done / max(len(todo), 1)) / len(sources))
        if cache is not None:
            cache.put_many([(key, value) for key, value in results if key is not None])
    keep = ~pending
    reasons = {i: why for i, why in reasons.items() if pending[i]}
    for i in np.flatnonzero(pending):
        reasons.setdefault(int(i), tr("outside every raster"))
    return X[keep], keep, reasons, timings


def _left_out_reason(rec, name):
    if rec.status == STATUS_NODATA:
        return tr("nodata: only {0:.0f}% valid pixels in the chip at the point in {1}").format(
            100 * rec.valid_fraction, name)
    if rec.status == STATUS_CLOUDY:
        return tr("clouds over {0:.0f}% of the chip at the point in {1}").format(100 * rec.cloud_fraction, name)
    return tr("chip status {0} in {1}").format(rec.status, name)
