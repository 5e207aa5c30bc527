"""Headless command for servers: ``python -m wealthmap predict RASTER... --output OUT.gpkg [--scheduler ...]``.

The plugin folder must be importable as ``wealthmap`` (e.g. ``PYTHONPATH=~/.local/share/QGIS/QGIS3/profiles/
default/python/plugins``). QGIS starts headless once; the command runs the same core function as the dock,
the Processing algorithm (``qgis_process run wealthmap:predictwealth ...`` works too) and the console API,
prints progress on stderr and a JSON summary on stdout. Exit status: 0 done, 2 a problem to fix (message on
stderr), 130 interrupted (finished partitions of a distributed run are kept: run the same command again).
"""

import argparse
import json
import os
import sys


def _parser():
    parser = argparse.ArgumentParser(prog="python -m wealthmap", description="WealthMap without the QGIS desktop.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("predict", help="predict wealth per chip over a region of Sentinel-2 rasters")
    p.add_argument("raster", nargs="+", help="raster paths, Sentinel-2 products (.zip, MTD_*.xml) or GDAL URLs")
    p.add_argument("--output", "-o", required=True, help="output GeoPackage (.gpkg)")
    p.add_argument("--geotiff", help="optional Float32 GeoTIFF, one pixel per chip")
    p.add_argument("--region", help="xmin,ymin,xmax,ymax or WKT in --region-crs (default: the whole raster)")
    p.add_argument("--region-crs", help="CRS of the region, e.g. EPSG:4326")
    p.add_argument("--model", help="model bundle folder (default: the bundled demonstration model)")
    p.add_argument("--max-chips", type=int, default=0, help="refuse larger regions (0: no limit)")
    p.add_argument("--scheduler", default=None,
                   help="'local' (worker processes here) or tcp://host:8786 (a Dask cluster); default in-process")
    p.add_argument("--workers", type=int, default=None, help="local worker processes (default: one per core)")
    p.add_argument("--threads", type=int, default=None, help="onnxruntime threads per partition")
    p.add_argument("--tile-chips", type=int, default=None, help="partition side in chips (default 16)")
    p.add_argument("--run-folder", help="parts and run manifest (default: <output>.wealthmap-run)")
    return parser


def _region(text):
    if not text:
        return None
    parts = text.split(",")
    if len(parts) == 4:
        try:
            return tuple(float(v) for v in parts)
        except ValueError:
            pass
    return text


class _Progress:
    def __init__(self):
        from qgis.core import QgsFeedback

        self.feedback = QgsFeedback()
        self.last = -10
        self.feedback.progressChanged.connect(self.show)

    def show(self, value):
        if value - self.last >= 5 or value >= 100:
            self.last = value
            sys.stderr.write("{:.0f}%\n".format(value))
            sys.stderr.flush()


def main(argv=None):
    args = _parser().parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    from .core.errors import CancelledError, WealthMapError
    from .core.wealth.distributed import predict_with

    progress = _Progress()
    try:
        raster = args.raster if len(args.raster) > 1 else args.raster[0]
        result = predict_with(progress.feedback, raster, scheduler=args.scheduler, workers=args.workers,
                              threads=args.threads, tile_chips=args.tile_chips, run_folder=args.run_folder,
                              region=_region(args.region), region_crs=args.region_crs, bundle=args.model,
                              output=args.output, geotiff=args.geotiff, max_chips=args.max_chips)
    except KeyboardInterrupt:
        progress.feedback.cancel()
        sys.stderr.write("interrupted\n")
        return 130
    except CancelledError as err:
        sys.stderr.write("{}\n".format(err))
        return 130
    except WealthMapError as err:
        sys.stderr.write("{}\n".format(err))
        return 2
    keys = ("output", "geotiff", "chips", "chips_used", "chips_skipped", "statuses", "mean", "median", "model_id",
            "model_status", "seconds", "distributed")
    summary = {k: result.get(k) for k in keys}
    if summary.get("distributed"):
        summary["distributed"] = {k: v for k, v in summary["distributed"].items() if k != "part_seconds"}
    sys.stdout.write(json.dumps(summary, indent=1, default=str) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
