#!/usr/bin/env python3
"""Headless demo of wealth prediction on ``sample_data/sentinel2_berlin.tif``.

Writes to ``out_dir``: ``wealth_demo.gpkg`` (styled chip layer), ``wealth_demo.tif`` (Float32,
one pixel per chip), ``wealth_demo.png`` (the styled chips over the true-colour raster) and
``wealth_demo.json`` (the summary). The bundled head is a demonstration model, not a wealth
estimate: it predicts the built-up share of each 2.56 km chip.

    .venv/bin/python scripts/demo_wealth.py --out /tmp/x
"""

import argparse
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "sample_data", "sentinel2_berlin.tif")


def _app():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if ROOT not in sys.path:
        sys.path.insert(0, ROOT)
    from qgis.core import QgsApplication

    import conftest  # noqa: F401 - registers the repository as the ``wealthmap`` package

    if QgsApplication.instance() is None:
        from qgis.testing import start_app

        start_app()


def render_png(result, path, size=(1200, 640)):
    """The styled chip layer over a true-colour rendering of the raster."""
    from qgis.core import (
        QgsMapRendererSequentialJob,
        QgsMapSettings,
        QgsMultiBandColorRenderer,
        QgsRasterLayer,
    )
    from qgis.PyQt.QtCore import QSize
    from qgis.PyQt.QtGui import QColor

    from wealthmap.core.wealth.predict import load_output_layer

    raster = QgsRasterLayer(SAMPLE, "Sentinel-2")
    rgb = QgsMultiBandColorRenderer(raster.dataProvider(), 3, 2, 1)
    for band, setter in ((3, rgb.setRedContrastEnhancement), (2, rgb.setGreenContrastEnhancement),
                         (1, rgb.setBlueContrastEnhancement)):
        from qgis.core import QgsContrastEnhancement

        enhancement = QgsContrastEnhancement(raster.dataProvider().dataType(band))
        enhancement.setContrastEnhancementAlgorithm(QgsContrastEnhancement.ContrastEnhancementAlgorithm.StretchToMinimumMaximum)
        enhancement.setMinimumValue(0)
        enhancement.setMaximumValue(3000)
        setter(enhancement)
    raster.setRenderer(rgb)
    chips = load_output_layer(result)
    settings = QgsMapSettings()
    settings.setLayers([chips, raster])
    settings.setDestinationCrs(chips.crs())
    settings.setExtent(raster.extent())
    settings.setOutputSize(QSize(*size))
    settings.setBackgroundColor(QColor(255, 255, 255))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    job.renderedImage().save(path, "PNG")
    return path


def run(out_dir):
    """Predict over the whole sample raster; returns the summary dict (also written as JSON)."""
    _app()
    from wealthmap.core.wealth.api import predict_wealth

    os.makedirs(out_dir, exist_ok=True)
    result = predict_wealth(SAMPLE, output=os.path.join(out_dir, "wealth_demo.gpkg"),
                            geotiff=os.path.join(out_dir, "wealth_demo.tif"), max_chips=0)
    result["png"] = render_png(result, os.path.join(out_dir, "wealth_demo.png"))
    summary = {k: v for k, v in result.items() if k != "crs"}
    with open(os.path.join(out_dir, "wealth_demo.json"), "w", encoding="utf-8") as handle:
        json.dump(summary, handle, indent=2, ensure_ascii=False)
    print("{title}: {chips} chips ({chips_used} used), mean {mean:.3f}, median {median:.3f}, {area_km2:.1f} km² "
          "-> {output}".format(**result))
    return result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(ROOT, "demo_output"))
    args = parser.parse_args(argv)
    run(args.out)


if __name__ == "__main__":
    main()
