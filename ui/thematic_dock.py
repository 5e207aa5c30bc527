"""The Thematic maps dock (widgets only; the work is done by ``core.thematic``).

Sections: 1. join a table to a boundary layer (live key report), 2. choropleth with a class
histogram preview, 3. chart map, 4. bivariate map, 5. export a finished map. Choices are remembered
per project.
"""

import os

from qgis.core import Qgis, QgsFieldProxyModel, QgsMapLayerProxyModel, QgsProject, QgsVectorLayer, QgsWkbTypes
from qgis.gui import QgsFieldComboBox, QgsFileWidget, QgsMapLayerComboBox
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
)

from ..core import settings
from ..core.errors import WealthMapError
from ..core.i18n import tr
from ..core.outputs import temporary_output
from ..core.tablereader import encoding_label
from ..core.thematic import api, style
from ..core.thematic.classify import FIXED_CLASS_METHODS, METHODS
from ..core.thematic.export import visible_layers
from ..core.thematic.join import normalise_key, read_table
from .base_dock import WealthMapDock
from .encoding_choice import ask_encoding
from .thematic_histogram import ClassHistogram

KEY = "thematic/"


class ThematicDock(WealthMapDock):
    JOB = "thematic"
    ask_encoding = staticmethod(ask_encoding)  # (parent, error) -> encoding or None; a dialog

    def __init__(self, iface, parent=None):
        super().__init__(iface, tr("WealthMap: Thematic maps"), "WealthMapThematicDock", parent)
        self._table_cache = {}
        self._encodings = {}  # path -> the encoding the user chose where the reader could not tell
        self._restoring = False
        self.last_join = None
        self.last_choropleth = None
        self._join_source = None
        intro = QLabel(tr("Choropleth and chart maps from statistics tables."))
        intro.setWordWrap(True)
        self.body.addWidget(intro)
        self._build_join()
        self._build_choropleth()
        self._build_chart()
        self._build_bivariate()
        self._build_export()
        self.body.addStretch(1)
        self.restore_settings()
        QgsProject.instance().readProject.connect(self.restore_settings)
        if iface is not None and hasattr(iface, "currentLayerChanged"):
            iface.currentLayerChanged.connect(self.follow_current_layer)

    # --- widgets -------------------------------------------------------------------------------
    def _build_join(self):
        box = QGroupBox(tr("1. Join a table"))
        form = QFormLayout(box)
        self.join_layer = QgsMapLayerComboBox()
        self.join_layer.setFilters(QgsMapLayerProxyModel.Filter.PolygonLayer)
        self.layer_key = QgsFieldComboBox()
        self.layer_key.setLayer(self.join_layer.currentLayer())
        self.join_layer.layerChanged.connect(self.layer_key.setLayer)
        self.table_file = QgsFileWidget()
        self.table_file.setFilter(tr("Tables (*.csv *.txt *.tsv *.xlsx *.xls *.ods)"))
        self.table_key = QComboBox()
        self.keep_first = QCheckBox(tr("Keep the first row of duplicate keys"))
        self.join_report = QLabel(tr("Pick a layer, a table and the key of each."))
        self.join_report.setWordWrap(True)
        self.join_button = QPushButton(tr("Join"))
        form.addRow(tr("Boundary layer"), self.join_layer)
        form.addRow(tr("Layer key"), self.layer_key)
        form.addRow(tr("Table"), self.table_file)
        form.addRow(tr("Table key"), self.table_key)
        form.addRow(self.keep_first)
        form.addRow(self.join_report)
        form.addRow(self.join_button)
        self.body.addWidget(box)
        self.table_file.fileChanged.connect(self.on_table_changed)
        self.layer_key.fieldChanged.connect(self.update_join_report)
        self.table_key.currentIndexChanged.connect(self.update_join_report)
        self.join_layer.layerChanged.connect(self.update_join_report)
        self.join_button.clicked.connect(self.run_join)

    def _build_choropleth(self):
        box = QGroupBox(tr("2. Choropleth"))
        form = QFormLayout(box)
        self.map_layer = QgsMapLayerComboBox()
        self.map_layer.setFilters(QgsMapLayerProxyModel.Filter.PolygonLayer)
        self.field = QgsFieldComboBox()
        self.field.setFilters(QgsFieldProxyModel.Filter.Numeric)
        self.field.setLayer(self.map_layer.currentLayer())
        self.prefer_data_field()
        self.normalize = QgsFieldComboBox()
        self.normalize.setFilters(QgsFieldProxyModel.Filter.Numeric)
        self.normalize.setAllowEmptyFieldName(True)
        self.normalize.setLayer(self.map_layer.currentLayer())
        self.per_area = QCheckBox(tr("Divide by area (km²)"))
        self.multiplier = QDoubleSpinBox()
        self.multiplier.setRange(1e-6, 1e9)
        self.multiplier.setDecimals(3)
        self.multiplier.setValue(1.0)
        self.method = QComboBox()
        for key, label in METHODS.items():
            self.method.addItem(tr(label), key)
        self.method.setCurrentIndex(list(METHODS).index("jenks"))
        self.classes = QSpinBox()
        self.classes.setRange(2, 20)
        self.classes.setValue(5)
        self.manual_breaks = QLineEdit()
        self.manual_breaks.setPlaceholderText(tr("Manual breaks, e.g. 10, 50, 100"))
        self.ramp = QComboBox()
        for name, safe, kind in style.ramp_names():
            self.ramp.addItem("{} ({}){}".format(name, tr(style.KIND_LABELS[kind]), " ✓" if safe else ""), name)
        self.ramp.setToolTip(tr("✓: colour-blind safe (ColorBrewer)"))
        self.ramp.setCurrentIndex(self.ramp.findData("YlOrRd"))
        self.reverse = QCheckBox(tr("Reverse colours"))
        self.histogram = ClassHistogram()
        self.class_info = QLabel()
        self.class_info.setWordWrap(True)
        self.apply_button = QPushButton(tr("Apply choropleth"))
        for widget in (self.map_layer.layerChanged,):
            widget.connect(self.field.setLayer)
            widget.connect(self.normalize.setLayer)
            widget.connect(self.prefer_data_field)
        form.addRow(tr("Layer"), self.map_layer)
        form.addRow(tr("Value field"), self.field)
        form.addRow(tr("Divide by field"), self.normalize)
        form.addRow(self.per_area)
        form.addRow(tr("Multiplier"), self.multiplier)
        form.addRow(tr("Method"), self.method)
        form.addRow(tr("Classes"), self.classes)
        form.addRow(self.manual_breaks)
        row = QHBoxLayout()
        row.addWidget(self.ramp, 1)
        row.addWidget(self.reverse)
        form.addRow(tr("Colours"), row)
        form.addRow(self.histogram)
        form.addRow(self.class_info)
        form.addRow(self.apply_button)
        self.body.addWidget(box)
        for signal in (self.field.fieldChanged, self.method.currentIndexChanged, self.classes.valueChanged,
                       self.ramp.currentIndexChanged, self.reverse.toggled, self.manual_breaks.editingFinished,
                       self.map_layer.layerChanged, self.normalize.fieldChanged, self.per_area.toggled,
                       self.multiplier.valueChanged):
            signal.connect(self.update_preview)
        self.apply_button.clicked.connect(self.apply_choropleth)

    def _build_chart(self):
        box = QGroupBox(tr("3. Chart map"))
        form = QFormLayout(box)
        self.chart_fields = QListWidget()
        self.chart_fields.setMaximumHeight(110)
        self.chart_kind = QComboBox()
        for key, label in (("pie", tr("Pie")), ("bar", tr("Bars")), ("stacked", tr("Stacked bar")),
                           ("proportional", tr("Proportional circles (one field)"))):
            self.chart_kind.addItem(label, key)
        self.chart_fixed = QCheckBox(tr("Same size for every chart"))
        self.chart_size = QDoubleSpinBox()
        self.chart_size.setRange(1, 100)
        self.chart_size.setValue(12)
        self.chart_size.setSuffix(" mm")
        self.chart_button = QPushButton(tr("Apply chart map"))
        form.addRow(tr("Fields"), self.chart_fields)
        form.addRow(tr("Chart type"), self.chart_kind)
        form.addRow(self.chart_fixed)
        form.addRow(tr("Largest chart size"), self.chart_size)
        form.addRow(self.chart_button)
        self.body.addWidget(box)
        self.map_layer.layerChanged.connect(self.fill_chart_fields)
        self.chart_button.clicked.connect(self.apply_chart)
        self.fill_chart_fields(self.map_layer.currentLayer())

    def _build_bivariate(self):
        box = QGroupBox(tr("4. Bivariate map (3 x 3)"))
        form = QFormLayout(box)
        self.bivariate_x = QgsFieldComboBox()
        self.bivariate_x.setFilters(QgsFieldProxyModel.Filter.Numeric)
        self.bivariate_y = QgsFieldComboBox()
        self.bivariate_y.setFilters(QgsFieldProxyModel.Filter.Numeric)
        for combo in (self.bivariate_x, self.bivariate_y):
            combo.setLayer(self.map_layer.currentLayer())
            self.map_layer.layerChanged.connect(combo.setLayer)
        self.bivariate_palette = QComboBox()
        for key, label in (("pinkblue", tr("Pink-blue")), ("greenblue", tr("Green-blue")),
                           ("purplegold", tr("Purple-gold"))):
            self.bivariate_palette.addItem(label, key)
        self.bivariate_button = QPushButton(tr("Apply bivariate map"))
        self.bivariate_legend = QLabel()
        form.addRow(tr("First field (columns)"), self.bivariate_x)
        form.addRow(tr("Second field (rows)"), self.bivariate_y)
        form.addRow(tr("Palette"), self.bivariate_palette)
        form.addRow(self.bivariate_button)
        form.addRow(self.bivariate_legend)
        self.body.addWidget(box)
        self.bivariate_button.clicked.connect(self.apply_bivariate)

    def _build_export(self):
        box = QGroupBox(tr("5. Export map"))
        form = QFormLayout(box)
        self.title = QLineEdit()
        self.source = QLineEdit()
        self.source.setPlaceholderText(tr("e.g. Source: KOSIS, 2024"))
        self.dpi = QSpinBox()
        self.dpi.setRange(30, 1200)
        self.dpi.setValue(settings.THEMATIC_EXPORT_DPI.value())
        self.export_file = QgsFileWidget()
        self.export_file.setStorageMode(QgsFileWidget.StorageMode.SaveFile)
        self.export_file.setFilter(tr("PNG and PDF (*.png)"))
        self.export_pdf = QCheckBox(tr("Also write a PDF"))
        self.export_pdf.setChecked(True)
        self.export_button = QPushButton(tr("Export"))
        form.addRow(tr("Title"), self.title)
        form.addRow(tr("Source note"), self.source)
        form.addRow(tr("Resolution (DPI)"), self.dpi)
        form.addRow(tr("PNG file"), self.export_file)
        form.addRow(self.export_pdf)
        form.addRow(self.export_button)
        self.body.addWidget(box)
        self.export_button.clicked.connect(self.export)

    # --- settings ------------------------------------------------------------------------------
    def save_settings(self):
        values = {"layer": self.map_layer.currentLayer().id() if self.map_layer.currentLayer() else "",
                  "join_layer": self.join_layer.currentLayer().id() if self.join_layer.currentLayer() else "",
                  "table": self.table_file.filePath(), "layer_key": self.layer_key.currentField(),
                  "table_key": self.table_key.currentText(), "field": self.field.currentField(),
                  "method": self.method.currentData(), "classes": self.classes.value(),
                  "ramp": self.ramp.currentData(), "reverse": int(self.reverse.isChecked()),
                  "title": self.title.text(), "source": self.source.text(), "dpi": self.dpi.value()}
        for key, value in values.items():
            settings.set_project_value(KEY + key, value)

    def restore_settings(self, *args):
        self._restoring = True
        try:
            get = settings.project_value
            project = QgsProject.instance()
            for combo, key in ((self.join_layer, "join_layer"), (self.map_layer, "layer")):
                layer = project.mapLayer(get(KEY + key, "") or "")
                if layer is not None:
                    combo.setLayer(layer)
            table = get(KEY + "table", "")
            if table and os.path.exists(table):
                self.table_file.setFilePath(table)
                self.on_table_changed(table)
            if get(KEY + "layer_key"):
                self.layer_key.setField(get(KEY + "layer_key"))
            if get(KEY + "table_key"):
                self.table_key.setCurrentText(get(KEY + "table_key"))
            if get(KEY + "field"):
                self.field.setField(get(KEY + "field"))
            index = self.method.findData(get(KEY + "method", "jenks"))
            self.method.setCurrentIndex(max(index, 0))
            try:
                self.classes.setValue(int(get(KEY + "classes", 5)))
                self.dpi.setValue(int(get(KEY + "dpi", self.dpi.value())))
            except (TypeError, ValueError):
                pass
            ramp = self.ramp.findData(get(KEY + "ramp", "YlOrRd"))
            if ramp >= 0:
                self.ramp.setCurrentIndex(ramp)
            self.reverse.setChecked(str(get(KEY + "reverse", "0")) == "1")
            self.title.setText(get(KEY + "title", "") or "")
            self.source.setText(get(KEY + "source", "") or "")
        finally:
            self._restoring = False
        self.update_preview()

    # --- join ----------------------------------------------------------------------------------
    def _table(self, path, ask=False):
        """The table's rows, read again when the file changed (an edited table gives a new key report).
        ``ask``: when the encoding is unclear, ask the user (only when they pick the file, not on restore)."""
        try:
            stat = os.stat(path)
            key = (path, stat.st_mtime_ns, stat.st_size)
        except OSError:
            key = (path, None, None)
        if key not in self._table_cache:
            try:
                table = read_table(path, encoding=self._encodings.get(path))
            except WealthMapError as err:
                encoding = self.ask_encoding(self, err) if ask else None  # unclear encoding: the user picks it
                if encoding is None:
                    raise
                self._encodings[path] = encoding
                table = read_table(path, encoding=encoding)
            self._table_cache = {key: table}
        return self._table_cache[key]

    def on_table_changed(self, path):
        self.table_key.blockSignals(True)
        self.table_key.clear()
        self.table_key.blockSignals(False)
        if not path or not os.path.exists(path):
            return
        try:
            header, _rows, info = self._table(path, ask=not self._restoring)
        except WealthMapError as err:
            self.join_report.setText(str(err))
            return
        self.table_key.addItems(header)
        layer_key = self.layer_key.currentField()
        if layer_key in header:
            self.table_key.setCurrentText(layer_key)
        self.update_join_report()

    def update_join_report(self, *args):
        """Live key match report (before joining): how many keys match on each side."""
        layer = self.join_layer.currentLayer()
        path = self.table_file.filePath()
        layer_key, table_key = self.layer_key.currentField(), self.table_key.currentText()
        if layer is None or not path or not layer_key or not table_key or not os.path.exists(path):
            return None
        try:
            header, rows, info = self._table(path)
        except WealthMapError as err:
            self.join_report.setText(str(err))
            return None
        if table_key not in header or layer_key not in layer.fields().names():
            return None
        index = header.index(table_key)
        table_keys = [normalise_key(r[index]) for r in rows]
        table_set = {k for k in table_keys if k is not None}
        duplicates = len([k for k in table_keys if k is not None]) - len(table_set)
        layer_keys = [normalise_key(v) for v in layer.uniqueValues(layer.fields().indexOf(layer_key))]
        layer_set = {k for k in layer_keys if k is not None}
        matched = len(layer_set & table_set)
        text = tr("Keys: {0} of {1} layer keys match {2} table keys; {3} table keys have no feature.").format(
            matched, len(layer_set), len(table_set), len(table_set - layer_set))
        if duplicates:
            text += " " + tr("Duplicate table keys: {0}.").format(duplicates)
        if info.get("encoding"):
            text += " " + tr("Encoding: {0}.").format(encoding_label(info["encoding"]))
        for note in info.get("notes") or []:
            text += " " + note
        self.join_report.setText(text)
        return matched

    def run_join(self):
        layer = self.join_layer.currentLayer()
        path = self.table_file.filePath()
        if layer is None or not path:
            self.show_error(tr("Pick a boundary layer and a table file first."))
            return None
        self.save_settings()
        self._join_source = layer
        on_duplicate = "first" if self.keep_first.isChecked() else "error"
        source, provider, name = layer.source(), layer.providerType(), layer.name()
        layer_key, table_key = self.layer_key.currentField(), self.table_key.currentText()

        def work(feedback):
            # open the layer from its source in the task (never touch project layers off the main thread)
            lyr = QgsVectorLayer(source, name, provider)
            return api.join_table(lyr, path, layer_key, table_key, on_duplicate=on_duplicate, encoding=encoding,
                                  feedback=feedback)

        encoding = self._encodings.get(path)
        if provider == "memory":  # memory layers cannot be reopened from their source: join here
            try:
                self.on_joined(api.join_table(layer, path, layer_key, table_key, on_duplicate=on_duplicate,
                                              encoding=encoding))
            except WealthMapError as err:
                self.show_error(str(err))
            return None
        return self.start_task(tr("Join {0}").format(os.path.basename(path)), work, on_done=self.on_joined)

    def on_joined(self, result):
        self.last_join = result
        layer = result.layer
        self.add_above(layer, self._join_source)
        self.work_on(layer)
        self.join_report.setText(result.summary)
        self.status.setText(result.summary)

    # --- choropleth ----------------------------------------------------------------------------
    def _options(self):
        breaks = [b.strip() for b in self.manual_breaks.text().replace(";", ",").split(",") if b.strip()]
        return dict(method=self.method.currentData(), classes=self.classes.value(), breaks=breaks or None,
                    ramp=self.ramp.currentData(), reverse=self.reverse.isChecked())

    def _normalisation(self):
        return dict(normalize_by=self.normalize.currentField() or None, per_area=self.per_area.isChecked(),
                    multiplier=self.multiplier.value())

    def follow_current_layer(self, layer):
        """The user picked a layer in the Layers panel: the dock works on it (when it is a polygon layer)."""
        if isinstance(layer, QgsVectorLayer) and layer.isValid() and \
                layer.geometryType() == QgsWkbTypes.GeometryType.PolygonGeometry and \
                layer is not self.map_layer.currentLayer():
            self.map_layer.setLayer(layer)

    @staticmethod
    def add_above(new, source):
        """Add ``new`` (made from ``source``: a joined copy, a rate layer) to the project just above ``source`` and
        hide ``source``: the new layer covers it, so only the new one shows, on the canvas and in an export."""
        project = QgsProject.instance()
        project.addMapLayer(new, False)
        root = project.layerTreeRoot()
        try:
            node = root.findLayer(source.id()) if source is not None else None
        except RuntimeError:  # the source layer was removed meanwhile
            node = None
        parent = node.parent() if node is not None else root
        index = parent.children().index(node) if node is not None else 0
        parent.insertLayer(index, new)
        if node is not None:
            node.setItemVisibilityChecked(False)

    def work_on(self, layer, field=None):
        """Make ``layer`` (a layer the dock just made) the one every section works on: selected in the *Layer*
        box and in the Layers panel, on top, with the layer it was made from hidden under it."""
        self.map_layer.setLayer(layer)
        if field:
            self.field.setField(field)
        if self.iface is not None and hasattr(self.iface, "setActiveLayer"):
            self.iface.setActiveLayer(layer)

    def update_preview(self, *args):
        if self._restoring:
            return
        layer, field = self.map_layer.currentLayer(), self.field.currentField()
        self.classes.setEnabled(self.method.currentData() not in FIXED_CLASS_METHODS)
        self.manual_breaks.setVisible(self.method.currentData() == "manual")
        if layer is None or not field:
            self.histogram.clear()
            return
        options = self._options()
        try:
            computed = api.classify_choropleth(layer, field, options["method"], options["classes"],
                                               breaks=options["breaks"], **self._normalisation())
            result = computed.classification
            colors = style.ramp_colors(options["ramp"], result.k, options["reverse"])
        except WealthMapError as err:
            self.histogram.clear()
            self.class_info.setText(str(err))
            return
        self.histogram.set_data(computed.numbers, result.breaks, colors)
        self.class_info.setText(tr("{0} classes, goodness of variance fit {1:.3f}; counts {2}.").format(
            result.k, result.gvf, ", ".join(map(str, result.counts))))

    def apply_choropleth(self):
        layer = self.map_layer.currentLayer()
        if layer is None or not self.field.currentField():
            self.show_error(tr("Pick a polygon layer and a value field first."))
            return None
        self.save_settings()
        try:
            result = api.choropleth(layer, self.field.currentField(), **self._normalisation(), **self._options())
        except WealthMapError as err:
            self.show_error(str(err))
            return None
        if result.layer is not layer:
            self.add_above(result.layer, layer)
            # the rate layer is now the one to work on: its rate field, already divided and multiplied
            self._restoring = True
            try:
                self.work_on(result.layer, result.field)
                self.normalize.setField("")
                self.per_area.setChecked(False)
                self.multiplier.setValue(1.0)
            finally:
                self._restoring = False
            self.update_preview()
        message = tr("Styled {0}: {1} classes, goodness of variance fit {2:.3f}.").format(
            result.layer.name(), len(result.breaks), result.gvf)
        if result.zero_denominators:
            message += " " + tr("{0} features have a zero or NULL denominator (shown as No data).").format(
                len(result.zero_denominators))
        if not result.colorblind_safe:
            message += " " + tr("This colour ramp is not colour-blind safe for this many classes.")
        self.status.setText(message)
        self.show_message(message, Qgis.MessageLevel.Success)
        self.last_choropleth = result
        self.refresh_legend(result.layer)
        return result

    def refresh_legend(self, layer):
        """Show the new style in the Layers panel: its legend items, unfolded (a refresh folds them)."""
        if self.iface is not None and hasattr(self.iface, "layerTreeView") and self.iface.layerTreeView():
            self.iface.layerTreeView().refreshLayerSymbology(layer.id())
        node = QgsProject.instance().layerTreeRoot().findLayer(layer.id())
        if node is not None:
            node.setExpanded(True)

    # --- charts --------------------------------------------------------------------------------
    def prefer_data_field(self, *_args):
        """Start on the first numeric field that holds data, not on a GeoPackage's ``fid``."""
        def key_like(name):
            name = name.lower()
            return name in ("fid", "id", "objectid", "code", "key") or name.endswith(("_id", "_code", "code"))

        layer = self.map_layer.currentLayer()
        if layer is None or not key_like(self.field.currentField() or "fid"):
            return
        for field in layer.fields():
            if field.isNumeric() and not key_like(field.name()):
                self.field.setField(field.name())
                return

    def fill_chart_fields(self, layer):
        self.chart_fields.clear()
        if layer is None:
            return
        for field in layer.fields():
            if field.isNumeric():
                item = QListWidgetItem(field.name())
                item.setCheckState(Qt.CheckState.Unchecked)
                self.chart_fields.addItem(item)

    def checked_chart_fields(self):
        return [self.chart_fields.item(i).text() for i in range(self.chart_fields.count())
                if self.chart_fields.item(i).checkState() == Qt.CheckState.Checked]

    def apply_chart(self):
        layer = self.map_layer.currentLayer()
        if layer is None:
            self.show_error(tr("Pick a polygon layer first."))
            return None
        size = self.chart_size.value()
        try:
            result = api.chart_map(layer, self.checked_chart_fields(), kind=self.chart_kind.currentData(),
                                   size_mode="fixed" if self.chart_fixed.isChecked() else "total", max_size=size,
                                   fixed_size=size)
        except WealthMapError as err:
            self.show_error(str(err))
            return None
        self.refresh_legend(layer)
        self.status.setText(tr("Charts added to {0}.").format(layer.name()))
        self.show_message(self.status.text(), Qgis.MessageLevel.Success)
        return result

    def apply_bivariate(self):
        layer = self.map_layer.currentLayer()
        if layer is None:
            self.show_error(tr("Pick a polygon layer first."))
            return None
        legend = temporary_output("bivariate_legend_", ".png")  # in the profile's bounded temporary folder
        try:
            result = api.bivariate(layer, self.bivariate_x.currentField(), self.bivariate_y.currentField(),
                                   palette=self.bivariate_palette.currentData(), legend_image=legend)
        except WealthMapError as err:
            self.show_error(str(err))
            return None
        from qgis.PyQt.QtGui import QPixmap

        pixmap = QPixmap(legend)
        if not pixmap.isNull():
            self.bivariate_legend.setPixmap(pixmap.scaledToWidth(160, Qt.TransformationMode.SmoothTransformation))
        layer.triggerRepaint()
        self.refresh_legend(layer)
        self.status.setText(tr("Bivariate map applied to {0}.").format(layer.name()))
        self.show_message(self.status.text(), Qgis.MessageLevel.Success)
        return result

    # --- export --------------------------------------------------------------------------------
    def export(self):
        """Export what the canvas shows: the visible layers, in their drawing order, with their legends (the
        *Layer* box's layer when none is visible)."""
        layers = visible_layers() or [lyr for lyr in [self.map_layer.currentLayer()] if lyr is not None]
        path = self.export_file.filePath()
        if not layers or not path:
            self.show_error(tr("Pick a layer and a PNG file to export to."))
            return None
        if not path.lower().endswith(".png"):
            path += ".png"
        outputs = [path] + ([os.path.splitext(path)[0] + ".pdf"] if self.export_pdf.isChecked() else [])
        self.save_settings()
        try:
            result = api.export_map(layers, outputs, title=self.title.text(), source=self.source.text(),
                                    dpi=self.dpi.value())
        except WealthMapError as err:
            self.show_error(str(err))
            return None
        self.status.setText(tr("Exported: {0}").format(", ".join(result.files.values())))
        self.show_message(self.status.text(), Qgis.MessageLevel.Success)
        return result

    def show_error(self, text):
        self.status.setText(text)
        self.show_message(text, Qgis.MessageLevel.Critical)

    def cleanup(self):
        """Disconnect from the project (called when the plugin unloads; closing the panel keeps the link, so
        a project opened after the panel was closed and reopened still restores its choices)."""
        try:
            QgsProject.instance().readProject.disconnect(self.restore_settings)
        except (TypeError, RuntimeError):
            pass
        if self.iface is not None and hasattr(self.iface, "currentLayerChanged"):
            try:
                self.iface.currentLayerChanged.disconnect(self.follow_current_layer)
            except (TypeError, RuntimeError):
                pass
