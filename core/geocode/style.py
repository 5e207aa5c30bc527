"""How a geocoded layer looks and is named: points coloured by ``status`` (a categorised renderer with
translated labels) and a layer name after the input, unique in the project.

Used by the dock (on the main thread, after loading the output), by ``wealthmap.api.geocode`` and
by the Processing algorithm (through ``core.geocode.api.geocode``).
"""

from ..i18n import tr, tr_noop
from ..naming import file_stem, unique_layer_name  # noqa: F401 - used by the dock through this module

#: The ``status`` codes of an output row, their legend label and point colour.
STATUS_LABELS = {"matched": tr_noop("Matched"), "ambiguous": tr_noop("Ambiguous"), "not_found": tr_noop("Not found"),
                 "empty": tr_noop("Empty address"), "error": tr_noop("Error")}
#: How a candidate was matched (its ``match_type`` code) in words, for the review's candidate list; a code
#: not listed here (a web provider's own kind) is shown as it is.
MATCH_TYPE_LABELS = {"house": tr_noop("house number"), "address": tr_noop("address"), "street": tr_noop("street"),
                     "place": tr_noop("place"), "poi": tr_noop("point of interest"), "city": tr_noop("city"),
                     "postcode": tr_noop("postcode"), "interpolated": tr_noop("interpolated"),
                     "road_address": tr_noop("road-name address"), "parcel_address": tr_noop("parcel address"),
                     "road": tr_noop("road"), "region": tr_noop("region"), "manual": tr_noop("chosen by hand")}
STATUS_COLOURS = {"matched": "#1a9641", "ambiguous": "#fdae61", "not_found": "#d7191c", "empty": "#969696",
                  "error": "#7b3294"}


def status_renderer(field="status"):
    """A ``QgsCategorizedSymbolRenderer`` on ``field``: one translated category per status."""
    from qgis.core import QgsCategorizedSymbolRenderer, QgsRendererCategory, QgsSymbol, QgsWkbTypes
    from qgis.PyQt.QtGui import QColor

    categories = []
    for code, label in STATUS_LABELS.items():
        symbol = QgsSymbol.defaultSymbol(QgsWkbTypes.GeometryType.PointGeometry)
        symbol.setColor(QColor(STATUS_COLOURS[code]))
        symbol.setSize(2.6)
        categories.append(QgsRendererCategory(code, symbol, tr(label)))
    return QgsCategorizedSymbolRenderer(field, categories)


def match_type_label(code):
    """``code`` (a candidate's ``match_type``) in the user's language: ``street`` -> 'street' / '도로'."""
    return tr(MATCH_TYPE_LABELS[code]) if code in MATCH_TYPE_LABELS else (code or "")


def style_by_status(layer, field="status"):
    """Colour ``layer``'s points by ``field`` (matched green, ambiguous orange, not found red...); returns it."""
    if layer is not None and layer.isValid() and layer.fields().indexOf(field) >= 0:
        layer.setRenderer(status_renderer(field))
        layer.triggerRepaint()
    return layer


def save_default_style(layer):
    """Save ``layer``'s style as the default style inside its GeoPackage (QGIS's ``layer_styles`` table)."""
    try:
        layer.saveStyleToDatabase("wealthmap_status", tr("Geocoded points by status"), True, "")
    except Exception:  # noqa: BLE001 - a read-only file keeps its points; the style is a convenience
        pass


def geocoded_name(input_name):
    """The output layer's name: the input's, then 'geocoded' (translated)."""
    return tr("{0} geocoded").format(input_name)
