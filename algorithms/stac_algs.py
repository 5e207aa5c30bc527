"""Processing algorithms of the STAC job: search footprints, a region composite, training from STAC."""

from qgis.core import (
    QgsFeatureSink,
    QgsProcessing,
    QgsProcessingOutputFile,
    QgsProcessingOutputNumber,
    QgsProcessingParameterAuthConfig,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorDestination,
)

from ..core.errors import WealthMapError
from ..core.i18n import tr, tr_noop
from .base import WealthMapAlgorithm

METHODS = ["median", "best"]
MODES = ["composite", "best"]


class _StacAlgorithm(WealthMapAlgorithm):
    GROUP = tr_noop("Sentinel-2 from STAC")
    GROUP_ID = "stac"
    ICON = "wealth"

    def add_query_parameters(self):
        self.addParameter(QgsProcessingParameterString(
            "ENDPOINT", tr("STAC catalogue (earth-search, planetary-computer, copernicus, or a STAC API URL)"),
            "earth-search"))
        self.addParameter(QgsProcessingParameterString("COLLECTION", tr("Collection (empty: sentinel-2-l2a)"),
                                                       optional=True))
        self.addParameter(QgsProcessingParameterString("DATETIME", tr("Date range (2023-06-01/2023-08-31)")))
        self.addParameter(QgsProcessingParameterNumber("MAX_CLOUD", tr("Maximum cloud cover of an item (%)"),
                                                       QgsProcessingParameterNumber.Type.Double, 30.0, minValue=0,
                                                       maxValue=100))
        self.addParameter(QgsProcessingParameterString("MONTHS", tr("Season: months (e.g. 6,7,8; empty: all)"),
                                                       optional=True))
        self.addParameter(QgsProcessingParameterNumber("MAX_ITEMS", tr("At most this many items"),
                                                       QgsProcessingParameterNumber.Type.Integer, 100, minValue=1))
        self.addParameter(QgsProcessingParameterAuthConfig("AUTHCFG", tr("Authentication (optional)"),
                                                           optional=True))

    def query(self, parameters, context):
        from ..core.stac.search import StacQuery

        months = [m for m in (self.parameterAsString(parameters, "MONTHS", context) or "").replace(" ", "").split(",")
                  if m]
        try:
            months = [int(m) for m in months]
        except ValueError as err:
            raise WealthMapError(tr("Season months must be whole numbers such as 6,7,8.")) from err
        return StacQuery(endpoint=self.parameterAsString(parameters, "ENDPOINT", context),
                         collection=self.parameterAsString(parameters, "COLLECTION", context) or None,
                         datetime=self.parameterAsString(parameters, "DATETIME", context),
                         max_cloud=self.parameterAsDouble(parameters, "MAX_CLOUD", context), months=months or None,
                         max_items=self.parameterAsInt(parameters, "MAX_ITEMS", context),
                         authcfg=self.parameterAsString(parameters, "AUTHCFG", context) or None)

    def region(self, parameters, context):
        crs = self.parameterAsExtentCrs(parameters, "EXTENT", context)
        rect = self.parameterAsExtent(parameters, "EXTENT", context, crs)
        return rect, crs.authid() or crs.toWkt()


class StacSearchAlgorithm(_StacAlgorithm):
    def name(self):
        return "stacsearch"

    def displayName(self):  # noqa: N802 - QGIS override
        return tr("Search Sentinel-2 items in a STAC catalogue")

    def shortHelpString(self):  # noqa: N802 - QGIS override
        return tr("Searches a STAC API (Earth Search, Planetary Computer, Copernicus Data Space or any URL) for "
                  "Sentinel-2 L2A items over the extent, in a date range and season, below a cloud cover; writes "
                  "their footprints with date, tile, cloud cover and the share of the extent each covers.")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS override
        self.addParameter(QgsProcessingParameterExtent("EXTENT", tr("Region")))
        self.add_query_parameters()
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", tr("Footprints"),
                                                            QgsProcessing.SourceType.TypeVectorPolygon))
        self.addOutput(QgsProcessingOutputNumber("COUNT", tr("Items found")))

    def run_core(self, parameters, context, feedback):
        from ..core.stac.api import footprints_layer, stac_search

        rect, crs = self.region(parameters, context)
        result = stac_search(self.query(parameters, context), rect, crs, feedback)
        layer = footprints_layer(result)
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, layer.fields(), layer.wkbType(), layer.crs())
        for feat in layer.getFeatures():
            sink.addFeature(feat, QgsFeatureSink.Flag.FastInsert)
        feedback.pushInfo(tr("{0} items found.").format(len(result["items"])))
        return {"OUTPUT": dest, "COUNT": len(result["items"])}


class StacCompositeAlgorithm(_StacAlgorithm):
    def name(self):
        return "staccomposite"

    def displayName(self):  # noqa: N802 - QGIS override
        return tr("Cloud-free Sentinel-2 composite from STAC")

    def shortHelpString(self):  # noqa: N802 - QGIS override
        return tr("Makes a per-pixel median (or best-pixel) composite of the clear Sentinel-2 L2A observations "
                  "over the extent, masked with the scene classification (SCL), on a 10 m grid in the region's "
                  "UTM zone. Only the needed windows of the cloud-optimised GeoTIFFs are read; finished windows are "
                  "cached, so a rerun or an interrupted run reads nothing twice. Writes a Float32 reflectance "
                  "GeoTIFF with a clear_count band and a provenance record (.stac.json).")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS override
        self.addParameter(QgsProcessingParameterExtent("EXTENT", tr("Region")))
        self.add_query_parameters()
        self.addParameter(QgsProcessingParameterEnum("METHOD", tr("Composite"), [tr("median of clear pixels"),
                                                                                tr("best pixel (least cloudy item)")],
                                                     defaultValue=0))
        self.addParameter(QgsProcessingParameterString("MASK", tr("SCL classes to mask (cloud, shadow, cirrus, snow)"),
                                                       "cloud,shadow,cirrus"))
        self.addParameter(QgsProcessingParameterString("BANDS", tr("Bands"), "B02,B03,B04,B08,B11,B12"))
        self.addParameter(QgsProcessingParameterRasterDestination("OUTPUT", tr("Composite")))
        self.addOutput(QgsProcessingOutputFile("PROVENANCE", tr("Provenance record (JSON)")))
        self.addOutput(QgsProcessingOutputNumber("BYTES", tr("Bytes read")))

    def run_core(self, parameters, context, feedback):
        from ..core.stac.api import stac_composite

        rect, crs = self.region(parameters, context)
        bands = [b.strip() for b in self.parameterAsString(parameters, "BANDS", context).split(",") if b.strip()]
        result = stac_composite(self.query(parameters, context), rect, crs,
                                self.parameterAsOutputLayer(parameters, "OUTPUT", context), feedback=feedback,
                                bands=bands, method=METHODS[self.parameterAsEnum(parameters, "METHOD", context)],
                                mask=self.parameterAsString(parameters, "MASK", context))
        feedback.pushInfo(tr("{0} items, {1} windows ({2} from the cache, {3} not ok), {4} requests, {5:.1f} MB "
                             "read.").format(len(result["items"]), len(result["windows"]), result["cached_windows"],
                                             result["windows_not_ok"], result["requests"], result["bytes"] / 1e6))
        for err in result["failed"][:20]:
            feedback.reportError(err)
        return {"OUTPUT": result["path"], "PROVENANCE": result["provenance"], "BYTES": result["bytes"]}


class TrainFromStacAlgorithm(_StacAlgorithm):
    GROUP = tr_noop("Wealth from imagery")
    GROUP_ID = "wealth"

    def name(self):
        return "trainwealthmodelstac"

    def displayName(self):  # noqa: N802 - QGIS override
        return tr("Train wealth model from survey points and a STAC catalogue")

    def shortHelpString(self):  # noqa: N802 - QGIS override
        return tr("Like 'Train wealth model from survey points', but the imagery comes from a STAC catalogue: "
                  "for each point, its context window (3 x 3 chips by default) is composed from the clearest "
                  "Sentinel-2 L2A items of the period (median, or the best single date), cached on disk so a "
                  "rerun reads nothing twice. Points without clear imagery are reported, not fatal.")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS override
        self.addParameter(QgsProcessingParameterFeatureSource(
            "SURVEY", tr("Survey points (point layer)"), [QgsProcessing.SourceType.TypeVectorPoint], optional=True))
        self.addParameter(QgsProcessingParameterFile(
            "SURVEY_FILE", tr("or survey table (CSV/XLSX with latitude/longitude columns)"), optional=True))
        self.addParameter(QgsProcessingParameterString("VALUE_FIELD", tr("Value field (e.g. wealthpooled)")))
        self.add_query_parameters()
        self.addParameter(QgsProcessingParameterEnum("MODE", tr("Imagery per point"),
                                                     [tr("median of the clearest items"), tr("best single date")],
                                                     defaultValue=0))
        self.addParameter(QgsProcessingParameterFile(
            "BUNDLE", tr("Bundle whose embedder to use (empty: the bundled one)"),
            QgsProcessingParameterFile.Behavior.Folder, optional=True))
        self.addParameter(QgsProcessingParameterNumber("TREES", tr("Trees"),
                                                       QgsProcessingParameterNumber.Type.Integer, 200, minValue=1))
        self.addParameter(QgsProcessingParameterNumber("BLOCK_KM", tr("Spatial block size (km)"),
                                                       QgsProcessingParameterNumber.Type.Double, 50.0, minValue=0.1))
        self.addParameter(QgsProcessingParameterFolderDestination("OUTPUT", tr("Model bundle folder")))
        self.addOutput(QgsProcessingOutputFile("REPORT", tr("Training report (HTML)")))
        self.addOutput(QgsProcessingOutputNumber("R2", tr("Cross-validated r²")))

    def run_core(self, parameters, context, feedback):
        from qgis.core import QgsFeatureRequest

        from ..core.wealth.train_api import train_wealth_model

        survey = None
        if parameters.get("SURVEY"):
            source = self.parameterAsSource(parameters, "SURVEY", context)
            if source is not None:
                survey = source.materialize(QgsFeatureRequest(), feedback)
        survey = survey or self.parameterAsFile(parameters, "SURVEY_FILE", context)
        if not survey:
            raise WealthMapError(tr("Give the survey points: a point layer or a table file."))
        query = self.query(parameters, context)
        query.mode = MODES[self.parameterAsEnum(parameters, "MODE", context)]
        q = {"endpoint": query, "mode": query.mode}
        result = train_wealth_model(
            survey, q, value_field=self.parameterAsString(parameters, "VALUE_FIELD", context),
            out_dir=self.parameterAsString(parameters, "OUTPUT", context),
            bundle=self.parameterAsFile(parameters, "BUNDLE", context) or None,
            n_estimators=self.parameterAsInt(parameters, "TREES", context),
            block_km=self.parameterAsDouble(parameters, "BLOCK_KM", context), feedback=feedback)
        counts = result["stac"]["counts"]
        feedback.pushInfo(tr("Point imagery: {0}; {1} requests, {2:.1f} MB read.").format(
            ", ".join("{} {}".format(v, k) for k, v in sorted(counts.items())), result["stac"]["requests"],
            result["stac"]["bytes"] / 1e6))
        return {"OUTPUT": result["bundle"], "REPORT": result["report_html"], "R2": result["metrics"]["model"]["r2"]}


class PredictFromStacAlgorithm(_StacAlgorithm):
    GROUP = tr_noop("Wealth from imagery")
    GROUP_ID = "wealth"

    def name(self):
        return "predictwealthstac"

    def displayName(self):  # noqa: N802 - QGIS override
        return tr("Predict wealth from a STAC catalogue")

    def shortHelpString(self):  # noqa: N802 - QGIS override
        return tr("Makes (or reuses from the window cache) a cloud-free Sentinel-2 composite of the extent from a "
                  "STAC catalogue, then predicts a wealth index per chip over it, as 'Predict wealth' does on a "
                  "raster.")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS override
        self.addParameter(QgsProcessingParameterExtent("EXTENT", tr("Region")))
        self.add_query_parameters()
        self.addParameter(QgsProcessingParameterFile(
            "MODEL", tr("Model bundle (empty: the settings' or the bundled demo)"),
            QgsProcessingParameterFile.Behavior.Folder, optional=True))
        self.addParameter(QgsProcessingParameterVectorDestination(
            "OUTPUT", tr("Wealth chips (GeoPackage)"), QgsProcessing.SourceType.TypeVectorPolygon))
        self.addOutput(QgsProcessingOutputFile("COMPOSITE", tr("Composite")))
        self.addOutput(QgsProcessingOutputNumber("CHIPS_USED", tr("Chips used")))

    def run_core(self, parameters, context, feedback):
        from ..core.stac.composite import composite_for_prediction
        from ..core.wealth.predict import predict

        rect, crs = self.region(parameters, context)
        bundle = self.parameterAsFile(parameters, "MODEL", context) or None
        output = self.parameterAsOutputLayer(parameters, "OUTPUT", context)
        if not output.lower().endswith(".gpkg"):
            raise WealthMapError(tr("The output must be a GeoPackage (.gpkg) file, not '{0}'.").format(output))
        composite = composite_for_prediction(self.query(parameters, context), rect, crs, bundle, feedback)
        result = predict(feedback, composite, region=rect, region_crs=crs, bundle=bundle, output=output)
        feedback.pushInfo(tr("{0}: {1} chips, {2} used, {3} skipped; mean {4:.4g}, median {5:.4g}.").format(
            result["title"], result["chips"], result["chips_used"], result["chips_skipped"], result["mean"],
            result["median"]))
        return {"OUTPUT": output, "COMPOSITE": composite, "CHIPS_USED": result["chips_used"]}


ALGORITHMS = [StacSearchAlgorithm, StacCompositeAlgorithm, TrainFromStacAlgorithm, PredictFromStacAlgorithm]
