#!/usr/bin/env python3
"""Training benchmark: time and peak memory for 1k, 5k and 20k survey points.

Synthetic Sentinel-2 scene (UTM, 10 m, 6 bands): each survey point sits in its own 24 x 24 px
window whose share of bright "roof" pixels sets the target. Embedding uses a small real ONNX CNN
(1x1 conv, ReLU, global pooling; 8 px chips, 3 x 3 chips per window) so the run stays within
minutes; the bundled EfficientNet-Lite0's own chips/s is measured separately (when the bundle is
present) to extrapolate. Each size runs in a fresh process twice: cold (features computed and
cached) and warm (features read back from the cache), then a third time with two covariate
rasters (night lights in EPSG:4326 at 0.001 deg, averaged; population counts in UTM at 100 m,
summed: ``core/wealth/covariates.py``) on the warm feature cache, so that run's extra time is the
covariates' sampling and the larger evaluation. Prints figures and writes
``bench/results/train.json``.

Usage: ``.venv/bin/python bench/bench_train.py [--sizes 1000 5000 20000] [--no-covariates] [--name train]``
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CHIP, PER_SIDE, GSD = 8, 3, 10.0
WINDOW = CHIP * PER_SIDE


def _register():
    sys.path.insert(0, ROOT)
    import conftest  # noqa: F401 - registers the package as ``wealthmap``


def make_scene(folder, n_points, seed=0):
    import numpy as np
    from osgeo import gdal, osr

    side = int(np.ceil(np.sqrt(n_points)))
    size = side * WINDOW
    rng = np.random.default_rng(seed)
    share = rng.uniform(0, 0.8, side * side)
    cell = np.repeat(np.repeat(share.reshape(side, side), WINDOW, 0), WINDOW, 1)
    roof = rng.random((size, size), dtype=np.float32) < cell
    roof_refl = [0.20, 0.22, 0.24, 0.28, 0.34, 0.30]
    field = [0.03, 0.06, 0.04, 0.38, 0.20, 0.10]
    names = ["B02", "B03", "B04", "B08", "B11", "B12"]
    path = os.path.join(folder, "scene.tif")
    ds = gdal.GetDriverByName("GTiff").Create(path, size, size, 6, gdal.GDT_UInt16, ["TILED=YES"])
    ds.SetGeoTransform((500000.0, GSD, 0, 5000000.0, 0, -GSD))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32633)
    ds.SetProjection(srs.ExportToWkt())
    for j, name in enumerate(names):
        band = ds.GetRasterBand(j + 1)
        band.WriteArray(np.where(roof, roof_refl[j] * 10000, field[j] * 10000).astype(np.uint16) + 1)
        band.SetDescription(name)
        band.SetNoDataValue(0)
    ds = None
    centres = (np.arange(side) + 0.5) * WINDOW * GSD
    xs = 500000.0 + np.tile(centres, side)[:n_points]
    ys = 5000000.0 - np.repeat(centres, side)[:n_points]
    wgs = osr.SpatialReference()
    wgs.ImportFromEPSG(4326)
    wgs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    pts = np.asarray(osr.CoordinateTransformation(srs, wgs).TransformPoints(np.column_stack([xs, ys]).tolist()))
    csv = os.path.join(folder, "survey.csv")
    with open(csv, "w", encoding="utf-8") as handle:
        handle.write("lat,lon,wealth,country,urban\n")
        for i in range(n_points):
            handle.write("{:.7f},{:.7f},{:.5f},c{},{}\n".format(pts[i, 1], pts[i, 0], 2 * share[i] - 0.5, i % 4, i % 2))
    return csv, path


def make_covariates(folder):
    """Two covariate rasters over the scene: ``nightlights`` (EPSG:4326, 0.001 deg) and ``population`` (UTM,
    100 m, counts per pixel)."""
    import numpy as np
    from osgeo import gdal, osr

    scene = gdal.Open(os.path.join(folder, "scene.tif"))
    gt, w, h = scene.GetGeoTransform(), scene.RasterXSize, scene.RasterYSize
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32633)
    rng = np.random.default_rng(5)
    px = 100.0
    nx, ny = int(w * GSD / px) + 4, int(h * GSD / px) + 4
    pop = gdal.GetDriverByName("GTiff").Create(os.path.join(folder, "population.tif"), nx, ny, 1, gdal.GDT_Float32)
    pop.SetGeoTransform((gt[0] - 2 * px, px, 0, gt[3] + 2 * px, 0, -px))
    pop.SetProjection(srs.ExportToWkt())
    pop.GetRasterBand(1).WriteArray(rng.gamma(2.0, 20.0, (ny, nx)).astype(np.float32))
    pop = None
    lights = gdal.Warp(os.path.join(folder, "nightlights.tif"), os.path.join(folder, "population.tif"),
                       dstSRS="EPSG:4326", xRes=0.001, yRes=0.001, resampleAlg="average")
    del lights  # closes the file
    return ["nightlights=" + os.path.join(folder, "nightlights.tif"),
            "population=" + os.path.join(folder, "population.tif")]


def make_bundle(folder):
    import numpy as np
    import onnx
    from onnx import TensorProto, helper, numpy_helper
    from sklearn.ensemble import RandomForestRegressor

    from wealthmap.core.wealth.bundle import write_bundle
    from wealthmap.core.wealth.forest_onnx import forest_to_onnx

    dim = 32
    rng = np.random.default_rng(0)
    graph = helper.make_graph(
        [helper.make_node("Conv", ["image", "w", "b"], ["c"]), helper.make_node("Relu", ["c"], ["r"]),
         helper.make_node("GlobalAveragePool", ["r"], ["p"]), helper.make_node("Flatten", ["p"], ["embedding"])],
        "bench_embedder", [helper.make_tensor_value_info("image", TensorProto.FLOAT, ["N", 3, "H", "W"])],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["N", dim])],
        initializer=[numpy_helper.from_array(rng.normal(size=(dim, 3, 1, 1)).astype(np.float32), "w"),
                     numpy_helper.from_array(rng.normal(scale=0.1, size=dim).astype(np.float32), "b")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    x = rng.normal(size=(20, dim + 6))
    head = forest_to_onnx(RandomForestRegressor(2, random_state=0).fit(x, x[:, 0]), n_inputs=dim + 6)
    manifest = {
        "id": "bench", "name": "bench embedder", "status": "demo", "bands": ["B02", "B03", "B04", "B08", "B11", "B12"],
        "gsd_m": GSD, "chip_px": CHIP, "context_chips": PER_SIDE,
        "normalization": {"rgb_bands": ["B04", "B03", "B02"], "stretch_min": 0.0, "stretch_max": 0.3,
                          "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225]},
        "embedder": {"file": "embedder.onnx", "input": "image", "output": "embedding", "dim": dim},
        "head": {"file": "head.onnx", "input": "features", "outputs": {"mean": "mean", "std": "std"}},
        "features": ["embedding", "ndvi_mean", "ndvi_std", "ndbi_mean", "ndbi_std", "ndwi_mean", "ndwi_std"],
        "output": {"name": "wealth", "units": "index"}, "metrics": {}, "training_data": {}, "licence": "bench",
        "citation": "bench"}
    return write_bundle(os.path.join(folder, "emb"), manifest, {"embedder.onnx": model, "head.onnx": head}).path


def child(folder, run):
    """One training run (in its own process): prints a JSON line with figures."""
    _register()
    from qgis.testing import start_app

    start_app()
    from wealthmap.core.wealth.train_api import train_wealth_model

    covariates = make_covariates(folder) if run == "covariates" else None
    t0 = time.monotonic()
    result = train_wealth_model(os.path.join(folder, "survey.csv"), [os.path.join(folder, "scene.tif")],
                                value_field="wealth", out_dir=os.path.join(folder, "model_" + run),
                                bundle=os.path.join(folder, "emb"), window_m=WINDOW * GSD, chips_per_side=PER_SIDE,
                                block_km=2.0, n_estimators=100, cache_path=os.path.join(folder, "cache.sqlite"),
                                covariates=covariates, covariate_sums=["population"])
    wall = time.monotonic() - t0
    t = result["timings"]
    print("RESULT " + json.dumps({
        "wall_s": round(wall, 2), "features_s": round(t["features_s"], 2), "embed_s": round(t["embed_s"], 2),
        "read_s": round(t["read_s"], 2), "forest_s": round(t["forest_s"], 2),
        "evaluation_s": round(t["evaluation_s"], 2), "cached_points": result["cached_points"],
        "embedded_chips": result["embedded_chips"], "cv_r2": round(result["metrics"]["model"]["r2"], 3),
        "covariates": len(result["metrics"]["ablation"]) - 2 if covariates else 0,
        "covariates_s": round(t.get("covariates_s", 0.0), 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1)}))


def real_embedder_rate():
    """Chips per second of the bundled EfficientNet-Lite0 embedder on 16 chips (None when absent)."""
    _register()
    import numpy as np

    from wealthmap.core.wealth.bundle import DEFAULT_BUNDLE, load_bundle

    if not os.path.exists(os.path.join(DEFAULT_BUNDLE, "manifest.json")):
        return None
    from wealthmap.core.wealth.embed import Embedder

    bundle = load_bundle(DEFAULT_BUNDLE)
    emb = Embedder(bundle)
    chips = np.random.default_rng(0).uniform(0, 0.3, (16, len(bundle.bands), bundle.chip_px, bundle.chip_px))
    emb.embed(chips[:2].astype(np.float32))
    t0 = time.monotonic()
    emb.embed(chips.astype(np.float32))
    return {"chips_per_s": round(16 / (time.monotonic() - t0), 1), "chip_px": bundle.chip_px,
            "context_chips_for_5km": 3}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 5000, 20000])
    parser.add_argument("--child", nargs=2, metavar=("FOLDER", "RUN"))
    parser.add_argument("--no-covariates", action="store_true", help="skip the run with covariate rasters")
    parser.add_argument("--name", default="train", help="results file bench/results/NAME.json")
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    _register()
    from qgis.testing import start_app

    start_app()
    rows = []
    for n in args.sizes:
        with tempfile.TemporaryDirectory(prefix="bench-train-") as folder:
            make_scene(folder, n)
            make_bundle(folder)
            row = {"points": n}
            for run in ("cold", "warm") + (() if args.no_covariates else ("covariates",)):
                out = subprocess.run([sys.executable, os.path.abspath(__file__), "--child", folder, run],
                                     capture_output=True, text=True, check=True, cwd=ROOT)
                line = [ln for ln in out.stdout.splitlines() if ln.startswith("RESULT ")][-1]
                row[run] = json.loads(line[7:])
            c = row["cold"]
            total = c["features_s"] + c["forest_s"] + c["evaluation_s"]
            row["share_cold"] = {"features (read+embed)": round(c["features_s"] / total, 3),
                                 "forest": round(c["forest_s"] / total, 3),
                                 "evaluation (CV + baselines + ablation)": round(c["evaluation_s"] / total, 3)}
            rows.append(row)
            print("{:>6} points: cold {:.1f} s (features {:.1f}, embed {:.1f}, forest {:.1f}, evaluation {:.1f}; "
                  "peak {:.0f} MB; CV r2 {:.3f}) | warm {:.1f} s ({} cached points, {} chips embedded; "
                  "peak {:.0f} MB)".format(
                      n, c["wall_s"], c["features_s"], c["embed_s"], c["forest_s"], c["evaluation_s"],
                      c["peak_rss_mb"], c["cv_r2"], row["warm"]["wall_s"], row["warm"]["cached_points"],
                      row["warm"]["embedded_chips"], row["warm"]["peak_rss_mb"]))
            write_results(rows, name=args.name)
            if "covariates" in row:
                cv_run = row["covariates"]
                print("        with 2 covariates (features cached): {:.1f} s (covariate sampling {:.1f} s, evaluation "
                      "{:.1f} s; peak {:.0f} MB; CV r2 {:.3f})".format(
                          cv_run["wall_s"], cv_run["covariates_s"], cv_run["evaluation_s"], cv_run["peak_rss_mb"],
                          cv_run["cv_r2"]))
    rate = real_embedder_rate()
    if rate:
        print("bundled EfficientNet-Lite0: {} chips/s of {} px -> {:.0f} s per 1,000 points at 9 chips/point "
              "(computed once, then cached)".format(rate["chips_per_s"], rate["chip_px"],
                                                    9000 / rate["chips_per_s"]))
    write_results(rows, rate, args.name)


def write_results(rows, rate=None, name="train"):
    """``bench/results/train.json`` (also after each size: a run stopped early keeps what it measured)."""
    result = {"machine": "{} CPU cores, load average {:.1f} at the end".format(os.cpu_count(), os.getloadavg()[0]),
              "embedder": "tiny ONNX CNN, 8 px chips, 3x3/point",
              "forest": "100 trees, 5-fold blocked CV, ablation with 60 trees, out-of-region test (4 groups)",
              "covariates": "run 'covariates': nightlights (EPSG:4326, 0.001 deg, mean) and population (UTM 100 m, "
                            "sum), on the warm feature cache",
              "runs": rows,
              "bundled_embedder": rate}
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    with open(os.path.join(HERE, "results", name + ".json"), "w", encoding="utf-8") as handle:
        json.dump(result, handle, indent=1)


if __name__ == "__main__":
    main()
