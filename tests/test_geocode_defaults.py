"""Geocode defaults that mislead no more (offscreen; the same journey runs in the real QGIS window in
tests/test_journey_geocode.py): a street is ticked with its town, the gazetteer alone says an index is needed
and the panel builds one, outputs are named after the input (unique) and coloured by status."""

import os
import sys

import pytest
from qgis.core import QgsProject, QgsVectorLayer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_dock_geocode_flows import wait  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VADUZ = os.path.join(ROOT, "sample_data", "addresses_vaduz.csv")
POINTS = os.path.join(ROOT, "sample_data", "addresses_reference_points.csv")


@pytest.fixture
def dock(qgis_iface, tmp_path):
    from wealthmap.core import settings
    from wealthmap.ui.geocode_dock import GeocodeDock

    settings.GEOCODE_CACHE_DIR.set(str(tmp_path / "cache"))
    d = GeocodeDock(qgis_iface)
    d.provider_combo.setCurrentIndex(d.provider_combo.findData("offline"))
    yield d
    d.cleanup()
    settings.GEOCODE_CACHE_DIR.reset()
    settings.GEOCODE_PROVIDER.reset()
    QgsProject.instance().removeAllMapLayers()


@pytest.mark.parametrize("header, ticked", [
    ("id,street,city,note", ["street", "city"]),
    ("address,postcode,country", ["address", "postcode"]),
    ("주소,시,구,비고", ["주소", "시", "구"]),
    ("name,town", []),  # no address field: nothing guessed, the town alone is no address
])
def test_locality_fields_are_ticked_with_the_street(qgis_app, tmp_path, header, ticked):
    from wealthmap.core.geocode.batch import guess_address_fields, guess_locality_fields

    path = tmp_path / "t.csv"
    path.write_text(header + "\n" + ",".join("x" for _ in header.split(",")) + "\n", encoding="utf-8")
    layer = QgsVectorLayer(str(path), "t", "ogr")
    guessed = guess_address_fields(layer)
    if guessed:
        guessed += guess_locality_fields(layer, guessed)
    assert guessed == ticked


def test_gazetteer_only_says_an_index_is_needed_and_the_panel_builds_it(dock, qgis_iface, tmp_path):
    dock.add_table(VADUZ)
    assert dock.fields_combo.checkedItems() == ["street", "city"]
    dock.run()
    wait(dock)
    assert dock.result["hint"] and "address index" in dock.summary.text()
    layer = dock.output_layer
    assert layer.name() == "addresses_vaduz geocoded"
    # named after the input, in the profile's bounded folder of unnamed outputs (core.outputs.temporary_output)
    assert os.path.basename(dock.result["output"]).startswith("addresses_vaduz_geocoded_")
    assert dock.result["output"].endswith(".gpkg")
    renderer = layer.renderer()
    assert renderer.type() == "categorizedSymbol" and renderer.classAttribute() == "status"
    assert {c.value(): c.label() for c in renderer.categories()}["ambiguous"] == "Ambiguous"
    # the GeoPackage opens styled wherever it is opened
    again = QgsVectorLayer(dock.result["output"], "again", "ogr")
    assert again.renderer().type() == "categorizedSymbol"
    dock.build_index(POINTS, str(tmp_path / "points.sqlite"))
    wait(dock)
    assert dock.index_file.filePath() == str(tmp_path / "points.sqlite")
    dock.run()
    wait(dock)
    assert dock.result["counts"]["matched"] >= 35 and not dock.result["hint"]
    names = [lyr.name() for lyr in QgsProject.instance().mapLayers().values()]
    assert sorted(n for n in names if "geocoded" in n) == ["addresses_vaduz geocoded", "addresses_vaduz geocoded (2)"]


def test_no_hint_with_an_index_or_a_web_service():
    from wealthmap.core.geocode.api import index_hint

    counts = {"matched": 2, "ambiguous": 0, "not_found": 39, "empty": 1, "error": 0}
    assert index_hint(counts, "offline", []) is not None
    assert index_hint(counts, "offline", ["a.sqlite"]) is None
    assert index_hint(counts, "nominatim", []) is None
    assert index_hint(dict(counts, matched=39, not_found=2), "offline", []) is None


def test_review_columns_fit_the_table(dock):
    from qgis.PyQt.QtWidgets import QHeaderView

    header = dock.table.horizontalHeader()
    modes = [header.sectionResizeMode(c) for c in range(dock.table.columnCount())]
    assert modes == [QHeaderView.ResizeMode.Stretch, QHeaderView.ResizeMode.ResizeToContents,
                     QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch,
                     QHeaderView.ResizeMode.Stretch]  # the last: what the address was read as (parser)
    assert dock.table.maximumHeight() <= 200 and not dock.table.wordWrap()


def test_index_from_a_point_layer_of_the_project(dock, tmp_path):
    from qgis.PyQt.QtCore import QUrl

    url = QUrl.fromLocalFile(POINTS)
    url.setQuery("type=csv&delimiter=,&xField=lon&yField=lat&crs=EPSG:4326&detectTypes=yes&geomType=point")
    points = QgsVectorLayer(url.toString(), "vaduz points", "delimitedtext")
    assert points.isValid()
    QgsProject.instance().addMapLayer(points)
    menu = dock.index_menu()
    menu.aboutToShow.emit()
    actions = {a.text(): a for a in menu.actions() if a.text()}
    assert list(actions) == ["From an OpenStreetMap file or a table…", "From the point layer 'vaduz points'"]
    actions["From the point layer 'vaduz points'"].trigger()
    wait(dock)
    assert dock.index_file.filePath().endswith("vaduz_points_index.sqlite"), dock.status.text()
    assert "1298 rows" in dock.status.text()
