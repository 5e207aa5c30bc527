"""``wealthmap:predictwealth`` through processing.run: same result as the API, regions, limits, a .model3."""

import os
import sqlite3
import sys

import numpy as np
import pytest
from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingModelAlgorithm,
    QgsProject,
    QgsRasterLayer,
    QgsVectorLayer,
)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_wealth_helpers import SAMPLE, make_s2  # noqa: E402

MODEL3 = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "wealth_predict.model3")




def wealth_values(path):
    con = sqlite3.connect(path)
    try:
        table = con.execute("select table_name from gpkg_contents where data_type='features'").fetchone()[0]
        return con.execute('select grid_col, grid_row, wealth, uncertainty, status from "{}" order by chip_id'.format(
            table)).fetchall()
    finally:
        con.close()


def test_algorithm_matches_api(processing, tmp_path):
    from wealthmap.core.wealth.api import predict_wealth

    layer = QgsRasterLayer(SAMPLE, "s2")
    out = str(tmp_path / "alg.gpkg")
    tif = str(tmp_path / "alg.tif")
    res = processing.run("wealthmap:predictwealth", {
        "INPUT": layer, "EXTENT": "331000,344000,5815000,5821000 [EPSG:32633]", "MAX_CHIPS": 0,
        "OUTPUT": out, "OUTPUT_RASTER": tif})
    api = predict_wealth(layer, region=(331000, 5815000, 344000, 5821000), region_crs="EPSG:32633",
                         output=str(tmp_path / "api.gpkg"), max_chips=0)
    assert res["CHIPS"] == api["chips"] == 15  # 5 x 3 chip centres inside the extent
    assert res["MODEL_STATUS"] == "demo" and res["MEDIAN"] == pytest.approx(api["median"])
    a, b = wealth_values(out), wealth_values(api["output"])
    assert [r[:2] for r in a] == [r[:2] for r in b]
    np.testing.assert_allclose([r[2] for r in a], [r[2] for r in b], rtol=1e-6)
    assert os.path.exists(tif)
    loaded = QgsVectorLayer(out, "x", "ogr")
    assert loaded.renderer().type() == "graduatedSymbol"  # default style from the GeoPackage


def test_algorithm_uses_selected_features(processing, tmp_path):
    polys = QgsVectorLayer("Polygon?crs=EPSG:4326", "regions", "memory")
    feats = []
    for wkt in ("POLYGON((12.50 52.47, 12.56 52.47, 12.56 52.52, 12.50 52.52, 12.50 52.47))",
                "POLYGON((12.62 52.47, 12.70 52.47, 12.70 52.52, 12.62 52.52, 12.62 52.47))"):
        f = QgsFeature()
        f.setGeometry(QgsGeometry.fromWkt(wkt))
        feats.append(f)
    polys.dataProvider().addFeatures(feats)
    QgsProject.instance().addMapLayer(polys)
    try:
        polys.selectByIds([1])
        res = processing.run("wealthmap:predictwealth", {
            "INPUT": SAMPLE, "REGION": QgsProcessingFeatureSourceDefinition(polys.id(), True), "MAX_CHIPS": 0,
            "OUTPUT": str(tmp_path / "sel.gpkg")})
        both = processing.run("wealthmap:predictwealth", {
            "INPUT": SAMPLE, "REGION": polys, "MAX_CHIPS": 0, "OUTPUT": str(tmp_path / "all.gpkg")})
    finally:
        QgsProject.instance().removeMapLayer(polys.id())
    assert 0 < res["CHIPS"] < both["CHIPS"]
    cols = {r[0] for r in wealth_values(str(tmp_path / "sel.gpkg"))}
    assert max(cols) <= 2  # the selected (western) polygon only


def test_algorithm_refuses_with_clear_messages(processing, tmp_path):
    with pytest.raises(QgsProcessingException, match=r"needs 18 chips, more than the limit of 4.*MAX_CHIPS"):
        processing.run("wealthmap:predictwealth", {"INPUT": SAMPLE, "MAX_CHIPS": 4,
                                                   "OUTPUT": str(tmp_path / "x.gpkg")})
    with pytest.raises(QgsProcessingException, match="not of the form B02=1"):
        processing.run("wealthmap:predictwealth", {"INPUT": SAMPLE, "BAND_MAP": "blue:1",
                                                   "OUTPUT": str(tmp_path / "x.gpkg")})
    with pytest.raises(QgsProcessingException, match="outside the raster"):
        processing.run("wealthmap:predictwealth", {"INPUT": SAMPLE, "EXTENT": "0,1,0,1 [EPSG:4326]",
                                                   "OUTPUT": str(tmp_path / "x.gpkg")})
    byte = make_s2(tmp_path / "rgb.tif", dtype=__import__("osgeo.gdal", fromlist=["gdal"]).GDT_Byte)
    with pytest.raises(QgsProcessingException, match="8-bit"):
        processing.run("wealthmap:predictwealth", {"INPUT": byte, "OUTPUT": str(tmp_path / "x.gpkg")})


def test_graphical_model_runs(processing, tmp_path):
    model = QgsProcessingModelAlgorithm()
    assert model.fromFile(MODEL3)
    out = str(tmp_path / "model.gpkg")
    res = processing.run(model, {"s2": SAMPLE, "maxchips": 0, "predict:wealth": out})
    assert res["predict:wealth"] == out
    rows = wealth_values(out)
    assert len(rows) == 18 and all(r[4] == "ok" and np.isfinite(r[2]) for r in rows)
