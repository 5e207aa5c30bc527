"""Console entry point of wealth prediction (``wealthmap.api.predict_wealth`` delegates here)."""

from ..i18n import tr
from .distributed import predict_with


def predict_wealth(raster, region=None, region_crs=None, bundle=None, output=None, geotiff=None, band_map=None,
                   scale=None, offset=None, max_chips=None, min_valid=None, max_cloud=None, use_cuda=None,
                   batch_size=16, feedback=None, selected_only=False, covariates=None, scheduler=None, workers=None,
                   threads=None, tile_chips=None, run_folder=None):
    """Predict a wealth index per chip over ``region`` of a Sentinel-2 ``raster``; returns a dict.

    ``raster``: a STAC query (``core.stac.search.StacQuery`` or a dict ``{"stac": ..., "datetime": ...}``: a
    composite of the region is made first, see ``core.stac.composite``), a ``QgsRasterLayer`` or a raster
    path (a Sentinel-2 product's zip too), or a list of them:
    several tiles or products mosaicked on one grid, the first one given winning where they overlap.
    ``region``: ``None`` (the whole raster), a polygon ``QgsVectorLayer`` (all its features, or the selected
    ones with ``selected_only=True``; its CRS is used), a ``QgsGeometry``, ``QgsRectangle``,
    ``(xmin, ymin, xmax, ymax)`` or WKT in ``region_crs`` (default: the raster layer's CRS).
    ``covariates``: for a model trained with covariate rasters, a raster for each, by name
    (``{"nightlights": "viirs.tif"}``, or a list of paths/layers named like them); refused when
    one is missing, does not cover the region, or has values far outside those of training.
    See :func:`wealthmap.api.predict_wealth` for every parameter.

    ``scheduler``: ``None`` (in-process, default), ``"local"`` (``workers`` processes on this machine) or a Dask
    scheduler's address ``"tcp://host:8786"``: the region is cut into tiles of ``tile_chips`` x ``tile_chips``
    chips run in parallel, kept in ``run_folder`` (default ``<output>.wealthmap-run``) so that a rerun resumes;
    the result then has ``distributed`` (partitions run, skipped...). See docs/distributed.md.

    The result has the summary figures of :func:`wealthmap.core.wealth.predict.predict` (``output``,
    ``chips``, ``chips_used``, ``mean``, ``coverage``, ``model_status``, ``title``...) and, as every job's result,
    ``layer`` (the output opened as a ``QgsVectorLayer``, styled, not yet added to the project), ``path``
    (the GeoPackage; ``output`` is the same) and ``summary`` (a sentence).
    """
    from qgis.core import QgsVectorLayer

    first = raster[0] if isinstance(raster, (list, tuple)) and raster else raster
    if isinstance(region, QgsVectorLayer):
        from .region import layer_region

        region, region_crs = layer_region(region, selected_only=selected_only)
    from ..stac.search import is_query

    if is_query(raster):  # a STAC query: the region's composite is made (or reused from the cache) first
        from ..stac.composite import composite_for_prediction

        raster = composite_for_prediction(raster, region, region_crs, bundle, feedback)
        first = raster
    if region is not None and region_crs is None and hasattr(first, "crs") and callable(first.crs):
        region_crs = first.crs()
    if isinstance(raster, (list, tuple)):
        raster = [r.source() if hasattr(r, "source") and callable(r.source) else r for r in raster]
    elif hasattr(raster, "source") and callable(raster.source):
        raster = raster.source()
    result = predict_with(feedback, raster, scheduler=scheduler, workers=workers, threads=threads,
                          tile_chips=tile_chips, run_folder=run_folder, region=region, region_crs=region_crs,
                          bundle=bundle, output=output, geotiff=geotiff, band_map=band_map, scale=scale,
                          offset=offset, max_chips=max_chips, min_valid=min_valid, max_cloud=max_cloud,
                          use_cuda=use_cuda, batch_size=batch_size, covariates=covariates)
    from .predict import load_output_layer

    result["layer"] = load_output_layer(result)
    result["path"] = result["output"]
    result["summary"] = summary(result)
    return result


def summary(result):
    """One sentence on a prediction: chips, mean and median, and what a user must know (demo, weak, coverage)."""
    text = tr("{0}: {1} chips, {2} used, {3} skipped; mean {4:.4g}, median {5:.4g}.").format(
        result["title"], result["chips"], result["chips_used"], result["chips_skipped"], result["mean"],
        result["median"])
    if result.get("coverage_note"):
        text += " " + result["coverage_note"]
    if result.get("note"):
        text += " " + result["note"]
    return text
