"""One checker for the parameters of every public entry point (API, Processing, docks).

Each function takes the value given, the parameter's ``name`` and, optionally, ``where`` (the function or
tool it belongs to) and returns the value in its usable form (an ``int``, a finite ``float``, the canonical
spelling of a choice...), or raises :class:`WealthMapError` with a message that names the parameter, the
value given, what is allowed and how to fix it. Numbers may be given as numbers or as text of a number
(``"300"``), never as ``True``/``False``; NaN and infinities are refused everywhere.

Example::

    from wealthmap.core import validate
    classes = validate.integer(classes, "classes", 2, 20, where="choropleth")
    unit = validate.choice(area_unit, "area_unit", ("km2", "m2", "ha"), where="choropleth")
"""

import math
import numbers
import os

from .errors import WealthMapError
from .i18n import tr

#: Largest magnitude of an integer parameter (counts, sizes): bigger ones are typing mistakes.
MAX_INT = 2 ** 53


def _prefix(where):
    return "{}: ".format(where) if where else ""


def _show(value):
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _fail(where, message, hint=None):
    text = _prefix(where) + message
    if hint:
        text += " " + hint
    raise WealthMapError(text)


def _range_text(lo, hi, lo_open=False, hi_open=False):
    def fmt(v):
        return str(int(v)) if float(v).is_integer() and abs(v) < 1e17 else "{:g}".format(v)
    if lo is not None and hi is not None:
        if lo_open:
            return tr("above {0} and at most {1}").format(fmt(lo), fmt(hi))
        return tr("from {0} to {1}").format(fmt(lo), fmt(hi))
    if lo is not None:
        return (tr("above {0}") if lo_open else tr("at least {0}")).format(fmt(lo))
    if hi is not None:
        return (tr("below {0}") if hi_open else tr("at most {0}")).format(fmt(hi))
    return ""


def _as_number(value):
    """``float`` of a number or of text of a number; ``None`` when it is neither (bools are not numbers)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, numbers.Real):
        try:
            return float(value)
        except (OverflowError, ValueError):
            return math.inf if value > 0 else -math.inf
    if isinstance(value, (str, bytes)):
        text = value.decode("ascii", "replace") if isinstance(value, bytes) else value
        try:
            return float(text.strip()) if text.strip() else None
        except (ValueError, OverflowError):
            return None
    return None


def number(value, name, lo=None, hi=None, lo_open=False, hi_open=False, where=None, hint=None, allow_none=False):
    """A finite ``float`` in the range (``lo``/``hi`` inclusive unless ``*_open``); ``None`` passes with
    ``allow_none``."""
    if value is None and allow_none:
        return None
    x = _as_number(value)
    allowed = _range_text(lo, hi, lo_open, hi_open)
    if x is None or not math.isfinite(x) or (lo is not None and (x <= lo if lo_open else x < lo)) \
            or (hi is not None and (x >= hi if hi_open else x > hi)):
        _fail(where, tr("The parameter '{0}' must be a finite number {1}; got {2}.").format(
            name, allowed, _show(value)), hint)
    return x


def integer(value, name, lo=None, hi=None, where=None, hint=None, allow_none=False):
    """A whole number (``int``) from ``lo`` to ``hi`` (``5.0`` and ``"5"`` pass as 5; ``5.5`` does not)."""
    if value is None and allow_none:
        return None
    x = _as_number(value)
    hi_eff = MAX_INT if hi is None else hi
    allowed = _range_text(lo, hi_eff)
    if x is None or not math.isfinite(x) or x != math.floor(x) or (lo is not None and x < lo) or x > hi_eff:
        _fail(where, tr("The parameter '{0}' must be a whole number {1}; got {2}.").format(
            name, allowed, _show(value)), hint)
    return int(x)


def positive_int(value, name, hi=None, where=None, hint=None, allow_none=False):
    """A whole number of at least 1."""
    return integer(value, name, 1, hi, where=where, hint=hint, allow_none=allow_none)


def fraction(value, name, where=None, hint=None, allow_none=False):
    """A finite number from 0 to 1."""
    return number(value, name, 0.0, 1.0, where=where, hint=hint, allow_none=allow_none)


def boolean(value, name, where=None):
    """``True``/``False`` (also 0/1 and numpy booleans); anything else is refused."""
    if isinstance(value, bool):
        return value
    if type(value).__name__ == "bool_":  # numpy.bool_
        return bool(value)
    if isinstance(value, numbers.Integral) and value in (0, 1):
        return bool(value)
    _fail(where, tr("The parameter '{0}' must be True or False; got {1}.").format(name, _show(value)))


def choice(value, name, choices, where=None, hint=None, allow_none=False):
    """The canonical spelling of ``value`` among ``choices`` (compared case-insensitively, spaces trimmed)."""
    if value is None and allow_none:
        return None
    choices = list(choices)
    if isinstance(value, str):
        key = value.strip().lower()
        for option in choices:
            if str(option).lower() == key:
                return option
    _fail(where, tr("The parameter '{0}' must be one of {1}; got {2}.").format(
        name, ", ".join(str(c) for c in choices), _show(value)), hint)


def text(value, name, where=None, allow_empty=False, allow_none=False, max_length=None):
    """A string (a path object becomes its string); empty only with ``allow_empty``."""
    if value is None and allow_none:
        return None
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    if not isinstance(value, str) or (not allow_empty and not value.strip()) \
            or (max_length is not None and len(value) > max_length):
        limit = "" if max_length is None else " " + tr("(at most {0} characters)").format(max_length)
        _fail(where, tr("The parameter '{0}' must be a non-empty text{1}; got {2}.").format(
            name, limit, _show(value)))
    return value


def text_list(value, name, where=None, min_len=1, allow_none=False):
    """A list of non-empty strings (a single string or path is a list of one; ``"a, b"`` is not split here)."""
    if value is None and allow_none:
        return None
    items = [value] if isinstance(value, (str, os.PathLike)) else value
    try:
        items = [os.fspath(v) if isinstance(v, os.PathLike) else v for v in items]
    except TypeError:
        items = None
    if items is None or len(items) < min_len or not all(isinstance(v, str) and v.strip() for v in items):
        _fail(where, tr("The parameter '{0}' must be a list of at least {1} names; got {2}.").format(
            name, min_len, _show(value)))
    return items


def number_list(value, name, where=None, min_len=1, increasing=False, hint=None, allow_none=False):
    """A list of finite floats (also ``"10, 50, 100"`` or ``"10 50 100"``); strictly increasing if asked."""
    if value is None and allow_none:
        return None
    items = value
    if isinstance(value, str):
        items = [t for t in value.replace(";", ",").replace(",", " ").split() if t]
    try:
        items = list(items)
    except TypeError:
        items = None
    numbers_ = [_as_number(v) for v in items] if items is not None else None
    if numbers_ is None or len(numbers_) < min_len or any(x is None or not math.isfinite(x) for x in numbers_):
        _fail(where, tr("The parameter '{0}' must be a list of at least {1} finite numbers; got {2}.").format(
            name, min_len, _show(value)), hint)
    if increasing and any(b <= a for a, b in zip(numbers_, numbers_[1:])):
        _fail(where, tr("The parameter '{0}' must list numbers in strictly increasing order; got {1}.").format(
            name, _show(value)), hint)
    return numbers_


def bbox(value, name, where=None, geographic=False, antimeridian=False, allow_none=False, hint=None):
    """``(xmin, ymin, xmax, ymax)`` of finite floats with ``ymin < ymax`` and ``xmin < xmax``.

    ``geographic``: longitudes from -180 to 180 and latitudes from -90 to 90 (degrees). With
    ``antimeridian`` (geographic only), ``xmin > xmax`` is a box across the 180° meridian (from ``xmin``
    east to ``xmax``); without it, it is refused."""
    if value is None and allow_none:
        return None
    if hasattr(value, "xMinimum"):  # QgsRectangle
        value = (value.xMinimum(), value.yMinimum(), value.xMaximum(), value.yMaximum())
    try:
        items = list(value) if not isinstance(value, (str, bytes)) else \
            [t for t in value.replace(",", " ").split() if t]
    except TypeError:
        items = []
    coords = [_as_number(v) for v in items]
    if len(coords) != 4 or any(c is None or not math.isfinite(c) for c in coords):
        _fail(where, tr("The parameter '{0}' must be a box of four finite numbers (xmin, ymin, xmax, ymax); got "
                        "{1}.").format(name, _show(value)), hint)
    xmin, ymin, xmax, ymax = coords
    if geographic and not (-180.0 <= xmin <= 180.0 and -180.0 <= xmax <= 180.0
                           and -90.0 <= ymin <= 90.0 and -90.0 <= ymax <= 90.0):
        _fail(where, tr("The parameter '{0}' is in degrees (EPSG:4326): longitudes must be from -180 to 180 and "
                        "latitudes from -90 to 90; got {1}. Give (lon_min, lat_min, lon_max, lat_max).").format(
            name, _show(value)))
    if not ymin < ymax:
        _fail(where, tr("The parameter '{0}' is inverted or empty: ymin ({1:g}) must be below ymax ({2:g}). Give "
                        "(xmin, ymin, xmax, ymax).").format(name, ymin, ymax))
    if not xmin < xmax and not (geographic and antimeridian and xmin > xmax):
        _fail(where, tr("The parameter '{0}' is inverted or empty: xmin ({1:g}) must be below xmax ({2:g}). Give "
                        "(xmin, ymin, xmax, ymax).").format(name, xmin, xmax))
    return xmin, ymin, xmax, ymax


def dpi(value, name="dpi", where=None):
    """A print resolution: a whole number of dots per inch from 30 to 1200."""
    return integer(value, name, 30, 1200, where=where, hint=tr("300 DPI is usual for print, 150 for screens."))


def colour(value, name, where=None, allow_none=False):
    """A colour name or ``#rrggbb`` (or a ``QColor``); returns ``#rrggbb`` (``#aarrggbb`` with alpha)."""
    from qgis.PyQt.QtGui import QColor

    if value is None and allow_none:
        return None
    color = value if isinstance(value, QColor) else QColor(value) if isinstance(value, str) else None
    if color is None or not color.isValid():
        _fail(where, tr("The parameter '{0}' must be a colour such as '#3182bd' or 'red'; got {1}.").format(
            name, _show(value)))
    return color.name(QColor.NameFormat.HexArgb) if color.alpha() < 255 else color.name()


def crs(value, name="crs", where=None):
    """A valid coordinate reference system (``"EPSG:4326"``, WKT or a ``QgsCoordinateReferenceSystem``)."""
    from qgis.core import QgsCoordinateReferenceSystem

    if isinstance(value, QgsCoordinateReferenceSystem):
        result = value
    elif isinstance(value, str) and value.strip():
        result = QgsCoordinateReferenceSystem(value.strip())
    else:
        result = None
    if result is None or not result.isValid():
        _fail(where, tr("The parameter '{0}' must be a coordinate reference system (CRS) such as 'EPSG:4326'; got {1}.")
              .format(name, _show(value)))
    return value
