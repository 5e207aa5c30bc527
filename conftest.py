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
