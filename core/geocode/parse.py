"""Address parser: the parts of an address that can be matched, and the rest set aside.

``parse_address("Herr Kaiser, Äulestrasse 30 / 3. OG, 9490 Vaduz, FL")`` ->
``{"street": "Äulestrasse", "house_number": "30", "postcode": "9490", "locality": "Vaduz",
"country": "li", "aside": {"care_of": ["Herr Kaiser"], "unit": ["3. OG"]},
"query": "Äulestrasse 30, 9490 Vaduz", ...}``.

Matched parts: house number, street (Korean: 도로명), locality (town, district; Korean 시/군/구/읍/면),
postcode, country. Set aside (kept in ``aside``, never sent to an index or a service): care-of
names (a keyword first: ``c/o``, ``Herr``, ``z.H.``, ``Mr``; Korean ``귀하``/``님``), units and floors
(``3. OG``, ``Apt 3``, ``Top 5``, ``101동 202호``, ``3층``), PO boxes (``Postfach 12``, ``사서함``), notes
in brackets, Korean building names (``가온아파트``), Korean detail after the building number, and a
지번 (lot) address written next to a 도로명 one.

The rules (separators, keywords, patterns, country names and codes, per script: Latin and Hangul)
are data: ``core/geocode/data/address_rules.json``. ``query`` is the cleaned text (empty when
nothing matchable was found: callers then use the raw text).
"""

import copy
import functools
import json
import os
import re
import unicodedata

from ..i18n import tr, tr_noop

RULES_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "address_rules.json")
PARTS = ("house_number", "street", "locality", "postcode", "country")
_HANGUL = re.compile("[\uac00-\ud7a3]")
_NUMBER = re.compile(r"^(?:산\s*)?\d+[a-z]?(?:-\d+)?(?:번지|번)?$", re.IGNORECASE)
_SHORT_NUMBER = re.compile(r"^\d{1,4}[a-z]?(?:-\d+)?$", re.IGNORECASE)
_SIDE_ROAD = re.compile(r"^\d+(?:번|번가|가)?(?:길|로)$")
_PREFIXED_POSTCODE = re.compile(r"^([a-z]{1,2})\s*-\s*(\d{4,5})$", re.IGNORECASE)


def _fold(text):
    return " ".join(text.casefold().replace(".", " ").replace(":", " ").split())


class Rules:
    """The compiled rules of one rules file."""

    def __init__(self, data):
        flags = re.IGNORECASE
        self.version = data.get("version", 1)
        self.separators = re.compile(data["separators"], flags)
        self.care_of_symbol = re.compile(data["care_of_symbol"], flags)
        self.brackets = re.compile(data["brackets"], flags)
        self.postcode = re.compile(data["postcode"], flags)
        self.postcode_prefixes = {k.casefold(): v for k, v in data.get("postcode_prefixes", {}).items()}
        self.country_names = {}   # folded name -> iso code (whole part)
        self.inline_names = {}    # names also taken as the first/last words of a part
        inline_codes = {_fold(c) for c in data.get("inline_codes", [])}
        for code, names in data.get("countries", {}).items():
            for name in names:
                folded = _fold(name)
                self.country_names[folded] = code
                if len(folded) >= 4 or not folded.isascii() or folded in inline_codes:
                    self.inline_names[folded] = code
        self.max_country_words = max((len(n.split()) for n in self.inline_names), default=1)
        self.scripts = {}
        for script in ("latin", "hangul"):
            s = data.get(script, {})
            self.scripts[script] = {
                "care_of": sorted((_fold(k) for k in s.get("care_of", [])), key=len, reverse=True),
                "care_of_suffixes": tuple(s.get("care_of_suffixes", [])),
                "titles": {_fold(t) for t in s.get("titles", [])},
                "po_box": [re.compile(p, flags) for p in s.get("po_box", [])],
                "po_box_inline": [re.compile(p, flags) for p in s.get("po_box_inline", [])],
                "unit": [re.compile(p, flags) for p in s.get("unit", [])],
                "street_words": {w.casefold() for w in s.get("street_words", [])},
                "street_suffixes": tuple(w.casefold() for w in s.get("street_suffixes", [])),
                "building_suffixes": tuple(s.get("building_suffixes", [])),
                "road": re.compile(s["road_pattern"]) if s.get("road_pattern") else None,
                "lot_area": re.compile(s["lot_area_pattern"]) if s.get("lot_area_pattern") else None,
                "locality_suffixes": tuple(s.get("locality_suffixes", [])),
            }


@functools.lru_cache(maxsize=4)
def load_rules(path=RULES_PATH):
    """The parser rules from a JSON file (cached)."""
    with open(path, encoding="utf-8") as handle:
        return Rules(json.load(handle))


def empty_parse():
    return {"house_number": None, "street": None, "locality": None, "postcode": None, "country": None,
            "form": None, "aside": {}, "query": "", "town": None}


def parse_address(text, rules_path=RULES_PATH):
    """The parsed parts of ``text`` (a new dict; see the module docstring)."""
    return copy.deepcopy(_parse_cached(None if text is None else str(text), rules_path))


@functools.lru_cache(maxsize=100000)
def _parse_cached(text, rules_path):
    return _Parser(load_rules(rules_path)).parse(text)


class _Parser:
    def __init__(self, rules):
        self.rules = rules
        self.out = empty_parse()
        self.localities = []
        self.street_order = None  # "number_first" (US) or "street_first"
        self.town = None

    def aside(self, kind, text):
        text = " ".join(str(text).replace("\u2105", "c/o").split()).strip(" ,;")
        if text:
            self.out["aside"].setdefault(kind, []).append(text)

    def set_country(self, code):
        if not self.out["country"]:
            self.out["country"] = code

    # --- whole text -------------------------------------------------------------------------
    def parse(self, text):
        if not text:
            return self.out
        raw = unicodedata.normalize("NFKC", text).strip()
        if not raw:
            return self.out
        rules = self.rules
        s = rules.care_of_symbol.sub(" , \u2105 ", raw)  # a care-of name starts a part of its own

        def bracket(match):
            content = next((g for g in match.groups() if g is not None), "").strip()
            if rules.postcode.match(content) and not self.out["postcode"]:
                self.out["postcode"] = content
            elif _fold(content) in rules.country_names:  # "Ruggell (FL)"
                self.set_country(rules.country_names[_fold(content)])
            elif content:
                self.aside("note", content)
            return " , "

        s = rules.brackets.sub(bracket, s)
        for segment in rules.separators.split(s):
            segment = (segment or "").strip()
            if segment:
                self.segment(segment)
        out = self.out
        if self.localities:
            out["locality"] = ", ".join(self.localities)
            out["town"] = self.town or self.localities[-1]  # for services that take one town (Nominatim's city)
        out["query"] = self.query()
        return out

    def query(self):
        out = self.out
        street = out["street"]
        number = out["house_number"]
        korean = any(_HANGUL.search(out[k] or "") for k in ("street", "locality"))
        if korean:
            words = [out["locality"], street, number, out["postcode"]]
            return " ".join(w.replace(",", "") for w in words if w)
        head = ""
        if street or number:
            pair = [number, street] if self.street_order == "number_first" else [street, number]
            head = " ".join(p for p in pair if p)
        tail = " ".join(p for p in (out["postcode"], out["locality"]) if p)
        return ", ".join(p for p in (head, tail) if p)

    # --- one part between separators ------------------------------------------------------------
    def segment(self, segment):
        rules = self.rules
        hangul = bool(_HANGUL.search(segment))
        script = rules.scripts["hangul" if hangul else "latin"]
        folded = _fold(segment)
        code = rules.country_names.get(folded)
        if code:
            self.set_country(code)
            return
        if self.care_of(segment, folded, script, hangul):
            return
        for pattern in script["po_box"]:
            if pattern.match(segment):
                self.aside("po_box", segment)
                return
        for pattern in script["po_box_inline"]:
            segment = pattern.sub(lambda m: self._aside_sub("po_box", m), segment)
        for pattern in script["unit"]:
            segment = pattern.sub(lambda m: self._aside_sub("unit", m), segment)
        words = segment.split()
        words = self.strip_country(words)
        if hangul:
            words = self.hangul_noise(words, script)
        if not words:
            return
        if hangul:
            self.hangul_part(words, script)
        else:
            self.latin_part(words, script)

    def _aside_sub(self, kind, match):
        self.aside(kind, match.group(0))
        return " "

    def care_of(self, segment, folded, script, hangul):
        """A care-of name: the keyword and the name after it (the whole part, or up to two words before
        the street when the part goes on with the address)."""
        for kw in script["care_of"]:
            if not hangul and (folded == kw or folded.startswith(kw + " ")):
                words = segment.split()
                n_kw = next((j for j in range(1, len(words) + 1) if _fold(" ".join(words[:j])) == kw), 1)
                while n_kw < len(words) and _fold(words[n_kw]) in script["titles"]:
                    n_kw += 1  # "Herrn Dr. Meier": the title belongs to the name, not a street (Dr = Drive)
                rest = words[n_kw:]
                if not any(_NUMBER.match(w) for w in rest) and not any(self.is_street_word(w, script) for w in rest):
                    self.aside("care_of", segment)
                    return True
                taken = []
                for i, w in enumerate(rest):
                    nxt = rest[i + 1] if i + 1 < len(rest) else ""
                    if (len(taken) >= 2 or _NUMBER.match(w) or self.is_street_word(w, script) or _NUMBER.match(nxt)
                            or nxt.casefold().rstrip(".") in script["street_words"]):
                        break  # the street starts here: "Main Street 12", "Gapont 8", "12 Main St"
                    taken.append(w)
                self.aside("care_of", " ".join(words[:n_kw] + taken))
                remaining = " ".join(rest[len(taken):])
                if remaining:
                    self.segment(remaining)
                return True
        if hangul and segment.startswith("\u2105"):  # "c/o 홍길동 가온시 ...": the symbol and one name
            words = segment.split()
            self.aside("care_of", " ".join(words[:2]))
            if words[2:]:
                self.segment(" ".join(words[2:]))
            return True
        if hangul:
            words = segment.split()
            kept = []
            found = False
            for w in words:
                if w in script["care_of"] and kept:
                    self.aside("care_of", kept.pop() + " " + w)
                    found = True
                elif w.endswith(script["care_of_suffixes"]) and len(w) > 1 and not script["road"].match(w):
                    self.aside("care_of", w)
                    found = True
                else:
                    kept.append(w)
            if found:
                if kept:
                    self.segment(" ".join(kept))
                return True
        return False

    def strip_country(self, words):
        """Country names as the first or last words of a part (``대한민국 가온시 ...``, ``Vaduz Liechtenstein``)."""
        rules = self.rules
        changed = True
        while words and changed:
            changed = False
            for n in range(min(rules.max_country_words, len(words)), 0, -1):
                head, tail = _fold(" ".join(words[:n])), _fold(" ".join(words[-n:]))
                if head in rules.inline_names and len(words) > n:
                    self.set_country(rules.inline_names[head])
                    words = words[n:]
                    changed = True
                    break
                if tail in rules.inline_names and len(words) > n:
                    self.set_country(rules.inline_names[tail])
                    words = words[:-n]
                    changed = True
                    break
        # a code after a postcode: "9490 Vaduz FL" stays (FL may be a town word), "36067 USA" handled above
        return words

    def hangul_noise(self, words, script):
        kept = []
        for w in words:
            if w.endswith(script["building_suffixes"]) and len(w) > 2:
                self.aside("building", w)
            else:
                kept.append(w)
        return kept

    def is_street_word(self, word, script):
        w = word.casefold().rstrip(".")
        if w in script["street_words"]:
            return True
        return bool(script["street_suffixes"]) and len(w) > 4 and w.endswith(script["street_suffixes"])

    # --- Latin ---------------------------------------------------------------------------------
    def latin_part(self, words, script):
        out = self.out
        street_idx = [i for i, w in enumerate(words) if self.is_street_word(w, script)]
        numbers = [i for i, w in enumerate(words) if _SHORT_NUMBER.match(w) and not self.postcode_like(w, words)]
        words_only = [w for w in words if not _NUMBER.match(w)]
        is_street = out["street"] is None and words_only and (street_idx or numbers)
        if is_street:
            if numbers and numbers[0] == 0:
                self.street_order = "number_first"
                out["house_number"] = words[0]
                end = street_idx[-1] + 1 if street_idx else len(words)
                out["street"] = " ".join(words[1:end]) or None
                rest = words[end:]
            elif numbers and (not street_idx or numbers[0] > street_idx[0]):
                i = numbers[0]
                self.street_order = "street_first"
                out["street"] = " ".join(words[:i])
                number = words[i]
                rest = words[i + 1:]
                if rest and len(rest[0]) == 1 and rest[0].isalpha():  # "30 a"
                    number += rest[0]
                    rest = rest[1:]
                out["house_number"] = number
            else:
                end = street_idx[-1] + 1
                out["street"] = " ".join(words[:end])
                rest = words[end:]
            if rest:
                self.tail(rest)
            return
        self.tail(words)

    def postcode_like(self, word, words):
        return bool(self.rules.postcode.match(word)) and len(words) > 1 and len(word.split("-")[0]) >= 4

    def tail(self, words):
        """Postcode and locality words."""
        out = self.out
        rest = []
        if len(words) >= 2 and _fold(words[-1]) in self.rules.country_names:
            self.set_country(self.rules.country_names[_fold(words[-1])])  # "Vaduz FL", "9490 Vaduz LI"
            words = words[:-1]
        for w in words:
            prefixed = _PREFIXED_POSTCODE.match(w)
            if prefixed and prefixed.group(1).casefold() in self.rules.postcode_prefixes:
                out["postcode"] = out["postcode"] or prefixed.group(2)
                self.set_country(self.rules.postcode_prefixes[prefixed.group(1).casefold()])
            elif self.rules.postcode.match(w) and not out["postcode"] and len(w.split("-")[0]) >= 4:
                out["postcode"] = w
            elif _SHORT_NUMBER.match(w) and out["street"] and not out["house_number"] and not rest:
                out["house_number"] = w
            else:
                rest.append(w)
        if rest:
            if out["street"] is not None and self.town is None:
                self.town = " ".join(rest)  # the first locality part after the street: most likely the town
            self.localities.append(" ".join(rest))

    # --- Hangul --------------------------------------------------------------------------------
    def hangul_part(self, words, script):
        out = self.out
        road = script["road"]
        lot_area = script["lot_area"]
        r = next((i for i, w in enumerate(words) if road.match(w)), None)
        if r is not None and out["street"] is None:
            self.korean_localities(words[:r])
            out["street"] = words[r]
            out["form"] = "road"
            rest = words[r + 1:]
            if rest and _SIDE_ROAD.match(rest[0]):  # "가온로 12번길 5": the side road is part of the name
                out["street"] += rest[0]
                rest = rest[1:]
            if rest and _NUMBER.match(rest[0]):
                out["house_number"] = rest[0]
                rest = rest[1:]
            if rest:
                self.aside("lot_address" if any(lot_area.match(w) for w in rest) else "detail", " ".join(rest))
            return
        if out["street"] is not None:  # after the road address: detail or a 지번 written next to it
            kind = "lot_address" if any(lot_area.match(w) for w in words) else "detail"
            if all(self.rules.postcode.match(w) for w in words) and not out["postcode"]:
                out["postcode"] = words[0]
                return
            if all(w.endswith(script["locality_suffixes"]) and len(w) >= 2 for w in words):
                self.korean_localities(words)  # "가온로 34, 가온시": the town written after the road
                return
            self.aside(kind, " ".join(words))
            return
        a = next((i for i, w in enumerate(words) if lot_area.match(w) and i + 1 < len(words)
                  and _NUMBER.match(words[i + 1])), None)
        if a is not None and out["house_number"] is None:
            self.korean_localities(words[:a + 1])
            out["house_number"] = words[a + 1]
            out["form"] = "lot"
            if words[a + 2:]:
                self.aside("detail", " ".join(words[a + 2:]))
            return
        self.korean_localities(words)

    def korean_localities(self, words):
        out = self.out
        kept = []
        for w in words:
            if self.rules.postcode.match(w) and not out["postcode"]:
                out["postcode"] = w
            else:
                kept.append(w)
        if kept:
            self.localities.append(" ".join(kept))


SUMMARY_LABELS = (("street", tr_noop("street")), ("house_number", tr_noop("number")),
                  ("postcode", tr_noop("postcode")), ("locality", tr_noop("locality")),
                  ("country", tr_noop("country")))


def parsed_summary(parsed):
    """The parsed parts (a dict or the output field's JSON) as one line for people:
    ``street: Äulestrasse; number: 30; set aside: 3. OG``."""
    if isinstance(parsed, str):
        try:
            parsed = json.loads(parsed)
        except ValueError:
            return ""
    if not isinstance(parsed, dict):
        return ""
    parts = ["{}: {}".format(tr(label), parsed[key]) for key, label in SUMMARY_LABELS if parsed.get(key)]
    aside = [v for values in (parsed.get("aside") or {}).values() for v in values]
    if aside:
        parts.append("{}: {}".format(tr("set aside"), " | ".join(aside)))
    return "; ".join(parts)


def parsed_json(parsed):
    """The parsed parts as compact JSON for the output field (``None`` parts left out)."""
    if not parsed:
        return None
    data = {k: parsed[k] for k in PARTS + ("form",) if parsed.get(k)}
    if parsed.get("aside"):
        data["aside"] = parsed["aside"]
    return json.dumps(data, ensure_ascii=False, sort_keys=True)
