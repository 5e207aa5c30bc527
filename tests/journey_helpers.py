"""Journey tests: a whole job driven through a dock in the real QGIS desktop (under Xvfb), asserting on
what a user sees. ``run_journey(body)`` starts QGIS (scripts/desktop.py) with the plugin, runs the steps
that ``body`` defines (``@step`` functions, in order; a step may return a predicate to wait for) and returns
what they put in ``OUT``. Screenshots go to ``$WEALTHMAP_ARTIFACTS`` (default ``build/journeys``)."""

import os
import shutil
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
ARTIFACTS = os.environ.get("WEALTHMAP_ARTIFACTS") or os.path.join(ROOT, "build", "journeys")

needs_desktop = pytest.mark.skipif(not shutil.which("qgis") or not shutil.which("xvfb-run"),
                                   reason="QGIS desktop and xvfb-run are installed by `make setup`")

PRELUDE = r'''
import json, os, time, traceback
from qgis.core import Qgis, QgsApplication, QgsProject
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QPushButton
import qgis.utils as U

OUT = {"steps": [], "shots": {}}
ART = os.environ["WEALTHMAP_ARTIFACTS"]
ROOT = os.environ["WEALTHMAP_ROOT"]
TMP = os.environ["WEALTHMAP_TMP"]
STEPS = []


def step(function):
    STEPS.append(function)
    return function


def finish():
    with open(os.environ["WEALTHMAP_OUT"], "w") as handle:
        json.dump(OUT, handle, default=str)
    QgsApplication.exit(0)


def shot(name, widget=None):
    """Save a screenshot of the main window (or ``widget``) as ART/<name>.png."""
    QgsApplication.processEvents()
    U.iface.mapCanvas().refreshAllLayers()
    U.iface.mapCanvas().waitWhileRendering()
    QgsApplication.processEvents()
    path = os.path.join(ART, name + ".png")
    (widget or U.iface.mainWindow()).grab().save(path)
    OUT["shots"][name] = path


def bar_messages():
    """The message bar's items: text and button labels."""
    items = []
    for item in U.iface.messageBar().items():
        items.append({"title": item.title(), "text": item.text(), "level": int(item.level()),
                      "buttons": [b.text() for b in item.findChildren(QPushButton) if b.text()]})
    return items


def clear_bar():
    U.iface.messageBar().clearWidgets()


def bar_button(label):
    for item in U.iface.messageBar().items():
        for button in item.findChildren(QPushButton):
            if button.text() == label:
                return button
    return None


def legend_expanded(layer):
    """Whether the layer panel shows the layer's legend open (the view, as the user sees it)."""
    node = QgsProject.instance().layerTreeRoot().findLayer(layer.id())
    view = U.iface.layerTreeView()
    return node is not None and view.isExpanded(view.node2index(node))


def task_done(dock):
    return lambda: dock.task is None


def run_next(i=0):
    if i >= len(STEPS):
        finish()
        return
    function = STEPS[i]
    try:
        waiting = function()
    except Exception:
        OUT["error"] = "step {}: {}".format(function.__name__, traceback.format_exc())
        finish()
        return
    OUT["steps"].append(function.__name__)
    if not callable(waiting):
        QTimer.singleShot(400, lambda: run_next(i + 1))
        return
    started = time.time()

    def poll():
        try:
            ready = waiting()
        except Exception:
            OUT["error"] = "waiting after {}: {}".format(function.__name__, traceback.format_exc())
            finish()
            return
        if ready:
            QTimer.singleShot(600, lambda: run_next(i + 1))
        elif time.time() - started > 150:
            OUT["error"] = "timed out after step " + function.__name__
            finish()
        else:
            QTimer.singleShot(200, poll)

    QTimer.singleShot(200, poll)


U.iface.mainWindow().showMaximized()
'''

EPILOGUE = r'''
QTimer.singleShot(2500, run_next)
'''


def run_journey(body, tmp_path, locale=None, timeout=240):
    """Run the journey ``body`` in QGIS; returns (OUT dict, log). Fails the test on a step's error."""
    from desktop import run_qgis

    os.makedirs(ARTIFACTS, exist_ok=True)
    env = {"WEALTHMAP_ARTIFACTS": ARTIFACTS, "WEALTHMAP_ROOT": ROOT, "WEALTHMAP_TMP": str(tmp_path),
           "WEALTHMAP_SKIP_NOMINATIM": "1"}
    result, log = run_qgis(PRELUDE + body + EPILOGUE, ROOT, locale=locale, timeout=timeout, extra_env=env)
    assert result is not None, "QGIS did not run the journey:\n" + log[-4000:]
    assert "error" not in result, result["error"] + "\n" + log[-2000:]
    for path in result["shots"].values():
        print("screenshot:", path)
    return result, log
