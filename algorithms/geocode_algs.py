"""Processing algorithms of the geocode job: ``wealthmap:geocode`` and ``wealthmap:buildaddressindex``."""

import os

from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterAuthConfig,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterCrs,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExpression,
    QgsProcessingParameterExtent,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorDestination,
    QgsProcessingParameterVectorLayer,
)

from ..core.compat import parameter_as_fields
from ..core.errors import WealthMapError
from ..core.geocode.providers import PROVIDERS
from ..core.i18n import tr, tr_noop
from ..core.tablereader import encoding_label
from ..core.tables import TEXT_EXTENSIONS
from .base import WealthMapAlgorithm

PROVIDER_KEYS = list(PROVIDERS)


class GeocodeAlgorithm(WealthMapAlgorithm):
    GROUP = tr_noop("Geocoding")
    GROUP_ID = "geocoding"
    ICON = "geocode"

    def name(self):
        return "geocode"

    def displayName(self):  # noqa: N802 - QGIS override
        return tr("Batch geocode addresses")

    def shortHelpString(self):  # noqa: N802 - QGIS override
        return tr(
            "Geocodes every row of a layer or table (CSV in UTF-8 or CP949/EUC-KR, XLSX...) with the offline index "
            "(default, no network: the bundled world gazetteer plus your address indexes) or a web provider "
            "(Nominatim, Photon, Pelias, Google, Kakao, VWorld). Keeps every row and attribute and adds status, "
            "score, match_type, n_candidates, matched_address, provider and error; unmatched rows get no geometry. "
            "Results are cached on disk: a rerun makes no requests and a cancelled run resumes. API keys come "
            "from a QGIS authentication configuration."
        )

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS override
        self.addParameter(QgsProcessingParameterVectorLayer("INPUT", tr("Address table or layer"),
                                                            [QgsProcessing.SourceType.TypeVector]))
        self.addParameter(QgsProcessingParameterField("FIELDS", tr("Address field(s)"), None, "INPUT",
                                                      allowMultiple=True, optional=True))
        self.addParameter(QgsProcessingParameterExpression("EXPRESSION", tr("Address expression (instead of fields)"),
                                                           parentLayerParameterName="INPUT", optional=True))
        self.addParameter(QgsProcessingParameterEnum("PROVIDER", tr("Provider"),
                                                     options=[tr(PROVIDERS[k]) for k in PROVIDER_KEYS],
                                                     defaultValue=0))
        self.addParameter(QgsProcessingParameterFile("INDEX", tr("Offline address index (SQLite)"), extension="sqlite",
                                                     optional=True))
        self.addParameter(QgsProcessingParameterString("ENDPOINT", tr("Endpoint URL (self-hosted server)"),
                                                       optional=True))
        self.addParameter(QgsProcessingParameterAuthConfig("AUTHCFG", tr("API key (authentication configuration)"),
                                                           optional=True))
        self.addParameter(QgsProcessingParameterString("COUNTRIES", tr("Country codes (comma separated)"),
                                                       optional=True))
        self.addParameter(QgsProcessingParameterExtent("VIEWBOX", tr("Limit to this extent"), optional=True))
        self.addParameter(QgsProcessingParameterNumber("MIN_SCORE", tr("Minimum score"),
                                                       QgsProcessingParameterNumber.Type.Double, 0.6, minValue=0,
                                                       maxValue=1))
        self.addParameter(QgsProcessingParameterBoolean("USE_CACHE", tr("Use the disk cache"), defaultValue=True))
        self.addParameter(QgsProcessingParameterCrs("CRS", tr("Output CRS"), defaultValue="EPSG:4326",
                                                    optional=True))
        self.addParameter(QgsProcessingParameterString("ENCODING", tr("Table encoding (empty: detect)"),
                                                       optional=True, defaultValue=""))
        self.addParameter(QgsProcessingParameterVectorDestination("OUTPUT", tr("Geocoded")))
        self.addParameter(QgsProcessingParameterFileDestination("UNMATCHED", tr("Unmatched rows (CSV)"),
                                                                fileFilter="CSV (*.csv)", optional=True,
                                                                createByDefault=False))
        for key, label in (("MATCHED", tr("Matched rows")), ("AMBIGUOUS", tr("Ambiguous rows")),
                           ("NOT_FOUND", tr("Rows not found")), ("EMPTY", tr("Rows without an address")),
                           ("ERRORS", tr("Rows with errors"))):
            self.addOutput(QgsProcessingOutputNumber(key, label))
        self.addOutput(QgsProcessingOutputString("ENCODING", tr("Encoding of the table read")))

    def run_core(self, parameters, context, feedback):
        from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform

        from ..core.geocode.api import geocode

        layer = self.parameterAsVectorLayer(parameters, "INPUT", context)
        if layer is None:
            raise WealthMapError(tr("Choose an input layer or table."))
        raw = parameters.get("INPUT")
        if isinstance(raw, str) and os.path.exists(raw) and raw.lower().endswith(TEXT_EXTENSIONS):
            layer = raw  # a CSV path: read with encoding detection (CP949/EUC-KR, BOM)
        fields = parameter_as_fields(self, parameters, "FIELDS", context)
        expression = self.parameterAsExpression(parameters, "EXPRESSION", context)
        provider = PROVIDER_KEYS[self.parameterAsEnum(parameters, "PROVIDER", context)]
        index = self.parameterAsFile(parameters, "INDEX", context) or None
        endpoint = self.parameterAsString(parameters, "ENDPOINT", context) or None
        authcfg = self.parameterAsString(parameters, "AUTHCFG", context) or None
        countries = [c.strip() for c in (self.parameterAsString(parameters, "COUNTRIES", context) or "").split(",")
                     if c.strip()]
        viewbox = None
        if parameters.get("VIEWBOX"):
            rect = self.parameterAsExtent(parameters, "VIEWBOX", context)
            crs = self.parameterAsExtentCrs(parameters, "VIEWBOX", context)
            wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
            if crs.isValid() and crs != wgs84:
                rect = QgsCoordinateTransform(crs, wgs84, context.transformContext()).transformBoundingBox(rect)
            if not rect.isEmpty():
                viewbox = (rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum())
        out_crs = self.parameterAsCrs(parameters, "CRS", context)
        if parameters.get("CRS") and not out_crs.isValid():
            raise WealthMapError(tr("The output CRS '{0}' is not valid. Give e.g. EPSG:4326 or EPSG:5179.").format(
                parameters.get("CRS")))
        output = self.parameterAsOutputLayer(parameters, "OUTPUT", context)
        unmatched = self.parameterAsFileOutput(parameters, "UNMATCHED", context) or None
        result = geocode(
            layer, address_fields=fields or None, expression=expression or None, provider=provider, output=output,
            endpoint=endpoint, authcfg=authcfg, index=index, countries=countries, viewbox=viewbox,
            crs=(out_crs.authid() if out_crs.isValid() else "") or "EPSG:4326", unmatched_csv=unmatched,
            min_score=self.parameterAsDouble(parameters, "MIN_SCORE", context),
            use_cache=self.parameterAsBool(parameters, "USE_CACHE", context),
            encoding=self.parameterAsString(parameters, "ENCODING", context) or None, feedback=feedback)
        counts = result["counts"]
        if result.get("encoding"):
            feedback.pushInfo(tr("Table encoding: {0}.").format(encoding_label(result["encoding"])))
        for note in result.get("table_notes") or []:
            feedback.pushInfo(note)
        feedback.pushInfo(tr("Matched {0}, ambiguous {1}, not found {2}, empty {3}, errors {4}; {5} requests, "
                             "{6} from the cache.").format(counts["matched"], counts["ambiguous"],
                                                          counts["not_found"], counts["empty"], counts["error"],
                                                          result["stats"]["requested"], result["stats"]["cached"]))
        out = {"OUTPUT": output, "MATCHED": counts["matched"], "AMBIGUOUS": counts["ambiguous"],
               "NOT_FOUND": counts["not_found"], "EMPTY": counts["empty"], "ERRORS": counts["error"],
               "ENCODING": result.get("encoding") or ""}
        if unmatched:
            out["UNMATCHED"] = unmatched
        return out


class BuildAddressIndexAlgorithm(WealthMapAlgorithm):
    GROUP = tr_noop("Geocoding")
    GROUP_ID = "geocoding"
    ICON = "geocode"

    def name(self):
        return "buildaddressindex"

    def displayName(self):  # noqa: N802 - QGIS override
        return tr("Build offline address index")

    def shortHelpString(self):  # noqa: N802 - QGIS override
        return tr(
            "Builds an offline address index (an SQLite file with full-text search) from an OpenStreetMap file "
            "(.osm.pbf/.osm: house numbers, streets, places, named places of interest) or from a point layer or "
            "table with address fields (and longitude/latitude fields for tables). Use it with 'Batch geocode "
            "addresses' and the offline provider."
        )

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS override
        self.addParameter(QgsProcessingParameterFile("OSM", tr("OpenStreetMap file (.osm.pbf/.osm)"), optional=True))
        self.addParameter(QgsProcessingParameterVectorLayer("INPUT", tr("Or: point layer / table with addresses"),
                                                            [QgsProcessing.SourceType.TypeVector], optional=True))
        self.addParameter(QgsProcessingParameterField("FIELDS", tr("Address field(s)"), None, "INPUT",
                                                      allowMultiple=True, optional=True))
        self.addParameter(QgsProcessingParameterField("X_FIELD", tr("Longitude field (tables)"),
                                                      parentLayerParameterName="INPUT", optional=True))
        self.addParameter(QgsProcessingParameterField("Y_FIELD", tr("Latitude field (tables)"),
                                                      parentLayerParameterName="INPUT", optional=True))
        self.addParameter(QgsProcessingParameterString("COUNTRY", tr("Country code of the rows"), optional=True))
        self.addParameter(QgsProcessingParameterFileDestination("OUTPUT", tr("Index file"),
                                                                fileFilter="SQLite (*.sqlite)"))
        self.addOutput(QgsProcessingOutputNumber("ROWS", tr("Rows indexed")))

    def run_core(self, parameters, context, feedback):
        from ..core.geocode.api import build_address_index

        osm = self.parameterAsFile(parameters, "OSM", context)
        layer = self.parameterAsVectorLayer(parameters, "INPUT", context)
        if not osm and layer is None:
            raise WealthMapError(tr("Give an OpenStreetMap file or a layer/table with addresses."))
        output = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        result = build_address_index(
            osm or layer, output, address_fields=parameter_as_fields(self, parameters, "FIELDS", context),
            x_field=self.parameterAsString(parameters, "X_FIELD", context) or None,
            y_field=self.parameterAsString(parameters, "Y_FIELD", context) or None,
            country=self.parameterAsString(parameters, "COUNTRY", context) or None,
            append=[layer] if (osm and layer is not None) else None, feedback=feedback)
        feedback.pushInfo(tr("{0} rows indexed in {1:.1f} s.").format(result["rows"], result["elapsed_s"]))
        return {"OUTPUT": output, "ROWS": result["rows"]}


ALGORITHMS = [GeocodeAlgorithm, BuildAddressIndexAlgorithm]
