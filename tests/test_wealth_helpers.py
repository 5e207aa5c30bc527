"""Rasters the wealth tests build (and a check that they are what the tests assume).

``make_s2`` writes a small Sentinel-2-like GeoTIFF: bands B02, B03, B04, B08, B11 named in
the band descriptions, UInt16 reflectance x 10000 (plus an optional DN offset and processing
baseline), a built-up left part and a vegetated right part with texture, optional nodata
hole, bright cloud patch and SCL band.
"""

import os

import numpy as np
from osgeo import gdal, osr

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "sample_data", "sentinel2_berlin.tif")
BANDS = ["B02", "B03", "B04", "B08", "B11"]
URBAN = {"B02": 0.10, "B03": 0.10, "B04": 0.12, "B08": 0.17, "B11": 0.23}
VEG = {"B02": 0.04, "B03": 0.07, "B04": 0.04, "B08": 0.38, "B11": 0.18}
CLOUD = {"B02": 0.50, "B03": 0.50, "B04": 0.52, "B08": 0.55, "B11": 0.40}
ORIGIN = (500000.0, 5800000.0)
CHIP = 256

gdal.UseExceptions()


def reflectance(width=768, height=512, seed=0):
    """(bands, H, W) float32 reflectance: built-up left third, vegetation elsewhere, blocky texture."""
    rng = np.random.default_rng(seed)
    out = np.zeros((len(BANDS), height, width), np.float32)
    yy, xx = np.mgrid[0:height, 0:width]
    urban = xx < width // 3
    texture = ((yy // 8 + xx // 8) % 2).astype(np.float32) * 0.02
    for i, b in enumerate(BANDS):
        out[i] = np.where(urban, URBAN[b], VEG[b]) + texture + rng.normal(0, 0.005, (height, width))
    return np.clip(out, 0.001, 1.0)


def make_s2(path, epsg=32633, origin=ORIGIN, width=768, height=512, gsd=10.0, offset_dn=0, baseline=None,
            nodata_box=None, cloud_box=None, with_scl=False, descriptions=True, dtype=gdal.GDT_UInt16,
            band_names=BANDS, with_crs=True, level="L2A"):
    """Write the test raster; boxes are (col0, row0, cols, rows) in pixels. Returns ``path``."""
    refl = reflectance(width, height)
    if cloud_box is not None:
        c0, r0, cw, rh = cloud_box
        for i, b in enumerate(BANDS):
            refl[i, r0:r0 + rh, c0:c0 + cw] = CLOUD[b]
    if dtype == gdal.GDT_Float32:
        data = refl.astype(np.float32)
    else:
        data = np.round(refl * 10000 + offset_dn).astype(np.uint16 if dtype == gdal.GDT_UInt16 else np.uint8)
    if nodata_box is not None:
        c0, r0, cw, rh = nodata_box
        data[:, r0:r0 + rh, c0:c0 + cw] = 0
    n = len(band_names) + (1 if with_scl else 0)
    ds = gdal.GetDriverByName("GTiff").Create(str(path), width, height, n, dtype, ["COMPRESS=DEFLATE"])
    ds.SetGeoTransform((origin[0], gsd, 0, origin[1], 0, -gsd))
    if with_crs:
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(epsg)
        ds.SetProjection(srs.ExportToWkt())
    for i in range(len(band_names)):
        band = ds.GetRasterBand(i + 1)
        band.WriteArray(data[i])
        band.SetNoDataValue(0)
        if descriptions:
            band.SetDescription(band_names[i])
    if with_scl:
        scl = np.full((height, width), 4, np.uint8)
        if cloud_box is not None:
            c0, r0, cw, rh = cloud_box
            scl[r0:r0 + rh, c0:c0 + cw] = 9
        if nodata_box is not None:
            c0, r0, cw, rh = nodata_box
            scl[r0:r0 + rh, c0:c0 + cw] = 0
        band = ds.GetRasterBand(n)
        band.WriteArray(scl)
        band.SetDescription("SCL")
    if baseline is not None:
        ds.SetMetadataItem("PROCESSING_BASELINE", baseline)
        ds.SetMetadataItem("PROCESSING_LEVEL", level)
    ds.FlushCache()
    ds = None
    return str(path)


def warp_to_4326(src, dst):
    """The same raster in EPSG:4326 (degrees), band descriptions kept."""
    out = gdal.Warp(str(dst), str(src), dstSRS="EPSG:4326", resampleAlg="bilinear", srcNodata=0, dstNodata=0)
    src_ds = gdal.Open(str(src))
    for i in range(out.RasterCount):
        out.GetRasterBand(i + 1).SetDescription(src_ds.GetRasterBand(i + 1).GetDescription())
    out.FlushCache()
    out = None
    return str(dst)


def test_builder_makes_named_uint16_bands(tmp_path):
    path = make_s2(tmp_path / "a.tif", offset_dn=1000, baseline="04.00")
    ds = gdal.Open(path)
    assert [ds.GetRasterBand(i + 1).GetDescription() for i in range(ds.RasterCount)] == BANDS
    assert gdal.GetDataTypeName(ds.GetRasterBand(1).DataType) == "UInt16"
    b08 = ds.GetRasterBand(4).ReadAsArray()
    assert abs(float(b08[:, -10:].mean()) - (VEG["B08"] + 0.01) * 10000 - 1000) < 150
