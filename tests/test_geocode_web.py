"""Web providers against loopback HTTP servers that answer in each service's documented format
(Google, Kakao Local, VWorld, Photon, Pelias, Nominatim) and inject faults: timeouts, 429 with
Retry-After, 5xx, malformed JSON, connection resets, slow replies, bad keys, quotas."""

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest

from wealthmap.core.errors import WealthMapError

KEY = "sk-TEST-SECRET-0123456789abcdef"

VADUZ = (9.5213219, 47.1395941)


def documented_answer(path, query, headers):
    """A minimal but documented-format answer for each provider."""
    q = (query.get("q") or query.get("text") or query.get("address") or query.get("query") or query.get("street")
         or [""])[0]
    if "nowhere" in q.lower():
        empty = {"/search": [], "/api": {"type": "FeatureCollection", "features": []},
                 "/v1/search": {"type": "FeatureCollection", "features": []},
                 "/maps/api/geocode/json": {"status": "ZERO_RESULTS", "results": []},
                 "/v2/local/search/address.json": {"meta": {"total_count": 0}, "documents": []},
                 "/req/address": {"response": {"status": "NOT_FOUND"}}}
        return 200, empty[path]
    if path == "/search":
        return 200, [{"lat": str(VADUZ[1]), "lon": str(VADUZ[0]), "place_rank": 30,
                      "display_name": "30, Äulestrasse, Vaduz, 9490, Liechtenstein"}]
    if path == "/api":
        return 200, {"type": "FeatureCollection", "features": [
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": list(VADUZ)},
             "properties": {"street": "Äulestrasse", "housenumber": "30", "postcode": "9490", "city": "Vaduz",
                            "country": "Liechtenstein", "countrycode": "LI", "type": "house"}}]}
    if path == "/v1/search":
        if query.get("api_key", [""])[0] != KEY:
            return 401, {"error": "invalid api_key"}
        return 200, {"type": "FeatureCollection", "features": [
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": list(VADUZ)},
             "properties": {"label": "Äulestrasse 30, Vaduz, Liechtenstein", "confidence": 1.0,
                            "match_type": "exact", "layer": "address"}}]}
    if path == "/maps/api/geocode/json":
        if query.get("key", [""])[0] != KEY:
            return 200, {"status": "REQUEST_DENIED", "error_message": "The provided API key is invalid.",
                         "results": []}
        return 200, {"status": "OK", "results": [
            {"formatted_address": "Äulestrasse 30, 9490 Vaduz, Liechtenstein", "partial_match": False,
             "geometry": {"location": {"lat": VADUZ[1], "lng": VADUZ[0]}, "location_type": "ROOFTOP"}}]}
    if path == "/v2/local/search/address.json":
        if headers.get("Authorization") != "KakaoAK " + KEY:
            return 401, {"errorType": "AccessDeniedError", "message": "cannot find appkey"}
        return 200, {"meta": {"total_count": 2, "pageable_count": 2, "is_end": True}, "documents": [
            {"address_name": "경기 가온시 가온로 34", "address_type": "ROAD_ADDR", "x": "127.003", "y": "37.3001",
             "address": {"address_name": "경기 가온시 가온동 1"},
             "road_address": {"address_name": "경기 가온시 가온로 34"}},
            {"address_name": "경기 가온시 가온로", "address_type": "ROAD", "x": "127.0", "y": "37.3",
             "address": None, "road_address": None}]}
    if path == "/req/address":
        if query.get("key", [""])[0] != KEY:
            return 200, {"response": {"status": "ERROR", "error": {"level": "1", "code": "INVALID_KEY",
                                                                    "text": "등록되지 않은 인증키입니다."}}}
        if query.get("type", [""])[0] == "road":
            return 200, {"response": {"status": "NOT_FOUND"}}
        return 200, {"response": {"service": {"name": "address"}, "status": "OK",
                                  "refined": {"text": "경기도 가온시 가온동 1"},
                                  "result": {"crs": "EPSG:4326", "point": {"x": "127.003", "y": "37.3001"}}}}
    return 404, {"error": "unknown path"}


class FakeService:
    """A loopback HTTP server; ``plan`` holds fault actions for the next requests."""

    def __init__(self):
        self.plan = []
        self.log = []  # (time, path, query, headers)
        self.lock = threading.Lock()
        service = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):  # noqa: N802 - http.server API
                url = urlparse(self.path)
                query = parse_qs(url.query)
                with service.lock:
                    service.log.append((time.monotonic(), url.path, query, dict(self.headers), self.path))
                    action = service.plan.pop(0) if service.plan else ("ok",)
                kind = action[0]
                if kind == "reset":
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                    self.connection.close()
                    self.close_connection = True
                    return
                if kind == "sleep":
                    time.sleep(action[1])
                    kind = "ok"
                if kind == "status":
                    body = action[3] if len(action) > 3 else b"{}"
                    self.send_response(action[1])
                    for k, v in (action[2] or {}).items():
                        self.send_header(k, v)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                if kind == "trickle":  # a valid answer, one byte at a time
                    status, payload = documented_answer(url.path, query, self.headers)
                    body = json.dumps(payload).encode("utf-8")
                    self.send_response(status)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    try:
                        for b in body:
                            self.wfile.write(bytes([b]))
                            self.wfile.flush()
                            time.sleep(action[1])
                    except OSError:
                        pass
                    return
                if kind == "endless":  # a stream that never ends
                    self.send_response(200)
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    try:
                        while True:
                            chunk = b" " * 65536
                            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    except OSError:
                        pass
                    return
                if kind == "malformed":
                    body = b'{"results": [ {"lat": 47.1,'
                    status = 200
                else:
                    status, payload = documented_answer(url.path, query, self.headers)
                    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = "http://127.0.0.1:{}".format(self.server.server_address[1])
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def service():
    s = FakeService()
    yield s
    s.close()


@pytest.fixture(scope="module")
def authcfg(qgis_app):
    """An API key stored in QGIS's authentication database (Basic method, key as password)."""
    from qgis.core import QgsApplication, QgsAuthMethodConfig

    manager = QgsApplication.authManager()
    manager.init(QgsApplication.pluginPath(), QgsApplication.qgisAuthDatabaseFilePath())
    if not manager.masterPasswordIsSet():
        manager.setMasterPassword("wealthmap-test-master", True)
    cfg = QgsAuthMethodConfig("Basic")
    cfg.setName("geocoding key")
    cfg.setConfig("username", "")
    cfg.setConfig("password", KEY)
    assert manager.storeAuthenticationConfig(cfg)
    assert cfg.id()
    yield cfg.id()
    manager.removeAuthenticationConfig(cfg.id())  # leave the test profile's auth database as it was


def _provider(name, url, authcfg=None, **kw):
    from wealthmap.core.geocode.providers import make_provider

    return make_provider(name, endpoint=url, authcfg=authcfg, **kw)


@pytest.mark.parametrize("name", ["nominatim", "photon", "pelias", "google", "kakao", "vworld"])
def test_documented_formats(name, service, authcfg):
    prov = _provider(name, service.url, authcfg if name in ("pelias", "google", "kakao", "vworld") else None,
                     backoff=0.01)
    text = "가온로 34" if name in ("kakao", "vworld") else "Äulestrasse 30, Vaduz"
    cands = prov.search(text)
    assert cands, name
    best = cands[0]
    if name in ("kakao", "vworld"):
        assert best["lon"] == pytest.approx(127.003) and best["lat"] == pytest.approx(37.3001)
        assert best["match_type"] in ("road_address", "parcel_address")
    else:
        assert (best["lon"], best["lat"]) == pytest.approx(VADUZ)
        assert best["score"] >= 0.9, best
    assert prov.search("Nowhere street 1") == []
    if name == "kakao":
        assert service.log[0][3]["Authorization"] == "KakaoAK " + KEY
    if name == "vworld":  # road first, then parcel
        assert [q["type"][0] for _t, _p, q, _h, _r in service.log[:2]] == ["road", "parcel"]


def test_retry_after_is_honoured(service):
    service.plan = [("status", 429, {"Retry-After": "1"}, b'{"error":"slow down"}')]
    prov = _provider("photon", service.url, backoff=0.01)
    t0 = time.monotonic()
    assert prov.search("Äulestrasse 30 Vaduz")
    elapsed = time.monotonic() - t0
    assert len(service.log) == 2 and elapsed >= 0.95
    assert service.log[1][0] - service.log[0][0] >= 0.95


@pytest.mark.parametrize("fault", [
    ("status", 503, {}, b"busy"), ("status", 500, {}, b"oops"), ("malformed",), ("reset",),
])
def test_transient_faults_are_retried(fault, service):
    service.plan = [fault, fault]
    prov = _provider("nominatim", service.url, backoff=0.01, retries=3)
    cands = prov.search("Äulestrasse 30 Vaduz")
    assert cands and len(service.log) == 3


def test_timeout_becomes_row_error_then_resumes(service, tmp_path, qgis_app):
    from wealthmap.core.geocode.api import geocode

    src = tmp_path / "a.csv"
    src.write_text("address\nÄulestrasse 30 Vaduz\nNowhere 1\n", encoding="utf-8")
    cache = str(tmp_path / "c.sqlite")
    service.plan = [("sleep", 1.0)] * 4
    res = geocode(str(src), provider="photon", endpoint=service.url, cache_path=cache, timeout=0.3, retries=1,
                  workers=1)
    rows = list(res["layer"].getFeatures())
    errors = [r for r in rows if r["status"] == "error"]
    assert errors and all("timeout" in r["error"] for r in errors), [r["error"] for r in rows]
    assert len(rows) == 2
    # the server recovers: the rerun requests only the failed rows (errors are not cached)
    service.plan = []
    n_before = len(service.log)
    again = geocode(str(src), provider="photon", endpoint=service.url, cache_path=cache, timeout=2)
    assert again["counts"]["error"] == 0 and again["counts"]["matched"] == 1
    assert len(service.log) - n_before == len(errors)


def test_bad_key_stops_with_clear_message_and_no_key_in_it(service, tmp_path, authcfg, request, qgis_app):
    from qgis.core import QgsApplication, QgsAuthMethodConfig

    from wealthmap.core.geocode.api import geocode

    cfg = QgsAuthMethodConfig("Basic")
    cfg.setName("wrong key")
    cfg.setConfig("password", "WRONG-KEY-777")
    assert QgsApplication.authManager().storeAuthenticationConfig(cfg)
    request.addfinalizer(lambda: QgsApplication.authManager().removeAuthenticationConfig(cfg.id()))
    src = tmp_path / "a.csv"
    src.write_text("address\n" + "\n".join("가온로 {}".format(i) for i in range(40)) + "\n", encoding="utf-8")
    with pytest.raises(WealthMapError) as err:
        geocode(str(src), provider="kakao", endpoint=service.url, authcfg=cfg.id(), cache_path=str(tmp_path / "c"))
    assert "API key" in str(err.value) and "WRONG-KEY-777" not in str(err.value)
    assert len(service.log) <= 16  # the batch stops at the first refusal (only requests in flight finish)
    with pytest.raises(WealthMapError, match="VWorld refused the request: INVALID_KEY"):
        geocode(str(src), provider="vworld", endpoint=service.url, authcfg=cfg.id(), cache_path=str(tmp_path / "c"))
    with pytest.raises(WealthMapError, match="needs an API key"):
        geocode(str(src), provider="google", endpoint=service.url)
    with pytest.raises(WealthMapError, match="was not found"):
        geocode(str(src), provider="google", endpoint=service.url, authcfg="nope123")


def test_quota_exceeded_keeps_done_rows_and_resumes(service, tmp_path, authcfg, qgis_app):
    from wealthmap.core.geocode.api import geocode

    src = tmp_path / "a.csv"
    src.write_text("address\n" + "\n".join("Äulestrasse {} Vaduz".format(i) for i in range(1, 7)) + "\n",
                   encoding="utf-8")
    cache = str(tmp_path / "c.sqlite")
    service.plan = [("ok",), ("ok",)] + [("status", 429, {"Retry-After": "0"}, b"{}")] * 3
    with pytest.raises(WealthMapError, match="quota") as err:
        geocode(str(src), provider="google", endpoint=service.url, authcfg=authcfg, cache_path=cache, retries=2,
                workers=1)
    assert "2 addresses geocoded so far are cached" in str(err.value) and KEY not in str(err.value)
    service.plan = []
    res = geocode(str(src), provider="google", endpoint=service.url, authcfg=authcfg, cache_path=cache)
    assert res["stats"]["cached"] == 2 and res["stats"]["requested"] == 4 and res["counts"]["error"] == 0


def test_keys_never_stored(service, tmp_path, authcfg, qgis_app):
    from qgis.core import QgsApplication, QgsSettings

    from wealthmap.core.geocode.api import geocode

    messages = []
    QgsApplication.messageLog().messageReceived.connect(lambda msg, tag, level: messages.append(msg))
    src = tmp_path / "a.csv"
    src.write_text("address\nÄulestrasse 30 Vaduz\n", encoding="utf-8")
    out = str(tmp_path / "o.gpkg")
    cache = str(tmp_path / "c.sqlite")
    res = geocode(str(src), provider="google", endpoint=service.url, authcfg=authcfg, output=out, cache_path=cache,
                  unmatched_csv=str(tmp_path / "u.csv"))
    assert res["counts"]["matched"] == 1
    assert service.log[0][2]["key"] == [KEY]  # it was used...
    for path in (out, cache, str(tmp_path / "u.csv")):  # ...and stored nowhere
        with open(path, "rb") as handle:
            assert KEY.encode() not in handle.read(), path
    settings = QgsSettings()
    assert all(KEY not in str(settings.value(k)) for k in settings.allKeys())
    assert all(KEY not in m for m in messages)
    with pytest.raises(WealthMapError, match="https"):
        _provider("google", "http://maps.example.com", authcfg)


def test_throttle_holds(service, qgis_app):
    from wealthmap.core.geocode.batch import run_batch
    from wealthmap.core.geocode.providers import PUBLIC_RATES

    prov = _provider("nominatim", service.url, rate=5.0, workers=4)
    texts = ["Äulestrasse {} Vaduz".format(i) for i in range(8)]
    run_batch(texts, prov, None, {})
    times = sorted(t for t, *_rest in service.log)
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert len(times) == 8 and min(gaps) >= 0.18, gaps  # 5 requests/s, even with 4 workers
    # public endpoints: one worker and their policy's rate; self-hosted ones: parallel, unthrottled
    public = _provider("nominatim", None)
    assert public.workers == 1 and public.rate == PUBLIC_RATES["nominatim"] == 1.0
    local = _provider("nominatim", service.url)
    assert local.workers > 1 and local.rate == 0.0


def test_public_nominatim_refuses_bulk(tmp_path, qgis_app):
    from wealthmap.core.geocode.api import geocode

    src = tmp_path / "bulk.csv"
    src.write_text("address\n" + "\n".join("Street {} Town".format(i) for i in range(1200)) + "\n", encoding="utf-8")
    with pytest.raises(WealthMapError, match="usage policy forbids bulk"):
        geocode(str(src), provider="nominatim", cache_path=str(tmp_path / "c.sqlite"))
    from wealthmap.core.geocode.providers import make_provider

    assert "about 2 minutes" in make_provider("nominatim").check_bulk(120)  # allowed, with a warning
    assert make_provider("nominatim", endpoint="http://127.0.0.1:9").check_bulk(5000) is None  # self-hosted


def test_vworld_daily_cap(service, tmp_path, authcfg, qgis_app):
    from wealthmap.core.geocode.batch import run_batch
    from wealthmap.core.geocode.cache import GeocodeCache

    prov = _provider("vworld", service.url, authcfg)
    prov.daily_cap = 7
    cache = GeocodeCache(str(tmp_path / "c.sqlite"))
    per_text, stats = run_batch(["가온로 {}".format(i) for i in range(8)], prov, cache, {})
    # the cap counts requests, and an address may take two (road, then parcel: these do): an address starts
    # only while two more requests fit, so a cap of 7 allows 3 addresses; every request is counted
    assert sum("candidates" in p for p in per_text) == 3
    assert all("daily request cap" in p["error"] for p in per_text if "error" in p)
    assert cache.usage_today("vworld") == stats["requested"] == 6


def test_qgis_proxy_settings_are_used(service, qgis_app):
    """A non-local endpoint goes through the proxy configured in QGIS (here a loopback fake)."""
    from qgis.core import QgsSettings

    s = QgsSettings()
    port = service.url.rsplit(":", 1)[1]
    s.setValue("proxy/proxyEnabled", True)
    s.setValue("proxy/proxyType", "HttpProxy")
    s.setValue("proxy/proxyHost", "127.0.0.1")
    s.setValue("proxy/proxyPort", port)
    try:
        prov = _provider("photon", "http://photon.geocoder.invalid", backoff=0.01)
        assert prov.search("Äulestrasse 30 Vaduz")
        assert service.log[0][4].startswith("http://photon.geocoder.invalid/api?")  # absolute URI: a proxy request
    finally:
        for key in ("proxyEnabled", "proxyType", "proxyHost", "proxyPort"):
            s.remove("proxy/" + key)


def test_unreachable_endpoint_gives_row_errors(tmp_path, qgis_app):
    from wealthmap.core.geocode.api import geocode

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    src = tmp_path / "a.csv"
    src.write_text("address\nÄulestrasse 30 Vaduz\n", encoding="utf-8")
    res = geocode(str(src), provider="photon", endpoint="http://127.0.0.1:{}".format(port), retries=1,
                  cache_path=str(tmp_path / "c.sqlite"))
    row = next(res["layer"].getFeatures())
    assert row["status"] == "error" and "connection failed" in row["error"] and not row.hasGeometry()


def test_slow_and_endless_answers_are_cut_off(service):
    """The timeout bounds the whole request (requests' own only bounds each socket read: an answer sent a byte
    at a time took 36 s with a 2 s timeout) and an answer that never ends is cut off at 8 MB."""
    from wealthmap.core.geocode.http import HttpError

    prov = _provider("photon", service.url, timeout=1.0, retries=0)
    service.plan = [("trickle", 0.2)]
    started = time.monotonic()
    with pytest.raises(HttpError, match="no complete answer within 1 s"):
        prov.search("Äulestrasse 30 Vaduz")
    assert time.monotonic() - started < 3.0
    service.plan = [("endless",)]
    started = time.monotonic()
    with pytest.raises(HttpError, match="larger than 8 MB"):
        prov.search("Äulestrasse 30 Vaduz")
    assert time.monotonic() - started < 10.0
    assert prov.search("Äulestrasse 30 Vaduz")  # the next request is served as usual


def test_malformed_items_fail_their_row_and_a_dead_service_stops_the_batch(service, tmp_path, qgis_app):
    """An answer item of another shape than documented fails its row, not the batch (a Photon feature with
    null coordinates raised TypeError and stopped everything); a service that fails address after address
    stops the batch with a message instead of being asked every row, with retries, for hours."""
    from wealthmap.core.geocode.batch import MAX_CONSECUTIVE_FAILURES, run_batch
    from wealthmap.core.geocode.cache import GeocodeCache

    bad = json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [None, None]},
         "properties": {"name": "x"}}]}).encode("utf-8")
    service.plan = [("ok",), ("status", 200, {"Content-Type": "application/json"}, bad), ("ok",)]
    prov = _provider("photon", service.url, workers=1, backoff=0.01)
    cache = GeocodeCache(str(tmp_path / "c.sqlite"))
    texts = ["Äulestrasse {} Vaduz".format(i) for i in (1, 2, 3)]
    per_text, stats = run_batch(texts, prov, cache, {})
    assert ["candidates" in p for p in per_text] == [True, False, True]
    assert "coordinates that are not a valid point" in per_text[1]["error"]
    service.plan = [("status", 503, {}, b"down")] * (4 * (MAX_CONSECUTIVE_FAILURES + 5))
    prov = _provider("photon", service.url, workers=1, retries=1, backoff=0.01)
    texts = ["Landstrasse {} Vaduz".format(i) for i in range(MAX_CONSECUTIVE_FAILURES + 15)]
    with pytest.raises(WealthMapError, match="failed for {} addresses in a row".format(MAX_CONSECUTIVE_FAILURES)):
        run_batch(texts, prov, cache, {})
    assert prov.requests_made() == 2 * MAX_CONSECUTIVE_FAILURES  # not every address, with retries


def test_echoed_keys_redirects_and_plain_http_to_other_hosts(service, authcfg, qgis_app):
    """A key a service echoes in its error text is not shown; a keyed request does not follow a redirect to
    another host; a key goes over plain http only to this machine (not to a private network)."""
    from wealthmap.core.geocode.http import HttpError

    denied = json.dumps({"status": "REQUEST_DENIED", "error_message": "API key {} invalid".format(KEY)})
    service.plan = [("status", 200, {"Content-Type": "application/json"}, denied.encode("utf-8"))]
    prov = _provider("google", service.url, authcfg)
    with pytest.raises(HttpError) as err:
        prov.search("Vaduz")
    assert KEY not in str(err.value) and "***" in str(err.value)
    service.plan = [("status", 302, {"Location": "http://elsewhere.invalid/maps/api/geocode/json"}, b"")]
    with pytest.raises(HttpError, match="redirects to elsewhere.invalid; an API key is not sent on"):
        prov.search("Vaduz")
    assert len(service.log) == 2  # nothing retried, nothing followed
    for endpoint in ("http://192.168.1.20:8080", "http://10.0.0.5", "http://geo.local"):
        with pytest.raises(WealthMapError, match="use an https:// endpoint"):
            _provider("google", endpoint, authcfg)


def test_services_get_the_cleaned_query_and_nominatim_a_structured_one(service, authcfg):
    """Care-of names, units, floors and country words never reach a service; Nominatim gets street/city/
    postalcode/country (and the cleaned text as q when the structured search finds nothing)."""
    nominatim = _provider("nominatim", service.url)
    cands = nominatim.search("Herr Kaiser, Äulestrasse 30 / 3. OG, 9490 Vaduz, FL")
    assert cands and cands[0]["score"] >= 0.9  # scored against the cleaned query: the noise costs nothing
    query = service.log[-1][2]
    assert {k: v[0] for k, v in query.items() if k in ("street", "city", "postalcode", "country", "q")} == {
        "street": "30 Äulestrasse", "city": "Vaduz", "postalcode": "9490", "country": "li"}
    nominatim.search("Peter Meier, Äulestrasse 30, Vaduz")  # a name without keyword: the town after the street
    assert service.log[-1][2]["city"] == ["Vaduz"] and service.log[-1][2]["street"] == ["30 Äulestrasse"]
    service.log.clear()
    assert nominatim.search("c/o Meier, Nowhere Strasse 5, Nowhere") == []
    assert [sorted(k for k in q if k in ("street", "city", "q")) for _t, _p, q, _h, _r in service.log] == [
        ["city", "street"], ["q"]]
    assert service.log[1][2]["q"] == ["Nowhere Strasse 5, Nowhere"]
    service.log.clear()
    for name, text, param, expected in [
            ("photon", "Postfach 12, Äulestrasse 30, Vaduz", "q", "Äulestrasse 30, Vaduz"),
            ("pelias", "Äulestrasse 30 (Hintereingang), Vaduz", "text", "Äulestrasse 30, Vaduz"),
            ("google", "z.H. Frau Beck, Äulestrasse 30, Top 5, Vaduz", "address", "Äulestrasse 30, Vaduz"),
            ("kakao", "홍길동 귀하, 가온시 가온로 34, 101동 202호", "query", "가온시 가온로 34"),
            ("vworld", "대한민국 가온시 가온로 34 가온아파트 3층", "address", "가온시 가온로 34")]:
        prov = _provider(name, service.url, authcfg if name != "photon" else None, backoff=0.01)
        assert prov.search(text), name
        assert service.log[-1][2][param] == [expected], name
        service.log.clear()
    vworld = _provider("vworld", service.url, authcfg, backoff=0.01)
    assert vworld.search("가온동 12-3, 3층")  # a 지번 form: the parcel search first
    assert [(q["type"][0], q["address"][0]) for _t, _p, q, _h, _r in service.log] == [("parcel", "가온동 12-3")]
