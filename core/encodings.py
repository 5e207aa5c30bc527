"""Text encodings of table files: detected over the whole file, by what the decoded text looks like.

:func:`analyse_encoding` reads a file line by line (memory bounded by its longest line) and
decides between UTF-8 (with or without BOM), UTF-16 (BOM), CP949 (a superset of EUC-KR) and
Windows-1252/Latin-1:

* lines that are valid UTF-8 are UTF-8; a file whose non-ASCII lines are all UTF-8 is UTF-8;
* a file with both UTF-8 lines and lines in another encoding is refused, naming the first line
  that differs from the majority;
* otherwise each candidate that decodes every line is scored on its text: CP949 reads Korean as
  common Hangul syllables (the 2,350 of KS X 1001) and anything else as rare syllables or stray
  letters; Windows-1252 reads European text as accented letters inside words and anything else
  as symbols (``Á¾·Î±¸``). A clear winner is used; otherwise the file is refused naming the
  candidates and the ``encoding=`` option.

:func:`looks_garbled` tells text read with the wrong encoding (replacement characters,
UTF-8 read as Latin-1 or CP949, Windows-1252 read as CP949).
"""

import codecs
import re
from collections import Counter

from .errors import WealthMapError
from .i18n import tr

#: Encodings tried for a file that is not UTF-8, in order of preference on a tie of equal readings.
CANDIDATES = ("cp949", "cp1252", "latin-1")
NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 (BOM)", "utf-16": "UTF-16", "cp949": "CP949/EUC-KR",
         "cp1252": "Windows-1252", "latin-1": "Latin-1 (ISO-8859-1)"}
#: Characters scored per candidate (validity is still checked on every line).
SCORE_BUDGET = 500_000
MIN_SCORE = 0.5
MIN_MARGIN = 0.75


def _ksx1001_hangul():
    chars = []
    for lead in range(0xB0, 0xC9):
        for trail in range(0xA1, 0xFF):
            try:
                chars.append(bytes((lead, trail)).decode("euc_kr"))
            except UnicodeDecodeError:
                pass
    return "".join(chars)


_HANGUL = re.compile("[\uac00-\ud7a3]")
_HANGUL_IN_LATIN = re.compile("(?<=[A-Za-z])[\uac00-\ud7a3](?=[A-Za-z])")
_HANGUL_BY_LATIN = re.compile("(?<=[A-Za-z])[\uac00-\ud7a3]|[\uac00-\ud7a3](?=[A-Za-z])")
_NON_ASCII = re.compile("[^\x00-\x7f]")
_ACCENTED = "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
_ACCENT_IN_WORD = re.compile("(?<=[A-Za-z])[{0}]|[{0}](?=[A-Za-z])".format(_ACCENTED))


_COMMON_SET = frozenset(_ksx1001_hangul())
_ACCENTED_SET = frozenset(re.sub("[^" + _ACCENTED + "]", "", "".join(map(chr, range(0x80, 0x2000)))))
_TYPOGRAPHY_SET = frozenset("\u2018\u2019\u201a\u201c\u201d\u201e\u2013\u2014\u2026\u2022")
_NEUTRAL_SET = frozenset("\u20ac\u00a3\u00a5\u00b0\u00a7\u00a9\u00ae\u00ab\u00bb\u00a0\u00b7\u2122\u2030")
_CLASSES = {}


def _char_class(ch):
    """The class of a non-ASCII character for scoring (cached)."""
    kind = _CLASSES.get(ch)
    if kind is None:
        code = ord(ch)
        if ch in _COMMON_SET:
            kind = "hangul_common"
        elif 0xAC00 <= code <= 0xD7A3:
            kind = "hangul_rare"
        elif 0x4E00 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF:
            kind = "hanja"
        elif 0x3040 <= code <= 0x30FF:
            kind = "kana"
        elif 0x3131 <= code <= 0x318E:
            kind = "jamo"
        elif ch in _ACCENTED_SET:
            kind = "accented"
        elif 0x00C0 <= code <= 0x024F:
            kind = "latin_ext"
        elif 0x0370 <= code <= 0x04FF:
            kind = "greek_cyrillic"
        elif ch in _TYPOGRAPHY_SET:
            kind = "typography"
        elif ch in _NEUTRAL_SET:
            kind = "neutral"
        elif 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF or 0x2000 <= code <= 0x206F \
                or 0x3200 <= code <= 0x33FF:
            kind = "cjk_punct"
        else:
            kind = "other"
        _CLASSES[ch] = kind
    return kind


def _score(encoding, text):
    """``(score sum, characters scored)`` of ``text`` decoded with ``encoding`` (non-ASCII characters only).
    ``encoding``: ``cp949``, ``utf-8``, or anything else for the Latin (Windows-1252/Latin-1) reading."""
    counts = {}
    for ch, n in Counter(text).items():
        if ord(ch) > 0x7F:
            kind = _char_class(ch)
            counts[kind] = counts.get(kind, 0) + n
    total = sum(counts.values())
    if not total:
        return 0.0, 0
    get = counts.get
    if encoding == "cp949":
        odd = get("kana", 0) + get("jamo", 0) + get("accented", 0) + get("latin_ext", 0) + get("greek_cyrillic", 0)
        # a syllable inside a Latin word ('Z쳐rich' is UTF-8 'Zürich' read as CP949) counts as wrong
        inside = len(_HANGUL_IN_LATIN.findall(text)) if get("hangul_common") or get("hangul_rare") else 0
        return (2.0 * get("hangul_common", 0) - 2.0 * get("hangul_rare", 0) + 1.0 * get("hanja", 0) - odd
                - 4.0 * inside), total
    in_word = len(_ACCENT_IN_WORD.findall(text)) if get("accented") else 0
    if encoding == "utf-8":
        known = sum(get(k, 0) for k in ("hangul_common", "hangul_rare", "hanja", "kana", "accented", "typography",
                                        "neutral", "cjk_punct"))
        return (2.0 * (get("hangul_common", 0) + get("hangul_rare", 0)) + 2.0 * in_word
                + 1.0 * (get("hanja", 0) + get("kana", 0)) + 0.5 * get("typography", 0) - (total - known)), total
    other = total - get("accented", 0) - get("typography", 0) - get("neutral", 0)
    return 2.0 * in_word + 0.5 * get("typography", 0) - 1.0 * other, total


class EncodingReport:
    """What :func:`analyse_encoding` found: ``encoding`` (or ``None``), ``candidates`` with their scores,
    ``utf8_lines``/``other_lines`` (non-ASCII lines of each kind) and the first line of each kind."""

    def __init__(self):
        self.encoding = None
        self.bom = False
        self.utf8_lines = 0
        self.other_lines = 0
        self.first_utf8 = None
        self.first_other = None
        self.valid = {c: True for c in CANDIDATES}
        self.first_invalid = {}
        self.scores = {c: [0.0, 0] for c in CANDIDATES}
        self.example = {}
        self.has_c1 = False
        self.utf8_score = [0.0, 0]
        self.on_utf8_lines = {}
        self.other_ranked = None

    def average(self, encoding):
        total, count = self.scores[encoding]
        return total / count if count else 0.0

    def ranked(self):
        """Valid candidates, best first, without Latin-1 when it reads the same as Windows-1252."""
        valid = [c for c in CANDIDATES if self.valid[c]]
        if "cp1252" in valid and "latin-1" in valid and not self.has_c1:
            valid.remove("latin-1")
        return sorted(valid, key=lambda c: -self.average(c))


def analyse_encoding(path):
    """Read ``path`` once and return an :class:`EncodingReport` (see the module docstring)."""
    report = EncodingReport()
    with open(path, "rb") as handle:
        head = handle.read(4)
        if head.startswith(codecs.BOM_UTF8):
            report.encoding, report.bom = "utf-8-sig", True  # declared: a line in another encoding is refused
            return report  # when the file is read, naming the line
        if head.startswith(codecs.BOM_UTF16_LE) or head.startswith(codecs.BOM_UTF16_BE):
            report.encoding, report.bom = "utf-16", True
            return report
        handle.seek(0)
        base, rest = 1, b""
        while True:
            chunk = handle.read(BLOCK_BYTES)
            data = rest + chunk
            if not chunk:
                _analyse_block(report, data, base)
                break
            cut = data.rfind(b"\n")
            if cut < 0:
                rest = data  # a line longer than a block: read on
                continue
            block, rest = data[:cut + 1], data[cut + 1:]
            _analyse_block(report, block, base)
            base += block.count(b"\n")
    if report.encoding is not None:
        return report
    utf8_average = report.utf8_score[0] / report.utf8_score[1] if report.utf8_score[1] else 0.0
    if report.utf8_lines and (report.other_lines or utf8_average < 0):
        # Lines that are valid UTF-8 by chance (CP949 '천' is the bytes of UTF-8 'õ'): the file is in another
        # encoding when that one reads them too, and reads them better than UTF-8 does.
        report.other_ranked = report.ranked() if report.other_lines else []
        _score_utf8_lines(path, report)
        # among lines in another encoding, one that reads the UTF-8 lines at least as well explains the whole
        # file; a file that is UTF-8 throughout needs a clearly better reading
        margin = 0.0 if report.other_lines else MIN_MARGIN
        better = [c for c in report.ranked() if report.on_utf8_lines[c][1]
                  and report.on_utf8_lines[c][0] / report.on_utf8_lines[c][1] >= MIN_SCORE
                  and report.on_utf8_lines[c][0] / report.on_utf8_lines[c][1] - utf8_average >= margin]
        if not better:
            if not report.other_lines:
                report.encoding = "utf-8"
            return report
        for candidate in CANDIDATES:
            report.scores[candidate][0] += report.on_utf8_lines[candidate][0]
            report.scores[candidate][1] += report.on_utf8_lines[candidate][1]
        report.other_lines += report.utf8_lines
        report.utf8_lines, report.first_utf8 = 0, None
    if not report.other_lines:
        report.encoding = "utf-8"
        return report
    ranked = report.ranked()
    if len(ranked) == 1 and report.average(ranked[0]) >= 0:
        report.encoding = ranked[0]
    elif ranked and report.average(ranked[0]) >= MIN_SCORE and (
            len(ranked) == 1 or report.average(ranked[0]) - report.average(ranked[1]) >= MIN_MARGIN):
        report.encoding = ranked[0]
    return report


_NON_ASCII_BYTE = re.compile(b"[\x80-\xff]")
BLOCK_BYTES = 1 << 20


def _analyse_block(report, block, base):
    """Add a block of whole lines (the first is line ``base``) to ``report``: a block that is UTF-8 as a whole
    is counted at once; otherwise each non-ASCII line is UTF-8 or not, and the lines that are not are decoded
    with each candidate together (line by line only to find the first line a candidate cannot read)."""
    if not block or block.isascii():
        return
    try:
        text = block.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        report.utf8_lines += sum(1 for line in block.split(b"\n") if not line.isascii())
        if report.first_utf8 is None:
            report.first_utf8 = base + block.count(b"\n", 0, _NON_ASCII_BYTE.search(block).start())
        _add_score(report.utf8_score, "utf-8", text)
        return
    others, utf8 = [], []
    raw_lines = block.split(b"\n")
    # '\n' is never part of a bad sequence, so the lines of the decoded text are the lines of the block
    for number, (line, text) in enumerate(zip(raw_lines, block.decode("utf-8", errors="replace").split("\n")),
                                          start=base):
        if text.isascii():
            continue
        if "\ufffd" in text and not _decodes(line, "utf-8"):
            others.append((number, line))
            continue
        utf8.append(text)
        if report.first_utf8 is None:
            report.first_utf8 = number
    if utf8:
        report.utf8_lines += len(utf8)
        _add_score(report.utf8_score, "utf-8", "\n".join(utf8))
    if not others:
        return
    report.other_lines += len(others)
    if report.first_other is None:
        report.first_other = others[0][0]
    joined = b"\n".join(line for _n, line in others)
    if not report.has_c1 and re.search(b"[\x80-\x9f]", joined):
        report.has_c1 = True
    for candidate in CANDIDATES:
        if not report.valid[candidate]:
            continue
        try:
            text = joined.decode(candidate)
        except UnicodeDecodeError:
            report.valid[candidate] = False
            report.first_invalid[candidate] = next((n for n, line in others if not _decodes(line, candidate)),
                                                   others[0][0])
            continue
        _add_score(report.scores[candidate], "cp949" if candidate == "cp949" else "latin", text)
        if candidate not in report.example:
            report.example[candidate] = _excerpt(text.split("\n", 1)[0])


def _add_score(score, kind, text):
    if score[1] < SCORE_BUDGET:
        add, count = _score(kind, text[:SCORE_BUDGET])
        score[0] += add
        score[1] += count


def _decodes(data, encoding):
    try:
        data.decode(encoding)
        return True
    except UnicodeDecodeError:
        return False


def _score_utf8_lines(path, report):
    """Second pass (only for files with UTF-8 lines that look odd or sit among lines in another encoding): how
    each candidate reads the lines that are valid UTF-8; a candidate that cannot read one is no candidate."""
    report.on_utf8_lines = {c: [0.0, 0] for c in CANDIDATES}
    with open(path, "rb") as handle:
        for line in handle:
            if line.isascii():
                continue
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                continue
            for candidate in CANDIDATES:
                if not report.valid[candidate]:
                    continue
                try:
                    text = line.decode(candidate)
                except UnicodeDecodeError:
                    report.valid[candidate] = False
                    continue
                score = report.on_utf8_lines[candidate]
                if score[1] < SCORE_BUDGET:
                    add, count = _score(candidate, text)
                    score[0] += add
                    score[1] += count


def _excerpt(text, width=60):
    text = text.strip()
    pos = _NON_ASCII.search(text)
    start = max(0, (pos.start() if pos else 0) - width // 3)
    return text[start:start + width]


def detect_encoding(path):
    """The encoding of a text file (``utf-8-sig``, ``utf-16``, ``utf-8``, ``cp949``, ``cp1252`` or ``latin-1``).

    Raises :class:`WealthMapError` when the file mixes UTF-8 and another encoding (naming the
    first line that differs from the majority) or when no candidate reads it clearly (naming the
    candidates and the ``encoding`` option); ``err.details["encoding_candidates"]`` lists them.
    """
    report = analyse_encoding(path)
    if report.encoding:
        return report.encoding
    if report.utf8_lines and report.other_lines:
        ranked = report.other_ranked if report.other_ranked is not None else report.ranked()
        other = NAMES[ranked[0]] if ranked else tr("another encoding")
        if report.utf8_lines >= report.other_lines:
            line, kind, majority = report.first_other, other, "UTF-8"
        else:
            line, kind, majority = report.first_utf8, "UTF-8", other
        raise WealthMapError(
            tr("The file {0} mixes encodings: line {1} is {2} while most lines are {3}, so part of its text would "
               "be garbled. Save the whole file in one encoding (e.g. UTF-8: open it in a text editor or Excel and "
               "save it again) and try again.").format(path, line, kind, majority),
            details={"encoding_candidates": [], "line": line})
    ranked = report.ranked()
    examples = "; ".join("{}: '{}'".format(NAMES[c], report.example.get(c, "")) for c in ranked)
    raise WealthMapError(
        tr("Cannot tell the encoding of {0}: it is not UTF-8, and it reads as {1}. Give the right one with the "
           "encoding option (console: encoding='cp949' for Korean, 'cp1252' for Western European text; "
           "Processing: Table encoding) or save the file as UTF-8.").format(path, examples or tr("nothing readable")),
        details={"encoding_candidates": ranked or list(CANDIDATES), "line": report.first_other})


# --- text read with the wrong encoding ---------------------------------------------------------
_REPLACEMENT = "\ufffd"


def looks_garbled(text):
    """A reason (``"replacement"``, ``"utf-8 as latin-1"``, ``"utf-8 as cp949"``, ``"cp1252 as cp949"``)
    when ``text`` looks read with the wrong encoding, else ``None``. Plain ASCII is never garbled."""
    if not text or text.isascii():
        return None
    if _REPLACEMENT in text:
        return "replacement"
    for wrong in ("cp1252", "latin-1"):
        fixed = _redecode(text, wrong, "utf-8")
        if fixed is not None and fixed != text and not fixed.isascii():
            return "utf-8 as latin-1"
    fixed = _redecode(text, "cp949", "utf-8")
    if fixed is not None and fixed != text and not fixed.isascii() and _HANGUL.search(fixed):
        return "utf-8 as cp949"
    if _HANGUL.search(text):
        # the mark of Windows-1252 read as CP949: a rare syllable glued to Latin letters ('흏hus' for 'Århus')
        if any(_char_class(m.group(0)) == "hangul_rare" for m in _HANGUL_BY_LATIN.finditer(text)):
            fixed = _redecode(text, "cp949", "cp1252")
            if fixed is not None:
                latin, n_latin = _score("cp1252", fixed)
                korean, n_korean = _score("cp949", text)
                if n_latin and latin / n_latin >= MIN_SCORE and latin / n_latin > korean / max(n_korean, 1):
                    return "cp1252 as cp949"
    return None


def _redecode(text, wrong, right):
    try:
        return text.encode(wrong).decode(right)
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
