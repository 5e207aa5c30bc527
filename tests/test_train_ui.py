"""The training algorithm (processing.run) and the Train tab of the Wealth dock give the API's result."""

import json
import os
import sys
import time

import numpy as np
import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from train_helpers import make_embedder_bundle, make_roof_scene, write_survey  # noqa: E402


@pytest.fixture(scope="module")
def scene(tmp_path_factory):
    d = tmp_path_factory.mktemp("ui_scene")
    make_embedder_bundle(str(d / "emb"))
    lon, lat, share = make_roof_scene(str(d / "s2.tif"), n_side=8, spacing_px=64)
    survey = write_survey(str(d / "survey.csv"), lon, lat, 2.0 * share - 0.5)
    one = write_survey(str(d / "one_group.csv"), lon, lat, 2.0 * share - 0.5, groups=["kenya"] * len(lon))
    return {"dir": d, "survey": survey, "one_group": one, "raster": str(d / "s2.tif"), "emb": str(d / "emb")}




def test_processing_run_trains_a_bundle(provider, scene, tmp_path):
    from qgis import processing
    from qgis.core import QgsProcessingException

    out = str(tmp_path / "alg_model")
    params = {"SURVEY_FILE": scene["survey"], "VALUE_FIELD": "wealth", "RASTERS": [scene["raster"]],
              "BUNDLE": scene["emb"], "CV": 0, "FOLDS": 4, "BLOCK_KM": 1.3, "TREES": 30, "WINDOW_M": 480,
              "ABLATION": False, "OUTPUT": out}
    result = processing.run("wealthmap:trainwealthmodel", params)
    assert result["OUTPUT"] == out and os.path.exists(result["REPORT"])
    from qgis.core import QgsApplication

    declared = QgsApplication.processingRegistry().algorithmById("wealthmap:trainwealthmodel").outputDefinitions()
    assert set(result) <= {o.name() for o in declared}  # REPORT and R2 can be linked in a model
    assert result["R2"] > 0.7
    manifest = json.load(open(os.path.join(out, "manifest.json"), encoding="utf-8"))
    assert manifest["status"] == "trained" and manifest["metrics"]["folds"] == 4
    # BLOCK_KM 0 is Processing's "automatic" (the API refuses block_km=0): the size adapts to the survey
    auto = processing.run("wealthmap:trainwealthmodel", dict(params, BLOCK_KM=0, TREES=10,
                                                             OUTPUT=str(tmp_path / "auto")))
    blocks = json.load(open(os.path.join(auto["OUTPUT"], "manifest.json"), encoding="utf-8"))["metrics"]["blocks"]
    assert blocks["chosen"] == "auto", blocks
    # leave one group out with a single group: a clear message, no bundle
    with pytest.raises(QgsProcessingException, match="at least two groups"):
        processing.run("wealthmap:trainwealthmodel", dict(params, CV=1, SURVEY_FILE=scene["one_group"],
                                                          OUTPUT=str(tmp_path / "x")))
    with pytest.raises(QgsProcessingException, match="value field 'region' of survey.csv is not numeric"):
        processing.run("wealthmap:trainwealthmodel", dict(params, VALUE_FIELD="region", OUTPUT=str(tmp_path / "y")))
    assert not (tmp_path / "x").exists() and not (tmp_path / "y").exists()


def test_processing_trains_on_the_selected_survey_points_only(provider, scene, tmp_path):
    """'Selected features only' (a feature source definition) trains on those points: it used to be refused
    ("Give the survey points")."""
    from qgis import processing
    from qgis.core import QgsProcessingFeatureSourceDefinition, QgsProject, QgsVectorLayer
    from qgis.PyQt.QtCore import QUrl

    url = QUrl.fromLocalFile(scene["survey"]).toString() + "?delimiter=,&xField=lon&yField=lat&crs=EPSG:4326"
    layer = QgsVectorLayer(url, "survey", "delimitedtext")
    assert layer.isValid() and layer.featureCount() == 64
    QgsProject.instance().addMapLayer(layer)
    try:
        layer.selectByIds([f.id() for f in layer.getFeatures()][:48])
        params = {"VALUE_FIELD": "wealth", "RASTERS": [scene["raster"]], "BUNDLE": scene["emb"], "CV": 0,
                  "FOLDS": 4, "BLOCK_KM": 1.3, "TREES": 20, "WINDOW_M": 480, "ABLATION": False}
        selected = processing.run("wealthmap:trainwealthmodel", dict(
            params, SURVEY=QgsProcessingFeatureSourceDefinition(layer.id(), True), OUTPUT=str(tmp_path / "sel")))
        every = processing.run("wealthmap:trainwealthmodel", dict(params, SURVEY=layer.id(),
                                                                  OUTPUT=str(tmp_path / "all")))
        counts = [json.load(open(os.path.join(r["OUTPUT"], "manifest.json"), encoding="utf-8"))["training_data"]
                  for r in (selected, every)]
        assert counts[0]["rows_read"] == 48 and counts[1]["rows_read"] == 64, counts
    finally:
        QgsProject.instance().removeMapLayer(layer.id())


def test_temporary_outputs_are_geopackages_whatever_the_users_default(provider, tmp_path):
    """A user whose Processing default output format is Shapefile still gets working temporary outputs (every
    GeoPackage-only algorithm failed with them)."""
    from qgis import processing
    from qgis.core import QgsApplication, QgsProcessing, QgsSettings, QgsVectorFileWriter

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    key = "Processing/Configuration/DefaultOutputVectorLayerExt"
    QgsSettings().setValue(key, QgsVectorFileWriter.supportedFormatExtensions().index("shp"))
    try:
        assert QgsApplication.processingRegistry().providerById("wealthmap").defaultVectorFileExtension(True) == \
            "gpkg"
        joined = processing.run("wealthmap:jointable", {
            "INPUT": os.path.join(root, "sample_data", "thematic_districts.gpkg"), "LAYER_KEY": "code",
            "TABLE": os.path.join(root, "sample_data", "thematic_stats_cp949.csv"), "TABLE_KEY": "code",
            "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT})
        assert joined["OUTPUT"].endswith(".gpkg") and os.path.exists(joined["OUTPUT"])
        styled = processing.run("wealthmap:choropleth", {"INPUT": joined["OUTPUT"], "FIELD": "population",
                                                         "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT})
        assert styled["OUTPUT"].endswith(".gpkg") and os.path.exists(styled["OUTPUT"])
    finally:
        QgsSettings().remove(key)


def test_train_tab_runs_task_and_opens_report(qgis_iface, scene, tmp_path):
    from qgis.core import QgsProject, QgsRasterLayer
    from qgis.PyQt.QtCore import QCoreApplication

    from wealthmap.core.wealth.train_api import train_wealth_model
    from wealthmap.ui.wealth_dock import WealthDock

    layer = QgsRasterLayer(scene["raster"], "s2")
    QgsProject.instance().addMapLayer(layer)
    try:
        dock = WealthDock(qgis_iface)
        widget = dock.train_widget
        assert widget is not None and dock.tabs.tabText(dock.tabs.indexOf(widget)) == "Train"
        widget.refresh_rasters()
        assert widget.selected_rasters() == [scene["raster"]]
        widget.file_widget.setFilePath(scene["survey"])
        widget.value_edit.setText("wealth")
        widget.block_spin.setValue(0.0)  # "automatic": None for the API, which refuses block_km=0
        from wealthmap.core.wealth.train_api import check_training_options

        assert widget.parameters()["block_km"] is None
        assert check_training_options(block_km=widget.parameters()["block_km"])["block_km"] is None
        widget.block_spin.setValue(1.3)
        widget.trees_spin.setValue(30)
        widget.ablation_check.setChecked(False)
        out = str(tmp_path / "dock_model")
        widget.out_widget.setFilePath(out)
        extra = {"bundle": scene["emb"], "window_m": 480, "chips_per_side": 3, "use_cache": False}
        task = widget.start(extra)
        assert task is not None
        deadline = time.monotonic() + 120
        while dock.task is not None and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            time.sleep(0.01)
        assert dock.task is None and widget.last_result is not None, dock.status.text()
        assert widget.report_button.isEnabled() and os.path.exists(widget.report_path())
        assert "Cross-validated r²" in widget.summary.text()
        api = train_wealth_model(scene["survey"], [scene["raster"]], value_field="wealth",
                                 out_dir=str(tmp_path / "api_model"), block_km=1.3, n_estimators=30, ablation=False,
                                 **extra)
        # same inputs and settings: the dock and the API give the same cross-validated predictions
        np.testing.assert_allclose(widget.last_result["predicted"], api["predicted"])
        dock.deleteLater()
    finally:
        QgsProject.instance().removeMapLayer(layer.id())
