"""How a Sentinel-2 raster is shown: true colour (B04, B03, B02 as red, green, blue) with a reflectance
stretch of 0 to 0.3, instead of QGIS's default of bands 1, 2, 3 as red, green, blue (false colour for
a stack in band order B02, B03, B04...).

``sample_data/sentinel2_berlin.qml`` is this style (QGIS loads a ``.qml`` beside a raster as its
default style); the Wealth panel offers it for any raster it recognises as Sentinel-2 that shows
otherwise and has no style file of its own.
"""

import os

TRUE_COLOUR = ("B04", "B03", "B02")
#: The reflectance shown from black to full colour (vegetation and roofs stay readable).
STRETCH = (0.0, 0.3)


def true_colour_setup(path):
    """``((red, green, blue) band numbers, (low, high) DN of the stretch)`` for a Sentinel-2 raster, or
    ``None`` when the raster is not recognised as one (no B04, B03, B02 found by band names)."""
    from ..errors import WealthMapError
    from .raster import RasterSource

    try:
        source = RasterSource(path)
    except WealthMapError:
        return None
    try:
        bands = tuple(source.band_map.get(b) for b in TRUE_COLOUR)
        if None in bands or source.sentinel2_vrt:
            return None
        scale = source.scale or 1.0
        low, high = (round((v - (source.offset or 0.0)) / scale, 6) for v in STRETCH)
        return bands, (low, high)
    finally:
        source.ds = None


def true_colour_renderer(layer):
    """A ``QgsMultiBandColorRenderer`` showing ``layer`` in true colour, or ``None`` (not Sentinel-2)."""
    from qgis.core import QgsContrastEnhancement, QgsMultiBandColorRenderer

    setup = true_colour_setup(layer.source())
    if setup is None:
        return None
    (red, green, blue), (low, high) = setup
    renderer = QgsMultiBandColorRenderer(layer.dataProvider(), red, green, blue)
    data_type = layer.dataProvider().dataType(red)
    for setter in (renderer.setRedContrastEnhancement, renderer.setGreenContrastEnhancement,
                   renderer.setBlueContrastEnhancement):
        enhancement = QgsContrastEnhancement(data_type)
        enhancement.setContrastEnhancementAlgorithm(QgsContrastEnhancement.ContrastEnhancementAlgorithm.StretchToMinimumMaximum)
        enhancement.setMinimumValue(low)
        enhancement.setMaximumValue(high)
        setter(enhancement)
    return renderer


def shows_true_colour(layer):
    """True when ``layer`` already shows bands B04, B03, B02 as red, green, blue."""
    setup = true_colour_setup(layer.source())
    renderer = layer.renderer()
    if setup is None or renderer is None or renderer.type() != "multibandcolor":
        return False
    return (renderer.redBand(), renderer.greenBand(), renderer.blueBand()) == setup[0]


def has_own_style(layer):
    """A ``.qml`` beside the raster file (QGIS loaded it as the layer's default style)."""
    path = layer.source().split("|")[0]
    return os.path.exists(os.path.splitext(path)[0] + ".qml")


def offers_true_colour(layer):
    """The panel offers true colour: a Sentinel-2 raster, not shown in true colour, without a style of its own."""
    return (layer is not None and layer.isValid() and layer.type() == 1 and not has_own_style(layer)
            and true_colour_setup(layer.source()) is not None and not shows_true_colour(layer))


def apply_true_colour(layer):
    """Show ``layer`` in true colour; returns True when it is a Sentinel-2 raster (and is now shown so)."""
    renderer = true_colour_renderer(layer)
    if renderer is None:
        return False
    layer.setRenderer(renderer)
    layer.triggerRepaint()
    return True


def write_true_colour_qml(path, qml):
    """Write the true-colour style of the raster ``path`` to ``qml`` (how the sample's .qml is made)."""
    from qgis.core import QgsRasterLayer

    layer = QgsRasterLayer(path, "s2")
    if not apply_true_colour(layer):
        raise ValueError("{} is not recognised as Sentinel-2".format(path))
    message, ok = layer.saveNamedStyle(qml)
    if not ok:
        raise OSError(message)
    return qml
