"""Thematic dock: join with live report, choropleth preview and apply, charts, export, per-project settings."""

import os
import time

from qgis.core import QgsGraduatedSymbolRenderer, QgsProject, QgsRuleBasedRenderer, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication, Qt

from wealthmap.ui.thematic_dock import ThematicDock

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DISTRICTS = os.path.join(ROOT, "sample_data", "thematic_districts.gpkg")
STATS = os.path.join(ROOT, "sample_data", "thematic_stats_cp949.csv")


def wait_for_task(dock, timeout=60):
    deadline = time.monotonic() + timeout
    while dock.task is not None and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.01)
    assert dock.task is None, "task did not finish"


def test_dock_end_to_end(qgis_iface, tmp_path):
    project = QgsProject.instance()
    layer = QgsVectorLayer(DISTRICTS, "districts", "ogr")
    project.addMapLayer(layer)
    dock = ThematicDock(qgis_iface)
    try:
        dock.join_layer.setLayer(layer)
        dock.layer_key.setField("code")
        dock.table_file.setFilePath(STATS)
        dock.on_table_changed(STATS)
        assert dock.table_key.currentText() == "code"
        assert dock.update_join_report() == 29
        assert "29 of 30 layer keys" in dock.join_report.text() and "CP949" in dock.join_report.text()
        dock.run_join()
        wait_for_task(dock)
        assert dock.last_join is not None, dock.status.text()
        joined = dock.last_join.layer
        assert joined.id() in project.mapLayers() and dock.map_layer.currentLayer() is joined
        # choropleth with preview
        dock.field.setField("population")
        dock.method.setCurrentIndex(dock.method.findData("quantile"))
        dock.classes.setValue(4)
        dock.update_preview()
        assert dock.histogram.breaks and len(dock.histogram.breaks) == 4
        assert "4 classes" in dock.class_info.text()
        result = dock.apply_choropleth()
        assert result is not None and isinstance(joined.renderer(), QgsRuleBasedRenderer)  # one district: No data
        # per-project settings
        assert QgsProject.instance().readEntry("WealthMap", "thematic/method")[0] == "quantile"
        dock2 = ThematicDock(qgis_iface)
        assert dock2.method.currentData() == "quantile" and dock2.classes.value() == 4
        assert dock2.table_file.filePath() == STATS
        dock2.deleteLater()
        # charts
        for i in range(dock.chart_fields.count()):
            item = dock.chart_fields.item(i)
            if item.text() in ("men", "women"):
                item.setCheckState(Qt.CheckState.Checked)
        assert dock.apply_chart() is not None and joined.diagramRenderer() is not None
        # export
        dock.title.setText("인구")
        dock.dpi.setValue(50)
        dock.export_file.setFilePath(str(tmp_path / "map.png"))
        exported = dock.export()
        assert exported is not None and os.path.exists(tmp_path / "map.png") and os.path.exists(tmp_path / "map.pdf")
    finally:
        dock.deleteLater()
        project.removeAllMapLayers()


def test_dock_reports_bad_input(qgis_iface, tmp_path):
    project = QgsProject.instance()
    layer = QgsVectorLayer("Polygon?crs=EPSG:5186&field=v:double&field=t:string", "m", "memory")
    project.addMapLayer(layer)
    dock = ThematicDock(qgis_iface)
    try:
        dock.map_layer.setLayer(layer)
        dock.field.setField("v")
        assert dock.apply_choropleth() is None
        assert "has no features" in dock.status.text()
        dock.export_file.setFilePath("")
        assert dock.export() is None and "PNG file" in dock.status.text()
    finally:
        dock.deleteLater()
        project.removeAllMapLayers()


def test_graduated_when_no_nulls(qgis_iface):
    project = QgsProject.instance()
    layer = QgsVectorLayer(DISTRICTS, "districts", "ogr")
    project.addMapLayer(layer)
    dock = ThematicDock(qgis_iface)
    try:
        dock.map_layer.setLayer(layer)
        dock.field.setField("code")
        dock.method.setCurrentIndex(dock.method.findData("equal"))
        assert dock.apply_choropleth() is not None
        assert isinstance(layer.renderer(), QgsGraduatedSymbolRenderer)
    finally:
        dock.deleteLater()
        project.removeAllMapLayers()


def test_value_field_starts_on_data_not_fid(qgis_iface):
    from qgis.core import QgsFeature, QgsGeometry

    QgsProject.instance().clear()  # no per-project choices saved by other tests
    layer = QgsVectorLayer("Polygon?crs=EPSG:5186&field=fid:integer&field=code:integer&field=name:string"
                           "&field=population:double", "districts", "memory")
    feature = QgsFeature(layer.fields())
    feature.setAttributes([1, 11010, "종로구", 141223.0])
    feature.setGeometry(QgsGeometry.fromWkt("POLYGON((0 0, 1 0, 1 1, 0 1, 0 0))"))
    layer.dataProvider().addFeatures([feature])
    QgsProject.instance().addMapLayer(layer)
    dock = ThematicDock(qgis_iface)
    try:
        dock.map_layer.setLayer(layer)
        assert dock.field.currentField() == "population"
    finally:
        dock.deleteLater()
        QgsProject.instance().removeMapLayer(layer.id())


def test_dock_bivariate_map(qgis_iface):
    from qgis.core import QgsFeature, QgsGeometry

    QgsProject.instance().clear()
    layer = QgsVectorLayer("Polygon?crs=EPSG:5186&field=code:integer&field=income:double&field=elderly:double",
                           "districts", "memory")
    features = []
    for i in range(12):
        feature = QgsFeature(layer.fields())
        feature.setAttributes([i, 100.0 + 7 * i, 30.0 - (i * 5) % 13])
        feature.setGeometry(QgsGeometry.fromWkt("POLYGON(({0} 0, {1} 0, {1} 1, {0} 1, {0} 0))".format(i, i + 1)))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    QgsProject.instance().addMapLayer(layer)
    dock = ThematicDock(qgis_iface)
    try:
        dock.map_layer.setLayer(layer)
        dock.bivariate_x.setField("income")
        dock.bivariate_y.setField("elderly")
        dock.bivariate_palette.setCurrentIndex(dock.bivariate_palette.findData("greenblue"))
        result = dock.apply_bivariate()
        assert result is not None, dock.status.text()
        assert isinstance(layer.renderer(), QgsRuleBasedRenderer)
        assert len(layer.renderer().rootRule().children()) >= 9
        assert dock.bivariate_legend.pixmap() is not None and not dock.bivariate_legend.pixmap().isNull()
        # same field twice: a clear message, the renderer is left as it was
        before = layer.renderer().dump()
        dock.bivariate_y.setField("income")
        assert dock.apply_bivariate() is None
        assert "two different fields" in dock.status.text()
        assert layer.renderer().dump() == before
    finally:
        dock.deleteLater()
        QgsProject.instance().removeMapLayer(layer.id())


def test_method_box_offers_head_tail_breaks_in_english_and_korean(qgis_iface):
    from wealthmap.core.i18n import install_translator, remove_translator

    project = QgsProject.instance()
    layer = QgsVectorLayer(DISTRICTS, "districts", "ogr")
    project.addMapLayer(layer)
    dock = ThematicDock(qgis_iface)
    try:
        index = dock.method.findData("headtail")
        assert index >= 0 and dock.method.itemText(index) == "Head/tail breaks (heavy-tailed data)"
        dock.method.setCurrentIndex(index)
        assert not dock.classes.isEnabled()  # the data decide the number of classes
    finally:
        dock.deleteLater()
        project.removeAllMapLayers()
    assert install_translator("ko") == "ko", "run `make i18n`"
    try:
        korean = ThematicDock(qgis_iface)
        assert korean.method.itemText(korean.method.findData("headtail")) == "헤드/테일 구분 (꼬리가 긴 분포)"
        korean.deleteLater()
    finally:
        remove_translator()
