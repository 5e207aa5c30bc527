"""Loopback STAC API and COG file servers for the STAC tests and bench, and the catalogue they serve.

Run as a process (the fixtures start it with ``subprocess`` and stop it by its PID)::

    python tests/stac_servers.py files --root DIR --port-file F [--log LOG] [--faults FAULTS.json]
    python tests/stac_servers.py stac --items ITEMS.json --files-url URL --port-file F

* ``files``: serves ``DIR`` with ``GET``/``HEAD`` and single HTTP range requests (``206``,
  ``Content-Range``; a multi-range request gets the whole file, ``200``, as many servers do). Each
  request is appended to ``LOG`` as one JSON line (method, path, range, status, bytes sent).
  ``FAULTS.json`` is re-read on every request: ``{"500": [substr], "404": [substr], "503_once":
  [substr], "stall": {substr: seconds}, "truncate": [substr]}``; ``/private/...`` needs HTTP Basic
  ``u``/``p`` (a truncated file is served as
  its first 17000 bytes: the header, not the tiles). Paths under ``/signed/`` need a ``sig=loopback``
  query (else ``403``).
* ``stac``: ``/``, ``/conformance``, ``/collections``, ``/collections/{id}``, ``GET`` and ``POST
  /search`` with ``bbox``, ``intersects`` (by bounding box), ``datetime``, ``collections``,
  ``limit``, ``query`` (``eo:cloud_cover`` ``lt``/``lte``/``gt``/``gte``) and ``next`` paging
  (a ``token``); ``/api/sas/v1/token/{collection}`` answers like Planetary Computer's token endpoint.

:func:`build_catalogue` cuts the bundled Sentinel-2 sample (real L1C pixels, 10 m, EPSG:32633) into
per-band COGs laid out as Earth Search's ``sentinel-2-l2a`` (see ``docs/stac.md``, "Test catalogue").
"""

import argparse
import datetime
import json
import os
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(os.path.dirname(HERE), "sample_data", "sentinel2_berlin.tif")
#: Earth Search asset key, sample band index (1-based), resolution.
ASSETS = [("blue", "B02", 1, 10), ("green", "B03", 2, 10), ("red", "B04", 3, 10), ("nir", "B08", 4, 10),
          ("swir16", "B11", 5, 20), ("swir22", "B12", 6, 20)]
COLLECTION = "sentinel-2-l2a"
#: the zone-32 tile: the sample's pixels georeferenced at this corner of EPSG:32632 (west of 12 E)
ZONE32_ORIGIN = (640000.0, 5800020.0)


# --- servers ---------------------------------------------------------------------------------
class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # else ~40 ms per response

    def log_message(self, *args):
        pass

    def _json(self, obj, status=200):
        body = json.dumps(obj).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/geo+json" if "features" in obj else "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class FileHandler(_Handler):
    root = "."
    log_path = None
    faults_path = None
    lock = threading.Lock()
    seen_once = set()

    def _faults(self):
        if self.faults_path and os.path.exists(self.faults_path):
            try:
                with open(self.faults_path, encoding="utf-8") as handle:
                    return json.load(handle)
            except (OSError, ValueError):
                return {}
        return {}

    def _log(self, status, sent, rng):
        if self.log_path:
            line = json.dumps({"method": self.command, "path": urlparse(self.path).path, "range": rng,
                               "status": status, "bytes": sent, "t": time.time()})
            with self.lock, open(self.log_path, "a", encoding="utf-8") as handle:
                handle.write(line + "\n")

    def _fail(self, status, rng):
        body = b"error"
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self._log(status, 0, rng)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        url = urlparse(self.path)
        path = url.path
        rng = self.headers.get("Range")
        faults = self._faults()
        if path.startswith("/private/"):  # a copy of the tree behind HTTP Basic authentication (user u, password p)
            if self.headers.get("Authorization") != "Basic dTpw":
                return self._fail(401, rng)
            path = path[len("/private"):]
        if path.startswith("/signed/"):  # a copy of the tree that needs a signed URL
            if "sig=loopback" not in (url.query or ""):
                return self._fail(403, rng)
            path = path[len("/signed"):]
        local = os.path.normpath(os.path.join(self.root, path.lstrip("/")))
        if any(s in path for s in faults.get("404", [])) or not local.startswith(os.path.abspath(self.root)) \
                or not os.path.isfile(local):
            return self._fail(404, rng)
        if any(s in path for s in faults.get("500", [])) and rng and not rng.startswith("bytes=0-"):
            return self._fail(500, rng)  # the header reads, tile reads fail
        for s in faults.get("503_once", []):
            key = (s, path, rng)
            if s in path and key not in self.seen_once:
                self.seen_once.add(key)
                return self._fail(503, rng)
        for s, seconds in faults.get("stall", {}).items():
            if s in path and rng and not rng.startswith("bytes=0-"):
                time.sleep(float(seconds))
        with open(local, "rb") as handle:
            data = handle.read()
        if any(s in path for s in faults.get("truncate", [])):
            data = data[:17000]  # cut after the header (and the first bytes of the tiles)
        size = len(data)
        start, end, status = 0, size - 1, 200
        if rng and rng.startswith("bytes=") and "," not in rng:
            a, _, b = rng[6:].partition("-")
            start = int(a) if a else max(0, size - int(b))
            end = min(int(b), size - 1) if (a and b) else size - 1
            if start >= size:
                self.send_response(416)
                self.send_header("Content-Range", "bytes */{}".format(size))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return self._log(416, 0, rng)
            status = 206
        body = data[start:end + 1]
        self.send_response(status)
        self.send_header("Content-Type", "image/tiff")
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Content-Length", str(len(body)))
        if status == 206:
            self.send_header("Content-Range", "bytes {}-{}/{}".format(start, end, size))
        self.end_headers()
        sent = 0 if self.command == "HEAD" else len(body)
        self._log(status, sent, rng)  # before the body: a client that has the answer finds it logged
        if sent:
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass


def _parse_dt(text):
    text = text.replace("Z", "+00:00")
    if len(text) == 10:
        text += "T00:00:00+00:00"
    return datetime.datetime.fromisoformat(text)


def _match(item, bbox, dt, collections, query):
    if collections and item.get("collection") not in collections:
        return False
    if bbox:
        b = item["bbox"]
        if b[0] > bbox[2] or b[2] < bbox[0] or b[1] > bbox[3] or b[3] < bbox[1]:
            return False
    if dt:
        start, _, end = dt.partition("/") if "/" in dt else (dt, "", dt)
        when = _parse_dt(item["properties"]["datetime"])
        if start not in ("", "..") and when < _parse_dt(start):
            return False
        if end not in ("", "..") and when > _parse_dt(end if len(end) > 10 else end + "T23:59:59+00:00"):
            return False
    for prop, ops in (query or {}).items():
        value = item["properties"].get(prop)
        for op, ref in ops.items():
            if value is None or not {"lt": value < ref, "lte": value <= ref, "gt": value > ref,
                                     "gte": value >= ref, "eq": value == ref}.get(op, True):
                return False
    return True


class StacHandler(_Handler):
    items = []
    base = ""

    def _base(self):
        return "http://{}:{}".format(*self.server.server_address[:2])

    def do_GET(self):
        url = urlparse(self.path)
        path = url.path.rstrip("/") or "/"
        base = self._base()
        if path == "/":
            return self._json({"type": "Catalog", "id": "loopback", "stac_version": "1.0.0",
                               "description": "loopback STAC API", "conformsTo": self._conformance(),
                               "links": [{"rel": "self", "href": base + "/"},
                                         {"rel": "conformance", "href": base + "/conformance"},
                                         {"rel": "data", "href": base + "/collections"},
                                         {"rel": "search", "href": base + "/search", "method": "GET"},
                                         {"rel": "search", "href": base + "/search", "method": "POST"}]})
        if path == "/conformance":
            return self._json({"conformsTo": self._conformance()})
        if path == "/collections":
            return self._json({"collections": [self._collection()], "links": []})
        if path == "/collections/" + COLLECTION:
            return self._json(self._collection())
        if path.startswith("/api/sas/v1/token/"):
            expiry = (datetime.datetime.utcnow() + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
            return self._json({"msft:expiry": expiry, "token": "st=now&se=later&sig=loopback"})
        if path == "/search":
            q = {k: v[0] for k, v in parse_qs(url.query).items()}
            body = {"bbox": [float(v) for v in q["bbox"].split(",")] if "bbox" in q else None,
                    "datetime": q.get("datetime"), "limit": int(q.get("limit", 10)), "token": q.get("token"),
                    "collections": q["collections"].split(",") if "collections" in q else None,
                    "query": json.loads(q["query"]) if "query" in q else None}
            return self._search(body, "GET")
        return self._json({"code": "NotFound", "description": path}, 404)

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
        except ValueError:
            return self._json({"code": "BadRequest"}, 400)
        if urlparse(self.path).path.rstrip("/") != "/search":
            return self._json({"code": "NotFound"}, 404)
        return self._search(body, "POST")

    def _conformance(self):
        return ["https://api.stacspec.org/v1.0.0/core", "https://api.stacspec.org/v1.0.0/item-search",
                "https://api.stacspec.org/v1.0.0/item-search#query"]

    def _collection(self):
        return {"type": "Collection", "id": COLLECTION, "stac_version": "1.0.0", "license": "proprietary",
                "description": "Sentinel-2 L2A (loopback copy)", "links": [],
                "extent": {"spatial": {"bbox": [[-180, -90, 180, 90]]},
                           "temporal": {"interval": [["2015-06-27T10:25:31Z", None]]}}}

    def _search(self, body, method):
        bbox = body.get("bbox")
        if not bbox and body.get("intersects"):
            coords = np.array(_flatten(body["intersects"]["coordinates"]), dtype=float).reshape(-1, 2)
            bbox = [coords[:, 0].min(), coords[:, 1].min(), coords[:, 0].max(), coords[:, 1].max()]
        found = [it for it in self.items if _match(it, bbox, body.get("datetime"), body.get("collections"),
                                                   body.get("query"))]
        limit = int(body.get("limit") or 10)
        start = int(str(body.get("token") or "next:0").split(":")[1])
        page = found[start:start + limit]
        base = self._base()
        files = self.server.files_url
        feats = [json.loads(json.dumps(it).replace("{files}", files)) for it in page]
        links = [{"rel": "self", "href": base + "/search"}]
        if start + limit < len(found):
            token = "next:{}".format(start + limit)
            if method == "POST":
                links.append({"rel": "next", "href": base + "/search", "method": "POST",
                              "body": dict(body, token=token), "merge": False})
            else:
                links.append({"rel": "next", "href": base + "/search?" + "&".join(
                    "{}={}".format(k, v) for k, v in dict(self._query_of(body), token=token).items())})
        return self._json({"type": "FeatureCollection", "features": feats, "links": links,
                           "numberMatched": len(found), "numberReturned": len(feats),
                           "context": {"limit": limit, "matched": len(found), "returned": len(feats)}})

    @staticmethod
    def _query_of(body):
        out = {}
        if body.get("bbox"):
            out["bbox"] = ",".join(repr(float(v)) for v in body["bbox"])
        for key in ("datetime", "limit"):
            if body.get(key):
                out[key] = body[key]
        if body.get("collections"):
            out["collections"] = ",".join(body["collections"])
        return out


def _flatten(coords):
    if coords and isinstance(coords[0], (int, float)):
        return [coords[:2]]
    out = []
    for c in coords:
        out.extend(_flatten(c))
    return out


def serve(args):
    if args.mode == "files":
        FileHandler.root = os.path.abspath(args.root)
        FileHandler.log_path = args.log
        FileHandler.faults_path = args.faults
        handler = FileHandler
    else:
        with open(args.items, encoding="utf-8") as handle:
            StacHandler.items = json.load(handle)
        handler = StacHandler
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    server.files_url = args.files_url or ""
    tmp = args.port_file + ".part"
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(str(server.server_address[1]))
    os.replace(tmp, args.port_file)
    server.serve_forever()


class Servers:
    """Both servers as child processes: ``start()`` then ``stop()`` (by their PIDs)."""

    def __init__(self, catalogue):
        self.cat = catalogue
        self.procs = []
        self.log = os.path.join(catalogue, "requests.log")
        self.faults = os.path.join(catalogue, "faults.json")

    def _spawn(self, *args):
        import subprocess

        port_file = os.path.join(self.cat, "port_{}_{}".format(args[0], len(self.procs)))
        if os.path.exists(port_file):
            os.remove(port_file)
        proc = subprocess.Popen([sys.executable, os.path.abspath(__file__)] + list(args) + ["--port-file", port_file])
        self.procs.append(proc)
        for _ in range(200):
            if os.path.exists(port_file):
                with open(port_file, encoding="utf-8") as handle:
                    return "http://127.0.0.1:" + handle.read().strip()
            if proc.poll() is not None:
                raise RuntimeError("server exited")
            time.sleep(0.05)
        raise RuntimeError("server did not start")

    def start(self):
        self.files_url = self._spawn("files", "--root", os.path.join(self.cat, "files"), "--log", self.log,
                                     "--faults", self.faults)
        self.stac_url = self._spawn("stac", "--items", os.path.join(self.cat, "items.json"),
                                    "--files-url", self.files_url)
        return self

    def stop(self):
        import signal

        for proc in self.procs:
            try:
                os.kill(proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            proc.wait(10)
        self.procs = []

    def set_faults(self, faults=None):
        with open(self.faults + ".part", "w", encoding="utf-8") as handle:
            json.dump(faults or {}, handle)
        os.replace(self.faults + ".part", self.faults)

    def requests(self):
        """The logged requests (dicts) so far."""
        if not os.path.exists(self.log):
            return []
        with open(self.log, encoding="utf-8") as handle:
            return [json.loads(line) for line in handle if line.strip()]

    def clear_log(self):
        if os.path.exists(self.log):
            os.remove(self.log)


# --- the catalogue -----------------------------------------------------------------------------
#: The items: (tile, date, brightness factor, processing baseline, patches [(scl class, row0, row1, col0, col1)]).
DATES = [
    ("33UUU", "2023-06-05", 1.00, "05.09", []),
    ("33UUU", "2023-06-15", 1.04, "05.09", [(9, 100, 300, 200, 500), (3, 400, 460, 900, 1000)]),
    ("33UUU", "2023-06-25", 0.96, "04.00", [(10, 500, 600, 100, 300), (8, 60, 160, 1200, 1400)]),
    ("33UUU", "2023-07-05", 1.02, "02.14", [(11, 300, 380, 600, 720)]),
    ("32UPD", "2023-06-10", 0.98, "05.09", []),
    ("32UPD", "2023-06-20", 1.03, "05.09", [(9, 200, 400, 300, 700)]),
]


def synth_scl(dn):
    """The synthetic scene classification of L1C digital numbers ``(6, H, W)`` (B02..B12): 6 water where
    NDWI > 0.1, 4 vegetation where NDVI > 0.35, else 5 not vegetated; 0 where there is no data."""
    b03, b04, b08 = (dn[i].astype(np.float64) for i in (1, 2, 3))
    with np.errstate(invalid="ignore", divide="ignore"):
        ndvi = (b08 - b04) / (b08 + b04)
        ndwi = (b03 - b08) / (b03 + b08)
    scl = np.full(dn.shape[1:], 5, dtype=np.uint8)
    scl[ndvi > 0.35] = 4
    scl[ndwi > 0.1] = 6
    scl[dn.min(axis=0) == 0] = 0
    return scl


def item_arrays(dn, factor, baseline, patches):
    """``(bands (6, H, W) uint16 as stored, scl (H, W))`` of one date: the sample times ``factor``, +1000 from
    processing baseline 04.00, patches painted (clouds bright, shadows dark)."""
    data = np.clip(np.round(dn.astype(np.float64) * factor), 1, 50000)
    scl = synth_scl(dn)
    for cls, r0, r1, c0, c1 in patches:
        scl[r0:r1, c0:c1] = cls
        if cls in (8, 9, 11):
            data[:, r0:r1, c0:c1] = 7000 + 500 * (cls - 8)
        elif cls == 10:
            data[:, r0:r1, c0:c1] += 1500
        elif cls == 3:
            data[:, r0:r1, c0:c1] *= 0.4
    if float(baseline) >= 4.0:
        data += 1000
    data[:, dn.min(axis=0) == 0] = 0
    return data.astype(np.uint16), scl


def build_catalogue(folder, dates=DATES, block=256):
    """Write ``folder/files/...`` (per-band COGs) and ``folder/items.json``; returns ``folder``. Also writes
    ``folder/truth.npz`` with every item's stored 10 m arrays (for the tests' numpy reference)."""
    from osgeo import gdal, osr

    gdal.UseExceptions()
    if os.path.exists(os.path.join(folder, "items.json")):
        return folder
    src = gdal.Open(SAMPLE)
    dn = src.ReadAsArray()
    gt = src.GetGeoTransform()
    h, w = dn.shape[1:]
    items, truth = [], {}
    for tile, date, factor, baseline, patches in dates:
        epsg = 32600 + int(tile[:2])
        x0, y0 = (gt[0], gt[3]) if tile.startswith("33") else ZONE32_ORIGIN
        data, scl = item_arrays(dn, factor, baseline, patches)
        sat = "S2A" if date[-1] in "05" else "S2B"
        item_id = "{}_{}_{}_0_L2A".format(sat, tile, date.replace("-", ""))
        rel = "sentinel-s2-l2a-cogs/{}/{}/{}/{}/{}/{}".format(tile[:2], tile[2], tile[3:], date[:4],
                                                           int(date[5:7]), item_id)
        os.makedirs(os.path.join(folder, "files", rel), exist_ok=True)
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(epsg)
        assets = {}
        for key, band, idx, res in ASSETS + [("scl", "SCL", None, 20)]:
            arr = scl if band == "SCL" else data[idx - 1]
            if res == 20:
                if band == "SCL":
                    arr = arr[::2, ::2]
                else:
                    arr = arr.reshape(h // 2, 2, w // 2, 2).astype(np.float64).mean(axis=(1, 3)).round().astype(
                        np.uint16)
            mem = gdal.GetDriverByName("MEM").Create("", arr.shape[1], arr.shape[0], 1,
                                                     gdal.GDT_Byte if band == "SCL" else gdal.GDT_UInt16)
            mem.SetGeoTransform((x0, float(res), 0.0, y0, 0.0, -float(res)))
            mem.SetProjection(srs.ExportToWkt())
            mem.GetRasterBand(1).WriteArray(arr)
            mem.GetRasterBand(1).SetNoDataValue(0)
            name = "{}.tif".format(band)
            gdal.GetDriverByName("COG").CreateCopy(os.path.join(folder, "files", rel, name), mem, options=[
                "COMPRESS=DEFLATE", "BLOCKSIZE={}".format(block), "OVERVIEWS=NONE"])
            raster = {"nodata": 0, "data_type": "uint8" if band == "SCL" else "uint16",
                      "spatial_resolution": res}
            if band != "SCL":
                raster.update({"bits_per_sample": 15, "scale": 0.0001,
                               "offset": -0.1 if float(baseline) >= 4.0 else 0.0})
            assets[key] = {"href": "{files}/" + rel + "/" + name,
                           "type": "image/tiff; application=geotiff; profile=cloud-optimized",
                           "title": "{} - {}m".format(band, res), "roles": ["data"],
                           "gsd": res, "proj:shape": [int(arr.shape[0]), int(arr.shape[1])],
                           "proj:transform": [float(res), 0.0, x0, 0.0, -float(res), y0],
                           "raster:bands": [raster]}
            if band != "SCL":
                assets[key]["eo:bands"] = [{"name": key, "common_name": key}]
        assets["thumbnail"] = {"href": "{files}/" + rel + "/preview.jpg", "type": "image/jpeg",
                               "roles": ["thumbnail"]}
        ct = osr.CoordinateTransformation(srs, _wgs84())
        corners = [ct.TransformPoint(x, y)[:2] for x, y in ((x0, y0), (x0 + 10 * w, y0), (x0 + 10 * w, y0 - 10 * h),
                                                            (x0, y0 - 10 * h))]
        ring = [list(c) for c in corners] + [list(corners[0])]
        xs, ys = [c[0] for c in corners], [c[1] for c in corners]
        valid = scl > 0
        cloud = float(np.isin(scl, (3, 8, 9, 10))[valid].mean() * 100.0)
        items.append({
            "type": "Feature", "stac_version": "1.0.0", "id": item_id, "collection": COLLECTION,
            "stac_extensions": ["https://stac-extensions.github.io/eo/v1.1.0/schema.json",
                                "https://stac-extensions.github.io/projection/v1.1.0/schema.json"],
            "bbox": [min(xs), min(ys), max(xs), max(ys)],
            "geometry": {"type": "Polygon", "coordinates": [ring]},
            "properties": {"datetime": date + "T10:26:05.123000Z", "platform": "sentinel-2" + sat[-1].lower(),
                           "constellation": "sentinel-2", "instruments": ["msi"], "eo:cloud_cover": round(cloud, 4),
                           "proj:epsg": epsg, "mgrs:utm_zone": int(tile[:2]), "mgrs:latitude_band": tile[2],
                           "mgrs:grid_square": tile[3:], "grid:code": "MGRS-" + tile,
                           "s2:processing_baseline": baseline, "s2:product_type": "S2MSI2A",
                           "earthsearch:boa_offset_applied": False},
            "assets": assets,
            "links": [{"rel": "collection", "href": "{files}/collections/" + COLLECTION}],
        })
        truth[item_id + "__bands"] = data
        truth[item_id + "__scl"] = scl
    np.savez_compressed(os.path.join(folder, "truth.npz"), **truth)
    with open(os.path.join(folder, "items.json"), "w", encoding="utf-8") as handle:
        json.dump(items, handle)
    return folder


def _wgs84():
    from osgeo import osr

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["files", "stac"])
    parser.add_argument("--root")
    parser.add_argument("--log")
    parser.add_argument("--faults")
    parser.add_argument("--items")
    parser.add_argument("--files-url")
    parser.add_argument("--port-file", required=True)
    serve(parser.parse_args())
