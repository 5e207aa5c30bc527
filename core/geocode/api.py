"""The geocoding job's core entry points, shared by the dock, the algorithms and ``wealthmap.api``."""

import os
import sqlite3
import time

from qgis.core import QgsFeedback, QgsVectorLayer

from .. import log as wm_log
from .. import outputs, settings
from .. import validate as check
from ..errors import WealthMapError
from ..i18n import tr, tr_noop
from ..tasks import check_cancel, ensure_feedback
from .answers import valid_lonlat
from .batch import build_layer, decide, read_input, run_batch, search_one, write_layer, write_unmatched_csv
from .cache import open_cache
from .consensus import review_outliers
from .http import HttpError
from .index import IndexWriter
from .providers import PROVIDERS, make_provider
from .sources import layer_index_rows, osm_rows
from .style import geocoded_name, save_default_style, style_by_status

OSM_EXTENSIONS = (".pbf", ".osm", ".o5m")


def _warn(feedback, text):
    """A warning to the QGIS message log and to Processing's log (``pushWarning`` from QGIS 3.20)."""
    wm_log.warning(text)
    if hasattr(feedback, "pushWarning"):
        feedback.pushWarning(text)
    elif hasattr(feedback, "pushInfo"):
        feedback.pushInfo(text)


def _log_to(feedback):
    def log(text):
        if hasattr(feedback, "pushInfo"):
            feedback.pushInfo(text)
    return log


def geocode(source, address_fields=None, expression=None, provider="offline", output=None, endpoint=None,
            authcfg=None, index=None, use_gazetteer=True, countries=None, viewbox=None, crs="EPSG:4326",
            unmatched_csv=None, min_score=0.6, ambiguity_margin=0.05, limit=5, use_cache=True, cache_path=None,
            workers=None, rate=None, timeout=None, retries=None, encoding=None, feedback=None, prepared=None,
            sheet=None):
    """Batch geocode a layer or table; returns a dict with ``layer`` (named after the input, coloured by
    status), ``path`` (= ``output``), ``summary``, ``hint`` (an address index is needed, or ``None``),
    ``counts``, ``stats``, ``fields``. See :func:`wealthmap.api.geocode` for every parameter.

    ``source``: a QgsVectorLayer, a layer id, or a table/layer path (CSV in UTF-8 with or without
    BOM or CP949/EUC-KR, XLSX, GeoPackage...). ``address_fields``: one or several fields joined
    with ", ", or ``expression`` (QGIS expression). ``provider``: ``offline`` (default; ``index``:
    one or several index files built with :func:`build_address_index`, plus the bundled world
    gazetteer), ``nominatim``, ``photon``, ``pelias``, ``google``, ``kakao``, ``vworld``
    (``endpoint`` for self-hosted servers; ``authcfg``: the QGIS authentication configuration
    that holds the API key). ``countries``: ISO codes; ``viewbox``: (xmin, ymin, xmax, ymax) in
    EPSG:4326. ``output``: a .gpkg path (else a memory layer); ``crs`` of the output;
    ``unmatched_csv``: a CSV of the rows not matched. Results are cached on disk: a rerun
    makes no requests and a cancelled run resumes. ``sheet``: the sheet of a workbook (default: the
    first; also ``book.xlsx|layername=Sheet``).
    """
    feedback = ensure_feedback(feedback)
    started = time.monotonic()
    options = check_geocode_options(provider=provider, index=index, countries=countries, viewbox=viewbox, crs=crs,
                                    min_score=min_score, ambiguity_margin=ambiguity_margin, limit=limit,
                                    use_cache=use_cache, use_gazetteer=use_gazetteer, workers=workers, rate=rate,
                                    timeout=timeout, retries=retries)
    provider, index, countries, viewbox = options["provider"], options["index"], options["countries"], \
        options["viewbox"]
    min_score, ambiguity_margin, limit = options["min_score"], options["ambiguity_margin"], options["limit"]
    workers, rate, timeout, retries = options["workers"], options["rate"], options["timeout"], options["retries"]
    if isinstance(address_fields, str):
        address_fields = [address_fields]
    check.text_list(address_fields, "address_fields", where="geocode", min_len=0, allow_none=True)
    for key, value in (("expression", expression), ("output", output), ("unmatched_csv", unmatched_csv),
                       ("endpoint", endpoint), ("authcfg", authcfg), ("encoding", encoding)):
        check.text(value, key, where="geocode", allow_none=True, allow_empty=True)
    data = prepared if prepared is not None else read_input(source, address_fields, expression, encoding, feedback,
                                                            sheet=sheet)
    if not data["rows"]:
        raise WealthMapError(tr("The input {0} has no rows to geocode.").format(data["name"]))
    index_paths = [index] if isinstance(index, str) else list(index or [])
    # before any work: an output that is an input (or the other output) would destroy it
    outputs.guard([(tr_noop("input table"), data.get("source") or source)]
                  + [(tr_noop("address index"), p) for p in index_paths],
                  [(tr_noop("geocoded output"), output or None), (tr_noop("CSV of unmatched rows"), unmatched_csv),
                   (tr_noop("geocoding cache"), cache_path if use_cache else None)])  # the cache is written too
    prov = make_provider(
        provider, endpoint=endpoint, authcfg=authcfg, index_paths=index_paths, use_gazetteer=use_gazetteer,
        timeout=settings.GEOCODE_TIMEOUT.value() if timeout is None else timeout,
        retries=settings.GEOCODE_RETRIES.value() if retries is None else retries, workers=workers, rate=rate)
    warnings = []
    cache = None
    try:
        if use_cache:
            cache, warnings = open_cache(cache_path)
            for text in warnings:
                _warn(feedback, text)
        options = {"countries": list(countries or []), "viewbox": list(viewbox) if viewbox else None, "limit": limit}
        per_text, stats = run_batch(data["texts"], prov, cache, options, feedback, log=_log_to(feedback))
    finally:
        if cache is not None:
            for text in cache.warnings[len(warnings):]:  # said while the batch ran (unreadable entries...)
                warnings.append(text)
                _warn(feedback, text)
            cache.close()
        if hasattr(prov, "close"):
            prov.close()
    check_cancel(feedback)
    n_review = review_outliers(data["texts"], per_text, decide, min_score, ambiguity_margin)
    if n_review:
        text = tr("{0} fuzzy matches disagree with the rest of the batch (another country, or far from the other "
                  "matches): they are marked ambiguous for review, with the reason in the error field.").format(
            n_review)
        warnings.append(text)
        _warn(feedback, text)
    stats["review"] = n_review
    if stats.get("warning"):
        warnings.insert(0, stats["warning"])
    if warnings:
        stats["warning"] = "\n".join(warnings)  # what the dock shows in its message bar
    layer, counts, names = build_layer(data, per_text, prov.name, min_score, ambiguity_margin, crs,
                                       name=geocoded_name(data["name"]))
    if output:
        layer = write_layer(layer, output)
    style_by_status(layer, names["status"])
    if output and str(output).lower().endswith(".gpkg"):
        save_default_style(layer)  # the file opens styled by status wherever it is opened (Processing, browser)
    hint = index_hint(counts, provider, index_paths)
    if hint:
        stats["hint"] = hint
        if hasattr(feedback, "pushWarning"):
            feedback.pushWarning(hint)
    n_unmatched = None
    if unmatched_csv:
        n_unmatched = write_unmatched_csv(layer, unmatched_csv, names)
    stats["elapsed_s"] = round(time.monotonic() - started, 3)
    wm_log.info("geocode: {} rows, {} unique, {} cached, {} requests, {}".format(
        len(data["rows"]), stats["unique"], stats["cached"], stats["requested"], counts))
    feedback.setProgress(100)
    return {"layer": layer, "path": output, "output": output, "summary": summary(counts, stats), "hint": hint,
            "counts": counts, "stats": stats, "fields": names, "name": layer.name(), "input_name": data["name"],
            "provider": prov.name, "unmatched_csv": unmatched_csv, "n_unmatched": n_unmatched,
            "cache_path": cache.path if cache is not None else None, "warnings": warnings,
            "encoding": data.get("encoding"), "table_notes": list(data.get("notes") or [])}


def summary(counts, stats):
    """One sentence on a run: the rows per status, the requests made and the addresses from the cache."""
    return tr("Matched {0}, ambiguous {1}, not found {2}, empty {3}, errors {4}. {5} requests, "
              "{6} addresses from the cache.").format(
        counts["matched"], counts["ambiguous"], counts["not_found"], counts["empty"], counts["error"],
        stats.get("requested", 0), stats.get("cached", 0))


#: With the bundled gazetteer only, this share of the addresses (or more) not found means street addresses.
HINT_NOT_FOUND_SHARE = 0.3


def index_hint(counts, provider, index_paths):
    """What to do when the offline provider ran with the bundled gazetteer only and many addresses were not
    found (the gazetteer has countries, cities and towns, no streets): build an address index. ``None``
    otherwise."""
    if provider != "offline" or index_paths:
        return None
    tried = counts["matched"] + counts["ambiguous"] + counts["not_found"]
    if tried == 0 or counts["not_found"] < max(2, HINT_NOT_FOUND_SHARE * tried):
        return None
    return tr("{0} of {1} addresses were not found: only the bundled world gazetteer (countries, cities and towns, "
              "no streets) was searched. Street addresses need an address index: build one from an OpenStreetMap "
              "file (.osm.pbf) or from a layer of address points (Geocode panel: 'Build index…'; Processing: "
              "'Build offline address index'; console: build_address_index), choose it as the address index "
              "and run again.").format(counts["not_found"], tried)


def check_geocode_options(provider="offline", index=None, countries=None, viewbox=None, crs="EPSG:4326",
                          min_score=0.6, ambiguity_margin=0.05, limit=5, use_cache=True, use_gazetteer=True,
                          workers=None, rate=None, timeout=None, retries=None):
    """The geocoding options checked and in their usable form (see :mod:`core.validate`); raises
    :class:`WealthMapError` naming the first bad one. ``countries`` ``"kr, jp"`` becomes ``["kr", "jp"]``."""
    where = "geocode"
    out = {"provider": check.choice(provider if provider is not None else "offline", "provider", PROVIDERS,
                                    where=where)}
    if isinstance(index, str) or index is None:
        out["index"] = index or None
    else:
        out["index"] = check.text_list(index, "index", where=where, min_len=0)
    if isinstance(countries, str):  # "kr, jp" as the dock and Processing take it, not its letters
        countries = [c.strip() for c in countries.split(",") if c.strip()]
    countries = check.text_list(countries, "countries", where=where, min_len=0, allow_none=True) or []
    for code in countries:
        if not (2 <= len(code.strip()) <= 3 and code.strip().isalpha()):
            raise WealthMapError(tr("geocode: the parameter 'countries' takes ISO country codes such as 'kr' or "
                                    "'li, ch'; got {0!r}.").format(code))
    out["countries"] = [c.strip() for c in countries]
    out["viewbox"] = check.bbox(viewbox, "viewbox", where=where, geographic=True, allow_none=True) \
        if viewbox is not None and (not hasattr(viewbox, "__len__") or len(viewbox)) else None
    check.crs(crs, "crs", where=where)
    out["min_score"] = check.fraction(min_score, "min_score", where=where,
                                      hint=tr("0.6 is usual; 0 accepts every candidate."))
    out["ambiguity_margin"] = check.fraction(ambiguity_margin, "ambiguity_margin", where=where)
    out["limit"] = check.integer(limit, "limit", 1, 50, where=where,
                                 hint=tr("It is the number of candidates asked per address; 5 is usual."))
    check.boolean(use_cache, "use_cache", where=where)
    check.boolean(use_gazetteer, "use_gazetteer", where=where)
    out["workers"] = check.integer(workers, "workers", 1, 64, where=where, allow_none=True)
    out["rate"] = check.number(rate, "rate", 0.01, 1000.0, where=where, allow_none=True,
                               hint=tr("It is requests per second (1 for the public Nominatim)."))
    out["timeout"] = check.number(timeout, "timeout", 0.0, 600.0, lo_open=True, where=where, allow_none=True)
    out["retries"] = check.integer(retries, "retries", 0, 20, where=where, allow_none=True)
    return out


def build_address_index(source, output, address_fields=None, x_field=None, y_field=None, country_field=None,
                        country=None, encoding=None, append=None, feedback=None):
    """Build an offline address index (SQLite) from OSM data or a point layer/table.

    ``source``: an ``.osm.pbf``/``.osm`` file (house numbers, streets, places and named POIs), or a
    layer/table whose ``address_fields`` hold the address and whose geometry (or
    ``x_field``/``y_field``, longitude/latitude) gives the point. ``country``: ISO code given to
    every row (``country_field`` per row). ``append``: more sources (paths) added to the same
    index. Returns ``{"path", "rows", "elapsed_s"}``.
    """
    feedback = ensure_feedback(feedback)
    started = time.monotonic()
    where = "build_address_index"
    if isinstance(address_fields, str):
        address_fields = [address_fields]
    check.text_list(address_fields, "address_fields", where=where, min_len=0, allow_none=True)
    for key, value in (("x_field", x_field), ("y_field", y_field), ("country_field", country_field),
                       ("encoding", encoding)):
        check.text(value, key, where=where, allow_none=True)
    if country is not None and not (isinstance(country, str) and 2 <= len(country.strip()) <= 3
                                    and country.strip().isalpha()):
        raise WealthMapError(tr("build_address_index: the parameter 'country' takes an ISO country code such as "
                                "'kr'; got {0!r}.").format(country))
    if append is not None and not isinstance(append, (list, tuple)):
        append = [append]
    if not output:
        raise WealthMapError(tr("Give the path of the index file to write (e.g. addresses.sqlite)."))
    output = check.text(output, "output", where=where)
    sources = [os.fspath(s) if isinstance(s, os.PathLike) else s for s in [source] + list(append or [])]
    for src in sources:
        if not isinstance(src, (str, QgsVectorLayer)):
            raise WealthMapError(tr("build_address_index: the source must be a file path or a vector layer; got "
                                    "{0!r}.").format(src))
    outputs.guard([(tr_noop("index source"), s) for s in sources], [(tr_noop("address index"), output)])

    def rows():
        for src in sources:
            if isinstance(src, str) and src.lower().endswith(OSM_EXTENSIONS):
                yield from osm_rows(src, feedback, country=country)
            else:
                from ..tablereader import readable_layer, same_columns
                from .batch import open_source

                opened = src if isinstance(src, QgsVectorLayer) else open_source(src, encoding)
                layer, _info = readable_layer(opened, encoding=encoding, feedback=feedback)  # CSV layers: no row lost
                fields = [address_fields] if isinstance(address_fields, str) else list(address_fields or [])
                fields = same_columns(opened, layer, fields)  # ticked by garbled names: the same columns
                xf, yf, cf = (same_columns(opened, layer, [n])[0] if n else n
                              for n in (x_field, y_field, country_field))
                fields, xf, yf, cf = guess_index_fields(layer, fields, xf, yf, cf)
                yield from layer_index_rows(layer, fields, xf, yf, cf, feedback=feedback)

    result = build_index_from_rows(rows(), output, ";".join(str(s) if isinstance(s, str) else s.source()
                                                            for s in sources), country, feedback)
    result["elapsed_s"] = round(time.monotonic() - started, 3)
    return result


def build_index_from_rows(rows, output, source_name="", country=None, feedback=None):
    """Write index ``rows`` (dicts from ``core.geocode.sources``: ``text``, ``lon``, ``lat``, ``kind``...) to
    the index file ``output``, written beside it and put in place when complete: a failure, cancel or kill
    leaves an existing index untouched. Returns ``{"path", "rows", "elapsed_s"}``."""
    feedback = ensure_feedback(feedback)
    started = time.monotonic()
    n = 0
    with outputs.atomic_output(output, tr_noop("address index")) as tmp:
        writer = IndexWriter(tmp, source=source_name)
        try:
            for i, row in enumerate(rows):
                if country and not row.get("country"):
                    row["country"] = country
                if writer.add(row):
                    n += 1
                if i % 10000 == 0:
                    check_cancel(feedback)
            if n == 0:
                raise WealthMapError(tr("No usable rows for the index: every row lacks an address or a point."))
            feedback.setProgress(85)
            writer.close()
        except BaseException as err:
            try:
                writer.con.close()
            except Exception:  # noqa: BLE001 - already closed
                pass
            if isinstance(err, sqlite3.Error):  # disk full, the file removed or locked while writing
                raise WealthMapError(tr("Cannot write the address index {0} ({1}). Check the free space and that "
                                        "the folder is writable.").format(output, err)) from None
            raise  # the temporary file goes; an existing index at ``output`` is untouched
    feedback.setProgress(100)
    return {"path": output, "rows": n, "elapsed_s": round(time.monotonic() - started, 3)}


LON_NAMES = ("lon", "lng", "long", "longitude", "x", "경도")
LAT_NAMES = ("lat", "latitude", "y", "위도")
COUNTRY_NAMES = ("country", "country_code", "countrycode", "iso2", "국가")


def guess_index_fields(layer, address_fields=None, x_field=None, y_field=None, country_field=None):
    """``(address_fields, x_field, y_field, country_field)`` with what was not given guessed from the field
    names: the address field and its town/postcode fields, longitude/latitude fields of a table without
    geometry (``lon``/``lat``, ``longitude``/``latitude``, ``x``/``y``), a ``country`` field."""
    from .batch import guess_address_fields, guess_locality_fields

    names = layer.fields().names()
    lower = {n.lower(): n for n in names}
    if not address_fields:
        address_fields = guess_address_fields(layer)
        if address_fields:
            address_fields = address_fields + guess_locality_fields(layer, address_fields)
    if not layer.isSpatial() and not (x_field and y_field):
        x_field = x_field or next((lower[n] for n in LON_NAMES if n in lower), None)
        y_field = y_field or next((lower[n] for n in LAT_NAMES if n in lower), None)
    if country_field is None:
        country_field = next((lower[n] for n in COUNTRY_NAMES if n in lower), None)
    return list(address_fields or []), x_field, y_field, country_field


def geocode_one(text, provider="offline", limit=5, **kwargs):
    """Candidates for one address (no cache): list of dicts ``lon, lat, address, score, match_type``."""
    limit = check.integer(limit, "limit", 1, 50, where="geocode")
    provider = check.choice(provider if provider is not None else "offline", "provider", PROVIDERS, where="geocode")
    prov = make_provider(provider, **kwargs)
    try:
        return search_one(prov, text, limit=limit)
    except HttpError as err:
        raise WealthMapError(tr("Geocoding '{0}' failed: {1}").format(text[:100], prov.redact(err))) from None
    finally:
        if hasattr(prov, "close"):
            prov.close()


def apply_review(layer, fid, lon, lat, address=None, crs=None, cache_path=None, fields=None):
    """Set a reviewed point on feature ``fid`` (lon/lat in EPSG:4326) and remember it in the cache.

    Updates the geometry and ``status`` (matched), ``match_type`` (manual), ``score`` (1),
    ``matched_address``, ``provider`` (manual) in ``layer``'s data source, and stores the point
    as a manual result for the row's cache key, so later runs return it. Returns True.
    """
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsGeometry,
        QgsPointXY,
        QgsProject,
    )

    lon = check.number(lon, "lon", -180.0, 180.0, where="apply_review")
    lat = check.number(lat, "lat", -90.0, 90.0, where="apply_review")
    names = fields or {n: n for n in ("status", "score", "match_type", "matched_address", "provider",
                                      "error", "cache_key")}
    try:
        lon, lat = float(lon), float(lat)
    except (TypeError, ValueError, OverflowError):
        lon = lat = float("nan")
    if not valid_lonlat(lon, lat):
        raise WealthMapError(tr("The reviewed point ({0}, {1}) is not a valid longitude/latitude (EPSG:4326: "
                                "-180..180, -90..90).").format(lon, lat))
    feature = layer.getFeature(fid)
    if not feature.isValid():
        raise WealthMapError(tr("Feature {0} is not in layer {1}.").format(fid, layer.name()))
    geom = QgsGeometry.fromPointXY(QgsPointXY(float(lon), float(lat)))
    target = layer.crs()
    wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
    if target.isValid() and target != wgs84:
        geom.transform(QgsCoordinateTransform(wgs84, target, QgsProject.instance()))
    idx = layer.fields().indexOf
    changes = {idx(names["status"]): "matched", idx(names["match_type"]): "manual", idx(names["score"]): 1.0,
               idx(names["provider"]): "manual", idx(names["error"]): None}
    if address is not None:
        changes[idx(names["matched_address"])] = address
    provider = layer.dataProvider()
    ok = provider.changeGeometryValues({fid: geom}) and provider.changeAttributeValues({fid: changes})
    if not ok:
        raise WealthMapError(tr("Could not save the reviewed point in {0} (is it read-only?).").format(layer.name()))
    layer.triggerRepaint()
    key = feature[names["cache_key"]] if idx(names["cache_key"]) >= 0 else None
    if key:
        cache, _warnings = open_cache(cache_path)  # unwritable: the edit is in the layer, not remembered (logged)
        if cache is None:
            return True
        try:
            cache.put_manual(str(key), address or "", {"lon": float(lon), "lat": float(lat),
                                                         "address": address or "", "score": 1.0,
                                                         "match_type": "manual"})
        finally:
            cache.close()
    return True


def new_feedback():
    return QgsFeedback()
