"""Console entry point of wealth prediction (``wealthmap.api.predict_wealth`` delegates here)."""

from .predict import predict


def predict_wealth(raster, region=None, region_crs=None, bundle=None, output=None, geotiff=None, band_map=None,
                   scale=None, offset=None, max_chips=None, min_valid=None, max_cloud=None, use_cuda=None,
                   batch_size=16, feedback=None):
    """Predict a wealth index per chip over ``region`` of a Sentinel-2 ``raster``; returns a summary dict.

    ``raster``: a STAC query (``core.stac.search.StacQuery`` or a dict ``{"stac": ..., "datetime": ...}``: a
    composite of the region is made first, see ``core.stac.composite``), a ``QgsRasterLayer`` or a raster
    path (a Sentinel-2 product's zip too), or a list of them:
    several tiles or products mosaicked on one grid, the first one given winning where they overlap.
    ``region``: ``QgsGeometry``, ``QgsRectangle``, ``(xmin, ymin, xmax, ymax)`` or WKT in ``region_crs`` (default: the
    whole raster). ``output``: GeoPackage path (``None``: a temporary file). See
    :func:`wealthmap.core.wealth.predict.predict` for every parameter. The result has
    ``output``, ``layer_name``, ``chips``, ``chips_used``, ``chips_skipped``, ``mean``,
    ``median``, ``area_km2``, ``model_id``, ``model_status``, ``title``...

    Example::

        import wealthmap.api as wm
        from wealthmap.core.wealth.predict import load_output_layer
        result = wm.predict_wealth(layer, region=iface.mapCanvas().extent(),
                                   region_crs=iface.mapCanvas().mapSettings().destinationCrs(),
                                   output="/tmp/wealth.gpkg")
        QgsProject.instance().addMapLayer(load_output_layer(result))
    """
    from ..stac.search import is_query

    if is_query(raster):  # a STAC query: the region's composite is made (or reused from the cache) first
        from ..stac.composite import composite_for_prediction

        raster = composite_for_prediction(raster, region, region_crs, bundle, feedback)
    first = raster[0] if isinstance(raster, (list, tuple)) and raster else raster
    if region is not None and region_crs is None and hasattr(first, "crs") and callable(first.crs):
        region_crs = first.crs()
    if isinstance(raster, (list, tuple)):
        raster = [r.source() if hasattr(r, "source") and callable(r.source) else r for r in raster]
    elif hasattr(raster, "source") and callable(raster.source):
        raster = raster.source()
    return predict(feedback, raster, region=region, region_crs=region_crs, bundle=bundle, output=output,
                   geotiff=geotiff, band_map=band_map, scale=scale, offset=offset, max_chips=max_chips,
                   min_valid=min_valid, max_cloud=max_cloud, use_cuda=use_cuda, batch_size=batch_size)
