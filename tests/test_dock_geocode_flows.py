"""Geocode dock: Korean/space paths, rerun to the same file, table with Korean name."""

import time

import pytest
from qgis.core import QgsProject
from qgis.PyQt.QtCore import QCoreApplication


def wait(dock, timeout=60):
    deadline = time.monotonic() + timeout
    while dock.task is not None:
        QCoreApplication.processEvents()
        assert time.monotonic() < deadline
        time.sleep(0.01)
    QCoreApplication.processEvents()


@pytest.fixture
def dock(qgis_iface, tmp_path):
    from wealthmap.core import settings
    from wealthmap.ui.geocode_dock import GeocodeDock

    settings.GEOCODE_CACHE_DIR.set(str(tmp_path / "cache"))
    d = GeocodeDock(qgis_iface)
    yield d
    d.cleanup()
    settings.GEOCODE_CACHE_DIR.reset()
    settings.GEOCODE_PROVIDER.reset()
    QgsProject.instance().removeAllMapLayers()


def _table(tmp_path, name="juso.csv"):
    src = tmp_path / name
    src.parent.mkdir(parents=True, exist_ok=True)
    src.write_text("id,address\n1,Seoul\n2,Montgomery\n3,nowhere 99\n", encoding="utf-8")
    return str(src)


def test_korean_output_path_with_spaces(dock, tmp_path):
    dock.add_table(_table(tmp_path))
    out = tmp_path / "내 결과 폴더" / "지오코딩 결과.gpkg"
    out.parent.mkdir()
    dock.output_file.setFilePath(str(out))
    dock.unmatched_check.setChecked(True)
    assert dock.run() is not None
    wait(dock)
    print("status:", dock.status.text())
    assert dock.result is not None, dock.status.text()
    assert dock.output_layer.isValid() and dock.output_layer.featureCount() == 3
    print("layer name:", dock.output_layer.name())


def test_korean_table_name(dock, tmp_path):
    layer = dock.add_table(_table(tmp_path / "주소 목록", "주소 파일.csv"))
    print("status:", dock.status.text())
    assert layer is not None, dock.status.text()


def test_rerun_same_output(dock, tmp_path):
    dock.add_table(_table(tmp_path))
    dock.output_file.setFilePath(str(tmp_path / "out.gpkg"))
    dock.run()
    wait(dock)
    dock.run()
    wait(dock)
    print("status:", dock.status.text())
    names = [lyr.name() for lyr in QgsProject.instance().mapLayers().values()]
    print("layers:", names)
    assert dock.output_layer is not None and dock.output_layer.isValid()
    assert names.count("juso geocoded") == 1, "the output layer is added to the project once per run"
