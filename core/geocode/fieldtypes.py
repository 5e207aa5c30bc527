"""Field types for ``QgsField`` on QGIS 3.22 (``QVariant.Type``) and >= 3.38 (``QMetaType.Type``)."""

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
