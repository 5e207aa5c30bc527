"""The Wealth dock's "Predict" tab: raster, region (drawn, selected features, extents), model, output.

Widgets only: the work is ``core.wealth.predict.predict`` run in a task through the dock.
"""

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsGeometry,
    QgsMapLayerProxyModel,
    QgsPointXY,
    QgsProject,
    QgsRasterLayer,
    QgsRectangle,
    QgsWkbTypes,
)
from qgis.gui import (
    QgsCheckableComboBox,
    QgsFileWidget,
    QgsMapLayerComboBox,
    QgsMapTool,
    QgsMapToolExtent,
    QgsRubberBand,
)
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import WealthMapError
from ..core.i18n import tr, tr_noop

REGION_MODES = [
    ("rectangle", tr_noop("Draw a rectangle on the map")),
    ("polygon", tr_noop("Draw a polygon on the map (right-click ends)")),
    ("selected", tr_noop("Selected features of a polygon layer")),
    ("layer", tr_noop("Extent of a layer")),
    ("canvas", tr_noop("Current map extent")),
    ("raster", tr_noop("Whole raster")),
]


#: Chip statuses as the summary names them.
CHIP_STATUS = {"ok": tr_noop("ok"), "cloudy": tr_noop("cloudy"), "nodata": tr_noop("no data")}


def prediction_summary(result):
    """The Predict tab's summary of a run (HTML), every part in the UI's language."""
    statuses = ", ".join("{} {}".format(v, tr(CHIP_STATUS.get(k, k))) for k, v in sorted(result["statuses"].items()))
    lines = [
        "<b>{}</b>".format(result["title"]),
        tr("Chips: {0} used, {1} skipped ({2}); region {3:.1f} km².").format(
            result["chips_used"], result["chips_skipped"], statuses, result["area_km2"]),
        tr("Mean {0:.4g}, median {1:.4g} ({2}).").format(result["mean"], result["median"], result["units"]),
        tr("Output: {0}").format(result["output"] + (tr(" (temporary)") if result["temporary"] else "")),
    ]
    if result.get("raster", {}).get("sentinel2_stack"):
        lines.append(tr("Read the Sentinel-2 product {0} (all its bands, stacked at 10 m; reflectance = DN x "
                        "{1:g} {2:+g}).").format(result["raster"]["name"], result["reflectance"]["scale"],
                                                 result["reflectance"]["offset"]))
    if result["is_demo"] or result.get("is_weak"):
        lines.append("<span style='color:#a40000'><b>{}</b></span>".format(
            result.get("note") or tr("This is a demonstration model, not a wealth estimate.")))
    lines.extend(result.get("advice", []))
    if result.get("distributed"):
        run = result["distributed"]
        lines.append(tr("{0} partitions: {1} run, {2} already done (run folder {3}).").format(
            run["parts"], run["parts_run"], run["parts_skipped"], run["run_folder"]))
    return "<br>".join(lines)


class PolygonMapTool(QgsMapTool):
    """Left clicks add vertices (rubber band follows the mouse); right click or double click ends."""

    finished = pyqtSignal(QgsGeometry)

    def __init__(self, canvas):
        super().__init__(canvas)
        self.canvas_ref = canvas
        self.points = []
        self.band = QgsRubberBand(canvas, QgsWkbTypes.GeometryType.PolygonGeometry)
        self.band.setColor(QColor(255, 85, 0, 160))
        self.band.setFillColor(QColor(255, 85, 0, 40))
        self.band.setWidth(2)

    def add_point(self, point):
        self.points.append(QgsPointXY(point))
        self.band.addPoint(QgsPointXY(point), True)

    def finish(self):
        if len(self.points) >= 3:
            geom = QgsGeometry.fromPolygonXY([self.points + [self.points[0]]])
            self.finished.emit(geom)
        self.points = []

    def canvasReleaseEvent(self, event):  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.RightButton:
            self.finish()
            return
        if not self.points:
            self.band.reset(QgsWkbTypes.GeometryType.PolygonGeometry)
        self.add_point(self.toMapCoordinates(event.pos()))

    def canvasMoveEvent(self, event):  # noqa: N802 - Qt override
        if self.points:
            self.band.movePoint(self.toMapCoordinates(event.pos()))

    def canvasDoubleClickEvent(self, event):  # noqa: N802 - Qt override
        self.finish()

    def remove_band(self):
        if self.band is not None:
            self.band.reset(QgsWkbTypes.GeometryType.PolygonGeometry)
            scene = self.band.scene()
            if scene is not None:
                scene.removeItem(self.band)
            self.band = None


class PredictWidget(QWidget):
    """The Predict tab. ``dock`` gives ``iface``, ``start_task``, ``show_message`` and ``status``."""

    def __init__(self, dock, parent=None):
        super().__init__(parent)
        self.dock = dock
        self.iface = dock.iface
        self.region = None  # (QgsGeometry, QgsCoordinateReferenceSystem) drawn on the map
        self.region_band = None
        self.rect_tool = None
        self.poly_tool = None
        self.previous_tool = None
        self.last_result = None
        self.last_layer = None
        self.true_colour_offer = None
        self.confirm_many_chips = self._ask_many_chips  # replaceable (tests answer without a dialog)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        # short labels: the fields get the width (the details are in the tooltips); notes take whole rows
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form = form
        self.raster = QgsMapLayerComboBox()
        self.raster.setFilters(QgsMapLayerProxyModel.Filter.RasterLayer)
        self.raster.setToolTip(tr("The Sentinel-2 raster (L2A reflectance, bands B02, B03, B04, B08, B11, B12...)"))
        form.addRow(tr("Raster"), self.raster)
        # adjacent tiles or products: mosaicked with the raster above (which wins where they overlap)
        self.more_rasters = QgsCheckableComboBox()
        self.more_rasters.setDefaultText(tr("none"))
        self.more_rasters.setToolTip(tr("Other raster layers to mosaic with the raster above, for a region across "
                                        "several tiles or products. The raster above wins where they overlap."))
        form.addRow(tr("Mosaic with"), self.more_rasters)
        self.raster.layerChanged.connect(self.refresh_more_rasters)
        self.raster.layerChanged.connect(self.offer_true_colour)
        QgsProject.instance().layersAdded.connect(self.refresh_more_rasters)
        QgsProject.instance().layersRemoved.connect(self.refresh_more_rasters)
        self.mode = QComboBox()
        for key, label in REGION_MODES:
            self.mode.addItem(tr(label), key)
        self.mode.currentIndexChanged.connect(self._mode_changed)
        form.addRow(tr("Region"), self.mode)
        self.region_layer = QgsMapLayerComboBox()
        self.region_layer.setFilters(QgsMapLayerProxyModel.Filter.PolygonLayer)
        form.addRow(tr("Region layer"), self.region_layer)
        row = QHBoxLayout()
        self.draw_button = QPushButton(tr("Draw"))
        self.draw_button.clicked.connect(self.start_drawing)
        self.region_label = QLabel(tr("No region drawn yet."))
        self.region_label.setWordWrap(True)
        row.addWidget(self.draw_button)
        row.addWidget(self.region_label, 1)
        form.addRow(row)  # the whole width: the note stays on one or two lines
        self.model_dir = QgsFileWidget()
        self.model_dir.setStorageMode(QgsFileWidget.StorageMode.GetDirectory)
        self.model_dir.setToolTip(tr("A model bundle folder (manifest.json and ONNX files); empty: the bundled "
                                     "demonstration model"))
        self.model_dir.fileChanged.connect(self.update_model_label)
        form.addRow(tr("Model"), self.model_dir)
        self.model_label = QLabel()
        self.model_label.setWordWrap(True)
        form.addRow(self.model_label)
        # one raster layer per covariate the model was trained with (night lights, population...)
        self.covariate_box = QWidget()
        self.covariate_form = QFormLayout(self.covariate_box)
        self.covariate_form.setContentsMargins(0, 0, 0, 0)
        self.covariate_combos = {}
        form.addRow(tr("Covariates"), self.covariate_box)
        self.main_form = form
        self.band_map = QLineEdit()
        self.band_map.setPlaceholderText(tr("from the band names"))
        self.band_map.setToolTip(tr("Empty: the bands are found by their names. Else the band numbers, e.g. "
                                    "B02=1, B03=2, B04=3, B08=4, B11=5, B12=6"))
        form.addRow(tr("Bands"), self.band_map)
        self.output = QgsFileWidget()
        self.output.setStorageMode(QgsFileWidget.StorageMode.SaveFile)
        self.output.setFilter(tr("GeoPackage (*.gpkg)"))
        form.addRow(tr("Output"), self.output)
        self.temporary = QCheckBox(tr("Temporary file (not kept)"))
        self.temporary.setChecked(True)
        form.addRow(self.temporary)
        self.geotiff = QgsFileWidget()
        self.geotiff.setStorageMode(QgsFileWidget.StorageMode.SaveFile)
        self.geotiff.setFilter(tr("GeoTIFF (*.tif)"))
        self.geotiff.setToolTip(tr("Also a GeoTIFF (optional): one Float32 pixel per chip"))
        form.addRow(tr("GeoTIFF"), self.geotiff)
        self.use_cuda = QCheckBox(tr("Use CUDA (GPU) when available"))
        form.addRow(self.use_cuda)
        layout.addLayout(form)
        from .wealth_run_options import RunOptionsBox

        self.run_options = RunOptionsBox()  # in this process / local workers / a Dask cluster
        layout.addWidget(self.run_options)
        self.run_button = QPushButton(tr("Predict"))
        self.run_button.clicked.connect(self.run)
        layout.addWidget(self.run_button)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        layout.addStretch(1)
        self.status = QLabel(tr("Ready."))  # this tab's status line (Train has its own)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self._init_cuda()
        self._mode_changed()
        self.update_model_label()

    # --- state ----------------------------------------------------------------------------
    def _init_cuda(self):
        from ..core.settings import WEALTH_USE_CUDA
        from ..core.wealth.embed import cuda_available

        available = cuda_available()
        self.use_cuda.setEnabled(available)
        self.use_cuda.setChecked(available and WEALTH_USE_CUDA.value())
        if not available:
            self.use_cuda.setToolTip(tr("onnxruntime has no CUDA provider here; the CPU is used."))

    def mode_key(self):
        return self.mode.currentData()

    def set_mode(self, key):
        self.mode.setCurrentIndex(self.mode.findData(key))

    def _mode_changed(self):
        key = self.mode_key()
        drawing = key in ("rectangle", "polygon")
        self.region_layer.setEnabled(key in ("selected", "layer"))
        self.draw_button.setEnabled(drawing)
        self.stop_drawing()  # another region mode: the drawing tool must not keep capturing clicks
        # the drawn region shows (band and note) only in the modes that use it
        if self.region_band is not None:
            self.region_band.setVisible(drawing)
        if drawing:
            self.region_label.setText(self.region_text() if self.region is not None else tr("No region drawn yet."))
        else:
            self.region_label.setText({"raster": tr("The whole raster is predicted."),
                                       "canvas": tr("The current map extent is predicted."),
                                       "layer": tr("The extent of the region layer is predicted."),
                                       "selected": tr("The selected features of the region layer are "
                                                      "predicted.")}.get(key, ""))

    def region_text(self):
        geom, crs = self.region
        return tr("Region drawn: {0} vertices, {1}.").format(len(list(geom.vertices())), crs.authid())

    def offer_true_colour(self, layer=None):
        """A Sentinel-2 raster shown in false colour (QGIS's bands 1, 2, 3) without a style of its own: the
        message bar offers true colour (B04, B03, B02, reflectance 0 to 0.3). Returns True when offered."""
        from ..core.wealth.display import apply_true_colour, offers_true_colour

        layer = layer if layer is not None else self.raster.currentLayer()
        if not isinstance(layer, QgsRasterLayer) or not offers_true_colour(layer):
            return False
        if self.iface is None or not hasattr(self.iface, "messageBar") or self.iface.messageBar() is None:
            return False
        bar = self.iface.messageBar()
        item = bar.createMessage("WealthMap", tr("'{0}' is Sentinel-2 shown in false colour (bands 1, 2, 3 as red, "
                                                 "green, blue).").format(layer.name()))
        button = QPushButton(tr("Show in true colour"))

        def apply():
            try:
                apply_true_colour(layer)
                bar.popWidget(item)
            except RuntimeError:  # the layer was removed (or the message closed) before the click
                pass

        button.clicked.connect(apply)
        item.layout().addWidget(button)
        bar.pushWidget(item, Qgis.MessageLevel.Info, 0)
        self.true_colour_offer = (layer, apply)
        return True

    def stop_drawing(self):
        """Give the canvas back its previous map tool if one of the drawing tools is active."""
        canvas = self.canvas()
        if canvas is not None and canvas.mapTool() is not None and canvas.mapTool() in (self.rect_tool,
                                                                                          self.poly_tool):
            if self.previous_tool is not None:
                canvas.setMapTool(self.previous_tool)
            else:
                canvas.unsetMapTool(canvas.mapTool())

    def update_model_label(self, *args):
        from ..core.wealth.bundle import load_bundle

        try:
            bundle = load_bundle(self.model_dir.filePath() or None)
        except WealthMapError as err:
            self.model_label.setText(str(err))
            self.model_label.setStyleSheet("color: #a40000;")
            return None
        self.model_label.setText(bundle.label())
        self.model_label.setStyleSheet("color: #a40000; font-weight: bold;" if bundle.is_demo or bundle.is_weak
                                       else "")
        self.set_covariates(bundle.manifest.get("covariates") or [])
        return bundle

    def set_covariates(self, needed):
        """One raster combo per covariate of the model, preset to a layer of that name when there is one."""
        while self.covariate_form.rowCount():
            self.covariate_form.removeRow(0)
        self.covariate_combos = {}
        for entry in needed:
            combo = QgsMapLayerComboBox()
            combo.setFilters(QgsMapLayerProxyModel.Filter.RasterLayer)
            combo.setAllowEmptyLayer(True)
            combo.setLayer(None)
            for layer in QgsProject.instance().mapLayersByName(entry["name"]):
                if isinstance(layer, QgsRasterLayer):
                    combo.setLayer(layer)
                    break
            combo.setToolTip(tr("The raster for the covariate '{0}' ({1}, band {2}, {3}) the model was trained "
                                "with.").format(entry["name"], entry.get("file") or "?", entry.get("band", 1),
                                                entry.get("statistic", "mean")))
            self.covariate_form.addRow(entry["name"], combo)
            self.covariate_combos[entry["name"]] = combo
        self.covariate_box.setVisible(bool(needed))
        label = self.main_form.labelForField(self.covariate_box)
        if label is not None:
            label.setVisible(bool(needed))

    def covariate_sources(self):
        """``{name: source}`` of the picked covariate layers (missing ones are refused by the core, by name)."""
        out = {}
        for name, combo in self.covariate_combos.items():
            layer = combo.currentLayer()
            if layer is not None:
                out[name] = layer.source()
        return out or None

    # --- drawing ------------------------------------------------------------------------------
    def canvas(self):
        return self.iface.mapCanvas() if self.iface is not None else None

    def start_drawing(self):
        canvas = self.canvas()
        if canvas is None:
            return
        current = canvas.mapTool()
        if current is not None and current not in (self.rect_tool, self.poly_tool):
            self.previous_tool = current  # pressing Draw again keeps the user's tool to go back to
        if self.mode_key() == "rectangle":
            if self.rect_tool is None:
                self.rect_tool = QgsMapToolExtent(canvas)
                self.rect_tool.extentChanged.connect(self.rectangle_drawn)
            canvas.setMapTool(self.rect_tool)
        else:
            if self.poly_tool is None:
                self.poly_tool = PolygonMapTool(canvas)
                self.poly_tool.finished.connect(self.polygon_drawn)
            canvas.setMapTool(self.poly_tool)
        self.region_label.setText(tr("Draw the region on the map."))

    def rectangle_drawn(self, rect):
        if rect is None or rect.isEmpty():
            return
        self.set_region(QgsGeometry.fromRect(QgsRectangle(rect)), self.canvas().mapSettings().destinationCrs())

    def polygon_drawn(self, geom):
        self.set_region(geom, self.canvas().mapSettings().destinationCrs())

    def set_region(self, geom, crs):
        """Use ``geom`` (in ``crs``) as the drawn region and show it with a rubber band."""
        self.region = (QgsGeometry(geom), QgsCoordinateReferenceSystem(crs))
        canvas = self.canvas()
        if canvas is not None:
            if self.region_band is None:
                self.region_band = QgsRubberBand(canvas, QgsWkbTypes.GeometryType.PolygonGeometry)
                self.region_band.setColor(QColor(255, 85, 0, 200))
                self.region_band.setFillColor(QColor(255, 85, 0, 30))
                self.region_band.setWidth(2)
            self.region_band.setToGeometry(geom, crs)
            if self.previous_tool is not None and canvas.mapTool() in (self.rect_tool, self.poly_tool):
                canvas.setMapTool(self.previous_tool)
        if self.region_band is not None:
            self.region_band.setVisible(True)
        self.region_label.setText(self.region_text())

    def current_region(self):
        """``(geometry or rectangle or None, crs)`` for the chosen mode; raises ``WealthMapError``."""
        key = self.mode_key()
        if key in ("rectangle", "polygon"):
            if self.region is None:
                raise WealthMapError(tr("Draw a region on the map first (press Draw, then drag a rectangle or click "
                                        "a polygon)."))
            return self.region
        if key == "canvas":
            canvas = self.canvas()
            return QgsGeometry.fromRect(canvas.extent()), canvas.mapSettings().destinationCrs()
        if key == "raster":
            return None, None
        layer = self.region_layer.currentLayer()
        if layer is None:
            raise WealthMapError(tr("Choose the polygon layer of the region."))
        if key == "layer":
            return QgsGeometry.fromRect(layer.extent()), layer.crs()
        from ..core.wealth.region import layer_region

        return layer_region(layer, selected_only=True)

    # --- run -----------------------------------------------------------------------------------
    def refresh_more_rasters(self, *args):
        """List the project's other raster layers, keeping what was ticked."""
        checked = set(self.more_rasters.checkedItemsData())
        current = self.raster.currentLayer()
        self.more_rasters.clear()
        for layer in QgsProject.instance().mapLayers().values():
            if isinstance(layer, QgsRasterLayer) and layer is not current:
                self.more_rasters.addItemWithCheckState(
                    layer.name(), Qt.CheckState.Checked if layer.id() in checked else Qt.CheckState.Unchecked,
                    layer.id())

    def raster_sources(self):
        """The raster's source, then the ticked rasters' (several: mosaicked by the core)."""
        layer = self.raster.currentLayer()
        sources = [layer.source()] if layer is not None else []
        project = QgsProject.instance()
        for layer_id in self.more_rasters.checkedItemsData():
            other = project.mapLayer(layer_id)
            if other is not None and other is not layer:
                sources.append(other.source())
        return sources

    def parameters(self):
        """The keyword arguments of ``core.wealth.predict.predict`` (read on the main thread)."""
        from ..core.wealth.raster import parse_band_map

        layer = self.raster.currentLayer()
        if layer is None:
            raise WealthMapError(tr("Choose a Sentinel-2 raster layer (add one to the project first)."))
        region, crs = self.current_region()
        output = None if self.temporary.isChecked() else (self.output.filePath() or None)
        if not self.temporary.isChecked() and not output:
            raise WealthMapError(tr("Choose the output GeoPackage or tick 'Temporary file'."))
        if output and not output.lower().endswith(".gpkg"):
            output += ".gpkg"
        sources = self.raster_sources()
        return {"raster": sources if len(sources) > 1 else sources[0], "region": region, "region_crs": crs,
                "bundle": self.model_dir.filePath() or None, "output": output,
                "geotiff": self.geotiff.filePath() or None, "band_map": parse_band_map(self.band_map.text()),
                "use_cuda": self.use_cuda.isChecked() and self.use_cuda.isEnabled(),
                "covariates": self.covariate_sources()}

    def _ask_many_chips(self, n_chips, limit):
        answer = QMessageBox.question(
            self, tr("Large region"),
            tr("The region needs {0} chips, more than the limit of {1} (WealthMap setting max_chips). Predict "
               "anyway?").format(n_chips, limit))
        return answer == QMessageBox.StandardButton.Yes

    def run(self):
        from ..core.settings import WEALTH_MAX_CHIPS
        from ..core.wealth.distributed import predict_with
        from ..core.wealth.predict import count_chips

        try:
            params = self.parameters()
            params.update(self.run_options.values())
            n_chips = count_chips(params["raster"], params["region"], params["region_crs"], params["bundle"],
                                  params["band_map"])
        except WealthMapError as err:
            self.status.setText(str(err))
            self.dock.show_message(str(err), Qgis.MessageLevel.Warning)
            return None
        limit = WEALTH_MAX_CHIPS.value()
        if limit and n_chips > limit:
            if not self.confirm_many_chips(n_chips, limit):
                self.status.setText(tr("Not run: {0} chips is more than the limit of {1}.").format(
                    n_chips, limit))
                return None
        params["max_chips"] = 0  # the user agreed (or it is under the limit)
        self.summary.setText(tr("Predicting {0} chips…").format(n_chips))
        return self.dock.start_task(tr("Predict wealth"), predict_with, on_done=self.finished, status_label=self.status,
                                    **params)

    def finished(self, result):
        from ..core.naming import unique_layer_name
        from ..core.wealth.predict import load_output_layer

        self.last_result = result
        layer = load_output_layer(result)
        if layer.isValid():
            layer.setName(unique_layer_name(layer.name()))
            QgsProject.instance().addMapLayer(layer)
            self.expand_legend(layer)
            self.last_layer = layer
        self.summary.setText(prediction_summary(result))
        if hasattr(self.dock, "reveal"):
            self.dock.reveal(self.status)  # the bottom of the tab: the summary above it and the status line
        if result["is_demo"]:
            self.dock.show_result_message(tr("Prediction done with a demonstration model, not a wealth estimate."),
                                          Qgis.MessageLevel.Warning)
        elif result.get("is_weak"):
            self.dock.show_result_message(tr("Prediction done with a weak model: it does not beat a simple baseline "
                                             "(see its training report)."), Qgis.MessageLevel.Warning)
        if result.get("coverage_note"):
            self.dock.show_result_message(result["coverage_note"], Qgis.MessageLevel.Warning)

    def expand_legend(self, layer):
        """The new layer's legend opens in the layer panel; the previous prediction's closes. The layer tree
        nodes and the panel's view are both set, now and once the panel has drawn the new legend (the view
        can collapse a legend whose rows it rebuilds when the layer's style loads)."""
        from qgis.PyQt.QtCore import QTimer

        previous = self.last_layer if self.last_layer is not layer else None
        previous_id = None
        if previous is not None:
            try:
                previous_id = previous.id()
            except RuntimeError:  # deleted
                previous_id = None
        layer_id = layer.id()

        def apply():
            try:
                _apply()
            except RuntimeError:  # the panel or the layer was deleted meanwhile
                pass

        def _apply():
            root = QgsProject.instance().layerTreeRoot()
            view = self.iface.layerTreeView() if self.iface is not None and hasattr(self.iface, "layerTreeView") \
                else None
            for node_id, expanded in ((previous_id, False), (layer_id, True)):
                node = root.findLayer(node_id) if node_id else None
                if node is None:
                    continue
                node.setExpanded(expanded)
                if view is not None and hasattr(view, "node2index"):
                    index = view.node2index(node)
                    if index.isValid():
                        view.setExpanded(index, expanded)

        apply()
        QTimer.singleShot(0, apply)
        QTimer.singleShot(300, apply)

    # --- cleanup --------------------------------------------------------------------------------
    def cleanup(self):
        """Remove map tools and rubber bands (called when the plugin unloads)."""
        for signal in (QgsProject.instance().layersAdded, QgsProject.instance().layersRemoved):
            try:
                signal.disconnect(self.refresh_more_rasters)
            except (TypeError, RuntimeError):
                pass
        canvas = self.canvas()
        for tool in (self.rect_tool, self.poly_tool):
            if tool is None:
                continue
            if canvas is not None and canvas.mapTool() is tool:
                canvas.unsetMapTool(tool)
            if isinstance(tool, PolygonMapTool):
                tool.remove_band()
            elif hasattr(tool, "clearRubberBand"):
                tool.clearRubberBand()
        self.rect_tool = self.poly_tool = None
        if self.region_band is not None:
            self.region_band.reset(QgsWkbTypes.GeometryType.PolygonGeometry)
            scene = self.region_band.scene()
            if scene is not None:
                scene.removeItem(self.region_band)
            self.region_band = None

