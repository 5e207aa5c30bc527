#!/usr/bin/env python3
"""Chip listing (``core.wealth.predict.plan``) bounds: how long listing N candidate cells takes, and how long a
region over the bound takes to be refused.

A bundle with 0.8 m chips (``gsd_m`` 0.1, ``chip_px`` 8) over synthetic 6-band UTM rasters whose size gives the
candidate cells wanted; ``plan`` with ``max_chips=0`` (no limit, so every candidate is tested), best of 2.
The refusal case is a raster of 64 million cells (over ``MAX_GRID_CELLS``). Writes
``bench/results/params_plan.json``. Run: ``.venv/bin/python bench/bench_params_plan.py [cells ...]``
(default 250000 1000000; a few seconds to a minute on 2 shared cores).
"""

import json
import os
import shutil
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "tests"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(sizes):
    from qgis.core import QgsApplication

    import conftest  # noqa: F401 - registers the repository as the ``wealthmap`` package

    app = QgsApplication([], False)
    app.initQgis()
    from test_param_validation import bundle_variant, write_raster
    from train_helpers import make_embedder_bundle

    from wealthmap.core.errors import WealthMapError
    from wealthmap.core.wealth.bundle import load_bundle
    from wealthmap.core.wealth.predict import MAX_GRID_CELLS, plan

    folder = tempfile.mkdtemp(prefix="bench-plan-")
    try:
        tiny = make_embedder_bundle(os.path.join(folder, "tiny"))

        def fine(m):
            m["gsd_m"], m["chip_px"] = 0.1, 8
        bundle = load_bundle(bundle_variant(tiny.path, os.path.join(folder, "fine"), fine))
        rows = []
        for cells in sizes:
            side_m = (cells ** 0.5) * bundle.chip_m
            px = max(2, int(round(side_m / 10.0)))
            raster = write_raster(os.path.join(folder, "r{}.tif".format(cells)), 32633, 500000.0, 5000000.0,
                                  side_m / px, px, px)
            best, n = None, None
            for _ in range(2):
                t0 = time.perf_counter()
                layout = plan(raster, bundle=bundle, max_chips=0)
                dt = time.perf_counter() - t0
                best = dt if best is None else min(best, dt)
                n = layout["n_chips"]
            rows.append({"cells": cells, "chips": n, "seconds": round(best, 3),
                         "us_per_cell": round(1e6 * best / max(n, 1), 2)})
            print("{:>10,} cells: {:.2f} s ({:.2f} us per cell)".format(n, best, 1e6 * best / max(n, 1)))
        big = write_raster(os.path.join(folder, "big.tif"), 32633, 500000.0, 5000000.0, 100.0, 64, 64)
        t0 = time.perf_counter()
        try:
            plan(big, bundle=bundle, max_chips=0)
            refused = False
        except WealthMapError:
            refused = True
        refusal = time.perf_counter() - t0
        print("64,000,000 cells: refused={} in {:.3f} s (bound {:,})".format(refused, refusal, MAX_GRID_CELLS))
        result = {"listing": rows, "refusal": {"cells": 64_000_000, "refused": refused, "seconds": round(refusal, 3)},
                  "max_grid_cells": MAX_GRID_CELLS, "machine": "2 CPU cores shared with other jobs"}
        out = os.path.join(ROOT, "bench", "results", "params_plan.json")
        with open(out, "w", encoding="utf-8") as handle:
            json.dump(result, handle, indent=2)
            handle.write("\n")
        print("wrote", out)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        app.exitQgis()


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [250_000, 1_000_000])
