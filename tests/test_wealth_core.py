"""Wealth prediction core: bundle checks, forest→ONNX, raster reading, embedder, chips, predict_wealth.

Real parts only: real ONNX sessions (the bundled EfficientNet-Lite0 and demo head), real
GeoTIFFs (the sample Sentinel-2 scene and rasters built here), real GeoPackages.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import sys

import numpy as np
import pytest
from osgeo import gdal

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_wealth_helpers import BANDS, CHIP, ORIGIN, ROOT, SAMPLE, make_s2, warp_to_4326  # noqa: E402

from wealthmap.core.errors import WealthMapError  # noqa: E402
from wealthmap.core.wealth import bundle as bundle_mod  # noqa: E402
from wealthmap.core.wealth.bundle import DEFAULT_BUNDLE, load_bundle, write_bundle  # noqa: E402

gdal.UseExceptions()


def predict(*args, **kwargs):
    from wealthmap.core.wealth.api import predict_wealth

    kwargs.setdefault("max_chips", 0)
    return predict_wealth(*args, **kwargs)


def read_gpkg(path):
    con = sqlite3.connect(path)
    try:
        table = con.execute("select table_name from gpkg_contents where data_type='features'").fetchone()[0]
        cur = con.execute('select * from "{}" order by chip_id'.format(table))
        names = [d[0] for d in cur.description]
        rows = [dict(zip(names, r)) for r in cur.fetchall()]
        styles = con.execute("select f_table_name, useAsDefault, styleQML from layer_styles").fetchall()
        contents = con.execute("select identifier, description from gpkg_contents where table_name=?",
                               (table,)).fetchone()
    finally:
        con.close()
    return rows, styles, contents


def same_output(a, b):
    """Same chips, contents and style: the style compared by what it means (QGIS 3.44 writes new random ids
    into each saved style)."""
    from wealthmap.core.wealth.output_cache import style_key

    (rows_a, styles_a, contents_a), (rows_b, styles_b, contents_b) = read_gpkg(a), read_gpkg(b)
    semantic = [[(name, default, style_key(qml)) for name, default, qml in styles] for styles in (styles_a, styles_b)]
    return rows_a == rows_b and contents_a == contents_b and semantic[0] == semantic[1] and len(styles_a) == 1


@pytest.fixture(scope="module")
def demo():
    return load_bundle(DEFAULT_BUNDLE)


# --- forest → ONNX -----------------------------------------------------------------------
def test_forest_onnx_matches_sklearn_mean_and_tree_spread(qgis_app):
    import onnxruntime as ort
    from sklearn.decomposition import PCA
    from sklearn.ensemble import RandomForestRegressor
    from sklearn.preprocessing import StandardScaler

    from wealthmap.core.wealth.forest_onnx import forest_to_onnx, preprocess_like_onnx

    rng = np.random.default_rng(1)
    x = rng.normal(size=(300, 24)).astype(np.float32)
    y = 3 * x[:, 0] - x[:, 20] + rng.normal(0, 0.1, 300)
    scaler = StandardScaler().fit(x)
    xs = scaler.transform(x)
    pca = PCA(4).fit(xs[:, :20])
    z = np.hstack([pca.transform(xs[:, :20]), xs[:, 20:]])
    forest = RandomForestRegressor(30, random_state=0).fit(z, y)
    model = forest_to_onnx(forest, n_inputs=24, pca=pca, scaler=scaler)
    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    mean, std = session.run(["mean", "std"], {"features": x})
    zr = preprocess_like_onnx(x, pca, scaler)
    per_tree = np.stack([t.predict(zr) for t in forest.estimators_], axis=1)
    assert mean.shape == (300,) and std.shape == (300,)
    np.testing.assert_allclose(mean, forest.predict(zr), atol=1e-5)
    np.testing.assert_allclose(std, per_tree.std(axis=1), atol=1e-5)
    assert float(std.mean()) > 0
    with pytest.raises(ValueError, match="imply"):
        forest_to_onnx(forest, n_inputs=23, pca=pca)


# --- bundles -------------------------------------------------------------------------------
def test_demo_bundle_is_valid_and_labelled_demo(demo):
    assert demo.status == "demo" and demo.is_demo
    assert "demonstration model, not a wealth estimate" in demo.label()
    assert demo.bands == BANDS and demo.chip_px == CHIP and demo.gsd_m == 10.0
    assert demo.n_features == 1280 + 6
    assert "ImageNet" in demo.manifest["embedder"]["pretrained"]
    for name in demo.manifest["files"]:
        assert os.path.getsize(os.path.join(demo.path, name)) < 30e6
    assert not any(n.endswith((".pkl", ".pickle", ".joblib")) for n in os.listdir(demo.path))


def test_tampered_file_is_refused(tmp_path, qgis_app):
    copy = tmp_path / "bundle"
    shutil.copytree(DEFAULT_BUNDLE, copy)
    with open(copy / "head.onnx", "r+b") as handle:
        handle.seek(200)
        byte = handle.read(1)
        handle.seek(200)
        handle.write(bytes([byte[0] ^ 0xFF]))
    with pytest.raises(WealthMapError, match="head.onnx.*does not match its manifest"):
        load_bundle(copy)
    with pytest.raises(WealthMapError, match="head.onnx.*does not match its manifest"):
        predict(SAMPLE, bundle=str(copy))
    os.remove(copy / "head.onnx")
    with pytest.raises(WealthMapError, match="lacks the file 'head.onnx'"):
        load_bundle(copy)
    with pytest.raises(WealthMapError, match="no manifest.json"):
        load_bundle(tmp_path)


def test_file_changed_after_a_first_load_is_refused(tmp_path, qgis_app):
    """sha256 is checked once per process and again when a file's size/times/inode change: a file edited
    after a successful (cached) load is still refused, even with the same size and its old mtime put back."""
    import time

    copy = tmp_path / "bundle"
    shutil.copytree(DEFAULT_BUNDLE, copy)
    old = time.time() - 3600
    for name in os.listdir(copy):
        os.utime(copy / name, (old, old))
    racy = bundle_mod._RACY_NS
    bundle_mod._RACY_NS = 50_000_000  # the files' status-change time is now: wait 0.1 s instead of 2 s
    time.sleep(0.1)
    try:
        load_bundle(copy)
    finally:
        bundle_mod._RACY_NS = racy
    head = str(copy / "head.onnx")
    assert bundle_mod._VERIFIED[os.path.abspath(head)][1] == load_bundle(copy).manifest["files"]["head.onnx"]["sha256"]
    calls = []
    real = bundle_mod.sha256_file
    try:
        bundle_mod.sha256_file = lambda path, *a: calls.append(path) or real(path, *a)
        load_bundle(copy)  # unchanged files: no hashing
        assert calls == []
        stat = os.stat(head)
        with open(head, "r+b") as handle:
            handle.seek(300)
            byte = handle.read(1)
            handle.seek(300)
            handle.write(bytes([byte[0] ^ 0xFF]))
        os.utime(head, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, old mtime put back
        assert os.path.getsize(head) == stat.st_size
        with pytest.raises(WealthMapError, match="head.onnx.*does not match its manifest"):
            load_bundle(copy)
        assert calls == [os.path.abspath(head)]
    finally:
        bundle_mod.sha256_file = real


def test_invalid_manifest_is_refused(tmp_path, demo):
    manifest = json.loads(json.dumps(demo.manifest))
    manifest["status"] = "excellent"
    with pytest.raises(WealthMapError, match="status 'excellent' is not one of demo, trained, weak, validated"):
        bundle_mod.validate_manifest(manifest, "x")
    manifest = json.loads(json.dumps(demo.manifest))
    del manifest["features"]
    with pytest.raises(WealthMapError, match="has no 'features' field"):
        bundle_mod.validate_manifest(manifest, "x")


def test_write_bundle_roundtrip_and_atomic(tmp_path, demo):
    manifest = dict(demo.manifest, id="copy", status="trained")
    files = {"embedder_int8.onnx": demo.embedder_path, "head.onnx": open(demo.head_path, "rb").read()}
    out = write_bundle(tmp_path / "b", manifest, files)
    assert out.id == "copy" and set(out.manifest["files"]) == {"embedder_int8.onnx", "head.onnx"}
    assert out.manifest["files"]["head.onnx"]["sha256"] == demo.manifest["files"]["head.onnx"]["sha256"]
    with pytest.raises(FileNotFoundError):
        write_bundle(tmp_path / "c", manifest, dict(files, **{"head.onnx": str(tmp_path / "missing.onnx")}))
    assert sorted(os.listdir(tmp_path)) == ["b"]  # no partial folder left
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "notes.txt").write_text("x")
    with pytest.raises(WealthMapError, match="not empty and holds no valid WealthMap model bundle"):
        write_bundle(tmp_path / "d", manifest, files)


def test_corrupt_onnx_with_matching_hash_is_refused(tmp_path, demo):
    manifest = dict(demo.manifest, id="corrupt")
    files = {"embedder_int8.onnx": demo.embedder_path, "head.onnx": b"this is not an onnx model"}
    write_bundle(tmp_path / "b", manifest, files)
    with pytest.raises(WealthMapError, match="head.onnx' cannot be loaded by onnxruntime.*corrupt"):
        predict(SAMPLE, bundle=str(tmp_path / "b"))


def test_model_expecting_other_bands_is_refused(tmp_path, demo):
    manifest = dict(demo.manifest, id="needs-b05", bands=BANDS + ["B05"])
    write_bundle(tmp_path / "b", manifest, {"embedder_int8.onnx": demo.embedder_path, "head.onnx": demo.head_path})
    with pytest.raises(WealthMapError, match=r"lacks the band\(s\) B05.*model 'needs-b05' expects the bands"):
        predict(SAMPLE, bundle=str(tmp_path / "b"))


def test_onnxruntime_missing_gives_install_message(tmp_path):
    code = ("import sys; sys.modules['onnxruntime'] = None; sys.path.insert(0, {root!r}); import conftest\n"
            "from qgis.testing import start_app; start_app()\n"
            "from wealthmap.core.errors import WealthMapError  # noqa: E402\n"
            "from wealthmap.core.wealth.api import predict_wealth\n"
            "try:\n    predict_wealth({sample!r})\nexcept WealthMapError as err:\n    print('MSG', err)\n"
            ).format(root=ROOT, sample=SAMPLE)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    assert "MSG WealthMap needs Python packages that are not installed: onnxruntime" in out.stdout, out.stderr[-2000:]
    assert "pip install" in out.stdout


@pytest.mark.parametrize("module, call, name", [
    ("onnx", "from wealthmap.core.wealth.api import predict_wealth as f; f({sample!r})", "onnx"),
    ("sklearn", "from wealthmap.core.wealth.train_api import train_wealth_model as f; f('s.csv', [{sample!r}], "
                "out_dir='/tmp/x')", "scikit-learn"),
])
def test_missing_onnx_or_sklearn_gives_install_message(module, call, name):
    """onnx (prediction builds its graphs with it) and scikit-learn (training) missing: the install message,
    before any work (onnx missing was reported as a corrupt model; scikit-learn as an internal error)."""
    code = ("import sys; sys.modules[{module!r}] = None; sys.path.insert(0, {root!r}); import conftest\n"
            "from qgis.testing import start_app; start_app()\n"
            "from wealthmap.core.errors import WealthMapError  # noqa: E402\n"
            "try:\n    " + call + "\nexcept WealthMapError as err:\n    print('MSG', err)\n"
            ).format(module=module, root=ROOT, sample=SAMPLE)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    assert "MSG WealthMap needs Python packages that are not installed: " + name in out.stdout, out.stderr[-2000:]


# --- raster reading -------------------------------------------------------------------------
def test_band_names_are_recognised():
    from wealthmap.core.wealth.raster import canonical_band

    for text, band in [("B2", "B02"), ("b02", "B02"), ("Blue", "B02"), ("B4 (red)", "B04"), ("B08 - NIR", "B08"),
                       ("nir", "B08"), ("B11", "B11"), ("swir16", "B11"), ("SCL", "SCL"), ("B8A", "B8A")]:
        assert canonical_band(text) == band, text
    assert canonical_band("elevation") is None


def test_scale_and_baseline_offset(tmp_path, qgis_app):
    from wealthmap.core.wealth.raster import RasterSource

    plain = RasterSource(make_s2(tmp_path / "plain.tif"))
    shifted = RasterSource(make_s2(tmp_path / "shifted.tif", offset_dn=1000, baseline="04.00"))
    old = RasterSource(make_s2(tmp_path / "old.tif", baseline="02.09"))
    assert (plain.scale, plain.offset) == (1e-4, 0.0)
    assert shifted.scale == 1e-4 and shifted.offset == pytest.approx(-0.1)
    assert old.offset == 0.0
    sample = RasterSource(SAMPLE)
    assert sample.reflectance_source.startswith("metadata REFLECTANCE_SCALE")
    floats = RasterSource(make_s2(tmp_path / "f.tif", dtype=gdal.GDT_Float32))
    assert floats.scale == 1.0


def test_float_rasters_with_a_nodata_corner_get_the_right_scale(tmp_path, qgis_app):
    """Float32 digital numbers and Float32 reflectance whose top-left corner is nodata (a tile's no-data
    wedge) predict what the UInt16 raster predicts: the 'already reflectance?' test looked at that corner
    only, so DN were taken for reflectance (every chip 'without data') and reflectance was divided by 10000
    (every chip 'ok', every value wrong)."""
    from wealthmap.core.wealth.raster import RasterSource

    ref = make_s2(tmp_path / "u16.tif", nodata_box=(0, 0, 260, 260))
    expected = predict(ref, output=str(tmp_path / "ref.gpkg"))
    assert expected["statuses"] == {"nodata": 1, "ok": 5}
    dn = str(tmp_path / "f32_dn.tif")
    gdal.Translate(dn, ref, outputType=gdal.GDT_Float32)  # nodata 0 in the corner
    refl = str(tmp_path / "f32_refl.tif")
    gdal.Translate(refl, ref, outputType=gdal.GDT_Float32, scaleParams=[[0, 10000, 0, 1]], noData="nan")
    ds = gdal.Open(refl, gdal.GA_Update)
    for i in range(ds.RasterCount):
        band = ds.GetRasterBand(i + 1)
        values = band.ReadAsArray()
        values[:260, :260] = np.nan
        band.WriteArray(values)
    ds = None
    for path, scale in ((dn, 1e-4), (refl, 1.0)):
        assert RasterSource(path).scale == scale, path
        got = predict(path, output=str(tmp_path / "got.gpkg"))
        assert got["statuses"] == expected["statuses"] and got["mean"] == pytest.approx(expected["mean"], abs=1e-4)


def test_bad_rasters_are_refused(tmp_path, qgis_app):
    from wealthmap.core.wealth.raster import RasterSource

    with pytest.raises(WealthMapError, match="8-bit.*screenshot"):
        RasterSource(make_s2(tmp_path / "rgb.tif", dtype=gdal.GDT_Byte))
    with pytest.raises(WealthMapError, match="no coordinate reference system"):
        RasterSource(make_s2(tmp_path / "nocrs.tif", with_crs=False))
    with pytest.raises(WealthMapError, match="does not exist"):
        RasterSource(tmp_path / "missing.tif")
    unnamed = make_s2(tmp_path / "unnamed.tif", descriptions=False)
    with pytest.raises(WealthMapError, match=r"lacks the band\(s\) B02, B03, B04, B08, B11.*map them yourself"):
        predict(unnamed)
    mapped = predict(unnamed, band_map={"B02": 1, "B03": 2, "B04": 3, "B08": 4, "B11": 5},
                     output=str(tmp_path / "mapped.gpkg"))
    assert mapped["chips"] == 6 and mapped["chips_used"] == 6


def test_read_window_at_point_in_any_crs(qgis_app):
    from wealthmap.core.wealth.raster import read_bbox, read_window_at

    refl, valid = read_window_at(SAMPLE, 12.6, 52.49, "EPSG:4326", 2560, ["B04", "B03", "B02"])
    assert refl.shape == (3, 256, 256) and valid.all()
    assert 0.03 < float(np.nanmean(refl)) < 0.3  # reflectance, not digital numbers
    refl, valid = read_window_at(SAMPLE, 1.0, 1.0, "EPSG:4326", 2560, ["B04"])
    assert not valid.any() and np.isnan(refl).all()
    refl, valid = read_bbox(SAMPLE, (335000, 5815000, 336000, 5816000), "EPSG:32633", ["B08"])
    assert refl.shape == (1, 100, 100) and valid.all()


# --- embedder ---------------------------------------------------------------------------------
def test_embedder_int8_close_to_fp32_on_real_chips(demo):
    from wealthmap.core.wealth.bundle import ModelBundle
    from wealthmap.core.wealth.embed import Embedder
    from wealthmap.core.wealth.raster import read_window_at

    chips = np.stack([np.concatenate([read_window_at(SAMPLE, lon, 52.49, "EPSG:4326", 2560, BANDS)[0]])
                      for lon in (12.55, 12.6, 12.65, 12.7)])
    e8 = Embedder(demo).embed(chips)
    fp32 = ModelBundle(demo.path, dict(demo.manifest, embedder=dict(demo.manifest["embedder"], file="embedder.onnx")))
    e32 = Embedder(fp32).embed(chips)
    assert e8.shape == (4, 1280) and np.isfinite(e8).all()
    cos = (e8 * e32).sum(1) / np.linalg.norm(e8, axis=1) / np.linalg.norm(e32, axis=1)
    assert cos.min() > 0.95, cos
    # different places give different embeddings
    assert np.linalg.norm(e32[0] - e32[3]) > 0.05 * np.linalg.norm(e32[0])


# --- prediction -----------------------------------------------------------------------------------
def test_predict_sample_raster_whole_extent(tmp_path, qgis_app):
    out = tmp_path / "berlin.gpkg"
    tif = tmp_path / "berlin.tif"
    result = predict(SAMPLE, output=str(out), geotiff=str(tif))
    assert result["chips"] == 18 and result["chips_used"] == 18 and result["chips_skipped"] == 0  # 6 x 3 chips
    # the area on the ellipsoid: the UTM grid's 15.36 x 7.68 km differ from it by the zone's scale factor
    assert result["area_km2"] == pytest.approx(15.36 * 7.68, rel=2e-3)
    assert not result["resampled"] and result["is_demo"]
    rows, styles, contents = read_gpkg(str(out))
    assert len(rows) == 18
    first = rows[0]
    assert (first["grid_col"], first["grid_row"]) == (0, 0)
    assert first["model_id"] == "wealthmap-demo-builtup-v2" and first["model_status"] == "demo"
    assert first["note"] == "demonstration model, not a wealth estimate"
    assert all(np.isfinite(r["wealth"]) and np.isfinite(r["uncertainty"]) and r["uncertainty"] >= 0 for r in rows)
    assert all(r["status"] == "ok" and r["valid_frac"] == 1.0 for r in rows)
    assert styles and styles[0][1] in (1, "1", True) and "graduatedSymbol" in styles[0][2]
    assert "RdYlBu" in styles[0][2] or "gradient" in styles[0][2]
    assert "demonstration model, not a wealth estimate" in contents[0]
    assert np.median([r["wealth"] for r in rows]) == pytest.approx(result["median"])
    # chips line up with the raster's pixels: first chip is the raster's top-left 2560 m square
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer("{}|layername={}".format(out, result["layer_name"]), "x", "ogr")
    box = next(layer.getFeatures()).geometry().boundingBox()
    assert (box.xMinimum(), box.yMaximum(), box.width()) == (330000.0, 5822040.0, 2560.0)
    assert layer.renderer().type() == "graduatedSymbol" and layer.renderer().classAttribute() == "wealth"
    ds = gdal.Open(str(tif))
    assert (ds.RasterXSize, ds.RasterYSize) == (6, 3) and gdal.GetDataTypeName(ds.GetRasterBand(1).DataType) == \
        "Float32"
    grid = ds.GetRasterBand(1).ReadAsArray()
    assert grid[0, 0] == pytest.approx(first["wealth"], rel=1e-5)
    assert ds.GetMetadataItem("WEALTHMAP_MODEL_STATUS") == "demo"


def test_nodata_hole_and_cloud_patch(tmp_path, qgis_app):
    # chip (1, 0) is a nodata hole, chip (2, 1) a bright cloud
    path = make_s2(tmp_path / "s2.tif", nodata_box=(256, 0, 256, 256), cloud_box=(512, 256, 256, 256))
    result = predict(path, output=str(tmp_path / "o.gpkg"))
    rows, _, _ = read_gpkg(result["output"])
    by_cell = {(r["grid_col"], r["grid_row"]): r for r in rows}
    assert sorted(by_cell) == [(c, r) for c in range(3) for r in range(2)]
    assert by_cell[(1, 0)]["status"] == "nodata" and by_cell[(1, 0)]["wealth"] is None
    assert by_cell[(1, 0)]["valid_frac"] == 0.0
    assert by_cell[(2, 1)]["status"] == "cloudy" and by_cell[(2, 1)]["wealth"] is None
    assert by_cell[(2, 1)]["cloud_frac"] == 1.0
    assert result["chips_used"] == 4 and result["chips_skipped"] == 2
    assert result["statuses"] == {"ok": 4, "nodata": 1, "cloudy": 1}
    # the demo head predicts built-up share: the built-up left column beats the vegetated right one
    assert by_cell[(0, 1)]["wealth"] > by_cell[(2, 0)]["wealth"] + 0.2
    # the same with an SCL band marking the cloud (brightness test not needed)
    scl = predict(make_s2(tmp_path / "scl.tif", nodata_box=(256, 0, 256, 256), cloud_box=(512, 256, 256, 256),
                          with_scl=True), output=str(tmp_path / "scl.gpkg"))
    assert scl["statuses"] == {"ok": 4, "nodata": 1, "cloudy": 1}


def test_baseline_offset_gives_same_prediction(tmp_path, qgis_app):
    plain = predict(make_s2(tmp_path / "plain.tif"), output=str(tmp_path / "a.gpkg"))
    shifted = predict(make_s2(tmp_path / "shifted.tif", offset_dn=1000, baseline="04.00"),
                      output=str(tmp_path / "b.gpkg"))
    a = [r["wealth"] for r in read_gpkg(plain["output"])[0]]
    b = [r["wealth"] for r in read_gpkg(shifted["output"])[0]]
    np.testing.assert_allclose(a, b, atol=0.02)
    assert shifted["reflectance"]["offset"] == pytest.approx(-0.1)


def test_raster_in_degrees_is_resampled_to_utm(tmp_path, qgis_app):
    utm = make_s2(tmp_path / "utm.tif", width=1280, height=768)
    deg = warp_to_4326(utm, tmp_path / "deg.tif")
    result = predict(deg, output=str(tmp_path / "deg.gpkg"))
    assert result["resampled"]
    assert "UTM zone 33N" in result["crs"]
    rows, _, _ = read_gpkg(result["output"])
    ok = [r for r in rows if r["status"] == "ok"]
    # the grid is anchored at the UTM origin: 4 x 2 chips lie fully inside the 12.8 x 7.68 km raster
    assert len(ok) >= 8 and all(np.isfinite(r["wealth"]) for r in ok)
    # the built-up third (x < 504267 m) still predicts higher than the vegetated part
    west = [r["wealth"] for r in ok if r["grid_col"] * 2560 + 1280 < ORIGIN[0] + 4000]
    east = [r["wealth"] for r in ok if r["grid_col"] * 2560 + 1280 > ORIGIN[0] + 6000]
    assert west and east and min(west) > max(east)


def test_region_in_another_crs_selects_chips_by_centre(tmp_path, qgis_app):
    from qgis.core import QgsGeometry

    # a polygon in EPSG:4326 over the sample's centre: chips whose centre falls inside
    poly = QgsGeometry.fromWkt("POLYGON((12.56 52.47, 12.64 52.47, 12.64 52.51, 12.56 52.51, 12.56 52.47))")
    result = predict(SAMPLE, region=poly, region_crs="EPSG:4326", output=str(tmp_path / "r.gpkg"))
    rows, _, _ = read_gpkg(result["output"])
    assert 2 <= result["chips"] <= 6 and len(rows) == result["chips"]
    assert result["area_km2"] == pytest.approx(0.08 * 0.04 * 111.32 ** 2 * np.cos(np.radians(52.49)), rel=0.05)


def test_bad_regions_and_limits(tmp_path, qgis_app):
    with pytest.raises(WealthMapError, match="outside the raster"):
        predict(SAMPLE, region=(13.9, 52.0, 14.0, 52.1), region_crs="EPSG:4326")
    with pytest.raises(WealthMapError, match="contains no chip centre.*2.56 km"):
        predict(SAMPLE, region=(331000, 5821000, 331500, 5821500), region_crs="EPSG:32633")
    with pytest.raises(WealthMapError, match="no coordinate reference system"):
        predict(SAMPLE, region=(331000, 5821000, 341500, 5821500), region_crs="")
    with pytest.raises(WealthMapError, match=r"needs 18 chips, more than the limit of 5 .*max_chips"):
        predict(SAMPLE, max_chips=5)
    from wealthmap.core.settings import WEALTH_MAX_CHIPS

    WEALTH_MAX_CHIPS.set(10)
    try:
        with pytest.raises(WealthMapError, match="limit of 10"):
            predict(SAMPLE, max_chips=None)
    finally:
        WEALTH_MAX_CHIPS.reset()
    clouds = make_s2(tmp_path / "clouds.tif", cloud_box=(0, 0, 768, 512))
    with pytest.raises(WealthMapError, match="All 6 chips of the region are cloudy or without data"):
        predict(clouds, output=str(tmp_path / "c.gpkg"))


def test_bad_arguments_get_clear_messages_and_lose_nothing(tmp_path, qgis_app):
    """Arguments that used to hang, crash with a traceback or delete data: each is refused with what to do."""
    box = (331000, 5815000, 344000, 5821000)
    for crs in ("UTM 33N", "EPSG:999999"):
        with pytest.raises(WealthMapError, match="'{}' is not recognised. Give it as EPSG:code".format(crs)):
            predict(SAMPLE, region=box, region_crs=crs)
    with pytest.raises(WealthMapError, match="is not valid WKT"):
        predict(SAMPLE, region="POLYGON((331000 5815000, 344000 5815000, 344000", region_crs="EPSG:32633")
    with pytest.raises(WealthMapError, match="'region' must be a box of four finite numbers"):
        predict(SAMPLE, region=box[:3], region_crs="EPSG:32633")
    for size in (0, -4, None, "many"):  # 0 used to loop forever
        with pytest.raises(WealthMapError, match="'batch_size' must be a whole number"):
            predict(SAMPLE, output=str(tmp_path / "b.gpkg"), batch_size=size)
    assert predict(SAMPLE, output=str(tmp_path / "b.gpkg"), batch_size="8")["chips"] == 18
    with pytest.raises(WealthMapError, match="folder .*no_such_folder for the GeoTIFF does not exist"):
        predict(SAMPLE, output=str(tmp_path / "g.gpkg"), geotiff=str(tmp_path / "no_such_folder" / "w.tif"))
    assert not (tmp_path / "g.gpkg").exists()
    # the band mapping as text, as the dock and Processing take it
    text = predict(SAMPLE, region=box, region_crs="EPSG:32633", band_map="B02=1, B03=2; B04=3, B08=4, B11=5")
    mapped = predict(SAMPLE, region=box, region_crs="EPSG:32633", band_map={"B02": 1, "B03": 2, "B04": 3, "B08": 4,
                                                                           "B11": 5})
    assert text["mean"] == mapped["mean"] and text["chips"] == 15
    with pytest.raises(WealthMapError, match="not of the form B02=1"):
        predict(SAMPLE, band_map="B02:1")
    # a GeoPackage holding other layers is not replaced (it used to be, losing them); a former output is
    project = tmp_path / "project.gpkg"
    shutil.copy(os.path.join(ROOT, "sample_data", "thematic_districts.gpkg"), project)
    before = project.read_bytes()
    with pytest.raises(WealthMapError, match=r"already holds other layers \(districts\).*Choose a new file name"):
        predict(SAMPLE, output=str(project))
    assert project.read_bytes() == before
    not_gpkg = tmp_path / "notes.gpkg"
    not_gpkg.write_text("my notes")
    with pytest.raises(WealthMapError, match="exists and is not a GeoPackage"):
        predict(SAMPLE, output=str(not_gpkg))
    assert not_gpkg.read_text() == "my notes"
    again = predict(SAMPLE, output=str(tmp_path / "b.gpkg"), region=box, region_crs="EPSG:32633")
    assert again["chips"] == 15 and len(read_gpkg(again["output"])[0]) == 15


def test_predict_in_a_task_reports_progress_and_cancels(tmp_path, qgis_app):
    from wealthmap.core.tasks import WealthMapTask, run_task_and_wait
    from wealthmap.core.wealth.predict import predict as core_predict

    seen = []
    task = WealthMapTask("predict", core_predict, SAMPLE, output=str(tmp_path / "t.gpkg"), max_chips=0)
    task.progressChanged.connect(seen.append)
    run_task_and_wait(task)
    assert task.error is None and task.result["chips"] == 18
    assert seen and max(seen) == 100

    # batches of 4 chips: work remains after the first row is written (progress > 0) to be cancelled
    task = WealthMapTask("predict", core_predict, SAMPLE, output=str(tmp_path / "c.gpkg"), max_chips=0, batch_size=4)
    # a direct connection cancels in the worker thread at once, not when the main thread next processes
    # events (which would race with the end of the run)
    from qgis.PyQt.QtCore import Qt

    task.feedback.progressChanged.connect(lambda v: task.cancel() if v > 0 else None,
                                          Qt.ConnectionType.DirectConnection)
    run_task_and_wait(task)
    assert task.cancelled and task.result is None


def test_context_chips_pool_the_neighbourhood(tmp_path, demo):
    """A head with context_chips=3 sees the mean embedding and pooled statistics of the 3 x 3 chips."""
    import onnx

    from wealthmap.core.wealth.bundle import INPUTS_METADATA
    from wealthmap.core.wealth.chips import chip_quality
    from wealthmap.core.wealth.embed import Embedder, Head, feature_matrix, spectral_sums, stats_from_sums
    from wealthmap.core.wealth.raster import GridReader, RasterSource, grid_origin

    # the demo head records that it was trained on 1 x 1 contexts (and would be refused with 3): this test of the
    # pooling mechanics uses it without that record, as a head written before heads recorded it
    head = onnx.load(demo.head_path)
    kept = [p for p in head.metadata_props if p.key != INPUTS_METADATA]
    del head.metadata_props[:]
    head.metadata_props.extend(kept)
    ctx = write_bundle(tmp_path / "ctx", dict(demo.manifest, id="ctx3", context_chips=3),
                       {"embedder_int8.onnx": demo.embedder_path, "head.onnx": head})
    result = predict(SAMPLE, bundle=str(ctx.path), output=str(tmp_path / "ctx.gpkg"))
    rows, _, _ = read_gpkg(result["output"])
    assert len(rows) == 18 and all(np.isfinite(r["wealth"]) for r in rows)
    # reference for chip (col 2, row 1): its 3 x 3 neighbourhood, computed directly
    src = RasterSource(SAMPLE)
    reader = GridReader(src, src.srs, 10.0, *grid_origin(src, src.srs, 2560), BANDS)
    refl, valid, _ = reader.read(256, 0, 768, 768)
    chips = np.stack([refl[:, r * 256:(r + 1) * 256, c * 256:(c + 1) * 256] for r in range(3) for c in range(3)])
    cells = np.stack([valid[r * 256:(r + 1) * 256, c * 256:(c + 1) * 256] for r in range(3) for c in range(3)])
    clear = np.stack([chip_quality(chips[i], BANDS, cells[i])[2] for i in range(9)])
    assert 0 < (~clear).sum() < 0.01 * clear.size  # the brightness test flags a few bright pixels
    chips[np.broadcast_to(~clear[:, None], chips.shape)] = np.nan
    emb = Embedder(ctx).embed(chips).mean(axis=0, keepdims=True)
    sums = spectral_sums(chips, BANDS, clear)
    pooled = {k: tuple(np.array([v.sum()]) for v in vals) for k, vals in sums.items()}
    mean, _ = Head(ctx).predict(feature_matrix(ctx, emb, stats_from_sums(pooled)))
    chip = [r for r in rows if (r["grid_col"], r["grid_row"]) == (2, 1)][0]
    assert chip["wealth"] == pytest.approx(float(mean[0]), abs=1e-4)
    plain = {(r["grid_col"], r["grid_row"]): r["wealth"] for r in read_gpkg(
        predict(SAMPLE, output=str(tmp_path / "plain.gpkg"))["output"])[0]}
    assert abs(plain[(2, 1)] - chip["wealth"]) > 1e-6  # pooling changes the features


def test_preprocessing_graph_matches_a_numpy_reference(demo):
    """The normalisation (mean fill of invalid pixels, stretch, ImageNet mean/std) and the index sums folded
    into the embedder's ONNX graph give what the documented formulas give, computed here with numpy."""
    import onnxruntime as ort

    from wealthmap.core.wealth.embed import Embedder, spectral_sums

    rng = np.random.default_rng(3)
    chips = rng.uniform(0.0, 0.4, (4, len(BANDS), 256, 256)).astype(np.float32)
    chips[1, :, :10, :20] = np.nan  # a nodata corner
    chips[2, :, 5, 5] = np.nan
    chips[3, 3, :, :] = chips[3, 2, :, :] * -1.0  # B08 = -B04: NDVI undefined (a + b == 0) everywhere
    emb, sums = Embedder(demo).embed_with_sums(chips)
    # reference: numpy normalisation, then the plain embedder session
    norm = demo.manifest["normalization"]
    rgb = chips[:, [BANDS.index(b) for b in demo.rgb_bands]].astype(np.float64)
    for i in range(len(rgb)):
        for c in range(3):
            band = rgb[i, c]
            band[np.isnan(band)] = np.nanmean(band)
    v = np.clip((rgb - norm["stretch_min"]) / (norm["stretch_max"] - norm["stretch_min"]), 0, 1)
    x = ((v - np.array(norm["mean"])[None, :, None, None]) / np.array(norm["std"])[None, :, None, None])
    plain = ort.InferenceSession(demo.embedder_path, providers=["CPUExecutionProvider"])
    ref = plain.run(None, {"image": x.astype(np.float32)})[0]
    cos = np.sum(emb * ref, axis=1) / np.linalg.norm(emb, axis=1) / np.linalg.norm(ref, axis=1)
    assert cos.min() > 0.999, cos
    with np.errstate(invalid="ignore", divide="ignore"):
        for name, (a, b) in {"ndvi": ("B08", "B04"), "ndbi": ("B11", "B08"), "ndwi": ("B03", "B08")}.items():
            va, vb = chips[:, BANDS.index(a)].astype(np.float64), chips[:, BANDS.index(b)].astype(np.float64)
            ratio = (va - vb) / (va + vb)
            ok = np.isfinite(ratio)
            n = ok.sum(axis=(1, 2))
            s = np.where(ok, ratio, 0).sum(axis=(1, 2))
            ss = np.where(ok, ratio ** 2, 0).sum(axis=(1, 2))
            np.testing.assert_allclose(sums[name][0], n)
            # chip 3 has near-zero denominators (huge ratios): float32 vs float64 differ there; compare 0..2
            np.testing.assert_allclose(sums[name][1][:3], s[:3], rtol=1e-4, atol=1e-3)
            np.testing.assert_allclose(sums[name][2][:3], ss[:3], rtol=1e-4, atol=1e-3)
            np.testing.assert_allclose(spectral_sums(chips, BANDS)[name][1][:3], s[:3], rtol=1e-4, atol=1e-3)
    assert sums["ndvi"][0][3] == 0 and sums["ndvi"][0][1] == 256 * 256 - 200


# --- legend, reading fast path, masked pixels ------------------------------------------------------
def test_legend_breaks_are_readable_training_quantiles():
    from wealthmap.core.wealth.bundle import legend_breaks

    rng = np.random.default_rng(0)
    values = rng.normal(0.0, 1.0, 5000)
    breaks = legend_breaks(values)
    assert len(breaks) == 6 and all(b > a for a, b in zip(breaks, breaks[1:]))
    expected = np.quantile(values, [i / 7 for i in range(1, 7)])
    np.testing.assert_allclose(breaks, expected, atol=0.051)  # spread ~4: one decimal
    assert breaks == [round(b, 1) for b in breaks]
    assert legend_breaks(np.full(100, 3.0)) is None  # nothing to classify
    assert legend_breaks([0.1, 0.2]) is None  # too few values
    assert legend_breaks(np.linspace(0, 1, 700))[0] == 0.14  # 0..1: two decimals


def test_legend_labels_show_each_break_as_given():
    from wealthmap.core.wealth.predict import break_labels

    assert break_labels([0.45, 0.8]) == ["below 0.45", "0.45 – 0.80", "0.80 and above"]  # never rounded to 0.5
    assert break_labels([-1, 0, 2]) == ["below -1", "-1 – 0", "0 – 2", "2 and above"]


def test_manifest_classes_must_increase(demo):
    manifest = json.loads(json.dumps(demo.manifest))
    manifest["output"]["classes"] = [0.5, 0.4, 0.6]
    with pytest.raises(WealthMapError, match="output.classes must be a list of increasing numbers"):
        bundle_mod.validate_manifest(manifest, "x")
    manifest["output"]["classes"] = ["a"]
    with pytest.raises(WealthMapError, match="output.classes"):
        bundle_mod.validate_manifest(manifest, "x")


def _renderer_of(result):
    """A clone of the default style's renderer (the layer owns its renderer and goes away here)."""
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer("{}|layername={}".format(result["output"], result["layer_name"]), "x", "ogr")
    assert layer.isValid()
    return layer.renderer().clone()


def test_style_uses_the_model_classes_or_natural_breaks(tmp_path, demo, qgis_app):
    from wealthmap.core.wealth.bundle import ModelBundle

    # the demo bundle has fixed classes: the saved default style has exactly them, open-ended
    fixed = predict(SAMPLE, output=str(tmp_path / "fixed.gpkg"))
    renderer = _renderer_of(fixed)
    breaks = demo.class_breaks
    assert breaks and renderer.type() == "graduatedSymbol" and renderer.classAttribute() == "wealth"
    ranges = renderer.ranges()
    assert [r.upperValue() for r in ranges[:-1]] == pytest.approx(breaks)
    assert ranges[0].lowerValue() < -1e9 and ranges[-1].upperValue() > 1e9
    assert ranges[0].label() == "below {:.2f}".format(breaks[0])
    assert ranges[-1].label() == "{:.2f} and above".format(breaks[-1])
    colours = {r.symbol().color().name() for r in ranges}
    assert len(colours) == len(ranges)  # a ramp, not one colour
    # every predicted value falls in a class (nothing left unstyled)
    rows, styles, _ = read_gpkg(fixed["output"])
    assert len(styles) == 1 and len(rows) == 18
    for row in rows:
        assert any(r.lowerValue() <= row["wealth"] <= r.upperValue() for r in ranges)
    # a bundle without classes (older or third-party): natural breaks of this run's values
    manifest = json.loads(json.dumps(demo.manifest))
    del manifest["output"]["classes"]
    plain = ModelBundle(demo.path, manifest)
    assert plain.class_breaks is None
    jenks = predict(SAMPLE, output=str(tmp_path / "jenks.gpkg"), bundle=plain)
    ranges = _renderer_of(jenks).ranges()
    values = [r["wealth"] for r in read_gpkg(jenks["output"])[0]]
    assert 2 <= len(ranges) <= 7
    assert ranges[0].lowerValue() == pytest.approx(min(values), abs=1e-6)
    assert ranges[-1].upperValue() == pytest.approx(max(values), abs=1e-6)
    # the same chips and values either way: only the legend differs
    assert values == [r["wealth"] for r in rows]


def test_chip_layout_read_matches_the_plain_window(tmp_path, qgis_app):
    """The fast path (each chip read straight into its slot) gives the pixels of the plain window read."""
    from wealthmap.core.wealth.raster import GridReader, RasterSource

    for name, kwargs in (("plain", {}), ("hole", {"nodata_box": (300, 10, 200, 100)}),
                         ("scl", {"with_scl": True, "cloud_box": (0, 0, 100, 100)})):
        path = make_s2(tmp_path / (name + ".tif"), **kwargs)
        src = RasterSource(path)
        reader = GridReader(src, src.srs, 10.0, ORIGIN[0], ORIGIN[1], BANDS)
        refl, valid, scl = reader.read(0, 0, 768, 256, chip_px=256, fill=0.0)
        whole, whole_valid, whole_scl = reader.read(0, 0, 768, 256, fill=0.0)
        assert refl.shape == (3, len(BANDS), 256, 256) and refl.flags["C_CONTIGUOUS"]
        for j in range(3):
            np.testing.assert_array_equal(refl[j], whole[:, :, j * 256:(j + 1) * 256])
            np.testing.assert_array_equal(valid[j], whole_valid[:, j * 256:(j + 1) * 256])
            if scl is not None:
                np.testing.assert_array_equal(scl[j], whole_scl[:, j * 256:(j + 1) * 256])
        assert (scl is not None) == (name == "scl")
        if name == "hole":
            assert not valid[1, 10:110, 44:244].any() and valid[0].all()
            assert (refl[1][:, 10:110, 44:244] == 0.0).all()


def test_pixels_outside_the_mask_do_not_change_the_embedding(demo):
    """The graph ignores whatever chips hold outside the mask (cloudy pixels are not zeroed any more)."""
    from wealthmap.core.wealth.embed import Embedder

    rng = np.random.default_rng(5)
    chips = rng.uniform(0.0, 0.3, (2, len(BANDS), 256, 256)).astype(np.float32)
    mask = np.ones((2, 256, 256), dtype=bool)
    mask[0, 50:150, 50:150] = False
    zeroed = chips.copy()
    zeroed[0][:, ~mask[0]] = 0.0
    bright = chips.copy()
    bright[0][:, ~mask[0]] = 0.9  # a cloud
    embedder = Embedder(demo)
    emb_zero, sums_zero = embedder.run_prepared(embedder.prepare(zeroed, mask=mask))
    emb_bright, sums_bright = embedder.run_prepared(embedder.prepare(bright, mask=mask))
    np.testing.assert_allclose(emb_bright, emb_zero, rtol=1e-6, atol=1e-6)
    for name in sums_zero:
        for a, b in zip(sums_zero[name], sums_bright[name]):
            np.testing.assert_allclose(a, b, rtol=1e-9)
    # and the mask matters: unmasked, the bright patch changes the embedding
    emb_unmasked, _ = embedder.run_prepared(embedder.prepare(bright, mask=np.ones_like(mask)))
    assert np.abs(emb_unmasked[0] - emb_zero[0]).max() > 1e-3


def test_unwritable_output_is_reported_and_stops_the_threads(tmp_path, qgis_app):
    """The output is written by a thread of its own: its error reaches the caller as a clear message and
    the reader and writer threads end (no thread left running)."""
    import threading

    blocker = tmp_path / "not_a_folder"
    blocker.write_text("a file, not a folder")
    before = {t.name for t in threading.enumerate()}
    with pytest.raises(WealthMapError, match="Cannot write the output GeoPackage .*Choose a folder you can write"):
        predict(SAMPLE, output=str(blocker / "out.gpkg"))
    left = [t.name for t in threading.enumerate() if t.name not in before and t.name.startswith("wealthmap")]
    assert not left, left
    # a later prediction works
    assert predict(SAMPLE, output=str(tmp_path / "ok.gpkg"))["chips"] == 18


def test_reader_keeps_gdal_block_cache_bounded(tmp_path, qgis_app, monkeypatch):
    """Windows are read in row order: the reader drops the blocks of the rows it has passed when a window
    starts in a new row of blocks, so memory does not grow with the region (GDAL would keep up to 5 % of
    the RAM), and no block is decoded twice (1024-row blocks, as JPEG 2000 tiles, stay cached for the four
    chip rows that need them)."""
    from wealthmap.core.wealth.raster import GridReader, RasterSource

    def reader_for(path):
        src = RasterSource(str(path))
        reader = GridReader(src, src.srs, 10.0, ORIGIN[0], ORIGIN[1], BANDS)
        releases = []
        real = reader._release_blocks
        monkeypatch.setattr(reader, "_release_blocks", lambda: (releases.append(reader._last_bottom), real()))
        return reader, releases

    base_tif = make_s2(tmp_path / "s2.tif", width=2048, height=1280)
    small = tmp_path / "blocks256.tif"
    gdal.Translate(str(small), base_tif, creationOptions=["TILED=YES", "COMPRESS=DEFLATE"])
    reader, releases = reader_for(small)
    row_bytes = 2048 * 256 * 2 * gdal.Open(str(small)).RasterCount
    base = gdal.GetCacheUsed()
    peak = 0
    for row in range(5):
        for col in range(0, 8, 2):
            reader.read(col * 256, row * 256, 512, 256, chip_px=256)
            peak = max(peak, gdal.GetCacheUsed() - base)
    assert releases == [255, 511, 767, 1023]  # once per new row of blocks, never within a row
    assert 0 < peak <= 1.2 * row_bytes, (peak, row_bytes)
    # without releasing, the same reads keep every block
    reader, _ = reader_for(small)
    monkeypatch.setattr(reader, "_release_blocks", lambda: None)
    base = gdal.GetCacheUsed()
    for row in range(5):
        reader.read(0, row * 256, 2048, 256, chip_px=256)
    assert gdal.GetCacheUsed() - base >= 4 * row_bytes

    tall = tmp_path / "blocks1024.tif"
    gdal.Translate(str(tall), base_tif, creationOptions=["TILED=YES", "BLOCKXSIZE=1024", "BLOCKYSIZE=1024",
                                                          "COMPRESS=DEFLATE"])
    reader, releases = reader_for(tall)
    for row in range(5):
        reader.read(0, row * 256, 2048, 256, chip_px=256)
        assert releases == ([] if row < 4 else [1023])  # the 1024-row blocks serve chip rows 0-3


def test_resampling_reader_releases_blocks_past_its_budget(tmp_path, qgis_app, monkeypatch):
    from wealthmap.core.wealth.raster import GridReader, RasterSource, utm_srs

    src = RasterSource(warp_to_4326(make_s2(tmp_path / "s2.tif"), tmp_path / "s2_4326.tif"))
    srs = utm_srs(15.0, 52.3)  # the zone of ORIGIN
    x0, y1 = ORIGIN
    reader = GridReader(src, srs, 10.0, 0.0, 0.0, BANDS, bounds=(x0, y1 - 5120, x0 + 7680, y1))
    assert not reader.direct and reader.scl_ds is None  # no SCL band
    releases = []
    real = reader._release_blocks
    monkeypatch.setattr(reader, "_release_blocks", lambda: (releases.append(1), real()))  # the real release runs
    reader._budget = 0  # every read passes the budget
    refl, valid, _ = reader.read(int(x0 / 10) + 10, -int(y1 / 10) + 10, 512, 256, chip_px=256)
    assert valid.any() and len(releases) == 1
    refl2, valid2, _ = reader.read(int(x0 / 10) + 10, -int(y1 / 10) + 10, 512, 256, chip_px=256)
    assert len(releases) == 2 and np.array_equal(valid, valid2)  # blocks decoded again after the release


def test_resampled_windows_match_one_warp_of_the_whole_area(tmp_path, qgis_app):
    """Off the grid, each window is warped into memory on its own: the pixels, validity and SCL match one
    warp of the whole area (same grid, kernel and nodata), windows straddling the raster's edge come back
    invalid outside it, and chip layout is the same pixels reordered."""
    from wealthmap.core.wealth.raster import GridReader, RasterSource, utm_srs

    utm = make_s2(tmp_path / "s2.tif", width=1024, height=768, nodata_box=(300, 200, 80, 60),
                  cloud_box=(600, 400, 100, 100), with_scl=True)
    deg = warp_to_4326(utm, tmp_path / "s2_4326.tif")
    src = RasterSource(deg)
    srs = utm_srs(15.0, 52.3)
    x0, y1 = ORIGIN
    c0, r0 = int(x0 / 10), -int(y1 / 10)  # grid anchored at (0, 0): the raster's corner is pixel (c0, r0)
    reader = GridReader(src, srs, 10.0, 0.0, 0.0, BANDS)
    assert not reader.direct and reader.scl_ds is not None
    # one warp of the whole area, as a reference
    whole = gdal.Warp("", gdal.Translate("", src.ds, format="VRT", bandList=reader.indexes), format="MEM",
                      dstSRS=srs.ExportToWkt(), outputBounds=(x0 - 2560, y1 - 7680 - 2560, x0 + 10240 + 2560, y1),
                      width=1536, height=1024, resampleAlg="average", srcNodata="0 0 0 0 0", dstNodata="0 0 0 0 0",
                      errorThreshold=0)
    # exact transformer on both sides (prediction uses GDAL's default approximation, 1/8 px: then the
    # windows differ from one whole warp by about 1 DN, more at sharp edges)
    reader._warp_options["errorThreshold"] = 0
    ref = whole.ReadAsArray().astype(np.float64) * src.scale + src.offset
    windows = [(c0 + 100, r0 + 50, 512, 256), (c0 + 512, r0 + 256, 256, 256), (c0 - 128, r0 + 300, 512, 256)]
    for (col, row, w, h) in windows:
        refl, valid, scl = reader.read(col, row, w, h)
        sub = ref[:, row - r0:row - r0 + h, col - (c0 - 256):col - (c0 - 256) + w]
        ref_valid = (sub != src.offset).all(axis=0)
        assert valid.shape == (h, w) and scl.shape == (h, w)
        assert np.mean(valid == ref_valid & ~np.isin(scl, [0, 1])) > 0.999
        both = valid & ref_valid
        assert both.sum() > 0.3 * h * w
        assert np.abs(refl[:, both] - sub[:, both]).max() < 1e-6  # the same pixels
        assert np.isnan(refl[:, ~valid]).all()
        if col < c0:  # straddles the raster's west edge: its outside is invalid
            assert not valid[:, :(c0 - col) - 40].any()
    # the cloud patch's SCL (9) comes through nearest neighbour
    _, _, scl = reader.read(c0 + 600, r0 + 400, 100, 100)
    assert np.mean(scl == 9) > 0.5
    # chip layout: the same pixels, reordered
    refl, valid, _ = reader.read(c0 + 100, r0 + 50, 512, 256)
    chips, cvalid, _ = reader.read(c0 + 100, r0 + 50, 512, 256, chip_px=256)
    assert chips.shape == (2, len(BANDS), 256, 256)
    np.testing.assert_array_equal(cvalid[1], valid[:, 256:])
    np.testing.assert_array_equal(chips[1][:, valid[:, 256:]], refl[:, :, 256:][:, valid[:, 256:]])


@pytest.mark.parametrize("with_scl", [False, True])
def test_prediction_on_a_resampled_raster_past_the_cache_budget(tmp_path, qgis_app, monkeypatch, with_scl):
    """A region large enough for the resampling reader to pass its block-cache budget (forced here with a
    zero budget) predicts end to end, with and without an SCL band (a raster without SCL used to fail when
    the reader released its blocks: a missing attribute)."""
    from wealthmap.core.wealth import raster as raster_mod

    monkeypatch.setattr(raster_mod, "BLOCK_CACHE_BUDGET", 0)
    monkeypatch.setattr(raster_mod, "block_row_bytes", lambda ds, height=None: 0)
    deg = warp_to_4326(make_s2(tmp_path / "s2.tif", with_scl=with_scl), tmp_path / "s2_4326.tif")
    released = []
    real = raster_mod.GridReader._release_blocks
    monkeypatch.setattr(raster_mod.GridReader, "_release_blocks", lambda self: (released.append(1), real(self)))
    result = predict(deg, output=str(tmp_path / "r.gpkg"))
    assert released, "the budget was never passed: the test does not exercise the release"
    assert result["chips"] >= 4 and result["chips_used"] > 0, result


def test_resampled_raster_gets_the_advice_to_reproject(tmp_path, qgis_app, monkeypatch):
    """A raster off the model's grid (here EPSG:4326) is resampled while it is read (bench: ~7 ms per chip,
    about twice a raster on the grid): large regions get the advice to reproject it once, naming the grid's
    CRS; a raster on the grid, or a small region, gets none."""
    from wealthmap.core.wealth import predict as predict_mod

    deg = warp_to_4326(make_s2(tmp_path / "s2.tif"), tmp_path / "s2_4326.tif")
    assert predict(deg, output=str(tmp_path / "a.gpkg"))["advice"] == []  # below the threshold
    monkeypatch.setattr(predict_mod, "RESAMPLE_ADVICE_CHIPS", 4)
    result = predict(deg, output=str(tmp_path / "b.gpkg"))
    assert result["chips"] >= 4 and len(result["advice"]) == 1, result["advice"]
    text = result["advice"][0]
    assert "s2_4326" in text and "UTM zone 33N" in text and "Warp (Reproject)" in text and "10 m" in text
    on_grid = predict(make_s2(tmp_path / "utm.tif"), output=str(tmp_path / "c.gpkg"))
    assert on_grid["chips"] >= 4 and on_grid["advice"] == []


def test_jpeg2000_raster_gets_the_advice_to_convert(tmp_path, qgis_app, monkeypatch):
    """JPEG 2000 decodes slowly (bench: ~24 ms per chip): large regions get the advice to convert it, in the
    result (the dock shows it), the QGIS message log and Processing's log."""
    from qgis.core import QgsApplication, QgsProcessingFeedback

    from wealthmap.core.wealth import predict as predict_mod
    from wealthmap.core.wealth.raster import RasterSource

    jp2 = tmp_path / "s2.jp2"
    gdal.Translate(str(jp2), make_s2(tmp_path / "s2.tif"), format="JP2OpenJPEG",
                   creationOptions=["QUALITY=100", "REVERSIBLE=YES"])
    vrt = tmp_path / "bands.vrt"
    gdal.BuildVRT(str(vrt), [str(jp2)])
    assert RasterSource(str(jp2)).is_jpeg2000 and RasterSource(str(vrt)).is_jpeg2000
    assert not RasterSource(SAMPLE).is_jpeg2000
    bands = {b: i + 1 for i, b in enumerate(BANDS)}
    small = predict(str(jp2), output=str(tmp_path / "a.gpkg"), band_map=bands)
    assert small["advice"] == [] and small["chips_used"] == 6  # 6 chips: below the threshold
    monkeypatch.setattr(predict_mod, "JP2_ADVICE_CHIPS", 6)
    logged, warned = [], []

    def on_message(text, tag, level):
        logged.append((tag, text))

    QgsApplication.messageLog().messageReceived.connect(on_message)

    class Feedback(QgsProcessingFeedback):
        def pushWarning(self, text):  # noqa: N802 - Qt name
            warned.append(text)

    try:
        result = predict_mod.predict(Feedback(), str(vrt), output=str(tmp_path / "b.gpkg"), band_map=bands,
                                     max_chips=0)
    finally:
        QgsApplication.messageLog().messageReceived.disconnect(on_message)
    assert len(result["advice"]) == 1 and "JPEG 2000" in result["advice"][0] and "GeoTIFF" in result["advice"][0]
    assert warned == result["advice"] and ("WealthMap", result["advice"][0]) in logged


def test_cuda_asked_for_without_a_cuda_provider_says_so(tmp_path, qgis_app):
    """CUDA chosen where onnxruntime has no CUDA provider (this machine): the prediction runs on the CPU and
    says so (result advice, the dock's summary, the message log), with how to get the GPU."""
    from wealthmap.core.wealth.embed import cuda_available

    if cuda_available():
        pytest.skip("this onnxruntime has CUDA: nothing to say")
    result = predict(SAMPLE, output=str(tmp_path / "cuda.gpkg"), use_cuda=True)
    assert result["providers"] == ["CPUExecutionProvider"] and result["chips_used"] > 0
    assert any("CUDA was asked for" in a and "onnxruntime-gpu" in a for a in result["advice"]), result["advice"]
    assert not predict(SAMPLE, output=str(tmp_path / "cpu.gpkg"), use_cuda=False)["advice"]


def _gpkg_meta(path):
    con = sqlite3.connect(path)
    try:
        return con.execute("select table_name, identifier, description, last_change, srs_id, min_x from gpkg_contents "
                           "where data_type='features'").fetchone()
    finally:
        con.close()


def test_output_is_copied_from_a_cached_empty_template(tmp_path, demo, qgis_app, monkeypatch):
    """The empty, styled output is made once per layer name, CRS, model and style and copied by later
    predictions (creating a GeoPackage and saving a style cost as much CPU as embedding 20 chips); the
    copies are whole outputs: chips, style, identifier naming the model, extent and time of this run."""
    import time

    from wealthmap.core.wealth import predict as predict_mod
    from wealthmap.core.wealth.sentinel2 import cache_folder

    folder = cache_folder("outputs")
    for name in os.listdir(folder):
        os.remove(os.path.join(folder, name))
    first = predict(SAMPLE, output=str(tmp_path / "first.gpkg"))
    templates = os.listdir(folder)
    assert len(templates) == 1 and templates[0].endswith(".gpkg")  # no partial file left
    template = os.path.join(folder, templates[0])
    stamp = os.stat(template).st_mtime_ns
    con = sqlite3.connect(template)
    try:
        assert con.execute('select count(*) from "{}"'.format(first["layer_name"])).fetchone()[0] == 0
        assert con.execute("select count(*) from layer_styles").fetchone()[0] == 1
    finally:
        con.close()
    # the second prediction (another region) copies it: no new template, none rewritten
    time.sleep(1.1)  # last_change has a resolution of a second or a millisecond
    started = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime())
    second = predict(SAMPLE, region=(330000.0, 5816920.0, 335120.0, 5822040.0), region_crs="EPSG:32633",
                     output=str(tmp_path / "second.gpkg"))
    assert os.listdir(folder) == templates and os.stat(template).st_mtime_ns == stamp
    rows, styles, contents = read_gpkg(second["output"])
    assert second["chips"] == 4 and len(rows) == 4 and [r["chip_id"] for r in rows] == [0, 1, 2, 3]
    assert len(styles) == 1 and styles[0][1] in (1, "1", True) and "graduatedSymbol" in styles[0][2]
    assert "demonstration model, not a wealth estimate" in contents[0] and demo.id in contents[1]
    table, _, _, last_change, srs_id, min_x = _gpkg_meta(second["output"])
    assert last_change[:19] >= started and srs_id == 32633 and min_x == 330000.0
    # the outputs equal what creating the file directly gives (the fallback when no template can be written)
    monkeypatch.setattr(predict_mod, "output_template", lambda *args, **kwargs: None)
    direct = predict(SAMPLE, output=str(tmp_path / "direct.gpkg"))
    assert same_output(direct["output"], first["output"])
    assert _gpkg_meta(direct["output"])[1:3] == _gpkg_meta(first["output"])[1:3]
    monkeypatch.undo()
    # a damaged template is rebuilt, not copied; another layer name gets a template of its own
    with open(template, "wb") as handle:
        handle.write(b"not a GeoPackage")
    again = predict(SAMPLE, output=str(tmp_path / "again.gpkg"))
    assert same_output(again["output"], first["output"])
    assert os.listdir(folder) == templates and predict_mod.outputs.is_gpkg(template)
    other = predict_mod.predict(None, SAMPLE, output=str(tmp_path / "other.gpkg"), layer_name="berlin_demo",
                                max_chips=0)
    assert other["layer_name"] == "berlin_demo" and _gpkg_meta(other["output"])[0] == "berlin_demo"
    assert len(read_gpkg(other["output"])[0]) == 18 and len(os.listdir(folder)) == 2
