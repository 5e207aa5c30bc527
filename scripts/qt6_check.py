"""Run QGIS's own Qt6 migration checker over the plugin (it reports what PyQt6 / QGIS 4 refuse).

    python3 scripts/qt6_check.py CHECKER [--enums-from MODULES] [--apply]

CHECKER is ``scripts/pyqt5_to_pyqt6/pyqt5_to_pyqt6.py`` of the qgis/QGIS repository (not shipped here:
fetch it), with ``tokenize-rt`` importable and its enum table ``enums.json`` beside it. Without that
table, ``--enums-from qgis.core,qgis.gui,qgis.analysis`` (in a QGIS Python) or
``--enums-from PyQt6.QtCore,PyQt6.QtGui,PyQt6.QtWidgets`` (in a Python with PyQt6) builds or extends it
with the checker's own ``get_class_enums``. The checker is run in this process on a copy of the plugin's
Python files (build/qt6src) with the classes of qgis.core/gui/analysis and qgis.PyQt in its namespace (it
evaluates ``Class.Enum.value`` to check a fix); ``--apply`` copies its fixes back. Exit status 0: nothing
reported.
"""

import argparse
import importlib
import importlib.util
import json
import os
import shutil
import sys
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SKIP = {"build", "dist", "demo_output", "__pycache__"}
NAMESPACES = ("qgis.core", "qgis.gui", "qgis.analysis", "qgis.PyQt.QtCore", "qgis.PyQt.QtGui", "qgis.PyQt.QtWidgets",
              "qgis.PyQt.QtXml", "qgis.PyQt.QtNetwork", "qgis.PyQt.QtSvg", "qgis.PyQt.QtPrintSupport")


def _load(path):
    spec = importlib.util.spec_from_file_location("pyqt5_to_pyqt6", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _extend_table(checker, table, modules):
    qt_enums, ambiguous = {}, defaultdict(set)
    if os.path.exists(table):
        with open(table, encoding="utf-8") as handle:
            data = json.load(handle)
        qt_enums = {tuple(k.split(":")): v for k, v in data["qt_enums"].items()}
        for key, values in data["ambiguous_enums"].items():
            ambiguous[tuple(key.split(":"))] = set(values)
    for name in modules:
        for value in list(vars(importlib.import_module(name)).values()):
            checker.get_class_enums(value, qt_enums, ambiguous)
    with open(table, "w", encoding="utf-8") as handle:
        json.dump({"qt_enums": {":".join(k): v for k, v in qt_enums.items()},
                   "ambiguous_enums": {":".join(k): sorted(v) for k, v in ambiguous.items()}}, handle)
    print("{}: {} enums, {} ambiguous".format(table, len(qt_enums), len(ambiguous)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("checker")
    parser.add_argument("--enums-from", default="")
    parser.add_argument("--apply", action="store_true")
    args = parser.parse_args()
    checker = _load(os.path.abspath(args.checker))
    if args.enums_from:
        _extend_table(checker, os.path.join(os.path.dirname(os.path.abspath(args.checker)), "enums.json"),
                      args.enums_from.split(","))
        return 0
    for name in NAMESPACES:
        try:
            vars(checker).update({k: v for k, v in vars(importlib.import_module(name)).items()
                                  if not k.startswith("_")})
        except ImportError:
            pass
    copy = os.path.join(ROOT, "build", "qt6src")
    shutil.rmtree(copy, ignore_errors=True)
    files = []
    for base, dirs, names in os.walk(ROOT):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIP)
        files += [os.path.relpath(os.path.join(base, n), ROOT) for n in sorted(names) if n.endswith(".py")]
    for name in files:
        os.makedirs(os.path.dirname(os.path.join(copy, name)), exist_ok=True)
        shutil.copyfile(os.path.join(ROOT, name), os.path.join(copy, name))
    status = checker.main([copy] + (["--in-place"] if args.apply else []))
    if args.apply:
        for name in files:
            fixed = os.path.join(copy, name)
            with open(fixed, encoding="utf-8") as a, open(os.path.join(ROOT, name), encoding="utf-8") as b:
                if a.read() != b.read():
                    shutil.copyfile(fixed, os.path.join(ROOT, name))
                    print("fixed", name)
    print("{} Python files checked: {}".format(len(files), "changes proposed" if status else "nothing reported"))
    return 1 if status else 0


if __name__ == "__main__":
    sys.exit(main())
