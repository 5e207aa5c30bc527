#!/usr/bin/env python3
"""Wealth prediction benchmark: end-to-end chips/s vs the pure model ceiling, and peak memory.

* Rasters: the real Sentinel-2 sample (``sample_data/sentinel2_berlin.tif``, 6 x 3 chips) tiled
  8 x 12 times: 48 x 36 chips of 2.56 km (about 11,300 km²), as

  - ``geotiff``: a real tiled (256 px) DEFLATE GeoTIFF written once (about 450 MB in a temp folder;
    like a user's scene, every chip's blocks are decoded when it is read), the main figures;
  - ``vrt``: a VRT mosaic whose 96 tiles all point to the one sample file (the previous benchmark):
    GDAL decodes each block of the sample once and then serves it from its block cache, so reading
    is cheaper than on a real scene; kept for comparison.
* End to end: ``core.wealth.predict.predict`` (read windows, cloud/valid fractions, embed, head,
  GeoPackage, style) over regions of about 16, 64, 256, 1000 and 1,500 chips (~10,000 km²); best
  and median of 3 runs after a warm-up run on another region (sessions loaded, nothing of the
  measured region read before).
* Ceiling: the same bundle's embedder and head sessions on preloaded arrays of the same shapes
  (no reading, no writing), replaying the run's own embedder batch sizes (the first batches are
  ``predict.FIRST_BATCH``, then full batches), best of 3 in the same process; also with full
  batches only (``ratio_to_full_batches``). The embedder session includes the pre-processing
  folded into its graph (normalisation, NDVI/NDBI/NDWI sums), so the ceiling includes that work too.
* Also the bare CNN's ceiling (the ONNX file alone on normalised arrays), for comparison, the stages'
  costs one after the other, and a lossless JPEG 2000 (1024 px tiles, like Sentinel-2's own files)
  of 48 x 9 chips, where decoding dominates.
* Formats: the same ~256-chip region (the mosaic's first 12 chip rows) from the same pixels stored as
  users have them: tiled DEFLATE pixel- or band-interleaved, uncompressed tiled or striped (GDAL's and
  QGIS's default export), LZW, ZSTD, and reprojected to EPSG:4326 (resampled onto the grid while read).
* Sentinel-2 product: the JPEG 2000 case's chips as an L2A product as downloaded (one JPEG 2000 per
  band, 20 m bands at 20 m, SAFE layout, zipped), predicted from the zip.
* Memory: peak RSS (``VmHWM``) of a fresh process predicting a small (16 chips) and large (1000 and
  1500 chips) regions of the GeoTIFF.

Writes ``bench/results/wealth_predict.json``. Run: ``.venv/bin/python bench/bench_wealth_predict.py``
(about 5 minutes on 2 cores).
"""

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SAMPLE = os.path.join(ROOT, "sample_data", "sentinel2_berlin.tif")
TILES_X, TILES_Y = 8, 12
CHIP_M = 2560.0


def setup():
    sys.path.insert(0, ROOT)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    import conftest  # noqa: F401 - registers ``wealthmap``

    app = QgsApplication.instance()
    if app is None:
        from qgis.testing import start_app

        app = start_app()
    return app


def make_mosaic(folder):
    """A VRT tiling the sample raster; returns (path, (xmin, ymax))."""
    from osgeo import gdal

    src = gdal.Open(SAMPLE)
    w, h = src.RasterXSize, src.RasterYSize
    gt = src.GetGeoTransform()
    width, height = w * TILES_X, h * TILES_Y
    lines = ['<VRTDataset rasterXSize="{}" rasterYSize="{}">'.format(width, height),
             "<SRS>{}</SRS>".format(src.GetProjection().replace("&", "&amp;").replace("<", "&lt;")),
             "<GeoTransform>{}, {}, 0, {}, 0, {}</GeoTransform>".format(gt[0], gt[1], gt[3], gt[5])]
    for b in range(1, src.RasterCount + 1):
        band = src.GetRasterBand(b)
        lines.append('<VRTRasterBand dataType="UInt16" band="{}"><Description>{}</Description>'
                     '<NoDataValue>0</NoDataValue>'.format(b, band.GetDescription()))
        for ty in range(TILES_Y):
            for tx in range(TILES_X):
                lines.append('<SimpleSource><SourceFilename relativeToVRT="0">{}</SourceFilename>'
                             '<SourceBand>{}</SourceBand><SrcRect xOff="0" yOff="0" xSize="{}" ySize="{}"/>'
                             '<DstRect xOff="{}" yOff="{}" xSize="{}" ySize="{}"/></SimpleSource>'.format(
                                 SAMPLE, b, w, h, tx * w, ty * h, w, h))
        lines.append("</VRTRasterBand>")
    lines.append('<Metadata><MDI key="REFLECTANCE_SCALE">0.0001</MDI><MDI key="REFLECTANCE_OFFSET">0</MDI>'
                 "</Metadata></VRTDataset>")
    path = os.path.join(folder, "mosaic.vrt")
    with open(path, "w") as handle:
        handle.write("\n".join(lines))
    return path, (gt[0], gt[3])


def make_geotiff(vrt, folder):
    """The mosaic written as one tiled DEFLATE GeoTIFF (pixel-interleaved like the sample): distinct blocks."""
    from osgeo import gdal

    path = os.path.join(folder, "mosaic.tif")
    gdal.Translate(path, vrt, creationOptions=["TILED=YES", "BLOCKXSIZE=256", "BLOCKYSIZE=256", "COMPRESS=DEFLATE",
                                               "INTERLEAVE=PIXEL", "NUM_THREADS=ALL_CPUS", "BIGTIFF=IF_SAFER"])
    return path


def region_for(n, origin, shift=0):
    """A bbox (raster CRS) whose chip centres form a block of about ``n`` chips (``shift`` chips further
    down: another region of the same size, for warm-up runs)."""
    cols = min(TILES_X * 6, max(1, int(round(n ** 0.5 * 1.3))))
    rows = max(1, int(round(n / cols)))
    while cols * rows < n and rows < TILES_Y * 3:
        rows += 1
    x0, y1 = origin
    y1 -= shift * CHIP_M
    return (x0 + 10.0, y1 - rows * CHIP_M + 10.0, x0 + cols * CHIP_M - 10.0, y1 - 10.0)


def ceiling(bundle, n, batch, sizes=None):
    """chips/s of the same sessions on preloaded arrays of the same shapes (best of 3).

    ``sizes``: the chips per embedder call of the end-to-end run, replayed in order (prediction
    makes the first call small, ``predict.FIRST_BATCH``); default: ``batch`` until ``n``.

    The embedder session is the one prediction runs: the CNN with the normalisation and the
    NDVI/NDBI/NDWI sums folded into its graph, so its input is the reflectance chips
    ``(N, bands, 256, 256)`` and the pixel mask ``(N, 1, 256, 256)``; then the head on ``(N, F)``
    features.
    """
    import numpy as np

    from wealthmap.core.wealth.embed import Embedder, Head

    embedder = Embedder(bundle, batch_size=batch)
    head = Head(bundle)
    rng = np.random.default_rng(0)
    chips = rng.uniform(0.0, 0.3, (min(n, 64), len(bundle.bands), bundle.chip_px, bundle.chip_px))
    x = embedder.prepare(chips.astype(np.float32), has_invalid=False)
    feats = rng.normal(0, 1, (n, bundle.n_features)).astype(np.float32)
    chips, mask = x
    embedder.run_prepared((chips[:batch], mask[:batch]))
    best = None
    if not sizes:
        sizes = [min(batch, n - i) for i in range(0, n, batch)]
    for size in sorted(set(sizes)):
        embedder.run_prepared((chips[:size], mask[:size]))  # every shape seen once, as in the warm-up run
    for _ in range(3):
        start = time.perf_counter()
        for k in sizes:
            embedder.run_prepared((chips[:k], mask[:k]))
        for i in range(0, n, batch):
            head.predict(feats[i:i + batch])
        spent = time.perf_counter() - start
        best = spent if best is None else min(best, spent)
    return n / best


def peak_rss_mib():
    """High-water RSS of this process image (``VmHWM``). ``getrusage`` is not used: on Linux its
    ``ru_maxrss`` survives ``exec`` and would report the (larger) benchmark parent that forked us."""
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def cnn_only_ceiling(bundle, n, batch):
    """chips/s of the bare CNN (the bundle's ONNX file, same session options) + head on already normalised
    ``(N, 3, 256, 256)`` arrays: what the pre-processing graph and everything else are compared with."""
    import numpy as np

    from wealthmap.core.wealth.embed import Head, make_session

    session = make_session(bundle.embedder_path)
    head = Head(bundle)
    rng = np.random.default_rng(0)
    x = rng.normal(0, 1, (min(n, 64), 3, bundle.chip_px, bundle.chip_px)).astype(np.float32)
    feats = rng.normal(0, 1, (n, bundle.n_features)).astype(np.float32)
    session.run(None, {"image": x[:batch]})
    best = None
    for _ in range(2):
        start = time.perf_counter()
        done = 0
        while done < n:
            k = min(batch, n - done)
            session.run(None, {"image": x[:k]})
            done += k
        for i in range(0, n, batch):
            head.predict(feats[i:i + batch])
        spent = time.perf_counter() - start
        best = spent if best is None else min(best, spent)
    return n / best


def memory_child(raster, bbox, crs_wkt, out):
    """Run in a fresh process: predict and print peak RSS (MiB)."""
    setup()
    from wealthmap.core.wealth.bundle import load_bundle
    from wealthmap.core.wealth.embed import Embedder, Head
    from wealthmap.core.wealth.predict import predict

    bundle = load_bundle()
    Embedder(bundle).embed(np_zeros(bundle))  # sessions loaded and run once: the fixed cost
    Head(bundle)
    before = peak_rss_mib()
    result = predict(None, raster, region=bbox, region_crs=crs_wkt, output=out, max_chips=0)
    peak = peak_rss_mib()
    print(json.dumps({"chips": result["chips"], "peak_rss_mib": peak, "peak_rss_before_predict_mib": before,
                      "seconds": result["seconds"]}))


def np_zeros(bundle):
    import numpy as np

    return np.zeros((16, len(bundle.bands), bundle.chip_px, bundle.chip_px), np.float32)


def measure(raster, crs, origin, bundle, batch, tmp, sizes=(16, 64, 256, 1000, 1500), label=""):
    """End to end (best and median of 3 after a warm-up on another region) vs the ceilings, per region size."""
    from wealthmap.core.wealth.predict import predict

    rows = []
    for n in sizes:
        bbox = region_for(n, origin)
        out = os.path.join(tmp, "out_{}.gpkg".format(n))
        # warm-up: sessions loaded, on the last rows of the mosaic (a GeoTIFF dataset is opened afresh by each
        # run, so nothing it read stays in GDAL's block cache; the VRT's tiles share the sample's blocks anyway)
        warm = region_for(16, origin, shift=TILES_Y * 3 - 5)
        predict(None, raster, region=warm, region_crs=crs, output=os.path.join(tmp, "warm.gpkg"), max_chips=0)
        times = []
        for _ in range(3):
            start = time.perf_counter()
            result = predict(None, raster, region=bbox, region_crs=crs, output=out, max_chips=0, batch_size=batch)
            times.append(time.perf_counter() - start)
        e2e, median = min(times), sorted(times)[1]
        chips = result["chips"]
        ceil = ceiling(bundle, chips, batch, result["batch_sizes"])
        ceil16 = ceiling(bundle, chips, batch)  # every call a full batch
        cnn = cnn_only_ceiling(bundle, chips, batch)
        row = {"chips": chips, "area_km2": round(result["area_km2"], 1), "end_to_end_s": round(e2e, 3),
               "end_to_end_median_s": round(median, 3), "end_to_end_chips_per_s": round(chips / e2e, 2),
               "ceiling_chips_per_s": round(ceil, 2), "ratio": round(chips / e2e / ceil, 3),
               "ratio_median_run": round(chips / median / ceil, 3),
               "ceiling_full_batches_chips_per_s": round(ceil16, 2),
               "ratio_to_full_batches": round(chips / e2e / ceil16, 3), "cnn_only_ceiling_chips_per_s": round(cnn, 2),
               "ratio_to_cnn_only": round(chips / e2e / cnn, 3), "batch_sizes": result["batch_sizes"][:4] + (
                   ["... {} calls".format(len(result["batch_sizes"]))] if len(result["batch_sizes"]) > 4 else []),
               "timings_s": {k: round(v, 3) for k, v in result["timings"].items()}}
        rows.append(row)
        print("{label} {chips:5d} chips {area_km2:8.1f} km2  e2e {end_to_end_s:6.3f} s "
              "(median {end_to_end_median_s:6.3f})  {end_to_end_chips_per_s:6.1f} chips/s  "
              "ceiling {ceiling_chips_per_s:6.1f} chips/s  ratio {ratio:.2f}"
              " (median run {ratio_median_run:.2f}; full batches only: {ratio_to_full_batches:.2f})"
              "  bare CNN {cnn_only_ceiling_chips_per_s:6.1f} chips/s".format(label=label, **row), flush=True)
    return rows


def jp2_case(vrt, folder, crs, origin, bundle, batch):
    """The first 3 tile rows of the mosaic as one lossless JPEG 2000 (1024 px tiles, as Sentinel-2's own
    files): 48 x 9 = 432 chips, end to end (best of 2) vs the ceiling."""
    from osgeo import gdal


    src = gdal.Open(vrt)
    path = os.path.join(folder, "mosaic.jp2")
    start = time.perf_counter()
    gdal.Translate(path, vrt, format="JP2OpenJPEG", srcWin=[0, 0, src.RasterXSize, 9 * 256],
                   creationOptions=["QUALITY=100", "REVERSIBLE=YES", "BLOCKXSIZE=1024", "BLOCKYSIZE=1024"])
    written = time.perf_counter() - start
    row, _ = first_rows_run(path, folder, crs, origin, bundle, batch, written, "jpeg2000")
    return row


def timed_runs(path, bbox, crs, output, batch, runs):
    """``(seconds of each of ``runs`` predictions, the last result)``."""
    from wealthmap.core.wealth.predict import predict

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = predict(None, path, region=bbox, region_crs=crs, output=output, max_chips=0, batch_size=batch)
        times.append(time.perf_counter() - start)
    return times, result


def first_rows_run(path, folder, crs, origin, bundle, batch, written, label):
    """End to end (best of 2) over the mosaic's first 48 x 9 chips of ``path`` vs the ceiling:
    ``(row, last result)``."""
    x0, y1 = origin
    bbox = (x0 + 10.0, y1 - 9 * CHIP_M + 10.0, x0 + 48 * CHIP_M - 10.0, y1 - 10.0)
    times, result = timed_runs(path, bbox, crs, os.path.join(folder, "first_rows.gpkg"), batch, 2)
    chips = result["chips"]
    ceil = ceiling(bundle, chips, batch, result["batch_sizes"])
    row = {"chips": chips, "written_s": round(written, 1), "end_to_end_s": round(min(times), 3),
           "ms_per_chip": round(1000 * min(times) / chips, 1), "ceiling_chips_per_s": round(ceil, 2),
           "ratio": round(chips / min(times) / ceil, 3), "read_s": round(result["timings"]["read_s"], 2)}
    print("{label} {chips} chips: e2e {end_to_end_s:.2f} s ({ms_per_chip} ms per chip; reading {read_s} s)  "
          "ceiling {ceiling_chips_per_s:.1f} chips/s  ratio {ratio:.2f}".format(label=label, **row), flush=True)
    return row, result


def safe_case(vrt, folder, crs, origin, bundle, batch):
    """The same 48 x 9 chips as :func:`jp2_case`, as a Sentinel-2 L2A product (processing baseline 05.09):
    one lossless JPEG 2000 per band (B02, B03, B04, B08 at 10 m; B11, B12 at 20 m; 1024 px tiles as ESA's
    files), DN + 1000, in the SAFE layout with its metadata file; zipped, as downloaded. End to end (best
    of 2) from the zip, vs the ceiling."""
    import shutil

    import numpy as np
    from osgeo import gdal


    src = gdal.Open(vrt)
    width, height = src.RasterXSize, 9 * 256
    name = "S2B_MSIL2A_20230615T101559_N0509_R065_T33UUU_20230615T130000"
    safe = os.path.join(folder, name + ".SAFE")
    img = os.path.join(safe, "GRANULE", "L2A_T33UUU_A041000_20230615T101559", "IMG_DATA")
    start = time.perf_counter()
    for b in range(1, src.RasterCount + 1):
        band = src.GetRasterBand(b).GetDescription()
        data = src.GetRasterBand(b).ReadAsArray(0, 0, width, height).astype(np.uint32)
        data = np.where(data > 0, np.minimum(data + 1000, 65535), 0).astype(np.uint16)
        res = 10 if band in ("B02", "B03", "B04", "B08") else 20
        if res == 20:
            data = np.round(data.reshape(height // 2, 2, width // 2, 2).mean(axis=(1, 3))).astype(np.uint16)
        mem = gdal.GetDriverByName("MEM").Create("", data.shape[1], data.shape[0], 1, gdal.GDT_UInt16)
        gt = src.GetGeoTransform()
        mem.SetGeoTransform((gt[0], res, 0, gt[3], 0, -res))
        mem.SetProjection(src.GetProjection())
        mem.GetRasterBand(1).WriteArray(data)
        path = os.path.join(img, "R{}m".format(res), "T33UUU_20230615T101559_{}_{}m.jp2".format(band, res))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        gdal.Translate(path, mem, format="JP2OpenJPEG", creationOptions=["QUALITY=100", "REVERSIBLE=YES",
                                                                         "BLOCKXSIZE=1024", "BLOCKYSIZE=1024"])
    offsets = "".join('<BOA_ADD_OFFSET band_id="{}">-1000</BOA_ADD_OFFSET>'.format(i) for i in range(13))
    with open(os.path.join(safe, "MTD_MSIL2A.xml"), "w", encoding="utf-8") as handle:
        handle.write('<?xml version="1.0" encoding="UTF-8"?><n1:Level-2A_User_Product xmlns:n1="https://psd-14.'
                     'sentinel2.eo.esa.int/PSD/User_Product_Level-2A.xsd"><n1:General_Info><Product_Info>'
                     "<PROCESSING_BASELINE>05.09</PROCESSING_BASELINE></Product_Info><Product_Image_Characteristics>"
                     "<QUANTIFICATION_VALUES_LIST><BOA_QUANTIFICATION_VALUE>10000</BOA_QUANTIFICATION_VALUE>"
                     "</QUANTIFICATION_VALUES_LIST><BOA_ADD_OFFSET_VALUES_LIST>{}</BOA_ADD_OFFSET_VALUES_LIST>"
                     "</Product_Image_Characteristics></n1:General_Info></n1:Level-2A_User_Product>".format(offsets))
    archive = shutil.make_archive(os.path.join(folder, name), "zip", folder, name + ".SAFE")
    shutil.rmtree(safe)
    row, result = first_rows_run(archive, folder, crs, origin, bundle, batch, time.perf_counter() - start,
                                 "sentinel-2 product (zip)")
    row.update(zip_mb=round(os.path.getsize(archive) / 1e6), reflectance=result["reflectance"])
    os.remove(archive)
    return row


FORMATS = [
    ("deflate_pixel", "tiled GeoTIFF, DEFLATE, pixel-interleaved (the main figures' format)",
     ["TILED=YES", "COMPRESS=DEFLATE", "INTERLEAVE=PIXEL"]),
    ("deflate_band", "tiled GeoTIFF, DEFLATE, band-interleaved", ["TILED=YES", "COMPRESS=DEFLATE", "INTERLEAVE=BAND"]),
    ("uncompressed_tiled", "tiled GeoTIFF, uncompressed", ["TILED=YES"]),
    ("uncompressed_striped", "striped GeoTIFF, uncompressed (GDAL's and QGIS's default export)", []),
    ("lzw", "tiled GeoTIFF, LZW, band-interleaved (as rasterio writes by default)",
     ["TILED=YES", "COMPRESS=LZW", "INTERLEAVE=BAND"]),
    ("zstd", "tiled GeoTIFF, ZSTD, pixel-interleaved", ["TILED=YES", "COMPRESS=ZSTD", "INTERLEAVE=PIXEL"]),
    ("epsg4326", "tiled GeoTIFF, DEFLATE, reprojected to EPSG:4326 (resampled onto the model's grid while "
                 "reading, bilinear/average with nodata)", None),
]


def formats_case(tif, folder, crs, origin, bundle, batch, n=256):
    """The same ~256-chip region (the mosaic's first 12 chip rows) from the same pixels stored in the formats
    users have (:data:`FORMATS`): end to end (best of 3 after a warm-up) vs the ceiling, and reading's share."""
    from osgeo import gdal

    from wealthmap.core.wealth.predict import predict

    rows = []
    src = gdal.Open(tif)
    win = [0, 0, src.RasterXSize, 12 * 256]
    for key, label, options in FORMATS:
        path = os.path.join(folder, "fmt_{}.tif".format(key))
        if options is None:
            part = os.path.join(folder, "fmt_part.vrt")
            gdal.Translate(part, tif, format="VRT", srcWin=win)
            gdal.Warp(path, part, dstSRS="EPSG:4326", resampleAlg="bilinear", multithread=True,
                      creationOptions=["TILED=YES", "COMPRESS=DEFLATE", "BIGTIFF=IF_SAFER"], srcNodata=0, dstNodata=0)
            out = gdal.Open(path, gdal.GA_Update)
            for b in range(1, out.RasterCount + 1):
                out.GetRasterBand(b).SetDescription(src.GetRasterBand(b).GetDescription())
            out.SetMetadata(src.GetMetadata())
            out = None
        else:
            gdal.Translate(path, tif, srcWin=win, creationOptions=options + ["BIGTIFF=IF_SAFER"])
        bbox = region_for(n, origin)
        predict(None, path, region=region_for(16, origin), region_crs=crs, output=os.path.join(folder, "fw.gpkg"),
                max_chips=0)
        times, result = timed_runs(path, bbox, crs, os.path.join(folder, "fmt.gpkg"), batch, 3)
        chips = result["chips"]
        ceil = ceiling(bundle, chips, batch, result["batch_sizes"])
        row = {"format": key, "description": label, "file_mb": round(os.path.getsize(path) / 1e6),
               "chips": chips, "end_to_end_s": round(min(times), 3), "ms_per_chip": round(1000 * min(times) / chips, 2),
               "ceiling_chips_per_s": round(ceil, 2), "ratio": round(chips / min(times) / ceil, 3),
               "reader_thread_ms_per_chip": round(1000 * result["timings"]["read_s"] / chips, 2)}
        if options is not None:  # on the grid: what GDAL's read of this file and the model alone reach
            model, overlap = model_alone_and_with_gdal_read(path, bbox, bundle, batch, chips, result["batch_sizes"])
            row["ratio_gdal_read_and_model_only"] = round(model[0] / overlap[0], 3)
        rows.append(row)
        print("format {format:21s} {file_mb:4d} MB  {chips} chips  e2e {end_to_end_s:.3f} s ({ms_per_chip} ms per "
              "chip; reading {reader_thread_ms_per_chip} ms per chip in the pipeline)  ratio {ratio:.2f}; "
              "GDAL's read and the model alone: {}".format(row.get("ratio_gdal_read_and_model_only", "-"), **row),
              flush=True)
        os.remove(path)
    return rows


def stage_costs(raster, crs, origin, bundle, batch, n=1000):
    """Per-chip seconds of each stage run one after the other (no overlap): what the reader thread and
    onnxruntime each cost, so the end-to-end figures can be accounted for (best of 2)."""
    from wealthmap.core.wealth.embed import Embedder
    from wealthmap.core.wealth.features import ChipFeaturizer, batches, context_radius, segments
    from wealthmap.core.wealth.predict import FIRST_BATCH, plan
    from wealthmap.core.wealth.raster import GridReader

    best = None
    for _ in range(2):
        layout = plan(raster, region_for(n, origin), crs, bundle)
        grid = layout["grid"]
        reader = GridReader(layout["source"], layout["srs"], grid.gsd, grid.origin_x, grid.origin_y, bundle.bands,
                            bounds=layout["bounds"])
        timings = {}
        featurizer = ChipFeaturizer(bundle, Embedder(bundle, batch_size=batch), reader, 0.7, 0.3, timings)
        loaded = [featurizer.load(b) for b in batches(segments(layout["rows"], context_radius(bundle), batch), batch,
                                                      FIRST_BATCH)]
        for item in loaded:
            featurizer.finish(item)
        chips = layout["n_chips"]
        costs = {k: timings[k] / chips * 1000.0 for k in ("read_s", "quality_s", "prepare_s", "embed_s")}
        if best is None or sum(costs.values()) < sum(best.values()):
            best = costs
        del loaded, reader, layout
    return {k.replace("_s", "_ms_per_chip"): round(v, 3) for k, v in best.items()}


def _decompress_floor_ms(tif, bbox):
    """CPU ms per chip of only inflating the region's DEFLATE blocks with libdeflate (the fastest inflater
    here, the one GDAL uses), straight from the file: no reader can decode the region for less."""
    import ctypes
    import ctypes.util

    from osgeo import gdal

    name = ctypes.util.find_library("deflate") or "libdeflate.so.0"
    lib = ctypes.CDLL(name)
    lib.libdeflate_alloc_decompressor.restype = ctypes.c_void_p
    lib.libdeflate_zlib_decompress.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_size_t, ctypes.c_void_p,
                                               ctypes.c_size_t, ctypes.POINTER(ctypes.c_size_t)]
    ds = gdal.Open(tif)
    band = ds.GetRasterBand(1)
    assert ds.GetMetadata("IMAGE_STRUCTURE").get("INTERLEAVE") == "PIXEL"
    bx, by = band.GetBlockSize()
    gt = ds.GetGeoTransform()
    c0, c1 = int((bbox[0] - gt[0]) // gt[1]) // bx, int((bbox[2] - gt[0]) // gt[1]) // bx
    r0, r1 = int((gt[3] - bbox[3]) // -gt[5]) // by, int((gt[3] - bbox[1]) // -gt[5]) // by
    blocks = [(int(band.GetMetadataItem("BLOCK_OFFSET_{}_{}".format(c, r), "TIFF")),
               int(band.GetMetadataItem("BLOCK_SIZE_{}_{}".format(c, r), "TIFF")))
              for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)]
    decompressor = lib.libdeflate_alloc_decompressor()
    out = ctypes.create_string_buffer(bx * by * ds.RasterCount * 2)
    got = ctypes.c_size_t()
    best = None
    with open(tif, "rb") as handle:
        for _ in range(2):
            start = time.process_time()
            for offset, size in blocks:
                handle.seek(offset)
                data = handle.read(size)
                if lib.libdeflate_zlib_decompress(decompressor, data, size, out, len(out), ctypes.byref(got)):
                    raise RuntimeError("libdeflate could not inflate a block")
            spent = time.process_time() - start
            best = spent if best is None else min(best, spent)
    lib.libdeflate_free_decompressor.argtypes = [ctypes.c_void_p]
    lib.libdeflate_free_decompressor(decompressor)
    return 1000.0 * best / len(blocks)


def model_alone_and_with_gdal_read(tif, bbox, bundle, batch, chips, sizes):
    """Best of 3 ``(wall s, CPU s)`` of the model on preloaded arrays (the ceiling's loop: the run's
    embedder batch sizes, then the head), alone and with GDAL reading the region's chips (the bands the
    model reads, chip by chip in row order) in a second thread, nothing else: no quality, conversion,
    head features or output. The second is the best any pipeline reading through GDAL could do here."""
    import threading

    import numpy as np
    from osgeo import gdal

    from wealthmap.core.wealth.embed import Embedder, Head

    embedder, head = Embedder(bundle, batch_size=batch), Head(bundle)
    rng = np.random.default_rng(0)
    x = embedder.prepare(rng.uniform(0.0, 0.3, (batch, len(bundle.bands), bundle.chip_px, bundle.chip_px))
                         .astype(np.float32), has_invalid=False)
    feats = rng.normal(0, 1, (chips, bundle.n_features)).astype(np.float32)
    for size in sorted(set(sizes)):
        embedder.run_prepared((x[0][:size], x[1][:size]))

    def gdal_read():
        ds = gdal.Open(tif)
        names = [ds.GetRasterBand(i).GetDescription() for i in range(1, ds.RasterCount + 1)]
        band_list = [names.index(b) + 1 for b in bundle.bands]
        gt = ds.GetGeoTransform()
        px = bundle.chip_px
        c0 = int(round((bbox[0] - 10.0 - gt[0]) / gt[1]))
        r0 = int(round((gt[3] - bbox[3] - 10.0) / -gt[5]))
        cols = int(round((bbox[2] - bbox[0] + 20.0) / (px * gt[1])))
        buf = np.empty((len(band_list), px, px), dtype=np.uint16)
        for k in range(chips):
            r, c = divmod(k, cols)
            ds.ReadAsArray((c0 + c) * px, (r0 + r) * px, px, px, band_list=band_list, buf_obj=buf)

    best = {}
    for with_read in (False, True):
        for _ in range(3):
            wall, cpu = time.perf_counter(), time.process_time()
            reader = threading.Thread(target=gdal_read) if with_read else None
            if reader is not None:
                reader.start()
            for k in sizes:
                embedder.run_prepared((x[0][:k], x[1][:k]))
            for i in range(0, chips, batch):
                head.predict(feats[i:i + batch])
            if reader is not None:
                reader.join()
            run = (time.perf_counter() - wall, time.process_time() - cpu)
            if with_read not in best or run[0] < best[with_read][0]:
                best[with_read] = run
    return best[False], best[True]


def cpu_accounting(tif, crs, origin, bundle, batch, n=1000):
    """Where the two cores go, in CPU ms per chip (``time.process_time``: every thread of the process).

    * the model at its ceiling (the same sessions on preloaded arrays, the run's batch sizes): its CPU
      and how many cores it keeps busy;
    * the whole prediction end to end (reading, quality, embedding, head, writing);
    * the floor of decoding: inflating only the region's DEFLATE blocks with libdeflate;
    * GDAL's read of the region in one thread while the model runs in another, nothing else: what a
      pipeline reading through GDAL could reach at best.

    With ``cores`` cores and perfect sharing, a run needing ``C`` CPU ms per chip cannot take less than
    ``C / cores`` ms per chip, nor less than the ceiling; so the ratio to the ceiling is at most
    ``ceiling_ms / max(ceiling_ms, C / cores)``. Bounds are given for the model plus the decoding floor
    (no reader can do better) and for the model plus what this pipeline spends besides the model.
    """
    from wealthmap.core.wealth.predict import predict

    cores = os.cpu_count() or 1
    bbox = region_for(n, origin)
    out = os.path.join(os.path.dirname(tif), "cpu.gpkg")
    predict(None, tif, region=region_for(16, origin), region_crs=crs, output=out, max_chips=0,
            batch_size=batch)  # warm-up (sessions; each run opens the raster afresh)
    e2e = None
    for _ in range(2):
        wall, cpu = time.perf_counter(), time.process_time()
        result = predict(None, tif, region=bbox, region_crs=crs, output=out, max_chips=0, batch_size=batch)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        e2e = (wall, cpu) if e2e is None or wall < e2e[0] else e2e
    chips, sizes = result["chips"], result["batch_sizes"]
    model, overlap = model_alone_and_with_gdal_read(tif, bbox, bundle, batch, chips, sizes)
    per = 1000.0 / chips
    ceiling_ms, model_cpu = model[0] * per, model[1] * per
    e2e_ms, e2e_cpu = e2e[0] * per, e2e[1] * per
    floor = _decompress_floor_ms(tif, bbox)

    def bound(cpu_ms):
        return ceiling_ms / max(ceiling_ms, cpu_ms / cores)

    row = {"chips": chips, "cores": cores, "ceiling_ms_per_chip": round(ceiling_ms, 3),
           "model_cpu_ms_per_chip": round(model_cpu, 3), "model_cores_busy": round(model_cpu / ceiling_ms, 2),
           "end_to_end_ms_per_chip": round(e2e_ms, 3), "end_to_end_cpu_ms_per_chip": round(e2e_cpu, 3),
           "end_to_end_cores_busy": round(e2e_cpu / e2e_ms, 2),
           "besides_model_cpu_ms_per_chip": round(e2e_cpu - model_cpu, 3),
           "inflate_floor_cpu_ms_per_chip": round(floor, 3),
           "gdal_read_and_model_only_ms_per_chip": round(overlap[0] * per, 3),
           "gdal_read_and_model_only_cpu_ms_per_chip": round(overlap[1] * per, 3),
           "ratio_gdal_read_and_model_only": round(model[0] / overlap[0], 3),
           "ratio_measured": round(ceiling_ms / e2e_ms, 3),
           "ratio_bound_model_plus_inflate_floor": round(bound(model_cpu + floor), 3),
           "ratio_bound_model_plus_this_pipeline": round(bound(e2e_cpu), 3)}
    print("cpu accounting, {chips} chips, {cores} cores (CPU ms per chip): model at its ceiling "
          "{model_cpu_ms_per_chip} ({model_cores_busy} cores busy, {ceiling_ms_per_chip} ms wall); end to end "
          "{end_to_end_cpu_ms_per_chip} "
          "({end_to_end_cores_busy} cores busy, {end_to_end_ms_per_chip} ms wall), of which besides the model "
          "{besides_model_cpu_ms_per_chip}; inflating the DEFLATE blocks alone {inflate_floor_cpu_ms_per_chip}. "
          "GDAL's read and the model alone, overlapped: {gdal_read_and_model_only_ms_per_chip} ms wall "
          "({gdal_read_and_model_only_cpu_ms_per_chip} CPU), ratio {ratio_gdal_read_and_model_only}. "
          "Ratio measured {ratio_measured}; bound with perfect sharing: model + inflating only "
          "{ratio_bound_model_plus_inflate_floor}, model + this pipeline's other work "
          "{ratio_bound_model_plus_this_pipeline}".format(**row), flush=True)
    return row


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--memory-child":
        memory_child(sys.argv[2], tuple(float(v) for v in sys.argv[3].split(",")), sys.argv[4], sys.argv[5])
        return
    setup()
    from osgeo import gdal

    from wealthmap.core.wealth.bundle import load_bundle
    from wealthmap.core.wealth.predict import predict

    bundle = load_bundle()
    batch = 16
    tmp = tempfile.mkdtemp(prefix="wealth-bench-")
    vrt, origin = make_mosaic(tmp)
    start = time.perf_counter()
    tif = make_geotiff(vrt, tmp)
    print("GeoTIFF mosaic written in {:.1f} s ({:.0f} MB)".format(time.perf_counter() - start,
                                                                  os.path.getsize(tif) / 1e6), flush=True)
    crs = gdal.Open(vrt).GetProjection()
    rows = measure(tif, crs, origin, bundle, batch, tmp, label="geotiff")
    vrt_rows = measure(vrt, crs, origin, bundle, batch, tmp, label="vrt    ")
    stages = {"geotiff": stage_costs(tif, crs, origin, bundle, batch),
              "vrt": stage_costs(vrt, crs, origin, bundle, batch)}
    for name, costs in stages.items():
        print("{} 1,025 chips, stages one after the other (ms per chip): {}".format(name, costs), flush=True)
    accounting = cpu_accounting(tif, crs, origin, bundle, batch)
    jp2 = jp2_case(vrt, tmp, crs, origin, bundle, batch)
    formats = formats_case(tif, tmp, crs, origin, bundle, batch)
    safe = safe_case(vrt, tmp, crs, origin, bundle, batch)
    # the same with the fp32 embedder (the int8 one is ~2.4x faster, so overheads weigh more there)
    from wealthmap.core.wealth.bundle import ModelBundle

    fp32 = ModelBundle(bundle.path, dict(bundle.manifest, embedder=dict(bundle.manifest["embedder"],
                                                                       file="embedder.onnx")))
    fp32_rows = []
    for n in (256, 1000):
        bbox = region_for(n, origin)
        start = time.perf_counter()
        result = predict(None, tif, region=bbox, region_crs=crs, bundle=fp32, output=os.path.join(tmp, "f.gpkg"),
                         max_chips=0, batch_size=batch)
        e2e = time.perf_counter() - start
        ceil = ceiling(fp32, result["chips"], batch, result["batch_sizes"])
        row = {"chips": result["chips"], "end_to_end_s": round(e2e, 3),
               "end_to_end_chips_per_s": round(result["chips"] / e2e, 2), "ceiling_chips_per_s": round(ceil, 2),
               "ratio": round(result["chips"] / e2e / ceil, 3)}
        fp32_rows.append(row)
        print("fp32 geotiff {chips:5d} chips  e2e {end_to_end_s:7.2f} s  {end_to_end_chips_per_s:7.1f} chips/s  "
              "ceiling {ceiling_chips_per_s:7.1f} chips/s  ratio {ratio:.2f}".format(**row), flush=True)
    memory = []
    for n in (16, 1000, 1500):
        bbox = region_for(n, origin)
        out = os.path.join(tmp, "mem_{}.gpkg".format(n))
        proc = subprocess.run([sys.executable, os.path.abspath(__file__), "--memory-child", tif,
                               ",".join(str(v) for v in bbox), crs, out], capture_output=True, text=True)
        line = [x for x in proc.stdout.splitlines() if x.startswith("{")]
        if not line:
            print(proc.stderr[-2000:])
            continue
        memory.append(json.loads(line[-1]))
        print("peak RSS for {chips} chips: {peak_rss_mib:.0f} MiB (after loading the models, before predicting: "
              "{peak_rss_before_predict_mib:.0f} MiB)".format(**memory[-1]), flush=True)
    big = [r for r in rows if r["area_km2"] >= 9000]
    summary = {
        "machine": "{} CPU cores (shared)".format(os.cpu_count()),
        "embedder": bundle.manifest["embedder"]["file"], "batch_size": batch, "chip_px": bundle.chip_px,
        "raster": "sample_data/sentinel2_berlin.tif tiled {} x {} times as one tiled DEFLATE GeoTIFF".format(
            TILES_X, TILES_Y),
        "runs": rows,
        "raster_vrt": "the same mosaic as a VRT whose tiles all point to the sample (blocks decoded once, then "
                      "cached by GDAL)",
        "runs_vrt": vrt_rows, "runs_fp32_embedder": fp32_rows, "memory": memory,
        "stages_without_overlap_1025_chips": stages, "cpu_accounting_1025_chips": accounting, "jpeg2000_432_chips": jp2,
        "formats_256_chips": formats, "sentinel2_product_432_chips": safe,
        "targets": {"ratio_at_least": 0.85, "10000_km2_under_s": 30.0,
                    "10000_km2_seconds": big[0]["end_to_end_s"] if big else None},
    }
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    with open(os.path.join(HERE, "results", "wealth_predict.json"), "w") as handle:
        json.dump(summary, handle, indent=2)
    shutil.rmtree(tmp, ignore_errors=True)
    print("wrote bench/results/wealth_predict.json")


if __name__ == "__main__":
    main()
