"""Journey: wealth from imagery in the real QGIS window. A user adds the sample Sentinel-2 scene (true
colour from its .qml) and a copy without a style (offered true colour), predicts over the whole raster
with the bundled demo model, over a region half outside the raster, tries Train with nothing set, trains
a head on the sample survey (weak: it does not beat the urban/rural baseline, and says so everywhere) and
predicts with it. Asserts on what the user sees: renderers, the layer tree (names, expanded legends), the
message bar, each tab's status line, the summaries. Screenshots: build/journeys/wealth_*.png."""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from journey_helpers import needs_desktop, run_journey  # noqa: E402

BODY = r'''
import shutil
from qgis.core import QgsRectangle, QgsGeometry, QgsCoordinateReferenceSystem

plugin = U.plugins["wealthmap"]
for key, d in plugin.docks.items():
    if key != "wealth":
        d.hide()
plugin.action("wealth").setChecked(True)
dock = plugin.docks["wealth"]
dock.raise_()
predict = dock.predict_widget
train = dock.train_widget
SAMPLE = os.path.join(ROOT, "sample_data", "sentinel2_berlin.tif")


def bands(layer):
    r = layer.renderer()
    return [r.redBand(), r.greenBand(), r.blueBand()] if r.type() == "multibandcolor" else r.type()


def tree():
    root = QgsProject.instance().layerTreeRoot()
    view = U.iface.layerTreeView()
    return [{"name": n.name(), "expanded": view.isExpanded(view.node2index(n))} for n in root.findLayers()]


def tooltip_title(layer):
    props = layer.serverProperties() if hasattr(layer, "serverProperties") and \
        hasattr(layer.serverProperties(), "title") else layer
    return props.title() + " | " + props.abstract()


@step
def add_rasters():
    copy = os.path.join(TMP, "s2_copy.tif")
    shutil.copy(SAMPLE, copy)
    global sample, unstyled
    clear_bar()
    # the first raster added becomes the Predict tab's raster: a Sentinel-2 raster shown in false colour
    unstyled = U.iface.addRasterLayer(copy, "s2_copy")
    OUT["copy_bands_before"] = bands(unstyled)
    OUT["predict_raster"] = predict.raster.currentLayer().name()
    sample = U.iface.addRasterLayer(SAMPLE, "sentinel2_berlin")
    OUT["sample_bands"] = bands(sample)


@step
def true_colour_offered():
    OUT["offer"] = bar_messages()
    button = bar_button("Show in true colour")
    OUT["offer_button"] = button is not None
    if button is not None:
        button.click()
    OUT["copy_bands_after"] = bands(unstyled)
    predict.raster.setLayer(sample)
    U.iface.setActiveLayer(sample)
    U.iface.zoomToActiveLayer()
    clear_bar()


@step
def predict_whole_raster():
    predict.set_mode("raster")
    predict.temporary.setChecked(True)
    predict.run()
    return task_done(dock)


@step
def first_prediction():
    layer = predict.last_layer
    OUT["first"] = {"tree": tree(), "bar": bar_messages(), "renderer": layer.renderer().type(),
                    "name": layer.name(), "tooltip": tooltip_title(layer), "summary": predict.summary.text(),
                    "predict_status": predict.status.text(), "train_status": train.status.text(),
                    "model_label": predict.model_label.text()}
    global first_layer
    first_layer = layer
    shot("wealth_predict")
    shot("wealth_dock", dock)


@step
def predict_region_half_outside():
    clear_bar()
    predict.set_mode("rectangle")
    # the raster spans x 330000..345360 (EPSG:32633): this rectangle lies half east of it
    predict.set_region(QgsGeometry.fromRect(QgsRectangle(340240, 5815000, 350480, 5822680)),
                       QgsCoordinateReferenceSystem("EPSG:32633"))
    OUT["region_label"] = predict.region_label.text()
    OUT["band_visible_drawing"] = predict.region_band.isVisible()
    predict.run()
    return task_done(dock)


@step
def second_prediction():
    OUT["second"] = {"tree": tree(), "bar": bar_messages(), "summary": predict.summary.text(),
                     "coverage": predict.last_result["coverage"]}
    OUT["first_expanded_after"] = legend_expanded(first_layer)
    OUT["second_expanded"] = legend_expanded(predict.last_layer)
    predict.set_mode("raster")
    OUT["whole_raster"] = {"band_visible": predict.region_band.isVisible(), "label": predict.region_label.text()}
    shot("wealth_half_outside")


@step
def train_with_nothing_set():
    clear_bar()
    dock.tabs.setCurrentWidget(train)
    before = predict.status.text()
    train.start()
    OUT["train_empty"] = {"train_status": train.status.text(), "predict_status": predict.status.text(),
                          "predict_status_before": before, "bar": bar_messages()}


@step
def train_on_the_sample_survey():
    clear_bar()
    train.layer_combo.setLayer(None)
    train.file_widget.setFilePath(os.path.join(ROOT, "sample_data", "train_survey_berlin.csv"))
    train.value_edit.setText("synthetic_index")
    for i in range(train.raster_list.count()):
        item = train.raster_list.item(i)
        from qgis.PyQt.QtCore import Qt
        item.setCheckState(Qt.CheckState.Checked if item.text() == "sentinel2_berlin" else Qt.CheckState.Unchecked)
    train.block_spin.setValue(2.0)
    train.trees_spin.setValue(50)
    train.ablation_check.setChecked(False)
    train.out_widget.setFilePath(os.path.join(TMP, "berlin_head"))
    train.start()
    return task_done(dock)


@step
def trained():
    result = train.last_result
    OUT["trained"] = {"summary": train.summary.text(), "bar": bar_messages(), "status": result and result["status"],
                      "train_status": train.status.text(), "bundle": result and result["bundle"],
                      "report_json": result and result["report_json"], "report_html": result and result["report_html"]}
    shot("wealth_train", dock)
    shot("wealth_train_window")


@step
def predict_with_the_weak_model():
    clear_bar()
    dock.tabs.setCurrentWidget(predict)
    predict.model_dir.setFilePath(os.path.join(TMP, "berlin_head"))
    predict.set_mode("raster")
    predict.run()
    return task_done(dock)


@step
def weak_prediction():
    layer = predict.last_layer
    OUT["weak"] = {"bar": bar_messages(), "name": layer.name(), "tooltip": tooltip_title(layer),
                   "summary": predict.summary.text(), "model_label": predict.model_label.text(),
                   "tree": tree()}
    shot("wealth_weak_prediction")
'''


def texts(messages):
    return " ".join(m["text"] for m in messages)


@needs_desktop
def test_wealth_journey(tmp_path):
    out, log = run_journey(BODY, tmp_path, timeout=300)
    # item 12: the sample opens in true colour (its .qml); a Sentinel-2 copy without style is offered it
    assert out["sample_bands"] == [3, 2, 1]
    assert out["copy_bands_before"] == [1, 2, 3]
    assert out["offer_button"], out["offer"]
    assert out["copy_bands_after"] == [3, 2, 1]
    first = out["first"]
    # a short name, the details in the tooltip; the legend is open; the demo is said in the bar and summary
    assert first["name"] == "Wealth (demo)" and first["renderer"] == "graduatedSymbol"
    assert "demonstration model, not a wealth estimate" in first["tooltip"]
    assert {"name": "Wealth (demo)", "expanded": True} in first["tree"]
    assert "demonstration model" in texts(first["bar"])
    assert "18 ok" in first["summary"] and "Done in" in first["predict_status"]
    assert first["train_status"] == "Ready."  # Predict's news stay on the Predict tab
    # item 13: a region half outside the raster says how much of it was covered
    assert out["second"]["coverage"] < 0.6
    assert "of the region" in out["second"]["summary"] and "lies over the raster" in texts(out["second"]["bar"])
    assert out["region_label"].startswith("Region drawn: 5 vertices, EPSG:32633")
    # item 7: the new legend opens, the older one closes; the drawn region hides in Whole raster mode
    assert out["second_expanded"] and not out["first_expanded_after"]
    assert out["band_visible_drawing"] and not out["whole_raster"]["band_visible"]
    assert out["whole_raster"]["label"] == "The whole raster is predicted."
    # item 7: Train with nothing set speaks on the Train tab (and the bar), Predict's line is untouched
    empty = out["train_empty"]
    assert "survey" in empty["train_status"] and "survey" in texts(empty["bar"])
    assert empty["predict_status"] == empty["predict_status_before"]
    # item 5: a head that does not beat the best baseline is weak: dock, report, manifest
    trained = out["trained"]
    assert trained["status"] == "weak", trained
    assert "Weak model" in trained["summary"] and "weak" in texts(trained["bar"])
    assert not [m for m in trained["bar"] if m["level"] == 3], "no green 'Model trained' for a weak model"
    with open(trained["report_json"], encoding="utf-8") as handle:
        report = json.load(handle)
    assert report["status"] == "weak" and report["metrics"]["beats_baseline"] is False
    with open(os.path.join(trained["bundle"], "manifest.json"), encoding="utf-8") as handle:
        assert json.load(handle)["status"] == "weak"
    with open(trained["report_html"], encoding="utf-8") as handle:
        assert "Weak model" in handle.read()
    # ...and prediction with it says so in the bar, the layer and the summary
    weak = out["weak"]
    assert weak["name"] == "Wealth (weak)" and "weak model" in weak["tooltip"]
    assert "weak model" in texts(weak["bar"]) and "Weak model" in weak["summary"]
    assert "weak model" in weak["model_label"]
    assert "Traceback" not in log, log[-3000:]


KOREAN = r'''
plugin = U.plugins["wealthmap"]
for key, d in plugin.docks.items():
    if key != "wealth":
        d.hide()
plugin.action("wealth").setChecked(True)
dock = plugin.docks["wealth"]
dock.raise_()
predict = dock.predict_widget


@step
def predict_in_korean():
    layer = U.iface.addRasterLayer(os.path.join(ROOT, "sample_data", "sentinel2_berlin.tif"), "sentinel2_berlin")
    predict.raster.setLayer(layer)
    U.iface.setActiveLayer(layer)
    U.iface.zoomToActiveLayer()
    clear_bar()
    predict.set_mode("raster")
    predict.run()
    return task_done(dock)


@step
def korean_result():
    registry = QgsApplication.processingRegistry().providerById("wealthmap")
    OUT["ko"] = {"summary": predict.summary.text(), "name": predict.last_layer.name(),
                 "model_label": predict.model_label.text(), "bar": bar_messages(),
                 "groups": sorted({alg.group() for alg in registry.algorithms()}),
                 "region_label": predict.region_label.text(), "status": predict.status.text()}
    shot("wealth_predict_ko")
'''


@needs_desktop
def test_wealth_journey_in_korean(tmp_path):
    """QGIS in Korean: the prediction's summary, the model's name and units read from its manifest, the chip
    statuses, the layer name and the Processing groups are Korean (no English word left but names)."""
    from test_i18n import english_words

    out, log = run_journey(KOREAN, tmp_path, locale="ko")
    ko = out["ko"]
    assert ko["name"] == "부 (데모)"
    assert "18 정상" in ko["summary"] and "시가지 비율" in ko["summary"]
    for key in ("summary", "model_label", "region_label"):
        assert not english_words(ko[key]), (key, ko[key])
    assert not english_words(" ".join(m["text"] for m in ko["bar"])), ko["bar"]
    assert ko["groups"] == ["STAC의 Sentinel-2", "영상 기반 부 추정", "주제도", "지오코딩"], ko["groups"]
