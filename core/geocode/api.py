"""The geocoding job's core entry points, shared by the dock, the algorithms and ``wealthmap.api``."""

import os
import time

from qgis.core import QgsFeedback, QgsVectorLayer

from .. import log as wm_log
from .. import settings
from ..errors import WealthMapError
from ..i18n import tr
from ..tasks import check_cancel, ensure_feedback
from .batch import build_layer, read_input, run_batch, write_layer, write_unmatched_csv
from .cache import GeocodeCache
from .index import IndexWriter
from .providers import make_provider
from .sources import layer_index_rows, osm_rows

OSM_EXTENSIONS = (".pbf", ".osm", ".o5m")


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
    """Batch geocode a layer or table; returns a dict with ``layer``, ``counts``, ``stats``, ``output``.

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
    data = prepared if prepared is not None else read_input(source, address_fields, expression, encoding, feedback,
                                                            sheet=sheet)
    if not data["rows"]:
        raise WealthMapError(tr("The input {0} has no rows to geocode.").format(data["name"]))
    index_paths = [index] if isinstance(index, str) else list(index or [])
    prov = make_provider(
        provider, endpoint=endpoint, authcfg=authcfg, index_paths=index_paths, use_gazetteer=use_gazetteer,
        timeout=settings.GEOCODE_TIMEOUT.value() if timeout is None else timeout,
        retries=settings.GEOCODE_RETRIES.value() if retries is None else retries, workers=workers, rate=rate)
    cache = GeocodeCache(cache_path) if use_cache else None
    try:
        if isinstance(countries, str):  # "kr, jp" as the dock and Processing take it, not its letters
            countries = [c.strip() for c in countries.split(",") if c.strip()]
        options = {"countries": list(countries or []), "viewbox": list(viewbox) if viewbox else None, "limit": limit}
        per_text, stats = run_batch(data["texts"], prov, cache, options, feedback, log=_log_to(feedback))
    finally:
        if cache is not None:
            cache.close()
        if hasattr(prov, "close"):
            prov.close()
    check_cancel(feedback)
    layer, counts, names = build_layer(data, per_text, prov.name, min_score, ambiguity_margin, crs,
                                       name=tr("{0} geocoded").format(data["name"]))
    if output:
        layer = write_layer(layer, output)
    n_unmatched = None
    if unmatched_csv:
        n_unmatched = write_unmatched_csv(layer, unmatched_csv, names)
    stats["elapsed_s"] = round(time.monotonic() - started, 3)
    wm_log.info("geocode: {} rows, {} unique, {} cached, {} requests, {}".format(
        len(data["rows"]), stats["unique"], stats["cached"], stats["requested"], counts))
    feedback.setProgress(100)
    return {"layer": layer, "output": output, "counts": counts, "stats": stats, "fields": names,
            "provider": prov.name, "unmatched_csv": unmatched_csv, "n_unmatched": n_unmatched,
            "cache_path": cache.path if cache is not None else None, "encoding": data.get("encoding"),
            "table_notes": list(data.get("notes") or [])}


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
    if not output:
        raise WealthMapError(tr("Give the path of the index file to write (e.g. addresses.sqlite)."))
    sources = [source] + list(append or [])
    writer = IndexWriter(output, source=";".join(str(s) if isinstance(s, str) else s.source() for s in sources))
    rows = 0
    try:
        for src in sources:
            if isinstance(src, str) and src.lower().endswith(OSM_EXTENSIONS):
                it = osm_rows(src, feedback, country=country)
            else:
                from ..tablereader import readable_layer, same_columns
                from .batch import open_source

                opened = src if isinstance(src, QgsVectorLayer) else open_source(src, encoding)
                layer, _info = readable_layer(opened, encoding=encoding, feedback=feedback)  # CSV layers: no row lost
                fields = [address_fields] if isinstance(address_fields, str) else list(address_fields or [])
                fields = same_columns(opened, layer, fields)
                x_field, y_field, country_field = (same_columns(opened, layer, [n])[0] if n else n
                                                   for n in (x_field, y_field, country_field))
                it = layer_index_rows(layer, fields, x_field, y_field, country_field, feedback=feedback)
            for i, row in enumerate(it):
                if country and not row.get("country"):
                    row["country"] = country
                if writer.add(row):
                    rows += 1
                if i % 10000 == 0:
                    check_cancel(feedback)
        if rows == 0:
            raise WealthMapError(tr("No usable rows for the index: every row lacks an address or a point."))
        feedback.setProgress(85)
        writer.close()
    except BaseException:
        try:
            writer.con.close()
        except Exception:  # noqa: BLE001 - already closed
            pass
        if os.path.exists(output):
            os.remove(output)
        raise
    feedback.setProgress(100)
    return {"path": output, "rows": rows, "elapsed_s": round(time.monotonic() - started, 3)}


def geocode_one(text, provider="offline", limit=5, **kwargs):
    """Candidates for one address (no cache): list of dicts ``lon, lat, address, score, match_type``."""
    prov = make_provider(provider, **kwargs)
    try:
        return prov.search(text, limit=limit)
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

    names = fields or {n: n for n in ("status", "score", "match_type", "matched_address", "provider",
                                      "error", "cache_key")}
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
        cache = GeocodeCache(cache_path)
        try:
            cache.put_manual(str(key), address or "", {"lon": float(lon), "lat": float(lat),
                                                         "address": address or "", "score": 1.0,
                                                         "match_type": "manual"})
        finally:
            cache.close()
    return True


def new_feedback():
    return QgsFeedback()
