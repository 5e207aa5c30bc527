"""The plugin shell: load through classFactory, toolbar/menu/docks/provider, clean unload."""

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QEvent
from qgis.PyQt.QtWidgets import QDockWidget, QToolBar

import wealthmap


def _flush_deletes():
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


def _counts(iface):
    window = iface.mainWindow()
    return {
        "toolbars": len([t for t in window.findChildren(QToolBar) if t.objectName() == "WealthMapToolbar"]),
        "docks": len([d for d in window.findChildren(QDockWidget) if d.objectName().startswith("WealthMap")]),
        "providers": 1 if QgsApplication.processingRegistry().providerById("wealthmap") else 0,
    }


def test_load_and_unload_leaves_nothing(qgis_iface):
    before = _counts(qgis_iface)
    assert before == {"toolbars": 0, "docks": 0, "providers": 0}
    plugin = wealthmap.classFactory(qgis_iface)
    plugin.initGui()
    loaded = _counts(qgis_iface)
    assert loaded == {"toolbars": 1, "docks": 3, "providers": 1}
    names = sorted(a.objectName() for a in plugin.actions)
    assert names == sorted(
        ["WealthMapAction_geocode", "WealthMapAction_thematic", "WealthMapAction_wealth", "WealthMapAction_settings"]
    )
    toolbar_actions = [a.objectName() for a in plugin.toolbar.actions()]
    assert toolbar_actions == ["WealthMapAction_geocode", "WealthMapAction_thematic", "WealthMapAction_wealth"]
    provider = QgsApplication.processingRegistry().providerById("wealthmap")
    assert provider.name() == "WealthMap" and not provider.icon().isNull()
    # The toolbar button opens its dock; unchecking hides it again.
    plugin.action("thematic").setChecked(True)
    assert not plugin.docks["thematic"].isHidden()
    plugin.action("thematic").setChecked(False)
    assert plugin.docks["thematic"].isHidden()
    plugin.unload()
    _flush_deletes()
    assert _counts(qgis_iface) == before
    assert plugin.actions == [] and plugin.docks == {}
    # Reloading works (the plugin reloader does unload + classFactory + initGui).
    again = wealthmap.classFactory(qgis_iface)
    again.initGui()
    assert _counts(qgis_iface) == {"toolbars": 1, "docks": 3, "providers": 1}
    again.unload()
    _flush_deletes()
    assert _counts(qgis_iface) == before


def test_init_processing_alone_registers_provider(qgis_iface):
    """qgis_process calls initProcessing() without initGui()."""
    plugin = wealthmap.classFactory(qgis_iface)
    plugin.initProcessing()
    try:
        assert QgsApplication.processingRegistry().providerById("wealthmap") is not None
    finally:
        plugin.unload()
    assert QgsApplication.processingRegistry().providerById("wealthmap") is None


def test_icons_exist_and_are_listed_in_qrc():
    import os
    import xml.etree.ElementTree as ET

    from wealthmap.ui.icons import icon, icon_path

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    listed = {f.text for f in ET.parse(os.path.join(root, "resources.qrc")).iter("file")}
    for name in ("wealthmap", "geocode", "thematic", "wealth"):
        assert os.path.exists(icon_path(name))
        assert "icons/{}.svg".format(name) in listed
        assert not icon(name).isNull()


def test_metadata_is_complete():
    import configparser
    import os

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    meta = configparser.ConfigParser()
    meta.read(os.path.join(root, "metadata.txt"), encoding="utf-8")
    general = meta["general"]
    for key in ("name", "qgisMinimumVersion", "qgisMaximumVersion", "description", "about", "version", "author",
                "email", "tags", "homepage", "tracker", "repository", "icon", "license", "hasProcessingProvider"):
        assert general.get(key), key
    assert general["name"] == "WealthMap"
    assert general["qgisMinimumVersion"] == "3.22" and general["qgisMaximumVersion"] == "4.99"
    assert general["hasProcessingProvider"] == "yes"
    assert os.path.exists(os.path.join(root, general["icon"]))
    assert os.path.exists(os.path.join(root, "LICENSE"))
