"""Offline matching of parsed addresses: the cleaned query against the indexes, country words checked.

:func:`search_offline` parses the text (:mod:`.parse`), searches every index with the matchable
parts only (care-of names, units, floors, PO boxes and notes are set aside, so they neither add
wrong words nor drag the score down), falls back to the raw text when the cleaned one finds
nothing good, and lowers the score of candidates in another country than the one the address
names (``..., FL``; ``대한민국 ...``) so that such a candidate is never ``matched``. When the address has
more parts than a street, number and town (a name without a care-of keyword, a second locality word)
and no good house match was found, the street and number are searched with each part as the town,
at a small cost per part left out.
"""

from .index import countries_near, distance_m
from .parse import parse_address

#: below this a cleaned query's best candidate is not trusted and the raw text is tried too
RAW_FALLBACK_SCORE = 0.6
#: factor for each part of the address a candidate was found without (a name without a care-of keyword, a
#: second locality word): small, so that a street + number + town match stays matched
LEFT_OUT_FACTOR = 0.97
#: a house match at least this good needs no search without the extra parts
CONFIDENT_HOUSE = 0.9
#: factor for the score of a candidate in another country than the address names
COUNTRY_MISMATCH_FACTOR = 0.5


def search_offline(indexes, text, countries=None, viewbox=None, limit=5, gazetteer=None, parsed=None):
    """Scored candidates for ``text`` from ``indexes`` (best first); ``gazetteer``: the index used to tell
    the country of a candidate without one."""
    parsed = parse_address(text) if parsed is None else parsed
    query = parsed.get("query") or text
    out = _search(indexes, query, countries, viewbox, limit, parsed)
    if query != text and (not out or out[0]["score"] < RAW_FALLBACK_SCORE):
        seen = {(c["address"], round(c["lon"], 6), round(c["lat"], 6)) for c in out}
        for cand in _search(indexes, text, countries, viewbox, limit, None):
            if (cand["address"], round(cand["lon"], 6), round(cand["lat"], 6)) not in seen:
                out.append(cand)
        _sort(out)
    pieces = [p.strip() for p in (parsed.get("locality") or "").split(",") if p.strip()]
    if parsed.get("street") and len(pieces) >= 2 and not _confident_house(out):
        # more parts than a town ("Peter Meier, Äulestrasse 30, Vaduz"; "..., Vaduz, Oberland"): the street and
        # number with each part as the town; the parts left out cost a little, never the match
        seen = {(c["address"], round(c["lon"], 6), round(c["lat"], 6)): i for i, c in enumerate(out)}
        for keep in pieces:
            variant = dict(parsed, locality=keep)
            street = " ".join(p for p in (parsed["street"], parsed.get("house_number")) if p)
            text_k = ", ".join(p for p in (street, " ".join(p for p in (parsed.get("postcode"), keep) if p)) if p)
            for cand in _search(indexes, text_k, countries, viewbox, limit, variant):
                key = (cand["address"], round(cand["lon"], 6), round(cand["lat"], 6))
                cand["score"] = round(cand["score"] * LEFT_OUT_FACTOR ** (len(pieces) - 1), 4)
                cand["left_out"] = [p for p in pieces if p != keep]
                if key not in seen:
                    seen[key] = len(out)
                    out.append(cand)
                elif cand["score"] > out[seen[key]]["score"]:
                    out[seen[key]] = cand  # found better without the extra part
        _sort(out)
    country = parsed.get("country")
    if country and out:
        _check_country(out, country, gazetteer)
        _sort(out)
    return out[:limit]


def _confident_house(cands):
    return bool(cands) and cands[0].get("match_type") == "house" and cands[0]["score"] >= CONFIDENT_HOUSE


def _search(indexes, text, countries, viewbox, limit, parsed):
    out = []
    for index in indexes:
        out.extend(index.search(text, limit=limit, countries=countries, viewbox=viewbox, parsed=parsed))
    _sort(out)
    return out


def _sort(cands):
    cands.sort(key=lambda c: (-c["score"], -c.get("importance", 0.0)))


_NEAR_CACHE = {}


def _check_country(cands, country, gazetteer):
    known = [c for c in cands if c.get("country")]
    for cand in cands:
        found = (cand.get("country") or "").lower()
        if not found:  # a candidate next to one whose country is known (a POI at the same house) shares it
            near = {c["country"].lower() for c in known if distance_m(c, cand) <= 2000.0}
            if len(near) == 1:
                found = next(iter(near))
        if not found and gazetteer is not None:
            cell = (round(cand["lon"], 1), round(cand["lat"], 1))
            near = _NEAR_CACHE.get((gazetteer.path, cell))
            if near is None:
                near = countries_near(gazetteer, cell[0], cell[1])
                if len(_NEAR_CACHE) > 10000:
                    _NEAR_CACHE.clear()
                _NEAR_CACHE[(gazetteer.path, cell)] = near
            if len(near) == 1:  # every city around is in one country: the candidate is in it too
                found = next(iter(near))
        if found and found != country:
            cand["score"] = round(cand["score"] * COUNTRY_MISMATCH_FACTOR, 4)
            cand["country_mismatch"] = country
