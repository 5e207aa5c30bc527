"""One table reader for every job: every row is kept, or the file is refused naming the line and the fix.

:func:`read_text_table` reads a delimited text file (CSV/TXT/TSV) with Python's ``csv`` in
strict mode over the whole file:

* line endings may be mixed (CRLF, LF, CR); quoted values may hold delimiters, quotes (doubled)
  and line breaks; a UTF-8 BOM is dropped; values are never cut (no field size limit);
* lines with no value at all (empty, spaces or delimiters only) are skipped and counted;
* the delimiter (comma, semicolon, tab or pipe) is read from the header line;
* a quote that is never closed, text after a closing quote, a row with more values than the
  header has columns, a row of one value (no delimiter) in a table of several columns, or bytes
  that are not in the file's encoding stop the read with a :class:`WealthMapError` naming the
  line; a row with fewer values (two or more) gets empty ones (counted, and said in ``notes``).

:func:`table_layer` turns a :class:`Table` into a memory layer with sensible field types, and
:func:`readable_layer` reopens a layer that QGIS read from a text file (delimited text or OGR
CSV provider) with this reader, so a CSV added the usual QGIS way loses no row either.
"""

import csv
import io
import os
import re
import sys
from urllib.parse import parse_qs, unquote, urlparse

from .encodings import NAMES, detect_encoding, looks_garbled
from .errors import WealthMapError
from .i18n import tr, tr_noop

TEXT_EXTENSIONS = (".csv", ".txt", ".tsv", ".tab")
DELIMITERS = (",", ";", "\t", "|")
DELIMITER_NAMES = {",": tr_noop("comma"), ";": tr_noop("semicolon"), "\t": tr_noop("tab"), "|": tr_noop("pipe")}
_SEP_LINE = re.compile(r"^sep=(.)$")
_SINGLE_COLUMN = "\x1f"  # a delimiter no text table uses: a one-column file is read whole


def _no_field_limit():
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:
            limit //= 2


_no_field_limit()  # (for every csv reader in the plugin: the default limit of 131,072 characters raises mid-file)


class Table:
    """A table read from a file: ``header`` (unique names), ``rows`` (lists of str, ``len(header)`` each),
    ``lines`` (the line each row starts on), ``encoding``, ``delimiter``, ``source``, ``blank_lines``
    (lines skipped, with no value), ``short_rows`` (rows padded with empty values) and ``notes``
    (translated sentences about what was done)."""

    def __init__(self, header, rows, lines, encoding, delimiter, source):
        self.header = header
        self.rows = rows
        self.lines = lines
        self.encoding = encoding
        self.delimiter = delimiter
        self.source = source
        self.blank_lines = 0
        self.short_rows = []
        self.dropped_columns = []
        self.notes = []

    def info(self):
        return {"source": self.source, "encoding": self.encoding, "delimiter": self.delimiter,
                "rows": len(self.rows), "blank_lines": self.blank_lines, "short_rows": len(self.short_rows),
                "notes": list(self.notes)}


def encoding_label(encoding):
    return NAMES.get(encoding, encoding)


def _outside_quotes(line, char):
    count, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == char and not quoted:
            count += 1
    return count


def sniff_delimiter(text):
    """The delimiter of the header line ``text`` (the first non-blank line; a sample of the lines after it
    breaks ties): the candidate found most often outside quotes; none found: a one-column table."""
    lines = text.splitlines()
    header = next((line for line in lines if line.strip()), "")
    sep = _SEP_LINE.match(header.strip().lstrip("\ufeff"))
    if sep:
        return sep.group(1)
    counts = {d: _outside_quotes(header, d) for d in DELIMITERS}
    best = max(counts.values())
    if best == 0:
        return _SINGLE_COLUMN
    tied = [d for d in DELIMITERS if counts[d] == best]
    if len(tied) == 1:
        return tied[0]
    sample = "\n".join(lines[:200])

    def consistency(delimiter):
        try:
            rows = [r for r in csv.reader(io.StringIO(sample), delimiter=delimiter) if r]
        except csv.Error:
            return -1
        return sum(1 for r in rows if len(r) == best + 1)

    return max(tied, key=consistency)


def _first_bad_line(path, encoding):
    """``(line number, excerpt)`` of the first line that ``encoding`` cannot decode, or ``None``."""
    with open(path, "rb") as handle:
        if encoding in ("utf-8-sig",):
            handle.seek(3 if handle.read(3) == b"\xef\xbb\xbf" else 0)
        for number, line in enumerate(handle, start=1):
            try:
                line.decode(encoding)
            except UnicodeDecodeError:
                return number, line.decode(encoding, errors="replace").strip()[:60]
            except LookupError:
                return None
    return None


def read_text_table(path, encoding=None, delimiter=None, feedback=None):
    """Read a delimited text file into a :class:`Table` (see the module docstring)."""
    from .tasks import check_cancel

    path = str(path)
    if not os.path.exists(path):
        raise WealthMapError(tr("The table file {0} does not exist. Check the path.").format(path))
    if os.path.getsize(path) == 0:
        raise WealthMapError(tr("The table file {0} is empty (0 bytes).").format(path))
    encoding = encoding or detect_encoding(path)
    if encoding.lower().replace("_", "-") in ("utf-8", "utf8"):
        with open(path, "rb") as handle:
            if handle.read(3) == b"\xef\xbb\xbf":
                encoding = "utf-8-sig"
    _no_field_limit()
    try:
        with open(path, encoding=encoding, errors="strict", newline="") as handle:
            if delimiter is None:
                delimiter = sniff_delimiter(handle.read(256 * 1024))
                handle.seek(0)
            table = _parse(handle, path, encoding, delimiter, feedback, check_cancel)
    except UnicodeDecodeError:
        bad = _first_bad_line(path, encoding)
        where = tr("line {0} ('{1}')").format(*bad) if bad else tr("somewhere")
        raise WealthMapError(
            tr("The table {0} is not in the encoding {1}: {2} cannot be read with it. Leave the encoding empty to "
               "detect it, or give the file's encoding (e.g. utf-8, cp949, cp1252).").format(
                path, encoding_label(encoding), where)) from None
    except LookupError:
        raise WealthMapError(tr("Unknown text encoding '{0}'. Leave it empty to detect it (UTF-8 with or without "
                                "BOM, CP949/EUC-KR), or give one such as utf-8, cp949 or euc-kr.").format(
            encoding)) from None
    return table


def _parse(handle, path, encoding, delimiter, feedback, check_cancel):
    reader = csv.reader(handle, delimiter=delimiter, strict=True)
    header, header_line, width = None, None, 0
    rows, lines, blank, short = [], [], 0, []
    sep_seen = False
    previous = 0
    try:
        for record in reader:
            start, end = previous + 1, reader.line_num
            previous = end
            if not record or all(not cell.strip() for cell in record):
                blank += 1
                continue
            if "\x00" in delimiter.join(record):
                raise WealthMapError(tr("Line {1} of {0} holds a NUL character: it is a binary file, or text in "
                                        "UTF-16 without a byte order mark. Save it as CSV (UTF-8) and try "
                                        "again.").format(path, start))
            if header is None:
                record[0] = record[0].lstrip("\ufeff")
                if not sep_seen and _SEP_LINE.match(delimiter.join(record).strip()):
                    sep_seen = True  # Excel's "sep=;" line: the delimiter was taken from it
                    continue
                header, header_line, width = [cell.strip() for cell in record], start, len(record)
                continue
            if len(rows) % 10000 == 0:
                check_cancel(feedback)
            if len(record) > width:
                extra = record[width:]
                if any(cell.strip() for cell in extra):
                    raise WealthMapError(_too_many(path, start, end, len(record), width, delimiter, record))
                record = record[:width]
            elif len(record) < width:
                if end > start:
                    raise WealthMapError(_spans(path, start, end, len(record), width))
                if len(record) == 1:  # no delimiter at all: a broken quote above, or another delimiter
                    raise WealthMapError(_lone_value(path, start, width, delimiter, record))
                short.append(start)
                record = record + [""] * (width - len(record))
            rows.append(record)
            lines.append(start)
    except csv.Error as err:
        line = previous + 1
        raise WealthMapError(
            tr("Line {1} of {0} cannot be read ({2}): a value there opens a quote (\") that is not closed where "
               "it should be, or has text after its closing quote. Put quotes only around whole values, write a "
               "quote inside a quoted value twice (\"\"), and try again.").format(path, line, err)) from None
    if header is None:
        raise WealthMapError(tr("The table {0} is empty: it has no header row.").format(path))
    from .tables import unique_names

    table = Table(unique_names(header), rows, lines, encoding, delimiter, path)
    table.blank_lines = blank
    table.short_rows = short
    _drop_empty_trailing_columns(table, header)
    if short:
        table.notes.append(tr("{0} rows have fewer values than the header has columns (first: line {1}); their "
                              "last columns are empty.").format(len(short), short[0]))
    if header_line and header_line > 1:
        table.notes.append(tr("The header is on line {0}; the lines above it are empty.").format(header_line))
    return table


def _too_many(path, start, end, n, width, delimiter, record):
    name = tr(DELIMITER_NAMES.get(delimiter, "delimiter"))
    where = tr("line {0}").format(start) if start == end else tr("lines {0}-{1}").format(start, end)
    return tr("The table {0} has {1} values on {2} but its header has {3} columns, so a value would be lost "
              "(row: {4}). A value that contains the {5} must be in quotes; or add the missing column names to the "
              "header.").format(path, n, where, width, _short_row(record), name)


def _spans(path, start, end, n, width):
    return tr("Lines {1}-{2} of {0} were read as one row of {3} values (the header has {4} columns): a quote (\") "
              "opened on line {1} runs over the next lines. Check the quotes on line {1} (a quote inside a value is "
              "written twice, \"\") and try again.").format(path, start, end, n, width)


def _lone_value(path, line, width, delimiter, record):
    name = tr(DELIMITER_NAMES.get(delimiter, "delimiter"))
    return tr("Line {1} of {0} holds one value ('{2}') where the header has {3} columns separated by {4}: a quote "
              "that is not closed where it should be (on this line or above), or a line written with another "
              "delimiter. Fix the line (or add the missing delimiters for empty values) and try again.").format(
        path, line, _short_row(record)[:60], width, name)


def _short_row(record):
    text = ", ".join(cell if len(cell) <= 30 else cell[:30] + "…" for cell in record[:8])
    return text + (", …" if len(record) > 8 else "")


def _drop_empty_trailing_columns(table, raw_header):
    """Columns without a name at the end of the header whose values are all empty (a trailing delimiter)."""
    while table.header and not raw_header[len(table.header) - 1] and len(table.header) > 1:
        i = len(table.header) - 1
        if any(row[i].strip() for row in table.rows):
            break
        table.dropped_columns.append(table.header.pop())
        for row in table.rows:
            del row[i]


# --- a memory layer from a table ---------------------------------------------------------------
def _is_int(text):
    t = text.strip()
    if t[:1] in "+-":
        t = t[1:]
    return t.isdigit() and t.isascii() and (t == "0" or not t.startswith("0"))


def _is_float(text):
    t = text.strip()
    if not t or t[-1:] in "fFdD" or "_" in t or any(c.isalpha() and c not in "eE" for c in t) or not t.isascii():
        return False
    body = t.lstrip("+-")
    if body.startswith("0") and len(body) > 1 and body[1].isdigit():
        return False  # "007.5" is a code
    try:
        value = float(t)
    except ValueError:
        return False
    return value == value and value not in (float("inf"), float("-inf"))


def column_types(table):
    """The QGIS field type of each column: whole numbers (no leading zeros) -> integer, numbers -> double,
    anything else -> text. Empty values are NULL and do not decide the type."""
    from .fieldtypes import DOUBLE, INT, LONGLONG, STRING

    types = []
    for i in range(len(table.header)):
        values = [row[i] for row in table.rows if row[i].strip()]
        if not values:
            types.append(STRING)
        elif all(_is_int(v) for v in values):
            largest = max(abs(int(v)) for v in values)
            types.append(INT if largest < 2 ** 31 else LONGLONG if largest < 2 ** 63 else STRING)
        elif all(_is_float(v) for v in values):
            types.append(DOUBLE)
        else:
            types.append(STRING)
    return types


def _converter(ftype):
    """The function that turns a text value into a value of ``ftype`` (empty: ``None``)."""
    from .fieldtypes import DOUBLE, INT, LONGLONG

    if ftype in (INT, LONGLONG):
        return lambda value: int(value) if value.strip() else None
    if ftype == DOUBLE:
        return lambda value: float(value) if value.strip() else None
    return lambda value: value if value.strip() else None


def table_layer(table, name=None, x_field=None, y_field=None, crs="EPSG:4326", wkt_field=None, feedback=None):
    """A memory layer holding every row of ``table`` (geometry from ``x_field``/``y_field`` or ``wkt_field``
    when given, in ``crs``: a QgsCoordinateReferenceSystem, an authority id or WKT; rows whose coordinates do
    not read as numbers keep a NULL geometry). The layer carries the table's encoding and source in its custom
    properties ``wealthmap/encoding`` and ``wealthmap/source``."""
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsFeature,
        QgsField,
        QgsFields,
        QgsGeometry,
        QgsMemoryProviderUtils,
        QgsPointXY,
        QgsWkbTypes,
    )

    from .fieldtypes import LONGLONG
    from .tasks import check_cancel

    name = name or os.path.splitext(os.path.basename(table.source))[0]
    types = column_types(table)
    fields = QgsFields()
    for field_name, ftype in zip(table.header, types):
        fields.append(QgsField(field_name, ftype, "int8" if ftype == LONGLONG else ""))
    for wanted in (x_field, y_field, wkt_field):
        if wanted and wanted not in table.header:
            raise WealthMapError(tr("The table {0} has no column '{1}'. Its columns: {2}.").format(
                table.source, wanted, ", ".join(table.header)))
    geometry_type = QgsWkbTypes.Type.NoGeometry
    if x_field and y_field:
        geometry_type = QgsWkbTypes.Type.Point
    elif wkt_field:
        geometry_type = QgsWkbTypes.Type.Unknown
        wkt_index = table.header.index(wkt_field)
        for row in table.rows:
            if row[wkt_index].strip():
                geometry_type = QgsGeometry.fromWkt(row[wkt_index]).wkbType()
                break
    if not isinstance(crs, QgsCoordinateReferenceSystem):
        text = crs or "EPSG:4326"
        crs = QgsCoordinateReferenceSystem(text)
        if not crs.isValid():
            crs = QgsCoordinateReferenceSystem.fromWkt(text)
    layer = QgsMemoryProviderUtils.createMemoryLayer(name, fields, geometry_type, crs)
    xi = table.header.index(x_field) if x_field and y_field else None
    yi = table.header.index(y_field) if x_field and y_field else None
    wi = table.header.index(wkt_field) if wkt_field and not (x_field and y_field) else None
    provider = layer.dataProvider()
    converters = [_converter(t) for t in types]
    batch = []
    for row in table.rows:
        feature = QgsFeature(layer.fields())
        feature.setAttributes([convert(v) for convert, v in zip(converters, row)])
        if xi is not None:
            try:
                feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(float(row[xi]), float(row[yi]))))
            except ValueError:
                pass
        elif wi is not None and row[wi].strip():
            geom = QgsGeometry.fromWkt(row[wi])
            if not geom.isNull():
                feature.setGeometry(geom)
        batch.append(feature)
        if len(batch) >= 5000:
            check_cancel(feedback)
            provider.addFeatures(batch)
            batch = []
    if batch:
        provider.addFeatures(batch)
    if provider.featureCount() != len(table.rows):
        raise WealthMapError(tr("Only {0} of the {1} rows of {2} could be stored in a layer.").format(
            provider.featureCount(), len(table.rows), table.source))
    layer.updateExtents()
    layer.setCustomProperty("wealthmap/encoding", table.encoding)
    layer.setCustomProperty("wealthmap/source", table.source)
    layer.setCustomProperty("wealthmap/notes", "\n".join(table.notes))
    return layer


# --- layers QGIS read from text files -----------------------------------------------------------
def text_file_of(layer):
    """``(path, options)`` of the text file a delimited text or OGR layer reads, else ``(None, None)``.
    ``options``: the delimited text provider's URI settings (``xField``, ``yField``, ``crs``, ...)."""
    provider = layer.providerType()
    source = layer.source()
    if provider == "delimitedtext":
        url = urlparse(source)
        path = unquote(url.path)
        if os.name == "nt" and path.startswith("/") and len(path) > 2 and path[2] == ":":
            path = path[1:]
        options = {k: v[-1] for k, v in parse_qs(url.query, keep_blank_values=True).items()}
        return (path if os.path.exists(path) else None), options
    if provider == "ogr":
        path = source.split("|")[0]
        if os.path.splitext(path)[1].lower() in TEXT_EXTENSIONS and os.path.exists(path):
            return path, {}
    return None, None


def readable_layer(layer, encoding=None, feedback=None):
    """``(layer, info)``: a layer whose rows can be trusted. A layer QGIS reads from a text file (delimited
    text, or OGR without geometry) is read again from its file with :func:`read_text_table` (so no row is
    dropped or merged and the encoding is detected); ``info`` then says so (``reopened``, ``encoding``,
    ``notes``). Other layers are returned as they are; :func:`check_text` still looks at their text."""
    info = {"source": layer.name(), "encoding": layer.customProperty("wealthmap/encoding") or None,
            "reopened": False, "notes": []}
    notes = layer.customProperty("wealthmap/notes") or ""
    info["notes"] = [n for n in str(notes).split("\n") if n]
    path, options = text_file_of(layer)
    if path is None or (layer.providerType() == "ogr" and layer.isSpatial()):
        return layer, info
    if options and (options.get("wktField") or options.get("type") == "regexp" or options.get("useHeader") == "no"
                    or options.get("skipLines", "0") not in ("", "0") or options.get("quote", '"') != '"'
                    or options.get("escape", '"') != '"'):
        return layer, info  # settings the reader does not follow: the layer is read as QGIS reads it
    delimiter = None
    if options and options.get("type", "csv") == "csv" and options.get("delimiter"):
        given = options["delimiter"].replace("\\t", "\t")
        delimiter = given if len(given) == 1 else None
    table = read_text_table(path, encoding=encoding, delimiter=delimiter, feedback=feedback)
    x_field = options.get("xField") if options else None
    y_field = options.get("yField") if options else None
    crs = layer.crs() if layer.crs().isValid() else "EPSG:4326"
    fresh = table_layer(table, layer.name(), x_field if x_field and y_field else None,
                        y_field if x_field and y_field else None, crs, feedback=feedback)
    subset = layer.subsetString()
    if subset and not fresh.setSubsetString(subset):
        return layer, info
    provider_encoding = (options or {}).get("encoding") or (layer.dataProvider().encoding()
                                                            if layer.dataProvider() else "")
    info.update({"encoding": table.encoding, "reopened": True, "notes": list(table.notes), "path": path})
    if layer.featureCount() >= 0 and fresh.featureCount() != layer.featureCount():
        info["notes"].append(tr("QGIS read {0} rows from {1}; WealthMap reads {2} and uses them.").format(
            layer.featureCount(), os.path.basename(path), fresh.featureCount()))
    if provider_encoding and _codec(provider_encoding) != _codec(table.encoding):
        info["notes"].append(tr("The layer '{0}' was opened as {1}; its file is {2}, so it was read again as "
                                "{2}.").format(layer.name(), provider_encoding, encoding_label(table.encoding)))
    return fresh, info


def same_columns(opened, fresh, names):
    """``names`` of fields of ``opened`` as the names of the same columns in ``fresh`` (the layer
    :func:`readable_layer` read again): fields picked by their garbled names ('�ּ�') become '주소'."""
    old_names, new_names = opened.fields().names(), fresh.fields().names()
    if opened is fresh or len(old_names) != len(new_names):
        return list(names)
    return [new_names[old_names.index(n)] if n not in new_names and n in old_names else n for n in names]


def _codec(name):
    import codecs

    try:
        return codecs.lookup(name.replace("System", "utf-8")).name.replace("-sig", "")
    except LookupError:
        return name.lower()


def check_text(layer_name, field_names, texts, source=None, encoding=None):
    """Raise when field names or address texts look read with the wrong encoding (replacement characters,
    mojibake), saying how to reopen the layer. ``texts``: ``[(row number, text)]``; ``source``: the file the
    reader read (its text is then garbled in the file itself)."""
    for name in field_names:
        if looks_garbled(name):
            raise WealthMapError(_garbled(layer_name, tr("field name '{0}'").format(name), source, encoding))
    for number, text in texts:
        if looks_garbled(text):
            raise WealthMapError(_garbled(layer_name, tr("row {0}: '{1}'").format(number, text[:40]), source,
                                          encoding))


def _garbled(layer_name, example, source=None, encoding=None):
    if source:
        return tr("The text of {0} is garbled in the file itself ({1}, read as {2}): it was saved from text read "
                  "with the wrong encoding, so its addresses would not be found. Export it again from its source "
                  "(as UTF-8) and try again.").format(source, example, encoding_label(encoding or "utf-8"))
    return tr("The layer '{0}' shows garbled text ({1}): it was opened with the wrong encoding, so its addresses "
              "would not be found. Remove it and open its file with WealthMap (Open table, or give the file path), "
              "which detects the encoding; or set the right one in Layer Properties > Source > Data source "
              "encoding (Korean files are often CP949, European ones Windows-1252).").format(layer_name, example)


def layer_records(layer, fields=None, feedback=None):
    """All features of ``layer`` as ``(names, rows as lists)`` with NULL as ``None``; raises when fewer rows
    are read than the layer says it has."""
    from .tasks import check_cancel

    names = list(fields or layer.fields().names())
    indexes = [layer.fields().indexOf(n) for n in names]
    rows = []
    for i, feature in enumerate(layer.getFeatures()):
        if i % 10000 == 0:
            check_cancel(feedback)
        attrs = feature.attributes()
        row = []
        for index in indexes:
            value = attrs[index]
            row.append(None if value is None or (hasattr(value, "isNull") and value.isNull()) else value)
        rows.append(row)
    check_count(layer, len(rows))
    return names, rows


#: Providers whose feature count is exact (a database's may be an estimate).
EXACT_COUNT_PROVIDERS = ("memory", "ogr", "delimitedtext", "spatialite")


def check_count(layer, n_read):
    """Raise when fewer (or more) rows were read from ``layer`` than it counts (providers with exact counts,
    no filter)."""
    expected = layer.featureCount()
    if (layer.providerType() in EXACT_COUNT_PROVIDERS and expected is not None and expected >= 0
            and not layer.subsetString() and n_read != expected):
        raise WealthMapError(tr("Only {0} of the {1} rows of '{2}' could be read. Check its data source (a file "
                                "that is being written, or a broken file).").format(n_read, expected, layer.name()))


def kept_copy(layer):
    """A GeoPackage copy of a layer :func:`table_layer` made, for a project (memory layers are not saved with
    it), in the profile's ``wealthmap/tables``; the same file is reused while the table file, its size and the
    encoding are the same. Written under a temporary name and renamed when complete. Returns an OGR layer with
    the same name and custom properties, or ``layer`` itself when the copy cannot be written (a column named
    ``fid`` that is not a whole number, a full disk)."""
    import hashlib

    from qgis.core import QgsProject, QgsVectorFileWriter, QgsVectorLayer

    from .settings import data_dir

    source = layer.customProperty("wealthmap/source")
    if not source or layer.providerType() != "memory" or not os.path.exists(str(source)):
        return layer
    stat = os.stat(source)
    key = hashlib.sha256("\n".join([os.path.abspath(source), str(stat.st_mtime_ns), str(stat.st_size),
                                    str(layer.customProperty("wealthmap/encoding")), layer.name()]).encode(
        "utf-8")).hexdigest()[:16]
    try:
        folder = data_dir("tables")
    except OSError:
        return layer
    stem = re.sub(r"[^\w.-]+", "_", os.path.splitext(os.path.basename(source))[0])[:60] or "table"
    path = os.path.join(folder, "{}-{}.gpkg".format(stem, key))
    if not os.path.exists(path):
        part = os.path.join(folder, "{}-{}.{}.part.gpkg".format(stem, key, os.getpid()))
        options = QgsVectorFileWriter.SaveVectorOptions()
        options.driverName = "GPKG"
        options.fileEncoding = "UTF-8"
        options.layerName = "table"
        try:
            err, _message, _path, _name = QgsVectorFileWriter.writeAsVectorFormatV3(
                layer, part, QgsProject.instance().transformContext(), options)
            if err != QgsVectorFileWriter.WriterError.NoError:
                return layer
            os.replace(part, path)
        except OSError:
            return layer
        finally:
            if os.path.exists(part):
                os.remove(part)
    copy = QgsVectorLayer(path + "|layername=table", layer.name(), "ogr")
    if not copy.isValid() or copy.featureCount() != layer.featureCount():
        return layer
    for key_name in ("wealthmap/encoding", "wealthmap/source", "wealthmap/notes"):
        copy.setCustomProperty(key_name, layer.customProperty(key_name))
    return copy
