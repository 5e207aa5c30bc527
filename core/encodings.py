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

from .errors import WealthMapError
from .i18n import tr

#: Encodings tried for a file that is not UTF-8, in order of preference on a tie of equal readings.
CANDIDATES = ("cp949", "cp1252", "latin-1")
NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 (BOM)", "utf-16": "UTF-16", "cp949": "CP949/EUC-KR",
         "cp1252": "Windows-1252", "latin-1": "Latin-1 (ISO-8859-1)"}
#: Characters scored per candidate (validity is still checked on every line).
SCORE_BUDGET = 2_000_000
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


_COMMON_HANGUL = re.compile("[" + _ksx1001_hangul() + "]")
_HANGUL = re.compile("[\uac00-\ud7a3]")
_HANJA = re.compile("[\u4e00-\u9fff\uf900-\ufaff]")
_NON_ASCII = re.compile("[^\x00-\x7f]")
# letters of other scripts that CP949 also encodes (Greek, Cyrillic, kana, Latin extras): odd in Korean tables
_CP949_ODD = re.compile("[\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u3040-\u30ff\u3131-\u318e]")
_ACCENTED = "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
_ACCENT_IN_WORD = re.compile("(?<=[A-Za-z])[{0}]|[{0}](?=[A-Za-z])".format(_ACCENTED))
_ACCENT_ANY = re.compile("[{}]".format(_ACCENTED))
_TYPOGRAPHY = re.compile("[\u2018\u2019\u201a\u201c\u201d\u201e\u2013\u2014\u2026\u2022]")
_NEUTRAL_LATIN = re.compile("[\u20ac\u00a3\u00a5\u00b0\u00a7\u00a9\u00ae\u00ab\u00bb\u00a0\u00b7\u2122\u2030]")
_KANA = re.compile("[\u3040-\u30ff]")
_CJK_PUNCTUATION = re.compile("[\u3000-\u303f\uff00-\uffef\u2000-\u206f\u3200-\u33ff]")


def _score(encoding, text):
    """``(score sum, characters scored)`` of ``text`` decoded with ``encoding`` (non-ASCII characters only)."""
    total = len(_NON_ASCII.findall(text))
    if not total:
        return 0.0, 0
    if encoding == "cp949":
        hangul = len(_HANGUL.findall(text))
        common = len(_COMMON_HANGUL.findall(text))
        hanja = len(_HANJA.findall(text))
        odd = len(_CP949_ODD.findall(text))
        return 2.0 * common - 2.0 * (hangul - common) + 1.0 * hanja - 1.0 * odd, total
    if encoding == "utf-8":
        hangul = len(_HANGUL.findall(text))
        cjk = len(_HANJA.findall(text)) + len(_KANA.findall(text))
        accented = len(_ACCENT_ANY.findall(text))
        in_word = len(_ACCENT_IN_WORD.findall(text))
        typography = len(_TYPOGRAPHY.findall(text))
        neutral = len(_NEUTRAL_LATIN.findall(text)) + len(_CJK_PUNCTUATION.findall(text))
        other = total - hangul - cjk - accented - typography - neutral
        return 2.0 * hangul + 2.0 * in_word + 1.0 * cjk + 0.5 * typography - 1.0 * other, total
    in_word = len(_ACCENT_IN_WORD.findall(text))
    accented = len(_ACCENT_ANY.findall(text))
    typography = len(_TYPOGRAPHY.findall(text))
    neutral = len(_NEUTRAL_LATIN.findall(text))
    other = total - accented - typography - neutral
    return 2.0 * in_word + 0.5 * typography - 1.0 * other, total


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
            report.encoding, report.bom = "utf-8-sig", True
        elif head.startswith(codecs.BOM_UTF16_LE) or head.startswith(codecs.BOM_UTF16_BE):
            report.encoding, report.bom = "utf-16", True
            return report
        handle.seek(3 if report.bom else 0)
        for number, line in enumerate(handle, start=1):
            if line.isascii():
                continue
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError:
                pass
            else:
                report.utf8_lines += 1
                if report.first_utf8 is None:
                    report.first_utf8 = number
                if report.utf8_score[1] < SCORE_BUDGET:
                    add, count = _score("utf-8", text)
                    report.utf8_score[0] += add
                    report.utf8_score[1] += count
                continue
            report.other_lines += 1
            if report.first_other is None:
                report.first_other = number
            if not report.has_c1 and re.search(b"[\x80-\x9f]", line):
                report.has_c1 = True
            for candidate in CANDIDATES:
                if not report.valid[candidate]:
                    continue
                try:
                    text = line.decode(candidate)
                except UnicodeDecodeError:
                    report.valid[candidate] = False
                    report.first_invalid[candidate] = number
                    continue
                score = report.scores[candidate]
                if score[1] < SCORE_BUDGET:
                    add, count = _score(candidate, text)
                    score[0] += add
                    score[1] += count
                if candidate not in report.example:
                    report.example[candidate] = _excerpt(text)
    if report.encoding is not None:
        return report
    utf8_average = report.utf8_score[0] / report.utf8_score[1] if report.utf8_score[1] else 0.0
    if report.utf8_lines and (report.other_lines or utf8_average < 0):
        # Lines that are valid UTF-8 by chance (CP949 '천' is the bytes of UTF-8 'õ'): the file is in another
        # encoding when that one reads them too, and reads them better than UTF-8 does.
        report.other_ranked = report.ranked() if report.other_lines else []
        _score_utf8_lines(path, report)
        better = [c for c in report.ranked() if report.on_utf8_lines[c][1]
                  and report.on_utf8_lines[c][0] / report.on_utf8_lines[c][1] >= MIN_SCORE
                  and report.on_utf8_lines[c][0] / report.on_utf8_lines[c][1] - utf8_average >= MIN_MARGIN]
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
           "encoding option (encoding='cp949' for Korean, 'cp1252' for Western European text) or save the file "
           "as UTF-8.").format(path, examples or tr("nothing readable")),
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
        hangul = len(_HANGUL.findall(text))
        common = len(_COMMON_HANGUL.findall(text))
        if hangul > common:
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
