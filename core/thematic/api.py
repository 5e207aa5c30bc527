"""The thematic job's core functions: join, choropleth, bivariate, chart map, export.

The dock, the Processing algorithms and :mod:`wealthmap.api` all call these. Styling
functions only *set a renderer* on a layer (the data are not edited); when a derived
value is needed (a rate from normalisation) it is written to a new layer.
"""

import os

import numpy as np
from qgis.core import (
    QgsDistanceArea,
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsFeature,
    QgsFeatureRequest,
    QgsField,
    QgsFields,
    QgsProject,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsWkbTypes,
)

from .. import fieldtypes, outputs
from .. import validate as check
from ..errors import WealthMapError
from ..i18n import tr, tr_noop
from ..tasks import check_cancel
from . import style
from .classify import FIXED_CLASS_METHODS, MAX_CLASSES, METHODS, classify, resolve_method
from .export import LEGEND_TITLE, build_layout, export_layout
from .join import DEFAULT_NORMALISE, JoinResult, join_summary, parse_number, write_features  # noqa: F401
from .join import join_table as _join_table

CHART_KINDS = ("pie", "bar", "stacked", "proportional")
SIZE_MODES = ("total", "fixed")
NORMALISE_OPTIONS = ("trim", "case", "zeros")
AREA_UNITS = ("km2", "m2", "ha")
AREA_METHODS = ("ellipsoidal", "planar")
#: Largest magnitude of a value that can be classified: squares of larger ones overflow (variance, Jenks).
MAX_ABS_VALUE = 1e150
#: Largest chart size in millimetres on the map.
MAX_CHART_MM = 200.0


class Result(dict):
    """A dict whose keys can also be read as attributes (``result.layer``, ``result["gvf"]``)."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError as err:
            raise AttributeError(name) from err


def join_table(layer, table, layer_key, table_key, output=None, fields=None, normalise=DEFAULT_NORMALISE,
               on_duplicate="error", encoding=None, name=None, feedback=None, sheet=None):
    """Join a table to boundaries into a new layer; returns ``Result(layer, report, path, summary)``."""
    where = "join_table"
    layer_key, table_key = check.text(layer_key, "layer_key", where), check.text(table_key, "table_key", where)
    if isinstance(fields, str):
        fields = [fields]
    fields = check.text_list(fields, "fields", where=where, min_len=0, allow_none=True)
    if isinstance(normalise, str):
        normalise = [normalise]
    normalise = [check.choice(n, "normalise", NORMALISE_OPTIONS, where=where)
                 for n in (check.text_list(normalise, "normalise", where=where, min_len=0, allow_none=True) or [])]
    on_duplicate = check.choice(on_duplicate, "on_duplicate", ("error", "first"), where=where)
    for key, value in (("output", output), ("encoding", encoding), ("name", name)):
        check.text(value, key, where=where, allow_none=True, allow_empty=True)
    joined = _join_table(layer, table, layer_key, table_key, output=output, fields=fields, normalise=normalise,
                         on_duplicate=on_duplicate, encoding=encoding, name=name, feedback=feedback, sheet=sheet)
    return Result(layer=joined.layer, report=joined.report, path=joined.path, summary=joined.summary())


# --- values -----------------------------------------------------------------------------------
def _check_layer(layer, polygons=True):
    if not isinstance(layer, QgsVectorLayer) or not layer.isValid():
        raise WealthMapError(tr("Pick a valid vector layer."))
    if layer.featureCount() == 0:
        raise WealthMapError(tr("The layer '{0}' has no features.").format(layer.name()))
    if polygons and layer.geometryType() != QgsWkbTypes.GeometryType.PolygonGeometry:
        raise WealthMapError(tr("The layer '{0}' is not a polygon layer; choropleth and chart maps need "
                                "polygons.").format(layer.name()))


def read_values(layer, field=None, expression=None, feedback=None):
    """``(feature ids, float array with NaN for NULL)`` of a numeric field or expression of ``layer``."""
    names = layer.fields().names()
    fids, values = [], []
    if expression:
        expr = QgsExpression(expression)
        if expr.hasParserError():
            raise WealthMapError(tr("The expression {0} is not valid: {1}").format(
                expression, expr.parserErrorString()))
        context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
        expr.prepare(context)
        for feature in layer.getFeatures():
            context.setFeature(feature)
            value = expr.evaluate(context)
            if expr.hasEvalError():
                raise WealthMapError(tr("The expression {0} fails on feature {1}: {2}").format(
                    expression, feature.id(), expr.evalErrorString()))
            fids.append(feature.id())
            values.append(value)
        label = expression
    else:
        if not field or field not in names:
            raise WealthMapError(tr("The field '{0}' is not in the layer '{1}'. Its fields: {2}.").format(
                field, layer.name(), ", ".join(names)))
        index = names.index(field)
        request = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry).setSubsetOfAttributes([index])
        for feature in layer.getFeatures(request):
            check_cancel(feedback) if len(fids) % 10000 == 0 else None
            fids.append(feature.id())
            values.append(feature.attributes()[index])
        label = field
    out = np.empty(len(values), dtype=float)
    bad = []
    for i, value in enumerate(values):
        try:
            number = parse_number(value)
        except (ValueError, TypeError):
            number = None
            bad.append(value)
        out[i] = np.nan if number is None else number
    if bad:
        raise WealthMapError(tr("'{0}' is not numeric: {1} values are text such as {2}. Pick a numeric field, or "
                                "clean the table (numbers may use thousands separators).").format(
            label, len(bad), ", ".join(repr(str(b)) for b in bad[:3])))
    return fids, out


def feature_areas(layer, unit="km2", method="ellipsoidal", repaired=None):
    """Area of every feature (``{fid: area}``) in km² (or m², ha) measured on the ellipsoid.

    A polygon that crosses itself (a bowtie) is measured as the valid polygons it outlines (``makeValid``):
    measured as drawn, its parts cancel out (a bowtie of two equal triangles measures 0). The ids of such
    features are appended to ``repaired`` (a list) when it is given."""
    crs = layer.crs()
    if not crs.isValid():
        raise WealthMapError(tr("The layer '{0}' has no coordinate reference system, so areas cannot be measured. "
                                "Set its CRS (Layer Properties > Source).").format(layer.name()))
    if method == "planar" and crs.isGeographic():
        raise WealthMapError(tr("The layer '{0}' is in a geographic CRS ({1}, degrees): planar areas would be in "
                                "square degrees. Use ellipsoidal areas or reproject the layer to a projected CRS.")
                             .format(layer.name(), crs.authid()))
    da = QgsDistanceArea()
    da.setSourceCrs(crs, QgsProject.instance().transformContext())
    if method == "planar":
        da.setEllipsoid("NONE")
    else:
        ellipsoid = QgsProject.instance().ellipsoid()
        da.setEllipsoid(ellipsoid if ellipsoid and ellipsoid != "NONE" else "EPSG:7030")
    target = {"km2": QgsUnitTypes.AreaUnit.AreaSquareKilometers, "m2": QgsUnitTypes.AreaUnit.AreaSquareMeters,
              "ha": QgsUnitTypes.AreaUnit.AreaHectares}[unit]
    out = {}
    for feature in layer.getFeatures(QgsFeatureRequest().setNoAttributes()):
        geom = feature.geometry()
        if geom and not geom.isEmpty() and not geom.isGeosValid():
            geom = geom.makeValid()
            if repaired is not None:
                repaired.append(feature.id())
        out[feature.id()] = da.convertAreaMeasurement(da.measureArea(geom), target) if geom and not geom.isEmpty() \
            else 0.0
    return out


def _copy_with_field(layer, field_name, values_by_fid, output, name):
    fields = QgsFields()
    for f in layer.fields():
        fields.append(QgsField(f))
    if fields.indexOf(field_name) >= 0:
        raise WealthMapError(tr("The layer already has a field '{0}'; choose another name for the rate field.").format(
            field_name))
    fields.append(QgsField(field_name, fieldtypes.DOUBLE))
    features = []
    for feature in layer.getFeatures():
        out = QgsFeature(fields)
        out.setGeometry(feature.geometry())
        value = values_by_fid.get(feature.id())
        out.setAttributes(feature.attributes() + [None if value is None or value != value else float(value)])
        features.append(out)
    return write_features(features, fields, layer, output, name)


def _apply(layer, renderer, apply=True, qml=None):
    if apply:
        layer.setRenderer(renderer)
        layer.triggerRepaint()
    if qml:
        target = layer if apply else layer.clone()
        if not apply:
            target.setRenderer(renderer.clone())
        outputs.save_style_file(target, qml)


def rate_values(layer, field=None, expression=None, normalize_by=None, per_area=False, area_unit="km2",
                area_method="ellipsoidal", multiplier=1.0, feedback=None):
    """The values a choropleth classifies: ``field`` (or ``expression``) of ``layer``, divided by the field
    ``normalize_by`` or by the area (``per_area``, in ``area_unit``), times ``multiplier``.

    Returns a :class:`Result`: ``fids``, ``numbers`` (float array, NaN for NULL and for zero/NULL
    denominators), ``zero_denominators`` (feature ids), ``normalised`` (whether a rate was computed).
    """
    _check_layer(layer)
    where = "choropleth"
    per_area = check.boolean(per_area, "per_area", where)
    area_unit = check.choice(area_unit, "area_unit", AREA_UNITS, where=where)
    area_method = check.choice(area_method, "area_method", AREA_METHODS, where=where)
    multiplier = check.number(multiplier, "multiplier", 0.0, 1e12, lo_open=True, where=where,
                              hint=tr("Use 1 for the value itself, 100 for %, 1000 for per 1,000."))
    for key, value in (("field", field), ("expression", expression), ("normalize_by", normalize_by)):
        check.text(value, key, where=where, allow_none=True, allow_empty=True)
    if normalize_by and per_area:
        raise WealthMapError(tr("Normalise either by a field or by area, not both."))
    fids, values = read_values(layer, field, expression, feedback)
    check_cancel(feedback)
    zero_denominators, repaired = [], []
    normalised = bool(normalize_by or per_area)
    if normalised:
        if normalize_by:
            _, denominators = read_values(layer, normalize_by, None, feedback)
        else:
            areas = feature_areas(layer, area_unit, area_method, repaired)
            denominators = np.array([areas[f] for f in fids], dtype=float)
        bad = ~np.isfinite(denominators) | (denominators == 0)
        zero_denominators = [fids[i] for i in np.nonzero(bad & np.isfinite(values))[0]]
        if bad.all():
            raise WealthMapError(tr("Cannot normalise by '{0}': it is zero or NULL for every feature, so no rate "
                                    "can be computed. Pick another field to divide by.").format(
                normalize_by or tr("area")))
        with np.errstate(divide="ignore", invalid="ignore"):
            values = np.where(bad, np.nan, values / np.where(bad, 1.0, denominators) * float(multiplier))
    elif multiplier != 1.0:
        values = values * float(multiplier)
    return Result(fids=fids, numbers=values, zero_denominators=zero_denominators, normalised=normalised,
                  repaired_geometries=repaired)


def classify_choropleth(layer, field=None, method="jenks", classes=5, expression=None, breaks=None,
                        normalize_by=None, per_area=False, area_unit="km2", area_method="ellipsoidal",
                        multiplier=1.0, feedback=None):
    """The classification a choropleth with these options draws, without styling anything: what the dock's
    preview shows and what :func:`choropleth` applies (one computation for both).

    Returns :func:`rate_values`'s :class:`Result` plus ``method`` (the canonical key of ``method``),
    ``classification`` (a :class:`~.classify.Classification`) and ``null_count``.
    """
    where = "choropleth"
    method = resolve_method(check.text(method, "method", where=where))
    if method not in FIXED_CLASS_METHODS:
        classes = check.integer(classes, "classes", 2, MAX_CLASSES, where=where)
    breaks = check.number_list(breaks, "breaks", where=where, allow_none=True,
                               hint=tr("Give the upper bounds of the classes, e.g. 10, 50, 100.")) \
        if breaks is not None and (isinstance(breaks, str) and breaks.strip() or not isinstance(breaks, str)
                                   and (not hasattr(breaks, "__len__") or len(breaks))) else None
    rated = rate_values(layer, field, expression, normalize_by, per_area, area_unit, area_method, multiplier,
                        feedback)
    values = rated.numbers
    check_magnitudes(values, field or expression)
    if method not in FIXED_CLASS_METHODS and np.isfinite(values).any():
        distinct = np.unique(values[np.isfinite(values)]).size
        if method in ("equal", "pretty", "stddev", "log") and distinct < classes and distinct > 1:
            raise WealthMapError(tr("Only {0} distinct values for {1} classes. Use at most {0} classes.").format(
                distinct, classes))
    try:
        classification = classify(values, method, classes, breaks=breaks, feedback=feedback)
    except WealthMapError as err:
        raise WealthMapError("{} ({})".format(err, tr("field {0}").format(field or expression))) from err
    if not all(np.isfinite(classification.breaks)) or not np.isfinite(classification.minimum):
        raise WealthMapError(tr("The classes of {0} came out with infinite bounds ({1}); the values are too large "
                                "for this method. Rescale the field or use the quantile method.").format(
            field or expression, ", ".join(str(b) for b in classification.breaks)))
    rated.update(method=method, classification=classification, null_count=int((~np.isfinite(values)).sum()))
    return rated


def describe_choropleth(field=None, expression=None, normalize_by=None, per_area=False, area_unit="km2",
                        multiplier=1.0, method="jenks", classes=None):
    """A readable title of what a choropleth shows, e.g. ``elderly ÷ population × 100 (Natural breaks
    (Fisher-Jenks), 5 classes)``: used as the layer's legend title in exported maps."""
    what = expression or field or ""
    if normalize_by:
        what = "{} ÷ {}".format(what, normalize_by)
    elif per_area:
        what = tr("{0} per {1}").format(what, {"km2": "km²", "m2": "m²", "ha": "ha"}.get(area_unit, area_unit))
    if multiplier != 1.0:
        what = "{} × {:,g}".format(what, multiplier)
    how = tr(METHODS[resolve_method(method)])
    if classes:
        how = tr("{0}, {1} classes").format(how, classes)
    return "{} ({})".format(what, how)


def ramp_name(ramp, where):
    """The ColorBrewer ramp's own spelling (``"blues"`` gives ``"Blues"``), or a message listing them."""
    from qgis.core import QgsColorBrewerColorRamp

    return check.choice(ramp, "ramp", sorted(QgsColorBrewerColorRamp.listSchemeNames(), key=str.lower),
                        where=where)


def check_magnitudes(values, label):
    """Refuse infinite values (a division that overflowed, ``inf`` in the table) and values so large that
    their squares overflow: classes, variance and natural breaks would silently come out wrong."""
    values = np.asarray(values, dtype=float)
    n_inf = int(np.isinf(values).sum())
    finite = values[np.isfinite(values)]
    big = int((np.abs(finite) > MAX_ABS_VALUE).sum())
    if n_inf or big:
        raise WealthMapError(tr("{0}: {1} values are infinite or larger than {2:g} in magnitude (e.g. {3}); they "
                                "cannot be classified. Rescale the field (divide it by a power of ten) or remove "
                                "those values.").format(
            label, n_inf + big, MAX_ABS_VALUE,
            float(values[np.isinf(values)][0]) if n_inf else float(finite[np.abs(finite) > MAX_ABS_VALUE][0])))


def choropleth(layer, field=None, method="jenks", classes=5, expression=None, breaks=None, ramp="YlOrRd",
               reverse=False, normalize_by=None, per_area=False, area_unit="km2", area_method="ellipsoidal",
               multiplier=1.0, output=None, rate_field=None, null_class=True, null_color=style.NULL_COLOR,
               outline="#ffffff", apply=True, qml=None, feedback=None):
    """Classify a field (or expression) of a polygon layer and style it as a choropleth.

    Normalisation: ``normalize_by`` (a field: value / that field) or ``per_area`` (value / area in
    ``area_unit``, measured on the ellipsoid), times ``multiplier`` (1000: per 1,000; 100: %).
    Zero or NULL denominators give NULL (reported in ``zero_denominators``), never a division.
    A normalised rate is written to a new layer (``output``: memory when ``None``, else a
    ``.gpkg``) in field ``rate_field``; without normalisation ``layer`` itself is styled.
    The classes are :func:`classify_choropleth`'s (what the dock previews).

    Returns a :class:`Result`: ``layer``, ``field`` (what the renderer classifies), ``breaks``,
    ``counts``, ``gvf``, ``null_count``, ``zero_denominators``, ``colorblind_safe``, ``renderer``,
    ``classification`` (a :class:`~.classify.Classification`), ``title`` (the legend title).
    """
    _check_layer(layer)
    where = "choropleth"
    ramp = ramp_name(ramp, where)
    reverse, null_class, apply = (check.boolean(v, n, where) for v, n in (
        (reverse, "reverse"), (null_class, "null_class"), (apply, "apply")))
    check.text(qml, "qml", where=where, allow_none=True, allow_empty=True)
    check.text(rate_field, "rate_field", where=where, allow_none=True, max_length=60)
    null_color = check.colour(null_color, "null_color", where=where)
    outline = check.colour(outline, "outline", where=where)
    outputs.guard([(tr_noop("input layer"), layer)],
                  [(tr_noop("output GeoPackage"), output if (normalize_by or per_area) else None),
                   (tr_noop("style file"), qml)])
    computed = classify_choropleth(layer, field, method, classes, expression, breaks, normalize_by, per_area,
                                   area_unit, area_method, multiplier, feedback)
    method, values, fids = computed.method, computed.numbers, computed.fids
    classification, null_count = computed.classification, computed.null_count
    target_layer = layer
    attribute = style.number_expression(layer, field) if not expression else expression
    if computed.normalised:
        base = field or "value"
        rate_field = rate_field or ("{}_per_{}".format(base, area_unit) if per_area else "{}_rate".format(base))[:60]
        target_layer, _path = _copy_with_field(layer, rate_field, dict(zip(fids, values.tolist())), output,
                                               "{}_{}".format(layer.name(), rate_field))
        attribute = rate_field
    elif multiplier != 1.0:
        attribute = "{} * {}".format(attribute if not expression else "({})".format(expression), repr(multiplier))
    colors = style.ramp_colors(ramp, classification.k, reverse)
    if method == "box" and not breaks:
        colors = style.ramp_colors("RdBu", 6, not reverse)
    renderer = style.graduated_renderer(attribute, classification, colors, null_count, null_class, null_color,
                                        outline)
    title = describe_choropleth(field, expression, normalize_by, per_area, area_unit, multiplier, method,
                                classification.k)
    _apply(target_layer, renderer, apply or target_layer is not layer, qml)
    if apply or target_layer is not layer:  # after the .qml is written: the style file needs nothing of the plugin
        target_layer.setCustomProperty(LEGEND_TITLE, title)
    return Result(layer=target_layer, field=attribute, breaks=classification.breaks, counts=classification.counts,
                  gvf=classification.gvf, null_count=null_count, zero_denominators=computed.zero_denominators,
                  colorblind_safe=style.is_colorblind_safe(ramp, classification.k), renderer=renderer,
                  classification=classification, colors=[c.name() for c in colors], title=title,
                  repaired_geometries=computed.repaired_geometries)


def bivariate(layer, field_x, field_y, palette="pinkblue", legend_image=None, label_x=None, label_y=None,
              apply=True, qml=None, outline="#ffffff", feedback=None):
    """3 x 3 bivariate choropleth of two fields (tertile breaks) as a rule-based renderer.

    Writes a legend image (PNG) when ``legend_image`` is a path. Returns a :class:`Result`:
    ``breaks_x``, ``breaks_y`` (inner bounds), ``counts`` (``[y][x]``), ``null_count``,
    ``renderer``, ``legend_image``.
    """
    _check_layer(layer)
    where = "bivariate"
    palette = check.choice(palette, "palette", style.BIVARIATE_PALETTES, where=where)
    field_x, field_y = check.text(field_x, "field_x", where=where), check.text(field_y, "field_y", where=where)
    for key, value in (("legend_image", legend_image), ("label_x", label_x), ("label_y", label_y), ("qml", qml)):
        check.text(value, key, where=where, allow_none=True, allow_empty=True)
    apply = check.boolean(apply, "apply", where=where)
    outline = check.colour(outline, "outline", where=where)
    outputs.guard([(tr_noop("input layer"), layer)],
                  [(tr_noop("style file"), qml), (tr_noop("legend image"), legend_image)])
    if field_x == field_y:
        raise WealthMapError(tr("A bivariate map needs two different fields."))
    _, x = read_values(layer, field_x, None, feedback)
    _, y = read_values(layer, field_y, None, feedback)
    check_magnitudes(x, field_x)
    check_magnitudes(y, field_y)
    both = np.isfinite(x) & np.isfinite(y)
    if not both.any():
        raise WealthMapError(tr("No feature has values in both '{0}' and '{1}'.").format(field_x, field_y))
    cx = classify(x[both], "quantile", 3)
    cy = classify(y[both], "quantile", 3)
    if cx.k < 3 or cy.k < 3:
        raise WealthMapError(tr("A bivariate map needs at least 3 distinct values in each field."))
    bx, by = cx.breaks[:2], cy.breaks[:2]
    ix = np.searchsorted(bx, x[both], side="left")
    iy = np.searchsorted(by, y[both], side="left")
    counts = [[int(((ix == i) & (iy == j)).sum()) for i in range(3)] for j in range(3)]
    null_count = int((~both).sum())
    renderer = style.bivariate_renderer(field_x, field_y, bx, by, palette, counts, null_count, outline=outline,
                                        label_x=label_x, label_y=label_y, layer=layer)
    _apply(layer, renderer, apply, qml)
    if apply:
        layer.setCustomProperty(LEGEND_TITLE, tr("{0} and {1} (bivariate map, tertiles)").format(
            label_x or field_x, label_y or field_y))
    if legend_image:
        style.bivariate_legend_image(legend_image, palette, label_x or field_x, label_y or field_y)
    return Result(layer=layer, breaks_x=bx, breaks_y=by, counts=counts, null_count=null_count, renderer=renderer,
                  legend_image=legend_image)


def chart_map(layer, fields, kind="pie", colors=None, ramp="Set2", size_mode="total", max_size=12.0,
              fixed_size=8.0, labels=None, apply=True, qml=None, feedback=None):
    """Pie, bar or stacked-bar charts per polygon from 2+ fields, or proportional circles of one field.

    ``size_mode``: ``"total"`` (diagram area / bar length grows linearly with the total, with a
    size legend; ``max_size`` mm for the largest) or ``"fixed"`` (``fixed_size`` mm).
    Returns a :class:`Result`: ``renderer``, ``max_total``, ``colors``.
    """
    _check_layer(layer)
    outputs.guard([(tr_noop("input layer"), layer)], [(tr_noop("style file"), qml)])
    if isinstance(fields, str):
        fields = [f.strip() for f in fields.split(",") if f.strip()]
    where = "chart_map"
    fields = check.text_list(fields, "fields", where=where, min_len=1)
    kind = check.choice(kind, "kind", CHART_KINDS, where=where)
    size_mode = check.choice(size_mode, "size_mode", SIZE_MODES, where=where,
                             hint=tr("'total': the size grows with the total; 'fixed': one size."))
    max_size = check.number(max_size, "max_size", 0.0, MAX_CHART_MM, lo_open=True, where=where,
                            hint=tr("It is the size of the largest chart in millimetres; 12 is usual."))
    fixed_size = check.number(fixed_size, "fixed_size", 0.0, MAX_CHART_MM, lo_open=True, where=where,
                              hint=tr("It is the size of every chart in millimetres; 8 is usual."))
    if colors is not None and not isinstance(colors, (list, tuple)):
        colors = [colors] if isinstance(colors, str) else colors
    if colors:
        colors = [check.colour(c, "colors", where=where) for c in check.text_list(colors, "colors", where=where)]
    if labels is not None:
        labels = check.text_list(labels, "labels", where=where, min_len=0)
        if labels and len(labels) != len(fields):
            raise WealthMapError(tr("chart_map: give one label per field: {0} fields, {1} labels.").format(
                len(fields), len(labels)))
    ramp = ramp_name(ramp, where)
    apply = check.boolean(apply, "apply", where=where)
    check.text(qml, "qml", where=where, allow_none=True, allow_empty=True)
    if kind == "proportional" and len(fields) != 1:
        raise WealthMapError(tr("A proportional-symbol map shows one field; got {0}.").format(len(fields)))
    if kind != "proportional" and len(fields) < 2:
        raise WealthMapError(tr("A chart map needs two or more fields; got {0}.").format(len(fields)))
    matrix = []
    for field in fields:
        _, values = read_values(layer, field, None, feedback)
        check_magnitudes(values, field)
        matrix.append(values)
    matrix = np.vstack(matrix)
    finite = np.where(np.isfinite(matrix), matrix, 0.0)
    if (finite < 0).any():
        field = fields[int(np.nonzero((finite < 0).any(axis=1))[0][0])]
        raise WealthMapError(tr("The field '{0}' has negative values; pies, bars and circles need values of zero "
                                "or more.").format(field))
    totals = finite.max(axis=0) if kind == "bar" else finite.sum(axis=0)
    max_total = float(totals.max())
    if max_total <= 0:
        raise WealthMapError(tr("Every value of {0} is zero or NULL; there is nothing to chart.").format(
            ", ".join(fields)))
    if colors:
        colors = list(colors)
        if len(colors) < len(fields):
            raise WealthMapError(tr("Give one colour per field: {0} fields, {1} colours.").format(
                len(fields), len(colors)))
    else:
        colors = [c.name() for c in style.ramp_colors(ramp, max(len(fields), 3))][: len(fields)] \
            if kind != "proportional" else ["#3182bd"]
    renderer = style.diagram_renderer(kind, fields, colors, labels, size_mode, max_total, max_size, fixed_size,
                                      attributes=[style.number_expression(layer, f) for f in fields])
    if apply or qml:
        target = layer if apply else layer.clone()
        target.setDiagramRenderer(renderer.clone() if not apply else renderer)
        target.setDiagramLayerSettings(style.diagram_layer_settings())
        target.triggerRepaint()
        if qml:
            outputs.save_style_file(target, qml)
    return Result(layer=layer, renderer=renderer, max_total=max_total, colors=colors, fields=fields, kind=kind)


def export_map(layers, output, title="", source="", dpi=300, page="A4", landscape=True, extent=None,
               legend_image=None, project=None, feedback=None):
    """Export a finished map (title, map, legend, scale bar, north arrow, source note).

    ``output``: a path or a list of paths; the extension picks the format (``.png``, ``.pdf``,
    ``.jpg``, ``.svg``). Returns ``Result(files={"png": path, ...}, layout=...)``.
    """
    if isinstance(layers, QgsVectorLayer) or not isinstance(layers, (list, tuple)):
        layers = [layers]
    from qgis.core import QgsMapLayer

    for item in layers:
        if not isinstance(item, QgsMapLayer):
            raise WealthMapError(tr("export_map: the parameter 'layers' must list map layers; got {0!r}.").format(
                item))
    where = "export_map"
    paths = check.text_list(output, "output", where=where, min_len=1)
    dpi = check.dpi(dpi, "dpi", where=where)
    landscape = check.boolean(landscape, "landscape", where=where)
    title, source = check.text(title, "title", where, allow_empty=True), check.text(source, "source", where,
                                                                                 allow_empty=True)
    check.text(legend_image, "legend_image", where=where, allow_none=True, allow_empty=True)
    if extent is not None:
        from qgis.core import QgsRectangle

        extent = QgsRectangle(*check.bbox(extent, "extent", where=where))
    outputs.guard([(tr_noop("map layer"), lyr) for lyr in layers] + [(tr_noop("legend image"), legend_image)],
                  [(tr_noop("exported map"), p) for p in paths])
    layout = build_layout(list(layers), title=title, source=source, page=page, landscape=landscape, extent=extent,
                          project=project, extra_picture=legend_image)
    files = export_layout(layout, [os.path.abspath(p) for p in paths], dpi=dpi, feedback=feedback)
    return Result(files=files, layout=layout)
