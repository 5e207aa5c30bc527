"""Join a statistics table to boundaries by key, into a *new* layer (the input is never edited).

Keys are normalised before matching (:func:`normalise_key`): surrounding spaces are
trimmed, letters are case-folded, numbers written as ``11010.0`` become ``11010`` and
leading zeros are dropped from all-digit codes (``01101`` == ``1101``), so a numeric code
column in the layer matches a text code column in the table. Text columns whose values are
all numbers (``141,223``, ``-1,000.5``; empty, ``-``, ``X``, ``N/A`` count as NULL) become
numeric fields; codes with leading zeros stay text.
"""

import os
import re

from qgis.core import (
    QgsFeature,
    QgsField,
    QgsFields,
    QgsMemoryProviderUtils,
    QgsProject,
    QgsVectorFileWriter,
    QgsVectorLayer,
)

from .. import fieldtypes, outputs
from ..errors import WealthMapError
from ..i18n import tr, tr_noop
from ..tablereader import encoding_label, layer_records, read_text_table, readable_layer
from ..tables import TEXT_EXTENSIONS, check_encoding, load_table, sheets_hint, split_sheet
from ..tasks import check_cancel

NULL_TOKENS = {"", "-", "--", "x", "X", "n/a", "N/A", "NA", "na", "null", "NULL", "..", "…", "*"}
_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][+-]?\d+)?$")
_INT_FLOAT = re.compile(r"^([+-]?\d+)\.0*$")
DEFAULT_NORMALISE = ("trim", "case", "zeros")
EXAMPLES = 20


def normalise_key(value, options=DEFAULT_NORMALISE):
    """The matching form of a key value (``None`` for NULL/empty)."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    if isinstance(value, bool):
        value = int(value)
    if isinstance(value, float):
        if value != value:
            return None
        text = str(int(value)) if value.is_integer() else repr(value)
    else:
        text = str(value)
    if "trim" in options:
        text = text.strip()
    if not text:
        return None
    if "case" in options:
        text = text.casefold()
    match = _INT_FLOAT.match(text)
    if match:
        text = match.group(1)
    if "zeros" in options and text.isdigit():
        text = text.lstrip("0") or "0"
    return text


def parse_number(text):
    """``float`` for a number written with optional thousands separators, ``None`` for NULL tokens.

    Raises ``ValueError`` for anything else.
    """
    if text is None:
        return None
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return float(text)
    if hasattr(text, "isNull") and text.isNull():
        return None
    s = str(text).strip().replace("\u00a0", "").replace(" ", "")
    if s in NULL_TOKENS:
        return None
    if s.endswith("%"):
        s = s[:-1]
    if not s or not _NUMBER.match(s) or s in ("+", "-", "."):
        raise ValueError(text)
    return float(s.replace(",", ""))


def _column_type(values):
    """``(QVariant type, converted values)`` of one table column."""
    if all(v is None or isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        numbers = [None if v is None else float(v) for v in values]
        if any(v is not None for v in values):
            return _int_or_double(numbers)
    texts = [None if v is None else str(v) for v in values]
    non_null = [t.strip() for t in texts if t is not None and t.strip() not in NULL_TOKENS]
    if not non_null:
        return fieldtypes.STRING, [None if t is None or not t.strip() else t for t in texts]
    if any(len(t) > 1 and t[0] == "0" and t[1].isdigit() for t in non_null):
        return fieldtypes.STRING, texts  # codes with leading zeros stay text
    try:
        numbers = [parse_number(t) for t in texts]
    except ValueError:
        numbers = _european_numbers(texts, non_null)
        if numbers is None:
            return fieldtypes.STRING, texts
    return _int_or_double(numbers)


_EUROPEAN = re.compile(r"^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")


def _european_numbers(texts, non_null):
    """Numbers of a column written the European way ("1.234,5", "0,5": dots group thousands, the comma is the
    decimal mark), when the column shows it (a decimal comma, or "1.000.000") and every value reads that way;
    else ``None``."""
    cleaned = [t.replace(" ", "").replace("\u00a0", "").rstrip("%") for t in non_null]
    if not any("," in t or t.count(".") >= 2 for t in cleaned) or not all(_EUROPEAN.match(t) for t in cleaned):
        return None  # no decimal comma and no "1.000.000" to show the column is written the European way
    out = []
    for t in texts:
        s = None if t is None else t.strip().replace(" ", "").replace("\u00a0", "").rstrip("%")
        out.append(None if s is None or s in NULL_TOKENS else float(s.replace(".", "").replace(",", ".")))
    return out


def _int_or_double(numbers):
    if all(n is None or (n.is_integer() and abs(n) < 2 ** 53) for n in numbers):
        return fieldtypes.LONGLONG, [None if n is None else int(n) for n in numbers]
    return fieldtypes.DOUBLE, numbers


class JoinResult:
    """``layer`` (the new joined layer), ``report`` (a dict) and ``path`` (GeoPackage or ``None``)."""

    def __init__(self, layer, report, path=None):
        self.layer = layer
        self.report = report
        self.path = path

    def summary(self):
        return join_summary(self.report)


def join_summary(report):
    """One translated paragraph that says how the join went."""
    text = tr("Matched {0} of {1} features with {2} of {3} table rows.").format(
        report["matched_features"], report["layer_features"], report["matched_rows"], report["table_rows"])
    if report["unmatched_features"]:
        text += " " + tr("{0} features have no row (e.g. {1}).").format(
            len(report["unmatched_features"]), ", ".join(map(str, report["unmatched_features"][:5])))
    if report["unmatched_rows"]:
        text += " " + tr("{0} table rows have no feature (e.g. {1}).").format(
            len(report["unmatched_rows"]), ", ".join(map(str, report["unmatched_rows"][:5])))
    if report["duplicate_table_keys"]:
        text += " " + tr("Duplicate table keys: {0}.").format(", ".join(map(str, report["duplicate_table_keys"][:5])))
    if report["duplicate_layer_keys"]:
        text += " " + tr("Keys shared by several features: {0}.").format(
            ", ".join(map(str, report["duplicate_layer_keys"][:5])))
    if report["numeric_fields"]:
        text += " " + tr("Read as numbers: {0}.").format(", ".join(report["numeric_fields"]))
    if report.get("encoding"):
        text += " " + tr("Table encoding: {0}.").format(encoding_label(report["encoding"]))
    for note in report.get("table_notes") or []:
        text += " " + note
    return text


def read_table(table, encoding=None, sheet=None, feedback=None):
    """``(header, rows as lists, info)`` from a file path or a layer (raw values, not yet typed).

    Text files go through :func:`core.tablereader.read_text_table` (every row kept, or a refusal naming
    the line); a layer QGIS read from a text file is read again from its file the same way; ``info`` has
    ``encoding``, ``source``, ``notes`` (and ``hint`` for workbooks)."""
    info = {"encoding": None, "source": None, "notes": []}
    if isinstance(table, QgsVectorLayer):
        if not table.isValid():
            raise WealthMapError(tr("The table layer '{0}' is not valid.").format(table.name()))
        layer, layer_info = readable_layer(table, encoding=check_encoding(encoding), feedback=feedback)
        info.update(layer_info)
        info["source"] = table.name()
        header, rows = layer_records(layer, feedback=feedback)
        return header, rows, info
    path, sheet = split_sheet(str(table), sheet)
    info["source"] = path
    if not os.path.exists(path):
        raise WealthMapError(tr("The table file {0} does not exist. Check the path.").format(path))
    if os.path.splitext(path)[1].lower() in TEXT_EXTENSIONS:
        text = read_text_table(path, encoding=check_encoding(encoding), feedback=feedback)
        info.update(text.info())
        return text.header, text.rows, info
    layer = load_table(path, encoding=encoding, sheet=sheet)
    info["hint"] = sheets_hint(layer)
    header, rows = layer_records(layer, feedback=feedback)
    return header, rows, info


def _as_layer(layer):
    if isinstance(layer, QgsVectorLayer):
        return layer
    vl = QgsVectorLayer(str(layer), os.path.splitext(os.path.basename(str(layer)))[0], "ogr")
    if not vl.isValid():
        raise WealthMapError(tr("Could not open the boundary layer {0}.").format(layer))
    return vl


def join_table(layer, table, layer_key, table_key, output=None, fields=None, normalise=DEFAULT_NORMALISE,
               on_duplicate="error", encoding=None, name=None, feedback=None, sheet=None):
    """Join ``table`` (CSV/XLSX path or layer) to ``layer`` by key into a new layer; see the module docstring.

    ``output``: ``None`` or ``"memory:"`` for a memory layer, else a ``.gpkg`` path (replaced
    as a whole once complete; refused when it is the layer or the table, or holds other layers).
    ``fields``: table columns to copy (default all but the key). ``on_duplicate``: ``"error"``
    (default: duplicate table keys stop the join with a message) or ``"first"`` (keep the first row).
    Returns a :class:`JoinResult`.
    """
    layer = _as_layer(layer)
    if not layer.isValid():
        raise WealthMapError(tr("The boundary layer is not valid."))
    if layer_key not in layer.fields().names():
        raise WealthMapError(tr("The key field '{0}' is not in the layer '{1}'. Its fields: {2}.").format(
            layer_key, layer.name(), ", ".join(layer.fields().names())))
    if layer.featureCount() == 0:
        raise WealthMapError(tr("The layer '{0}' has no features; there is nothing to join to.").format(layer.name()))
    if output is not None and not str(output).startswith("memory:"):  # before any work
        outputs.guard([(tr_noop("boundary layer"), layer), (tr_noop("table"), table)],
                      [(tr_noop("joined output"), output)])
    header, rows, info = read_table(table, encoding, sheet, feedback)
    if table_key not in header:
        raise WealthMapError(tr("The key column '{0}' is not in the table {1}. Its columns: {2}.").format(
            table_key, info["source"], ", ".join(header)) + info.get("hint", ""))
    if not rows:
        raise WealthMapError(tr("The table {0} has a header but no rows.").format(info["source"]))
    check_cancel(feedback)
    key_index = header.index(table_key)
    wanted = [h for h in header if h != table_key] if fields is None else list(fields)
    for f in wanted:
        if f not in header:
            raise WealthMapError(tr("The column '{0}' is not in the table {1}. Its columns: {2}.").format(
                f, info["source"], ", ".join(header)))

    # index the table by normalised key
    index, duplicates, empty_keys, display = {}, [], 0, {}
    for number, row in enumerate(rows):
        key = normalise_key(row[key_index], normalise)
        if key is None:
            empty_keys += 1
            continue
        if key in index:
            duplicates.append(row[key_index])
            continue
        index[key] = number
        display[key] = row[key_index]
    if duplicates and on_duplicate == "error":
        raise WealthMapError(tr("The table {0} has {1} duplicate keys in '{2}' (e.g. {3}); each region needs one "
                                "row. Remove or aggregate the duplicates, or choose 'keep the first row'.").format(
            info["source"], len(duplicates), table_key, ", ".join(map(str, sorted(set(map(str, duplicates)))[:5]))))

    # column types
    columns = {}
    numeric = []
    col_index = {h: i for i, h in enumerate(header)}
    for f in wanted:
        qtype, values = _column_type([row[col_index[f]] for row in rows])
        if qtype != fieldtypes.STRING and not all(isinstance(row[col_index[f]], (int, float)) for row in rows
                                                 if row[col_index[f]] is not None):
            numeric.append(f)
        columns[f] = (qtype, values)
    check_cancel(feedback)

    # output fields: the layer's, then the table's (renamed on clashes)
    out_fields = QgsFields()
    for f in layer.fields():
        out_fields.append(QgsField(f))
    existing = {n.lower() for n in layer.fields().names()}
    out_names = {}
    for f in wanted:
        new = f
        suffix = 2
        while new.lower() in existing:
            new = "{}_{}".format(f, suffix)
            suffix += 1
        existing.add(new.lower())
        out_names[f] = new
        qtype = columns[f][0]
        out_fields.append(QgsField(new, qtype, "int8" if qtype == fieldtypes.LONGLONG else ""))

    # match
    layer_index = layer.fields().indexOf(layer_key)
    n_layer_fields = len(layer.fields())
    features, unmatched_features, seen_keys, layer_dups = [], [], {}, set()
    used_rows = set()
    total = max(layer.featureCount(), 1)
    for i, feature in enumerate(layer.getFeatures()):
        if i % 5000 == 0:
            check_cancel(feedback)
            if feedback is not None:
                feedback.setProgress(80.0 * i / total)
        raw = feature.attributes()[layer_index]
        key = normalise_key(raw, normalise)
        if key is not None:
            if key in seen_keys:
                layer_dups.add(str(raw))
            seen_keys[key] = True
        row_number = index.get(key) if key is not None else None
        out = QgsFeature(out_fields)
        out.setGeometry(feature.geometry())
        attrs = feature.attributes()
        if row_number is None:
            unmatched_features.append(raw)
            attrs = attrs + [None] * len(wanted)
        else:
            used_rows.add(row_number)
            attrs = attrs + [columns[f][1][row_number] for f in wanted]
        out.setAttributes(attrs[: n_layer_fields + len(wanted)])
        features.append(out)
    unmatched_rows = [display[k] for k, n in index.items() if n not in used_rows]
    report = {
        "layer_features": len(features),
        "table_rows": len(rows),
        "matched_features": len(features) - len(unmatched_features),
        "matched_rows": len(used_rows),
        "unmatched_features": unmatched_features,
        "unmatched_rows": unmatched_rows,
        "duplicate_table_keys": sorted(set(map(str, duplicates))),
        "duplicate_layer_keys": sorted(layer_dups),
        "empty_table_keys": empty_keys,
        "numeric_fields": [out_names[f] for f in numeric],
        "fields": [out_names[f] for f in wanted],
        "encoding": info["encoding"],
        "table_notes": list(info.get("notes") or []),
    }
    if not used_rows:
        raise WealthMapError(tr("No table row matched a feature: layer keys look like {0}, table keys like {1}. "
                                "Check the key fields (and their normalisation).").format(
            ", ".join(map(str, list(seen_keys)[:3])), ", ".join(map(str, list(index)[:3]))), details=report)
    name = name or "{}_joined".format(layer.name())
    result_layer, path = write_features(features, out_fields, layer, output, name)
    if feedback is not None:
        feedback.setProgress(100)
    return JoinResult(result_layer, report, path)


def write_features(features, fields, template, output, name):
    """Write features to a memory layer (``output`` None/``memory:``) or a GeoPackage; returns (layer, path)."""
    if output is None or str(output).startswith("memory:"):
        layer = QgsMemoryProviderUtils.createMemoryLayer(name, fields, template.wkbType(), template.crs())
        layer.dataProvider().addFeatures(features)
        layer.updateExtents()
        return layer, None
    path = str(output)
    if not path.lower().endswith(".gpkg"):
        raise WealthMapError(tr("The output {0} must be a GeoPackage (.gpkg) or 'memory:'.").format(path))
    label = tr_noop("output GeoPackage")
    outputs.guard([(tr_noop("input layer"), template)], [(label, path)])
    outputs.check_replaceable(path, label=label)
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = name
    options.fileEncoding = "UTF-8"
    options.layerOptions = ["DESCRIPTION={}".format(outputs.GPKG_MARK)]
    # written beside the file and moved over it when complete: a failure or a kill keeps the previous file
    with outputs.atomic_output(path, label) as tmp:
        writer = QgsVectorFileWriter.create(tmp, fields, template.wkbType(), template.crs(),
                                            QgsProject.instance().transformContext(), options)
        if writer.hasError() != QgsVectorFileWriter.WriterError.NoError:
            raise WealthMapError(tr("Could not write {0}: {1}").format(path, writer.errorMessage()))
        if not writer.addFeatures(features):
            message = writer.errorMessage()
            del writer
            raise WealthMapError(tr("Could not write {0}: {1}").format(path, message))
        del writer
    layer = QgsVectorLayer(path, name, "ogr")
    if not layer.isValid():
        raise WealthMapError(tr("Could not open the written file {0}.").format(path))
    return layer, path
