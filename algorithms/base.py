"""Shared base for WealthMap Processing algorithms."""

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException

from ..core.errors import WealthMapError
from ..core.i18n import tr
from ..ui.icons import icon


class WealthMapAlgorithm(QgsProcessingAlgorithm):
    """Base class: group, icon, translation and error conversion.

    Subclasses implement ``name``, ``displayName``, ``shortHelpString``,
    ``initAlgorithm`` and ``run_core(parameters, context, feedback)``; a
    :class:`WealthMapError` from the core becomes a ``QgsProcessingException``.
    """

    GROUP = ""
    GROUP_ID = ""
    ICON = "wealthmap"

    def tr(self, text):
        return tr(text)

    def createInstance(self):  # noqa: N802 - QGIS override
        return type(self)()

    def group(self):
        return tr(self.GROUP)

    def groupId(self):  # noqa: N802 - QGIS override
        return self.GROUP_ID

    def icon(self):
        return icon(self.ICON)

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - QGIS override
        try:
            return self.run_core(parameters, context, feedback)
        except WealthMapError as err:
            raise QgsProcessingException(str(err)) from err

    def run_core(self, parameters, context, feedback):
        raise NotImplementedError
