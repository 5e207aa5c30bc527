"""Honest cross-validation for survey points: spatial blocks and whole groups held out.

Random splits of survey clusters overstate skill (neighbouring clusters share imagery and
wealth), so folds here hold out whole spatial blocks (``blocked_kfold``) or whole groups such
as countries (``group_folds``). Metrics and baselines are computed on the same folds.
"""

import numpy as np

from ..errors import WealthMapError
from ..i18n import tr

EARTH_KM_PER_DEG = 111.32


def spatial_blocks(lon, lat, block_km=50.0):
    """An integer block id per point: a grid of about ``block_km`` x ``block_km`` cells."""
    lon = np.asarray(lon, dtype=np.float64)
    lat = np.asarray(lat, dtype=np.float64)
    dlat = block_km / EARTH_KM_PER_DEG
    row = np.floor(lat / dlat).astype(np.int64)
    centre = (row + 0.5) * dlat
    scale = np.maximum(np.cos(np.radians(centre)), 0.05)
    col = np.floor(lon * scale / dlat).astype(np.int64)
    _, ids = np.unique(np.column_stack([row, col]), axis=0, return_inverse=True)
    return ids.ravel()


#: Block sizes tried by :func:`choose_block_km` (km), largest first.
BLOCK_SIZES_KM = (100.0, 50.0, 25.0, 10.0, 5.0, 2.5, 1.0, 0.5)
#: The default block size when the survey allows it (km).
DEFAULT_BLOCK_KM = 50.0


def block_counts(lon, lat, sizes=BLOCK_SIZES_KM):
    """``{size_km: number of spatial blocks}`` of the points for each block size."""
    return {float(size): int(len(np.unique(spatial_blocks(lon, lat, size)))) for size in sizes}


def workable_sizes(lon, lat, k):
    """Block sizes (km) of :data:`BLOCK_SIZES_KM` giving at least ``k`` blocks (a sentence for messages)."""
    counts = block_counts(lon, lat)
    sizes = [size for size, n in counts.items() if n >= k]
    if not sizes:
        return tr("no block size down to {0:g} km gives {1} blocks: the points are too close together; use fewer "
                  "folds or group cross-validation").format(BLOCK_SIZES_KM[-1], k)
    return tr("block sizes that would work: {0}").format(", ".join(
        "{:g} km ({} blocks)".format(size, counts[size]) for size in sizes[:4]))


def choose_block_km(lon, lat, k=5, block_km=None):
    """The spatial block size of blocked k-fold and how it was chosen: ``{"block_km", "blocks", "chosen",
    "note"}``. ``block_km`` given: used as it is (refused with the sizes that would work when it gives fewer
    than ``k`` blocks). ``None``: :data:`DEFAULT_BLOCK_KM` when it gives at least ``k`` blocks, else the
    largest smaller size of :data:`BLOCK_SIZES_KM` that does (the largest blocks: the least leakage between
    neighbouring training and test points)."""
    if block_km is not None:
        n = int(len(np.unique(spatial_blocks(lon, lat, float(block_km)))))
        if n < k:
            raise WealthMapError(tr("Only {0} spatial blocks of {1:g} km for {2}-fold blocked cross-validation: the "
                                    "points span too small an area for blocks that large; {3}. Leave the block size "
                                    "empty to choose it automatically.").format(n, float(block_km), k,
                                                                               workable_sizes(lon, lat, k)))
        return {"block_km": float(block_km), "blocks": n, "chosen": "given", "note": ""}
    counts = block_counts(lon, lat, (DEFAULT_BLOCK_KM,) + tuple(s for s in BLOCK_SIZES_KM if s < DEFAULT_BLOCK_KM))
    for size, n in counts.items():
        if n >= k:
            note = "" if size == DEFAULT_BLOCK_KM else tr(
                "The default {0:g} km gives {1} blocks, too few for {2} folds: blocks of {3:g} km are the largest "
                "that give enough.").format(DEFAULT_BLOCK_KM, counts[DEFAULT_BLOCK_KM], k, size)
            return {"block_km": size, "blocks": n, "chosen": "auto", "note": note}
    raise WealthMapError(tr("The survey points lie too close together for {0}-fold spatially blocked "
                            "cross-validation ({1}). Use fewer folds or group cross-validation.").format(
        k, workable_sizes(lon, lat, k)))


def blocked_kfold(blocks, k=5, seed=0):
    """Fold id (0..k-1) per point; whole blocks go to one fold, folds balanced by point count."""
    blocks = np.asarray(blocks)
    ids, counts = np.unique(blocks, return_counts=True)
    if len(ids) < k:
        raise WealthMapError(tr("Only {0} spatial blocks for {1}-fold blocked cross-validation. Use smaller blocks, "
                                "fewer folds, or points spread over a larger area.").format(len(ids), k))
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(ids))
    # Largest blocks first (ties in random order), each to the currently smallest fold.
    order = order[np.argsort(-counts[order], kind="stable")]
    sizes = np.zeros(k)
    fold_of_block = np.empty(len(ids), dtype=np.int64)
    for b in order:
        f = int(np.argmin(sizes))
        fold_of_block[b] = f
        sizes[f] += counts[b]
    lookup = {block: fold_of_block[i] for i, block in enumerate(ids)}
    return np.array([lookup[b] for b in blocks], dtype=np.int64)


def group_folds(groups):
    """Leave-one-group-out: the fold id of a point is the index of its group."""
    if groups is None:
        raise WealthMapError(tr("Leave-one-group-out cross-validation needs a group field (country or region). "
                                "Pick one, or use spatially blocked k-fold."))
    groups = np.asarray(groups).astype(str)
    blank = np.char.strip(groups) == ""
    if blank.any():
        raise WealthMapError(tr("{0} points have no value in the group field (e.g. point {1}); leave-one-group-out "
                                "would hold them out as a group of their own. Fill in their country or region, or "
                                "use spatially blocked k-fold.").format(int(blank.sum()), int(np.nonzero(blank)[0][0])
                                                                        + 1))
    names, ids = np.unique(groups, return_inverse=True)
    if len(names) < 2:
        raise WealthMapError(tr("Leave-one-group-out cross-validation needs at least two groups, but the group field "
                                "has only one value ('{0}'). Use spatially blocked k-fold, or a field with several "
                                "countries or regions.").format(names[0] if len(names) else ""))
    return ids.ravel(), [str(n) for n in names]


def r2(y, pred):
    y = np.asarray(y, dtype=np.float64)
    pred = np.asarray(pred, dtype=np.float64)
    ss_tot = float(np.sum((y - y.mean()) ** 2))
    if len(y) < 2 or ss_tot == 0:
        return float("nan")
    return 1.0 - float(np.sum((y - pred) ** 2)) / ss_tot


def pearson_r2(y, pred):
    y = np.asarray(y, dtype=np.float64)
    pred = np.asarray(pred, dtype=np.float64)
    if len(y) < 2 or np.std(y) == 0 or np.std(pred) == 0:
        return float("nan")
    return float(np.corrcoef(y, pred)[0, 1] ** 2)


def rmse(y, pred):
    y = np.asarray(y, dtype=np.float64)
    return float(np.sqrt(np.mean((y - np.asarray(pred, dtype=np.float64)) ** 2))) if len(y) else float("nan")


def metrics(y, pred, urban=None):
    """r², squared Pearson r, RMSE, and urban-only / rural-only r² when ``urban`` is given."""
    out = {"n": int(len(y)), "r2": r2(y, pred), "pearson_r2": pearson_r2(y, pred), "rmse": rmse(y, pred)}
    if urban is not None:
        urban = np.asarray(urban, dtype=np.float64)
        for name, flag in (("urban", 1.0), ("rural", 0.0)):
            m = urban == flag
            out[name + "_n"] = int(m.sum())
            out[name + "_r2"] = r2(np.asarray(y)[m], np.asarray(pred)[m]) if m.sum() > 1 else float("nan")
    return out


def baseline_predictions(y, folds, groups=None, urban=None):
    """Out-of-fold predictions of simple baselines, on the given folds.

    * ``mean``: the training mean;
    * ``group_mean``: the training mean of the point's group (the training mean when the
      group is held out entirely, as in leave-one-group-out);
    * ``urban_rural_mean``: the training mean of urban or of rural points.
    """
    y = np.asarray(y, dtype=np.float64)
    folds = np.asarray(folds)
    out = {"mean": np.empty(len(y))}
    if groups is not None:
        groups = np.asarray(groups).astype(str)
        out["group_mean"] = np.empty(len(y))
    if urban is not None:
        urban = np.asarray(urban, dtype=np.float64)
        out["urban_rural_mean"] = np.empty(len(y))
    for f in np.unique(folds):
        test = folds == f
        train = ~test
        mean = y[train].mean()
        out["mean"][test] = mean
        if groups is not None:
            pred = np.full(test.sum(), mean)
            tg = groups[test]
            for g in np.unique(tg):
                m = train & (groups == g)
                if m.any():
                    pred[tg == g] = y[m].mean()
            out["group_mean"][test] = pred
        if urban is not None:
            pred = np.full(test.sum(), mean)
            tu = urban[test]
            for flag in (0.0, 1.0):
                m = train & (urban == flag)
                if m.any():
                    pred[tu == flag] = y[m].mean()
            out["urban_rural_mean"][test] = pred
    return out


def evaluate_baselines(y, folds, groups=None, urban=None):
    """``{baseline: metrics}`` for the baselines of :func:`baseline_predictions`."""
    preds = baseline_predictions(y, folds, groups, urban)
    return {name: metrics(y, p, urban) for name, p in preds.items()}, preds


def check_cv_settings(scheme, k=5, block_km=None):
    """Refuse settings the folds cannot be made with (before any feature is computed)."""
    if scheme not in ("blocked", "group"):
        raise WealthMapError(tr("Unknown cross-validation scheme '{0}': use 'blocked' or 'group'.").format(scheme))
    if scheme == "blocked":
        try:
            k = int(k)
            block_km = None if block_km in (None, "") else float(block_km)
        except (TypeError, ValueError) as err:
            raise WealthMapError(tr("The number of folds and the block size must be numbers (got {0} and {1}).")
                                 .format(k, block_km)) from err
        if k < 2:
            raise WealthMapError(tr("Cross-validation needs at least 2 folds (got {0}); 5 is usual.").format(k))
        if block_km is None:
            return
        if not block_km > 0:
            raise WealthMapError(tr("The spatial block size must be more than 0 km (got {0}); 50 km is usual.")
                                 .format(block_km))


def make_folds(scheme, lon, lat, groups=None, k=5, block_km=None, seed=0):
    """``(fold ids, fold names)`` for ``scheme`` ``"blocked"`` or ``"group"`` (leave one group out)."""
    if scheme == "blocked":
        if block_km is None:
            block_km = choose_block_km(lon, lat, k)["block_km"]
        folds = blocked_kfold(spatial_blocks(lon, lat, block_km), k, seed)
        return folds, ["fold {}".format(i + 1) for i in range(k)]
    if scheme == "group":
        return group_folds(groups)
    raise WealthMapError(tr("Unknown cross-validation scheme '{0}': use 'blocked' or 'group'.").format(scheme))


def bias(y, pred):
    y = np.asarray(y, dtype=np.float64)
    return float(np.mean(np.asarray(pred, dtype=np.float64) - y)) if len(y) else float("nan")


def _slice_row(label, y, pred, mask):
    n = int(mask.sum())
    return {"slice": label, "n": n, "r2": r2(y[mask], pred[mask]) if n > 1 else float("nan"),
            "rmse": rmse(y[mask], pred[mask]) if n else float("nan"),
            "bias": bias(y[mask], pred[mask]) if n else float("nan")}


def slice_errors(y, pred, urban=None, groups=None, years=None, extras=None, max_levels=12):
    """Errors of out-of-fold predictions per slice: ``{"urban": [...], "group": [...], "year": [...],
    "<column>": [...]}``, each row ``{"slice", "n", "r2", "rmse", "bias"}`` (bias = mean of prediction - value).
    Numeric extra columns with more than ``max_levels`` values are cut at their terciles."""
    y = np.asarray(y, dtype=np.float64)
    pred = np.asarray(pred, dtype=np.float64)
    out = {}
    if urban is not None:
        u = np.asarray(urban, dtype=np.float64)
        out["urban"] = [_slice_row(name, y, pred, u == flag) for name, flag in (("urban", 1.0), ("rural", 0.0))
                        if (u == flag).any()]
    if groups is not None:
        g = np.asarray(groups).astype(str)
        out["group"] = [_slice_row(name, y, pred, g == name) for name in np.unique(g)][:200]
    if years is not None:
        yr = np.asarray(years, dtype=np.float64)
        out["year"] = [_slice_row(str(int(v)), y, pred, yr == v) for v in np.unique(yr[np.isfinite(yr)])]
    for name, values in (extras or {}).items():
        v = np.asarray(values, dtype=np.float64)
        levels = np.unique(v[np.isfinite(v)])
        if not len(levels):
            continue
        if len(levels) <= max_levels:
            out[name] = [_slice_row("{:g}".format(level), y, pred, v == level) for level in levels]
        else:
            cuts = np.quantile(v[np.isfinite(v)], [1 / 3, 2 / 3])
            middle = (v > cuts[0]) & (v <= cuts[1])
            out[name] = [_slice_row("<= {:.4g}".format(cuts[0]), y, pred, v <= cuts[0]),
                         _slice_row("{:.4g} .. {:.4g}".format(cuts[0], cuts[1]), y, pred, middle),
                         _slice_row("> {:.4g}".format(cuts[1]), y, pred, v > cuts[1])]
    return out


def holdout_mask(groups, holdout):
    """Bool mask of the points whose group is among ``holdout`` (names, or a comma-separated string)."""
    if groups is None:
        raise WealthMapError(tr("An out-of-region test set needs a group field (country or region) to hold out. "
                                "Pick one."))
    names = [h.strip() for h in holdout.split(",")] if isinstance(holdout, str) else [str(h) for h in holdout]
    g = np.asarray(groups).astype(str)
    unknown = [n for n in names if n not in set(g)]
    if unknown:
        raise WealthMapError(tr("The held-out group(s) {0} are not in the group field (it has {1}).").format(
            ", ".join(unknown), ", ".join(sorted(set(g))[:10])))
    mask = np.isin(g, names)
    if mask.all():
        raise WealthMapError(tr("Holding out {0} leaves no points to train on; hold out fewer groups.").format(
            ", ".join(names)))
    return mask


def out_of_region(X, y, groups, rows, holdout, fit, cv_predictions=None, feedback=None, min_train=10, k=5,
                  seed=0):
    """Out-of-region test: whole groups (countries, regions) held out as the test set, the model fitted on
    the other groups only (``fit(X, y)`` returns an object with ``predict``). ``holdout`` given: those groups
    form one test set. Else every group is held out: each in turn when there are at most ``k`` groups,
    otherwise in ``k`` folds of whole groups (balanced by points, as :func:`blocked_kfold`), so the cost is
    that of a ``k``-fold cross-validation. With group cross-validation (``cv_predictions``) its out-of-fold
    predictions are these figures already. ``None`` without a group field of 2+ groups. Per held-out group:
    its ``test_rows`` (survey rows), ``train_n`` and ``train_groups`` of the model that predicted it; no test
    row is among the training rows."""
    from ..tasks import check_cancel

    if groups is None:
        return None
    g = np.asarray(groups).astype(str)
    rows = np.asarray(rows)
    names = list(np.unique(g))
    y = np.asarray(y, dtype=np.float64)
    if holdout:
        test = holdout_mask(groups, holdout)
        fold_of = np.where(test, 0, -1)
        scheme = "holdout"
    elif len(names) >= 2:
        ids = np.searchsorted(names, g)
        fold_of = ids if len(names) <= k else blocked_kfold(ids, k, seed)
        scheme = "leave-one-group-out" if len(names) <= k else "group-{}-fold".format(k)
    else:
        return None
    pred = np.full(len(y), np.nan)
    trained_on = {}
    for f in np.unique(fold_of[fold_of >= 0]):
        check_cancel(feedback)
        test = fold_of == f
        if (~test).sum() < min_train:
            continue
        if cv_predictions is not None and not holdout:
            pred[test] = np.asarray(cv_predictions)[test]
        else:
            pred[test] = fit(X[~test], y[~test]).predict(X[test])
        trained_on[int(f)] = ~test
    out = []
    for name in (sorted(set(g[fold_of >= 0])) if holdout else names):
        test = g == name
        f = int(fold_of[test][0])
        if f not in trained_on:
            continue
        row = _slice_row(name, y, pred, test)
        train = trained_on[f]
        row.update({"test_rows": [int(r) for r in rows[test]], "train_n": int(train.sum()),
                    "train_groups": sorted(set(g[train]))[:50]})
        out.append(row)
    tested = np.isfinite(pred)
    pooled = metrics(y[tested], pred[tested]) if tested.sum() > 1 else None
    return {"scheme": scheme, "sets": out, "pooled": pooled}
