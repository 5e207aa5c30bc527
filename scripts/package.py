#!/usr/bin/env python3
"""Build the installable plugin zip: ``dist/wealthmap-<version>.zip`` with one folder ``wealthmap/``.

Includes the plugin code, icons, model bundles, the compiled translations (``.qm``: run
``make i18n`` first, as ``make package`` does) and the licence; leaves out tests, build and
development files. Install it with Plugins > Manage and Install Plugins > Install from ZIP.
"""

import argparse
import configparser
import fnmatch
import os
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INCLUDE_FILES = ["metadata.txt", "__init__.py", "plugin.py", "api.py", "LICENSE", "README.md", "resources.qrc",
                 "requirements/runtime.txt"]  # the installer's pins
INCLUDE_DIRS = ["core", "ui", "algorithms", "icons", "models", "i18n"]
EXCLUDE = ["*/__pycache__/*", "*.pyc", "*.ts", "*/ko/*.tsv", "models/*.py", "models/*/__pycache__/*", "*.tmp",
           "*~", "*.orig"]


def version():
    meta = configparser.ConfigParser()
    meta.read(os.path.join(ROOT, "metadata.txt"), encoding="utf-8")
    return meta["general"]["version"]


def files():
    for name in INCLUDE_FILES:
        yield name
    for folder in INCLUDE_DIRS:
        for base, dirs, names in os.walk(os.path.join(ROOT, folder)):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(names):
                rel = os.path.relpath(os.path.join(base, name), ROOT)
                if not any(fnmatch.fnmatch(rel, pattern) for pattern in EXCLUDE):
                    yield rel


def build(out_dir):
    qm = os.path.join(ROOT, "i18n", "wealthmap_ko.qm")
    if not os.path.exists(qm):
        sys.exit("i18n/wealthmap_ko.qm is missing: run `make i18n` (or `make package`).")
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, "wealthmap-{}.zip".format(version()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for rel in files():
            archive.write(os.path.join(ROOT, rel), os.path.join("wealthmap", rel))
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=os.path.join(ROOT, "dist"))
    args = parser.parse_args()
    path = build(args.out)
    print("wrote {} ({} KiB)".format(path, os.path.getsize(path) // 1024))


if __name__ == "__main__":
    main()
