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
    "install_dependencies",
    "stac_search",
    "stac_composite",
    "stac_point_imagery",
]


# --- geocoding -----------------------------------------------------------------------------
def geocode(source, address_fields=None, expression=None, provider="offline", output=None, endpoint=None,
            authcfg=None, index=None, countries=None, viewbox=None, crs="EPSG:4326", unmatched_csv=None,
            min_score=0.6, use_cache=True, feedback=None, **options):
    """Batch geocode an address layer or table into a point layer; every row and attribute is kept.

    :param source: a ``QgsVectorLayer``, a layer id, or a table/layer file: CSV (UTF-8 with or without BOM,
        or CP949/EUC-KR, detected), XLSX/ODS, GeoPackage, shapefile...
    :param address_fields: the field(s) with the address, joined with ", " (a street with its ``city`` or
        ``postcode`` field gives the right town); default: the first field whose name looks like an address
        (``address``, ``addr``, ``주소``, ``street``...).
    :param expression: instead of fields, a QGIS expression that builds the address.
    :param provider: ``"offline"`` (default, no network: the bundled world gazetteer of countries, cities and
        towns, plus the ``index`` files; street addresses need an index), ``"nominatim"``, ``"photon"``,
        ``"pelias"``, ``"google"``, ``"kakao"`` or ``"vworld"``.
    :param output: the output file (``.gpkg``, ``.shp``, ``.geojson`` or ``.csv``); default ``None``: a memory
        layer. A GeoPackage keeps the style by status as its default style.
    :param endpoint: the URL of a self-hosted server (default: the provider's public one).
    :param authcfg: the id of the QGIS authentication configuration that holds the API key (default: none).
    :param index: one or several address index files (``.sqlite``) built with :func:`build_address_index`.
    :param countries: ISO codes that candidates must be in, e.g. ``["kr"]`` or ``"kr, li"`` (default: any).
    :param viewbox: ``(xmin, ymin, xmax, ymax)`` in degrees (EPSG:4326) that candidates must be in.
    :param crs: the output's CRS (default ``"EPSG:4326"``).
    :param unmatched_csv: a CSV path for the rows not matched (default: none).
    :param min_score: the lowest score (0 to 1, default 0.6) for a match.
    :param use_cache: remember results on disk (default True): a rerun makes no requests and a cancelled run
        resumes.
    :param feedback: a ``QgsFeedback`` for progress and cancel (default: none).
    :param options: ``limit`` (candidates kept per address, default 5), ``ambiguity_margin`` (score difference
        under which two distant candidates make the row ``ambiguous``, default 0.05), ``workers`` (parallel
        requests), ``rate`` (requests per second), ``timeout`` (seconds), ``retries``, ``encoding`` (of a
        CSV, default detected over the whole file: UTF-8, CP949, Windows-1252; give it when it is unclear),
        ``cache_path``, ``sheet`` (the sheet of a workbook; default the first; also
        ``book.xlsx|layername=Sheet``), ``use_gazetteer`` (default True).
    :returns: a dict with ``layer`` (the output ``QgsVectorLayer``, named after the input, points coloured by
        status; not yet added to the project), ``path`` (the output file or ``None``; ``output`` is the same),
        ``summary`` (a sentence), ``counts`` (rows per status: ``matched``, ``ambiguous``, ``not_found``,
        ``empty``, ``error``), ``stats`` (``requested``, ``cached``...), ``hint`` (what to do when many
        addresses were not found with the gazetteer only, else ``None``), ``fields`` (the result fields'
        names: ``status``, ``score``, ``match_type``, ``n_candidates``, ``matched_address``, ``provider``,
        ``error``, ``candidates``, ``parsed`` (JSON: the address parts matched and those set aside: care-of
        names, floors, units, PO boxes, notes, country words); prefixed ``gc_`` where the input has
        the name), ``encoding`` (the encoding used to read the table; tables are read with one reader,
        docs/tables.md: every row kept, or a refusal naming the line), ``table_notes`` (what the table reader
        noted: padded short rows...).

    Example (the sample addresses of Vaduz and a sample of its address points)::

        >>> import os, tempfile
        >>> import wealthmap.api as wm
        >>> out = tempfile.mkdtemp()
        >>> gazetteer_only = wm.geocode("sample_data/addresses_vaduz.csv", address_fields=["street"])
        >>> gazetteer_only["counts"]["not_found"] > 30, gazetteer_only["hint"] is not None
        (True, True)
        >>> index = wm.build_address_index("sample_data/addresses_reference_points.csv",
        ...                                os.path.join(out, "vaduz.sqlite"))
        >>> result = wm.geocode("sample_data/addresses_vaduz.csv", address_fields=["street", "city"],
        ...                     index=index["path"], output=os.path.join(out, "vaduz.gpkg"))
        >>> result["counts"]["matched"] >= 35, result["layer"].name(), result["layer"].renderer().type()
        (True, 'addresses_vaduz geocoded', 'categorizedSymbol')
        >>> from qgis.core import QgsProject
        >>> QgsProject.instance().addMapLayer(result["layer"]) is not None
        True
    """
    from .core.geocode.api import geocode as impl

    return impl(source, address_fields=address_fields, expression=expression, provider=provider, output=output,
                endpoint=endpoint, authcfg=authcfg, index=index, countries=countries, viewbox=viewbox, crs=crs,
                unmatched_csv=unmatched_csv, min_score=min_score, use_cache=use_cache, feedback=feedback, **options)


def build_address_index(source, output, address_fields=None, x_field=None, y_field=None, country=None,
                        feedback=None, **options):
    """Build an offline address index (SQLite with full-text search) for :func:`geocode`.

    :param source: an OpenStreetMap file (``.osm.pbf``, ``.osm``: house numbers, streets, places, named
        places of interest), or a layer/table of address points.
    :param output: the index file to write (``.sqlite``); replaced if it exists; a failure leaves none.
    :param address_fields: for a layer/table, the field(s) with the address; default: guessed (the address
        field, e.g. ``address``, with its ``city``/``postcode`` fields).
    :param x_field: for a table without geometry, the longitude field (degrees, EPSG:4326); default: guessed
        from ``lon``, ``lng``, ``longitude``, ``x``.
    :param y_field: the latitude field; default: guessed from ``lat``, ``latitude``, ``y``.
    :param country: the ISO code given to every row (default: a ``country`` field when there is one, else
        none).
    :param feedback: a ``QgsFeedback`` for progress and cancel (default: none).
    :param options: ``country_field`` (the field with each row's ISO code), ``encoding`` (of a CSV, default
        detected), ``append`` (more sources, paths or layers, added to the same index).
    :returns: a dict with ``path`` (the index file), ``rows`` (rows indexed) and ``elapsed_s`` (seconds).

    Example::

        >>> import os, tempfile
        >>> import wealthmap.api as wm
        >>> index = wm.build_address_index("sample_data/addresses_reference_points.csv",
        ...                                os.path.join(tempfile.mkdtemp(), "vaduz.sqlite"))
        >>> index["rows"]
        1298
        >>> wm.geocode("sample_data/addresses_vaduz.csv", address_fields=["street", "city"],
        ...            index=index["path"])["counts"]["matched"] >= 35
        True
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
                   batch_size=16, feedback=None, selected_only=False, covariates=None,
                   scheduler=None, workers=None, **distributed):
    """Predict a wealth index per image chip (256 px at 10 m = 2.56 km with the bundled model) over a region
    of a Sentinel-2 raster; writes a styled GeoPackage of chip polygons.

    :param raster: a ``QgsRasterLayer`` or a raster path (GeoTIFF, VRT, JP2, a Sentinel-2 product's zip or
        SAFE folder), or a list of them: tiles or products mosaicked on one grid (the first wins where they
        overlap). Bands are found by their names (B02, B03, B04, B08, B11, B12...).
    :param region: ``None`` (default: the whole raster), a polygon ``QgsVectorLayer`` (the union of its
        features, or of the selected ones with ``selected_only``; in the layer's CRS), a ``QgsGeometry``, a
        ``QgsRectangle``, ``(xmin, ymin, xmax, ymax)`` or WKT in ``region_crs``.
    :param region_crs: the CRS of a geometry/rectangle/box region (``QgsCoordinateReferenceSystem``,
        ``"EPSG:32633"`` or WKT); default: the raster layer's CRS.
    :param bundle: a model bundle folder (default: the one in the settings, else the bundled demonstration
        model, which predicts a built-up share, not wealth).
    :param output: the GeoPackage to write (default ``None``: a temporary file).
    :param geotiff: also a Float32 GeoTIFF, one pixel per chip (default: none).
    :param band_map: band numbers instead of detection, e.g. ``"B02=1, B03=2, B04=3"`` or a dict.
    :param scale: reflectance = DN x ``scale`` + ``offset`` (default: from the raster's metadata, else 0.0001).
    :param offset: see ``scale`` (reflectance units, e.g. -0.1; default: from the metadata, else 0).
    :param max_chips: refuse a region of more chips (default: setting ``WealthMap/wealth/max_chips``; 0: no
        limit).
    :param min_valid: the lowest share of valid pixels (0 to 1, default setting, 0.7) for a chip to be used.
    :param max_cloud: the highest cloud share (0 to 1, default setting, 0.3) for a chip to be used.
    :param use_cuda: run the model on the GPU when onnxruntime has CUDA (default: setting, off).
    :param batch_size: chips per model call (default 16).
    :param feedback: a ``QgsFeedback`` for progress and cancel (default: none).
    :param selected_only: with a layer as ``region``, only its selected features (default False: all).
    :param covariates: for a model trained with covariate rasters (night lights, population...), a raster for
        each, by name (``{"nightlights": "viirs.tif"}``, or a list of paths/layers named like them); refused when
        one is missing, does not cover the region, or has values far outside those of training (default: none).
    :param scheduler: ``None`` (default: in this process), ``"local"`` (``workers`` processes on this machine)
        or ``"tcp://host:8786"`` (a Dask cluster); resumable: a rerun skips the finished tiles.
    :param workers: local worker processes with ``scheduler="local"`` (default: one per core).
    :param distributed: more options of a distributed run (``threads``, ``tile_chips``, ``run_folder``):
        docs/distributed.md.
    :returns: a dict with ``layer`` (the output ``QgsVectorLayer``, styled, with a short name and the model's
        details in its metadata; not yet added to the project), ``path`` (the GeoPackage; ``output`` is the
        same), ``summary`` (a sentence), ``chips``, ``chips_used``, ``chips_skipped``, ``statuses`` (chips per
        status: ``ok``, ``cloudy``, ``nodata``), ``mean``, ``median``, ``min``, ``max`` (in ``units``),
        ``area_km2``, ``coverage`` (share of the region over the raster, 0 to 1), ``model_id``,
        ``model_status`` (``demo``, ``trained``, ``weak``, ``validated``), ``is_demo``, ``is_weak``, ``note``
        (what to know about the model), ``title``, ``advice``, ``seconds``... and, on a scheduler,
        ``distributed`` (``parts``, ``parts_run``, ``parts_skipped``, ``run_folder``).

    Example (the sample scene of Berlin, the bundled demonstration model)::

        >>> import wealthmap.api as wm
        >>> result = wm.predict_wealth("sample_data/sentinel2_berlin.tif")
        >>> result["chips"], result["model_status"], result["layer"].renderer().type()
        (18, 'demo', 'graduatedSymbol')
        >>> from qgis.core import QgsFeature, QgsGeometry, QgsProject, QgsVectorLayer
        >>> area = QgsVectorLayer("Polygon?crs=EPSG:32633", "area", "memory")
        >>> square = QgsFeature()
        >>> square.setGeometry(QgsGeometry.fromWkt(
        ...     "POLYGON((330000 5815000, 336000 5815000, 336000 5821000, 330000 5821000, 330000 5815000))"))
        >>> area.dataProvider().addFeatures([square])[0]
        True
        >>> in_area = wm.predict_wealth("sample_data/sentinel2_berlin.tif", region=area)
        >>> in_area["chips"] < result["chips"]
        True
        >>> QgsProject.instance().addMapLayer(in_area["layer"]) is not None
        True
    """
    from .core.wealth.api import predict_wealth as impl

    return impl(raster, region=region, region_crs=region_crs, bundle=bundle, output=output, geotiff=geotiff,
                band_map=band_map, scale=scale, offset=offset, max_chips=max_chips, min_valid=min_valid,
                max_cloud=max_cloud, use_cuda=use_cuda, batch_size=batch_size, feedback=feedback,
                selected_only=selected_only, covariates=covariates, scheduler=scheduler, workers=workers,
                **distributed)


def train_wealth_model(survey, rasters, value_field=None, out_dir=None, **kwargs):
    """Train a wealth head from survey points and Sentinel-2 rasters; writes a model bundle with its report.

    :param survey: a CSV/XLSX/GeoPackage path (latitude/longitude columns detected) or a point layer.
    :param rasters: raster paths or layers with the same bands, covering the points.
    :param value_field: the numeric target, e.g. ``"wealthpooled"`` (default: detected).
    :param out_dir: the bundle folder to write (new or empty; written atomically, a cancel leaves nothing).
    :param kwargs: ``lat_field``, ``lon_field`` (default: detected), ``group_field`` (country/region,
        default detected), ``urban_field`` (1/0, urban/rural; default detected), ``year_field``,
        ``extra_fields`` (survey columns reported as evaluation slices, never features), ``crs`` of the
        coordinates (default ``"EPSG:4326"``),
        ``duplicates`` (``"error"``, default, or ``"mean"``), ``cv`` (``"blocked"``, default: spatial blocks of
        ``block_km`` km, default automatic: 50 km when that gives enough blocks for ``folds`` folds, default 5, else
        the largest smaller size that does; or ``"group"``: leave one group out),
        ``n_estimators`` (trees, default 200), ``min_samples_leaf`` (default 3), ``max_features`` (default
        0.33), ``max_depth`` (default none), ``pca_components`` (of the embedding, default 30), ``seed``
        (default 0), ``context_chips`` (odd chips per side of a point's context; default: 3 x 3 chips,
        at least 5 km) or ``window_m`` (metres), ``min_valid``/``max_cloud`` (0 to 1; default: prediction's
        settings), ``bundle`` (whose embedder is used; default the bundled one), ``use_cache`` (default True),
        ``cache_path``, ``ablation`` (compare feature groups, default True), ``name`` (of the model),
        ``covariates`` (night lights, population, built-up... rasters in any CRS/resolution: paths, ``"name=path"``,
        layers), ``covariate_sums`` (names of count covariates summed over the window instead of averaged),
        ``holdout`` (groups held out together as the out-of-region test; default each group in turn),
        ``feedback`` (a ``QgsFeedback``). The features follow the raster's bands: B02-B04 are needed, NDVI and
        NDWI need B08, NDBI needs B11.
    :returns: a dict with ``path`` (the bundle folder; ``bundle`` is the same), ``layer`` (``None``: training
        makes no layer), ``summary`` (a sentence), ``status`` (``trained``, or ``weak`` when the model's
        cross-validated r² does not beat the best simple baseline), ``warning`` (a weak model's, else
        ``None``), ``metrics`` (``model`` and ``baselines``: r², RMSE...; ``best_baseline``,
        ``beats_baseline``), ``report_html``, ``report_json``, ``training_data``, ``timings``.

    Example (the synthetic sample survey over the sample scene: far too few chips for a good model, so the
    model is weak and says so)::

        >>> import os, tempfile
        >>> import wealthmap.api as wm
        >>> result = wm.train_wealth_model("sample_data/train_survey_berlin.csv",
        ...                                ["sample_data/sentinel2_berlin.tif"], value_field="synthetic_index",
        ...                                out_dir=os.path.join(tempfile.mkdtemp(), "model"), block_km=2.0,
        ...                                n_estimators=50, ablation=False)
        >>> result["status"], result["metrics"]["beats_baseline"]
        ('weak', False)
        >>> os.path.exists(result["report_html"])
        True
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
