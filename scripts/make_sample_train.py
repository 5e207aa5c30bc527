#!/usr/bin/env python3
"""Write ``sample_data/train_survey_berlin.csv``: synthetic survey points on the sample Sentinel-2 raster.

The value of every point is a transparent function of the imagery, **synthetic, NOT a wealth
measurement**, defined with the semantics the features have (see ``docs/train.md``):

* the chip grid of the training demo: chips of ``CHIP_PX`` = 64 px at 10 m (640 m), anchored at
  the raster's top-left corner, as prediction and training lay them out on this raster
  (``scripts/demo_train.py`` trains with a 64 px variant of the bundled embedder because the sample
  scene holds only 6 x 3 chips of the bundled 2.56 km size, but 24 x 12 = 288 chips of 640 m);
* one point per chip, at a random position inside it (seed 42), so every chip of the scene is the
  chip of exactly one point;
* ``share``: the built-up share (NDBI > 0 and NDVI < 0.3) over the valid, cloud-free pixels of the
  usable chips (prediction's thresholds: valid >= 0.7, clouds <= 0.3) of the point's 3 x 3-chip
  context (1.92 km), i.e. the pixels the training features of the point are pooled over;
* ``synthetic_index = -1 + 3 * share + noise``, noise normal with standard deviation 0.05
  (documented noise: about 4 % of the index's spread);
* groups: the scene's quadrants (``NW``, ``NE``, ``SW``, ``SE``); ``urban`` = share > 0.6 (about half the points).

Reading, the valid/cloud tests and the chip status are the plugin's own functions
(``raster.GridReader``, ``chips.chip_quality``, ``chips.chip_status``, ``embed.index_arrays``).
Points whose chip is not usable are not written.

Usage: ``.venv/bin/python scripts/make_sample_train.py``
"""

import os
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RASTER = os.path.join(ROOT, "sample_data", "sentinel2_berlin.tif")
OUT = os.path.join(ROOT, "sample_data", "train_survey_berlin.csv")
BANDS = ["B02", "B03", "B04", "B08", "B11"]
CHIP_PX = 64
CONTEXT = 3
NOISE_SD = 0.05
URBAN_SHARE = 0.6  # about half of the points: the urban/rural baseline is then informative
MIN_VALID, MAX_CLOUD = 0.7, 0.3


def chip_counts(reader, n_cols, n_rows):
    """Per chip ``(status, built pixels, clear pixels)`` on the grid of ``reader``."""
    from wealthmap.core.wealth.chips import chip_quality, chip_status
    from wealthmap.core.wealth.embed import index_arrays

    out = {}
    for row in range(n_rows):
        refl, valid, scl = reader.read(0, row * CHIP_PX, n_cols * CHIP_PX, CHIP_PX, chip_px=CHIP_PX)
        ix = index_arrays(refl, BANDS)
        built = (ix["ndbi"] > 0.0) & (ix["ndvi"] < 0.3)
        for col in range(n_cols):
            vf, cf, clear = chip_quality(refl[col], BANDS, valid[col], scl[col] if scl is not None else None)
            out[(row, col)] = (chip_status(vf, cf, MIN_VALID, MAX_CLOUD), int((built[col] & clear).sum()),
                               int(clear.sum()))
    return out


def main():
    sys.path.insert(0, ROOT)
    from osgeo import osr

    import conftest  # noqa: F401 - registers the repository as the ``wealthmap`` package
    from wealthmap.core.wealth.chips import STATUS_OK, ChipGrid
    from wealthmap.core.wealth.raster import GridReader, RasterSource, grid_origin, srs_from, working_srs

    src = RasterSource(RASTER)
    srs = working_srs(src)
    ox, oy = grid_origin(src, srs, CHIP_PX * 10.0)
    grid = ChipGrid(ox, oy, CHIP_PX, 10.0)
    reader = GridReader(src, srs, 10.0, ox, oy, BANDS)
    n_cols, n_rows = src.width // CHIP_PX, src.height // CHIP_PX
    counts = chip_counts(reader, n_cols, n_rows)
    to_wgs = osr.CoordinateTransformation(srs, srs_from(4326))
    rng = np.random.default_rng(42)
    k = CONTEXT // 2
    rows = []
    for row in range(n_rows):
        for col in range(n_cols):
            u, v, noise = rng.uniform(0.02, 0.98), rng.uniform(0.02, 0.98), rng.normal(scale=NOISE_SD)
            if counts[(row, col)][0] != STATUS_OK:
                continue
            built = clear = 0
            for rr in range(row - k, row + k + 1):
                for cc in range(col - k, col + k + 1):
                    status, b, c = counts.get((rr, cc), (None, 0, 0))
                    if status == STATUS_OK:
                        built += b
                        clear += c
            share = built / clear
            x0, y0, x1, y1 = grid.bounds(col, row)
            lon, lat = to_wgs.TransformPoint(x0 + u * (x1 - x0), y0 + v * (y1 - y0))[:2]
            group = ("N" if row < n_rows / 2 else "S") + ("W" if col < n_cols / 2 else "E")
            rows.append((lat, lon, -1.0 + 3.0 * share + noise, round(share, 4), group, int(share > URBAN_SHARE)))
    with open(OUT, "w", encoding="utf-8") as handle:
        handle.write("lat,lon,synthetic_index,builtup_share_3x3,quadrant,urban\n")
        for lat, lon, value, share, group, urban in rows:
            handle.write("{:.6f},{:.6f},{:.4f},{},{},{}\n".format(lat, lon, value, share, group, urban))
    print("wrote {} ({} points on {} x {} chips of {} px)".format(OUT, len(rows), n_cols, n_rows, CHIP_PX))


if __name__ == "__main__":
    main()
