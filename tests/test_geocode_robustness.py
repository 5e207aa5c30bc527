"""Geocoding loses nothing and says nothing wrong: fuzzy gazetteer matches across continents are held for
review (batch consensus), a corrupt cache is moved aside and rebuilt, unreadable cache rows are asked again,
an unwritable cache folder means a run without cache (said so), a damaged address index is refused by name
before the batch or fails its rows with a status; through the API, Processing and the dock."""

import csv
import math
import os
import shutil
import sqlite3

import pytest

from wealthmap.core.errors import WealthMapError

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OSM = os.path.join(ROOT, "tests", "data", "osm", "osm_liechtenstein_autauga.osm.pbf")  # ODbL, shipped
needs_osm = pytest.mark.skipif(not os.path.exists(OSM), reason="tests/data/osm/osm_liechtenstein_autauga.osm.pbf "
                                                                "(real OSM test data) is not present")
VADUZ = (9.5213, 47.1396)


def _csv(path, addresses):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "address"])
        writer.writerows([i + 1, a] for i, a in enumerate(addresses))
    return str(path)


def _rows(result):
    return {f["address"]: f for f in result["layer"].getFeatures()}


def _km_from_vaduz(feature):
    from wealthmap.core.geocode.index import distance_m

    p = feature.geometry().asPoint()
    return distance_m({"lon": p.x(), "lat": p.y()}, {"lon": VADUZ[0], "lat": VADUZ[1]}) / 1000.0


# --- gazetteer consensus ---------------------------------------------------------------------------------
def test_gazetteer_fuzzy_matches_in_other_continents_are_held_for_review(tmp_path, qgis_app):
    """Triesen found Trieste (Italy, 0.68), Balzers Balzar (Ecuador), Schaan Schagen (Netherlands), all
    'matched' beside Vaduz: the batch's exact match (Vaduz, LI) says they are not plausible."""
    import wealthmap.api as wm

    src = _csv(tmp_path / "li.csv", ["Triesen", "Balzers", "Schaan", "Vaduz"])
    result = wm.geocode(src, address_fields=["address"], use_cache=False)
    rows = _rows(result)
    assert rows["Vaduz"]["status"] == "matched" and _km_from_vaduz(rows["Vaduz"]) < 5
    for name in ("Triesen", "Balzers", "Schaan"):
        row = rows[name]
        assert row["status"] != "matched", (name, row["matched_address"])
        if row["status"] == "ambiguous":  # kept for the review, with the reason
            assert "another country" in row["error"] and "LI" in row["error"], row["error"]
    matched = [f for f in result["layer"].getFeatures() if f["status"] == "matched"]
    assert all(_km_from_vaduz(f) < 50 for f in matched)
    assert result["stats"]["review"] == 3 and any("fuzzy matches" in w for w in result["warnings"])
    assert "fuzzy matches" in result["stats"]["warning"]  # what the dock shows


def test_gazetteer_batch_of_one_row(tmp_path, qgis_app):
    """A batch of one row has nothing to compare with: a weak fuzzy match (below 0.8) is held as ambiguous,
    an exact one stays matched."""
    import wealthmap.api as wm

    one = wm.geocode(_csv(tmp_path / "one.csv", ["Triesen"]), address_fields=["address"], use_cache=False)
    row = next(one["layer"].getFeatures())
    assert row["status"] == "ambiguous" and "no exact match in the batch" in row["error"], row["error"]
    exact = wm.geocode(_csv(tmp_path / "exact.csv", ["Vaduz"]), address_fields=["address"], use_cache=False)
    assert next(exact["layer"].getFeatures())["status"] == "matched"


def test_fuzzy_match_far_from_the_batch_is_held(tmp_path, qgis_app):
    """Without countries in the index, distance decides: a fuzzy match 10,000 km from the batch's exact
    matches is held for review; a fuzzy match among them stays matched."""
    import wealthmap.api as wm

    table = tmp_path / "ref.csv"
    table.write_text("address,lon,lat\nMarktplatz 1 Vaduz,9.521,47.139\nMarktplatz 2 Vaduz,9.522,47.140\n"
                     "Kirchstrasse 5 Schaan,9.509,47.165\nLandstrasse 9 Triesen,9.528,47.107\n"
                     "Bergblickweg 3 Zurrumbal,-70.6,-33.4\n", encoding="utf-8")
    index = str(tmp_path / "ref.sqlite")
    wm.build_address_index(str(table), index, address_fields=["address"], x_field="lon", y_field="lat")
    src = _csv(tmp_path / "q.csv", ["Marktplatz 1 Vaduz", "Marktplatz 2 Vaduz", "Kirchstrasse 5 Schaan",
                                    "Landstrase 9 Triesen", "Bergblikweg 3 Zurrumbal"])
    rows = _rows(wm.geocode(src, address_fields=["address"], index=index, use_gazetteer=False, use_cache=False))
    assert rows["Landstrase 9 Triesen"]["status"] == "matched"  # fuzzy, but among the others
    far = rows["Bergblikweg 3 Zurrumbal"]
    assert far["status"] == "ambiguous" and "km from the batch" in far["error"], (far["status"], far["error"])
    assert far.hasGeometry()  # kept for the review: the candidate is shown, not lost


# --- the cache ---------------------------------------------------------------------------------------------
def _geocode(src, cache, **kw):
    import wealthmap.api as wm

    return wm.geocode(src, address_fields=["address"], cache_path=cache, **kw)


@pytest.mark.parametrize("damage", ["random", "truncated", "zeroed_header"])
def test_corrupt_cache_is_moved_aside_and_rebuilt(damage, tmp_path, qgis_app):
    """A corrupt cache raised sqlite3.DatabaseError and blocked all geocoding until the user found the file."""
    src = _csv(tmp_path / "a.csv", ["Vaduz", "Seoul", "Montgomery"])
    cache = str(tmp_path / "cache" / "geocode_cache.sqlite")
    first = _geocode(src, cache)
    statuses = [f["status"] for f in first["layer"].getFeatures()]
    data = open(cache, "rb").read()
    for suffix in ("-wal", "-shm"):
        if os.path.exists(cache + suffix):
            os.remove(cache + suffix)
    if damage == "random":
        data = os.urandom(len(data) or 8192)
    elif damage == "truncated":
        data = data[:len(data) // 2 + 100]
    else:
        data = b"\0" * 100 + data[100:]
    with open(cache, "wb") as handle:
        handle.write(data)
    messages = []
    from qgis.core import QgsApplication

    QgsApplication.messageLog().messageReceived.connect(lambda msg, tag, level: messages.append(msg))
    again = _geocode(src, cache)
    assert [f["status"] for f in again["layer"].getFeatures()] == statuses
    warning = " ".join(again["warnings"])
    assert cache in warning and "damaged" in warning and "moved to" in warning, again["warnings"]
    assert any(cache in m and "damaged" in m for m in messages)  # QGIS message log
    assert "damaged" in again["stats"]["warning"]
    moved = [n for n in os.listdir(os.path.dirname(cache)) if ".corrupt-" in n]
    assert moved and open(os.path.join(os.path.dirname(cache), moved[0]), "rb").read()[:100] == data[:100]
    third = _geocode(src, cache)  # the new cache works
    assert third["stats"]["cached"] == third["stats"]["unique"] and not third["warnings"]


def test_unreadable_cache_rows_are_asked_again(tmp_path, qgis_app):
    """A cache row with bad JSON raised JSONDecodeError out of the batch; one with a NaN point came out
    matched with an impossible point."""
    src = _csv(tmp_path / "a.csv", ["Vaduz", "Seoul", "Montgomery"])
    cache = str(tmp_path / "c.sqlite")
    first = _geocode(src, cache)
    statuses = [f["status"] for f in first["layer"].getFeatures()]
    con = sqlite3.connect(cache)
    keys = [r[0] for r in con.execute("SELECT key FROM results ORDER BY key")]
    con.execute("UPDATE results SET candidates = '[{\"lon\": 1, \"lat\": ' WHERE key = ?", (keys[0],))
    con.execute("UPDATE results SET candidates = '[{\"lon\": NaN, \"lat\": 999, \"score\": 1, "
                "\"address\": \"x\"}]' WHERE key = ?", (keys[1],))
    con.execute("UPDATE results SET candidates = '{\"not\": \"a list\"}' WHERE key = ?", (keys[2],))
    con.commit()
    con.close()
    again = _geocode(src, cache)
    assert [f["status"] for f in again["layer"].getFeatures()] == statuses
    assert again["stats"]["cached"] == 0 and again["stats"]["requested"] == 0  # offline: asked the index again
    assert any("3 entries of the geocoding cache" in w for w in again["warnings"]), again["warnings"]
    for f in again["layer"].getFeatures():
        if f.hasGeometry():
            assert math.isfinite(f.geometry().asPoint().x())
    assert _geocode(src, cache)["stats"]["cached"] == 3 and not _geocode(src, cache)["warnings"]


@pytest.mark.parametrize("where", ["under_a_file", "is_a_folder"])
def test_unwritable_cache_folder_runs_without_cache_and_says_so(where, tmp_path, qgis_app):
    """Tests run as root, where chmod does not stop writes: a cache path under a regular file (its 'folder'
    cannot be created by anyone) or a cache path that is a folder really fail, as a read-only folder does.
    Both raised FileExistsError/NotADirectoryError/sqlite3.OperationalError out of geocode."""
    src = _csv(tmp_path / "a.csv", ["Vaduz", "Seoul"])
    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder", encoding="utf-8")
    folder = tmp_path / "cache_is_a_folder"  # a folder in the cache file's place (not the input's folder,
    folder.mkdir()  # which the path guard refuses as a cache path before any work)
    cache = str(blocker / "cache" / "geocode_cache.sqlite") if where == "under_a_file" else str(folder)
    result = _geocode(src, cache)
    assert result["counts"]["matched"] == 2 and result["cache_path"] is None
    warning = " ".join(result["warnings"])
    assert "cannot be written" in warning and "without the cache" in warning and cache in warning
    assert "without the cache" in result["stats"]["warning"]


def test_cache_folder_setting_under_a_file_runs_without_cache(provider, tmp_path):
    """The cache folder of the options (what the dock and Processing use) under a regular file."""
    from qgis import processing
    from qgis.core import QgsProcessingFeedback

    from wealthmap.core import settings

    blocker = tmp_path / "a_file"
    blocker.write_text("x", encoding="utf-8")
    settings.GEOCODE_CACHE_DIR.set(str(blocker / "cache"))
    feedback = QgsProcessingFeedback()
    try:
        res = processing.run("wealthmap:geocode", {"INPUT": _csv(tmp_path / "a.csv", ["Vaduz", "Seoul"]),
                                                   "FIELDS": ["address"], "OUTPUT": str(tmp_path / "o.gpkg")},
                             feedback=feedback)
    finally:
        settings.GEOCODE_CACHE_DIR.reset()
    assert res["MATCHED"] == 2


def test_cache_failing_mid_batch_is_turned_off_with_a_warning(tmp_path, qgis_app):
    """A database error while the batch writes (here the table is gone) raised out of the batch."""
    from wealthmap.core.geocode.batch import run_batch
    from wealthmap.core.geocode.cache import GeocodeCache
    from wealthmap.core.geocode.providers import OfflineProvider

    cache = GeocodeCache(str(tmp_path / "c.sqlite"))
    cache.con.execute("DROP TABLE results")
    per_text, _stats = run_batch(["Vaduz", "Seoul"], OfflineProvider(), cache, {})
    assert all(p.get("candidates") for p in per_text)
    assert cache.broken and any("failed while in use" in w for w in cache.warnings), cache.warnings
    cache.close()


def test_review_with_unwritable_cache_keeps_the_edit(tmp_path, qgis_app):
    from wealthmap.core.geocode.api import apply_review

    src = _csv(tmp_path / "a.csv", ["Nowhere street 99"])
    result = _geocode(src, str(tmp_path / "c.sqlite"), output=str(tmp_path / "o.gpkg"))
    layer = result["layer"]
    fid = next(layer.getFeatures()).id()
    blocker = tmp_path / "a_file"
    blocker.write_text("x", encoding="utf-8")
    assert apply_review(layer, fid, 9.5, 47.1, "here", cache_path=str(blocker / "c.sqlite"))
    assert layer.getFeature(fid)["status"] == "matched"
    for lon, lat in ((float("nan"), 47.1), (9.5, 999), ("east", 1)):  # NaN made an empty point 'matched'
        with pytest.raises(WealthMapError, match="'l(on|at)' must be a(n)? (finite )?number"):
            apply_review(layer, fid, lon, lat, "there", cache_path=str(tmp_path / "c.sqlite"))
    assert layer.getFeature(fid).geometry().asPoint().x() == pytest.approx(9.5)


# --- the address index ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def osm_index(tmp_path_factory, qgis_app):
    if not os.path.exists(OSM):
        pytest.skip("tests/data/osm/osm_liechtenstein_autauga.osm.pbf (real OSM test data) is not present")
    from wealthmap.core.geocode.api import build_address_index

    path = str(tmp_path_factory.mktemp("idx") / "osm.sqlite")
    build_address_index(OSM, path, country="li")
    return path


def _copy(index, tmp_path, name):
    target = str(tmp_path / name)
    shutil.copyfile(index, target)
    return target


QUERIES = ["Äulestrasse 30, Vaduz", "Landstrasse 11 Vaduz", "Vaduz", "", "Aeulestrase 22 Vaduz"]


@needs_osm
def test_truncated_index_is_refused_by_name_before_the_batch(osm_index, tmp_path, qgis_app):
    damaged = _copy(osm_index, tmp_path, "truncated.sqlite")
    size = os.path.getsize(damaged)
    with open(damaged, "r+b") as handle:
        handle.truncate(size // 3)
    src = _csv(tmp_path / "q.csv", QUERIES)
    with pytest.raises(WealthMapError) as err:
        _geocode(src, str(tmp_path / "c.sqlite"), index=damaged)
    assert damaged in str(err.value) and "damaged" in str(err.value) and "Build offline address index" in str(
        err.value), str(err.value)
    assert _geocode(src, str(tmp_path / "c.sqlite"), index=osm_index)["counts"]["matched"] >= 3  # the next works


@needs_osm
def test_flipped_bytes_in_a_page_are_refused_or_fail_rows(osm_index, tmp_path, qgis_app):
    """Bytes flipped in the index's pages: refused by name before the batch (the quick check) or, where the
    check cannot see it, the rows fail with a status; never a traceback out of the batch."""
    import random

    page = 4096
    size = os.path.getsize(osm_index)
    rng = random.Random(12)
    refused = 0
    src = _csv(tmp_path / "q.csv", QUERIES)
    for trial in range(8):
        damaged = _copy(osm_index, tmp_path, "flip{}.sqlite".format(trial))
        with open(damaged, "r+b") as handle:
            for _ in range(4):
                offset = rng.randrange(1, size // page) * page + rng.choice([0, 1, 3, 5, 8])  # page headers
                handle.seek(offset)
                handle.write(bytes([rng.randrange(256)]) * 4)
        try:
            result = _geocode(src, None, index=damaged, use_cache=False, use_gazetteer=False)
        except WealthMapError as err:
            assert damaged in str(err), str(err)
            refused += 1
            continue
        rows = list(result["layer"].getFeatures())
        assert len(rows) == len(QUERIES)
        for row in rows:
            assert row["status"] in ("matched", "ambiguous", "not_found", "empty", "error")
            if row["status"] == "error":
                assert damaged in row["error"], row["error"]
    print("flipped-page trials refused before the batch:", refused, "of 8")
    assert refused >= 1


@needs_osm
def test_damaged_text_in_the_index_fails_the_rows_with_status(osm_index, tmp_path, qgis_app):
    """A byte-flipped address text (invalid UTF-8: the quick check cannot see it) raised sqlite3.OperationalError
    ('Could not decode to UTF-8') out of the batch; now the rows that read it fail, naming the file."""
    damaged = _copy(osm_index, tmp_path, "text.sqlite")
    with open(damaged, "rb") as handle:
        data = handle.read()
    assert "Äulestrasse".encode() in data
    data = data.replace("Äulestrasse".encode(), b"\xff\xfeulestrasse")
    with open(damaged, "wb") as handle:
        handle.write(data)
    src = _csv(tmp_path / "q.csv", QUERIES)
    result = _geocode(src, None, index=damaged, use_cache=False, use_gazetteer=False)
    rows = _rows(result)
    broken = rows["Äulestrasse 30, Vaduz"]
    assert broken["status"] == "error" and damaged in broken["error"] and "damaged" in broken["error"]
    assert rows["Landstrasse 11 Vaduz"]["status"] == "matched"  # rows that do not read the damage go on
    assert [f["status"] for f in result["layer"].getFeatures()].count("empty") == 1


def test_not_an_index_and_other_schema_are_refused(tmp_path, qgis_app):
    from wealthmap.core.geocode.index import AddressIndex

    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(str(other))
    con.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT)")
    con.commit()
    con.close()
    with pytest.raises(WealthMapError, match="not a WealthMap address index"):
        AddressIndex(str(other))
    table = tmp_path / "t.csv"
    table.write_text("address,lon,lat\nMarktplatz 1 Vaduz,9.52,47.14\n", encoding="utf-8")
    import wealthmap.api as wm

    index = str(tmp_path / "i.sqlite")
    wm.build_address_index(str(table), index, address_fields=["address"], x_field="lon", y_field="lat")
    con = sqlite3.connect(index)
    con.execute("UPDATE meta SET value = '99' WHERE key = 'schema'")
    con.commit()
    con.close()
    with pytest.raises(WealthMapError, match="format version 99") as err:
        AddressIndex(index)
    assert index in str(err.value) and "Build offline address index" in str(err.value)


def test_qgs_geocoder_drops_invalid_points(qgis_app):
    """The locator bar's geocoder goes through the same check (a damaged index or an odd answer)."""
    from wealthmap.core.geocode.answers import InvalidAnswerError, clean_candidates

    good = {"lon": 9.5, "lat": 47.1, "score": 0.9, "address": "x", "match_type": "city"}
    assert clean_candidates([dict(good, lon=float("nan")), good]) == [good]
    assert clean_candidates([dict(good, score=7.0)])[0]["score"] == 1.0
    for bad in ([dict(good, lat=91.0)], [dict(good, score=float("nan"))], [dict(good, lon=True)], ["x"], "x"):
        with pytest.raises(InvalidAnswerError):
            clean_candidates(bad)


# --- Processing and the dock ---------------------------------------------------------------------------------
@needs_osm
def test_processing_corrupt_cache_and_damaged_index(provider, osm_index, tmp_path):
    from qgis import processing
    from qgis.core import QgsProcessingException, QgsProcessingFeedback

    from wealthmap.core import settings

    class Feedback(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.texts = []

        def pushInfo(self, info):  # noqa: N802 - QGIS override
            self.texts.append(info)
            super().pushInfo(info)

        def pushWarning(self, warning):  # noqa: N802 - QGIS override
            self.texts.append(warning)
            super().pushWarning(warning)

    src = _csv(tmp_path / "a.csv", ["Äulestrasse 30, Vaduz", "Vaduz"])
    settings.GEOCODE_CACHE_DIR.set(str(tmp_path / "cache"))
    try:
        os.makedirs(str(tmp_path / "cache"))
        with open(str(tmp_path / "cache" / "geocode_cache.sqlite"), "wb") as handle:
            handle.write(os.urandom(9000))
        feedback = Feedback()
        res = processing.run("wealthmap:geocode", {"INPUT": src, "FIELDS": ["address"], "INDEX": osm_index,
                                                   "OUTPUT": str(tmp_path / "o.gpkg")}, feedback=feedback)
        assert res["MATCHED"] == 2
        assert any("damaged" in t and "moved to" in t for t in feedback.texts), feedback.texts
        truncated = _copy(osm_index, tmp_path, "t.sqlite")
        with open(truncated, "r+b") as handle:
            handle.truncate(os.path.getsize(truncated) // 3)
        with pytest.raises(QgsProcessingException) as err:
            processing.run("wealthmap:geocode", {"INPUT": src, "FIELDS": ["address"], "INDEX": truncated,
                                                 "OUTPUT": str(tmp_path / "o2.gpkg")})
        assert truncated in str(err.value) and "damaged" in str(err.value)
    finally:
        settings.GEOCODE_CACHE_DIR.reset()


def test_dock_corrupt_cache_says_so_in_the_message_bar(qgis_iface, tmp_path):
    import time

    from qgis.core import Qgis, QgsProject
    from qgis.PyQt.QtCore import QCoreApplication

    from wealthmap.core import settings
    from wealthmap.ui.geocode_dock import GeocodeDock

    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    (cache_dir / "geocode_cache.sqlite").write_bytes(os.urandom(9000))
    settings.GEOCODE_CACHE_DIR.set(str(cache_dir))
    dock = GeocodeDock(qgis_iface)
    try:
        qgis_iface.messageBar().clear_messages()
        dock.add_table(_csv(tmp_path / "a.csv", ["Vaduz", "Seoul"]))
        dock.output_file.setFilePath(str(tmp_path / "out.gpkg"))
        assert dock.run() is not None
        deadline = time.monotonic() + 60
        while dock.task is not None:
            QCoreApplication.processEvents()
            assert time.monotonic() < deadline
            time.sleep(0.01)
        QCoreApplication.processEvents()
        assert dock.result is not None, dock.status.text()
        assert dock.result["counts"]["matched"] == 2
        warnings = " ".join(qgis_iface.messageBar().get_messages(Qgis.MessageLevel.Warning))
        assert "damaged" in warnings and "moved to" in warnings and "Traceback" not in warnings, warnings
    finally:
        dock.cleanup()
        settings.GEOCODE_CACHE_DIR.reset()
        QgsProject.instance().removeAllMapLayers()


def test_index_output_that_cannot_be_written_is_refused(tmp_path, qgis_app):
    """An output that is a folder (fails as root too, unlike chmod) raised IsADirectoryError."""
    import wealthmap.api as wm

    table = tmp_path / "t.csv"
    table.write_text("address,lon,lat\nMarktplatz 1 Vaduz,9.52,47.14\n", encoding="utf-8")
    folder = tmp_path / "out.sqlite"
    folder.mkdir()
    with pytest.raises(WealthMapError, match="it is a folder") as err:
        wm.build_address_index(str(table), str(folder), address_fields=["address"], x_field="lon", y_field="lat")
    assert str(folder) in str(err.value)


@needs_osm
def test_dock_damaged_index_says_so_in_the_message_bar(qgis_iface, osm_index, tmp_path):
    import time

    from qgis.core import Qgis, QgsProject
    from qgis.PyQt.QtCore import QCoreApplication

    from wealthmap.core import settings
    from wealthmap.ui.geocode_dock import GeocodeDock

    truncated = _copy(osm_index, tmp_path, "damaged index.sqlite")
    with open(truncated, "r+b") as handle:
        handle.truncate(os.path.getsize(truncated) // 3)
    settings.GEOCODE_CACHE_DIR.set(str(tmp_path / "cache"))
    dock = GeocodeDock(qgis_iface)
    try:
        qgis_iface.messageBar().clear_messages()
        dock.add_table(_csv(tmp_path / "a.csv", ["Äulestrasse 30, Vaduz"]))
        dock.index_file.setFilePath(truncated)
        dock.output_file.setFilePath(str(tmp_path / "out.gpkg"))
        dock.run()
        deadline = time.monotonic() + 60
        while dock.task is not None:
            QCoreApplication.processEvents()
            assert time.monotonic() < deadline
            time.sleep(0.01)
        QCoreApplication.processEvents()
        assert dock.result is None
        shown = " ".join(qgis_iface.messageBar().get_messages(Qgis.MessageLevel.Critical)
                         + qgis_iface.messageBar().get_messages(Qgis.MessageLevel.Warning))
        assert truncated in shown and "damaged" in shown and "Traceback" not in shown, shown
        assert "internal error" not in shown.lower()
    finally:
        dock.cleanup()
        settings.GEOCODE_CACHE_DIR.reset()
        QgsProject.instance().removeAllMapLayers()


def test_truncated_osm_file_is_refused_and_writes_no_index(tmp_path, qgis_app):
    """A cut download of an .osm.pbf: GDAL printed an error and the index was built from the features before
    it (6 rows, 'success'), silently missing the rest of the file."""
    from wealthmap.core.geocode.api import build_address_index

    shipped = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "osm",
                           "osm_liechtenstein_autauga.osm.pbf")
    data = open(shipped, "rb").read()
    cut = tmp_path / "cut.osm.pbf"
    cut.write_bytes(data[: len(data) // 2])
    out = tmp_path / "index.sqlite"
    with pytest.raises(WealthMapError, match="damaged or incomplete"):
        build_address_index(str(cut), str(out))
    assert not out.exists() and os.listdir(tmp_path) == ["cut.osm.pbf"]
