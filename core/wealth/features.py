"""Window features per survey point: mean chip embedding plus spectral statistics.

Survey coordinates are displaced on purpose (DHS: up to 2 km urban, 5 km rural), so a
point is described by a *context window* around it (default 6 km wide) rather than by one
chip: the window is read once at the model's ground sample distance, a grid of
``chips_per_side`` x ``chips_per_side`` chips inside it goes through the embedder and their
embeddings are averaged; NDVI, NDBI and NDWI (bands the RGB CNN does not see) are summarised
by their mean and standard deviation over the window's valid pixels.

The feature row of a point is ``[embedding (D) | ndvi_mean, ndvi_std, ndbi_mean, ndbi_std,
ndwi_mean, ndwi_sd | extra columns]``; the head's ONNX graph applies PCA to the embedding
part itself (see ``forest_onnx``).

An *embedder* is any object with ``bands`` (the band names of a chip's channels, e.g.
``["B04", "B03", "B02"]``), ``chip_px``, ``gsd`` (metres), ``dim``, ``sha256`` and
``embed(chips)`` taking float32 reflectance ``(N, len(bands), chip_px, chip_px)`` and
returning ``(N, dim)``.
"""

import os
import time

import numpy as np

from ..errors import WealthMapError
from ..i18n import tr
from ..tasks import check_cancel

SPECTRAL_NAMES = ["ndvi_mean", "ndvi_std", "ndbi_mean", "ndbi_std", "ndwi_mean", "ndwi_std"]
SPECTRAL_BANDS = ["B03", "B04", "B08", "B11"]
FEATURE_VERSION = "window-features-1"

# Common names of the Sentinel-2 bands in band descriptions or metadata.
BAND_ALIASES = {
    "B01": ("b1", "b01", "coastal", "aerosol", "coastal_aerosol"),
    "B02": ("b2", "b02", "blue"),
    "B03": ("b3", "b03", "green"),
    "B04": ("b4", "b04", "red"),
    "B05": ("b5", "b05", "rededge1", "red_edge_1"),
    "B06": ("b6", "b06", "rededge2", "red_edge_2"),
    "B07": ("b7", "b07", "rededge3", "red_edge_3"),
    "B08": ("b8", "b08", "nir", "nir08"),
    "B8A": ("b8a", "nir08a", "nir_narrow", "rededge4"),
    "B09": ("b9", "b09", "water_vapour", "wv"),
    "B11": ("b11", "swir16", "swir1", "swir_1"),
    "B12": ("b12", "swir22", "swir2", "swir_2"),
    "SCL": ("scl", "scene_classification"),
}


def canonical_band(text):
    key = str(text or "").strip().lower().replace(" ", "_").replace("-", "_")
    for band, names in BAND_ALIASES.items():
        if key == band.lower() or key in names:
            return band
    return None


class RasterSource:
    """A Sentinel-2 raster opened with GDAL: band lookup, reflectance scale/offset, CRS transform."""

    def __init__(self, path):
        from osgeo import gdal, osr

        gdal.UseExceptions()
        self.path = os.path.abspath(str(path))
        if not os.path.exists(self.path):
            raise WealthMapError(tr("The raster {0} does not exist. Check the path.").format(path))
        try:
            self.ds = gdal.Open(self.path)
        except RuntimeError as err:
            raise WealthMapError(tr("GDAL could not open the raster {0}: {1}").format(path, err)) from err
        ds = self.ds
        stat = os.stat(self.path)
        self.mtime, self.size = stat.st_mtime, stat.st_size
        self.name = os.path.basename(self.path)
        wkt = ds.GetProjection()
        if not wkt:
            raise WealthMapError(tr("The raster {0} has no CRS. Assign one (Raster > Projections > Assign "
                                    "Projection) and run again.").format(self.name))
        self.srs = osr.SpatialReference()
        self.srs.ImportFromWkt(wkt)
        self.srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        wgs = osr.SpatialReference()
        wgs.ImportFromEPSG(4326)
        wgs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        self.to_raster = osr.CoordinateTransformation(wgs, self.srs)
        self.geographic = bool(self.srs.IsGeographic())
        self.gt = ds.GetGeoTransform()
        if self.gt[2] or self.gt[4]:
            raise WealthMapError(tr("The raster {0} is rotated; warp it to a north-up grid first.").format(self.name))
        self.bands = {}
        for i in range(1, ds.RasterCount + 1):
            band = ds.GetRasterBand(i)
            name = canonical_band(band.GetDescription()) or canonical_band(
                band.GetMetadataItem("WAVELENGTH_NAME") or "")
            if name and name not in self.bands:
                self.bands[name] = i
        if not self.bands and ds.RasterCount in (4, 6, 10, 12, 13):
            order = {4: ["B02", "B03", "B04", "B08"], 6: ["B02", "B03", "B04", "B08", "B11", "B12"],
                     10: ["B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A", "B11", "B12"],
                     12: ["B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A", "B09", "B11", "B12"],
                     13: ["B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A", "B09", "B10", "B11",
                          "B12"]}[ds.RasterCount]
            self.bands = {b: i + 1 for i, b in enumerate(order)}
        dtype = gdal.GetDataTypeName(ds.GetRasterBand(1).DataType)
        scale = ds.GetMetadataItem("REFLECTANCE_SCALE")
        offset = ds.GetMetadataItem("REFLECTANCE_OFFSET")
        if dtype == "Byte":
            raise WealthMapError(tr("The raster {0} is 8-bit (a screenshot or an RGB rendering?). Use Sentinel-2 "
                                    "reflectance (UInt16 or Float32).").format(self.name))
        if scale is None:
            scale = 0.0001 if dtype in ("UInt16", "Int16", "UInt32", "Int32") else 1.0
        self.scale = float(scale)
        self.offset = float(offset or 0.0)
        if offset is None and ds.GetMetadataItem("BOA_ADD_OFFSET"):
            self.offset = float(ds.GetMetadataItem("BOA_ADD_OFFSET")) * self.scale
        nd = ds.GetRasterBand(1).GetNoDataValue()
        self.nodata = 0.0 if nd is None else float(nd)

    def band_set(self):
        return sorted(b for b in self.bands if b != "SCL")

    def require(self, bands):
        missing = [b for b in bands if b not in self.bands]
        if missing:
            raise WealthMapError(tr("The raster {0} lacks the bands {1} (it has {2}). Set the band descriptions "
                                    "(B02, B03, ...) or use a raster with these bands.").format(
                self.name, ", ".join(missing), ", ".join(self.band_set()) or tr("none recognised")))

    def project(self, lon, lat):
        pts = self.to_raster.TransformPoints(np.column_stack([lon, lat]).tolist())
        arr = np.asarray(pts, dtype=np.float64)
        return arr[:, 0], arr[:, 1]

    def read_window(self, x, y, window_m, gsd, bands):
        """Reflectance ``(len(bands), n, n)`` float32 of a square window centred on raster coords (x, y),
        resampled to ``gsd`` metres (``n = round(window_m / gsd)``), and the valid mask ``(n, n)``;
        ``None`` when the window is entirely outside the raster."""
        from osgeo import gdal

        n = max(1, int(round(window_m / gsd)))
        half = window_m / 2.0
        if self.geographic:
            half_x = half / (111320.0 * max(np.cos(np.radians(y)), 0.05))
            half_y = half / 110574.0
        else:
            half_x = half_y = half
        gt = self.gt
        col0 = (x - half_x - gt[0]) / gt[1]
        col1 = (x + half_x - gt[0]) / gt[1]
        row0 = (y + half_y - gt[3]) / gt[5]
        row1 = (y - half_y - gt[3]) / gt[5]
        w, h = self.ds.RasterXSize, self.ds.RasterYSize
        fc0, fc1 = max(0.0, col0), min(float(w), col1)
        fr0, fr1 = max(0.0, row0), min(float(h), row1)
        if fc1 - fc0 < 1 or fr1 - fr0 < 1:
            return None, None
        c0, c1 = int(round(fc0)), max(int(round(fc0)) + 1, int(round(fc1)))
        r0, r1 = int(round(fr0)), max(int(round(fr0)) + 1, int(round(fr1)))
        c1, r1 = min(w, c1), min(h, r1)
        out = np.zeros((len(bands), n, n), dtype=np.float32)
        valid = np.zeros((n, n), dtype=bool)
        # Destination pixels covered by the part of the window inside the raster.
        dc0 = max(0, int(round((fc0 - col0) / (col1 - col0) * n)))
        dc1 = min(n, max(dc0 + 1, int(round((fc1 - col0) / (col1 - col0) * n))))
        dr0 = max(0, int(round((fr0 - row0) / (row1 - row0) * n)))
        dr1 = min(n, max(dr0 + 1, int(round((fr1 - row0) / (row1 - row0) * n))))
        bw, bh = dc1 - dc0, dr1 - dr0
        raw = self.ds.ReadAsArray(c0, r0, c1 - c0, r1 - r0, buf_xsize=bw, buf_ysize=bh,
                                  band_list=[self.bands[b] for b in bands],
                                  resample_alg=gdal.GRIORA_Bilinear).astype(np.float32)
        raw = raw.reshape(len(bands), bh, bw)
        ok = np.all(raw != self.nodata, axis=0) & np.all(np.isfinite(raw), axis=0)
        out[:, dr0:dr1, dc0:dc1] = raw * self.scale - self.offset
        valid[dr0:dr1, dc0:dc1] = ok
        if "SCL" in self.bands:
            scl = self.ds.GetRasterBand(self.bands["SCL"]).ReadAsArray(c0, r0, c1 - c0, r1 - r0, buf_xsize=bw,
                                                                       buf_ysize=bh)
            # 0 no data, 1 saturated, 3 cloud shadow, 8/9 cloud, 10 cirrus
            valid[dr0:dr1, dc0:dc1] &= ~np.isin(scl, (0, 1, 3, 8, 9, 10))
        return out, valid


def check_same_bands(sources):
    """Rasters used together must offer the same bands."""
    if len(sources) < 2:
        return
    first = sources[0].band_set()
    for src in sources[1:]:
        if src.band_set() != first:
            raise WealthMapError(tr("The rasters have different bands: {0} has {1}, {2} has {3}. Use rasters with "
                                    "the same bands (the same product and band order).").format(
                sources[0].name, ", ".join(first), src.name, ", ".join(src.band_set())))


def cloud_mask(refl, band_names):
    """Bright-and-white pixels (a documented brightness test used when no SCL band exists):
    blue reflectance above 0.25 and visible bands within 20 % of each other."""
    idx = {b: i for i, b in enumerate(band_names)}
    if "B02" not in idx:
        return np.zeros(refl.shape[1:], dtype=bool)
    blue = refl[idx["B02"]]
    vis = [refl[idx[b]] for b in ("B02", "B03", "B04") if b in idx]
    spread = (np.max(vis, axis=0) - np.min(vis, axis=0)) / np.maximum(np.mean(vis, axis=0), 1e-6)
    return (blue > 0.25) & (spread < 0.2)


def spectral_stats(refl, valid, band_names):
    """NDVI, NDBI, NDWI mean and standard deviation over the valid pixels (6 values)."""
    idx = {b: i for i, b in enumerate(band_names)}
    g, r, nir, swir = (refl[idx[b]][valid] for b in SPECTRAL_BANDS)
    out = []
    for a, b in ((nir, r), (swir, nir), (g, nir)):
        index = (a - b) / np.maximum(a + b, 1e-6)
        out += [float(index.mean()), float(index.std())] if index.size else [np.nan, np.nan]
    return out


def chip_grid(n, chip, per_side):
    """Top-left offsets of ``per_side`` x ``per_side`` chips spread evenly over an ``n`` px window."""
    if chip >= n:
        return [0]
    if per_side <= 1:
        return [(n - chip) // 2]
    return [int(round(v)) for v in np.linspace(0, n - chip, per_side)]


class FeatureSettings:
    """How features are made; part of the cache key and stored in the manifest."""

    def __init__(self, window_m=6000.0, chips_per_side=3, min_valid=0.5, chip_min_valid=0.7):
        self.window_m = float(window_m)
        self.chips_per_side = int(chips_per_side)
        self.min_valid = float(min_valid)
        self.chip_min_valid = float(chip_min_valid)

    def as_dict(self):
        return {"window_m": self.window_m, "chips_per_side": self.chips_per_side, "min_valid": self.min_valid,
                "chip_min_valid": self.chip_min_valid, "version": FEATURE_VERSION}


def feature_names(embedder_dim, extra=()):
    return ["emb_{:04d}".format(i) for i in range(embedder_dim)] + list(SPECTRAL_NAMES) + list(extra)


def point_features(survey, raster_paths, embedder, settings=None, cache=None, feedback=None, batch_chips=64):
    """Features of every survey point that a raster covers.

    Returns ``(X, keep, reasons, timings)``: ``X`` float32 ``(n_kept, dim + 6)``, ``keep`` a bool
    mask over the survey's points, ``reasons`` ``{index: why the point was left out}``, and
    ``timings`` (seconds reading, embedding, and how many points came from the cache).
    """
    settings = settings or FeatureSettings()
    if not raster_paths:
        raise WealthMapError(tr("No raster given: pick one or more Sentinel-2 rasters that cover the survey points."))
    sources = [RasterSource(p) for p in raster_paths]
    check_same_bands(sources)
    chip_bands = list(embedder.bands)
    bands = list(dict.fromkeys(chip_bands + SPECTRAL_BANDS + ["B02"]))
    for src in sources:
        src.require(bands)
    chip_idx = [bands.index(b) for b in chip_bands]
    n = len(survey)
    dim = int(embedder.dim)
    X = np.full((n, dim + len(SPECTRAL_NAMES)), np.nan, dtype=np.float32)
    reasons = {}
    timings = {"read_s": 0.0, "embed_s": 0.0, "cached_points": 0, "embedded_chips": 0}
    projected = [src.project(survey.lon, survey.lat) for src in sources]
    window_px = max(1, int(round(settings.window_m / embedder.gsd)))
    if window_px < int(embedder.chip_px):
        raise WealthMapError(tr("The context window ({0:.0f} m) is smaller than one chip of the embedder ({1} px at "
                                "{2} m). Use a window of at least {3:.0f} m.").format(
            settings.window_m, embedder.chip_px, embedder.gsd, embedder.chip_px * embedder.gsd))
    offsets = chip_grid(window_px, int(embedder.chip_px), settings.chips_per_side)
    pending = []  # (point index, source index, chips array, spectral)

    def flush():
        if not pending:
            return
        t0 = time.monotonic()
        chips = np.concatenate([p[2] for p in pending], axis=0)
        emb = np.asarray(embedder.embed(chips), dtype=np.float32)
        timings["embed_s"] += time.monotonic() - t0
        timings["embedded_chips"] += len(chips)
        start = 0
        rows = []
        for i, s, c, spec in pending:
            row = np.concatenate([emb[start:start + len(c)].mean(axis=0), np.asarray(spec, dtype=np.float32)])
            start += len(c)
            X[i] = row
            rows.append((i, s, row))
        if cache is not None:
            cache.put_many([(cache.key(sources[s], survey.lon[i], survey.lat[i], settings, embedder), r)
                            for i, s, r in rows])
        pending.clear()

    for i in range(n):
        if i % 16 == 0:
            check_cancel(feedback)
            if feedback is not None:
                feedback.setProgress(100.0 * i / max(n, 1))
        reason = tr("outside every raster")
        for s, src in enumerate(sources):
            x, y = projected[s][0][i], projected[s][1][i]
            if not (np.isfinite(x) and np.isfinite(y)):
                continue
            key = cache.key(src, survey.lon[i], survey.lat[i], settings, embedder) if cache is not None else None
            if key is not None:
                hit = cache.get(key)
                if hit is not None:
                    if isinstance(hit, str):
                        reason = hit
                        continue
                    X[i] = hit
                    timings["cached_points"] += 1
                    reason = None
                    break
            t0 = time.monotonic()
            refl, valid = src.read_window(x, y, settings.window_m, embedder.gsd, bands)
            if refl is None:
                continue
            valid &= ~cloud_mask(refl, bands)
            timings["read_s"] += time.monotonic() - t0
            if valid.mean() < settings.min_valid:
                reason = tr("clouds or nodata over {0:.0f}% of the window in {1}").format(
                    100 * (1 - valid.mean()), src.name)
                if cache is not None:
                    cache.put_many([(key, reason)])
                continue
            chips = []
            size = int(embedder.chip_px)
            for r0 in offsets:
                for c0 in offsets:
                    v = valid[r0:r0 + size, c0:c0 + size]
                    if v.size and v.mean() >= settings.chip_min_valid:
                        chip = refl[chip_idx, r0:r0 + size, c0:c0 + size].copy()
                        chip[:, ~v] = np.nan  # invalid pixels: the embedder fills them as in prediction
                        chips.append(chip)
            if not chips:
                reason = tr("no chip with enough valid pixels in {0}").format(src.name)
                continue
            pending.append((i, s, np.stack(chips).astype(np.float32), spectral_stats(refl, valid, bands)))
            reason = None
            break
        if reason is not None:
            reasons[i] = reason
        if sum(len(p[2]) for p in pending) >= batch_chips:
            flush()
    flush()
    keep = np.ones(n, dtype=bool)
    keep[list(reasons)] = False
    return X[keep], keep, reasons, timings
