"""Reading statistics and address tables: CSV/TXT (any common encoding), XLSX/ODS, any layer.

Korean tables often come as CP949 (a superset of EUC-KR) from Excel; European ones as
Windows-1252; others as UTF-8 with or without a BOM. :func:`detect_encoding` tells them apart
over the whole file (:mod:`core.encodings`), text files are read by the one strict reader of
:mod:`core.tablereader` (every row kept, or a refusal naming the line), and :func:`load_table`
returns a QGIS layer that the rest of the plugin can read like any other.
"""

import codecs
import os

from qgis.core import QgsVectorLayer

from .encodings import detect_encoding as _detect
from .errors import WealthMapError
from .i18n import tr
from .tablereader import TEXT_EXTENSIONS, layer_records, read_text_table, table_layer

__all__ = ["TEXT_EXTENSIONS", "detect_encoding", "check_encoding", "read_csv_rows", "load_table", "layer_rows",
           "unique_names", "split_sheet", "sheet_names", "sheets_hint", "qgis_encoding_name"]
SHEET_EXTENSIONS = (".xlsx", ".xls", ".ods")


def detect_encoding(path, sample_bytes=None):
    """The encoding of a text file, detected over the whole file: see :func:`core.encodings.detect_encoding`
    (``sample_bytes`` is ignored: every line is read)."""
    return _detect(path)


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
    return {"utf-8-sig": "UTF-8", "utf-8": "UTF-8", "cp949": "CP949", "utf-16": "UTF-16", "latin-1": "ISO-8859-1",
            "cp1252": "windows-1252"}.get(encoding, encoding)


def read_csv_rows(path, encoding=None, delimiter=None, feedback=None):
    """Read a delimited text file into ``(header, rows)`` (rows are lists of str, ``len(header)`` each) with
    :func:`core.tablereader.read_text_table`: every row is kept or the file is refused naming the line."""
    table = read_text_table(path, encoding=check_encoding(encoding), delimiter=delimiter, feedback=feedback)
    return table.header, table.rows


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


def load_table(path, encoding=None, sheet=None, x_field=None, y_field=None, crs="EPSG:4326", name=None,
               feedback=None):
    """Open a table file as a QGIS vector layer and check that it is usable.

    * CSV/TXT/TSV: read by :func:`core.tablereader.read_text_table` (encoding detected unless given,
      delimiter from the header line, every row kept or a refusal naming the line) into a memory
      layer; with ``x_field``/``y_field`` the layer gets point geometry in ``crs``.
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
        # Python's strict reader, not QGIS's delimited text provider: that one merges rows on mixed line
        # endings, drops the rest of the file after an unclosed quote and cuts values at 10 M characters.
        table = read_text_table(path, encoding=encoding, feedback=feedback)
        if not table.header:
            raise WealthMapError(tr("The table {0} has no columns. Check that its first row is a header.").format(
                path))
        return table_layer(table, name, x_field, y_field, crs, feedback=feedback)
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
    """All features of ``layer`` as dicts ``{field: value}`` (NULL becomes ``None``); raises when fewer rows
    are read than the layer has."""
    names, rows = layer_records(layer, fields)
    return [dict(zip(names, row)) for row in rows]
