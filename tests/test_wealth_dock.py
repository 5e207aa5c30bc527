"""Wealth dock, Predict tab: regions from map tools / selection / extents, chip-limit question, same result as API."""

import os
import sqlite3
import sys
import time

import numpy as np
from qgis.core import QgsCoordinateReferenceSystem, QgsPointXY, QgsProject, QgsRasterLayer, QgsRectangle
from qgis.PyQt.QtCore import QCoreApplication, Qt

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_wealth_helpers import SAMPLE  # noqa: E402

from wealthmap.ui.wealth_dock import WealthDock  # noqa: E402


def wait_for_task(dock, timeout=120):
    deadline = time.monotonic() + timeout
    while dock.task is not None and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.01)
    assert dock.task is None, "task did not finish"


def run_whole_raster(dock):
    """Predict over the whole raster into a temporary file; the result (fails with the dock's status)."""
    widget = dock.predict_widget
    widget.set_mode("raster")
    widget.temporary.setChecked(True)
    assert widget.run() is not None
    wait_for_task(dock)
    assert widget.last_result is not None, dock.status.text()
    return widget.last_result


def close(dock):
    """Unload the dock and empty the project."""
    dock.cleanup()
    dock.deleteLater()
    project = QgsProject.instance()
    for layer in list(project.mapLayers().values()):
        project.removeMapLayer(layer.id())


def wealth(path):
    con = sqlite3.connect(path)
    try:
        table = con.execute("select table_name from gpkg_contents where data_type='features'").fetchone()[0]
        return con.execute('select grid_col, grid_row, wealth from "{}" order by chip_id'.format(table)).fetchall()
    finally:
        con.close()


def test_predict_tab_end_to_end(qgis_iface, tmp_path):
    from wealthmap.core.settings import WEALTH_MAX_CHIPS
    from wealthmap.core.wealth.api import predict_wealth

    project = QgsProject.instance()
    raster = QgsRasterLayer(SAMPLE, "s2")
    project.addMapLayer(raster)
    canvas = qgis_iface.mapCanvas()
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:32633"))
    dock = WealthDock(qgis_iface)
    widget = dock.predict_widget
    try:
        assert dock.tabs.tabText(0) == "Predict"
        assert "demonstration model, not a wealth estimate" in widget.model_label.text()
        widget.raster.setLayer(raster)
        # rectangle map tool: activated by Draw, result arrives through its signal
        widget.set_mode("rectangle")
        widget.start_drawing()
        assert canvas.mapTool() is widget.rect_tool
        rect = QgsRectangle(331000, 5815000, 344000, 5821000)
        widget.rect_tool.extentChanged.emit(rect)
        assert widget.region is not None and widget.region_band is not None
        widget.temporary.setChecked(False)
        out = str(tmp_path / "dock.gpkg")
        widget.output.setFilePath(out)
        assert widget.run() is not None
        wait_for_task(dock)
        result = widget.last_result
        assert result is not None, dock.status.text()
        assert result["chips"] == 15 and result["output"] == out
        assert widget.last_layer.id() in project.mapLayers()
        # a short name in the layer panel; the long title (its tooltip) says it is a demonstration model
        assert widget.last_layer.name() == "Wealth (demo)"
        props = widget.last_layer.serverProperties() if hasattr(widget.last_layer, "serverProperties") and \
            hasattr(widget.last_layer.serverProperties(), "title") else widget.last_layer
        assert "demonstration model, not a wealth estimate" in props.title()
        assert "demonstration model, not a wealth estimate" in props.abstract()
        assert widget.last_layer.renderer().type() == "graduatedSymbol"
        assert "15 ok" in widget.summary.text() and "demonstration model, not a wealth estimate" in \
            widget.summary.text()
        api = predict_wealth(SAMPLE, region=rect, region_crs="EPSG:32633", output=str(tmp_path / "api.gpkg"),
                             max_chips=0)
        a, b = wealth(out), wealth(api["output"])
        assert [r[:2] for r in a] == [r[:2] for r in b]
        np.testing.assert_allclose([r[2] for r in a], [r[2] for r in b], rtol=1e-6)

        # polygon tool: three clicks and a right click (finish)
        widget.set_mode("polygon")
        widget.start_drawing()
        tool = widget.poly_tool
        for x, y in ((331000, 5815000), (344000, 5815000), (344000, 5821000)):
            tool.add_point(QgsPointXY(x, y))
        tool.finish()
        geom, crs = widget.current_region()
        assert geom.area() == 13000 * 6000 / 2 and crs.authid() == "EPSG:32633"

        # chip limit: the dock asks first
        WEALTH_MAX_CHIPS.set(5)
        asked = []
        widget.confirm_many_chips = lambda n, limit: asked.append((n, limit)) or False
        widget.set_mode("raster")
        assert widget.run() is None and asked == [(18, 5)]
        assert "more than the limit of 5" in dock.status.text()
        widget.confirm_many_chips = lambda n, limit: True
        widget.temporary.setChecked(True)
        assert widget.run() is not None
        wait_for_task(dock)
        assert widget.last_result["chips"] == 18 and widget.last_result["temporary"]

        # bad input: no region drawn / nothing selected -> message, no task
        widget.region = None
        widget.set_mode("rectangle")
        assert widget.run() is None and "Draw a region on the map first" in dock.status.text()
    finally:
        WEALTH_MAX_CHIPS.reset()
        dock.cleanup()
        assert widget.region_band is None and widget.rect_tool is None
        dock.deleteLater()
        for layer in list(project.mapLayers().values()):
            project.removeMapLayer(layer.id())


def test_predict_tab_on_a_sentinel2_product_layer(qgis_iface, tmp_path):
    """The layer QGIS opens from a downloaded product (its 10 m sub-dataset: B4, B3, B2, B8 only) predicts from
    the dock over the whole raster; the summary says the whole product was read, with its reflectance offset."""
    from osgeo import gdal
    from test_wealth_helpers import make_safe

    from wealthmap.core.wealth.sentinel2 import subdataset_bands

    project = QgsProject.instance()
    archive = make_safe(tmp_path, as_zip=True)
    ten = [name for name, _ in gdal.Open(archive).GetSubDatasets() if ":10m:" in name][0]
    layer = QgsRasterLayer(ten, "10 m")
    spectral, auxiliary = subdataset_bands(gdal.Open(ten))  # GDAL >= 3.10 adds AOT and WVP
    assert layer.isValid() and spectral == ["B4", "B3", "B2", "B8"] and layer.bandCount() == 4 + len(auxiliary)
    project.addMapLayer(layer)
    dock = WealthDock(qgis_iface)
    widget = dock.predict_widget
    try:
        widget.raster.setLayer(layer)
        result = run_whole_raster(dock)
        assert result["chips"] == 4 and result["chips_used"] == 4
        text = widget.summary.text()
        assert "Read the Sentinel-2 product S2B_MSIL2A_20230615T101559_N0509" in text and "-0.1" in text, text
    finally:
        close(dock)


def test_predict_tab_mosaics_ticked_rasters(qgis_iface, tmp_path):
    """'Mosaic with' lists the project's other raster layers; ticking one predicts over both (one run, one
    layer), the raster chosen above winning where they overlap; removing a layer removes it from the list."""
    from test_wealth_helpers import ORIGIN, make_s2, make_safe

    project = QgsProject.instance()
    west = make_safe(tmp_path / "w")
    east_tif = make_s2(tmp_path / "east.tif", origin=(ORIGIN[0] + 5120.0, ORIGIN[1]), width=512, height=512)
    # the west product as one of its band files dragged into QGIS (the whole product is read)
    first = QgsRasterLayer(os.path.join(west, "GRANULE", "L2A_T33UUU_A041000_20230615T101559", "IMG_DATA", "R10m",
                                        "T33UUU_20230615T101559_B04_10m.jp2"), "west B04")
    second = QgsRasterLayer(east_tif, "east")
    assert first.isValid() and second.isValid()
    project.addMapLayers([second])
    dock = WealthDock(qgis_iface)
    widget = dock.predict_widget
    try:
        widget.raster.setLayer(second)
        assert widget.more_rasters.count() == 0  # no other raster yet
        project.addMapLayers([first])
        widget.raster.setLayer(first)
        labels = [widget.more_rasters.itemText(i) for i in range(widget.more_rasters.count())]
        assert labels == ["east"], labels
        widget.more_rasters.setItemCheckState(0, Qt.CheckState.Checked)
        assert widget.raster_sources() == [first.source(), east_tif]
        result = run_whole_raster(dock)
        assert result["chips"] == 8 and result["chips_used"] == 8 and "mosaic of" in result["raster"]["name"]
        project.removeMapLayer(second.id())
        assert widget.more_rasters.count() == 0 and widget.raster_sources() == [first.source()]
    finally:
        close(dock)
