"""In-process vs 1 vs 2 local Dask workers: prediction over the same region and training features of the same
points; optionally the per-chip cost of a COG read over HTTP (a server on 127.0.0.1).

Prints figures and writes bench/results/wealth_distributed.json. On a 2-core machine Dask cannot be faster than
in-process (the gain comes from more cores and machines); the figures say what a partition costs.

    .venv/bin/python bench/bench_wealth_distributed.py [--chips-x 40 --chips-y 38] [--points 1000] [--cog]
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "tests"))
import conftest  # noqa: E402,F401 - registers the package as ``wealthmap``


def mosaic(folder, chips_x, chips_y):
    """A VRT of chips_x x chips_y chips built from one 10 x 10-chip GeoTIFF repeated (cheap to make, read like a
    raster of that size)."""
    from osgeo import gdal
    from test_wealth_helpers import ORIGIN, make_s2

    tile = make_s2(os.path.join(folder, "tile.tif"), width=2560, height=2560)
    ds = gdal.Open(str(tile))
    srs = ds.GetProjection()
    width, height = chips_x * 256, chips_y * 256
    bands = []
    for b in range(1, ds.RasterCount + 1):
        sources = []
        for ty in range(0, height, 2560):
            for tx in range(0, width, 2560):
                w, h = min(2560, width - tx), min(2560, height - ty)
                sources.append('<SimpleSource><SourceFilename relativeToVRT="1">tile.tif</SourceFilename>'
                               '<SourceBand>{b}</SourceBand><SrcRect xOff="0" yOff="0" xSize="{w}" ySize="{h}"/>'
                               '<DstRect xOff="{x}" yOff="{y}" xSize="{w}" ySize="{h}"/></SimpleSource>'.format(
                                   b=b, w=w, h=h, x=tx, y=ty))
        band = ds.GetRasterBand(b)
        bands.append('<VRTRasterBand dataType="UInt16" band="{}"><Description>{}</Description>'
                     '<NoDataValue>0</NoDataValue>{}</VRTRasterBand>'.format(b, band.GetDescription(),
                                                                            "".join(sources)))
    path = os.path.join(folder, "region.vrt")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write('<VRTDataset rasterXSize="{}" rasterYSize="{}"><SRS>{}</SRS><GeoTransform>{}, 10, 0, {}, 0, '
                     '-10</GeoTransform>{}</VRTDataset>'.format(width, height, srs.replace("&", "&amp;").replace(
                         "<", "&lt;").replace('"', "&quot;"), ORIGIN[0], ORIGIN[1], "".join(bands)))
    return path


def predict_runs(raster, folder, args):
    from wealthmap.core.wealth.distributed.run import predict_distributed
    from wealthmap.core.wealth.predict import predict

    out = {}
    t0 = time.perf_counter()
    ref = predict(None, raster, output=os.path.join(folder, "inprocess.gpkg"), max_chips=0)
    out["inprocess"] = {"seconds": round(time.perf_counter() - t0, 2), "chips": ref["chips"],
                        "chips_per_s": round(ref["chips"] / (time.perf_counter() - t0), 1)}
    print("in-process:", out["inprocess"], flush=True)
    per_chip = out["inprocess"]["seconds"] / ref["chips"]
    for workers in (1, 2):
        t0 = time.perf_counter()
        res = predict_distributed(None, raster, output=os.path.join(folder, "w{}.gpkg".format(workers)), max_chips=0,
                                  scheduler="local", workers=workers, tile_chips=args.tile)
        wall = time.perf_counter() - t0
        info = res["distributed"]
        parts = info["part_seconds"]
        chips_per_part = ref["chips"] / max(1, len(parts))
        out["local_{}".format(workers)] = {
            "seconds": round(wall, 2), "cluster_start_s": round(info["connect_s"], 2),
            "merge_s": round(info["merge_s"], 2), "seconds_without_start": round(wall - info["connect_s"], 2),
            "ratio_to_inprocess": round(wall / out["inprocess"]["seconds"], 2),
            "ratio_without_start": round((wall - info["connect_s"]) / out["inprocess"]["seconds"], 2),
            "partitions": len(parts), "mean_partition_s": round(sum(parts) / len(parts), 3),
            # a partition's time beyond its chips at the in-process rate (halo, plan, output): with 2 workers on 2
            # shared cores each partition runs at about half speed, hence the factor
            "overhead_per_partition_s": round(sum(parts) / len(parts) - chips_per_part * per_chip * workers, 3),
            "peak_rss_mb_per_worker": info.get("peak_rss_mb")}
        print(workers, "worker(s):", out["local_{}".format(workers)], flush=True)
    return out


def feature_runs(raster, args):
    import numpy as np
    from osgeo import osr

    from wealthmap.core.wealth.bundle import DEFAULT_BUNDLE, load_bundle
    from wealthmap.core.wealth.distributed.features import _Points, point_features_distributed
    from wealthmap.core.wealth.features import FeatureSettings, point_features

    bundle = load_bundle(DEFAULT_BUNDLE)
    rng = np.random.default_rng(2)
    xs = 500000 + rng.uniform(200, args.chips_x * 2560 - 200, args.points)
    ys = 5800000 - rng.uniform(200, args.chips_y * 2560 - 200, args.points)
    utm, wgs = osr.SpatialReference(), osr.SpatialReference()
    utm.ImportFromEPSG(32633)
    wgs.ImportFromEPSG(4326)
    wgs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    ct = osr.CoordinateTransformation(utm, wgs)
    ll = [ct.TransformPoint(float(x), float(y))[:2] for x, y in zip(xs, ys)]
    points = _Points([p[0] for p in ll], [p[1] for p in ll])
    settings = FeatureSettings(context_chips=3)
    out = {"points": args.points}
    t0 = time.perf_counter()
    point_features(points, [raster], bundle, settings)
    out["inprocess_s"] = round(time.perf_counter() - t0, 2)
    for workers in (1, 2):
        with tempfile.TemporaryDirectory() as run_folder:
            t0 = time.perf_counter()
            _, _, _, timings = point_features_distributed(points, [raster], bundle, settings, scheduler="local",
                                                          workers=workers, run_folder=run_folder)
            out["local_{}_s".format(workers)] = round(time.perf_counter() - t0, 2)
            out["local_{}_groups".format(workers)] = timings["distributed"]["groups"]
        print("features", workers, "worker(s):", out["local_{}_s".format(workers)], flush=True)
    return out


#: A static file server on 127.0.0.1 that answers HTTP Range requests (GDAL's /vsicurl/ needs them), in a
#: subprocess; prints its port.
RANGE_SERVER = """
import http.server, os, re, sys
class H(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a):
        pass
    def do_GET(self):
        path = self.translate_path(self.path)
        size = os.path.getsize(path)
        m = re.match(r"bytes=(\\d+)-(\\d*)", self.headers.get("Range", ""))
        start, end = (int(m.group(1)), int(m.group(2) or size - 1)) if m else (0, size - 1)
        end = min(end, size - 1)
        self.send_response(206 if m else 200)
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Content-Length", str(end - start + 1))
        if m:
            self.send_header("Content-Range", "bytes %d-%d/%d" % (start, end, size))
        self.end_headers()
        with open(path, "rb") as f:
            f.seek(start)
            self.wfile.write(f.read(end - start + 1))
    def do_HEAD(self):
        path = self.translate_path(self.path)
        self.send_response(200)
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Content-Length", str(os.path.getsize(path)))
        self.end_headers()
s = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
print(s.server_address[1], flush=True)
s.serve_forever()
"""


def cog_over_http(folder, args):
    """Per-chip cost of predicting from a COG served over HTTP on 127.0.0.1 (GDAL /vsicurl/), vs the local file."""
    from osgeo import gdal
    from test_wealth_helpers import make_s2

    from wealthmap.core.wealth.predict import predict

    src = make_s2(os.path.join(folder, "cog_src.tif"), width=256 * 10, height=256 * 10)
    cog = os.path.join(folder, "served", "s2_cog.tif")
    os.makedirs(os.path.dirname(cog))
    gdal.Translate(cog, str(src), format="COG", creationOptions=["COMPRESS=DEFLATE", "BLOCKSIZE=256"])
    server = subprocess.Popen([sys.executable, "-c", RANGE_SERVER], cwd=os.path.dirname(cog), stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    try:
        port = int(server.stdout.readline().strip())
        url = "/vsicurl/http://127.0.0.1:{}/s2_cog.tif".format(port)
        result = {}
        for name, path in (("local_cog", cog), ("http_cog", url)):
            t0 = time.perf_counter()
            res = predict(None, path, output=os.path.join(folder, name + ".gpkg"), max_chips=0)
            result[name + "_s_per_chip"] = round((time.perf_counter() - t0) / res["chips"], 4)
        return result
    finally:
        server.terminate()
        server.wait(10)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--chips-x", type=int, default=40)
    parser.add_argument("--chips-y", type=int, default=38)
    parser.add_argument("--tile", type=int, default=16)
    parser.add_argument("--points", type=int, default=1000)
    parser.add_argument("--cog", action="store_true")
    parser.add_argument("--skip-features", action="store_true")
    parser.add_argument("--skip-predict", action="store_true")
    parser.add_argument("--name", default="wealth_distributed", help="bench/results/<name>.json")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    from wealthmap.core.wealth.embed import physical_cores

    out = {"machine": platform.machine(), "cpus": os.cpu_count(), "physical_cores": physical_cores(),
           "region_chips": args.chips_x * args.chips_y, "tile_chips": args.tile}
    def save():
        os.makedirs(os.path.join(ROOT, "bench", "results"), exist_ok=True)
        with open(os.path.join(ROOT, "bench", "results", args.name + ".json"), "w", encoding="utf-8") as f:
            json.dump(out, f, indent=1)

    with tempfile.TemporaryDirectory() as folder:
        if args.cog:  # first: short
            out["cog"] = cog_over_http(folder, args)
            print("cog:", out["cog"], flush=True)
            save()
        raster = mosaic(folder, args.chips_x, args.chips_y)
        if not args.skip_predict:
            out["predict"] = predict_runs(raster, folder, args)
            save()
        if not args.skip_features:
            out["features"] = feature_runs(raster, args)
            save()
    print(json.dumps(out, indent=1))
    del app


if __name__ == "__main__":
    main()
