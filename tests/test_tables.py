"""core.tables: encodings (UTF-8 with/without BOM, CP949/EUC-KR), delimiters, XLSX, clear errors."""

import os

import pytest

from wealthmap.core.errors import WealthMapError
from wealthmap.core.tables import detect_encoding, layer_rows, load_table, read_csv_rows

ROWS = [("code", "name", "pop"), ("11010", "종로구", "141,223"), ("11020", "중구", "122,499")]


def _write(path, encoding, delimiter=",", bom=False):
    text = "\n".join(delimiter.join('"{}"'.format(c) if "," in c else c for c in row) for row in ROWS) + "\n"
    data = text.encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    with open(path, "wb") as handle:
        handle.write(data)
    return str(path)


@pytest.mark.parametrize(
    "encoding,bom,expected",
    [("utf-8", False, "utf-8"), ("utf-8", True, "utf-8-sig"), ("cp949", False, "cp949"), ("euc-kr", False, "cp949")],
)
def test_detect_encoding_and_read(tmp_path, encoding, bom, expected):
    path = _write(tmp_path / "t.csv", encoding, bom=bom)
    assert detect_encoding(path) == expected
    header, rows = read_csv_rows(path)
    assert header == ["code", "name", "pop"]
    assert rows[0][1] == "종로구" and rows[1][2] == "122,499"


@pytest.mark.parametrize("encoding,bom", [("utf-8", True), ("cp949", False)])
def test_load_table_as_layer_keeps_hangul(qgis_app, tmp_path, encoding, bom):
    path = _write(tmp_path / "t.csv", encoding, delimiter=";", bom=bom)
    layer = load_table(path)
    assert layer.fields().names() == ["code", "name", "pop"]
    rows = layer_rows(layer)
    assert [r["name"] for r in rows] == ["종로구", "중구"]


@pytest.mark.parametrize("name", ["주소 통계.csv", "data (2024).csv"])
def test_load_table_with_non_ascii_or_spaced_file_name(qgis_app, tmp_path, name):
    path = _write(tmp_path / name, "cp949")
    layer = load_table(path)
    assert layer.featureCount() == 2
    assert [r["name"] for r in layer_rows(layer)] == ["종로구", "중구"]


def test_load_xlsx(qgis_app, tmp_path):
    from osgeo import ogr

    path = str(tmp_path / "t.xlsx")
    driver = ogr.GetDriverByName("XLSX")
    ds = driver.CreateDataSource(path)
    lyr = ds.CreateLayer("stats", geom_type=ogr.wkbNone)
    lyr.CreateField(ogr.FieldDefn("code", ogr.OFTString))
    lyr.CreateField(ogr.FieldDefn("name", ogr.OFTString))
    for code, name in (("11010", "종로구"), ("11020", "중구")):
        feat = ogr.Feature(lyr.GetLayerDefn())
        feat.SetField("code", code)
        feat.SetField("name", name)
        lyr.CreateFeature(feat)
    ds = None
    layer = load_table(path)
    assert "name" in layer.fields().names()
    assert sorted(r["name"] for r in layer_rows(layer)) == ["종로구", "중구"]


def test_bad_tables_have_clear_messages(qgis_app, tmp_path):
    with pytest.raises(WealthMapError, match="does not exist"):
        load_table(str(tmp_path / "missing.csv"))
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(WealthMapError, match="empty"):
        load_table(str(empty))
    blank = tmp_path / "blank.csv"
    blank.write_text("\n\n\n")
    with pytest.raises(WealthMapError, match="no header"):
        read_csv_rows(str(blank))
    junk = tmp_path / "junk.bin"
    junk.write_bytes(os.urandom(256))
    with pytest.raises(WealthMapError, match="Could not read"):
        load_table(str(junk))
