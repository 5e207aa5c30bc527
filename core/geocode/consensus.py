"""Batch consensus: a fuzzy match that disagrees with the rest of the batch is held for review.

A fuzzy match passes ``min_score`` on spelling alone: in the world gazetteer *Triesen* (Liechtenstein) finds
*Trieste, Italy* (0.68) and *Balzers* finds *Balzar, Ecuador*. The rows of one table are usually in one
region, so the batch itself says which answers are plausible:

* **confident matches**: rows ``matched`` whose every query word (the words the address parser keeps: care-of
  names, floors, units, PO boxes and notes left out) is in the matched address (after normalisation: an *exact*
  match, e.g. "Vaduz" -> "Vaduz, Liechtenstein"), that score 1, that name their country and were matched in
  it, or that were reviewed by hand;
* their **countries** (where candidates carry one: the offline index and gazetteer) and their **median
  point** (median longitude and latitude), with a radius of ``max(RADIUS_MIN_M, RADIUS_FACTOR x`` the median
  distance of the confident matches to that point ``)``;
* every other ``matched`` row (a *fuzzy* match) whose country is not among the confident matches' countries,
  or that lies farther than the radius from the median point, becomes ``ambiguous`` with the reason in its
  ``error`` field. Exact matches are never changed.
* With no confident match at all (a batch of one row, or only misspelt rows) there is nothing to compare
  with: a fuzzy match scoring below :data:`UNCONFIRMED_MIN_SCORE` is held as ``ambiguous``; better ones stay
  ``matched``.
"""

import statistics

from ..i18n import tr
from .index import distance_m
from .normalize import tokens

RADIUS_MIN_M = 200000.0
RADIUS_FACTOR = 4.0
UNCONFIRMED_MIN_SCORE = 0.8


def is_exact(query_tokens, candidate, address_tokens=None):
    """Every word of the query is a word of the candidate's address (both normalised). A score of 1 is exact
    too (every query word found with similarity 1: the offline index and the web providers' text score)."""
    if candidate.get("match_type") == "manual" or candidate.get("score", 0.0) >= 1.0:
        return True
    if not query_tokens:
        return False
    words = address_tokens if address_tokens is not None else set(tokens(candidate.get("address") or ""))
    return set(query_tokens) <= words


def review_outliers(texts, per_text, decide, min_score, margin):
    """Mark fuzzy matches that disagree with the batch: ``per_text[i]["review"] = reason``.

    ``decide(candidates, min_score, margin)`` gives ``(status, best)`` as the output does. Returns the
    number of rows marked."""
    rows = []  # (index, best, exact)
    exact_cache = {}
    address_words = {}  # tokens cost ~20 us: each address and each query is normalised once
    for i, (text, item) in enumerate(zip(texts, per_text)):
        cands = item.get("candidates")
        if not cands:
            continue
        status, best = decide(cands, min_score, margin)
        if status != "matched" or best is None:
            continue
        key = (item.get("key"), best.get("address"))
        exact = exact_cache.get(key)
        if exact is None:
            if item.get("manual") or best.get("match_type") == "manual" or best.get("score", 0.0) >= 1.0:
                exact = True
            else:
                address = best.get("address") or ""
                words = address_words.get(address)
                if words is None:
                    words = address_words[address] = set(tokens(address))
                parsed = item.get("parsed") or {}
                # the words that can be matched: names, floors, units, PO boxes and notes set aside by the parser
                exact = is_exact(tokens(parsed.get("query") or text), best, words)
            exact_cache[key] = exact
        named = (item.get("parsed") or {}).get("country")  # the row names its country: that is its confirmation
        rows.append((i, best, exact or bool(named and best.get("country") and named == best.get("country"))))
    confident = [best for _i, best, exact in rows if exact]
    marked = 0
    if not confident:
        for i, best, _exact in rows:
            if best["score"] < UNCONFIRMED_MIN_SCORE:
                per_text[i]["review"] = tr(
                    "fuzzy match (score {0:.2f}) with no exact match in the batch to confirm it: check it").format(
                    best["score"])
                marked += 1
        return marked
    countries = {c.get("country") for c in confident if c.get("country")}
    centre = {"lon": statistics.median(c["lon"] for c in confident),
              "lat": statistics.median(c["lat"] for c in confident)}
    spread = statistics.median(distance_m(centre, c) for c in confident)
    radius = max(RADIUS_MIN_M, RADIUS_FACTOR * spread)
    for i, best, exact in rows:
        if exact:
            continue
        country = best.get("country")
        if country and countries and country not in countries:
            per_text[i]["review"] = tr(
                "fuzzy match in another country ({0}) than the batch's exact matches ({1}): check it").format(
                country.upper(), ", ".join(sorted(c.upper() for c in countries)))
            marked += 1
            continue
        far = distance_m(centre, best)
        if far > radius:
            per_text[i]["review"] = tr(
                "fuzzy match {0:.0f} km from the batch's other matches (more than {1:.0f} km): check it").format(
                far / 1000.0, radius / 1000.0)
            marked += 1
    return marked
