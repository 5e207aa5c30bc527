"""Strict WKT for regions: QGIS 3.44's ``QgsGeometry.fromWkt`` accepts truncated text (a two-point
polygon), so a typo in a region gave "contains no chip centre" instead of "not valid WKT"."""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_wealth_helpers import SAMPLE  # noqa: E402

from wealthmap.core.errors import WealthMapError  # noqa: E402
from wealthmap.core.wkt import geometry_from_wkt  # noqa: E402

BAD = [
    "POLYGON((331000 5815000, 344000 5815000, 344000",           # truncated (3.44 made a polygon of it)
    "POLYGON((331000 5815000, 344000 5815000, 331000 5815000))",  # two corners: no area
    "POLYGON((0 0, 10 0, 10 10, 0 0)) and more",                  # trailing text
    "POLYGON((0 0, 10 0, 10 ten, 0 0))",                          # not a number
    "POLYGON((0 0, 10 0, 10 10, 0 0)))",                          # unbalanced
    "POLYGON((0 0 0 0 0, 10 0, 10 10, 0 0))",                     # five ordinates
    "MULTIPOLYGON(((0 0, 10 0, 10 10, 0 0)), ((20 20, 30 20)))",  # one part without area
    "POLYGON((0 0, 5 5, 10 10, 0 0))",                             # corners on one line: no area
    "POLYGON((0 0, 10 0, 10 10, 0 0), (2 2, 3 3, 4 4, 2 2))",     # a hole without area
    "POLYGON EMPTY",
    "331000 5815000 344000 5821000",
    "",
]
GOOD = [
    "POLYGON((0 0, 10 0, 10 10, 0 0))",
    "Polygon ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 3 2, 3 3, 2 2))",
    "MULTIPOLYGON(((0 0, 10 0, 10 10, 0 0)), ((20 20, 30 20, 30 30, 20 20)))",
    "POLYGON Z((0 0 1, 10 0 1, 10 10 1, 0 0 1))",
    "POLYGON((0 0, 10 10, 10 0, 0 10, 0 0))",                     # a bowtie (signed area 0): repaired later
    "POLYGON((0 0, 1e-9 0, 1e-9 1e-9, 0 0))",                     # tiny but not flat
    "POINT(1.5 -2e3)",
    "LINESTRING(0 0, 1 1)",
]


@pytest.mark.parametrize("text", BAD)
def test_incomplete_or_malformed_wkt_is_refused(text, qgis_app):
    assert geometry_from_wkt(text) is None


@pytest.mark.parametrize("text", GOOD)
def test_well_formed_wkt_is_read(text, qgis_app):
    geom = geometry_from_wkt(text)
    assert geom is not None and not geom.isNull()


@pytest.mark.parametrize("text", BAD[:3])
def test_region_with_bad_wkt_says_so(text, qgis_app):
    from wealthmap.core.wealth.api import predict_wealth

    with pytest.raises(WealthMapError, match="is not valid WKT"):
        predict_wealth(SAMPLE, region=text, region_crs="EPSG:32633", max_chips=0)
