"""Console/Processing/dock entry point of training: :func:`train_wealth_model`."""

import os

from ..errors import WealthMapError
from ..i18n import tr
from ..tasks import ensure_feedback


def train_wealth_model(survey, rasters, value_field=None, out_dir=None, lat_field=None, lon_field=None,
                       group_field=None, urban_field=None, year_field=None, extra_fields=(), crs="EPSG:4326",
                       duplicates="error", cv="blocked", folds=5, block_km=50.0, n_estimators=200,
                       min_samples_leaf=3, max_features=0.33, max_depth=None, pca_components=30, seed=0,
                       window_m=None, context_chips=None, chips_per_side=None, min_valid=None, max_cloud=None,
                       bundle=None, use_cache=True, cache_path=None, ablation=True, name=None, feedback=None):
    """Train a wealth head from survey points and Sentinel-2 rasters; write a model bundle.

    :param survey: a CSV/XLSX/GeoPackage path or a QGIS point layer.
    :param rasters: one or more Sentinel-2 raster paths (or raster layers) with the same bands, or a STAC
        query (``core.stac.search.StacQuery`` or a dict such as ``{"stac": "earth-search", "datetime":
        "2023-01-01/2023-12-31", "max_cloud": 30, "mode": "composite"}``): each point's context window is
        then composed from the catalogue (``core.stac.points``) and ``result["stac"]`` gives per-point status.
    :param value_field: the numeric target, e.g. ``"wealthpooled"``.
    :param out_dir: the bundle folder to write (replaced atomically; a cancel leaves nothing).
    :param cv: ``"blocked"`` (spatial blocks of ``block_km``, ``folds`` folds) or ``"group"``
        (leave one group out; needs a group field with two or more values).
    :param bundle: the bundle whose embedder is used (default: the bundled one).
    :param context_chips: odd number of chips per side of a point's context (``chips_per_side`` is
        an alias). The features of a point are those prediction computes for the chip that
        contains it: the mean embedding and pooled NDVI/NDBI/NDWI statistics of the
        ``context_chips`` x ``context_chips`` grid-aligned chips centred on that chip.
    :param window_m: instead of ``context_chips``: the smallest odd number of chips covering
        ``window_m`` metres. Default: at least 5 km (DHS displacement) and the bundle's context,
        i.e. 3 x 3 chips of 2.56 km = 7.68 km with the bundled embedder.
    :param min_valid, max_cloud: chip thresholds (default: prediction's settings, 0.7 and 0.3);
        a point whose chip fails them is left out and reported.
    :returns: a dict with ``bundle`` (folder), ``metrics``, ``training_data``, ``report_html``,
        ``report_json``, ``timings``.

    Example::

        import wealthmap.api as wm
        result = wm.train_wealth_model("clusters.csv", ["s2.tif"], value_field="wealthpooled",
                                       out_dir="/tmp/my_head", cv="group")
        print(result["metrics"]["model"]["r2"], result["report_html"])
    """
    from .. import deps
    from .feature_cache import FeatureCache
    from .features import FeatureSettings
    from .survey import read_survey
    from .train import ForestSettings, train

    deps.require("train")  # scikit-learn and onnx: said before any work, with how to install them
    feedback = ensure_feedback(feedback)
    if not out_dir:
        raise WealthMapError(tr("No output folder given for the model bundle. Choose a new or empty folder."))
    from .bundle import check_bundle_folder, load_bundle
    from .cv import check_cv_settings

    check_cv_settings(cv, folds, block_km)
    forest = ForestSettings(n_estimators, min_samples_leaf, max_features, max_depth, pca_components, seed)
    base = load_bundle(bundle)
    check_bundle_folder(out_dir, base)  # before any work: an unwritable or wrong folder is said at once
    from ..stac.search import is_query

    stac = rasters if is_query(rasters) else None  # a STAC query instead of rasters (core/stac/points.py)
    if isinstance(rasters, (str, os.PathLike)) or hasattr(rasters, "source"):
        rasters = [rasters]
    paths = [] if stac else [r.source() if hasattr(r, "source") else str(r) for r in (rasters or [])]
    data = read_survey(survey, value_field=value_field, lat_field=lat_field, lon_field=lon_field,
                       group_field=group_field, urban_field=urban_field, year_field=year_field,
                       extra_fields=extra_fields, crs=crs, duplicates=duplicates)
    from ..settings import WEALTH_MAX_CLOUD, WEALTH_MIN_VALID
    from .features import context_for

    if context_chips is None:
        context_chips = chips_per_side
    context = context_for(base.chip_m, window_m, context_chips, base=base.context_chips)
    settings = FeatureSettings(context_chips=context,
                               min_valid=WEALTH_MIN_VALID.value() if min_valid is None else min_valid,
                               max_cloud=WEALTH_MAX_CLOUD.value() if max_cloud is None else max_cloud)
    stac_result = None
    if stac is not None:
        from ..stac.points import rasters_for_training

        stac_result = rasters_for_training(data, stac, base, context, feedback=feedback)
        paths = stac_result["rasters"]
    cache = FeatureCache(cache_path) if use_cache else None
    try:
        result = train(feedback, data, paths, base, out_dir, cv_scheme=cv, k=folds, block_km=block_km,
                       forest=forest,
                       feature_settings=settings, cache=cache, name=name, ablation=ablation)
        if stac_result is not None:
            result["stac"] = stac_result
        return result
    finally:
        if cache is not None:
            cache.close()
