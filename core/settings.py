"""Typed plugin settings, all in one place.

Values live in QGIS's settings under ``WealthMap/``. Secrets never go here: API keys
are stored in QGIS's authentication database and only their ``authcfg`` id is kept
(see ``core/geocode``). Project-specific choices (last layer, field, ...) are stored
in the project with :func:`project_value` / :func:`set_project_value`.
"""

import os

from qgis.core import QgsApplication, QgsProject, QgsSettings

PREFIX = "WealthMap/"


class Setting:
    """One typed setting with a default; ``value()`` reads, ``set()`` writes."""

    def __init__(self, key, default, kind=str, description=""):
        self.key = PREFIX + key
        self.default = default
        self.kind = kind
        self.description = description

    def value(self):
        raw = QgsSettings().value(self.key, self.default)
        if raw is None:
            return self.default
        try:
            if self.kind is bool:
                return raw if isinstance(raw, bool) else str(raw).lower() in ("1", "true", "yes")
            return self.kind(raw)
        except (TypeError, ValueError):
            return self.default

    def set(self, value):
        QgsSettings().setValue(self.key, self.kind(value))

    def reset(self):
        QgsSettings().remove(self.key)


def profile_dir():
    """The active QGIS profile folder (falls back to the user's home in bare scripts)."""
    path = QgsApplication.qgisSettingsDirPath() or os.path.expanduser("~/.wealthmap")
    return path


def data_dir(*parts):
    """A folder for WealthMap's own data in the profile (created on demand)."""
    path = os.path.join(profile_dir(), "wealthmap", *parts)
    os.makedirs(path, exist_ok=True)
    return path


# --- general -----------------------------------------------------------------------------
LOG_LEVEL = Setting("general/log_level", "info", str, "Messages written to the WealthMap log tab")

# --- geocoding ---------------------------------------------------------------------------
GEOCODE_PROVIDER = Setting("geocode/provider", "offline", str, "Default geocoding provider")
GEOCODE_CACHE_DIR = Setting("geocode/cache_dir", "", str, "Geocoding cache folder (empty: in the profile)")
GEOCODE_TIMEOUT = Setting("geocode/timeout_s", 20.0, float, "HTTP timeout per request, seconds")
GEOCODE_RETRIES = Setting("geocode/retries", 3, int, "Retries per request on timeouts, 429 and 5xx")

# --- thematic maps -----------------------------------------------------------------------
THEMATIC_EXPORT_DPI = Setting("thematic/export_dpi", 300, int, "Resolution of exported maps")

# --- wealth from imagery -----------------------------------------------------------------
WEALTH_MAX_CHIPS = Setting("wealth/max_chips", 5000, int, "Ask before predicting more chips than this")
WEALTH_USE_CUDA = Setting("wealth/use_cuda", False, bool, "Use CUDA for inference when available")
WEALTH_MAX_CLOUD = Setting("wealth/max_cloud_fraction", 0.3, float, "Skip chips cloudier than this")
WEALTH_MIN_VALID = Setting("wealth/min_valid_fraction", 0.7, float, "Skip chips with fewer valid pixels")
WEALTH_MODEL_DIR = Setting("wealth/model_dir", "", str, "Model bundle folder (empty: the bundled one)")

ALL = [value for value in list(globals().values()) if isinstance(value, Setting)]


def cache_dir():
    """Folder for the persistent geocoding cache."""
    return GEOCODE_CACHE_DIR.value() or data_dir("cache")


def project_value(key, default=None):
    """Read a WealthMap value stored in the current project."""
    value, ok = QgsProject.instance().readEntry("WealthMap", key, "" if default is None else str(default))
    return value if ok else default


def set_project_value(key, value):
    """Store a WealthMap value in the current project (saved with the .qgz)."""
    QgsProject.instance().writeEntry("WealthMap", key, "" if value is None else str(value))
