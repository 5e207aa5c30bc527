"""Make the geocoding sample tables in sample_data/ (committed; rerun only to refresh them).

* ``addresses_reference_points.csv`` (UTF-8): address, lon, lat of house numbers in Vaduz
  (Liechtenstein) from tests/data/osm/osm_liechtenstein_autauga.osm.pbf (© OpenStreetMap
  contributors, ODbL 1.0) and of the synthetic Korean town 가온시; the demo builds an offline
  index from it.
* ``addresses_vaduz.csv`` (UTF-8): 40 addresses to geocode, written as people do (typos,
  abbreviations, reordered parts), plus an empty row and an unknown place.
* ``addresses_kr_cp949.csv`` (CP949, as Excel writes it in Korea): Korean addresses of the synthetic
  town in several forms (가온시/가온, 번지 ...), one empty row.

    .venv/bin/python scripts/make_sample_geocode.py
"""

import csv
import os
import random
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
import conftest  # noqa: E402,F401 - registers the package as ``wealthmap``

OSM = os.path.join(ROOT, "tests", "data", "osm", "osm_liechtenstein_autauga.osm.pbf")
OUT = os.path.join(ROOT, "sample_data")

KOREAN_POINTS = [
    ("가온시 가온로 12", 126.997, 37.3001), ("가온시 가온로 34", 127.003, 37.3001),
    ("가온시청, 가온시 가온로 34", 127.003, 37.3001), ("가온시 나래길 7", 127.0021, 37.3015),
]
KOREAN_QUERIES = ["가온시 가온로 34", "가온로 12", "가온 나래길 7번지", "경기도 가온시 가온로 34", "가온시청", "",
                  "가온시 없는길 99"]


def main():
    from wealthmap.core.geocode.evaluation import abbreviate, typo
    from wealthmap.core.geocode.sources import osm_rows

    rows = [r for r in osm_rows(OSM) if r["kind"] == "address" and r.get("city") == "Vaduz"]
    seen = {}
    for r in rows:
        seen.setdefault((r["street"], r["housenumber"]), r)
    rows = sorted(seen.values(), key=lambda r: (r["street"], r["housenumber"]))
    with open(os.path.join(OUT, "addresses_reference_points.csv"), "w", encoding="utf-8", newline="") as handle:
        w = csv.writer(handle)
        w.writerow(["address", "lon", "lat", "country"])
        for r in rows:
            w.writerow(["{} {}, {} {}".format(r["street"], r["housenumber"], r.get("postcode") or "", r["city"])
                        .replace("  ", " "), round(r["lon"], 7), round(r["lat"], 7), "li"])
        for text, lon, lat in KOREAN_POINTS:
            w.writerow([text, lon, lat, "kr"])
    rng = random.Random(5)
    picked = rng.sample(rows, 40)
    with open(os.path.join(OUT, "addresses_vaduz.csv"), "w", encoding="utf-8", newline="") as handle:
        w = csv.writer(handle)
        w.writerow(["id", "street", "city", "note"])
        for i, r in enumerate(picked):
            street = "{} {}".format(r["street"], r["housenumber"])
            note = "clean"
            if i % 4 == 1:
                street, note = "{} {}".format(typo(r["street"], rng), r["housenumber"]), "typo"
            elif i % 4 == 2:
                street, note = abbreviate(street), "abbreviated"
            elif i % 4 == 3:
                street, note = "{} {}".format(r["housenumber"], r["street"]), "reordered"
            w.writerow([i + 1, street, "Vaduz", note])
        w.writerow([41, "", "", "empty"])
        w.writerow([42, "Nowhere Lane 1", "Atlantis", "unknown"])
    with open(os.path.join(OUT, "addresses_kr_cp949.csv"), "w", encoding="cp949", newline="") as handle:
        w = csv.writer(handle)
        w.writerow(["번호", "주소", "비고"])
        for i, text in enumerate(KOREAN_QUERIES):
            w.writerow([i + 1, text, "빈 주소" if not text else ""])
    print("wrote", ", ".join(sorted(f for f in os.listdir(OUT) if f.startswith("addresses"))))


if __name__ == "__main__":
    main()
