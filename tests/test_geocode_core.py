"""Geocoding core: normalisation, the offline index (real OSM data), the batch, cache/resume,
output fields, the Processing algorithms, the console API and review edits."""

import csv
import json
import os
import threading

import pytest

from wealthmap.core.errors import CancelledError, WealthMapError
from wealthmap.core.geocode import normalize as nz

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OSM = os.path.join(ROOT, "tests", "data", "osm", "osm_liechtenstein_autauga.osm.pbf")  # ODbL, shipped
KR_OSM = os.path.join(ROOT, "tests", "data", "osm", "synthetic_kr.osm")
needs_osm = pytest.mark.skipif(not os.path.exists(OSM), reason="tests/data/osm/osm_liechtenstein_autauga.osm.pbf "
                                                                "(real OSM test data) is not present")


# --- normalisation ---------------------------------------------------------------------------
def test_normalize_latin_forms():
    assert nz.normalize("Äulestr. 30,  VADUZ") == "aeulestrasse 30 vaduz"
    assert nz.normalize("Aeulestrasse 30 Vaduz") == "aeulestrasse 30 vaduz"
    assert nz.normalize("123 Main St.") == "123 main street"
    assert nz.normalize("Ｍａｉｎ　Ｒｄ") == "main road"  # full-width (NFKC)
    assert nz.normalize("Café Crème") == "cafe creme"


def test_normalize_korean_forms():
    assert nz.normalize("서울특별시 강남구 테헤란로152") == "서울 강남구 테헤란로 152"
    assert nz.normalize("서울시 강남구") == nz.normalize("서울 강남구") == "서울 강남구"
    assert nz.normalize("경기도 수원시 팔달구") == "경기 수원 팔달구"
    assert nz.normalize("가온시 가온로 34번지") == "가온 가온로 34"
    assert nz.normalize("역삼동 12-3") == "역삼동 12-3"
    assert nz.normalize(None) == "" and nz.normalize("  ,;  ") == ""


def test_similarity_and_text_score():
    assert nz.similarity("vaduz", "vaduz") == 1.0
    assert 0.75 <= nz.similarity("vadux", "vaduz") < 1.0
    assert nz.text_score(nz.tokens("Aeulestr 30 Vaduz"), "Äulestrasse 30, 9490 Vaduz, Liechtenstein") == 1.0
    assert nz.text_score(nz.tokens("Aeulestr 31 Vaduz"), "Äulestrasse 30, 9490 Vaduz") < 0.8


# --- offline index -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def osm_index(tmp_path_factory, qgis_app):
    if not os.path.exists(OSM):
        pytest.skip("tests/data/osm/osm_liechtenstein_autauga.osm.pbf (real OSM test data) is not present")
    from wealthmap.core.geocode.api import build_address_index

    path = str(tmp_path_factory.mktemp("idx") / "osm.sqlite")
    result = build_address_index(OSM, path, append=[KR_OSM] if os.path.exists(KR_OSM) else None)
    assert result["rows"] > 5000
    return path


@needs_osm
def test_offline_index_match_rate_on_osm_addresses(osm_index):
    """Typos, reordered parts and abbreviations on 400 real addresses: >= 95% within 100 m."""
    from wealthmap.core.geocode.evaluation import address_set, evaluate
    from wealthmap.core.geocode.providers import OfflineProvider

    cases = address_set(OSM, n=400)
    assert {c["variant"] for c in cases} == {"clean", "typo", "reordered", "abbreviated"}
    provider = OfflineProvider([osm_index])
    answers = []
    for case in cases:
        cands = provider.search(case["text"])
        answers.append((cands[0]["lon"], cands[0]["lat"]) if cands and cands[0]["score"] >= 0.6 else None)
    figures = evaluate(cases, answers)
    assert figures["all"]["match_rate"] >= 0.95, figures
    assert figures["clean"]["match_rate"] >= 0.99, figures
    assert figures["typo"]["match_rate"] >= 0.9, figures
    assert figures["reordered"]["match_rate"] >= 0.97, figures
    assert figures["abbreviated"]["match_rate"] >= 0.93, figures
    assert figures["all"]["median_m"] < 1.0


@needs_osm
def test_offline_search_scores_and_types(osm_index, tmp_path):
    from wealthmap.core.geocode.api import build_address_index
    from wealthmap.core.geocode.index import AddressIndex

    ix = AddressIndex(osm_index)
    best = ix.search("Aeulestrase 30, Vaduz")[0]  # typo + transliteration
    assert best["address"].startswith("Äulestrasse 30") and best["match_type"] == "house"
    assert 0.85 <= best["score"] < 1.0
    exact = ix.search("Äulestrasse 30, 9490 Vaduz")[0]
    assert exact["score"] == 1.0
    street = ix.search("Äulestrasse 9999 Vaduz")[0]  # no such house: the street, lower score
    assert street["match_type"] == "street" and street["score"] < best["score"]
    assert ix.search("qqqq zzzz xxxx") == []
    # country filter: rows built with country="kr" carry it
    kr_path = str(tmp_path / "kr.sqlite")
    build_address_index(KR_OSM, kr_path, country="kr")
    kr_ix = AddressIndex(kr_path)
    kr = kr_ix.search("가온로 34", countries=["kr"])
    assert kr and kr[0]["address"].startswith("가온시청")
    assert kr_ix.search("가온로 34", countries=["de"]) == []
    # viewbox filter
    assert ix.search("Äulestrasse 30 Vaduz", viewbox=(0, 0, 1, 1)) == []


@needs_osm
def test_korean_two_syllable_like_fallback(osm_index):
    from wealthmap.core.geocode.index import AddressIndex

    ix = AddressIndex(osm_index)
    # '나래' is two syllables: trigram FTS cannot match it, the prefix/LIKE fallback does (나래길)
    cands = ix.search("나래 7")
    assert cands and cands[0]["address"].startswith("나래길 7")
    assert ix.search("가온시 가온로 34번지")[0]["address"].startswith("가온시청")


def test_gazetteer_bundled_and_attributed(qgis_app):
    from wealthmap.core.geocode.gazetteer import ATTRIBUTION, gazetteer_path
    from wealthmap.core.geocode.index import AddressIndex

    path = gazetteer_path()
    assert path and os.path.getsize(path) < 8 * 1024 * 1024
    ix = AddressIndex(path)
    assert "GeoNames" in ix.source and "CC BY 4.0" in ATTRIBUTION
    for text in ("서울특별시", "서울시", "서울", "Seoul"):
        best = ix.search(text)[0]
        assert abs(best["lat"] - 37.566) < 0.05 and abs(best["lon"] - 126.978) < 0.05, (text, best)
    assert ix.search("Pariss")[0]["address"] == "Paris, France"
    with open(os.path.join(ROOT, "docs", "geocode.md"), encoding="utf-8") as handle:
        assert "GeoNames" in handle.read()


def test_numbers_alone_match_nothing_but_postcodes(tmp_path, qgis_app):
    """An address none of whose words the index knows is not found: its house number alone used to place
    "가온로 12" in Marseille's 12th district and "가온 나래길 7번지" in Zürich (Kreis 7) as matched."""
    from wealthmap.core.geocode.api import build_address_index
    from wealthmap.core.geocode.gazetteer import gazetteer_path
    from wealthmap.core.geocode.index import AddressIndex

    ix = AddressIndex(gazetteer_path())
    assert ix.search("Zürich")  # the districts are there
    for text in ("가온 나래길 7번지", "가온로 12", "한빛로 3", "새솔길 5-1", "Musterweg 9", "1", "12"):
        assert ix.search(text) == [], (text, ix.search(text))
    assert ix.search("Kreis 7 Zürich")[0]["address"].startswith("Zürich")  # a word matched: found
    # numbers alone find an entry made of them (a table of postcodes), not one that merely contains them
    table = tmp_path / "pc.csv"
    table.write_text("code,x,y\n9490,9.52,47.14\nHaus 9490 Schaan,9.50,47.17\n", encoding="utf-8")
    path = str(tmp_path / "pc.sqlite")
    build_address_index(str(table), path, address_fields=["code"], x_field="x", y_field="y")
    found = AddressIndex(path).search("9490")
    assert [(c["address"], c["lon"]) for c in found] == [("9490", 9.52)], found


def test_index_errors_are_clear(tmp_path, qgis_app):
    from wealthmap.core.geocode.api import build_address_index
    from wealthmap.core.geocode.index import AddressIndex

    with pytest.raises(WealthMapError, match="does not exist"):
        AddressIndex(str(tmp_path / "nope.sqlite"))
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"not a database at all" * 100)
    with pytest.raises(WealthMapError, match="not a WealthMap address index"):
        AddressIndex(str(bad))
    table = tmp_path / "t.csv"
    table.write_text("name,x,y\n,1,2\n,3,4\n", encoding="utf-8")
    with pytest.raises(WealthMapError, match="No usable rows"):
        build_address_index(str(table), str(tmp_path / "o.sqlite"), address_fields=["name"], x_field="x",
                            y_field="y")
    assert not (tmp_path / "o.sqlite").exists()
    with pytest.raises(WealthMapError, match="has no field"):
        build_address_index(str(table), str(tmp_path / "o.sqlite"), address_fields=["addr"], x_field="x",
                            y_field="y")
    # x/y fields are guessed from their names (x, lon, longitude...); other names must be given
    with pytest.raises(WealthMapError, match="No usable rows"):
        build_address_index(str(table), str(tmp_path / "o.sqlite"), address_fields=["name"])
    other = tmp_path / "t2.csv"
    other.write_text("name,east,north\nA,1,2\n", encoding="utf-8")
    with pytest.raises(WealthMapError, match="longitude"):
        build_address_index(str(other), str(tmp_path / "o.sqlite"), address_fields=["name"])


def test_index_from_table_with_xy(tmp_path, qgis_app):
    from wealthmap.core.geocode.api import build_address_index
    from wealthmap.core.geocode.index import AddressIndex

    table = tmp_path / "shops.csv"
    table.write_text("addr,lon,lat\n서울 강남구 테헤란로 152,127.0364,37.5003\n부산 해운대구 우동 1411,129.16,35.17\n",
                     encoding="cp949")
    out = str(tmp_path / "shops.sqlite")
    assert build_address_index(str(table), out, address_fields=["addr"], x_field="lon", y_field="lat",
                               country="kr")["rows"] == 2
    ix = AddressIndex(out)
    best = ix.search("서울특별시 강남 테헤란로 152")[0]  # long form + 2-syllable 강남
    assert abs(best["lon"] - 127.0364) < 1e-6 and best["score"] > 0.8


# --- batch -----------------------------------------------------------------------------------
def _write_cp949(path):
    with open(path, "w", encoding="cp949", newline="") as handle:
        w = csv.writer(handle)
        w.writerow(["id", "주소", "비고"])
        w.writerow([1, "가온로 34", "시청"])
        w.writerow([2, "가온시 나래길 7", "집"])
        w.writerow([3, "", "빈 주소"])
        w.writerow([4, "가온로 34", "중복"])
        w.writerow([5, "qqqq zzzz", "없음"])
        w.writerow([6, "x" * 600, "너무 김"])
    return path


def test_batch_cp949_keeps_rows_and_fields(tmp_path, qgis_app):
    if not os.path.exists(KR_OSM):
        pytest.skip("tests/data/osm/synthetic_kr.osm is not present")
    from wealthmap.core.geocode.api import build_address_index, geocode

    idx = str(tmp_path / "kr.sqlite")
    build_address_index(KR_OSM, idx, country="kr")
    src = _write_cp949(str(tmp_path / "addr.csv"))
    out = str(tmp_path / "out.gpkg")
    unmatched = str(tmp_path / "unmatched.csv")
    result = geocode(src, address_fields=["주소"], index=idx, output=out, unmatched_csv=unmatched,
                     cache_path=str(tmp_path / "cache.sqlite"), crs="EPSG:5179")
    layer = result["layer"]
    assert layer.featureCount() == 6 and layer.crs().authid() == "EPSG:5179"
    names = layer.fields().names()
    for field in ("id", "주소", "비고", "status", "score", "match_type", "n_candidates", "matched_address",
                  "provider", "error"):
        assert field in names
    rows = {f["id"]: f for f in layer.getFeatures()}
    assert rows[1]["status"] == "matched" and rows[1]["matched_address"].startswith("가온시청")
    assert rows[1]["비고"] == "시청" and rows[1]["provider"] == "offline" and rows[1]["match_type"] == "house"
    assert rows[1].hasGeometry() and rows[1].geometry().asPoint().x() > 900000  # EPSG:5179 metres
    assert rows[2]["status"] == "matched"
    assert rows[3]["status"] == "empty" and not rows[3].hasGeometry()
    assert rows[5]["status"] == "not_found" and not rows[5].hasGeometry()
    assert rows[6]["status"] == "error" and "too long" in rows[6]["error"]
    assert result["counts"] == {"matched": 3, "ambiguous": 0, "not_found": 1, "empty": 1, "error": 1}
    assert result["stats"]["unique"] == 3  # rows 1 and 4 are one address
    with open(unmatched, encoding="utf-8-sig") as handle:
        lines = list(csv.DictReader(handle))
    assert sorted(r["status"] for r in lines) == ["empty", "error", "not_found"]
    # a rerun is served by the cache
    again = geocode(src, address_fields=["주소"], index=idx, cache_path=str(tmp_path / "cache.sqlite"))
    assert again["stats"]["cached"] == 3 and again["counts"] == result["counts"]


def test_batch_utf8_bom_expression_and_errors(tmp_path, qgis_app):
    from wealthmap.core.geocode.api import geocode

    src = tmp_path / "bom.csv"
    src.write_text("city,country,pop\nSeoul,South Korea,1\nBerlin,Germany,2\n\n,,3\n", encoding="utf-8-sig")
    result = geocode(str(src), expression="\"city\" || ', ' || \"country\"", use_cache=False)
    rows = {f["pop"]: f for f in result["layer"].getFeatures()}
    assert rows[1]["status"] == "matched" and abs(rows[1].geometry().asPoint().y() - 37.566) < 0.05
    assert rows[2]["matched_address"] == "Berlin, Germany"
    assert rows[3]["status"] == "empty"
    with pytest.raises(WealthMapError, match="No address field"):
        geocode(str(src), use_cache=False)  # no field looks like an address
    with pytest.raises(WealthMapError, match="has no field adres"):
        geocode(str(src), address_fields=["adres"], use_cache=False)
    with pytest.raises(WealthMapError, match="expression is not valid"):
        geocode(str(src), expression="concat(", use_cache=False)
    # countries as text ("kr, de"), as the dock and Processing take them, not split into letters
    for countries in ("kr, de", ["kr", "de"]):
        found = geocode(str(src), address_fields=["city"], countries=countries, use_cache=False)["counts"]
        assert found["matched"] == 2, (countries, found)
    assert geocode(str(src), address_fields=["city"], countries="fr", use_cache=False)["counts"]["matched"] == 0
    # a misspelt field in the expression: said, not every row silently "empty"
    with pytest.raises(WealthMapError, match=r"uses field\(s\) citty that .* Available fields: .*city"):
        geocode(str(src), expression="\"citty\" || ', ' || \"country\"", use_cache=False)
    with pytest.raises(WealthMapError, match="'provider' must be one of"):
        geocode(str(src), address_fields=["city"], provider="bing", use_cache=False)
    with pytest.raises(WealthMapError, match="CRS"):
        geocode(str(src), address_fields=["city"], crs="EPSG:999999", use_cache=False)
    with pytest.raises(WealthMapError, match="Unknown text encoding 'bogus'"):
        geocode(str(src), address_fields=["city"], encoding="bogus", use_cache=False)


class _CountingProvider:
    """Offline provider that counts calls and cancels the feedback after ``cancel_after`` calls."""

    def __init__(self, inner, feedback=None, cancel_after=None):
        self.inner = inner
        self.name = "offline"
        self.endpoint = inner.endpoint
        self.workers = 1
        self.daily_cap = None
        self.calls = 0
        self.feedback = feedback
        self.cancel_after = cancel_after

    def cache_identity(self):
        return self.inner.cache_identity()

    def check_bulk(self, n):
        pass

    def requests_made(self):
        return self.calls

    def search(self, text, **kwargs):
        self.calls += 1
        if self.cancel_after and self.calls >= self.cancel_after:
            self.feedback.cancel()
        return self.inner.search(text, limit=kwargs.get("limit", 5))


def test_rebuilt_index_is_asked_again_not_the_cache(tmp_path, qgis_app):
    """Rebuilding an offline index at the same path gives new answers: the cache is keyed on the index's build
    (it used to return the old index's not-found rows from the cache)."""
    import wealthmap.api as wm

    addresses = tmp_path / "addresses.csv"
    addresses.write_text("id,address\n1,Musterstrasse 1 Vaduz\n2,Beispielweg 7 Vaduz\n", encoding="utf-8")
    reference = tmp_path / "reference.csv"
    index, cache = str(tmp_path / "index.sqlite"), str(tmp_path / "cache.sqlite")

    def run():
        result = wm.geocode(str(addresses), address_fields=["address"], index=index, cache_path=cache,
                            use_gazetteer=False)
        return result["counts"]["matched"], result["stats"]["cached"]

    reference.write_text("address,lon,lat\nMusterstrasse 1 Vaduz,9.52,47.14\n", encoding="utf-8")
    wm.build_address_index(str(reference), index, address_fields=["address"], x_field="lon", y_field="lat")
    assert run() == (1, 0)
    assert run() == (1, 2)  # the same index: from the cache
    reference.write_text("address,lon,lat\nMusterstrasse 1 Vaduz,9.52,47.14\nBeispielweg 7 Vaduz,9.53,47.15\n",
                         encoding="utf-8")
    wm.build_address_index(str(reference), index, address_fields=["address"], x_field="lon", y_field="lat")
    assert run() == (2, 0)


def test_csv_output_keeps_the_points(tmp_path, qgis_app):
    """A CSV output has X and Y columns (empty for rows without a point: OGR wrote 0,0 there) and opens as a
    point layer; it used to lose every coordinate. An unknown extension is refused, not written as a
    GeoPackage under that name."""
    import csv

    import wealthmap.api as wm

    source = os.path.join(ROOT, "sample_data", "addresses_vaduz.csv")
    gpkg = wm.geocode(source, address_fields=["street", "city"], output=str(tmp_path / "out.gpkg"), use_cache=False)
    out = tmp_path / "결과 파일.csv"
    result = wm.geocode(source, address_fields=["street", "city"], output=str(out), use_cache=False)
    with open(out, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    points = {str(f["id"]): f.geometry().asPoint() for f in gpkg["layer"].getFeatures() if f.hasGeometry()}
    assert len(rows) == gpkg["layer"].featureCount() and 0 < len(points) < len(rows)
    for row in rows:
        if row["id"] in points:
            point = points[row["id"]]
            assert (float(row["X"]), float(row["Y"])) == pytest.approx((point.x(), point.y()), abs=1e-6)
        else:
            assert row["X"] == row["Y"] == "" and row["status"] != "matched"
    layer = result["layer"]
    assert layer.isValid() and layer.featureCount() == len(rows)
    assert sum(1 for f in layer.getFeatures() if f.hasGeometry()) == len(points)
    with pytest.raises(WealthMapError, match="choose a file ending in .gpkg"):
        wm.geocode(source, address_fields=["street", "city"], output=str(tmp_path / "out.xlsx"), use_cache=False)


def test_cancel_then_resume_from_cache(tmp_path, qgis_app):
    from qgis.core import QgsFeedback

    from wealthmap.core.geocode.batch import run_batch
    from wealthmap.core.geocode.cache import GeocodeCache
    from wealthmap.core.geocode.providers import OfflineProvider

    texts = ["Seoul", "Busan", "Berlin", "Paris", "Madrid", "Rome", "Vienna", "Prague", "Warsaw", "Lisbon",
             "Berlin"]
    cache = GeocodeCache(str(tmp_path / "c.sqlite"))
    feedback = QgsFeedback()
    prov = _CountingProvider(OfflineProvider(), feedback, cancel_after=4)
    with pytest.raises(CancelledError):
        run_batch(texts, prov, cache, {}, feedback)
    assert cache.count() == 4  # what was done before the cancel is on disk
    prov2 = _CountingProvider(OfflineProvider())
    per_text, stats = run_batch(texts, prov2, cache, {}, QgsFeedback())
    assert stats["cached"] == 4 and prov2.calls == 6  # only the rest; "Berlin" twice is one address
    assert all("candidates" in p for p in per_text)
    prov3 = _CountingProvider(OfflineProvider())
    run_batch(texts, prov3, cache, {}, QgsFeedback())
    assert prov3.calls == 0  # a rerun costs no requests
    # other options -> other cache keys
    prov4 = _CountingProvider(OfflineProvider())
    run_batch(texts[:2], prov4, cache, {"countries": ["kr"]}, QgsFeedback())
    assert prov4.calls == 2


def test_geocode_in_a_task_reports_progress(tmp_path, qgis_app):
    from wealthmap.core.geocode.api import geocode
    from wealthmap.core.tasks import WealthMapTask, run_task_and_wait

    src = tmp_path / "c.csv"
    src.write_text("address\n" + "\n".join(["Seoul", "Tokyo", "Lima", "Oslo"] * 5) + "\n", encoding="utf-8")

    def work(feedback):
        assert threading.current_thread() is not threading.main_thread()
        return geocode(str(src), output=str(tmp_path / "o.gpkg"), cache_path=str(tmp_path / "c.sqlite"),
                       feedback=feedback)

    task = run_task_and_wait(WealthMapTask("geocode", work))
    assert task.error is None
    counts = task.result["counts"]
    assert counts["matched"] + counts["ambiguous"] == 20 and counts["matched"] >= 10
    assert task.progress() == 100


def test_review_edit_updates_layer_and_cache(tmp_path, qgis_app):
    from wealthmap.core.geocode.api import apply_review, geocode

    src = tmp_path / "r.csv"
    src.write_text("address\nNowhere Street 1 Atlantis\nSeoul\n", encoding="utf-8")
    cache = str(tmp_path / "c.sqlite")
    out = str(tmp_path / "o.gpkg")
    result = geocode(str(src), output=out, cache_path=cache)
    layer = result["layer"]
    feat = [f for f in layer.getFeatures() if f["address"].startswith("Nowhere")][0]
    assert feat["status"] == "not_found" and not feat.hasGeometry()
    assert apply_review(layer, feat.id(), 10.5, 20.25, address="picked by hand", cache_path=cache)
    from qgis.core import QgsVectorLayer

    reopened = QgsVectorLayer(out, "o", "ogr")
    edited = [f for f in reopened.getFeatures() if f["address"].startswith("Nowhere")][0]
    assert edited["status"] == "matched" and edited["match_type"] == "manual" and edited["provider"] == "manual"
    assert edited.geometry().asPoint().x() == pytest.approx(10.5)
    # the next run returns the reviewed point from the cache
    again = geocode(str(src), cache_path=cache)
    row = [f for f in again["layer"].getFeatures() if f["address"].startswith("Nowhere")][0]
    assert row["status"] == "matched" and row["match_type"] == "manual"
    assert row.geometry().asPoint().y() == pytest.approx(20.25)


def test_ambiguous_when_two_places_tie(tmp_path, qgis_app):
    from wealthmap.core.geocode.api import geocode

    src = tmp_path / "a.csv"
    src.write_text("address\nMontgomery\n", encoding="utf-8")
    row = next(geocode(str(src), use_cache=False)["layer"].getFeatures())
    assert row["status"] == "ambiguous" and row["n_candidates"] >= 2
    cands = json.loads(row["candidates"])
    assert len(cands) >= 2 and all({"lon", "lat", "address", "score"} <= set(c) for c in cands)


# --- Processing algorithms and console API ---------------------------------------------------------


def test_processing_algorithms(provider, tmp_path):
    from qgis import processing
    from qgis.core import QgsProcessingException, QgsVectorLayer

    if not os.path.exists(KR_OSM):
        pytest.skip("tests/data/osm/synthetic_kr.osm is not present")
    idx = str(tmp_path / "i.sqlite")
    built = processing.run("wealthmap:buildaddressindex", {"OSM": KR_OSM, "COUNTRY": "kr", "OUTPUT": idx})
    assert built["ROWS"] > 5 and os.path.exists(idx)
    src = _write_cp949(str(tmp_path / "addr.csv"))
    out = str(tmp_path / "g.gpkg")
    res = processing.run("wealthmap:geocode", {"INPUT": src, "FIELDS": ["주소"], "INDEX": idx, "OUTPUT": out,
                                               "UNMATCHED": str(tmp_path / "u.csv"), "USE_CACHE": False})
    assert res["MATCHED"] == 3 and res["EMPTY"] == 1 and res["NOT_FOUND"] == 1 and res["ERRORS"] == 1
    layer = QgsVectorLayer(res["OUTPUT"], "g", "ogr")
    assert layer.featureCount() == 6 and os.path.exists(str(tmp_path / "u.csv"))
    with pytest.raises(QgsProcessingException, match="Unknown|endpoint|API key"):
        processing.run("wealthmap:geocode", {"INPUT": src, "FIELDS": ["주소"], "PROVIDER": 4, "OUTPUT": out})
    with pytest.raises(QgsProcessingException, match="output CRS 'EPSG:999999' is not valid"):
        processing.run("wealthmap:geocode", {"INPUT": src, "FIELDS": ["주소"], "CRS": "EPSG:999999", "OUTPUT": out})
    # every value the algorithms return is declared (the modeler and the help list them)
    from qgis.core import QgsApplication

    registry = QgsApplication.processingRegistry()
    for alg_id, returned in (("wealthmap:geocode", res), ("wealthmap:buildaddressindex", built)):
        declared = {o.name() for o in registry.algorithmById(alg_id).outputDefinitions()}
        assert set(returned) <= declared, (alg_id, set(returned) - declared)


def test_console_api(tmp_path, qgis_app):
    import wealthmap.api as wm

    src = tmp_path / "c.csv"
    src.write_text("address\nSeoul\n", encoding="utf-8")
    result = wm.geocode(str(src), address_fields=["address"], use_cache=False)
    assert result["counts"]["matched"] == 1
    assert "Example" in wm.geocode.__doc__ and "Example" in wm.build_address_index.__doc__


def test_qgs_geocoder_interface(qgis_app):
    from qgis.core import QgsGeocoderContext, QgsGeocoderInterface, QgsProject

    from wealthmap.core.geocode.qgs_geocoder import WealthMapGeocoder

    geocoder = WealthMapGeocoder()
    assert isinstance(geocoder, QgsGeocoderInterface)
    results = geocoder.geocodeString("서울특별시", QgsGeocoderContext(QgsProject.instance().transformContext()))
    assert results and results[0].isValid()
    point = results[0].geometry().asPoint()
    assert abs(point.y() - 37.566) < 0.05
    assert results[0].additionalAttributes()["score"] > 0.8


def test_batch_reads_xlsx(tmp_path, qgis_app):
    from osgeo import ogr

    from wealthmap.core.geocode.api import geocode

    path = str(tmp_path / "addr.xlsx")
    ds = ogr.GetDriverByName("XLSX").CreateDataSource(path)
    layer = ds.CreateLayer("addresses", geom_type=ogr.wkbNone)
    layer.CreateField(ogr.FieldDefn("주소", ogr.OFTString))
    for text in ("서울특별시", "Nairobi"):
        feat = ogr.Feature(layer.GetLayerDefn())
        feat.SetField("주소", text)
        layer.CreateFeature(feat)
    ds = None
    res = geocode(path, address_fields=["주소"], use_cache=False)
    assert res["counts"]["matched"] == 2


def _two_sheet_workbook(path):
    """A workbook whose first sheet is a note and whose second holds the addresses (as statistics offices
    publish them)."""
    from osgeo import ogr

    ds = ogr.GetDriverByName("XLSX").CreateDataSource(str(path))
    note = ds.CreateLayer("설명", geom_type=ogr.wkbNone)
    note.CreateField(ogr.FieldDefn("출처", ogr.OFTString))
    feat = ogr.Feature(note.GetLayerDefn())
    feat.SetField("출처", "행정안전부")
    note.CreateFeature(feat)
    data = ds.CreateLayer("주소목록", geom_type=ogr.wkbNone)
    data.CreateField(ogr.FieldDefn("번호", ogr.OFTInteger))
    data.CreateField(ogr.FieldDefn("주소", ogr.OFTString))
    for i, text in enumerate(("서울특별시", "부산광역시"), start=1):
        feat = ogr.Feature(data.GetLayerDefn())
        feat.SetField("번호", i)
        feat.SetField("주소", text)
        data.CreateFeature(feat)
    ds = None
    return str(path)


def test_workbook_sheet_can_be_chosen(tmp_path, qgis_app):
    """A workbook's other sheets can be used (sheet= or book.xlsx|layername=Sheet), and when the first sheet
    lacks the fields the message names the sheets (it said only 'Fields: 출처'; sheet= was a TypeError)."""
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

    import wealthmap.api as wm

    book = _two_sheet_workbook(tmp_path / "두 시트.xlsx")
    with pytest.raises(WealthMapError, match=r"has no field 주소.*several sheets \(설명, 주소목록\); 설명 was read"):
        wm.geocode(book, address_fields=["주소"], use_cache=False)
    for kwargs in ({"source": book, "sheet": "주소목록"}, {"source": book + "|layername=주소목록"}):
        result = wm.geocode(address_fields=["주소"], use_cache=False, **kwargs)
        assert result["counts"]["matched"] == 2, kwargs
    with pytest.raises(WealthMapError, match="has no sheet '없음'. Its sheets: 설명, 주소목록"):
        wm.geocode(book, address_fields=["주소"], sheet="없음", use_cache=False)
    layer = QgsVectorLayer("Polygon?crs=EPSG:5186&field=code:integer", "b", "memory")
    feats = []
    for code in (1, 2):
        feat = QgsFeature(layer.fields())
        feat.setGeometry(QgsGeometry.fromWkt("POLYGON((0 0,1 0,1 1,0 1,0 0))"))
        feat.setAttributes([code])
        feats.append(feat)
    layer.dataProvider().addFeatures(feats)
    with pytest.raises(WealthMapError, match=r"key column '번호' is not in the table.*several sheets"):
        wm.join_table(layer, book, "code", "번호")
    joined = wm.join_table(layer, book, "code", "번호", sheet="주소목록")
    assert sorted(f["주소"] for f in joined.layer.getFeatures()) == ["부산광역시", "서울특별시"]
    joined = wm.join_table(layer, book + "|layername=주소목록", "code", "번호")
    assert joined.report["matched_features"] == 2
