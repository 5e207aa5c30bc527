"""Reading statistics and address tables: CSV/TXT (any common encoding), XLSX/ODS, any layer.

Korean tables often come as CP949 (a superset of EUC-KR) from Excel; others as UTF-8
with or without a BOM. :func:`detect_encoding` tells them apart, and :func:`load_table`
returns a QGIS layer that the rest of the plugin can read like any other.
"""

import codecs
import csv
import os

from qgis.core import QgsVectorLayer

from .errors import WealthMapError
from .i18n import tr

TEXT_EXTENSIONS = (".csv", ".txt", ".tsv", ".tab")
SHEET_EXTENSIONS = (".xlsx", ".xls", ".ods")


def detect_encoding(path, sample_bytes=4 * 1024 * 1024):
    """Return the encoding of a text file: ``utf-8-sig``, ``utf-16``, ``utf-8``, ``cp949`` or ``latin-1``.

    UTF-8 is tried first (strict); a file that is not valid UTF-8 but decodes as CP949
    (which covers EUC-KR) is Korean; anything else falls back to Latin-1, which never fails.
    """
    with open(path, "rb") as handle:
        data = handle.read(sample_bytes)
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return "utf-16"
    for encoding in ("utf-8", "cp949"):
        try:
            decoder = codecs.getincrementaldecoder(encoding)()
            decoder.decode(data, final=len(data) < sample_bytes)
            return encoding
        except UnicodeDecodeError:
            continue
    _refuse_mixed_utf8(path, data)
    return "latin-1"


def _refuse_mixed_utf8(path, data):
    """Raise when a file that is neither UTF-8 nor CP949 throughout holds UTF-8 Korean/CJK text: its lines were
    saved in two encodings, and reading it as Latin-1 would garble every such text without a word."""
    text = data.decode("utf-8", errors="replace")
    if not any("\uac00" <= ch <= "\ud7a3" or "\u4e00" <= ch <= "\u9fff" or "\u3040" <= ch <= "\u30ff"
               for ch in text):
        return
    for number, line in enumerate(data.split(b"\n"), start=1):
        if _decodes(line, "utf-8"):
            continue
        other = "CP949/EUC-KR" if _decodes(line, "cp949") else tr("another encoding")
        raise WealthMapError(tr("The file {0} mixes encodings: line {1} is {2} while other lines are UTF-8, so "
                                "part of its text would be garbled. Save the whole file in one encoding (e.g. "
                                "UTF-8: open it in a text editor or Excel and save it again) and try again.").format(
            path, number, other))


def _decodes(data, encoding):
    try:
        data.decode(encoding)
        return True
    except UnicodeDecodeError:
        return False


def check_encoding(encoding):
    """Refuse an encoding name Python does not know (``None``/empty: detect it)."""
    if not encoding:
        return None
    try:
        codecs.lookup(str(encoding))
    except LookupError:
        raise WealthMapError(tr("Unknown text encoding '{0}'. Leave it empty to detect it (UTF-8 with or without "
                                "BOM, CP949/EUC-KR), or give one such as utf-8, cp949 or euc-kr.").format(
            encoding)) from None
    return encoding


def qgis_encoding_name(encoding):
    """The name QGIS's providers use for a Python codec name."""
    return {"utf-8-sig": "UTF-8", "utf-8": "UTF-8", "cp949": "CP949", "utf-16": "UTF-16", "latin-1": "ISO-8859-1"}.get(
        encoding, encoding
    )


def sniff_delimiter(path, encoding):
    """The delimiter of a delimited text file (comma, semicolon, tab or pipe)."""
    with open(path, encoding=encoding, errors="replace", newline="") as handle:
        sample = handle.read(64 * 1024)
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return "\t" if sample.count("\t") > sample.count(",") else ","


def read_csv_rows(path, encoding=None, delimiter=None):
    """Read a delimited text file into ``(header, rows)`` with plain Python (rows are lists of str).

    Empty lines are skipped; short rows are padded so every row has ``len(header)`` values.
    """
    encoding = check_encoding(encoding) or detect_encoding(path)
    delimiter = delimiter or sniff_delimiter(path, encoding)
    with open(path, encoding=encoding, errors="strict", newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        header = None
        rows = []
        for row in reader:
            if not row or all(not cell.strip() for cell in row):
                continue
            if header is None:
                header = [cell.strip() for cell in row]
                continue
            if len(row) < len(header):
                row = row + [""] * (len(header) - len(row))
            rows.append(row[: len(header)])
    if header is None:
        raise WealthMapError(tr("The table {0} is empty: it has no header row.").format(path))
    return unique_names(header), rows


def unique_names(header):
    """Column names made unique and non-empty (``pop, pop`` -> ``pop, pop_2``; an empty name -> ``field_3``),
    so that no column is lost to another of the same name."""
    out, seen = [], set()
    for i, name in enumerate(header):
        base = name or "field_{}".format(i + 1)
        candidate, k = base, 2
        while candidate in seen:
            candidate = "{}_{}".format(base, k)
            k += 1
        seen.add(candidate)
        out.append(candidate)
    return out


def load_table(path, encoding=None, sheet=None, x_field=None, y_field=None, crs="EPSG:4326", name=None):
    """Open a table file as a QGIS vector layer and check that it is usable.

    * CSV/TXT/TSV: the encoding is detected unless given; the delimiter is sniffed;
      with ``x_field``/``y_field`` the layer gets point geometry in ``crs``.
    * XLSX/XLS/ODS: read by GDAL; ``sheet`` picks a sheet (default: the first).
    * anything else GDAL/OGR opens (GeoPackage, Shapefile, DBF, ...).

    Raises :class:`WealthMapError` with what is wrong and how to fix it.
    """
    check_encoding(encoding)
    path, sheet = split_sheet(path, sheet)
    if not path or not os.path.exists(path):
        raise WealthMapError(tr("The table file {0} does not exist. Check the path.").format(path))
    if os.path.getsize(path) == 0:
        raise WealthMapError(tr("The table file {0} is empty (0 bytes).").format(path))
    name = name or os.path.splitext(os.path.basename(path))[0]
    ext = os.path.splitext(path)[1].lower()
    if ext in TEXT_EXTENSIONS:
        encoding = encoding or detect_encoding(path)
        delimiter = sniff_delimiter(path, encoding)
        from qgis.PyQt.QtCore import QUrl, QUrlQuery

        url = QUrl.fromLocalFile(path)
        query = [
            ("encoding", qgis_encoding_name(encoding)),
            ("type", "csv"),
            ("delimiter", "\\t" if delimiter == "\t" else delimiter),
            ("detectTypes", "yes"),
            ("skipEmptyFields", "no"),
            ("trimFields", "yes"),
            ("watchFile", "no"),
        ]
        if x_field and y_field:
            query += [("xField", x_field), ("yField", y_field), ("crs", crs)]
        else:
            query.append(("geomType", "none"))
        url_query = QUrlQuery()
        for key, value in query:
            url_query.addQueryItem(key, value)
        url.setQuery(url_query)
        # Fully encoded: file names with Hangul or spaces survive the provider's URI parsing.
        uri = bytes(url.toEncoded()).decode("ascii")
        layer = QgsVectorLayer(uri, name, "delimitedtext")
    else:
        if ext in SHEET_EXTENSIONS:
            # Statistics sheets have a header row even when every column is text (GDAL's
            # automatic detection then takes the header for data).
            from osgeo import gdal

            gdal.SetConfigOption("OGR_XLSX_HEADERS", "FORCE")
            gdal.SetConfigOption("OGR_ODS_HEADERS", "FORCE")
        if sheet is not None and ext in SHEET_EXTENSIONS and sheet not in sheet_names(path):
            raise WealthMapError(tr("The workbook {0} has no sheet '{1}'. Its sheets: {2}.").format(
                path, sheet, ", ".join(sheet_names(path))))
        uri = path if sheet is None else "{}|layername={}".format(path, sheet)
        layer = QgsVectorLayer(uri, name, "ogr")
        if layer.isValid() and encoding:
            layer.setProviderEncoding(qgis_encoding_name(encoding))
    if not layer.isValid():
        raise WealthMapError(
            tr("Could not read {0} as a table. Supported: CSV/TXT (UTF-8 or CP949/EUC-KR), XLSX/ODS, "
               "and any file QGIS opens as a vector layer.").format(path)
        )
    if len(layer.fields()) == 0:
        raise WealthMapError(tr("The table {0} has no columns. Check that its first row is a header.").format(path))
    return layer


def split_sheet(path, sheet=None):
    """``(file path, sheet)`` from ``book.xlsx|layername=Sheet`` (QGIS's way of naming a sheet or layer)."""
    path = str(path) if path else path
    if path and "|layername=" in path:
        path, _, named = path.partition("|layername=")
        sheet = sheet if sheet is not None else named.split("|")[0]
    return path, sheet


def sheet_names(path):
    """The sheets of a workbook (XLSX/XLS/ODS), in order; ``[]`` for other files."""
    path, _ = split_sheet(path)
    if not path or os.path.splitext(path)[1].lower() not in SHEET_EXTENSIONS or not os.path.exists(path):
        return []
    from osgeo import gdal

    try:
        ds = gdal.OpenEx(path, gdal.OF_VECTOR)
    except RuntimeError:
        return []
    if ds is None:
        return []
    return [ds.GetLayer(i).GetName() for i in range(ds.GetLayerCount())]


def sheets_hint(source):
    """A sentence naming a workbook's sheets when it has several (the first is read unless one is chosen);
    ``""`` otherwise. ``source``: a path or a layer read from one."""
    path = source.source() if hasattr(source, "source") else source
    path, sheet = split_sheet(path)
    names = sheet_names(path)
    if len(names) < 2:
        return ""
    return " " + tr("The workbook has several sheets ({0}); {1} was read. Choose another with sheet='name' or "
                    "'{2}|layername=name'.").format(", ".join(names), sheet or names[0], os.path.basename(path))


def layer_rows(layer, fields=None):
    """All features of ``layer`` as dicts ``{field: value}`` (NULL becomes ``None``)."""
    names = fields or layer.fields().names()
    rows = []
    for feature in layer.getFeatures():
        row = {}
        for name in names:
            value = feature[name]
            row[name] = None if value is None or (hasattr(value, "isNull") and value.isNull()) else value
        rows.append(row)
    return rows
