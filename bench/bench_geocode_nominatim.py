"""WealthMap's batch vs QGIS's own QgsNominatimGeocoder (the engine of native:batchnominatimgeocoder)
on the same local Nominatim (scripts/setup_service_nominatim.sh) and the same 1,000 real addresses.

* ours: ``geocode(..., provider="nominatim", endpoint=<local>)``, fresh cache (parallel: self-hosted);
  then the rerun (all from the cache);
* native, unthrottled: ``QgsNominatimGeocoder`` with ``setRequestsPerSecond(1000)``, the 1,000 addresses
  one after the other (the engine's own speed);
* native, as shipped: its default 1 request/second (what native:batchnominatimgeocoder does against
  any endpoint). Timed on ``--native-default`` further addresses (default 100, disjoint, so its
  in-memory cache cannot help) and extrapolated to 1,000; ``--native-default 1000`` times all of them.

Prints figures and writes bench/results/geocode_nominatim.json. Target (issue 3): >= 20x the native
algorithm against a self-hosted server.
"""

import argparse
import csv
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
import conftest  # noqa: E402,F401 - registers the package as ``wealthmap``

OSM = os.path.join(ROOT, "..", "shared", "data", "osm_liechtenstein_autauga.osm.pbf")
SCRIPT = os.path.join(ROOT, "scripts", "setup_service_nominatim.sh")
URL = "http://127.0.0.1:{}".format(os.environ.get("NOM_HTTP_PORT", "8089"))


def api_ok():
    try:
        with urllib.request.urlopen(URL + "/status?format=json", timeout=2) as response:
            return json.loads(response.read().decode()).get("status") == 0
    except Exception:  # noqa: BLE001
        return False


def native_run(cases, rate):
    from qgis.core import QgsGeocoderContext, QgsNominatimGeocoder, QgsProject

    geocoder = QgsNominatimGeocoder()
    geocoder.setEndpoint(URL + "/search")
    geocoder.setRequestsPerSecond(rate)
    context = QgsGeocoderContext(QgsProject.instance().transformContext())
    answers = []
    t0 = time.perf_counter()
    for case in cases:
        results = geocoder.geocodeString(case["text"], context)
        good = [r for r in results if r.isValid()]
        if good:
            p = good[0].geometry().asPoint()
            answers.append((p.x(), p.y()))
        else:
            answers.append(None)
    return time.perf_counter() - t0, answers


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--native-default", type=int, default=100)
    args = parser.parse_args()
    from qgis.testing import start_app

    start_app()
    from wealthmap.core.geocode.api import geocode
    from wealthmap.core.geocode.evaluation import address_set, evaluate

    started_here = False
    if not api_ok():
        subprocess.run(["bash", SCRIPT, "start"], check=True, timeout=900)
        started_here = True
    try:
        cases_all = address_set(OSM, n=args.n + args.native_default, seed=11)
        cases = cases_all[: args.n]
        extra = cases_all[args.n:]
        tmp = tempfile.mkdtemp(prefix="wm-bench-nom-")
        src = os.path.join(tmp, "addresses.csv")
        with open(src, "w", encoding="utf-8", newline="") as handle:
            w = csv.writer(handle)
            w.writerow(["id", "address"])
            for i, c in enumerate(cases):
                w.writerow([i, c["text"]])
        cache = os.path.join(tmp, "cache.sqlite")
        t0 = time.perf_counter()
        res = geocode(src, address_fields=["address"], provider="nominatim", endpoint=URL, cache_path=cache)
        t_ours = time.perf_counter() - t0
        by_id = {f["id"]: f for f in res["layer"].getFeatures()}
        ours_answers = []
        for i in range(len(cases)):
            f = by_id[i]
            ours_answers.append((f.geometry().asPoint().x(), f.geometry().asPoint().y()) if f.hasGeometry() else None)
        t0 = time.perf_counter()
        again = geocode(src, address_fields=["address"], provider="nominatim", endpoint=URL, cache_path=cache)
        t_rerun = time.perf_counter() - t0
        print("ours: {} addresses in {:.1f} s ({} requests, {} unique); rerun {:.2f} s with {} requests".format(
            len(cases), t_ours, res["stats"]["requested"], res["stats"]["unique"], t_rerun,
            again["stats"]["requested"]))
        t_native_fast, native_answers = native_run(cases, 1000.0)
        print("native unthrottled: {} addresses in {:.1f} s".format(len(cases), t_native_fast))
        t_native_default, _ = native_run(extra, 1.0)
        per = t_native_default / max(len(extra), 1)
        est = per * len(cases)
        print("native default (1 request/s): {} addresses in {:.1f} s -> {:.0f} s for {}".format(
            len(extra), t_native_default, est, len(cases)))
        ours_eval = evaluate(cases, ours_answers)
        native_eval = evaluate(cases, native_answers)
        result = {
            "benchmark": "geocode_nominatim", "addresses": len(cases), "endpoint": "local Nominatim 5.3.3 (127.0.0.1)",
            "ours_s": round(t_ours, 2), "ours_requests": res["stats"]["requested"],
            "ours_unique": res["stats"]["unique"], "ours_rerun_s": round(t_rerun, 3),
            "ours_rerun_requests": again["stats"]["requested"],
            "native_unthrottled_s": round(t_native_fast, 2),
            "native_default_measured_addresses": len(extra), "native_default_measured_s": round(t_native_default, 2),
            "native_default_s_for_all": round(est, 1),
            "native_default_extrapolated": len(extra) != len(cases),
            "ratio_vs_native_default": round(est / t_ours, 1),
            "ratio_vs_native_unthrottled": round(t_native_fast / t_ours, 2),
            "match_rate_ours": ours_eval["all"]["match_rate"], "match_rate_native": native_eval["all"]["match_rate"],
            "match_by_variant_ours": {k: v["match_rate"] for k, v in ours_eval.items()},
            "match_by_variant_native": {k: v["match_rate"] for k, v in native_eval.items()},
            "target_ratio": 20,
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
            "note": "2 CPUs shared by the Nominatim server, PostgreSQL, this client and other jobs",
        }
        print("ratio vs native:batchnominatimgeocoder (default 1 req/s): {:.1f}x; vs its engine unthrottled: "
              "{:.2f}x; match rate ours {:.3f}, native {:.3f}".format(
                  result["ratio_vs_native_default"], result["ratio_vs_native_unthrottled"],
                  result["match_rate_ours"], result["match_rate_native"]))
        os.makedirs(os.path.join(ROOT, "bench", "results"), exist_ok=True)
        with open(os.path.join(ROOT, "bench", "results", "geocode_nominatim.json"), "w", encoding="utf-8") as h:
            json.dump(result, h, indent=2, ensure_ascii=False)
        return result
    finally:
        if started_here:
            subprocess.run(["bash", SCRIPT, "stop"], timeout=120)


if __name__ == "__main__":
    main()
