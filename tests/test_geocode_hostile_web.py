"""Web providers answering hostile bodies from a real loopback HTTP server: NaN, infinite, huge, text,
out-of-range or projected coordinates, missing keys, wrong types, deep nesting, non-JSON and truncated JSON.

The invariant (checked on hypothesis-generated answers, in each provider's format): every input row is in the
output with a status, no ``matched`` row has an invalid point, and nothing but :class:`WealthMapError` leaves
``wealthmap.api.geocode``."""

import math
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wealthmap.core.errors import WealthMapError

KEY = "sk-HOSTILE-TEST-0123456789"
KEYED = ("pelias", "google", "kakao", "vworld")
PROVIDERS = ("nominatim", "photon", "pelias", "google", "kakao", "vworld")
STATUSES = {"matched", "ambiguous", "not_found", "empty", "error"}
ADDRESS = "Äulestrasse 30, Vaduz"


class HostileService:
    """Answers every GET with ``self.body`` (bytes, HTTP 200)."""

    def __init__(self):
        self.body = b"[]"
        self.content_type = "application/json; charset=utf-8"
        self.requests = 0
        self.lock = threading.Lock()
        service = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):  # noqa: N802 - http.server API
                with service.lock:
                    body = service.body
                    service.requests += 1
                self.send_response(200)
                self.send_header("Content-Type", service.content_type)
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


@pytest.fixture(scope="module")
def service():
    s = HostileService()
    yield s
    s.close()


@pytest.fixture(scope="module")
def authcfg(qgis_app):
    from qgis.core import QgsApplication, QgsAuthMethodConfig

    manager = QgsApplication.authManager()
    manager.init(QgsApplication.pluginPath(), QgsApplication.qgisAuthDatabaseFilePath())
    if not manager.masterPasswordIsSet():
        manager.setMasterPassword("wealthmap-test-master", True)
    cfg = QgsAuthMethodConfig("Basic")
    cfg.setName("hostile key")
    cfg.setConfig("username", "")
    cfg.setConfig("password", KEY)
    assert manager.storeAuthenticationConfig(cfg)
    yield cfg.id()
    manager.removeAuthenticationConfig(cfg.id())


@pytest.fixture(scope="module")
def table(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "rows.csv"
    # the address holds a comma: quoted, as CSV needs (the strict table reader refuses the row otherwise)
    path.write_text('id,address\n1,"{}"\n2,Landstrasse 11 Vaduz\n3,\n'.format(ADDRESS), encoding="utf-8")
    return str(path)


def answer(provider, x, y, extra="1.0"):
    """A body in ``provider``'s documented format whose coordinates are the raw JSON texts ``x`` and ``y``."""
    name = '"{}"'.format(ADDRESS)
    if provider == "nominatim":
        return '[{{"lat": {}, "lon": {}, "display_name": {}, "place_rank": 30}}]'.format(y, x, name)
    if provider == "photon":
        return ('{{"type": "FeatureCollection", "features": [{{"type": "Feature", "geometry": {{"type": "Point", '
                '"coordinates": [{}, {}]}}, "properties": {{"name": {}, "type": "house"}}}}]}}').format(x, y, name)
    if provider == "pelias":
        return ('{{"features": [{{"geometry": {{"coordinates": [{}, {}]}}, "properties": {{"label": {}, '
                '"confidence": {}}}}}]}}').format(x, y, name, extra)
    if provider == "google":
        return ('{{"status": "OK", "results": [{{"formatted_address": {}, "geometry": {{"location": '
                '{{"lat": {}, "lng": {}}}, "location_type": "ROOFTOP"}}}}]}}').format(name, y, x)
    if provider == "kakao":
        return '{{"documents": [{{"address_name": {}, "address_type": "ROAD_ADDR", "x": {}, "y": {}}}]}}'.format(
            name, x, y)
    if provider == "vworld":
        return ('{{"response": {{"status": "OK", "refined": {{"text": {}}}, "result": {{"crs": "EPSG:4326", '
                '"point": {{"x": {}, "y": {}}}}}}}}}').format(name, x, y)
    raise AssertionError(provider)


def run(provider, service, table, body, authcfg, workers=1):
    from wealthmap.api import geocode

    service.body = body.encode("utf-8") if isinstance(body, str) else body
    return geocode(table, address_fields=["address"], provider=provider, endpoint=service.url,
                   authcfg=authcfg if provider in KEYED else None, use_cache=False, retries=0, workers=workers,
                   timeout=5)


def check_invariant(provider, service, table, body, authcfg, workers=1):
    """Run the batch on ``body``: only WealthMapError may escape; every row has a status; matched rows have
    valid points. Returns the rows (or None when the batch stopped with a WealthMapError)."""
    try:
        result = run(provider, service, table, body, authcfg, workers)
    except WealthMapError:
        return None
    rows = list(result["layer"].getFeatures())
    assert len(rows) == 3
    for row in rows:
        assert row["status"] in STATUSES, row["status"]
        if row["status"] in ("matched", "ambiguous"):
            assert row.hasGeometry()
            point = row.geometry().asPoint()
            assert math.isfinite(point.x()) and math.isfinite(point.y())
            assert -180 <= point.x() <= 180 and -90 <= point.y() <= 90, (point.x(), point.y())
            assert 0.0 <= row["score"] <= 1.0
        if row["status"] == "error":
            assert row["error"]
    assert rows[2]["status"] == "empty"
    return rows


BAD_NUMBERS = ["NaN", "Infinity", "-Infinity", '"nan"', '"inf"', '"-inf"', '"1e999"', "1e999", "-1e999",
               "9" * 400, "9" * 5000, "-" + "1" * 4400 + ".5",
               "999", "-500", "180.0001", '"abc"', "null", "true", "false", "[]", "{}", '""',
               '"  "', "[9.5, 47.1]", '{"x": 9.5}']


@pytest.mark.parametrize("provider", PROVIDERS)
@pytest.mark.parametrize("x,y", [("NaN", "47.14"), ("9.52", "Infinity"), ('"inf"', '"nan"'), ("-500", "999"),
                                 ("9.52", "999"), ("1e999", "47.14"), ("9" * 400, "47.14"), ('"abc"', "47.14")])
def test_invalid_coordinates_fail_the_row(provider, x, y, service, table, authcfg, qgis_app):
    """On main, NaN/inf/out-of-range coordinates came out 'matched' with score 1 and an empty or impossible
    point (and a 400-digit number raised OverflowError through the whole batch)."""
    rows = check_invariant(provider, service, table, answer(provider, x, y), authcfg)
    assert rows is not None
    assert [r["status"] for r in rows[:2]] == ["error", "error"], [(r["status"], r["error"]) for r in rows]
    assert "coordinates" in rows[0]["error"], rows[0]["error"]


@pytest.mark.parametrize("provider", PROVIDERS)
def test_valid_answer_still_matches(provider, service, table, authcfg, qgis_app):
    rows = check_invariant(provider, service, table, answer(provider, "9.5213", "47.1396"), authcfg)
    assert rows[0]["status"] == "matched"
    assert rows[0].geometry().asPoint().x() == pytest.approx(9.5213)


@pytest.mark.parametrize("workers", [1, 4])  # in the batch's thread and in its pool of parallel requests
@pytest.mark.parametrize("provider", PROVIDERS)
def test_deep_nesting_fails_rows_not_the_batch(provider, workers, service, table, authcfg, qgis_app):
    """A JSON answer nested 100,000 deep raised RecursionError out of the batch."""
    rows = check_invariant(provider, service, table, "[" * 100000 + "]" * 100000, authcfg, workers)
    assert rows is not None and rows[0]["status"] == "error" and rows[1]["status"] == "error"


def test_pelias_nan_confidence_is_not_a_match(service, table, authcfg, qgis_app):
    """A NaN confidence made the score NaN, and NaN < min_score is False: the row was 'matched'."""
    rows = check_invariant("pelias", service, table, answer("pelias", "9.52", "47.14", extra="NaN"), authcfg)
    assert rows[0]["status"] == "matched" and 0.0 <= rows[0]["score"] <= 1.0
    rows = check_invariant("pelias", service, table, answer("pelias", "9.52", "47.14", extra="1e308"), authcfg)
    assert 0.0 <= rows[0]["score"] <= 1.0


def test_vworld_projected_answer_is_transformed_or_refused(service, table, authcfg, qgis_app):
    """VWorld may answer in a projected CRS (its `result.crs`): the point is transformed to EPSG:4326 and
    checked; metres read as degrees were an impossible point."""
    body = ('{"response": {"status": "OK", "refined": {"text": "경기도 가온시 가온동 1"}, "result": '
            '{"crs": "EPSG:5179", "point": {"x": "953901.0", "y": "1952032.0"}}}}')
    rows = check_invariant("vworld", service, table, body, authcfg)
    assert rows[0]["status"] in ("matched", "not_found", "ambiguous")
    assert rows[0]["status"] != "error", rows[0]["error"]
    if rows[0].hasGeometry():
        p = rows[0].geometry().asPoint()
        assert 126.9 < p.x() < 127.1 and 37.4 < p.y() < 37.6, (p.x(), p.y())
    body = body.replace("953901.0", "1e30")
    rows = check_invariant("vworld", service, table, body, authcfg)
    assert rows[0]["status"] == "error" and "coordinates" in rows[0]["error"]
    body = body.replace("EPSG:5179", "EPSG:999999")
    rows = check_invariant("vworld", service, table, body, authcfg)
    assert rows[0]["status"] == "error"


coordinate = st.one_of(
    st.sampled_from(BAD_NUMBERS),
    st.floats(allow_nan=True, allow_infinity=True).map(lambda v: repr(v).replace("nan", "NaN").replace(
        "inf", "Infinity")),
    st.floats(min_value=-1000, max_value=1000).map(lambda v: '"{}"'.format(v)),
    st.integers(min_value=-10 ** 30, max_value=10 ** 30).map(str),
)


@st.composite
def hostile_body(draw, provider):
    kind = draw(st.sampled_from(["coordinates", "coordinates", "structure", "truncated", "nesting", "junk"]))
    if kind == "coordinates":
        return answer(provider, draw(coordinate), draw(coordinate))
    if kind == "truncated":
        body = answer(provider, "9.52", "47.14")
        return body[:draw(st.integers(min_value=0, max_value=len(body) - 1))]
    if kind == "nesting":
        depth = draw(st.integers(min_value=500, max_value=200000))
        opener = draw(st.sampled_from(["[", '{"a":', '{"features":[', '{"response":{"result":']))
        return opener * depth
    if kind == "junk":
        return draw(st.one_of(st.text(max_size=60), st.sampled_from(
            ["<html>busy</html>", "null", "42", '"text"', "true", "[null]", "[1, 2]", "{}", '{"features": 5}',
             '{"features": [null, 3, "x", []]}', '{"documents": {"x": 1}}', '{"status": "OK", "results": 5}',
             '{"status": "OK", "results": [{"geometry": []}]}', '{"response": []}', '{"response": {"status": 5}}',
             '[{"lat": [], "lon": {}}]', '[{"lat": "1", "lon": "2", "place_rank": "high"}]', "\ufeff[]",
             '{"response": {"status": "OK", "result": {"point": null}}}'])))
    # structure: the documented keys with values of the wrong type
    value = draw(st.sampled_from(["null", "5", '"x"', "[]", "{}", "[null]", "true", "NaN"]))
    body = answer(provider, "9.52", "47.14")
    for key in ('"geometry": ', '"coordinates": ', '"properties": ', '"location": ', '"documents": ',
                '"result": ', '"point": ', '"features": ', '"results": ', '"display_name": ', '"label": '):
        if key in body and draw(st.booleans()):
            start = body.index(key) + len(key)
            # replace the value up to the next comma or closing brace at the same position (rough, on purpose)
            end = min([i for i in (body.find(",", start), body.find("}", start)) if i != -1] or [len(body)])
            body = body[:start] + value + body[end:]
    return body


@pytest.mark.parametrize("provider", PROVIDERS)
def test_hostile_answers_keep_the_invariant(provider, service, table, authcfg, qgis_app):
    @settings(max_examples=20, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(body=hostile_body(provider))
    def check(body):
        check_invariant(provider, service, table, body, authcfg)

    check()


def test_unknown_charset_is_read_as_utf8(service, table, authcfg, qgis_app):
    """A charset Python does not know raised LookupError out of the batch."""
    service.content_type = "application/json; charset=x-no-such-charset"
    try:
        rows = check_invariant("nominatim", service, table, answer("nominatim", "9.5213", "47.1396"), authcfg)
    finally:
        service.content_type = "application/json; charset=utf-8"
    assert rows[0]["status"] == "matched"


def test_huge_error_text_is_cut(service, table, authcfg, qgis_app):
    """A Nominatim error of 5 MB went whole into every row's error field, a Google refusal of 5 MB whole into
    the message that stops the batch."""
    rows = check_invariant("nominatim", service, table, '{"error": "' + "x" * 5000000 + '"}', authcfg)
    assert rows[0]["status"] == "error" and len(rows[0]["error"]) <= 500
    with pytest.raises(WealthMapError, match="Google refused the request") as err:
        run("google", service, table, '{"status": "REQUEST_DENIED", "error_message": "' + "y" * 5000000 + '"}',
            authcfg)
    assert len(str(err.value)) < 1000
