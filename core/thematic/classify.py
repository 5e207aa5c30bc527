"""Classification of numeric values into map classes, in numpy.

Every method returns *upper* class bounds (``breaks``), like mapclassify: class ``i``
holds values in ``(breaks[i-1], breaks[i]]``, the first class starts at the minimum.
QGIS's graduated renderer uses the same convention (a value on a bound goes to the
lower class), so the counts here are the counts the map shows.

Methods (``METHODS``): ``equal`` (equal interval), ``quantile``, ``jenks`` (Fisher-Jenks
natural breaks), ``stddev`` (standard deviation around the mean), ``pretty`` (round
numbers), ``manual`` (user breaks), ``box`` (GeoDa's box map, hinge 1.5) and
``percentile`` (GeoDa's percentile map: 1, 10, 50, 90, 99, 100 %), ``log`` (equal
intervals of log10; values must be above zero) and ``headtail`` (Jiang's head/tail breaks
for heavy-tailed data: split at the mean, again in the part above it, until one value is
left; the number of classes follows from the data).

Method names users bring from QGIS and mapclassify are accepted too (:data:`ALIASES`,
:func:`resolve_method`): ``equal_interval``/``EqualInterval``, ``quantiles``/``Quantiles``,
``natural_breaks``/``NaturalBreaks``/``FisherJenks``, ``std_mean``/``StdMean``,
``HeadTailBreaks``, ``PrettyBreaks``, ``UserDefined``, ``BoxPlot``, ``Percentiles``,
``Logarithmic``...; case, ``_``, ``-`` and spaces do not matter.

Fisher-Jenks is *exact* (the global optimum, by dynamic programming) when the data have
at most :data:`JENKS_EXACT_LIMIT` distinct values. Above that, the sorted values are
summarised by :data:`JENKS_GROUPS` equal-count groups (mean and weight of each),
the weighted problem is solved exactly, and the result is refined on *all* values with
one-dimensional k-means (Lloyd) steps, which never lower the goodness of variance fit.
"""

import math

import numpy as np

from ..errors import WealthMapError
from ..i18n import tr, tr_noop

METHODS = {
    "equal": tr_noop("Equal interval"),
    "quantile": tr_noop("Quantile (equal count)"),
    "jenks": tr_noop("Natural breaks (Fisher-Jenks)"),
    "stddev": tr_noop("Standard deviation"),
    "pretty": tr_noop("Pretty breaks"),
    "manual": tr_noop("Manual breaks"),
    "box": tr_noop("Box map (hinge 1.5)"),
    "percentile": tr_noop("Percentile map"),
    "log": tr_noop("Logarithmic (equal intervals of log10)"),
    "headtail": tr_noop("Head/tail breaks (heavy-tailed data)"),
}
#: other names of the methods (QGIS's and mapclassify's), compared without case, ``_``, ``-`` and spaces
ALIASES = {
    "equalinterval": "equal", "equalintervals": "equal", "equalcount": "quantile", "quantiles": "quantile",
    "naturalbreaks": "jenks", "fisherjenks": "jenks", "jenksnaturalbreaks": "jenks", "naturalbreaksjenks": "jenks",
    "stdmean": "stddev", "standarddeviation": "stddev", "std": "stddev", "prettybreaks": "pretty",
    "userdefined": "manual", "custom": "manual", "boxplot": "box", "boxmap": "box", "percentiles": "percentile",
    "percentilemap": "percentile", "logarithmic": "log", "headtailbreaks": "headtail", "headtail": "headtail",
}
#: methods whose number of classes is fixed by the method or the data (``classes`` is ignored)
FIXED_CLASS_METHODS = ("box", "percentile", "headtail")
#: largest number of distinct values for which Fisher-Jenks is solved exactly
JENKS_EXACT_LIMIT = 3000
#: number of equal-count groups that summarise larger data sets for Fisher-Jenks
JENKS_GROUPS = 2000
PERCENTILES = (1.0, 10.0, 50.0, 90.0, 99.0, 100.0)
STDDEV_MULTIPLES = (-2.0, -1.0, 1.0, 2.0)
MAX_CLASSES = 20


class Classification:
    """Breaks, per-class counts and goodness of variance fit of one classification."""

    def __init__(self, method, breaks, values, lower=None):
        self.method = method
        self.breaks = [float(b) for b in breaks]
        values = np.asarray(values, dtype=float)
        self.minimum = float(values.min()) if lower is None else float(lower)
        self.maximum = float(values.max())
        self.classes = class_indices(values, self.breaks)
        self.counts = [int(c) for c in np.bincount(self.classes, minlength=len(self.breaks))]
        self.gvf = gvf(values, self.classes)

    @property
    def k(self):
        return len(self.breaks)

    def ranges(self):
        """``[(lower, upper), ...]`` of every class (the first starts at the minimum)."""
        lowers = [min(self.minimum, self.breaks[0])] + self.breaks[:-1]
        return list(zip(lowers, self.breaks))

    def as_dict(self):
        return {"method": self.method, "breaks": self.breaks, "counts": self.counts, "gvf": self.gvf,
                "minimum": self.minimum, "maximum": self.maximum}


def class_indices(values, breaks):
    """Class index of every value: ``i`` such that ``breaks[i-1] < v <= breaks[i]``."""
    idx = np.searchsorted(np.asarray(breaks, dtype=float), values, side="left")
    return np.minimum(idx, len(breaks) - 1)


def gvf(values, classes):
    """Goodness of variance fit: ``1 - SSW / SST`` (1 is perfect, 0 is no better than one class)."""
    values = np.asarray(values, dtype=float)
    sst = float(((values - values.mean()) ** 2).sum())
    if sst == 0:
        return 1.0
    k = int(classes.max()) + 1 if len(classes) else 1
    counts = np.bincount(classes, minlength=k).astype(float)
    # centred values: squares - sums^2/n loses precision for large offsets
    centred = values - values.mean()
    sums_c = np.bincount(classes, weights=centred, minlength=k)
    squares_c = np.bincount(classes, weights=centred * centred, minlength=k)
    ssw = float((squares_c - np.where(counts > 0, sums_c * sums_c / np.maximum(counts, 1), 0.0)).sum())
    return max(0.0, min(1.0, 1.0 - ssw / sst))


def clean_values(values, what=""):
    """Finite float array from ``values`` (``None``/NULL/NaN dropped); checks it is usable."""
    arr = np.asarray([np.nan if v is None else v for v in values], dtype=float) \
        if not isinstance(values, np.ndarray) else values.astype(float, copy=False)
    arr = arr[np.isfinite(arr)]
    if arr.size == 0:
        raise WealthMapError(tr("{0}has no values to classify: every value is NULL or empty. "
                                "Pick another field or check the join.").format(what))
    return arr


def resolve_method(method):
    """The key in :data:`METHODS` of ``method`` or of one of its :data:`ALIASES` (``"NaturalBreaks"`` ->
    ``"jenks"``); raises :class:`WealthMapError` for an unknown name."""
    if isinstance(method, str):
        if method in METHODS:
            return method
        key = "".join(c for c in method.lower() if c not in "_- ")
        if key in METHODS:
            return key
        if key in ALIASES:
            return ALIASES[key]
    raise WealthMapError(tr("Unknown classification method '{0}'. Use one of: {1} (or the QGIS/mapclassify names "
                            "such as equal_interval, natural_breaks, quantiles, std_mean, HeadTailBreaks).").format(
        method, ", ".join(METHODS)))


def classify(values, method="jenks", classes=5, breaks=None, percentiles=None, multiples=None, hinge=1.5,
             feedback=None):
    """Classify ``values`` (array-like; NULL/NaN ignored) and return a :class:`Classification`.

    ``method``: a key of :data:`METHODS` or an alias (:func:`resolve_method`). ``breaks`` are the
    upper bounds for ``method="manual"`` (the maximum is added when values lie above the last one).
    Raises :class:`WealthMapError` when the values cannot be classified: all NULL, all equal, fewer
    distinct values than classes, bad breaks.
    """
    method = resolve_method(method)
    arr = clean_values(values)
    lo, hi = float(arr.min()), float(arr.max())
    if method == "manual":
        return Classification(method, _manual_breaks(arr, breaks), arr)
    if lo == hi:
        raise WealthMapError(tr("All {0} values are equal ({1}); there is nothing to classify. "
                                "Use a single-symbol style or another field.").format(arr.size, _fmt(lo)))
    if method not in FIXED_CLASS_METHODS:
        classes = int(classes)
        if classes < 2 or classes > MAX_CLASSES:
            raise WealthMapError(tr("The number of classes must be between 2 and {0}; got {1}.").format(
                MAX_CLASSES, classes))
        if method in ("quantile", "jenks"):
            distinct = np.unique(arr).size
            if distinct < classes:
                raise WealthMapError(tr("Only {0} distinct values for {1} classes. Use at most {0} classes "
                                        "or the manual method.").format(distinct, classes))
    if method == "log" and lo <= 0:
        raise WealthMapError(tr("The logarithmic method needs values above zero, but the smallest value is {0} "
                                "({1} values are zero or negative). Use another method, or add a constant to "
                                "the values.").format(_fmt(lo), int((arr <= 0).sum())))
    if method == "equal":
        out = lo + (hi - lo) / classes * np.arange(1, classes + 1)
        out[-1] = hi
    elif method == "log":
        out = 10 ** np.linspace(math.log10(lo), math.log10(hi), classes + 1)[1:]
        out[-1] = hi
    elif method == "quantile":
        pct = np.linspace(100.0 / classes, 100.0, classes)
        out = np.percentile(arr, pct)
        # a break that is a data value up to rounding (2499.9999999999995 for 2500) is that value: else the
        # value falls in the next class and a class can come out empty
        nearest = np.sort(arr)[np.clip(np.searchsorted(np.sort(arr), out), 0, arr.size - 1)]
        close = np.abs(out - nearest) <= 1e-9 * np.maximum(1.0, np.abs(nearest))
        out = np.unique(np.where(close, nearest, out))
    elif method == "jenks":
        out = jenks_breaks(arr, classes, feedback=feedback)
    elif method == "stddev":
        m, s = arr.mean(), arr.std(ddof=1)
        cuts = [m + s * w for w in (multiples or STDDEV_MULTIPLES)]
        cuts = [c for c in cuts if lo < c < hi]
        out = np.array(cuts + [hi])
    elif method == "pretty":
        out = pretty_breaks(arr, classes)
    elif method == "box":
        q1, q2, q3, q4 = np.percentile(arr, [25, 50, 75, 100])
        pivot = hinge * (q3 - q1)
        out = [q1 - pivot, q1, q2, q3]
        out += [q3 + pivot, q4] if q3 + pivot < q4 else [q3 + pivot]
        return Classification(method, out, arr, lower=min(lo, q1 - pivot))
    elif method == "headtail":
        out = head_tail_breaks(arr)
    else:  # percentile
        out = np.percentile(arr, list(percentiles or PERCENTILES))
    return Classification(method, np.asarray(out, dtype=float), arr)


def _manual_breaks(arr, breaks):
    if breaks is None or len(breaks) == 0:
        raise WealthMapError(tr("Manual classification needs breaks, e.g. 10, 50, 100 (upper bounds of the "
                                "classes, in increasing order)."))
    try:
        out = [float(b) for b in breaks]
    except (TypeError, ValueError) as err:
        raise WealthMapError(tr("Manual breaks must be numbers separated by commas; got {0}.").format(
            breaks)) from err
    if any(b2 <= b1 for b1, b2 in zip(out, out[1:])):
        raise WealthMapError(tr("Manual breaks must increase strictly; got {0}.").format(
            ", ".join(_fmt(b) for b in out)))
    if out[-1] < arr.max():
        out.append(float(arr.max()))
    return out


def head_tail_breaks(values):
    """Head/tail breaks (Jiang 2013): the mean of the values, then the mean of those above it, and so on
    while more than one distinct value is left; the last bound is the maximum (as mapclassify's
    ``HeadTailBreaks``)."""
    head = np.asarray(values, dtype=float)
    out = []
    while head.size:
        mean = float(head.mean())
        out.append(mean)
        if np.unique(head).size <= 1:
            break
        head = head[head > mean]
    out[-1] = float(np.max(values))
    return np.asarray(out, dtype=float)


def _pretty_number(x, rounded):
    exp = math.floor(math.log10(x))
    f = x / 10 ** exp
    steps = ((1.5, 1.0), (3.0, 2.0), (7.0, 5.0)) if rounded else ((1.0, 1.0), (2.0, 2.0), (5.0, 5.0))
    for limit, nice in steps:
        if (f < limit) if rounded else (f <= limit):
            return nice * 10 ** exp
    return 10.0 * 10 ** exp


def pretty_breaks(arr, classes):
    """Round breaks (1, 2 or 5 times a power of ten) covering the data (the class count may differ)."""
    lo, hi = float(arr.min()), float(arr.max())
    rg = _pretty_number(hi - lo, False)
    d = _pretty_number(rg / max(classes - 1, 1), True)
    start = math.floor(lo / d) * d
    stop = math.ceil(hi / d) * d
    out = np.arange(start, stop + 0.5 * d, d)[1:]
    return np.round(out, 12)


# --- Fisher-Jenks ----------------------------------------------------------------------------
def _weighted_fisher_jenks(x, w, k, feedback=None):
    """Exact optimal k-partition of sorted ``x`` (weights ``w``) minimising the within-class SS.

    Returns the index (exclusive end) of each class in ``x``. O(k n^2) in chunks of rows.
    """
    n = x.size
    # centre and scale for numerically stable prefix sums
    xs = (x - np.average(x, weights=w)) / (x.std() or 1.0)
    cw = np.concatenate([[0.0], np.cumsum(w)])
    c1 = np.concatenate([[0.0], np.cumsum(w * xs)])
    c2 = np.concatenate([[0.0], np.cumsum(w * xs * xs)])

    def cost(j, i):  # SS of x[j:i]; j, i broadcastable index arrays, j < i
        ww = cw[i] - cw[j]
        s1 = c1[i] - c1[j]
        with np.errstate(invalid="ignore", divide="ignore"):
            return (c2[i] - c2[j]) - s1 * s1 / ww

    # prev[i]: best cost of the first i values in c classes (i = 0..n)
    prev = np.full(n + 1, np.inf)
    prev[1:] = cost(np.zeros(n, dtype=int), np.arange(1, n + 1))
    back = np.zeros((k, n + 1), dtype=np.int32)
    jj = np.arange(n + 1)
    chunk = max(1, 4_000_000 // (n + 1))
    for c in range(1, k):
        cur = np.full(n + 1, np.inf)
        for start in range(c + 1, n + 1, chunk):
            ii = np.arange(start, min(n + 1, start + chunk))
            valid = (jj[None, :] >= c) & (jj[None, :] < ii[:, None])
            ends = np.maximum(ii[:, None], np.minimum(jj[None, :] + 1, n))
            total = np.where(valid, prev[None, :] + cost(jj[None, :], ends), np.inf)
            arg = np.argmin(total, axis=1)
            cur[ii] = total[np.arange(ii.size), arg]
            back[c, ii] = arg
        prev = cur
        if feedback is not None:
            feedback.setProgress(100.0 * c / k)
            if feedback.isCanceled():
                break
    ends = [n]
    for c in range(k - 1, 0, -1):
        ends.append(int(back[c, ends[-1]]))
    return sorted(ends)


def _lloyd_refine(sorted_values, breaks, iterations=50):
    """1-D k-means steps on all values; each step keeps or improves the within-class SS."""
    n = sorted_values.size
    prefix = np.concatenate([[0.0], np.cumsum(sorted_values - sorted_values.mean())])
    mean0 = sorted_values.mean()
    breaks = np.asarray(breaks, dtype=float)
    for _ in range(iterations):
        ends = np.searchsorted(sorted_values, breaks, side="right")
        ends[-1] = n
        starts = np.concatenate([[0], ends[:-1]])
        if np.any(ends <= starts):
            break
        means = (prefix[ends] - prefix[starts]) / (ends - starts) + mean0
        mids = (means[:-1] + means[1:]) / 2.0
        # upper bound of each class: the largest value <= midpoint
        pos = np.searchsorted(sorted_values, mids, side="right") - 1
        if np.any(pos < 0):
            break
        new = np.concatenate([sorted_values[pos], [sorted_values[-1]]])
        if np.array_equal(new, breaks):
            break
        breaks = new
    return breaks


def jenks_breaks(values, classes, feedback=None, exact_limit=None):
    """Fisher-Jenks natural breaks (see the module docstring for exact vs summarised)."""
    exact_limit = exact_limit or JENKS_EXACT_LIMIT
    arr = np.sort(np.asarray(values, dtype=float))
    uniq, counts = np.unique(arr, return_counts=True)
    if uniq.size <= exact_limit:
        ends = _weighted_fisher_jenks(uniq, counts.astype(float), classes, feedback)
        return uniq[np.asarray(ends) - 1]
    # equal-count groups of the sorted values, each summarised by its mean and size
    bounds = np.linspace(0, arr.size, min(JENKS_GROUPS, exact_limit) + 1).astype(np.int64)
    starts = bounds[:-1]
    weights = np.diff(bounds).astype(float)
    means = np.add.reduceat(arr, starts) / weights
    ends = _weighted_fisher_jenks(means, weights, classes, feedback)
    breaks = arr[bounds[np.asarray(ends)] - 1]
    breaks = np.unique(breaks)
    if breaks.size < classes:
        return breaks
    return _lloyd_refine(arr, breaks)


def _fmt(value):
    return "{:,.6g}".format(value)
