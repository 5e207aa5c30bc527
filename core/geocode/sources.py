"""Rows for the offline index: from OSM files (.osm.pbf/.osm) or from any point layer/table."""

import math
import os
import re

from ..errors import WealthMapError
from ..i18n import tr
from ..tasks import check_cancel

_HSTORE = re.compile(r'"((?:[^"\\]|\\.)*)"=>"((?:[^"\\]|\\.)*)"')
PLACE_TYPES = {"city": 0.9, "town": 0.7, "village": 0.5, "suburb": 0.4, "hamlet": 0.3, "neighbourhood": 0.2,
               "quarter": 0.3, "locality": 0.1, "isolated_dwelling": 0.1, "municipality": 0.6}
STREET_HIGHWAYS = {"motorway", "trunk", "primary", "secondary", "tertiary", "unclassified", "residential",
                   "living_street", "pedestrian", "service", "road", "track", "footway", "path", "cycleway",
                   "steps", "motorway_link", "trunk_link", "primary_link", "secondary_link", "tertiary_link"}


def parse_other_tags(text):
    """GDAL's ``other_tags`` (hstore text) as a dict."""
    if not text:
        return {}
    return {k.replace('\\"', '"'): v.replace('\\"', '"') for k, v in _HSTORE.findall(text)}


class _PlaceGrid:
    """Nearest named place (city/town/village) for rows without ``addr:city``."""

    def __init__(self, cell=0.05):
        self.cell = cell
        self.cells = {}

    def add(self, lon, lat, name, rank):
        key = (int(math.floor(lon / self.cell)), int(math.floor(lat / self.cell)))
        self.cells.setdefault(key, []).append((lon, lat, name, rank))

    def nearest(self, lon, lat, max_ring=3):
        cx, cy = int(math.floor(lon / self.cell)), int(math.floor(lat / self.cell))
        best = None
        for ring in range(max_ring + 1):
            for dx in range(-ring, ring + 1):
                for dy in range(-ring, ring + 1):
                    if max(abs(dx), abs(dy)) != ring:
                        continue
                    for plon, plat, name, rank in self.cells.get((cx + dx, cy + dy), ()):
                        d = ((plon - lon) * math.cos(math.radians(lat))) ** 2 + (plat - lat) ** 2
                        d /= 0.5 + rank  # larger places reach further
                        if best is None or d < best[0]:
                            best = (d, name)
            if best is not None and ring >= 1:
                break
        return best[1] if best else None


def osm_rows(path, feedback=None, country=None):
    """Yield index rows from an OSM file: house numbers, streets (one per name and place), places, named POIs."""
    from osgeo import gdal

    if not os.path.exists(path):
        raise WealthMapError(tr("The OSM file {0} does not exist. Check the path.").format(path))
    gdal.SetConfigOption("OGR_INTERLEAVED_READING", "YES")
    gdal.SetConfigOption("OSM_MAX_TMPFILE_SIZE", "256")
    ds = gdal.OpenEx(path, gdal.OF_VECTOR | gdal.OF_READONLY)
    if ds is None:
        raise WealthMapError(tr("GDAL could not read {0} as OpenStreetMap data (.osm.pbf or .osm).").format(path))
    places = _PlaceGrid()
    houses = []
    streets = {}
    pois = []
    place_rows = []
    n = 0
    errors = []  # GDAL reports a truncated or damaged file as errors while reading, then stops early

    def on_error(level, _number, message):
        if level >= gdal.CE_Failure:
            errors.append(str(message))

    gdal.PushErrorHandler(on_error)
    try:
        while True:
            try:
                feature, layer = ds.GetNextFeature()
            except RuntimeError as err:  # GDAL with exceptions on (QGIS 3.44's bindings): the same damage
                errors.append(str(err))
                break
            if feature is None:
                break
            n += 1
            if n % 20000 == 0:
                check_cancel(feedback)
            _take(feature, layer, places, houses, streets, pois, place_rows, country)
    finally:
        gdal.PopErrorHandler()
    ds = None
    if errors:
        raise WealthMapError(tr("The OSM file {0} is damaged or incomplete (GDAL: {1}); {2} features were read "
                                "before the error. Nothing was written: download the file again (a cut download "
                                "gives this) and rebuild the index.").format(path, errors[0][:200], n))
    yield from _rows(places, houses, streets, pois, place_rows, country)


def _take(feature, layer, places, houses, streets, pois, place_rows, country):
    """Sort one OSM feature into places, house numbers, streets and named POIs."""
    lname = layer.GetName()
    if lname not in ("points", "lines", "multipolygons"):
        return
    geom = feature.GetGeometryRef()
    if geom is None:
        return
    tags = parse_other_tags(feature.GetField("other_tags"))
    name = feature.GetField("name")
    place = feature.GetField("place") if lname != "lines" else tags.get("place")
    if lname == "lines":
        highway = feature.GetField("highway")
        if name and highway in STREET_HIGHWAYS:
            pts = geom.GetPoints() or []
            if pts:
                mid = pts[len(pts) // 2]
                streets.setdefault(name, []).append((mid[0], mid[1], len(pts)))
        return
    if lname == "multipolygons":
        if tags.get("boundary") or feature.GetField("boundary"):
            return
        point = geom.PointOnSurface()
    else:
        point = geom
    if point is None or point.IsEmpty():
        return
    lon, lat = point.GetX(), point.GetY()
    if place in PLACE_TYPES and name:
        places.add(lon, lat, name, PLACE_TYPES[place])
        place_rows.append({"kind": "place", "name": name, "lon": lon, "lat": lat,
                           "importance": PLACE_TYPES[place], "address": name,
                           "country": tags.get("addr:country") or country,
                           "extra": tags.get("name:en", "") if tags.get("name:en") != name else ""})
        return
    number = tags.get("addr:housenumber")
    street = tags.get("addr:street") or tags.get("addr:place")
    if number and street:
        houses.append({"kind": "address", "name": name, "housenumber": number, "street": street,
                       "city": tags.get("addr:city"), "postcode": tags.get("addr:postcode"),
                       "country": tags.get("addr:country") or country, "lon": lon, "lat": lat})
    elif name and (tags.get("amenity") or tags.get("shop") or tags.get("tourism") or tags.get("building")):
        pois.append({"kind": "poi", "name": name, "city": tags.get("addr:city"),
                     "country": tags.get("addr:country") or country, "lon": lon, "lat": lat})


def _rows(places, houses, streets, pois, place_rows, country):
    """The index rows: places, then house numbers and POIs (with their nearest place), then streets."""
    for row in place_rows:
        yield row
    for row in houses + pois:
        if not row.get("city"):
            row["city"] = places.nearest(row["lon"], row["lat"])
        yield row
    # one street row per (name, nearest place): the middle of its longest segment
    for name, segments in streets.items():
        by_city = {}
        for lon, lat, npts in segments:
            city = places.nearest(lon, lat)
            if city not in by_city or npts > by_city[city][2]:
                by_city[city] = (lon, lat, npts)
        for city, (lon, lat, _n) in by_city.items():
            yield {"kind": "street", "street": name, "city": city, "lon": lon, "lat": lat, "country": country}


def layer_index_rows(layer, address_fields, x_field=None, y_field=None, country_field=None, kind="address",
                     feedback=None):
    """Yield index rows from a QGIS layer: address text from fields, point from geometry or x/y fields."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject

    names = layer.fields().names()
    missing = [f for f in list(address_fields) + [x_field, y_field, country_field] if f and f not in names]
    if missing:
        raise WealthMapError(
            tr("The layer {0} has no field(s) {1}. Available fields: {2}.").format(
                layer.name(), ", ".join(missing), ", ".join(names))
        )
    if not address_fields:
        raise WealthMapError(tr("Choose at least one address field to index."))
    use_xy = bool(x_field and y_field)
    if not use_xy and not layer.isSpatial():
        raise WealthMapError(
            tr("The table {0} has no geometry: choose its longitude (x) and latitude (y) fields.").format(layer.name())
        )
    transform = None
    wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
    if not use_xy and layer.crs().isValid() and layer.crs() != wgs84:
        transform = QgsCoordinateTransform(layer.crs(), wgs84, QgsProject.instance())
    total = max(layer.featureCount(), 1)
    for i, feature in enumerate(layer.getFeatures()):
        if i % 5000 == 0:
            check_cancel(feedback)
            if feedback is not None:
                feedback.setProgress(80.0 * i / total)
        parts = [feature[f] for f in address_fields]
        text = " ".join(str(p) for p in parts if p is not None and str(p).strip() and str(p) != "NULL")
        if use_xy:
            try:
                lon, lat = float(feature[x_field]), float(feature[y_field])
            except (TypeError, ValueError):
                continue
        else:
            geom = feature.geometry()
            if geom is None or geom.isEmpty():
                continue
            point = geom.centroid() if geom.type() != 0 else geom
            if transform is not None:
                point.transform(transform)
            p = point.asPoint()
            lon, lat = p.x(), p.y()
        country = feature[country_field] if country_field else None
        yield {"kind": kind, "address": text, "lon": lon, "lat": lat,
               "country": str(country) if country not in (None, "") else None}
