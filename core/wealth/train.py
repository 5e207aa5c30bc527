"""Train and evaluate a wealth head from survey points (issue 6).

``train(feedback, survey, raster_paths, base_bundle, out_dir, ...)``:

1. features per point (``features.point_features``: exactly those prediction computes for the
   chip that contains the point, with its chip context; cached per point and raster);
2. cross-validation on spatial blocks or whole groups: a random forest (PCA of the
   embedding inside each fold), next to baselines (training mean, group mean, urban/rural
   mean) on the same folds, and a feature-group ablation (with and without each group);
3. the final forest on all points, exported to ONNX (``forest_onnx``: mean and per-tree
   spread, PCA inside the graph; no pickle) and checked against scikit-learn;
4. a model bundle (``bundle.write_bundle``, atomic: a cancel leaves no partial folder) with
   status ``trained``, metrics, training-data description and code version, plus
   ``report.html`` / ``report.json`` inside it.
"""

import datetime
import hashlib
import json
import os
import time

import numpy as np

from ..errors import WealthMapError
from ..i18n import tr, tr_noop
from ..tasks import check_cancel
from . import cv as cvmod
from .bundle import FEATURES_METADATA, INPUTS_METADATA, legend_breaks
from .features import SPECTRAL_NAMES, FeatureSettings, head_inputs, point_features

MIN_TRAIN_POINTS = 20
PLUGIN_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def code_version():
    """The plugin version from metadata.txt (and the git commit when the plugin runs from a checkout)."""
    version = "unknown"
    try:
        with open(os.path.join(PLUGIN_ROOT, "metadata.txt"), encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("version="):
                    version = line.split("=", 1)[1].strip()
    except OSError:
        pass
    head = os.path.join(PLUGIN_ROOT, ".git", "HEAD")
    try:
        with open(head, encoding="utf-8") as handle:
            ref = handle.read().strip()
        if ref.startswith("ref:"):
            with open(os.path.join(PLUGIN_ROOT, ".git", ref[5:].strip()), encoding="utf-8") as handle:
                ref = handle.read().strip()
        version += "+git" + ref[:10]
    except OSError:
        pass
    return version


def _swapped_hint(survey, raster_paths):
    """A sentence when the points would fall on the rasters with latitude and longitude swapped."""
    from .raster import RasterSource, srs_from, transform_bbox

    boxes = []
    for path in raster_paths:
        try:
            source = RasterSource(path)
            boxes.append(transform_bbox(source.bounds(), source.srs, srs_from(4326)))
        except (WealthMapError, RuntimeError):
            continue

    def inside(lon, lat):
        return sum(1 for x, y in zip(lon, lat) if any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes))

    if not boxes or not len(survey):
        return ""
    if inside(survey.lat, survey.lon) > max(2 * inside(survey.lon, survey.lat), len(survey) // 2):
        return " " + tr("With latitude and longitude swapped, {0} of the points would fall on the rasters: check "
                        "which column is which (lat_field / lon_field).").format(inside(survey.lat, survey.lon))
    return ""


class ForestSettings:
    """Random forest settings exposed to the user (defaults suit a few hundred to tens of thousands of points)."""

    def __init__(self, n_estimators=200, min_samples_leaf=3, max_features=0.33, max_depth=None, pca_components=30,
                 seed=0, n_jobs=None):
        try:
            self.n_estimators = int(n_estimators)
            self.min_samples_leaf = int(min_samples_leaf)
            self.max_depth = None if not max_depth else int(max_depth)
            self.pca_components = int(pca_components)
            self.seed = int(seed)
        except (TypeError, ValueError) as err:
            raise WealthMapError(tr("The forest settings must be whole numbers ({0}).").format(err)) from err
        self.max_features = max_features
        self.n_jobs = n_jobs
        if self.n_estimators < 1 or self.min_samples_leaf < 1:
            raise WealthMapError(tr("The forest needs at least 1 tree and at least 1 point per leaf (got {0} trees, "
                                    "{1} per leaf); 200 and 3 are usual.").format(self.n_estimators,
                                                                                  self.min_samples_leaf))
        if self.max_depth is not None and self.max_depth < 1:
            raise WealthMapError(tr("The maximum tree depth must be at least 1, or empty for no limit."))
        if self.pca_components < 0:
            raise WealthMapError(tr("The number of PCA components cannot be negative (got {0}).").format(
                self.pca_components))
        valid_share = isinstance(max_features, float) and 0.0 < max_features <= 1.0
        valid_count = isinstance(max_features, int) and not isinstance(max_features, bool) and max_features >= 1
        if not (valid_share or valid_count or max_features in ("sqrt", "log2", None)):
            raise WealthMapError(tr("max_features must be a share of the features in (0, 1], a whole number of "
                                    "features, 'sqrt', 'log2' or None (got {0!r}).").format(max_features))

    def as_dict(self):
        return {"n_estimators": self.n_estimators, "min_samples_leaf": self.min_samples_leaf,
                "max_features": self.max_features, "max_depth": self.max_depth,
                "pca_components": self.pca_components, "seed": self.seed}

    def forest(self, n_estimators=None):
        from sklearn.ensemble import RandomForestRegressor

        return RandomForestRegressor(
            n_estimators=n_estimators or self.n_estimators, min_samples_leaf=self.min_samples_leaf,
            max_features=self.max_features, max_depth=self.max_depth, random_state=self.seed, n_jobs=self.n_jobs)


class HeadModel:
    """PCA over the embedding columns (the first ``dim``), then a forest over [components | other columns]."""

    def __init__(self, settings, dim, use_columns=None):
        self.settings = settings
        self.dim = dim
        self.use_columns = use_columns  # None: all columns
        self.pca = None
        self.forest = None

    def _design(self, X, fit=False):
        X = np.asarray(X, dtype=np.float64)
        cols = np.arange(X.shape[1]) if self.use_columns is None else np.asarray(self.use_columns)
        emb = cols[cols < self.dim]
        rest = cols[cols >= self.dim]
        parts = []
        if len(emb):
            if fit:
                from sklearn.decomposition import PCA

                k = max(1, min(self.settings.pca_components, len(emb), X.shape[0] - 1))
                self.pca = PCA(n_components=k, random_state=self.settings.seed).fit(X[:, emb])
            parts.append(self.pca.transform(X[:, emb]))
        if len(rest):
            parts.append(X[:, rest])
        return np.hstack(parts).astype(np.float32)

    def fit(self, X, y, n_estimators=None):
        Z = self._design(X, fit=True)
        self.forest = self.settings.forest(n_estimators).fit(Z, y)
        return self

    def predict(self, X):
        return self.forest.predict(self._design(X))

    def per_tree_std(self, X):
        Z = self._design(X)
        return np.std([t.predict(Z) for t in self.forest.estimators_], axis=0)


def cross_validate(X, y, folds, settings, dim, use_columns=None, n_estimators=None, feedback=None, progress=None):
    """Out-of-fold predictions of the head over ``folds`` (fold ids per point)."""
    pred = np.full(len(y), np.nan)
    ids = np.unique(folds)
    for j, f in enumerate(ids):
        check_cancel(feedback)
        test = folds == f
        model = HeadModel(settings, dim, use_columns).fit(X[~test], y[~test], n_estimators)
        pred[test] = model.predict(X[test])
        if feedback is not None and progress is not None:
            lo, hi = progress
            feedback.setProgress(lo + (hi - lo) * (j + 1) / len(ids))
    return pred


def feature_groups(dim, spectral_names, covariate_names=()):
    """``{group: column indices}``: embedding, spectral statistics (when any), one group per covariate
    (``covariate:<name>``)."""
    groups = {"embedding": list(range(dim))}
    if spectral_names:
        groups["spectral"] = list(range(dim, dim + len(spectral_names)))
    start = dim + len(spectral_names)
    for j, name in enumerate(covariate_names):
        groups["covariate:" + name] = [start + j]
    return groups


def _hash_inputs(survey, sources):
    digest = hashlib.sha256(survey.input_hash.encode("ascii"))
    from .raster import file_stat

    for path in sources:
        stat = file_stat(path)  # None for a GDAL dataset name without a file behind it
        digest.update("{}|{}|{}".format(os.path.basename(path), stat.st_size if stat else "",
                                        int(stat.st_mtime) if stat else "").encode("utf-8"))
    return digest.hexdigest()


def train(feedback, survey, raster_paths, base, out_dir, cv_scheme="blocked", k=5, block_km=None, forest=None,
          feature_settings=None, cache=None, name=None, ablation=True, ablation_trees=60, status="trained",
          model_id=None, embedder=None, covariates=None, holdout=None,
          scheduler=None, workers=None):
    """Train, cross-validate and export a bundle; returns the result dict (also ``report.json``).

    ``base`` is the :class:`ModelBundle` whose embedder is reused (normalisation, chip geometry;
    its ONNX file is copied into the new bundle); the bands and spectral statistics follow the
    rasters (``features.training_bundle``). ``embedder`` an optional ``embed.Embedder`` of the
    narrowed bundle (made here when absent). ``covariates``: :class:`covariates.Covariate` list (or
    what ``covariates.parse`` takes). ``block_km=None``: the block size adapts to the survey
    (``cv.auto_block_km``). ``holdout``: group names held out together as the out-of-region test set
    (default: each group in turn, when the survey has a group field with two or more groups).
    ``scheduler``: ``None`` (in-process) or ``"local"`` / a Dask scheduler's address: the points' features
    (of ``fbundle``, the narrowed bundle) are computed there (``core.wealth.distributed.features``); the
    covariates are then sampled here as in-process.
    """
    from .bundle import EMBEDDING_FEATURE, write_bundle
    from .forest_onnx import forest_to_onnx

    if status == "validated":
        raise WealthMapError(tr("A newly trained model is 'trained'; mark it 'validated' yourself only after "
                                "independent checks."))
    forest = forest or ForestSettings()
    feature_settings = feature_settings or FeatureSettings()
    timings = {}
    t_start = time.monotonic()
    check_cancel(feedback)
    if cv_scheme == "group":
        cvmod.group_folds(survey.group)  # fail early: a single group cannot be left out
    if len(survey) and float(np.nanmax(survey.value) - np.nanmin(survey.value)) == 0.0:
        raise WealthMapError(tr("The value field '{0}' has the same value ({1:g}) at every point: there is nothing to "
                                "learn. Pick the field with the wealth index.").format(survey.fields["value"],
                                                                                    float(survey.value[0])))

    from . import covariates as covmod
    from .features import check_same_bands, training_bundle
    from .raster import RasterSource

    sources = [p if isinstance(p, RasterSource) else RasterSource(p) for p in raster_paths] if raster_paths else []
    check_same_bands(sources)
    fbundle = training_bundle(base, sources) if sources else base
    spectral_names = [f for f in fbundle.manifest["features"] if f in SPECTRAL_NAMES]
    covs = covmod.fingerprint(covmod.parse(covariates))
    if covs and len(survey):
        covmod.check_coverage(covs, (float(np.min(survey.lon)), float(np.min(survey.lat)), float(np.max(survey.lon)),
                                     float(np.max(survey.lat))), "EPSG:4326", tr("the survey points"))
    if holdout:
        cvmod.holdout_mask(survey.group, holdout)  # fail early: unknown group names

    # 1. features
    t0 = time.monotonic()
    sub = _SubFeedback(feedback, 0, 60)
    from .distributed import is_distributed

    if is_distributed(scheduler):
        from .distributed.features import point_features_distributed

        X, keep, reasons, ftimes = point_features_distributed(survey, sources, fbundle, feature_settings, sub,
                                                              scheduler=scheduler, workers=workers)
    else:
        X, keep, reasons, ftimes = point_features(survey, sources, fbundle, feature_settings, cache, sub,
                                                  embedder=embedder)
    timings["features_s"] = time.monotonic() - t0
    t_cov = time.monotonic()
    if covs and keep.any():
        idx = np.flatnonzero(keep)
        cov_values = covmod.point_values(covs, sources, survey.lon[idx], survey.lat[idx], fbundle,
                                         feature_settings.context_chips // 2)
        bad = ~np.all(np.isfinite(cov_values), axis=1)
        for i, values in zip(idx[bad], cov_values[bad]):
            missing = [c.name for c, v in zip(covs, values) if not np.isfinite(v)]
            reasons[int(i)] = tr("no value of the covariate(s) {0} around the point").format(", ".join(missing))
        keep[idx[bad]] = False
        X = np.hstack([X[~bad], cov_values[~bad].astype(np.float32)])
        for cov, col in zip(covs, cov_values[~bad].T):
            cov.range = covmod.value_range(col)
    timings["covariates_s"] = time.monotonic() - t_cov
    timings.update({"read_s": ftimes["read_s"], "embed_s": ftimes["embed_s"]})
    used = survey.subset(keep, None)
    left_out = [(int(survey.rows[i]), reason) for i, reason in sorted(reasons.items())]
    used.skipped = list(survey.skipped) + left_out
    if len(used) < MIN_TRAIN_POINTS:
        example = "; ".join("row {}: {}".format(r, why) for r, why in left_out[:3])
        raise WealthMapError(tr("Only {0} of {1} survey points have usable imagery (at least {2} are needed). "
                                "{3} were left out, for example {4}. Use rasters that cover the points, with "
                                "fewer clouds.").format(len(used), len(survey), MIN_TRAIN_POINTS, len(left_out),
                                                        example) + _swapped_hint(survey, raster_paths))
    # the survey's extra columns are evaluation slices only: a prediction could not supply them as features
    extra_names = list(used.extras)
    if not np.all(np.isfinite(X)):
        bad = int((~np.all(np.isfinite(X), axis=1)).sum())
        raise WealthMapError(tr("{0} points got non-finite features (all pixels invalid for one index?). Check the "
                                "rasters' nodata value.").format(bad))
    y = used.value
    dim = int(base.embedding_dim)

    # 2. cross-validation
    t0 = time.monotonic()
    block_info = None
    if cv_scheme == "blocked":
        block_info = cvmod.choose_block_km(used.lon, used.lat, k, block_km)
        block_km = block_info["block_km"]
    folds, fold_names = cvmod.make_folds(cv_scheme, used.lon, used.lat, used.group, k=k, block_km=block_km,
                                         seed=forest.seed)
    pred = cross_validate(X, y, folds, forest, dim, feedback=feedback, progress=(60, 78))
    model_metrics = cvmod.metrics(y, pred, used.urban)
    baselines, base_preds = cvmod.evaluate_baselines(y, folds, used.group, used.urban)
    from .bundle import best_baseline, is_weak, weak_warning

    scores = {"model": model_metrics, "baselines": baselines}
    baseline_name, baseline_r2 = best_baseline(scores)
    verdict = {"best_baseline": {"name": baseline_name, "r2": baseline_r2}, "beats_baseline": not is_weak(scores)}
    warning = None
    if status == "trained" and not verdict["beats_baseline"]:
        status = "weak"  # said in the manifest, the report, the dock and every map made with it
        warning = weak_warning(scores)
    per_fold = []
    for f in np.unique(folds):
        m = folds == f
        per_fold.append({"fold": fold_names[int(f)] if int(f) < len(fold_names) else str(f), "n": int(m.sum()),
                         "r2": cvmod.r2(y[m], pred[m]), "rmse": cvmod.rmse(y[m], pred[m])})
    ablation_rows = []
    if ablation:
        groups = feature_groups(dim, spectral_names, [c.name for c in covs])
        if len(groups) > 1:
            steps = 2 * len(groups)
            for j, (gname, cols) in enumerate(groups.items()):
                others = [c for g, cc in groups.items() if g != gname for c in cc]
                p_without = cross_validate(X, y, folds, forest, dim, others, ablation_trees, feedback,
                                           (78 + 10 * (2 * j) / steps, 78 + 10 * (2 * j + 1) / steps))
                p_only = cross_validate(X, y, folds, forest, dim, cols, ablation_trees, feedback,
                                        (78 + 10 * (2 * j + 1) / steps, 78 + 10 * (2 * j + 2) / steps))
                ablation_rows.append({"group": gname, "columns": len(cols),
                                      "r2_without": cvmod.r2(y, p_without), "r2_only": cvmod.r2(y, p_only)})
    slices = cvmod.slice_errors(y, pred, used.urban, used.group, used.year, used.extras)
    out_of_region = cvmod.out_of_region(
        X, y, used.group, used.rows, holdout, lambda Xa, ya: HeadModel(forest, dim).fit(Xa, ya),
        cv_predictions=pred if cv_scheme == "group" else None, feedback=feedback, k=max(int(k), 2),
        seed=forest.seed)
    timings["evaluation_s"] = time.monotonic() - t0

    # 3. final forest, ONNX export, check
    check_cancel(feedback)
    t0 = time.monotonic()
    final = HeadModel(forest, dim).fit(X, y)
    timings["forest_s"] = time.monotonic() - t0
    if feedback is not None:
        feedback.setProgress(92)
    check_cancel(feedback)
    # the metadata describe the trained bundle (the raster's bands, its spectral statistics, the covariates),
    # exactly what its manifest lists: prediction refuses a head whose manifest was edited since
    trained_features = [EMBEDDING_FEATURE] + spectral_names + ["covariate:" + c.name for c in covs]
    head = forest_to_onnx(final.forest, n_inputs=X.shape[1], pca=final.pca,
                          metadata={"wealthmap_status": status, "trees": forest.n_estimators,
                                    FEATURES_METADATA: json.dumps(trained_features),
                                    INPUTS_METADATA: head_inputs(fbundle, feature_settings.context_chips)})
    onnx_pred, onnx_std = _run_head(head, X)
    sk_pred = final.predict(X)
    max_diff = float(np.max(np.abs(onnx_pred - sk_pred)))
    if max_diff > 1e-3 * max(1.0, float(np.std(y))):
        raise WealthMapError(tr("The exported ONNX head differs from the trained forest (max {0:.3g}); please report "
                                "this bug.").format(max_diff))
    importances = _importances(final, spectral_names + ["covariate:" + c.name for c in covs])

    # 4. bundle
    check_cancel(feedback)
    training_data = used.describe()
    training_data.update({
        "rows_read": int(survey.rows_read), "rows_with_imagery": int(len(used)),
        "rows_without_imagery": len(left_out), "left_out_examples": [
            {"row": r, "reason": why} for r, why in used.skipped[:50]],
        "rasters": [os.path.basename(p.path) for p in sources],
        "input_sha256": _hash_inputs(survey, [p.path for p in sources] + [c.path for c in covs]),
        "extra_columns_as_slices": extra_names,
        "survey_sha256": survey.input_hash,
    })
    metrics_out = {
        "cv_scheme": cv_scheme, "folds": int(len(np.unique(folds))),
        "block_km": block_km if cv_scheme == "blocked" else None, "blocks": block_info,
        "out_of_region": out_of_region, "slices": slices,
        "model": model_metrics, "baselines": baselines, "per_fold": per_fold, "ablation": ablation_rows,
        "onnx_max_abs_diff": max_diff,
    }
    metrics_out.update(verdict)
    model_id = model_id or "trained-{}".format(datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%d-%H%M%S"))
    base_manifest = base.manifest
    manifest = dict(base_manifest)
    for key in ("files", "description", "extra_features", "demo_note"):
        manifest.pop(key, None)  # the base's (e.g. the demo's "predicts the built-up share") do not hold here
    manifest["embedder"] = {k: v for k, v in base_manifest["embedder"].items() if k != "alternatives"}
    manifest.update({
        "id": model_id,
        "name": name or "Wealth head trained on {}".format(training_data.get("source") or "survey points"),
        # the English templates of name and units: shown in the UI's language (ModelBundle.text)
        "i18n": {} if name else {"name": [tr_noop("Wealth head trained on {0}"),
                                          [training_data.get("source") or "survey points"]],
                                 "units": [tr_noop("{0} (the survey's value field)"), [used.fields["value"]]]},
        "status": status,
        "head": {"file": "head.onnx", "input": "features", "outputs": {"mean": "mean", "std": "std"},
                 "kind": "random_forest", "trees": forest.n_estimators, "pca_components": int(final.pca.n_components_),
                 "settings": forest.as_dict()},
        "bands": list(fbundle.bands),
        "features": list(trained_features),
        "covariates": [c.as_manifest() for c in covs],
        "feature_settings": feature_settings.as_dict(),
        "context_chips": int(feature_settings.context_chips),
        "metrics": metrics_out,
        "training_data": training_data,
        "output": {"name": "wealth", "units": "{} (the survey's value field)".format(used.fields["value"]),
                   "field": used.fields["value"], "classes": legend_breaks(y),
                   "classes_note": "legend breaks: quantiles of the training values (same classes for every map)"},
        "code_version": code_version(),
        "created": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "description": tr("Random-forest head trained on {0} survey points ({1}) with the embedder of {2}; "
                          "cross-validated metrics in 'metrics'.").format(len(used), used.fields["value"], base.id),
        "licence": base_manifest.get("licence", "see training data"),
        "citation": base_manifest.get("citation", ""),
    })
    timings["total_s"] = time.monotonic() - t_start
    result = {
        "bundle": os.path.abspath(out_dir), "metrics": metrics_out, "training_data": training_data,
        "distributed": ftimes.get("distributed"),
        "importances": importances, "timings": timings, "cached_points": ftimes["cached_points"],
        "embedded_chips": ftimes["embedded_chips"], "manifest_id": model_id, "status": status, "warning": warning,
        "observed": [float(v) for v in y], "predicted": [float(v) for v in pred],
        "urban": None if used.urban is None else [None if not np.isfinite(u) else int(u) for u in used.urban],
        "rows": [int(r) for r in used.rows], "folds": [int(f) for f in folds],
    }
    from .bundle import json_safe
    from .report import render_html

    plain = json.loads(json.dumps(result, default=_json_default, allow_nan=True))
    report_json = json.dumps(json_safe(plain), indent=1, allow_nan=False).encode("utf-8")
    report_html = render_html(result, manifest).encode("utf-8")
    files = {"embedder.onnx": base.embedder_path, "head.onnx": head, "report.json": report_json,
             "report.html": report_html}
    manifest["embedder"] = dict(manifest["embedder"], file="embedder.onnx")
    check_cancel(feedback)
    bundle = write_bundle(out_dir, manifest, files, base=base)
    if feedback is not None:
        feedback.setProgress(100)
    result["report_html"] = os.path.join(bundle.path, "report.html")
    result["report_json"] = os.path.join(bundle.path, "report.json")
    result["model"] = final
    result["X"] = X
    return result


def _json_default(value):
    if isinstance(value, (np.floating,)):
        return float(value)
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, np.ndarray):
        return value.tolist()
    return str(value)


def _run_head(model, X):
    import onnxruntime as ort

    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    mean, std = session.run(["mean", "std"], {"features": np.asarray(X, dtype=np.float32)})
    return mean.astype(np.float64), std.astype(np.float64)


def _importances(model, other_names):
    names = ["pca_{:02d}".format(i) for i in range(model.pca.n_components_)] + list(other_names)
    values = model.forest.feature_importances_
    order = np.argsort(-values)
    return [{"feature": names[i], "importance": float(values[i])} for i in order]


class _SubFeedback:
    """Maps a child's 0..100 progress into ``lo..hi`` of the parent feedback; forwards cancel."""

    def __init__(self, parent, lo, hi):
        self.parent, self.lo, self.hi = parent, lo, hi

    def setProgress(self, value):  # noqa: N802 - QgsFeedback API
        if self.parent is not None:
            self.parent.setProgress(self.lo + (self.hi - self.lo) * value / 100.0)

    def isCanceled(self):  # noqa: N802 - QgsFeedback API
        return self.parent is not None and self.parent.isCanceled()
