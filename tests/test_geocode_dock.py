"""The Geocode dock: run on a CP949 table, review (filter, candidates, pick one, click the map), cleanup."""

import os
import time

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsPointXY, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication, Qt


def _wait(dock, timeout=60):
    deadline = time.monotonic() + timeout
    while dock.task is not None:
        QCoreApplication.processEvents()
        assert time.monotonic() < deadline, "geocoding task did not finish"
        time.sleep(0.01)
    QCoreApplication.processEvents()


@pytest.fixture
def dock(qgis_iface, tmp_path):
    from wealthmap.core import settings
    from wealthmap.ui.geocode_dock import GeocodeDock

    settings.GEOCODE_CACHE_DIR.set(str(tmp_path / "cache"))
    d = GeocodeDock(qgis_iface)
    yield d
    d.cleanup()
    settings.GEOCODE_CACHE_DIR.reset()
    settings.GEOCODE_PROVIDER.reset()
    QgsProject.instance().removeAllMapLayers()


def test_dock_geocodes_and_reviews(dock, tmp_path, qgis_iface):
    src = tmp_path / "juso.csv"  # (core.tables.load_table fails on non-ASCII file names: reported)
    with open(src, "w", encoding="cp949") as handle:
        handle.write("번호,주소\n1,서울특별시\n2,Montgomery\n3,없는 곳 99\n4,\n")
    layer = dock.add_table(str(src))
    assert layer is not None and dock.layer_combo.currentLayer() is layer
    assert dock.fields_combo.checkedItems() == ["주소"]  # guessed from the name
    dock.output_file.setFilePath(str(tmp_path / "out.gpkg"))
    dock.unmatched_check.setChecked(True)
    assert dock.run() is not None
    _wait(dock)
    assert dock.result is not None, dock.status.text()
    assert dock.result["counts"] == {"matched": 1, "ambiguous": 1, "not_found": 1, "empty": 1, "error": 0}
    assert os.path.exists(str(tmp_path / "out_unmatched.csv"))
    assert dock.output_layer.featureCount() == 4
    # review: ambiguous and unmatched rows
    assert dock.table.rowCount() == 2
    statuses = sorted(dock.table.item(i, 1).text() for i in range(2))
    assert statuses == ["Ambiguous", "Not found"]  # labels (translated); the output field keeps the codes
    amb = [i for i in range(2) if dock.table.item(i, 1).text() == "Ambiguous"][0]
    dock.table.selectRow(amb)
    assert dock.candidates.count() >= 2 and len(dock.markers.bands) == dock.candidates.count()
    dock.candidates.setCurrentRow(1)
    chosen = dock.current_candidates()[1]
    assert dock.use_candidate()
    # the layer file holds the choice
    reopened = QgsVectorLayer(str(tmp_path / "out.gpkg"), "o", "ogr")
    row = [f for f in reopened.getFeatures() if f["주소"] == "Montgomery"][0]
    assert row["status"] == "matched" and row["match_type"] == "manual"
    assert row.geometry().asPoint().x() == pytest.approx(chosen["lon"])
    # click on the map for the unmatched row
    assert dock.table.rowCount() == 1 and dock.table.item(0, 1).text() == "Not found"
    dock.table.selectRow(0)
    dock.pick_button.setChecked(True)
    canvas = qgis_iface.mapCanvas()
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4326"))  # the click below is in degrees
    assert canvas.mapTool() is dock.map_tool
    dock.map_tool.canvasClicked.emit(QgsPointXY(126.5, 33.5), Qt.MouseButton.LeftButton)
    assert not dock.pick_button.isChecked()
    row = [f for f in QgsVectorLayer(str(tmp_path / "out.gpkg"), "o", "ogr").getFeatures() if f["번호"] == 3][0]
    assert row["status"] == "matched" and row.geometry().asPoint().y() == pytest.approx(33.5)
    # a rerun gives the reviewed points from the cache
    dock.run()
    _wait(dock)
    assert dock.result["counts"]["matched"] == 3 and dock.result["stats"]["requested"] == 0
    # cleanup removes the map tool and markers
    dock.pick_button.setChecked(True)
    dock.cleanup()
    assert dock.map_tool is None and canvas.mapTool() is None and dock.markers.bands == []


def test_dock_offers_locator_filter(dock, qgis_app):
    from qgis.core import QgsGeocoderContext, QgsProject
    from qgis.gui import QgsGeocoderLocatorFilter

    from wealthmap.core.geocode.qgs_geocoder import WealthMapGeocoder

    assert isinstance(dock.locator_filter, QgsGeocoderLocatorFilter) and dock.locator_filter.prefix() == "wg"
    geocoder = dock.locator_filter.geocoder()
    assert isinstance(geocoder, WealthMapGeocoder)
    results = geocoder.geocodeString("Nairobi", QgsGeocoderContext(QgsProject.instance().transformContext()))
    assert results[0].identifier() == "Nairobi, Kenya"
    dock.cleanup()
    assert dock.locator_filter is None


def test_dock_viewbox_from_map_extent(dock, qgis_iface):
    from qgis.core import QgsCoordinateReferenceSystem, QgsRectangle

    canvas = qgis_iface.mapCanvas()
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
    canvas.setExtent(QgsRectangle(126.0, 37.0, 128.0, 38.0))
    dock.extent_check.setChecked(True)
    box = dock.options()["viewbox"]
    assert box[0] <= 126.0 + 1e-6 and box[2] >= 128.0 - 1e-6 and box[1] <= 37.0 + 1e-6
    dock.extent_check.setChecked(False)
    assert dock.options()["viewbox"] is None


def test_dock_reports_bad_input(dock, tmp_path):
    src = tmp_path / "nums.csv"
    src.write_text("a,b\n1,2\n", encoding="utf-8")
    dock.add_table(str(src))
    assert dock.run() is None
    assert "No address field" in dock.status.text()


def test_dock_shows_korean(qgis_iface):
    from wealthmap.core.i18n import install_translator, remove_translator
    from wealthmap.ui.geocode_dock import GeocodeDock

    assert install_translator("ko") == "ko"
    try:
        d = GeocodeDock(qgis_iface)
        assert any("\uac00" <= ch <= "\ud7a3" for ch in d.run_button.text() + d.windowTitle())
        d.cleanup()
    finally:
        remove_translator()


def test_dock_review_shows_the_parsed_parts(dock, tmp_path):
    """The review table shows what the geocoder read from each address: matched parts and what it set aside."""
    src = tmp_path / "noisy.csv"
    src.write_text("id,address\n1,\"Montgomery / 3. OG\"\n", encoding="utf-8")
    dock.add_table(str(src))
    dock.output_file.setFilePath(str(tmp_path / "noisy.gpkg"))
    dock.run()
    _wait(dock)
    assert dock.result is not None and dock.result["counts"]["ambiguous"] == 1, dock.status.text()
    headers = [dock.table.horizontalHeaderItem(j).text() for j in range(dock.table.columnCount())]
    column = headers.index("Read as")
    assert dock.table.item(0, column).text() == "locality: Montgomery; set aside: 3. OG"
