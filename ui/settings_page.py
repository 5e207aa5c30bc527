"""WealthMap page in QGIS's Settings > Options dialog."""

from qgis.gui import QgsOptionsPageWidget, QgsOptionsWidgetFactory
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
)

from ..core import settings
from ..core.i18n import tr
from .icons import icon


class WealthMapOptionsPage(QgsOptionsPageWidget):
    """Edits the typed settings of :mod:`core.settings`."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("WealthMapOptionsPage")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        self.provider = QComboBox()
        for key, label in (
            ("offline", tr("Offline index")),
            ("nominatim", "Nominatim"),
            ("photon", "Photon"),
            ("pelias", "Pelias"),
            ("google", "Google"),
            ("kakao", "Kakao Local"),
            ("vworld", "VWorld"),
        ):
            self.provider.addItem(label, key)
        self.provider.setCurrentIndex(max(0, self.provider.findData(settings.GEOCODE_PROVIDER.value())))
        form.addRow(tr("Default geocoding provider"), self.provider)
        self.cache_dir = QLineEdit(settings.GEOCODE_CACHE_DIR.value())
        self.cache_dir.setPlaceholderText(tr("In the QGIS profile"))
        form.addRow(tr("Geocoding cache folder"), self.cache_dir)
        self.timeout = QDoubleSpinBox()
        self.timeout.setRange(1, 600)
        self.timeout.setValue(settings.GEOCODE_TIMEOUT.value())
        form.addRow(tr("HTTP timeout (s)"), self.timeout)
        self.retries = QSpinBox()
        self.retries.setRange(0, 10)
        self.retries.setValue(settings.GEOCODE_RETRIES.value())
        form.addRow(tr("HTTP retries"), self.retries)
        self.dpi = QSpinBox()
        self.dpi.setRange(72, 1200)
        self.dpi.setValue(settings.THEMATIC_EXPORT_DPI.value())
        form.addRow(tr("Map export resolution (DPI)"), self.dpi)
        self.max_chips = QSpinBox()
        self.max_chips.setRange(1, 10_000_000)
        self.max_chips.setValue(settings.WEALTH_MAX_CHIPS.value())
        form.addRow(tr("Ask before predicting more chips than"), self.max_chips)
        self.max_cloud = QDoubleSpinBox()
        self.max_cloud.setRange(0, 1)
        self.max_cloud.setSingleStep(0.05)
        self.max_cloud.setValue(settings.WEALTH_MAX_CLOUD.value())
        form.addRow(tr("Skip chips with a cloud fraction above"), self.max_cloud)
        self.min_valid = QDoubleSpinBox()
        self.min_valid.setRange(0, 1)
        self.min_valid.setSingleStep(0.05)
        self.min_valid.setValue(settings.WEALTH_MIN_VALID.value())
        form.addRow(tr("Skip chips with a valid fraction below"), self.min_valid)
        self.use_cuda = QCheckBox(tr("Use CUDA for inference when available"))
        self.use_cuda.setChecked(settings.WEALTH_USE_CUDA.value())
        form.addRow(self.use_cuda)
        layout.addStretch(1)

    def apply(self):
        settings.GEOCODE_PROVIDER.set(self.provider.currentData())
        settings.GEOCODE_CACHE_DIR.set(self.cache_dir.text().strip())
        settings.GEOCODE_TIMEOUT.set(self.timeout.value())
        settings.GEOCODE_RETRIES.set(self.retries.value())
        settings.THEMATIC_EXPORT_DPI.set(self.dpi.value())
        settings.WEALTH_MAX_CHIPS.set(self.max_chips.value())
        settings.WEALTH_MAX_CLOUD.set(self.max_cloud.value())
        settings.WEALTH_MIN_VALID.set(self.min_valid.value())
        settings.WEALTH_USE_CUDA.set(self.use_cuda.isChecked())


class WealthMapOptionsFactory(QgsOptionsWidgetFactory):
    def __init__(self):
        super().__init__()
        self.setTitle("WealthMap")

    def icon(self):
        return icon("wealthmap")

    def createWidget(self, parent):  # noqa: N802 - QGIS override
        return WealthMapOptionsPage(parent)
