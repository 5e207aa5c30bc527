"""Renderers built from QGIS's own classes, so styles survive in a .qgz/.qml without the plugin.

* choropleth: :class:`QgsGraduatedSymbolRenderer` with explicit ranges; when some features
  have no value and the NULL class is on, the same classes as a :class:`QgsRuleBasedRenderer`
  with an extra "No data" rule (the graduated renderer cannot draw NULL);
* bivariate: a rule-based renderer of 3 x 3 rules and a legend image;
* chart maps: :class:`QgsPieDiagram`, :class:`QgsHistogramDiagram`, :class:`QgsStackedBarDiagram`
  with :class:`QgsLinearlyInterpolatedDiagramRenderer` (size legend) or a fixed size.
"""

import math

from qgis.core import (
    QgsColorBrewerColorRamp,
    QgsColorBrewerPalette,
    QgsDataDefinedSizeLegend,
    QgsDiagramLayerSettings,
    QgsDiagramSettings,
    QgsExpression,
    QgsFillSymbol,
    QgsGradientColorRamp,
    QgsGraduatedSymbolRenderer,
    QgsHistogramDiagram,
    QgsLinearlyInterpolatedDiagramRenderer,
    QgsMarkerSymbol,
    QgsPieDiagram,
    QgsRendererRange,
    QgsRuleBasedRenderer,
    QgsSingleCategoryDiagramRenderer,
    QgsStackedBarDiagram,
    QgsUnitTypes,
)
from qgis.PyQt.QtCore import QPointF, QRectF, QSizeF, Qt
from qgis.PyQt.QtGui import QColor, QFont, QImage, QPainter, QPen

from ..errors import WealthMapError
from ..i18n import tr, tr_noop

SEQUENTIAL = ("Blues", "BuGn", "BuPu", "GnBu", "Greens", "Greys", "Oranges", "OrRd", "PuBu", "PuBuGn", "PuRd",
              "Purples", "RdPu", "Reds", "YlGn", "YlGnBu", "YlOrBr", "YlOrRd")
DIVERGING = ("BrBG", "PiYG", "PRGn", "PuOr", "RdBu", "RdGy", "RdYlBu", "RdYlGn", "Spectral")
QUALITATIVE = ("Accent", "Dark2", "Paired", "Pastel1", "Pastel2", "Set1", "Set2", "Set3")
#: ColorBrewer's colour-blind-safe schemes (qualitative ones only up to the given class count)
COLORBLIND_SAFE = {**{name: 9 for name in SEQUENTIAL},
                   **{name: 11 for name in ("BrBG", "PiYG", "PRGn", "PuOr", "RdBu", "RdYlBu")},
                   "Dark2": 3, "Paired": 4, "Set2": 3}
NULL_COLOR = "#d9d9d9"

#: 3 x 3 bivariate palettes (Joshua Stevens), ``[y][x]`` with ``[0][0]`` low-low
BIVARIATE_PALETTES = {
    "pinkblue": (("#e8e8e8", "#e4acac", "#c85a5a"), ("#b0d5df", "#ad9ea5", "#985356"),
                 ("#64acbe", "#627f8c", "#574249")),
    "greenblue": (("#e8e8e8", "#b5c0da", "#6c83b5"), ("#b8d6be", "#90b2b3", "#567994"),
                  ("#73ae80", "#5a9178", "#2a5a5b")),
    "purplegold": (("#e8e8e8", "#e4d9ac", "#c8b35a"), ("#cbb8d7", "#c8ada0", "#af8e53"),
                   ("#9972af", "#976b82", "#804d36")),
}
LEVELS = (tr_noop("low"), tr_noop("middle"), tr_noop("high"))
KIND_LABELS = {"sequential": tr_noop("sequential"), "diverging": tr_noop("diverging"),
               "qualitative": tr_noop("qualitative")}


def ramp_names():
    """``[(name, colour_blind_safe, kind)]`` for every ColorBrewer ramp QGIS ships."""
    names = QgsColorBrewerColorRamp.listSchemeNames()
    out = []
    for name in sorted(names):
        kind = "sequential" if name in SEQUENTIAL else "diverging" if name in DIVERGING else "qualitative"
        out.append((name, name in COLORBLIND_SAFE, kind))
    return out


def is_colorblind_safe(name, classes):
    return classes <= COLORBLIND_SAFE.get(name, 0)


def ramp_colors(name, classes, reverse=False):
    """``classes`` QColors from a ColorBrewer scheme (interpolated beyond its class range)."""
    if name not in QgsColorBrewerColorRamp.listSchemeNames():
        raise WealthMapError(tr("Unknown colour ramp '{0}'. Use a ColorBrewer name such as YlOrRd, Blues, "
                                "RdBu or Set2.").format(name))
    variants = QgsColorBrewerPalette.listSchemeVariants(name)
    if classes in variants:
        colors = list(QgsColorBrewerPalette.listSchemeColors(name, classes))
    else:
        base = list(QgsColorBrewerPalette.listSchemeColors(name, max(variants) if classes > max(variants)
                                                           else min(variants)))
        if classes < min(variants):
            colors = [base[0], base[-1]][:classes] if classes == 2 else base[:classes]
        else:
            gradient = gradient_ramp(base)
            colors = [gradient.color(i / (classes - 1)) for i in range(classes)]
    if reverse:
        colors.reverse()
    return [QColor(c) for c in colors]


def gradient_ramp(colors):
    """A QgsGradientColorRamp through ``colors`` (evenly spaced)."""
    from qgis.core import QgsGradientStop

    stops = [QgsGradientStop(i / (len(colors) - 1), QColor(c)) for i, c in enumerate(colors[1:-1], start=1)]
    return QgsGradientColorRamp(QColor(colors[0]), QColor(colors[-1]), False, stops)


def decimals_for(breaks):
    """Decimals that tell the class bounds apart (0 for whole numbers)."""
    values = [b for b in breaks if b is not None and math.isfinite(b)]
    if all(float(b).is_integer() for b in values):
        return 0
    gaps = [abs(b - a) for a, b in zip(values, values[1:]) if b != a]
    smallest = min(gaps) if gaps else max(abs(v) for v in values) or 1.0
    return int(min(6, max(0, 2 - math.floor(math.log10(smallest)))))


def fmt_number(value, decimals):
    """``1,234,567.89`` style (thousands separators)."""
    return "{:,.{}f}".format(value, decimals)


def class_label(lower, upper, count, decimals):
    return tr("{0} – {1} ({2})").format(fmt_number(lower, decimals), fmt_number(upper, decimals),
                                        "{:,}".format(count))


def fill_symbol(color, outline="#ffffff", outline_width=0.1):
    return QgsFillSymbol.createSimple({"color": QColor(color).name(), "outline_color": QColor(outline).name(),
                                       "outline_width": str(outline_width), "outline_width_unit": "MM"})


def quote(field):
    return QgsExpression.quotedColumnRef(field)


def number_expression(layer, field):
    """What a renderer should read for ``field``: the field itself when it is numeric; for a text field of
    numbers (``"1,234"``, ``"12.5%"``, ``"-"`` for none: what :func:`..join.parse_number` accepts, checked by
    the caller) an expression giving those numbers (NULL for the rest), since renderers compare raw values
    and a text field would leave every feature undrawn."""
    index = layer.fields().indexOf(field)
    if index < 0 or layer.fields().at(index).isNumeric():
        return quote(field)
    cleaned = "regexp_replace(coalesce(to_string({}), ''), '[ ,%' || char(160) || ']', '')".format(quote(field))
    return ("CASE WHEN regexp_match({0}, '^[+-]?[0-9]*[.]?[0-9]+([eE][+-]?[0-9]+)?$') THEN to_real({0}) "
            "END").format(cleaned)


def graduated_renderer(attribute, classification, colors, null_count=0, null_class=True, null_color=NULL_COLOR,
                       outline="#ffffff", ramp=None):
    """Renderer for a classified choropleth (see the module docstring for the NULL class)."""
    decimals = decimals_for([classification.minimum] + classification.breaks)
    ranges = []
    labels = []
    for (lower, upper), color, count in zip(classification.ranges(), colors, classification.counts):
        label = class_label(lower, upper, count, decimals)
        labels.append(label)
        ranges.append(QgsRendererRange(lower, upper, fill_symbol(color, outline), label))
    if null_count and null_class:
        root = QgsRuleBasedRenderer.Rule(None)
        attr = attribute if QgsExpression(attribute).isField() else "({})".format(attribute)
        for i, rng in enumerate(ranges):
            op = ">=" if i == 0 else ">"
            expr = "{a} {op} {lo} AND {a} <= {hi}".format(a=attr, op=op, lo=repr(rng.lowerValue()),
                                                          hi=repr(rng.upperValue()))
            root.appendChild(QgsRuleBasedRenderer.Rule(rng.symbol().clone(), 0, 0, expr, rng.label()))
        null_label = tr("No data ({0})").format("{:,}".format(null_count))
        root.appendChild(QgsRuleBasedRenderer.Rule(fill_symbol(null_color, outline), 0, 0,
                                                   "{} IS NULL".format(attr), null_label))
        return QgsRuleBasedRenderer(root)
    renderer = QgsGraduatedSymbolRenderer(attribute, ranges)
    try:
        from qgis.core import QgsClassificationCustom

        renderer.setClassificationMethod(QgsClassificationCustom())
    except ImportError:  # pragma: no cover - QGIS < 3.10
        pass
    if ramp is not None:
        renderer.setSourceColorRamp(ramp)
    return renderer


def bivariate_renderer(field_x, field_y, breaks_x, breaks_y, palette, counts, null_count=0,
                       null_color=NULL_COLOR, outline="#ffffff", label_x="", label_y="", layer=None):
    """3 x 3 rule-based renderer; ``breaks_*`` are the two inner bounds of each field (read as
    :func:`number_expression` gives them when ``layer`` is given)."""
    grid = BIVARIATE_PALETTES[palette]
    root = QgsRuleBasedRenderer.Rule(None)
    if layer is not None:
        qx, qy = ("({})".format(number_expression(layer, f)) for f in (field_x, field_y))
    else:
        qx, qy = quote(field_x), quote(field_y)

    def cond(q, breaks, level):
        if level == 0:
            return "{} <= {}".format(q, repr(breaks[0]))
        if level == 1:
            return "{q} > {a} AND {q} <= {b}".format(q=q, a=repr(breaks[0]), b=repr(breaks[1]))
        return "{} > {}".format(q, repr(breaks[1]))

    for y in range(3):
        for x in range(3):
            expr = "({}) AND ({})".format(cond(qx, breaks_x, x), cond(qy, breaks_y, y))
            label = tr("{0}: {1}, {2}: {3} ({4})").format(label_x or field_x, tr(LEVELS[x]), label_y or field_y,
                                                        tr(LEVELS[y]), "{:,}".format(counts[y][x]))
            root.appendChild(QgsRuleBasedRenderer.Rule(fill_symbol(grid[y][x], outline), 0, 0, expr, label))
    if null_count:
        root.appendChild(QgsRuleBasedRenderer.Rule(
            fill_symbol(null_color, outline), 0, 0, "{} IS NULL OR {} IS NULL".format(qx, qy),
            tr("No data ({0})").format("{:,}".format(null_count))))
    return QgsRuleBasedRenderer(root)


def bivariate_legend_image(path, palette, label_x, label_y, size=360):
    """Write a PNG legend: the 3 x 3 colour grid with arrows and axis titles."""
    grid = BIVARIATE_PALETTES[palette]
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(QColor(255, 255, 255, 0))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    margin = size * 0.22
    cell = (size - margin * 1.3) / 3
    for y in range(3):
        for x in range(3):
            rect = QRectF(margin + x * cell, size - margin - (y + 1) * cell, cell, cell)
            painter.fillRect(rect, QColor(grid[y][x]))
    painter.setPen(QPen(QColor("#333333"), max(1.0, size / 180)))
    origin = QPointF(margin, size - margin)
    painter.drawLine(origin, QPointF(margin + 3 * cell, size - margin))
    painter.drawLine(origin, QPointF(margin, size - margin - 3 * cell))
    font = QFont()
    font.setPixelSize(int(size / 18))
    painter.setFont(font)
    painter.drawText(QRectF(margin, size - margin + 4, 3 * cell, margin - 4),
                     int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), "{} →".format(label_x))
    painter.translate(margin - 4, size - margin)
    painter.rotate(-90)
    painter.drawText(QRectF(0, -margin + 4, 3 * cell, margin - 8),
                     int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom), "{} →".format(label_y))
    painter.end()
    from .. import outputs

    with outputs.atomic_output(path, tr_noop("legend image")) as tmp:  # the previous image stays until complete
        if not image.save(tmp, "PNG"):
            raise WealthMapError(tr("Could not write the legend image {0}.").format(path))
    return path


def diagram_renderer(kind, fields, colors, labels=None, size_mode="total", max_total=None, max_size=12.0,
                     fixed_size=8.0, outline="#ffffff", bar_width=3.0, attributes=None):
    """A diagram renderer with pies, bars or stacked bars (see the module docstring). ``attributes``: the
    expression read for each field (default: the field; see :func:`number_expression`)."""
    attributes = list(attributes) if attributes else [quote(f) for f in fields]
    settings = QgsDiagramSettings()
    settings.enabled = True
    settings.categoryAttributes = attributes
    settings.categoryColors = [QColor(c) for c in colors]
    settings.categoryLabels = list(labels or fields)
    settings.sizeType = QgsUnitTypes.RenderUnit.RenderMillimeters
    settings.lineSizeUnit = QgsUnitTypes.RenderUnit.RenderMillimeters
    settings.penColor = QColor(outline)
    settings.penWidth = 0.2
    settings.barWidth = bar_width
    settings.scaleByArea = kind in ("pie", "proportional")
    settings.size = QSizeF(fixed_size, fixed_size)
    settings.diagramOrientation = QgsDiagramSettings.DiagramOrientation.Up
    settings.minimumSize = 0.0
    diagram = {"pie": QgsPieDiagram, "proportional": QgsPieDiagram, "bar": QgsHistogramDiagram,
               "stacked": QgsStackedBarDiagram}[kind]()
    if size_mode == "fixed" and kind != "proportional":
        renderer = QgsSingleCategoryDiagramRenderer()
        renderer.setDiagram(diagram)
        renderer.setDiagramSettings(settings)
        renderer.setAttributeLegend(True)
        return renderer
    renderer = QgsLinearlyInterpolatedDiagramRenderer()
    renderer.setDiagram(diagram)
    renderer.setDiagramSettings(settings)
    if kind == "bar":
        size_expr = "max({})".format(", ".join("coalesce({}, 0)".format(a) for a in attributes))
    else:
        size_expr = " + ".join("coalesce({}, 0)".format(a) for a in attributes)
    renderer.setClassificationAttributeIsExpression(True)
    renderer.setClassificationAttributeExpression(size_expr)
    renderer.setLowerValue(0.0)
    renderer.setUpperValue(float(max_total or 1.0))
    renderer.setLowerSize(QSizeF(0.0, 0.0))
    renderer.setUpperSize(QSizeF(max_size, max_size))
    renderer.setAttributeLegend(kind != "proportional")
    legend = QgsDataDefinedSizeLegend()
    legend.setLegendType(QgsDataDefinedSizeLegend.LegendType.LegendSeparated)
    legend.setTitle(tr("Total") if kind != "proportional" else labels[0] if labels else fields[0])
    legend.setClasses([QgsDataDefinedSizeLegend.SizeClass(v, "{:,}".format(v) if float(v).is_integer()
                                                          else "{:,.2f}".format(v))
                       for v in size_legend_values(float(max_total or 1.0))])
    legend.setSymbol(QgsMarkerSymbol.createSimple({"color": QColor(colors[0]).name() if kind == "proportional"
                                                   else "#d9d9d9", "outline_color": "#636363",
                                                   "outline_width": "0.2"}))
    renderer.setDataDefinedSizeLegend(legend)
    return renderer


def size_legend_values(maximum):
    """Three round values for a size legend: about a quarter, half and all of ``maximum``."""
    out = []
    for fraction in (0.25, 0.5, 1.0):
        value = maximum * fraction
        if value <= 0:
            continue
        magnitude = 10 ** math.floor(math.log10(value))
        rounded = math.floor(value / magnitude * 2) / 2 * magnitude if fraction == 1.0 else \
            round(value / magnitude * 2) / 2 * magnitude
        rounded = int(rounded) if float(rounded).is_integer() else rounded
        if rounded > 0 and rounded not in out:
            out.append(rounded)
    return out


def diagram_layer_settings():
    settings = QgsDiagramLayerSettings()
    settings.setPlacement(QgsDiagramLayerSettings.Placement.OverPoint)
    settings.setShowAllDiagrams(True)
    return settings
