"""The training report: HTML (predicted-vs-observed scatter as inline SVG, metrics next to
baselines, feature-group ablation, importances, left-out rows) and the JSON it is made from."""

import html
import math

from ..i18n import tr

COLOURS = {1: "#d95f02", 0: "#1b9e77", None: "#555555"}


def _fmt(value, digits=3):
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    if isinstance(value, float):
        return "{:.{}f}".format(value, digits)
    return html.escape(str(value))


def scatter_svg(observed, predicted, urban=None, size=420, max_points=5000):
    """An SVG scatter plot of predicted against observed values with the 1:1 line."""
    n = len(observed)
    step = max(1, n // max_points)
    pts = [(observed[i], predicted[i], None if urban is None else urban[i]) for i in range(0, n, step)]
    values = [v for p in pts for v in p[:2] if v is not None and math.isfinite(v)]
    if not values:
        return "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'></svg>"
    lo, hi = min(values), max(values)
    if hi == lo:
        hi = lo + 1
    pad = 0.05 * (hi - lo)
    lo, hi = lo - pad, hi + pad
    m = 50
    inner = size - 2 * m

    def sx(v):
        return m + (v - lo) / (hi - lo) * inner

    def sy(v):
        return size - m - (v - lo) / (hi - lo) * inner

    out = ["<svg xmlns='http://www.w3.org/2000/svg' width='{0}' height='{0}' viewBox='0 0 {0} {0}' "
           "role='img' aria-label='{1}'>".format(size, html.escape(tr("Predicted against observed")))]
    out.append("<rect x='{0}' y='{0}' width='{1}' height='{1}' fill='white' stroke='#888'/>".format(m, inner))
    for t in range(6):
        v = lo + (hi - lo) * t / 5
        out.append("<text x='{:.1f}' y='{}' font-size='10' text-anchor='middle'>{:.2f}</text>".format(
            sx(v), size - m + 14, v))
        out.append("<text x='{}' y='{:.1f}' font-size='10' text-anchor='end'>{:.2f}</text>".format(
            m - 4, sy(v) + 3, v))
    out.append("<line x1='{:.1f}' y1='{:.1f}' x2='{:.1f}' y2='{:.1f}' stroke='#999' stroke-dasharray='4 3'/>".format(
        sx(lo), sy(lo), sx(hi), sy(hi)))
    for o, p, u in pts:
        if o is None or p is None or not (math.isfinite(o) and math.isfinite(p)):
            continue
        out.append("<circle cx='{:.1f}' cy='{:.1f}' r='2.2' fill='{}' fill-opacity='0.55'/>".format(
            sx(o), sy(p), COLOURS.get(u, COLOURS[None])))
    out.append("<text x='{}' y='{}' font-size='12' text-anchor='middle'>{}</text>".format(
        size / 2, size - 12, html.escape(tr("observed"))))
    out.append("<text x='14' y='{0}' font-size='12' text-anchor='middle' transform='rotate(-90 14 {0})'>{1}"
               "</text>".format(size / 2, html.escape(tr("predicted (cross-validated)"))))
    out.append("</svg>")
    return "".join(out)


def _metrics_row(label, m):
    return "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>".format(
        html.escape(label), _fmt(m.get("r2")), _fmt(m.get("pearson_r2")), _fmt(m.get("rmse")),
        _fmt(m.get("urban_r2")), _fmt(m.get("rural_r2")))


def _slice_table(rows, label):
    e = html.escape
    out = ["<table><tr><th>{}</th><th>n</th><th>r²</th><th>RMSE</th><th>{}</th></tr>".format(
        e(label), e(tr("bias (predicted - observed)")))]
    for row in rows:
        out.append("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>".format(
            e(str(row["slice"])), row["n"], _fmt(row.get("r2")), _fmt(row.get("rmse")), _fmt(row.get("bias"))))
    out.append("</table>")
    return "".join(out)


def evaluation_summary(metrics):
    """Sentences for the dock and Processing log: the block size chosen and the out-of-region figures."""
    out = []
    blocks = metrics.get("blocks")
    if blocks:
        out.append(tr("Spatial blocks of {0:g} km ({1} blocks).").format(blocks["block_km"], blocks["blocks"]))
        if blocks.get("note"):
            out.append(blocks["note"])
    oor = metrics.get("out_of_region")
    if oor and oor.get("pooled"):
        out.append(tr("Out-of-region test (whole groups held out): r² {0} over {1} held-out groups.").format(
            _fmt(oor["pooled"].get("r2")), len(oor["sets"])))
    return out


def evaluation_sections(result, manifest):
    """HTML of the block size, the out-of-region test, per-slice errors and the inputs (bands, covariates)."""
    e = html.escape
    metrics = result["metrics"]
    parts = []
    blocks = metrics.get("blocks")
    if blocks:
        parts.append("<p id='blocks'>{}</p>".format(e(tr("Spatial blocks of {0:g} km ({1} blocks, {2}). {3}").format(
            blocks["block_km"], blocks["blocks"], tr("chosen for this survey") if blocks["chosen"] == "auto"
            else tr("as given"), blocks.get("note") or ""))))
    oor = metrics.get("out_of_region")
    parts.append("<h2 id='out-of-region'>{}</h2>".format(e(tr("Out-of-region test"))))
    if oor and oor.get("sets"):
        parts.append("<p>{}</p>".format(e(tr(
            "Whole groups held out as the test set ({0}); the model predicting them was trained on the other groups "
            "only. Pooled r² {1}.").format(oor["scheme"], _fmt((oor.get("pooled") or {}).get("r2"))))))
        parts.append(_slice_table(oor["sets"], tr("held-out group")))
    else:
        parts.append("<p>{}</p>".format(e(tr("No out-of-region test: the survey has no group field with two or more "
                                             "groups (countries or regions)."))))
    slices = metrics.get("slices") or {}
    if slices:
        parts.append("<h2 id='slices'>{}</h2><p>{}</p>".format(e(tr("Errors per slice")), e(tr(
            "Cross-validated predictions (each from a model that did not see the point), per slice."))))
        for name, rows in slices.items():
            parts.append("<h3>{}</h3>".format(e(name)))
            parts.append(_slice_table(rows, name))
    covs = manifest.get("covariates") or []
    parts.append("<p id='inputs'>{}: {}. {}: {}.</p>".format(
        e(tr("Bands")), e(", ".join(manifest.get("bands", []))), e(tr("Features")),
        e(", ".join(manifest.get("features", [])))))
    if covs:
        parts.append("<table id='covariates'><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>sha256"
                     "</th></tr>".format(e(tr("covariate")), e(tr("band")), e(tr("statistic")), e(tr("units")),
                                         e(tr("training range"))))
        for c in covs:
            rng = c.get("range") or [None, None]
            parts.append("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{} .. {}</td><td><code>{}</code></td>"
                         "</tr>".format(e(c["name"]), c.get("band", 1), e(c.get("statistic", "")),
                                        e(c.get("units") or ""), _fmt(rng[0]), _fmt(rng[1]),
                                        e((c.get("sha256") or "")[:16])))
        parts.append("</table>")
    return parts


def render_html(result, manifest):
    """The report page (self-contained HTML)."""
    metrics = result["metrics"]
    data = result["training_data"]
    e = html.escape
    parts = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>{}</title>".format(
        e(tr("WealthMap training report"))),
        "<style>body{font-family:sans-serif;max-width:60em;margin:1em auto;}table{border-collapse:collapse;}"
        "td,th{border:1px solid #ccc;padding:2px 8px;text-align:right;}td:first-child{text-align:left;}"
        ".note{color:#a40000;}</style></head><body>"]
    parts.append("<h1>{}</h1>".format(e(tr("WealthMap training report"))))
    parts.append("<p>{}: <b>{}</b> ({}: <b>{}</b>). {}: {}. {}: {}.</p>".format(
        e(tr("Model")), e(manifest.get("name", "")), e(tr("status")),
        e(tr(manifest["status"]) if manifest.get("status") else ""),
        e(tr("Code version")), e(manifest.get("code_version", "")), e(tr("Created")), e(manifest.get("created", ""))))
    if result.get("warning"):  # a weak model: it does not beat the best simple baseline
        parts.append("<p class='note' id='weak'><b>{}</b></p>".format(e(result["warning"])))
    parts.append("<p class='note'>{}</p>".format(e(tr(
        "Cross-validated on held-out spatial blocks or whole groups; a model is 'trained', not 'validated', until "
        "someone checks it on independent data."))))
    scheme = tr("spatially blocked k-fold") if metrics["cv_scheme"] == "blocked" else tr("leave one group out")
    parts.append("<h2>{}</h2><p>{}: {} ({} {}).</p>".format(
        e(tr("Accuracy")), e(tr("Cross-validation")), e(scheme), metrics["folds"], e(tr("folds"))))
    parts.append("<table><tr><th></th><th>r²</th><th>{}</th><th>RMSE</th><th>{}</th><th>{}</th></tr>".format(
        e(tr("squared Pearson r")), e(tr("urban r²")), e(tr("rural r²"))))
    parts.append(_metrics_row(tr("model"), metrics["model"]))
    names = {"mean": tr("baseline: training mean"), "group_mean": tr("baseline: group mean"),
             "urban_rural_mean": tr("baseline: urban/rural mean")}
    for key, m in metrics["baselines"].items():
        parts.append(_metrics_row(names.get(key, key), m))
    parts.append("</table>")
    parts.extend(evaluation_sections(result, manifest))
    parts.append("<h2>{}</h2>".format(e(tr("Predicted against observed"))))
    parts.append(scatter_svg(result["observed"], result["predicted"], result.get("urban")))
    if result.get("urban"):
        parts.append("<p><span style='color:{}'>●</span> {} <span style='color:{}'>●</span> {}</p>".format(
            COLOURS[1], e(tr("urban")), COLOURS[0], e(tr("rural"))))
    if metrics.get("ablation"):
        parts.append("<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>".format(
            e(tr("Which feature groups help")), e(tr("group")), e(tr("columns")), e(tr("r² without it")),
            e(tr("r² with it alone"))))
        for row in metrics["ablation"]:
            parts.append("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>".format(
                e(row["group"]), row["columns"], _fmt(row["r2_without"]), _fmt(row["r2_only"])))
        parts.append("</table>")
    parts.append("<h2>{}</h2><table><tr><th>{}</th><th>{}</th></tr>".format(
        e(tr("Feature importances")), e(tr("feature")), e(tr("importance"))))
    for row in result["importances"][:20]:
        parts.append("<tr><td>{}</td><td>{}</td></tr>".format(e(row["feature"]), _fmt(row["importance"])))
    parts.append("</table>")
    parts.append("<h2>{}</h2><ul>".format(e(tr("Training data"))))
    parts.append("<li>{}: {} · {}: {} · {}: {}</li>".format(
        e(tr("rows read")), data.get("rows_read"), e(tr("rows used")), data.get("rows_used"),
        e(tr("left out")), len(data.get("left_out_examples", [])) and data.get("rows_skipped")))
    if data.get("groups"):
        parts.append("<li>{}: {}</li>".format(e(tr("groups")), e(", ".join(
            "{} ({})".format(k, v) for k, v in data["groups"].items()))))
    if data.get("years"):
        parts.append("<li>{}: {}</li>".format(e(tr("years")), e(", ".join(str(y) for y in data["years"]))))
    parts.append("<li>{}: {}</li>".format(e(tr("rasters")), e(", ".join(data.get("rasters", [])))))
    parts.append("<li>{}: <code>{}</code></li></ul>".format(e(tr("hash of the inputs")),
                                                            e(data.get("input_sha256", ""))))
    if data.get("left_out_examples"):
        parts.append("<h3>{}</h3><table><tr><th>{}</th><th>{}</th></tr>".format(
            e(tr("Rows left out")), e(tr("row")), e(tr("reason"))))
        for row in data["left_out_examples"]:
            parts.append("<tr><td>{}</td><td>{}</td></tr>".format(row["row"], e(row["reason"])))
        parts.append("</table>")
    t = result.get("timings", {})
    parts.append("<p>{}: {} {:.1f} s, {} {:.1f} s, {} {:.1f} s ({} {}).</p>".format(
        e(tr("Time")), e(tr("features")), t.get("features_s", 0), e(tr("evaluation")), t.get("evaluation_s", 0),
        e(tr("final forest")), t.get("forest_s", 0), e(tr("points from the cache:")), result.get("cached_points", 0)))
    parts.append("</body></html>")
    return "".join(parts)
