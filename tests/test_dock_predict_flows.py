"""Predict tab: region tools with odd input, mosaic list."""

import os

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsProject,
    QgsRasterLayer,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.gui import QgsMapToolPan
from qgis.PyQt.QtCore import Qt

from wealthmap.core.errors import WealthMapError

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
S2 = os.path.join(ROOT, "sample_data", "sentinel2_berlin.tif")
RECT = QgsRectangle(331000, 5815000, 344000, 5821000)


@pytest.fixture
def widget(qgis_iface):
    from wealthmap.ui.wealth_dock import WealthDock

    project = QgsProject.instance()
    raster = QgsRasterLayer(S2, "s2")
    project.addMapLayer(raster)
    dock = WealthDock(qgis_iface)
    w = dock.predict_widget
    w.raster.setLayer(raster)
    yield w
    dock.cleanup()
    dock.deleteLater()
    project.removeAllMapLayers()


def _poly_layer(authid, geom, select=True):
    layer = QgsVectorLayer("Polygon?crs=" + authid, "regions " + authid, "memory")
    f = QgsFeature()
    f.setGeometry(geom)
    layer.dataProvider().addFeatures([f])
    QgsProject.instance().addMapLayer(layer)
    if select:
        layer.selectAll()
    return layer


def _chips(widget):
    from wealthmap.core.wealth.predict import count_chips

    p = widget.parameters()
    return count_chips(p["raster"], p["region"], p["region_crs"], p["bundle"], p["band_map"])



@pytest.fixture(autouse=True)
def canvas_crs_restored(qgis_iface):
    """These tests change the canvas CRS: give the next modules the canvas as they found it."""
    canvas = qgis_iface.mapCanvas()
    crs = canvas.mapSettings().destinationCrs()
    yield
    canvas.setDestinationCrs(crs)

def test_selected_features_in_another_crs(widget):
    utm = QgsGeometry.fromRect(RECT)
    wgs = QgsGeometry(utm)
    wgs.transform(QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:32633"),
                                         QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance()))
    a = _poly_layer("EPSG:32633", utm)
    b = _poly_layer("EPSG:4326", wgs)
    widget.set_mode("selected")
    widget.region_layer.setLayer(a)
    n_utm = _chips(widget)
    widget.region_layer.setLayer(b)
    n_wgs = _chips(widget)
    print("chips utm", n_utm, "wgs", n_wgs)
    assert abs(n_utm - n_wgs) <= 2


def test_selected_none_selected_and_layer_extent(widget):
    layer = _poly_layer("EPSG:32633", QgsGeometry.fromRect(RECT), select=False)
    widget.set_mode("selected")
    widget.region_layer.setLayer(layer)
    with pytest.raises(WealthMapError, match="selected"):
        widget.parameters()
    assert widget.run() is None and "select the region" in widget.dock.status.text()
    widget.set_mode("layer")
    assert _chips(widget) == 15


def test_region_layer_removed(widget):
    layer = _poly_layer("EPSG:32633", QgsGeometry.fromRect(RECT))
    widget.set_mode("selected")
    widget.region_layer.setLayer(layer)
    QgsProject.instance().removeMapLayer(layer.id())
    assert widget.region_layer.currentLayer() is None
    assert widget.run() is None
    print("status:", widget.dock.status.text())


def test_region_outside_raster(widget):
    widget.set_mode("selected")
    layer = _poly_layer("EPSG:4326", QgsGeometry.fromRect(QgsRectangle(126, 37, 127, 38)))
    widget.region_layer.setLayer(layer)
    assert widget.run() is None
    print("status:", widget.dock.status.text())
    assert widget.dock.status.text()


def test_canvas_mode_without_crs(widget, qgis_iface):
    canvas = qgis_iface.mapCanvas()
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem())
    widget.set_mode("canvas")
    assert widget.run() is None
    print("status:", widget.dock.status.text())


def test_draw_pressed_twice_gives_back_the_previous_tool(widget, qgis_iface):
    canvas = qgis_iface.mapCanvas()
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:32633"))
    pan = QgsMapToolPan(canvas)
    canvas.setMapTool(pan)
    widget.set_mode("rectangle")
    widget.draw_button.click()
    widget.draw_button.click()  # pressed again (e.g. missed the first drag)
    widget.rect_tool.extentChanged.emit(RECT)
    try:
        assert widget.region is not None
        assert canvas.mapTool() is pan, "drawing tool stays active after the region is drawn"
    finally:
        canvas.unsetMapTool(canvas.mapTool())


def test_switch_mode_while_drawing(widget, qgis_iface):
    canvas = qgis_iface.mapCanvas()
    pan = QgsMapToolPan(canvas)
    canvas.setMapTool(pan)
    widget.set_mode("polygon")
    widget.draw_button.click()
    widget.set_mode("raster")
    try:
        print("tool after switching mode to raster:", canvas.mapTool())
        assert canvas.mapTool() is pan, "polygon tool still captures clicks after switching region mode"
    finally:
        canvas.unsetMapTool(canvas.mapTool())


def test_mosaic_list_keeps_ticks_when_main_raster_changes(widget):
    project = QgsProject.instance()
    other = QgsRasterLayer(S2, "other")
    third = QgsRasterLayer(S2, "third")
    project.addMapLayers([other, third])
    main = widget.raster.currentLayer()
    labels = [widget.more_rasters.itemText(i) for i in range(widget.more_rasters.count())]
    assert sorted(labels) == ["other", "third"], labels
    i = labels.index("other")
    widget.more_rasters.setItemCheckState(i, Qt.CheckState.Checked)
    other.setName("renamed")
    labels = [widget.more_rasters.itemText(i) for i in range(widget.more_rasters.count())]
    print("after rename:", labels)
    widget.raster.setLayer(third)
    widget.raster.setLayer(main)
    print("checked:", widget.more_rasters.checkedItems())
