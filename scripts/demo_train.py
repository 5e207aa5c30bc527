#!/usr/bin/env python3
"""Training demo: train a head on the synthetic sample survey over the sample Sentinel-2 raster.

``sample_data/train_survey_berlin.csv`` (made by ``scripts/make_sample_train.py``) holds one point
per 640 m chip of the sample scene; its value ``synthetic_index`` is a transparent function of the
imagery (the built-up share over the point's 3 x 3-chip context, plus documented noise): a
**synthetic value, not a wealth measure**.

The sample scene is only 6 x 3 chips of the bundled embedder's 2.56 km, i.e. 18 distinct chips:
too few to train and cross-validate anything. The demo therefore trains with a variant of the
bundled demo bundle whose chips are 64 px (640 m) wide: the same EfficientNet-Lite0 int8 file with
its input height/width declared free (the network ends in a global average pool, so it runs on
64 px chips; it was calibrated on 256 px chips), written to ``out_dir/base_64px``. The scene then
holds 24 x 12 = 288 chips. Features are those of training and prediction (3 x 3-chip context =
1.92 km), blocked 5-fold CV on 4 km blocks, 100 trees; the bundle with ``report.html`` /
``report.json`` lands in ``out_dir/train_model`` (it predicts on 640 m chips).

Usage: ``.venv/bin/python scripts/demo_train.py --out /tmp/demo``
"""

import argparse
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHIP_PX = 64
CONTEXT = 3
BLOCK_KM = 4.0


def make_base_bundle(folder, chip_px=CHIP_PX):
    """A copy of the bundled demo bundle with ``chip_px`` chips: the int8 embedder with free input
    height/width (new file, new sha256), status ``demo``. Only its embedder is used (for training)."""
    import onnx

    from wealthmap.core.wealth.bundle import DEFAULT_BUNDLE, load_bundle, write_bundle

    demo = load_bundle(DEFAULT_BUNDLE)
    model = onnx.load(demo.embedder_path)
    dims = model.graph.input[0].type.tensor_type.shape.dim
    dims[2].dim_param, dims[3].dim_param = "H", "W"
    del model.graph.value_info[:]  # shapes inferred for 256 px no longer hold
    manifest = dict(demo.manifest)
    manifest.pop("files", None)
    manifest.update({
        "id": "wealthmap-demo-embedder-{}px".format(chip_px),
        "name": "WealthMap demo embedder on {} px chips".format(chip_px),
        "description": "The bundled EfficientNet-Lite0 (int8) on {} px ({:g} m) chips, for the training demo on "
                       "the small sample scene; its head is the bundled demo head (trained on 256 px chips) and "
                       "is not meant for prediction. demonstration model, not a wealth estimate.".format(
                           chip_px, chip_px * demo.gsd_m),
        "chip_px": chip_px,
        "context_chips": 1,
        "embedder": dict(demo.manifest["embedder"], file="embedder_int8_free_hw.onnx", input_shape=["N", 3, "H", "W"],
                         alternatives={}),
    })
    return write_bundle(folder, manifest, {"embedder_int8_free_hw.onnx": model, "head.onnx": demo.head_path})


def run(out_dir):
    sys.path.insert(0, ROOT)
    from qgis.core import QgsApplication

    import conftest  # noqa: F401 - registers the repository as the ``wealthmap`` package

    if QgsApplication.instance() is None:
        from qgis.testing import start_app

        start_app()
    from wealthmap.core.wealth.train_api import train_wealth_model

    os.makedirs(out_dir, exist_ok=True)
    base = make_base_bundle(os.path.join(out_dir, "base_{}px".format(CHIP_PX)))
    result = train_wealth_model(
        os.path.join(ROOT, "sample_data", "train_survey_berlin.csv"),
        [os.path.join(ROOT, "sample_data", "sentinel2_berlin.tif")],
        value_field="synthetic_index", group_field="quadrant", urban_field="urban",
        out_dir=os.path.join(out_dir, "train_model"), bundle=base.path, context_chips=CONTEXT,
        block_km=BLOCK_KM, n_estimators=100, cache_path=os.path.join(out_dir, "train_cache.sqlite"))
    m = result["metrics"]
    base_r2 = {name: b["r2"] for name, b in m["baselines"].items()}
    print("trained on {} points ({} px chips, {} x {} context): CV r2 {:.3f}; baselines {}; report {}".format(
        m["model"]["n"], CHIP_PX, CONTEXT, CONTEXT, m["model"]["r2"],
        ", ".join("{} {:.3f}".format(k, v) for k, v in base_r2.items()), result["report_html"]))
    return result


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default="demo_output")
    run(parser.parse_args().out)
