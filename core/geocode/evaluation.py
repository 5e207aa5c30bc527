"""Test sets of addresses with known points, made from OSM data, and match-rate/distance figures.

:func:`address_set` picks house-number rows from an OSM file and writes each in one of several
forms: clean, with a typo in the street name, with parts reordered, with abbreviations
(``Strasse`` -> ``Str.``, ``Street`` -> ``St``...). Deterministic (seeded).
"""

import random
import re

from .index import distance_m
from .sources import osm_rows

VARIANTS = ("clean", "typo", "reordered", "abbreviated")
ABBREVIATE = [(r"strasse\b", "str."), (r"Strasse\b", "Str."), (r"\bStreet\b", "St"), (r"\bRoad\b", "Rd"),
              (r"\bAvenue\b", "Ave"), (r"\bDrive\b", "Dr"), (r"\bLane\b", "Ln"), (r"\bCounty Road\b", "CR"),
              (r"\bBoulevard\b", "Blvd"), (r"\bCircle\b", "Cir"), (r"\bCourt\b", "Ct")]


def typo(word, rng):
    """One edit in a word of 5+ letters (swap, drop or replace a letter, never the first)."""
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    op = rng.choice(("swap", "drop", "replace"))
    if op == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if op == "drop":
        return word[:i] + word[i + 1:]
    letter = rng.choice("aeioulnrst")
    return word[:i] + letter + word[i + 1:]


def abbreviate(text):
    for pattern, repl in ABBREVIATE:
        new = re.sub(pattern, repl, text)
        if new != text:
            return new
    return text


def address_set(osm_path, n=200, seed=7, variants=VARIANTS):
    """``[{"text", "lon", "lat", "variant", "street", "housenumber", "city"}]`` from an OSM file."""
    rows = [r for r in osm_rows(osm_path) if r["kind"] == "address" and r.get("city")]
    # unique (street, number, city)
    seen = {}
    for r in rows:
        seen.setdefault((r["street"], r["housenumber"], r["city"]), r)
    rows = sorted(seen.values(), key=lambda r: (r["street"], r["housenumber"], r["city"]))
    rng = random.Random(seed)
    picked = rng.sample(rows, min(n, len(rows)))
    out = []
    for i, r in enumerate(picked):
        variant = variants[i % len(variants)]
        street, number, city = r["street"], r["housenumber"], r["city"]
        if variant == "typo":
            words = street.split()
            j = max(range(len(words)), key=lambda k: len(words[k]))
            words[j] = typo(words[j], rng)
            text = "{} {}, {}".format(" ".join(words), number, city)
        elif variant == "reordered":
            text = "{}, {} {}".format(city, street, number)
        elif variant == "abbreviated":
            text = "{} {}, {}".format(abbreviate(street), number, city)
        else:
            text = "{} {}, {}".format(street, number, city)
        out.append({"text": text, "lon": r["lon"], "lat": r["lat"], "variant": variant, "street": street,
                    "housenumber": number, "city": city})
    return out


def evaluate(cases, results, near_m=100.0):
    """Match rate (a point within ``near_m`` of the truth) and distance errors of ``results``
    (one ``(lon, lat)`` or ``None`` per case); overall and per variant."""
    def summary(pairs):
        dists = sorted(distance_m({"lon": c["lon"], "lat": c["lat"]}, {"lon": r[0], "lat": r[1]})
                       for c, r in pairs if r is not None)
        n = len(pairs)
        near = sum(1 for d in dists if d <= near_m)
        median = dists[len(dists) // 2] if dists else None
        p90 = dists[int(len(dists) * 0.9)] if dists else None
        return {"n": n, "answered": len(dists), "match_rate": round(near / n, 4) if n else 0.0,
                "median_m": round(median, 1) if median is not None else None,
                "p90_m": round(p90, 1) if p90 is not None else None}

    pairs = list(zip(cases, results))
    out = {"all": summary(pairs)}
    for variant in sorted({c["variant"] for c in cases}):
        out[variant] = summary([p for p in pairs if p[0]["variant"] == variant])
    return out
