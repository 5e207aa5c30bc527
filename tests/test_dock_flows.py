"""Docks: the panels keep up with the project, survey layers of any provider, tools given back, restore after close."""

import os
import time

import pytest
from qgis.core import QgsProject, QgsRasterLayer, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication, QUrl
from qgis.PyQt.QtXml import QDomDocument

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
S2 = os.path.join(ROOT, "sample_data", "sentinel2_berlin.tif")
SURVEY = os.path.join(ROOT, "sample_data", "train_survey_berlin.csv")
DISTRICTS = os.path.join(ROOT, "sample_data", "thematic_districts.gpkg")
STATS = os.path.join(ROOT, "sample_data", "thematic_stats_cp949.csv")


def wait(dock, timeout=120):
    deadline = time.monotonic() + timeout
    while dock.task is not None and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.01)
    QCoreApplication.processEvents()
    assert dock.task is None, "task did not finish"


@pytest.fixture
def clean_project():
    yield QgsProject.instance()
    QgsProject.instance().removeAllMapLayers()


def test_train_raster_list_follows_project(qgis_iface, clean_project):
    """A raster added after the dock exists (the plugin builds its docks at initGui) must appear in the Train list."""
    from wealthmap.ui.wealth_dock import WealthDock

    dock = WealthDock(qgis_iface)
    try:
        layer = QgsRasterLayer(S2, "s2")
        clean_project.addMapLayer(layer)
        QCoreApplication.processEvents()
        assert dock.predict_widget.raster.currentLayer() is layer  # predict tab sees it
        assert dock.train_widget.raster_list.count() == 1, "Train tab raster list not refreshed"
    finally:
        dock.cleanup()
        dock.deleteLater()


def test_train_raster_list_drops_removed_layers(qgis_iface, clean_project):
    from wealthmap.ui.wealth_dock import WealthDock

    layer = QgsRasterLayer(S2, "s2")
    clean_project.addMapLayer(layer)
    dock = WealthDock(qgis_iface)
    try:
        assert dock.train_widget.raster_list.count() == 1
        clean_project.removeMapLayer(layer.id())
        QCoreApplication.processEvents()
        assert dock.train_widget.selected_rasters() == [], "removed raster is still used for training"
    finally:
        dock.cleanup()
        dock.deleteLater()


def _train_with_survey_layer(qgis_iface, project, layer, tmp_path, value="synthetic_index"):
    from wealthmap.ui.wealth_dock import WealthDock

    project.addMapLayer(layer)
    project.addMapLayer(QgsRasterLayer(S2, "s2"))
    dock = WealthDock(qgis_iface)
    widget = dock.train_widget
    widget.refresh_rasters()
    widget.layer_combo.setLayer(layer)
    widget.value_edit.setText(value)
    widget.out_widget.setFilePath(str(tmp_path / "model"))
    task = widget.start({"n_estimators": 5, "ablation": False})
    assert task is not None
    wait(dock, 300)
    return dock


def test_train_with_delimited_text_survey_layer(qgis_iface, clean_project, tmp_path):
    """A CSV added as a point layer (Data Source Manager > Delimited text) is the usual way to have survey points."""
    with open(SURVEY, encoding="utf-8") as f:
        print("header:", f.readline().strip())
    url = QUrl.fromLocalFile(SURVEY).toString() + "?delimiter=,&xField=lon&yField=lat&crs=EPSG:4326"
    layer = QgsVectorLayer(url, "survey", "delimitedtext")
    assert layer.isValid()
    dock = _train_with_survey_layer(qgis_iface, clean_project, layer, tmp_path)
    print("STATUS:", dock.status.text())
    assert "does not exist" not in dock.status.text(), dock.status.text()


def test_train_with_gpkg_survey_layer(qgis_iface, clean_project, tmp_path):
    """A GeoPackage point layer: its source is 'x.gpkg|layername=...'."""
    from qgis import processing  # noqa: F401
    url = QUrl.fromLocalFile(SURVEY).toString() + "?delimiter=,&xField=lon&yField=lat&crs=EPSG:4326"
    csv = QgsVectorLayer(url, "survey", "delimitedtext")
    from qgis.core import QgsCoordinateTransformContext, QgsVectorFileWriter
    opts = QgsVectorFileWriter.SaveVectorOptions()
    opts.driverName = "GPKG"
    opts.layerName = "points"
    err = QgsVectorFileWriter.writeAsVectorFormatV2(csv, str(tmp_path / "survey.gpkg"),
                                                    QgsCoordinateTransformContext(), opts)
    assert err[0] == QgsVectorFileWriter.WriterError.NoError, err
    layer = QgsVectorLayer(str(tmp_path / "survey.gpkg") + "|layername=points", "survey", "ogr")
    assert layer.isValid()
    print("SOURCE:", layer.source())
    dock = _train_with_survey_layer(qgis_iface, clean_project, layer, tmp_path)
    print("STATUS:", dock.status.text())
    assert "does not exist" not in dock.status.text(), dock.status.text()


def test_train_with_memory_survey_layer(qgis_iface, clean_project, tmp_path):
    layer = QgsVectorLayer("Point?crs=EPSG:4326&field=wealth:double", "pts", "memory")
    dock = _train_with_survey_layer(qgis_iface, clean_project, layer, tmp_path)
    print("STATUS:", dock.status.text())
    assert "does not exist" not in dock.status.text(), dock.status.text()


def test_thematic_close_and_reopen_keeps_project_restore(qgis_iface, clean_project, tmp_path):
    """Closing the dock with its X (closeEvent) disconnects readProject for good: reopening it never restores again."""
    from wealthmap.ui.thematic_dock import ThematicDock

    dock = ThematicDock(qgis_iface)
    dock.show()
    dock.close()   # user clicks the dock's close button
    dock.show()    # ... and reopens it from the toolbar
    clean_project.writeEntry("WealthMap", "thematic/title", "restored title")
    clean_project.writeEntry("WealthMap", "thematic/classes", "7")
    clean_project.readProject.emit(QDomDocument())
    try:
        assert dock.title.text() == "restored title", "settings of the opened project not restored"
    finally:
        dock.deleteLater()


def test_thematic_deleted_dock_project_read(qgis_iface, clean_project):
    """After unload (dock deleted without closeEvent) reading a project must not raise."""
    import sip

    from wealthmap.ui.thematic_dock import ThematicDock

    dock = ThematicDock(qgis_iface)
    sip.delete(dock)
    errors = []
    import sys
    old = sys.excepthook
    sys.excepthook = lambda *a: errors.append(a)
    try:
        clean_project.readProject.emit(QDomDocument())
        QCoreApplication.processEvents()
    finally:
        sys.excepthook = old
    assert not errors, errors


def test_geocode_review_after_output_layer_removed(qgis_iface, clean_project, tmp_path):
    from wealthmap.core import settings
    from wealthmap.ui.geocode_dock import GeocodeDock

    settings.GEOCODE_CACHE_DIR.set(str(tmp_path / "cache"))
    dock = GeocodeDock(qgis_iface)
    try:
        src = tmp_path / "juso.csv"
        src.write_text("id,address\n1,Seoul\n2,Montgomery\n", encoding="utf-8")
        dock.add_table(str(src))
        dock.output_file.setFilePath(str(tmp_path / "out.gpkg"))
        assert dock.run() is not None
        wait(dock)
        assert dock.output_layer is not None, dock.status.text()
        clean_project.removeMapLayer(dock.output_layer.id())
        QCoreApplication.processEvents()
        dock.filter_combo.setCurrentIndex(0)  # user changes the review filter
    finally:
        dock.cleanup()
        settings.GEOCODE_CACHE_DIR.reset()


def test_thematic_restore_control_without_close(qgis_iface, clean_project):
    """Control: same as above without close/show -> restored (so the close is what breaks it)."""
    from wealthmap.ui.thematic_dock import ThematicDock

    dock = ThematicDock(qgis_iface)
    clean_project.writeEntry("WealthMap", "thematic/title", "restored title")
    clean_project.readProject.emit(QDomDocument())
    try:
        assert dock.title.text() == "restored title"
    finally:
        dock.deleteLater()


def test_train_survey_lacking_fields(qgis_iface, clean_project, tmp_path):
    from wealthmap.ui.wealth_dock import WealthDock

    clean_project.addMapLayer(QgsRasterLayer(S2, "s2"))
    dock = WealthDock(qgis_iface)
    w = dock.train_widget
    w.refresh_rasters()
    w.file_widget.setFilePath(SURVEY)
    w.out_widget.setFilePath(str(tmp_path / "m"))
    msgs = []
    for value, group, urban in (("wealthpooled", "", ""), ("synthetic_index", "country", ""),
                                ("synthetic_index", "", "rural_flag")):
        w.value_edit.setText(value)
        w.group_edit.setText(group)
        w.urban_edit.setText(urban)
        assert w.start({"n_estimators": 5, "ablation": False}) is not None
        wait(dock, 300)
        msgs.append(dock.status.text())
        print("STATUS:", dock.status.text())
    assert all(m and "Internal error" not in m for m in msgs)
    dock.cleanup()


def test_geocode_layer_removed_after_choosing(qgis_iface, clean_project, tmp_path):
    from wealthmap.ui.geocode_dock import GeocodeDock

    dock = GeocodeDock(qgis_iface)
    src = tmp_path / "a.csv"
    src.write_text("id,address\n1,Seoul\n", encoding="utf-8")
    layer = dock.add_table(str(src))
    clean_project.removeMapLayer(layer.id())
    QCoreApplication.processEvents()
    print("combo:", dock.layer_combo.currentLayer(), "fields:", dock.fields_combo.count())
    assert dock.run() is None
    print("STATUS:", dock.status.text())
    dock.cleanup()
