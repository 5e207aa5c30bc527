"""Root pytest configuration: register the repository (the plugin package) as ``wealthmap``.

The repository root *is* the plugin package, so tests import ``wealthmap.core...``
exactly as QGIS does after installation. QGIS settings of the test session go to a
temporary profile, never to the user's.
"""

import importlib.util
import os
import sys
import tempfile

ROOT = os.path.dirname(os.path.abspath(__file__))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if "WEALTHMAP_TEST_PROFILE" not in os.environ:
    os.environ["WEALTHMAP_TEST_PROFILE"] = tempfile.mkdtemp(prefix="wealthmap-test-profile-")
os.environ.setdefault("QGIS_CUSTOM_CONFIG_PATH", os.environ["WEALTHMAP_TEST_PROFILE"])

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
