"""Task handling of the docks: queued cancel, double run, unload while running."""

import sys
import threading
import time

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QThreadPool


def pump(seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.01)


def test_cancel_a_queued_task(qgis_iface):
    """Cancel pressed while the job waits in QGIS's queue (all worker threads busy with other tasks)."""
    from wealthmap.core.tasks import WealthMapTask
    from wealthmap.ui.geocode_dock import GeocodeDock

    release = threading.Event()
    blockers = []
    for i in range(QThreadPool.globalInstance().maxThreadCount() + 1):
        t = WealthMapTask("blocker %d" % i, lambda fb: release.wait(30))
        blockers.append(t)
        QgsApplication.taskManager().addTask(t)
    pump(0.5)
    dock = GeocodeDock(qgis_iface)
    done = []
    errors = []
    old = sys.excepthook
    sys.excepthook = lambda *a: errors.append(a)
    try:
        task = dock.start_task("job", lambda fb: {"x": 1}, on_done=done.append)
        pump(0.3)
        print("status of dock task before cancel:", task.status())
        dock.cancel_task()
        pump(0.5)
        release.set()
        pump(1.0)
        print("dock.task:", dock.task, "status:", dock.status.text(), "on_done:", done,
              "cancel enabled:", dock.cancel_button.isEnabled())
        assert dock.task is None, "dock stuck with a task"
        assert done == [], "on_done called for a cancelled task"
        assert "Done" not in dock.status.text(), dock.status.text()
        assert not errors
    finally:
        sys.excepthook = old
        release.set()
        dock.cleanup()


def test_run_twice(qgis_iface):
    from wealthmap.ui.geocode_dock import GeocodeDock

    release = threading.Event()
    dock = GeocodeDock(qgis_iface)
    try:
        first = dock.start_task("job", lambda fb: release.wait(10))
        second = dock.start_task("job", lambda fb: release.wait(10))
        assert first is not None and second is None
        print("run button enabled while running:", dock.run_button.isEnabled())
        release.set()
        pump(0.5)
        assert dock.task is None
    finally:
        release.set()
        dock.cleanup()


def test_cancel_running_task(qgis_iface):
    from wealthmap.core.tasks import check_cancel
    from wealthmap.ui.geocode_dock import GeocodeDock

    dock = GeocodeDock(qgis_iface)

    def work(fb):
        for _ in range(500):
            check_cancel(fb)
            time.sleep(0.01)
        return {}

    done = []
    try:
        dock.start_task("job", work, on_done=done.append)
        pump(0.3)
        dock.cancel_task()
        pump(0.5)
        print("status:", dock.status.text())
        assert dock.task is None and not done and "Cancelled" in dock.status.text()
        assert not dock.cancel_button.isEnabled()
    finally:
        dock.cleanup()


def test_unload_while_running(qgis_iface):
    """Plugin unload while a job runs: the task's finished() then runs against deleted widgets."""
    import sip

    from wealthmap.plugin import WealthMapPlugin

    errors = []
    old = sys.excepthook
    sys.excepthook = lambda *a: errors.append(a)
    release = threading.Event()
    try:
        plugin = WealthMapPlugin(qgis_iface)
        plugin.initGui()
        dock = plugin.dock("thematic")
        dock.start_task("job", lambda fb: release.wait(10) and {"x": 1}, on_done=lambda r: None)
        pump(0.2)
        plugin.unload()  # cancels the task's feedback, deletes the dock later
        from qgis.PyQt.QtCore import QEvent
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # what QGIS's event loop does
        pump(0.2)
        print("dock deleted:", sip.isdeleted(dock))
        release.set()
        pump(1.0)
    finally:
        sys.excepthook = old
        release.set()
    assert not errors, [str(e[1]) for e in errors]


def test_cancel_a_queued_geocode_run(qgis_iface, tmp_path):
    """Same as test_cancel_a_queued_task with the real Geocode run: on_done(None) -> traceback."""
    from qgis.core import QgsProject

    from wealthmap.core import settings
    from wealthmap.core.tasks import WealthMapTask
    from wealthmap.ui.geocode_dock import GeocodeDock

    settings.GEOCODE_CACHE_DIR.set(str(tmp_path / "cache"))
    release = threading.Event()
    for i in range(QThreadPool.globalInstance().maxThreadCount() + 1):
        QgsApplication.taskManager().addTask(WealthMapTask("blocker %d" % i, lambda fb: release.wait(30)))
    pump(0.5)
    dock = GeocodeDock(qgis_iface)
    errors = []
    old = sys.excepthook
    sys.excepthook = lambda *a: errors.append(a)
    try:
        src = tmp_path / "a.csv"
        src.write_text("id,address\n1,Seoul\n", encoding="utf-8")
        dock.add_table(str(src))
        assert dock.run() is not None
        dock.cancel_task()
        release.set()
        pump(1.0)
        print("status:", dock.status.text())
    finally:
        sys.excepthook = old
        release.set()
        dock.cleanup()
        settings.GEOCODE_CACHE_DIR.reset()
        QgsProject.instance().removeAllMapLayers()
    assert not errors, [repr(e[1]) for e in errors]
