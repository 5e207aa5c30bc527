"""Journey: batch geocoding in the real QGIS window. A user opens the sample addresses of Vaduz, runs the
offline geocoder with the bundled gazetteer only, is told that street addresses need an address index,
builds one from the sample address points with the offered button's action, runs again and reviews the
results. Asserts on what the user sees: the ticked fields, the layer tree, the renderer, the message bar,
the summary, the review table and the candidates in view. Screenshots: build/journeys/geocode_*.png."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from journey_helpers import needs_desktop, run_journey  # noqa: E402

BODY = r'''
plugin = U.plugins["wealthmap"]
for key, d in plugin.docks.items():
    if key != "geocode":
        d.hide()
plugin.action("geocode").setChecked(True)
dock = plugin.docks["geocode"]
dock.raise_()


def layer_names():
    return [node.name() for node in QgsProject.instance().layerTreeRoot().findLayers()]


def renderer_of(layer):
    r = layer.renderer()
    return {"type": r.type(), "field": getattr(r, "classAttribute", lambda: None)(),
            "labels": {c.value(): c.label() for c in r.categories()} if r.type() == "categorizedSymbol" else {}}


@step
def open_table():
    dock.add_table(os.path.join(ROOT, "sample_data", "addresses_vaduz.csv"))
    OUT["ticked"] = dock.fields_combo.checkedItems()
    dock.provider_combo.setCurrentIndex(dock.provider_combo.findData("offline"))
    dock.index_file.setFilePath("")


@step
def geocode_with_the_gazetteer_only():
    clear_bar()
    dock.run()
    return task_done(dock)


@step
def first_result():
    OUT["first"] = {"layers": layer_names(), "summary": dock.summary.text(), "bar": bar_messages(),
                    "renderer": renderer_of(dock.output_layer), "status": dock.status.text(),
                    "counts": dock.result["counts"]}
    U.iface.mapCanvas().setExtent(dock.output_layer.extent().buffered(0.01))
    shot("geocode_index_hint")


@step
def build_the_index_from_address_points():
    button = bar_button("Build index…")
    OUT["offered_button"] = button is not None
    OUT["offered_menu"] = [a.text() for a in button.menu().actions() if a.text()] if button is not None else []
    dock.build_index(os.path.join(ROOT, "sample_data", "addresses_reference_points.csv"),
                     os.path.join(TMP, "vaduz_index.sqlite"))
    return task_done(dock)


@step
def geocode_again_with_the_index():
    OUT["index"] = {"path": dock.index_file.filePath(), "status": dock.status.text()}
    clear_bar()
    dock.run()
    return task_done(dock)


@step
def review():
    dock.filter_combo.setCurrentIndex(dock.filter_combo.findData("all"))
    dock.table.selectRow(0)
    QgsApplication.processEvents()
    U.iface.mapCanvas().setExtent(dock.output_layer.extent().buffered(0.002))
    table = dock.table
    header = table.horizontalHeader()
    last = table.columnCount() - 1
    from qgis.PyQt.QtCore import QRect
    from qgis.PyQt.QtWidgets import QScrollArea

    scroll = dock.findChild(QScrollArea)
    viewport = scroll.viewport()

    def in_view(widget):
        top_left = widget.mapTo(viewport, widget.rect().topLeft())
        return QRect(top_left, widget.size()).intersects(viewport.rect()) and \
            viewport.rect().contains(QRect(top_left, widget.size()).center())

    OUT["second"] = {
        "layers": layer_names(), "summary": dock.summary.text(), "bar": bar_messages(),
        "counts": dock.result["counts"], "renderer": renderer_of(dock.output_layer),
        "columns_right_edge": header.sectionViewportPosition(last) + header.sectionSize(last),
        "table_viewport_width": table.viewport().width(),
        "headers": [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())],
        "candidates": dock.candidates.count(), "candidates_in_view": in_view(dock.candidates),
        "use_button_in_view": in_view(dock.use_button), "use_enabled": dock.use_button.isEnabled(),
    }
    shot("geocode_review")
    shot("geocode_dock", dock)
'''


@needs_desktop
def test_geocode_journey(tmp_path):
    out, log = run_journey(BODY, tmp_path)
    # a street field is ticked with its town: the top candidates come from the right town
    assert out["ticked"] == ["street", "city"]
    first = out["first"]
    assert first["counts"]["not_found"] > 20
    # the gazetteer alone cannot find streets: the summary and the message bar say an index is needed,
    # and the message bar offers to build one
    assert "address index" in first["summary"]
    hints = [m for m in first["bar"] if "need an address index" in m["text"]]
    assert hints and "Build index…" in hints[0]["buttons"], first["bar"]
    assert out["offered_button"] and out["offered_menu"][0] == "From an OpenStreetMap file or a table…"
    # the output is named after the input and coloured by status, with readable legend labels
    assert first["layers"].count("addresses_vaduz geocoded") == 1, first["layers"]
    assert first["renderer"]["type"] == "categorizedSymbol" and first["renderer"]["field"] == "status"
    assert first["renderer"]["labels"]["not_found"] == "Not found"
    assert first["renderer"]["labels"]["matched"] == "Matched"
    # the index built from the sample address points becomes the panel's index
    assert out["index"]["path"].endswith("vaduz_index.sqlite") and "Address index built" in out["index"]["status"]
    second = out["second"]
    assert second["counts"]["matched"] >= 35, second["counts"]
    assert not [m for m in second["bar"] if "address index" in m["text"]]
    # two runs, two temporary outputs: two layers with different names
    assert sorted(n for n in second["layers"] if "geocoded" in n) == ["addresses_vaduz geocoded",
                                                                     "addresses_vaduz geocoded (2)"]
    # the review: every column fits (Matched address not cut off), candidates and 'Use candidate' in view
    assert second["headers"][-2:] == ["Matched address", "Read as"]  # Read as: what the parser matched
    assert second["columns_right_edge"] <= second["table_viewport_width"] + 1, second
    assert second["candidates"] >= 1 and second["candidates_in_view"] and second["use_button_in_view"], second
    assert "Traceback" not in log, log[-3000:]
