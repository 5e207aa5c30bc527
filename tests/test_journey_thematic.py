"""Journey tests of the thematic job in the real QGIS desktop (under Xvfb, as tests/test_desktop.py).

A script run inside the QGIS window drives the Thematic maps dock as a user does: join the sample table,
a choropleth of elderly ÷ population × 100, a chart map, an export, a bivariate map; and opens the three
WealthMap docks together. The tests assert on what the user sees: the layer tree, the dock's *Layer* box,
the renderer of the visible layer, the message bar, the pixels of the canvas and of the exported PNG.
Screenshots and the exported map are kept in the folder the test prints (``WEALTHMAP_ARTEFACTS``, default
``build/journeys/thematic``). ``WEALTHMAP_PLUGIN_DIR`` runs the journey against another checkout.
"""

import json
import os
import shutil
import sys

import numpy as np
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))

pytestmark = pytest.mark.skipif(not shutil.which("qgis") or not shutil.which("xvfb-run"),
                                reason="QGIS desktop and xvfb-run are installed by `make setup`")

DRIVER = r'''
import json, os, time, traceback
from qgis.core import QgsApplication, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QTimer, Qt
from qgis.PyQt.QtWidgets import QDockWidget
import qgis.utils as U

CONF = json.loads(%(conf)r)
out = {"steps": []}

def finish():
    with open(os.environ["WEALTHMAP_OUT"], "w") as handle:
        json.dump(out, handle, default=str)
    QgsApplication.exit(0)

def settle(ms=300):
    end = time.time() + ms / 1000.0
    while time.time() < end:
        QgsApplication.processEvents()
        time.sleep(0.02)

def shot(name):
    canvas = U.iface.mapCanvas()
    canvas.refresh()
    settle(200)
    canvas.waitWhileRendering()
    settle(200)
    path = os.path.join(CONF["out"], name)
    U.iface.mainWindow().grab().save(path)
    return path

def canvas_image(name):
    canvas = U.iface.mapCanvas()
    canvas.refresh()
    settle(200)
    canvas.waitWhileRendering()
    settle(100)
    path = os.path.join(CONF["out"], name)
    canvas.grab().save(path)
    return path

def tree():
    root = QgsProject.instance().layerTreeRoot()
    return [[node.name(), node.isVisible()] for node in root.findLayers()]

def message_bar():
    item = U.iface.messageBar().currentItem()
    return item.text() if item is not None else ""

def visible_top():
    for node in QgsProject.instance().layerTreeRoot().findLayers():
        if node.isVisible():
            return node.layer()
    return None

def panel(layer):
    """What the Layers panel shows of ``layer``: unfolded?, its legend items."""
    node = QgsProject.instance().layerTreeRoot().findLayer(layer.id())
    model = U.iface.layerTreeView().layerTreeModel()
    return {"expanded": node.isExpanded(), "items": [n.data(Qt.ItemDataRole.DisplayRole)
                                                     for n in model.layerLegendNodes(node)]}

def renderer_info(layer):
    renderer = layer.renderer()
    info = {"layer": layer.name(), "type": renderer.type(), "colors": []}
    for item in renderer.legendSymbolItems():
        if item.symbol() is not None:
            info["colors"].append(item.symbol().color().name())
    info["diagrams"] = layer.diagramRenderer() is not None
    info["panel"] = panel(layer)
    return info

%(body)s

QTimer.singleShot(1500, run)
'''

JOURNEY = r'''
def wait_task(dock, timeout=60):
    end = time.time() + timeout
    while dock.task is not None and time.time() < end:
        QgsApplication.processEvents()
        time.sleep(0.02)
    settle(200)

def run():
    try:
        journey()
    except Exception:
        out["error"] = traceback.format_exc()
    finish()

def journey():
    window = U.iface.mainWindow()
    window.showMaximized()
    districts = QgsVectorLayer(CONF["districts"], "thematic_districts", "ogr")
    QgsProject.instance().addMapLayer(districts)
    U.iface.mapCanvas().setExtent(districts.extent())
    plugin = U.plugins["wealthmap"]
    plugin.action("thematic").setChecked(True)
    settle()
    dock = plugin.docks["thematic"]
    # 1. join
    dock.join_layer.setLayer(districts)
    dock.layer_key.setField("code")
    dock.table_file.setFilePath(CONF["stats"])
    dock.on_table_changed(CONF["stats"])
    dock.table_key.setCurrentText("code")
    dock.join_button.click()
    wait_task(dock)
    out["join"] = {"status": dock.status.text(), "layer_box": dock.map_layer.currentLayer().name(),
                   "tree": tree()}
    # 2. choropleth: elderly / population x 100, natural breaks, 5 classes
    dock.field.setField("elderly")
    dock.normalize.setField("population")
    dock.multiplier.setValue(100)
    dock.method.setCurrentIndex(dock.method.findData("jenks"))
    dock.classes.setValue(5)
    settle()
    out["preview"] = {"text": dock.class_info.text(), "breaks": list(dock.histogram.breaks or [])}
    dock.apply_button.click()
    settle()
    result = dock.last_choropleth
    out["choropleth"] = {"counts": result.counts if result else None, "gvf": result.gvf if result else None,
                         "breaks": result.breaks if result else None,
                         "layer_box": dock.map_layer.currentLayer().name(), "field_box": dock.field.currentField(),
                         "active": U.iface.activeLayer().name() if U.iface.activeLayer() else None,
                         "tree": tree(), "message": message_bar(), "visible": renderer_info(visible_top()),
                         "preview_after": dock.class_info.text()}
    # 3. chart map: men and women pies on the layer the user is working on
    for i in range(dock.chart_fields.count()):
        item = dock.chart_fields.item(i)
        if item.text() in ("men", "women"):
            item.setCheckState(Qt.CheckState.Checked)
    dock.chart_button.click()
    settle()
    out["chart"] = {"visible": renderer_info(visible_top()), "message": message_bar()}
    from qgis.PyQt.QtWidgets import QScrollArea
    dock.findChild(QScrollArea).ensureWidgetVisible(dock.apply_button)  # the choropleth section and its preview
    out["shot_choropleth"] = shot("thematic{}.png".format(CONF["suffix"]))
    # 4. export the finished map
    dock.title.setText("Population aged 65+ (%)")
    dock.source.setText("Source: synthetic sample (WealthMap)")
    dock.dpi.setValue(100)
    dock.export_pdf.setChecked(False)
    png = os.path.join(CONF["out"], "thematic_export{}.png".format(CONF["suffix"]))
    dock.export_file.setFilePath(png)
    exported = dock.export()
    settle()
    info = {"png": png, "message": message_bar(), "status": dock.status.text()}
    if exported is not None:
        from qgis.core import QgsLayoutItemLegend, QgsLayoutItemMap
        layout = exported.layout
        page = layout.pageCollection().page(0).sceneBoundingRect()
        info["page"] = [page.left(), page.top(), page.right(), page.bottom()]
        for item in layout.items():
            if isinstance(item, QgsLayoutItemLegend):
                box = item.sceneBoundingRect()
                info["legend_box"] = [box.left(), box.top(), box.right(), box.bottom()]
                model = item.model()
                headings = []
                for node in model.rootGroup().findLayers():
                    headings.append(model.data(model.node2index(node), Qt.ItemDataRole.DisplayRole))
                info["legend_headings"] = headings
            if isinstance(item, QgsLayoutItemMap):
                info["map_layers"] = [lyr.name() for lyr in item.layers()]
    out["export"] = info
    # 5. bivariate: population x the elderly rate, on the layer the user sees
    dock.bivariate_x.setField("population")
    dock.bivariate_y.setField(result.field if result else "elderly_rate")
    dock.bivariate_button.click()
    settle()
    out["bivariate"] = {"visible": renderer_info(visible_top()), "message": message_bar(),
                        "canvas": canvas_image("thematic_bivariate_canvas{}.png".format(CONF["suffix"])),
                        "tree": tree()}
    out["shot_bivariate"] = shot("thematic_bivariate{}.png".format(CONF["suffix"]))
    # 6. the user picks the boundary layer in the Layers panel: the dock follows
    U.iface.setActiveLayer(districts)
    settle()
    out["follow"] = dock.map_layer.currentLayer().name()
'''

DOCKS = r'''
def run():
    try:
        docks()
    except Exception:
        out["error"] = traceback.format_exc()
    finish()

def docks():
    window = U.iface.mainWindow()
    window.showMaximized()
    settle()
    plugin = U.plugins["wealthmap"]
    for key in ("geocode", "thematic", "wealth"):
        plugin.action(key).setChecked(True)
        settle()
    settle(500)
    front = lambda: sorted(k for k, d in plugin.docks.items() if not d.visibleRegion().isEmpty())
    info = {"front": front()}
    out["shot"] = shot("docks_tabbed.png")
    for key, dock in plugin.docks.items():
        # the user clicks each button in turn: that dock's tab comes to the front, at the same place and size
        plugin.toggle_dock(key, True)
        settle(300)
        g = dock.geometry()
        info[key] = {"front": front(), "hidden": dock.isHidden(), "geometry": [g.x(), g.y(), g.width(), g.height()],
                     "area": int(window.dockWidgetArea(dock)),
                     "tabbed_with": sorted(d.objectName() for d in window.tabifiedDockWidgets(dock))}
    info["checked"] = {key: plugin.action(key).isChecked() for key in plugin.docks}
    out["docks"] = info
'''


def artefacts():
    folder = os.environ.get("WEALTHMAP_ARTEFACTS") or os.path.join(ROOT, "build", "journeys", "thematic")
    os.makedirs(folder, exist_ok=True)
    print("journey screenshots and exports in", folder)
    return folder


def drive(body, folder, locale=None, **conf):
    from desktop import run_qgis

    conf = dict(conf, out=folder, suffix="_" + locale if locale else "")
    code = DRIVER % {"conf": json.dumps(conf), "body": body}
    plugin = os.environ.get("WEALTHMAP_PLUGIN_DIR") or ROOT
    result, log = run_qgis(code, plugin, timeout=240, locale=locale)
    assert result is not None, "QGIS did not run the journey:\n" + log[-3000:]
    assert "error" not in result, result["error"]
    return result, log


def rgb(name):
    name = name.lstrip("#")
    return tuple(int(name[i:i + 2], 16) for i in (0, 2, 4))


def colour_pixels(path, colours, box=None):
    """Pixels of each colour (exact RGB) in the PNG at ``path`` (``box``: left, top, right, bottom)."""
    from PIL import Image

    image = np.asarray(Image.open(path).convert("RGB"))
    if box is not None:
        image = image[box[1]:box[3], box[0]:box[2]]
    return {c: int(np.all(image == np.array(rgb(c), dtype=np.uint8), axis=2).sum()) for c in colours}


def run_journey(locale=None):
    folder = artefacts()
    result, log = drive(JOURNEY, folder, locale=locale,
                        districts=os.path.join(ROOT, "sample_data", "thematic_districts.gpkg"),
                        stats=os.path.join(ROOT, "sample_data", "thematic_stats_cp949.csv"))
    name = "journey{}.json".format("_" + locale if locale else "")
    with open(os.path.join(folder, name), "w", encoding="utf-8") as handle:
        json.dump(result, handle, indent=1, ensure_ascii=False, default=str)
    return result


@pytest.fixture(scope="module")
def journey():
    return run_journey()


def test_join_then_choropleth_works_on_the_layer_it_made(journey):
    """The rate layer the choropleth makes is the one the dock, the Layers panel and the canvas show."""
    assert journey["join"]["layer_box"] == "thematic_districts_joined", journey["join"]
    chosen = journey["choropleth"]
    rate_layer = "thematic_districts_joined_elderly_rate"
    assert chosen["layer_box"] == rate_layer, chosen
    assert chosen["active"] == rate_layer
    assert chosen["field_box"] == "elderly_rate"
    # the rate layer is on top and the layers it was made from are hidden under it
    assert chosen["tree"][0] == [rate_layer, True], chosen["tree"]
    assert [name for name, visible in chosen["tree"] if visible] == [rate_layer], chosen["tree"]
    assert chosen["visible"]["layer"] == rate_layer and chosen["visible"]["type"] in ("RuleRenderer",
                                                                                    "graduatedSymbol")
    assert "Styled " + rate_layer in chosen["message"], chosen["message"]


def test_preview_is_the_applied_classification(journey):
    """The preview next to the form counts what the applied legend counts (Divide by field included)."""
    counts, gvf = journey["choropleth"]["counts"], journey["choropleth"]["gvf"]
    assert counts is not None
    expected = "counts {}.".format(", ".join(map(str, counts)))
    assert expected in journey["preview"]["text"], (journey["preview"]["text"], counts)
    assert "goodness of variance fit {:.3f}".format(gvf) in journey["preview"]["text"]
    np.testing.assert_allclose(journey["preview"]["breaks"], journey["choropleth"]["breaks"])
    # after the apply the dock is on the rate layer's rate field: the same classes again
    assert expected in journey["choropleth"]["preview_after"], journey["choropleth"]["preview_after"]


def test_chart_map_goes_on_the_visible_choropleth(journey):
    visible = journey["chart"]["visible"]
    assert visible["layer"] == "thematic_districts_joined_elderly_rate" and visible["diagrams"], visible
    # the Layers panel shows the classes and the charts' legend, unfolded
    assert visible["panel"]["expanded"], visible["panel"]
    assert "8.08 – 10.29 (7)" in visible["panel"]["items"] and "men" in visible["panel"]["items"], visible["panel"]


def test_export_shows_the_canvas_with_a_readable_legend_that_fits(journey):
    from PIL import Image

    export = journey["export"]
    assert os.path.exists(export["png"]), export
    assert export["map_layers"] == ["thematic_districts_joined_elderly_rate"], export
    heading = export["legend_headings"][0]
    assert heading.replace("\n", " ").startswith("elderly ÷ population × 100 (Natural breaks"), heading
    assert "thematic_districts" not in heading
    left, top, right, bottom = export["page"]
    box = export["legend_box"]
    assert left <= box[0] and box[2] <= right - 5 and box[3] <= bottom, (box, export["page"])
    image = Image.open(export["png"])
    width, height = image.size
    # the five class colours of the choropleth are drawn (not one plain colour)
    colours = journey["choropleth"]["visible"]["colors"][:5]
    pixels = colour_pixels(export["png"], colours, (0, 0, int(width * 0.7), height))
    assert all(n > 200 for n in pixels.values()), pixels
    # nothing is drawn in the right page margin (5 mm): the legend is not clipped at the page edge
    margin = int(round(5 / 25.4 * 100))
    strip = np.asarray(image.convert("L"))[:, width - margin:]
    assert strip.min() > 240, "something is drawn in the right margin (clipped legend?)"
    assert "Exported" in export["message"]


def test_bivariate_map_shows_on_the_canvas(journey):
    from wealthmap.core.thematic.style import BIVARIATE_PALETTES

    bivariate = journey["bivariate"]
    assert bivariate["visible"]["layer"] == "thematic_districts_joined_elderly_rate", bivariate
    assert bivariate["visible"]["type"] == "RuleRenderer" and len(bivariate["visible"]["colors"]) >= 9
    palette = [c for row in BIVARIATE_PALETTES["pinkblue"] for c in row]
    pixels = colour_pixels(bivariate["canvas"], palette)
    assert sum(1 for n in pixels.values() if n > 100) >= 7, pixels
    assert "Bivariate map applied to thematic_districts_joined_elderly_rate" in bivariate["message"]


def test_dock_follows_the_layer_picked_in_the_layers_panel(journey):
    assert journey["follow"] == "thematic_districts"


def test_three_docks_open_together_are_tabs():
    folder = artefacts()
    result, log = drive(DOCKS, folder)
    docks = result["docks"]
    with open(os.path.join(folder, "docks.json"), "w", encoding="utf-8") as handle:
        json.dump(result, handle, indent=1)
    names = {"geocode": "WealthMapGeocodeDock", "thematic": "WealthMapThematicDock", "wealth": "WealthMapWealthDock"}
    assert docks["front"] == ["wealth"], docks  # the last opened is in front, the others are tabs behind it
    for key in names:
        info = docks[key]
        assert info["front"] == [key], docks
        assert info["tabbed_with"] == sorted(v for k, v in names.items() if k != key), docks
        assert info["area"] == docks["geocode"]["area"] and not info["hidden"], docks
    # tabs share one place: the same geometry, tall enough to use (stacked, the 2nd and 3rd got ~160 px; QGIS
    # 3.44's default layout gives the right dock area less height than 3.22's: 299-349 px there, 601 px here)
    geometries = {tuple(docks[key]["geometry"]) for key in names}
    assert len(geometries) == 1, docks
    assert docks["geocode"]["geometry"][2] >= 300 and docks["geocode"]["geometry"][3] >= 250, docks
    # tabs behind another stay open: their toolbar buttons stay checked
    assert docks["checked"] == {"geocode": True, "thematic": True, "wealth": True}, docks


def test_korean_journey_reaches_the_same_map():
    """The same journey with QGIS in Korean: the same layers and classes, the reports in Korean."""
    if not os.path.exists(os.path.join(os.environ.get("WEALTHMAP_PLUGIN_DIR") or ROOT, "i18n", "wealthmap_ko.qm")):
        pytest.skip("run `make i18n` for the Korean translation")
    korean = run_journey("ko")
    chosen = korean["choropleth"]
    assert chosen["layer_box"] == "thematic_districts_joined_elderly_rate", chosen
    assert chosen["counts"] == [7, 6, 4, 5, 7]
    assert "스타일" in chosen["message"] or "등급" in chosen["message"], chosen["message"]
    assert korean["export"]["legend_headings"][0].startswith("elderly ÷ population × 100 (자연 구분"), korean["export"]
    assert korean["bivariate"]["visible"]["type"] == "RuleRenderer"
