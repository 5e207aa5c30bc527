"""Background work: a QgsTask that runs one core function off the main thread.

Rules (see README, "Architecture"): read QGIS objects on the main thread, pass plain
data (or thread-safe copies) to the task, compute in :meth:`WealthMapTask.run`, and
publish results in ``finished()`` which Qt calls on the main thread.

Core functions take a ``feedback`` argument (a :class:`qgis.core.QgsFeedback`); the
same function then serves a dock (through this task), a Processing algorithm (its
``QgsProcessingFeedback``) and the console API (a plain ``QgsFeedback``).
"""

import time
import traceback

from qgis.core import QgsApplication, QgsFeedback, QgsTask

from . import log
from .errors import CancelledError, WealthMapError
from .i18n import tr


class WealthMapTask(QgsTask):
    """Run ``function(feedback, *args, **kwargs)`` in a worker thread.

    * progress: ``feedback.setProgress(0..100)`` moves the task's (and the dock's) bar;
    * cancel: :meth:`cancel` cancels the feedback, which the function polls with
      ``feedback.isCanceled()``;
    * errors: any exception is caught; a :class:`WealthMapError` keeps its message,
      anything else is logged with its traceback and reported as an internal error;
    * ``on_finished(task)`` is called on the main thread; read ``task.result``,
      ``task.error`` (message or ``None``) and ``task.cancelled``.
    """

    def __init__(self, description, function, *args, on_finished=None, flags=QgsTask.Flag.CanCancel, **kwargs):
        super().__init__(description, flags)
        self.function = function
        self.args = args
        self.kwargs = kwargs
        self.on_finished = on_finished
        self.feedback = QgsFeedback()
        self.feedback.progressChanged.connect(self.setProgress)
        self.result = None
        self.error = None
        self.error_details = None
        self.cancelled = False
        self.started_at = None
        self.elapsed = 0.0

    def run(self):
        self.started_at = time.monotonic()
        try:
            self.result = self.function(self.feedback, *self.args, **self.kwargs)
        except CancelledError as err:
            self.cancelled = True
            self.error = str(err)
        except WealthMapError as err:
            self.error = str(err)
            self.error_details = err.details
        except Exception as err:  # noqa: BLE001 - reported to the user, logged with traceback
            self.error = tr("Internal error: {0}. Details are in the WealthMap message log.").format(err)
            self.error_details = traceback.format_exc()
            log.critical(self.error_details)
        finally:
            self.elapsed = time.monotonic() - self.started_at
        if self.feedback.isCanceled() or self.isCanceled():
            self.cancelled = True
        return self.error is None and not self.cancelled

    def cancel(self):
        self.feedback.cancel()
        super().cancel()

    def finished(self, ok):
        if not ok and self.error is None:
            # cancelled (or terminated) before run() ever started, e.g. while queued behind other tasks
            self.cancelled = True
        if self.isCanceled() or self.feedback.isCanceled():
            self.cancelled = True
        if self.error and not self.cancelled:
            log.warning("{}: {}".format(self.description(), self.error))
        if self.on_finished is not None:
            self.on_finished(self)


def eta_seconds(started, fraction_done):
    """Seconds left, extrapolated from the time spent so far (``None`` when unknown)."""
    if not fraction_done or fraction_done <= 0:
        return None
    spent = time.monotonic() - started
    return spent * (1.0 - fraction_done) / fraction_done


def run_task_and_wait(task, timeout=600.0):
    """Start ``task`` in QGIS's task manager and process events until it ends.

    For tests and scripts; docks never wait. Returns the task.
    """
    from qgis.PyQt.QtCore import QCoreApplication

    done = []
    previous = task.on_finished

    def _finished(t):
        if previous is not None:
            previous(t)
        done.append(True)

    task.on_finished = _finished
    QgsApplication.taskManager().addTask(task)
    deadline = time.monotonic() + timeout
    while not done:
        QCoreApplication.processEvents()
        if time.monotonic() > deadline:
            task.cancel()
            raise TimeoutError("task did not finish within {} s".format(timeout))
        time.sleep(0.005)
    return task


def check_cancel(feedback):
    """Raise :class:`CancelledError` when ``feedback`` was cancelled."""
    if feedback is not None and feedback.isCanceled():
        raise CancelledError(tr("Cancelled by the user; the work done so far is kept."))


def ensure_feedback(feedback):
    """Return ``feedback`` or a fresh :class:`QgsFeedback` (console calls pass none)."""
    return feedback if feedback is not None else QgsFeedback()
