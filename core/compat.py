"""Calls whose QGIS API changed after 3.22, guarded in one place: the newer call where QGIS has it, the
3.22 one otherwise (both run in the test matrix: QGIS 3.22 and 3.44)."""


def parameter_as_fields(algorithm, parameters, name, context):
    """Field names of a field parameter: ``parameterAsStrings`` (QGIS >= 3.32; ``parameterAsFields`` is
    deprecated there), ``parameterAsFields`` on older QGIS."""
    if hasattr(algorithm, "parameterAsStrings"):
        return algorithm.parameterAsStrings(parameters, name, context)
    return algorithm.parameterAsFields(parameters, name, context)


def save_style_to_database(layer, name, description, use_as_default, ui_file_content=""):
    """Save the layer's style in its data source's style table (``saveStyleToDatabaseV2`` where QGIS has it,
    3.44 on; ``saveStyleToDatabase`` is deprecated there). Returns the error message ("" when saved)."""
    if hasattr(layer, "saveStyleToDatabaseV2"):
        _, message = layer.saveStyleToDatabaseV2(name, description, use_as_default, ui_file_content)
        return message or ""
    result = layer.saveStyleToDatabase(name, description, use_as_default, ui_file_content)
    return (result if isinstance(result, str) else "") or ""


def set_label_font(label, font):
    """Font of a layout label: through a ``QgsTextFormat`` (QGIS >= 3.24; ``QgsLayoutItemLabel.setFont`` is
    deprecated from 3.40), ``setFont`` on 3.22."""
    if hasattr(label, "setTextFormat"):
        from qgis.core import QgsTextFormat

        label.setTextFormat(QgsTextFormat.fromQFont(font))
    else:
        label.setFont(font)
