"""Finished-map export: readable legend headings that fit the page, the visible layers in their order."""

import numpy as np
from qgis.core import QgsLayoutItemLegend, QgsProject
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QImage

from wealthmap.core.thematic import api
from wealthmap.core.thematic.export import layer_legend_title, visible_layers

from .test_thematic_style import make_layer

LONG = "thematic_districts_joined_population_density_per_km2_elderly_rate"


def _legend(layout):
    return next(item for item in layout.items() if isinstance(item, QgsLayoutItemLegend))


def _headings(legend):
    model = legend.model()
    return [model.data(model.node2index(node), Qt.ItemDataRole.DisplayRole)
            for node in model.rootGroup().findLayers()]


def _right_margin_is_blank(path, mm=5, dpi=100):
    image = QImage(path).convertToFormat(QImage.Format.Format_Grayscale8)
    width, height = image.width(), image.height()
    ptr = image.constBits()
    ptr.setsize(image.bytesPerLine() * height)
    pixels = np.frombuffer(ptr, np.uint8).reshape(height, image.bytesPerLine())[:, :width]
    return int(pixels[:, width - int(round(mm / 25.4 * dpi)):].min()) > 240


def test_legend_heading_says_what_the_map_shows_and_fits(qgis_app, tmp_path):
    layer = make_layer([5, 7, 9, 20, 30, 40, 50, 80, 120, 200], extra={"pop": [100, 120, 90, 300, 150, 160, 170,
                                                                              180, 190, 400]})
    layer.setName(LONG)
    rate = api.choropleth(layer, "v", "quantile", 4, normalize_by="pop", multiplier=100)
    assert rate.title == "v ÷ pop × 100 (Quantile (equal count), 4 classes)"
    png = str(tmp_path / "rate.png")
    result = api.export_map([rate.layer], png, title="Rate", dpi=100)
    legend = _legend(result.layout)
    heading = _headings(legend)[0]
    assert heading.replace("\n", " ") == rate.title, heading
    assert max(len(line) for line in heading.split("\n")) <= 34
    page = result.layout.pageCollection().page(0).sceneBoundingRect()
    box = legend.sceneBoundingRect()
    assert box.right() <= page.right() - 5 and box.bottom() <= page.bottom(), (box, page)
    assert _right_margin_is_blank(png)


def test_a_long_layer_name_is_wrapped_and_a_layer_title_wins(qgis_app, tmp_path):
    """Without a WealthMap style the heading is the layer's name, wrapped to fit; a title set in Layer
    Properties > Metadata is used as it is."""
    plain = make_layer([1, 2, 3, 4, 5, 6])
    plain.setName(LONG)
    png = str(tmp_path / "plain.png")
    result = api.export_map([plain], png, dpi=100)
    legend = _legend(result.layout)
    box, page = legend.sceneBoundingRect(), result.layout.pageCollection().page(0).sceneBoundingRect()
    assert box.right() <= page.right() - 5, (box, page)
    assert _right_margin_is_blank(png)
    assert _headings(legend)[0].replace("\n", "") == LONG
    plain.setTitle("Population density (people per km²)")
    assert layer_legend_title(plain) == "Population density (people per km²)"
    result = api.export_map([plain], png, dpi=40)
    assert _headings(_legend(result.layout))[0].replace("\n", " ") == "Population density (people per km²)"


def test_visible_layers_follow_the_layer_tree(qgis_app):
    project = QgsProject.instance()
    a, b, c = make_layer([1, 2]), make_layer([3, 4]), make_layer([5, 6])
    for layer, name in ((a, "a"), (b, "b"), (c, "c")):
        layer.setName(name)
        project.addMapLayer(layer)  # each new layer goes on top
    try:
        assert [lyr.name() for lyr in visible_layers(project)] == ["c", "b", "a"]
        project.layerTreeRoot().findLayer(b.id()).setItemVisibilityChecked(False)
        assert [lyr.name() for lyr in visible_layers(project)] == ["c", "a"]
    finally:
        project.removeAllMapLayers()
