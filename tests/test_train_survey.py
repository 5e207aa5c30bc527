"""Survey reading, spatially blocked / group cross-validation, metrics and baselines (issue 6)."""

import os

import numpy as np
import pytest

from wealthmap.core.errors import WealthMapError
from wealthmap.core.wealth import cv
from wealthmap.core.wealth.survey import read_survey

DHS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "..", "shared", "data",
                   "dhs_clusters.csv")


def _write(path, header, rows, encoding="utf-8"):
    with open(path, "w", encoding=encoding, newline="") as handle:
        handle.write(",".join(header) + "\n")
        for row in rows:
            handle.write(",".join(str(v) for v in row) + "\n")
    return str(path)


def _grid_rows(n=30, value=lambda i: i * 0.1):
    return [["kenya" if i % 2 else "uganda", 36.0 + (i % 6) * 0.3, -1.0 + (i // 6) * 0.3, value(i), i % 2, 2014]
            for i in range(n)]


HEADER = ["country", "longitude", "latitude", "wealth", "urban_rural", "year"]


@pytest.mark.skipif(not os.path.exists(DHS), reason="shared DHS table ../shared/data/dhs_clusters.csv is absent")
def test_dhs_table_columns_groups_and_baselines(qgis_app, report_figure):
    survey = read_survey(DHS, value_field="wealthpooled")
    assert len(survey) == 19669 and survey.rows_read == 19669 and not survey.skipped
    assert survey.fields["lat"] == "lat" and survey.fields["lon"] == "lon"
    assert survey.fields["group"] == "country" and survey.fields["urban"] == "urban_rural"
    assert survey.fields["year"] == "year" and survey.crs == "EPSG:4326"
    info = survey.describe()
    assert len(info["groups"]) == 23 and info["years"] == list(range(2009, 2017))
    assert info["urban_points"] + info["rural_points"] == 19669
    assert len(info["input_sha256"]) == 64
    # Africa: -35..38 lat, -18..52 lon.
    assert -36 < survey.lat.min() and survey.lat.max() < 38 and -19 < survey.lon.min() and survey.lon.max() < 52
    assert abs(survey.value.mean() - 0.05) < 0.02 and abs(survey.value.std() - 0.81) < 0.03
    folds, _ = cv.make_folds("blocked", survey.lon, survey.lat, k=5, block_km=100)
    assert len(np.unique(folds)) == 5
    blocked, _ = cv.evaluate_baselines(survey.value, folds, survey.group, survey.urban)
    gfolds, names = cv.make_folds("group", survey.lon, survey.lat, survey.group)
    assert len(names) == 23
    logo, _ = cv.evaluate_baselines(survey.value, gfolds, survey.group, survey.urban)
    report_figure("DHS baselines (19,669 clusters): urban/rural-mean r2 = {:.3f} (blocked 5-fold), {:.3f} (leave one "
          "country out); squared r {:.3f}; group-mean r2 {:.3f} (blocked); training-mean r2 {:.3f}".format(
              blocked["urban_rural_mean"]["r2"], logo["urban_rural_mean"]["r2"],
              blocked["urban_rural_mean"]["pearson_r2"], blocked["group_mean"]["r2"], blocked["mean"]["r2"]))
    assert 0.45 < blocked["urban_rural_mean"]["r2"] < 0.56
    assert 0.45 < logo["urban_rural_mean"]["r2"] < 0.56
    assert blocked["mean"]["r2"] < 0.02
    # With leave-one-country-out the held-out country has no training mean: it falls back to the global mean.
    np.testing.assert_allclose(logo["group_mean"]["r2"], logo["mean"]["r2"])


def test_detects_columns_korean_encoding_and_urban_words(qgis_app, tmp_path):
    rows = _grid_rows()
    for i, row in enumerate(rows):
        row[4] = "도시" if i % 2 else "농촌"
    path = _write(tmp_path / "s.csv", ["지역", "위도", "경도", "wealth", "urban_rural"],
                  [[r[0], r[2], r[1], r[3], r[4]] for r in rows], encoding="cp949")
    survey = read_survey(path, value_field="wealth", group_field="지역")
    assert survey.fields["lat"] == "위도" and survey.fields["lon"] == "경도"
    assert len(survey) == 30 and set(np.unique(survey.urban)) == {0.0, 1.0}
    assert survey.group[1] == "kenya"


def test_point_layer_in_utm_is_reprojected(qgis_app):
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

    layer = QgsVectorLayer("Point?crs=EPSG:32633&field=w:double&field=region:string", "pts", "memory")
    feats = []
    for i in range(25):
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(330000 + i * 500, 5815000 + (i % 5) * 700)))
        f.setAttributes([float(i), "a" if i < 12 else "b"])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    survey = read_survey(layer, value_field="w")
    assert survey.crs == "EPSG:32633" and survey.fields["group"] == "region"
    assert 12.4 < survey.lon.min() < 12.6 and 52.4 < survey.lat.min() < 52.6


def test_rows_with_empty_value_are_reported_not_silently_dropped(qgis_app, tmp_path):
    rows = _grid_rows()
    rows[3][3] = ""
    rows[7][1] = ""
    survey = read_survey(_write(tmp_path / "s.csv", HEADER, rows), value_field="wealth")
    assert len(survey) == 28
    assert [(r, reason) for r, reason in survey.skipped] == [(4, "empty value"), (8, "no coordinates")]


@pytest.mark.parametrize("case, pattern", [
    ("no_value_field", "No value field given"),
    ("missing_value_field", "has no column 'income'"),
    ("non_numeric", "is not numeric in 2 rows, for example row 3 \\('rich'\\)"),
    ("too_few", "Only 10 usable points"),
    ("projected_as_degrees", "outside the range of degrees.*projected coordinates"),
    ("swapped", "look swapped"),
    ("degrees_as_projected", "look like degrees, but the declared CRS EPSG:32633 is projected"),
    ("duplicates", "2 points of s.csv share their coordinates.*rows 1, 2"),
    ("no_lat", "Could not find the latitude column"),
    ("bad_urban", "urban/rural field 'urban_rural' has the value 'maybe'"),
])
def test_bad_inputs_have_clear_messages(qgis_app, tmp_path, case, pattern):
    rows = _grid_rows()
    header = list(HEADER)
    kwargs = {"value_field": "wealth"}
    if case == "no_value_field":
        kwargs = {}
    elif case == "missing_value_field":
        kwargs = {"value_field": "income"}
    elif case == "non_numeric":
        rows[2][3] = "rich"
        rows[5][3] = "poor"
    elif case == "too_few":
        rows = rows[:10]
    elif case == "projected_as_degrees":
        for r in rows:
            r[1], r[2] = r[1] * 10000 + 300000, r[2] * 100000 + 5000000
    elif case == "swapped":
        for r in rows:
            r[1], r[2] = r[2] + 40, r[1] + 90  # lat column gets values above 90
    elif case == "degrees_as_projected":
        kwargs["crs"] = "EPSG:32633"
    elif case == "duplicates":
        rows[1][1], rows[1][2] = rows[0][1], rows[0][2]
    elif case == "no_lat":
        header[2] = "northing_km"
    elif case == "bad_urban":
        rows[4][4] = "maybe"
    with pytest.raises(WealthMapError, match=pattern):
        read_survey(_write(tmp_path / "s.csv", header, rows), **kwargs)


def test_duplicates_can_be_averaged(qgis_app, tmp_path):
    rows = _grid_rows()
    rows[1][1], rows[1][2] = rows[0][1], rows[0][2]
    survey = read_survey(_write(tmp_path / "s.csv", HEADER, rows), value_field="wealth", duplicates="mean")
    assert len(survey) == 29
    assert survey.value[0] == pytest.approx(0.05)
    assert survey.skipped and "averaged" in survey.skipped[0][1]


def test_blocked_folds_keep_blocks_whole_and_balanced():
    rng = np.random.default_rng(1)
    lon = rng.uniform(30, 40, 2000)
    lat = rng.uniform(-5, 5, 2000)
    blocks = cv.spatial_blocks(lon, lat, block_km=100)
    folds = cv.blocked_kfold(blocks, k=5, seed=0)
    for b in np.unique(blocks):
        assert len(np.unique(folds[blocks == b])) == 1
    counts = np.bincount(folds)
    assert counts.min() > 0.8 * counts.max()
    # ~100 km cells: about 1,100 km x 1,100 km area -> ~100-150 blocks
    assert 80 < len(np.unique(blocks)) < 160
    with pytest.raises(WealthMapError, match="Only 1 spatial blocks"):
        cv.blocked_kfold(np.zeros(10), k=5)


def test_group_folds_need_two_groups():
    with pytest.raises(WealthMapError, match="at least two groups.*only one value \\('kenya'\\)"):
        cv.group_folds(np.array(["kenya"] * 5))
    with pytest.raises(WealthMapError, match="needs a group field"):
        cv.group_folds(None)


def test_metrics_and_baselines_by_hand():
    y = np.array([1.0, 2.0, 3.0, 4.0])
    assert cv.r2(y, y) == 1.0 and cv.rmse(y, y + 1) == 1.0
    assert cv.pearson_r2(y, 2 * y + 5) == pytest.approx(1.0)
    assert cv.r2(y, np.full(4, y.mean())) == 0.0
    folds = np.array([0, 0, 1, 1])
    urban = np.array([1.0, 0.0, 1.0, 0.0])
    preds = cv.baseline_predictions(y, folds, groups=np.array(["a", "b", "a", "b"]), urban=urban)
    np.testing.assert_allclose(preds["mean"], [3.5, 3.5, 1.5, 1.5])
    np.testing.assert_allclose(preds["group_mean"], [3.0, 4.0, 1.0, 2.0])
    np.testing.assert_allclose(preds["urban_rural_mean"], [3.0, 4.0, 1.0, 2.0])
    m = cv.metrics(y, preds["urban_rural_mean"], urban)
    assert m["urban_n"] == 2 and m["rural_n"] == 2


def _quoted(path, header, rows):
    """A CSV with every value quoted (so "1,234" stays one value)."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(",".join(header) + "\n")
        for row in rows:
            handle.write(",".join('"{}"'.format(v) for v in row) + "\n")
    return str(path)


def test_commas_in_numbers_are_read_as_the_column_writes_them(qgis_app, tmp_path):
    """'79,691' used to be read as 79.691 in a column of thousands separators; now a column's commas are read
    one way for the whole column, and a column that could be either is refused with an example."""
    rows = _grid_rows()
    thousands = [r[:3] + ["{:,}".format(1000 * i + 500) + ".5"] + r[4:] for i, r in enumerate(rows)]
    survey = read_survey(_quoted(tmp_path / "t.csv", HEADER, thousands), value_field="wealth")
    assert list(survey.value[:3]) == [500.5, 1500.5, 2500.5]
    decimal = [r[:3] + ["{},{}".format(i, 25)] + r[4:] for i, r in enumerate(rows)]
    survey = read_survey(_quoted(tmp_path / "d.csv", HEADER, decimal), value_field="wealth")
    assert list(survey.value[:3]) == [0.25, 1.25, 2.25]
    ambiguous = [r[:3] + ["{:,}".format(79691 + i) if i % 2 else str(500 + i)] + r[4:] for i, r in enumerate(rows)]
    with pytest.raises(WealthMapError, match="'wealth' .* values such as '79,692' that could be read with a "
                                             "thousands separator or a decimal comma"):
        read_survey(_quoted(tmp_path / "a.csv", HEADER, ambiguous), value_field="wealth")


def test_na_urban_and_dhs_missing_gps_are_left_out_not_fatal(qgis_app, tmp_path):
    """An NA in the urban/rural column is unknown (it stopped the whole training); DHS clusters without GPS
    (coded 0, 0) are left out with that reason, not reported as duplicated points to be averaged."""
    rows = _grid_rows()
    rows[2][4] = "NA"
    for i in (5, 9, 11):
        rows[i][1] = rows[i][2] = "0"
    survey = read_survey(_write(tmp_path / "s.csv", HEADER, rows), value_field="wealth", urban_field="urban_rural")
    assert len(survey) == 27 and np.isnan(survey.urban[2])
    assert [r for r, _ in survey.skipped] == [6, 10, 12]
    assert all("missing GPS" in why for _, why in survey.skipped)
