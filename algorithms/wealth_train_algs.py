"""Processing algorithm ``wealthmap:trainwealthmodel``: train a wealth head from survey points."""

from qgis.core import (
    QgsFeatureRequest,
    QgsProcessing,
    QgsProcessingOutputFile,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterCrs,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..core.errors import WealthMapError
from ..core.i18n import tr, tr_noop
from .base import WealthMapAlgorithm

CV_SCHEMES = ["blocked", "group"]


class TrainWealthModelAlgorithm(WealthMapAlgorithm):
    GROUP = tr_noop("Wealth from imagery")
    GROUP_ID = "wealth"
    ICON = "wealth"

    SURVEY = "SURVEY"
    SURVEY_FILE = "SURVEY_FILE"
    VALUE = "VALUE_FIELD"
    GROUP_FIELD = "GROUP_FIELD"
    URBAN = "URBAN_FIELD"
    EXTRA = "EXTRA_FIELDS"
    CRS = "CRS"
    RASTERS = "RASTERS"
    PRODUCTS = "PRODUCTS"
    BUNDLE = "BUNDLE"
    CV = "CV"
    FOLDS = "FOLDS"
    BLOCK_KM = "BLOCK_KM"
    TREES = "TREES"
    LEAF = "MIN_SAMPLES_LEAF"
    PCA = "PCA_COMPONENTS"
    WINDOW = "WINDOW_M"
    ABLATION = "ABLATION"
    COVARIATES = "COVARIATES"
    COVARIATE_SUMS = "COVARIATE_SUMS"
    HOLDOUT = "HOLDOUT"
    OUTPUT = "OUTPUT"

    def name(self):
        return "trainwealthmodel"

    def displayName(self):  # noqa: N802 - QGIS override
        return tr("Train wealth model from survey points")

    def shortHelpString(self):  # noqa: N802 - QGIS override
        return tr("Trains a random forest wealth head on survey points (for example DHS clusters) and Sentinel-2 "
                  "rasters, with the features prediction computes for the chip that contains each point: the mean "
                  "embedding of the grid-aligned chips around it (3 x 3 chips = 7.68 km by default, covering the "
                  "survey's coordinate displacement) plus the NDVI/NDBI/NDWI statistics the raster's bands allow "
                  "(NDBI needs B11) and optional covariate rasters (night lights, population...; any CRS). "
                  "Accuracy is cross-validated on held-out spatial blocks (sized for the survey by default) or "
                  "whole groups, next to baselines (group mean, urban/rural mean), with an out-of-region test "
                  "and errors per slice. Writes a model bundle (status 'trained') with report.html and "
                  "report.json. Give the survey as a point layer, or as a table file with latitude/longitude "
                  "columns.")

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS override
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.SURVEY, tr("Survey points (point layer)"), [QgsProcessing.SourceType.TypeVectorPoint], optional=True))
        self.addParameter(QgsProcessingParameterFile(
            self.SURVEY_FILE, tr("or survey table (CSV/XLSX with latitude/longitude columns)"), optional=True))
        self.addParameter(QgsProcessingParameterString(self.VALUE, tr("Value field (e.g. wealthpooled)")))
        self.addParameter(QgsProcessingParameterString(self.GROUP_FIELD, tr("Group field (country/region)"),
                                                       optional=True))
        self.addParameter(QgsProcessingParameterString(self.URBAN, tr("Urban/rural field"), optional=True))
        self.addParameter(QgsProcessingParameterString(self.EXTRA, tr("Extra columns reported as evaluation slices, "
                                                                         "not features (comma-separated)"),
                                                       optional=True))
        self.addParameter(QgsProcessingParameterCrs(self.CRS, tr("CRS of the table's coordinates"), "EPSG:4326",
                                                    optional=True))
        self.addParameter(QgsProcessingParameterMultipleLayers(
            self.RASTERS, tr("Sentinel-2 rasters"), QgsProcessing.SourceType.TypeRaster, optional=True))
        self.addParameter(QgsProcessingParameterMultipleLayers(
            self.PRODUCTS, tr("…and/or Sentinel-2 products as downloaded (.zip or MTD_MSIL2A.xml / MTD_MSIL1C.xml)"),
            QgsProcessing.SourceType.TypeFile, optional=True))
        self.addParameter(QgsProcessingParameterFile(
            self.BUNDLE, tr("Bundle whose embedder to use (empty: the bundled one)"),
            QgsProcessingParameterFile.Behavior.Folder, optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            self.CV, tr("Cross-validation"), [tr("spatially blocked k-fold"), tr("leave one group out")],
            defaultValue=0))
        self.addParameter(QgsProcessingParameterNumber(self.FOLDS, tr("Folds (blocked k-fold)"),
                                                       QgsProcessingParameterNumber.Type.Integer, 5, minValue=2))
        self.addParameter(QgsProcessingParameterNumber(self.BLOCK_KM, tr("Spatial block size (km; 0: automatic, 50 km "
                                                                         "or smaller to give enough blocks)"),
                                                       QgsProcessingParameterNumber.Type.Double, 0.0, minValue=0.0))
        self.addParameter(QgsProcessingParameterNumber(self.TREES, tr("Trees"),
                                                       QgsProcessingParameterNumber.Type.Integer, 200, minValue=1))
        self.addParameter(QgsProcessingParameterNumber(self.LEAF, tr("Minimum points per leaf"),
                                                       QgsProcessingParameterNumber.Type.Integer, 3, minValue=1))
        self.addParameter(QgsProcessingParameterNumber(self.PCA, tr("PCA components of the embedding"),
                                                       QgsProcessingParameterNumber.Type.Integer, 30, minValue=1))
        self.addParameter(QgsProcessingParameterNumber(self.WINDOW, tr("Context width (m, rounded up to an odd "
                                                                       "number of chips; 0: automatic, at least "
                                                                       "5 km)"),
                                                       QgsProcessingParameterNumber.Type.Double, 0.0, minValue=0.0))
        self.addParameter(QgsProcessingParameterBoolean(self.ABLATION, tr("Compare feature groups (ablation)"),
                                                        True))
        self.addParameter(QgsProcessingParameterMultipleLayers(
            self.COVARIATES, tr("Covariate rasters (night lights, population, built-up...; named by layer name)"),
            QgsProcessing.SourceType.TypeRaster, optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.COVARIATE_SUMS, tr("Covariates summed over the window, not averaged (counts such as population; "
                                    "comma-separated layer names)"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.HOLDOUT, tr("Groups held out as the out-of-region test set (comma-separated; empty: each group in "
                             "turn)"), optional=True))
        for param in (
                QgsProcessingParameterString(
                    "SCHEDULER", tr("Run on (empty: in this process; 'local': worker processes on this machine; "
                                    "tcp://host:8786: a Dask cluster)"), optional=True),
                QgsProcessingParameterNumber(
                    "WORKERS", tr("Local worker processes (0: one per core)"),
                    QgsProcessingParameterNumber.Type.Integer, 0, minValue=0)):
            param.setFlags(param.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
            self.addParameter(param)
        self.addParameter(QgsProcessingParameterFolderDestination(self.OUTPUT, tr("Model bundle folder")))
        self.addOutput(QgsProcessingOutputFile("REPORT", tr("Training report (HTML)")))
        self.addOutput(QgsProcessingOutputNumber("R2", tr("Cross-validated r²")))

    def run_core(self, parameters, context, feedback):
        from ..core.wealth.train_api import train_wealth_model

        layer = None
        if parameters.get(self.SURVEY):
            # as a feature source: "selected features only" in the dialog gives only those
            source = self.parameterAsSource(parameters, self.SURVEY, context)
            if source is not None:
                layer = source.materialize(QgsFeatureRequest(), feedback)
                named = self.parameterAsVectorLayer(parameters, self.SURVEY, context)
                layer.setName(named.name() if named is not None else "survey")
        path = self.parameterAsFile(parameters, self.SURVEY_FILE, context)
        survey = layer if layer is not None else path
        if not survey:
            raise WealthMapError(tr("Give the survey points: a point layer or a table file."))
        from ..core.wealth.sentinel2 import require_product

        rasters = [lyr.source() for lyr in self.parameterAsLayerList(parameters, self.RASTERS, context)]
        products = [p for p in self.parameterAsFileList(parameters, self.PRODUCTS, context) if p]
        rasters += [require_product(p) for p in products]  # a product's zip is no QGIS layer: given as a file
        if not rasters:
            raise WealthMapError(tr("Give the Sentinel-2 rasters (RASTERS) or products (PRODUCTS) that cover the "
                                    "survey points."))
        extra = [f.strip() for f in (self.parameterAsString(parameters, self.EXTRA, context) or "").split(",")
                 if f.strip()]
        window = self.parameterAsDouble(parameters, self.WINDOW, context)
        block_km = self.parameterAsDouble(parameters, self.BLOCK_KM, context) if parameters.get(self.BLOCK_KM) \
            not in (None, "") else 0.0
        covariates = [{"name": lyr.name(), "path": lyr.source()}
                      for lyr in self.parameterAsLayerList(parameters, self.COVARIATES, context)]
        sums = [n.strip() for n in (self.parameterAsString(parameters, self.COVARIATE_SUMS, context) or "").split(",")
                if n.strip()]
        result = train_wealth_model(
            survey, rasters,
            value_field=self.parameterAsString(parameters, self.VALUE, context),
            out_dir=self.parameterAsString(parameters, self.OUTPUT, context),
            group_field=self.parameterAsString(parameters, self.GROUP_FIELD, context) or None,
            urban_field=self.parameterAsString(parameters, self.URBAN, context) or None,
            extra_fields=extra,
            crs=self.parameterAsCrs(parameters, self.CRS, context).authid() or "EPSG:4326",
            cv=CV_SCHEMES[self.parameterAsEnum(parameters, self.CV, context)],
            folds=self.parameterAsInt(parameters, self.FOLDS, context),
            block_km=block_km if block_km > 0 else None,
            n_estimators=self.parameterAsInt(parameters, self.TREES, context),
            min_samples_leaf=self.parameterAsInt(parameters, self.LEAF, context),
            pca_components=self.parameterAsInt(parameters, self.PCA, context),
            window_m=window if window > 0 else None,
            bundle=self.parameterAsFile(parameters, self.BUNDLE, context) or None,
            ablation=self.parameterAsBool(parameters, self.ABLATION, context),
            covariates=covariates, covariate_sums=sums,
            holdout=self.parameterAsString(parameters, self.HOLDOUT, context) or None,
            scheduler=self.parameterAsString(parameters, "SCHEDULER", context) or None,
            workers=self.parameterAsInt(parameters, "WORKERS", context) or None,
            feedback=feedback)
        m = result["metrics"]
        feedback.pushInfo(tr("Cross-validated r² {0:.3f} (urban/rural-mean baseline {1}); report: {2}").format(
            m["model"]["r2"], "{:.3f}".format(m["baselines"]["urban_rural_mean"]["r2"])
            if "urban_rural_mean" in m["baselines"] else "–", result["report_html"]))
        from ..core.wealth.report import evaluation_summary

        for line in evaluation_summary(m):
            feedback.pushInfo(line)
        return {self.OUTPUT: result["bundle"], "REPORT": result["report_html"], "R2": m["model"]["r2"]}


ALGORITHMS = [TrainWealthModelAlgorithm]
