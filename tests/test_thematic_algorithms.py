"""Thematic Processing algorithms through processing.run: outputs, styles applied to loaded layers, errors."""

import json
import os

import pytest
from qgis.core import (
    QgsApplication,
    QgsGraduatedSymbolRenderer,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
    QgsRuleBasedRenderer,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import NULL

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DISTRICTS = os.path.join(ROOT, "sample_data", "thematic_districts.gpkg")
STATS = os.path.join(ROOT, "sample_data", "thematic_stats_cp949.csv")




@pytest.fixture
def layer_tree_view(qgis_iface, monkeypatch):
    """A real layer tree view of the project for pytest-qgis's interface stub: its ``layerTreeView()`` is a
    MagicMock, which QGIS 3.44's Processing post-processing hands to C++ (``addResultLayers``: TypeError)."""
    from qgis.core import QgsLayerTreeModel
    from qgis.gui import QgsLayerTreeView

    view = QgsLayerTreeView()
    model = QgsLayerTreeModel(QgsProject.instance().layerTreeRoot())
    view.setModel(model)
    monkeypatch.setattr(qgis_iface, "layerTreeView", lambda: view, raising=False)
    yield view
    view.setModel(None)
    del model


@pytest.fixture
def joined(processing, tmp_path):
    layer = QgsVectorLayer(DISTRICTS, "districts", "ogr")
    result = processing.run("wealthmap:jointable", {
        "INPUT": layer, "LAYER_KEY": "code", "TABLE": STATS, "TABLE_KEY": "code",
        "OUTPUT": str(tmp_path / "joined.gpkg")})
    return result, QgsVectorLayer(result["OUTPUT"], "joined", "ogr")


def test_all_algorithms_registered(processing):
    registry = QgsApplication.processingRegistry()
    for name in ("jointable", "choropleth", "chartmap", "exportmap", "bivariate"):
        alg = registry.algorithmById("wealthmap:" + name)
        assert alg is not None, name
        assert alg.group() == "Thematic maps" and alg.shortHelpString()


def test_join_algorithm(joined):
    result, layer = joined
    assert result["MATCHED"] == 29
    report = json.loads(result["REPORT"])
    assert report["unmatched_rows"] == ["99990"] and report["encoding"] == "cp949"
    assert layer.featureCount() == 30 and "population" in layer.fields().names()


def test_choropleth_algorithm_styles_the_loaded_output(processing, joined, tmp_path, layer_tree_view):
    _, layer = joined
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    feedback = QgsProcessingFeedback()
    qml = str(tmp_path / "style.qml")
    result = processing.runAndLoadResults("wealthmap:choropleth", {
        "INPUT": layer, "FIELD": "population", "METHOD": 1, "CLASSES": 4, "RAMP": 0, "OUTPUT":
        str(tmp_path / "choropleth.gpkg"), "OUTPUT_QML": qml}, context=context, feedback=feedback)
    assert os.path.exists(qml) and result["GVF"] > 0.5
    loaded = QgsProject.instance().mapLayer(result["OUTPUT"]) if result["OUTPUT"] in QgsProject.instance().mapLayers() \
        else [lyr for lyr in QgsProject.instance().mapLayers().values()
              if lyr.source().startswith(str(tmp_path / "choropleth.gpkg"))][0]
    # one district has no statistics: the NULL class makes it rule-based, with 'No data' in the legend
    assert isinstance(loaded.renderer(), QgsRuleBasedRenderer)
    assert loaded.renderer().rootRule().children()[-1].label() == "No data (1)"
    # the style is saved in the GeoPackage too: a plain layer from the file gets it
    fresh = QgsVectorLayer(str(tmp_path / "choropleth.gpkg"), "fresh", "ogr")
    assert isinstance(fresh.renderer(), QgsRuleBasedRenderer)
    # the layer is in the project's layer tree the view shows
    assert QgsProject.instance().layerTreeRoot().findLayer(loaded.id()) is not None
    QgsProject.instance().removeMapLayer(loaded.id())


def test_choropleth_algorithm_rate_and_errors(processing, joined, tmp_path):
    _, layer = joined
    result = processing.run("wealthmap:choropleth", {
        "INPUT": layer, "FIELD": "elderly", "NORMALIZE_FIELD": "population", "MULTIPLIER": 100, "METHOD": 0,
        "CLASSES": 3, "OUTPUT": str(tmp_path / "rate.gpkg")})
    out = QgsVectorLayer(result["OUTPUT"], "rate", "ogr")
    assert "elderly_rate" in out.fields().names()
    assert all(b < 100 for b in map(float, result["BREAKS_OUT"].split(",")))
    with pytest.raises(QgsProcessingException, match="is not numeric"):
        processing.run("wealthmap:choropleth", {"INPUT": layer, "FIELD": "name",
                                                "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT})
    plain = QgsVectorLayer(DISTRICTS, "d", "ogr")
    result = processing.run("wealthmap:choropleth", {"INPUT": plain, "FIELD": "code", "METHOD": 0, "CLASSES": 3,
                                                     "OUTPUT": str(tmp_path / "codes.gpkg")})
    assert isinstance(QgsVectorLayer(result["OUTPUT"], "c", "ogr").renderer(), QgsGraduatedSymbolRenderer)


def test_chart_bivariate_and_export_algorithms(processing, joined, tmp_path):
    _, layer = joined
    chart = processing.run("wealthmap:chartmap", {"INPUT": layer, "FIELDS": ["men", "women"], "KIND": 0,
                                                  "OUTPUT": str(tmp_path / "chart.gpkg")})
    charted = QgsVectorLayer(chart["OUTPUT"], "chart", "ogr")
    assert charted.diagramRenderer() is not None and charted.diagramRenderer().diagram().diagramName() == "Pie"
    legend = str(tmp_path / "legend.png")
    biv = processing.run("wealthmap:bivariate", {"INPUT": layer, "FIELD_X": "population", "FIELD_Y": "elderly",
                                                 "PALETTE": 1, "OUTPUT": str(tmp_path / "biv.gpkg"),
                                                 "LEGEND": legend})
    assert os.path.exists(legend)
    assert len(QgsVectorLayer(biv["OUTPUT"], "b", "ogr").renderer().rootRule().children()) == 10
    png, pdf = str(tmp_path / "m.png"), str(tmp_path / "m.pdf")
    out = processing.run("wealthmap:exportmap", {"LAYERS": [charted], "TITLE": "Population", "DPI": 50,
                                                 "PNG": png, "PDF": pdf})
    assert out["PNG"] == png and os.path.getsize(png) > 1000 and os.path.getsize(pdf) > 1000
    with pytest.raises(QgsProcessingException, match="PNG and/or a PDF"):
        processing.run("wealthmap:exportmap", {"LAYERS": [charted]})


@pytest.mark.parametrize("alg, params", [
    ("choropleth", {"FIELD": "population", "METHOD": 1, "CLASSES": 4, "RAMP": 0}),
    ("choropleth", {"FIELD": "population", "METHOD": 1, "CLASSES": 4, "RAMP": 0, "PER_AREA": True}),
    ("bivariate", {"FIELD_X": "population", "FIELD_Y": "households", "PALETTE": 0}),
    ("chartmap", {"FIELDS": ["population", "households"], "KIND": 0, "SIZE": 0, "MAX_SIZE": 10, "RAMP": 0}),
])
def test_temporary_outputs_name_the_written_styled_file(processing, joined, alg, params):
    """With OUTPUT left as a temporary output (the dialog's default), the returned OUTPUT is the file that was
    written, styled: each parameterAsOutputLayer call makes a new temporary path, and the algorithms used to
    return a second one that did not exist (a model's next step then got no layer)."""
    _, layer = joined
    result = processing.run("wealthmap:" + alg, dict(params, INPUT=layer, OUTPUT=QgsProcessing.TEMPORARY_OUTPUT))
    assert os.path.exists(result["OUTPUT"]), result
    assert os.path.exists(result["QML"]) and os.path.dirname(result["QML"]) == os.path.dirname(result["OUTPUT"])
    out = QgsVectorLayer(result["OUTPUT"], "out", "ogr")
    assert out.isValid() and out.featureCount() == 30
    styles = out.listStylesInDatabase()
    assert styles[0] >= 1  # the style went into that same file


def test_join_choropleth_export_model_with_temporary_outputs(processing, tmp_path):
    """A graphical model chaining join -> choropleth -> export with the choropleth's output temporary."""
    from qgis.core import (
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelChildParameterSource,
        QgsProcessingModelOutput,
        QgsProcessingModelParameter,
        QgsProcessingParameterFileDestination,
        QgsProcessingParameterVectorLayer,
    )

    model = QgsProcessingModelAlgorithm("join_choropleth_export", "wealthmap_tests")
    model.addModelParameter(QgsProcessingParameterVectorLayer("districts", "districts"),
                            QgsProcessingModelParameter("districts"))
    def child(alg, child_id, source, static):
        step = QgsProcessingModelChildAlgorithm(alg)
        step.setChildId(child_id)
        step.addParameterSources("INPUT", [source])
        for key, value in static:
            step.addParameterSources(key, [QgsProcessingModelChildParameterSource.fromStaticValue(value)])
        model.addChildAlgorithm(step)

    temporary = ("OUTPUT", QgsProcessing.TEMPORARY_OUTPUT)
    child("wealthmap:jointable", "join", QgsProcessingModelChildParameterSource.fromModelParameter("districts"),
          (("LAYER_KEY", "code"), ("TABLE", STATS), ("TABLE_KEY", "code"), temporary))
    child("wealthmap:choropleth", "choro", QgsProcessingModelChildParameterSource.fromChildOutput("join", "OUTPUT"),
          (("FIELD", "population"), ("METHOD", 1), ("CLASSES", 4), ("RAMP", 0), temporary))
    export = QgsProcessingModelChildAlgorithm("wealthmap:exportmap")
    export.setChildId("export")
    export.addParameterSources("LAYERS", [QgsProcessingModelChildParameterSource.fromChildOutput("choro", "OUTPUT")])
    export.addParameterSources("TITLE", [QgsProcessingModelChildParameterSource.fromStaticValue("Population")])
    out = QgsProcessingModelOutput("map", "map")
    out.setChildOutputName("PNG")
    export.setModelOutputs({"map": out})
    model.addChildAlgorithm(export)
    model.addModelParameter(QgsProcessingParameterFileDestination("export:map", "map"),
                            QgsProcessingModelParameter("export:map"))
    png = str(tmp_path / "map.png")
    result = processing.run(model, {"districts": DISTRICTS, "export:map": png})
    assert os.path.exists(png) and os.path.getsize(png) > 10000, result


def test_choropleth_algorithm_head_tail_breaks_match_mapclassify(processing, joined, tmp_path):
    """Head/tail breaks (asked of QGIS in qgis/QGIS#64044) are in the algorithm's method list."""
    import mapclassify
    import numpy as np

    from wealthmap.algorithms.thematic_algs import METHOD_KEYS

    _, layer = joined
    alg = QgsApplication.processingRegistry().algorithmById("wealthmap:choropleth")
    options = alg.parameterDefinition("METHOD").options()
    assert options[METHOD_KEYS.index("headtail")] == "Head/tail breaks (heavy-tailed data)"
    assert METHOD_KEYS.index("jenks") == 2 == alg.parameterDefinition("METHOD").defaultValue()  # models keep working
    result = processing.run("wealthmap:choropleth", {
        "INPUT": layer, "FIELD": "population", "METHOD": METHOD_KEYS.index("headtail"),
        "OUTPUT": str(tmp_path / "headtail.gpkg")})
    values = np.array([f["population"] for f in layer.getFeatures() if f["population"] not in (None, NULL)],
                      dtype=float)
    np.testing.assert_allclose([float(b) for b in result["BREAKS_OUT"].split(",")],
                               mapclassify.HeadTailBreaks(values).bins)
