"""Test sets of addresses with known points, made from OSM data, and match-rate/distance figures.

:func:`address_set` picks house-number rows from an OSM file and writes each in one of several
forms: clean, with a typo in the street name, with parts reordered, with abbreviations
(``Strasse`` -> ``Str.``, ``Street`` -> ``St``...). Deterministic (seeded).

:func:`noisy_address_set` writes each picked address several times with the extra parts real address
columns carry (:data:`NOISE_KINDS`: care-of names, names without a keyword, units/floors, country names
and codes, PO boxes, notes in brackets, other separators, all of them at once), Korean ones on the Korean rows
(:data:`KR_NOISE_KINDS`: 대한민국, 동/호, 층, notes, building names, 귀하, postcode, a 지번 next to the
도로명 address), plus the clean form and the form without its town (``no_town``).
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


NOISE_KINDS = ("care_of", "name", "unit", "country", "po_box", "note", "separators", "combined")
KR_NOISE_KINDS = ("kr_country", "kr_unit", "kr_floor", "kr_note", "kr_building", "kr_care_of", "kr_postcode",
                  "kr_lot")
CARE_OF = ["Herr {}", "Frau {}", "c/o {}", "z.H. {}", "Familie {}", "Mr {}", "Mrs {}", "Attn: {}", "Herrn Dr. {}"]
SURNAMES = ["Kaiser", "Beck", "Frick", "Marxer", "Büchel", "Meier", "Vogt", "Ospelt", "Hasler", "Smith", "Johnson",
            "Rheinberger", "Schädler"]
FIRST_NAMES = ["Peter", "Anna", "Josef", "Maria", "John", "Mary", "Franz", "Rita"]
UNITS = ["3. OG", "2. Stock", "EG", "1.OG", "Apt 3", "Apt. 12B", "Top 5", "Whg. 12", "Suite 200", "2nd floor",
         "Unit 4", "#7"]
COUNTRY_WORDS = {"li": ["FL", "Liechtenstein", "Fürstentum Liechtenstein", "LI"], "us": ["USA", "United States", "US"],
                 "at": ["Österreich", "Austria", "AT"], "ch": ["Schweiz", "Switzerland", "CH"]}
PO_BOXES = ["Postfach {}", "P.O. Box {}", "PO Box {}", "Postfach {}"]
NOTES = ["(Hintereingang)", "(bei Frau {})", "[2. Eingang]", "(neben der Post)", "(rear entrance)", "(Büro)"]
SEPARATORS = [" / ", "; ", " | ", "\n", " - ", "  ;  "]
KR_UNITS = ["{a}동 {b}호", "{a}동{b}호", "제{a}동 제{b}호", "{b}호"]
KR_FLOORS = ["{f}층", "지하{f}층", "B{f}층"]
KR_BUILDINGS = ["가온아파트", "나래빌딩", "가온타워", "한빛빌라", "가온오피스텔"]
KR_NAMES = ["홍길동", "김철수", "이영희", "박민수"]


def _country_of(r):
    country = (r.get("country") or "").lower()
    return country or ("us" if r["lon"] < 0 else "li")


def _street_part(r):
    if _country_of(r) == "us":
        return "{} {}".format(r["housenumber"], r["street"])
    return "{} {}".format(r["street"], r["housenumber"])


def noisy_text(r, kind, rng):
    """``r`` (an address row: street, housenumber, city, postcode, country) written with noise ``kind``."""
    s, city = _street_part(r), r["city"]
    postcode = r.get("postcode")
    town = "{} {}".format(postcode, city) if postcode and rng.random() < 0.5 else city
    name = rng.choice(SURNAMES)
    care_of = rng.choice(CARE_OF).format(name)
    unit = rng.choice(UNITS)
    country = rng.choice(COUNTRY_WORDS.get(_country_of(r), ["FL"]))
    sep = rng.choice(SEPARATORS)
    if kind == "clean":
        return "{}, {}".format(r["street"] + " " + r["housenumber"], city)
    if kind == "no_town":
        return s
    if kind == "care_of":
        form = rng.choice(["{c}, {s}, {t}", "{c}, {t}, {s}", "{c} {s} {t}", "{c}; {s}; {t}"])
        return form.format(c=care_of, s=s, t=town)
    if kind == "name":  # a name without a care-of keyword, as its own part
        person = "{} {}".format(rng.choice(FIRST_NAMES), name)
        form = rng.choice(["{c}, {s}, {t}", "{s}, {t}, {c}", "{c}; {t}; {s}"])
        return form.format(c=person if rng.random() < 0.7 else name + " AG", s=s, t=town)
    if kind == "unit":
        form = rng.choice(["{s} / {u} / {t}", "{s}, {u}, {t}", "{s} {u}, {t}", "{u}, {s}, {t}"])
        return form.format(s=s, u=unit, t=town)
    if kind == "country":
        return rng.choice(["{s}, {t}, {k}", "{s}, {t} {k}", "{k}, {t}, {s}"]).format(s=s, t=town, k=country)
    if kind == "po_box":
        box = rng.choice(PO_BOXES).format(rng.randint(1, 999))
        return rng.choice(["{b}, {s}, {t}", "{s}, {b}, {t}", "{s}, {t}, {b}"]).format(b=box, s=s, t=town)
    if kind == "note":
        note = rng.choice(NOTES).format(name)
        return rng.choice(["{s} {n}, {t}", "{s}, {t} {n}", "{n} {s}, {t}"]).format(s=s, n=note, t=town)
    if kind == "separators":
        return rng.choice(["{s}{p}{t}", "{t}{p}{s}"]).format(s=s, p=sep, t=town)
    if kind == "combined":
        return sep.join([care_of, s, unit, town, country])
    raise ValueError(kind)


def noisy_korean_text(r, kind, rng):
    """A Korean row written with the Korean noise ``kind`` (도로명 form: 시 + road + number)."""
    base = "{} {} {}".format(r["city"], r["street"], r["housenumber"])
    unit = rng.choice(KR_UNITS).format(a=rng.randint(101, 120), b=rng.randint(101, 1504))
    floor = rng.choice(KR_FLOORS).format(f=rng.randint(1, 20))
    building = rng.choice(KR_BUILDINGS)
    if kind == "clean":
        return base
    if kind == "no_town":
        return "{} {}".format(r["street"], r["housenumber"])
    if kind == "kr_country":
        return rng.choice(["대한민국 {b}", "{b}, 대한민국", "한국 {b}", "{b}, South Korea"]).format(b=base)
    if kind == "kr_unit":
        return rng.choice(["{b}, {u}", "{b} {u}", "{b} / {u}"]).format(b=base, u=unit)
    if kind == "kr_floor":
        return rng.choice(["{b} {f}", "{b}, {f}"]).format(b=base, f=floor)
    if kind == "kr_note":
        return rng.choice(["{b} (가온동)", "{b} (가온동, {g})", "{b}, (나래동)"]).format(b=base, g=building)
    if kind == "kr_building":
        return rng.choice(["{b} {g}", "{b} {g} {f}", "{b}, {g} {u}"]).format(b=base, g=building, f=floor, u=unit)
    if kind == "kr_care_of":
        name = rng.choice(KR_NAMES)
        return rng.choice(["{n} 귀하, {b}", "{b} {n}님", "{b}, {n} 귀하"]).format(n=name, b=base)
    if kind == "kr_postcode":
        return rng.choice(["({p}) {b}", "{b} ({p})", "{p} {b}"]).format(p=r.get("postcode") or "16001", b=base)
    if kind == "kr_lot":
        return rng.choice(["{b} 가온동 {l}", "{b}, 가온동 {l}번지"]).format(
            b=base, l="{}-{}".format(rng.randint(1, 400), rng.randint(1, 30)))
    raise ValueError(kind)


def _unique_addresses(path):
    rows = [r for r in osm_rows(path) if r["kind"] == "address" and r.get("city")]
    seen = {}
    for r in rows:
        seen.setdefault((r["street"], r["housenumber"], r["city"]), r)
    return sorted(seen.values(), key=lambda r: (r["street"], r["housenumber"], r["city"]))


def noisy_address_set(osm_path, kr_path=None, n=100, seed=11, kinds=NOISE_KINDS, kr_kinds=KR_NOISE_KINDS,
                      kr_repeats=3):
    """Cases ``{"text", "lon", "lat", "variant", "script", "street", "housenumber", "city", "towns"}``:
    ``n`` real addresses of ``osm_path``, each written clean, with every noise kind and without its town;
    the Korean addresses of ``kr_path`` with every Korean kind ``kr_repeats`` times. ``towns``: how
    many towns of the file have a house of that street and number (a town-less form of a house several
    towns have cannot be told apart)."""
    rows = _unique_addresses(osm_path)
    towns = {}
    for r in rows:
        towns.setdefault((r["street"], r["housenumber"]), set()).add(r["city"])
    street_towns = {}
    for r in rows:
        street_towns.setdefault(r["street"], set()).add(r["city"])
    rng = random.Random(seed)
    picked = rng.sample(rows, min(n, len(rows)))
    out = []

    def case(r, text, variant, script):
        out.append({"text": text, "lon": r["lon"], "lat": r["lat"], "variant": variant, "script": script,
                    "street": r["street"], "housenumber": r["housenumber"], "city": r["city"],
                    "towns": len(towns.get((r["street"], r["housenumber"]), ())),
                    "street_towns": len(street_towns.get(r["street"], ()))})

    for r in picked:
        for kind in ("clean",) + tuple(kinds) + ("no_town",):
            case(r, noisy_text(r, kind, rng), kind, "latin")
    if kr_path:
        kr_rows = _unique_addresses(kr_path)
        for r in kr_rows:
            towns.setdefault((r["street"], r["housenumber"]), set()).add(r["city"])
            street_towns.setdefault(r["street"], set()).add(r["city"])
        for _ in range(kr_repeats):
            for r in kr_rows:
                for kind in ("clean",) + tuple(kr_kinds) + ("no_town",):
                    case(r, noisy_korean_text(r, kind, rng), kind if kind.startswith("kr_") else "kr_" + kind,
                         "hangul")
    return out
