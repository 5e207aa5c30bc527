"""A prediction over a region fanned out on Dask: partitions run by the same core ``predict``, resumable.

:func:`predict_distributed` plans the whole region (the same checks and chip limit as an in-process run),
cuts the plan into square tiles (:mod:`.partition`), skips the tiles the run folder's manifest records as
done (:mod:`.run_manifest`), submits the others to the scheduler (:mod:`.cluster`) and writes each part
as its future completes (then releases the future: a finished part is not recomputed when a worker is
lost). A worker lost mid-run is restarted by its nanny and its partition re-run elsewhere; a partition
whose workers keep dying (Dask's KilledWorker) is reported, the others finish, and running the same
prediction again runs only what is missing. The parts are merged into one GeoPackage (and GeoTIFF) in
plan order (:mod:`.merge`): the same chips, ids and values as an in-process run.
"""

import hashlib
import os
import time

from ... import log, outputs
from ... import validate as check
from ...errors import WealthMapError
from ...i18n import tr, tr_noop
from ...tasks import check_cancel
from .partition import DEFAULT_TILE, tiles

CODE_VERSION = 1


def _raster_inputs(raster):
    from ..mosaic import is_mosaic_request, raster_paths
    from ..raster import RasterSource

    if isinstance(raster, RasterSource):
        raise WealthMapError(tr("A distributed run needs the raster's path or URL (the workers open it), not an "
                                "opened raster."))
    if is_mosaic_request(raster):
        return raster_paths(raster)
    if isinstance(raster, (list, tuple)):
        return [str(r) for r in raster]
    return [str(raster)]


def _region_wkt(geometry, cells, grid):
    from qgis.core import QgsGeometry, QgsRectangle

    c0, c1, r0, r1 = cells
    xa, ya, _, _ = grid.bounds(c0, r1 - 1)
    _, _, xb, yb = grid.bounds(c1 - 1, r0)
    part = geometry.intersection(QgsGeometry.fromRect(QgsRectangle(min(xa, xb), min(ya, yb), max(xa, xb),
                                                                   max(ya, yb))))
    return part.asWkt(17)


def definition(layout, inputs, bundle, options):
    """What makes a run the same run (its manifest key)."""
    from .run_manifest import fingerprint

    grid = layout["grid"]
    return {
        "code": CODE_VERSION, "inputs": [fingerprint(p) for p in inputs],
        "bundle": {"id": bundle.id, "files": {k: v.get("sha256") for k, v in bundle.manifest["files"].items()}},
        "grid_srs": layout["srs"].ExportToWkt(), "origin": [grid.origin_x, grid.origin_y], "chip_m": grid.chip_m,
        "region_sha256": hashlib.sha256(layout["geometry"].asWkt(17).encode("utf-8")).hexdigest(),
        "n_chips": layout["n_chips"], "options": options,
    }


def default_run_folder(output):
    return os.path.splitext(str(output))[0] + ".wealthmap-run"


def predict_distributed(feedback, raster, region=None, region_crs=None, bundle=None, output=None, layer_name=None,
                        geotiff=None, band_map=None, scale=None, offset=None, max_chips=None, min_valid=None,
                        max_cloud=None, use_cuda=None, batch_size=16, scheduler="local", workers=None, threads=None,
                        tile_chips=DEFAULT_TILE, run_folder=None, covariates=None):
    """Predict like :func:`wealthmap.core.wealth.predict.predict`, partitioned on a Dask scheduler.

    :param scheduler: ``"local"`` (a LocalCluster of ``workers`` processes on 127.0.0.1) or a scheduler address
        (``tcp://host:8786``).
    :param workers: local worker processes (default: the physical cores).
    :param threads: onnxruntime threads per partition (default: the host's cores / its task slots).
    :param tile_chips: side of a partition's square tile, in chips.
    :param run_folder: where the parts and the run manifest are kept (default: beside the output,
        ``<output>.wealthmap-run``); a rerun with the same folder skips the finished parts.
    :param covariates: as predict's: matched and checked (coverage, value range) here over the whole region,
        then each partition's worker samples them for its chips.
    Returns predict's summary plus ``distributed`` (scheduler, parts, parts_run, parts_skipped, pids...).
    """
    from ... import deps
    from ...settings import WEALTH_MAX_CHIPS, WEALTH_MAX_CLOUD, WEALTH_MIN_VALID, WEALTH_USE_CUDA
    from ..predict import (
        _is_prediction,
        _settings_default,
        guard_outputs,
        layer_title,
        make_renderer,
        plan,
        style_layer,
        style_qml,
    )
    from . import cluster
    from .merge import merge
    from .run_manifest import RunManifest

    deps.require("wealth")
    cluster.require_dask()
    started = time.perf_counter()
    if cluster.kind(scheduler) == "inprocess":
        raise WealthMapError(tr("A distributed run needs a scheduler: 'local' or a cluster address."))
    where = "predict_wealth"
    batch_size = check.integer(batch_size, "batch_size", 1, 4096, where=where,
                               hint=tr("It is the number of chips per model call; 16 is a good value."))
    for key, value in (("output", output), ("geotiff", geotiff), ("layer_name", layer_name)):
        check.text(value, key, where=where, allow_none=True, allow_empty=True)
    max_chips = check.integer(_settings_default(WEALTH_MAX_CHIPS, max_chips), "max_chips", 0, 10 ** 9,
                              where=where, hint=tr("0 means no limit."))
    min_valid = check.fraction(_settings_default(WEALTH_MIN_VALID, min_valid), "min_valid", where=where)
    max_cloud = check.fraction(_settings_default(WEALTH_MAX_CLOUD, max_cloud), "max_cloud", where=where)
    use_cuda = _settings_default(WEALTH_USE_CUDA, use_cuda)
    use_cuda = check.boolean(use_cuda, "use_cuda", where=where) if not isinstance(use_cuda, str) else \
        use_cuda.strip().lower() in ("true", "1", "yes")
    try:
        tile_chips = int(tile_chips)
    except (TypeError, ValueError):
        tile_chips = 0
    if tile_chips < 1:
        raise WealthMapError(tr("The partition size must be a whole number of chips of at least 1 (16 is a good "
                                "value)."))
    source_fingerprint = None
    if hasattr(raster, "paths") and callable(raster.paths):  # a source object (STAC search result...)
        from . import resolve_source

        source_fingerprint = str(raster.fingerprint()) if hasattr(raster, "fingerprint") else None
        raster = resolve_source(raster)
        raster = raster[0] if len(raster) == 1 else raster
    inputs = _raster_inputs(raster)
    layout = plan(raster, region, region_crs, bundle, band_map, scale, offset, max_chips, feedback)
    bundle, grid, n_chips = layout["bundle"], layout["grid"], layout["n_chips"]
    from .. import covariates as covmod
    from ..embed import check_features
    from ..features import context_radius

    check_features(bundle)
    covs = covmod.match(bundle.manifest.get("covariates") or [], covariates)
    guard_outputs(raster, bundle, output, geotiff, covs)
    if covs:
        covmod.prepare_prediction(covs, layout, context_radius(bundle))
    cov_paths = {c.name: c.path for c in covs} or None
    if max_chips and n_chips > max_chips:
        raise WealthMapError(tr("The region needs {0} chips, more than the limit of {1} (setting "
                                "'WealthMap/wealth/max_chips', parameter MAX_CHIPS / max_chips). Draw a smaller "
                                "region or raise the limit.").format(n_chips, max_chips))
    temporary = output is None or output == ""
    if temporary:  # in the profile's bounded temporary folder, as an in-process run
        output = outputs.temporary_output("wealthmap_wealth_", ".gpkg")
    output = str(output)
    if not output.lower().endswith(".gpkg"):
        raise WealthMapError(tr("The output must be a GeoPackage (.gpkg), not '{0}'.").format(output))
    # a prediction replaces the whole file: not one that holds other data (as an in-process run)
    outputs.check_replaceable(output, _is_prediction, tr_noop("output GeoPackage"), single_ok=False)
    layer_name = layer_name or ("wealth_demo_not_a_wealth_estimate" if bundle.is_demo else "wealth")
    options = {"band_map": band_map, "scale": scale, "offset": offset, "min_valid": min_valid,
               "max_cloud": max_cloud, "tile": tile_chips, "layer_name": layer_name, "source": source_fingerprint,
               "covariates": sorted(cov_paths.items()) if cov_paths else None}
    run_folder = run_folder or default_run_folder(output)
    try:
        manifest = RunManifest(run_folder, definition(layout, inputs, bundle, options))
    except OSError as err:
        raise WealthMapError(tr("Cannot write the run folder {0} ({1}). Choose an output in a folder you can write "
                                "to, or give another run folder.").format(run_folder, err)) from err
    plan_tiles = tiles(layout["rows"], tile_chips)
    todo = [t for t in plan_tiles if not manifest.is_done(t["key"])]
    skipped = len(plan_tiles) - len(todo)
    grid_wkt = layout["srs"].ExportToWkt()
    base = {"raster": raster if not isinstance(raster, (list, tuple)) else list(raster), "grid_srs": grid_wkt,
            "bundle": bundle.path, "layer_name": layer_name, "band_map": band_map, "scale": scale, "offset": offset,
            "min_valid": min_valid, "max_cloud": max_cloud, "use_cuda": use_cuda, "batch_size": batch_size,
            "threads": threads, "covariates": cov_paths}
    done_chips = sum(t["n_chips"] for t in plan_tiles if manifest.is_done(t["key"]))
    run_info = {"scheduler": str(scheduler), "parts": len(plan_tiles), "parts_skipped": skipped, "parts_run": 0,
                "parts_failed": [], "tile_chips": tile_chips, "run_folder": run_folder, "pids": [],
                "part_seconds": [], "workers": None, "connect_s": None}
    if todo:
        check_cancel(feedback)
        t0 = time.perf_counter()
        connection = cluster.Connection(scheduler, workers)
        run_info["connect_s"] = time.perf_counter() - t0
        try:
            slots = connection.slots()
            run_info["workers"] = sum(slots.values())
            if threads is None and connection.kind == "local":
                from ..embed import physical_cores

                base["threads"] = max(1, physical_cores() // max(1, connection.workers))
            base["slots"] = slots
            done_chips = _run_parts(connection.client, todo, base, layout, manifest, run_info, feedback, done_chips,
                                    n_chips)
        finally:
            connection.close()
    if run_info["parts_failed"]:
        raise WealthMapError(tr("{0} of {1} partitions failed ({2}); the {3} finished ones are kept in {4}. Run the "
                                "same prediction again to finish the rest.").format(
            len(run_info["parts_failed"]), len(plan_tiles), "; ".join(run_info["parts_failed"][:3]),
            len(manifest.parts), run_folder), details={"distributed": run_info})
    check_cancel(feedback)
    style = style_layer(bundle)
    fixed_qml = None
    if bundle.class_breaks:
        style.setRenderer(make_renderer(None, bundle))
        fixed_qml = style_qml(style)
    t0 = time.perf_counter()
    parts = [(t, manifest.part_path(t["key"])) for t in plan_tiles]
    values, statuses = merge(parts, layout, bundle, output, layer_name, geotiff, fixed_qml, style, feedback)
    run_info["merge_s"] = time.perf_counter() - t0
    from ..chips import STATUS_OK

    used = statuses.get(STATUS_OK, 0)
    if used == 0:
        raise WealthMapError(tr("All {0} chips of the region are cloudy or without data (valid below {1:.0%} or "
                                "clouds above {2:.0%}); nothing to predict. Use a clearer scene, check the raster's "
                                "nodata value, or relax the thresholds.").format(n_chips, min_valid, max_cloud),
                             details={"output": output, "statuses": statuses})
    import numpy as np

    arr = np.asarray(values, dtype=float)
    elapsed = time.perf_counter() - started
    log.info(tr("Distributed prediction: {0} partitions ({1} run, {2} already done) on {3}, {4} chips in {5:.1f} "
                "s.").format(len(plan_tiles), run_info["parts_run"], skipped, scheduler, n_chips, elapsed))
    return {
        "output": output, "layer_name": layer_name, "temporary": temporary,
        "geotiff": str(geotiff) if geotiff else None,
        "chips": n_chips, "chips_used": used, "chips_skipped": n_chips - used, "statuses": statuses,
        "mean": float(arr.mean()), "median": float(np.median(arr)), "min": float(arr.min()), "max": float(arr.max()),
        "area_km2": float(layout["area_km2"]), "chip_km": grid.chip_m / 1000.0, "crs": grid_wkt,
        "model_id": bundle.id, "model_status": bundle.status, "model_label": bundle.label(),
        "title": layer_title(bundle), "is_demo": bundle.is_demo, "units": bundle.manifest["output"].get("units", ""),
        "seconds": elapsed, "chips_per_s": n_chips / elapsed if elapsed > 0 else None, "advice": [],
        "distributed": run_info,
    }


def _run_parts(client, todo, base, layout, manifest, run_info, feedback, done_chips, n_chips):
    """Submit the partitions, write each part as it completes, follow progress and cancel; returns chips done."""
    from .collect import run_futures
    from .worker import run_partition

    grid = layout["grid"]
    jobs = [(tile["key"], dict(base, name=tile["key"], n_chips=tile["n_chips"],
                               region=_region_wkt(layout["geometry"], tile["cells"], grid))) for tile in todo]
    done = [done_chips]

    def on_done(name, result):
        manifest.record(name, result["data"], chips=result["chips"], pid=result["pid"],
                        seconds=round(result["seconds"], 4))
        run_info["parts_run"] += 1
        run_info["pids"].append(result["pid"])
        run_info["part_seconds"].append(result["seconds"])
        if result.get("rss_mb") is not None:
            peaks = run_info.setdefault("peak_rss_mb", {})
            peaks[str(result["pid"])] = max(peaks.get(str(result["pid"]), 0), result["rss_mb"])
        done[0] += result["chips"]
        if feedback is not None:
            feedback.setProgress(95.0 * done[0] / max(1, n_chips))

    def cancelled():
        return tr("Cancelled: {0} of {1} partitions are finished and kept in {2}; run the same prediction again to "
                  "resume.").format(len(manifest.parts), run_info["parts"], manifest.folder)

    run_info["parts_failed"] += run_futures(client, jobs, run_partition, on_done, feedback, cancelled)
    return done[0]
