"""Training features of a survey on Dask: groups of points run by the same core ``point_features``.

The points are grouped by the first raster that covers them (each worker opens each raster, tile or product
once per group) and, within a raster, in square blocks of 8 x 8 chip cells (neighbours share their context
chips), in groups of at most ``group_size`` points. Every group gets all rasters in the given order, so a
point's features come from the same raster as in-process (the first one that covers it with usable
imagery). Each group's result is written to the run folder (``.npy`` bytes, no pickle) and recorded in its
manifest: a rerun skips the finished groups. The feature cache of in-process training is not used on the
workers; the run folder plays its part.
"""

import io
import os
import tempfile
import time

import numpy as np

from ...errors import WealthMapError
from ...i18n import tr
from .partition import point_groups

DEFAULT_GROUP = 256


class _Points:
    """The part of a survey ``point_features`` reads: ``lon``, ``lat`` and a length."""

    def __init__(self, lon, lat):
        self.lon = np.asarray(lon, dtype=np.float64)
        self.lat = np.asarray(lat, dtype=np.float64)

    def __len__(self):
        return len(self.lon)


def _first_cover(raster_paths, bundle, lon, lat):
    """``[(index, raster index or -1, cell)]``: the first raster whose grid holds each point."""
    from ..features import _point_cells
    from ..raster import RasterSource

    pending = np.arange(len(lon))
    found = []
    for s, path in enumerate(raster_paths):
        if not len(pending):
            break
        cells, _ = _point_cells(RasterSource(path), lon[pending], lat[pending], bundle.chip_m, bundle.chip_px,
                                bundle.gsd_m)
        left = []
        for j, i in enumerate(pending):
            if cells[j] is None:
                left.append(i)
            else:
                key, col, row = cells[j]
                found.append((int(i), s, (str(key), row, col)))
        pending = np.asarray(left, dtype=int)
    found += [(int(i), -1, ("", 0, 0)) for i in pending]
    return found


def run_point_group(spec):
    """On a worker: features of one group of points; returns ``{"data" (.npy bytes of X, NaN rows for points left
    out), "keep", "reasons", "pid", "seconds"}``."""
    from . import worker_preload

    worker_preload.start_qgis()
    from ..bundle import ModelBundle, load_bundle
    from ..embed import Embedder
    from ..features import FeatureSettings, point_features
    from .worker import _threads

    started = time.perf_counter()
    bundle = load_bundle(spec["bundle"])  # checked (sha256), then narrowed as the driver's (training_bundle)
    if spec.get("manifest"):
        bundle = ModelBundle(bundle.path, spec["manifest"])
    settings = FeatureSettings(**{k: spec["settings"][k] for k in ("context_chips", "min_valid", "max_cloud")})
    embedder = Embedder(bundle, batch_size=spec.get("batch_size", 16), threads=_threads(spec))
    points = _Points(spec["lon"], spec["lat"])
    X, keep, reasons, _ = point_features(points, spec["rasters"], bundle, settings, None, None, embedder=embedder,
                                         batch_size=spec.get("batch_size", 16))
    full = np.full((len(points), X.shape[1]), np.nan, dtype=np.float32)
    full[keep] = X
    buffer = io.BytesIO()
    np.save(buffer, full, allow_pickle=False)
    return {"data": buffer.getvalue(), "keep": [bool(k) for k in keep],
            "reasons": {str(int(i)): str(why) for i, why in reasons.items()}, "pid": os.getpid(),
            "seconds": time.perf_counter() - started}


def point_features_distributed(survey, raster_paths, bundle, settings=None, feedback=None, scheduler="local",
                               workers=None, threads=None, group_size=DEFAULT_GROUP, run_folder=None,
                               batch_size=16):
    """:func:`wealthmap.core.wealth.features.point_features` on Dask; the same ``(X, keep, reasons, timings)``
    (``timings`` has ``distributed``: groups, groups run and skipped, pids)."""
    import hashlib
    import json

    from ..features import FeatureSettings, embedder_signature
    from . import cluster
    from .run_manifest import RunManifest, fingerprint

    cluster.require_dask()
    settings = settings or FeatureSettings()
    if not raster_paths:
        raise WealthMapError(tr("No raster given: pick one or more Sentinel-2 rasters that cover the survey points."))
    paths = [str(getattr(p, "path", p)) for p in raster_paths]  # RasterSource objects or paths
    lon, lat = np.asarray(survey.lon, dtype=np.float64), np.asarray(survey.lat, dtype=np.float64)
    n = len(lon)
    groups = point_groups(_first_cover(paths, bundle, lon, lat), group_size)
    points_sha = hashlib.sha256(lon.tobytes() + lat.tobytes()).hexdigest()
    definition = {"kind": "training-features", "inputs": [fingerprint(p) for p in paths],
                  "bundle": embedder_signature(bundle),
                  "features": list(bundle.manifest["features"]), "settings": settings.as_dict(), "points": points_sha,
                  "group_size": int(group_size)}
    if run_folder is None:
        run_folder = os.path.join(tempfile.gettempdir(), "wealthmap_features_" + hashlib.sha256(
            json.dumps(definition, sort_keys=True).encode("utf-8")).hexdigest()[:16])
    manifest = RunManifest(run_folder, definition)
    named = [("g{:05d}".format(g), asset, idx) for g, (asset, idx) in enumerate(groups)]
    todo = [(name, asset, idx) for name, asset, idx in named if not manifest.is_done(name)]
    info = {"scheduler": str(scheduler), "groups": len(named), "groups_skipped": len(named) - len(todo),
            "groups_run": 0, "groups_failed": [], "pids": [], "run_folder": run_folder}
    if todo:
        connection = cluster.Connection(scheduler, workers)
        try:
            slots = connection.slots()
            if threads is None and connection.kind == "local":
                from ..embed import physical_cores

                threads = max(1, physical_cores() // max(1, connection.workers))
            base = {"rasters": paths, "bundle": bundle.path, "manifest": bundle.manifest,
                    "settings": settings.as_dict(), "threads": threads, "slots": slots, "batch_size": batch_size}
            jobs = [(name, dict(base, lon=lon[idx].tolist(), lat=lat[idx].tolist())) for name, _, idx in todo]

            def on_done(name, result):
                manifest.record(name, result["data"], keep=result["keep"], reasons=result["reasons"],
                                pid=result["pid"])
                info["groups_run"] += 1
                info["pids"].append(result["pid"])
                if feedback is not None:
                    feedback.setProgress(100.0 * len(manifest.parts) / max(1, len(named)))

            def cancelled():
                return tr("Cancelled: {0} of {1} groups of points are finished and kept in {2}; run the same "
                          "training again to resume.").format(len(manifest.parts), len(named), run_folder)

            from .collect import run_futures

            info["groups_failed"] = run_futures(connection.client, jobs, run_point_group, on_done, feedback,
                                                cancelled)
        finally:
            connection.close()
    if info["groups_failed"]:
        raise WealthMapError(tr("{0} of {1} groups of points failed ({2}); the finished ones are kept in {3}. Run the "
                                "same training again to finish the rest.").format(
            len(info["groups_failed"]), len(named), "; ".join(info["groups_failed"][:3]), run_folder))
    X, keep, reasons = None, np.zeros(n, dtype=bool), {}
    for name, _, idx in named:
        entry = manifest.parts[name]
        with open(manifest.part_path(name), "rb") as handle:
            part = np.load(io.BytesIO(handle.read()), allow_pickle=False)
        if X is None:
            X = np.full((n, part.shape[1]), np.nan, dtype=np.float32)
        X[idx] = part
        keep[idx] = entry["keep"]
        for local, why in entry["reasons"].items():
            reasons[int(idx[int(local)])] = why
    timings = {"read_s": 0.0, "embed_s": 0.0, "cached_points": 0, "embedded_chips": 0, "distributed": info}
    return X[keep], keep, reasons, timings
