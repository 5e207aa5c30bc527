"""Make the thematic sample data in ``sample_data/`` (synthetic; no licence restrictions).

* ``thematic_districts.gpkg``: 30 square districts (3 km, EPSG:5186, near Seoul) with
  Korean names (가온구, 나래구, ...) and an integer ``code`` (11010, 11020, ...);
* ``thematic_stats_cp949.csv``: a CP949-encoded statistics table like a KOSIS download:
  text codes, thousands separators, one district missing, one extra row.

Run: ``.venv/bin/python scripts/make_sample_thematic.py``.
"""

import os
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SYLLABLES = "가나다라마바사아자차카타파하거너더러머버서어저처커터퍼허고노"


def districts():
    out = []
    for row in range(5):
        for col in range(6):
            n = row * 6 + col
            code = 11010 + 10 * n
            name = SYLLABLES[n] + "온구"
            x0, y0 = 190000 + col * 3000, 540000 + row * 3000
            out.append((code, name, (x0, y0, x0 + 3000, y0 + 3000)))
    return out


def write_gpkg(path):
    from osgeo import ogr, osr

    if os.path.exists(path):
        os.remove(path)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(5186)
    layer = ds.CreateLayer("districts", srs, ogr.wkbPolygon)
    layer.CreateField(ogr.FieldDefn("code", ogr.OFTInteger))
    layer.CreateField(ogr.FieldDefn("name", ogr.OFTString))
    for code, name, (x0, y0, x1, y1) in districts():
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("code", code)
        feature.SetField("name", name)
        feature.SetGeometry(ogr.CreateGeometryFromWkt(
            "POLYGON(({0} {1},{2} {1},{2} {3},{0} {3},{0} {1}))".format(x0, y0, x1, y1)))
        layer.CreateFeature(feature)
    ds = None


def write_csv(path):
    rng = np.random.default_rng(2024)
    lines = ["code,name,population,men,women,elderly,households"]
    for code, name, _ in districts():
        if code == 11010 + 10 * 29:  # one district has no statistics (shown as "No data")
            continue
        pop = int(rng.lognormal(11.3, 0.7))
        men = int(pop * rng.uniform(0.46, 0.52))
        elderly = int(pop * rng.uniform(0.08, 0.25))
        households = int(pop / rng.uniform(2.0, 2.8))
        lines.append('{},{},"{:,}","{:,}","{:,}","{:,}","{:,}"'.format(
            code, name, pop, men, pop - men, elderly, households))
    lines.append('99990,미상,"1,000","500","500","100","400"')  # a row with no district
    with open(path, "wb") as handle:
        handle.write(("\r\n".join(lines) + "\r\n").encode("cp949"))


def main(out_dir=os.path.join(ROOT, "sample_data")):
    os.makedirs(out_dir, exist_ok=True)
    write_gpkg(os.path.join(out_dir, "thematic_districts.gpkg"))
    write_csv(os.path.join(out_dir, "thematic_stats_cp949.csv"))
    print("wrote", os.path.join(out_dir, "thematic_districts.gpkg"), os.path.join(out_dir, "thematic_stats_cp949.csv"))


if __name__ == "__main__":
    main(*sys.argv[1:])
