"""The Wealth dock: a "Predict" tab (ui/wealth_predict_widget.py) and a "Train" tab
(ui/wealth_train_widget.py) and an "Imagery (STAC)" tab (ui/stac_widget.py). Widgets only; the work is done
by ``core.wealth`` and ``core.stac``."""

import importlib
import os

from qgis.PyQt.QtWidgets import QLabel, QTabWidget

from ..core.i18n import tr
from .base_dock import WealthMapDock


class WealthDock(WealthMapDock):
    JOB = "wealth"

    def __init__(self, iface, parent=None):
        super().__init__(iface, tr("WealthMap: Wealth"), "WealthMapWealthDock", parent)
        intro = QLabel(tr("Wealth index from Sentinel-2 imagery."))
        intro.setWordWrap(True)
        self.body.addWidget(intro)
        self.tabs = QTabWidget()
        self.body.addWidget(self.tabs, 1)
        self.predict_widget = self._add_tab("wealth_predict_widget", "PredictWidget", tr("Predict"))
        self.train_widget = self._add_tab("wealth_train_widget", "TrainWidget", tr("Train"))
        self.stac_widget = self._add_tab("stac_widget", "StacWidget", tr("Imagery (STAC)"))
        # each tab has its own status line (Predict's news are not Train's): the panel's shared one goes, and
        # ``self.status`` is the Predict tab's
        self.panel_status = self.status
        self.panel_status.hide()
        if self.predict_widget is not None:
            self.status = self.predict_widget.status

    def _add_tab(self, module_name, class_name, title):
        """Add the tab widget ``ui/<module_name>.py:<class_name>`` when that module exists."""
        if not os.path.exists(os.path.join(os.path.dirname(os.path.abspath(__file__)), module_name + ".py")):
            return None
        module = importlib.import_module("{}.{}".format(__package__, module_name))
        widget = getattr(module, class_name)(self)
        self.tabs.addTab(widget, title)
        return widget

    def cleanup(self):
        """Called by the plugin's unload(): remove map tools and rubber bands."""
        for widget in (self.predict_widget, self.train_widget):
            if widget is not None and hasattr(widget, "cleanup"):
                widget.cleanup()
