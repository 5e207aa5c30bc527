#!/usr/bin/env python3
"""Screenshots of WealthMap in the real QGIS desktop (under Xvfb), for the README and for checking
what a user sees. Loads the sample data, opens each dock in turn and saves the main window.

  .venv/bin/python scripts/screenshot.py --out docs/screenshots [--locale ko] [--docks geocode thematic wealth]
    [--layers sample_data/a.gpkg ...] [--setup FILE]   (FILE: Python run inside QGIS before the shots)

Writes <out>/<dock>[_<locale>].png and <out>/docks[_<locale>].png (the wealth dock over the raster).
"""

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from desktop import run_qgis  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SCRIPT = r'''
import json, os, traceback
from qgis.core import QgsApplication, QgsProject, QgsRasterLayer, QgsVectorLayer
from qgis.PyQt.QtCore import QTimer
import qgis.utils as U

CONF = json.loads(%(conf)r)
out = {"shots": []}
queue = []

def finish():
    with open(os.environ["WEALTHMAP_OUT"], "w") as handle:
        json.dump(out, handle)
    QgsApplication.exit(0)

def setup():
    try:
        for path in CONF["layers"]:
            name = os.path.splitext(os.path.basename(path))[0]
            if path.lower().endswith((".tif", ".tiff", ".vrt", ".jp2")):
                layer = QgsRasterLayer(path, name)
            else:
                layer = QgsVectorLayer(path, name, "ogr")
            if layer.isValid():
                QgsProject.instance().addMapLayer(layer)
        if CONF["layers"]:
            canvas = U.iface.mapCanvas()
            canvas.setExtent(canvas.fullExtent())
            canvas.refresh()
        if CONF.get("setup"):
            exec(compile(open(CONF["setup"]).read(), CONF["setup"], "exec"), {"iface": U.iface})
        U.iface.mainWindow().showMaximized()
        plugin = U.plugins["wealthmap"]
        for key in CONF["docks"]:
            queue.append((key, os.path.join(CONF["out"], "{}{}.png".format(key, CONF["suffix"]))))
        queue.append((CONF["main"], os.path.join(CONF["out"], "docks{}.png".format(CONF["suffix"]))))
        QTimer.singleShot(1500, lambda: shoot(plugin))
    except Exception:
        out["error"] = traceback.format_exc()
        finish()

def shoot(plugin):
    if not queue:
        finish()
        return
    key, path = queue.pop(0)
    try:
        for other, dock in plugin.docks.items():
            if other != key:
                dock.hide()
        plugin.action(key).setChecked(True)
        plugin.docks[key].raise_()
        def grab():
            U.iface.mapCanvas().waitWhileRendering()
            U.iface.mainWindow().grab().save(path)
            out["shots"].append(path)
            shoot(plugin)
        QTimer.singleShot(2500, grab)
    except Exception:
        out["error"] = traceback.format_exc()
        finish()

QTimer.singleShot(2000, setup)
'''


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=os.path.join(ROOT, "docs", "screenshots"))
    parser.add_argument("--locale")
    parser.add_argument("--docks", nargs="*", default=["geocode", "thematic", "wealth"])
    parser.add_argument("--main", default="wealth", help="the dock shown in docks.png")
    parser.add_argument("--layers", nargs="*", default=[os.path.join(ROOT, "sample_data", "sentinel2_berlin.tif")])
    parser.add_argument("--setup", help="a Python file run inside QGIS before the shots (gets `iface`)")
    args = parser.parse_args()
    out = os.path.abspath(args.out)
    os.makedirs(out, exist_ok=True)
    conf = {
        "out": out,
        "docks": args.docks,
        "main": args.main,
        "layers": [os.path.abspath(p) for p in args.layers],
        "suffix": "_" + args.locale if args.locale else "",
        "setup": os.path.abspath(args.setup) if args.setup else None,
    }
    result, log = run_qgis(SCRIPT % {"conf": json.dumps(conf)}, ROOT, locale=args.locale, timeout=300)
    if not result or result.get("error"):
        print(log[-4000:])
        sys.exit("screenshot failed: {}".format(result and result.get("error")))
    for path in result["shots"]:
        print("wrote", path)


if __name__ == "__main__":
    main()
