"""Processing algorithms for the thematic job: join, choropleth, bivariate, chart map, export.

The styling algorithms write a *new* layer (GeoPackage) with the style saved in it as its
default style, optionally a ``.qml`` beside it, and apply the style to the layer Processing
loads (through a :class:`QgsProcessingLayerPostProcessorInterface`).
"""

import json
import os

from qgis.core import (
    QgsFeature,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorDestination,
    QgsProcessingParameterVectorLayer,
)

from ..core.compat import parameter_as_fields, save_style_to_database
from ..core.errors import WealthMapError
from ..core.i18n import tr, tr_noop
from ..core.outputs import save_style_file
from ..core.thematic import api, style
from ..core.thematic.classify import METHODS
from ..core.thematic.join import write_features
from .base import WealthMapAlgorithm

METHOD_KEYS = list(METHODS)
RAMPS = [name for name, _safe, _kind in style.ramp_names()]
PALETTES = list(style.BIVARIATE_PALETTES)
CHART_KINDS = list(api.CHART_KINDS)


class StylePostProcessor(QgsProcessingLayerPostProcessorInterface):
    """Loads a .qml onto the layer Processing adds to the project."""

    _alive = []  # Processing keeps only a raw pointer: keep the instances alive

    def __init__(self, qml):
        super().__init__()
        self.qml = qml

    @classmethod
    def create(cls, qml):
        instance = cls(qml)
        cls._alive.append(instance)
        return instance

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 - QGIS override
        if layer is not None and os.path.exists(self.qml):
            layer.loadNamedStyle(self.qml)
            layer.triggerRepaint()


def copy_layer(layer, path):
    """Copy ``layer`` (all features and fields) to a new GeoPackage at ``path``."""
    features = []
    for feature in layer.getFeatures():
        out = QgsFeature(layer.fields())
        out.setGeometry(feature.geometry())
        out.setAttributes(feature.attributes())
        features.append(out)
    return write_features(features, layer.fields(), layer, path, os.path.splitext(os.path.basename(path))[0])[0]


def finish_styled(alg, layer, parameters, context, dest, qml_key="OUTPUT_QML"):
    """Save the style in the GeoPackage and a .qml; have Processing apply it to the loaded layer.
    ``dest``: the output path ``run_core`` got from ``parameterAsOutputLayer`` (asked once: for a temporary
    output each call makes a new path, and the returned one would name a file never written)."""
    qml = alg.parameterAsFileOutput(parameters, qml_key, context) if qml_key in parameters and parameters[qml_key] \
        else ""
    if not qml or qml == "TEMPORARY_OUTPUT":
        qml = os.path.splitext(dest)[0] + ".qml"
    save_style_file(layer, qml)  # checked complete: saveNamedStyle says ok even when it wrote nothing
    save_style_to_database(layer, "wealthmap", "WealthMap", True, "")
    if context.willLoadLayerOnCompletion(dest):
        context.layerToLoadOnCompletionDetails(dest).setPostProcessor(StylePostProcessor.create(qml))
    return dest, qml


class ThematicAlgorithm(WealthMapAlgorithm):
    GROUP = tr_noop("Thematic maps")
    GROUP_ID = "thematic"
    ICON = "thematic"

    def add_output_params(self, qml=True):
        self.addParameter(QgsProcessingParameterVectorDestination("OUTPUT", tr("Styled layer (GeoPackage)"),
                                                                  QgsProcessing.SourceType.TypeVectorPolygon))
        if qml:
            self.addParameter(QgsProcessingParameterFileDestination(
                "OUTPUT_QML", tr("Style file (.qml; default: beside the layer)"), tr("QGIS style (*.qml)"),
                optional=True, createByDefault=False))
            self.addOutput(QgsProcessingOutputString("QML", tr("Style file")))


class JoinTableAlgorithm(ThematicAlgorithm):
    def name(self):
        return "jointable"

    def displayName(self):  # noqa: N802 - QGIS override
        return tr("Join statistics table to boundaries")

    def shortHelpString(self):  # noqa: N802 - QGIS override
        return tr("Joins a CSV/XLSX table (UTF-8 or CP949/EUC-KR, detected) to a boundary layer by key into a new "
                  "layer. Keys are trimmed, compared without case and without leading zeros; text columns of "
                  "numbers with thousands separators become numbers. The join report lists unmatched keys on both "
                  "sides and duplicates. The input layer is not changed.")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS override
        self.addParameter(QgsProcessingParameterVectorLayer("INPUT", tr("Boundary layer"),
                                                            [QgsProcessing.SourceType.TypeVectorPolygon]))
        self.addParameter(QgsProcessingParameterField("LAYER_KEY", tr("Key field in the layer"),
                                                      parentLayerParameterName="INPUT"))
        self.addParameter(QgsProcessingParameterFile("TABLE", tr("Statistics table (CSV, TXT, XLSX, ODS)"),
                                                     fileFilter=tr("Tables (*.csv *.txt *.tsv *.xlsx *.xls *.ods)")))
        self.addParameter(QgsProcessingParameterString("TABLE_KEY", tr("Key column in the table")))
        self.addParameter(QgsProcessingParameterEnum(
            "ON_DUPLICATE", tr("Duplicate table keys"),
            [tr("Stop with an error"), tr("Keep the first row")], defaultValue=0))
        self.addParameter(QgsProcessingParameterString("ENCODING", tr("Table encoding (empty: detect)"),
                                                       optional=True, defaultValue=""))
        self.addParameter(QgsProcessingParameterVectorDestination("OUTPUT", tr("Joined layer"),
                                                                  QgsProcessing.SourceType.TypeVectorPolygon))
        self.addOutput(QgsProcessingOutputNumber("MATCHED", tr("Matched features")))
        self.addOutput(QgsProcessingOutputString("REPORT", tr("Join report (JSON)")))

    def run_core(self, parameters, context, feedback):
        layer = self.parameterAsVectorLayer(parameters, "INPUT", context)
        dest = self.parameterAsOutputLayer(parameters, "OUTPUT", context)
        result = api.join_table(
            layer, self.parameterAsFile(parameters, "TABLE", context),
            self.parameterAsString(parameters, "LAYER_KEY", context),
            self.parameterAsString(parameters, "TABLE_KEY", context), output=dest,
            on_duplicate=("error", "first")[self.parameterAsEnum(parameters, "ON_DUPLICATE", context)],
            encoding=self.parameterAsString(parameters, "ENCODING", context) or None, feedback=feedback)
        feedback.pushInfo(result.summary)
        return {"OUTPUT": dest, "MATCHED": result.report["matched_features"],
                "REPORT": json.dumps(result.report, ensure_ascii=False, default=str)}


class ChoroplethAlgorithm(ThematicAlgorithm):
    def name(self):
        return "choropleth"

    def displayName(self):  # noqa: N802 - QGIS override
        return tr("Choropleth map")

    def shortHelpString(self):  # noqa: N802 - QGIS override
        return tr("Classifies a numeric field (optionally divided by another field or by the ellipsoidal area, "
                  "times a multiplier) and writes a copy of the layer styled with a graduated renderer: equal "
                  "interval, quantile, natural breaks (Fisher-Jenks), standard deviation, pretty, manual, box map, "
                  "percentile, logarithmic or head/tail breaks classes, ColorBrewer colours, a No data class and "
                  "class counts in the legend. Zero or NULL denominators become No data and are reported.")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS override
        self.addParameter(QgsProcessingParameterVectorLayer("INPUT", tr("Polygon layer"),
                                                            [QgsProcessing.SourceType.TypeVectorPolygon]))
        self.addParameter(QgsProcessingParameterField("FIELD", tr("Value field"), parentLayerParameterName="INPUT",
                                                      type=QgsProcessingParameterField.DataType.Any))
        self.addParameter(QgsProcessingParameterEnum("METHOD", tr("Classification"),
                                                     [tr(METHODS[k]) for k in METHOD_KEYS], defaultValue=2))
        self.addParameter(QgsProcessingParameterNumber("CLASSES", tr("Number of classes"), minValue=2, maxValue=20,
                                                       defaultValue=5))
        self.addParameter(QgsProcessingParameterString("BREAKS", tr("Manual breaks (upper bounds, comma separated)"),
                                                       optional=True, defaultValue=""))
        self.addParameter(QgsProcessingParameterEnum("RAMP", tr("Colour ramp (ColorBrewer)"), RAMPS,
                                                     defaultValue=RAMPS.index("YlOrRd")))
        self.addParameter(QgsProcessingParameterBoolean("REVERSE", tr("Reverse the colours"), defaultValue=False))
        self.addParameter(QgsProcessingParameterField("NORMALIZE_FIELD", tr("Divide by field"), optional=True,
                                                      parentLayerParameterName="INPUT"))
        self.addParameter(QgsProcessingParameterBoolean("PER_AREA", tr("Divide by area (km², ellipsoidal)"),
                                                        defaultValue=False))
        self.addParameter(QgsProcessingParameterNumber("MULTIPLIER", tr("Multiplier (e.g. 1000 for per 1,000, 100 "
                                                                        "for %)"),
                                                       type=QgsProcessingParameterNumber.Type.Double, defaultValue=1.0))
        self.add_output_params()
        self.addOutput(QgsProcessingOutputString("BREAKS_OUT", tr("Class breaks")))
        self.addOutput(QgsProcessingOutputNumber("GVF", tr("Goodness of variance fit")))

    def run_core(self, parameters, context, feedback):
        layer = self.parameterAsVectorLayer(parameters, "INPUT", context)
        dest = self.parameterAsOutputLayer(parameters, "OUTPUT", context)
        normalize = self.parameterAsString(parameters, "NORMALIZE_FIELD", context) or None
        per_area = self.parameterAsBoolean(parameters, "PER_AREA", context)
        breaks_text = self.parameterAsString(parameters, "BREAKS", context)
        breaks = [b for b in breaks_text.replace(";", ",").split(",") if b.strip()] if breaks_text else None
        kwargs = dict(method=METHOD_KEYS[self.parameterAsEnum(parameters, "METHOD", context)],
                      classes=self.parameterAsInt(parameters, "CLASSES", context), breaks=breaks,
                      ramp=RAMPS[self.parameterAsEnum(parameters, "RAMP", context)],
                      reverse=self.parameterAsBoolean(parameters, "REVERSE", context),
                      multiplier=self.parameterAsDouble(parameters, "MULTIPLIER", context), feedback=feedback)
        field = self.parameterAsString(parameters, "FIELD", context)
        if normalize or per_area:
            result = api.choropleth(layer, field, normalize_by=normalize, per_area=per_area, output=dest, **kwargs)
        else:
            result = api.choropleth(copy_layer(layer, dest), field, **kwargs)
        if result.zero_denominators:
            feedback.reportError(tr("{0} features have a zero or NULL denominator and are shown as No data "
                                    "(feature ids {1}).").format(len(result.zero_denominators),
                                                                 ", ".join(map(str, result.zero_denominators[:20]))))
        dest, qml = finish_styled(self, result.layer, parameters, context, dest)
        feedback.pushInfo(tr("Breaks: {0}; goodness of variance fit {1:.3f}.").format(
            ", ".join("{:,.6g}".format(b) for b in result.breaks), result.gvf))
        return {"OUTPUT": dest, "QML": qml, "BREAKS_OUT": ",".join(repr(b) for b in result.breaks),
                "GVF": result.gvf}


class BivariateAlgorithm(ThematicAlgorithm):
    def name(self):
        return "bivariate"

    def displayName(self):  # noqa: N802 - QGIS override
        return tr("Bivariate choropleth (3 x 3)")

    def shortHelpString(self):  # noqa: N802 - QGIS override
        return tr("Colours polygons by two fields at once: each field is split in thirds (tertiles) and the nine "
                  "combinations get a colour of a standard bivariate palette. The style is a rule-based renderer "
                  "that QGIS reads without this plugin; a legend image (PNG) is written too.")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS override
        self.addParameter(QgsProcessingParameterVectorLayer("INPUT", tr("Polygon layer"),
                                                            [QgsProcessing.SourceType.TypeVectorPolygon]))
        self.addParameter(QgsProcessingParameterField("FIELD_X", tr("First field (horizontal)"),
                                                      parentLayerParameterName="INPUT"))
        self.addParameter(QgsProcessingParameterField("FIELD_Y", tr("Second field (vertical)"),
                                                      parentLayerParameterName="INPUT"))
        self.addParameter(QgsProcessingParameterEnum("PALETTE", tr("Palette"), PALETTES, defaultValue=0))
        self.add_output_params()
        self.addParameter(QgsProcessingParameterFileDestination("LEGEND", tr("Legend image"), tr("PNG (*.png)"),
                                                                optional=True, createByDefault=False))

    def run_core(self, parameters, context, feedback):
        layer = self.parameterAsVectorLayer(parameters, "INPUT", context)
        dest = self.parameterAsOutputLayer(parameters, "OUTPUT", context)
        legend = self.parameterAsFileOutput(parameters, "LEGEND", context) or None
        copy = copy_layer(layer, dest)
        api.bivariate(copy, self.parameterAsString(parameters, "FIELD_X", context),
                      self.parameterAsString(parameters, "FIELD_Y", context),
                      palette=PALETTES[self.parameterAsEnum(parameters, "PALETTE", context)], legend_image=legend,
                      feedback=feedback)
        dest, qml = finish_styled(self, copy, parameters, context, dest)
        return {"OUTPUT": dest, "QML": qml, "LEGEND": legend}


class ChartMapAlgorithm(ThematicAlgorithm):
    def name(self):
        return "chartmap"

    def displayName(self):  # noqa: N802 - QGIS override
        return tr("Chart map (pies, bars, proportional circles)")

    def shortHelpString(self):  # noqa: N802 - QGIS override
        return tr("Draws a pie, bar or stacked-bar chart per polygon from two or more fields (one colour per "
                  "field), sized by the total with a size legend or with a fixed size; or proportional circles of "
                  "one field. Uses QGIS's diagram renderers, so the style works without this plugin.")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS override
        self.addParameter(QgsProcessingParameterVectorLayer("INPUT", tr("Polygon layer"),
                                                            [QgsProcessing.SourceType.TypeVectorPolygon]))
        self.addParameter(QgsProcessingParameterField("FIELDS", tr("Fields"), parentLayerParameterName="INPUT",
                                                      allowMultiple=True,
                                                      type=QgsProcessingParameterField.DataType.Numeric))
        self.addParameter(QgsProcessingParameterEnum("KIND", tr("Chart type"),
                                                     [tr("Pie"), tr("Bars"), tr("Stacked bar"),
                                                      tr("Proportional circles (one field)")], defaultValue=0))
        self.addParameter(QgsProcessingParameterEnum("SIZE", tr("Size"), [tr("By total"), tr("Fixed")],
                                                     defaultValue=0))
        self.addParameter(QgsProcessingParameterNumber("MAX_SIZE", tr("Largest chart size (mm)"),
                                                       type=QgsProcessingParameterNumber.Type.Double, defaultValue=12.0,
                                                       minValue=1.0))
        self.addParameter(QgsProcessingParameterEnum("RAMP", tr("Colours (ColorBrewer)"), RAMPS,
                                                     defaultValue=RAMPS.index("Set2")))
        self.add_output_params()

    def run_core(self, parameters, context, feedback):
        layer = self.parameterAsVectorLayer(parameters, "INPUT", context)
        dest = self.parameterAsOutputLayer(parameters, "OUTPUT", context)
        fields = parameter_as_fields(self, parameters, "FIELDS", context)
        copy = copy_layer(layer, dest)
        size = self.parameterAsDouble(parameters, "MAX_SIZE", context)
        api.chart_map(copy, fields, kind=CHART_KINDS[self.parameterAsEnum(parameters, "KIND", context)],
                      ramp=RAMPS[self.parameterAsEnum(parameters, "RAMP", context)],
                      size_mode=("total", "fixed")[self.parameterAsEnum(parameters, "SIZE", context)],
                      max_size=size, fixed_size=size, feedback=feedback)
        dest, qml = finish_styled(self, copy, parameters, context, dest)
        return {"OUTPUT": dest, "QML": qml}


class ExportMapAlgorithm(ThematicAlgorithm):
    def name(self):
        return "exportmap"

    def displayName(self):  # noqa: N802 - QGIS override
        return tr("Export finished map (PNG, PDF)")

    def shortHelpString(self):  # noqa: N802 - QGIS override
        return tr("Builds a print layout with a title, the map of the chosen layers, a legend, a scale bar, a north "
                  "arrow and a source note, and exports it to PNG and/or PDF at the chosen resolution.")

    def flags(self):
        return super().flags() | QgsProcessingAlgorithm.Flag.FlagNoThreading

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS override
        self.addParameter(QgsProcessingParameterMultipleLayers("LAYERS", tr("Layers (first on top)"),
                                                               QgsProcessing.SourceType.TypeVectorAnyGeometry))
        self.addParameter(QgsProcessingParameterString("TITLE", tr("Title"), optional=True, defaultValue=""))
        self.addParameter(QgsProcessingParameterString("SOURCE", tr("Source note"), optional=True, defaultValue=""))
        self.addParameter(QgsProcessingParameterNumber("DPI", tr("Resolution (DPI)"), minValue=30, maxValue=1200,
                                                       defaultValue=300))
        self.addParameter(QgsProcessingParameterFileDestination("PNG", tr("PNG image"), tr("PNG (*.png)"),
                                                                optional=True, createByDefault=False))
        self.addParameter(QgsProcessingParameterFileDestination("PDF", tr("PDF document"), tr("PDF (*.pdf)"),
                                                                optional=True, createByDefault=False))

    def run_core(self, parameters, context, feedback):
        layers = self.parameterAsLayerList(parameters, "LAYERS", context)
        outputs = [p for p in (self.parameterAsFileOutput(parameters, "PNG", context),
                               self.parameterAsFileOutput(parameters, "PDF", context)) if p]
        if not outputs:
            raise WealthMapError(tr("Choose a PNG and/or a PDF file to export to."))
        result = api.export_map(layers, outputs, title=self.parameterAsString(parameters, "TITLE", context),
                                source=self.parameterAsString(parameters, "SOURCE", context),
                                dpi=self.parameterAsInt(parameters, "DPI", context), project=context.project(),
                                feedback=feedback)
        return {"PNG": result.files.get("png"), "PDF": result.files.get("pdf")}


ALGORITHMS = [JoinTableAlgorithm, ChoroplethAlgorithm, BivariateAlgorithm, ChartMapAlgorithm, ExportMapAlgorithm]
