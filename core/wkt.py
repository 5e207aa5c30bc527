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


def _ring_spans_area(ring):
    """The ring has three distinct corners that are not all on one line. A self-intersecting ring (a bowtie,
    whose signed area may be zero) passes: it outlines an area, which the caller repairs (``makeValid``)."""
    corners = list(dict.fromkeys((p.x(), p.y()) for p in ring))
    if len(corners) < 3:
        return False
    x0, y0 = corners[0]
    far = max(corners, key=lambda c: (c[0] - x0) ** 2 + (c[1] - y0) ** 2)
    dx, dy = far[0] - x0, far[1] - y0
    length2 = dx * dx + dy * dy
    # the largest distance of a corner from the line through the first and the farthest corner
    return any(abs(dx * (y - y0) - dy * (x - x0)) > 1e-9 * length2 for x, y in corners)


def _rings_ok(geom):
    """Every polygon ring has at least three distinct corners, not all collinear (curved polygons: an area)."""
    from qgis.core import QgsWkbTypes

    kind = QgsWkbTypes.displayString(geom.wkbType()).lower()
    if "polygon" not in kind and "surface" not in kind:
        return True
    if "curve" in kind or "surface" in kind:
        return geom.area() > 0
    polygons = geom.asMultiPolygon() if geom.isMultipart() else [geom.asPolygon()]
    rings = [ring for polygon in polygons for ring in polygon]
    return bool(rings) and all(_ring_spans_area(ring) for ring in rings)


def geometry_from_wkt(text):
    """The ``QgsGeometry`` of ``text`` when it is complete, well-formed WKT (balanced parentheses, numeric
    coordinates, polygon rings of three or more corners not all on one line); ``None`` otherwise. A
    self-intersecting polygon is read (its area is what it outlines once repaired, see ``predict.plan``)."""
    from qgis.core import QgsGeometry

    if not isinstance(text, str) or not _text_ok(text):
        return None
    geom = QgsGeometry.fromWkt(text)
    if geom is None or geom.isNull() or not _rings_ok(geom):
        return None
    return geom
