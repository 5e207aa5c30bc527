"""Korean translation: complete, compiled, and shown on the docks when QGIS speaks Korean."""

import os
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
