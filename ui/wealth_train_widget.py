"""The "Train" tab of the Wealth dock: survey + rasters -> a trained model bundle and its report."""

import os

from qgis.core import Qgis, QgsMapLayerProxyModel
from qgis.gui import QgsFileWidget, QgsMapLayerComboBox
from qgis.PyQt.QtCore import Qt, QUrl
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import WealthMapError
from ..core.i18n import tr


class TrainWidget(QWidget):
    """Widgets only: reads the choices, runs ``core.wealth.train_api.train_wealth_model`` in a task."""

    def __init__(self, dock, parent=None):
        super().__init__(parent)
        self.dock = dock
        self.last_result = None
        layout = QVBoxLayout(self)
        note = QLabel(tr("Train your own wealth head on survey points (for example DHS clusters). Accuracy is "
                         "cross-validated on held-out areas or countries, next to simple baselines."))
        note.setWordWrap(True)
        layout.addWidget(note)
        form = QFormLayout()
        self.layer_combo = QgsMapLayerComboBox()
        self.layer_combo.setFilters(QgsMapLayerProxyModel.Filter.PointLayer)
        self.layer_combo.setAllowEmptyLayer(True)
        form.addRow(tr("Survey points"), self.layer_combo)
        self.file_widget = QgsFileWidget()
        self.file_widget.setFilter(tr("Tables (*.csv *.txt *.tsv *.xlsx *.ods *.gpkg)"))
        form.addRow(tr("or survey table"), self.file_widget)
        self.value_edit = QLineEdit("wealthpooled")
        form.addRow(tr("Value field"), self.value_edit)
        self.group_edit = QLineEdit()
        self.group_edit.setPlaceholderText(tr("detected (country, region, ...)"))
        form.addRow(tr("Group field"), self.group_edit)
        self.urban_edit = QLineEdit()
        self.urban_edit.setPlaceholderText(tr("detected (urban_rural, urban, ...)"))
        form.addRow(tr("Urban/rural field"), self.urban_edit)
        self.raster_list = QListWidget()
        self.raster_list.setMaximumHeight(90)
        form.addRow(tr("Sentinel-2 rasters"), self.raster_list)
        self.cv_combo = QComboBox()
        self.cv_combo.addItem(tr("spatially blocked k-fold"), "blocked")
        self.cv_combo.addItem(tr("leave one group out"), "group")
        form.addRow(tr("Cross-validation"), self.cv_combo)
        self.block_spin = QDoubleSpinBox()
        self.block_spin.setRange(0.0, 5000.0)
        self.block_spin.setSpecialValueText(tr("automatic (50 km, smaller for a small survey area)"))
        self.block_spin.setValue(0.0)
        self.block_spin.setSuffix(" km")
        form.addRow(tr("Spatial block size"), self.block_spin)
        self.trees_spin = QSpinBox()
        self.trees_spin.setRange(1, 5000)
        self.trees_spin.setValue(200)
        form.addRow(tr("Trees"), self.trees_spin)
        self.ablation_check = QCheckBox(tr("Compare feature groups (ablation)"))
        self.ablation_check.setChecked(True)
        form.addRow(self.ablation_check)
        # covariate rasters (night lights, population...) and the out-of-region test set
        self.covariate_list = QListWidget()
        self.covariate_list.setMaximumHeight(90)
        self.covariate_list.setToolTip(tr("Rasters sampled over each point's context window as extra features (any "
                                          "CRS and resolution). Prediction with the model will need them."))
        form.addRow(tr("Covariate rasters"), self.covariate_list)
        self.sum_edit = QLineEdit()
        self.sum_edit.setPlaceholderText(tr("layer names of counts to sum (e.g. population); others: mean"))
        form.addRow(tr("Summed covariates"), self.sum_edit)
        self.holdout_edit = QLineEdit()
        self.holdout_edit.setPlaceholderText(tr("empty: each group in turn"))
        form.addRow(tr("Out-of-region test groups"), self.holdout_edit)
        self.out_widget = QgsFileWidget()
        self.out_widget.setStorageMode(QgsFileWidget.StorageMode.GetDirectory)
        form.addRow(tr("Model bundle folder"), self.out_widget)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.train_button = QPushButton(tr("Train"))
        self.train_button.clicked.connect(self.start)
        self.report_button = QPushButton(tr("Open report"))
        self.report_button.setEnabled(False)
        self.report_button.clicked.connect(self.open_report)
        row.addWidget(self.train_button)
        row.addWidget(self.report_button)
        layout.addLayout(row)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        layout.addStretch(1)
        self.status = QLabel(tr("Ready."))  # this tab's status line (Predict has its own)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.refresh_rasters()
        from qgis.core import QgsProject

        # the list follows the project (the dock is built when QGIS starts, before any raster is loaded)
        QgsProject.instance().layersAdded.connect(self.refresh_rasters)
        QgsProject.instance().layersRemoved.connect(self.refresh_rasters)

    def cleanup(self):
        """Disconnect from the project (called when the plugin unloads)."""
        from qgis.core import QgsProject

        for signal in (QgsProject.instance().layersAdded, QgsProject.instance().layersRemoved):
            try:
                signal.disconnect(self.refresh_rasters)
            except (TypeError, RuntimeError):
                pass

    def refresh_rasters(self, *_changed):
        """List the project's raster layers (checked = used)."""
        from qgis.core import QgsProject, QgsRasterLayer

        checked = set(self.selected_rasters())
        covariates = {item[1] for item in self.selected_covariates()}
        self.covariate_list.clear()
        self.raster_list.clear()
        for layer in QgsProject.instance().mapLayers().values():
            if isinstance(layer, QgsRasterLayer):
                item = QListWidgetItem(layer.name())
                item.setData(Qt.ItemDataRole.UserRole, layer.source())
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if layer.source() in checked or not checked
                                   else Qt.CheckState.Unchecked)
                self.raster_list.addItem(item)
                cov = QListWidgetItem(layer.name())
                cov.setData(Qt.ItemDataRole.UserRole, layer.source())
                cov.setFlags(cov.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                cov.setCheckState(Qt.CheckState.Checked if layer.source() in covariates else Qt.CheckState.Unchecked)
                self.covariate_list.addItem(cov)

    def selected_covariates(self):
        """``[(name, source)]`` of the ticked covariate layers."""
        out = []
        for i in range(self.covariate_list.count()):
            item = self.covariate_list.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append((item.text(), item.data(Qt.ItemDataRole.UserRole)))
        return out

    def selected_rasters(self):
        out = []
        for i in range(self.raster_list.count()):
            item = self.raster_list.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return out

    def survey_copy(self, layer):
        """The survey layer written to a temporary GeoPackage on the main thread (any provider: a delimited
        text or memory layer's source is no file the task could read, and layers are read on the main
        thread); the task reads the copy."""
        from qgis.core import QgsProject, QgsVectorFileWriter

        from ..core.outputs import temporary_output

        path = temporary_output("survey_", ".gpkg")  # in the profile's bounded temporary folder
        options = QgsVectorFileWriter.SaveVectorOptions()
        options.driverName = "GPKG"
        options.layerName = "survey"
        result = QgsVectorFileWriter.writeAsVectorFormatV3(layer, path, QgsProject.instance().transformContext(),
                                                           options)
        if result[0] != QgsVectorFileWriter.WriterError.NoError:
            raise WealthMapError(tr("The survey layer '{0}' could not be read: {1}").format(layer.name(), result[1]))
        return path

    def parameters(self):
        """The keyword arguments for ``train_wealth_model`` (layers resolved to sources)."""
        layer = self.layer_combo.currentLayer()
        if layer is not None and not self.file_widget.filePath():
            survey = self.survey_copy(layer)
        else:
            survey = self.file_widget.filePath()
        return {
            "survey": survey,
            "rasters": self.selected_rasters(),
            "value_field": self.value_edit.text().strip() or None,
            "group_field": self.group_edit.text().strip() or None,
            "urban_field": self.urban_edit.text().strip() or None,
            "cv": self.cv_combo.currentData(),
            "block_km": self.block_spin.value() or None,
            "covariates": [{"name": name, "path": path} for name, path in self.selected_covariates()],
            "covariate_sums": [n.strip() for n in self.sum_edit.text().split(",") if n.strip()],
            "holdout": self.holdout_edit.text().strip() or None,
            "n_estimators": self.trees_spin.value(),
            "ablation": self.ablation_check.isChecked(),
            "out_dir": self.out_widget.filePath(),
        }

    def fail(self, text):
        """A problem the user can fix: said in this tab's status line and in the message bar."""
        self.status.setText(text)
        self.dock.show_message(text, Qgis.MessageLevel.Warning)
        return None

    def start(self, extra=None):
        from ..core.wealth.train_api import train_wealth_model

        try:
            params = self.parameters()
        except WealthMapError as err:
            return self.fail(str(err))
        params.update(extra or {})
        if not params["survey"]:
            return self.fail(tr("Choose a survey point layer or a table file."))
        if not params["rasters"]:
            return self.fail(tr("Add Sentinel-2 rasters to the project and check them in the list."))
        if not params["out_dir"]:
            return self.fail(tr("Choose a folder for the model bundle."))
        survey = params.pop("survey")
        rasters = params.pop("rasters")

        def run(feedback):
            return train_wealth_model(survey, rasters, feedback=feedback, **params)

        return self.dock.start_task(tr("Train wealth model"), run, on_done=self.finished, status_label=self.status)

    def finished(self, result):
        from ..core.wealth.train_api import summary

        self.last_result = result
        from ..core.wealth.report import evaluation_summary

        extra = " ".join(evaluation_summary(result["metrics"]))  # block size, out-of-region test, slices
        self.report_button.setEnabled(True)
        if result.get("status") == "weak":
            text = summary(dict(result, warning=None))
            self.summary.setText("{} {}<br><span style='color:#a40000'><b>{}</b></span>".format(
                text, extra, result["warning"]))
            self.dock.show_result_message(tr("Model trained, but weak: it does not beat the best simple baseline. "
                                             "Open the report before using it."), Qgis.MessageLevel.Warning)
        else:
            self.summary.setText(" ".join([summary(result), extra]).strip())
            self.dock.show_result_message(tr("Model trained; open the report to see its accuracy."),
                                          Qgis.MessageLevel.Success)
        if hasattr(self.dock, "reveal"):
            self.dock.reveal(self.status)  # the bottom of the tab: the summary above it and the status line

    def report_path(self):
        return self.last_result["report_html"] if self.last_result else None

    def open_report(self):
        path = self.report_path()
        if path and os.path.exists(path):
            QDesktopServices.openUrl(QUrl.fromLocalFile(path))
