"""WealthMap console API: ``import wealthmap.api as wm`` in the QGIS Python console.

Every function here calls the same core function as the dock and the Processing
algorithm of its job, runs synchronously in the calling thread (use the docks or
Processing for background work), and raises :class:`wealthmap.core.errors.WealthMapError`
with a message that says what is wrong and how to fix it. ``feedback`` is an optional
:class:`qgis.core.QgsFeedback` for progress and cancel.

Jobs:

* geocoding: :func:`geocode`, :func:`build_address_index`
* thematic maps: :func:`join_table`, :func:`choropleth`, :func:`bivariate`, :func:`chart_map`, :func:`export_map`
* wealth from imagery: :func:`predict_wealth`, :func:`train_wealth_model`
* Sentinel-2 from STAC: :func:`stac_search`, :func:`stac_composite`, :func:`stac_point_imagery` (and a STAC
  query in place of rasters for :func:`predict_wealth` and :func:`train_wealth_model`)
"""

from .core.errors import WealthMapError  # noqa: F401 - re-exported for users

__all__ = [
    "WealthMapError",
    "geocode",
    "build_address_index",
    "join_table",
    "choropleth",
    "bivariate",
    "chart_map",
    "export_map",
    "predict_wealth",
    "train_wealth_model",
    "stac_search",
    "stac_composite",
    "stac_point_imagery",
]


# --- geocoding -----------------------------------------------------------------------------
def geocode(source, address_fields=None, expression=None, provider="offline", output=None, endpoint=None,
            authcfg=None, index=None, countries=None, viewbox=None, crs="EPSG:4326", unmatched_csv=None,
            min_score=0.6, use_cache=True, feedback=None, **options):
    """Batch geocode an address layer or table; returns a dict (``layer``, ``counts``, ``stats``, ``output``).

    ``source``: a layer, a layer id or a file (CSV in UTF-8 with/without BOM or CP949/EUC-KR, XLSX,
    GeoPackage...). ``address_fields`` (joined with ", ") or ``expression``. ``provider``:
    ``offline`` (default, no network: the bundled world gazetteer plus the ``index`` files built
    with :func:`build_address_index`), ``nominatim``, ``photon``, ``pelias``, ``google``, ``kakao``,
    ``vworld``; ``endpoint`` for a self-hosted server, ``authcfg`` the id of the QGIS
    authentication configuration holding the API key. Every row and attribute is kept, with
    ``status`` (matched/ambiguous/not_found/empty/error), ``score``, ``match_type``,
    ``n_candidates``, ``matched_address``, ``provider``, ``error``. Results are cached on disk:
    a rerun makes no requests and a cancelled run resumes. More options: ``limit``,
    ``ambiguity_margin``, ``workers``, ``rate``, ``timeout``, ``retries``, ``encoding``, ``cache_path``,
    ``sheet`` (the sheet of a workbook; default: the first; also ``book.xlsx|layername=Sheet``).

    Example::

        import wealthmap.api as wm
        idx = wm.build_address_index("liechtenstein.osm.pbf", "/tmp/li.sqlite")["path"]
        result = wm.geocode("addresses.csv", address_fields=["address"], index=idx, output="/tmp/geocoded.gpkg")
        print(result["counts"])   # {'matched': 95, 'ambiguous': 2, 'not_found': 3, 'empty': 0, 'error': 0}
        wm.geocode("addresses.csv", address_fields=["address"], provider="nominatim",
                   endpoint="http://127.0.0.1:8089")
    """
    from .core.geocode.api import geocode as impl

    return impl(source, address_fields=address_fields, expression=expression, provider=provider, output=output,
                endpoint=endpoint, authcfg=authcfg, index=index, countries=countries, viewbox=viewbox, crs=crs,
                unmatched_csv=unmatched_csv, min_score=min_score, use_cache=use_cache, feedback=feedback, **options)


def build_address_index(source, output, address_fields=None, x_field=None, y_field=None, country=None,
                        feedback=None, **options):
    """Build an offline address index (SQLite, full-text search) from OSM data or a layer/table.

    ``source``: an ``.osm.pbf``/``.osm`` file (house numbers, streets, places, named POIs) or a
    layer/table with ``address_fields`` and a point geometry (or ``x_field``/``y_field`` in
    EPSG:4326). ``country``: ISO code for every row. Returns ``{"path", "rows", "elapsed_s"}``.

    Example::

        import wealthmap.api as wm
        wm.build_address_index("osm.pbf", "/tmp/index.sqlite")
        wm.build_address_index("shops.csv", "/tmp/shops.sqlite", address_fields=["addr"], x_field="lon",
                               y_field="lat", country="kr")
    """
    from .core.geocode.api import build_address_index as impl

    return impl(source, output, address_fields=address_fields, x_field=x_field, y_field=y_field, country=country,
                feedback=feedback, **options)


# --- thematic maps -------------------------------------------------------------------------
def join_table(layer, table, layer_key, table_key, output=None, fields=None, normalise=("trim", "case", "zeros"),
               on_duplicate="error", encoding=None, name=None, feedback=None, sheet=None):
    """Join a statistics table (CSV/XLSX path or layer) to boundaries by key into a *new* layer.

    Keys are trimmed, case-folded and compared without leading zeros (``normalise``); text
    columns of numbers with thousands separators become numbers; the encoding of a CSV is
    detected (UTF-8 with/without BOM, CP949/EUC-KR). ``output``: ``None`` (memory layer) or a
    ``.gpkg`` path. ``on_duplicate``: ``"error"`` or ``"first"``. Returns a dict-like result:
    ``layer``, ``report`` (matched, unmatched on each side, duplicates, numeric fields),
    ``path``, ``summary`` (a sentence). ``sheet``: the sheet of a workbook (default: the first; also
    ``book.xlsx|layername=Sheet``).

    Example::

        import wealthmap.api as wm
        result = wm.join_table(boundaries, "stats.csv", layer_key="code", table_key="code")
        print(result.summary)
        QgsProject.instance().addMapLayer(result.layer)
    """
    from .core.thematic.api import join_table as impl

    return impl(layer, table, layer_key, table_key, output=output, fields=fields, normalise=normalise,
                on_duplicate=on_duplicate, encoding=encoding, name=name, feedback=feedback, sheet=sheet)


def choropleth(layer, field=None, method="jenks", classes=5, expression=None, breaks=None, ramp="YlOrRd",
               reverse=False, normalize_by=None, per_area=False, area_unit="km2", area_method="ellipsoidal",
               multiplier=1.0, output=None, rate_field=None, null_class=True, apply=True, qml=None, feedback=None):
    """Classify a field of a polygon layer and style it as a choropleth (QGIS graduated renderer).

    ``method``: ``equal``, ``quantile``, ``jenks``, ``stddev``, ``pretty``, ``manual`` (with
    ``breaks``), ``box`` (hinge 1.5), ``percentile`` or ``log``. ``ramp``: a ColorBrewer name.
    ``normalize_by`` (a field) or ``per_area`` (ellipsoidal km²) with ``multiplier`` write the rate
    to a new layer (``output``: memory or ``.gpkg``). Returns ``layer``, ``breaks``, ``counts``,
    ``gvf`` (goodness of variance fit), ``null_count``, ``zero_denominators``, ``colorblind_safe``.

    Example::

        import wealthmap.api as wm
        result = wm.choropleth(layer, "population", method="jenks", classes=5, ramp="Blues")
        print(result.breaks, result.gvf)
        wm.choropleth(layer, "elderly", normalize_by="population", multiplier=100, method="quantile")
    """
    from .core.thematic.api import choropleth as impl

    return impl(layer, field, method=method, classes=classes, expression=expression, breaks=breaks, ramp=ramp,
                reverse=reverse, normalize_by=normalize_by, per_area=per_area, area_unit=area_unit,
                area_method=area_method, multiplier=multiplier, output=output, rate_field=rate_field,
                null_class=null_class, apply=apply, qml=qml, feedback=feedback)


def bivariate(layer, field_x, field_y, palette="pinkblue", legend_image=None, label_x=None, label_y=None,
              apply=True, qml=None, feedback=None):
    """Style a polygon layer as a 3 x 3 bivariate choropleth (rule-based renderer, tertiles of each field).

    ``palette``: ``pinkblue``, ``greenblue`` or ``purplegold``. ``legend_image``: a PNG path for
    the colour-grid legend. Returns ``breaks_x``, ``breaks_y``, ``counts`` (``[y][x]``), ``null_count``.

    Example::

        import wealthmap.api as wm
        wm.bivariate(layer, "income", "elderly_rate", legend_image="/tmp/legend.png")
    """
    from .core.thematic.api import bivariate as impl

    return impl(layer, field_x, field_y, palette=palette, legend_image=legend_image, label_x=label_x,
                label_y=label_y, apply=apply, qml=qml, feedback=feedback)


def chart_map(layer, fields, kind="pie", colors=None, ramp="Set2", size_mode="total", max_size=12.0,
              fixed_size=8.0, labels=None, apply=True, qml=None, feedback=None):
    """Add pie, bar or stacked-bar charts per region from two or more fields (QGIS diagrams).

    ``kind``: ``pie``, ``bar``, ``stacked`` or ``proportional`` (circles of one field).
    ``size_mode``: ``total`` (linear by total, with a size legend) or ``fixed``.

    Example::

        import wealthmap.api as wm
        wm.chart_map(layer, ["men", "women"], kind="pie", max_size=15)
    """
    from .core.thematic.api import chart_map as impl

    return impl(layer, fields, kind=kind, colors=colors, ramp=ramp, size_mode=size_mode, max_size=max_size,
                fixed_size=fixed_size, labels=labels, apply=apply, qml=qml, feedback=feedback)


def export_map(layers, output, title="", source="", dpi=300, page="A4", landscape=True, extent=None,
               legend_image=None, project=None, feedback=None):
    """Export a finished map (title, map, legend, scale bar, north arrow, source note) to PNG and/or PDF.

    ``output``: a path or a list of paths (``.png``, ``.pdf``, ``.jpg``, ``.svg``). Returns
    ``files`` (``{"png": path, ...}``) and the ``layout``.

    Example::

        import wealthmap.api as wm
        wm.export_map([layer], ["/tmp/map.png", "/tmp/map.pdf"], title="Population", source="KOSIS 2024", dpi=300)
    """
    from .core.thematic.api import export_map as impl

    return impl(layers, output, title=title, source=source, dpi=dpi, page=page, landscape=landscape, extent=extent,
                legend_image=legend_image, project=project, feedback=feedback)


# --- wealth from imagery -------------------------------------------------------------------
def predict_wealth(raster, region=None, region_crs=None, bundle=None, output=None, geotiff=None, band_map=None,
                   scale=None, offset=None, max_chips=None, min_valid=None, max_cloud=None, use_cuda=None,
                   batch_size=16, feedback=None):
    """Predict a wealth index per image chip over a region of a Sentinel-2 raster.

    ``raster`` is a ``QgsRasterLayer`` or a raster path; ``region`` a ``QgsGeometry``,
    ``QgsRectangle``, ``(xmin, ymin, xmax, ymax)`` or WKT in ``region_crs`` (default: the
    whole raster); ``bundle`` a model bundle folder (default: the settings' or the bundled
    demo, which is a demonstration model, not a wealth estimate); ``output`` a GeoPackage
    path (``None``: temporary); ``geotiff`` an optional Float32 GeoTIFF path; ``max_chips``
    refuses larger regions (default: setting ``WealthMap/wealth/max_chips``; 0: no limit).
    Returns a summary dict (``output``, ``layer_name``, ``chips``, ``chips_used``,
    ``chips_skipped``, ``mean``, ``median``, ``area_km2``, ``model_id``, ``title``...).

    Example::

        import wealthmap.api as wm
        from wealthmap.core.wealth.predict import load_output_layer
        result = wm.predict_wealth(raster_layer, region=raster_layer.extent(), output="/tmp/wealth.gpkg")
        QgsProject.instance().addMapLayer(load_output_layer(result))
    """
    from .core.wealth.api import predict_wealth as impl

    return impl(raster, region=region, region_crs=region_crs, bundle=bundle, output=output, geotiff=geotiff,
                band_map=band_map, scale=scale, offset=offset, max_chips=max_chips, min_valid=min_valid,
                max_cloud=max_cloud, use_cuda=use_cuda, batch_size=batch_size, feedback=feedback)


def train_wealth_model(survey, rasters, value_field=None, out_dir=None, **kwargs):
    """Train a wealth head from survey points and Sentinel-2 rasters; writes a model bundle.

    ``survey``: a CSV/XLSX path (lat/lon columns detected) or a point layer; ``rasters``: raster
    paths or layers with the same bands; ``value_field``: the numeric target; ``out_dir``: the
    bundle folder (written atomically). Keyword options (see
    :func:`wealthmap.core.wealth.train_api.train_wealth_model`): ``group_field``, ``urban_field``,
    ``cv`` (``"blocked"`` or ``"group"``), ``folds``, ``block_km``, ``n_estimators``,
    ``min_samples_leaf``, ``pca_components``, ``context_chips`` (odd; default 3 x 3 chips >= 5 km) or
    ``window_m``, ``min_valid``, ``max_cloud``, ``bundle``, ``ablation``, ``feedback``. A point's
    features are those ``predict_wealth`` computes for the chip that contains it.
    Returns a dict with ``bundle``, ``metrics`` (model and baselines), ``report_html``, ``report_json``.

    Example::

        import wealthmap.api as wm
        result = wm.train_wealth_model("clusters.csv", ["s2.tif"], value_field="wealthpooled",
                                       out_dir="/tmp/model", cv="group")
        print(result["metrics"]["model"]["r2"], result["metrics"]["baselines"]["urban_rural_mean"]["r2"])
    """
    from .core.wealth.train_api import train_wealth_model as impl

    return impl(survey, rasters, value_field=value_field, out_dir=out_dir, **kwargs)


# --- Sentinel-2 from STAC ------------------------------------------------------------------
def stac_search(query, region, region_crs="EPSG:4326", feedback=None):
    """Search a STAC catalogue for Sentinel-2 L2A items over a region.

    ``query``: a dict such as ``{"stac": "earth-search", "datetime": "2023-06-01/2023-08-31", "max_cloud": 20,
    "months": [6, 7, 8]}`` (``stac``: ``earth-search``, ``planetary-computer``, ``copernicus`` or a STAC API
    URL; ``authcfg``: a QGIS authentication configuration id) or a ``core.stac.search.StacQuery``.
    Returns ``items`` and ``rows`` (id, date, tile, cloud, coverage of the region in %).

    Example::

        import wealthmap.api as wm
        found = wm.stac_search({"stac": "earth-search", "datetime": "2023-06-01/2023-08-31"},
                               (13.3, 52.4, 13.5, 52.6))
        print(found["rows"][:3])
    """
    from .core.stac.api import stac_search as impl

    return impl(query, region, region_crs, feedback=feedback)


def stac_composite(query, region, region_crs="EPSG:4326", output=None, feedback=None, **options):
    """A cloud-free composite (median or best pixel of SCL-clear observations) of a region from STAC.

    Options: ``bands``, ``method`` (``median``/``best``), ``mask`` (``cloud``, ``shadow``, ``cirrus``, ``snow``),
    ``window_px``, ``workers``. Returns ``path`` (Float32 reflectance GeoTIFF), ``provenance``, ``windows``,
    ``requests``, ``bytes``. ``core.stac.composite.composite_layer(result)`` gives the true-colour layer.

    Example::

        import wealthmap.api as wm
        r = wm.stac_composite({"stac": "earth-search", "datetime": "2023-06-01/2023-08-31"},
                              (13.3, 52.4, 13.5, 52.6), output="/tmp/berlin.tif")
    """
    from .core.stac.api import stac_composite as impl

    return impl(query, region, region_crs, output, feedback=feedback, **options)


def stac_point_imagery(survey, query, value_field, feedback=None, **options):
    """Context windows of imagery at survey points from STAC (cached; a rerun reads nothing).

    Returns ``rasters`` (one VRT per UTM zone) and ``points`` (status per point). Options: ``chip_px``,
    ``context``, ``mode`` (``composite``/``best``), ``max_items``, ``mask``. Training does this itself when
    :func:`train_wealth_model` is given a query instead of rasters.
    """
    from .core.stac.api import stac_point_imagery as impl

    return impl(survey, query, value_field, feedback=feedback, **options)
