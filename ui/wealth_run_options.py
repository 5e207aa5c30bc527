"""The Wealth dock's "Advanced" section: where a prediction runs (in this process, local workers, a cluster).

Widgets only: the choice becomes ``scheduler``/``workers`` of ``core.wealth.distributed.predict_with``; progress
comes from the task's feedback (fed by the partitions' futures) and the dock's Cancel cancels them.
"""

from qgis.gui import QgsCollapsibleGroupBox
from qgis.PyQt.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QSpinBox

from ..core.errors import WealthMapError
from ..core.i18n import tr, tr_noop

RUN_MODES = [("inprocess", tr_noop("In this process (default)")),
             ("local", tr_noop("Local worker processes (Dask)")),
             ("cluster", tr_noop("Dask cluster at an address"))]


class RunOptionsBox(QgsCollapsibleGroupBox):
    def __init__(self, parent=None):
        super().__init__(tr("Advanced: where to run"), parent)
        self.setCollapsed(True)
        form = QFormLayout(self)
        self.mode = QComboBox()
        for key, label in RUN_MODES:
            self.mode.addItem(tr(label), key)
        form.addRow(tr("Run on"), self.mode)
        from ..core.wealth.embed import physical_cores

        self.workers = QSpinBox()
        self.workers.setRange(1, 256)
        self.workers.setValue(max(1, physical_cores()))
        form.addRow(tr("Worker processes"), self.workers)
        self.address = QLineEdit()
        self.address.setPlaceholderText("tcp://host:8786")
        form.addRow(tr("Scheduler address"), self.address)
        self.note = QLabel()
        self.note.setWordWrap(True)
        form.addRow(self.note)
        self.mode.currentIndexChanged.connect(self._changed)
        self._changed()

    def mode_key(self):
        return self.mode.currentData()

    def set_mode(self, key):
        self.mode.setCurrentIndex(self.mode.findData(key))

    def _changed(self, *args):
        from ..core import deps

        key = self.mode_key()
        self.workers.setEnabled(key == "local")
        self.address.setEnabled(key == "cluster")
        missing = deps.missing_message("distributed") if key != "inprocess" else None
        if missing:
            self.note.setText(missing)
        elif key == "inprocess":
            self.note.setText(tr("The region is predicted here, as one job."))
        else:
            self.note.setText(tr("The region is cut into tiles run in parallel; the finished tiles are kept beside "
                                 "the output, so a cancelled or failed run resumes where it stopped when run again. "
                                 "On one machine this is faster only with more cores than two."))

    def values(self):
        """``{"scheduler", "workers"}`` for ``predict_with``; a bad choice raises a WealthMapError."""
        from ..core import deps

        key = self.mode_key()
        if key == "inprocess":
            return {"scheduler": None, "workers": None}
        message = deps.missing_message("distributed")
        if message:
            raise WealthMapError(message)
        if key == "local":
            return {"scheduler": "local", "workers": self.workers.value()}
        address = self.address.text().strip()
        if not address:
            raise WealthMapError(tr("Give the Dask scheduler's address (e.g. tcp://host:8786) under Advanced, or "
                                    "run in this process."))
        return {"scheduler": address if "://" in address else "tcp://" + address, "workers": None}
