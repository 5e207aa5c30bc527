"""Field types for :class:`QgsField` on QGIS 3.22 through 3.38+ (one place for the whole plugin).

QGIS 3.22's ``QgsField`` takes a ``QVariant.Type``; QGIS >= 3.38 prefers ``QMetaType.Type``
(flake8-qgis rule QGS402). The names are looked up once here so the rest of the code stays
the same on both.
"""

from qgis.PyQt.QtCore import QMetaType, QVariant

try:
    from qgis.core import Qgis

    _NEW = Qgis.QGIS_VERSION_INT >= 33800
except ImportError:  # pragma: no cover
    _NEW = False


def _type(variant_name, meta_name):
    return getattr(QMetaType.Type, meta_name) if _NEW else getattr(QVariant, variant_name)


STRING = _type("String", "QString")
DOUBLE = _type("Double", "Double")
INT = _type("Int", "Int")
LONGLONG = _type("LongLong", "LongLong")
