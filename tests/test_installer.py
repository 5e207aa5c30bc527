"""The in-QGIS installer (core/installer.py, the docks' *Install the missing packages...* dialog):
real pip runs with QGIS's own Python (Debian's /usr/bin/python3, without the project's .venv, so scikit-learn,
onnxruntime and onnx are really missing) into a fresh profile from the local wheel folder `make setup` fills
(`scripts/download_wheels.py`, used with --no-index: nothing is downloaded), in a bare Python and in the real
QGIS desktop under Xvfb."""

import json
import os
import shutil
import subprocess
import sys
import sysconfig

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
ABI = "{}-{}".format(sys.implementation.cache_tag, sysconfig.get_platform().replace("-", "_").replace(".", "_"))
WHEELS = os.path.join(ROOT, ".whl", ABI)
SYSTEM_PYTHON = "/usr/bin/python3"
ARTIFACTS = os.path.join(os.environ.get("WEALTHMAP_ARTEFACTS", os.path.join(ROOT, "build", "journeys")), "installer")


def _wheels():
    found = [n for n in os.listdir(WHEELS) if n.endswith(".whl")] if os.path.isdir(WHEELS) else []
    assert any(n.startswith("scikit_learn") for n in found), (
        "The installer's test wheels are missing in {}: `make setup` downloads them "
        "(scripts/download_wheels.py).".format(WHEELS))
    return WHEELS


BARE = r'''
import importlib.util, json, os, sys
ROOT = sys.argv[1]
spec = importlib.util.spec_from_file_location("wealthmap", os.path.join(ROOT, "__init__.py"),
                                              submodule_search_locations=[ROOT])
module = importlib.util.module_from_spec(spec); sys.modules["wealthmap"] = module; spec.loader.exec_module(module)
from qgis.core import QgsApplication
app = QgsApplication([], False); app.initQgis()
from wealthmap.core import deps, installer
from wealthmap.core.errors import WealthMapError
out = {"missing_before": deps.missing(installer.INSTALLABLE), "python": installer.qgis_python()}
import numpy
out["numpy_before"] = [numpy.__version__, numpy.__file__]
try:
    installer.install(wheel_dir=sys.argv[4], profile=sys.argv[2])
except WealthMapError as err:
    out["empty_folder_error"] = str(err)
result = installer.install(wheel_dir=sys.argv[3], profile=sys.argv[2])
out["installed"] = result["installed"]
out["site_dir"] = result["site_dir"]
out["missing_after"] = result["missing"]
import onnx, onnxruntime, sklearn
out["versions"] = [sklearn.__version__, onnxruntime.__version__, onnx.__version__]
out["sklearn_file"] = sklearn.__file__
import numpy
out["numpy_after"] = [numpy.__version__, numpy.__file__]
out["here"] = installer.installed_here(sys.argv[2])
out["second"] = installer.install(wheel_dir=sys.argv[3], profile=sys.argv[2])["installed"]
out["removed"] = installer.uninstall(sys.argv[2])
out["left"] = os.path.exists(installer.base_dir(sys.argv[2]))
print("RESULT" + json.dumps(out))
'''


@pytest.mark.skipif(not os.path.exists(SYSTEM_PYTHON), reason="QGIS's Python (/usr/bin/python3) is needed")
def test_install_into_a_fresh_profile_from_local_wheels(tmp_path):
    wheels = _wheels()
    empty = tmp_path / "no-wheels"
    empty.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    proc = subprocess.run([SYSTEM_PYTHON, "-c", BARE, ROOT, str(tmp_path / "profile"), wheels, str(empty)],
                          capture_output=True, text=True, timeout=600, env=env)
    line = [x for x in proc.stdout.splitlines() if x.startswith("RESULT")]
    assert proc.returncode == 0 and line, proc.stdout[-3000:] + proc.stderr[-3000:]
    out = json.loads(line[0][len("RESULT"):])
    assert out["missing_before"] == ["sklearn", "onnxruntime", "onnx"], out  # really missing for QGIS's Python
    assert os.path.realpath(out["python"]) == os.path.realpath(SYSTEM_PYTHON)
    # an offline folder without the wheels: a clear message, nothing installed
    assert "No suitable package was found" in out["empty_folder_error"], out["empty_folder_error"]
    assert out["installed"] == ["scikit-learn==1.9.1", "onnxruntime==1.32.0", "onnx==1.23.2"]
    assert out["missing_after"] == []
    assert out["versions"] == ["1.9.1", "1.32.0", "1.23.2"]
    assert out["site_dir"].startswith(str(tmp_path / "profile" / "python" / "wealthmap-deps" / ABI))
    assert out["sklearn_file"].startswith(out["site_dir"])
    # numpy is QGIS's own, never replaced or duplicated
    assert out["numpy_after"] == out["numpy_before"] and out["numpy_after"][1].startswith("/usr/lib/python3/")
    names = [name.lower() for name, _ in out["here"]]
    assert "scikit_learn" in names and "numpy" not in names and "scipy" not in names, names
    assert out["second"] == []  # nothing missing any more: nothing to do
    assert out["left"] is False and out["removed"]["restart_needed"]  # removed; loaded modules need a restart


DESKTOP = r'''
import json, os, time, traceback, sys
from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QTimer
import qgis.utils as U

def wait(predicate, seconds):
    end = time.time() + seconds
    while time.time() < end and not predicate():
        QgsApplication.processEvents()
        time.sleep(0.05)
    return predicate()

def go():
    out = {}
    try:
        plugin = U.plugins["wealthmap"]
        plugin.action("wealth").setChecked(True)
        QgsApplication.processEvents()
        dock = plugin.docks["wealth"]
        out["sys_executable"] = sys.executable
        out["label_before"] = dock.deps_label.isVisible()
        out["button_before"] = dock.install_deps_button.isVisible()
        out["button_text"] = dock.install_deps_button.text()
        dock.grab().save(os.path.join(os.environ["WEALTHMAP_ARTIFACTS"], "installer_dock_before.png"))
        dock.install_deps_button.click()
        dialog = dock.deps_dialog
        QgsApplication.processEvents()
        out["dialog_visible"] = dialog.isVisible()
        out["summary"] = dialog.summary.text()
        dialog.offline.setChecked(True)
        dialog.wheels.setFilePath(os.environ["WEALTHMAP_WHEELS"])
        dialog.install_button.click()
        out["started"] = dialog.task is not None
        wait(lambda: dialog.task is None, 400)
        for _ in range(20):
            QgsApplication.processEvents()
        dialog.grab().save(os.path.join(os.environ["WEALTHMAP_ARTIFACTS"], "installer_dialog.png"))
        U.iface.mainWindow().grab().save(os.path.join(os.environ["WEALTHMAP_ARTIFACTS"], "installer_window.png"))
        out["error"] = dialog.last_error
        out["log_tail"] = dialog.log.toPlainText()[-600:]
        out["label_after"] = dock.deps_label.isVisible()
        out["button_after"] = dock.install_deps_button.isVisible()
        out["train_label_after"] = plugin.docks["wealth"].check_dependencies()
        import sklearn, onnxruntime
        out["sklearn"] = sklearn.__file__
        out["onnxruntime"] = onnxruntime.__version__
        out["summary_after"] = dialog.summary.text()
    except Exception:
        out["exception"] = traceback.format_exc()
    with open(os.environ["WEALTHMAP_OUT"], "w") as handle:
        json.dump(out, handle)
    QgsApplication.exit(0)

QTimer.singleShot(1500, go)
'''


@pytest.mark.skipif(not shutil.which("qgis") or not shutil.which("xvfb-run"),
                    reason="QGIS desktop and xvfb-run are installed by `make setup`")
def test_install_from_the_dock_in_the_real_desktop():
    """A user without scikit-learn/onnxruntime (QGIS sees only Debian's packages): the Wealth dock offers
    Install, the dialog installs from a folder of wheels, and the dock is ready without a restart."""
    from desktop import run_qgis

    os.makedirs(ARTIFACTS, exist_ok=True)
    result, log = run_qgis(DESKTOP, ROOT, venv=False, timeout=600,
                           extra_env={"WEALTHMAP_WHEELS": _wheels(), "WEALTHMAP_ARTIFACTS": ARTIFACTS})
    assert result is not None, log[-3000:]
    assert "exception" not in result, result["exception"]
    assert result["label_before"] is True and result["button_before"] is True, result
    assert result["dialog_visible"] is True and "scikit-learn" in result["summary"], result
    assert result["started"] is True
    assert result["error"] is None, result
    assert "no restart needed" in result["log_tail"], result["log_tail"]
    assert result["label_after"] is False and result["button_after"] is False, result
    assert result["train_label_after"] is True
    assert "/python/wealthmap-deps/" in result["sklearn"], result["sklearn"]
    assert result["onnxruntime"] == "1.32.0"
    assert "Every package WealthMap needs is installed" in result["summary_after"]
