"""Reading survey points (DHS/LSMS clusters) for training a wealth head.

A survey is a table (CSV/TXT in any common encoding, XLSX/ODS, GeoPackage, ...) or a QGIS
point layer with one numeric value per point (for example DHS ``wealthpooled``), and
optionally a group field (country or region), an urban/rural field and a year field.

:func:`read_survey` returns a :class:`Survey` with plain numpy arrays in WGS 84 and the
list of rows it left out, with the reason for each; every problem the user can fix is a
:class:`WealthMapError` saying what, where and how to fix it.
"""

import hashlib
import os
import re

import numpy as np

from ..errors import WealthMapError
from ..i18n import tr

LAT_NAMES = ("lat", "latitude", "lat_dd", "latnum", "y", "ycoord", "y_coord", "위도")
LON_NAMES = ("lon", "lng", "long", "longitude", "lon_dd", "longnum", "x", "xcoord", "x_coord", "경도")
GROUP_NAMES = ("country", "region", "group", "admin1", "iso", "iso3", "cname")
URBAN_NAMES = ("urban_rural", "urban", "urbanrural", "urban_rural_flag", "urban_rura", "ur", "urban_area")
YEAR_NAMES = ("year", "survey_year", "dhs_year", "svyyear")

URBAN_TRUE = {"1", "u", "urban", "true", "yes", "y", "t", "도시", "도시지역"}
URBAN_FALSE = {"0", "2", "r", "rural", "false", "no", "n", "f", "농촌", "농촌지역"}

MIN_POINTS = 20


class Survey:
    """Survey points as numpy arrays (all the same length, one entry per usable point)."""

    def __init__(self, lon, lat, value, group=None, urban=None, year=None, extras=None, rows=None,
                 fields=None, source="", crs="EPSG:4326", skipped=None, rows_read=0, input_hash=""):
        self.lon = np.asarray(lon, dtype=np.float64)
        self.lat = np.asarray(lat, dtype=np.float64)
        self.value = np.asarray(value, dtype=np.float64)
        self.group = None if group is None else np.asarray(group, dtype=object)
        self.urban = None if urban is None else np.asarray(urban, dtype=np.float64)  # 1 urban, 0 rural, nan unknown
        self.year = None if year is None else np.asarray(year, dtype=np.float64)
        self.extras = extras or {}
        self.rows = np.arange(1, len(self.lon) + 1) if rows is None else np.asarray(rows)
        self.fields = fields or {}
        self.source = source
        self.crs = crs
        self.skipped = skipped or []  # [(row number, reason)]
        self.rows_read = rows_read or len(self.lon)
        self.input_hash = input_hash

    def __len__(self):
        return len(self.lon)

    def subset(self, mask, reason=None):
        """A new survey with the points where ``mask`` is true; the others are added to ``skipped``."""
        mask = np.asarray(mask, dtype=bool)
        skipped = list(self.skipped)
        if reason is not None:
            skipped += [(int(r), reason) for r in self.rows[~mask]]
        return Survey(
            self.lon[mask], self.lat[mask], self.value[mask],
            None if self.group is None else self.group[mask],
            None if self.urban is None else self.urban[mask],
            None if self.year is None else self.year[mask],
            {k: v[mask] for k, v in self.extras.items()}, self.rows[mask], dict(self.fields), self.source,
            self.crs, skipped, self.rows_read, self.input_hash,
        )

    def describe(self):
        """The training-data description stored in a bundle's manifest."""
        info = {
            "source": os.path.basename(self.source) if self.source else "",
            "fields": dict(self.fields),
            "crs": self.crs,
            "rows_read": int(self.rows_read),
            "rows_used": int(len(self)),
            "rows_skipped": int(len(self.skipped)),
            "value_mean": float(np.mean(self.value)) if len(self) else None,
            "value_sd": float(np.std(self.value)) if len(self) else None,
            "input_sha256": self.input_hash,
        }
        if self.group is not None:
            names, counts = np.unique(self.group.astype(str), return_counts=True)
            info["groups"] = {str(n): int(c) for n, c in zip(names, counts)}
        if self.year is not None:
            years = self.year[np.isfinite(self.year)]
            info["years"] = sorted({int(y) for y in years})
        if self.urban is not None:
            info["urban_points"] = int(np.nansum(self.urban == 1))
            info["rural_points"] = int(np.nansum(self.urban == 0))
        info["bbox_wgs84"] = [float(self.lon.min()), float(self.lat.min()), float(self.lon.max()),
                              float(self.lat.max())] if len(self) else None
        return info


def _find(names, wanted, given, role, required):
    """The column for ``role``: ``given`` (checked) or the first of ``wanted`` found (case-insensitive)."""
    lower = {n.lower(): n for n in names}
    if given:
        if given in names:
            return given
        if given.lower() in lower:
            return lower[given.lower()]
        raise WealthMapError(
            tr("The survey table has no column '{0}' (for the {1}). Its columns are: {2}. Pick one of them.").format(
                given, role, ", ".join(names)))
    for name in wanted:
        if name in lower:
            return lower[name]
    if required:
        raise WealthMapError(
            tr("Could not find the {0} column in the survey table (columns: {1}). Name it with the matching "
               "parameter.").format(role, ", ".join(names)))
    return None


NA_TOKENS = ("", "na", "n/a", "nan", "null", "none", "-", ".")
_THOUSANDS = re.compile(r"^[+-]?[1-9]\d{0,2}(,\d{3})+(\.\d+)?$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d*,\d+$")


def comma_mode(texts, column, where, degrees=False):
    """How a column writes its commas: ``"thousands"`` ("12,345.6"), ``"decimal"`` ("0,5", "37,5665") or
    ``None`` (no commas). A column whose every comma could be either ("79,691", and no decimal point
    anywhere) is refused rather than guessed: read one way it is 79691, the other 79.691."""
    values = [str(t).strip() for t in texts if t is not None and not isinstance(t, (int, float))]
    commas = [t for t in values if "," in t]
    if not commas:
        return None
    thousands = all(_THOUSANDS.match(t) for t in commas)
    decimal = all(_DECIMAL_COMMA.match(t) for t in commas)
    if thousands and decimal:
        if degrees:  # a latitude or longitude never needs thousands
            return "decimal"
        if any("." in t for t in values):
            return "thousands"
        raise WealthMapError(tr("The column '{0}' of {1} has values such as '{2}' that could be read with a "
                                "thousands separator or a decimal comma. Write the numbers without thousands "
                                "separators, or with a decimal point, and try again.").format(column, where,
                                                                                             commas[0]))
    if thousands:
        return "thousands"
    if decimal:
        return "decimal"
    return None  # mixed: the rows that are not numbers are reported by the caller


def _to_float(text, mode=None):
    if text is None:
        return None
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        value = float(text)
        return None if value != value else value
    text = str(text).strip()
    if text.lower() in NA_TOKENS:
        return None
    if mode == "thousands":
        text = text.replace(",", "")
    elif mode == "decimal":
        text = text.replace(",", ".")
    return float(text)


def _urban_flag(text):
    if text is None:
        return np.nan
    key = str(text).strip().lower()
    if key.endswith(".0"):
        key = key[:-2]
    if key in URBAN_TRUE:
        return 1.0
    if key in URBAN_FALSE:
        return 0.0
    if key in NA_TOKENS:  # unknown, as in the value field (R and Stata write NA)
        return np.nan
    raise ValueError(key)


def _read_records(source, layer_crs=None, encoding=None):
    """``(columns, rows as lists, lonlat or None, crs authid or None, file hash)`` from a path or a layer."""
    from qgis.core import QgsVectorLayer, QgsWkbTypes

    if isinstance(source, QgsVectorLayer):
        from ..tablereader import readable_layer

        layer, _info = readable_layer(source, encoding=encoding)  # a layer QGIS read from a CSV: read again
        path = source.source()
    else:
        from ..tables import split_sheet

        path = str(source)
        file_path, _sheet = split_sheet(path)  # "survey.gpkg|layername=points", as QGIS names a layer's source
        if not os.path.exists(file_path):
            raise WealthMapError(tr("The survey file {0} does not exist. Check the path.").format(file_path))
        layer = None
        ext = os.path.splitext(file_path)[1].lower()
        if ext in (".csv", ".txt", ".tsv", ".tab"):
            from ..tables import read_csv_rows

            header, rows = read_csv_rows(path, encoding=encoding)  # every row kept, or a refusal naming the line
            digest = hashlib.sha256()
            with open(path, "rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
            return header, rows, None, None, digest.hexdigest()
        from ..tables import load_table

        layer = load_table(path, encoding=encoding)
    names = layer.fields().names()
    rows = []
    lonlat = None
    crs = None
    digest = hashlib.sha256()
    has_points = layer.isSpatial() and \
        QgsWkbTypes.geometryType(layer.wkbType()) == QgsWkbTypes.GeometryType.PointGeometry
    transform = None
    if has_points:
        from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject

        crs = layer.crs().authid() or layer.crs().toWkt()
        if not layer.crs().isValid():
            raise WealthMapError(tr("The survey layer '{0}' has no CRS. Set its CRS (Layer Properties > Source) and "
                                    "run again.").format(layer.name()))
        transform = QgsCoordinateTransform(layer.crs(), QgsCoordinateReferenceSystem("EPSG:4326"),
                                           QgsProject.instance())
        lonlat = []
    for feature in layer.getFeatures():
        row = []
        for name in names:
            value = feature[name]
            if value is None or (hasattr(value, "isNull") and value.isNull()):
                value = None
            row.append(value)
        rows.append(row)
        digest.update(repr(row).encode("utf-8"))
        if transform is not None:
            geom = feature.geometry()
            if geom is None or geom.isEmpty():
                lonlat.append((None, None, None, None))
            else:
                pt = geom.asPoint() if not geom.isMultipart() else geom.asMultiPoint()[0]
                try:
                    out = transform.transform(pt)
                    lonlat.append((out.x(), out.y(), pt.x(), pt.y()))
                except Exception:  # noqa: BLE001 - point outside the CRS's area
                    lonlat.append((None, None, pt.x(), pt.y()))
                digest.update("{:.7f},{:.7f}".format(pt.x(), pt.y()).encode("ascii"))
    from ..tablereader import check_count

    check_count(layer, len(rows))  # every row read, or said
    return names, rows, lonlat, crs, digest.hexdigest()


def check_coordinates(x, y, crs, where):
    """Raise when the coordinates cannot be in ``crs`` (degrees declared but metres given, or the reverse)."""
    from qgis.core import QgsCoordinateReferenceSystem

    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    ref = QgsCoordinateReferenceSystem(crs)
    if not ref.isValid():
        raise WealthMapError(tr("The CRS '{0}' declared for {1} is not a valid CRS. Use an EPSG code such as "
                                "EPSG:4326.").format(crs, where))
    if not len(x):
        return
    if ref.isGeographic():
        bad = (np.abs(x) > 180) | (np.abs(y) > 90)
        if bad.any():
            i = int(np.argmax(bad))
            swapped = np.all(np.abs(y) <= 180) and np.all(np.abs(x) <= 90)
            hint = tr(" The latitude and longitude columns look swapped.") if swapped else tr(
                " They look like projected coordinates (metres): declare the CRS they are in.")
            raise WealthMapError(
                tr("{0} points of {1} are outside the range of degrees (longitude -180..180, latitude -90..90) "
                   "although the declared CRS {2} is in degrees (first: x={3}, y={4}).").format(
                    int(bad.sum()), where, crs, x[i], y[i]) + hint)
    else:
        if np.all(np.abs(x) <= 180) and np.all(np.abs(y) <= 90) and (np.ptp(x) < 20 and np.ptp(y) < 20):
            raise WealthMapError(
                tr("All coordinates of {0} are small numbers (x {1:.3f}..{2:.3f}, y {3:.3f}..{4:.3f}) that look like "
                   "degrees, but the declared CRS {5} is projected (metres). Declare EPSG:4326 or the right "
                   "CRS.").format(where, x.min(), x.max(), y.min(), y.max(), crs))


def read_survey(source, value_field=None, lat_field=None, lon_field=None, group_field=None, urban_field=None,
                year_field=None, extra_fields=(), crs="EPSG:4326", duplicates="error", min_points=MIN_POINTS,
                detect_optional=True, encoding=None):
    """Read survey points from a table path or a QGIS layer.

    * ``value_field``: the numeric target (required; there is no guess for it);
    * ``lat_field``/``lon_field``: coordinate columns of a table (detected: lat/latitude/y,
      lon/lng/longitude/x), in ``crs`` (default EPSG:4326); a point layer uses its geometry and CRS;
    * ``group_field`` (country/region), ``urban_field`` (1/0, urban/rural, U/R), ``year_field``:
      detected by name when not given and ``detect_optional``;
    * ``extra_fields``: numeric columns used as features too;
    * ``duplicates``: ``"error"`` (default) or ``"mean"`` (average the values of points at the
      same place and year).

    Rows with an empty value or coordinates are left out and listed in ``survey.skipped``. A CSV is read by
    the one table reader (every row, or a refusal naming the line); ``encoding``: the file's encoding
    (default: detected).
    """
    names, rows, lonlat, layer_crs, input_hash = _read_records(source, encoding=encoding)
    where = os.path.basename(str(source.source() if hasattr(source, "source") else source))
    if not rows:
        raise WealthMapError(tr("The survey {0} has no rows.").format(where))
    if not value_field:
        raise WealthMapError(tr("No value field given: name the numeric column to learn (for example "
                                "'wealthpooled'). Columns of {0}: {1}.").format(where, ", ".join(names)))
    value_col = _find(names, (), value_field, tr("value"), True)
    idx = {n: i for i, n in enumerate(names)}
    if lonlat is None:
        lat_col = _find(names, LAT_NAMES, lat_field, tr("latitude"), True)
        lon_col = _find(names, LON_NAMES, lon_field, tr("longitude"), True)
    else:
        lat_col = lon_col = None
        crs = layer_crs
    group_col = _find(names, GROUP_NAMES if detect_optional else (), group_field, tr("group"), False)
    urban_col = _find(names, URBAN_NAMES if detect_optional else (), urban_field, tr("urban/rural"), False)
    year_col = _find(names, YEAR_NAMES if detect_optional else (), year_field, tr("year"), False)
    extra_cols = [_find(names, (), f, tr("extra feature"), True) for f in (extra_fields or ())]

    n = len(rows)
    value = np.full(n, np.nan)
    xs = np.full(n, np.nan)
    ys = np.full(n, np.nan)
    lon = np.full(n, np.nan)
    lat = np.full(n, np.nan)
    urban = np.full(n, np.nan) if urban_col else None
    year = np.full(n, np.nan) if year_col else None
    group = np.empty(n, dtype=object) if group_col else None
    extras = {c: np.full(n, np.nan) for c in extra_cols}
    skipped = []
    bad_values = []
    zero_gps = set()
    geographic = lonlat is None and _is_geographic(crs)
    modes = {c: comma_mode([row[idx[c]] for row in rows], c, where, degrees=geographic and c in (lon_col, lat_col))
             for c in [value_col, lon_col, lat_col] + list(extra_cols) if c is not None}
    for i, row in enumerate(rows):
        try:
            v = _to_float(row[idx[value_col]], modes[value_col])
        except ValueError:
            bad_values.append((i + 1, row[idx[value_col]]))
            continue
        if v is not None:
            value[i] = v
        if lonlat is None:
            try:
                xv = _to_float(row[idx[lon_col]], modes[lon_col])
                yv = _to_float(row[idx[lat_col]], modes[lat_col])
            except ValueError:
                raise WealthMapError(tr("Row {0} of {1} has a coordinate that is not a number ({2}, {3}). Fix the "
                                        "coordinate columns '{4}'/'{5}'.").format(
                    i + 1, where, row[idx[lon_col]], row[idx[lat_col]], lon_col, lat_col)) from None
            if geographic and xv == 0 and yv == 0:
                zero_gps.add(i)  # DHS codes a cluster without GPS as 0, 0
            elif xv is not None and yv is not None:
                xs[i], ys[i] = xv, yv
        else:
            lo, la, px, py = lonlat[i]
            if px is not None:
                xs[i], ys[i] = px, py
            if lo is not None:
                lon[i], lat[i] = lo, la
        if group is not None:
            g = row[idx[group_col]]
            group[i] = "" if g is None else str(g).strip()
        if urban is not None:
            try:
                urban[i] = _urban_flag(row[idx[urban_col]])
            except ValueError:
                raise WealthMapError(tr("Row {0} of {1}: the urban/rural field '{2}' has the value '{3}'; use 1/0, "
                                        "urban/rural or U/R.").format(i + 1, where, urban_col,
                                                                     row[idx[urban_col]])) from None
        if year is not None:
            try:
                y = _to_float(row[idx[year_col]])
            except ValueError:
                y = None
            year[i] = np.nan if y is None else y
        for c in extra_cols:
            try:
                e = _to_float(row[idx[c]], modes[c])
            except ValueError:
                raise WealthMapError(tr("Row {0} of {1}: the extra feature '{2}' has the value '{3}', which is not a "
                                        "number. Only numeric columns can be features.").format(
                    i + 1, where, c, row[idx[c]])) from None
            extras[c][i] = np.nan if e is None else e
    if bad_values:
        examples = ", ".join("{} ('{}')".format(r, v) for r, v in bad_values[:5])
        raise WealthMapError(tr("The value field '{0}' of {1} is not numeric in {2} rows, for example row {3}. Pick a "
                                "numeric field or clean these rows.").format(value_col, where, len(bad_values),
                                                                             examples))
    if lonlat is None:
        ok = np.isfinite(xs) & np.isfinite(ys)
        check_coordinates(xs[ok], ys[ok], crs, where)
        lon, lat = _to_wgs84(xs, ys, crs)
    else:
        ok = np.isfinite(xs) & np.isfinite(ys)
        check_coordinates(xs[ok], ys[ok], crs, where)
    for i in range(n):
        if not np.isfinite(value[i]):
            skipped.append((i + 1, tr("empty value")))
        elif i in zero_gps:
            skipped.append((i + 1, tr("no coordinates (0, 0: missing GPS in DHS)")))
        elif not (np.isfinite(lon[i]) and np.isfinite(lat[i])):
            skipped.append((i + 1, tr("no coordinates")))
    keep = np.isfinite(value) & np.isfinite(lon) & np.isfinite(lat)
    if group is not None:
        group = np.where(group == None, "", group)  # noqa: E711 - elementwise on an object array
    fields = {"value": value_col, "lat": lat_col, "lon": lon_col, "group": group_col, "urban": urban_col,
              "year": year_col, "extra": extra_cols}
    survey = Survey(lon, lat, value, group, urban, year, extras, np.arange(1, n + 1), fields, str(
        source.source() if hasattr(source, "source") else source), crs, skipped, n, input_hash).subset(keep)
    survey.skipped = skipped
    survey = _handle_duplicates(survey, duplicates, where)
    if len(survey) < min_points:
        raise WealthMapError(tr("Only {0} usable points in {1} ({2} left out); at least {3} are needed to train and "
                                "cross-validate. Add points or fix the rows listed in the report.").format(
            len(survey), where, len(survey.skipped), min_points))
    return survey


def _is_geographic(crs):
    from qgis.core import QgsCoordinateReferenceSystem

    ref = QgsCoordinateReferenceSystem(crs)
    return ref.isValid() and ref.isGeographic()


def _to_wgs84(x, y, crs):
    from qgis.core import QgsCoordinateReferenceSystem

    ref = QgsCoordinateReferenceSystem(crs)
    if ref.authid() == "EPSG:4326":
        return x.copy(), y.copy()
    from osgeo import osr

    src = osr.SpatialReference()
    src.SetFromUserInput(ref.toWkt())
    src.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    dst = osr.SpatialReference()
    dst.ImportFromEPSG(4326)
    dst.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    ct = osr.CoordinateTransformation(src, dst)
    ok = np.isfinite(x) & np.isfinite(y)
    lon = np.full(len(x), np.nan)
    lat = np.full(len(x), np.nan)
    if ok.any():
        pts = ct.TransformPoints(np.column_stack([x[ok], y[ok]]).tolist())
        arr = np.asarray(pts, dtype=np.float64)
        lon[ok], lat[ok] = arr[:, 0], arr[:, 1]
    return lon, lat


def _handle_duplicates(survey, duplicates, where):
    """Points at the same place (and year) are an error, or are averaged with ``duplicates='mean'``."""
    if not len(survey):
        return survey
    keys = np.round(np.column_stack([survey.lon, survey.lat]), 6)
    if survey.year is not None:
        keys = np.column_stack([keys, np.nan_to_num(survey.year, nan=-1)])
    _, first, inverse, counts = np.unique(keys, axis=0, return_index=True, return_inverse=True, return_counts=True)
    inverse = inverse.ravel()
    dup = counts[inverse] > 1
    if not dup.any():
        return survey
    if duplicates == "error":
        rows = survey.rows[dup][:6]
        raise WealthMapError(tr("{0} points of {1} share their coordinates with another point (rows {2}, ...). "
                                "Duplicated points inflate cross-validated accuracy: remove them, or average them "
                                "(duplicates='mean').").format(int(dup.sum()), where,
                                                              ", ".join(str(int(r)) for r in rows)))
    if duplicates != "mean":
        raise WealthMapError(tr("Unknown duplicates policy '{0}': use 'error' or 'mean'.").format(duplicates))
    sums = np.bincount(inverse, weights=survey.value)
    keep = np.zeros(len(survey), dtype=bool)
    keep[first] = True
    means = sums / counts
    out = survey.subset(keep, tr("duplicate point averaged into an earlier row"))
    out.value = means[inverse[keep]]
    return out
