"""Root pytest configuration: register the repository (the plugin package) as ``wealthmap``.

The repository root *is* the plugin package, so tests import ``wealthmap.core...``
exactly as QGIS does after installation. QGIS settings of the test session go to
pytest-qgis's profile in ``.qgis-settings/`` (git-ignored; `make test` starts from a clean
one), never to the user's.
"""

import importlib.util
import os
import sys

import pytest

ROOT = os.path.dirname(os.path.abspath(__file__))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

collect_ignore = ["__init__.py", "plugin.py", "api.py", "core", "ui", "algorithms", "models", "scripts", "bench",
                  "sample_data", "i18n", "icons"]


def _register_package():
    if "wealthmap" in sys.modules:
        return
    spec = importlib.util.spec_from_file_location(
        "wealthmap", os.path.join(ROOT, "__init__.py"), submodule_search_locations=[ROOT]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["wealthmap"] = module
    spec.loader.exec_module(module)


_register_package()

# pytest imports this file as ``<checkout folder>.conftest``: a checkout named like a real package (a worktree
# called "dask") would shadow that package for the whole session
_OWN = os.path.basename(ROOT)
if _OWN != "wealthmap" and getattr(sys.modules.get(_OWN), "__file__", None) == os.path.join(ROOT, "__init__.py"):
    del sys.modules[_OWN]


_FIGURES = []


@pytest.fixture
def report_figure():
    """Record a measured figure; it is printed in the test session's summary (not only with -s)."""
    return _FIGURES.append


def pytest_terminal_summary(terminalreporter):
    if _FIGURES:
        terminalreporter.section("WealthMap figures measured by the tests")
        for line in _FIGURES:
            terminalreporter.write_line(line)


_PROVIDERS = []


@pytest.fixture(scope="module")
def provider(qgis_app):
    """The WealthMap Processing provider, registered (with Processing initialised) for one test module.

    The registry is left as found: the plugin's own tests check that the provider comes and goes.
    """
    from processing.core.Processing import Processing
    from qgis.core import QgsApplication

    from wealthmap.algorithms.provider import WealthMapProvider

    Processing.initialize()
    registry = QgsApplication.processingRegistry()
    found = registry.providerById("wealthmap")
    prov = found or WealthMapProvider()
    if found is None:
        registry.addProvider(prov)
    _PROVIDERS.append(prov)  # the Python object must outlive its registration (its overrides live in it)
    yield prov
    if found is None:
        registry.removeProvider(prov)
    _PROVIDERS.remove(prov)


@pytest.fixture(scope="module")
def processing(provider):
    """``qgis.processing`` with the WealthMap provider registered (``processing.run("wealthmap:...")``)."""
    from qgis import processing as proc

    return proc

