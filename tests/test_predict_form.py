"""The Predict tab's leftovers (offscreen; the real window in tests/test_journey_wealth.py): the drawn region
shows only in drawing modes, a region half outside the raster says how much is covered, a Sentinel-2 raster
without a style is offered true colour and the sample opens in true colour, the new legend opens and the older
closes, short notes on whole rows, and a polygon layer (all or selected features) as the API's region."""

import os
import shutil
import sys

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsGeometry,
    QgsProject,
    QgsRasterLayer,
    QgsRectangle,
    QgsVectorLayer,
)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_wealth_helpers import SAMPLE  # noqa: E402
from test_wealth_weak import wait_for_task  # noqa: E402


def test_drawn_region_shows_only_in_drawing_modes(qgis_iface):
    from wealthmap.ui.wealth_dock import WealthDock

    dock = WealthDock(qgis_iface)
    widget = dock.predict_widget
    try:
        widget.set_mode("rectangle")
        widget.set_region(QgsGeometry.fromRect(QgsRectangle(331000, 5815000, 344000, 5821000)),
                          QgsCoordinateReferenceSystem("EPSG:32633"))
        assert widget.region_band.isVisible() and widget.region_label.text() == \
            "Region drawn: 5 vertices, EPSG:32633."
        widget.set_mode("raster")
        assert not widget.region_band.isVisible() and widget.region_label.text() == "The whole raster is predicted."
        widget.set_mode("rectangle")
        assert widget.region_band.isVisible() and widget.region_label.text().startswith("Region drawn")
        # notes on whole rows: the form's field column is not shared with them
        form = widget.form
        for label in (widget.model_label, widget.temporary):
            row, role = form.getWidgetPosition(label)
            assert role == form.ItemRole.SpanningRole if hasattr(form, "ItemRole") else role == 2
    finally:
        dock.cleanup()
        dock.deleteLater()


def test_region_half_outside_the_raster_says_its_coverage(qgis_app, tmp_path):
    from wealthmap.core.wealth.api import predict_wealth

    # the raster spans x 330000..345360: this region lies half east of it
    result = predict_wealth(SAMPLE, region=(340240, 5815000, 350480, 5822680), region_crs="EPSG:32633",
                            output=str(tmp_path / "half.gpkg"))
    assert 0.4 < result["coverage"] < 0.6
    share = round(100 * result["coverage"])
    assert result["coverage_note"].startswith("Only {}% of the region".format(share))
    assert result["coverage_note"] in result["advice"]
    assert result["coverage_note"] in result["summary"]
    inside = predict_wealth(SAMPLE, region=(331000, 5815000, 344000, 5821000), region_crs="EPSG:32633",
                            output=str(tmp_path / "inside.gpkg"))
    assert inside["coverage"] > 0.99 and inside["coverage_note"] is None


def test_sample_opens_in_true_colour_and_others_are_offered_it(qgis_iface, tmp_path):
    from wealthmap.core.wealth.display import offers_true_colour, shows_true_colour
    from wealthmap.ui.wealth_dock import WealthDock

    sample = QgsRasterLayer(SAMPLE, "sample")
    r = sample.renderer()
    assert (r.redBand(), r.greenBand(), r.blueBand()) == (3, 2, 1) and shows_true_colour(sample)
    assert r.redContrastEnhancement().maximumValue() == 3000  # reflectance 0.3 at scale 0.0001
    assert not offers_true_colour(sample)
    copy = str(tmp_path / "copy.tif")
    shutil.copy(SAMPLE, copy)
    other = QgsRasterLayer(copy, "copy")
    assert offers_true_colour(other)
    QgsProject.instance().addMapLayer(other)
    dock = WealthDock(qgis_iface)
    try:
        widget = dock.predict_widget
        widget.raster.setLayer(other)
        assert widget.offer_true_colour(other)
        layer, apply = widget.true_colour_offer
        apply()  # what the message bar's "Show in true colour" does
        assert shows_true_colour(other) and not offers_true_colour(other)
    finally:
        dock.cleanup()
        dock.deleteLater()
        QgsProject.instance().removeAllMapLayers()


def test_new_legend_opens_and_older_closes(qgis_iface):
    from wealthmap.ui.wealth_dock import WealthDock

    raster = QgsRasterLayer(SAMPLE, "s2")
    QgsProject.instance().addMapLayer(raster)
    dock = WealthDock(qgis_iface)
    widget = dock.predict_widget
    try:
        widget.raster.setLayer(raster)
        widget.set_mode("raster")
        root = QgsProject.instance().layerTreeRoot()
        layers = []
        for _ in range(2):
            widget.run()
            wait_for_task(dock)
            layers.append(widget.last_layer)
            root.findLayer(widget.last_layer.id()).setExpanded(False)  # as the panel may leave a new legend
            widget.expand_legend(widget.last_layer)
        assert [lyr.name() for lyr in layers] == ["Wealth (demo)", "Wealth (demo) (2)"]
        assert root.findLayer(layers[1].id()).isExpanded() and not root.findLayer(layers[0].id()).isExpanded()
    finally:
        dock.cleanup()
        dock.deleteLater()
        QgsProject.instance().removeAllMapLayers()


def test_polygon_layer_as_the_api_region(qgis_app, tmp_path):
    from wealthmap.core.errors import WealthMapError
    from wealthmap.core.wealth.api import predict_wealth

    area = QgsVectorLayer("Polygon?crs=EPSG:32633", "area", "memory")
    feats = []
    for x0 in (330000, 338000):
        f = QgsFeature()
        f.setGeometry(QgsGeometry.fromRect(QgsRectangle(x0, 5815000, x0 + 5000, 5821000)))
        feats.append(f)
    area.dataProvider().addFeatures(feats)
    both = predict_wealth(SAMPLE, region=area, output=str(tmp_path / "both.gpkg"))
    area.selectByIds([next(area.getFeatures()).id()])
    one = predict_wealth(SAMPLE, region=area, selected_only=True, output=str(tmp_path / "one.gpkg"))
    assert 0 < one["chips"] < both["chips"]
    assert both["layer"].isValid() and both["path"] == both["output"]
    area.removeSelection()
    try:
        predict_wealth(SAMPLE, region=area, selected_only=True)
    except WealthMapError as err:
        assert "selected" in str(err)
    else:
        raise AssertionError("an empty selection must be refused")
