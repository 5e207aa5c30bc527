"""Issue 14: features follow the bands present, covariate rasters, and evaluation that tells the truth
(block size adapted to the survey, out-of-region test, per-slice errors, survey columns never features)."""

import json
import os
import sys

import numpy as np
import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from train_helpers import BANDS, make_embedder_bundle, make_roof_scene, write_survey

from wealthmap.core.errors import WealthMapError
from wealthmap.core.wealth.bundle import load_bundle
from wealthmap.core.wealth.train_api import train_wealth_model

FAST = dict(value_field="wealth", n_estimators=40, context_chips=3, use_cache=False)
SPACING_M = 600.0  # make_roof_scene: 60 px at 10 m between sites
ORIGIN = (500000.0, 5000000.0)


@pytest.fixture(scope="module")
def emb(tmp_path_factory):
    d = tmp_path_factory.mktemp("emb")
    make_embedder_bundle(str(d / "emb"))
    return str(d / "emb")


def _utm():
    from osgeo import osr

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32633)
    return srs


def write_covariate(path, per_site, n_side=12, scale=1.0, origin=ORIGIN):
    """A covariate raster in EPSG:4326 (another CRS, ~0.0007 deg pixels, another resolution): each site's
    600 m cell of the UTM scene holds that site's value (drawn in UTM at 50 m, then warped)."""
    from osgeo import gdal

    px = 50.0
    per = int(SPACING_M / px)
    grid = np.kron(np.asarray(per_site, dtype=np.float32).reshape(n_side, n_side) * scale,
                   np.ones((per, per), dtype=np.float32))
    mem = gdal.GetDriverByName("MEM").Create("", grid.shape[1], grid.shape[0], 1, gdal.GDT_Float32)
    mem.SetGeoTransform((origin[0], px, 0, origin[1], 0, -px))
    mem.SetProjection(_utm().ExportToWkt())
    mem.GetRasterBand(1).WriteArray(grid)
    gdal.Warp(str(path), mem, dstSRS="EPSG:4326", xRes=0.0007, yRes=0.0007, resampleAlg="near",
              srcNodata=-9999, dstNodata=-9999)
    return str(path)


@pytest.fixture(scope="module")
def cov_scene(tmp_path_factory):
    """Target = roof share (seen by the pixels) + a covariate the pixels do not show (independent of it)."""
    d = tmp_path_factory.mktemp("cov")
    lon, lat, share = make_roof_scene(str(d / "s2.tif"))
    c = np.random.default_rng(7).uniform(0.0, 1.0, len(share))
    value = share + c
    survey = write_survey(str(d / "survey.csv"), lon, lat, value)
    cov = write_covariate(d / "nightlights.tif", c)
    return {"dir": d, "lon": lon, "lat": lat, "value": value, "c": c, "survey": survey, "raster": str(d / "s2.tif"),
            "cov": cov}


def test_four_band_raster_trains_and_predicts_without_ndbi_and_refuses_a_raster_without_b08(qgis_app, emb,
                                                                                           tmp_path):
    from wealthmap.api import predict_wealth

    raster = str(tmp_path / "four.tif")
    lon, lat, share = make_roof_scene(raster, bands=BANDS[:4])  # B02, B03, B04, B08: what many exports give
    survey = write_survey(str(tmp_path / "s.csv"), lon, lat, 2.0 * share - 0.5)
    result = train_wealth_model(survey, [raster], out_dir=str(tmp_path / "m"), bundle=emb, **FAST)
    bundle = load_bundle(result["bundle"])
    assert bundle.bands == ["B02", "B03", "B04", "B08"]
    assert bundle.manifest["features"] == ["embedding", "ndvi_mean", "ndvi_std", "ndwi_mean", "ndwi_std"]
    assert bundle.n_features == 16 + 4 and result["X"].shape[1] == 20
    assert result["metrics"]["model"]["r2"] > 0.7
    assert {row["group"] for row in result["metrics"]["ablation"]} == {"embedding", "spectral"}
    out = predict_wealth(raster, bundle=result["bundle"], output=str(tmp_path / "p.gpkg"), max_chips=0)
    assert out["chips_used"] > 100
    # a raster with B11 but no B08: the head needs B08 (NDVI, NDWI)
    no_nir = str(tmp_path / "no_nir.tif")
    make_roof_scene(no_nir, n_side=3, bands=["B02", "B03", "B04", "B11"])
    with pytest.raises(WealthMapError, match=r"'no_nir.tif' lacks the band\(s\) B08 that the model .* needs.*"
                                             r"expects the bands B02, B03, B04, B08"):
        predict_wealth(no_nir, bundle=result["bundle"], output=str(tmp_path / "q.gpkg"), max_chips=0)
    # a six-band raster trains with NDBI, and does not need B12 (no feature uses it)
    raster6 = str(tmp_path / "six.tif")
    lon6, lat6, share6 = make_roof_scene(raster6)
    survey6 = write_survey(str(tmp_path / "s6.csv"), lon6, lat6, share6)
    six = load_bundle(train_wealth_model(survey6, [raster6], out_dir=str(tmp_path / "m6"), bundle=emb,
                                         ablation=False, **FAST)["bundle"])
    assert six.bands == ["B02", "B03", "B04", "B08", "B11"] and "ndbi_mean" in six.manifest["features"]


def test_covariate_in_another_crs_adds_skill_is_in_the_ablation_and_is_required_for_prediction(
        qgis_app, emb, cov_scene, tmp_path):
    from qgis.core import QgsCoordinateReferenceSystem, QgsGeometry, QgsPointXY, QgsVectorLayer

    from wealthmap.api import predict_wealth
    from wealthmap.core.wealth.covariates import STATUS_NO_COVARIATE  # noqa: F401 - the status name is public

    s = cov_scene
    without = train_wealth_model(s["survey"], [s["raster"]], out_dir=str(tmp_path / "plain"), bundle=emb, **FAST)
    with_cov = train_wealth_model(s["survey"], [s["raster"]], out_dir=str(tmp_path / "cov"), bundle=emb,
                                  covariates=["nightlights=" + s["cov"]], **FAST)
    r2_without, r2_with = without["metrics"]["model"]["r2"], with_cov["metrics"]["model"]["r2"]
    print("\ncovariate scene: CV r2 without {:.3f}, with {:.3f}".format(r2_without, r2_with))
    assert r2_with > r2_without + 0.25
    ablation = {row["group"]: row for row in with_cov["metrics"]["ablation"]}
    assert set(ablation) == {"embedding", "spectral", "covariate:nightlights"}
    assert ablation["covariate:nightlights"]["r2_without"] < r2_with - 0.2
    bundle = load_bundle(with_cov["bundle"])
    man = bundle.manifest
    assert man["features"][-1] == "covariate:nightlights" and bundle.n_features == 16 + 6 + 1
    (cov_entry,) = man["covariates"]
    from wealthmap.core.wealth.bundle import sha256_file

    assert cov_entry["name"] == "nightlights" and cov_entry["statistic"] == "mean" and cov_entry["band"] == 1
    assert cov_entry["sha256"] == sha256_file(s["cov"])
    lo, hi = cov_entry["range"]
    assert 0.0 <= lo < 0.1 and 0.9 < hi <= 1.0
    # the covariate column of the training features is the site's value (window inside its cell, mostly)
    assert np.corrcoef(with_cov["X"][:, -1], s["c"])[0, 1] > 0.9
    page = open(with_cov["report_html"], encoding="utf-8").read()
    assert "covariate:nightlights" in page and "id='covariates'" in page
    out = str(tmp_path / "p.gpkg")
    with pytest.raises(WealthMapError, match="needs the covariate raster.*nightlights.*nightlights.tif, band 1, mean"):
        predict_wealth(s["raster"], bundle=with_cov["bundle"], output=out, max_chips=0)
    scaled = write_covariate(tmp_path / "nightlights_x1000.tif", s["c"], scale=1000.0)
    with pytest.raises(WealthMapError, match="far outside those the model was trained on"):
        predict_wealth(s["raster"], bundle=with_cov["bundle"], output=out, max_chips=0,
                       covariates={"nightlights": scaled})
    elsewhere = write_covariate(tmp_path / "elsewhere.tif", s["c"], origin=(560000.0, 5000000.0))
    with pytest.raises(WealthMapError, match="does not cover the region"):
        predict_wealth(s["raster"], bundle=with_cov["bundle"], output=out, max_chips=0,
                       covariates={"nightlights": elsewhere})
    assert not os.path.exists(out)
    # with the covariate: the chip that contains each point gets the final model's prediction of that point
    res = predict_wealth(s["raster"], bundle=with_cov["bundle"], output=out, max_chips=0,
                         covariates=[s["cov"]], region_crs=QgsCoordinateReferenceSystem("EPSG:32633"))
    assert res["covariates"][0]["name"] == "nightlights" and res["covariates"][0]["sha256_matches"] is True
    assert not [a for a in res["advice"] if "nightlights" in a]
    import shutil

    copy = str(tmp_path / "nightlights_2020.tif")
    shutil.copyfile(s["cov"], copy)
    with open(copy, "ab") as handle:  # another file of the same product (other bytes, same values)
        handle.write(b"\0")
    other = predict_wealth(s["raster"], bundle=with_cov["bundle"], output=str(tmp_path / "p2.gpkg"), max_chips=0,
                           covariates={"nightlights": copy})
    assert other["covariates"][0]["sha256_matches"] is False
    assert [a for a in other["advice"] if "another file (nightlights_2020.tif)" in a]
    from osgeo import osr

    wgs = osr.SpatialReference()
    wgs.ImportFromEPSG(4326)
    utm = _utm()
    for srs in (wgs, utm):
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    ct = osr.CoordinateTransformation(wgs, utm)
    feats = list(QgsVectorLayer(out, "pred", "ogr").getFeatures())
    rows = np.array(with_cov["rows"])
    expected = with_cov["model"].predict(with_cov["X"])
    got = []
    for r in rows[:40]:
        x, y = ct.TransformPoint(float(s["lon"][r - 1]), float(s["lat"][r - 1]))[:2]
        point = QgsGeometry.fromPointXY(QgsPointXY(x, y))
        got.append([f["wealth"] for f in feats if f.geometry().contains(point)][0])
    np.testing.assert_allclose(got, expected[:40], rtol=0, atol=1e-4)


def test_population_sum_is_area_weighted_and_independent_of_resolution(qgis_app):
    """A count raster (people per pixel) summed over a window gives the same total at 100 m in UTM and at
    about 0.0025 deg in EPSG:4326."""
    from osgeo import gdal

    from wealthmap.core.wealth.chips import ChipGrid
    from wealthmap.core.wealth.covariates import Covariate, sample

    d = os.environ.get("TMPDIR", "/tmp")
    per_ha = 5.0  # 5 people per hectare everywhere: 500 per km²
    n = 200
    mem = gdal.GetDriverByName("GTiff").Create(os.path.join(d, "wm_pop_utm.tif"), n, n, 1, gdal.GDT_Float32)
    mem.SetGeoTransform((ORIGIN[0], 100.0, 0, ORIGIN[1], 0, -100.0))
    mem.SetProjection(_utm().ExportToWkt())
    mem.GetRasterBand(1).WriteArray(np.full((n, n), per_ha, dtype=np.float32))  # 1 ha pixels
    mem = None
    geo = os.path.join(d, "wm_pop_geo.tif")
    gdal.Warp(geo, os.path.join(d, "wm_pop_utm.tif"), dstSRS="EPSG:4326", xRes=0.0025, yRes=0.0025,
              resampleAlg="average")
    # the warped raster holds a per-pixel average of per-hectare counts: convert it to people per pixel
    ds = gdal.Open(geo, gdal.GA_Update)
    gt = ds.GetGeoTransform()
    lat = gt[3] + (np.arange(ds.RasterYSize) + 0.5) * gt[5]
    area_ha = abs(gt[1] * gt[5]) * (np.pi / 180 * 6371008.8) ** 2 * np.cos(np.radians(lat)) / 1e4
    band = ds.GetRasterBand(1)
    band.WriteArray((band.ReadAsArray() * area_ha[:, None]).astype(np.float32))
    ds = None
    grid = ChipGrid(ORIGIN[0], ORIGIN[1], 256, 10.0)  # 2.56 km chips
    cells = [(3, 3), (3, 4), (4, 3)]
    for path in (os.path.join(d, "wm_pop_utm.tif"), geo):
        values = sample([Covariate("pop", path, statistic="sum")], _utm(), grid, cells, 1)[:, 0]
        window_km2 = (3 * 2.56) ** 2
        np.testing.assert_allclose(values, 500.0 * window_km2, rtol=0.03)
    mean = sample([Covariate("pop", os.path.join(d, "wm_pop_utm.tif"))], _utm(), grid, cells, 1)[:, 0]
    np.testing.assert_allclose(mean, per_ha, rtol=1e-6)


def test_block_size_adapts_to_10_km_and_2000_km_surveys():
    from wealthmap.core.wealth import cv

    rng = np.random.default_rng(0)
    lon10 = 36.8 + rng.uniform(0, 0.09, 300)  # ~10 km at 1°S
    lat10 = -1.3 + rng.uniform(0, 0.09, 300)
    with pytest.raises(WealthMapError, match=r"Only [12] spatial blocks of 50 km.*block sizes that would work: "
                                             r"(2\.5|1|5) km \(\d+ blocks\)"):
        cv.choose_block_km(lon10, lat10, 5, 50.0)
    info = cv.choose_block_km(lon10, lat10, 5)
    assert info["chosen"] == "auto" and info["block_km"] < 10 and info["blocks"] >= 5 and "50 km" in info["note"]
    folds, _ = cv.make_folds("blocked", lon10, lat10, k=5)
    assert len(np.unique(folds)) == 5
    lon2k = rng.uniform(20.0, 38.0, 300)  # ~2000 km
    lat2k = rng.uniform(-10.0, 8.0, 300)
    info = cv.choose_block_km(lon2k, lat2k, 5)
    assert info["block_km"] == 50.0 and info["note"] == ""


def _spread_scene(folder, spacing_km):
    """Five small rasters spread over ``spacing_km`` x 4 (north-south, one UTM zone) with 16 sites each."""
    lons, lats, values, paths = [], [], [], []
    for j in range(5):
        path = str(folder / "tile{}.tif".format(j))
        lon, lat, share = make_roof_scene(path, n_side=4, seed=j + 3,
                                          origin=(500000.0, 1000000.0 + j * spacing_km * 1000.0))
        lons.append(lon)
        lats.append(lat)
        values.append(share)
        paths.append(path)
    lon, lat, value = np.concatenate(lons), np.concatenate(lats), np.concatenate(values)
    groups = ["tile{}".format(i // 16) for i in range(len(lon))]
    return lon, lat, value, groups, paths


@pytest.mark.parametrize("spacing_km, expect_km", [(0.0, None), (500.0, 50.0)])
def test_default_settings_train_on_surveys_over_10_km_and_2000_km(qgis_app, emb, tmp_path, spacing_km, expect_km):
    if spacing_km == 0.0:  # one scene 10.2 km wide (17 x 17 sites 600 m apart)
        raster = str(tmp_path / "s2.tif")
        lon, lat, value = make_roof_scene(raster, n_side=17)
        paths, groups = [raster], None
    else:  # 5 tiles 500 km apart: 2000 km north to south
        lon, lat, value, groups, paths = _spread_scene(tmp_path, spacing_km)
    survey = write_survey(str(tmp_path / "s.csv"), lon, lat, value, groups=groups)
    result = train_wealth_model(survey, paths, out_dir=str(tmp_path / "m"), bundle=emb, value_field="wealth",
                                n_estimators=20, use_cache=False, ablation=False)
    blocks = result["metrics"]["blocks"]
    assert blocks["chosen"] == "auto" and blocks["blocks"] >= 5 and result["metrics"]["folds"] == 5
    if expect_km:
        assert blocks["block_km"] == expect_km
    else:
        assert blocks["block_km"] <= 5.0 and "50 km" in blocks["note"]
        page = open(result["report_html"], encoding="utf-8").read()
        assert "id='blocks'" in page and "{:g} km".format(blocks["block_km"]) in page


def test_out_of_region_and_slices_are_in_the_report_on_rows_never_seen(qgis_app, emb, cov_scene, tmp_path):
    s = cov_scene
    rng = np.random.default_rng(3)
    extra = rng.integers(0, 3, len(s["value"])).astype(float)
    survey = str(tmp_path / "s.csv")
    lines = open(s["survey"], encoding="utf-8").read().splitlines()
    with open(survey, "w", encoding="utf-8") as handle:
        handle.write(lines[0] + ",year,extra\n")
        for i, line in enumerate(lines[1:]):
            handle.write("{},{},{:g}\n".format(line, 2014 + i % 2, extra[i]))
    result = train_wealth_model(survey, [s["raster"]], out_dir=str(tmp_path / "m"), bundle=emb,
                                extra_fields=["extra"], ablation=False, **FAST)
    report = json.load(open(result["report_json"], encoding="utf-8"))
    oor = report["metrics"]["out_of_region"]
    assert oor["scheme"] == "leave-one-group-out" and [t["slice"] for t in oor["sets"]] == ["r0", "r1", "r2"]
    group_of = {i + 1: line.split(",")[3] for i, line in enumerate(lines[1:])}
    used = set(report["rows"])
    for test in oor["sets"]:
        test_rows = set(test["test_rows"])
        train_rows = {r for r in used if group_of[r] != test["slice"]}
        assert test_rows and not test_rows & train_rows  # rows the model that predicted them never saw
        assert {group_of[r] for r in test_rows} == {test["slice"]} and test["train_n"] == len(train_rows)
        assert test["train_groups"] == sorted({"r0", "r1", "r2"} - {test["slice"]})
        assert np.isfinite(test["rmse"])
    assert oor["pooled"]["n"] == len(used)
    slices = report["metrics"]["slices"]
    assert [row["slice"] for row in slices["urban"]] == ["urban", "rural"]
    assert [row["slice"] for row in slices["group"]] == ["r0", "r1", "r2"]
    assert [row["slice"] for row in slices["year"]] == ["2014", "2015"]
    assert [row["slice"] for row in slices["extra"]] == ["0", "1", "2"]
    # slice errors are those of the cross-validated predictions (each from a fold that held its point out)
    obs, pred, folds = (np.array(report[k]) for k in ("observed", "predicted", "folds"))
    from wealthmap.core.wealth.cv import spatial_blocks

    lon_of = {i + 1: v for i, v in enumerate(s["lon"])}
    lat_of = {i + 1: v for i, v in enumerate(s["lat"])}
    blocks = spatial_blocks([lon_of[r] for r in report["rows"]], [lat_of[r] for r in report["rows"]],
                            report["metrics"]["block_km"])
    for b in np.unique(blocks):
        assert len(np.unique(folds[blocks == b])) == 1  # a block is held out whole: no neighbour in training
    urban = np.array(report["urban"])
    m = urban == 1
    assert slices["urban"][0]["rmse"] == pytest.approx(float(np.sqrt(np.mean((obs[m] - pred[m]) ** 2))))
    page = open(result["report_html"], encoding="utf-8").read()
    assert "id='out-of-region'" in page and "id='slices'" in page and "held-out group" in page
    # the survey's extra column is a slice, never a feature: the head needs only what prediction computes
    man = load_bundle(result["bundle"]).manifest
    assert "extra" not in man["features"] and "extra_features" not in man
    assert man["training_data"]["extra_columns_as_slices"] == ["extra"]
    # one region held out as the test set
    held = train_wealth_model(survey, [s["raster"]], out_dir=str(tmp_path / "h"), bundle=emb, holdout="r1",
                              ablation=False, **FAST)
    (test,) = held["metrics"]["out_of_region"]["sets"]
    assert test["slice"] == "r1" and {group_of[r] for r in test["test_rows"]} == {"r1"}
    with pytest.raises(WealthMapError, match="held-out group.*kenya.*not in the group field"):
        train_wealth_model(survey, [s["raster"]], out_dir=str(tmp_path / "h2"), bundle=emb, holdout="kenya", **FAST)


def test_processing_trains_and_predicts_with_a_covariate_and_refuses_without(provider, emb, cov_scene, tmp_path):
    from qgis import processing
    from qgis.core import QgsProcessingException

    s = cov_scene
    out = str(tmp_path / "alg_model")
    result = processing.run("wealthmap:trainwealthmodel", {
        "SURVEY_FILE": s["survey"], "VALUE_FIELD": "wealth", "RASTERS": [s["raster"]], "BUNDLE": emb, "CV": 0,
        "FOLDS": 5, "TREES": 30, "WINDOW_M": 480, "ABLATION": False, "COVARIATES": [s["cov"]], "HOLDOUT": "r2",
        "OUTPUT": out})
    man = load_bundle(result["OUTPUT"]).manifest
    assert [c["name"] for c in man["covariates"]] == ["nightlights"] and man["metrics"]["blocks"]["chosen"] == "auto"
    assert [t["slice"] for t in man["metrics"]["out_of_region"]["sets"]] == ["r2"]
    params = {"INPUT": s["raster"], "MODEL": out, "MAX_CHIPS": 0, "OUTPUT": str(tmp_path / "p.gpkg")}
    with pytest.raises(QgsProcessingException, match="needs the covariate raster.*nightlights"):
        processing.run("wealthmap:predictwealth", params)
    done = processing.run("wealthmap:predictwealth", dict(params, COVARIATES=[s["cov"]]))
    assert done["CHIPS_USED"] > 100


def test_docks_pick_covariate_layers(qgis_iface, emb, cov_scene, tmp_path):
    from qgis.core import QgsProject, QgsRasterLayer

    from wealthmap.ui.wealth_dock import WealthDock

    s = cov_scene
    bundle = train_wealth_model(s["survey"], [s["raster"]], out_dir=str(tmp_path / "m"), bundle=emb,
                                covariates=[s["cov"]], ablation=False, **FAST)["bundle"]
    image = QgsRasterLayer(s["raster"], "s2")
    lights = QgsRasterLayer(s["cov"], "nightlights")
    QgsProject.instance().addMapLayers([image, lights])
    try:
        dock = WealthDock(qgis_iface)
        train = dock.train_widget
        train.refresh_rasters()
        from qgis.PyQt.QtCore import Qt

        items = {train.covariate_list.item(i).text(): train.covariate_list.item(i)
                 for i in range(train.covariate_list.count())}
        assert set(items) == {"s2", "nightlights"}
        assert all(item.checkState() == Qt.CheckState.Unchecked for item in items.values())  # only when asked for
        items["nightlights"].setCheckState(Qt.CheckState.Checked)
        train.sum_edit.setText("nightlights")
        train.file_widget.setFilePath(s["survey"])
        params = train.parameters()
        assert params["covariates"] == [{"name": "nightlights", "path": s["cov"]}]
        assert params["covariate_sums"] == ["nightlights"] and params["block_km"] is None
        predict = dock.predict_widget
        predict.raster.setLayer(image)
        predict.set_mode("raster")
        predict.model_dir.setFilePath(bundle)
        assert list(predict.covariate_combos) == ["nightlights"] and predict.covariate_box.isVisibleTo(predict)
        assert predict.parameters()["covariates"] == {"nightlights": s["cov"]}
        predict.covariate_combos["nightlights"].setLayer(None)
        assert predict.parameters()["covariates"] is None
        dock.deleteLater()
    finally:
        QgsProject.instance().removeMapLayers([image.id(), lights.id()])


def test_covariate_specs_multi_band_names_and_bad_inputs(qgis_app, tmp_path):
    from osgeo import gdal

    from wealthmap.core.wealth.covariates import match, parse

    path = str(tmp_path / "ghsl.tif")
    ds = gdal.GetDriverByName("GTiff").Create(path, 4, 4, 2, gdal.GDT_Float32)
    ds.SetGeoTransform((500000.0, 100.0, 0, 5000000.0, 0, -100.0))
    ds.SetProjection(_utm().ExportToWkt())
    ds = None
    covs = parse([path, "pop=" + path, {"name": "built", "path": path, "band": 2, "units": "share"}], ["pop"])
    assert [(c.name, c.band, c.statistic) for c in covs] == [
        ("ghsl_b1", 1, "mean"), ("ghsl_b2", 2, "mean"), ("pop_b1", 1, "sum"), ("pop_b2", 2, "sum"),
        ("built", 2, "mean")]
    with pytest.raises(WealthMapError, match="Two covariates have the name ghsl_b1"):
        parse([path, path])
    with pytest.raises(WealthMapError, match="asks for band 3, but .* has 2 band"):
        parse({"path": path, "band": 3})
    with pytest.raises(WealthMapError, match="statistic 'median'"):
        parse({"path": path, "band": 1, "statistic": "median"})
    with pytest.raises(WealthMapError, match="cannot be opened"):
        parse(str(tmp_path / "missing.tif"))
    bare = str(tmp_path / "bare.tif")
    gdal.GetDriverByName("GTiff").Create(bare, 2, 2, 1, gdal.GDT_Float32)
    with pytest.raises(WealthMapError, match="has no coordinate reference system"):
        parse(bare)
    needed = [c.as_manifest() for c in covs[:2]]
    assert [c.band for c in match(needed, {"ghsl": path})] == [1, 2]  # a multi-band file given by its stem
    with pytest.raises(WealthMapError, match="needs the covariate raster.*ghsl_b2"):
        match(needed, {"ghsl_b1": path})


def test_a_head_with_survey_columns_as_features_is_refused_before_any_work(qgis_app, emb, cov_scene, tmp_path):
    """An older bundle whose head takes a survey column (``extra_features``) cannot be predicted with: refused
    at once, with no output written (the column is no raster)."""
    from sklearn.ensemble import RandomForestRegressor

    from wealthmap.api import predict_wealth
    from wealthmap.core.wealth.bundle import write_bundle
    from wealthmap.core.wealth.forest_onnx import forest_to_onnx

    s = cov_scene
    plain = load_bundle(train_wealth_model(s["survey"], [s["raster"]], out_dir=str(tmp_path / "plain"), bundle=emb,
                                           ablation=False, **FAST)["bundle"])
    x = np.random.default_rng(0).normal(size=(30, plain.n_features + 1))
    manifest = dict(plain.manifest, features=plain.manifest["features"] + ["extra"], extra_features=["extra"])
    head = forest_to_onnx(RandomForestRegressor(3, random_state=0).fit(x, x[:, 0]), n_inputs=x.shape[1])
    old = write_bundle(str(tmp_path / "old"), manifest, {"embedder.onnx": plain.embedder_path, "head.onnx": head})
    out = str(tmp_path / "p.gpkg")
    with pytest.raises(WealthMapError, match="expects the feature 'extra', which prediction cannot compute"):
        predict_wealth(s["raster"], bundle=old.path, output=out, max_chips=0)
    assert not os.path.exists(out)


def test_out_of_region_with_many_groups_holds_out_whole_groups_in_folds():
    """23 countries: 5 folds of whole countries (one more cross-validation, not 23 forests); every country is
    predicted by a model that never saw it."""
    from wealthmap.core.wealth import cv

    rng = np.random.default_rng(1)
    groups = np.array(["c{:02d}".format(i) for i in rng.integers(0, 23, 2000)])
    X = rng.normal(size=(2000, 3))
    y = X[:, 0] + rng.normal(scale=0.1, size=2000)
    fits = []

    class Mean:
        def __init__(self, Xa, ya):
            fits.append(len(ya))
            self.seen = set(map(tuple, np.round(Xa, 9)))
            self.value = ya.mean()

        def predict(self, Xb):
            assert not set(map(tuple, np.round(Xb, 9))) & self.seen  # test rows are not among the training rows
            return np.full(len(Xb), self.value)

    out = cv.out_of_region(X, y, groups, np.arange(1, 2001), None, Mean, k=5)
    assert out["scheme"] == "group-5-fold" and len(fits) == 5
    assert [t["slice"] for t in out["sets"]] == sorted(set(groups))
    for t in out["sets"]:
        assert t["slice"] not in t["train_groups"] and t["train_n"] + t["n"] <= 2000
        assert set(groups[np.array(t["test_rows"]) - 1]) == {t["slice"]}
    assert out["pooled"]["n"] == 2000
