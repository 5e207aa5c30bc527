"""`qgis_process` (the command-line Processing runner) loads the plugin's provider and lists every algorithm.

On Debian, the `qgis_process` wrapper adds `--noversioncheck` from /etc/default/qgis, which qgis_process
3.22 rejects; `qgis_process.bin` is the program itself.
"""

import os
import shutil
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))

QGIS_PROCESS = shutil.which("qgis_process.bin") or shutil.which("qgis_process")
pytestmark = pytest.mark.skipif(QGIS_PROCESS is None, reason="qgis_process is installed by `make setup`")


def test_qgis_process_lists_wealthmap_algorithms(tmp_path, qgis_app):
    from desktop import venv_site_packages
    from qgis_profile import make_profile

    from wealthmap.algorithms.provider import algorithm_classes

    make_profile(str(tmp_path), "default", ROOT)
    env = dict(os.environ, QGIS_CUSTOM_CONFIG_PATH=str(tmp_path), QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=venv_site_packages() or "")
    plugins = subprocess.run([QGIS_PROCESS, "plugins"], env=env, capture_output=True, text=True, timeout=180)
    assert "* wealthmap" in plugins.stdout, plugins.stdout + plugins.stderr
    listing = subprocess.run([QGIS_PROCESS, "list"], env=env, capture_output=True, text=True, timeout=180)
    assert "WealthMap" in listing.stdout, listing.stdout[-2000:] + listing.stderr[-2000:]
    expected = sorted("wealthmap:" + cls().name() for cls in algorithm_classes())
    assert len(expected) >= 9, expected
    listed = sorted(line.split()[0] for line in listing.stdout.splitlines() if line.strip().startswith("wealthmap:"))
    assert listed == expected
