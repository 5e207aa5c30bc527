"""Nothing lost, nothing silently wrong: what WealthMap never does to your files (core/outputs.py).

For each job (geocode, build_address_index, join_table, choropleth/chart/bivariate styles, export_map,
predict_wealth, train_wealth_model): an output that is an input (however spelled) or another output of
the same call is refused before any work and every file of the folder keeps its sha256; a rerun changes
only the named outputs; a failing rerun keeps the previous output; a rerun killed with SIGKILL at random
moments leaves the previous complete output or the new complete one (a real subprocess, opened with OGR
afterwards); style files are checked written; read-only folders give a clear message (a subprocess run
as an unprivileged user); outputs nobody named go to a bounded folder of the profile.
"""

import csv
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from osgeo import ogr

from wealthmap.core import outputs
from wealthmap.core.errors import WealthMapError

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REFERENCE = os.path.join(ROOT, "sample_data", "addresses_reference_points.csv")
DISTRICTS = os.path.join(ROOT, "sample_data", "thematic_districts.gpkg")
STATS = os.path.join(ROOT, "sample_data", "thematic_stats_cp949.csv")
SAMPLE = os.path.join(ROOT, "sample_data", "sentinel2_berlin.tif")
SURVEY = os.path.join(ROOT, "sample_data", "train_survey_berlin.csv")
PYTHON = sys.executable  # the test's own Python (the project's .venv; in the QGIS 3.44 chroot, its venv)
BOX = (331000, 5815000, 344000, 5821000)  # 15 of the sample raster's 18 chips

ogr.UseExceptions()


# --- helpers -------------------------------------------------------------------------------------
def sha(path):
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def snapshot(folder):
    """sha256 of every file under ``folder`` (hidden ones too)."""
    out = {}
    for root, _dirs, files in os.walk(folder):
        for name in files:
            full = os.path.join(root, name)
            out[os.path.relpath(full, folder)] = sha(full)
    return out


def changed(before, after):
    return {k for k in set(before) | set(after) if before.get(k) != after.get(k)}


def hidden(folder):
    return sorted(n for n in os.listdir(folder) if n.startswith("."))


def reference_rows():
    with open(REFERENCE, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def write_csv(path, addresses):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "address"])
        for i, text in enumerate(addresses):
            writer.writerow([i, text])
    return str(path)


def make_gpkg(path, layers):
    """A GeoPackage with attribute tables ``{name: [addresses]}`` (no geometry)."""
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    for name, addresses in layers.items():
        layer = ds.CreateLayer(name, geom_type=ogr.wkbNone)
        layer.CreateField(ogr.FieldDefn("address", ogr.OFTString))
        for text in addresses:
            feature = ogr.Feature(layer.GetLayerDefn())
            feature.SetField("address", text)
            layer.CreateFeature(feature)
    ds = None
    return str(path)


def count(path, layer=None):
    """Features of a file opened with OGR (raises when it is missing or unreadable)."""
    ds = ogr.Open(str(path))
    assert ds is not None, path
    lyr = ds.GetLayerByName(layer) if layer else ds.GetLayer(0)
    return lyr.GetFeatureCount()


def layer_names(path):
    """The data layers of a file (a GeoPackage's ``layer_styles`` table holds the default style WealthMap saves
    with geocoded points: not data)."""
    ds = ogr.Open(str(path))
    return sorted(n for n in (ds.GetLayer(i).GetName() for i in range(ds.GetLayerCount())) if n != "layer_styles")


@pytest.fixture(scope="module")
def ref_index(tmp_path_factory, qgis_app):
    from wealthmap.core.geocode.api import build_address_index

    path = str(tmp_path_factory.mktemp("index") / "ref.sqlite")
    build_address_index(REFERENCE, path, address_fields="address", x_field="lon", y_field="lat")
    return path


def geocode(source, ref_index, **kwargs):
    from wealthmap.core.geocode.api import geocode as run

    kwargs.setdefault("address_fields", "address")
    kwargs.setdefault("use_cache", False)
    return run(source, index=ref_index, use_gazetteer=False, **kwargs)


# --- the path guard ------------------------------------------------------------------------------
def test_guard_resolves_every_spelling_of_a_file(tmp_path, qgis_app):
    target = tmp_path / "data.gpkg"
    make_gpkg(target, {"a": ["x"]})
    (tmp_path / "sub").mkdir()
    os.symlink(target, tmp_path / "link.gpkg")
    os.link(target, tmp_path / "hard.gpkg")
    from qgis.core import QgsVectorLayer

    spellings = [str(target), str(target) + "|layername=a", str(tmp_path / "sub" / ".." / "data.gpkg"),
                 str(tmp_path / "link.gpkg"), str(tmp_path / "hard.gpkg"), "GPKG:{}:a".format(target),
                 "file://{}?type=csv".format(target), QgsVectorLayer(str(target) + "|layername=a", "a", "ogr")]
    for spelling in spellings:
        with pytest.raises(WealthMapError, match="is also the input"):
            outputs.guard([("input", spelling)], [("output", str(target))])
        with pytest.raises(WealthMapError, match="is also the input"):
            outputs.guard([("input", str(target))], [("output", spelling)])
    with pytest.raises(WealthMapError, match="are the same file"):
        outputs.guard([], [("output", str(target)), ("CSV", str(tmp_path / "link.gpkg"))])
    shp = tmp_path / "roads.shp"
    with pytest.raises(WealthMapError, match="is also the input"):  # a sidecar of the shapefile
        outputs.guard([("input", str(tmp_path / "roads.dbf"))], [("output", str(shp))])
    with pytest.raises(WealthMapError, match="holds the survey"):  # a folder output holding an input
        outputs.guard([("survey", str(target))], [("bundle", str(tmp_path))])
    assert outputs.guard([("input", str(target))], [("output", str(tmp_path / "other.gpkg")), ("x", None)]) == [
        os.path.realpath(str(tmp_path / "other.gpkg")), None]
    assert outputs.guard([("memory", "memory:"), ("layer", QgsVectorLayer("Point", "m", "memory"))],
                         [("output", str(target))])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["a.gpkg", "b.gpkg", "a.csv", "sub/a.gpkg", "a.gpkg|layername=x"]),
                min_size=1, max_size=3),
       st.lists(st.sampled_from(["a.gpkg", "b.gpkg", "a.csv", "c.tif", "./sub/../a.gpkg", "sub/a.gpkg"]),
                min_size=1, max_size=3))
def test_guard_refuses_exactly_the_collisions(tmp_path, inputs, outs):
    """Property: the guard refuses a call iff an output names the same file as an input or another output."""
    def real(name):
        return os.path.realpath(os.path.join(str(tmp_path), name.split("|")[0]))

    ins = [real(n) for n in inputs]
    reals = [real(n) for n in outs]
    collide = any(o in ins for o in reals) or len(set(reals)) < len(reals)
    try:
        outputs.guard([("input", os.path.join(str(tmp_path), n)) for n in inputs],
                      [("output", os.path.join(str(tmp_path), n)) for n in outs])
        refused = False
    except WealthMapError:
        refused = True
    assert refused == collide, (inputs, outs)


# --- the atomic writer ------------------------------------------------------------------------
def test_atomic_output_keeps_the_old_file_on_error_and_cleans_killed_runs(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old complete file\n")
    with pytest.raises(RuntimeError):
        with outputs.atomic_output(str(target)) as tmp:
            with open(tmp, "w") as handle:
                handle.write("half a new fi")
            raise RuntimeError("crash while writing")
    assert target.read_text() == "old complete file\n" and hidden(tmp_path) == []
    with pytest.raises(WealthMapError, match="was not written"):  # a writer that wrote nothing
        with outputs.atomic_output(str(target)):
            pass
    assert target.read_text() == "old complete file\n"
    # what a killed run left (a dead pid) is removed by the next write; a live run's file is left alone
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    stale = tmp_path / ".out.wm-{}-0123abcd.csv".format(dead)
    stale.write_text("partial")
    live = tmp_path / ".out.wm-{}-4567abcd.csv".format(os.getppid())
    live.write_text("another writer")
    os.chmod(target, 0o640)
    outputs.write_text(str(target), "new\n")
    assert target.read_text() == "new\n" and hidden(tmp_path) == [live.name]
    assert os.stat(target).st_mode & 0o777 == 0o640  # the old file's permissions are kept
    # a link: the file it points to is replaced, the link stays
    os.symlink(target, tmp_path / "link.csv")
    outputs.write_text(str(tmp_path / "link.csv"), "through the link\n")
    assert os.path.islink(tmp_path / "link.csv") and target.read_text() == "through the link\n"


def test_atomic_folder_swaps_and_restores_a_bundle_a_kill_moved_aside(tmp_path):
    folder = tmp_path / "bundle"
    folder.mkdir()
    (folder / "manifest.json").write_text("old")
    with pytest.raises(RuntimeError):
        with outputs.atomic_folder(str(folder)) as tmp:
            (open(os.path.join(tmp, "manifest.json"), "w")).close()
            raise RuntimeError("crash")
    assert (folder / "manifest.json").read_text() == "old" and hidden(tmp_path) == []
    with outputs.atomic_folder(str(folder)) as tmp:
        with open(os.path.join(tmp, "manifest.json"), "w") as handle:
            handle.write("new")
    assert (folder / "manifest.json").read_text() == "new" and hidden(tmp_path) == []
    # a swap killed between its two renames (platforms without an atomic exchange): the old one comes back
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    os.rename(folder, tmp_path / ".bundle.wm-{}-89abcdef.old".format(dead))
    outputs.clean_stale(str(folder))
    assert (folder / "manifest.json").read_text() == "new" and hidden(tmp_path) == []


# --- geocoding -----------------------------------------------------------------------------------
def test_geocode_output_that_is_an_input_is_refused_and_nothing_changes(tmp_path, ref_index):
    addresses = [r["address"] for r in reference_rows()[:30]]
    gpkg = make_gpkg(tmp_path / "m.gpkg", {"a": addresses, "b": addresses[:5]})
    table = write_csv(tmp_path / "in.csv", addresses)
    before = snapshot(tmp_path)
    cases = [
        (dict(source=gpkg + "|layername=a", output=gpkg), "geocoded output .* is also the input table"),
        (dict(source=gpkg + "|layername=a", output=str(tmp_path / "x" / ".." / "m.gpkg")), "is also the input"),
        (dict(source=table, output=str(tmp_path / "o.csv"), unmatched_csv=str(tmp_path / "o.csv")),
         "geocoded output and the CSV of unmatched rows are the same file"),
        (dict(source=table, output=str(tmp_path / "o.gpkg"), unmatched_csv=table),
         "CSV of unmatched rows .* is also the input table"),
        (dict(source=table, output=ref_index), "is also the address index"),
        (dict(source=table, use_cache=True, cache_path=ref_index), "geocoding cache .* is also the address index"),
        (dict(source=gpkg, use_cache=True, cache_path=gpkg), "geocoding cache .* is also the input table"),
    ]
    for kwargs, message in cases:
        source = kwargs.pop("source")
        with pytest.raises(WealthMapError, match=message):
            geocode(source, ref_index, **kwargs)
    assert snapshot(tmp_path) == before
    assert layer_names(gpkg) == ["a", "b"]


def test_geocode_rerun_changes_only_its_outputs_and_never_a_foreign_geopackage(tmp_path, ref_index):
    rows = reference_rows()
    table = write_csv(tmp_path / "in.csv", [r["address"] for r in rows[:40]] + ["nowhere 999"])
    out, unmatched = str(tmp_path / "o.gpkg"), str(tmp_path / "u.csv")
    geocode(table, ref_index, output=out, unmatched_csv=unmatched)
    assert count(out) == 41 and layer_names(out) == ["o"]
    before = snapshot(tmp_path)
    write_csv(tmp_path / "in.csv", [r["address"] for r in rows[:60]])
    mid = snapshot(tmp_path)
    result = geocode(table, ref_index, output=out, unmatched_csv=unmatched)
    assert changed(mid, snapshot(tmp_path)) == {"o.gpkg", "u.csv"} and changed(before, mid) == {"in.csv"}
    assert count(out) == 60 and result["layer"].featureCount() == 60 and hidden(tmp_path) == []
    # a GeoPackage that holds other data (not an input) is not replaced
    other = make_gpkg(tmp_path / "project.gpkg", {"roads": ["a"], "rivers": ["b"]})
    digest = sha(other)
    with pytest.raises(WealthMapError, match=r"already holds other layers \(rivers, roads\)"):
        geocode(table, ref_index, output=other)
    assert sha(other) == digest
    # csv, shapefile and GeoJSON outputs are replaced whole too, with their layer named after the file
    for name in ("o.csv", "o.shp", "o.geojson"):
        geocode(table, ref_index, output=str(tmp_path / name))
        geocode(table, ref_index, output=str(tmp_path / name))
        assert count(tmp_path / name) == 60 and layer_names(tmp_path / name) == ["o"]
    assert hidden(tmp_path) == []


def test_geocode_algorithm_refuses_its_input_as_output(tmp_path, ref_index, processing):
    from qgis.core import QgsProcessingException, QgsVectorLayer

    gpkg = make_gpkg(tmp_path / "m.gpkg", {"a": [r["address"] for r in reference_rows()[:10]], "b": ["x"]})
    before = snapshot(tmp_path)
    layer = QgsVectorLayer(gpkg + "|layername=a", "a", "ogr")
    with pytest.raises(QgsProcessingException, match="is also the input table"):
        processing.run("wealthmap:geocode", {"INPUT": layer, "FIELDS": ["address"], "INDEX": ref_index,
                                             "USE_CACHE": False, "OUTPUT": gpkg})
    with pytest.raises(QgsProcessingException, match="are the same file"):
        processing.run("wealthmap:geocode", {"INPUT": layer, "FIELDS": ["address"], "INDEX": ref_index,
                                             "USE_CACHE": False, "OUTPUT": str(tmp_path / "o.csv"),
                                             "UNMATCHED": str(tmp_path / "o.csv")})
    assert snapshot(tmp_path) == before


def test_address_index_output_vs_sources_and_a_failed_rebuild_keeps_the_index(tmp_path, qgis_app, processing):
    from qgis.core import QgsProcessingException

    from wealthmap.core.geocode.api import build_address_index

    source = tmp_path / "points.csv"
    shutil.copy(REFERENCE, source)
    before = snapshot(tmp_path)
    kwargs = dict(address_fields="address", x_field="lon", y_field="lat")
    with pytest.raises(WealthMapError, match="address index .* is also the index source"):
        build_address_index(str(source), str(source), **kwargs)
    with pytest.raises(WealthMapError, match="is also the index source"):
        build_address_index(str(source), str(tmp_path / "extra.csv"), append=[str(tmp_path / "extra.csv")], **kwargs)
    osm = tmp_path / "town.osm"
    shutil.copy(os.path.join(ROOT, "tests", "data", "osm", "synthetic_kr.osm"), osm)
    before = snapshot(tmp_path)
    with pytest.raises(QgsProcessingException, match="is also the index source"):
        processing.run("wealthmap:buildaddressindex", {"OSM": str(osm), "OUTPUT": str(osm)})
    assert snapshot(tmp_path) == before
    index = str(tmp_path / "idx.sqlite")
    build_address_index(str(source), index, **kwargs)
    digest = sha(index)
    empty = tmp_path / "empty.csv"
    empty.write_text("address,lon,lat\nno point,,\n")
    with pytest.raises(WealthMapError, match="No usable rows"):  # it used to delete the existing index
        build_address_index(str(empty), index, **kwargs)
    assert sha(index) == digest and hidden(tmp_path) == []


# --- thematic maps -------------------------------------------------------------------------------
def test_join_output_that_is_its_boundary_layer_is_refused(tmp_path, qgis_app, processing):
    from qgis.core import QgsProcessingException, QgsVectorLayer

    from wealthmap.core.thematic.api import join_table

    boundary = tmp_path / "districts.gpkg"
    shutil.copy(DISTRICTS, boundary)
    table = tmp_path / "stats.csv"
    shutil.copy(STATS, table)
    before = snapshot(tmp_path)
    layer = QgsVectorLayer(str(boundary), "districts", "ogr")
    with pytest.raises(WealthMapError, match="joined output .* is also the boundary layer"):
        join_table(layer, str(table), "code", "code", output=str(boundary))
    with pytest.raises(WealthMapError, match="is also the boundary layer"):
        join_table(str(boundary), str(table), "code", "code", output=str(boundary))
    with pytest.raises(QgsProcessingException, match="is also the boundary layer"):
        processing.run("wealthmap:jointable", {"INPUT": layer, "LAYER_KEY": "code", "TABLE": str(table),
                                               "TABLE_KEY": "code", "OUTPUT": str(boundary)})
    for alg, params in (("wealthmap:choropleth", {"FIELD": "code", "METHOD": 1, "CLASSES": 3, "RAMP": 0}),
                        ("wealthmap:chartmap", {"FIELDS": ["code", "code"]})):
        with pytest.raises(QgsProcessingException, match="is also the input layer"):
            processing.run(alg, dict(params, INPUT=layer, OUTPUT=str(boundary)))
    assert snapshot(tmp_path) == before
    # a rerun replaces its own output; a GeoPackage with other layers is refused
    out = str(tmp_path / "joined.gpkg")
    join_table(layer, str(table), "code", "code", output=out)
    mid = snapshot(tmp_path)
    join_table(layer, str(table), "code", "code", output=out)
    assert changed(mid, snapshot(tmp_path)) == {"joined.gpkg"} and count(out) == 30
    other = make_gpkg(tmp_path / "other.gpkg", {"roads": ["a"], "rivers": ["b"]})
    with pytest.raises(WealthMapError, match="already holds other layers"):
        join_table(layer, str(table), "code", "code", output=other)
    assert hidden(tmp_path) == []


def test_style_files_are_checked_written_and_never_an_input(tmp_path, qgis_app, processing):
    from qgis.core import QgsProcessingException, QgsVectorLayer

    from wealthmap.core.thematic import api

    data = tmp_path / "districts.gpkg"
    shutil.copy(DISTRICTS, data)
    layer = QgsVectorLayer(str(data), "districts", "ogr")
    joined = api.join_table(layer, STATS, "code", "code", output=str(tmp_path / "joined.gpkg")).layer
    before = snapshot(tmp_path)
    missing = "/nonexistent_wealthmap_folder/x.qml"
    with pytest.raises(WealthMapError, match="style file .*nonexistent_wealthmap_folder.* does not exist"):
        api.choropleth(joined, "population", qml=missing)  # it reported success with no file
    with pytest.raises(WealthMapError, match="does not exist"):
        api.chart_map(joined, ["population", "households"], qml=missing)
    with pytest.raises(WealthMapError, match="does not exist"):
        api.bivariate(joined, "population", "households", qml=missing)
    with pytest.raises(WealthMapError, match="style file .* is also the input layer"):
        api.choropleth(joined, "population", qml=str(tmp_path / "joined.gpkg"))
    with pytest.raises(WealthMapError, match="style file and the legend image are the same file"):
        api.bivariate(joined, "population", "households", qml=str(tmp_path / "x.png"),
                      legend_image=str(tmp_path / "x.png"))
    with pytest.raises(QgsProcessingException, match="does not exist"):
        processing.run("wealthmap:choropleth", {"INPUT": joined, "FIELD": "population", "METHOD": 1, "CLASSES": 4,
                                                "RAMP": 0, "OUTPUT": str(tmp_path / "c.gpkg"),
                                                "OUTPUT_QML": missing})
    assert changed(before, snapshot(tmp_path)) <= {"c.gpkg"}
    qml = tmp_path / "style.qml"
    qml.write_text("my old style")
    api.choropleth(joined, "population", qml=str(qml))
    text = qml.read_text()
    assert text.startswith("<!DOCTYPE qgis") and "</qgis>" in text and "<renderer-v2" in text
    assert hidden(tmp_path) == []


def test_export_map_outputs_collide_with_nothing(tmp_path, qgis_app):
    from qgis.core import QgsVectorLayer

    from wealthmap.core.thematic import api

    layer = QgsVectorLayer(DISTRICTS, "districts", "ogr")
    png = str(tmp_path / "map.png")
    with pytest.raises(WealthMapError, match="exported map and the exported map are the same file"):
        api.export_map([layer], [png, str(tmp_path / "." / "map.png")], dpi=30)
    legend = tmp_path / "legend.png"
    legend.write_bytes(b"\x89PNG my legend")
    with pytest.raises(WealthMapError, match="exported map .* is also the legend image"):
        api.export_map([layer], [str(legend)], dpi=30, legend_image=str(legend))
    with pytest.raises(WealthMapError, match="is also the map layer"):
        api.export_map([layer], [DISTRICTS.replace(".gpkg", ".png"), DISTRICTS], dpi=30)
    assert legend.read_bytes() == b"\x89PNG my legend" and not os.path.exists(png)
    with open(png, "wb") as handle:
        handle.write(b"old export")
    api.export_map([layer], [png], dpi=30)
    with open(png, "rb") as handle:
        assert handle.read(8) == b"\x89PNG\r\n\x1a\n"
    assert hidden(tmp_path) == []


# --- wealth --------------------------------------------------------------------------------------
def predict(*args, **kwargs):
    from wealthmap.core.wealth.api import predict_wealth

    kwargs.setdefault("max_chips", 0)
    return predict_wealth(*args, **kwargs)


def test_prediction_never_writes_over_its_imagery_and_a_failed_rerun_keeps_the_output(tmp_path, qgis_app,
                                                                                      processing):
    from qgis.core import QgsProcessingException

    raster = tmp_path / "s2.tif"
    shutil.copy(SAMPLE, raster)
    (tmp_path / "cloud").mkdir()
    before = snapshot(tmp_path)
    with pytest.raises(WealthMapError, match="GeoTIFF .* is also the raster"):  # it overwrote the imagery
        predict(str(raster), output=str(tmp_path / "w.gpkg"), geotiff=str(raster))
    with pytest.raises(WealthMapError, match="GeoTIFF .* is also the raster"):
        predict(str(raster), output=str(tmp_path / "w.gpkg"), geotiff=str(tmp_path / "x" / ".." / "s2.tif"))
    with pytest.raises(QgsProcessingException, match="is also the raster"):
        processing.run("wealthmap:predictwealth", {"INPUT": str(raster), "MAX_CHIPS": 0,
                                                   "OUTPUT": str(tmp_path / "w.gpkg"), "OUTPUT_RASTER": str(raster)})
    assert snapshot(tmp_path) == before
    out, tif = str(tmp_path / "w.gpkg"), str(tmp_path / "w.tif")
    predict(str(raster), output=out, geotiff=tif, region=BOX, region_crs="EPSG:32633")
    kept = snapshot(tmp_path)
    assert count(out) == 15
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from test_wealth_helpers import make_s2

    cloudy = make_s2(tmp_path / "cloud" / "cloudy.tif", cloud_box=(0, 0, 768, 512))
    with pytest.raises(WealthMapError, match="cloudy or without data"):  # every chip is cloudy: found after writing
        predict(cloudy, output=out, geotiff=tif)
    shutil.rmtree(tmp_path / "cloud")
    assert snapshot(tmp_path) == kept, "a failed rerun replaced the previous output"
    predict(str(raster), output=out, geotiff=tif)
    assert changed(kept, snapshot(tmp_path)) == {"w.gpkg", "w.tif"} and count(out) == 18
    assert hidden(tmp_path) == []


def test_unnamed_predictions_go_to_a_bounded_profile_folder(tmp_path, qgis_app):
    result = predict(SAMPLE, region=BOX, region_crs="EPSG:32633")
    folder = outputs.temporary_folder()
    assert result["temporary"] and os.path.dirname(result["output"]) == folder
    assert not os.path.realpath(folder).startswith(os.path.realpath(tempfile.gettempdir()) + os.sep) or \
        "wealthmap" in folder
    assert count(result["output"]) == 15
    # the folder is kept bounded: old files and the oldest beyond the size budget go, recent ones stay
    box = tmp_path / "tmpout"
    box.mkdir()
    now = time.time()
    for name, age_h, size in (("old.gpkg", 24 * 8, 10), ("big1.gpkg", 30, 600), ("big2.gpkg", 26, 600),
                              ("recent.gpkg", 1, 5000)):
        path = box / name
        path.write_bytes(b"x" * size)
        os.utime(path, (now - age_h * 3600, now - age_h * 3600))
    removed = outputs.prune_temporary(str(box), budget=6000, now=now)
    assert sorted(removed) == ["big1.gpkg", "old.gpkg"] and sorted(os.listdir(box)) == ["big2.gpkg", "recent.gpkg"]


def test_training_bundle_folder_never_holds_or_is_an_input(tmp_path, qgis_app, processing):
    pytest.importorskip("sklearn")
    from wealthmap.core.wealth.train_api import train_wealth_model

    work = tmp_path / "work"
    work.mkdir()
    survey = work / "survey.csv"
    shutil.copy(SURVEY, survey)
    raster = work / "s2.tif"
    shutil.copy(SAMPLE, raster)
    before = snapshot(tmp_path)
    with pytest.raises(WealthMapError, match="model bundle folder .* holds the survey"):
        train_wealth_model(str(survey), [str(raster)], value_field="wealth", out_dir=str(work))
    with pytest.raises(WealthMapError, match="model bundle folder .* is also the survey"):
        train_wealth_model(str(survey), [str(raster)], value_field="wealth", out_dir=str(survey))
    with pytest.raises(WealthMapError, match="model bundle folder .* holds the survey"):
        train_wealth_model(str(survey), [str(raster)], value_field="wealth", out_dir=str(tmp_path))
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="holds the survey"):
        processing.run("wealthmap:trainwealthmodel", {"SURVEY_FILE": str(survey), "VALUE_FIELD": "wealth",
                                                      "RASTERS": [str(raster)], "OUTPUT": str(work)})
    assert snapshot(tmp_path) == before


# --- read-only folders -----------------------------------------------------------------------
CHILD_START = r"""
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, {scripts!r})
from demo import start_qgis
start_qgis()
"""


def _unprivileged():
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("setpriv is needed to run the read-only check as an unprivileged user")
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]


def test_read_only_folders_get_a_clear_message(tmp_path, ref_index):
    base = tempfile.mkdtemp(prefix="wealthmap-ro-")
    try:
        os.chmod(base, 0o755)
        locked = os.path.join(base, "locked")
        os.mkdir(locked)
        table = write_csv(os.path.join(base, "in.csv"), [r["address"] for r in reference_rows()[:5]])
        index = os.path.join(base, "ref.sqlite")
        shutil.copy(ref_index, index)
        for path in (base, table, index):
            os.chmod(path, 0o755 if os.path.isdir(path) else 0o644)
        os.chmod(locked, 0o555)
        # as root, chmod does not stop writes: a read-only mount on the folder does (and the child runs as root,
        # so it can read a checkout in a folder other users cannot enter, as a fresh clone under mktemp is);
        # without mount, the child runs as an unprivileged user
        mounted = os.geteuid() == 0 and subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "ro,size=1m", "wealthmap-ro", locked], capture_output=True).returncode == 0
        runner = [] if mounted or os.geteuid() != 0 else _unprivileged()
        code = CHILD_START.format(scripts=os.path.join(ROOT, "scripts")) + r"""
from qgis.core import QgsVectorLayer
from wealthmap.core.errors import WealthMapError
from wealthmap.core.geocode.api import build_address_index, geocode
from wealthmap.core.thematic.api import choropleth, export_map, join_table
from wealthmap.core.wealth.api import predict_wealth
locked = sys.argv[3]
layer = QgsVectorLayer(sys.argv[4], "districts", "ogr")
jobs = [lambda: geocode(sys.argv[1], address_fields="address", index=sys.argv[2], use_gazetteer=False,
                        use_cache=False, output=os.path.join(locked, "o.gpkg")),
        lambda: geocode(sys.argv[1], address_fields="address", index=sys.argv[2], use_gazetteer=False,
                        use_cache=False, unmatched_csv=os.path.join(locked, "u.csv")),
        lambda: build_address_index(sys.argv[6], os.path.join(locked, "i.sqlite"), address_fields="address",
                                    x_field="lon", y_field="lat"),
        lambda: join_table(layer, sys.argv[5], "code", "code", output=os.path.join(locked, "j.gpkg")),
        lambda: choropleth(layer, "code", method="quantile", classes=3, qml=os.path.join(locked, "s.qml")),
        lambda: export_map([layer], os.path.join(locked, "m.png"), dpi=30),
        lambda: predict_wealth(sys.argv[7], output=os.path.join(locked, "w.gpkg"), max_chips=0)]
for job in jobs:
    try:
        job()
        print("WROTE")
    except WealthMapError as err:
        print("MESSAGE", err)
"""
        env = dict(os.environ, HOME=base, QT_QPA_PLATFORM="offscreen")
        # unbuffered: QGIS 3.44 can crash while the process exits, after the jobs ran (buffered lines were lost)
        proc = subprocess.run(runner + [PYTHON, "-u", "-c", code, table, index, locked, DISTRICTS, STATS,
                                        REFERENCE, SAMPLE],
                              capture_output=True, text=True, timeout=180, env=env, cwd=base)
        lines = [ln for ln in proc.stdout.splitlines() if ln.startswith(("MESSAGE", "WROTE"))]
        assert len(lines) == 7, proc.stdout[-2000:] + proc.stderr[-3000:]
        for line in lines:
            assert line.startswith("MESSAGE") and "read-only for you" in line and locked in line, line
            assert "Choose a folder you can write to" in line
        assert os.listdir(locked) == []
    finally:
        if os.geteuid() == 0:
            subprocess.run(["umount", locked], capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


# --- killed reruns ---------------------------------------------------------------------------
KILL_JOBS = {
    "geocode": r"""
from wealthmap.core.geocode.api import geocode
geocode(sys.argv[2], address_fields="address", index=sys.argv[3], use_gazetteer=False, use_cache=False,
        output=sys.argv[1])
""",
    "predict": r"""
from wealthmap.core.wealth.api import predict_wealth
predict_wealth(sys.argv[2], output=sys.argv[1], max_chips=0, batch_size=2)
""",
}


def _mark(target):
    try:
        st_ = os.stat(target)
    except OSError:
        return None
    return (st_.st_ino, st_.st_size, st_.st_mtime_ns)


def _writing(folder, target, first):
    """The job has started to write: a temporary file with data lies beside the output, or the output itself
    changed (or went: what the code before the atomic writer did)."""
    for name in os.listdir(folder):
        if name.startswith(".") and ".wm-" in name:
            try:
                if os.path.getsize(os.path.join(folder, name)) > 0:
                    return True
            except OSError:
                pass
    return _mark(target) != first


def _killed_rerun(job, target, args, delay):
    """Run ``job`` in a subprocess; SIGKILL it ``delay`` seconds after it starts writing (see :func:`_writing`).
    Returns 0 (it ended first), 1 (killed) or 2 (killed while a temporary file was beside the output: in the
    middle of writing)."""
    folder = os.path.dirname(target)
    code = CHILD_START.format(scripts=os.path.join(ROOT, "scripts")) + KILL_JOBS[job]
    first = _mark(target)
    proc = subprocess.Popen([PYTHON, "-c", code, target] + list(args), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    try:
        deadline = time.monotonic() + 240
        while proc.poll() is None and not _writing(folder, target, first) and time.monotonic() < deadline:
            time.sleep(0.002)
        if delay:
            time.sleep(delay)
        killed = proc.poll() is None
        if killed:
            writing = bool(hidden(folder))
            proc.send_signal(signal.SIGKILL)
            killed += writing
        proc.wait(timeout=60)
        return int(killed)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_a_killed_geocode_rerun_leaves_the_old_or_the_new_complete_output(tmp_path, ref_index):
    rows = [r["address"] for r in reference_rows()]
    old_table = write_csv(tmp_path / "old.csv", rows[:300])
    new_table = write_csv(tmp_path / "new.csv", rows * 6)
    target = str(tmp_path / "o.gpkg")
    geocode(old_table, ref_index, output=target)
    old = sha(target)
    kills = []
    for delay in (0.0, 0.005, random.Random(7).uniform(0, 0.05)):
        kills.append(_killed_rerun("geocode", target, [new_table, ref_index], delay))
        n = count(target)
        assert n in (300, len(rows) * 6), (delay, n)
        if n == 300:
            assert sha(target) == old
        else:  # finished before the kill: start again from the old output
            geocode(old_table, ref_index, output=target)
            old = sha(target)
    assert kills.count(2) >= 2, kills  # killed in the middle of writing, at least twice
    # what the killed runs left is removed by the next write
    geocode(new_table, ref_index, output=target)
    assert count(target) == len(rows) * 6 and hidden(tmp_path) == []


def test_a_killed_prediction_rerun_leaves_the_old_or_the_new_complete_output(tmp_path, qgis_app):
    target = str(tmp_path / "w.gpkg")
    predict(SAMPLE, output=target, region=BOX, region_crs="EPSG:32633")
    old = sha(target)
    kills = []
    for delay in (0.0, random.Random(3).uniform(0.02, 0.5)):
        kills.append(_killed_rerun("predict", target, [SAMPLE], delay))
        n = count(target)
        assert n in (15, 18), (delay, n)
        if n == 15:
            assert sha(target) == old
        else:
            predict(SAMPLE, output=target, region=BOX, region_crs="EPSG:32633")
            old = sha(target)
    assert kills.count(2) >= 2, kills
    predict(SAMPLE, output=target)
    assert count(target) == 18 and hidden(tmp_path) == []


BUNDLE_CHILD = r"""
import os, sys
sys.path.insert(0, {scripts!r})
from demo import start_qgis
start_qgis()
from wealthmap.core.wealth.bundle import DEFAULT_BUNDLE, load_bundle, write_bundle
demo = load_bundle(DEFAULT_BUNDLE)
files = {{"embedder_int8.onnx": demo.embedder_path, "embedder_copy.onnx": os.path.join(DEFAULT_BUNDLE, "embedder.onnx"),
          "head.onnx": demo.head_path}}
write_bundle(sys.argv[1], dict(demo.manifest, id=sys.argv[2], status="trained"), files)
"""


def test_a_killed_bundle_write_keeps_the_previous_bundle_and_leaves_nothing(tmp_path, qgis_app):
    """A training killed while it writes its bundle: the previous bundle stays whole and loadable, and what the
    killed run left beside it (a 17 MB folder) is removed by the next write."""
    from wealthmap.core.wealth.bundle import load_bundle

    folder = str(tmp_path / "bundle")
    code = BUNDLE_CHILD.format(scripts=os.path.join(ROOT, "scripts"))
    subprocess.run([PYTHON, "-c", code, folder, "old"], check=True, capture_output=True, timeout=180,
                   env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    kills = []
    for delay in (0.0, 0.02, random.Random(5).uniform(0.0, 0.1)):
        proc = subprocess.Popen([PYTHON, "-c", code, folder, "new"], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
        deadline = time.monotonic() + 180
        while proc.poll() is None and not hidden(tmp_path) and time.monotonic() < deadline:
            time.sleep(0.002)
        time.sleep(delay)
        kills.append(proc.poll() is None and bool(hidden(tmp_path)))
        proc.kill()
        proc.wait(timeout=60)
        bundle = load_bundle(folder)  # whole: every file's sha256 checked
        assert bundle.id in ("old", "new")
        if bundle.id == "new":
            break
    assert any(kills), kills
    subprocess.run([PYTHON, "-c", code, folder, "again"], check=True, capture_output=True, timeout=180,
                   env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert load_bundle(folder).id == "again" and hidden(tmp_path) == []
