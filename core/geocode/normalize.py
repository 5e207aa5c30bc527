"""Address normalisation shared by the offline index, the cache keys and the scores.

``normalize("Äulestr. 30,  VADUZ")`` -> ``"aeulestrasse 30 vaduz"``;
``normalize("서울특별시 강남구 테헤란로152")`` -> ``"서울 강남구 테헤란로 152"``.

Steps: Unicode NFKC, case folding, German/Nordic transliteration (ä -> ae ...), other
diacritics removed (Hangul is kept intact), punctuation to spaces (a hyphen between
digits is kept: Korean lot numbers ``12-3``), digits split from letters (``테헤란로152``),
Korean suffixes (``번지``, ``번``, ``호``), Korean administrative long forms
(``서울특별시``/``서울시`` -> ``서울``, ``경기도`` -> ``경기``, ``수원시`` -> ``수원``) and
street-type abbreviations (``str`` -> ``strasse``, ``st`` -> ``street``, ``rd`` -> ``road``).
"""

import re
import unicodedata

TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "oe", "å": "aa", "œ": "oe"})

# Abbreviation -> full word (applied to whole tokens).
ABBREVIATIONS = {
    "str": "strasse", "st": "street", "rd": "road", "ave": "avenue", "av": "avenue", "dr": "drive",
    "ln": "lane", "blvd": "boulevard", "hwy": "highway", "ct": "court", "pl": "place", "cir": "circle",
    "pkwy": "parkway", "sq": "square", "ter": "terrace", "trl": "trail", "cr": "county road",
    "co": "county", "mt": "mount", "ft": "fort", "n": "north", "s": "south", "e": "east", "w": "west",
    "ne": "northeast", "nw": "northwest", "se": "southeast", "sw": "southwest", "apt": "", "no": "",
    "nr": "", "hwy.": "highway", "rte": "route", "expy": "expressway", "fwy": "freeway",
}

# Korean provinces and metropolitan cities: every long form -> the short form.
KOREAN_REGIONS = {
    "서울특별시": "서울", "서울시": "서울", "부산광역시": "부산", "부산시": "부산", "대구광역시": "대구",
    "대구시": "대구", "인천광역시": "인천", "인천시": "인천", "광주광역시": "광주", "대전광역시": "대전",
    "대전시": "대전", "울산광역시": "울산", "울산시": "울산", "세종특별자치시": "세종", "세종시": "세종",
    "경기도": "경기", "강원도": "강원", "강원특별자치도": "강원", "충청북도": "충북", "충청남도": "충남",
    "전라북도": "전북", "전북특별자치도": "전북", "전라남도": "전남", "경상북도": "경북", "경상남도": "경남",
    "제주특별자치도": "제주", "제주도": "제주",
}
KOREAN_LONG_SUFFIXES = ("특별자치시", "특별자치도", "특별시", "광역시")

_HANGUL = r"\uac00-\ud7a3"
_SPLIT_DIGITS = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[" + _HANGUL + r"])")
_PUNCT = re.compile(r"[^\w\s-]|_")
_HYPHEN = re.compile(r"(?<!\d)-|-(?!\d)")
_KR_NUMBER_SUFFIX = re.compile(r"^(\d+(?:-\d+)?)(번지|번|호|층)$")
_KR_NUMBER_SUFFIX_IN_TEXT = re.compile(r"(\d)(?:번지|번|호|층)(?![" + _HANGUL + r"])")
_NUMBER = re.compile(r"^\d+(?:-\d+)?[a-z]?$")


def _strip_diacritics(text):
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", kept)


def _korean_token(token):
    if token in KOREAN_REGIONS:
        return KOREAN_REGIONS[token]
    for suffix in KOREAN_LONG_SUFFIXES:
        if token.endswith(suffix) and len(token) > len(suffix):
            return token[: -len(suffix)]
    # 수원시 -> 수원, 가온시 -> 가온 (cities); keep two-syllable names like 시흥 untouched.
    if len(token) >= 3 and token.endswith("시") and re.fullmatch("[" + _HANGUL + "]+", token):
        return token[:-1]
    return token


def tokens(text):
    """Normalised tokens of ``text`` (a list; empty for empty/NULL text)."""
    if text is None:
        return []
    text = unicodedata.normalize("NFKC", str(text)).casefold().translate(TRANSLIT)
    text = _strip_diacritics(text)
    text = _PUNCT.sub(" ", text)
    text = _HYPHEN.sub(" ", text)
    text = _KR_NUMBER_SUFFIX_IN_TEXT.sub(r"\1", text)
    text = _SPLIT_DIGITS.sub(" ", text)
    out = []
    for token in text.split():
        match = _KR_NUMBER_SUFFIX.match(token)
        if match:
            token = match.group(1)
        if token in ABBREVIATIONS:
            full = ABBREVIATIONS[token]
            out.extend(full.split())
            continue
        if token.endswith("str") and len(token) > 5 and token.isascii():
            token = token + "asse"  # Aeulestr -> aeulestrasse
        if not token.isascii():
            token = _korean_token(token)
        if token:
            out.append(token)
    return out


def normalize(text):
    """The normalised form of an address: tokens joined by one space."""
    return " ".join(tokens(text))


def is_number(token):
    """True for house-number-like tokens: ``30``, ``12-3``, ``5a``."""
    return bool(_NUMBER.match(token))


def similarity(a, b):
    """Similarity of two tokens in 0..1 (1 - normalised Levenshtein distance)."""
    if a == b:
        return 1.0
    la, lb = len(a), len(b)
    if not la or not lb:
        return 0.0
    if abs(la - lb) > max(la, lb) // 2:
        return 0.0
    previous = list(range(lb + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return 1.0 - previous[lb] / max(la, lb)


def text_score(query_tokens, candidate_text):
    """How well ``candidate_text`` covers the query tokens (0..1): fuzzy, order-independent.

    Used to give web providers' candidates a comparable score.
    """
    cand = tokens(candidate_text)
    if not query_tokens:
        return 0.0
    if not cand:
        return 0.0
    total = 0.0
    weight = 0.0
    for q in query_tokens:
        w = 2.0 if is_number(q) else 1.0
        best = 0.0
        for c in cand:
            s = 1.0 if q == c else (0.9 if len(q) >= 2 and (c.startswith(q) or q.startswith(c)) and not is_number(q)
                                    else similarity(q, c))
            if s > best:
                best = s
                if best == 1.0:
                    break
        total += w * (best if best >= 0.6 else 0.0)
        weight += w
    return round(total / weight, 4)
