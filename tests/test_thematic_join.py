"""Thematic join: key normalisation, report, numbers with separators, encodings, bad input."""

import os

import pytest
from qgis.core import NULL, QgsFeature, QgsGeometry, QgsVectorLayer

from wealthmap.core.errors import WealthMapError
from wealthmap.core.thematic import api
from wealthmap.core.thematic.join import normalise_key, parse_number

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def grid_layer(codes, key_type="integer", crs="EPSG:5186"):
    layer = QgsVectorLayer("Polygon?crs={}&field=code:{}&field=name:string".format(crs, key_type), "districts",
                           "memory")
    provider = layer.dataProvider()
    features = []
    for i, code in enumerate(codes):
        feature = QgsFeature(layer.fields())
        x, y = 190000 + (i % 5) * 1000, 540000 + (i // 5) * 1000
        feature.setGeometry(QgsGeometry.fromWkt("POLYGON(({0} {1},{2} {1},{2} {3},{0} {3},{0} {1}))".format(
            x, y, x + 1000, y + 1000)))
        feature.setAttributes([code, "구{}".format(i)])
        features.append(feature)
    provider.addFeatures(features)
    layer.updateExtents()
    return layer


def write_csv(path, text, encoding="utf-8", bom=False):
    data = text.encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    with open(path, "wb") as handle:
        handle.write(data)
    return str(path)


def test_key_normalisation():
    assert normalise_key(" 01101 ") == "1101" == normalise_key(1101) == normalise_key(1101.0) == normalise_key("1101.0")
    assert normalise_key("Seoul ") == normalise_key("SEOUL")
    assert normalise_key("  ") is None and normalise_key(None) is None
    assert normalise_key("01101", options=("trim",)) == "01101"


def test_parse_number():
    assert parse_number("1,234,567") == 1234567
    assert parse_number(" -1,000.5 ") == -1000.5
    assert parse_number("12.5%") == 12.5
    assert parse_number("-") is None and parse_number("X") is None and parse_number("") is None
    with pytest.raises(ValueError):
        parse_number("12,34")
    with pytest.raises(ValueError):
        parse_number("서울")


@pytest.mark.parametrize("encoding,bom", [("utf-8", False), ("utf-8", True), ("cp949", False), ("euc-kr", False)])
def test_join_cp949_and_utf8_tables(qgis_app, tmp_path, encoding, bom):
    layer = grid_layer([11010, 11020, 11030, 11040])
    csv = write_csv(tmp_path / "stats.csv",
                    'code,이름,population,rate\n011010,종로구,"141,223",1.5\n11020 ,중구,"122,499",X\n'
                    '11030,용산구,"9,876",2.25\n99999,없는구,"1,000",3\n', encoding, bom)
    before = [f.attributes() for f in layer.getFeatures()]
    result = api.join_table(layer, csv, "code", "code")
    report = result.report
    assert report["matched_features"] == 3 and report["unmatched_features"] == [11040]
    assert report["unmatched_rows"] == ["99999"]
    assert set(report["numeric_fields"]) == {"population", "rate"}
    assert report["encoding"] == ("utf-8-sig" if bom else "utf-8" if encoding == "utf-8" else "cp949")
    joined = {f["code"]: f for f in result.layer.getFeatures()}
    assert joined[11010]["이름"] == "종로구"
    assert joined[11010]["population"] == 141223 and joined[11030]["rate"] == 2.25
    assert joined[11020]["rate"] in (None, NULL)  # 'X' is a suppressed value
    assert result.layer.fields().field("population").typeName().lower() in ("int8", "integer64")
    # the input is never edited
    assert [f.attributes() for f in layer.getFeatures()] == before
    assert len(layer.fields()) == 2
    assert "Matched 3 of 4" in result.summary


def test_join_to_geopackage_with_text_layer_keys(qgis_app, tmp_path):
    layer = grid_layer(["0011", "0012", "13"], "string")
    csv = write_csv(tmp_path / "t.csv", "code,name,value\n11,a,1\n12,b,2\n13,c,3\n")
    out = str(tmp_path / "joined.gpkg")
    result = api.join_table(layer, csv, "code", "code", output=out)
    assert result.path == out and os.path.exists(out)
    reopened = QgsVectorLayer(out, "j", "ogr")
    assert reopened.featureCount() == 3
    assert sorted(f["value"] for f in reopened.getFeatures()) == [1, 2, 3]
    assert "name_2" in reopened.fields().names()  # clash with the layer's field renamed


def test_join_xlsx(qgis_app, tmp_path):
    from osgeo import ogr

    path = str(tmp_path / "t.xlsx")
    ds = ogr.GetDriverByName("XLSX").CreateDataSource(path)
    lyr = ds.CreateLayer("stats", geom_type=ogr.wkbNone)
    lyr.CreateField(ogr.FieldDefn("code", ogr.OFTString))
    lyr.CreateField(ogr.FieldDefn("pop", ogr.OFTString))
    for code, pop in (("11010", "1,200"), ("11020", "3,400")):
        feat = ogr.Feature(lyr.GetLayerDefn())
        feat.SetField("code", code)
        feat.SetField("pop", pop)
        lyr.CreateFeature(feat)
    ds = None
    result = api.join_table(grid_layer([11010, 11020]), path, "code", "code")
    assert sorted(f["pop"] for f in result.layer.getFeatures()) == [1200, 3400]


def test_duplicate_keys(qgis_app, tmp_path):
    layer = grid_layer([1, 2, 2])
    csv = write_csv(tmp_path / "d.csv", "code,v\n1,10\n1,11\n2,20\n")
    with pytest.raises(WealthMapError, match=r"1 duplicate keys in 'code' \(e.g. 1\)"):
        api.join_table(layer, csv, "code", "code")
    result = api.join_table(layer, csv, "code", "code", on_duplicate="first")
    assert result.report["duplicate_table_keys"] == ["1"]
    assert result.report["duplicate_layer_keys"] == ["2"]
    assert sorted(f["v"] for f in result.layer.getFeatures()) == [10, 20, 20]


def test_repeated_and_empty_column_names_keep_every_column(qgis_app, tmp_path):
    """A table with the same column name twice (and a column without a name) keeps every column's values:
    the first 'pop' column's values used to be lost to the second one's."""
    layer = grid_layer([1, 2])
    csv = write_csv(tmp_path / "dup.csv", "code,pop,pop,\n1,5,50,7\n2,6,60,8\n")
    result = api.join_table(layer, csv, "code", "code")
    rows = sorted((f["code"], f["pop"], f["pop_2"], f["field_4"]) for f in result.layer.getFeatures())
    assert rows == [(1, 5, 50, 7), (2, 6, 60, 8)]


def test_mixed_encodings_are_refused_not_garbled(qgis_app, tmp_path):
    """A CSV whose lines are partly UTF-8 and partly CP949 is refused, naming the line: it used to be read as
    Latin-1, garbling every Korean text without a word. A real Latin-1 file still reads."""
    from wealthmap.core.tables import detect_encoding

    mixed = tmp_path / "mixed.csv"
    mixed.write_bytes("code,name\n1,가온구\n".encode() + "2,나온구\n".encode("cp949") +
                      "3,다온구\n".encode())
    with pytest.raises(WealthMapError, match="mixes encodings: line 3 is CP949/EUC-KR"):
        api.join_table(grid_layer([1, 2, 3]), str(mixed), "code", "code")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("code,name\n1,München\n2,Genève\n".encode("latin-1"))
    assert detect_encoding(str(latin)) == "cp1252"  # Windows-1252, the superset of Latin-1 Windows writes
    result = api.join_table(grid_layer([1, 2]), str(latin), "code", "code")
    assert sorted(f["name_2"] for f in result.layer.getFeatures()) == ["Genève", "München"]


def test_european_numbers_are_read_as_numbers(qgis_app, tmp_path):
    """A semicolon CSV written the European way ("1.234,5", "0,5") gives numbers, not text columns (and
    "1.234" beside "0,5" is 1234, not 1.234)."""
    csv = write_csv(tmp_path / "eu.csv", "code;rate;pop\n1;0,5;1.234\n2;12,25;987\n3;-;1.000.000\n")
    result = api.join_table(grid_layer([1, 2, 3]), csv, "code", "code")
    rows = sorted((f["code"], f["rate"], f["pop"]) for f in result.layer.getFeatures())
    assert [r[1:] for r in rows] == [(0.5, 1234), (12.25, 987), (NULL, 1000000)]
    mixed = write_csv(tmp_path / "mixed.csv", "code;v\n1;1.234,5\n2;0,5\n3;7\n")
    result = api.join_table(grid_layer([1, 2, 3]), mixed, "code", "code")
    assert sorted(f["v"] for f in result.layer.getFeatures()) == [0.5, 7.0, 1234.5]


def test_bad_joins_have_clear_messages(qgis_app, tmp_path):
    layer = grid_layer([1, 2])
    csv = write_csv(tmp_path / "t.csv", "code,v\n1,10\n")
    with pytest.raises(WealthMapError, match="key field 'nope' is not in the layer"):
        api.join_table(layer, csv, "nope", "code")
    with pytest.raises(WealthMapError, match="key column 'id' is not in the table"):
        api.join_table(layer, csv, "code", "id")
    with pytest.raises(WealthMapError, match="does not exist"):
        api.join_table(layer, str(tmp_path / "missing.csv"), "code", "code")
    with pytest.raises(WealthMapError, match="No table row matched"):
        api.join_table(layer, write_csv(tmp_path / "x.csv", "code,v\n7,1\n"), "code", "code")
    with pytest.raises(WealthMapError, match="has no features"):
        api.join_table(grid_layer([]), csv, "code", "code")
    with pytest.raises(WealthMapError, match="header but no rows"):
        api.join_table(layer, write_csv(tmp_path / "h.csv", "code,v\n"), "code", "code")
    with pytest.raises(WealthMapError, match="must be a GeoPackage"):
        api.join_table(layer, csv, "code", "code", output=str(tmp_path / "out.shp"))
    with pytest.raises(WealthMapError, match="Unknown text encoding 'bogus'. Leave it empty to detect it"):
        api.join_table(layer, csv, "code", "code", encoding="bogus")


def test_sample_data_join(qgis_app):
    layer = QgsVectorLayer(os.path.join(ROOT, "sample_data", "thematic_districts.gpkg"), "d", "ogr")
    result = api.join_table(layer, os.path.join(ROOT, "sample_data", "thematic_stats_cp949.csv"), "code", "code")
    assert result.report["encoding"] == "cp949"
    assert result.report["matched_features"] == 29
    assert any(f["name_2"] == "가온구" for f in result.layer.getFeatures())
