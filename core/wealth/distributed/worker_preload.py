"""Dask worker preload: makes ``wealthmap`` importable and starts QGIS headless once, in the worker's main thread.

Start the scheduler and the workers with it (see docs/distributed.md; the scheduler reads the tasks, which
name WealthMap's functions, so it must import ``wealthmap`` too; it does not start QGIS)::

    dask scheduler --preload /path/to/wealthmap/core/wealth/distributed/worker_preload.py
    dask worker tcp://scheduler:8786 --nworkers 2 --nthreads 1 \\
        --preload /path/to/wealthmap/core/wealth/distributed/worker_preload.py

Dask copies a preload file into the worker's scratch folder before loading it, so the plugin folder is found
from ``WEALTHMAP_PLUGIN_DIR`` (set it on the worker machines; the ``"local"`` scheduler sets it), else the
file's own place, else the default QGIS profile's plugin folder; it is registered as the package
``wealthmap`` the way QGIS does, unless a ``wealthmap`` is importable already. No Qt event loop runs in a
worker: the partitions use no QgsTask and no Qt networking. ``WEALTHMAP_WORKER_PROFILE``: a QGIS profile
folder for the workers (default: QGIS's own).
"""

import importlib.util
import os
import sys

_STATE = {}


def plugin_dir():
    here = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    candidates = [os.environ.get("WEALTHMAP_PLUGIN_DIR", ""), here,
                  os.path.expanduser("~/.local/share/QGIS/QGIS3/profiles/default/python/plugins/wealthmap")]
    for folder in candidates:
        if folder and os.path.isfile(os.path.join(folder, "__init__.py")) \
                and os.path.isfile(os.path.join(folder, "metadata.txt")):
            return folder
    raise ImportError("WealthMap's plugin folder was not found (looked at: {}); set WEALTHMAP_PLUGIN_DIR on the "
                      "worker".format(", ".join(c for c in candidates if c)))


def register_package():
    if "wealthmap" in sys.modules:
        return
    try:
        import wealthmap  # noqa: F401 - installed as a plugin on the worker's Python path
        return
    except ImportError:
        pass
    root = plugin_dir()
    spec = importlib.util.spec_from_file_location("wealthmap", os.path.join(root, "__init__.py"),
                                                  submodule_search_locations=[root])
    module = importlib.util.module_from_spec(spec)
    sys.modules["wealthmap"] = module
    spec.loader.exec_module(module)


def start_qgis():
    """``QgsApplication`` without GUI, initialised once per process (kept for the process's lifetime)."""
    from qgis.core import QgsApplication

    if QgsApplication.instance() is not None or "app" in _STATE:
        return
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    profile = os.environ.get("WEALTHMAP_WORKER_PROFILE")
    app = QgsApplication([], False, profile) if profile else QgsApplication([], False)
    app.initQgis()
    _STATE["app"] = app


def dask_setup(server=None):
    """Worker: ``wealthmap`` importable and QGIS started; scheduler (which unpickles the tasks): importable only."""
    register_package()
    if server is None or type(server).__name__ != "Scheduler":
        start_qgis()


register_package()
