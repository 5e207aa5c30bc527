"""The WealthMap plugin: toolbar, menu, three docks, settings page and Processing provider."""

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QAction

from .core.i18n import install_translator, remove_translator, tr
from .ui.icons import icon

MENU = "&WealthMap"


def dock_class(key):
    """The dock class of a job (imported on demand)."""
    if key == "geocode":
        from .ui.geocode_dock import GeocodeDock

        return GeocodeDock
    if key == "thematic":
        from .ui.thematic_dock import ThematicDock

        return ThematicDock
    from .ui.wealth_dock import WealthDock

    return WealthDock


class WealthMapPlugin:
    """Created by :func:`classFactory`; QGIS calls :meth:`initGui` and :meth:`unload`."""

    def __init__(self, iface):
        self.iface = iface
        self.toolbar = None
        self.actions = []
        self.docks = {}
        self.provider = None
        self.options_factory = None
        self.translation = install_translator()

    # --- QGIS plugin interface -------------------------------------------------------
    def initProcessing(self):  # noqa: N802 - QGIS API
        """Register the Processing provider (also called by qgis_process without a GUI)."""
        if self.provider is None:
            from .algorithms.provider import WealthMapProvider

            self.provider = WealthMapProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):  # noqa: N802 - QGIS API
        self.initProcessing()
        self.toolbar = self.iface.addToolBar("WealthMap")
        self.toolbar.setObjectName("WealthMapToolbar")
        self.toolbar.setToolTip(tr("WealthMap toolbar"))
        for key, icon_name, text, tip in (
            ("geocode", "geocode", tr("Geocode"), tr("Batch geocode an address table")),
            ("thematic", "thematic", tr("Thematic maps"), tr("Choropleth and chart maps from a statistics table")),
            ("wealth", "wealth", tr("Wealth"), tr("Predict a wealth index from Sentinel-2 imagery, or train a model")),
        ):
            action = QAction(icon(icon_name), text, self.iface.mainWindow())
            action.setObjectName("WealthMapAction_" + key)
            action.setToolTip(tip)
            action.setCheckable(True)
            action.toggled.connect(lambda checked, k=key: self.toggle_dock(k, checked))
            self.toolbar.addAction(action)
            self.iface.addPluginToMenu(MENU, action)
            self.actions.append(action)
        settings_action = QAction(icon("wealthmap"), tr("Settings…"), self.iface.mainWindow())
        settings_action.setObjectName("WealthMapAction_settings")
        settings_action.triggered.connect(self.show_settings)
        self.iface.addPluginToMenu(MENU, settings_action)
        self.actions.append(settings_action)
        from .ui.settings_page import WealthMapOptionsFactory

        self.options_factory = WealthMapOptionsFactory()
        self.iface.registerOptionsWidgetFactory(self.options_factory)
        for key in ("geocode", "thematic", "wealth"):
            self.dock(key).hide()

    def unload(self):
        for dock in self.docks.values():
            if hasattr(dock, "cleanup"):
                dock.cleanup()
            dock.detach_task()
            self.iface.removeDockWidget(dock)
            dock.setParent(None)
            dock.deleteLater()
        self.docks = {}
        for action in self.actions:
            self.iface.removePluginMenu(MENU, action)
            if self.toolbar is not None:
                self.toolbar.removeAction(action)
            action.deleteLater()
        self.actions = []
        if self.toolbar is not None:
            self.toolbar.setParent(None)
            self.toolbar.deleteLater()
            self.toolbar = None
        if self.options_factory is not None:
            self.iface.unregisterOptionsWidgetFactory(self.options_factory)
            self.options_factory = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        remove_translator()

    # --- docks -------------------------------------------------------------------------
    def dock(self, key):
        """The dock for ``key`` (``geocode``, ``thematic`` or ``wealth``), created on first use."""
        if key not in self.docks:
            dock = dock_class(key)(self.iface, self.iface.mainWindow())
            dock.hide()
            first = next(iter(self.docks.values()), None)
            # Registered before it is added: adding a dock to a visible window emits
            # visibilityChanged, which checks the action, which asks for this dock again.
            self.docks[key] = dock
            self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            if first is not None and hasattr(self.iface.mainWindow(), "tabifyDockWidget"):
                self.iface.mainWindow().tabifyDockWidget(first, dock)
            dock.visibilityChanged.connect(lambda visible, k=key: self.dock_visibility_changed(k, visible))
        return self.docks[key]

    def dock_visibility_changed(self, key, visible):
        """Keep the toolbar button in step with the dock: checked while the dock is open, also when it is a tab
        behind another WealthMap dock (hidden tabs say they are not visible; unchecking would close them)."""
        action, dock = self.action(key), self.docks.get(key)
        if action is None or dock is None:
            return
        checked = bool(visible) or not dock.isHidden()
        if action.isChecked() != checked:
            action.blockSignals(True)
            action.setChecked(checked)
            action.blockSignals(False)

    def action(self, key):
        for action in self.actions:
            if action.objectName() == "WealthMapAction_" + key:
                return action
        return None

    def toggle_dock(self, key, visible):
        if visible:
            dock = self.dock(key)
            first_time = not getattr(dock, "_sized", False)
            window = self.iface.mainWindow()
            # docks opened together form tabs (they used to stack, squeezing the second and third)
            others = [d for k, d in self.docks.items() if k != key and not d.isHidden() and not d.isFloating()]
            dock.show()
            if others and hasattr(window, "tabifyDockWidget") and dock not in window.tabifiedDockWidgets(others[0]):
                window.tabifyDockWidget(others[0], dock)
            dock.raise_()
            if first_time and hasattr(window, "resizeDocks"):
                dock._sized = True
                window.resizeDocks([dock], [max(dock.width(), 420)], Qt.Orientation.Horizontal)
        elif key in self.docks:
            self.docks[key].hide()

    def show_settings(self):
        self.iface.showOptionsDialog(self.iface.mainWindow(), "WealthMapOptionsPage")
