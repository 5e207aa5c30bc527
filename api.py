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
    "install_dependencies",
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
    """Join a statistics table to boundaries by key into a *new* layer (the input layer is not changed).

    Parameters:

    * ``layer``: the boundary layer (a polygon ``QgsVectorLayer``).
    * ``table``: the table: a path (``.csv``, ``.txt``, ``.tsv``, ``.xlsx``, ``.xls``, ``.ods``) or a layer.
    * ``layer_key``: the key field of ``layer``; ``table_key``: the key column of ``table``.
    * ``output``: ``None`` (default: a memory layer) or a ``.gpkg`` path to write.
    * ``fields``: the table columns to add (default ``None``: all but the key).
    * ``normalise``: how keys are compared (default ``("trim", "case", "zeros")``: surrounding spaces
      trimmed, case ignored, leading zeros of all-digit codes dropped, so ``01101`` matches ``1101``).
    * ``on_duplicate``: a key twice in the table: ``"error"`` (default, stop and say which keys) or
      ``"first"`` (keep the first row).
    * ``encoding``: the CSV encoding (default ``None``: detected; UTF-8 with or without BOM, CP949/EUC-KR).
    * ``name``: the new layer's name (default: ``<layer name>_joined``).
    * ``feedback``: an optional ``QgsFeedback`` (progress, cancel).
    * ``sheet``: the sheet of a workbook (default ``None``: the first; also ``book.xlsx|layername=Sheet``).

    Text columns of numbers (``141,223``; empty, ``-``, ``X``, ``N/A`` as NULL) become numeric fields;
    codes with leading zeros stay text. Returns a dict-like result (keys also read as attributes):
    ``layer``, ``report`` (``matched_features``, ``unmatched_features``, ``unmatched_rows``,
    ``duplicate_table_keys``, ``numeric_fields``, ``encoding``...), ``path`` (``None`` for memory),
    ``summary`` (a sentence).

    Example (the sample data of a WealthMap checkout):

    >>> import os
    >>> from qgis.core import QgsProject, QgsVectorLayer
    >>> import wealthmap.api as wm
    >>> sample = os.path.join(os.path.dirname(wm.__file__), "sample_data")
    >>> districts = QgsVectorLayer(os.path.join(sample, "thematic_districts.gpkg"), "districts", "ogr")
    >>> result = wm.join_table(districts, os.path.join(sample, "thematic_stats_cp949.csv"), "code", "code")
    >>> result.report["matched_features"], result.report["unmatched_rows"], result.report["encoding"]
    (29, ['99990'], 'cp949')
    >>> print(result.summary)  # doctest: +ELLIPSIS
    Matched 29 of 30 features with 29 of 30 table rows. 1 features have no row (e.g. 11300). ...
    >>> QgsProject.instance().addMapLayer(result.layer).name()
    'districts_joined'
    """
    from .core.thematic.api import join_table as impl

    return impl(layer, table, layer_key, table_key, output=output, fields=fields, normalise=normalise,
                on_duplicate=on_duplicate, encoding=encoding, name=name, feedback=feedback, sheet=sheet)


def choropleth(layer, field=None, method="jenks", classes=5, expression=None, breaks=None, ramp="YlOrRd",
               reverse=False, normalize_by=None, per_area=False, area_unit="km2", area_method="ellipsoidal",
               multiplier=1.0, output=None, rate_field=None, null_class=True, apply=True, qml=None, feedback=None):
    """Classify a field of a polygon layer and style it as a choropleth (QGIS graduated renderer).

    Parameters:

    * ``layer``: a polygon ``QgsVectorLayer``; ``field``: the numeric field to map (or ``expression``,
      a QGIS expression, instead).
    * ``method`` (default ``"jenks"``): ``equal`` (equal interval), ``quantile`` (equal count), ``jenks``
      (natural breaks, exact Fisher-Jenks), ``stddev`` (standard deviation), ``pretty`` (round numbers),
      ``manual`` (with ``breaks``), ``box`` (box map, hinge 1.5), ``percentile`` (1, 10, 50, 90, 99 %),
      ``log`` (equal intervals of log10) or ``headtail`` (head/tail breaks for heavy-tailed data).
      The names of QGIS and mapclassify are accepted too: ``equal_interval``, ``EqualInterval``,
      ``natural_breaks``, ``NaturalBreaks``, ``FisherJenks``, ``quantiles``, ``Quantiles``, ``std_mean``,
      ``StdMean``, ``pretty``, ``HeadTailBreaks``, ``UserDefined``... (case, ``_`` and spaces ignored).
    * ``classes``: the number of classes, 2 to 20 (default 5; ``box``, ``percentile`` and ``headtail``
      decide it themselves).
    * ``breaks``: the upper bounds of the classes for ``manual``, increasing (default ``None``).
    * ``ramp``: a ColorBrewer ramp name (default ``"YlOrRd"``); ``reverse``: reverse it (default ``False``).
    * ``normalize_by``: divide by this field (default ``None``); ``per_area``: divide by the area
      (default ``False``) in ``area_unit`` (``"km2"`` default, ``"m2"``, ``"ha"``) measured
      ``area_method`` (``"ellipsoidal"`` default, or ``"planar"`` in a projected CRS).
    * ``multiplier``: times this (default 1.0; 100 for %, 1000 for per 1,000).
    * ``output``: where a rate layer is written: ``None`` (default: memory) or a ``.gpkg`` path;
      ``rate_field``: its rate field (default ``<field>_rate`` or ``<field>_per_km2``).
    * ``null_class``: draw features without a value as a grey *No data* class (default ``True``).
    * ``apply``: set the renderer on the layer (default ``True``; ``False`` only computes, and writes ``qml``).
    * ``qml``: also save the style to this ``.qml`` path (default ``None``).
    * ``feedback``: an optional ``QgsFeedback``.

    With ``normalize_by`` or ``per_area`` the rate is written to a *new* layer (``result.layer``) and
    that layer is styled; zero or NULL denominators give *No data* (listed in ``zero_denominators``).
    Returns a dict-like result: ``layer``, ``field`` (what the renderer classifies), ``breaks`` (upper
    bounds), ``counts`` (features per class), ``gvf`` (goodness of variance fit, 0 to 1), ``null_count``,
    ``zero_denominators``, ``colorblind_safe``, ``title`` (the legend heading of an exported map).

    Example (the share of people aged 65 or more, in %, of the joined sample districts):

    >>> import os
    >>> from qgis.core import QgsProject, QgsVectorLayer
    >>> import wealthmap.api as wm
    >>> sample = os.path.join(os.path.dirname(wm.__file__), "sample_data")
    >>> districts = QgsVectorLayer(os.path.join(sample, "thematic_districts.gpkg"), "districts", "ogr")
    >>> joined = wm.join_table(districts, os.path.join(sample, "thematic_stats_cp949.csv"), "code", "code").layer
    >>> result = wm.choropleth(joined, "elderly", normalize_by="population", multiplier=100, method="jenks")
    >>> [round(b, 2) for b in result.breaks], result.counts, round(result.gvf, 3), result.null_count
    ([10.29, 13.26, 15.94, 19.83, 23.39], [7, 6, 4, 5, 7], 0.972, 1)
    >>> result.layer.name(), result.field
    ('districts_joined_elderly_rate', 'elderly_rate')
    >>> QgsProject.instance().addMapLayer(result.layer) is not None
    True
    >>> wm.choropleth(joined, "population", method="HeadTailBreaks").counts
    [17, 8, 3, 1]
    """
    from .core.thematic.api import choropleth as impl

    return impl(layer, field, method=method, classes=classes, expression=expression, breaks=breaks, ramp=ramp,
                reverse=reverse, normalize_by=normalize_by, per_area=per_area, area_unit=area_unit,
                area_method=area_method, multiplier=multiplier, output=output, rate_field=rate_field,
                null_class=null_class, apply=apply, qml=qml, feedback=feedback)


def bivariate(layer, field_x, field_y, palette="pinkblue", legend_image=None, label_x=None, label_y=None,
              apply=True, qml=None, feedback=None):
    """Style a polygon layer as a 3 x 3 bivariate choropleth (rule-based renderer, tertiles of each field).

    Parameters:

    * ``layer``: a polygon ``QgsVectorLayer``.
    * ``field_x``: the first field (the columns of the legend grid); ``field_y``: the second (the rows).
    * ``palette``: ``"pinkblue"`` (default), ``"greenblue"`` or ``"purplegold"`` (Joshua Stevens' palettes).
    * ``legend_image``: a ``.png`` path for the colour-grid legend (default ``None``: none written).
    * ``label_x``, ``label_y``: axis titles of the legend and legend labels (default: the field names).
    * ``apply``: set the renderer on the layer (default ``True``); ``qml``: also save it to this ``.qml``.
    * ``feedback``: an optional ``QgsFeedback``.

    Features without a value in either field get a *No data* class. Returns a dict-like result:
    ``breaks_x``, ``breaks_y`` (the two inner bounds of each field), ``counts`` (``counts[y][x]``,
    features per cell, low to high), ``null_count``, ``legend_image``.

    Example (population against the share of people aged 65 or more):

    >>> import os, tempfile
    >>> from qgis.core import QgsVectorLayer
    >>> import wealthmap.api as wm
    >>> sample = os.path.join(os.path.dirname(wm.__file__), "sample_data")
    >>> districts = QgsVectorLayer(os.path.join(sample, "thematic_districts.gpkg"), "districts", "ogr")
    >>> joined = wm.join_table(districts, os.path.join(sample, "thematic_stats_cp949.csv"), "code", "code").layer
    >>> rate = wm.choropleth(joined, "elderly", normalize_by="population", multiplier=100).layer
    >>> legend = os.path.join(tempfile.mkdtemp(), "legend.png")
    >>> result = wm.bivariate(rate, "population", "elderly_rate", legend_image=legend, label_x="Population",
    ...                       label_y="Aged 65+ (%)")
    >>> result.counts, result.null_count, os.path.exists(legend)
    ([[5, 3, 2], [2, 2, 5], [3, 4, 3]], 1, True)
    """
    from .core.thematic.api import bivariate as impl

    return impl(layer, field_x, field_y, palette=palette, legend_image=legend_image, label_x=label_x,
                label_y=label_y, apply=apply, qml=qml, feedback=feedback)


def chart_map(layer, fields, kind="pie", colors=None, ramp="Set2", size_mode="total", max_size=12.0,
              fixed_size=8.0, labels=None, apply=True, qml=None, feedback=None):
    """Add pie, bar or stacked-bar charts per region from two or more fields (QGIS diagrams).

    Parameters:

    * ``layer``: a polygon ``QgsVectorLayer``.
    * ``fields``: the numeric fields (a list, or names separated by commas), values of zero or more.
    * ``kind``: ``"pie"`` (default), ``"bar"``, ``"stacked"`` or ``"proportional"`` (circles of one field).
    * ``colors``: one colour per field (``"#1f78b4"``...; default ``None``: from ``ramp``, a ColorBrewer
      name, default ``"Set2"``).
    * ``size_mode``: ``"total"`` (default: the chart's area, or the bar's length, grows linearly with the
      total, with a size legend) or ``"fixed"``.
    * ``max_size``: the largest chart's size in millimetres (default 12.0); ``fixed_size``: the size in
      millimetres with ``size_mode="fixed"`` (default 8.0).
    * ``labels``: legend labels of the fields (default: the field names).
    * ``apply``: set the diagrams on the layer (default ``True``); ``qml``: also save them to this ``.qml``.
    * ``feedback``: an optional ``QgsFeedback``.

    The layer's own renderer (a choropleth, say) stays: the charts are drawn over it. Returns a dict-like
    result: ``max_total`` (the largest total, drawn at ``max_size``), ``colors``, ``fields``, ``kind``.

    Example (men and women per district, over the district layer):

    >>> import os
    >>> from qgis.core import QgsVectorLayer
    >>> import wealthmap.api as wm
    >>> sample = os.path.join(os.path.dirname(wm.__file__), "sample_data")
    >>> districts = QgsVectorLayer(os.path.join(sample, "thematic_districts.gpkg"), "districts", "ogr")
    >>> joined = wm.join_table(districts, os.path.join(sample, "thematic_stats_cp949.csv"), "code", "code").layer
    >>> result = wm.chart_map(joined, ["men", "women"], kind="pie", max_size=15)
    >>> result.max_total, result.colors
    (410137.0, ['#66c2a5', '#fc8d62'])
    """
    from .core.thematic.api import chart_map as impl

    return impl(layer, fields, kind=kind, colors=colors, ramp=ramp, size_mode=size_mode, max_size=max_size,
                fixed_size=fixed_size, labels=labels, apply=apply, qml=qml, feedback=feedback)


def export_map(layers, output, title="", source="", dpi=300, page="A4", landscape=True, extent=None,
               legend_image=None, project=None, feedback=None):
    """Export a finished map (title, map, legend, scale bar, north arrow, source note) to PNG and/or PDF.

    Parameters:

    * ``layers``: a layer or a list of layers, the first drawn on top (what the canvas shows:
      ``wealthmap.core.thematic.export.visible_layers()``).
    * ``output``: a path or a list of paths; the extension picks the format (``.png``, ``.pdf``, ``.jpg``,
      ``.svg``). The folder must exist.
    * ``title``: the map title (default ``""``: none); ``source``: the source note at the bottom right
      (default ``""``).
    * ``dpi``: the resolution of images, 30 to 1200 dots per inch (default 300).
    * ``page``: ``"A4"`` (default, 297 x 210 mm), ``"A3"`` or ``"letter"``; ``landscape``: default ``True``.
    * ``extent``: the map extent ``(xmin, ymin, xmax, ymax)`` in the CRS of the first layer, or a
      ``QgsRectangle`` (default ``None``: all the layers, plus 5 %).
    * ``legend_image``: a picture (the bivariate legend) in place of the legend list (default ``None``).
    * ``project``: the ``QgsProject`` (default: the current one); ``feedback``: an optional ``QgsFeedback``.

    Each layer's legend heading is its title (Layer Properties > Metadata), else what its WealthMap style
    shows, else its name, wrapped so that the legend fits the page. Returns a dict-like result: ``files``
    (``{"png": path, ...}``) and ``layout`` (the ``QgsPrintLayout``).

    Example (the share of people aged 65 or more, as a 100 DPI PNG and a PDF):

    >>> import os, tempfile
    >>> from qgis.core import QgsVectorLayer
    >>> import wealthmap.api as wm
    >>> sample = os.path.join(os.path.dirname(wm.__file__), "sample_data")
    >>> districts = QgsVectorLayer(os.path.join(sample, "thematic_districts.gpkg"), "districts", "ogr")
    >>> joined = wm.join_table(districts, os.path.join(sample, "thematic_stats_cp949.csv"), "code", "code").layer
    >>> rate = wm.choropleth(joined, "elderly", normalize_by="population", multiplier=100).layer
    >>> folder = tempfile.mkdtemp()
    >>> result = wm.export_map([rate], [os.path.join(folder, "map.png"), os.path.join(folder, "map.pdf")],
    ...                        title="Population aged 65+ (%)", source="Source: synthetic sample", dpi=100)
    >>> sorted(result.files)
    ['pdf', 'png']
    >>> from qgis.PyQt.QtGui import QImage
    >>> QImage(result.files["png"]).size().width()  # 297 mm at 100 DPI
    1169
    """
    from .core.thematic.api import export_map as impl

    return impl(layers, output, title=title, source=source, dpi=dpi, page=page, landscape=landscape, extent=extent,
                legend_image=legend_image, project=project, feedback=feedback)


# --- wealth from imagery -------------------------------------------------------------------
def predict_wealth(raster, region=None, region_crs=None, bundle=None, output=None, geotiff=None, band_map=None,
                   scale=None, offset=None, max_chips=None, min_valid=None, max_cloud=None, use_cuda=None,
                   batch_size=16, feedback=None, scheduler=None, workers=None, **distributed):
    """Predict a wealth index per image chip over a region of a Sentinel-2 raster.

    ``raster`` is a ``QgsRasterLayer`` or a raster path; ``region`` a ``QgsGeometry``,
    ``QgsRectangle``, ``(xmin, ymin, xmax, ymax)`` or WKT in ``region_crs`` (default: the
    whole raster); ``bundle`` a model bundle folder (default: the settings' or the bundled
    demo, which is a demonstration model, not a wealth estimate); ``output`` a GeoPackage
    path (``None``: temporary); ``geotiff`` an optional Float32 GeoTIFF path; ``max_chips``
    refuses larger regions (default: setting ``WealthMap/wealth/max_chips``; 0: no limit).
    Returns a summary dict (``output``, ``layer_name``, ``chips``, ``chips_used``,
    ``chips_skipped``, ``mean``, ``median``, ``area_km2``, ``model_id``, ``title``...).
    ``scheduler``: ``None`` (in-process), ``"local"`` (``workers`` processes) or ``"tcp://host:8786"`` (a Dask
    cluster); more options (``threads``, ``tile_chips``, ``run_folder``): docs/distributed.md.

    Example::

        import wealthmap.api as wm
        from wealthmap.core.wealth.predict import load_output_layer
        result = wm.predict_wealth(raster_layer, region=raster_layer.extent(), output="/tmp/wealth.gpkg")
        # the same on 4 worker processes (resumable: a rerun skips the finished tiles)
        result = wm.predict_wealth(raster_layer, output="/tmp/wealth.gpkg", scheduler="local", workers=4)
        QgsProject.instance().addMapLayer(load_output_layer(result))
    """
    from .core.wealth.api import predict_wealth as impl

    return impl(raster, region=region, region_crs=region_crs, bundle=bundle, output=output, geotiff=geotiff,
                band_map=band_map, scale=scale, offset=offset, max_chips=max_chips, min_valid=min_valid,
                max_cloud=max_cloud, use_cuda=use_cuda, batch_size=batch_size, feedback=feedback,
                scheduler=scheduler, workers=workers, **distributed)


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


# --- setup ----------------------------------------------------------------------------------
def install_dependencies(wheel_dir=None, force=False, feedback=None):
    """Install the Python packages WealthMap needs (scikit-learn, onnxruntime, onnx) into the QGIS profile.

    The same installer as the docks' *Install the missing packages...* button: pip runs with QGIS's own Python
    into ``<profile>/python/wealthmap-deps/<python ABI>``, numpy (and scipy) pinned to the versions QGIS has,
    versions from the plugin's ``requirements/runtime.txt``; usable at once, without restarting QGIS.

    ``wheel_dir``: a folder of ``.whl`` files, for a machine without internet (``pip download`` them elsewhere
    for the same Python version and platform). ``force``: reinstall, to repair a broken install.
    Returns a dict: ``installed`` (requirement lines), ``site_dir``, ``python``, ``missing`` (empty on success).
    """
    from .core.installer import install

    return install(wheel_dir=wheel_dir, force=force, feedback=feedback)

