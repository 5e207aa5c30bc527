"""Noisy addresses against the local Nominatim (scripts/setup_service_nominatim.sh): the cleaned and
structured query WealthMap sends (issue 18) next to the raw text as ``q``.

The real addresses of the OSM test extract (tests/data/osm), each written clean and with every noise kind
of :func:`wealthmap.core.geocode.evaluation.noisy_address_set` (care-of, a name without keyword, unit,
country, PO box, note, separators, all combined). Prints the within-100 m rate per kind and the requests
made, and writes bench/results/geocode_nominatim_noisy.json.

    .venv/bin/python bench/bench_geocode_nominatim_noisy.py [--n 60]
"""

import argparse
import json
import os
import platform
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
from bench_geocode_nominatim import SCRIPT, URL, api_ok  # noqa: E402

import conftest  # noqa: E402,F401 - registers the package as ``wealthmap``

OSM = os.path.join(ROOT, "tests", "data", "osm", "osm_liechtenstein_autauga.osm.pbf")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=60, help="real addresses, each written in every form")
    args = parser.parse_args()
    from qgis.testing import start_app

    start_app()
    from wealthmap.core.geocode.evaluation import evaluate, noisy_address_set
    from wealthmap.core.geocode.providers import make_provider

    started_here = False
    if not api_ok():
        subprocess.run(["bash", SCRIPT, "start"], check=True, timeout=900)
        started_here = True
    try:
        cases = [c for c in noisy_address_set(OSM, None, n=args.n) if c["variant"] != "no_town"]
        prov = make_provider("nominatim", endpoint=URL)

        def cleaned(case):
            found = prov.search(case["text"])
            return (found[0]["lon"], found[0]["lat"]) if found else None

        def raw(case):
            found = prov.get("/search", {"q": case["text"], "format": "jsonv2", "limit": 5})
            return (float(found[0]["lon"]), float(found[0]["lat"])) if found else None

        with ThreadPoolExecutor(prov.workers) as pool:
            ours = list(pool.map(cleaned, cases))
            requests_ours = prov.requests_made()
            plain = list(pool.map(raw, cases))
        figures = {"cleaned": evaluate(cases, ours), "raw": evaluate(cases, plain)}
        result = {
            "benchmark": "geocode_nominatim_noisy", "endpoint": "local Nominatim 5.3.3 (127.0.0.1)",
            "queries": len(cases), "requests_cleaned": requests_ours,
            "match_rate_cleaned": {k: v["match_rate"] for k, v in figures["cleaned"].items()},
            "match_rate_raw": {k: v["match_rate"] for k, v in figures["raw"].items()},
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        }
        print("{} queries ({} requests with the cleaned/structured query)".format(len(cases), requests_ours))
        print("cleaned/structured:", result["match_rate_cleaned"])
        print("raw text as q:     ", result["match_rate_raw"])
        os.makedirs(os.path.join(ROOT, "bench", "results"), exist_ok=True)
        with open(os.path.join(ROOT, "bench", "results", "geocode_nominatim_noisy.json"), "w",
                  encoding="utf-8") as handle:
            json.dump(result, handle, indent=2, ensure_ascii=False)
        return result
    finally:
        if started_here:
            subprocess.run(["bash", SCRIPT, "stop"], timeout=120)


if __name__ == "__main__":
    main()
