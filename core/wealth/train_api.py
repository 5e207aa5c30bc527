"""Console/Processing/dock entry point of training: :func:`train_wealth_model`."""

import os

from .. import validate as check
from ..errors import WealthMapError
from ..i18n import tr, tr_noop
from ..outputs import guard
from ..tasks import ensure_feedback


def train_wealth_model(survey, rasters, value_field=None, out_dir=None, lat_field=None, lon_field=None,
                       group_field=None, urban_field=None, year_field=None, extra_fields=(), crs="EPSG:4326",
                       duplicates="error", cv="blocked", folds=5, block_km=None, n_estimators=200,
                       min_samples_leaf=3, max_features=0.33, max_depth=None, pca_components=30, seed=0,
                       window_m=None, context_chips=None, chips_per_side=None, min_valid=None, max_cloud=None,
                       bundle=None, use_cache=True, cache_path=None, ablation=True, name=None, covariates=None,
                       covariate_sums=(), holdout=None, feedback=None, encoding=None,
                       scheduler=None, workers=None):
    """Train a wealth head from survey points and Sentinel-2 rasters; write a model bundle.

    :param survey: a CSV/XLSX/GeoPackage path or a QGIS point layer (``encoding``: the CSV's encoding when
        it cannot be detected; every row is read, or the file is refused naming the line).
    :param rasters: one or more Sentinel-2 raster paths (or raster layers) with the same bands, or a STAC
        query (``core.stac.search.StacQuery`` or a dict such as ``{"stac": "earth-search", "datetime":
        "2023-01-01/2023-12-31", "max_cloud": 30, "mode": "composite"}``): each point's context window is
        then composed from the catalogue (``core.stac.points``) and ``result["stac"]`` gives per-point status.
    :param value_field: the numeric target, e.g. ``"wealthpooled"``.
    :param out_dir: the bundle folder to write (replaced atomically; a cancel leaves nothing).
    :param scheduler: where the features are computed: ``None`` (here), ``"local"`` (``workers`` processes) or a
        Dask scheduler's address (docs/distributed.md).
    :param rasters: Sentinel-2 rasters with the same bands. The features follow the bands present: the
        embedder's RGB (B02, B03, B04) is required; NDVI and NDWI need B03, B04, B08; NDBI needs B11. The
        bundle records the bands and features used, and prediction asks for exactly those.
    :param extra_fields: survey columns reported as evaluation slices (never features: a prediction
        could not supply them).
    :param cv: ``"blocked"`` (spatial blocks of ``block_km``, ``folds`` folds) or ``"group"``
        (leave one group out; needs a group field with two or more values).
    :param block_km: spatial block size; ``None`` (default): 50 km when that gives at least
        ``folds`` blocks, else the largest of 25, 10, 5, 2.5, 1, 0.5 km that does (reported in
        ``metrics.blocks``); a given size that gives too few blocks is refused with the sizes that work.
    :param covariates: covariate rasters (night lights, population, built-up, elevation...): paths,
        ``"name=path"``, raster layers, or dicts ``{"name", "path", "band", "statistic", "units"}``;
        any CRS and resolution; a multi-band raster without ``band`` gives one covariate per band.
        Each is sampled over every point's context window (``mean``, or ``sum`` for counts).
    :param covariate_sums: names of covariates whose statistic is the sum (e.g. ``["population"]``).
    :param holdout: group names (or ``"A,B"``) held out together as the out-of-region test set;
        default: each group in turn when there is a group field with two or more groups.
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

    options = check_training_options(
        value_field=value_field, lat_field=lat_field, lon_field=lon_field, group_field=group_field,
        urban_field=urban_field, year_field=year_field, extra_fields=extra_fields, duplicates=duplicates, cv=cv,
        folds=folds, block_km=block_km, n_estimators=n_estimators, min_samples_leaf=min_samples_leaf,
        max_features=max_features, max_depth=max_depth, pca_components=pca_components, seed=seed,
        window_m=window_m, context_chips=context_chips if context_chips is not None else chips_per_side,
        min_valid=min_valid, max_cloud=max_cloud, use_cache=use_cache, ablation=ablation, name=name)
    check.crs(crs, "crs", where="train_wealth_model")
    cv, duplicates, folds, block_km = options["cv"], options["duplicates"], options["folds"], options["block_km"]
    n_estimators, min_samples_leaf = options["n_estimators"], options["min_samples_leaf"]
    max_features, max_depth, pca_components = options["max_features"], options["max_depth"], \
        options["pca_components"]
    seed, window_m, context_chips = options["seed"], options["window_m"], options["context_chips"]
    chips_per_side = None
    min_valid, max_cloud, extra_fields = options["min_valid"], options["max_cloud"], options["extra_fields"]
    deps.require("train")  # scikit-learn and onnx: said before any work, with how to install them
    feedback = ensure_feedback(feedback)
    if not out_dir:
        raise WealthMapError(tr("No output folder given for the model bundle. Choose a new or empty folder."))
    from .bundle import MAX_CONTEXT_CHIPS, check_bundle_folder, load_bundle
    from .cv import check_cv_settings

    check_cv_settings(cv, folds, block_km)
    forest = ForestSettings(n_estimators, min_samples_leaf, max_features, max_depth, pca_components, seed)
    base = load_bundle(bundle)
    from ..stac.search import is_query

    stac = rasters if is_query(rasters) else None  # a STAC query instead of rasters (core/stac/points.py)
    if isinstance(rasters, (str, os.PathLike)) or hasattr(rasters, "source"):
        rasters = [rasters]
    # before any work: the bundle folder is replaced whole, so it must not be or hold an input
    guard([(tr_noop("survey"), survey)] + ([] if stac else [(tr_noop("raster"), r) for r in (rasters or [])])
          + [(tr_noop("feature cache"), cache_path if use_cache else None)],
          [(tr_noop("model bundle folder"), out_dir)])
    check_bundle_folder(out_dir, base)  # an unwritable or wrong folder is said at once
    paths = [] if stac else [r.source() if hasattr(r, "source") else str(r) for r in (rasters or [])]
    from ..settings import WEALTH_MAX_CLOUD, WEALTH_MIN_VALID
    from .features import context_for

    if context_chips is None:
        context_chips = chips_per_side
    context = context_for(base.chip_m, window_m, context_chips, base=base.context_chips)
    if context > MAX_CONTEXT_CHIPS:
        raise WealthMapError(tr("train_wealth_model: a window of {0:g} m needs a context of {1} x {1} chips of "
                                "{2:g} m, more than {3} per side. Give a smaller window_m (the context is "
                                "averaged over it; 5,000 to 10,000 m is usual).").format(
            window_m, context, base.chip_m, MAX_CONTEXT_CHIPS))
    data = read_survey(survey, value_field=value_field, lat_field=lat_field, lon_field=lon_field,
                       group_field=group_field, urban_field=urban_field, year_field=year_field,
                       extra_fields=extra_fields, crs=crs, duplicates=duplicates, encoding=encoding)
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
        from .covariates import parse

        covs = parse(covariates, covariate_sums)
        result = train(feedback, data, paths, base, out_dir, cv_scheme=cv, k=folds, block_km=block_km,
                       forest=forest, feature_settings=settings, cache=cache, name=name, ablation=ablation,
                       covariates=covs, holdout=holdout or None,
                       scheduler=scheduler, workers=workers)
    finally:
        if cache is not None:
            cache.close()
    if stac_result is not None:
        result["stac"] = stac_result
    result["path"] = result["bundle"]
    result["layer"] = None  # training writes a bundle, no layer
    result["summary"] = summary(result)
    return result


def summary(result):
    """One sentence on a training: cross-validated r² next to the best simple baseline's, the bundle and its
    status; a weak model's warning after it."""
    from .bundle import BASELINE_NAMES

    m = result["metrics"]
    best = m.get("best_baseline") or {}
    base_r2 = best.get("r2")
    text = tr("Cross-validated r² {0:.3f} (squared r {1:.3f}, RMSE {2:.3f}) on {3} points; best simple baseline "
              "({4}) r² {5:.3f}. Bundle: {6} (status '{7}').").format(
        m["model"]["r2"], m["model"]["pearson_r2"], m["model"]["rmse"], m["model"]["n"],
        tr(BASELINE_NAMES.get(best.get("name"), best.get("name") or "")),
        base_r2 if base_r2 is not None else float("nan"), result["bundle"], tr(result["status"]))
    if result.get("warning"):
        text += " " + result["warning"]
    return text


def check_training_options(value_field=None, lat_field=None, lon_field=None, group_field=None, urban_field=None,
                           year_field=None, extra_fields=(), duplicates="error", cv="blocked", folds=5,
                           block_km=50.0, n_estimators=200, min_samples_leaf=3, max_features=0.33, max_depth=None,
                           pca_components=30, seed=0, window_m=None, context_chips=None, min_valid=None,
                           max_cloud=None, use_cache=True, ablation=True, name=None):
    """The training options checked and in their usable form (see :mod:`core.validate`); raises
    :class:`WealthMapError` naming the first bad one."""
    where = "train_wealth_model"
    for key, value in (("value_field", value_field), ("lat_field", lat_field), ("lon_field", lon_field),
                       ("group_field", group_field), ("urban_field", urban_field), ("year_field", year_field),
                       ("name", name)):
        check.text(value, key, where=where, allow_none=True, allow_empty=True)
    if isinstance(extra_fields, str):
        extra_fields = [extra_fields]
    out = {"extra_fields": tuple(check.text_list(extra_fields, "extra_fields", where=where, min_len=0,
                                                 allow_none=True) or ())}
    out["cv"] = check.choice(cv, "cv", ("blocked", "group"), where=where,
                             hint=tr("'blocked': spatial blocks; 'group': leave one group out."))
    out["duplicates"] = check.choice(duplicates, "duplicates", ("error", "mean"), where=where)
    out["folds"] = check.integer(folds, "folds", 2, 100, where=where, hint=tr("5 is usual."))
    # None or "" (automatic): the size adapts to the survey's extent; Processing's and the dock's 0 ("automatic")
    # reach here as None, so a 0 given to the API is refused like any size that is not above 0
    automatic = block_km is None or (isinstance(block_km, str) and not block_km.strip())
    out["block_km"] = None if automatic else check.number(
        block_km, "block_km", 0.0, 20000.0, lo_open=True, where=where, hint=tr("50 km is usual."))
    out["n_estimators"] = check.integer(n_estimators, "n_estimators", 1, 10000, where=where)
    out["min_samples_leaf"] = check.integer(min_samples_leaf, "min_samples_leaf", 1, 100000, where=where)
    if max_features is None or (isinstance(max_features, str) and max_features.strip().lower() in ("sqrt", "log2")):
        out["max_features"] = max_features.strip().lower() if max_features else None
    elif isinstance(max_features, int) and not isinstance(max_features, bool):
        out["max_features"] = check.integer(max_features, "max_features", 1, 1_000_000, where=where)
    else:
        out["max_features"] = check.number(max_features, "max_features", 0.0, 1.0, lo_open=True, where=where,
                                           hint=tr("It is the share of the columns each split looks at (0.33 is "
                                                   "usual), or a whole number of columns, 'sqrt' or 'log2'."))
    out["max_depth"] = None if max_depth in (None, 0) else check.integer(max_depth, "max_depth", 1, 1000,
                                                                         where=where)
    out["pca_components"] = check.integer(pca_components, "pca_components", 0, 10000, where=where)
    out["seed"] = check.integer(seed, "seed", 0, 2 ** 32 - 1, where=where)
    out["window_m"] = check.number(window_m, "window_m", 0.0, 1e6, lo_open=True, where=where, allow_none=True)
    out["context_chips"] = check.integer(context_chips, "context_chips", 1, 99, where=where, allow_none=True)
    if out["context_chips"] is not None and out["context_chips"] % 2 != 1:
        raise WealthMapError(tr("train_wealth_model: the parameter 'context_chips' must be an odd number (1, 3, "
                                "5...) so that the point's chip is in the middle; got {0}.").format(context_chips))
    out["min_valid"] = check.fraction(min_valid, "min_valid", where=where, allow_none=True)
    out["max_cloud"] = check.fraction(max_cloud, "max_cloud", where=where, allow_none=True)
    check.boolean(use_cache, "use_cache", where=where)
    check.boolean(ablation, "ablation", where=where)
    return out
