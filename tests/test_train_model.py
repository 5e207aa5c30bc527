"""Training end to end on rasters the tests build: learning, bundle, held-out reproduction, cache, cancel."""

import json
import os
import sys

import numpy as np
import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from train_helpers import make_embedder_bundle, make_roof_scene, write_survey

from wealthmap.core.errors import CancelledError, WealthMapError
from wealthmap.core.wealth.bundle import load_bundle
from wealthmap.core.wealth.train_api import train_wealth_model

COMMON = dict(value_field="wealth", block_km=1.2, n_estimators=40, context_chips=3)


@pytest.fixture(scope="module")
def scene(tmp_path_factory):
    d = tmp_path_factory.mktemp("scene")
    make_embedder_bundle(str(d / "emb"))
    lon, lat, share = make_roof_scene(str(d / "s2.tif"), nodata_points=(5,))
    value = 2.0 * share - 0.5  # the target: a known function of the share of bright roof pixels
    survey = write_survey(str(d / "survey.csv"), lon, lat, value)
    return {"dir": d, "lon": lon, "lat": lat, "value": value, "survey": survey, "raster": str(d / "s2.tif"),
            "emb": str(d / "emb")}


def _onnx_head(bundle, X):
    import onnxruntime as ort

    session = ort.InferenceSession(bundle.head_path, providers=["CPUExecutionProvider"])
    return session.run(["mean", "std"], {"features": np.asarray(X, dtype=np.float32)})


def test_learns_roof_share_far_above_baselines_and_writes_trained_bundle(qgis_app, scene, tmp_path):
    out = str(tmp_path / "model")
    result = train_wealth_model(scene["survey"], [scene["raster"]], out_dir=out, bundle=scene["emb"],
                                cache_path=str(tmp_path / "cache.sqlite"), **COMMON)
    m = result["metrics"]
    print("\nroof-share scene: CV r2 {:.3f}, baselines {}".format(
        m["model"]["r2"], {k: round(v["r2"], 3) for k, v in m["baselines"].items()}))
    assert m["cv_scheme"] == "blocked" and m["folds"] == 5
    assert m["model"]["r2"] > 0.8 and m["model"]["pearson_r2"] > 0.8
    for name in ("mean", "group_mean", "urban_rural_mean"):
        assert m["baselines"][name]["r2"] < 0.1
    assert np.isfinite(m["model"]["urban_r2"]) and np.isfinite(m["model"]["rural_r2"])
    assert {row["group"] for row in m["ablation"]} == {"embedding", "spectral"}
    # the point on a nodata hole is reported, not silently dropped
    data = result["training_data"]
    assert data["rows_read"] == 144 and data["rows_used"] == 143 and data["rows_without_imagery"] == 1
    assert data["left_out_examples"][0]["row"] == 6 and "nodata" in data["left_out_examples"][0]["reason"]
    bundle = load_bundle(out)
    man = bundle.manifest
    assert bundle.status == "trained" and man["metrics"]["model"]["r2"] == m["model"]["r2"]
    assert man["code_version"].startswith("0.1.0") and len(man["training_data"]["input_sha256"]) == 64
    assert man["training_data"]["groups"] == {"r0": 48, "r1": 48, "r2": 47}
    assert bundle.feature_names[:2] == ["embedding_0", "embedding_1"] and bundle.n_features == 16 + 6
    assert sorted(man["files"]) == ["embedder.onnx", "head.onnx", "report.html", "report.json"]
    # the legend's fixed classes: quantiles of the training values, increasing, inside their range
    breaks = bundle.class_breaks
    y = np.asarray(result["observed"])
    assert breaks and all(b > a for a, b in zip(breaks, breaks[1:])) and y.min() <= breaks[0] < breaks[-1] <= y.max()
    files = os.listdir(out)
    assert not any(f.endswith((".pkl", ".joblib", ".pickle")) for f in files)
    # the ONNX head gives the forest's predictions and a per-tree spread
    mean, std = _onnx_head(bundle, result["X"])
    np.testing.assert_allclose(mean, result["model"].predict(result["X"]), atol=1e-5)
    np.testing.assert_allclose(std, result["model"].per_tree_std(result["X"]), atol=1e-4)
    assert (std > 0).any()
    report = json.load(open(os.path.join(out, "report.json"), encoding="utf-8"))
    assert len(report["predicted"]) == 143
    page = open(os.path.join(out, "report.html"), encoding="utf-8").read()
    assert "<svg" in page and "<circle" in page and "baseline: urban/rural mean" in page
    assert not [f for f in os.listdir(tmp_path) if f.startswith(".partial-")]


def test_bundle_reproduces_held_out_predictions(qgis_app, scene, tmp_path):
    """Train on all folds but one; the written bundle, run on the held-out points' imagery, gives
    exactly the cross-validated predictions of those points."""
    from wealthmap.core.wealth.features import FeatureSettings, point_features
    from wealthmap.core.wealth.survey import read_survey

    full = train_wealth_model(scene["survey"], [scene["raster"]], out_dir=str(tmp_path / "full"),
                              bundle=scene["emb"], use_cache=False, ablation=False, **COMMON)
    rows = np.array(full["rows"])
    folds = np.array(full["folds"])
    held = rows[folds == 0]
    with open(scene["survey"], encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    keep = set(rows[folds != 0])
    train_csv = tmp_path / "train.csv"
    train_csv.write_text("\n".join([lines[0]] + [lines[r] for r in sorted(keep)]) + "\n", encoding="utf-8")
    test_csv = tmp_path / "test.csv"
    test_csv.write_text("\n".join([lines[0]] + [lines[r] for r in sorted(held)]) + "\n", encoding="utf-8")
    # the model of fold 0 is trained on the other folds' points in the same order -> same forest
    part = train_wealth_model(str(train_csv), [scene["raster"]], out_dir=str(tmp_path / "part"),
                              bundle=scene["emb"], use_cache=False, ablation=False, cv="group", **COMMON)
    bundle = load_bundle(part["bundle"])
    held_survey = read_survey(str(test_csv), value_field="wealth", min_points=1)
    settings = FeatureSettings(**{k: v for k, v in bundle.manifest["feature_settings"].items() if k != "version"})
    X, keep_mask, _, _ = point_features(held_survey, [scene["raster"]], bundle, settings)
    assert keep_mask.all()
    mean, _ = _onnx_head(bundle, X)
    expected = np.array(full["predicted"])[folds == 0]
    np.testing.assert_allclose(mean, expected, atol=1e-5)


def test_rerun_reuses_the_feature_cache(qgis_app, scene, tmp_path):
    cache = str(tmp_path / "cache.sqlite")
    first = train_wealth_model(scene["survey"], [scene["raster"]], out_dir=str(tmp_path / "a"), bundle=scene["emb"],
                               cache_path=cache, ablation=False, **COMMON)
    second = train_wealth_model(scene["survey"], [scene["raster"]], out_dir=str(tmp_path / "b"), bundle=scene["emb"],
                                cache_path=cache, ablation=False, **COMMON)
    assert first["cached_points"] == 0 and first["embedded_chips"] == 143 * 9
    assert second["cached_points"] == 143 and second["embedded_chips"] == 0
    assert second["metrics"]["model"]["r2"] == first["metrics"]["model"]["r2"]
    # another context, or other chip thresholds, is another key
    third = train_wealth_model(scene["survey"], [scene["raster"]], out_dir=str(tmp_path / "c"), bundle=scene["emb"],
                               cache_path=cache, ablation=False, **dict(COMMON, context_chips=1))
    assert third["cached_points"] == 0 and third["embedded_chips"] == 143
    fourth = train_wealth_model(scene["survey"], [scene["raster"]], out_dir=str(tmp_path / "d"), bundle=scene["emb"],
                                cache_path=cache, ablation=False, max_cloud=0.5, **COMMON)
    assert fourth["cached_points"] == 0


def test_leave_one_group_out(qgis_app, scene, tmp_path):
    result = train_wealth_model(scene["survey"], [scene["raster"]], out_dir=str(tmp_path / "g"), bundle=scene["emb"],
                                use_cache=False, cv="group", ablation=False, **COMMON)
    m = result["metrics"]
    assert m["cv_scheme"] == "group" and m["folds"] == 3
    assert [f["fold"] for f in m["per_fold"]] == ["r0", "r1", "r2"]
    assert m["model"]["r2"] > 0.8


def test_cancel_in_a_task_leaves_no_partial_bundle(qgis_app, scene, tmp_path):
    from wealthmap.core.tasks import WealthMapTask, run_task_and_wait

    out = tmp_path / "model"
    task = WealthMapTask("train", lambda fb: train_wealth_model(
        scene["survey"], [scene["raster"]], out_dir=str(out), bundle=scene["emb"], use_cache=False, feedback=fb,
        **COMMON))
    from qgis.PyQt.QtCore import Qt

    # direct connection: cancelled in the worker thread at once (no race with the end of the run)
    task.feedback.progressChanged.connect(lambda p: task.cancel() if p > 70 else None,
                                          Qt.ConnectionType.DirectConnection)
    run_task_and_wait(task, timeout=120)
    assert task.cancelled and task.result is None
    assert not out.exists()
    assert os.listdir(tmp_path) == []


def test_direct_cancel_raises(qgis_app, scene, tmp_path):
    from qgis.core import QgsFeedback

    fb = QgsFeedback()
    fb.progressChanged.connect(lambda p: fb.cancel() if p > 20 else None)
    with pytest.raises(CancelledError):
        train_wealth_model(scene["survey"], [scene["raster"]], out_dir=str(tmp_path / "m"), bundle=scene["emb"],
                           use_cache=False, feedback=fb, **COMMON)
    assert os.listdir(tmp_path) == []


def test_bad_rasters_and_points(qgis_app, scene, tmp_path):
    from train_helpers import BANDS

    other = str(tmp_path / "other.tif")
    make_roof_scene(other, n_side=2, bands=BANDS[:4], origin=(600000.0, 5000000.0))
    with pytest.raises(WealthMapError, match="rasters have different bands: s2.tif has B02, B03, B04, B08, B11, B12, "
                                             "other.tif has B02, B03, B04, B08"):
        train_wealth_model(scene["survey"], [scene["raster"], other], out_dir=str(tmp_path / "m"),
                           bundle=scene["emb"], use_cache=False, **COMMON)
    no_red = str(tmp_path / "no_red.tif")
    make_roof_scene(no_red, n_side=2, bands=["B02", "B03", "B08", "B11"], origin=(600000.0, 5000000.0))
    with pytest.raises(WealthMapError, match=r"'no_red.tif' lacks the band\(s\) B04: the embedder reads the red, "
                                             r"green and blue bands \(B04, B03, B02\)"):
        train_wealth_model(scene["survey"], [no_red], out_dir=str(tmp_path / "m"), bundle=scene["emb"],
                           use_cache=False, **COMMON)
    far = str(tmp_path / "far.tif")
    make_roof_scene(far, n_side=3, origin=(200000.0, 6000000.0))
    with pytest.raises(WealthMapError, match="Only 0 of 144 survey points have usable imagery.*row 1: outside every "
                                             "raster"):
        train_wealth_model(scene["survey"], [far], out_dir=str(tmp_path / "m"), bundle=scene["emb"],
                           use_cache=False, **COMMON)
    one = tmp_path / "one_group.csv"
    lines = open(scene["survey"], encoding="utf-8").read().splitlines()
    one.write_text("\n".join([lines[0]] + [",".join(ln.split(",")[:3] + ["kenya"] + ln.split(",")[4:])
                                           for ln in lines[1:]]) + "\n", encoding="utf-8")
    with pytest.raises(WealthMapError, match="at least two groups"):
        train_wealth_model(str(one), [scene["raster"]], out_dir=str(tmp_path / "m"), bundle=scene["emb"],
                           use_cache=False, cv="group", **COMMON)
    with pytest.raises(WealthMapError, match="No output folder"):
        train_wealth_model(scene["survey"], [scene["raster"]], bundle=scene["emb"], **COMMON)
    assert not (tmp_path / "m").exists()


def test_prediction_reproduces_held_out_predictions_at_the_chips_containing_the_points(qgis_app, scene, tmp_path):
    """Train with blocked CV; train again without fold 0 (the same forest as fold 0's CV model); run
    predict_wealth over a region around the held-out points: the chip that contains each held-out point
    gets exactly that point's cross-validated prediction (training and prediction share the features)."""
    from osgeo import osr
    from qgis.core import QgsCoordinateReferenceSystem, QgsGeometry, QgsPointXY, QgsVectorLayer

    from wealthmap.api import predict_wealth

    full = train_wealth_model(scene["survey"], [scene["raster"]], out_dir=str(tmp_path / "full"),
                              bundle=scene["emb"], use_cache=False, ablation=False, **COMMON)
    rows, folds = np.array(full["rows"]), np.array(full["folds"])
    lines = open(scene["survey"], encoding="utf-8").read().splitlines()
    part_csv = tmp_path / "part.csv"
    part_csv.write_text("\n".join([lines[0]] + [lines[r] for r in rows[folds != 0]]) + "\n", encoding="utf-8")
    part = train_wealth_model(str(part_csv), [scene["raster"]], out_dir=str(tmp_path / "part"), bundle=scene["emb"],
                              use_cache=False, ablation=False, cv="group", **COMMON)
    man = load_bundle(part["bundle"]).manifest
    assert man["context_chips"] == 3 and man["feature_settings"]["context_chips"] == 3
    held = rows[folds == 0]
    wgs, utm = osr.SpatialReference(), osr.SpatialReference()
    wgs.ImportFromEPSG(4326)
    utm.ImportFromEPSG(32633)
    for srs in (wgs, utm):
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    ct = osr.CoordinateTransformation(wgs, utm)
    pts = np.array([ct.TransformPoint(float(scene["lon"][r - 1]), float(scene["lat"][r - 1]))[:2] for r in held])
    chip_m = 160.0  # 16 px at 10 m
    region = (pts[:, 0].min() - chip_m, pts[:, 1].min() - chip_m, pts[:, 0].max() + chip_m,
              pts[:, 1].max() + chip_m)
    out = predict_wealth(scene["raster"], region=region, region_crs=QgsCoordinateReferenceSystem("EPSG:32633"),
                         bundle=part["bundle"], output=str(tmp_path / "pred.gpkg"), max_chips=0)
    assert out["model_status"] == "trained" and not out["is_demo"]
    assert out["chips"] < 45 * 45  # a region, not the whole raster
    feats = list(QgsVectorLayer(out["output"], "pred", "ogr").getFeatures())
    got = []
    for x, y in pts:
        point = QgsGeometry.fromPointXY(QgsPointXY(x, y))
        got.append([f["wealth"] for f in feats if f.geometry().contains(point)][0])
    expected = np.array(full["predicted"])[folds == 0]
    print("\nheld-out points: {}, max |prediction - CV prediction| = {:.2e}".format(
        len(got), float(np.max(np.abs(np.array(got) - expected)))))
    assert len(got) == len(expected) > 10
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-5)


def test_training_demo_base_bundle_and_sample_survey(tmp_path):
    """The training demo's 64 px variant of the bundled embedder loads and embeds 640 m chips; the sample
    survey's synthetic value is the documented function of its built-up share (noise sd 0.05)."""
    import csv

    sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "scripts"))
    from demo_train import make_base_bundle

    from wealthmap.core.wealth.embed import Embedder

    base = make_base_bundle(str(tmp_path / "base"))
    assert base.chip_px == 64 and base.is_demo and base.id == "wealthmap-demo-embedder-64px"
    chips = np.random.default_rng(0).uniform(0, 0.3, (2, len(base.bands), 64, 64)).astype(np.float32)
    emb = Embedder(base).embed(chips)
    assert emb.shape == (2, 1280) and np.isfinite(emb).all() and not np.allclose(emb[0], emb[1])
    path = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "sample_data",
                        "train_survey_berlin.csv")
    with open(path, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 287
    share = np.array([float(r["builtup_share_3x3"]) for r in rows])
    resid = np.array([float(r["synthetic_index"]) for r in rows]) - (-1.0 + 3.0 * share)
    assert abs(resid.std() - 0.05) < 0.01 and np.abs(resid).max() < 0.25
    assert {r["urban"] for r in rows} == {"0", "1"} and {r["quadrant"] for r in rows} == {"NW", "NE", "SW", "SE"}


def test_output_folder_with_other_files_is_refused_before_any_work(qgis_app, scene, tmp_path):
    """A bundle replaces its folder whole, so a folder with anything else in it is refused (and said before the
    features are computed): a folder with some other project's manifest.json, or a bundle with the user's files
    beside it, used to be deleted; the base bundle and the bundled demo would be replaced."""
    import shutil

    from wealthmap.core.wealth.bundle import DEFAULT_BUNDLE

    out = tmp_path / "model"
    first = train_wealth_model(scene["survey"], [scene["raster"]], out_dir=str(out), bundle=scene["emb"],
                               use_cache=False, **COMMON)
    (out / "my_prediction.gpkg").write_bytes(b"precious")
    with pytest.raises(WealthMapError, match=r"holds a model bundle and other files \(my_prediction.gpkg\)"):
        train_wealth_model(scene["survey"], [scene["raster"]], out_dir=str(out), bundle=scene["emb"],
                           use_cache=False, **COMMON)
    assert (out / "my_prediction.gpkg").read_bytes() == b"precious"
    os.remove(out / "my_prediction.gpkg")
    again = train_wealth_model(scene["survey"], [scene["raster"]], out_dir=str(out), bundle=scene["emb"],
                               use_cache=False, **COMMON)  # a bundle alone is replaced
    assert again["metrics"]["model"]["r2"] == pytest.approx(first["metrics"]["model"]["r2"])
    web = tmp_path / "webmap"
    web.mkdir()
    (web / "manifest.json").write_text('{"name": "my web map"}')
    (web / "thesis_data.csv").write_text("a,b\n1,2\n")
    with pytest.raises(WealthMapError, match="holds no valid WealthMap model bundle"):
        train_wealth_model(scene["survey"], [scene["raster"]], out_dir=str(web), bundle=scene["emb"],
                           use_cache=False, **COMMON)
    assert sorted(os.listdir(web)) == ["manifest.json", "thesis_data.csv"]
    for target in (scene["emb"], DEFAULT_BUNDLE):
        with pytest.raises(WealthMapError, match="is the model bundle the training starts from"):
            train_wealth_model(scene["survey"], [scene["raster"]], out_dir=target, bundle=scene["emb"],
                               use_cache=False, **COMMON)
    blocker = tmp_path / "a_file"
    blocker.write_text("x")
    with pytest.raises(WealthMapError, match="is a file, not a folder"):
        train_wealth_model(scene["survey"], [scene["raster"]], out_dir=str(blocker), bundle=scene["emb"],
                           use_cache=False, **COMMON)
    with pytest.raises(WealthMapError, match="cannot be written in"):
        train_wealth_model(scene["survey"], [scene["raster"]], out_dir=str(blocker / "sub" / "m"),
                           bundle=scene["emb"], use_cache=False, **COMMON)
    shutil.rmtree(out)


@pytest.mark.parametrize("kwargs, pattern", [
    ({"folds": 1}, "'folds' must be a whole number from 2"), ({"folds": 0}, "'folds' must be a whole number"),
    ({"block_km": 0}, "'block_km' must be a finite number above 0"),
    ({"n_estimators": 0}, "'n_estimators' must be a whole"),
    ({"min_samples_leaf": 0}, "'min_samples_leaf' must be a whole number from 1"),
    ({"max_features": 1.5}, "'max_features' must be a finite number above 0 and at most 1"),
    ({"cv": "random"}, "'cv' must be one of blocked, group"),
])
def test_bad_settings_are_refused_with_a_message(qgis_app, scene, tmp_path, kwargs, pattern):
    settings = dict(COMMON, **kwargs)
    with pytest.raises(WealthMapError, match=pattern):
        train_wealth_model(scene["survey"], [scene["raster"]], out_dir=str(tmp_path / "m"), bundle=scene["emb"],
                           use_cache=False, **settings)


def test_constant_values_blank_groups_and_swapped_coordinates(qgis_app, scene, tmp_path):
    n = len(scene["lon"])
    flat = write_survey(str(tmp_path / "flat.csv"), scene["lon"], scene["lat"], np.full(n, 0.25))
    with pytest.raises(WealthMapError, match="has the same value .* at every point"):
        train_wealth_model(flat, [scene["raster"]], out_dir=str(tmp_path / "m"), bundle=scene["emb"],
                           use_cache=False, **COMMON)
    groups = ["" if i % 7 == 0 else "r{}".format(i % 3) for i in range(n)]
    blank = write_survey(str(tmp_path / "blank.csv"), scene["lon"], scene["lat"], scene["value"], groups=groups)
    with pytest.raises(WealthMapError, match="points have no value in the group field"):
        train_wealth_model(blank, [scene["raster"]], out_dir=str(tmp_path / "m"), bundle=scene["emb"],
                           use_cache=False, cv="group", **COMMON)
    swapped = write_survey(str(tmp_path / "swapped.csv"), scene["lat"], scene["lon"], scene["value"])
    with pytest.raises(WealthMapError, match="With latitude and longitude swapped, 1[0-9]{2} of the points"):
        train_wealth_model(swapped, [scene["raster"]], out_dir=str(tmp_path / "m"), bundle=scene["emb"],
                           use_cache=False, **COMMON)


def test_trained_manifest_describes_the_new_head_in_strict_json(qgis_app, tmp_path):
    """Trained from the bundled demo: the demo's description ("predicts the built-up share") and its fp32
    alternative embedder are not carried over; the files are strict JSON (no NaN)."""
    from wealthmap.core.wealth.bundle import DEFAULT_BUNDLE

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    result = train_wealth_model(os.path.join(root, "sample_data", "train_survey_berlin.csv"),
                                [os.path.join(root, "sample_data", "sentinel2_berlin.tif")],
                                value_field="synthetic_index", out_dir=str(tmp_path / "m"), bundle=DEFAULT_BUNDLE,
                                block_km=4, n_estimators=20, use_cache=False)

    def strict(text):
        return json.loads(text, parse_constant=lambda name: pytest.fail("non-JSON constant " + name))

    with open(os.path.join(result["bundle"], "manifest.json"), encoding="utf-8") as handle:
        manifest = strict(handle.read())
    with open(os.path.join(result["bundle"], "report.json"), encoding="utf-8") as handle:
        strict(handle.read())
    assert "built-up" not in manifest["description"] and "trained on" in manifest["description"]
    assert "alternatives" not in manifest["embedder"] and "extra_features" not in manifest
    # the sample scene has 18 distinct chips: the head does not beat the urban/rural baseline, and says so
    assert manifest["status"] == "weak" and manifest["metrics"]["beats_baseline"] is False
