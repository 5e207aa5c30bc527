"""Imagery at survey points from STAC, training from STAC, resume after a kill, faults (loopback servers)."""

import json
import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import stac_servers
from train_helpers import make_embedder_bundle, write_survey

from wealthmap.core.errors import CancelledError


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    cat = stac_servers.build_catalogue(str(tmp_path_factory.mktemp("stac_cat")))
    sv = stac_servers.Servers(cat).start()
    sv.set_faults({})
    yield sv
    sv.stop()


def _items(sv, tile=None):
    """The catalogue's items as the search would give them (for runs that skip the search)."""
    from wealthmap.core.stac.items import Item

    with open(os.path.join(sv.cat, "items.json"), encoding="utf-8") as handle:
        feats = json.loads(handle.read().replace("{files}", sv.files_url))
    return [Item(f) for f in feats if tile is None or tile in f["id"]]


def _survey_points():
    """24 points on the Berlin tile (EPSG:32633) and the same 24 places of the zone-32 tile (EPSG:32632)."""
    from osgeo import osr

    wgs = osr.SpatialReference()
    wgs.ImportFromEPSG(4326)
    wgs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    lon, lat, px = [], [], []
    for epsg, (x0, y0) in ((32633, (330000.0, 5822040.0)), (32632, stac_servers.ZONE32_ORIGIN)):
        utm = osr.SpatialReference()
        utm.ImportFromEPSG(epsg)
        ct = osr.CoordinateTransformation(utm, wgs)
        for j in range(3):
            for i in range(8):
                col, row = 100 + i * 180, 100 + j * 250
                x, y = ct.TransformPoint(x0 + col * 10 + 5, y0 - row * 10 - 5)[:2]
                lon.append(x)
                lat.append(y)
                px.append((col, row))
    return np.array(lon), np.array(lat), px


def _clear(folder):
    from osgeo import gdal

    gdal.VSICurlClearCache()
    return folder


def test_point_windows_from_two_zones_then_a_rerun_reads_nothing(qgis_app, servers, tmp_path):
    from wealthmap.core.stac.points import survey_rasters
    from wealthmap.core.stac.search import StacQuery

    lon, lat, _ = _survey_points()
    query = StacQuery(endpoint=servers.stac_url, datetime="2023-06-01/2023-07-31", max_cloud=60)
    _clear(None)
    servers.clear_log()
    res = survey_rasters(lon, lat, query, chip_px=16, context=3, folder=str(tmp_path / "win"))
    assert res["counts"] == {"ok": 48} and len(res["rasters"]) == 2
    assert res["windows"] == 48 and res["cached_windows"] == 0
    zones = {p["window"][0] for p in res["points"]}
    assert zones == {32632, 32633}
    first = res["points"][0]
    assert first["window"][3:] == [48, 48] and len(first["dates"]) >= 3
    logged = servers.requests()
    assert logged and all(r["status"] in (200, 206) for r in logged)
    # the same window range of the same file is never fetched twice within a run
    ranges = [(r["path"], r["range"]) for r in logged if r["method"] == "GET"]
    assert len(ranges) == len(set(ranges))
    servers.clear_log()
    again = survey_rasters(lon, lat, query, chip_px=16, context=3, folder=str(tmp_path / "win"))
    assert again["cached_windows"] == 48 and again["rasters"] == res["rasters"]
    assert [r for r in servers.requests() if "sentinel-s2" in r["path"]] == []  # no pixel request at all


def test_cancel_keeps_finished_windows_and_a_killed_run_resumes(qgis_app, servers, tmp_path):
    from qgis.core import QgsFeedback

    from wealthmap.core.stac.points import survey_rasters

    lon, lat, _ = _survey_points()
    folder = str(tmp_path / "win")
    # a child process is killed (SIGKILL) while it works; what it finished stays and is reused
    script = tmp_path / "child.py"
    script.write_text(
        "import sys, json\n"
        "sys.path.insert(0, {root!r}); import conftest\n"
        "sys.path.insert(0, {tests!r})\n"
        "from wealthmap.core.stac.items import Item\n"
        "from wealthmap.core.stac.points import survey_rasters\n"
        "feats = json.loads(open({items!r}).read().replace('{{files}}', {files!r}))\n"
        "lon, lat = json.loads(sys.argv[1])\n"
        "survey_rasters(lon, lat, None, chip_px=16, context=3, folder={folder!r}, items=[Item(f) for f in feats],"
        " workers=1)\n".format(root=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                               tests=os.path.dirname(os.path.abspath(__file__)),
                               items=os.path.join(servers.cat, "items.json"), files=servers.files_url, folder=folder))
    servers.set_faults({"stall": {"/sentinel-s2": 0.15}})
    child = subprocess.Popen([sys.executable, str(script), json.dumps([lon.tolist(), lat.tolist()])])

    def finished():
        return [f for d, _, fs in os.walk(folder) for f in fs if f.endswith(".tif") and ".part" not in f]

    try:
        for _ in range(1200):
            if len(finished()) >= 3 or child.poll() is not None:
                break
            time.sleep(0.1)
        assert child.poll() is None, "the child finished before it could be killed"
        os.kill(child.pid, signal.SIGKILL)
        child.wait(30)
    finally:
        servers.set_faults({})
        if child.poll() is None:
            os.kill(child.pid, signal.SIGKILL)
    done_before = len(finished())
    assert 3 <= done_before < 48
    # a cancelled run in-process also keeps its windows
    fb = QgsFeedback()
    fb.progressChanged.connect(lambda p: fb.cancel() if p > 60 else None)
    with pytest.raises(CancelledError):
        survey_rasters(lon, lat, None, chip_px=16, context=3, folder=folder, items=_items(servers), feedback=fb)
    mid = len(finished())
    assert mid > done_before
    res = survey_rasters(lon, lat, None, chip_px=16, context=3, folder=folder, items=_items(servers))
    assert res["cached_windows"] == mid and res["counts"] == {"ok": 48}


def test_faults_stay_in_the_output_with_their_status(qgis_app, servers, tmp_path):
    from wealthmap.core.stac.points import survey_rasters
    from wealthmap.core.stac.read import HttpOptions

    lon, lat, _ = _survey_points()
    lon, lat = lon[[0, 1, 24]], lat[[0, 1, 24]]  # two points on the Berlin tile, one on the zone-32 tile
    http = HttpOptions(timeout=3, low_speed_time=2, max_retry=1, retry_delay=0.1)
    cases = [
        ({"500": ["20230615_0_L2A/B03.tif"]}, "HTTP 5xx"),
        ({"404": ["20230625_0_L2A/B04.tif"]}, "404"),
        ({"truncate": ["20230705_0_L2A/B08.tif"]}, "20230705"),
        ({"stall": {"20230605_0_L2A/B02.tif": 8}}, "20230605"),
    ]
    for n, (faults, words) in enumerate(cases):
        _clear(None)
        servers.set_faults(faults)
        try:
            res = survey_rasters(lon, lat, None, chip_px=16, context=3, folder=str(tmp_path / "w{}".format(n)),
                                 items=_items(servers), http=http)
        finally:
            servers.set_faults({})
        berlin, zone32 = res["points"][:2], res["points"][2]
        assert [p["status"] for p in berlin] == ["partial", "partial"], (faults, berlin)
        assert zone32["status"] == "ok"
        assert len(berlin[0]["failed"]) == 1 and words in berlin[0]["failed"][0], berlin[0]["failed"]
        assert len(berlin[0]["dates"]) == 3  # the other three dates still give the window
        assert len(res["rasters"]) == 2
    # a transient 503 is retried
    _clear(None)
    servers.set_faults({"503_once": ["20230615_0_L2A/B03.tif"]})
    try:
        res = survey_rasters(lon, lat, None, chip_px=16, context=3, folder=str(tmp_path / "w503"),
                             items=_items(servers), http=http)
    finally:
        servers.set_faults({})
    assert res["counts"] == {"ok": 3}
    # every item cloudy at a point: the point is reported cloudy
    items = [it for it in _items(servers) if "20230615" in it.id]
    # a point inside the cloud patch of 15 June (tile rows 100-300, cols 200-500)
    from osgeo import osr

    wgs = osr.SpatialReference()
    wgs.ImportFromEPSG(4326)
    wgs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    utm = osr.SpatialReference()
    utm.ImportFromEPSG(32633)
    x, y = osr.CoordinateTransformation(utm, wgs).TransformPoint(330000 + 350 * 10, 5822040 - 200 * 10)[:2]
    res = survey_rasters([x], [y], None, chip_px=16, context=3, folder=str(tmp_path / "wc"), items=items)
    assert res["points"][0]["status"] == "cloudy" and res["rasters"] == []


def test_train_from_stac_end_to_end_over_two_zones(qgis_app, servers, tmp_path):
    from wealthmap.core.wealth.bundle import load_bundle
    from wealthmap.core.wealth.train_api import train_wealth_model

    lon, lat, px = _survey_points()
    truth = np.load(os.path.join(servers.cat, "truth.npz"))
    nir = truth["S2A_33UUU_20230605_0_L2A__bands"][3].astype(float)
    value = np.array([nir[r - 8:r + 8, c - 8:c + 8].mean() / 1e4 for c, r in px])  # same places in both tiles
    survey = write_survey(str(tmp_path / "survey.csv"), lon, lat, value)
    emb = make_embedder_bundle(str(tmp_path / "emb"))
    query = {"stac": servers.stac_url, "datetime": "2023-06-01/2023-07-31", "max_cloud": 60,
             "folder": str(tmp_path / "win")}
    result = train_wealth_model(survey, query, value_field="wealth", out_dir=str(tmp_path / "model"),
                                bundle=str(emb) if not hasattr(emb, "path") else emb.path, block_km=1.0,
                                n_estimators=20, context_chips=3, cache_path=str(tmp_path / "f.sqlite"),
                                ablation=False)
    assert result["stac"]["counts"] == {"ok": 48} and len(result["stac"]["rasters"]) == 2
    assert result["training_data"]["rows_used"] == 48
    bundle = load_bundle(str(tmp_path / "model"))
    assert bundle.status == "trained"
    assert any("zone_32632" in r for r in bundle.manifest["training_data"]["rasters"])
