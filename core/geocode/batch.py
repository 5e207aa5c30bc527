"""Batch geocoding: read rows, dedup, cache, throttle, call the provider, decide a status, write a layer.

Statuses: ``matched``, ``ambiguous`` (two good candidates far apart: review them),
``not_found``, ``empty`` (no address text), ``error`` (the request failed; not cached, a
rerun retries it). Every input row and attribute is kept; rows without a point get NULL
geometry.
"""

import csv
import json
import os
import time
from collections import deque
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

from qgis.core import (
    NULL,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsFeature,
    QgsFeatureRequest,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsVectorFileWriter,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..errors import WealthMapError
from ..fieldtypes import DOUBLE, INT, LONGLONG, STRING
from ..i18n import tr, tr_noop
from ..tablereader import check_count, check_text, readable_layer, same_columns
from ..tables import load_table, sheets_hint
from ..tasks import check_cancel, eta_seconds
from .answers import InvalidAnswerError, clean_candidates
from .cache import cache_key
from .http import HttpError
from .index import IndexDamagedError, distance_m
from .normalize import normalize
from .parse import parse_address, parsed_json

STATUSES = ("matched", "ambiguous", "not_found", "empty", "error")
MAX_ADDRESS_CHARS = 500
MAX_ERROR_CHARS = 500
OUTPUT_FIELDS = [
    ("status", STRING), ("score", DOUBLE), ("match_type", STRING),
    ("n_candidates", INT), ("matched_address", STRING), ("provider", STRING),
    ("error", STRING), ("candidates", STRING), ("cache_key", STRING), ("parsed", STRING),
]
ADDRESS_HINTS = ("address", "addr", "adres", "adresse", "주소", "도로명", "지번", "location", "street", "full_address")


def output_field_names(input_names):
    """Names of the result fields, prefixed with ``gc_`` where the input already uses the name."""
    taken = {n.lower() for n in input_names}
    out = {}
    for name, _type in OUTPUT_FIELDS:
        new = name
        while new.lower() in taken:
            new = "gc_" + new
        out[name] = new
    return out


# --- input ---------------------------------------------------------------------------------
def open_source(source, encoding=None, sheet=None, feedback=None):
    """A QgsVectorLayer from a layer, a layer id or a table/layer file path (text files read by
    :func:`core.tablereader.read_text_table` into a memory layer)."""
    if isinstance(source, QgsVectorLayer):
        if not source.isValid():
            raise WealthMapError(tr("The input layer is not valid."))
        return source
    if isinstance(source, str):
        layer = QgsProject.instance().mapLayer(source)
        if isinstance(layer, QgsVectorLayer):
            return layer
        return load_table(source, encoding=encoding, sheet=sheet, feedback=feedback)
    raise WealthMapError(tr("The input must be a vector layer or the path of a table (CSV, XLSX, GeoPackage...)."))


def guess_address_fields(layer):
    """String fields whose names look like an address (for a call without ``address_fields``)."""
    found = []
    for field in layer.fields():
        name = field.name().lower()
        if field.type() in (STRING, 10) and any(h in name for h in ADDRESS_HINTS):
            found.append(field.name())
    return found[:1] if found else []


#: Field names (whole name, case-folded) that hold the town, district or postcode of an address.
LOCALITY_NAMES = ("city", "town", "village", "municipality", "locality", "place", "district", "suburb", "county",
                  "province", "state", "region", "postcode", "postal_code", "postalcode", "post_code", "zip",
                  "zipcode", "zip_code", "plz", "gemeinde", "ort", "stadt", "ville", "ciudad", "commune",
                  "시", "구", "군", "시도", "시군구", "시/도", "시/군/구", "읍면동", "동", "도시", "우편번호")


def guess_locality_fields(layer, address_fields=()):
    """Fields that name the town, district or postcode (``city``, ``town``, ``postcode``, ``시``, ``구``...),
    in the layer's order, besides ``address_fields``: ticked with a street field so that the top candidates
    come from the right town (the dock ticks them; the API joins only the fields it is given)."""
    found = []
    for field in layer.fields():
        name = field.name()
        key = name.strip().lower()
        if name in address_fields or field.type() not in (STRING, 10, INT, 2, LONGLONG, 4):
            continue
        if key in LOCALITY_NAMES or key.replace(" ", "_") in LOCALITY_NAMES or key.startswith(("addr:city",
                                                                                                 "addr:postcode")):
            found.append(name)
    return found


def read_input(source, address_fields=None, expression=None, encoding=None, feedback=None, sheet=None):
    """Read ``source`` into plain data: ``{"fields", "rows" (attribute lists), "texts", "name"}``.

    The address is the fields joined with ", " (NULL/empty parts skipped) or the value of a
    QGIS ``expression``. Call on the main thread for project layers.
    """
    opened = open_source(source, encoding, sheet, feedback)
    layer, info = readable_layer(opened, encoding=encoding, feedback=feedback)
    names = layer.fields().names()
    if isinstance(address_fields, str):
        address_fields = [address_fields]
    address_fields = [f for f in (address_fields or []) if f]
    address_fields = same_columns(opened, layer, address_fields)  # ticked by garbled names: the same columns
    if not address_fields and not expression:
        address_fields = guess_address_fields(layer)
        if not address_fields:
            raise WealthMapError(
                tr("No address field in {0}: choose the field(s) that hold the address (or an expression). "
                   "Fields: {1}.").format(layer.name(), ", ".join(names) or tr("none")) + sheets_hint(layer))
    missing = [f for f in address_fields if f not in names]
    if missing:
        raise WealthMapError(tr("{0} has no field {1}. Fields: {2}.").format(
            layer.name(), ", ".join(missing), ", ".join(names)) + sheets_hint(layer))
    expr = None
    context = None
    if expression:
        expr = QgsExpression(expression)
        if expr.hasParserError():
            raise WealthMapError(tr("The address expression is not valid: {0}").format(expr.parserErrorString()))
        unknown = sorted(c for c in expr.referencedColumns()
                         if c not in names and c != QgsFeatureRequest.ALL_ATTRIBUTES)
        if unknown:
            raise WealthMapError(tr("The address expression uses field(s) {0} that {1} does not have. Available "
                                    "fields: {2}.").format(", ".join(unknown), layer.name(), ", ".join(names)))
        context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
        expr.prepare(context)
    rows, texts = [], []
    for i, feature in enumerate(layer.getFeatures()):
        if i % 5000 == 0:
            check_cancel(feedback)
        attrs = [None if (v is None or v == NULL) else v for v in feature.attributes()]
        rows.append(attrs)
        if expr is not None:
            context.setFeature(feature)
            value = expr.evaluate(context)
            if expr.hasEvalError():
                raise WealthMapError(tr("The address expression failed on row {0}: {1}").format(
                    i + 1, expr.evalErrorString()))
            text = "" if value is None or value == NULL else str(value)
        else:
            parts = []
            for f in address_fields:
                v = feature[f]
                if v is None or v == NULL:
                    continue
                v = str(v).strip()
                if v:
                    parts.append(v)
            text = ", ".join(parts)
        texts.append(text.strip())
    check_count(layer, len(rows))
    # a table opened with the wrong encoding: every address "not found" without a word, unless said here
    check_text(layer.name(), names, enumerate(texts, start=1), source=layer.customProperty("wealthmap/source"),
               encoding=info.get("encoding"))
    from ..outputs import source_path

    return {"fields": QgsFields(layer.fields()), "rows": rows, "texts": texts, "name": layer.name(),
            "source": source_path(opened), "encoding": info.get("encoding"), "notes": info.get("notes") or [],
            "reopened": info.get("reopened")}


# --- geocoding -------------------------------------------------------------------------------
def decide(candidates, min_score=0.6, margin=0.05, spread_m=250.0):
    """``(status, best)`` from sorted candidates."""
    if not candidates:
        return "not_found", None
    best = candidates[0]
    if best.get("match_type") == "manual":
        return "matched", best
    if best["score"] < min_score:
        return "not_found", best
    if best.get("ambiguous"):  # e.g. a street given without its town that several towns have
        return "ambiguous", best
    for other in candidates[1:]:
        if other["score"] < best["score"] - margin or distance_m(best, other) <= spread_m:
            continue
        if (best.get("importance") or 0.0) - (other.get("importance") or 0.0) >= 0.12:
            continue  # e.g. a city ten times larger than its namesake
        return "ambiguous", best
    return "matched", best


def search_one(provider, text, countries=None, viewbox=None, limit=5, feedback=None):
    """``provider.search`` for one address, its candidates checked (:func:`.answers.clean_candidates`).

    Whatever one answer does wrong (another shape than documented, invalid coordinates, nesting too deep,
    numbers too large, a damaged index) raises :class:`HttpError` for this row only: the batch goes on."""
    try:
        return clean_candidates(provider.search(text, countries=countries, viewbox=viewbox, limit=limit,
                                                feedback=feedback))
    except InvalidAnswerError as err:
        raise HttpError(str(err)) from None
    except IndexDamagedError as err:
        raise HttpError(str(err)) from None
    except (TypeError, ValueError, AttributeError, KeyError, IndexError, OverflowError, RecursionError) as err:
        # an answer of another shape than documented: this row fails, the batch goes on
        raise HttpError(tr("the service's answer does not have the documented format ({0})").format(
            type(err).__name__)) from None


#: After this many addresses in a row without an answer from the service (connection, timeout, 5xx) the batch
#: stops: a server that is down would otherwise be asked every remaining address, with retries, for hours.
MAX_CONSECUTIVE_FAILURES = 10


def run_batch(texts, provider, cache=None, options=None, feedback=None, log=None):
    """Geocode ``texts``; returns ``(per_text, stats)`` with ``per_text[i] = {"key", "candidates"
    or "error", "empty"}``. Unique normalised texts are geocoded once; the cache is read first and
    written as results arrive. A fatal provider error (bad key, quota) raises after saving."""
    options = dict(options or {})
    limit = int(options.get("limit", 5))
    key_options = {"countries": sorted(c.lower() for c in (options.get("countries") or [])),
                   "viewbox": list(options.get("viewbox") or []), "limit": limit}
    identity = provider.cache_identity()
    per_text = []
    unique = {}
    for text in texts:
        if not text or not normalize(text):
            per_text.append({"empty": True})
            continue
        if len(text) > MAX_ADDRESS_CHARS:
            per_text.append({"error": tr("address too long ({0} characters, at most {1})").format(
                len(text), MAX_ADDRESS_CHARS)})
            continue
        key = cache_key(identity, text, key_options)
        unique.setdefault(key, text)
        per_text.append({"key": key, "parsed": parse_address(text)})  # what the address was read as
    results = {}
    manual = set()
    if cache is not None:
        for key, (cands, is_manual) in cache.get_many(unique.keys()).items():
            results[key] = cands
            if is_manual:
                manual.add(key)
    todo = [k for k in unique if k not in results]
    stats = {"unique": len(unique), "cached": len(unique) - len(todo), "requested": 0, "errors": 0}
    warning = provider.check_bulk(len(todo))
    if warning:
        from .. import log as wm_log

        wm_log.warning(warning)
        stats["warning"] = warning
        if log is not None:
            log(warning)
    errors = {}
    capped = []
    used_before = cache.usage_today(provider.name) if provider.daily_cap and cache is not None else 0
    started = time.monotonic()
    pending_cache = []
    last_flush = [time.monotonic()]
    requests_before = provider.requests_made()
    counted = [requests_before]  # requests already added to today's usage
    failures = [0, None]  # consecutive failures of the service itself (no answer, 5xx) and the last one

    def flush(force=False):
        if cache is not None and (pending_cache or force) and (force or len(pending_cache) >= 50
                                                               or time.monotonic() - last_flush[0] > 2.0):
            if pending_cache:
                cache.put_many(pending_cache, identity)
            if provider.daily_cap:  # every request counts, retries and failed rows included
                made = provider.requests_made()
                if made > counted[0]:
                    cache.add_usage(provider.name, made - counted[0])
                    counted[0] = made
            pending_cache.clear()
            last_flush[0] = time.monotonic()

    def may_start(in_flight=0):
        """Whether another address fits in the daily cap, counting requests (an address may need
        ``requests_per_address`` of them; ``in_flight`` addresses are still being asked): the cap is the
        service's, in requests."""
        if not provider.daily_cap or cache is None:
            return True
        made = provider.requests_made() - requests_before
        return used_before + made + (in_flight + 1) * provider.requests_per_address <= provider.daily_cap

    def one(key):
        return search_one(provider, unique[key], options.get("countries"), options.get("viewbox"), limit, feedback)

    def done(key, cands=None, err=None):
        if err is not None:
            errors[key] = provider.redact(err)
            if len(errors[key]) > MAX_ERROR_CHARS:  # a service may echo megabytes in its error text
                errors[key] = errors[key][:MAX_ERROR_CHARS - 3] + "..."
            if getattr(err, "status", None) is None or err.status >= 500:
                failures[0] += 1
                failures[1] = errors[key]
                if failures[0] >= MAX_CONSECUTIVE_FAILURES:
                    raise HttpError(tr("The service failed for {0} addresses in a row (last: {1}); it looks "
                                       "unreachable or broken.").format(failures[0], failures[1]), fatal=True)
        else:
            failures[0] = 0
            results[key] = cands
            pending_cache.append((key, unique[key], cands))
        n = len(results) + len(errors) - stats["cached"]
        if feedback is not None and todo:
            fraction = n / len(todo)
            feedback.setProgress(100.0 * fraction)
            if log is not None and (n % 100 == 0 or n == len(todo)):
                eta = eta_seconds(started, fraction)
                log(tr("{0}/{1} addresses geocoded; about {2:.0f} s left.").format(n, len(todo), eta or 0))
        flush()

    fatal = None
    try:
        if provider.workers <= 1:
            for i, key in enumerate(todo):
                check_cancel(feedback)
                if not may_start():
                    capped = todo[i:]
                    break
                try:
                    try:
                        done(key, one(key))
                    except HttpError as err:
                        if err.fatal:
                            raise
                        done(key, err=err)
                except HttpError as err:
                    fatal = err
                    break
        else:
            with ThreadPoolExecutor(max_workers=provider.workers) as pool:
                pending = deque(todo)
                running = {}

                def submit_more():
                    while pending and len(running) < provider.workers * 2:
                        if not may_start(len(running)):
                            if not running:  # nothing left to finish: the rest waits for tomorrow
                                capped.extend(pending)
                                pending.clear()
                            return
                        key = pending.popleft()
                        running[pool.submit(one, key)] = key

                submit_more()
                while running:
                    finished, _ = wait(list(running), return_when=FIRST_COMPLETED)
                    for fut in finished:
                        key = running.pop(fut)
                        try:
                            try:
                                done(key, fut.result())
                            except HttpError as err:
                                if err.fatal:
                                    raise
                                done(key, err=err)
                        except HttpError as err:
                            fatal = fatal or err
                    if fatal is None and not (feedback is not None and feedback.isCanceled()):
                        submit_more()
                check_cancel(feedback)
    finally:
        flush(force=True)
        stats["requested"] = provider.requests_made() - requests_before
    if fatal is not None:
        left = len(todo) - len(results) + stats["cached"]
        reason = provider.redact(fatal)
        if len(reason) > MAX_ERROR_CHARS:  # a service's error text of any length
            reason = reason[:MAX_ERROR_CHARS - 3] + "..."
        raise WealthMapError(
            tr("{0} The {1} addresses geocoded so far are cached; {2} remain. Fix the problem and run again to "
               "resume.").format(reason, len(results), left))
    for key in capped:
        errors[key] = tr("daily request cap of {0} reached for {1}; run again tomorrow to continue").format(
            provider.daily_cap, provider.name)
    stats["errors"] = len(errors)
    for item in per_text:
        key = item.get("key")
        if key is None:
            continue
        if key in results:
            item["candidates"] = results[key]
            item["manual"] = key in manual
        else:
            item["error"] = errors.get(key, tr("not geocoded"))
    return per_text, stats


# --- output ----------------------------------------------------------------------------------
def build_layer(data, per_text, provider_name, min_score=0.6, margin=0.05, crs="EPSG:4326", name=None):
    """A memory point layer: every input row and attribute plus the result fields."""
    names = output_field_names(data["fields"].names())
    fields = QgsFields(data["fields"])
    for field_name, ftype in OUTPUT_FIELDS:
        fields.append(QgsField(names[field_name], ftype))
    target = QgsCoordinateReferenceSystem(crs) if crs else QgsCoordinateReferenceSystem("EPSG:4326")
    if not target.isValid():
        raise WealthMapError(tr("The output CRS '{0}' is not valid. Example: EPSG:4326 or EPSG:5179.").format(crs))
    wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
    transform = None if target == wgs84 else QgsCoordinateTransform(wgs84, target, QgsProject.instance())
    layer = QgsVectorLayer("Point?crs={}".format(target.authid() or target.toWkt()), name or data["name"], "memory")
    provider = layer.dataProvider()
    provider.addAttributes(fields.toList())
    layer.updateFields()
    counts = {s: 0 for s in STATUSES}
    features = []
    for attrs, item in zip(data["rows"], per_text):
        feat = QgsFeature(layer.fields())
        values = {"status": None, "score": None, "match_type": None, "n_candidates": 0, "matched_address": None,
                  "provider": provider_name, "error": None, "candidates": None, "cache_key": item.get("key"),
                  "parsed": parsed_json(item.get("parsed"))}
        if item.get("empty"):
            values["status"] = "empty"
        elif "error" in item:
            values["status"] = "error"
            values["error"] = item["error"]
        else:
            cands = item["candidates"]
            status, best = decide(cands, min_score, margin)
            if status == "matched" and item.get("review"):  # a fuzzy match the batch disagrees with (consensus)
                status = "ambiguous"
                values["error"] = item["review"]
            values["status"] = status
            values["n_candidates"] = len(cands)
            if cands:
                values["candidates"] = json.dumps(
                    [{k: c.get(k) for k in ("lon", "lat", "address", "score", "match_type")} for c in cands[:10]],
                    ensure_ascii=False)
            if best is not None:
                values["score"] = float(best["score"])
                values["match_type"] = best.get("match_type")
                values["matched_address"] = best.get("address")
                if item.get("manual"):
                    values["provider"] = "manual"
            if best is not None and status in ("matched", "ambiguous"):
                geom = QgsGeometry.fromPointXY(QgsPointXY(best["lon"], best["lat"]))
                if transform is not None:
                    geom.transform(transform)
                feat.setGeometry(geom)
        counts[values["status"]] += 1
        feat.setAttributes(list(attrs) + [values[f] for f, _t in OUTPUT_FIELDS])
        features.append(feat)
    provider.addFeatures(features)
    layer.updateExtents()
    return layer, counts, names


def write_layer(layer, path):
    """Write ``layer`` to a GeoPackage (or any OGR format by extension) and return the file layer.

    The file is written beside ``path`` and moved over it when complete (:func:`..outputs.atomic_output`):
    a failure or a kill leaves the previous file as it was. An existing GeoPackage holding other layers
    is refused (:func:`..outputs.check_replaceable`)."""
    from .. import outputs

    label = tr_noop("geocoded output")
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise WealthMapError(tr("The output folder {0} does not exist.").format(folder))
    options = QgsVectorFileWriter.SaveVectorOptions()
    ext = os.path.splitext(path)[1].lower()
    drivers = {".gpkg": "GPKG", ".shp": "ESRI Shapefile", ".geojson": "GeoJSON", ".json": "GeoJSON", ".csv": "CSV"}
    if ext not in drivers:
        raise WealthMapError(tr("Cannot write geocoded points to '{0}': choose a file ending in .gpkg, .shp, "
                                ".geojson or .csv.").format(path))
    options.driverName = drivers[ext]
    options.fileEncoding = "UTF-8"
    options.layerName = os.path.splitext(os.path.basename(path))[0]  # not the temporary file's name
    if ext == ".csv":  # the points as X and Y columns (in the layer's CRS), with a BOM so Excel reads Korean text
        options.layerOptions = ["GEOMETRY=AS_XY", "WRITE_BOM=YES"]
    elif ext == ".gpkg":
        outputs.check_replaceable(path, label=label)
        options.layerOptions = ["DESCRIPTION={} (geocoding)".format(outputs.GPKG_MARK)]
    with outputs.atomic_output(path, label) as tmp:
        err, message, _new_path, _layer_name = QgsVectorFileWriter.writeAsVectorFormatV3(
            layer, tmp, QgsProject.instance().transformContext(), options)
        if err != QgsVectorFileWriter.WriterError.NoError:
            raise WealthMapError(tr("Could not write {0}: {1}").format(path, message))
        if options.driverName == "GPKG":
            _null_empty_geometries(tmp)
        if ext == ".csv":
            _blank_missing_xy(tmp, layer, path)
    if ext == ".csv":
        from ..tablereader import read_text_table, table_layer

        # read back with the one table reader (QGIS's delimited text provider cut values at 10 M characters and
        # lost the row after): a layer of the file's rows, points from X and Y
        out = table_layer(read_text_table(path, encoding="utf-8-sig"), layer.name(), x_field="X", y_field="Y",
                          crs=layer.crs())
    else:
        out = QgsVectorLayer(path, layer.name(), "ogr")
    if not out.isValid():
        raise WealthMapError(tr("Could not open the written output {0}.").format(path))
    return out


def _blank_missing_xy(path, layer, name=None):
    """Rows without a point get empty X and Y in a CSV output: OGR writes them as 0,0 (a point in the Gulf
    of Guinea a reader would take for a result). ``name``: the output's path in messages."""
    import csv

    missing = [not f.hasGeometry() or f.geometry().isEmpty() for f in layer.getFeatures()]
    if not any(missing):
        return
    with open(path, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    if len(rows) != len(missing) + 1 or rows[0][:2] != ["X", "Y"]:
        raise WealthMapError(tr("Could not write {0}: its rows do not match the geocoded layer.").format(name or path))
    for row, blank in zip(rows[1:], missing):
        if blank:
            row[0] = row[1] = ""
    with open(path, "w", newline="", encoding="utf-8-sig") as handle:
        csv.writer(handle).writerows(rows)


def _null_empty_geometries(path):
    """QGIS 3.22 writes rows without geometry as empty points in a GeoPackage: make them NULL."""
    from osgeo import ogr

    ds = ogr.Open(path, 1)
    if ds is None:
        return
    layer = ds.GetLayer(0)
    column = layer.GetGeometryColumn() or "geom"
    ds.ExecuteSQL('UPDATE "{}" SET "{}" = NULL WHERE ST_IsEmpty("{}")'.format(
        layer.GetName().replace('"', '""'), column, column))
    ds = None


def write_unmatched_csv(layer, path, names):
    """Rows whose status is not ``matched`` as a UTF-8 CSV (with BOM, so Excel opens Korean text), written
    beside ``path`` and moved over it when complete."""
    from .. import outputs

    status = names["status"]
    keep = [f.name() for f in layer.fields() if f.name() not in (names["candidates"], names["cache_key"])]
    n = 0
    with outputs.atomic_output(path, tr_noop("CSV of unmatched rows")) as tmp:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(keep)
            for feat in layer.getFeatures():
                if feat[status] == "matched":
                    continue
                writer.writerow(["" if feat[k] is None or feat[k] == NULL else feat[k] for k in keep])
                n += 1
    return n


def is_point_type(layer):
    return QgsWkbTypes.geometryType(layer.wkbType()) == QgsWkbTypes.GeometryType.PointGeometry
