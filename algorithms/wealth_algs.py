"""Processing algorithms for the wealth job: ``wealthmap:predictwealth``."""

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorDestination,
)

from ..core.errors import WealthMapError
from ..core.i18n import tr, tr_noop
from ..core.wealth.raster import parse_band_map
from .base import WealthMapAlgorithm


class PredictWealthAlgorithm(WealthMapAlgorithm):
    GROUP = tr_noop("Wealth from imagery")
    GROUP_ID = "wealth"
    ICON = "wealth"
    INPUT = "INPUT"
    MORE_RASTERS = "MORE_RASTERS"
    PRODUCTS = "PRODUCTS"
    REGION = "REGION"
    EXTENT = "EXTENT"
    MODEL = "MODEL"
    BAND_MAP = "BAND_MAP"
    MAX_CHIPS = "MAX_CHIPS"
    MIN_VALID = "MIN_VALID"
    MAX_CLOUD = "MAX_CLOUD"
    USE_CUDA = "USE_CUDA"
    COVARIATES = "COVARIATES"
    OUTPUT = "OUTPUT"
    OUTPUT_RASTER = "OUTPUT_RASTER"
    SCHEDULER = "SCHEDULER"
    WORKERS = "WORKERS"

    def name(self):
        return "predictwealth"

    def displayName(self):  # noqa: N802 - QGIS override
        return tr("Predict wealth from Sentinel-2 imagery")

    def shortHelpString(self):  # noqa: N802 - QGIS override
        return tr(
            "Cuts the region into chips on the model's grid (256 px at 10 m), embeds each chip with the bundle's "
            "CNN, adds NDVI/NDBI/NDWI statistics and predicts a wealth index with the bundle's random forest "
            "(uncertainty = spread of the trees). Chips with too few valid pixels or too many clouds stay in the "
            "output with a status. The region is the selected or all features of REGION, else EXTENT, else the "
            "whole raster. The bundled model is a demonstration model, not a wealth estimate.")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS override
        from ..core.settings import WEALTH_MAX_CHIPS, WEALTH_MAX_CLOUD, WEALTH_MIN_VALID, WEALTH_USE_CUDA

        self.addParameter(QgsProcessingParameterRasterLayer(self.INPUT, tr("Sentinel-2 raster"), optional=True))
        self.addParameter(QgsProcessingParameterMultipleLayers(
            self.MORE_RASTERS, tr("More rasters (adjacent tiles: mosaicked, the first given wins where they "
                                  "overlap)"), QgsProcessing.SourceType.TypeRaster, optional=True))
        self.addParameter(QgsProcessingParameterMultipleLayers(
            self.PRODUCTS, tr("…and/or Sentinel-2 products as downloaded (.zip or MTD_MSIL2A.xml / MTD_MSIL1C.xml)"),
            QgsProcessing.SourceType.TypeFile, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.REGION, tr("Region polygons (selected features are used when 'selected only' is set)"),
            [QgsProcessing.SourceType.TypeVectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterExtent(self.EXTENT, tr("Region extent"), optional=True))
        self.addParameter(QgsProcessingParameterFile(
            self.MODEL, tr("Model bundle folder (empty: the bundled demonstration model)"),
            behavior=QgsProcessingParameterFile.Behavior.Folder, optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.BAND_MAP, tr("Band mapping, e.g. B02=1, B03=2, B04=3, B08=4, B11=5 (empty: from band names)"),
            optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.MAX_CHIPS, tr("Maximum number of chips (0: no limit)"), QgsProcessingParameterNumber.Type.Integer,
            WEALTH_MAX_CHIPS.value(), minValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            self.MIN_VALID, tr("Minimum valid-pixel fraction of a chip"), QgsProcessingParameterNumber.Type.Double,
            WEALTH_MIN_VALID.value(), minValue=0.0, maxValue=1.0))
        self.addParameter(QgsProcessingParameterNumber(
            self.MAX_CLOUD, tr("Maximum cloud fraction of a chip"), QgsProcessingParameterNumber.Type.Double,
            WEALTH_MAX_CLOUD.value(), minValue=0.0, maxValue=1.0))
        self.addParameter(QgsProcessingParameterBoolean(
            self.USE_CUDA, tr("Use CUDA when available"), WEALTH_USE_CUDA.value()))
        self.addParameter(QgsProcessingParameterMultipleLayers(
            self.COVARIATES, tr("Covariate rasters the model was trained with (matched by layer name)"),
            QgsProcessing.SourceType.TypeRaster, optional=True))
        for param in (
                QgsProcessingParameterString(
                    self.SCHEDULER, tr("Run on (empty: in this process; 'local': worker processes on this machine; "
                                       "tcp://host:8786: a Dask cluster)"), optional=True),
                QgsProcessingParameterNumber(
                    self.WORKERS, tr("Local worker processes (0: one per core)"),
                    QgsProcessingParameterNumber.Type.Integer, 0, minValue=0)):
            param.setFlags(param.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
            self.addParameter(param)
        self.addParameter(QgsProcessingParameterVectorDestination(
            self.OUTPUT, tr("Wealth chips (GeoPackage)"), QgsProcessing.SourceType.TypeVectorPolygon))
        self.addParameter(QgsProcessingParameterRasterDestination(
            self.OUTPUT_RASTER, tr("Wealth raster (Float32 GeoTIFF, one pixel per chip)"), optional=True,
            createByDefault=False))
        for name, label in (("CHIPS", tr("Chips")), ("CHIPS_USED", tr("Chips used")),
                            ("CHIPS_SKIPPED", tr("Chips skipped"))):
            self.addOutput(QgsProcessingOutputNumber(name, label))
        self.addOutput(QgsProcessingOutputNumber("MEAN", tr("Mean wealth")))
        self.addOutput(QgsProcessingOutputNumber("MEDIAN", tr("Median wealth")))
        self.addOutput(QgsProcessingOutputNumber("AREA_KM2", tr("Region area (km²)")))
        self.addOutput(QgsProcessingOutputString("MODEL_ID", tr("Model id")))
        self.addOutput(QgsProcessingOutputString("MODEL_STATUS", tr("Model status")))

    def run_core(self, parameters, context, feedback):
        from ..core.wealth.distributed import predict_with
        from ..core.wealth.raster import RasterSource
        from ..core.wealth.sentinel2 import require_product

        raster = self.parameterAsRasterLayer(parameters, self.INPUT, context)
        rasters = [raster.source()] if raster is not None else []
        rasters += [lyr.source() for lyr in self.parameterAsLayerList(parameters, self.MORE_RASTERS, context)]
        products = [p for p in self.parameterAsFileList(parameters, self.PRODUCTS, context) if p]
        rasters += [require_product(p) for p in products]  # a product's zip is no QGIS layer: given as a file
        if not rasters:
            raise WealthMapError(tr("No raster was given: choose a raster layer (INPUT) or Sentinel-2 products "
                                    "(PRODUCTS)."))
        raster_crs = raster.crs() if raster is not None else \
            QgsCoordinateReferenceSystem.fromWkt(RasterSource(rasters[0]).wkt)
        path = rasters if len(rasters) > 1 else rasters[0]
        region, region_crs = None, None
        source = self.parameterAsSource(parameters, self.REGION, context)
        if source is not None:
            geoms = [f.geometry() for f in source.getFeatures() if f.hasGeometry()]
            if not geoms:
                raise WealthMapError(tr("The region layer has no (selected) polygon features."))
            region, region_crs = QgsGeometry.unaryUnion(geoms), source.sourceCrs()
        elif parameters.get(self.EXTENT):
            region = self.parameterAsExtent(parameters, self.EXTENT, context)
            region_crs = self.parameterAsExtentCrs(parameters, self.EXTENT, context)
            if not region_crs.isValid():
                region_crs = raster_crs
        output = self.parameterAsOutputLayer(parameters, self.OUTPUT, context)
        if not output.lower().endswith(".gpkg"):
            raise WealthMapError(tr("The output must be a GeoPackage (.gpkg) file, not '{0}'.").format(output))
        geotiff = self.parameterAsOutputLayer(parameters, self.OUTPUT_RASTER, context) \
            if parameters.get(self.OUTPUT_RASTER) else None
        result = predict_with(
            feedback, path, scheduler=self.parameterAsString(parameters, self.SCHEDULER, context) or None,
            workers=self.parameterAsInt(parameters, self.WORKERS, context) or None, region=region,
            region_crs=region_crs,
            bundle=self.parameterAsFile(parameters, self.MODEL, context) or None, output=output, geotiff=geotiff,
            band_map=parse_band_map(self.parameterAsString(parameters, self.BAND_MAP, context)),
            max_chips=self.parameterAsInt(parameters, self.MAX_CHIPS, context),
            min_valid=self.parameterAsDouble(parameters, self.MIN_VALID, context),
            max_cloud=self.parameterAsDouble(parameters, self.MAX_CLOUD, context),
            use_cuda=self.parameterAsBool(parameters, self.USE_CUDA, context),
            covariates={lyr.name(): lyr.source()
                        for lyr in self.parameterAsLayerList(parameters, self.COVARIATES, context)} or None)
        feedback.pushInfo(tr("{0}: {1} chips, {2} used, {3} skipped; mean {4:.4g}, median {5:.4g}.").format(
            result["title"], result["chips"], result["chips_used"], result["chips_skipped"], result["mean"],
            result["median"]))
        if result.get("distributed"):
            run = result["distributed"]
            feedback.pushInfo(tr("{0} partitions: {1} run, {2} already done (run folder {3}).").format(
                run["parts"], run["parts_run"], run["parts_skipped"], run["run_folder"]))
        if context.willLoadLayerOnCompletion(output):
            details = context.layerToLoadOnCompletionDetails(output)
            details.name = result["short_title"]  # the long title is in the layer's metadata
            details.forceName = True
        return {self.OUTPUT: output, self.OUTPUT_RASTER: geotiff, "CHIPS": result["chips"],
                "CHIPS_USED": result["chips_used"], "CHIPS_SKIPPED": result["chips_skipped"],
                "MEAN": result["mean"], "MEDIAN": result["median"], "AREA_KM2": result["area_km2"],
                "MODEL_ID": result["model_id"], "MODEL_STATUS": result["model_status"]}


ALGORITHMS = [PredictWealthAlgorithm]
