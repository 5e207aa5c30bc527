"""Thematic classification: breaks of every method against mapclassify (an independent oracle)."""

import mapclassify
import numpy as np
import pytest

from wealthmap.core.errors import WealthMapError
from wealthmap.core.thematic.classify import METHODS, classify, gvf, jenks_breaks


@pytest.fixture(scope="module")
def skewed():
    """Real-looking skewed counts: district populations (log-normal) with a few huge outliers."""
    rng = np.random.default_rng(7)
    values = np.round(rng.lognormal(9.5, 1.1, 300))
    values[:3] = [2_500_000, 1_800_000, 950_000]
    return values


def _gvf_of(values, bins):
    return gvf(values, np.minimum(np.searchsorted(bins, values, side="left"), len(bins) - 1))


@pytest.mark.parametrize("k", [3, 5, 7])
def test_equal_quantile_pretty_match_mapclassify(skewed, k):
    for method, oracle in (("equal", mapclassify.EqualInterval(skewed, k)),
                           ("quantile", mapclassify.Quantiles(skewed, k)),
                           ("pretty", mapclassify.PrettyBreaks(skewed, k))):
        result = classify(skewed, method, k)
        np.testing.assert_allclose(result.breaks, oracle.bins, rtol=1e-12, err_msg=method)
        assert result.counts == list(oracle.counts), method


@pytest.mark.parametrize("k", [3, 5, 6])
def test_fisher_jenks_is_exact(skewed, k):
    oracle = mapclassify.FisherJenks(skewed, k)
    result = classify(skewed, "jenks", k)
    np.testing.assert_allclose(result.breaks, oracle.bins)
    assert result.counts == list(oracle.counts)
    assert result.gvf == pytest.approx(_gvf_of(skewed, oracle.bins))


def test_box_map_and_percentiles_match_mapclassify(skewed):
    box = classify(skewed, "box")
    oracle = mapclassify.BoxPlot(skewed, hinge=1.5)
    np.testing.assert_allclose(box.breaks, oracle.bins)
    assert box.counts == list(oracle.counts)
    assert box.counts[-1] > 0  # the outliers are the last class
    pct = classify(skewed, "percentile")
    oracle = mapclassify.Percentiles(skewed, pct=[1, 10, 50, 90, 99, 100])
    np.testing.assert_allclose(pct.breaks, oracle.bins)
    assert pct.counts == list(oracle.counts)


def test_stddev_matches_mapclassify_within_the_data_range(skewed):
    oracle = mapclassify.StdMean(skewed, multiples=[-2, -1, 1, 2])
    expected = [b for b in oracle.bins if skewed.min() < b < skewed.max()] + [skewed.max()]
    result = classify(skewed, "stddev")
    np.testing.assert_allclose(result.breaks, expected)
    assert sum(result.counts) == skewed.size


def test_manual_and_log(skewed):
    oracle = mapclassify.UserDefined(skewed, [10_000, 50_000, 200_000])
    result = classify(skewed, "manual", breaks=[10_000, 50_000, 200_000])
    np.testing.assert_allclose(result.breaks, oracle.bins)
    assert result.counts == list(oracle.counts)
    log = classify(skewed, "log", 4)
    np.testing.assert_allclose(log.breaks, np.geomspace(skewed.min(), skewed.max(), 5)[1:])


def test_gvf_and_nulls_ignored(skewed):
    with_nulls = list(skewed) + [None, float("nan")]
    result = classify(with_nulls, "quantile", 4)
    assert sum(result.counts) == skewed.size
    assert 0 < result.gvf < 1
    assert classify(skewed, "jenks", 5).gvf > classify(skewed, "quantile", 5).gvf


def test_summarised_jenks_beats_qgis_on_large_data(qgis_app):
    from qgis.core import QgsClassificationJenks

    rng = np.random.default_rng(3)
    values = rng.lognormal(10, 1.0, 60_000)
    ours = classify(values, "jenks", 5)
    qgis = QgsClassificationJenks()
    ranges = qgis.classes(values.tolist(), 5)
    qgis_bins = np.array([r.upperBound() for r in ranges])
    assert ours.gvf >= _gvf_of(values, qgis_bins) - 1e-9


def test_jenks_exact_on_many_repeated_values():
    """20,000 values but 30 distinct ones: the weighted solution is the global optimum (brute force)."""
    import itertools

    rng = np.random.default_rng(5)
    distinct = np.unique(np.round(rng.lognormal(3, 1, 30), 1))
    repeated = np.repeat(distinct, rng.integers(1, 1300, distinct.size))
    best = None
    for cut in itertools.combinations(range(distinct.size - 1), 3):
        bins = np.append(distinct[list(cut)], distinct[-1])
        fit = _gvf_of(repeated, bins)
        if best is None or fit > best[0]:
            best = (fit, bins)
    np.testing.assert_allclose(jenks_breaks(repeated, 4), best[1])


@pytest.mark.parametrize("values,method,kwargs,message", [
    ([None, None], "jenks", {}, "every value is NULL"),
    ([5, 5, 5, 5], "quantile", {}, "All 4 values are equal"),
    ([1, 2, 2, 3], "jenks", {"classes": 5}, "Only 3 distinct values for 5 classes"),
    ([-3, 1, 10, 100], "log", {}, "needs values above zero"),
    ([1, 2, 3], "nope", {}, "Unknown classification method"),
    ([1, 2, 3, 4], "manual", {}, "needs breaks"),
    ([1, 2, 3, 4], "manual", {"breaks": [3, 2]}, "increase strictly"),
    ([1, 2, 3, 4], "equal", {"classes": 1}, "between 2 and"),
])
def test_bad_values_have_clear_messages(values, method, kwargs, message):
    with pytest.raises(WealthMapError, match=message):
        classify(values, method, **kwargs)


def test_every_method_is_listed():
    assert set(METHODS) == {"equal", "quantile", "jenks", "stddev", "pretty", "manual", "box", "percentile", "log",
                            "headtail"}


@pytest.mark.parametrize("name,key", [
    ("equal_interval", "equal"), ("EqualInterval", "equal"), ("Equal interval", "equal"),
    ("quantiles", "quantile"), ("Quantiles", "quantile"), ("Quantile", "quantile"),
    ("natural_breaks", "jenks"), ("NaturalBreaks", "jenks"), ("FisherJenks", "jenks"), ("Jenks", "jenks"),
    ("fisher-jenks", "jenks"), ("std_mean", "stddev"), ("StdMean", "stddev"), ("StdDev", "stddev"),
    ("pretty", "pretty"), ("PrettyBreaks", "pretty"), ("HeadTailBreaks", "headtail"), ("head_tail", "headtail"),
    ("UserDefined", "manual"), ("BoxPlot", "box"), ("Percentiles", "percentile"), ("Logarithmic", "log"),
])
def test_method_names_from_qgis_and_mapclassify_are_accepted(name, key):
    from wealthmap.core.thematic.classify import resolve_method

    assert resolve_method(name) == key
    values = np.arange(1.0, 41.0) ** 2
    breaks = [1, 100, 400, 900] if key == "manual" else None
    assert classify(values, name, 4, breaks=breaks).breaks == classify(values, key, 4, breaks=breaks).breaks


def test_unknown_method_names_the_accepted_ones():
    with pytest.raises(WealthMapError, match="natural_breaks"):
        classify([1, 2, 3], "natural breaks please")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_head_tail_breaks_match_mapclassify(skewed, seed):
    rng = np.random.default_rng(seed)
    for values in (skewed, np.round(rng.pareto(1.5, 400) * 1000 + 1), rng.integers(0, 5, 60).astype(float)):
        oracle = mapclassify.HeadTailBreaks(values)
        result = classify(values, "HeadTailBreaks", classes=3)  # the number of classes follows from the data
        np.testing.assert_allclose(result.breaks, oracle.bins, rtol=1e-12)
        assert result.counts == list(oracle.counts)
        assert result.gvf == pytest.approx(_gvf_of(values, oracle.bins))


def test_quantile_breaks_on_data_values_keep_them_in_their_class():
    """A quantile break that equals a data value up to rounding (2499.9999999999995 for 2500) is that value,
    so the value stays in its class: it used to fall into the next one and leave a class empty."""
    from wealthmap.core.thematic.classify import classify

    result = classify(np.array([950.0, 1234.0, 2500.0, 12000.0]), "quantile", 3)
    assert list(result.breaks) == [1234.0, 2500.0, 12000.0]
    assert list(result.counts) == [2, 1, 1]
