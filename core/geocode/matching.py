"""Offline matching of parsed addresses: the cleaned query against the indexes, country words checked.

:func:`search_offline` parses the text (:mod:`.parse`), searches every index with the matchable
parts only (care-of names, units, floors, PO boxes and notes are set aside, so they neither add
wrong words nor drag the score down), falls back to the raw text when the cleaned one finds
nothing good, and lowers the score of candidates in another country than the one the address
names (``..., FL``; ``대한민국 ...``) so that such a candidate is never ``matched``.
"""

from .index import countries_near, distance_m
from .parse import parse_address

#: below this a cleaned query's best candidate is not trusted and the raw text is tried too
RAW_FALLBACK_SCORE = 0.6
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
    country = parsed.get("country")
    if country and out:
        _check_country(out, country, gazetteer)
        _sort(out)
    return out[:limit]


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
