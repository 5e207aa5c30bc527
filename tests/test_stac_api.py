"""The STAC job through Processing and wealthmap.api: search footprints, composite, predict and train from STAC,
Planetary-Computer-style signing (loopback servers of tests/stac_servers.py)."""

import json
import os
import sys

import numpy as np
import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import stac_servers

from wealthmap.core.errors import WealthMapError


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    cat = stac_servers.build_catalogue(str(tmp_path_factory.mktemp("stac_cat")))
    sv = stac_servers.Servers(cat).start()
    sv.set_faults({})
    yield sv
    sv.stop()


BERLIN = "12.52,12.56,52.48,52.51 [EPSG:4326]"


def test_processing_search_and_composite(processing, servers, tmp_path):
    from osgeo import gdal
    from qgis.core import QgsVectorLayer

    common = {"EXTENT": BERLIN, "ENDPOINT": servers.stac_url, "DATETIME": "2023-06-01/2023-07-31", "MAX_CLOUD": 60}
    res = processing.run("wealthmap:stacsearch", dict(common, OUTPUT=str(tmp_path / "foot.gpkg")))
    assert res["COUNT"] == 4
    layer = QgsVectorLayer(res["OUTPUT"], "f", "ogr")
    rows = sorted((f["date"], f["tile"], f["coverage"]) for f in layer.getFeatures())
    assert [r[:2] for r in rows] == [(d, "33UUU") for d in ("2023-06-05", "2023-06-15", "2023-06-25", "2023-07-05")]
    assert all(r[2] == 100.0 for r in rows)
    out = str(tmp_path / "comp.tif")
    res = processing.run("wealthmap:staccomposite", dict(common, BANDS="B02,B03,B04", OUTPUT=out, MONTHS="6"))
    ds = gdal.Open(res["OUTPUT"])
    assert [ds.GetRasterBand(i).GetDescription() for i in range(1, 5)] == ["B02", "B03", "B04", "clear_count"]
    prov = json.load(open(res["PROVENANCE"]))
    assert prov["dates"] == ["2023-06-05", "2023-06-15", "2023-06-25"]  # months=6 leaves July out
    assert res["BYTES"] > 0
    assert ds.GetProjection() and "32633" in ds.GetProjection()
    with pytest.raises(Exception, match="No Sentinel-2 item"):
        processing.run("wealthmap:staccomposite", dict(common, DATETIME="2019-01-01/2019-01-31", OUTPUT=out))


def test_api_composite_layer_is_true_colour_and_predict_from_stac(qgis_app, servers, tmp_path):
    import wealthmap.api as wm
    from wealthmap.core.stac.composite import composite_layer

    query = {"stac": servers.stac_url, "datetime": "2023-06-01/2023-07-31", "max_cloud": 60,
             "cache_dir": str(tmp_path / "win")}
    region = (332560.0, 5816920.0, 337680.0, 5822040.0)  # 2 x 2 chips of the demo model
    found = wm.stac_search(query, region, "EPSG:32633")
    assert len(found["rows"]) == 4 and found["rows"][0]["coverage"] > 95
    comp = wm.stac_composite(query, region, "EPSG:32633", output=str(tmp_path / "c.tif"), bands=["B02", "B03", "B04"])
    layer = composite_layer(comp)
    assert layer.renderer().type() == "multibandcolor" and layer.renderer().redBand() == 3
    assert layer.renderer().redContrastEnhancement().maximumValue() == pytest.approx(0.3)
    result = wm.predict_wealth(dict(query, output=str(tmp_path / "pc.tif")), region=region, region_crs="EPSG:32633",
                               output=str(tmp_path / "w.gpkg"))
    assert result["chips"] == 4 and result["chips_used"] == 4
    assert np.isfinite(result["mean"])
    with pytest.raises(WealthMapError, match="needs a region"):
        wm.predict_wealth(query)


def test_planetary_computer_style_signing(qgis_app, servers, tmp_path):
    from osgeo import gdal

    from wealthmap.core.stac.composite import make_composite
    from wealthmap.core.stac.search import StacQuery, search

    def signed_items(sign):
        q = StacQuery(endpoint=servers.stac_url, datetime="2023-06-01/2023-06-10", max_cloud=60,
                      sign="planetary-computer" if sign else "",
                      token_url=servers.stac_url + "/api/sas/v1/token/{collection}")
        items = search(q, (12.4, 52.3, 12.8, 52.6))
        for it in items:
            for a in it.assets.values():
                a.href = a.href.replace(servers.files_url, servers.files_url + "/signed")
        return items, q

    region = (332560.0, 5819480.0, 333840.0, 5822040.0)
    items, q = signed_items(True)
    assert all("sig=loopback" in a.href for it in items for a in it.assets.values())
    # unsigned hrefs are refused (403, said without any signature); signed afterwards they read
    from wealthmap.core.stac.search import Signer

    unsigned, _ = signed_items(False)
    gdal.VSICurlClearCache()
    bad = make_composite(None, region, "EPSG:32633", str(tmp_path / "u.tif"), bands=["B02"], items=unsigned,
                         use_cache=False)
    assert bad["windows"][0]["status"] == "failed" and "401/403" in bad["failed"][0]
    assert "sig=" not in " ".join(bad["failed"])
    Signer.for_query(q).sign(unsigned)
    good = make_composite(None, region, "EPSG:32633", str(tmp_path / "s.tif"), bands=["B02"], items=unsigned,
                          use_cache=False)
    assert good["windows"][0]["status"] == "ok"


def test_processing_trains_from_stac(processing, servers, tmp_path):
    from test_stac_points import _survey_points
    from train_helpers import make_embedder_bundle, write_survey

    from wealthmap.core.wealth.bundle import load_bundle

    lon, lat, _ = _survey_points()
    survey = write_survey(str(tmp_path / "survey.csv"), lon, lat, np.linspace(0, 1, len(lon)))
    emb = make_embedder_bundle(str(tmp_path / "emb"))
    res = processing.run("wealthmap:trainwealthmodelstac", {
        "SURVEY_FILE": survey, "VALUE_FIELD": "wealth", "ENDPOINT": servers.stac_url,
        "DATETIME": "2023-06-01/2023-07-31", "MAX_CLOUD": 60, "MODE": 1, "TREES": 10, "BLOCK_KM": 1.0,
        "BUNDLE": getattr(emb, "path", str(tmp_path / "emb")), "OUTPUT": str(tmp_path / "model")})
    assert load_bundle(res["OUTPUT"]).status == "trained" and os.path.exists(res["REPORT"])


def test_assets_behind_a_qgis_authentication_configuration(qgis_app, servers, tmp_path):
    """The headers of a QGIS authentication configuration reach GDAL's reads (thread-locally); the secret
    appears in no result, record or message."""
    from osgeo import gdal
    from qgis.core import QgsApplication, QgsAuthMethodConfig

    from wealthmap.core.stac.composite import make_composite
    from wealthmap.core.stac.search import StacQuery, search

    manager = QgsApplication.authManager()
    if manager.isDisabled() or not (manager.masterPasswordIsSet() or manager.setMasterPassword("wealthmap-test",
                                                                                                True)):
        pytest.skip("the QGIS authentication database is not available")
    cfg = QgsAuthMethodConfig()
    cfg.setMethod("Basic")
    cfg.setName("loopback assets")
    cfg.setConfig("username", "u")
    cfg.setConfig("password", "p")
    assert manager.storeAuthenticationConfig(cfg)[0]
    query = StacQuery(endpoint=servers.stac_url, datetime="2023-06-01/2023-06-10", max_cloud=60, authcfg=cfg.id())
    region = (332560.0, 5820760.0, 333840.0, 5822040.0)
    results = {}
    for label, authcfg in (("without", None), ("with", cfg.id())):
        items = search(query, (12.4, 52.3, 12.8, 52.6))
        for it in items:
            for a in it.assets.values():
                a.href = a.href.replace(servers.files_url, servers.files_url + "/private")
        gdal.VSICurlClearCache()
        q = StacQuery(endpoint=servers.stac_url, authcfg=authcfg)
        results[label] = make_composite(q, region, "EPSG:32633", str(tmp_path / (label + ".tif")), bands=["B02"],
                                        items=items, use_cache=False)
    assert results["without"]["windows"][0]["status"] == "failed" and "401/403" in results["without"]["failed"][0]
    assert results["with"]["windows"][0]["status"] == "ok"
    for res in results.values():
        text = open(res["provenance"], encoding="utf-8").read() + repr(res)
        assert "dTpw" not in text and "Authorization" not in text


def test_processing_predicts_from_stac(processing, servers, tmp_path):
    from qgis.core import QgsVectorLayer

    res = processing.run("wealthmap:predictwealthstac", {
        "EXTENT": "332560,337680,5816920,5822040 [EPSG:32633]", "ENDPOINT": servers.stac_url,
        "DATETIME": "2023-06-01/2023-07-31", "MAX_CLOUD": 60, "OUTPUT": str(tmp_path / "w.gpkg")})
    assert res["CHIPS_USED"] == 4 and os.path.exists(res["COMPOSITE"])
    assert QgsVectorLayer(res["OUTPUT"], "w", "ogr").featureCount() == 4
