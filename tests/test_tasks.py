"""core.tasks: the QgsTask base captures errors, reports progress and honours cancel."""

import threading
import time

from wealthmap.core.errors import WealthMapError
from wealthmap.core.tasks import WealthMapTask, check_cancel, run_task_and_wait


def test_task_returns_result_and_progress(qgis_app):
    seen = []

    def work(feedback, n):
        assert threading.current_thread() is not threading.main_thread()
        for i in range(n):
            feedback.setProgress(100.0 * (i + 1) / n)
        return n * 2

    task = WealthMapTask("double", work, 5)
    task.progressChanged.connect(seen.append)
    run_task_and_wait(task)
    assert task.result == 10 and task.error is None and not task.cancelled
    assert task.progress() == 100


def test_task_reports_user_error_message(qgis_app):
    def work(feedback):
        raise WealthMapError("The field 'pop' does not exist in layer 'x'. Pick a numeric field.")

    task = run_task_and_wait(WealthMapTask("fail", work))
    assert task.error == "The field 'pop' does not exist in layer 'x'. Pick a numeric field."
    assert task.result is None


def test_task_turns_bug_into_internal_error_with_traceback(qgis_app):
    def work(feedback):
        return 1 / 0

    task = run_task_and_wait(WealthMapTask("bug", work))
    assert task.error.startswith("Internal error: division by zero")
    assert "ZeroDivisionError" in task.error_details


def test_task_cancel_stops_work_and_keeps_partial(qgis_app):
    done = []
    started = threading.Event()

    def work(feedback):
        for i in range(1000):
            started.set()
            check_cancel(feedback)
            done.append(i)
            time.sleep(0.01)
        return "finished"

    task = WealthMapTask("long", work)
    from qgis.core import QgsApplication
    from qgis.PyQt.QtCore import QCoreApplication

    finished = []
    task.on_finished = finished.append
    QgsApplication.taskManager().addTask(task)
    while not started.is_set():
        QCoreApplication.processEvents()
        time.sleep(0.005)
    time.sleep(0.05)
    task.cancel()
    deadline = time.monotonic() + 10
    while not finished and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.005)
    assert finished, "task did not end after cancel"
    assert task.cancelled and task.result is None
    assert 0 < len(done) < 1000
