"""The "Imagery (STAC)" tab of the Wealth dock: search Sentinel-2 items, a region composite, train from STAC.

Widgets only: the work is ``core.stac`` (search, composite, points) and ``core.wealth.train_api``."""

from qgis.core import Qgis, QgsMapLayerProxyModel, QgsProject
from qgis.gui import QgsAuthConfigSelect, QgsFileWidget, QgsMapLayerComboBox
from qgis.PyQt.QtCore import QDate, Qt
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import WealthMapError
from ..core.i18n import tr

ENDPOINT_NAMES = ("earth-search", "planetary-computer", "copernicus")


class StacWidget(QWidget):
    """Search -> table + footprints; composite -> true-colour layer; survey + query -> trained bundle."""

    def __init__(self, dock, parent=None):
        super().__init__(parent)
        self.dock = dock
        self.search_result = None
        self.last_composite = None
        self.last_training = None
        layout = QVBoxLayout(self)
        note = QLabel(tr("Sentinel-2 L2A imagery from a STAC catalogue: only the windows needed are read."))
        note.setWordWrap(True)
        layout.addWidget(note)
        form = QFormLayout()
        self.endpoint = QComboBox()
        self.endpoint.setEditable(True)
        self.endpoint.addItems(ENDPOINT_NAMES)
        self.endpoint.setToolTip(tr("A built-in catalogue or the URL of any STAC API"))
        form.addRow(tr("Catalogue"), self.endpoint)
        self.auth = QgsAuthConfigSelect()
        form.addRow(tr("Authentication"), self.auth)
        dates = QHBoxLayout()
        self.date_from = QDateEdit(QDate.currentDate().addMonths(-12))
        self.date_to = QDateEdit(QDate.currentDate())
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            dates.addWidget(edit)
        form.addRow(tr("Dates"), dates)
        self.max_cloud = QDoubleSpinBox()
        self.max_cloud.setRange(0, 100)
        self.max_cloud.setValue(30)
        self.max_cloud.setSuffix(" %")
        form.addRow(tr("Cloud cover at most"), self.max_cloud)
        self.months = QLineEdit()
        self.months.setPlaceholderText(tr("all months (or e.g. 6,7,8)"))
        form.addRow(tr("Season"), self.months)
        layout.addLayout(form)
        self.search_button = QPushButton(tr("Search the map extent"))
        self.search_button.clicked.connect(self.search)
        layout.addWidget(self.search_button)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([tr("Date"), tr("Tile"), tr("Cloud %"), tr("Coverage %")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setMaximumHeight(160)
        layout.addWidget(self.table)
        comp = QFormLayout()
        self.method = QComboBox()
        self.method.addItem(tr("median of clear pixels"), "median")
        self.method.addItem(tr("best pixel (least cloudy item)"), "best")
        comp.addRow(tr("Composite"), self.method)
        masks = QHBoxLayout()
        self.mask_checks = {}
        for key, label, on in (("cloud", tr("clouds"), True), ("shadow", tr("shadows"), True),
                               ("cirrus", tr("cirrus"), True), ("snow", tr("snow"), False)):
            box = QCheckBox(label)
            box.setChecked(on)
            self.mask_checks[key] = box
            masks.addWidget(box)
        comp.addRow(tr("Mask"), masks)
        layout.addLayout(comp)
        self.composite_button = QPushButton(tr("Make composite of the map extent"))
        self.composite_button.clicked.connect(self.composite)
        layout.addWidget(self.composite_button)
        train = QFormLayout()
        self.survey = QgsMapLayerComboBox()
        self.survey.setFilters(QgsMapLayerProxyModel.Filter.PointLayer)
        self.survey.setAllowEmptyLayer(True)
        train.addRow(tr("Survey points"), self.survey)
        self.value = QLineEdit("wealthpooled")
        train.addRow(tr("Value field"), self.value)
        self.mode = QComboBox()
        self.mode.addItem(tr("median of the clearest items"), "composite")
        self.mode.addItem(tr("best single date"), "best")
        train.addRow(tr("Imagery per point"), self.mode)
        self.out_dir = QgsFileWidget()
        self.out_dir.setStorageMode(QgsFileWidget.StorageMode.GetDirectory)
        train.addRow(tr("Model bundle folder"), self.out_dir)
        layout.addLayout(train)
        self.train_button = QPushButton(tr("Train from STAC"))
        self.train_button.clicked.connect(self.train)
        layout.addWidget(self.train_button)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        layout.addStretch(1)

    # --- reading the widgets (main thread) ----------------------------------------------------
    def query(self):
        from ..core.stac.search import StacQuery

        text = self.months.text().replace(" ", "")
        try:
            months = [int(m) for m in text.split(",") if m] or None
        except ValueError as err:
            raise WealthMapError(tr("Season months must be whole numbers such as 6,7,8.")) from err
        datetime = "{}/{}".format(self.date_from.date().toString("yyyy-MM-dd"),
                                  self.date_to.date().toString("yyyy-MM-dd"))
        return StacQuery(endpoint=self.endpoint.currentText().strip(), datetime=datetime,
                         max_cloud=self.max_cloud.value(), months=months, authcfg=self.auth.configId() or None)

    def region(self):
        canvas = self.dock.iface.mapCanvas()
        rect = canvas.extent()
        crs = canvas.mapSettings().destinationCrs()
        if rect.isEmpty() or not crs.isValid():
            raise WealthMapError(tr("Zoom the map to the region first (the map extent is the region)."))
        return (rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum()), crs.authid() or crs.toWkt()

    def masks(self):
        return [k for k, box in self.mask_checks.items() if box.isChecked()]

    # --- jobs -------------------------------------------------------------------------------
    def search(self):
        from ..core.stac.api import stac_search

        try:
            query = self.query()
            region, crs = self.region()
        except WealthMapError as err:
            self.dock.show_message(str(err), Qgis.MessageLevel.Warning)
            return None
        return self.dock.start_task(tr("Search STAC"), lambda fb: stac_search(query, region, crs, fb),
                                    on_done=self.searched)

    def searched(self, result):
        from ..core.stac.api import footprints_layer

        self.search_result = result
        self.table.setRowCount(len(result["rows"]))
        for i, row in enumerate(result["rows"]):
            for j, value in enumerate((row["date"], row["tile"], row["cloud"], row["coverage"])):
                self.table.setItem(i, j, QTableWidgetItem("" if value is None else str(value)))
        QgsProject.instance().addMapLayer(footprints_layer(result))
        self.summary.setText(tr("{0} items found.").format(len(result["rows"])))

    def composite(self):
        from ..core.stac.composite import make_composite

        try:
            query = self.query()
            region, crs = self.region()
        except WealthMapError as err:
            self.dock.show_message(str(err), Qgis.MessageLevel.Warning)
            return None
        items = self.search_result["items"] if self.search_result else None
        method, mask = self.method.currentData(), self.masks()

        def run(feedback):
            return make_composite(query, region, crs, None, method=method, mask=mask, items=items,
                                  feedback=feedback)

        return self.dock.start_task(tr("Sentinel-2 composite"), run, on_done=self.composited)

    def composited(self, result):
        from ..core.stac.composite import composite_layer

        self.last_composite = result
        QgsProject.instance().addMapLayer(composite_layer(result))
        self.summary.setText(tr("Composite of {0} items ({1}); {2} windows, {3} from the cache, {4} not clear or "
                                "failed; {5} requests, {6:.1f} MB read.").format(
            len(result["items"]), ", ".join(sorted({i["date"] for i in result["items"]})), len(result["windows"]),
            result["cached_windows"], result["windows_not_ok"], result["requests"], result["bytes"] / 1e6))
        if result["failed"]:
            self.dock.show_message(result["failed"][0], Qgis.MessageLevel.Warning)

    def train(self, extra=None):
        from ..core.wealth.train_api import train_wealth_model

        layer = self.survey.currentLayer()
        try:
            query = self.query()
            if layer is None:
                raise WealthMapError(tr("Choose a survey point layer."))
            if not self.out_dir.filePath():
                raise WealthMapError(tr("Choose a folder for the model bundle."))
            from .wealth_train_widget import TrainWidget

            survey = TrainWidget.survey_copy(None, layer)  # read on the main thread, the task reads the copy
        except WealthMapError as err:
            self.dock.show_message(str(err), Qgis.MessageLevel.Warning)
            return None
        params = {"value_field": self.value.text().strip() or None, "out_dir": self.out_dir.filePath()}
        params.update(extra or {})
        stac = {"endpoint": query, "mode": self.mode.currentData(), "mask": self.masks()}
        stac.update(params.pop("stac_options", {}))

        def run(feedback):
            return train_wealth_model(survey, stac, feedback=feedback, **params)

        return self.dock.start_task(tr("Train from STAC"), run, on_done=self.trained)

    def trained(self, result):
        self.last_training = result
        counts = result["stac"]["counts"]
        self.summary.setText(tr("Cross-validated r² {0:.3f} on {1} points; point imagery: {2} ({3} windows, {4} from "
                                "the cache; {5} requests, {6:.1f} MB read). Bundle: {7}").format(
            result["metrics"]["model"]["r2"], result["metrics"]["model"]["n"],
            ", ".join("{} {}".format(v, k) for k, v in sorted(counts.items())), result["stac"]["windows"],
            result["stac"]["cached_windows"], result["stac"]["requests"], result["stac"]["bytes"] / 1e6,
            result["bundle"]))
        self.dock.show_message(tr("Model trained from STAC imagery."), Qgis.MessageLevel.Success)
