"""Thematic demo: join the CP949 sample table to the sample districts, make a choropleth, a chart map
and a bivariate map, and export finished maps (PNG and PDF).

Run: ``.venv/bin/python scripts/demo_thematic.py --out /tmp/x`` (or ``run(out_dir)`` from ``scripts/demo.py``).
"""

import argparse
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "sample_data")


def _ensure_app():
    if ROOT not in sys.path:
        sys.path.insert(0, ROOT)
    from qgis.core import QgsApplication

    import conftest  # noqa: F401 - registers the package as ``wealthmap`` (and a temporary QGIS profile)

    if QgsApplication.instance() is None:
        from qgis.testing import start_app

        return start_app()
    return QgsApplication.instance()


def run(out_dir):
    """Write ``thematic_*.gpkg``/``.png``/``.pdf``/``.qml`` into ``out_dir``; returns the paths written."""
    _ensure_app()
    from qgis.core import QgsVectorLayer

    from wealthmap.core.thematic import api

    os.makedirs(out_dir, exist_ok=True)
    districts = QgsVectorLayer(os.path.join(SAMPLE, "thematic_districts.gpkg"), "districts", "ogr")
    joined = api.join_table(districts, os.path.join(SAMPLE, "thematic_stats_cp949.csv"), "code", "code",
                            output=os.path.join(out_dir, "thematic_joined.gpkg"), name="districts")
    print(joined.summary)
    files = {"joined": joined.path}
    # choropleth: share of people aged 65+ (%), natural breaks
    rate = api.choropleth(joined.layer, "elderly", "jenks", 5, normalize_by="population", multiplier=100,
                          ramp="YlOrRd", output=os.path.join(out_dir, "thematic_elderly_rate.gpkg"),
                          qml=os.path.join(out_dir, "thematic_elderly_rate.qml"))
    print("choropleth breaks:", ["{:.2f}".format(b) for b in rate.breaks], "GVF {:.3f}".format(rate.gvf))
    exported = api.export_map([rate.layer], [os.path.join(out_dir, "thematic_choropleth.png"),
                                             os.path.join(out_dir, "thematic_choropleth.pdf")],
                              title="Population aged 65+ (%)", source="Source: synthetic sample (WealthMap)",
                              dpi=150)
    files.update({"choropleth_" + k: v for k, v in exported.files.items()})
    # chart map: men and women per district, pies sized by population, over the density choropleth
    density = api.choropleth(joined.layer, "population", "quantile", 5, per_area=True, ramp="Greys")
    api.chart_map(density.layer, ["men", "women"], kind="pie", colors=["#1f78b4", "#e31a1c"], max_size=14)
    exported = api.export_map([density.layer], [os.path.join(out_dir, "thematic_chartmap.png"),
                                                os.path.join(out_dir, "thematic_chartmap.pdf")],
                              title="Men and women per district", source="Source: synthetic sample (WealthMap)",
                              dpi=150)
    files.update({"chartmap_" + k: v for k, v in exported.files.items()})
    # bivariate: population x share of elderly
    legend = os.path.join(out_dir, "thematic_bivariate_legend.png")
    api.bivariate(rate.layer, "population", "elderly_rate", palette="pinkblue", legend_image=legend,
                  label_x="Population", label_y="Aged 65+ (%)")
    exported = api.export_map([rate.layer], os.path.join(out_dir, "thematic_bivariate.png"),
                              title="Population and ageing", source="Source: synthetic sample (WealthMap)",
                              dpi=150, legend_image=legend)
    files.update({"bivariate_png": exported.files["png"], "bivariate_legend": legend})
    for key, path in files.items():
        print("{:<20} {}".format(key, path))
    return files


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=os.path.join(ROOT, "demo_output"))
    args = parser.parse_args()
    run(args.out)


if __name__ == "__main__":
    main()
