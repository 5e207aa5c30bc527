"""Thematic benchmarks: join 100k rows to 100k polygons, classify 1M values with every method,
style + render 3,500 polygons, and natural breaks (time, GVF) vs QgsClassificationJenks and mapclassify.

Run: ``.venv/bin/python bench/bench_thematic.py``; figures are printed and written to
``bench/results/thematic.json``. Targets (issue 4): join 100k < 5 s, every method on 1M
values < 1 s, Jenks GVF never below QGIS's.
"""

import json
import os
import platform
import sys
import tempfile
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
from qgis.testing import start_app  # noqa: E402

import conftest  # noqa: E402,F401 - registers the package as ``wealthmap``

APP = start_app()

from qgis.core import (  # noqa: E402
    QgsClassificationJenks,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402

from wealthmap.core.thematic import api  # noqa: E402
from wealthmap.core.thematic.classify import METHODS, classify, gvf  # noqa: E402


def grid_gpkg(path, n, cell=100.0):
    from osgeo import ogr, osr

    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(5186)
    layer = ds.CreateLayer("grid", srs, ogr.wkbPolygon)
    layer.CreateField(ogr.FieldDefn("code", ogr.OFTInteger))
    defn = layer.GetLayerDefn()
    side = int(np.ceil(np.sqrt(n)))
    layer.StartTransaction()
    for i in range(n):
        x, y = 190000 + (i % side) * cell, 540000 + (i // side) * cell
        feature = ogr.Feature(defn)
        feature.SetField("code", 100000 + i)
        feature.SetGeometry(ogr.CreateGeometryFromWkt(
            "POLYGON(({0} {1},{2} {1},{2} {3},{0} {3},{0} {1}))".format(x, y, x + cell, y + cell)))
        layer.CreateFeature(feature)
    layer.CommitTransaction()
    ds = None
    return QgsVectorLayer(path, "grid", "ogr")


def bench_join(tmp, n=100_000):
    layer = grid_gpkg(os.path.join(tmp, "grid.gpkg"), n)
    rng = np.random.default_rng(1)
    csv = os.path.join(tmp, "stats.csv")
    pops = rng.lognormal(9, 1, n).astype(int)
    with open(csv, "w", encoding="cp949") as handle:
        handle.write("code,name,population,rate\n")
        for i in range(n):
            handle.write('{:07d},구{},"{:,}",{:.2f}\n'.format(100000 + i, i, pops[i], rng.random() * 100))
    out = {}
    for output in (None, os.path.join(tmp, "joined.gpkg")):
        started = time.perf_counter()
        result = api.join_table(layer, csv, "code", "code", output=output)
        elapsed = time.perf_counter() - started
        assert result.report["matched_features"] == n
        out["memory" if output is None else "gpkg"] = round(elapsed, 3)
        print("join {:,} rows to {:,} polygons -> {}: {:.2f} s".format(n, n, "memory" if output is None else "gpkg",
                                                                     elapsed))
    return out


def bench_classify(n=1_000_000):
    values = np.random.default_rng(2).lognormal(10, 1.2, n)
    out = {}
    for method in METHODS:
        kwargs = {"breaks": [1e4, 5e4, 2e5]} if method == "manual" else {}
        started = time.perf_counter()
        result = classify(values, method, 5, **kwargs)
        out[method] = {"seconds": round(time.perf_counter() - started, 3), "gvf": round(result.gvf, 4)}
        print("classify {:,} values, {:<10}: {:.3f} s  GVF {:.4f}".format(n, method, out[method]["seconds"],
                                                                          result.gvf))
    return out


def bench_render(tmp, n=3500):
    layer = grid_gpkg(os.path.join(tmp, "render.gpkg"), n, cell=500.0)
    joined = api.join_table(layer, _small_table(tmp, n), "code", "code").layer
    started = time.perf_counter()
    api.choropleth(joined, "population", "jenks", 7, ramp="YlGnBu")
    styled = time.perf_counter() - started
    settings = QgsMapSettings()
    settings.setLayers([joined])
    settings.setDestinationCrs(joined.crs())
    settings.setExtent(joined.extent())
    settings.setOutputSize(QSize(1600, 1600))
    settings.setBackgroundColor(QColor(255, 255, 255))
    started = time.perf_counter()
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    rendered = time.perf_counter() - started
    image = job.renderedImage()
    colours = [QColor(image.pixel(x, y)).name() for x in range(0, 1600, 16) for y in range(0, 1600, 16)]
    painted = sum(c != "#ffffff" for c in colours) / len(colours)
    assert painted > 0.5, "the map was not drawn"
    print("style {:,} polygons: {:.3f} s, render 1600x1600: {:.3f} s ({:.0%} of the image painted, {} colours)"
          .format(n, styled, rendered, painted, len(set(colours))))
    return {"polygons": n, "style_s": round(styled, 3), "render_s": round(rendered, 3),
            "painted_fraction": round(painted, 3)}


def _small_table(tmp, n):
    path = os.path.join(tmp, "small.csv")
    rng = np.random.default_rng(3)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("code,population\n")
        for i in range(n):
            handle.write("{},{}\n".format(100000 + i, int(rng.lognormal(9, 1))))
    return path


def _gvf(values, bins):
    return gvf(values, np.minimum(np.searchsorted(bins, values, side="left"), len(bins) - 1))


def bench_jenks():
    import mapclassify

    rng = np.random.default_rng(4)
    datasets = {
        "lognormal": lambda n: rng.lognormal(10, 1.2, n),
        "pareto": lambda n: (rng.pareto(1.5, n) + 1) * 1000,
        "bimodal": lambda n: np.concatenate([rng.normal(20, 5, n // 2), rng.normal(80, 10, n - n // 2)]),
    }
    out = []
    for name, make in datasets.items():
        # QgsClassificationJenks takes ~100 s on 1M values here: 1M only for the log-normal data
        for n in (1_000, 100_000, 1_000_000) if name == "lognormal" else (1_000, 100_000):
            values = make(n)
            row = {"data": name, "n": n, "k": 5}
            started = time.perf_counter()
            ours = classify(values, "jenks", 5)
            row["wealthmap_s"] = round(time.perf_counter() - started, 3)
            row["wealthmap_gvf"] = round(ours.gvf, 5)
            qgis = QgsClassificationJenks()
            started = time.perf_counter()
            ranges = qgis.classes(values.tolist(), 5)
            row["qgis_s"] = round(time.perf_counter() - started, 3)
            row["qgis_gvf"] = round(_gvf(values, np.array([r.upperBound() for r in ranges])), 5)
            # mapclassify without numba is pure Python: exact on 1,000 values, sampled (1,000) above
            started = time.perf_counter()
            if n <= 1000:
                mc = mapclassify.FisherJenks(values, 5)
            else:
                mc = mapclassify.FisherJenksSampled(values, 5, pct=1000 / n, truncate=False)
            row["mapclassify_s"] = round(time.perf_counter() - started, 3)
            row["mapclassify_gvf"] = round(_gvf(values, np.asarray(mc.bins)), 5)
            out.append(row)
            print("jenks {data:<9} n={n:>9,}: wealthmap {wealthmap_s:.3f} s GVF {wealthmap_gvf:.5f} | QGIS "
                  "{qgis_s:.3f} s GVF {qgis_gvf:.5f} | mapclassify {mapclassify_s:.3f} s GVF "
                  "{mapclassify_gvf:.5f}".format(**row))
    return out


def main():
    import warnings

    warnings.filterwarnings("ignore", message="Numba not installed")
    results = {"machine": platform.platform(), "cpus": os.cpu_count(), "python": platform.python_version()}
    with tempfile.TemporaryDirectory() as tmp:
        results["join_100k_s"] = bench_join(tmp)
        results["classify_1m"] = bench_classify()
        results["style_render_3500"] = bench_render(tmp)
    results["jenks_vs_qgis_mapclassify"] = bench_jenks()
    results["targets"] = {
        "join_100k_under_5s": results["join_100k_s"]["memory"] < 5,
        "every_method_1m_under_1s": all(v["seconds"] < 1 for v in results["classify_1m"].values()),
        "jenks_gvf_never_below_qgis": all(r["wealthmap_gvf"] >= r["qgis_gvf"] - 1e-9
                                          for r in results["jenks_vs_qgis_mapclassify"]),
    }
    print("targets:", results["targets"])
    os.makedirs(os.path.join(ROOT, "bench", "results"), exist_ok=True)
    path = os.path.join(ROOT, "bench", "results", "thematic.json")
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(results, handle, indent=2)
    print("wrote", path)


if __name__ == "__main__":
    main()
