"""Structural rules: Qt only through qgis.PyQt, no widgets in core/, no pickle in product code."""

import ast
import os
import re

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


# --- Qt6 / QGIS 4 readiness (the rules QGIS's scripts/pyqt5_to_pyqt6/pyqt5_to_pyqt6.py applies) ----------
#: The one module allowed to name QVariant types: it picks QMetaType on QGIS >= 3.38, QVariant on 3.22.
QVARIANT_ALLOWED = {os.path.join("core", "fieldtypes.py")}
_ENUM_METATYPES = ("enumtype", "EnumType", "EnumMeta")  # PyQt5/sip, Python's enum (PyQt6, QGIS's scoped enums)


def _qt_names(tree):
    """``{local name: (module, attribute)}`` of what a file imports from qgis.* / qgis.PyQt.*."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "qgis":
            for alias in node.names:
                if alias.name != "*":
                    names[alias.asname or alias.name] = (node.module, alias.name)
    return names


def _is_enum_value(value):
    kind = type(value)
    return not isinstance(value, type) and type(kind).__name__ in _ENUM_METATYPES


def qt6_problems(source, relpath="<snippet>"):
    """What Qt6 refuses in ``source``: unscoped enum values (``Qt.AlignLeft`` instead of
    ``Qt.AlignmentFlag.AlignLeft``), ``exec_()``, ``QVariant`` types, compiled resources."""
    import importlib

    tree = ast.parse(source, relpath)
    imported = _qt_names(tree)
    objects = {}
    for local, (module, attr) in imported.items():
        try:
            objects[local] = getattr(importlib.import_module(module), attr)
        except (ImportError, AttributeError):
            continue
    problems = []
    for node in ast.walk(tree):
        where = "{}:{}".format(relpath, getattr(node, "lineno", 0))
        if isinstance(node, ast.Attribute) and node.attr == "exec_":
            problems.append("{} exec_() (use exec())".format(where))
        elif isinstance(node, ast.FunctionDef) and node.name == "exec_":
            problems.append("{} def exec_ (use exec)".format(where))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            modules = [a.name for a in node.names] + ([node.module] if isinstance(node, ast.ImportFrom) and
                                                       node.module else [])
            if isinstance(node, ast.ImportFrom):
                modules += [a.name for a in node.names]
            if any(m.split(".")[-1] in ("resources_rc", "resources") for m in modules):
                problems.append("{} imports compiled Qt resources (load files by path)".format(where))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and re.match(r":/\w", node.value):
            problems.append("{} Qt resource path {!r} (load files by path)".format(where, node.value[:40]))
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if node.value.id == "QVariant" and relpath not in QVARIANT_ALLOWED and node.attr[:1].isupper():
                problems.append("{} QVariant.{} (use core.fieldtypes)".format(where, node.attr))
                continue
            owner = objects.get(node.value.id)
            if owner is None or not isinstance(owner, type):
                continue
            try:
                value = getattr(owner, node.attr)
            except AttributeError:
                continue
            if _is_enum_value(value):
                problems.append("{} unscoped enum {}.{} (use {}.{}.{})".format(
                    where, node.value.id, node.attr, node.value.id, type(value).__name__, node.attr))
    return problems


def test_qt6_rules_catch_what_qt6_refuses(qgis_app):
    snippet = "\n".join([
        "from qgis.PyQt.QtCore import Qt, QVariant",
        "from qgis.core import QgsWkbTypes",
        "from . import resources_rc",
        "label.setTextInteractionFlags(Qt.TextSelectableByMouse)",
        "band = QgsWkbTypes.PolygonGeometry",
        "dialog.exec_()",
        "field_type = QVariant.Int",
        "icon = ':/plugins/wealthmap/icons/wealthmap.svg'",
        "fine = (Qt.TextInteractionFlag.TextSelectableByMouse, QgsWkbTypes.GeometryType.PolygonGeometry)",
        "dialog.exec()",
    ])
    found = qt6_problems(snippet)
    assert sorted(p.split(" (")[0] for p in found) == [
        "<snippet>:3 imports compiled Qt resources", "<snippet>:4 unscoped enum Qt.TextSelectableByMouse",
        "<snippet>:5 unscoped enum QgsWkbTypes.PolygonGeometry", "<snippet>:6 exec_()", "<snippet>:7 QVariant.Int",
        "<snippet>:8 Qt resource path ':/plugins/wealthmap/icons/wealthmap.svg'"]


def test_plugin_follows_the_qt6_rules(qgis_app):
    problems = []
    for path in _python_files():
        with open(path, encoding="utf-8") as handle:
            problems += qt6_problems(handle.read(), os.path.relpath(path, ROOT))
    assert not problems, "Qt6 / QGIS 4 refuses:\n" + "\n".join(problems)
    assert not [name for name in os.listdir(ROOT) if name in ("resources.py", "resources_rc.py")]


def test_metadata_declares_what_the_matrix_verifies():
    import configparser

    meta = configparser.ConfigParser()
    meta.read(os.path.join(ROOT, "metadata.txt"), encoding="utf-8")
    general = meta["general"]
    assert general["qgisMinimumVersion"] == "3.22" and general["qgisMaximumVersion"] == "4.99"
    assert general["supportsQt6"] == "True"
