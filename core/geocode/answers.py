"""Checking what a geocoder answers before it becomes a point.

A web service (or a damaged cache or index) may answer NaN, infinite, huge, text or out-of-range
coordinates, numbers as booleans, points in a projected CRS, or items of any other shape. Every
candidate goes through :func:`clean_candidates` before the batch uses it: a candidate whose point is
not finite and within lon -180..180 / lat -90..90 is dropped, and an answer whose candidates are all
invalid fails its row (:class:`InvalidAnswerError`, a row ``error`` with the reason) instead of becoming a
``matched`` row with an impossible point.
"""

import math

from ..i18n import tr


class InvalidAnswerError(Exception):
    """The answer for one address cannot be used (the row fails with this reason; the batch goes on)."""


def number(value):
    """A finite float from a JSON number or numeric text, else ``None`` (NaN, inf, booleans, huge, junk)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        value = value.strip()
        if not value or len(value) > 40:
            return None
    elif not isinstance(value, (int, float)):
        return None
    try:
        out = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return out if math.isfinite(out) else None


def valid_lonlat(lon, lat):
    """True when ``lon``/``lat`` are finite numbers within -180..180 and -90..90."""
    return (isinstance(lon, (int, float)) and isinstance(lat, (int, float)) and not isinstance(lon, bool)
            and not isinstance(lat, bool) and math.isfinite(lon) and math.isfinite(lat)
            and -180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0)


def describe(lon, lat):
    def short(v):
        text = repr(v)
        return text if len(text) <= 24 else text[:21] + "..."
    return "lon {}, lat {}".format(short(lon), short(lat))


def lonlat(lon, lat):
    """``(lon, lat)`` as floats when they are a valid EPSG:4326 point, else raise :class:`InvalidAnswerError`."""
    x, y = number(lon), number(lat)
    if x is None or y is None or not valid_lonlat(x, y):
        raise InvalidAnswerError(tr("the service answered coordinates that are not a valid point ({0})").format(
            describe(lon, lat)))
    return x, y


def projected(x, y, crs_text):
    """A point in ``crs_text`` (e.g. ``EPSG:5179``) as EPSG:4326 ``(lon, lat)``; it must be finite, within the
    CRS's area of use and a valid longitude/latitude once transformed, else :class:`InvalidAnswerError`."""
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsCsException,
        QgsPointXY,
        QgsProject,
    )

    crs_text = str(crs_text or "").strip()
    if not crs_text or crs_text.upper() in ("EPSG:4326", "WGS84", "CRS84", "OGC:CRS84"):
        return lonlat(x, y)
    fx, fy = number(x), number(y)
    if fx is None or fy is None:
        raise InvalidAnswerError(tr("the service answered coordinates that are not a valid point ({0})").format(
            describe(x, y)))
    crs = QgsCoordinateReferenceSystem(crs_text[:40])
    if not crs.isValid():
        raise InvalidAnswerError(tr("the service answered coordinates in an unknown CRS ({0})").format(crs_text[:40]))
    wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
    try:
        point = QgsCoordinateTransform(crs, wgs84, QgsProject.instance()).transform(QgsPointXY(fx, fy))
    except QgsCsException:
        raise InvalidAnswerError(tr("the service answered coordinates that are not a valid point ({0} in {1})").format(
            describe(x, y), crs_text[:40])) from None
    lon, lat = point.x(), point.y()
    bounds = crs.bounds()  # the CRS's area of use, in EPSG:4326
    inside = bounds.isEmpty() or (bounds.xMinimum() - 1.0 <= lon <= bounds.xMaximum() + 1.0
                                  and bounds.yMinimum() - 1.0 <= lat <= bounds.yMaximum() + 1.0)
    if not valid_lonlat(lon, lat) or not inside:
        raise InvalidAnswerError(tr("the service answered coordinates that are not a valid point ({0} in {1})").format(
            describe(x, y), crs_text[:40]))
    return lon, lat


def text(value, limit=500):
    """An address text from an answer value: strings as they are (cut at ``limit``), anything else ``""``."""
    return value[:limit] if isinstance(value, str) else ""


def clean_candidates(candidates):
    """The usable candidates of an answer, each with a valid point and a finite score in 0..1.

    Raises :class:`InvalidAnswerError` when the answer is not a list, or when it had candidates and none is
    usable (the row fails with the first reason). Candidates are copied, never changed in place."""
    if candidates is None:
        return []
    if not isinstance(candidates, (list, tuple)):
        raise InvalidAnswerError(tr("the geocoder's answer is not a list of candidates"))
    out = []
    reason = None
    for cand in candidates:
        if not isinstance(cand, dict):
            reason = reason or tr("a candidate is not a record")
            continue
        lon, lat = cand.get("lon"), cand.get("lat")
        if not valid_lonlat(lon, lat):
            reason = reason or tr("the service answered coordinates that are not a valid point ({0})").format(
                describe(lon, lat))
            continue
        score = cand.get("score")
        if isinstance(score, bool) or not isinstance(score, (int, float)) or not math.isfinite(score):
            reason = reason or tr("a candidate's score is not a number ({0})").format(repr(score)[:24])
            continue
        clean = dict(cand)
        clean["lon"], clean["lat"] = float(lon), float(lat)
        clean["score"] = min(1.0, max(0.0, float(score)))
        clean["address"] = text(cand.get("address"))
        if not isinstance(clean.get("match_type"), str):
            clean["match_type"] = ""
        importance = clean.get("importance")
        if importance is not None and (isinstance(importance, bool) or not isinstance(importance, (int, float))
                                       or not math.isfinite(importance)):
            clean["importance"] = 0.0
        out.append(clean)
    if candidates and not out:
        raise InvalidAnswerError(reason)
    return out
