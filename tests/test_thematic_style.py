"""Thematic styles: renderers read back, maps rendered to images (pixel colours), charts, export."""

import re

import numpy as np
import pytest
from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsGraduatedSymbolRenderer,
    QgsLinearlyInterpolatedDiagramRenderer,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsPointXY,
    QgsRuleBasedRenderer,
    QgsSingleCategoryDiagramRenderer,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor, QImage

from wealthmap.core.errors import WealthMapError
from wealthmap.core.thematic import api, style

CELL = 1000.0


def make_layer(values, extra=None, crs="EPSG:5186", cell=CELL, origin=(190000.0, 540000.0)):
    """A row of square polygons with field ``v`` (and ``extra`` fields: name -> list)."""
    extra = extra or {}
    uri = "Polygon?crs={}&field=id:integer&field=v:double".format(crs) + "".join(
        "&field={}:double".format(name) for name in extra)
    layer = QgsVectorLayer(uri, "grid", "memory")
    features = []
    for i, value in enumerate(values):
        feature = QgsFeature(layer.fields())
        x0, y0 = origin[0] + (i % 5) * cell, origin[1] + (i // 5) * cell
        feature.setGeometry(QgsGeometry.fromWkt("POLYGON(({0} {1},{2} {1},{2} {3},{0} {3},{0} {1}))".format(
            x0, y0, x0 + cell, y0 + cell)))
        feature.setAttributes([i, value] + [extra[name][i] for name in extra])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    layer.updateExtents()
    return layer


def render(layer, size=500):
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(layer.crs())
    extent = layer.extent()
    extent.scale(1.02)
    settings.setExtent(extent)
    settings.setOutputSize(QSize(size, size))
    settings.setBackgroundColor(QColor(255, 255, 255))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    return job.renderedImage(), settings


def pixel_at_centre(image, settings, feature):
    point = feature.geometry().centroid().asPoint()
    pixel = settings.mapToPixel().transform(QgsPointXY(point))
    return QColor(image.pixel(int(pixel.x()), int(pixel.y()))).name()


@pytest.fixture
def values():
    return [1, 2, 3, 10, 12, 14, 100, 120, 800, 1000]


def test_choropleth_renderer_and_pixels(qgis_app, values):
    layer = make_layer(values)
    result = api.choropleth(layer, "v", "manual", breaks=[3, 14, 120, 1000], ramp="Blues")
    renderer = layer.renderer()
    assert isinstance(renderer, QgsGraduatedSymbolRenderer)
    assert renderer.classAttribute() == '"v"'
    ranges = renderer.ranges()
    assert [(r.lowerValue(), r.upperValue()) for r in ranges] == [(1, 3), (3, 14), (14, 120), (120, 1000)]
    assert [r.label() for r in ranges] == ["1 – 3 (3)", "3 – 14 (3)", "14 – 120 (2)", "120 – 1,000 (2)"]
    expected = [c.name() for c in style.ramp_colors("Blues", 4)]
    assert [r.symbol().color().name() for r in ranges] == expected == result.colors
    image, settings = render(layer)
    classes = [0, 0, 0, 1, 1, 1, 2, 2, 3, 3]
    for feature, cls in zip(layer.getFeatures(), classes):
        assert pixel_at_centre(image, settings, feature) == expected[cls], feature["v"]


def test_null_class_is_drawn_and_in_legend(qgis_app, values):
    layer = make_layer(values[:-2] + [None, None])
    result = api.choropleth(layer, "v", "quantile", 4, ramp="YlOrRd", reverse=True)
    assert result.null_count == 2
    renderer = layer.renderer()
    assert isinstance(renderer, QgsRuleBasedRenderer)
    labels = [rule.label() for rule in renderer.rootRule().children()]
    assert labels[-1] == "No data (2)" and len(labels) == 5
    image, settings = render(layer)
    colors = [c.name() for c in style.ramp_colors("YlOrRd", 4, reverse=True)]
    features = list(layer.getFeatures())
    assert pixel_at_centre(image, settings, features[-1]) == QColor(style.NULL_COLOR).name()
    assert pixel_at_centre(image, settings, features[0]) == colors[0]
    assert pixel_at_centre(image, settings, features[7]) == colors[3]


def test_expression_and_multiplier_with_nulls(qgis_app):
    layer = make_layer([1, 2, 3, 4, None])
    result = api.choropleth(layer, expression='"v" * 10', method="equal", classes=2, multiplier=100)
    assert result.breaks == [2500.0, 4000.0] and result.null_count == 1
    image, settings = render(layer)
    colors = result.colors
    features = list(layer.getFeatures())
    assert [pixel_at_centre(image, settings, f) for f in features] == [colors[0], colors[0], colors[1], colors[1],
                                                                       QColor(style.NULL_COLOR).name()]


def test_style_survives_in_qml_without_the_plugin(qgis_app, tmp_path, values):
    layer = make_layer(values)
    qml = str(tmp_path / "style.qml")
    api.choropleth(layer, "v", "jenks", 3, qml=qml)
    text = open(qml, encoding="utf-8").read()
    assert 'type="graduatedSymbol"' in text and "wealthmap" not in text.lower()
    fresh = make_layer(values)
    fresh.loadNamedStyle(qml)
    assert isinstance(fresh.renderer(), QgsGraduatedSymbolRenderer)
    assert [r.upperValue() for r in fresh.renderer().ranges()] == [r.upperValue() for r in layer.renderer().ranges()]


def test_normalise_by_field_reports_zero_denominators(qgis_app):
    layer = make_layer([10, 20, 60, 40, 50], {"pop": [100, 0, 300, None, 500]})
    result = api.choropleth(layer, "v", "equal", 2, normalize_by="pop", multiplier=1000)
    assert result.layer is not layer and "v_rate" in result.layer.fields().names()
    assert "v_rate" not in layer.fields().names()  # input untouched
    rates = [f["v_rate"] for f in result.layer.getFeatures()]
    assert rates[0] == pytest.approx(100.0) and rates[2] == pytest.approx(200.0) and rates[4] == 100.0
    assert result.zero_denominators == [2, 4]  # feature ids (memory provider starts at 1)
    # every denominator zero: said as such (it used to say the values were all NULL, blaming the join)
    zeros = make_layer([1, 2, 3], {"pop": [0, 0, None]})
    with pytest.raises(WealthMapError, match="Cannot normalise by 'pop': it is zero or NULL for every feature"):
        api.choropleth(zeros, "v", "equal", 2, normalize_by="pop")
    assert result.null_count == 2


def test_area_normalisation_is_ellipsoidal_km2(qgis_app):
    layer = make_layer([100, 200, 300], cell=1000.0)  # 1 km² squares in EPSG:5186
    result = api.choropleth(layer, "v", "equal", 2, per_area=True)
    rates = [f["v_per_km2"] for f in result.layer.getFeatures()]
    np.testing.assert_allclose(rates, [100, 200, 300], rtol=0.01)
    geo = make_layer([1, 2, 3], crs="EPSG:4326", cell=0.01, origin=(127.0, 37.5))
    result = api.choropleth(geo, "v", "equal", 2, per_area=True)
    area_km2 = 1.0 / result.layer.getFeature(1)["v_per_km2"]
    assert area_km2 == pytest.approx(1.1132 * 0.8834, rel=0.01)  # 0.01° x 0.01° at 37.5°N
    with pytest.raises(WealthMapError, match="geographic CRS"):
        api.choropleth(geo, "v", "equal", 2, per_area=True, area_method="planar")
    nocrs = make_layer([1, 2, 3], crs="None")
    with pytest.raises(WealthMapError, match="no coordinate reference system"):
        api.choropleth(nocrs, "v", "equal", 2, per_area=True)


def test_bad_choropleth_inputs(qgis_app, tmp_path):
    layer = make_layer([1, 2, 3])
    with pytest.raises(WealthMapError, match="field 'nope' is not in the layer"):
        api.choropleth(layer, "nope")
    text = QgsVectorLayer("Polygon?crs=EPSG:5186&field=t:string", "t", "memory")
    feature = QgsFeature(text.fields())
    feature.setGeometry(QgsGeometry.fromWkt("POLYGON((0 0,1 0,1 1,0 0))"))
    feature.setAttributes(["서울"])
    text.dataProvider().addFeatures([feature])
    with pytest.raises(WealthMapError, match="'t' is not numeric"):
        api.choropleth(text, "t")
    with pytest.raises(WealthMapError, match="every value is NULL"):
        api.choropleth(make_layer([None, None]), "v")
    with pytest.raises(WealthMapError, match="All 3 values are equal"):
        api.choropleth(make_layer([4, 4, 4]), "v")
    with pytest.raises(WealthMapError, match="Only 3 distinct values for 5 classes"):
        api.choropleth(layer, "v", "equal", 5)
    with pytest.raises(WealthMapError, match="needs values above zero"):
        api.choropleth(make_layer([-1, 2, 30]), "v", "log", 2)
    with pytest.raises(WealthMapError, match="has no features"):
        api.choropleth(make_layer([]), "v")
    with pytest.raises(WealthMapError, match="'ramp' must be one of"):
        api.choropleth(layer, "v", "equal", 2, ramp="Rainbow")
    points = QgsVectorLayer("Point?crs=EPSG:5186&field=v:double", "p", "memory")
    feature = QgsFeature(points.fields())
    feature.setGeometry(QgsGeometry.fromWkt("POINT(0 0)"))
    feature.setAttributes([1.0])
    points.dataProvider().addFeatures([feature])
    with pytest.raises(WealthMapError, match="not a polygon layer"):
        api.choropleth(points, "v")


def test_bivariate_rules_and_legend(qgis_app, tmp_path):
    x = [1, 2, 3, 4, 5, 6, 7, 8, 9, None]
    y = [9, 8, 7, 1, 2, 3, 5, 4, 6, 1]
    layer = make_layer(x, {"y": y})
    legend = str(tmp_path / "bivariate.png")
    result = api.bivariate(layer, "v", "y", palette="greenblue", legend_image=legend)
    assert sum(map(sum, result.counts)) == 9 and result.null_count == 1
    rules = layer.renderer().rootRule().children()
    assert len(rules) == 10 and rules[-1].label() == "No data (1)"
    assert QImage(legend).width() == 360
    image, settings = render(layer)
    grid = style.BIVARIATE_PALETTES["greenblue"]
    features = list(layer.getFeatures())
    assert pixel_at_centre(image, settings, features[0]) == grid[2][0]  # x low, y high
    assert pixel_at_centre(image, settings, features[8]) == grid[1][2]  # x high, y middle
    with pytest.raises(WealthMapError, match="two different fields"):
        api.bivariate(layer, "v", "v")


@pytest.mark.parametrize("kind", ["pie", "bar", "stacked"])
def test_chart_maps(qgis_app, kind):
    layer = make_layer([1, 2, 3, 4], {"men": [10, 20, 30, 40], "women": [12, 18, 35, 41]})
    blank, settings = render(layer)
    result = api.chart_map(layer, ["men", "women"], kind=kind, colors=["#ff0000", "#0000ff"], max_size=10)
    renderer = layer.diagramRenderer()
    assert isinstance(renderer, QgsLinearlyInterpolatedDiagramRenderer)
    assert renderer.diagram().diagramName() == {"pie": "Pie", "bar": "Histogram", "stacked": "Stacked"}[kind]
    assert renderer.upperValue() == result.max_total == (41 if kind == "bar" else 81)
    assert renderer.dataDefinedSizeLegend() is not None
    image, _ = render(layer)
    pixels = [QColor(image.pixel(x, y)).name() for x in range(0, 500, 2) for y in range(0, 500, 2)]
    assert "#ff0000" in pixels and "#0000ff" in pixels
    fixed = api.chart_map(layer, ["men", "women"], kind=kind, size_mode="fixed")
    assert isinstance(fixed.renderer, QgsSingleCategoryDiagramRenderer)


def test_proportional_and_bad_charts(qgis_app):
    layer = make_layer([1, 2, 3, 4], {"men": [10, 20, -5, 40]})
    result = api.chart_map(layer, ["v"], kind="proportional")
    assert result.renderer.diagramSettings()[0].scaleByArea
    with pytest.raises(WealthMapError, match="two or more fields"):
        api.chart_map(layer, ["v"], kind="pie")
    with pytest.raises(WealthMapError, match="negative values"):
        api.chart_map(layer, ["v", "men"], kind="pie")
    with pytest.raises(WealthMapError, match="one field"):
        api.chart_map(layer, ["v", "men"], kind="proportional")
    with pytest.raises(WealthMapError, match="'kind' must be one of"):
        api.chart_map(layer, ["v", "men"], kind="donut")
    with pytest.raises(WealthMapError, match="'size_mode' must be one of total, fixed; got 'area'"):
        api.chart_map(layer, ["v", "v"], size_mode="area")
    with pytest.raises(WealthMapError, match="zero or NULL"):
        api.chart_map(make_layer([0, 0], {"w": [0, None]}), ["v", "w"])


def test_export_png_and_pdf_sizes(qgis_app, tmp_path, values):
    layer = make_layer(values)
    api.choropleth(layer, "v", "jenks", 3)
    png, pdf = str(tmp_path / "map.png"), str(tmp_path / "map.pdf")
    result = api.export_map([layer], [png, pdf], title="Population", source="Source: test", dpi=96)
    assert set(result.files) == {"png", "pdf"}
    image = QImage(png)
    assert abs(image.width() - 297 / 25.4 * 96) <= 1 and abs(image.height() - 210 / 25.4 * 96) <= 1
    # the map is drawn: the darkest class colour appears in the PNG
    ranges = layer.renderer().ranges()  # keep the list alive while reading its symbols
    darkest = ranges[-1].symbol().color().name()
    colors = {QColor(image.pixel(x, y)).name() for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)}
    assert darkest in colors
    with open(pdf, "rb") as handle:
        head = handle.read()
    assert head.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)", head)
    assert boxes and all(abs(float(w) - 841.9) < 1 and abs(float(h) - 595.3) < 1 for w, h in boxes)  # A4 landscape
    with pytest.raises(WealthMapError, match="Unsupported export format"):
        api.export_map([layer], str(tmp_path / "map.bmp"))
    with pytest.raises(WealthMapError, match="from 30 to 1200"):
        api.export_map([layer], png, dpi=5)
    # the extent as a tuple (the first two features only), a page size in any case; bad ones said clearly
    part = str(tmp_path / "part.png")
    api.export_map([layer], part, extent=(190000.0, 540000.0, 192000.0, 541000.0), page="Letter", dpi=40)
    image = QImage(part)
    assert abs(image.width() - 279.4 / 25.4 * 40) <= 1
    seen = [QColor(image.pixel(x, y)).name() for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)]
    # the map shows only the first class (the darkest appears in the legend's swatch alone)
    assert seen.count(ranges[0].symbol().color().name()) > 20 * max(1, seen.count(darkest))
    with pytest.raises(WealthMapError, match="'extent' must be a box of four finite numbers"):
        api.export_map([layer], part, extent="190000 540000")
    with pytest.raises(WealthMapError, match="is inverted or empty"):
        api.export_map([layer], part, extent=(5, 5, 5, 9))
    with pytest.raises(WealthMapError, match="Unknown page size 'B5'"):
        api.export_map([layer], part, page="B5")


def _text_twin(layer, fields):
    """A copy of ``layer`` whose ``fields`` are text, as a CSV join leaves them: "1,234", "12.5%", "-"."""
    uri = "Polygon?crs={}&field=id:integer".format(layer.crs().authid()) + "".join(
        "&field={}:string".format(name) for name in fields)
    twin = QgsVectorLayer(uri, "text", "memory")
    features = []
    for source in layer.getFeatures():
        feature = QgsFeature(twin.fields())
        feature.setGeometry(source.geometry())
        texts = []
        for name in fields:
            value = source[name]
            if value is None or (hasattr(value, "isNull") and value.isNull()):
                texts.append("-")
            else:
                texts.append("{:,.1f}".format(value).rstrip("0").rstrip(".") + ("%" if name == "pct" else ""))
        feature.setAttributes([source["id"]] + texts)
        features.append(feature)
    twin.dataProvider().addFeatures(features)
    twin.updateExtents()
    return twin


def test_text_fields_of_numbers_are_drawn_like_numbers(qgis_app):
    """Numbers stored as text with thousands separators ("12,000"), a percent sign or "-" for none are
    classified from their values and drawn: the renderers used to compare the raw text, leaving every
    feature of a choropleth and every chart undrawn."""
    values = [950.0, 1234.0, 2500.0, 7777.0, 12000.0, 30100.0, None]
    numbers = make_layer(values, {"pct": [1.5, 2.0, 12.5, 40.0, 3.0, 7.0, 9.0], "w": [5.0, 6.0, 7.0, 8.0, 9.0, 10.0,
                                                                                      11.0]})
    text = _text_twin(numbers, ["v", "pct", "w"])
    assert text.fields().field("v").type() != numbers.fields().field("v").type()
    assert [f["v"] for f in text.getFeatures()][4:] == ["12,000", "30,100", "-"]
    for layer in (numbers, text):
        api.choropleth(layer, "v", "quantile", classes=3, ramp="Blues")
    drawn_numbers, settings = render(numbers)
    drawn_text, _ = render(text)
    for a, b in zip(numbers.getFeatures(), text.getFeatures()):
        colour = pixel_at_centre(drawn_text, settings, b)
        assert colour == pixel_at_centre(drawn_numbers, settings, a) and colour != "#ffffff", (b["v"], colour)
    # with a percent sign, in a bivariate map and in charts
    api.bivariate(numbers, "v", "pct")
    api.bivariate(text, "v", "pct")
    drawn_numbers, _ = render(numbers)
    drawn_text, _ = render(text)
    assert [pixel_at_centre(drawn_text, settings, f) for f in text.getFeatures()] == \
        [pixel_at_centre(drawn_numbers, settings, f) for f in numbers.getFeatures()]
    for kind in ("pie", "bar"):
        for layer in (numbers, text):
            layer.setRenderer(QgsGraduatedSymbolRenderer())  # nothing but the charts
            api.chart_map(layer, ["pct", "w"], kind=kind, colors=["#ff0000", "#0000ff"], max_size=10)
        pixels = [sorted(QColor(image.pixel(x, y)).name() for x in range(0, 500, 2) for y in range(0, 500, 2))
                  for image in (render(numbers)[0], render(text)[0])]
        assert pixels[0].count("#ff0000") > 100 and pixels[0] == pixels[1], kind


@pytest.mark.parametrize("alias,key", [("natural_breaks", "jenks"), ("NaturalBreaks", "jenks"),
                                       ("equal_interval", "equal"), ("Quantiles", "quantile"),
                                       ("std_mean", "stddev"), ("HeadTailBreaks", "headtail")])
def test_console_api_accepts_qgis_and_mapclassify_method_names(qgis_app, values, alias, key):
    import wealthmap.api as wm

    by_alias = wm.choropleth(make_layer(values), "v", method=alias, classes=3)
    by_key = wm.choropleth(make_layer(values), "v", method=key, classes=3)
    assert by_alias.breaks == by_key.breaks and by_alias.counts == by_key.counts
    assert by_alias.title == by_key.title
