"""Dependency check messages and typed settings."""

from wealthmap.core import deps, settings


def test_missing_package_gives_install_command(monkeypatch):
    monkeypatch.setitem(deps.PACKAGES, "wealthmap_no_such_module", ("no-such-package", "testing"))
    monkeypatch.setitem(deps.NEEDS, "testjob", ["numpy", "wealthmap_no_such_module"])
    message = deps.missing_message("testjob")
    assert "no-such-package" in message and "pip install" in message and "restart QGIS" in message
    assert "numpy" not in message.split(":")[1].split(".")[0]


def test_real_dependencies_are_present():
    for job in ("geocode", "thematic", "wealth", "train"):
        assert deps.missing_message(job) is None, deps.missing_message(job)


def test_require_raises_user_error(monkeypatch):
    import pytest

    from wealthmap.core.errors import WealthMapError

    monkeypatch.setitem(deps.NEEDS, "testjob", ["wealthmap_no_such_module"])
    with pytest.raises(WealthMapError, match="install"):
        deps.require("testjob")


def test_typed_settings_roundtrip(qgis_app):
    assert settings.WEALTH_MAX_CHIPS.value() == 5000
    settings.WEALTH_MAX_CHIPS.set(123)
    settings.WEALTH_USE_CUDA.set(True)
    try:
        assert settings.WEALTH_MAX_CHIPS.value() == 123
        assert settings.WEALTH_USE_CUDA.value() is True
    finally:
        settings.WEALTH_MAX_CHIPS.reset()
        settings.WEALTH_USE_CUDA.reset()
    assert settings.WEALTH_MAX_CHIPS.value() == 5000
    assert settings.cache_dir()
