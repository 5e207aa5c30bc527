"""Country- and continent-scale runs on Dask distributed: partitions, run manifest, merge, worker preload.

Entry points: :func:`.run.predict_distributed` (prediction over a region) and
:func:`.features.point_features_distributed` (training features over a survey); ``scheduler`` chooses where
they run (:mod:`.cluster`). Dask is optional: without it, everything runs in-process as before.

Source hook (for STAC searches and other readers built elsewhere): an input that is not a path may be an
object with ``fingerprint()`` (a stable text naming its items and their versions, for the run manifest) and
``paths()`` (the GDAL paths or URLs of its assets, which the workers open); see :func:`resolve_source`.
"""


def resolve_source(raster):
    """The GDAL paths/URLs a run reads: ``raster`` itself, or ``raster.paths()`` for a source object (a STAC
    query's result, ...)."""
    if hasattr(raster, "paths") and callable(raster.paths):
        return list(raster.paths())
    return raster


def is_distributed(scheduler):
    """True when ``scheduler`` asks for Dask (``"local"`` or an address), False for in-process."""
    from .cluster import kind

    return kind(scheduler) != "inprocess"


def predict_with(feedback, raster, scheduler=None, workers=None, threads=None, tile_chips=None, run_folder=None,
                 **kwargs):
    """The one entry point of dock, algorithm, API and headless command: in-process ``predict`` (the default,
    ``scheduler`` None/"inprocess") or :func:`.run.predict_distributed` (``"local"`` or a cluster address).
    ``kwargs``: :func:`wealthmap.core.wealth.predict.predict`'s parameters."""
    if not is_distributed(scheduler):
        raster = resolve_source(raster)
        from ..predict import predict

        return predict(feedback, raster, threads=threads, **kwargs)
    from .partition import DEFAULT_TILE
    from .run import predict_distributed

    return predict_distributed(feedback, raster, scheduler=scheduler, workers=workers, threads=threads,
                               tile_chips=tile_chips or DEFAULT_TILE, run_folder=run_folder, **kwargs)
