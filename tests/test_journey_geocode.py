"""Journey: batch geocoding in the real QGIS window. A user opens the sample addresses of Vaduz, runs the
offline geocoder with the bundled gazetteer only, is told that street addresses need an address index,
builds one from the sample address points with the offered button's action, runs again and reviews the
results. Asserts on what the user sees: the ticked fields, the layer tree, the renderer, the message bar,
the summary, the review table and the candidates in view. The same journey runs with QGIS in Korean
(test_geocode_journey_in_korean: the same map, every text Korean). Screenshots: build/journeys/geocode_*.png."""

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


KOREAN = r'''
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


def hint_button():
    """The button of the message bar's hint, found by what it is (a push button with a menu), not its text."""
    for item in U.iface.messageBar().items():
        for button in item.findChildren(QPushButton):
            if button.menu() is not None:
                return button
    return None


@step
def open_table():
    dock.add_table(os.path.join(ROOT, "sample_data", "addresses_vaduz.csv"))
    dock.provider_combo.setCurrentIndex(dock.provider_combo.findData("offline"))
    dock.index_file.setFilePath("")


@step
def geocode_with_the_gazetteer_only():
    clear_bar()
    dock.run()
    return task_done(dock)


@step
def index_hint():
    button = hint_button()
    OUT["first"] = {"layers": layer_names(), "summary": dock.summary.text(), "bar": bar_messages(),
                    "renderer": renderer_of(dock.output_layer), "status": dock.status.text(),
                    "counts": dock.result["counts"],
                    "button": button.text() if button is not None else None,
                    "menu": [a.text() for a in button.menu().actions() if a.text()] if button is not None else []}
    U.iface.mapCanvas().setExtent(dock.output_layer.extent().buffered(0.01))
    shot("geocode_ko_index_hint")


@step
def build_the_index_from_address_points():
    dock.build_index(os.path.join(ROOT, "sample_data", "addresses_reference_points.csv"),
                     os.path.join(TMP, "vaduz_index.sqlite"))
    return task_done(dock)


@step
def geocode_again_with_the_index():
    OUT["index"] = {"path": dock.index_file.filePath(), "status": dock.status.text(), "bar": bar_messages()}
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
    OUT["second"] = {
        "layers": layer_names(), "summary": dock.summary.text(), "bar": bar_messages(),
        "counts": dock.result["counts"], "renderer": renderer_of(dock.output_layer), "status": dock.status.text(),
        "headers": [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())],
        "columns_right_edge": header.sectionViewportPosition(last) + header.sectionSize(last),
        "table_viewport_width": table.viewport().width(),
        "filters": [dock.filter_combo.itemText(i) for i in range(dock.filter_combo.count())],
        "statuses": [table.item(r, 1).text() for r in range(table.rowCount()) if table.item(r, 1) is not None],
        "candidates": [dock.candidates.item(i).text() for i in range(dock.candidates.count())],
    }
    shot("geocode_ko_review")
    shot("geocode_ko_dock", dock)
'''


#: The output's field names: they stay in English in Korean texts ("... 이유는 error 필드에 있습니다").
FIELDS = {"status", "score", "error", "provider", "parsed", "candidates"}


def english_left(text):
    from test_i18n import english_words

    return [w for w in english_words(text) if w not in FIELDS]


def korean(english):
    """The Korean of ``english`` in i18n/ko/*.tsv (the translation the plugin ships)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "wealthmap_i18n_script", os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                              "scripts", "i18n.py"))
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    return script.load_translations()[english]


@needs_desktop
def test_geocode_journey_in_korean(tmp_path):
    """QGIS in Korean: the same journey ends with the same map; the hint, its button, the layer names, the
    legend labels, the summaries, the message bar and the review table are Korean (no English word left but
    names)."""
    out, log = run_journey(KOREAN, tmp_path, locale="ko")
    first = out["first"]
    assert first["counts"]["not_found"] > 20
    # the hint and its button speak Korean; the button is the translation of 'Build index…'
    assert first["button"] == korean("Build index…") != "Build index…", first["button"]
    assert first["menu"][0] == korean("From an OpenStreetMap file or a table…"), first["menu"]
    hints = [m for m in first["bar"] if m["text"] == korean("Street addresses need an address index.")]
    assert hints and korean("Build index…") in hints[0]["buttons"], first["bar"]
    # the output is named in Korean after the input and coloured by status with Korean legend labels
    name = korean("{0} geocoded").format("addresses_vaduz")
    assert first["layers"].count(name) == 1, first["layers"]
    assert first["renderer"]["type"] == "categorizedSymbol" and first["renderer"]["field"] == "status"
    labels = first["renderer"]["labels"]
    assert labels == {code: korean(english) for code, english in (
        ("matched", "Matched"), ("ambiguous", "Ambiguous"), ("not_found", "Not found"),
        ("empty", "Empty address"), ("error", "Error"))}, labels
    for key in ("summary", "status"):
        assert not english_left(first[key]), (key, first[key])
    assert not english_left(" ".join(m["text"] for m in first["bar"])), first["bar"]
    # the index built from the sample address points is the panel's index; its status line is Korean
    assert out["index"]["path"].endswith("vaduz_index.sqlite")
    assert not english_left(out["index"]["status"]), out["index"]["status"]
    second = out["second"]
    assert second["counts"]["matched"] >= 35, second["counts"]
    # the same map as in English: two outputs, named in Korean, the second coloured by status in Korean
    assert sorted(n for n in second["layers"] if n.startswith(name)) == [name, name + " (2)"], second["layers"]
    assert second["renderer"]["labels"] == labels
    for key in ("summary", "status"):
        assert not english_left(second[key]), (key, second[key])
    assert not english_left(" ".join(m["text"] for m in second["bar"])), second["bar"]
    # the review table: Korean headers, Korean statuses, every column fits
    assert second["headers"][:4] == [korean(h) for h in ("Address", "Status", "Score", "Matched address")]
    assert second["headers"][-1] == korean("Read as"), second["headers"]
    assert not english_left(" ".join(second["headers"] + second["filters"])), second
    assert korean("Matched") in second["statuses"], second["statuses"]
    assert set(second["statuses"]) <= set(labels.values()), second["statuses"]
    # the candidates say how they matched in Korean: "0.96  Aeulestrasse 22, 9490 Vaduz  (도로)"
    kinds = [text.rsplit("(", 1)[-1].rstrip(")") for text in second["candidates"]]
    assert kinds and korean("street") in kinds, second["candidates"]
    assert not english_left(" ".join(kinds)), second["candidates"]
    assert second["columns_right_edge"] <= second["table_viewport_width"] + 1, second
    assert "Traceback" not in log, log[-3000:]
