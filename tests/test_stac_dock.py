"""The Wealth dock's "Imagery (STAC)" tab against the loopback servers: search -> table and footprints,
composite -> true-colour layer, survey layer -> trained bundle (pytest-qgis, tasks run as in QGIS)."""

import os
import sys
import time

import numpy as np
import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsProject, QgsRasterLayer, QgsRectangle, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication, QDate

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import stac_servers
from test_stac_points import _survey_points
from train_helpers import make_embedder_bundle, write_survey


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    cat = stac_servers.build_catalogue(str(tmp_path_factory.mktemp("stac_cat")))
    sv = stac_servers.Servers(cat).start()
    sv.set_faults({})
    yield sv
    sv.stop()


def wait(dock, timeout=300):
    deadline = time.monotonic() + timeout
    while dock.task is not None and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.01)
    assert dock.task is None, "task did not finish"


def test_dock_search_composite_and_train_from_stac(qgis_iface, servers, tmp_path):
    from wealthmap.ui.wealth_dock import WealthDock

    canvas = qgis_iface.mapCanvas()
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:32633"))
    canvas.setExtent(QgsRectangle(332560.0, 5819480.0, 333840.0, 5822040.0))
    dock = WealthDock(qgis_iface)
    w = dock.stac_widget
    assert dock.tabs.tabText(dock.tabs.count() - 1) == "Imagery (STAC)"
    try:
        w.endpoint.setEditText(servers.stac_url)
        w.date_from.setDate(QDate(2023, 6, 1))
        w.date_to.setDate(QDate(2023, 7, 31))
        w.max_cloud.setValue(60)
        assert w.search() is not None
        wait(dock)
        assert w.search_result is not None, dock.status.text()
        assert w.table.rowCount() == 4 and w.table.item(0, 0).text() == "2023-06-05"
        assert w.table.item(0, 1).text() == "33UUU"
        feet = [lyr for lyr in QgsProject.instance().mapLayers().values() if isinstance(lyr, QgsVectorLayer)]
        assert len(feet) == 1 and feet[0].featureCount() == 4
        w.mask_checks["snow"].setChecked(True)
        assert w.composite() is not None
        wait(dock)
        assert w.last_composite is not None, dock.status.text()
        rasters = [lyr for lyr in QgsProject.instance().mapLayers().values() if isinstance(lyr, QgsRasterLayer)]
        assert len(rasters) == 1 and rasters[0].renderer().type() == "multibandcolor"
        assert w.last_composite["windows_not_ok"] == 0 and w.summary.text().startswith("Composite of 4 items")
        # survey layer -> trained bundle
        lon, lat, _ = _survey_points()
        value = np.linspace(0, 1, len(lon))
        path = write_survey(str(tmp_path / "survey.csv"), lon, lat, value)
        layer = QgsVectorLayer("file://{}?type=csv&xField=lon&yField=lat&crs=EPSG:4326".format(path), "survey",
                               "delimitedtext")
        assert layer.isValid()
        QgsProject.instance().addMapLayer(layer)
        w.survey.setLayer(layer)
        w.value.setText("wealth")
        w.out_dir.setFilePath(str(tmp_path / "model"))
        emb = make_embedder_bundle(str(tmp_path / "emb"))
        assert w.train({"bundle": getattr(emb, "path", str(tmp_path / "emb")), "n_estimators": 10, "block_km": 1.0,
                        "context_chips": 3, "ablation": False, "cache_path": str(tmp_path / "f.sqlite"),
                        "stac_options": {"folder": str(tmp_path / "win")}}) is not None
        wait(dock)
        assert w.last_training is not None, dock.status.text()
        assert w.last_training["stac"]["counts"] == {"ok": 48}
        assert os.path.exists(os.path.join(str(tmp_path / "model"), "manifest.json"))
        assert "point imagery: 48 ok" in w.summary.text()
    finally:
        dock.cleanup()
        dock.deleteLater()
        QgsProject.instance().removeAllMapLayers()
