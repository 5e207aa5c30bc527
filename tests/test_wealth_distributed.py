"""Wealth prediction on Dask distributed (issue 16): the same chips as in-process, exactly once, resumable.

Real parts: a real Dask scheduler and nanny-managed workers (subprocesses started by the fixture on 127.0.0.1,
the documented ``dask scheduler`` / ``dask worker --preload`` commands, stopped by PID), the LocalCluster the
``"local"`` scheduler starts, real GeoTIFFs, onnxruntime and GeoPackages. Skipped when dask is not installed.
"""

import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time

import numpy as np
import pytest

pytest.importorskip("distributed")

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_wealth_helpers import ROOT, make_s2  # noqa: E402

from wealthmap.core.errors import CancelledError, WealthMapError  # noqa: E402

PRELOAD = os.path.join(ROOT, "core", "wealth", "distributed", "worker_preload.py")
DASK_BIN = os.path.join(os.path.dirname(sys.executable), "dask")


def read_chips(path):
    con = sqlite3.connect(path)
    try:
        table = con.execute("select table_name from gpkg_contents where data_type='features'").fetchone()[0]
        cur = con.execute('select fid, chip_id, grid_col, grid_row, wealth, uncertainty, valid_frac, cloud_frac, '
                          'status, model_id, note from "{}" order by fid'.format(table))
        return cur.fetchall()
    finally:
        con.close()


def same_chips(a, b):
    assert len(a) == len(b)
    for x, y in zip(a, b):
        assert x[:4] == y[:4] and x[6:] == y[6:]  # fid, chip id, column, row; fractions, status, model
        for u, v in zip(x[4:6], y[4:6]):
            assert (u is None and v is None) or u == pytest.approx(v, rel=1e-5, abs=1e-6)


@pytest.fixture(scope="module")
def raster(tmp_path_factory):
    # 14 x 10 chips with a cloud patch: ok and cloudy chips
    path = tmp_path_factory.mktemp("dask") / "s2.tif"
    return str(make_s2(path, width=256 * 14, height=256 * 10, cloud_box=(256 * 9, 256 * 2, 512, 512)))


@pytest.fixture(scope="module")
def reference(raster, tmp_path_factory, qgis_app):
    from wealthmap.core.wealth.predict import predict

    out = str(tmp_path_factory.mktemp("ref") / "ref.gpkg")
    result = predict(None, raster, output=out, max_chips=0, geotiff=out[:-5] + ".tif")
    return result, read_chips(out)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stop(proc):
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)


@pytest.fixture(scope="module")
def dask_cluster(tmp_path_factory):
    """``dask scheduler`` and ``dask worker --nworkers 2 --preload worker_preload.py`` on 127.0.0.1."""
    port = _free_port()
    address = "tcp://127.0.0.1:{}".format(port)
    logs = tmp_path_factory.mktemp("dasklogs")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MALLOC_TRIM_THRESHOLD_="", WEALTHMAP_PLUGIN_DIR=ROOT,
               WEALTHMAP_WORKER_PROFILE=str(tmp_path_factory.mktemp("profile")))
    env.pop("MALLOC_TRIM_THRESHOLD_")
    scheduler = subprocess.Popen([DASK_BIN, "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                  "--no-dashboard", "--preload", PRELOAD], stdout=open(logs / "scheduler.log", "w"),
                                 stderr=subprocess.STDOUT, env=env, start_new_session=True)
    worker = subprocess.Popen([DASK_BIN, "worker", address, "--host", "127.0.0.1", "--nworkers", "2", "--nthreads",
                               "1", "--no-dashboard", "--preload", PRELOAD], stdout=open(logs / "worker.log", "w"),
                              stderr=subprocess.STDOUT, env=env, start_new_session=True)
    try:
        from distributed import Client

        client = Client(address, timeout=60, set_as_default=False)
        client.wait_for_workers(2, timeout=120)
        yield address, client
        client.close()
    finally:
        _stop(worker)
        _stop(scheduler)


def run(raster, out, **kw):
    from wealthmap.core.wealth.distributed.run import predict_distributed

    kw.setdefault("max_chips", 0)
    return predict_distributed(kw.pop("feedback", None), raster, output=str(out), **kw)


def test_local_cluster_equals_the_in_process_run(raster, reference, tmp_path):
    result = run(raster, tmp_path / "local.gpkg", scheduler="local", workers=2, tile_chips=4,
                 geotiff=str(tmp_path / "local.tif"))
    ref_result, ref_chips = reference
    assert result["chips"] == ref_result["chips"] == 140
    same_chips(read_chips(str(tmp_path / "local.gpkg")), ref_chips)
    info = result["distributed"]
    assert info["parts"] == 12 and info["parts_run"] == 12 and info["parts_skipped"] == 0
    assert len(set(info["pids"])) == 2  # both workers did work, none in this process
    assert os.getpid() not in info["pids"]
    assert result["statuses"] == ref_result["statuses"] and "cloudy" in result["statuses"]
    from osgeo import gdal

    a = gdal.Open(str(tmp_path / "local.tif")).ReadAsArray()
    b = gdal.Open(ref_result["geotiff"]).ReadAsArray()
    np.testing.assert_allclose(a, b, rtol=1e-5)
    # merging again (a rerun of a finished run) runs no partition and gives the same output
    again = run(raster, tmp_path / "local.gpkg", scheduler="local", workers=2, tile_chips=4)
    assert again["distributed"]["parts_run"] == 0 and again["distributed"]["parts_skipped"] == 12
    same_chips(read_chips(str(tmp_path / "local.gpkg")), ref_chips)


class _Feedback:
    """A QgsFeedback that calls ``hook(progress)`` on each progress step (in the driver's thread)."""

    def __init__(self, hook):
        from qgis.core import QgsFeedback

        self.feedback = QgsFeedback()
        self.feedback.progressChanged.connect(hook)


def test_a_worker_killed_mid_run_the_run_completes_with_every_chip_once(raster, reference, dask_cluster, tmp_path):
    address, client = dask_cluster
    pids = sorted(client.run(os.getpid).values())
    assert len(pids) == 2
    killed = []

    def kill(progress):
        if progress > 0 and not killed:  # a first part is written: kill one worker while others run
            killed.append(pids[0])
            os.kill(pids[0], signal.SIGKILL)

    fb = _Feedback(kill)
    out = tmp_path / "killed.gpkg"
    result = run(raster, out, scheduler=address, tile_chips=2, feedback=fb.feedback)
    assert killed
    info = result["distributed"]
    assert info["parts"] == 35 and info["parts_run"] == 35 and not info["parts_failed"]
    chips = read_chips(str(out))
    assert sorted(c[1] for c in chips) == list(range(140))  # every chip exactly once
    assert len({(c[2], c[3]) for c in chips}) == 140
    same_chips(chips, reference[1])
    # the nanny restarted the killed worker: a new process took its place
    deadline = time.time() + 60
    while time.time() < deadline and len(client.run(os.getpid)) < 2:
        time.sleep(0.5)
    assert pids[0] not in client.run(os.getpid).values()
    # the manifest records each part once, with the pid of the worker that ran it
    manifest = os.path.join(info["run_folder"], "parts.jsonl")
    with open(manifest, encoding="utf-8") as handle:
        lines = [json.loads(line) for line in handle]
    assert sorted(e["name"] for e in lines) == sorted({e["name"] for e in lines}) and len(lines) == 35


def test_a_cancelled_run_restarted_skips_the_finished_parts(raster, reference, dask_cluster, tmp_path):
    address, _ = dask_cluster
    box = []

    def cancel(progress):
        if progress > 0:
            box[0].feedback.cancel()

    box.append(_Feedback(cancel))
    out = tmp_path / "resumed.gpkg"
    with pytest.raises(CancelledError) as info:
        run(raster, out, scheduler=address, tile_chips=2, feedback=box[0].feedback)
    assert "run the same prediction again" in str(info.value)
    assert not out.exists()
    folder = str(out)[:-5] + ".wealthmap-run"
    with open(os.path.join(folder, "parts.jsonl"), encoding="utf-8") as handle:
        finished = {json.loads(line)["name"] for line in handle}
    assert 1 <= len(finished) < 35
    result = run(raster, out, scheduler=address, tile_chips=2)
    run_info = result["distributed"]
    assert run_info["parts_skipped"] == len(finished) and run_info["parts_run"] == 35 - len(finished)
    same_chips(read_chips(str(out)), reference[1])
    # other parameters (another partition size) are another run: started afresh, not mixed with the old parts
    again = run(raster, out, scheduler=address, tile_chips=7)
    assert again["distributed"]["parts_skipped"] == 0 and again["distributed"]["parts_run"] == 4
    same_chips(read_chips(str(out)), reference[1])


def test_a_cluster_address_that_does_not_answer_gives_a_clear_message(raster, tmp_path, qgis_app, monkeypatch):
    from wealthmap.core.wealth.distributed import cluster

    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT_S", 2)
    port = _free_port()  # nothing listens there
    with pytest.raises(WealthMapError) as info:
        run(raster, tmp_path / "x.gpkg", scheduler="tcp://127.0.0.1:{}".format(port))
    text = str(info.value)
    assert "does not answer" in text and "dask scheduler" in text and str(port) in text
    assert not (tmp_path / "x.gpkg").exists()
    with pytest.raises(WealthMapError, match="not understood"):
        run(raster, tmp_path / "x.gpkg", scheduler="somewhere")


def test_without_dask_a_distributed_run_says_how_to_add_it(raster, tmp_path, qgis_app, monkeypatch):
    from wealthmap.core import deps

    for name in ("dask", "distributed"):
        monkeypatch.setitem(sys.modules, name, None)  # import fails as when not installed
    assert deps.missing_message("wealth") is None  # the jobs do not need it
    with pytest.raises(WealthMapError) as info:
        run(raster, tmp_path / "x.gpkg", scheduler="local")
    assert "dask==2026.8.0" in str(info.value) and "distributed==2026.8.0" in str(info.value)


def test_headless_command_and_processing_run_on_the_cluster(raster, reference, dask_cluster, tmp_path, processing):
    address, _ = dask_cluster
    pkgs = tmp_path / "pkgs"
    pkgs.mkdir()
    os.symlink(ROOT, pkgs / "wealthmap")
    out = tmp_path / "cli.gpkg"
    env = dict(os.environ, PYTHONPATH=str(pkgs), QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-m", "wealthmap", "predict", raster, "--output", str(out),
                           "--scheduler", address, "--tile-chips", "5"], capture_output=True, text=True, env=env,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    summary = json.loads(proc.stdout)
    assert summary["chips"] == 140 and summary["distributed"]["parts"] == 6
    assert "100%" in proc.stderr
    same_chips(read_chips(str(out)), reference[1])
    # a problem to fix: exit status 2 and the message, no traceback
    bad = subprocess.run([sys.executable, "-m", "wealthmap", "predict", str(tmp_path / "missing.tif"), "--output",
                          str(tmp_path / "m.gpkg")], capture_output=True, text=True, env=env, timeout=300)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "missing.tif" in bad.stderr
    # Processing: the advanced SCHEDULER parameter
    res = processing.run("wealthmap:predictwealth", {"INPUT": raster, "MAX_CHIPS": 0, "SCHEDULER": address,
                                                     "OUTPUT": str(tmp_path / "alg.gpkg")})
    assert res["CHIPS"] == 140
    same_chips(read_chips(str(tmp_path / "alg.gpkg")), reference[1])


def test_dock_advanced_section_runs_on_the_cluster_and_cancel_cancels_it(raster, reference, dask_cluster, tmp_path,
                                                                         qgis_iface):
    from qgis.core import QgsProject, QgsRasterLayer
    from qgis.PyQt.QtCore import QCoreApplication

    from wealthmap.ui.wealth_dock import WealthDock

    address, client = dask_cluster
    layer = QgsRasterLayer(raster, "s2")
    QgsProject.instance().addMapLayer(layer)
    dock = WealthDock(qgis_iface)
    widget = dock.predict_widget

    def wait(timeout=300):
        deadline = time.monotonic() + timeout
        while dock.task is not None and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            time.sleep(0.02)
        assert dock.task is None

    try:
        widget.raster.setLayer(layer)
        widget.set_mode("raster")
        widget.temporary.setChecked(False)
        out = str(tmp_path / "dock.gpkg")
        widget.output.setFilePath(out)
        options = widget.run_options
        assert options.mode_key() == "inprocess" and not options.address.isEnabled()
        options.set_mode("cluster")
        assert options.address.isEnabled() and not options.workers.isEnabled()
        assert widget.run() is None and "address" in dock.status.text()  # no address given: said, not run
        options.address.setText(address)
        # cancel as soon as a first partition is written: the futures are cancelled, the parts kept
        task = widget.run()
        assert task is not None
        seen = []
        task.progressChanged.connect(lambda v: (seen.append(v), dock.cancel_task() if v > 0 else None))
        wait()
        assert "Cancelled" in dock.status.text() and widget.last_result is None
        deadline = time.time() + 30  # the cancelled futures leave the cluster
        while time.time() < deadline and client.run_on_scheduler(lambda dask_scheduler: len(dask_scheduler.tasks)):
            time.sleep(0.2)
        assert client.run_on_scheduler(lambda dask_scheduler: len(dask_scheduler.tasks)) == 0
        # run again: resumes, the summary says how many partitions were already done
        assert widget.run() is not None
        wait()
        result = widget.last_result
        assert result is not None, dock.status.text()
        assert result["distributed"]["parts_skipped"] >= 1
        assert "already done" in widget.summary.text()
        same_chips(read_chips(out), reference[1])
    finally:
        dock.cleanup()
        dock.deleteLater()
        for lyr in list(QgsProject.instance().mapLayers().values()):
            QgsProject.instance().removeMapLayer(lyr.id())


def test_training_features_on_the_cluster_equal_the_in_process_ones(raster, dask_cluster, tmp_path, qgis_app):
    from osgeo import osr

    from wealthmap.core.wealth.bundle import DEFAULT_BUNDLE, load_bundle
    from wealthmap.core.wealth.distributed.features import _Points, point_features_distributed
    from wealthmap.core.wealth.features import FeatureSettings, point_features

    address, _ = dask_cluster
    bundle = load_bundle(DEFAULT_BUNDLE)
    # 40 points inside the raster (some under the cloud patch), 2 outside, in lon/lat
    rng = np.random.default_rng(1)
    xs = 500000 + rng.uniform(100, 256 * 14 * 10 - 100, 40)
    ys = 5800000 - rng.uniform(100, 256 * 10 * 10 - 100, 40)
    utm, wgs = osr.SpatialReference(), osr.SpatialReference()
    utm.ImportFromEPSG(32633)
    wgs.ImportFromEPSG(4326)
    wgs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    ct = osr.CoordinateTransformation(utm, wgs)
    lonlat = [ct.TransformPoint(float(x), float(y))[:2] for x, y in zip(xs, ys)] + [(30.0, 10.0), (-60.0, -5.0)]
    points = _Points([p[0] for p in lonlat], [p[1] for p in lonlat])
    settings = FeatureSettings(context_chips=3)
    X0, keep0, reasons0, _ = point_features(points, [raster], bundle, settings)
    folder = str(tmp_path / "features-run")
    X1, keep1, reasons1, timings = point_features_distributed(points, [raster], bundle, settings, scheduler=address,
                                                              group_size=8, run_folder=folder)
    assert keep1.tolist() == keep0.tolist() and sorted(reasons1) == sorted(reasons0) and {40, 41} <= set(reasons1)
    np.testing.assert_allclose(X1, X0, rtol=1e-5, atol=1e-6)
    info = timings["distributed"]
    assert info["groups"] == 6 and info["groups_run"] == 6  # 40 in 5 groups of 8, the 2 outside in one more
    again = point_features_distributed(points, [raster], bundle, settings, scheduler=address, group_size=8,
                                       run_folder=folder)
    assert again[3]["distributed"]["groups_run"] == 0 and again[3]["distributed"]["groups_skipped"] == 6
    np.testing.assert_allclose(again[0], X0, rtol=1e-5, atol=1e-6)


def test_trainwealthmodel_on_the_cluster_trains_the_same_model(dask_cluster, tmp_path, processing):
    from test_wealth_helpers import SAMPLE

    from wealthmap.core.wealth.train_api import train_wealth_model

    address, _ = dask_cluster
    survey = os.path.join(ROOT, "sample_data", "train_survey_berlin.csv")
    common = {"SURVEY_FILE": survey, "VALUE_FIELD": "synthetic_index", "RASTERS": [SAMPLE], "CV": 0, "FOLDS": 3,
              "BLOCK_KM": 5.0, "TREES": 20, "ABLATION": False}
    import glob
    import shutil
    import tempfile

    pattern = os.path.join(tempfile.gettempdir(), "wealthmap_features_*")
    for folder in glob.glob(pattern):  # run folders of earlier sessions
        shutil.rmtree(folder, ignore_errors=True)
    result = processing.run("wealthmap:trainwealthmodel", dict(common, SCHEDULER=address,
                                                               OUTPUT=str(tmp_path / "dask_model")))
    assert len(glob.glob(pattern)) == 1  # the features were computed on the cluster, kept in a run folder
    api = train_wealth_model(survey, [SAMPLE], value_field="synthetic_index", out_dir=str(tmp_path / "api"),
                             cv="blocked", folds=3, block_km=5.0, n_estimators=20, ablation=False, scheduler=address)
    assert api["distributed"]["groups"] >= 2 and api["distributed"]["groups_skipped"] == api["distributed"]["groups"]
    local = train_wealth_model(survey, [SAMPLE], value_field="synthetic_index", out_dir=str(tmp_path / "here"),
                               cv="blocked", folds=3, block_km=5.0, n_estimators=20, ablation=False,
                               use_cache=False)
    assert result["R2"] == pytest.approx(local["metrics"]["model"]["r2"], abs=1e-6)
    with open(os.path.join(result["OUTPUT"], "manifest.json"), encoding="utf-8") as a, \
            open(os.path.join(local["bundle"], "manifest.json"), encoding="utf-8") as b:
        ma, mb = json.load(a), json.load(b)
    assert ma["files"][ma["head"]["file"]]["sha256"] == mb["files"][mb["head"]["file"]]["sha256"]


def test_a_partition_whose_worker_dies_is_reported_the_rest_finishes_and_a_rerun_completes(raster, reference,
                                                                                            tmp_path, monkeypatch):
    import psutil

    from wealthmap.core.wealth.distributed import cluster

    monkeypatch.setattr(cluster, "ALLOWED_FAILURES", 0)  # no retry: the lost partition becomes a KilledWorker
    killed = []

    def kill(progress):
        if progress > 0 and not killed:
            workers = [p for p in psutil.Process().children(recursive=True)
                       if "spawn_main" in " ".join(p.cmdline())]
            killed.append(workers[0].pid)
            os.kill(workers[0].pid, signal.SIGKILL)

    fb = _Feedback(kill)
    out = tmp_path / "lost.gpkg"
    with pytest.raises(WealthMapError) as info:
        run(raster, out, scheduler="local", workers=2, tile_chips=2, feedback=fb.feedback)
    assert killed
    text = str(info.value)
    assert "partitions failed" in text and "run the same prediction again" in text.lower(), text
    failed = info.value.details["distributed"]["parts_failed"]
    assert 1 <= len(failed) and info.value.details["distributed"]["parts_run"] == 35 - len(failed)
    assert not out.exists()
    result = run(raster, out, scheduler="local", workers=2, tile_chips=2)
    assert result["distributed"]["parts_run"] == len(failed) and result["distributed"]["parts_skipped"] == 35 - len(
        failed)
    same_chips(read_chips(str(out)), reference[1])


class _Source:
    """A source object as a STAC reader may hand it: its assets' paths and a fingerprint of its items."""

    def __init__(self, paths, version):
        self._paths, self.version = paths, version

    def paths(self):
        return list(self._paths)

    def fingerprint(self):
        return "test-items:a@{}".format(self.version)


def test_a_source_object_is_read_through_its_paths_and_its_fingerprint_names_the_run(raster, reference, dask_cluster,
                                                                                      tmp_path, qgis_app):
    address, _ = dask_cluster
    out = tmp_path / "source.gpkg"
    first = run(_Source([raster], 1), out, scheduler=address, tile_chips=7)
    assert first["distributed"]["parts_run"] == 4
    same_chips(read_chips(str(out)), reference[1])
    again = run(_Source([raster], 1), out, scheduler=address, tile_chips=7)
    assert again["distributed"]["parts_run"] == 0
    changed = run(_Source([raster], 2), out, scheduler=address, tile_chips=7)  # the items changed: run afresh
    assert changed["distributed"]["parts_run"] == 4
    with open(os.path.join(changed["distributed"]["run_folder"], "manifest.json"), encoding="utf-8") as handle:
        assert json.load(handle)["definition"]["options"]["source"] == "test-items:a@2"


@pytest.mark.skipif(not (shutil.which("qgis_process.bin") or shutil.which("qgis_process")),
                    reason="qgis_process is installed by `make setup`")
def test_qgis_process_runs_predictwealth_on_the_cluster(raster, reference, dask_cluster, tmp_path, qgis_app):
    sys.path.insert(0, os.path.join(ROOT, "scripts"))
    from desktop import venv_site_packages
    from qgis_profile import make_profile

    address, _ = dask_cluster
    make_profile(str(tmp_path / "profile"), "default", ROOT)
    env = dict(os.environ, QGIS_CUSTOM_CONFIG_PATH=str(tmp_path / "profile"), QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=venv_site_packages() or "")
    out = tmp_path / "qp.gpkg"
    proc = subprocess.run([shutil.which("qgis_process.bin") or shutil.which("qgis_process"), "run",
                           "wealthmap:predictwealth", "--INPUT=" + raster, "--MAX_CHIPS=0", "--SCHEDULER=" + address,
                           "--OUTPUT=" + str(out)], env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "partitions:" in proc.stdout + proc.stderr
    same_chips(read_chips(str(out)), reference[1])


def test_a_four_band_covariate_model_trains_and_predicts_on_the_cluster_as_in_process(dask_cluster, tmp_path,
                                                                                      qgis_app):
    """After issue 14: the cluster's training features are those of the narrowed bundle (4 bands: no NDBI) and
    the covariates are sampled as in-process; a distributed prediction needs, checks and uses the covariate."""
    from test_train_covariates import write_covariate
    from train_helpers import BANDS, make_embedder_bundle, make_roof_scene, write_survey

    from wealthmap.core.wealth.bundle import load_bundle
    from wealthmap.core.wealth.distributed.run import predict_distributed
    from wealthmap.core.wealth.predict import predict
    from wealthmap.core.wealth.train_api import train_wealth_model

    address, _ = dask_cluster
    emb = str(tmp_path / "emb")
    make_embedder_bundle(emb)
    raster = str(tmp_path / "four.tif")
    lon, lat, share = make_roof_scene(raster, bands=BANDS[:4])
    c = np.random.default_rng(7).uniform(0.0, 1.0, len(share))
    survey = write_survey(str(tmp_path / "s.csv"), lon, lat, share + c)
    cov = write_covariate(tmp_path / "nightlights.tif", c)
    fast = dict(value_field="wealth", n_estimators=40, context_chips=3, use_cache=False, bundle=emb, ablation=False,
                covariates=["nightlights=" + cov])
    here = train_wealth_model(survey, [raster], out_dir=str(tmp_path / "here"), **fast)
    there = train_wealth_model(survey, [raster], out_dir=str(tmp_path / "there"), scheduler=address, **fast)
    assert there["distributed"]["groups"] >= 1 and here.get("distributed") is None
    np.testing.assert_allclose(there["X"], here["X"], rtol=0, atol=1e-5)
    a, b = load_bundle(here["bundle"]).manifest, load_bundle(there["bundle"]).manifest
    assert b["bands"] == ["B02", "B03", "B04", "B08"] and b["features"] == a["features"]
    assert b["features"][-1] == "covariate:nightlights" and "ndbi_mean" not in b["features"]
    assert a["files"][a["head"]["file"]]["sha256"] == b["files"][b["head"]["file"]]["sha256"]
    ref = predict(None, raster, bundle=there["bundle"], output=str(tmp_path / "ref.gpkg"), max_chips=0,
                  covariates={"nightlights": cov})
    dist = predict_distributed(None, raster, bundle=there["bundle"], output=str(tmp_path / "dist.gpkg"), max_chips=0,
                               covariates={"nightlights": cov}, scheduler=address, tile_chips=4)
    assert dist["distributed"]["parts"] > 1
    same_chips(read_chips(ref["output"]), read_chips(dist["output"]))
    none = tmp_path / "none.gpkg"
    with pytest.raises(WealthMapError, match="nightlights"):
        predict_distributed(None, raster, bundle=there["bundle"], output=str(none), max_chips=0, scheduler=address)
    assert not none.exists()
