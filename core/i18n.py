"""Translation helpers shared by the whole plugin.

Every user-facing string goes through :func:`tr`, which uses one Qt translation
context (``WealthMap``) so that ``scripts/i18n.py`` can extract the strings and
check that the Korean translation (``i18n/ko/*.tsv`` -> ``i18n/wealthmap_ko.ts``
-> ``.qm``) is complete.
"""

import os

from qgis.PyQt.QtCore import QCoreApplication, QLocale, QSettings, QTranslator

CONTEXT = "WealthMap"
I18N_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "i18n")

_translator = None


def tr(text, disambiguation=None, n=-1):
    """Translate ``text`` in the WealthMap context (a no-op when no translation is loaded)."""
    return QCoreApplication.translate(CONTEXT, text, disambiguation, n)


def tr_noop(text):
    """Mark ``text`` for translation without translating it now (translate later with :func:`tr`)."""
    return text


def qgis_locale():
    """The two-letter UI language QGIS uses (its override setting, else the system's)."""
    settings = QSettings()
    override = str(settings.value("locale/overrideFlag", False)).lower() in ("true", "1")
    value = settings.value("locale/userLocale", "") if override else ""
    if not value:
        try:
            from qgis.core import QgsApplication

            value = QgsApplication.locale()
        except Exception:  # noqa: BLE001 - outside a QGIS application
            value = ""
    return str(value or QLocale.system().name())[:2].lower()


def install_translator(locale=None):
    """Load ``i18n/wealthmap_<locale>.qm`` into the application, replacing an earlier one.

    Returns the locale loaded, or ``None`` when there is no translation for it.
    """
    global _translator
    remove_translator()
    locale = (locale or qgis_locale())[:2].lower()
    path = os.path.join(I18N_DIR, "wealthmap_{}.qm".format(locale))
    if not os.path.exists(path):
        return None
    translator = QTranslator()
    if not translator.load(path):
        return None
    QCoreApplication.installTranslator(translator)
    _translator = translator
    return locale


def remove_translator():
    """Remove the translator that :func:`install_translator` installed, if any."""
    global _translator
    if _translator is not None:
        QCoreApplication.removeTranslator(_translator)
        _translator = None
