"""Several rasters in one prediction: Sentinel-2 products of adjacent tiles (different processing baselines),
a raster in another CRS, overlaps (the first raster wins), through the API and Processing."""

import os
import sys

import numpy as np
import pytest
from osgeo import gdal

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_wealth_helpers import BANDS, ORIGIN, make_s2, make_safe, reflectance, warp_to_4326  # noqa: E402

from wealthmap.core.errors import WealthMapError  # noqa: E402

gdal.UseExceptions()
EAST = (ORIGIN[0] + 5120.0, ORIGIN[1])  # the next 512 px (two chips) east


def wealth_by_cell(result, shift=0):
    from wealthmap.core.wealth.predict import load_output_layer

    layer = load_output_layer(result)
    return {(f["grid_col"] + shift, f["grid_row"]): (f["status"], f["wealth"]) for f in layer.getFeatures()}


def read_all(path, bands):
    from wealthmap.core.wealth.raster import GridReader, RasterSource

    src = RasterSource(path)
    gt = src.geotransform
    reader = GridReader(src, src.srs, 10.0, gt[0], gt[3], bands)
    assert reader.direct
    return src, reader.read(0, 0, src.width, src.height)


def test_two_products_of_adjacent_tiles_predict_as_one(tmp_path, qgis_app):
    """A 05.09 product (offset -1000) and an adjacent 02.09 one (no offset): one mosaic on the first's grid,
    each product's own conversion kept (reflectance equal to the truth on both sides), and every chip
    predicts what the product predicts alone."""
    from wealthmap.core.wealth.api import predict_wealth
    from wealthmap.core.wealth.mosaic import mosaic_vrt

    west = make_safe(tmp_path / "w", as_zip=True)
    east = make_safe(tmp_path / "e", origin=EAST, baseline="02.09", dn_offset=0, tile="T33UUV", seed=1)
    vrt = mosaic_vrt([west, east], BANDS)
    src, (refl, valid, scl) = read_all(vrt, ["B02", "B11"])
    assert (src.width, src.height) == (1024, 512) and src.offset == pytest.approx(-0.1)
    assert "mosaic of" in src.name and "T33UUV" in src.name and src.has_scl and valid.all()
    np.testing.assert_allclose(refl[0][:, :512], reflectance(512, 512)[0], atol=6e-5)
    np.testing.assert_allclose(refl[0][:, 512:], reflectance(512, 512, seed=1)[0], atol=6e-5)
    assert (scl == 4).all()
    both = predict_wealth([west, east], output=str(tmp_path / "both.gpkg"), max_chips=0)
    assert both["chips"] == 8 and both["chips_used"] == 8
    alone_w = predict_wealth(west, output=str(tmp_path / "w.gpkg"), max_chips=0)
    alone_e = predict_wealth(east, output=str(tmp_path / "e.gpkg"), max_chips=0)
    cells = wealth_by_cell(both)
    expected = {**wealth_by_cell(alone_w), **wealth_by_cell(alone_e, shift=2)}
    assert cells.keys() == expected.keys()
    for key, (status, value) in cells.items():
        assert status == "ok" and value == pytest.approx(expected[key][1], abs=1e-4), key


def test_overlap_first_raster_wins_and_other_crs_is_warped(tmp_path, qgis_app):
    """Where rasters overlap, the first given wins; a raster in EPSG:4326 is warped onto the first's grid;
    SCL is dropped when not every raster has it; a raster without the model's bands is refused."""
    from wealthmap.core.wealth.api import predict_wealth
    from wealthmap.core.wealth.mosaic import mosaic_vrt

    first = make_safe(tmp_path / "a")
    shifted = make_safe(tmp_path / "b", origin=(ORIGIN[0] + 2560.0, ORIGIN[1]), tile="T33UUW", seed=1)
    src, (refl, valid, _) = read_all(mosaic_vrt([first, shifted], BANDS), ["B08"])
    assert src.width == 768 and valid.all()
    np.testing.assert_allclose(refl[0][:, :512], reflectance(512, 512)[3], atol=6e-5)  # first wins in the overlap
    np.testing.assert_allclose(refl[0][:, 512:], reflectance(512, 512, seed=1)[3][:, 256:], atol=6e-5)
    src, _ = read_all(mosaic_vrt([shifted, first], BANDS), ["B08"])
    np.testing.assert_allclose(src.ds.GetRasterBand(4).ReadAsArray(256, 0, 256, 512).astype(float) * 1e-4 - 0.1,
                               reflectance(512, 512, seed=1)[3][:, :256], atol=6e-5)  # given first: it wins
    degrees = warp_to_4326(make_s2(tmp_path / "east.tif", origin=EAST, width=512, height=512),
                           tmp_path / "east_4326.tif")
    vrt = mosaic_vrt([first, degrees], BANDS)
    src = read_all(vrt, ["B02"])[0]
    assert not src.has_scl and src.width >= 1024  # the warped raster reaches at least the next tile
    result = predict_wealth([first, degrees], output=str(tmp_path / "mix.gpkg"), max_chips=0)
    cells = wealth_by_cell(result)
    assert all(cells[(c, r)][0] == "ok" for c in (0, 1) for r in (0, 1))
    assert any(cells[(c, r)][0] == "ok" for c in (2, 3) for r in (0, 1) if (c, r) in cells)
    # with an SCL band everywhere, the warped raster's SCL comes by nearest neighbour (its cloud patch: 9)
    degrees_scl = warp_to_4326(make_s2(tmp_path / "east_scl.tif", origin=EAST, width=512, height=512, with_scl=True,
                                       cloud_box=(100, 100, 200, 200)), tmp_path / "east_scl_4326.tif")
    src = read_all(mosaic_vrt([first, degrees_scl], BANDS), ["B02"])[0]
    assert src.has_scl
    scl = src.ds.GetRasterBand(src.band_map["SCL"]).ReadAsArray(512, 0, 512, 512)
    warped_in = gdal.Open(degrees_scl)  # kept in a name: GDAL frees a band whose dataset is collected
    source_values = set(np.unique(warped_in.GetRasterBand(6).ReadAsArray())) | {0}
    warped_in = None
    assert (scl[150:250, 150:250] == 9).all() and set(np.unique(scl)) <= source_values  # no interpolated class
    only_rgb = make_s2(tmp_path / "rgb.tif", band_names=["B02", "B03", "B04"])
    with pytest.raises(WealthMapError, match="lacks the band.*B08.*Every raster of a mosaic"):
        predict_wealth([first, only_rgb], output=str(tmp_path / "x.gpkg"), max_chips=0)


def test_processing_mosaics_input_more_rasters_and_products(tmp_path, qgis_app, processing):
    """wealthmap:predictwealth mosaics INPUT, MORE_RASTERS and PRODUCTS (in that order of priority) and
    predicts what the API predicts for the same list."""
    from qgis.core import QgsRasterLayer

    from wealthmap.core.wealth.api import predict_wealth

    west = make_safe(tmp_path / "w", as_zip=True)
    east = make_safe(tmp_path / "e", origin=EAST, tile="T33UUV", seed=1, as_zip=True)
    south = make_s2(tmp_path / "south.tif", origin=(ORIGIN[0], ORIGIN[1] - 5120.0), width=512, height=512)
    layer = QgsRasterLayer(south, "south")
    res = processing.run("wealthmap:predictwealth", {"INPUT": layer, "PRODUCTS": [west, east], "MAX_CHIPS": 0,
                                                      "OUTPUT": str(tmp_path / "alg.gpkg")})
    api = predict_wealth([south, west, east], output=str(tmp_path / "api.gpkg"), max_chips=0)
    assert res["CHIPS"] == api["chips"] and api["chips_used"] >= 12
    a = wealth_by_cell(api)
    b = wealth_by_cell({"output": res["OUTPUT"], "layer_name": api["layer_name"], "title": "t",
                        "model_id": api["model_id"], "model_status": api["model_status"]})
    assert a.keys() == b.keys() and all(a[k][0] == b[k][0] for k in a)
    assert all(a[k][1] == pytest.approx(b[k][1], abs=1e-6) for k in a if a[k][0] == "ok")
