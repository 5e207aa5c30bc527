"""A finished map: a print layout with title, map, legend, scale bar, north arrow and source note."""

import os
import re

from qgis.core import (
    QgsApplication,
    QgsLayerTree,
    QgsLayerTreeLayer,
    QgsLayoutExporter,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsScaleBarSettings,
    QgsUnitTypes,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QFont

from ..compat import set_label_font
from ..errors import WealthMapError
from ..i18n import tr, tr_noop
from ..outputs import atomic_output

PAGE_SIZES = {"A4": (297.0, 210.0), "A3": (420.0, 297.0), "letter": (279.4, 215.9)}
#: layer custom property with the readable legend title the thematic styling functions set
LEGEND_TITLE = "wealthmap/legend_title"
#: narrowest legend column (mm) and widest, as a share of the page width
LEGEND_MIN_WIDTH = 70.0
LEGEND_MAX_SHARE = 0.42
#: characters per line of a legend heading before it wraps
LEGEND_WRAP = 34


def visible_layers(project=None):
    """The layers a user sees on the canvas, top first: the checked layers of the layer tree in drawing order
    (the custom layer order when one is set)."""
    project = project or QgsProject.instance()
    root = project.layerTreeRoot()
    order = root.customLayerOrder() if root.hasCustomLayerOrder() else root.layerOrder()
    checked = {layer.id() for layer in root.checkedLayers()}
    return [layer for layer in order if layer is not None and layer.id() in checked]


def layer_legend_title(layer):
    """A readable heading for ``layer`` in a legend: its title (Layer Properties > Metadata), else what the
    WealthMap style shows (``elderly ÷ population × 100 (Natural breaks, 5 classes)``), else its name."""
    return (layer.title() or layer.customProperty(LEGEND_TITLE, "") or layer.name()).strip()


def wrap_text(text, width=LEGEND_WRAP):
    """``text`` broken into lines of at most ``width`` characters for a legend heading: at spaces, else after
    ``_``, ``-`` or ``/`` (layer names such as ``districts_joined_elderly_rate``), else anywhere."""
    lines = []
    for paragraph in str(text).split("\n"):
        line = ""
        for word in paragraph.split():
            pieces = [p for p in re.findall(r"[^_\-/]*[_\-/]?", word) if p]
            pieces = [p[i:i + width] for p in pieces for i in range(0, len(p), width)]
            for number, piece in enumerate(pieces):
                sep = " " if number == 0 and line else ""
                if line and len(line) + len(sep) + len(piece) > width:
                    lines.append(line)
                    line = piece
                else:
                    line += sep + piece
        lines.append(line)
    return "\n".join(lines)


def north_arrow_svg():
    """Path of QGIS's own north-arrow SVG."""
    for base in QgsApplication.svgPaths() + ["/usr/share/qgis/svg"]:
        path = os.path.join(base, "arrows", "NorthArrow_02.svg")
        if os.path.exists(path):
            return path
    return ""


def build_layout(layers, title="", source="", page="A4", landscape=True, extent=None, project=None,
                 legend_title=None, extra_picture=None):
    """A :class:`QgsPrintLayout` with the map of ``layers`` (first on top) and the usual furniture."""
    if not layers:
        raise WealthMapError(tr("Export needs at least one layer."))
    for layer in layers:
        if layer is None or not layer.isValid():
            raise WealthMapError(tr("A layer to export is not valid."))
    project = project or QgsProject.instance()
    key = {k.lower(): k for k in PAGE_SIZES}.get(str(page).lower())
    if key is None:
        raise WealthMapError(tr("Unknown page size '{0}'; use one of {1}.").format(page, ", ".join(PAGE_SIZES)))
    width, height = PAGE_SIZES[key]
    if extent is not None and not isinstance(extent, QgsRectangle):
        try:
            xmin, ymin, xmax, ymax = (float(v) for v in extent)
        except (TypeError, ValueError) as err:
            raise WealthMapError(tr("The map extent must be (xmin, ymin, xmax, ymax) in the CRS of the first layer "
                                    "or a QgsRectangle, not {0!r}.").format(extent)) from err
        if not (xmax > xmin and ymax > ymin):
            raise WealthMapError(tr("The map extent {0!r} is empty: give (xmin, ymin, xmax, ymax) with xmax > xmin "
                                    "and ymax > ymin.").format(extent))
        extent = QgsRectangle(xmin, ymin, xmax, ymax)
    if not landscape:
        width, height = height, width
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName(title or "WealthMap")
    page_item = layout.pageCollection().page(0)
    page_item.setPageSize(QgsLayoutSize(width, height, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
    margin = 10.0
    title_h = 14.0 if title else 0.0
    legend = QgsLayoutItemLegend(layout) if not extra_picture else None  # a legend image replaces the list
    legend_w = LEGEND_MIN_WIDTH
    if legend is not None:
        legend_w = _add_legend(layout, legend, layers, legend_title, width, height - 2 * margin - title_h - 16)
    map_item = QgsLayoutItemMap(layout)
    map_item.attemptMove(QgsLayoutPoint(margin, margin + title_h, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
    map_item.attemptResize(QgsLayoutSize(width - 3 * margin - legend_w, height - 2 * margin - title_h - 8,
                                         QgsUnitTypes.LayoutUnit.LayoutMillimeters))
    map_item.setLayers(list(layers))
    if extent is None:
        extent = QgsRectangle()
        for layer in layers:
            ext = layer.extent()
            if ext.isEmpty():
                continue
            if extent.isEmpty():
                extent = QgsRectangle(ext)
            else:
                extent.combineExtentWith(ext)
        if extent.isEmpty():
            raise WealthMapError(tr("The layers to export are empty; there is nothing to draw."))
        extent.scale(1.05)
    map_item.setCrs(layers[0].crs())
    map_item.setExtent(extent)
    map_item.zoomToExtent(extent)
    map_item.setFrameEnabled(True)
    layout.addLayoutItem(map_item)
    if title:
        label = QgsLayoutItemLabel(layout)
        label.setText(title)
        font = QFont()
        font.setPointSize(20)
        font.setBold(True)
        set_label_font(label, font)
        label.attemptMove(QgsLayoutPoint(margin, margin - 2, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
        label.attemptResize(QgsLayoutSize(width - 2 * margin, title_h, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
        layout.addLayoutItem(label)
    if legend is not None:
        legend.setLinkedMap(map_item)
        legend.attemptMove(QgsLayoutPoint(width - margin - legend_w, margin + title_h,
                                          QgsUnitTypes.LayoutUnit.LayoutMillimeters))
    scale = QgsLayoutItemScaleBar(layout)
    scale.setStyle("Single Box")
    scale.setLinkedMap(map_item)
    scale.applyDefaultSize()
    if map_item.crs().mapUnits() == QgsUnitTypes.DistanceUnit.DistanceMeters:
        scale.setUnits(QgsUnitTypes.DistanceUnit.DistanceKilometers)
        scale.setUnitLabel("km")
    scale.setNumberOfSegmentsLeft(0)
    scale.setNumberOfSegments(2)
    scale.setSegmentSizeMode(QgsScaleBarSettings.SegmentSizeMode.SegmentSizeFitWidth)
    scale.setMinimumBarWidth(30)
    scale.setMaximumBarWidth(60)
    scale.attemptMove(QgsLayoutPoint(margin + 2, height - margin - 14, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
    layout.addLayoutItem(scale)
    arrow = QgsLayoutItemPicture(layout)
    arrow.setPicturePath(north_arrow_svg())
    arrow.attemptResize(QgsLayoutSize(12, 18, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
    arrow.attemptMove(QgsLayoutPoint(width - margin - 14, height - margin - 30,
                                     QgsUnitTypes.LayoutUnit.LayoutMillimeters))
    arrow.setLinkedMap(map_item)
    layout.addLayoutItem(arrow)
    if extra_picture:
        picture = QgsLayoutItemPicture(layout)
        picture.setPicturePath(extra_picture)
        picture.attemptResize(QgsLayoutSize(legend_w - 10, legend_w - 10, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
        picture.attemptMove(QgsLayoutPoint(width - margin - legend_w, margin + title_h,
                                           QgsUnitTypes.LayoutUnit.LayoutMillimeters))
        layout.addLayoutItem(picture)
    if source:
        note = QgsLayoutItemLabel(layout)
        note.setText(source)
        font = QFont()
        font.setPointSize(8)
        set_label_font(note, font)
        note.attemptMove(QgsLayoutPoint(width - margin - 150, height - margin - 5,
                                        QgsUnitTypes.LayoutUnit.LayoutMillimeters))
        note.attemptResize(QgsLayoutSize(150, 6, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
        note.setHAlign(Qt.AlignmentFlag.AlignRight)
        layout.addLayoutItem(note)
    return layout


def _add_legend(layout, legend, layers, legend_title, page_width, max_height):
    """Fill ``legend`` with ``layers`` under readable, wrapped headings (:func:`layer_legend_title`) and size it
    to fit the page: wider than :data:`LEGEND_MIN_WIDTH` when its text needs it (the map gives way), at most
    :data:`LEGEND_MAX_SHARE` of the page, in two columns when it is taller than ``max_height`` mm.
    Returns the width (mm) the legend takes."""
    legend.setTitle(legend_title if legend_title is not None else tr("Legend"))
    legend.setAutoUpdateModel(False)
    legend.setWrapString("\n")
    root = QgsLayerTree()
    for layer in layers:
        node = root.addLayer(layer)
        if isinstance(node, QgsLayerTreeLayer):
            node.setCustomProperty("legend/title-label", wrap_text(layer_legend_title(layer)))
    legend.model().setRootGroup(root)
    legend._wealthmap_root = root  # keep the tree alive as long as the legend
    legend.setResizeToContents(True)
    layout.addLayoutItem(legend)
    legend.adjustBoxSize()
    size = legend.sizeWithUnits()
    if size.height() > max_height:
        legend.setColumnCount(2)
        legend.setSplitLayer(True)
        legend.adjustBoxSize()
        size = legend.sizeWithUnits()
    return min(max(LEGEND_MIN_WIDTH, size.width() + 1.0), page_width * LEGEND_MAX_SHARE)


def export_layout(layout, outputs, dpi=300, feedback=None):
    """Export ``layout`` to every path in ``outputs`` (``.png``, ``.jpg``, ``.pdf``, ``.svg``)."""
    if dpi < 30 or dpi > 1200:
        raise WealthMapError(tr("The resolution must be between 30 and 1200 DPI; got {0}.").format(dpi))
    exporter = QgsLayoutExporter(layout)
    written = {}
    for number, path in enumerate(outputs):
        folder = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(folder):
            raise WealthMapError(tr("The folder {0} does not exist.").format(folder))
        ext = os.path.splitext(path)[1].lower()
        if ext not in (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".svg"):
            raise WealthMapError(tr("Unsupported export format '{0}': use .png, .jpg, .pdf or .svg.").format(ext))
        # written beside the file and moved over it when complete: a failure keeps the previous export
        with atomic_output(path, tr_noop("exported map")) as tmp:
            if ext == ".pdf":
                settings = QgsLayoutExporter.PdfExportSettings()
                settings.dpi = dpi
                settings.rasterizeWholeImage = False
                result = exporter.exportToPdf(tmp, settings)
            elif ext == ".svg":
                settings = QgsLayoutExporter.SvgExportSettings()
                settings.dpi = dpi
                result = exporter.exportToSvg(tmp, settings)
            else:
                settings = QgsLayoutExporter.ImageExportSettings()
                settings.dpi = dpi
                result = exporter.exportToImage(tmp, settings)
            if result != QgsLayoutExporter.ExportResult.Success:
                raise WealthMapError(tr("Exporting {0} failed ({1}). Check that the file is not open "
                                        "elsewhere.").format(path, exporter.errorFile() or result))
        written[ext.lstrip(".")] = path
        if feedback is not None:
            feedback.setProgress(100.0 * (number + 1) / len(outputs))
    return written
