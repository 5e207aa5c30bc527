"""The WealthMap Processing provider (id ``wealthmap``)."""

import importlib

from qgis.core import QgsProcessingProvider

from ..core import log
from ..ui.icons import icon, icon_path

# Each capability module exposes ``ALGORITHMS``: a list of algorithm classes.
MODULES = ("geocode_algs", "thematic_algs", "wealth_algs", "wealth_train_algs", "stac_algs")


def algorithm_classes():
    classes = []
    for name in MODULES:
        try:
            module = importlib.import_module("{}.{}".format(__package__, name))
        except ImportError as err:
            log.critical("WealthMap could not load algorithms from {}: {}".format(name, err))
            continue
        classes.extend(getattr(module, "ALGORITHMS", []))
    return classes


class WealthMapProvider(QgsProcessingProvider):
    def id(self):
        return "wealthmap"

    def name(self):
        return "WealthMap"

    def longName(self):  # noqa: N802 - QGIS override
        return "WealthMap"

    def icon(self):
        return icon("wealthmap")

    def svgIconPath(self):  # noqa: N802 - QGIS override
        return icon_path("wealthmap")

    def defaultVectorFileExtension(self, hasGeometry=True):  # noqa: N802,N803 - QGIS override
        """GeoPackage for temporary outputs, whatever the user's Processing default (the styled and predicted
        outputs are GeoPackages; a Shapefile default made every temporary output fail)."""
        return "gpkg"

    def loadAlgorithms(self):  # noqa: N802 - QGIS override
        for cls in algorithm_classes():
            self.addAlgorithm(cls())
