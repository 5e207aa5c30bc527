#!/usr/bin/env python3
"""`make demo`: run the three jobs headless on `sample_data/` and write their outputs to `demo_output/`.

Each job contributes `scripts/demo_<job>.py` with `run(out_dir)`, returning the paths of the layers (and
other files) it wrote. This script runs them in one QGIS application, then saves every layer into
`demo_output/wealthmap_demo.qgz` (with a `.qml` style beside a layer applied to it).
"""

import argparse
import glob
import importlib.util
import os
import sys
import time
import traceback

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ORDER = ["geocode", "thematic", "wealth", "train"]


def start_qgis():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, os.path.dirname(ROOT))
    from qgis.core import QgsApplication

    if QgsApplication.instance() is None:
        from qgis.testing import start_app

        start_app()
    # the plugin package under its installed name
    if "wealthmap" not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            "wealthmap", os.path.join(ROOT, "__init__.py"), submodule_search_locations=[ROOT]
        )
        module = importlib.util.module_from_spec(spec)
        sys.modules["wealthmap"] = module
        spec.loader.exec_module(module)


def demo_modules():
    found = {os.path.basename(p)[5:-3]: p for p in glob.glob(os.path.join(ROOT, "scripts", "demo_*.py"))}
    return [(name, found[name]) for name in sorted(found, key=lambda n: (ORDER.index(n) if n in ORDER else 99, n))]


def load_module(name, path):
    spec = importlib.util.spec_from_file_location("wealthmap_demo_" + name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def save_project(paths, out_dir):
    from qgis.core import QgsProject, QgsRasterLayer, QgsVectorLayer

    project = QgsProject.instance()
    project.clear()
    for path in [os.path.join(ROOT, "sample_data", "sentinel2_berlin.tif")] + list(paths):
        if not isinstance(path, str) or not os.path.exists(path.split("|")[0]):
            continue
        base = path.split("|")[0]
        name = os.path.splitext(os.path.basename(base))[0]
        if base.lower().endswith((".tif", ".tiff")):
            layer = QgsRasterLayer(path, name)
        elif base.lower().endswith((".gpkg", ".shp", ".geojson", ".csv")):
            layer = QgsVectorLayer(path, name, "ogr")
        else:
            continue
        if not layer.isValid() or (isinstance(layer, QgsVectorLayer) and not layer.isSpatial()):
            continue
        qml = os.path.splitext(base)[0] + ".qml"
        if os.path.exists(qml):
            layer.loadNamedStyle(qml)
        else:
            layer.loadDefaultStyle()  # a style saved in the GeoPackage
        project.addMapLayer(layer)
    target = os.path.join(out_dir, "wealthmap_demo.qgz")
    if not project.write(target):
        raise RuntimeError("could not write " + target)
    return target


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=os.path.join(ROOT, "demo_output"))
    parser.add_argument("--only", nargs="*", help="run only these jobs")
    args = parser.parse_args()
    out_dir = os.path.abspath(args.out)
    os.makedirs(out_dir, exist_ok=True)
    start_qgis()
    outputs, failed = [], []
    for name, path in demo_modules():
        if args.only and name not in args.only:
            continue
        started = time.monotonic()
        print("== demo: {}".format(name), flush=True)
        try:
            module = load_module(name, path)
            job_dir = os.path.join(out_dir, name)
            returned = module.run(job_dir)
            produced = returned if isinstance(returned, (list, tuple)) else []
            # every layer the job wrote goes into the project, whatever run() returned
            found = glob.glob(os.path.join(job_dir, "*.gpkg")) + glob.glob(os.path.join(job_dir, "*.tif"))
            produced = sorted(set(produced) | set(found))
            outputs.extend(p for p in produced if p.endswith((".gpkg", ".tif")))
            for item in produced:
                print("   wrote", item)
            print("   ok in {:.1f} s".format(time.monotonic() - started), flush=True)
        except Exception:  # noqa: BLE001 - report every job, then fail
            traceback.print_exc()
            failed.append(name)
    project = save_project(outputs, out_dir)
    print("project:", project)
    if failed:
        sys.exit("demo failed for: " + ", ".join(failed))


if __name__ == "__main__":
    main()
