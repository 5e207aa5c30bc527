"""Strict WKT reading: ``QgsGeometry.fromWkt`` got lenient in QGIS 3.44 (a truncated
``POLYGON((331000 5815000, 344000 5815000, 344000`` gives a two-point polygon), so WealthMap checks the text
and the geometry itself, the same way on every QGIS version."""

import re

_NUMBER = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")
_INNERMOST = re.compile(r"\(([^()]*)\)")
_HEAD = re.compile(r"^\s*(SRID=\d+;\s*)?[A-Za-z]+(\s+(Z|M|ZM))?\s*(\(|EMPTY\s*$)", re.IGNORECASE)


def _text_ok(text):
    if not _HEAD.match(text):
        return False
    depth = 0
    for char in text:
        depth += char == "("
        depth -= char == ")"
        if depth < 0:
            return False
    if depth != 0:
        return False
    body = text.strip()
    if not body.endswith(")") and not body.upper().endswith("EMPTY"):
        return False
    for group in _INNERMOST.findall(text):
        for point in group.split(","):
            values = point.split()
            if not 2 <= len(values) <= 4 or not all(_NUMBER.match(v) for v in values):
                # a collection's member (e.g. "POINT EMPTY") sits at this level too
                if not re.match(r"^\s*[A-Za-z]+(\s+(Z|M|ZM))?\s+EMPTY\s*$", point, re.IGNORECASE):
                    return False
    return True


def _rings_ok(geom):
    """Every polygon ring has at least three distinct corners and the polygon an area."""
    from qgis.core import QgsWkbTypes

    kind = QgsWkbTypes.displayString(geom.wkbType()).lower()
    if "polygon" not in kind and "surface" not in kind:
        return True
    polygons = []
    if "curve" not in kind and "surface" not in kind:
        polygons = geom.asMultiPolygon() if geom.isMultipart() else [geom.asPolygon()]
    for polygon in polygons:
        for ring in polygon:
            if len({(p.x(), p.y()) for p in ring}) < 3:
                return False
    return geom.area() > 0


def geometry_from_wkt(text):
    """The ``QgsGeometry`` of ``text`` when it is complete, well-formed WKT (balanced parentheses, numeric
    coordinates, polygon rings of three or more corners); ``None`` otherwise."""
    from qgis.core import QgsGeometry

    if not isinstance(text, str) or not _text_ok(text):
        return None
    geom = QgsGeometry.fromWkt(text)
    if geom is None or geom.isNull() or not _rings_ok(geom):
        return None
    return geom
