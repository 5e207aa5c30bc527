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


def check_cv_settings(scheme, k=5, block_km=50.0):
    """Refuse settings the folds cannot be made with (before any feature is computed)."""
    if scheme not in ("blocked", "group"):
        raise WealthMapError(tr("Unknown cross-validation scheme '{0}': use 'blocked' or 'group'.").format(scheme))
    if scheme == "blocked":
        try:
            k, block_km = int(k), float(block_km)
        except (TypeError, ValueError) as err:
            raise WealthMapError(tr("The number of folds and the block size must be numbers (got {0} and {1}).")
                                 .format(k, block_km)) from err
        if k < 2:
            raise WealthMapError(tr("Cross-validation needs at least 2 folds (got {0}); 5 is usual.").format(k))
        if not block_km > 0:
            raise WealthMapError(tr("The spatial block size must be more than 0 km (got {0}); 50 km is usual.")
                                 .format(block_km))


def make_folds(scheme, lon, lat, groups=None, k=5, block_km=50.0, seed=0):
    """``(fold ids, fold names)`` for ``scheme`` ``"blocked"`` or ``"group"`` (leave one group out)."""
    if scheme == "blocked":
        folds = blocked_kfold(spatial_blocks(lon, lat, block_km), k, seed)
        return folds, ["fold {}".format(i + 1) for i in range(k)]
    if scheme == "group":
        return group_folds(groups)
    raise WealthMapError(tr("Unknown cross-validation scheme '{0}': use 'blocked' or 'group'.").format(scheme))
