"""Logging to the QGIS message log under the ``WealthMap`` tab."""

from qgis.core import Qgis, QgsMessageLog

TAG = "WealthMap"


def info(message):
    QgsMessageLog.logMessage(str(message), TAG, Qgis.MessageLevel.Info)


def warning(message):
    QgsMessageLog.logMessage(str(message), TAG, Qgis.MessageLevel.Warning)


def critical(message):
    QgsMessageLog.logMessage(str(message), TAG, Qgis.MessageLevel.Critical)
