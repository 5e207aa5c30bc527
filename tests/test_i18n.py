"""Korean translation: complete, compiled, and shown on the docks when QGIS speaks Korean."""

import os
import re
import subprocess
import sys

from qgis.PyQt.QtWidgets import QLabel, QPushButton

from wealthmap.core import i18n

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_translation_is_complete():
    result = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "i18n.py"), "check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_docks_speak_korean(qgis_iface):
    assert os.path.exists(os.path.join(ROOT, "i18n", "wealthmap_ko.qm")), "run `make i18n`"
    assert i18n.install_translator("ko") == "ko"
    try:
        assert i18n.tr("Cancel") == "취소"
        from wealthmap.ui.geocode_dock import GeocodeDock
        from wealthmap.ui.thematic_dock import ThematicDock
        from wealthmap.ui.wealth_dock import WealthDock

        for cls in (GeocodeDock, ThematicDock, WealthDock):
            dock = cls(qgis_iface)
            texts = [w.text() for w in dock.findChildren(QLabel) + dock.findChildren(QPushButton)]
            texts.append(dock.windowTitle())
            hangul = [t for t in texts if any("\uac00" <= ch <= "\ud7a3" for ch in t)]
            assert hangul, "no Korean text on {}: {}".format(cls.__name__, texts)
            assert "취소" in texts
            dock.deleteLater()
    finally:
        i18n.remove_translator()
    assert i18n.tr("Cancel") == "Cancel"


def test_plugin_follows_qgis_locale(qgis_iface):
    from qgis.PyQt.QtCore import QSettings

    import wealthmap

    settings = QSettings()
    old = (settings.value("locale/overrideFlag"), settings.value("locale/userLocale"))
    settings.setValue("locale/overrideFlag", True)
    settings.setValue("locale/userLocale", "ko_KR")
    try:
        plugin = wealthmap.classFactory(qgis_iface)
        assert plugin.translation == "ko"
        plugin.initGui()
        assert plugin.action("geocode").text() == "지오코딩"
        plugin.unload()
        assert i18n.tr("Cancel") == "Cancel"
    finally:
        settings.setValue("locale/overrideFlag", old[0] if old[0] is not None else False)
        settings.setValue("locale/userLocale", old[1] or "")


ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")
#: Names that stay as they are in Korean text: products, formats, units, band and field names.
KEEP = {"WealthMap", "Sentinel", "EPSG", "GeoPackage", "GeoTIFF", "RMSE", "ONNX", "OpenStreetMap", "osm", "pbf",
        "CUDA", "QGIS", "NDVI", "NDBI", "NDWI", "km", "STAC"}


def english_words(text):
    """The English words left in ``text`` once paths, HTML tags and the names that stay are taken out."""
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"(/[^\s,;()]+)+", " ", text)  # file paths
    text = re.sub(r"[\w.-]*[_\d][\w.-]*", " ", text)  # identifiers, file names, model ids: sentinel2_berlin.tif
    return sorted({w for w in ENGLISH_WORD.findall(text) if w not in KEEP})


def test_texts_built_at_run_time_are_korean(qgis_iface, tmp_path):
    """Summaries, model labels read from manifests, Processing group names: no English word left in Korean."""
    assert i18n.install_translator("ko") == "ko"
    try:
        from wealthmap.algorithms.provider import algorithm_classes
        from wealthmap.core.geocode.api import geocode
        from wealthmap.core.wealth.bundle import load_bundle, weak_warning
        from wealthmap.core.wealth.predict import predict
        from wealthmap.ui.wealth_predict_widget import prediction_summary

        result = predict(None, os.path.join(ROOT, "sample_data", "sentinel2_berlin.tif"),
                         region=(330000.0, 5815000.0, 340000.0, 5825000.0), region_crs="EPSG:32633",
                         output=str(tmp_path / "w.gpkg"))
        texts = {"prediction summary": prediction_summary(result), "abstract": result["abstract"],
                 "demo label": load_bundle().label(), "units": load_bundle().units,
                 "weak warning": weak_warning({"model": {"r2": 0.4}, "baselines": {"urban_rural_mean": {"r2": 0.7}}})}
        for cls in algorithm_classes():
            alg = cls()
            texts["group of " + alg.name()] = alg.group()
        table = tmp_path / "a.csv"
        table.write_text("street,city\nÄulestrasse 22,Vaduz\nLandstr. 11,Vaduz\nNowhere 1,Vaduz\n", encoding="utf-8")
        found = geocode(str(table), address_fields=["street"], use_cache=False)
        texts["geocode summary"] = found["summary"]
        texts["index hint"] = found["hint"] or ""
        from wealthmap.core.geocode.style import MATCH_TYPE_LABELS, match_type_label

        for code in MATCH_TYPE_LABELS:  # the review's candidate list: "0.96  Aeulestrasse 22  (도로)"
            texts["match type " + code] = match_type_label(code)
        left = {k: english_words(v) for k, v in texts.items() if english_words(v)}
        assert not left, left
    finally:
        i18n.remove_translator()
