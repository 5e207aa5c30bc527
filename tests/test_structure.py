"""Structural rules: Qt only through qgis.PyQt, no widgets in core/, no pickle in product code."""

import ast
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SKIP = {".venv", ".git", "build", "dist", "demo_output", ".qgis-profile", ".nominatim", "__pycache__"}


def _python_files(folder=ROOT):
    for base, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if d not in SKIP and not d.startswith(".")]
        for name in files:
            if name.endswith(".py"):
                yield os.path.join(base, name)


def _imports(path):
    with open(path, encoding="utf-8") as handle:
        tree = ast.parse(handle.read(), path)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            yield module, node.lineno
            for alias in node.names:
                yield "{}.{}".format(module, alias.name), node.lineno


def test_scanner_sees_files():
    files = list(_python_files())
    assert any(f.endswith(os.path.join("core", "tasks.py")) for f in files)
    assert len(files) > 20


def test_no_direct_pyqt_imports():
    bad = []
    for path in _python_files():
        for name, line in _imports(path):
            if name.split(".")[0] in ("PyQt5", "PyQt6", "PySide2", "PySide6"):
                bad.append("{}:{} imports {}".format(os.path.relpath(path, ROOT), line, name))
    assert not bad, "Import Qt through qgis.PyQt:\n" + "\n".join(bad)


def test_core_has_no_widget_imports():
    bad = []
    for path in _python_files(os.path.join(ROOT, "core")):
        for name, line in _imports(path):
            if name.startswith(("qgis.gui", "qgis.PyQt.QtWidgets", "qgis.utils")) or name.endswith(".ui") \
                    or ".ui." in name or name.startswith("ui."):
                bad.append("{}:{} imports {}".format(os.path.relpath(path, ROOT), line, name))
    assert not bad, "core/ must not import widgets:\n" + "\n".join(bad)


def test_no_pickle_in_product_code():
    bad = []
    for path in _python_files():
        if os.sep + "tests" + os.sep in path:
            continue
        for name, line in _imports(path):
            if name.split(".")[0] in ("pickle", "joblib", "cloudpickle", "dill"):
                bad.append("{}:{} imports {}".format(os.path.relpath(path, ROOT), line, name))
    assert not bad, "\n".join(bad)


def test_no_folder_named_processing():
    assert not os.path.exists(os.path.join(ROOT, "processing"))
