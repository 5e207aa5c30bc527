"""What the integrity checks cost: opening the geocoding cache (``PRAGMA quick_check`` on every open) and an
address index (schema check + ``quick_check``, once per file version in a session), and the batch consensus,
on generated data.

Prints figures and writes bench/results/geocode_integrity.json.

    .venv/bin/python bench/bench_geocode_integrity.py [--cache-rows 100000] [--index-rows 100000]
"""

import argparse
import json
import os
import platform
import random
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
import conftest  # noqa: E402,F401 - registers the package as ``wealthmap``


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cache-rows", type=int, default=100000)
    parser.add_argument("--index-rows", type=int, default=100000)
    args = parser.parse_args()
    from wealthmap.core.geocode import index as index_module
    from wealthmap.core.geocode.cache import GeocodeCache
    from wealthmap.core.geocode.index import AddressIndex, IndexWriter

    rng = random.Random(3)
    out = {"machine": platform.machine(), "cpus": os.cpu_count(), "cache_rows": args.cache_rows,
           "index_rows": args.index_rows}
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "cache.sqlite")
        cache = GeocodeCache(path)
        cand = [{"lon": 9.5, "lat": 47.1, "address": "Äulestrasse 30, 9490 Vaduz, Liechtenstein", "score": 1.0,
                 "match_type": "house"}]
        for start in range(0, args.cache_rows, 10000):
            cache.put_many([("k{}".format(i), "q{}".format(i), cand)
                            for i in range(start, min(start + 10000, args.cache_rows))], "bench")
        cache.close()
        out["cache_mb"] = round(os.path.getsize(path) / 1e6, 1)
        t0 = time.perf_counter()
        GeocodeCache(path).close()
        out["cache_open_s"] = round(time.perf_counter() - t0, 3)
        ipath = os.path.join(tmp, "index.sqlite")
        writer = IndexWriter(ipath, source="bench")
        for i in range(args.index_rows):
            writer.add({"lon": rng.uniform(-10, 30), "lat": rng.uniform(35, 60),
                        "address": "Street{} {} Town{}".format(i % 5000, i % 300, i % 800)})
        writer.close()
        out["index_mb"] = round(os.path.getsize(ipath) / 1e6, 1)
        index_module._CHECKED.clear()
        t0 = time.perf_counter()
        AddressIndex(ipath).close()
        out["index_first_open_s"] = round(time.perf_counter() - t0, 3)
        t0 = time.perf_counter()
        AddressIndex(ipath).close()
        out["index_next_open_s"] = round(time.perf_counter() - t0, 3)
    # the batch consensus over as many rows as the cache holds (half exact, half fuzzy matches; all unique,
    # none scoring 1: the worst case, every row's query and address normalised)
    from wealthmap.core.geocode.batch import decide
    from wealthmap.core.geocode.consensus import review_outliers

    texts, per_text = [], []
    for i in range(args.cache_rows):
        exact = i % 2 == 0
        texts.append("Street{} {} Town{}".format(i % 5000, i % 300, i % 800) if exact else "Stret{} Town".format(i))
        per_text.append({"key": "k{}".format(i), "candidates": [
            {"lon": 9.5 + (i % 100) / 1000.0, "lat": 47.1, "score": 0.96 if exact else 0.7, "country": "li",
             "address": "Street{} {} Town{}".format(i % 5000, i % 300, i % 800), "match_type": "house"}]})
    t0 = time.perf_counter()
    out["consensus_marked"] = review_outliers(texts, per_text, decide, 0.6, 0.05)
    out["consensus_s"] = round(time.perf_counter() - t0, 3)
    print(json.dumps(out, indent=1))
    os.makedirs(os.path.join(ROOT, "bench", "results"), exist_ok=True)
    with open(os.path.join(ROOT, "bench", "results", "geocode_integrity.json"), "w", encoding="utf-8") as handle:
        json.dump(out, handle, indent=1)


if __name__ == "__main__":
    main()
