"""The Geocode dock (widgets only; the work is done by ``core.geocode``).

Sections: 1. input (layer or table file, address fields or expression), 2. provider (offline
index, web services with endpoint and API key from QGIS's authentication database), 3. output
(file, CRS, CSV of unmatched rows), 4. review (filter ambiguous/unmatched rows, see the
candidates on the map, pick one or click the map; edits update the layer and the cache).
"""

import json
import os
import time

from qgis.core import NULL, Qgis, QgsCoordinateReferenceSystem, QgsMapLayerProxyModel, QgsProject
from qgis.gui import (
    QgsAuthConfigSelect,
    QgsCheckableComboBox,
    QgsFieldExpressionWidget,
    QgsFileWidget,
    QgsMapLayerComboBox,
    QgsProjectionSelectionWidget,
)
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
    QTableWidget,
    QTableWidgetItem,
)

from ..core import settings
from ..core.errors import WealthMapError
from ..core.geocode import api, style
from ..core.geocode.batch import read_input
from ..core.geocode.parse import parsed_summary
from ..core.geocode.providers import DEFAULT_ENDPOINTS, PROVIDERS
from ..core.i18n import tr, tr_noop
from ..core.outputs import temporary_output
from ..core.tablereader import encoding_label, kept_copy
from ..core.tables import load_table
from ..core.tasks import eta_seconds
from .base_dock import WealthMapDock
from .encoding_choice import ask_encoding
from .geocode_maptool import CandidateMarkers, PlacePointTool

FILTERS = [("all", tr_noop("All rows")), ("review", tr_noop("Ambiguous and unmatched")),
           ("ambiguous", tr_noop("Ambiguous")), ("not_found", tr_noop("Not found")), ("error", tr_noop("Errors"))]
# What the review table shows for each value of the output's ``status`` field (the field keeps the code).
STATUS_LABELS = style.STATUS_LABELS


class GeocodeDock(WealthMapDock):
    JOB = "geocode"

    ask_encoding = staticmethod(ask_encoding)  # (parent, error) -> encoding or None; a dialog

    def __init__(self, iface, parent=None):
        super().__init__(iface, tr("WealthMap: Geocode"), "WealthMapGeocodeDock", parent)
        self.result = None
        self.output_layer = None
        QgsProject.instance().layerWillBeRemoved[str].connect(self.output_layer_removed)
        self.review_fields = []
        self.map_tool = None
        self.previous_tool = None
        canvas = iface.mapCanvas() if iface is not None and hasattr(iface, "mapCanvas") else None
        self.canvas = canvas
        self.markers = CandidateMarkers(canvas)
        intro = QLabel(tr("Batch geocoding of address tables."))
        intro.setWordWrap(True)
        self.body.addWidget(intro)
        self._build_input()
        self._build_provider()
        self._build_output()
        self._build_review()
        self.body.addStretch(1)
        self.locator_filter = None
        self.locator_registered = False
        self._add_locator_filter()

    # --- locator bar -------------------------------------------------------------------------
    def _add_locator_filter(self):
        """Offer the offline geocoder in QGIS's locator bar (prefix ``wg``, e.g. ``wg 서울특별시``)."""
        from qgis.gui import QgsGeocoderLocatorFilter

        from ..core.geocode.qgs_geocoder import WealthMapGeocoder

        try:
            self.geocoder = WealthMapGeocoder("offline")
        except WealthMapError:
            return
        self.locator_filter = QgsGeocoderLocatorFilter("wealthmap-geocoder", tr("WealthMap geocoder (offline)"), "wg",
                                                       self.geocoder, self.canvas)
        if self.iface is not None and hasattr(self.iface, "registerLocatorFilter"):
            self.iface.registerLocatorFilter(self.locator_filter)  # QGIS takes ownership
            self.locator_registered = True

    # --- widgets -----------------------------------------------------------------------------
    def _build_input(self):
        box = QGroupBox(tr("Addresses"))
        form = QFormLayout(box)
        row = QHBoxLayout()
        self.layer_combo = QgsMapLayerComboBox()
        self.layer_combo.setFilters(QgsMapLayerProxyModel.Filter.VectorLayer)
        self.layer_combo.setAllowEmptyLayer(True)
        self.open_button = QPushButton(tr("Open table…"))
        self.open_button.setToolTip(tr("CSV (UTF-8 or CP949/EUC-KR), XLSX or any vector file"))
        self.open_button.clicked.connect(self.open_table)
        row.addWidget(self.layer_combo, 1)
        row.addWidget(self.open_button)
        form.addRow(tr("Table or layer"), row)
        self.fields_combo = QgsCheckableComboBox()
        self.fields_combo.setToolTip(tr("One or several fields, joined with commas"))
        form.addRow(tr("Address field(s)"), self.fields_combo)
        self.expression = QgsFieldExpressionWidget()
        self.expression.setToolTip(tr("Instead of fields: a QGIS expression that builds the address"))
        form.addRow(tr("Or expression"), self.expression)
        self.layer_combo.layerChanged.connect(self.layer_changed)
        self.body.addWidget(box)
        self.layer_changed(self.layer_combo.currentLayer())

    def _build_provider(self):
        box = QGroupBox(tr("Provider"))
        form = QFormLayout(box)
        self.provider_combo = QComboBox()
        for key, label in PROVIDERS.items():
            self.provider_combo.addItem(tr(label), key)
        index = self.provider_combo.findData(settings.GEOCODE_PROVIDER.value())
        self.provider_combo.setCurrentIndex(max(index, 0))
        self.provider_combo.currentIndexChanged.connect(self.provider_changed)
        form.addRow(tr("Service"), self.provider_combo)
        self.index_file = QgsFileWidget()
        self.index_file.setFilter(tr("Address index (*.sqlite)"))
        self.index_file.setToolTip(tr("Built with 'Build offline address index'; the world gazetteer is always used"))
        index_row = QHBoxLayout()
        index_row.addWidget(self.index_file, 1)
        self.build_index_button = QPushButton(tr("Build index…"))
        self.build_index_button.setToolTip(tr("Build an address index from an OpenStreetMap file (.osm.pbf, .osm) "
                                              "or a table or layer of address points (address and lon/lat "
                                              "fields)"))
        self.build_index_button.setMenu(self.index_menu())
        index_row.addWidget(self.build_index_button)
        form.addRow(tr("Address index"), index_row)
        self.endpoint = QLineEdit()
        self.endpoint.setPlaceholderText("https://nominatim.openstreetmap.org")
        form.addRow(tr("Endpoint URL"), self.endpoint)
        self.auth = QgsAuthConfigSelect()
        self.auth.setToolTip(tr("The API key is kept in QGIS's authentication database (method Basic, key as "
                                "password), never in settings or projects."))
        form.addRow(tr("API key"), self.auth)
        self.countries = QLineEdit()
        self.countries.setPlaceholderText(tr("e.g. kr, li"))
        form.addRow(tr("Country codes"), self.countries)
        self.extent_check = QCheckBox(tr("Only in the current map extent"))
        form.addRow(self.extent_check)
        self.min_score = QDoubleSpinBox()
        self.min_score.setRange(0.0, 1.0)
        self.min_score.setSingleStep(0.05)
        self.min_score.setValue(0.6)
        form.addRow(tr("Minimum score"), self.min_score)
        self.body.addWidget(box)
        self.provider_changed()

    def _build_output(self):
        box = QGroupBox(tr("Output"))
        form = QFormLayout(box)
        self.output_file = QgsFileWidget()
        self.output_file.setStorageMode(QgsFileWidget.StorageMode.SaveFile)
        self.output_file.setFilter(tr("GeoPackage (*.gpkg)"))
        form.addRow(tr("Output file"), self.output_file)
        self.crs = QgsProjectionSelectionWidget()
        self.crs.setCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
        form.addRow(tr("Output CRS"), self.crs)
        self.unmatched_check = QCheckBox(tr("Also write the unmatched rows to a CSV file"))
        form.addRow(self.unmatched_check)
        self.run_button = QPushButton(tr("Geocode"))
        self.run_button.clicked.connect(self.run)
        form.addRow(self.run_button)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        form.addRow(self.summary)
        self.body.addWidget(box)

    def _build_review(self):
        box = QGroupBox(tr("Review"))
        form = QFormLayout(box)
        self.filter_combo = QComboBox()
        for key, label in FILTERS:
            self.filter_combo.addItem(tr(label), key)
        self.filter_combo.setCurrentIndex(1)
        self.filter_combo.currentIndexChanged.connect(self.fill_review)
        form.addRow(tr("Show"), self.filter_combo)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([tr("Address"), tr("Status"), tr("Score"), tr("Matched address"),
                                              tr("Read as")])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.itemSelectionChanged.connect(self.row_selected)
        self.fit_review_table()
        form.addRow(self.table)
        self.candidates = QListWidget()
        self.candidates.setMaximumHeight(110)
        self.candidates.currentRowChanged.connect(self.candidate_selected)
        form.addRow(tr("Candidates"), self.candidates)
        row = QHBoxLayout()
        self.use_button = QPushButton(tr("Use candidate"))
        self.use_button.clicked.connect(self.use_candidate)
        self.pick_button = QPushButton(tr("Place on map"))
        self.pick_button.setCheckable(True)
        self.pick_button.setToolTip(tr("Click on the map to place the selected row's point by hand"))
        self.pick_button.toggled.connect(self.toggle_pick)
        row.addWidget(self.use_button)
        row.addWidget(self.pick_button)
        form.addRow(row)
        self.body.addWidget(box)
        self.set_review_enabled(False)

    def fit_review_table(self):
        """Text columns share the panel's width (none cut off at the right edge: the full text is in the
        tooltip), status and score take what they need, and the table is short enough that the candidates
        and 'Use candidate' stay in view below it at the panel's default size."""
        from qgis.PyQt.QtWidgets import QHeaderView

        header = self.table.horizontalHeader()
        narrow = {tr("Status"), tr("Score")}
        for column in range(self.table.columnCount()):
            label = self.table.horizontalHeaderItem(column)
            mode = (QHeaderView.ResizeMode.ResizeToContents if label is not None and label.text() in narrow
                    else QHeaderView.ResizeMode.Stretch)
            header.setSectionResizeMode(column, mode)
        self.table.setWordWrap(False)  # one line per row, cut at the right with "…" (full text in the tooltip)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.setMinimumHeight(120)
        self.table.setMaximumHeight(200)

    # --- input ---------------------------------------------------------------------------------
    def open_table(self):
        from qgis.PyQt.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self, tr("Open an address table"), "",
                                              tr("Tables (*.csv *.txt *.tsv *.xlsx *.xls *.ods *.gpkg *.shp)"))
        if path:
            self.add_table(path)

    def add_table(self, path):
        """Load a table file (encoding detected) into the project and select it."""
        try:
            try:
                layer = load_table(path)
            except WealthMapError as err:
                encoding = self.ask_encoding(self, err)  # the encoding is unclear: the user picks it
                if encoding is None:
                    raise
                layer = load_table(path, encoding=encoding)
        except WealthMapError as err:
            self.status.setText(str(err))
            self.show_message(str(err), Qgis.MessageLevel.Warning)
            return None
        layer = kept_copy(layer)  # a GeoPackage in the profile: the project keeps the table when saved
        QgsProject.instance().addMapLayer(layer)
        self.layer_combo.setLayer(layer)
        return layer

    def layer_changed(self, layer):
        self.fields_combo.clear()
        self.expression.setLayer(layer)
        self.expression.setExpression("")
        if layer is None:
            return
        from ..core.geocode.batch import guess_address_fields, guess_locality_fields

        guessed = guess_address_fields(layer)
        if guessed:  # a street alone finds streets of that name in every town: its town/postcode goes with it
            guessed += guess_locality_fields(layer, guessed)
        guessed = set(guessed)
        for name in layer.fields().names():
            self.fields_combo.addItemWithCheckState(
                name, Qt.CheckState.Checked if name in guessed else Qt.CheckState.Unchecked)

    def provider_changed(self):
        key = self.provider_combo.currentData()
        self.index_file.setEnabled(key == "offline")
        self.endpoint.setEnabled(key != "offline")
        self.auth.setEnabled(key in ("pelias", "google", "kakao", "vworld"))
        self.endpoint.setPlaceholderText(DEFAULT_ENDPOINTS.get(key, ""))

    # --- run -------------------------------------------------------------------------------------
    def options(self, input_name=None):
        key = self.provider_combo.currentData()
        # no file named: one in the profile's bounded temporary folder (not left in the system's forever)
        output = self.output_file.filePath() or temporary_output(
            "{}_geocoded_".format(style.file_stem(input_name or "addresses")), ".gpkg")
        unmatched = os.path.splitext(output)[0] + "_unmatched.csv" if self.unmatched_check.isChecked() else None
        return {
            "provider": key,
            "index": self.index_file.filePath() or None,
            "endpoint": self.endpoint.text().strip() or None,
            "authcfg": self.auth.configId() or None,
            "countries": [c.strip() for c in self.countries.text().split(",") if c.strip()],
            "viewbox": self.map_viewbox() if self.extent_check.isChecked() else None,
            "min_score": self.min_score.value(),
            "crs": self.crs.crs().authid() or "EPSG:4326",
            "output": output,
            "unmatched_csv": unmatched,
        }

    def map_viewbox(self):
        """The canvas extent as (xmin, ymin, xmax, ymax) in EPSG:4326, or None without a canvas."""
        if self.canvas is None:
            return None
        from qgis.core import QgsCoordinateTransform

        extent = self.canvas.extent()
        crs = self.canvas.mapSettings().destinationCrs()
        wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
        if crs.isValid() and crs != wgs84:
            extent = QgsCoordinateTransform(crs, wgs84, QgsProject.instance()).transformBoundingBox(extent)
        if extent.isEmpty():
            return None
        return (extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum())

    def run(self):
        layer = self.layer_combo.currentLayer()
        if layer is None:
            self.status.setText(tr("Choose a table or layer with addresses first."))
            return None
        fields = self.fields_combo.checkedItems()
        expression = self.expression.expression().strip() if not fields else ""
        try:
            prepared = read_input(layer, fields or None, expression or None)
        except WealthMapError as err:
            self.status.setText(str(err))
            self.show_message(str(err), Qgis.MessageLevel.Warning)
            return None
        options = self.options(layer.name())
        settings.GEOCODE_PROVIDER.set(options["provider"])
        self.review_fields = list(fields)

        def work(feedback):
            return api.geocode(None, prepared=prepared, feedback=feedback, **options)

        task = self.start_task(tr("Geocoding {0}").format(layer.name()), work, on_done=self.finished)
        if task is not None:
            started = time.monotonic()
            task.progressChanged.connect(lambda value, t0=started: self.show_eta(t0, value))
        return task

    def show_eta(self, started, value):
        eta = eta_seconds(started, value / 100.0) if 0 < value < 100 else None
        if eta is not None and self.task is not None:
            self.status.setText(tr("Geocoding: {0:.0f}% done, about {1:.0f} s left.").format(value, eta))

    def finished(self, result):
        from qgis.core import QgsVectorLayer

        project = QgsProject.instance()
        stale = [lyr.id() for lyr in project.mapLayers().values()
                 if lyr.providerType() == "ogr" and lyr.source().split("|")[0] == result["output"]]
        # named after the input, unique in the layer tree (a rerun's layer, replaced below, does not count)
        name = style.unique_layer_name(result.get("name") or os.path.splitext(os.path.basename(result["output"]))[0],
                                       project, ignore=stale)
        if stale:  # a rerun into the same file replaced it: the old layer goes, not a second copy beside it
            project.removeMapLayers(stale)
        layer = QgsVectorLayer(result["output"], name, "ogr")
        style.style_by_status(layer, result["fields"]["status"])
        project.addMapLayer(layer)
        self.result = result
        self.output_layer = layer
        text = result.get("summary") or api.summary(result["counts"], result["stats"])
        hint = result.get("hint")
        if hint:
            text += "<br><span style='color:#a40000'>{}</span>".format(hint)
            from qgis.PyQt.QtCore import QTimer

            QTimer.singleShot(250, self.show_index_hint_later)  # above QGIS's "Task complete" of a long run
        self.summary.setText(text)
        stats = result["stats"]
        if result.get("encoding"):
            text += " " + tr("Table encoding: {0}.").format(encoding_label(result["encoding"]))
        for note in result.get("table_notes") or []:
            text += " " + note
        self.summary.setText(text)
        if stats.get("warning"):
            self.show_message(stats["warning"], Qgis.MessageLevel.Warning)
        self.set_review_enabled(True)
        self.fill_review()
        self.show_review()

    def show_index_hint_later(self):
        try:
            if self.result and self.result.get("hint"):
                self.show_index_hint(self.result["hint"])
        except RuntimeError:  # the panel was deleted meanwhile
            pass

    def show_index_hint(self, hint):
        """The message bar says an address index is needed, with a button that builds one."""
        if self.iface is None or not hasattr(self.iface, "messageBar") or self.iface.messageBar() is None:
            return
        bar = self.iface.messageBar()
        # short: the bar has one line beside the button; the whole hint is in the summary and the tooltip
        item = bar.createMessage("", tr("Street addresses need an address index."))
        item.setToolTip(hint)
        button = QPushButton(tr("Build index…"))
        button.setMenu(self.index_menu(button))
        item.layout().addWidget(button)
        bar.pushWidget(item, Qgis.MessageLevel.Warning, 0)

    def show_review(self):
        """Scroll the panel so that the review table and the candidates are in view."""
        from qgis.PyQt.QtWidgets import QScrollArea

        scroll = self.findChild(QScrollArea)
        if scroll is not None:
            scroll.ensureWidgetVisible(self.use_button, 0, 0)

    # --- address index -----------------------------------------------------------------------------
    def index_menu(self, parent=None):
        """What an index is built from: a file (OSM, table), or a point layer of the project (listed when the
        menu opens)."""
        from qgis.core import QgsVectorLayer, QgsWkbTypes
        from qgis.PyQt.QtWidgets import QMenu

        menu = QMenu(parent or self)

        def fill():
            menu.clear()
            menu.addAction(tr("From an OpenStreetMap file or a table…"), self.choose_index_source)
            layers = [lyr for lyr in QgsProject.instance().mapLayers().values()
                      if isinstance(lyr, QgsVectorLayer)
                      and lyr.geometryType() == QgsWkbTypes.GeometryType.PointGeometry
                      and lyr is not self.output_layer]
            if layers:
                menu.addSeparator()
            for lyr in layers:
                menu.addAction(tr("From the point layer '{0}'").format(lyr.name()),
                               lambda checked=False, layer=lyr: self.build_index(layer))

        menu.aboutToShow.connect(fill)
        fill()
        return menu

    def choose_index_source(self):
        from qgis.PyQt.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            self, tr("Build an address index from…"), "",
            tr("OpenStreetMap or address points (*.osm.pbf *.pbf *.osm *.csv *.txt *.tsv *.xlsx *.gpkg *.shp)"))
        if path:
            self.build_index(path)

    def build_index(self, source, output=None):
        """Build an address index from ``source`` (an OSM file, a table/layer path or a layer) in a task; when
        done, it becomes the panel's address index. ``output``: the .sqlite path (default: beside the
        source when that folder is writable, else a temporary folder)."""
        from ..core.geocode.batch import open_source

        if output is None:
            name = source.name() if hasattr(source, "name") else os.path.basename(str(source)).split(".")[0]
            folder = os.path.dirname(str(source)) if isinstance(source, str) else ""
            if not folder or not os.access(folder, os.W_OK):
                folder = settings.data_dir("indexes")  # kept: the panel uses this index from now on
            output = os.path.join(folder, "{}_index.sqlite".format(style.file_stem(name)))
        if isinstance(source, str) and not source.lower().endswith(api.OSM_EXTENSIONS):
            try:  # tables and layers are read on the main thread; the task gets plain rows
                source = open_source(source)
            except WealthMapError as err:
                self.status.setText(str(err))
                self.show_message(str(err), Qgis.MessageLevel.Warning)
                return None
        if not isinstance(source, str):
            rows_source = source
            try:
                fields, xf, yf, cf = api.guess_index_fields(rows_source)
                if not fields:
                    raise WealthMapError(tr("No address field in {0}: name the field with the address 'address' "
                                            "(or build the index with Processing > WealthMap > Build offline "
                                            "address index).").format(rows_source.name()))
                from ..core.geocode.sources import layer_index_rows

                rows = list(layer_index_rows(rows_source, fields, xf, yf, cf))
            except WealthMapError as err:
                self.status.setText(str(err))
                self.show_message(str(err), Qgis.MessageLevel.Warning)
                return None
            except RuntimeError:  # the layer was removed from the project meanwhile
                self.status.setText(tr("The layer was removed; choose another source for the index."))
                return None

            def work(feedback):
                return api.build_index_from_rows(rows, output, source_name=rows_source.source(), feedback=feedback)
        else:
            def work(feedback):
                return api.build_address_index(source, output, feedback=feedback)

        return self.start_task(tr("Building the address index"), work, on_done=self.index_built)

    def index_built(self, result):
        self.index_file.setFilePath(result["path"])
        self.provider_combo.setCurrentIndex(max(self.provider_combo.findData("offline"), 0))
        text = tr("Address index built: {0} rows in {1}. It is now the panel's address index: run Geocode "
                  "again.").format(result["rows"], result["path"])
        self.status.setText(text)
        self.show_message(text, Qgis.MessageLevel.Success)

    # --- review ----------------------------------------------------------------------------------
    def set_review_enabled(self, enabled):
        for widget in (self.filter_combo, self.table, self.candidates, self.use_button, self.pick_button):
            widget.setEnabled(enabled)

    def _field(self, name):
        return (self.result or {}).get("fields", {}).get(name, name)

    def fill_review(self):
        self.table.setRowCount(0)
        layer = self.output_layer
        if layer is None:
            return
        wanted = self.filter_combo.currentData()
        status_field = self._field("status")
        names = layer.fields().names()
        address_fields = [f for f in self.review_fields if f in names] or [
            f for f in names if f not in (self.result or {}).get("fields", {}).values() and f != "fid"][:3]
        rows = []
        for feat in layer.getFeatures():
            status = feat[status_field]
            if wanted == "review" and status not in ("ambiguous", "not_found", "error"):
                continue
            if wanted not in ("all", "review") and status != wanted:
                continue
            rows.append(feat)
        self.table.setRowCount(len(rows))
        for i, feat in enumerate(rows):
            values = [feat[f] for f in address_fields]
            text = ", ".join(str(v) for v in values if v not in (None, "") and str(v) != "NULL")
            score = feat[self._field("score")]
            status = feat[status_field]
            status_text = tr(STATUS_LABELS[status]) if status in STATUS_LABELS else status
            items = [text, status_text, "" if score in (None, "") or score != score else "{:.2f}".format(score),
                     feat[self._field("matched_address")] or "", self._parsed_text(feat)]
            for j, value in enumerate(items):
                item = QTableWidgetItem(str(value) if value is not None and str(value) != "NULL" else "")
                item.setData(Qt.ItemDataRole.UserRole, feat.id())
                item.setToolTip(item.text())
                self.table.setItem(i, j, item)

    def _parsed_text(self, feat):
        """The parts the geocoder matched and set aside (the output's ``parsed`` field), for the review."""
        index = feat.fields().indexFromName(self._field("parsed"))
        return parsed_summary(feat[index]) if index >= 0 and feat[index] not in (None, NULL) else ""

    def selected_fid(self):
        items = self.table.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def current_candidates(self):
        fid = self.selected_fid()
        if fid is None or self.output_layer is None:
            return []
        raw = self.output_layer.getFeature(fid)[self._field("candidates")]
        try:
            return json.loads(raw) if raw and str(raw) != "NULL" else []
        except ValueError:
            return []

    def row_selected(self):
        self.candidates.clear()
        cands = self.current_candidates()
        for cand in cands:
            item = QListWidgetItem("{:.2f}  {}  ({})".format(cand.get("score") or 0, cand.get("address"),
                                                             style.match_type_label(cand.get("match_type"))))
            item.setToolTip(item.text())
            self.candidates.addItem(item)
        if cands:
            self.candidates.setCurrentRow(0)
        self.markers.show(cands)

    def candidate_selected(self, row):
        cands = self.current_candidates()
        if 0 <= row < len(cands):
            self.markers.show(cands, row)

    def use_candidate(self):
        fid = self.selected_fid()
        row = self.candidates.currentRow()
        cands = self.current_candidates()
        if fid is None or not (0 <= row < len(cands)):
            self.status.setText(tr("Select a row and one of its candidates first."))
            return False
        cand = cands[row]
        return self.apply(fid, cand["lon"], cand["lat"], cand.get("address"))

    def apply(self, fid, lon, lat, address=None):
        try:
            api.apply_review(self.output_layer, fid, lon, lat, address=address, fields=self.result["fields"])
        except WealthMapError as err:
            self.status.setText(str(err))
            return False
        self.status.setText(tr("Saved the reviewed point; the cache remembers it for later runs."))
        self.fill_review()
        return True

    def toggle_pick(self, checked):
        if self.canvas is None:
            return
        if checked:
            if self.map_tool is None:
                self.map_tool = PlacePointTool(self.canvas)
                self.map_tool.placed.connect(self.point_placed)
            self.previous_tool = self.canvas.mapTool()
            self.canvas.setMapTool(self.map_tool)
        elif self.map_tool is not None and self.canvas.mapTool() is self.map_tool:
            if self.previous_tool is not None:
                self.canvas.setMapTool(self.previous_tool)
            else:
                self.canvas.unsetMapTool(self.map_tool)

    def point_placed(self, lon, lat):
        fid = self.selected_fid()
        if fid is None:
            self.status.setText(tr("Select the row to place first."))
            return
        self.apply(fid, lon, lat, tr("placed by hand"))
        self.pick_button.setChecked(False)

    def output_layer_removed(self, layer_id):
        """The reviewed layer left the project: the review has nothing to edit any more."""
        if self.output_layer is not None:
            try:
                gone = self.output_layer.id() == layer_id
            except RuntimeError:  # already deleted
                gone = True
            if gone:
                self.output_layer = None
                self.table.setRowCount(0)
                self.candidates.clear()
                self.set_review_enabled(False)

    def cleanup(self):
        """Remove the map tool, markers and locator filter (plugin.unload() calls this)."""
        try:
            QgsProject.instance().layerWillBeRemoved[str].disconnect(self.output_layer_removed)
        except (TypeError, RuntimeError, KeyError):
            pass
        self.markers.clear()
        if self.locator_filter is not None:
            if self.locator_registered:
                self.iface.deregisterLocatorFilter(self.locator_filter)  # deletes the filter
            self.locator_filter = None
            self.locator_registered = False
        if self.map_tool is not None:
            if self.canvas is not None and self.canvas.mapTool() is self.map_tool:
                self.canvas.unsetMapTool(self.map_tool)
            self.map_tool.deleteLater()
            self.map_tool = None
