"""Optional Python dependencies: check them and explain how to install a missing one.

The plugin never shows a traceback for a missing package: the dock that needs it shows
the message from :func:`missing_message`, and Processing/console calls raise a
:class:`WealthMapError` with the same text.
"""

import importlib
import sys

from .errors import WealthMapError
from .i18n import tr, tr_noop

# import name -> (pip name, what it is needed for)
PACKAGES = {
    "numpy": ("numpy", tr_noop("all computations")),
    "sklearn": ("scikit-learn", tr_noop("training wealth models and statistics")),
    "onnxruntime": ("onnxruntime", tr_noop("wealth prediction (running the ONNX models)")),
    "onnx": ("onnx", tr_noop("wealth prediction and training (building the ONNX graphs)")),
    "requests": ("requests", tr_noop("web geocoding providers")),
    "osgeo.gdal": ("GDAL", tr_noop("reading rasters")),
}

# Optional packages, never reported missing for a job that does not ask for them (and not installed by the
# dock's "Install the missing packages" button): Dask for runs beyond one process (requirements/distributed.txt).
OPTIONAL = {
    "dask": ("dask==2026.8.0", tr_noop("runs on several processes or machines (Dask)")),
    "distributed": ("distributed==2026.8.0", tr_noop("runs on several processes or machines (Dask)")),
}

# What each job needs.
NEEDS = {
    "geocode": ["requests"],
    "thematic": ["numpy"],
    "wealth": ["numpy", "onnxruntime", "onnx", "osgeo.gdal"],
    "train": ["numpy", "sklearn", "onnxruntime", "onnx", "osgeo.gdal"],
    "distributed": ["dask", "distributed"],  # asked for only by a run with scheduler="local" or an address
}


def is_available(module):
    try:
        importlib.import_module(module)
    except Exception:  # noqa: BLE001 - ImportError or a broken binary module
        return False
    return True


def missing(modules):
    """The subset of ``modules`` that cannot be imported."""
    return [m for m in modules if not is_available(m)]


def python_command():
    """How a user runs pip for the Python that QGIS uses."""
    if sys.platform.startswith("win"):
        return "python -m pip"  # in the OSGeo4W shell
    if sys.platform == "darwin":
        return "/Applications/QGIS.app/Contents/MacOS/bin/python3 -m pip"
    return "python3 -m pip"


def install_command(modules):
    """The command that installs ``modules`` without touching the numpy that QGIS's GDAL needs."""
    names = " ".join(_known(m)[0] for m in modules if m not in ("osgeo.gdal", "numpy"))
    prefix = ""
    if "osgeo.gdal" in modules or "numpy" in modules:
        prefix = "apt install python3-gdal python3-numpy; " if sys.platform.startswith("linux") else ""
    if not names:
        return prefix.rstrip("; ")
    pin = ""
    try:
        import numpy

        pin = "numpy=={} ".format(numpy.__version__)  # keeps pip from upgrading numpy
    except ImportError:
        pass
    extra = " --break-system-packages" if sys.platform.startswith("linux") else ""
    return "{}{} install --user{} {}{}".format(prefix, python_command(), extra, pin, names)


def _known(module, job=""):
    return PACKAGES.get(module) or OPTIONAL.get(module) or (module, job)


def missing_message(job):
    """A user-facing message for the packages ``job`` needs that are missing (or ``None``)."""
    absent = missing(NEEDS[job])
    if not absent:
        return None
    what = ", ".join("{} ({})".format(_known(m, job)[0], tr(_known(m, job)[1])) for m in absent)
    return tr(
        "WealthMap needs Python packages that are not installed: {0}. "
        "Install them for the Python that QGIS uses, then restart QGIS: {1}"
    ).format(what, install_command(absent))


def require(job):
    """Raise a :class:`WealthMapError` when a package that ``job`` needs is missing."""
    message = missing_message(job)
    if message:
        raise WealthMapError(message)
