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
        data = np.round(refl * 10000 + offset_dn).astype({gdal.GDT_UInt16: np.uint16, gdal.GDT_Int16: np.int16}.get(
            dtype, np.uint8))
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


SAFE_TILE, SAFE_DATE = "T33UUU", "20230615T101559"


def make_safe(folder, level="L2A", baseline="05.09", dn_offset=1000, size=512, cloud_box=None, as_zip=False,
              drop=(), origin=ORIGIN, tile=None, seed=0):
    """A small Sentinel-2 product as ESA delivers it: ``<name>.SAFE/MTD_MSIL2A.xml`` (or L1C) with the
    processing baseline, quantification value and per-band additive offsets (``-dn_offset``), and one
    tile's band files as JPEG 2000 (L2A: ``IMG_DATA/R10m/*_B02_10m.jp2`` ..., B11/B12/SCL at 20 m, B02 also
    at 20 m; L1C: ``IMG_DATA/*_B02.jp2`` at native resolution). Pixels: :func:`reflectance` (``size`` px
    at 10 m, origin :data:`ORIGIN`, UTM 33N) as DN = reflectance x 10000 + ``dn_offset``; 20 m bands are
    2 x 2 means; SCL is 4 (vegetation) with 9 (cloud) over ``cloud_box`` (10 m px). ``drop``: band names
    left out. Returns the .SAFE folder (or the .zip with ``as_zip``)."""
    import shutil

    tile_id = tile or SAFE_TILE
    base = "S2B_MSI{}_{}_N{}_R065_{}_20230615T130000".format(level, SAFE_DATE, baseline.replace(".", ""),
                                                             tile_id)
    safe = os.path.join(str(folder), base + ".SAFE")
    granule = os.path.join(safe, "GRANULE", "{}_{}_A041000_{}".format(level, tile_id, SAFE_DATE), "IMG_DATA")
    refl = reflectance(size, size, seed=seed)
    dn10 = np.round(refl * 10000 + dn_offset).astype(np.uint16)
    dn = {b: dn10[i] for i, b in enumerate(BANDS)}
    dn["B12"] = np.round(refl[BANDS.index("B11")] * 8000 + dn_offset).astype(np.uint16)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32633)

    def write(path, array, gsd):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        mem = gdal.GetDriverByName("MEM").Create("", array.shape[1], array.shape[0], 1,
                                                 gdal.GDT_Byte if array.dtype == np.uint8 else gdal.GDT_UInt16)
        mem.SetGeoTransform((origin[0], gsd, 0, origin[1], 0, -gsd))
        mem.SetProjection(srs.ExportToWkt())
        mem.GetRasterBand(1).WriteArray(array)
        gdal.Translate(path, mem, format="JP2OpenJPEG", creationOptions=["QUALITY=100", "REVERSIBLE=YES"])

    def half(array):
        h, w = array.shape
        return np.round(array.reshape(h // 2, 2, w // 2, 2).astype(np.float64).mean(axis=(1, 3))).astype(np.uint16)

    for band, array in dn.items():
        if band in drop:
            continue
        gsd = 10 if band in ("B02", "B03", "B04", "B08") else 20
        data = array if gsd == 10 else half(array)
        if level == "L2A":
            write(os.path.join(granule, "R{}m".format(gsd), "{}_{}_{}_{}m.jp2".format(SAFE_TILE, SAFE_DATE, band, gsd)),
                  data, gsd)
        else:
            write(os.path.join(granule, "{}_{}_{}.jp2".format(SAFE_TILE, SAFE_DATE, band)), data, gsd)
    if level == "L2A":  # B02 also comes at 20 m in an L2A product: the 10 m file must win
        write(os.path.join(granule, "R20m", "{}_{}_B02_20m.jp2".format(SAFE_TILE, SAFE_DATE)), half(dn["B02"]) // 2, 20)
        if "SCL" not in drop:
            scl = np.full((size // 2, size // 2), 4, np.uint8)
            if cloud_box is not None:
                c0, r0, cw, rh = cloud_box
                scl[r0 // 2:(r0 + rh) // 2, c0 // 2:(c0 + cw) // 2] = 9
            write(os.path.join(granule, "R20m", "{}_{}_SCL_20m.jp2".format(SAFE_TILE, SAFE_DATE)), scl, 20)
    ids = ["B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A", "B09", "B10", "B11", "B12"]
    # the product's file list and the tile's geocoding, so that GDAL's SENTINEL2 driver (what QGIS uses to
    # open a product) lists its sub-datasets
    images = sorted(os.path.relpath(os.path.join(dp, f), safe)[:-4].replace(os.sep, "/")
                    for dp, _, fs in os.walk(granule) for f in fs if f.endswith(".jp2"))
    organisation = ('<Query_Options completeSingleTile="true"><PRODUCT_FORMAT>SAFE_COMPACT</PRODUCT_FORMAT>'
                    "</Query_Options><Product_Organisation><Granule_List><Granule imageFormat=\"JPEG2000\">{}"
                    "</Granule></Granule_List></Product_Organisation>").format(
        "".join("<IMAGE_FILE>{}</IMAGE_FILE>".format(i) for i in images))
    geocoding = "".join(
        '<Size resolution="{0}"><NROWS>{1}</NROWS><NCOLS>{1}</NCOLS></Size>'
        '<Geoposition resolution="{0}"><ULX>{2}</ULX><ULY>{3}</ULY><XDIM>{0}</XDIM><YDIM>-{0}</YDIM></Geoposition>'
        .format(r, size * 10 // r, origin[0], origin[1]) for r in (10, 20, 60))
    with open(os.path.join(os.path.dirname(granule), "MTD_TL.xml"), "w", encoding="utf-8") as handle:
        handle.write('<?xml version="1.0" encoding="UTF-8"?>\n<n1:Level-{0}_Tile_ID xmlns:n1="https://psd-14.'
                     'sentinel2.eo.esa.int/PSD/S2_PDI_Level-{0}_Tile_Metadata.xsd"><n1:Geometric_Info>'
                     "<Tile_Geocoding><HORIZONTAL_CS_NAME>WGS84 / UTM zone 33N</HORIZONTAL_CS_NAME>"
                     "<HORIZONTAL_CS_CODE>EPSG:32633</HORIZONTAL_CS_CODE>{1}</Tile_Geocoding></n1:Geometric_Info>"
                     "</n1:Level-{0}_Tile_ID>\n".format(level[1:], geocoding))
    if level == "L2A":
        offsets = "".join('<BOA_ADD_OFFSET band_id="{}">{}</BOA_ADD_OFFSET>'.format(i, -dn_offset)
                          for i in range(len(ids)))
        xml = ('<?xml version="1.0" encoding="UTF-8"?>\n<n1:Level-2A_User_Product '
               'xmlns:n1="https://psd-14.sentinel2.eo.esa.int/PSD/User_Product_Level-2A.xsd">'
               "<n1:General_Info><Product_Info><PROCESSING_LEVEL>Level-2A</PROCESSING_LEVEL>"
               "<PROCESSING_BASELINE>{}</PROCESSING_BASELINE>" + organisation + "</Product_Info>"
               "<Product_Image_Characteristics><QUANTIFICATION_VALUES_LIST>"
               "<BOA_QUANTIFICATION_VALUE unit=\"none\">10000</BOA_QUANTIFICATION_VALUE>"
               "<AOT_QUANTIFICATION_VALUE unit=\"none\">1000.0</AOT_QUANTIFICATION_VALUE></QUANTIFICATION_VALUES_LIST>"
               "{}</Product_Image_Characteristics></n1:General_Info></n1:Level-2A_User_Product>\n").format(
            baseline, "<BOA_ADD_OFFSET_VALUES_LIST>{}</BOA_ADD_OFFSET_VALUES_LIST>".format(offsets)
            if dn_offset else "")
        name = "MTD_MSIL2A.xml"
    else:
        offsets = "".join('<RADIO_ADD_OFFSET band_id="{}">{}</RADIO_ADD_OFFSET>'.format(i, -dn_offset)
                          for i in range(len(ids)))
        xml = ('<?xml version="1.0" encoding="UTF-8"?>\n<n1:Level-1C_User_Product '
               'xmlns:n1="https://psd-14.sentinel2.eo.esa.int/PSD/User_Product_Level-1C.xsd">'
               "<n1:General_Info><Product_Info><PROCESSING_LEVEL>Level-1C</PROCESSING_LEVEL>"
               "<PROCESSING_BASELINE>{}</PROCESSING_BASELINE>" + organisation + "</Product_Info>"
               "<Product_Image_Characteristics><QUANTIFICATION_VALUE unit=\"none\">10000</QUANTIFICATION_VALUE>{}"
               "</Product_Image_Characteristics></n1:General_Info></n1:Level-1C_User_Product>\n").format(
            baseline, "<Radiometric_Offset_List>{}</Radiometric_Offset_List>".format(offsets) if dn_offset else "")
        name = "MTD_MSIL1C.xml"
    with open(os.path.join(safe, name), "w", encoding="utf-8") as handle:
        handle.write(xml)
    for aux in [os.path.join(dp, f) for dp, _, fs in os.walk(safe) for f in fs if f.endswith(".aux.xml")]:
        os.remove(aux)
    if not as_zip:
        return safe
    archive = shutil.make_archive(os.path.join(str(folder), base), "zip", str(folder), base + ".SAFE")
    shutil.rmtree(safe)
    return archive
