#!/usr/bin/env python3
"""Write ``sample_data/train_survey_berlin.csv``: synthetic survey points on the sample Sentinel-2 raster.

The points lie on a 640 m grid over ``sample_data/sentinel2_berlin.tif``; their value is a
transparent function of the imagery, NOT a wealth measurement: the share of built-up pixels
(NDBI > 0 and NDVI < 0.3) within 1 km of the point, scaled to -1..2, plus a little noise.
Groups are the four quadrants of the scene ("NW", "NE", "SW", "SE"); urban = share > 0.3.
It lets the training demo and its docs run end to end offline.

Usage: ``.venv/bin/python scripts/make_sample_train.py``
"""

import os

import numpy as np
from osgeo import gdal, osr

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RASTER = os.path.join(ROOT, "sample_data", "sentinel2_berlin.tif")
OUT = os.path.join(ROOT, "sample_data", "train_survey_berlin.csv")


def main():
    ds = gdal.Open(RASTER)
    gt = ds.GetGeoTransform()
    data = ds.ReadAsArray().astype(np.float32) * 1e-4  # B02 B03 B04 B08 B11 B12
    red, nir, swir = data[2], data[3], data[4]
    ndvi = (nir - red) / np.maximum(nir + red, 1e-6)
    ndbi = (swir - nir) / np.maximum(swir + nir, 1e-6)
    built = ((ndbi > 0) & (ndvi < 0.3)).astype(np.float32)
    srs = osr.SpatialReference()
    srs.ImportFromWkt(ds.GetProjection())
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    wgs = osr.SpatialReference()
    wgs.ImportFromEPSG(4326)
    wgs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    to_wgs = osr.CoordinateTransformation(srs, wgs)
    rng = np.random.default_rng(42)
    rows = []
    h, w = built.shape
    for r in range(32, h - 32, 64):
        for c in range(32, w - 32, 64):
            win = built[max(0, r - 100):r + 100, max(0, c - 100):c + 100]
            share = float(win.mean())
            x, y = gt[0] + (c + 0.5) * gt[1], gt[3] + (r + 0.5) * gt[5]
            lon, lat, _ = to_wgs.TransformPoint(x, y)
            group = ("N" if r < h / 2 else "S") + ("W" if c < w / 2 else "E")
            value = -1.0 + 3.0 * share + rng.normal(scale=0.05)
            rows.append((lat, lon, value, group, int(share > 0.3)))
    with open(OUT, "w", encoding="utf-8") as handle:
        handle.write("lat,lon,synthetic_index,quadrant,urban\n")
        for lat, lon, value, group, urban in rows:
            handle.write("{:.6f},{:.6f},{:.4f},{},{}\n".format(lat, lon, value, group, urban))
    print("wrote {} ({} points)".format(OUT, len(rows)))


if __name__ == "__main__":
    main()
