"""Common dock behaviour: a body, a progress bar with a cancel button, and task handling."""

from qgis.core import Qgis, QgsApplication
from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..core import deps
from ..core.i18n import tr
from ..core.tasks import WealthMapTask


class WealthMapDock(QgsDockWidget):
    """Base class of the three job docks.

    Subclasses fill ``self.body`` (a QVBoxLayout) and start work with :meth:`start_task`;
    the progress bar, cancel button, status line and message bar reports are shared.
    """

    JOB = None  # key into core.deps.NEEDS

    def __init__(self, iface, title, object_name, parent=None):
        super().__init__(title, parent)
        self.iface = iface
        self.setObjectName(object_name)
        self.task = None
        container = QWidget()
        outer = QVBoxLayout(container)
        self.deps_label = QLabel()
        self.deps_label.setWordWrap(True)
        self.deps_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.deps_label.setStyleSheet("color: #a40000;")
        self.deps_label.hide()
        outer.addWidget(self.deps_label)
        self.install_deps_button = QPushButton(tr("Install the missing packages..."))
        self.install_deps_button.setObjectName("WealthMapInstallDepsButton")
        self.install_deps_button.clicked.connect(self.open_installer)
        self.install_deps_button.hide()
        outer.addWidget(self.install_deps_button)
        self.deps_dialog = None
        scroll = QScrollArea()
        self.scroll = scroll
        scroll.setWidgetResizable(True)
        # Forms reflow to the dock's width instead of hiding fields behind a horizontal scroll bar.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(300)
        self._polished = False
        inner = QWidget()
        self.body = QVBoxLayout(inner)
        scroll.setWidget(inner)
        outer.addWidget(scroll, 1)
        row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel_task)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        outer.addLayout(row)
        self.status = QLabel(tr("Ready."))
        self.status.setWordWrap(True)
        outer.addWidget(self.status)
        self.setWidget(container)
        self.check_dependencies()

    def showEvent(self, event):  # noqa: N802 - Qt override
        if not self._polished:
            self.polish_layout()
        super().showEvent(event)

    def polish_layout(self):
        """Let every form fit a narrow dock: long rows wrap (label above field), combo boxes shrink."""
        self._polished = True
        for form in self.findChildren(QFormLayout):
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for combo in self.findChildren(QComboBox):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)

    def reveal(self, widget):
        """Scroll the panel so that ``widget`` (e.g. a job's summary) is in view, now and once the panel has
        laid out a text that just changed."""
        from qgis.PyQt.QtCore import QTimer

        def scroll():
            try:
                self.scroll.ensureWidgetVisible(widget, 0, 0)
            except RuntimeError:  # the panel was deleted meanwhile (plugin unloaded)
                pass

        scroll()
        for delay in (0, 200):
            QTimer.singleShot(delay, scroll)

    # --- dependencies ----------------------------------------------------------------
    def check_dependencies(self):
        message = deps.missing_message(self.JOB) if self.JOB else None
        self.deps_label.setText(message or "")
        self.deps_label.setVisible(bool(message))
        installable = bool(message) and bool(deps.missing([m for m in deps.NEEDS[self.JOB]
                                                          if m not in ("numpy", "osgeo.gdal")]))
        self.install_deps_button.setVisible(installable)
        return message is None

    def open_installer(self):
        """The dialog that installs the missing packages into the QGIS profile (no restart needed)."""
        from .deps_dialog import DependenciesDialog

        if self.deps_dialog is None:
            self.deps_dialog = DependenciesDialog(self)
            self.deps_dialog.changed.connect(self.dependencies_changed)
        self.deps_dialog.refresh()
        self.deps_dialog.show()
        self.deps_dialog.raise_()
        return self.deps_dialog

    def dependencies_changed(self):
        """Packages came or went: every WealthMap dock re-checks what it needs."""
        window = self.window()
        docks = set(window.findChildren(WealthMapDock)) if window is not None else set()
        for dock in docks | {self}:
            dock.check_dependencies()
        if self.check_dependencies():
            self.show_message(tr("The Python packages are installed: WealthMap is ready."), Qgis.MessageLevel.Success)

    # --- tasks ---------------------------------------------------------------------------
    def start_task(self, description, function, *args, on_done=None, status_label=None, **kwargs):
        """Run ``function(feedback, *args, **kwargs)`` as a QgsTask; ``on_done(result)`` on success.

        ``status_label``: the QLabel that tells how the job goes (default: the panel's status line; a tab
        with its own status line passes it, so that each tab says only its own news)."""
        status = status_label if status_label is not None else self.status
        if self.task is not None:
            self.show_message(tr("A job is already running in this panel; wait for it or cancel it."),
                              Qgis.MessageLevel.Warning)
            return None

        def finished(task):
            self.task = None
            self.cancel_button.setEnabled(False)
            if task.cancelled:
                status.setText(tr("Cancelled. Run again to resume where it stopped."))
                self.show_message(tr("{0}: cancelled.").format(description), Qgis.MessageLevel.Info)
            elif task.error:
                status.setText(task.error)
                self.show_message(task.error, Qgis.MessageLevel.Critical)
            else:
                self.progress.setValue(100)
                status.setText(tr("Done in {0:.1f} s.").format(task.elapsed))
                if on_done is not None:
                    on_done(task.result)

        task = WealthMapTask(description, function, *args, on_finished=finished, **kwargs)
        task.progressChanged.connect(self._task_progress)
        self.task = task
        self.progress.setValue(0)
        self.cancel_button.setEnabled(True)
        status.setText(tr("Running: {0}").format(description))
        QgsApplication.taskManager().addTask(task)
        return task

    def cancel_task(self):
        if self.task is not None:
            self.task.cancel()

    def _task_progress(self, value):
        self.progress.setValue(int(value))

    def detach_task(self):
        """Cancel the running task and cut it loose from this panel (the plugin is unloading and the panel is
        about to be deleted: the task's progress and end must not reach deleted widgets)."""
        task, self.task = self.task, None
        if task is not None:
            task.on_finished = None
            try:
                task.progressChanged.disconnect(self._task_progress)
            except (TypeError, RuntimeError):
                pass
            task.cancel()

    def show_message(self, text, level=Qgis.MessageLevel.Info):
        if self.iface is not None and hasattr(self.iface, "messageBar"):
            bar = self.iface.messageBar()
            if bar is not None:
                bar.pushMessage("WealthMap", text, level, 8 if level != Qgis.MessageLevel.Critical else 0)

    def show_result_message(self, text, level=Qgis.MessageLevel.Info):
        """A job's outcome in the message bar, pushed a moment after the task ended so that it lands above
        QGIS's own "Task complete" notice of a long task (which would hide it behind "1 more")."""
        from qgis.PyQt.QtCore import QTimer

        def push():
            try:
                self.show_message(text, level)
            except RuntimeError:  # the panel was deleted meanwhile
                pass

        QTimer.singleShot(250, push)

    def closeEvent(self, event):  # noqa: N802 - Qt override
        super().closeEvent(event)
