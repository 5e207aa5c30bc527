"""Chips: a grid of square cells over the region, and their valid and cloud fractions.

The chip grid lives in the model's projected CRS (see ``raster.working_srs``): cells of
``chip_px * gsd`` metres whose top-left anchor is the raster's corner when the raster is
already on that CRS (so chips line up with its pixels and no resampling happens), else a
multiple of the chip size from the CRS origin. Cell (col, row) covers
``[ox + col*chip_m, ox + (col+1)*chip_m] x [oy - (row+1)*chip_m, oy - row*chip_m]``. A chip
belongs to a region when its **centre** lies inside the region.

Quality of a chip:

* ``valid_fraction``: share of its pixels with data in every model band (not nodata, not
  outside the raster, SCL not 0/1);
* ``cloud_fraction``: share of its valid pixels flagged cloudy: by the SCL band when present
  (classes 3 cloud shadow, 8/9 cloud, 10 thin cirrus), otherwise by a brightness test:
  **blue (B02) > 0.20 and mean visible reflectance (B02, B03, B04) > 0.25, and, when B11 is
  read, SWIR1 (B11) > 0.15** (clouds are bright in the visible and the SWIR; snow and
  water are dark in the SWIR). It is a coarse screen, not a cloud mask: it misses thin
  cloud and haze, and can flag very bright roofs.
"""

import math

import numpy as np

from .raster import SCL_CLOUD

BRIGHT_BLUE = 0.20
BRIGHT_VISIBLE = 0.25
BRIGHT_SWIR = 0.15

STATUS_OK = "ok"
STATUS_NODATA = "nodata"
STATUS_CLOUDY = "cloudy"


class ChipGrid:
    """The chip grid: ``origin`` (top-left anchor), ``chip_m`` (cell size, metres), ``chip_px``."""

    def __init__(self, origin_x, origin_y, chip_px, gsd):
        self.origin_x, self.origin_y = float(origin_x), float(origin_y)
        self.chip_px = int(chip_px)
        self.gsd = float(gsd)
        self.chip_m = self.chip_px * self.gsd

    def bounds(self, col, row):
        """(xmin, ymin, xmax, ymax) of cell (col, row)."""
        x0 = self.origin_x + col * self.chip_m
        y1 = self.origin_y - row * self.chip_m
        return x0, y1 - self.chip_m, x0 + self.chip_m, y1

    def centre(self, col, row):
        x0, y0, x1, y1 = self.bounds(col, row)
        return (x0 + x1) / 2.0, (y0 + y1) / 2.0

    def cell_range(self, bbox):
        """Columns and rows whose cells touch ``bbox``: ``(c0, c1, r0, r1)`` (end exclusive)."""
        xmin, ymin, xmax, ymax = bbox
        c0 = math.floor((xmin - self.origin_x) / self.chip_m)
        c1 = math.ceil((xmax - self.origin_x) / self.chip_m)
        r0 = math.floor((self.origin_y - ymax) / self.chip_m)
        r1 = math.ceil((self.origin_y - ymin) / self.chip_m)
        return c0, max(c1, c0 + 1), r0, max(r1, r0 + 1)

    def pixel(self, col, row):
        """Grid pixel (col, row) of the chip's top-left pixel."""
        return col * self.chip_px, row * self.chip_px


def cloud_mask(refl, bands, valid, scl=None):
    """Bool mask of cloudy pixels (only among ``valid``); ``refl`` is ``(B, H, W)`` or ``(N, B, H, W)``."""
    if scl is not None:
        return np.isin(scl, SCL_CLOUD) & valid
    def take(name):  # a view, not a copy
        return refl[bands.index(name)] if refl.ndim == 3 else refl[:, bands.index(name)]

    blue = take("B02")
    with np.errstate(invalid="ignore"):
        cloud = blue > BRIGHT_BLUE
        cloud &= valid
        if not cloud.any():  # the usual clear chip: one comparison decides
            return cloud
        cloud &= (blue + take("B03") + take("B04")) / 3.0 > BRIGHT_VISIBLE
        if "B11" in bands:
            cloud &= take("B11") > BRIGHT_SWIR
    return cloud


def run_quality(refl, bands, valid, scl=None):
    """``(valid_fraction (N,), cloud_fraction (N,), clear (N, H, W))`` of chips ``refl`` ``(N, B, H, W)``
    with their ``valid`` masks (and SCL): the share of valid pixels, the share of the valid pixels that are
    cloudy, and the valid, cloud-free pixels. All chips of a run in a few array passes."""
    n = len(refl)
    size = valid[0].size if n else 1
    cloud = cloud_mask(refl, bands, valid, scl)
    n_valid = np.count_nonzero(valid.reshape(n, -1), axis=1)
    if cloud.any():
        n_cloud = np.count_nonzero(cloud.reshape(n, -1), axis=1)
        clear = valid & ~cloud
    else:  # the usual clear run: nothing to count or mask
        n_cloud = np.zeros(n, dtype=np.int64)
        clear = valid
    cloud_fraction = np.where(n_valid > 0, n_cloud / np.maximum(n_valid, 1), 0.0)
    return n_valid / float(size), cloud_fraction, clear


def chip_quality(refl, bands, valid, scl=None):
    """``(valid_fraction, cloud_fraction, clear_mask)`` of one chip (``refl`` ``(B, H, W)``)."""
    vf, cf, clear = run_quality(refl[None], bands, valid[None], None if scl is None else scl[None])
    return float(vf[0]), float(cf[0]), clear[0]


def chip_status(valid_fraction, cloud_fraction, min_valid, max_cloud):
    if valid_fraction < min_valid:
        return STATUS_NODATA
    if cloud_fraction > max_cloud:
        return STATUS_CLOUDY
    return STATUS_OK


def split_chips(array, chip_px):
    """Split ``(B, H, W)`` (or ``(H, W)``) into non-overlapping chips along the width: ``(n, B, chip, chip)``."""
    if array.ndim == 2:
        array = array[None]
        squeeze = True
    else:
        squeeze = False
    n = array.shape[2] // chip_px
    chips = array[:, :chip_px, :n * chip_px].reshape(array.shape[0], chip_px, n, chip_px).transpose(2, 0, 1, 3)
    chips = np.ascontiguousarray(chips)
    return chips[:, 0] if squeeze else chips
