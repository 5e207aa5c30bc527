"""Geocoding demo, headless, on sample_data/: build an offline index, geocode two tables, draw a map.

    .venv/bin/python scripts/demo_geocode.py --out /tmp/demo

Writes to ``out_dir``: ``address_index.sqlite`` (from sample_data/addresses_reference_points.csv),
``vaduz_geocoded.gpkg`` + ``vaduz_unmatched.csv`` (sample_data/addresses_vaduz.csv: typos,
abbreviations, reordered parts), ``korean_geocoded.gpkg`` (the CP949 table
sample_data/addresses_kr_cp949.csv, also in EPSG:5179), ``cities_geocoded.gpkg`` (city names with the
bundled world gazetteer only) and ``vaduz_geocoded.png``. No network.
"""

import argparse
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "sample_data")


def _app():
    from qgis.core import QgsApplication

    if QgsApplication.instance() is None:
        from qgis.testing import start_app

        start_app()


def _render(layer, path):
    from qgis.core import QgsMapRendererParallelJob, QgsMapSettings, QgsMarkerSymbol, QgsSingleSymbolRenderer
    from qgis.PyQt.QtCore import QSize
    from qgis.PyQt.QtGui import QColor

    layer.setRenderer(QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple(
        {"name": "circle", "color": "#d7301f", "size": "3", "outline_color": "white"})))
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(layer.crs())
    extent = layer.extent()
    extent.scale(1.2)
    settings.setExtent(extent)
    settings.setOutputSize(QSize(800, 600))
    settings.setBackgroundColor(QColor("white"))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    job.renderedImage().save(path, "PNG")
    return path


def run(out_dir):
    """Run the demo into ``out_dir``; returns a summary dict."""
    if ROOT not in sys.path:
        sys.path.insert(0, ROOT)
    import conftest  # noqa: F401 - registers the package as ``wealthmap``

    _app()
    import wealthmap.api as wm

    os.makedirs(out_dir, exist_ok=True)
    cache = os.path.join(out_dir, "geocode_cache.sqlite")
    index = wm.build_address_index(os.path.join(SAMPLE, "addresses_reference_points.csv"),
                                   os.path.join(out_dir, "address_index.sqlite"), address_fields=["address"],
                                   x_field="lon", y_field="lat", country_field="country")
    vaduz = wm.geocode(os.path.join(SAMPLE, "addresses_vaduz.csv"), address_fields=["street", "city"],
                       index=index["path"], output=os.path.join(out_dir, "vaduz_geocoded.gpkg"),
                       unmatched_csv=os.path.join(out_dir, "vaduz_unmatched.csv"), cache_path=cache)
    korean = wm.geocode(os.path.join(SAMPLE, "addresses_kr_cp949.csv"), address_fields=["주소"], index=index["path"],
                        output=os.path.join(out_dir, "korean_geocoded.gpkg"), crs="EPSG:5179", cache_path=cache)
    cities_csv = os.path.join(out_dir, "cities.csv")
    with open(cities_csv, "w", encoding="utf-8") as handle:
        handle.write("place\nSeoul\n서울특별시\n부산광역시\nBerlin\nNairobi\n\"Lima, Peru\"\nPariss\n")
    cities = wm.geocode(cities_csv, address_fields=["place"], output=os.path.join(out_dir, "cities_geocoded.gpkg"),
                        cache_path=cache)
    png = _render(vaduz["layer"], os.path.join(out_dir, "vaduz_geocoded.png"))
    summary = {"index_rows": index["rows"], "vaduz": vaduz["counts"], "korean": korean["counts"],
               "cities": cities["counts"], "png": png}
    with open(os.path.join(out_dir, "geocode_summary.json"), "w", encoding="utf-8") as handle:
        json.dump(summary, handle, indent=2, ensure_ascii=False)
    return summary


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(ROOT, "demo_output", "geocode"))
    print(json.dumps(run(parser.parse_args().out), indent=2, ensure_ascii=False))
