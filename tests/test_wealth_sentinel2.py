"""Sentinel-2 products as ESA delivers them (SAFE folder, zip, metadata file, GDAL sub-dataset name):
the band files stacked at 10 m with the product's own reflectance conversion, end to end.

The products are built here (``make_safe``: real JPEG 2000 band files in the SAFE layout, real
metadata XML); prediction runs the real bundled model.
"""

import os
import sys

import numpy as np
import pytest
from osgeo import gdal

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_wealth_helpers import BANDS, ORIGIN, make_safe, reflectance  # noqa: E402

from wealthmap.core.errors import WealthMapError  # noqa: E402
from wealthmap.core.wealth.sentinel2 import subdataset_bands  # noqa: E402

gdal.UseExceptions()
SPECTRAL = ["B02", "B03", "B04", "B08", "B11", "B12"]


def read(path, bands, size=512):
    from wealthmap.core.wealth.raster import GridReader, RasterSource

    src = RasterSource(path)
    reader = GridReader(src, src.srs, 10.0, ORIGIN[0], ORIGIN[1], bands)
    assert reader.direct  # the stack lies on the tile's 10 m grid
    refl, valid, scl = reader.read(0, 0, size, size)
    return src, refl, valid, scl


@pytest.mark.parametrize("form", ["safe", "mtd", "subdataset", "zip", "zip_subdataset", "band_file", "zip_band_file"])
def test_l2a_product_is_stacked_at_10m_with_its_offset(tmp_path, qgis_app, form):
    """Processing baseline 05.09: DN = reflectance x 10000 + 1000. Every way QGIS or a user names the
    product gives the same stack: named bands at 10 m (the 10 m B02, not the 20 m copy), B11/B12
    upsampled from 20 m, SCL, and reflectance = (DN - 1000) / 10000 from the product's metadata."""
    product = make_safe(tmp_path, cloud_box=(300, 300, 100, 100), as_zip=form.startswith("zip"))
    assert form != "band_file" or os.path.exists(os.path.join(str(product), "GRANULE"))
    name = "S2B_MSIL2A_20230615T101559_N0509_R065_T33UUU_20230615T130000.SAFE"
    path = {"safe": product, "mtd": os.path.join(str(product), "MTD_MSIL2A.xml"),
            "subdataset": "SENTINEL2_L2A:{}:10m:EPSG_32633".format(os.path.join(str(product), "MTD_MSIL2A.xml")),
            "zip": product,
            "zip_subdataset": "SENTINEL2_L2A:/vsizip/{}/{}/MTD_MSIL2A.xml:20m:EPSG_32633".format(product, name),
            # one band's file dragged into QGIS from the product's IMG_DATA: the whole product is read
            "band_file": os.path.join(str(product), "GRANULE", "L2A_T33UUU_A041000_20230615T101559", "IMG_DATA",
                                      "R10m", "T33UUU_20230615T101559_B04_10m.jp2"),
            "zip_band_file": "/vsizip/{}/{}/GRANULE/L2A_T33UUU_A041000_20230615T101559/IMG_DATA/R20m/"
                             "T33UUU_20230615T101559_B11_20m.jp2".format(product, name)}[form]
    src, refl, valid, scl = read(path, ["B02", "B04", "B11"])
    assert [src.band_map[b] for b in SPECTRAL] == [1, 2, 3, 4, 5, 6] and src.band_map["SCL"] == 7
    assert src.has_scl and src.is_jpeg2000 and src.name == name
    assert src.scale == pytest.approx(1e-4) and src.offset == pytest.approx(-0.1)
    assert src.ds.RasterXSize == 512 and src.pixel_size() == (10.0, 10.0)
    truth = reflectance(512, 512)
    assert valid.all()
    np.testing.assert_allclose(refl[0], truth[0], atol=6e-5)  # B02 at 10 m, offset removed
    np.testing.assert_allclose(refl[1], truth[2], atol=6e-5)  # B04
    b11 = truth[BANDS.index("B11")]
    assert abs(float(refl[2].mean()) - float(b11.mean())) < 2e-3  # B11 from 20 m, offset removed
    assert np.corrcoef(refl[2].ravel(), b11.ravel())[0, 1] > 0.9  # the same pattern, upsampled
    assert (scl[300:400, 300:400] == 9).all() and (scl[:250] == 4).all()


def test_l1c_and_old_baselines_use_their_own_conversion(tmp_path, qgis_app):
    """L1C 04.00 carries RADIO_ADD_OFFSET -1000; a 02.09 L2A product has no offset (DN / 10000)."""
    l1c = make_safe(tmp_path / "a", level="L1C", baseline="04.00")
    src, refl, _, scl = read(l1c, ["B03"], size=256)
    assert src.offset == pytest.approx(-0.1) and src.scale == pytest.approx(1e-4) and scl is None
    assert "SCL" not in src.band_map and src.processing_baseline() == pytest.approx(4.0)
    np.testing.assert_allclose(refl[0], reflectance(512, 512)[1][:256, :256], atol=6e-5)
    old = make_safe(tmp_path / "b", baseline="02.09", dn_offset=0)
    src, refl, _, _ = read(old, ["B08"], size=256)
    assert src.offset == 0.0 and src.scale == pytest.approx(1e-4)
    np.testing.assert_allclose(refl[0], reflectance(512, 512)[3][:256, :256], atol=6e-5)
    # products made before December 2016 name their metadata file S2A_OPER_MTD_SAFL1C_...xml
    legacy = make_safe(tmp_path / "c", level="L1C", baseline="02.01", dn_offset=0)
    os.rename(os.path.join(legacy, "MTD_MSIL1C.xml"),
              os.path.join(legacy, "S2A_OPER_MTD_SAFL1C_PDMC_20160119T160000_R051_V20160119T101000_"
                                   "20160119T101000.xml"))
    src, refl, _, _ = read(legacy, ["B02"], size=256)
    assert src.sentinel2_vrt and src.name.endswith(".SAFE") and src.offset == 0.0 and "SCL" not in src.band_map
    np.testing.assert_allclose(refl[0], reflectance(512, 512)[0][:256, :256], atol=6e-5)


def test_prediction_on_a_zipped_product_end_to_end(tmp_path, qgis_app, monkeypatch):
    """The product's zip, as downloaded, predicts end to end: 2 x 2 chips, the one under the SCL cloud
    patch is 'cloudy', the others get finite values; the summary names the product."""
    from qgis.core import NULL

    from wealthmap.core.wealth import predict as predict_mod
    from wealthmap.core.wealth.api import predict_wealth
    from wealthmap.core.wealth.predict import load_output_layer

    archive = make_safe(tmp_path, cloud_box=(280, 280, 220, 220), as_zip=True)
    monkeypatch.setattr(predict_mod, "JP2_ADVICE_CHIPS", 4)
    result = predict_wealth(archive, output=str(tmp_path / "out.gpkg"), max_chips=0)
    # JPEG 2000 decodes slowly: the advice names the stack to convert
    assert len(result["advice"]) == 1 and "JPEG 2000" in result["advice"][0]
    stack = result["advice"][0].rsplit(": ", 1)[1]
    assert stack.endswith(".vrt") and gdal.Open(stack).RasterCount == 7
    assert result["raster"]["name"].endswith("T33UUU_20230615T130000.SAFE")
    assert result["raster"]["sentinel2_stack"] == stack and result["reflectance"]["offset"] == pytest.approx(-0.1)
    assert result["chips"] == 4 and result["statuses"] == {"ok": 3, "cloudy": 1}, result["statuses"]
    layer = load_output_layer(result)
    assert layer.isValid() and layer.featureCount() == 4
    rows = {(f["grid_col"], f["grid_row"]): f for f in layer.getFeatures()}
    cloudy = [k for k, f in rows.items() if f["status"] == "cloudy"]
    assert cloudy == [(1, 1)]  # the lower-right chip (grid anchored at the tile corner)
    assert rows[cloudy[0]]["wealth"] == NULL and rows[cloudy[0]]["cloud_frac"] > 0.5
    assert all(np.isfinite(f["wealth"]) for f in rows.values() if f["status"] == "ok")


def test_incomplete_or_foreign_products_get_clear_messages(tmp_path, qgis_app):
    from wealthmap.core.wealth.api import predict_wealth
    from wealthmap.core.wealth.raster import RasterSource

    no_b11 = make_safe(tmp_path / "a", drop=("B11",))
    with pytest.raises(WealthMapError, match=r"'S2B_MSIL2A_\S+\.SAFE' lacks the band\(s\) B11"):
        predict_wealth(no_b11, output=str(tmp_path / "a.gpkg"), max_chips=0)
    empty = tmp_path / "S2A_MSIL2A_20230101T000000_N0509_R001_T33UUU_20230101T000000.SAFE"
    empty.mkdir()
    (empty / "MTD_MSIL2A.xml").write_text("<Level-2A_User_Product/>", encoding="utf-8")
    with pytest.raises(WealthMapError, match="No band files .* were found in the Sentinel-2 product"):
        RasterSource(str(empty))
    broken = tmp_path / "S2A_MSIL1C_x.SAFE"
    broken.mkdir()
    (broken / "MTD_MSIL1C.xml").write_text("<not xml", encoding="utf-8")
    with pytest.raises(WealthMapError, match="is not valid XML"):
        RasterSource(str(broken))
    with pytest.raises(WealthMapError, match="has no metadata file"):
        RasterSource("SENTINEL2_L2A:{}:10m:EPSG_32633".format(tmp_path / "nowhere" / "MTD_MSIL2A.xml"))
    with pytest.raises(WealthMapError, match="does not exist"):
        RasterSource(str(tmp_path / "nothing.tif"))


def _second_tile(safe, dx, epsg=32633):
    """Copy the product's tile as a second granule ``dx`` metres east (optionally in another UTM zone)."""
    import glob
    import shutil

    first = glob.glob(os.path.join(safe, "GRANULE", "*"))[0]
    second = first + "_east"
    shutil.copytree(first, second)
    for path in glob.glob(os.path.join(second, "IMG_DATA", "**", "*.jp2"), recursive=True):
        src = gdal.Open(path)
        gt = src.GetGeoTransform()
        bounds = [gt[0] + dx, gt[3], gt[0] + dx + gt[1] * src.RasterXSize, gt[3] + gt[5] * src.RasterYSize]
        data = src.ReadAsArray()
        src = None
        os.remove(path)
        mem = gdal.GetDriverByName("MEM").Create("", data.shape[1], data.shape[0], 1,
                                                 gdal.GDT_Byte if data.dtype == np.uint8 else gdal.GDT_UInt16)
        mem.GetRasterBand(1).WriteArray(data)
        gdal.Translate(path, mem, format="JP2OpenJPEG", outputBounds=bounds, outputSRS="EPSG:{}".format(epsg),
                       creationOptions=["QUALITY=100", "REVERSIBLE=YES"])
    for aux in glob.glob(os.path.join(second, "**", "*.aux.xml"), recursive=True):
        os.remove(aux)


def test_products_with_several_tiles_are_mosaicked_or_refused(tmp_path, qgis_app):
    """Old products hold several tiles: tiles in one UTM zone are mosaicked band by band; tiles in two zones
    are refused with a message (GDAL would silently leave some out)."""
    from wealthmap.core.wealth.raster import RasterSource

    safe = make_safe(tmp_path / "a", size=256)
    _second_tile(safe, 2560.0)
    src = RasterSource(safe)
    assert (src.ds.RasterXSize, src.ds.RasterYSize) == (512, 256)
    assert src.ds.GetRasterBand(src.band_map["B11"]).ReadAsArray()[:, 256:].mean() > 1000  # the east tile's data
    two_zones = make_safe(tmp_path / "b", size=256)
    _second_tile(two_zones, 2560.0, epsg=32634)
    with pytest.raises(WealthMapError, match="cannot be combined .*different coordinate systems"):
        RasterSource(two_zones)


def test_layer_qgis_opens_from_a_product_predicts_in_api_and_processing(tmp_path, qgis_app, processing):
    """A user drags the downloaded zip into QGIS and picks the 10 m sub-dataset: GDAL's SENTINEL2 driver gives
    a layer with B4, B3, B2 and B8 only. The console API and the Processing algorithm, given that layer, read
    the whole product (B11 and SCL included) and predict the same values."""
    from qgis.core import QgsRasterLayer

    from wealthmap.core.wealth.api import predict_wealth

    archive = make_safe(tmp_path, as_zip=True)
    subdatasets = [name for name, _ in gdal.Open(archive).GetSubDatasets()]
    ten = [name for name in subdatasets if ":10m:" in name]
    assert ten and ten[0].startswith("SENTINEL2_L2A:/vsizip/"), subdatasets
    layer = QgsRasterLayer(ten[0], "10 m", "gdal")
    # what QGIS shows: no B11; GDAL >= 3.10 adds the aerosol and water-vapour maps (no files in this product)
    spectral, auxiliary = subdataset_bands(gdal.Open(ten[0]))
    assert spectral == ["B4", "B3", "B2", "B8"]
    assert auxiliary == (["AOT", "WVP"] if int(gdal.VersionInfo()) >= 3100000 else [])
    assert layer.isValid() and layer.bandCount() == len(spectral) + len(auxiliary)
    api = predict_wealth(layer, output=str(tmp_path / "api.gpkg"), max_chips=0)
    assert api["chips"] == 4 and api["chips_used"] == 4
    alg = processing.run("wealthmap:predictwealth", {"INPUT": layer, "MAX_CHIPS": 0,
                                                      "OUTPUT": str(tmp_path / "alg.gpkg")})
    assert alg["CHIPS"] == 4
    # the zip itself is no QGIS layer (only sub-datasets): it goes in PRODUCTS, an extent without CRS is in the
    # product's CRS
    assert not QgsRasterLayer(archive, "zip", "gdal").isValid()
    by_path = processing.run("wealthmap:predictwealth", {"PRODUCTS": [archive], "MAX_CHIPS": 0,
                                                          "EXTENT": "500000,505120,5794880,5800000",
                                                          "OUTPUT": str(tmp_path / "zip.gpkg")})
    assert by_path["CHIPS"] == 4

    def values(path):
        from wealthmap.core.wealth.predict import load_output_layer

        lyr = load_output_layer({"output": path, "layer_name": api["layer_name"], "title": "t",
                                 "model_id": api["model_id"], "model_status": api["model_status"]})
        return sorted((f["grid_col"], f["grid_row"], round(f["wealth"], 6)) for f in lyr.getFeatures())

    assert values(api["output"]) == values(alg["OUTPUT"]) == values(by_path["OUTPUT"])
    import zipfile

    from qgis.core import QgsProcessingException

    with zipfile.ZipFile(str(tmp_path / "other.zip"), "w") as other:
        other.writestr("notes.txt", "not a product")
    with pytest.raises(QgsProcessingException, match="is not a Sentinel-2 product"):
        processing.run("wealthmap:predictwealth", {"PRODUCTS": [str(tmp_path / "other.zip")], "OUTPUT": "x.gpkg"})
    with pytest.raises(QgsProcessingException, match="No raster was given"):
        processing.run("wealthmap:predictwealth", {"OUTPUT": "x.gpkg"})


def test_training_on_a_product_by_its_sub_dataset_name(tmp_path, qgis_app):
    """The trainer reads a product the same way (here by the sub-dataset name QGIS gives its layer, which
    is no file path: the input hash and the feature cache use the zip's size and time), learns a target
    that follows the product's pixels, and a rerun takes every point from the cache."""
    from osgeo import osr
    from train_helpers import make_embedder_bundle, write_survey

    from wealthmap.core.wealth.raster import file_stat
    from wealthmap.core.wealth.train_api import train_wealth_model

    archive = make_safe(tmp_path, as_zip=True)
    name = os.path.basename(archive)[:-4] + ".SAFE"
    sub = "SENTINEL2_L2A:/vsizip/{}/{}/MTD_MSIL2A.xml:10m:EPSG_32633".format(archive, name)
    assert file_stat(sub).st_size == os.path.getsize(archive) == file_stat(archive).st_size
    assert file_stat(str(tmp_path / "missing.tif")) is None
    make_embedder_bundle(str(tmp_path / "emb"))
    utm, wgs = osr.SpatialReference(), osr.SpatialReference()
    utm.ImportFromEPSG(32633)
    wgs.ImportFromEPSG(4326)
    wgs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    utm.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    to_wgs = osr.CoordinateTransformation(utm, wgs)
    lon, lat, value = [], [], []
    for py in range(40, 480, 36):
        for px in range(40, 480, 36):
            x, y = ORIGIN[0] + px * 10 + 5, ORIGIN[1] - py * 10 - 5
            lo, la = to_wgs.TransformPoint(x, y)[:2]
            lon.append(lo)
            lat.append(la)
            value.append(float(np.clip((512 // 3 - (px - 24)) / 48.0, 0, 1)))  # built-up share of its window
    survey = write_survey(str(tmp_path / "survey.csv"), lon, lat, value)
    common = dict(value_field="wealth", block_km=1.2, n_estimators=40, context_chips=3, bundle=str(tmp_path / "emb"),
                  cache_path=str(tmp_path / "cache.sqlite"), ablation=False)
    first = train_wealth_model(survey, [sub], out_dir=str(tmp_path / "a"), **common)
    assert len(first["observed"]) == len(lon) and first["cached_points"] == 0
    assert first["metrics"]["model"]["r2"] > 0.8, first["metrics"]
    second = train_wealth_model(survey, [sub], out_dir=str(tmp_path / "b"), **common)
    assert second["cached_points"] == len(lon) and second["embedded_chips"] == 0


def test_virtual_raster_of_band_files_gets_band_names_and_the_products_offset(tmp_path, qgis_app):
    """QGIS's Build Virtual Raster (one band per file) over a product's JPEG 2000 files gives bands without
    names: they come from the file names, and the reflectance offset from the product the files belong to
    (baseline 05.09: -1000), which a plain VRT would lose (reflectance 0.1 too high). Plain per-band files
    named after their band get the names too."""
    import glob

    from wealthmap.core.wealth.raster import GridReader, RasterSource, band_from_filename

    assert band_from_filename("T33UUU_20230615T101559_B02_10m.jp2") == "B02"
    assert band_from_filename("/x/S2_red.tif") == "B04" and band_from_filename("B8A.tif") == "B8A"
    assert band_from_filename("scene.tif") is None
    safe = make_safe(tmp_path / "p")
    files = [glob.glob(os.path.join(safe, "GRANULE", "*", "IMG_DATA", "R{}m".format(r), "*_{}_*.jp2".format(b)))[0]
             for b, r in (("B02", 10), ("B03", 10), ("B04", 10), ("B08", 10), ("B11", 20))]
    vrt = str(tmp_path / "stack.vrt")
    gdal.BuildVRT(vrt, files, separate=True, resolution="highest")
    assert gdal.Open(vrt).GetRasterBand(1).GetDescription() == ""  # what GDAL/QGIS write: no names
    src = RasterSource(vrt)
    assert src.band_map == {"B02": 1, "B03": 2, "B04": 3, "B08": 4, "B11": 5}
    assert src.offset == pytest.approx(-0.1) and "MTD_MSIL2A.xml" in src.reflectance_source
    assert src.processing_baseline() == pytest.approx(5.09)
    reader = GridReader(src, src.srs, 10.0, ORIGIN[0], ORIGIN[1], ["B02"])
    refl, _, _ = reader.read(0, 0, 512, 512)
    np.testing.assert_allclose(refl[0], reflectance(512, 512)[0], atol=6e-5)
    # per-band GeoTIFFs named after their band, no product
    truth = reflectance(256, 256)
    plain = []
    for i, name in enumerate(["blue", "green", "red", "nir", "swir16"]):
        path = str(tmp_path / "{}.tif".format(name))
        ds = gdal.GetDriverByName("GTiff").Create(path, 256, 256, 1, gdal.GDT_UInt16)
        ds.SetGeoTransform((ORIGIN[0], 10, 0, ORIGIN[1], 0, -10))
        ds.SetProjection(src.wkt)
        ds.GetRasterBand(1).WriteArray(np.round(truth[i] * 10000).astype(np.uint16))
        ds = None
        plain.append(path)
    gdal.BuildVRT(str(tmp_path / "plain.vrt"), plain, separate=True)
    other = RasterSource(str(tmp_path / "plain.vrt"))
    assert other.band_map == {"B02": 1, "B03": 2, "B04": 3, "B08": 4, "B11": 5} and other.offset == 0.0
    # two files of one band: no guess, the usual message
    gdal.BuildVRT(str(tmp_path / "twice.vrt"), [plain[0], plain[0]], separate=True)
    with pytest.raises(WealthMapError, match="lacks the band"):
        RasterSource(str(tmp_path / "twice.vrt")).require_bands(["B02"])


def test_training_algorithm_takes_products(tmp_path, qgis_app, processing):
    """wealthmap:trainwealthmodel takes products as files (PRODUCTS: a zip is no QGIS layer); RASTERS is
    optional then; neither gives a clear message."""
    from osgeo import osr
    from qgis.core import QgsProcessingException
    from train_helpers import make_embedder_bundle, write_survey

    archive = make_safe(tmp_path, as_zip=True)
    make_embedder_bundle(str(tmp_path / "emb"))
    utm, wgs = osr.SpatialReference(), osr.SpatialReference()
    utm.ImportFromEPSG(32633)
    wgs.ImportFromEPSG(4326)
    for srs in (utm, wgs):
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    to_wgs = osr.CoordinateTransformation(utm, wgs)
    points = [to_wgs.TransformPoint(ORIGIN[0] + px * 10 + 5, ORIGIN[1] - py * 10 - 5)[:2]
              for py in range(40, 480, 48) for px in range(40, 480, 48)]
    value = [float(px < 512 // 3) for py in range(40, 480, 48) for px in range(40, 480, 48)]
    survey = write_survey(str(tmp_path / "survey.csv"), [p[0] for p in points], [p[1] for p in points], value)
    params = {"SURVEY_FILE": survey, "VALUE_FIELD": "wealth", "PRODUCTS": [archive], "BUNDLE": str(tmp_path / "emb"),
              "BLOCK_KM": 1.2, "TREES": 30, "WINDOW_M": 480, "ABLATION": False, "OUTPUT": str(tmp_path / "head")}
    res = processing.run("wealthmap:trainwealthmodel", params)
    assert os.path.exists(os.path.join(res["OUTPUT"], "manifest.json"))
    with pytest.raises(QgsProcessingException, match="Give the Sentinel-2 rasters"):
        processing.run("wealthmap:trainwealthmodel", dict(params, PRODUCTS=[], OUTPUT=str(tmp_path / "x")))
    with pytest.raises(QgsProcessingException, match="is not a Sentinel-2 product"):
        processing.run("wealthmap:trainwealthmodel", dict(params, PRODUCTS=[survey], OUTPUT=str(tmp_path / "y")))


def test_product_names_as_qgis_lists_them(tmp_path, qgis_app):
    """QGIS 3.22 lists a zipped product's sub-datasets as '/vsizip/SENTINEL2_L2A:/vsizip//…zip!!::!!…' and may
    keep that as a layer's source: the product is found all the same."""
    from wealthmap.core.wealth.sentinel2 import metadata_path

    archive = make_safe(tmp_path, as_zip=True)
    name = os.path.basename(archive)[:-4] + ".SAFE"
    expected = "/vsizip/{}/{}/MTD_MSIL2A.xml".format(archive, name)
    listed = "/vsizip/SENTINEL2_L2A:/vsizip/{}!!::!!Bands B2, B3, B4, B8 with 10m resolution, UTM 33N"
    for text in [listed.format(archive),
                 "SENTINEL2_L2A:/vsizip/{}".format(archive),
                 "SENTINEL2_L2A:{}/{}/MTD_MSIL2A.xml:10m:EPSG_32633".format("/vsizip/" + archive, name)]:
        assert metadata_path(text) == expected, text
    src, refl, valid, _ = read("/vsizip/SENTINEL2_L2A:/vsizip/{}!!::!!Bands".format(archive), ["B02"], size=64)
    assert valid.all() and src.offset == pytest.approx(-0.1)
