"""Thematic dock: Korean/space export path, join twice, edited table."""

import os
import shutil
import time

from qgis.core import QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication

from wealthmap.ui.thematic_dock import ThematicDock

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DISTRICTS = os.path.join(ROOT, "sample_data", "thematic_districts.gpkg")
STATS = os.path.join(ROOT, "sample_data", "thematic_stats_cp949.csv")


def wait(dock, timeout=60):
    deadline = time.monotonic() + timeout
    while dock.task is not None and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.01)
    QCoreApplication.processEvents()
    assert dock.task is None


def _setup(qgis_iface, stats=STATS):
    project = QgsProject.instance()
    layer = QgsVectorLayer(DISTRICTS, "districts", "ogr")
    project.addMapLayer(layer)
    dock = ThematicDock(qgis_iface)
    dock.join_layer.setLayer(layer)
    dock.layer_key.setField("code")
    dock.table_file.setFilePath(stats)
    dock.on_table_changed(stats)
    return dock, layer


def test_export_korean_path_with_spaces(qgis_iface, tmp_path):
    dock, layer = _setup(qgis_iface)
    try:
        dock.run_join()
        wait(dock)
        assert dock.last_join is not None, dock.status.text()
        dock.field.setField("population")
        assert dock.apply_choropleth() is not None, dock.status.text()
        out = tmp_path / "지도 출력" / "인구 지도.png"
        out.parent.mkdir()
        dock.export_file.setFilePath(str(out))
        dock.dpi.setValue(40)
        assert dock.export() is not None, dock.status.text()
        assert out.exists() and out.with_suffix(".pdf").exists()
    finally:
        dock.deleteLater()
        QgsProject.instance().removeAllMapLayers()


def test_join_twice(qgis_iface, tmp_path):
    dock, layer = _setup(qgis_iface)
    try:
        dock.run_join()
        wait(dock)
        dock.run_join()
        wait(dock)
        names = [lyr.name() for lyr in QgsProject.instance().mapLayers().values()]
        print("layers:", names, "status:", dock.status.text())
    finally:
        dock.deleteLater()
        QgsProject.instance().removeAllMapLayers()


def test_join_report_after_table_edited(qgis_iface, tmp_path):
    """The user fixes the table (e.g. in Excel) and looks at the live key report again."""
    copy = str(tmp_path / "stats.csv")
    shutil.copy(STATS, copy)
    dock, layer = _setup(qgis_iface, copy)
    try:
        before = dock.update_join_report()
        print("before:", dock.join_report.text())
        with open(copy, encoding="cp949") as f:
            lines = f.read().splitlines()
        with open(copy, "w", encoding="cp949") as f:
            f.write("\n".join(lines[:5]) + "\n")  # keep 4 rows
        dock.table_file.setFilePath("")
        dock.table_file.setFilePath(copy)  # re-picked
        dock.table_key.setCurrentText("code")
        after = dock.update_join_report()
        print("after:", dock.join_report.text())
        assert after != before, "join report still counts the old file's rows"
    finally:
        dock.deleteLater()
        QgsProject.instance().removeAllMapLayers()
