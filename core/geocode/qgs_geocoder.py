"""A :class:`QgsGeocoderInterface` over any WealthMap provider, so QGIS's locator bar (through a
``QgsGeocoderLocatorFilter``) or any QGIS code can geocode one address with it."""

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeedback,
    QgsField,
    QgsFields,
    QgsGeocoderInterface,
    QgsGeocoderResult,
    QgsGeometry,
    QgsPointXY,
    QgsWkbTypes,
)

from ..fieldtypes import DOUBLE, STRING
from .answers import clean_candidates
from .providers import make_provider


class WealthMapGeocoder(QgsGeocoderInterface):
    """``WealthMapGeocoder(provider="offline", **provider_options)``; results carry score, match_type."""

    def __init__(self, provider="offline", **options):
        super().__init__()
        self.provider = make_provider(provider, **options)

    def flags(self):
        return QgsGeocoderInterface.Flag.GeocodesStrings

    def appendedFields(self):  # noqa: N802 - QGIS override
        fields = QgsFields()
        for name, ftype in (("score", DOUBLE), ("match_type", STRING), ("matched_address", STRING),
                            ("provider", STRING)):
            fields.append(QgsField(name, ftype))
        return fields

    def wkbType(self):  # noqa: N802 - QGIS override
        return QgsWkbTypes.Type.Point

    def geocodeString(self, string, context, feedback=None):  # noqa: N802 - QGIS override
        feedback = feedback or QgsFeedback()
        try:
            candidates = clean_candidates(self.provider.search(string, limit=5, feedback=feedback))
        except Exception as err:  # noqa: BLE001 - reported as an error result, as QGIS expects
            return [QgsGeocoderResult.errorResult(str(err))]
        results = []
        for cand in candidates:
            result = QgsGeocoderResult(cand["address"], QgsGeometry.fromPointXY(QgsPointXY(cand["lon"], cand["lat"])),
                                       QgsCoordinateReferenceSystem("EPSG:4326"))
            result.setAdditionalAttributes({"score": cand["score"], "match_type": cand.get("match_type"),
                                            "matched_address": cand["address"], "provider": self.provider.name})
            results.append(result)
        return results
