"""What runs on a Dask worker: one partition through the same core code as an in-process run.

A task gets plain values (paths, WKT, numbers) and returns plain values: the part's GeoPackage as bytes
(written by :func:`wealthmap.core.wealth.predict.predict` into the worker's temporary folder), so the
workers need no shared folder with the driver, only the rasters and the model bundle at the same paths
(or URLs).
"""

import os
import shutil
import tempfile
import time


def _threads(spec):
    if spec.get("threads"):
        return int(spec["threads"])
    from ..embed import physical_cores

    slots = 1
    try:
        from distributed import get_worker

        worker = get_worker()
        slots = (spec.get("slots") or {}).get(worker.address.rsplit(":", 1)[0].split("//")[-1], worker.state.nthreads)
    except (ImportError, ValueError, AttributeError):
        pass
    return max(1, physical_cores() // max(1, int(slots)))


def peak_rss_mb():
    """The worker process's peak resident memory in MB (Linux: VmHWM, which starts afresh with the worker's
    program, unlike ``getrusage``'s ``ru_maxrss``, kept across exec from the process that spawned it);
    ``None`` elsewhere."""
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except (OSError, ValueError, IndexError):
        pass
    return None


def run_partition(spec):
    """Predict the chips of one tile; returns ``{"name", "data" (GeoPackage bytes), "chips", "statuses",
    "pid", "seconds"}``."""
    from . import worker_preload

    worker_preload.start_qgis()  # a worker started without the preload
    from ...errors import WealthMapError
    from ..predict import predict

    started = time.perf_counter()
    folder = tempfile.mkdtemp(prefix="wealthmap_part_")
    out = os.path.join(folder, spec["name"] + ".gpkg")
    try:
        try:
            result = predict(None, spec["raster"], region=spec["region"], region_crs=spec["grid_srs"],
                             bundle=spec["bundle"], output=out, layer_name=spec["layer_name"],
                             band_map=spec.get("band_map"), scale=spec.get("scale"), offset=spec.get("offset"),
                             max_chips=0, min_valid=spec["min_valid"], max_cloud=spec["max_cloud"],
                             use_cuda=spec.get("use_cuda", False), batch_size=spec.get("batch_size", 16),
                             threads=_threads(spec), grid_srs=spec["grid_srs"], covariates=spec.get("covariates"))
            chips, statuses = result["chips"], result["statuses"]
        except WealthMapError as err:
            details = getattr(err, "details", None) or {}
            if not details.get("statuses") or not os.path.exists(out):
                raise
            chips, statuses = sum(details["statuses"].values()), details["statuses"]  # a tile all cloudy: kept
        if chips != spec["n_chips"]:
            raise WealthMapError("partition {} has {} chips, the plan {}".format(spec["name"], chips, spec["n_chips"]))
        with open(out, "rb") as handle:
            data = handle.read()
        return {"name": spec["name"], "data": data, "chips": chips, "statuses": statuses, "pid": os.getpid(),
                "seconds": time.perf_counter() - started, "rss_mb": peak_rss_mb()}
    finally:
        shutil.rmtree(folder, ignore_errors=True)
