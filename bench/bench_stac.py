#!/usr/bin/env python3
"""STAC benchmark against the loopback STAC API and COG servers of ``tests/stac_servers.py``.

The catalogue is the tests' one: the bundled Sentinel-2 sample (1536 x 768 px at 10 m) cut into per-band COGs
(256 px blocks, DEFLATE) for 4 dates on tile 33UUU and 2 dates on a zone-32 tile. Measured, cold (empty window
cache, GDAL's /vsicurl/ cache cleared):

* composite of a 256 x 256 px region (one block of each 10 m asset) and its share of the assets' bytes;
* composite of the whole Berlin tile (6 bands + SCL, 4 dates, 256 px windows): windows per second, requests,
  bytes read (GDAL's network statistics and the file server's log), bytes per 256 px chip, and the ratio to the
  size of the assets it touches (what downloading them whole would cost);
* imagery at N survey points over both tiles (3 x 3 chips of ``--chip`` px per point, median of the clearest
  items): windows per second, bytes per point window, the same ratio;
* from the survey to a trained bundle (``train_wealth_model`` with a STAC query; tiny real ONNX embedder,
  ``--chip`` px chips) and a warm rerun (every window from the cache).

Loopback numbers measure the plugin's request pattern and CPU work, not a real network (no latency, no
bandwidth limit). Prints figures and writes ``bench/results/stac.json``.

Usage: ``.venv/bin/python bench/bench_stac.py [--points 500] [--chip 16]``
"""

import argparse
import json
import os
import resource
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def _setup():
    sys.path.insert(0, ROOT)
    sys.path.insert(0, os.path.join(ROOT, "tests"))
    from qgis.core import QgsApplication

    import conftest  # noqa: F401 - registers the package as ``wealthmap``

    app = QgsApplication([], False)
    app.initQgis()
    return app


def _log_bytes(servers):
    reqs = servers.requests()
    return len(reqs), sum(r["bytes"] for r in reqs)


def _asset_bytes(servers, items, bands):
    total = 0
    for it in items:
        for band in bands:
            total += os.path.getsize(os.path.join(servers.cat, "files", it.assets[band].href.split("/", 3)[3]))
    return total


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--points", type=int, default=500)
    parser.add_argument("--chip", type=int, default=16)
    parser.add_argument("--out", default=os.path.join(HERE, "results", "stac.json"))
    args = parser.parse_args()
    app = _setup()
    import numpy as np
    from osgeo import gdal
    from stac_servers import Servers, build_catalogue
    from test_stac_points import _survey_points
    from train_helpers import make_embedder_bundle, write_survey

    from wealthmap.core.stac.composite import DEFAULT_BANDS, make_composite
    from wealthmap.core.stac.points import survey_rasters
    from wealthmap.core.stac.search import StacQuery, search
    from wealthmap.core.wealth.train_api import train_wealth_model

    work = tempfile.mkdtemp(prefix="wealthmap_bench_stac_")
    servers = Servers(build_catalogue(os.path.join(work, "cat"))).start()
    out = {"machine": "{} CPU cores".format(os.cpu_count()), "network": "loopback (no latency, no bandwidth limit)",
           "catalogue": "bundled sample cut into per-band COGs, 256 px blocks; 4 dates on 33UUU, 2 on a zone-32 tile"}
    try:
        query = StacQuery(endpoint=servers.stac_url, datetime="2023-06-01/2023-07-31", max_cloud=60)
        items = search(query, (12.4, 52.3, 12.8, 52.6))
        bands = DEFAULT_BANDS + ["SCL"]
        # --- composite of the whole tile
        gdal.VSICurlClearCache()
        servers.clear_log()
        t0 = time.monotonic()
        res = make_composite(None, (330000.0, 5814360.0, 345360.0, 5822040.0), "EPSG:32633",
                             os.path.join(work, "comp.tif"), items=items, window_px=256,
                             cache_dir=os.path.join(work, "cwin"))
        wall = time.monotonic() - t0
        n_req, n_bytes = _log_bytes(servers)
        whole = _asset_bytes(servers, items, bands)
        chips = (1536 * 768) / (256 * 256)
        out["composite"] = {"region_px": [1536, 768], "items": len(items), "windows": len(res["windows"]),
                            "wall_s": round(wall, 2), "windows_per_s": round(len(res["windows"]) / wall, 2),
                            "requests": n_req, "bytes": n_bytes, "gdal_bytes": res["bytes"],
                            "bytes_per_256px_chip": int(n_bytes / chips), "asset_bytes": whole,
                            "ratio_to_whole_assets": round(n_bytes / whole, 3)}
        servers.clear_log()
        t0 = time.monotonic()
        make_composite(None, (330000.0, 5814360.0, 345360.0, 5822040.0), "EPSG:32633",
                       os.path.join(work, "comp2.tif"), items=items, window_px=256,
                       cache_dir=os.path.join(work, "cwin"))
        out["composite"]["rerun_wall_s"] = round(time.monotonic() - t0, 2)
        out["composite"]["rerun_requests"] = _log_bytes(servers)[0]
        print("composite:", out["composite"])
        # --- a small region (256 x 256 px, one block of each 10 m asset): the share of the assets it reads
        gdal.VSICurlClearCache()
        servers.clear_log()
        t0 = time.monotonic()
        make_composite(None, (332560.0, 5819480.0, 335120.0, 5822040.0), "EPSG:32633",
                       os.path.join(work, "small.tif"), items=items, window_px=256, use_cache=False)
        wall = time.monotonic() - t0
        n_req, n_bytes = _log_bytes(servers)
        out["composite_small"] = {"region_px": [256, 256], "items": len(items), "wall_s": round(wall, 2),
                                  "requests": n_req, "bytes": n_bytes, "asset_bytes": whole,
                                  "ratio_to_whole_assets": round(n_bytes / whole, 3)}
        print("small composite:", out["composite_small"])
        # --- points
        lon0, lat0, _ = _survey_points()
        rng = np.random.default_rng(0)
        pick = rng.integers(0, len(lon0), args.points)
        jitter = rng.normal(scale=0.01, size=(args.points, 2))
        lon = lon0[pick] + jitter[:, 0]
        lat = lat0[pick] + jitter[:, 1] * 0.5
        gdal.VSICurlClearCache()
        servers.clear_log()
        t0 = time.monotonic()
        pts = survey_rasters(lon, lat, query, chip_px=args.chip, context=3, folder=os.path.join(work, "pwin"))
        wall = time.monotonic() - t0
        n_req, n_bytes = _log_bytes(servers)
        all_items = search(query, (10.0, 51.0, 14.0, 54.0))
        whole = _asset_bytes(servers, all_items, bands)
        out["points"] = {"points": args.points, "chip_px": args.chip, "window_px": 3 * args.chip,
                         "windows": pts["windows"], "counts": pts["counts"], "wall_s": round(wall, 2),
                         "windows_per_s": round(pts["windows"] / wall, 2), "requests": n_req, "bytes": n_bytes,
                         "bytes_per_point_window": int(n_bytes / max(pts["windows"], 1)),
                         "asset_bytes": whole, "ratio_to_whole_assets": round(n_bytes / whole, 3)}
        print("points:", out["points"])
        # --- survey to trained bundle (fresh caches), then warm
        value = np.linspace(0.0, 1.0, args.points)
        survey = write_survey(os.path.join(work, "survey.csv"), lon, lat, value)
        emb = make_embedder_bundle(os.path.join(work, "emb"))
        emb_path = getattr(emb, "path", os.path.join(work, "emb"))
        runs = {}
        for label in ("cold", "warm"):
            if label == "cold":
                gdal.VSICurlClearCache()
            servers.clear_log()
            t0 = time.monotonic()
            result = train_wealth_model(survey, {"endpoint": query, "folder": os.path.join(work, "twin")},
                                        value_field="wealth", out_dir=os.path.join(work, "model_" + label),
                                        bundle=emb_path, context_chips=3, block_km=1.0, n_estimators=100,
                                        duplicates="mean", cache_path=os.path.join(work, "feat_" + label + ".sqlite"),
                                        ablation=False)
            runs[label] = {"wall_s": round(time.monotonic() - t0, 2), "requests": _log_bytes(servers)[0],
                           "points_used": result["training_data"]["rows_used"],
                           "stac_s": round(result["stac"]["elapsed_s"], 2)}
        out["survey_to_bundle"] = dict(runs, points=args.points,
                                       embedder="tiny ONNX CNN, {} px chips".format(args.chip))
        print("survey -> bundle:", out["survey_to_bundle"])
        out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1)
    finally:
        servers.stop()
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump(out, handle, indent=1)
    print("written", args.out)
    del app


if __name__ == "__main__":
    main()
