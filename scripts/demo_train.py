#!/usr/bin/env python3
"""Training demo: train a head on the synthetic sample survey over the sample Sentinel-2 raster.

``sample_data/train_survey_berlin.csv`` (made by ``scripts/make_sample_train.py``) holds 253
points whose value is a transparent function of the imagery (built-up share within 1 km), not
a wealth measure. The demo trains with the bundled EfficientNet-Lite0 embedder (one 2.56 km
chip per point, to stay fast on the small sample scene), blocked 5-fold CV on 3 km blocks, and
writes the bundle with ``report.html`` / ``report.json`` to ``out_dir/train_model``.

Usage: ``.venv/bin/python scripts/demo_train.py --out /tmp/demo``
"""

import argparse
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(out_dir):
    sys.path.insert(0, ROOT)
    from qgis.core import QgsApplication

    import conftest  # noqa: F401 - registers the repository as the ``wealthmap`` package

    if QgsApplication.instance() is None:
        from qgis.testing import start_app

        start_app()
    from wealthmap.core.wealth.train_api import train_wealth_model

    os.makedirs(out_dir, exist_ok=True)
    result = train_wealth_model(
        os.path.join(ROOT, "sample_data", "train_survey_berlin.csv"),
        [os.path.join(ROOT, "sample_data", "sentinel2_berlin.tif")],
        value_field="synthetic_index", out_dir=os.path.join(out_dir, "train_model"), block_km=3.0,
        chips_per_side=1, n_estimators=100, cache_path=os.path.join(out_dir, "train_cache.sqlite"))
    m = result["metrics"]
    print("trained on {} points: CV r2 {:.3f} (urban/rural-mean baseline {:.3f}); report {}".format(
        m["model"]["n"], m["model"]["r2"], m["baselines"]["urban_rural_mean"]["r2"], result["report_html"]))
    return result


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default="demo_output")
    run(parser.parse_args().out)
