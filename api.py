"""WealthMap console API: ``import wealthmap.api as wm`` in the QGIS Python console.

Every function here calls the same core function as the dock and the Processing
algorithm of its job, runs synchronously in the calling thread (use the docks or
Processing for background work), and raises :class:`wealthmap.core.errors.WealthMapError`
with a message that says what is wrong and how to fix it. ``feedback`` is an optional
:class:`qgis.core.QgsFeedback` for progress and cancel.

Jobs:

* geocoding: :func:`geocode`, :func:`build_address_index`
* thematic maps: :func:`join_table`, :func:`choropleth`, :func:`chart_map`, :func:`export_map`
* wealth from imagery: :func:`predict_wealth`, :func:`train_wealth_model`
"""

from .core.errors import WealthMapError  # noqa: F401 - re-exported for users

__all__ = [
    "WealthMapError",
    "geocode",
    "build_address_index",
    "join_table",
    "choropleth",
    "chart_map",
    "export_map",
    "predict_wealth",
    "train_wealth_model",
]


# --- geocoding -----------------------------------------------------------------------------
def geocode(*args, **kwargs):
    """Batch geocode an address table to a point layer (filled in by the geocoding job).

    Example::

        import wealthmap.api as wm
        result = wm.geocode("addresses.csv", address_fields=["address"], provider="offline")
    """
    from .core.geocode.api import geocode as impl

    return impl(*args, **kwargs)


def build_address_index(*args, **kwargs):
    """Build an offline address index (SQLite) from a layer, a table or OSM data.

    Example::

        import wealthmap.api as wm
        wm.build_address_index("osm.pbf", "/tmp/index.sqlite")
    """
    from .core.geocode.api import build_address_index as impl

    return impl(*args, **kwargs)


# --- thematic maps -------------------------------------------------------------------------
def join_table(*args, **kwargs):
    """Join a statistics table to boundaries by key; returns the new layer and a join report.

    Example::

        import wealthmap.api as wm
        result = wm.join_table(boundaries, "stats.csv", layer_key="code", table_key="code")
    """
    from .core.thematic.api import join_table as impl

    return impl(*args, **kwargs)


def choropleth(*args, **kwargs):
    """Style a polygon layer as a classified choropleth; returns the breaks and fit.

    Example::

        import wealthmap.api as wm
        result = wm.choropleth(layer, "population", method="jenks", classes=5)
    """
    from .core.thematic.api import choropleth as impl

    return impl(*args, **kwargs)


def chart_map(*args, **kwargs):
    """Add pie or bar charts per region from two or more fields.

    Example::

        import wealthmap.api as wm
        wm.chart_map(layer, ["men", "women"], kind="pie")
    """
    from .core.thematic.api import chart_map as impl

    return impl(*args, **kwargs)


def export_map(*args, **kwargs):
    """Export a finished map (title, legend, scale bar, north arrow) to PNG or PDF.

    Example::

        import wealthmap.api as wm
        wm.export_map([layer], "/tmp/map.png", title="Population")
    """
    from .core.thematic.api import export_map as impl

    return impl(*args, **kwargs)


# --- wealth from imagery -------------------------------------------------------------------
def predict_wealth(*args, **kwargs):
    """Predict a wealth index per image chip over a region of a Sentinel-2 raster.

    Example::

        import wealthmap.api as wm
        result = wm.predict_wealth(raster_layer, region=raster_layer.extent(), output="/tmp/wealth.gpkg")
    """
    from .core.wealth.api import predict_wealth as impl

    return impl(*args, **kwargs)


def train_wealth_model(survey, rasters, value_field=None, out_dir=None, **kwargs):
    """Train a wealth head from survey points and Sentinel-2 rasters; writes a model bundle.

    ``survey``: a CSV/XLSX path (lat/lon columns detected) or a point layer; ``rasters``: raster
    paths or layers with the same bands; ``value_field``: the numeric target; ``out_dir``: the
    bundle folder (written atomically). Keyword options (see
    :func:`wealthmap.core.wealth.train_api.train_wealth_model`): ``group_field``, ``urban_field``,
    ``cv`` (``"blocked"`` or ``"group"``), ``folds``, ``block_km``, ``n_estimators``,
    ``min_samples_leaf``, ``pca_components``, ``window_m``, ``bundle``, ``ablation``, ``feedback``.
    Returns a dict with ``bundle``, ``metrics`` (model and baselines), ``report_html``, ``report_json``.

    Example::

        import wealthmap.api as wm
        result = wm.train_wealth_model("clusters.csv", ["s2.tif"], value_field="wealthpooled",
                                       out_dir="/tmp/model", cv="group")
        print(result["metrics"]["model"]["r2"], result["metrics"]["baselines"]["urban_rural_mean"]["r2"])
    """
    from .core.wealth.train_api import train_wealth_model as impl

    return impl(survey, rasters, value_field=value_field, out_dir=out_dir, **kwargs)
