"""The Wealth dock: a "Predict" tab (ui/wealth_predict_widget.py) and a "Train" tab
(ui/wealth_train_widget.py). Widgets only; the work is done by ``core.wealth``."""

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
        self.predict_widget = None
        self.train_widget = None
        try:
            from .wealth_predict_widget import PredictWidget
        except ImportError:
            PredictWidget = None
        if PredictWidget is not None:
            self.predict_widget = PredictWidget(self)
            self.tabs.addTab(self.predict_widget, tr("Predict"))
        try:
            from .wealth_train_widget import TrainWidget
        except ImportError:
            TrainWidget = None
        if TrainWidget is not None:
            self.train_widget = TrainWidget(self)
            self.tabs.addTab(self.train_widget, tr("Train"))

    def cleanup(self):
        """Called by the plugin's unload(): remove map tools and rubber bands."""
        for widget in (self.predict_widget, self.train_widget):
            if widget is not None and hasattr(widget, "cleanup"):
                widget.cleanup()
