"""STAC search and composites against loopback STAC API and COG servers (tests/stac_servers.py)."""

import json
import os
import sys

import numpy as np
import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import stac_servers

from wealthmap.core.errors import WealthMapError


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    cat = stac_servers.build_catalogue(str(tmp_path_factory.mktemp("stac_cat")))
    sv = stac_servers.Servers(cat).start()
    yield sv
    sv.stop()


def _query(sv, **kw):
    from wealthmap.core.stac.search import StacQuery

    args = dict(endpoint=sv.stac_url, datetime="2023-06-01/2023-07-31", max_cloud=60, page_size=2)
    args.update(kw)
    return StacQuery(**args)


# the sample tile in EPSG:32633: x 330000..345360, y 5814360..5822040
REGION = (332560.0, 5819480.0, 335120.0, 5822040.0)   # 256 x 256 px: one 256 px block of each 10 m asset
N = 256


def test_search_pages_filters_and_reads_the_real_layout(qgis_app, servers):
    from wealthmap.core.stac.search import search

    items = search(_query(servers), (12.4, 52.3, 12.8, 52.6))
    assert [it.tile for it in items] == ["33UUU"] * 4  # paged by 2: all four dates of the Berlin tile
    assert [it.date for it in items] == ["2023-06-05", "2023-06-15", "2023-06-25", "2023-07-05"]
    first = items[0]
    assert first.epsg == 32633 and set(first.assets) >= {"B02", "B03", "B04", "B08", "B11", "B12", "SCL"}
    assert first.assets["B02"].key == "blue" and first.assets["SCL"].key == "scl"
    assert first.reflectance() == (1e-4, -0.1)
    old = [it for it in items if it.baseline == "02.14"][0]
    assert old.reflectance() == (1e-4, 0.0)
    few = search(_query(servers, months=[7]), (12.4, 52.3, 12.8, 52.6))
    assert [it.date for it in few] == ["2023-07-05"]
    with pytest.raises(WealthMapError, match="No Sentinel-2 item"):
        search(_query(servers, datetime="2020-01-01/2020-02-01"), (12.4, 52.3, 12.8, 52.6))


def test_search_unreachable_endpoint_says_so(qgis_app):
    from wealthmap.core.stac.search import StacQuery, search

    with pytest.raises(WealthMapError, match="cannot be reached"):
        search(StacQuery(endpoint="http://127.0.0.1:9/"), (0, 0, 1, 1))


def _expected_median(servers, items, classes=(3, 8, 9, 10)):
    """numpy reference: per pixel nanmedian of the clear 10 m reflectances of the items over REGION."""
    truth = np.load(os.path.join(servers.cat, "truth.npz"))
    c0, r0 = int((REGION[0] - 330000) / 10), int((5822040 - REGION[3]) / 10)
    n = N
    obs = []
    for it in items:
        dn = truth[it.id + "__bands"][:4, r0:r0 + n, c0:c0 + n].astype(np.float64)
        scl = truth[it.id + "__scl"][r0:r0 + n, c0:c0 + n]
        scale, offset = it.reflectance()
        refl = (dn * scale + offset).astype(np.float32)
        bad = np.isin(scl, (0, 1) + tuple(classes)) | (dn.min(axis=0) == 0)
        refl[:, bad] = np.nan
        obs.append(refl)
    with np.errstate(all="ignore"):
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return np.nanmedian(np.stack(obs), axis=0), np.isfinite(np.stack(obs)[:, 0]).sum(axis=0)


def test_composite_is_the_median_of_clear_pixels_and_reads_a_small_fraction(qgis_app, servers, tmp_path):
    from osgeo import gdal

    from wealthmap.core.stac.composite import make_composite
    from wealthmap.core.stac.search import search

    items = search(_query(servers), (12.4, 52.3, 12.8, 52.6))
    servers.clear_log()
    out = str(tmp_path / "comp.tif")
    res = make_composite(None, REGION, "EPSG:32633", out, bands=["B02", "B03", "B04", "B08"], items=items,
                         window_px=128, cache_dir=str(tmp_path / "cache"))
    ds = gdal.Open(out)
    assert [ds.GetRasterBand(i).GetDescription() for i in range(1, 6)] == ["B02", "B03", "B04", "B08", "clear_count"]
    assert ds.GetRasterBand(1).GetBlockSize() == [256, 256] and ds.GetMetadataItem("REFLECTANCE_SCALE") == "1"
    got = ds.ReadAsArray()
    want, count = _expected_median(servers, items)
    assert got.shape == (5, N, N)
    np.testing.assert_array_equal(np.isnan(got[:4]), np.isnan(want))
    np.testing.assert_allclose(got[:4], want, rtol=0, atol=2e-6, equal_nan=True)
    np.testing.assert_array_equal(got[4], count)
    # the cloud patch of 15 June (rows 100-300, cols 200-500 of the tile) is gone: 3 clear dates there
    assert count[150, 300 - 256] == 3 and count[0, 0] == 4 and np.nanmax(got[0]) < 0.5
    prov = json.load(open(res["provenance"]))
    assert prov["dates"] == ["2023-06-05", "2023-06-15", "2023-06-25", "2023-07-05"]
    assert all(w["status"] == "ok" for w in prov["windows"]) and len(prov["windows"]) == 4
    # only windows were read: a small fraction of the assets
    logged = servers.requests()
    read = sum(r["bytes"] for r in logged)
    asset_bytes = 0
    for it in items:
        for band in ("B02", "B03", "B04", "B08", "SCL"):
            asset_bytes += os.path.getsize(os.path.join(servers.cat, "files", it.assets[band].href.split("/", 3)[3]))
    print("\ncomposite: {} requests, {} bytes of {} ({:.1%})".format(len(logged), read, asset_bytes,
                                                                   read / asset_bytes))
    assert read / asset_bytes < 0.15
    assert not any(r["status"] == 200 and r["method"] == "GET" for r in logged)  # ranges only, never whole files
    assert res["bytes"] > 0 and res["requests"] > 0
    # a rerun reads no window again
    servers.clear_log()
    again = make_composite(None, REGION, "EPSG:32633", str(tmp_path / "comp2.tif"), bands=["B02", "B03", "B04", "B08"],
                           items=items, window_px=128, cache_dir=str(tmp_path / "cache"))
    assert again["cached_windows"] == 4 and servers.requests() == []
    np.testing.assert_array_equal(gdal.Open(again["path"]).ReadAsArray(), got)


def test_items_of_another_zone_are_warped_onto_the_grid(qgis_app, servers, tmp_path):
    """A grid in EPSG:32632 over the Berlin tile (EPSG:32633): every item is warped (bands bilinear/average,
    SCL nearest); the result matches the zone-33 composite warped to the same grid."""
    from osgeo import gdal

    from wealthmap.core.stac.composite import make_composite
    from wealthmap.core.stac.search import search

    items = search(_query(servers), (12.4, 52.3, 12.8, 52.6))
    native = make_composite(None, REGION, "EPSG:32633", str(tmp_path / "n.tif"), bands=["B04", "B08"], items=items,
                            use_cache=False)
    other = make_composite(None, (12.53, 52.505, 12.56, 52.52), "EPSG:4326", str(tmp_path / "o.tif"),
                           bands=["B04", "B08"], items=items, use_cache=False, srs="EPSG:32632")
    ds = gdal.Open(other["path"])
    assert "32632" in ds.GetProjection() and all(w["status"] == "ok" for w in other["windows"])
    got = ds.ReadAsArray()
    gt = ds.GetGeoTransform()
    ref = gdal.Warp("", native["path"], format="MEM", dstSRS="EPSG:32632", resampleAlg="bilinear",
                    outputBounds=(gt[0], gt[3] + gt[5] * ds.RasterYSize, gt[0] + gt[1] * ds.RasterXSize, gt[3]),
                    width=ds.RasterXSize, height=ds.RasterYSize).ReadAsArray()
    both = np.isfinite(got[0]) & np.isfinite(ref[0]) & (got[2] == 4) & (ref[2] == 4)
    assert both.sum() > 5000  # the pixels both grids have, clear in all four dates
    diff = np.abs(got[:2][:, both] - ref[:2][:, both])
    assert float(np.median(diff)) < 0.01 and float(got[2].max()) <= 4


def test_http_options_stay_in_the_reading_threads(qgis_app, servers, tmp_path):
    """After a composite, the calling thread has none of the HTTP options and a local raster's world file is
    still read (a process-wide GDAL_DISABLE_READDIR_ON_OPEN=EMPTY_DIR made it be ignored)."""
    from osgeo import gdal

    from wealthmap.core.stac.composite import make_composite
    from wealthmap.core.stac.search import search

    items = search(_query(servers), (12.4, 52.3, 12.8, 52.6))[:1]
    make_composite(None, (332560.0, 5820760.0, 333840.0, 5822040.0), "EPSG:32633", str(tmp_path / "c.tif"),
                   bands=["B02"], items=items, use_cache=False)
    for key in ("GDAL_DISABLE_READDIR_ON_OPEN", "GDAL_HTTP_TIMEOUT", "GDAL_HTTP_MAX_RETRY", "GDAL_HTTP_HEADERS"):
        assert gdal.GetConfigOption(key) is None, key
    png = str(tmp_path / "plain.png")
    mem = gdal.GetDriverByName("MEM").Create("", 4, 4, 1, gdal.GDT_UInt16)
    gdal.GetDriverByName("PNG").CreateCopy(png, mem)
    with open(str(tmp_path / "plain.pgw"), "w", encoding="utf-8") as handle:
        handle.write("10\n0\n0\n-10\n500005\n4000005\n")
    assert gdal.Open(png).GetGeoTransform() == (500000.0, 10.0, 0.0, 4000010.0, 0.0, -10.0)


def test_best_pixel_takes_the_least_cloudy_clear_observation(qgis_app, servers, tmp_path):
    from osgeo import gdal

    from wealthmap.core.stac.composite import make_composite
    from wealthmap.core.stac.search import search

    items = search(_query(servers), (12.4, 52.3, 12.8, 52.6))
    res = make_composite(None, REGION, "EPSG:32633", str(tmp_path / "best.tif"), bands=["B02", "B03", "B04", "B08"],
                         items=items, method="best", mask=["cloud", "shadow", "cirrus", "snow"], use_cache=False)
    got = gdal.Open(res["path"]).ReadAsArray()
    truth = np.load(os.path.join(servers.cat, "truth.npz"))
    c0, r0 = int((REGION[0] - 330000) / 10), int((5822040 - REGION[3]) / 10)
    want = np.full((4, N, N), np.nan, dtype=np.float32)
    for it in sorted(items, key=lambda i: (i.cloud, i.datetime)):  # least cloudy first
        dn = truth[it.id + "__bands"][:4, r0:r0 + N, c0:c0 + N].astype(np.float64)
        scl = truth[it.id + "__scl"][r0:r0 + N, c0:c0 + N]
        scale, offset = it.reflectance()
        clear = ~np.isin(scl, (0, 1, 3, 8, 9, 10, 11)) & (dn.min(axis=0) > 0)
        take = clear & np.isnan(want[0])
        want[:, take] = (dn * scale + offset).astype(np.float32)[:, take]
    np.testing.assert_allclose(got[:4], want, rtol=0, atol=2e-6, equal_nan=True)
