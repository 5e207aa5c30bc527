"""Hostile parameters, bundles and regions: each is refused with a WealthMapError that names it, or works sanely.

Property tests (hypothesis, bounded) draw NaN, infinities, ±1e308, 0, negatives, huge integers, text of numbers,
wrong types, empty lists and inverted boxes for every public parameter of ``wealthmap.api`` and assert that no
other exception escapes; the same through Processing (QgsProcessingException) for a subset. Then: bundles whose
fields would change results (zero normalisation spread, reordered features, tiny pixel size, names the ONNX graph
lacks), the chip enumeration bound and cancel, a region across the antimeridian, a polar cap, a bowtie.
Geometry tests give ``plan`` a feedback: before it took one, the antimeridian region enumerated a 360-degree box.
"""

import json
import math
import os
import shutil
import sys

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from osgeo import gdal, osr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsDistanceArea,
    QgsFeature,
    QgsFeedback,
    QgsGeometry,
    QgsProcessingException,
    QgsProject,
    QgsRectangle,
    QgsUnitTypes,
    QgsVectorLayer,
)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_wealth_helpers import SAMPLE  # noqa: E402
from train_helpers import BANDS as TINY_BANDS  # noqa: E402
from train_helpers import make_embedder_bundle  # noqa: E402

import wealthmap.api as wm  # noqa: E402
from wealthmap.core.errors import CancelledError, WealthMapError  # noqa: E402
from wealthmap.core.wealth.bundle import DEFAULT_BUNDLE, MANIFEST, load_bundle  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FEW = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
NAN, INF = float("nan"), float("inf")

#: values no parameter should turn into a traceback
HOSTILE = st.one_of(
    st.sampled_from([NAN, INF, -INF, 1e308, -1e308, 0, 0.0, -1, -5, -1e-300, 1e-300, 10 ** 40, -10 ** 40, True, False,
                     None, "", " ", "5", "300", "1e400", "nan", "abc", "-3", [], [NAN], [1, 2, 3, 4], (5, 1, 2, 0),
                     {}, {"a": 1}, object()]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-10 ** 20, max_value=10 ** 20),
    st.text(max_size=6),
)


def maybe(default):
    """The default value or a hostile one."""
    return st.one_of(st.just(default), HOSTILE)


def assert_refused_or_sane(call, check=None):
    """``call()`` raises WealthMapError or returns a result that ``check`` finds sane; nothing else escapes."""
    try:
        result = call()
    except WealthMapError as err:
        assert str(err).strip(), "an empty message"
        return None
    if check is not None:
        check(result)
    return result


# --- data ------------------------------------------------------------------------------------------------
def polygon_layer(values, crs="EPSG:5186", cell=1000.0, extra=None):
    extra = extra or {}
    uri = "Polygon?crs={}&field=id:integer&field=v:double".format(crs) + "".join(
        "&field={}:double".format(name) for name in extra)
    layer = QgsVectorLayer(uri, "grid", "memory")
    features = []
    for i, value in enumerate(values):
        feature = QgsFeature(layer.fields())
        x0, y0 = 190000.0 + (i % 5) * cell, 540000.0 + (i // 5) * cell
        feature.setGeometry(QgsGeometry.fromRect(QgsRectangle(x0, y0, x0 + cell, y0 + cell)))
        feature.setAttributes([i, value] + [extra[name][i] for name in extra])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    layer.updateExtents()
    return layer


VALUES = [1.0, 3.0, 4.0, 8.0, 9.0, 15.0, 22.0, 23.0, 40.0, 41.0]


def sane_choropleth(result):
    assert all(math.isfinite(b) for b in result.breaks)
    assert all(b2 > b1 for b1, b2 in zip(result.breaks, result.breaks[1:]))
    assert sum(result.counts) + result.null_count == len(VALUES)


def write_raster(path, epsg, xmin, ymax, pixel, width, height, bands=TINY_BANDS):
    ds = gdal.GetDriverByName("GTiff").Create(str(path), width, height, len(bands), gdal.GDT_UInt16)
    ds.SetGeoTransform((xmin, pixel, 0, ymax, 0, -pixel))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    ds.SetProjection(srs.ExportToWkt())
    rng = np.random.default_rng(0)
    for j, name in enumerate(bands):
        band = ds.GetRasterBand(j + 1)
        band.WriteArray(rng.integers(300, 3000, (height, width)).astype(np.uint16))
        band.SetDescription(name)
        band.SetNoDataValue(0)
    ds = None
    return str(path)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory, qgis_app):
    """A tiny real bundle (16 px chips of 10 m) and a 6-band UTM raster of 4 x 4 of its chips."""
    folder = tmp_path_factory.mktemp("tiny")
    bundle = make_embedder_bundle(str(folder / "bundle"))
    raster = write_raster(folder / "scene.tif", 32633, 500000.0, 5000000.0, 10.0, 64, 64)
    return {"bundle": bundle, "raster": raster, "folder": folder}


def bundle_variant(source, folder, change):
    """A copy of bundle folder ``source`` whose manifest ``change(manifest)`` edits (the files keep their sha256)."""
    shutil.copytree(source, folder)
    path = os.path.join(folder, MANIFEST)
    with open(path, encoding="utf-8") as handle:
        manifest = json.load(handle)
    change(manifest)
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(manifest, handle)
    return str(folder)


# --- the validator itself --------------------------------------------------------------------------------
@FEW
@given(value=HOSTILE)
def test_validators_return_the_type_or_refuse(value):
    from wealthmap.core import validate

    for call, kind in ((lambda: validate.integer(value, "n", 1, 10), int),
                       (lambda: validate.number(value, "x", 0.0, 1.0), float),
                       (lambda: validate.choice(value, "c", ("Alpha", "beta")), str),
                       (lambda: validate.bbox(value, "b", geographic=True), tuple),
                       (lambda: validate.number_list(value, "l"), list),
                       (lambda: validate.dpi(value), int),
                       (lambda: validate.colour(value, "col"), str),
                       (lambda: validate.boolean(value, "flag"), bool)):
        result = assert_refused_or_sane(call)
        if result is not None:
            assert isinstance(result, kind)
            if kind is float:
                assert math.isfinite(result) and 0.0 <= result <= 1.0
            if kind is int and not isinstance(result, bool):
                assert result >= 1


def test_validator_messages_name_the_parameter_value_range_and_fix():
    from wealthmap.core import validate

    with pytest.raises(WealthMapError, match=r"choropleth: The parameter 'classes' must be a whole number from 2 to "
                                             r"20; got nan\."):
        validate.integer(NAN, "classes", 2, 20, where="choropleth")
    with pytest.raises(WealthMapError, match=r"'area_unit' must be one of km2, m2, ha; got 'acres'"):
        validate.choice("acres", "area_unit", ("km2", "m2", "ha"))
    assert validate.choice(" KM2 ", "area_unit", ("km2", "m2", "ha")) == "km2"
    with pytest.raises(WealthMapError, match=r"'viewbox' is inverted or empty: xmin \(10\) must be below xmax \(5\)"):
        validate.bbox((10, 0, 5, 1), "viewbox", geographic=True)
    assert validate.bbox((179.9, -17, -179.9, -16.9), "region", geographic=True, antimeridian=True)[0] == 179.9
    with pytest.raises(WealthMapError, match="longitudes must be from -180 to 180"):
        validate.bbox((0, 0, 200, 1), "viewbox", geographic=True)
    assert validate.dpi("300") == 300 and validate.integer(5.0, "n") == 5
    with pytest.raises(WealthMapError, match="300 DPI is usual"):
        validate.dpi(10 ** 6)
    with pytest.raises(WealthMapError, match="must be True or False"):
        validate.boolean("yes", "reverse")
    from pathlib import Path

    assert validate.text(Path("/tmp/a.gpkg"), "output") == "/tmp/a.gpkg"  # paths are texts
    assert validate.text_list(Path("/tmp/a.png"), "output") == ["/tmp/a.png"]


# --- geocoding -------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def addresses(tmp_path_factory):
    path = tmp_path_factory.mktemp("geo") / "addresses.csv"
    path.write_text("id,address\n1,Vaduz\n2,Schaan\n3,\n", encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("kwargs, pattern", [
    ({"limit": 0}, r"'limit' must be a whole number from 1 to 50; got 0"),
    ({"limit": -1}, r"'limit' must be a whole number"),
    ({"limit": NAN}, r"'limit' must be a whole number"),
    ({"min_score": -5}, r"'min_score' must be a finite number from 0 to 1; got -5"),
    ({"min_score": NAN}, r"'min_score' must be a finite number"),
    ({"viewbox": (10.0, 47.0, 9.0, 48.0)}, r"'viewbox' is inverted or empty: xmin \(10\) must be below xmax \(9\)"),
    ({"viewbox": (9.0, 48.0, 10.0, 47.0)}, r"'viewbox' is inverted or empty: ymin \(48\)"),
    ({"viewbox": (9.0, 47.0, 10.0, NAN)}, r"'viewbox' must be a box of four finite numbers"),
    ({"provider": 5}, r"'provider' must be one of offline, nominatim"),
    ({"workers": 0}, r"'workers' must be a whole number"),
    ({"rate": -1}, r"'rate' must be a finite number from 0.01 to 1000"),
    ({"rate": 1e-300}, r"'rate' must be a finite number"),  # would have slept 1e300 s between requests
    ({"timeout": INF}, r"'timeout' must be a finite number"),
    ({"ambiguity_margin": 2}, r"'ambiguity_margin' must be a finite number from 0 to 1"),
    ({"countries": ["korea!"]}, r"'countries' takes ISO country codes"),
])
def test_geocode_refuses_bad_parameters(qgis_app, addresses, kwargs, pattern):
    with pytest.raises(WealthMapError, match=pattern):
        wm.geocode(addresses, address_fields=["address"], use_cache=False, **kwargs)


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(params=st.fixed_dictionaries({"limit": maybe(5), "min_score": maybe(0.6), "viewbox": maybe(None),
                                     "ambiguity_margin": maybe(0.05), "countries": maybe(None)}))
def test_geocode_property(qgis_app, addresses, params):
    def sane(result):
        assert sum(result["counts"].values()) == 3
    assert_refused_or_sane(lambda: wm.geocode(addresses, address_fields=["address"], use_cache=False, **params),
                           sane)


@FEW
@given(params=st.fixed_dictionaries({"address_fields": maybe(["address"]), "country": maybe(None),
                                     "x_field": maybe(None)}))
def test_build_address_index_property(qgis_app, tmp_path_factory, params):
    folder = tmp_path_factory.mktemp("index")
    table = folder / "points.csv"
    table.write_text("address,lon,lat\nMain street 1,9.52,47.14\n", encoding="utf-8")
    params.setdefault("y_field", "lat")
    if params["x_field"] is None:
        params["x_field"] = "lon"
    assert_refused_or_sane(lambda: wm.build_address_index(str(table), str(folder / "i.sqlite"), **params))


# --- thematic maps ---------------------------------------------------------------------------------------
def test_choropleth_refuses_what_used_to_crash_or_lie(qgis_app):
    layer = polygon_layer(VALUES)
    with pytest.raises(WealthMapError, match=r"'area_unit' must be one of km2, m2, ha; got 'acres'"):
        wm.choropleth(layer, "v", per_area=True, area_unit="acres")  # was a KeyError
    with pytest.raises(WealthMapError, match=r"'breaks' must be a list of at least 1 finite numbers"):
        wm.choropleth(layer, "v", method="manual", breaks=[5, NAN, 30])  # NaN passed the order check
    for classes in (NAN, "five", 0, -1, 10 ** 20):
        with pytest.raises(WealthMapError, match=r"'classes' must be a whole number"):
            wm.choropleth(layer, "v", classes=classes)
    huge = polygon_layer([-1e308, 1e308, 0.0, 5.0, 1e308, -1e308, 3.0, 2.0, 1.0, 4.0])
    for method in ("equal", "jenks", "quantile"):  # equal intervals came out infinite, natural breaks arbitrary
        with pytest.raises(WealthMapError, match=r"values are infinite or larger than 1e\+150"):
            wm.choropleth(huge, "v", method=method, classes=3)
    with pytest.raises(WealthMapError, match=r"'multiplier' must be a finite number"):
        wm.choropleth(layer, "v", multiplier=NAN)
    assert wm.choropleth(layer, "v", ramp="blues", classes="4", apply=False).colors  # spelled loosely, accepted


def test_chart_and_export_parameters(qgis_app, tmp_path):
    layer = polygon_layer(VALUES, extra={"w": [2.0] * 10})
    for size in (NAN, -5, 0, INF, "big"):
        with pytest.raises(WealthMapError, match=r"'max_size' must be a"):
            wm.chart_map(layer, ["v", "w"], max_size=size)
    with pytest.raises(WealthMapError, match=r"'colors' must be a colour"):
        wm.chart_map(layer, ["v", "w"], colors=["#ff0000", "not-a-colour"])
    with pytest.raises(WealthMapError, match=r"give one label per field"):
        wm.chart_map(layer, ["v", "w"], labels=["only one"])
    result = wm.export_map([layer], str(tmp_path / "map.png"), dpi="60")  # text of a number: used (was TypeError)
    assert os.path.getsize(result.files["png"]) > 0
    for dpi in (NAN, 0, "300dpi", 10 ** 9):
        with pytest.raises(WealthMapError, match=r"'dpi' must be a whole number"):
            wm.export_map([layer], str(tmp_path / "map2.png"), dpi=dpi)
    with pytest.raises(WealthMapError, match=r"'layers' must list map layers"):
        wm.export_map([5], str(tmp_path / "map3.png"))


@FEW
@given(params=st.fixed_dictionaries({"method": maybe("jenks"), "classes": maybe(4), "breaks": maybe(None),
                                     "ramp": maybe("YlOrRd"), "reverse": maybe(False), "multiplier": maybe(1.0),
                                     "area_unit": maybe("km2"), "per_area": maybe(False)}))
def test_choropleth_property(qgis_app, params):
    layer = polygon_layer(VALUES)
    assert_refused_or_sane(lambda: wm.choropleth(layer, "v", apply=False, **params), sane_choropleth)


@FEW
@given(values=st.lists(st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([1e308, -1e308])),
                       min_size=10, max_size=10),
       method=st.sampled_from(["equal", "quantile", "jenks", "stddev", "pretty", "box", "percentile", "log"]))
def test_choropleth_values_property(qgis_app, values, method):
    layer = polygon_layer(values)

    def sane(result):
        assert all(math.isfinite(b) for b in result.breaks)
        assert sum(result.counts) + result.null_count == len(values)
    assert_refused_or_sane(lambda: wm.choropleth(layer, "v", method=method, classes=3, apply=False), sane)


@FEW
@given(params=st.fixed_dictionaries({"palette": maybe("pinkblue"), "label_x": maybe(None), "apply": maybe(True)}))
def test_bivariate_property(qgis_app, params):
    layer = polygon_layer(VALUES, extra={"w": [float(v % 7) for v in range(10)]})
    assert_refused_or_sane(lambda: wm.bivariate(layer, "v", "w", **params),
                           lambda r: len(r.breaks_x) == 2 and all(math.isfinite(b) for b in r.breaks_x))


@FEW
@given(params=st.fixed_dictionaries({"kind": maybe("pie"), "max_size": maybe(12.0), "fixed_size": maybe(8.0),
                                     "size_mode": maybe("total"), "colors": maybe(None), "ramp": maybe("Set2")}))
@example(params={"kind": "pie", "max_size": NAN, "fixed_size": 8.0, "size_mode": "total", "colors": None,
                 "ramp": "Set2"})
@example(params={"kind": "bar", "max_size": 12.0, "fixed_size": -5, "size_mode": "fixed", "colors": None,
                 "ramp": "Set2"})
def test_chart_map_property(qgis_app, params):
    layer = polygon_layer(VALUES, extra={"w": [2.0] * 10})
    fields = ["v"] if params["kind"] == "proportional" else ["v", "w"]

    def sane(result):
        renderer = result.renderer
        size = renderer.upperSize() if hasattr(renderer, "upperSize") else renderer.diagramSettings()[0].size
        assert result.max_total > 0
        assert math.isfinite(size.width()) and 0 < size.width() <= 200  # NaN or -5 mm charts were accepted
    assert_refused_or_sane(lambda: wm.chart_map(layer, fields, apply=False, **params), sane)


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(params=st.fixed_dictionaries({"dpi": maybe(40), "page": maybe("A4"), "landscape": maybe(True),
                                     "extent": maybe(None), "title": maybe("")}))
def test_export_map_property(qgis_app, tmp_path_factory, params):
    layer = polygon_layer(VALUES)
    out = str(tmp_path_factory.mktemp("export") / "map.png")
    assert_refused_or_sane(lambda: wm.export_map([layer], out, **params),
                           lambda r: os.path.getsize(r.files["png"]) > 0)


@FEW
@given(params=st.fixed_dictionaries({"layer_key": maybe("code"), "on_duplicate": maybe("error"),
                                     "normalise": maybe(("trim", "case", "zeros")), "fields": maybe(None)}))
def test_join_table_property(qgis_app, tmp_path_factory, params):
    layer = QgsVectorLayer(os.path.join(ROOT, "sample_data", "thematic_districts.gpkg"), "districts", "ogr")
    table = os.path.join(ROOT, "sample_data", "thematic_stats_cp949.csv")
    assert_refused_or_sane(lambda: wm.join_table(layer, table, table_key="code", **params),
                           lambda r: r.layer.featureCount() == layer.featureCount())


# --- wealth: prediction ----------------------------------------------------------------------------------
def test_scale_zero_or_not_finite_is_refused(qgis_app, tmp_path):
    """scale 0 made every chip the same value (reflectance = offset); NaN or negative ones were used too."""
    for scale in (0, NAN, -1e-4, INF, "x"):
        with pytest.raises(WealthMapError, match=r"'scale' must be a"):
            wm.predict_wealth(SAMPLE, output=str(tmp_path / "w.gpkg"), scale=scale)
    with pytest.raises(WealthMapError, match=r"'offset' must be a finite number"):
        wm.predict_wealth(SAMPLE, output=str(tmp_path / "w.gpkg"), scale=1e-4, offset=NAN)
    for key, value in (("max_chips", -1), ("min_valid", NAN), ("max_cloud", 1.5), ("batch_size", 10 ** 9),
                       ("region", (331000, 5815000, 344000, NAN)), ("region", (344000, 5815000, 331000, 5821000)),
                       ("region", QgsRectangle(331000, 5815000, NAN, 5821000))):
        with pytest.raises(WealthMapError, match="'{}'".format(key)):
            wm.predict_wealth(SAMPLE, output=str(tmp_path / "w.gpkg"), region_crs="EPSG:32633", **{key: value})
    assert not (tmp_path / "w.gpkg").exists()


@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(params=st.fixed_dictionaries({"scale": maybe(1e-4), "offset": maybe(None), "max_chips": maybe(0),
                                     "min_valid": maybe(0.5), "max_cloud": maybe(0.3), "batch_size": maybe(16),
                                     "use_cuda": maybe(False)}))
def test_predict_wealth_property(qgis_app, tiny, tmp_path_factory, params):
    out = str(tmp_path_factory.mktemp("pred") / "w.gpkg")

    def sane(result):
        assert result["chips"] == 16 and result["chips_used"] + result["chips_skipped"] == 16
        assert result["mean"] is None or math.isfinite(result["mean"])
    assert_refused_or_sane(lambda: wm.predict_wealth(tiny["raster"], bundle=tiny["bundle"], output=out, **params),
                           sane)


# --- wealth: training ------------------------------------------------------------------------------------
@pytest.mark.parametrize("kwargs, pattern", [
    ({"folds": NAN}, "'folds' must be a whole number"), ({"block_km": INF}, "'block_km' must be a finite number"),
    ({"n_estimators": "many"}, "'n_estimators' must be a whole number"),
    ({"context_chips": 4}, "'context_chips' must be an odd number"),
    ({"min_valid": -1}, "'min_valid' must be a finite number from 0 to 1"),
    ({"pca_components": -3}, "'pca_components' must be a whole number"),
    ({"duplicates": "sum"}, "'duplicates' must be one of error, mean"),
    ({"window_m": 1e6}, "needs a context of 391 x 391 chips"),  # 152,881 chips per point
])
def test_train_refuses_bad_settings_before_any_work(qgis_app, tmp_path, kwargs, pattern):
    with pytest.raises(WealthMapError, match=pattern):
        wm.train_wealth_model(os.path.join(ROOT, "sample_data", "train_survey_berlin.csv"), [SAMPLE],
                              value_field="wealth", out_dir=str(tmp_path / "m"), **kwargs)
    assert not (tmp_path / "m").exists()


@FEW
@given(params=st.fixed_dictionaries({k: maybe(v) for k, v in (
    ("folds", 5), ("block_km", 50.0), ("n_estimators", 200), ("min_samples_leaf", 3), ("max_features", 0.33),
    ("max_depth", None), ("pca_components", 30), ("seed", 0), ("window_m", None), ("context_chips", None),
    ("min_valid", None), ("max_cloud", None), ("cv", "blocked"), ("duplicates", "error"))}))
def test_training_options_property(params):
    from wealthmap.core.wealth.train_api import check_training_options

    def sane(out):
        assert out["folds"] >= 2 and math.isfinite(out["block_km"]) and out["block_km"] > 0
        assert out["n_estimators"] >= 1 and out["cv"] in ("blocked", "group")
    assert_refused_or_sane(lambda: check_training_options(**params), sane)


# --- wealth: bundles -------------------------------------------------------------------------------------
def test_bundle_with_zero_or_bad_normalisation_is_refused(tmp_path):
    def zero_std(m):
        m["normalization"]["std"] = [0.229, 0.0, 0.225]
    with pytest.raises(WealthMapError, match=r"normalization.std must list 3 finite numbers.*each above 0"):
        load_bundle(bundle_variant(DEFAULT_BUNDLE, tmp_path / "zero", zero_std))

    def short_mean(m):
        m["normalization"]["mean"] = [0.5]
    with pytest.raises(WealthMapError, match=r"normalization.mean must list 3 finite numbers"):
        load_bundle(bundle_variant(DEFAULT_BUNDLE, tmp_path / "short", short_mean))

    def text_stretch(m):
        m["normalization"]["stretch_max"] = "bright"
    with pytest.raises(WealthMapError, match=r"stretch_min and stretch_max must be finite numbers"):
        load_bundle(bundle_variant(DEFAULT_BUNDLE, tmp_path / "text", text_stretch))  # was a raw ValueError


def test_bundle_with_tiny_or_huge_pixel_size_is_refused(tiny, tmp_path):
    for i, gsd in enumerate((1e-6, 0.0, 1e9)):
        def change(m, gsd=gsd):
            m["gsd_m"] = gsd
        with pytest.raises(WealthMapError, match=r"gsd_m \(the pixel size the model reads, in metres\) must be from"):
            load_bundle(bundle_variant(tiny["bundle"].path, tmp_path / "b{}".format(i), change))


def test_reordered_features_are_refused(qgis_app, tmp_path):
    """Swapping two names in the manifest's features fed the head the wrong columns; it predicted anyway."""
    def swap(m):
        f = m["features"]
        f[1], f[3] = f[3], f[1]
    folder = bundle_variant(DEFAULT_BUNDLE, tmp_path / "swapped", swap)
    with pytest.raises(WealthMapError, match=r"was trained on the features .* in this order, but the manifest lists"):
        wm.predict_wealth(SAMPLE, bundle=folder, region=(331000, 5815000, 334000, 5818000),
                          region_crs="EPSG:32633", output=str(tmp_path / "w.gpkg"))

    def embedding_last(m):
        m["features"] = m["features"][1:] + m["features"][:1]
    folder = bundle_variant(DEFAULT_BUNDLE, tmp_path / "last", embedding_last)
    with pytest.raises(WealthMapError, match=r"in this order"):
        wm.predict_wealth(SAMPLE, bundle=folder, output=str(tmp_path / "w2.gpkg"))


def test_changed_feature_settings_are_refused(qgis_app, tmp_path):
    """A head records what its features were computed with; a manifest edited since (another normalisation, pixel
    size or context) predicted anyway, with features the head never saw."""
    cases = [(lambda m: m["normalization"].update(mean=[0.5, 0.5, 0.5]), "embedder file, bands, chip_px"),
             (lambda m: m.update(gsd_m=20.0), "embedder file, bands, chip_px"),
             (lambda m: m.update(context_chips=3), r"context_chips changed")]
    for i, (change, pattern) in enumerate(cases):
        folder = bundle_variant(DEFAULT_BUNDLE, tmp_path / "c{}".format(i), change)
        with pytest.raises(WealthMapError, match=r"trained on features computed with other settings .*" + pattern):
            wm.predict_wealth(SAMPLE, bundle=folder, output=str(tmp_path / "w{}.gpkg".format(i)))


def test_names_and_widths_missing_from_the_onnx_graph_are_refused(qgis_app, tiny, tmp_path):
    cases = [(lambda m: m["embedder"].update(output="features_out"), r"has no output 'features_out'"),
             (lambda m: m["embedder"].update(input="pixels"), r"has no input 'pixels'"),
             (lambda m: m["embedder"].update(dim=17), r"gives embeddings of 16 values but the manifest's "
                                                      r"embedder.dim is 17"),
             (lambda m: m["head"]["outputs"].update(std="sigma"), r"does not have the input/outputs")]
    for i, (change, pattern) in enumerate(cases):
        folder = bundle_variant(tiny["bundle"].path, tmp_path / "v{}".format(i), change)
        with pytest.raises(WealthMapError, match=pattern):
            wm.predict_wealth(tiny["raster"], bundle=folder, output=str(tmp_path / "w{}.gpkg".format(i)))


# --- wealth: chip enumeration ----------------------------------------------------------------------------
def test_plan_refuses_huge_grids_at_once_and_honours_cancel(qgis_app, tiny, tmp_path):
    """A bundle with a small pixel size over a large raster enumerated ~10^7+ cells one by one (minutes, deaf to
    cancel) before the max_chips check."""
    from wealthmap.core.wealth.predict import MAX_GRID_CELLS, plan

    def fine(m):
        m["gsd_m"], m["chip_px"] = 0.1, 8  # 0.8 m chips
    bundle = load_bundle(bundle_variant(tiny["bundle"].path, tmp_path / "fine", fine))
    big = write_raster(tmp_path / "big.tif", 32633, 500000.0, 5000000.0, 100.0, 64, 64)  # 6.4 km: 64 M cells
    with pytest.raises(WealthMapError, match=r"spans 64,000,000 chip cells"):
        plan(big, bundle=bundle, max_chips=0)
    assert (6400 / 0.8) ** 2 > MAX_GRID_CELLS
    small = write_raster(tmp_path / "small.tif", 32633, 500000.0, 5000000.0, 100.0, 10, 10)  # 1.56 M cells
    feedback = QgsFeedback()
    feedback.cancel()
    with pytest.raises(CancelledError):
        plan(small, bundle=bundle, feedback=feedback)
    with pytest.raises(WealthMapError, match=r"needs more than 1000 chips, the limit"):
        plan(small, bundle=bundle, max_chips=1000)


# --- wealth: geometry ------------------------------------------------------------------------------------
def ellipsoid_area_km2(lon0, lat0, lon1, lat1):
    """Independent reference: area of a longitude/latitude box on WGS 84 by numerical integration."""
    a, f = 6378137.0, 1 / 298.257223563
    e2 = f * (2 - f)
    phi = np.linspace(math.radians(lat0), math.radians(lat1), 20001)
    s = np.sin(phi)
    m = a * (1 - e2) / (1 - e2 * s * s) ** 1.5
    n = a / np.sqrt(1 - e2 * s * s)
    integrand = m * n * np.cos(phi)
    band = float(np.sum((integrand[1:] + integrand[:-1]) / 2 * np.diff(phi)))
    return band * math.radians(lon1 - lon0) / 1e6


def utm_box(epsg, lons, lats):
    wgs = osr.SpatialReference()
    wgs.ImportFromEPSG(4326)
    wgs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    dst = osr.SpatialReference()
    dst.ImportFromEPSG(epsg)
    dst.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    ct = osr.CoordinateTransformation(wgs, dst)
    pts = np.array([ct.TransformPoint(lon, lat)[:2] for lon in lons for lat in lats])
    return pts[:, 0].min(), pts[:, 1].min(), pts[:, 0].max(), pts[:, 1].max()


def chip_centres_lonlat(layout):
    from qgis.core import QgsCoordinateTransform, QgsCoordinateTransformContext, QgsPointXY

    from wealthmap.core.wealth.predict import _qgis_crs

    ct = QgsCoordinateTransform(_qgis_crs(layout["srs"]), QgsCoordinateReferenceSystem("EPSG:4326"),
                                QgsCoordinateTransformContext())
    out = []
    for row, cols in layout["rows"]:
        for col in cols:
            p = ct.transform(QgsPointXY(*layout["grid"].centre(col, row)))
            out.append((p.x(), p.y()))
    return np.array(out)


def test_region_across_the_antimeridian(qgis_app, tiny, tmp_path):
    """(179.95, -16.97, -179.95, -16.92) became a 360-degree box (663,652 km², chips outside the region)."""
    from wealthmap.core.wealth.predict import plan

    xmin, ymin, xmax, ymax = utm_box(32760, (179.85, 180.15), (-17.02, -16.87))
    raster = write_raster(tmp_path / "fiji.tif", 32760, xmin, ymax, 40.0, int((xmax - xmin) / 40) + 1,
                          int((ymax - ymin) / 40) + 1)
    da = QgsDistanceArea()
    da.setSourceCrs(QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance().transformContext())
    da.setEllipsoid("EPSG:7030")
    expected = da.convertAreaMeasurement(da.measureArea(QgsGeometry.fromRect(QgsRectangle(-0.05, -16.97, 0.05,
                                                                                           -16.92))),
                                         QgsUnitTypes.AreaUnit.AreaSquareKilometers)
    assert expected == pytest.approx(ellipsoid_area_km2(-0.05, -16.97, 0.05, -16.92), rel=1e-3)
    for region in ((179.95, -16.97, -179.95, -16.92),
                   "POLYGON((179.95 -16.97, -179.95 -16.97, -179.95 -16.92, 179.95 -16.92, 179.95 -16.97))",
                   QgsRectangle(179.95, -16.97, -179.95, -16.92)):  # as Processing's extent gives it (normalised)
        layout = plan(raster, region=region, region_crs="EPSG:4326", bundle=tiny["bundle"], feedback=QgsFeedback())
        assert layout["area_km2"] == pytest.approx(expected, rel=0.01)
        centres = chip_centres_lonlat(layout)
        lon = np.where(centres[:, 0] < 0, centres[:, 0] + 360.0, centres[:, 0])
        assert ((lon >= 179.95 - 1e-9) & (lon <= 180.05 + 1e-9)).all()
        assert ((centres[:, 1] >= -16.97) & (centres[:, 1] <= -16.92)).all()
        chip_km2 = (tiny["bundle"].chip_m / 1000.0) ** 2
        assert layout["n_chips"] * chip_km2 == pytest.approx(expected, rel=0.08)
    # end to end: the prediction has those chips and that area
    result = wm.predict_wealth(raster, region=(179.95, -16.97, -179.95, -16.92), region_crs="EPSG:4326",
                               bundle=tiny["bundle"], output=str(tmp_path / "fiji.gpkg"), max_chips=0)
    assert result["chips"] == layout["n_chips"] and result["area_km2"] == pytest.approx(expected, rel=0.01)


def test_polar_cap_area(qgis_app, tiny, tmp_path):
    """The area of a region around the pole was the grid CRS's planar area (UPS/UTM scale, few vertices)."""
    from wealthmap.core.wealth.predict import plan

    # UPS North: the pole at (2000000, 2000000); a 16 km raster around it
    raster = write_raster(tmp_path / "pole.tif", 32661, 1992000.0, 2008000.0, 80.0, 200, 200)
    expected = ellipsoid_area_km2(-180.0, 89.95, 180.0, 90.0)
    layout = plan(raster, region=(-180.0, 89.95, 180.0, 90.0), region_crs="EPSG:4326", bundle=tiny["bundle"],
                  feedback=QgsFeedback())
    assert layout["area_km2"] == pytest.approx(expected, rel=0.01)
    centres = chip_centres_lonlat(layout)
    assert (centres[:, 1] >= 89.95 - 1e-6).all()
    # a cap near the south pole given by a UTM-distorted region CRS: same answer as the integral
    south = write_raster(tmp_path / "south.tif", 32761, 1992000.0, 2008000.0, 80.0, 200, 200)
    layout = plan(south, region=(-180.0, -90.0, 180.0, -89.95), region_crs="EPSG:4326", bundle=tiny["bundle"],
                  feedback=QgsFeedback())
    assert layout["area_km2"] == pytest.approx(expected, rel=0.01)


def test_bowtie_polygons_are_measured_as_what_they_outline(qgis_app, tiny):
    """A self-intersecting polygon measured 0 (or a few m²) per area: its two triangles cancelled out."""
    from wealthmap.core.wealth.predict import plan

    layer = QgsVectorLayer("Polygon?crs=EPSG:5186&field=v:double", "bowtie", "memory")
    feats = []
    for wkt in ("POLYGON((0 0, 2000 2000, 2000 0, 0 2000, 0 0))", "POLYGON((0 0, 2000 0, 2000 2000, 0 2000, 0 0))",
                "POLYGON((3000 0, 4000 0, 4000 1000, 3000 1000, 3000 0))"):
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromWkt(wkt))
        f.setAttributes([100.0])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    result = wm.choropleth(layer, "v", per_area=True, method="equal", classes=2)
    rates = [f["v_per_km2"] for f in result.layer.getFeatures()]
    # 2 km² of triangles, 4 km² of square, 1 km² (ellipsoidal areas within 0.5 %)
    assert rates == pytest.approx([50.0, 25.0, 100.0], rel=5e-3)
    assert result.repaired_geometries == [feats[0].id()] or len(result.repaired_geometries) == 1
    # a bowtie region of a prediction: the chips and area of its two triangles
    x0, y0 = 500000.0, 4999360.0
    bowtie = "POLYGON(({0} {1}, {2} {3}, {2} {1}, {0} {3}, {0} {1}))".format(x0, y0, x0 + 640, y0 + 640)
    layout = plan(tiny["raster"], region=bowtie, region_crs="EPSG:32633", bundle=tiny["bundle"])
    assert layout["area_km2"] == pytest.approx(0.64 * 0.64 / 2, rel=0.01)


# --- Processing ------------------------------------------------------------------------------------------
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(params=st.fixed_dictionaries({"CLASSES": maybe(5), "MULTIPLIER": maybe(1.0),
                                     "BREAKS": st.one_of(st.sampled_from(["5, nan, 30", "inf", "1e400, 2e400",
                                                                          "10, 20"]), maybe("")),
                                     "METHOD": st.one_of(st.just(5), maybe(2))}))  # 5: manual
def test_processing_choropleth_property(processing, tmp_path_factory, params):
    layer = polygon_layer(VALUES)
    out = str(tmp_path_factory.mktemp("alg") / "out.gpkg")
    try:
        result = processing.run("wealthmap:choropleth", dict(params, INPUT=layer, FIELD="v", OUTPUT=out))
    except QgsProcessingException as err:
        assert str(err).strip()
        return
    assert all(math.isfinite(float(b)) for b in str(result["BREAKS_OUT"]).replace(",", " ").split())


@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(params=st.fixed_dictionaries({"MAX_CHIPS": maybe(0), "MAX_CLOUD": maybe(0.3), "MIN_VALID": maybe(0.5)}))
def test_processing_predict_property(processing, tiny, tmp_path_factory, params):
    from qgis.core import QgsApplication

    alg = QgsApplication.processingRegistry().algorithmById("wealthmap:predictwealth")
    names = {p.name() for p in alg.parameterDefinitions()}
    params = {k: v for k, v in params.items() if k in names}
    out = str(tmp_path_factory.mktemp("alg") / "w.gpkg")
    extra = {"MODEL": tiny["bundle"].path} if "MODEL" in names else {}
    try:
        processing.run("wealthmap:predictwealth", dict(params, INPUT=tiny["raster"], OUTPUT=out, **extra))
    except QgsProcessingException as err:
        assert str(err).strip()


def test_processing_turns_refusals_into_processing_exceptions(processing, tmp_path):
    layer = polygon_layer(VALUES, extra={"w": [2.0] * 10})
    with pytest.raises(QgsProcessingException, match=r"'breaks' must be a list of at least 1 finite numbers"):
        processing.run("wealthmap:choropleth", {"INPUT": layer, "FIELD": "v", "METHOD": 5, "BREAKS": "5, nan, 30",
                                                "OUTPUT": str(tmp_path / "c.gpkg")})
    def zero_std(m):
        m["normalization"]["std"] = [0.0, 0.0, 0.0]
    folder = bundle_variant(DEFAULT_BUNDLE, tmp_path / "zero", zero_std)
    with pytest.raises(QgsProcessingException, match=r"normalization.std must list 3 finite numbers"):
        processing.run("wealthmap:predictwealth", {"INPUT": SAMPLE, "MODEL": folder,
                                                   "OUTPUT": str(tmp_path / "w.gpkg")})


@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(params=st.fixed_dictionaries({"MIN_SCORE": maybe(0.6), "COUNTRIES": maybe(""),
                                     "VIEWBOX": st.one_of(st.sampled_from(["10,9,47,48 [EPSG:4326]",
                                                                           "9,10,48,47 [EPSG:4326]"]), maybe(None))}))
def test_processing_geocode_property(processing, addresses, tmp_path_factory, params):
    out = str(tmp_path_factory.mktemp("alg") / "g.gpkg")
    params = {k: v for k, v in params.items() if v is not None}
    try:
        result = processing.run("wealthmap:geocode", dict(params, INPUT=addresses, FIELDS=["address"],
                                                          USE_CACHE=False, OUTPUT=out))
    except QgsProcessingException as err:
        assert str(err).strip()
        return
    assert result["MATCHED"] + result["AMBIGUOUS"] + result["NOT_FOUND"] + result["EMPTY"] + result["ERRORS"] == 3
