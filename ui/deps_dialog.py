"""The *Install packages* dialog: pip into the QGIS profile, with progress, the log, cancel; no restart."""

from qgis.core import Qgis, QgsApplication
from qgis.gui import QgsFileWidget
from qgis.PyQt.QtCore import pyqtSignal
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from ..core import deps, installer
from ..core.i18n import tr
from ..core.tasks import WealthMapTask


class DependenciesDialog(QDialog):
    """Install, repair or remove the packages WealthMap needs, into this QGIS profile."""

    changed = pyqtSignal()  # packages were installed or removed: docks re-check what they need
    line_received = pyqtSignal(str)  # a line of pip's output (emitted from the task's thread)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("WealthMapDependenciesDialog")
        self.setWindowTitle(tr("WealthMap: Python packages"))
        self.task = None
        self.last_error = None
        self.last_result = None
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.offline = QCheckBox(tr("Install from a folder of wheels (no internet needed)"))
        layout.addWidget(self.offline)
        self.wheels = QgsFileWidget()
        self.wheels.setStorageMode(QgsFileWidget.StorageMode.GetDirectory)
        self.wheels.setEnabled(False)
        self.offline.toggled.connect(self.wheels.setEnabled)
        layout.addWidget(self.wheels)
        self.where = QLabel()
        self.where.setWordWrap(True)
        layout.addWidget(self.where)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        layout.addWidget(self.progress)
        self.log = QPlainTextEdit()
        self.log.setReadOnly(True)
        self.log.setMinimumHeight(160)
        layout.addWidget(self.log, 1)
        buttons = QHBoxLayout()
        self.install_button = QPushButton(tr("Install"))
        self.repair_button = QPushButton(tr("Repair"))
        self.remove_button = QPushButton(tr("Uninstall"))
        self.cancel_button = QPushButton(tr("Cancel"))
        self.close_button = QPushButton(tr("Close"))
        for button in (self.install_button, self.repair_button, self.remove_button, self.cancel_button,
                       self.close_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.install_button.clicked.connect(lambda: self.start(force=False))
        self.repair_button.clicked.connect(lambda: self.start(force=True))
        self.remove_button.clicked.connect(self.remove)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.close)
        self.line_received.connect(self.log.appendPlainText)
        self.resize(620, 460)
        self.refresh()

    def refresh(self):
        absent = deps.missing(installer.INSTALLABLE)
        if absent:
            names = ", ".join("{} ({})".format(deps.PACKAGES[m][0], tr(deps.PACKAGES[m][1])) for m in absent)
            self.summary.setText(tr("Missing: {0}. WealthMap installs them into this QGIS profile for this "
                                    "Python; numpy and GDAL stay as QGIS has them.").format(names))
        else:
            self.summary.setText(tr("Every package WealthMap needs is installed."))
        try:
            base = installer.base_dir()
        except Exception:  # noqa: BLE001 - no profile (bare script)
            base = "-"
        here = installer.installed_here()
        self.where.setText(tr("Folder: {0} ({1} packages installed there)").format(base, len(here)))
        running = self.task is not None
        self.install_button.setEnabled(bool(absent) and not running)
        self.repair_button.setEnabled(bool(here) and not running)
        self.remove_button.setEnabled(bool(here) and not running)
        self.cancel_button.setEnabled(running)

    def wheel_dir(self):
        return self.wheels.filePath() or None if self.offline.isChecked() else None

    def start(self, force=False):
        if self.task is not None:
            return None
        wheel_dir = self.wheel_dir()
        if self.offline.isChecked() and not wheel_dir:
            self.show_error(tr("Choose the folder of wheels first."))
            return None
        self.last_error = None
        self.log.clear()
        self.progress.setValue(0)

        def work(feedback):
            return installer.install(wheel_dir=wheel_dir, feedback=feedback, on_line=self.line_received.emit,
                                     force=force)

        def finished(task):
            self.task = None
            if task.cancelled:
                self.log.appendPlainText(tr("Cancelled."))
            elif task.error:
                self.show_error(task.error)
            else:
                self.last_result = task.result
                self.progress.setValue(100)
                still = task.result.get("missing") or []
                if still:
                    self.show_error(tr("pip finished, but these still cannot be imported: {0}. Restart QGIS; "
                                       "if they are still missing, use Repair.").format(", ".join(still)))
                else:
                    self.log.appendPlainText(tr("Installed. The packages are ready to use: no restart needed."))
                self.changed.emit()
            self.refresh()

        self.task = WealthMapTask(tr("Installing Python packages"), work, on_finished=finished)
        self.task.progressChanged.connect(lambda value: self.progress.setValue(int(value)))
        QgsApplication.taskManager().addTask(self.task)
        self.refresh()
        return self.task

    def show_error(self, message):
        self.last_error = message
        self.log.appendPlainText(message)
        bar = getattr(self.parent(), "show_message", None)
        if bar is not None:
            bar(message, Qgis.MessageLevel.Critical)

    def cancel(self):
        if self.task is not None:
            self.task.cancel()

    def remove(self):
        result = installer.uninstall()
        if result["restart_needed"]:
            self.log.appendPlainText(tr("Removed {0}. {1} stay loaded until QGIS restarts.").format(
                result["removed"], ", ".join(result["restart_needed"])))
        else:
            self.log.appendPlainText(tr("Removed {0}.").format(result["removed"]))
        self.changed.emit()
        self.refresh()
