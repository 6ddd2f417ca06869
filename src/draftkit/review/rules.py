"""The rules ``draftkit check`` holds a draft to: one small function per rule, yielding findings.

Owns the catalogue of finding codes (``CODES``: default severity and what to do), the
``Finding`` record, and one function per rule, named after what it looks for: unfilled
placeholders and fill-in fields, wording dated relative to the draft's date, names that belong
to the source corpus, repetition, punctuation, heading numbers, length against a target, and
text copied verbatim from the corpus (查重, computed by ``draftkit.bank.overlap``). The rules take
paragraphs and return findings; running them over a draft, sorting and reporting is
``draftkit.review.check``'s job.

Severity: ``error`` means the draft is not fit to hand over as it is (placeholders, broken heading
numbers, more than half copied from one source); ``warning`` asks a human to look; ``info`` only
informs. Paragraph numbers are 1-based positions in the paragraph list; 0 stands for the draft as
a whole.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from difflib import SequenceMatcher
from functools import cache
from typing import Any

from draftkit.bank.overlap import OverlapIndex, OverlapResult, normalise
from draftkit.bank.store import Bank
from draftkit.compose.dated import DatedTerm, load_dated
from draftkit.models import FILL_IN_CLOSE, FILL_IN_OPEN
from draftkit.reading.names import finder_from_list, name_rules, said_as_word
from draftkit.reading.numbering import CN_DIGITS, match_heading
from draftkit.reading.segment import sentences, tagged
from draftkit.resources import data_file
from draftkit.yamlfile import safe_load

SEVERITIES = ("error", "warning", "info")
MAX_REPEATS = 3  # a 四字格 or quoted slogan used more often than this is reported
MIN_SENTENCE = 10  # shorter sentences ("谢谢大家！") may repeat
HEADING_SIMILARITY = 0.8
LENGTH_TOLERANCE = 0.10
OVERLAP_WARNING, OVERLAP_ERROR = 0.30, 0.50

# code → (default severity, what to do); the codes are machine keys, the advice is for users
CODES: dict[str, tuple[str, str]] = {
    "material-figure": ("error", "按材料改正这个数字，或核实材料"),
    "material-later": ("warning", "核对讲话日期或材料的日期"),
    "fill-in": ("warning", "填上事实，并删去【待填：】标记"),
    "placeholder": ("error", "换成真实的名称、数字或日期"),
    "placeholder-date": ("error", "写出完整的日期，例如 2026年11月22日"),
    "empty-brackets": ("error", "填上括号里的内容，或删去这对括号"),
    "dated": ("warning", "只有确指当时才保留"),
    "source-name": ("warning", "确认它属于这篇讲话，否则替换掉"),
    "place-name": ("info", "核对这个地方或单位是否适合这篇讲话"),
    "repeated-sentence": ("warning", "只说一次，或换一种说法"),
    "repeated-phrase": ("warning", "变换措辞"),
    "repeated-slogan": ("warning", "变换措辞"),
    "similar-headings": ("warning", "让每个标题各讲一个要点"),
    "halfwidth-punct": ("warning", "中文里改用全角标点"),
    "doubled-punct": ("warning", "只留一个"),
    "unpaired": ("warning", "补上配对的符号，或删去多余的一个"),
    "heading-order": ("error", "重新编排标题序号"),
    "missing-first-subpoint": ("error", "补上第一条，或从它起重新编号"),
    "heading-period": ("warning", "删去句号"),
    "length": ("warning", ""),
    "copied": ("info", "用自己的话改写"),
    "overlap": ("info", "改写照搬的段落"),
}

# code → what the text report calls it (the codes of ``review.coherence`` included)
NAMES: dict[str, str] = {
    "fill-in": "待填",
    "placeholder": "占位符",
    "placeholder-date": "日期未写全",
    "empty-brackets": "空括号",
    "dated": "过时提法",
    "source-name": "语料中的名称",
    "place-name": "地名或单位",
    "repeated-sentence": "句子重复",
    "repeated-phrase": "四字格重复",
    "repeated-slogan": "提法重复",
    "similar-headings": "标题雷同",
    "halfwidth-punct": "半角标点",
    "doubled-punct": "标点重复",
    "unpaired": "符号不成对",
    "heading-order": "标题序号",
    "missing-first-subpoint": "缺第一条",
    "heading-period": "标题带句号",
    "length": "篇幅",
    "copied": "照搬原文",
    "overlap": "查重",
    "material-figure": "数字与材料不符",
    "material-later": "材料晚于讲话",
    "dangling-reference": "承接不明",
    "near-duplicate": "意思重复",
    "off-heading": "内容离题",
    "period-year": "年份不符",
    "audience-body": "不合听众",
}


def code_name(code: str) -> str:
    """A finding code as the text report names it."""
    return NAMES.get(code, code)


_HAN = "\u4e00-\u9fff"
_NUMERAL = re.compile("[0-9０-９〇零一二三四五六七八九十两]")


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in a draft: what, where (1-based paragraph, 0 = whole draft), what to do."""

    severity: str
    code: str
    message: str
    paragraph: int = 0
    excerpt: str = ""
    suggestion: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _finding(
    code: str, paragraph: int, message: str, excerpt: str = "", **override: str
) -> Finding:
    severity, suggestion = CODES[code]
    severity = override.get("severity", severity)
    return Finding(severity, code, message, paragraph, excerpt, override.get("do", suggestion))


# --- placeholders -------------------------------------------------------------------------------

_FILL_IN = re.compile(re.escape(FILL_IN_OPEN) + f"([^{FILL_IN_CLOSE}]*){FILL_IN_CLOSE}")
_MASKED = re.compile(r"(?<![A-Za-z])[XxＸｘ]{2,}(?![A-Za-z])|[×╳✕]+|某某+|[○□]{2,}|[*＊]+")
_EMPTY = re.compile(r'（\s*）|\(\s*\)|【\s*】|\[\s*\]|“\s*”|‘\s*’|《\s*》|「\s*」|"\s*"')
_PLACEHOLDERS = (  # in order: a span taken by one rule is not reported again by a later one
    ("fill-in", _FILL_IN, "还没有填：{1}"),
    ("placeholder-date", re.compile(r"\d{0,3}[*＊×XxＸｘ]+\d{0,3}\s*年"), "年份被遮住：{0}"),
    ("placeholder-date", re.compile(r"月\s*日"), "月、日空着：{0}"),
    ("placeholder", _MASKED, "文中留有 {0}"),
    ("empty-brackets", _EMPTY, "空括号 {0}"),
)


def placeholders(paragraphs: list[str]) -> Iterator[Finding]:
    """fill-in (ours, a warning); placeholder-date, placeholder, empty-brackets (errors)."""
    for no, text in enumerate(paragraphs, start=1):
        claimed: list[tuple[int, int]] = []
        for code, pattern, message in _PLACEHOLDERS:
            for m in pattern.finditer(text):
                start, end = m.span()
                if any(start < b and a < end for a, b in claimed) or not _is_placeholder(m):
                    continue
                claimed.append((start, end))
                excerpt = m.group(0) if code == "fill-in" else _excerpt(text, start, end)
                yield _finding(code, no, message.format(m.group(0), *m.groups()), excerpt)


def _is_placeholder(m: re.Match[str]) -> bool:
    """Not 3×4 or 2*5 (arithmetic), not 11月22日 (a date with its numbers)."""
    text, start, end = m.string, m.start(), m.end()
    if m.group(0).startswith("月"):
        before = text[:start].rstrip()
        return not before or not _NUMERAL.match(before[-1])
    return not (0 < start and end < len(text) and text[start - 1].isdigit() and text[end].isdigit())


# --- dated wording and source names -------------------------------------------------------------


def dated(paragraphs: list[str], year: int) -> Iterator[Finding]:
    """dated: wording that is not current in the draft's year, with what would be."""
    terms = load_dated()
    for no, text in enumerate(paragraphs, start=1):
        for hit in terms.findings(text, year):
            term = hit.term
            start = text.find(hit.found)
            if _said_of_its_time(text, start, term):
                continue  # 2025年是“十四五”收官之年: the year it names is the term's own
            span = f"{term.first}–{term.last} 年" if term.last else f"{term.first} 年起"
            state = "还没有用起来" if term.first > year else "已经过时"
            now = f"{year} 年应说“{hit.current}”" if hit.current else "同组提法中没有现行的"
            excerpt = _excerpt(text, start, start + len(hit.found))
            message = f"“{hit.found}”在 {year} 年{state}（通行于 {span}）"
            yield _finding("dated", no, message, excerpt, do=f"{now}；{CODES['dated'][1]}")


def _said_of_its_time(text: str, start: int, term: DatedTerm) -> bool:
    """Whether the sentence holding a dated term names a year in which the term was current."""
    begin = max(text.rfind(mark, 0, start) for mark in "。！？") + 1
    ends = [i for i in (text.find(mark, start) for mark in "。！？") if i >= 0]
    sentence = text[begin : min(ends) if ends else len(text)]
    return any(term.current_in(int(y)) for y in re.findall(r"((?:19|20)\d\d)年", sentence))


def source_names(paragraphs: list[str], bank: Bank, own: str = "") -> Iterator[Finding]:
    """source-name: a name mined from the corpus; place-name: a place the fixed patterns see.

    ``own`` is the user's own text (their material, their unit's name): a name in it is theirs.
    """
    generic = set(name_rules()["generic"])
    finder = finder_from_list([n for n in bank.names if n not in generic and n not in own])
    # Thousands of names against every paragraph: look a name up by its first two characters
    # where they occur, rather than search the paragraph for each name.
    by_pair: dict[str, list[str]] = {}
    short = [n for n in finder.names if len(n) < 2]
    for name in finder.names:
        if len(name) >= 2:
            by_pair.setdefault(name[:2], []).append(name)
    for no, text in enumerate(paragraphs, start=1):
        found = _names_in(text, by_pair, short)
        spans = [m.span() for p in finder.patterns for m in p.finditer(text)]
        if not found and not spans:
            continue
        words = tagged(text)  # once per paragraph, for every name and pattern in it
        said = {n: _said_at(text, n, words) for n in found}
        hits = sorted(
            n for n in found if said[n] >= 0 and not any(n != o and n in o for o in found)
        )
        for name in hits:
            excerpt = _excerpt(text, said[name], said[name] + len(name))
            yield _finding("source-name", no, f"“{name}”是语料里的名称", excerpt)
        if spans:
            yield from _place_names(text, no, spans, hits, generic, words)


def _said_at(text: str, name: str, words: list[tuple[str, str]]) -> int:
    """Where ``name`` is first said as a word (not inside another: 大县 of 壮大县域), or -1."""
    start = text.find(name)
    while start >= 0 and len(name) >= 2 and not said_as_word(text, start, start + len(name), words):
        start = text.find(name, start + 1)
    return start


def _names_in(text: str, by_pair: dict[str, list[str]], short: list[str]) -> set[str]:
    """The names that occur in ``text``, from names indexed by their first two characters."""
    found = {n for n in short if n in text}
    for i in range(len(text) - 1):
        for name in by_pair.get(text[i : i + 2], ()):
            if text.startswith(name, i):
                found.add(name)
    return found


def _place_names(
    text: str,
    no: int,
    spans: list[tuple[int, int]],
    known: list[str],
    generic: set[str],
    words: list[tuple[str, str]],
) -> Iterator[Finding]:
    """Pattern hits the tagger confirms: a place, person or unit word overlapping the hit.

    The fixed patterns alone also match ordinary phrases (要推动全市, 建设美丽乡村), so a hit
    counts only when the tagger sees a name in it and the hit ends where a word ends.
    """
    names, ends, offset = [], set(), 0
    for word, tag in words:
        if tag in ("ns", "nr", "nrt", "nt") and len(word) >= 2 and word not in generic:
            names.append((offset, offset + len(word)))
        offset += len(word)
        ends.add(offset)
    found = set()
    for start, end in spans:
        for w_start, w_end in names:
            if w_start < end and start < w_end and max(end, w_end) in ends:
                found.add((w_start, max(end, w_end)))
                break
    for start, end in sorted(found):
        name = text[start:end]
        inside = any(a <= start and end <= b and (a, b) != (start, end) for a, b in found)
        if not inside and not any(name in k or k in name for k in known):
            excerpt = _excerpt(text, start, end)
            yield _finding("place-name", no, f"“{name}”是一个地方或单位", excerpt)


# --- repetition ---------------------------------------------------------------------------------

_STOP = "，。、；：！？…—（）《》\\s"
_FOUR = re.compile(rf"(?:^|(?<=[{_STOP}]))[{_HAN}]{{4}}(?=[{_STOP}]|$)")
_QUOTED = re.compile(r"“([^“”]{2,16})”")


def repetition(paragraphs: list[str], bank: Bank | None = None) -> Iterator[Finding]:
    """repeated-sentence, repeated-phrase (四字格), repeated-slogan.

    A 四字格 is a four-character clause standing between punctuation (统一思想，提高认识) or
    one of the bank's idioms wherever it stands.
    """
    idioms = {e.text for e in bank.of("idiom", reusable=False)} if bank else set()
    idioms = {t for t in idioms if re.fullmatch(f"[{_HAN}]{{4}}", t)}
    seen: dict[str, int] = {}
    counts: dict[str, defaultdict[str, list[int]]] = {
        "repeated-phrase": defaultdict(list),
        "repeated-slogan": defaultdict(list),
    }
    for no, text in enumerate(paragraphs, start=1):
        heading = match_heading(text)
        for sentence in sentences(heading.body if heading else text):
            key = normalise(sentence)
            if len(key) >= MIN_SENTENCE and key in seen:
                message = f"与第 {seen[key]} 段的句子相同"
                yield _finding("repeated-sentence", no, message, _short(sentence))
            elif len(key) >= MIN_SENTENCE:
                seen[key] = no
        unquoted = _QUOTED.sub(lambda m: "，" * len(m.group(0)), text)
        found = {(m.start(), m.group(0)) for m in _FOUR.finditer(unquoted)}
        # A bank mined from a large corpus holds thousands of idioms: look up each four
        # characters of the paragraph among them, rather than search for every idiom.
        present = idioms.intersection(unquoted[i : i + 4] for i in range(len(unquoted) - 3))
        for idiom in present:
            found.update((start, idiom) for start in _occurrences(unquoted, idiom))
        for _, phrase in sorted(found):
            counts["repeated-phrase"][phrase].append(no)
        for m in _QUOTED.finditer(text):
            counts["repeated-slogan"][m.group(0)].append(no)
    for code, table in counts.items():
        for phrase, where in table.items():
            if len(where) > MAX_REPEATS:
                places = list(dict.fromkeys(where))
                listed = "、".join(str(n) for n in places)
                message = f"“{phrase.strip('“”')}”用了 {len(where)} 次（第 {listed} 段）"
                yield _finding(code, where[MAX_REPEATS], message, phrase)


def _occurrences(text: str, word: str) -> Iterator[int]:
    """Where ``word`` starts in ``text``, left to right and not overlapping (as ``finditer``)."""
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + len(word))


# --- punctuation --------------------------------------------------------------------------------

_HALF_MARK = re.compile(
    rf"(?<![0-9A-Za-z])[,;?!:]|[,;?!:](?![0-9A-Za-z])|(?<=[{_HAN}])\.+|\"|"
    rf"(?<=[{_HAN}])[()]|[()](?=[{_HAN}])"
)
_FULL = dict(zip(',;?!:."()', ["，", "；", "？", "！", "：", "。", "“”", "（", "）"], strict=True))
_DOUBLED = re.compile(r"[。，、；：]{2,}|([！？])\1+")
_PAIRS = dict(zip("（(“‘【[《「『", "）)”’】]》」』", strict=True))
_CLOSERS = {close: open_ for open_, close in _PAIRS.items()}


def punctuation(paragraphs: list[str]) -> Iterator[Finding]:
    """halfwidth-punct (not in 2.5, 1,000 or 10:30), doubled-punct, unpaired."""
    for no, text in enumerate(paragraphs, start=1):
        marks = list(_HALF_MARK.finditer(text)) if re.search(f"[{_HAN}]", text) else []
        if marks:
            kinds = "".join(dict.fromkeys(m.group(0)[0] for m in marks))
            message = f"中文里用了半角标点 {' '.join(kinds)}（{len(marks)} 处）"
            do = "改用全角的 " + " ".join(_FULL[k] for k in kinds)
            yield _finding("halfwidth-punct", no, message, _excerpt(text, *marks[0].span()), do=do)
        for m in _DOUBLED.finditer(text):
            message = f"标点重复：{m.group(0)}"
            yield _finding("doubled-punct", no, message, _excerpt(text, *m.span()))
        problem = _unpaired(text)
        if problem:
            mark, at = problem
            yield _finding("unpaired", no, f"{mark} 没有配对", _excerpt(text, at, at + 1))


def _unpaired(text: str) -> tuple[str, int] | None:
    """The first bracket or quote without its partner, and where it is."""
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(text):
        if ch in _PAIRS:
            stack.append((ch, i))
        elif ch in _CLOSERS:
            if not stack or stack[-1][0] != _CLOSERS[ch]:
                return ch, i
            stack.pop()
    if stack:
        return stack[0]
    quotes = [i for i, ch in enumerate(text) if ch == '"']
    return ('"', quotes[-1]) if len(quotes) % 2 else None


# --- headings -----------------------------------------------------------------------------------


# "一、二季度…", "二、三产业…" open a sentence, not a numbered heading.
_NOT_HEADING = re.compile(rf"^[{CN_DIGITS}]、[{CN_DIGITS}](?:、|季度|产业|月份|年级)")


def headings(paragraphs: list[str]) -> Iterator[Finding]:
    """heading-order, missing-first-subpoint, heading-period, similar-headings."""
    last = dict.fromkeys(range(1, 5), 0)
    seen: list[tuple[int, str]] = []
    for no, text in enumerate(paragraphs, start=1):
        m = match_heading(text)
        if m is None or len(m.heading) > 60 or _NOT_HEADING.match(text):
            continue
        previous, first = last[m.level], _marker(m.level, 1)
        if previous == 0 and m.number != 1 and m.level > 1:
            up = [level for level in range(1, m.level) if last[level]]
            parent = f"“{_marker(up[-1], last[up[-1]])}”下" if up else "全文开头"
            message = f"{parent}第一条是 {m.marker}，缺少 {first}"
            yield _finding("missing-first-subpoint", no, message, _short(text))
        elif m.number != previous + 1:
            want = _marker(m.level, previous + 1)
            message = f"{m.marker} 不连贯（这里应为 {want}）"
            yield _finding("heading-order", no, message, _short(text), do=f"改为 {want}")
        last[m.level] = m.number
        last.update(dict.fromkeys(range(m.level + 1, 5), 0))
        if m.level == 1 and not m.body and text.endswith("。"):
            yield _finding("heading-period", no, "一级标题以句号结尾", _short(text))
        key = normalise(m.heading)
        for earlier, other in seen:
            if key == other or SequenceMatcher(None, key, other).ratio() >= HEADING_SIMILARITY:
                alike = "相同" if key == other else "几乎相同"
                message = f"与第 {earlier} 段的标题{alike}"
                yield _finding("similar-headings", no, message, _short(text))
                break
        seen.append((no, key))


def _marker(level: int, number: int) -> str:
    if level == 1:
        return f"{_cn(number)}、"
    if level == 2:
        return f"（{_cn(number)}）"
    return f"{number}." if level == 3 else f"（{number}）"


def _cn(number: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十 (the inverse of ``numbering.cn_number`` below 100)."""
    tens, ones = divmod(number, 10)
    unit = CN_DIGITS[ones - 1] if ones else ""
    if tens == 0:
        return unit or "〇"
    return ("" if tens == 1 else CN_DIGITS[tens - 1]) + "十" + unit


# --- length and overlap -------------------------------------------------------------------------


def length_against(actual: int, target: int) -> Iterator[Finding]:
    """length: the body is more than 10% off the target."""
    off = actual - target
    if abs(off) > LENGTH_TOLERANCE * target:
        more = "多" if off > 0 else "少"
        message = f"正文 {actual} 字，比目标 {target} 字{more} {abs(off) / target:.0%}"
        do = f"{'删去' if off > 0 else '补写'}约 {abs(off)} 字"
        yield _finding("length", 0, message, do=do)


def copied(
    result: OverlapResult, body: list[str], offset: int, index: OverlapIndex
) -> Iterator[Finding]:
    """copied: each paragraph's longest verbatim span; overlap: the top source's share.

    A paragraph more than half copied is a warning; a source covering more than 30% of the
    draft is a warning, more than 50% an error.
    """
    for i, (match, found) in enumerate(zip(result.longest, result.matches, strict=True)):
        if match is None or _is_stock(body[i][match.start : match.end]):
            continue
        part = sum(m.size for m in found) / max(1, len(normalise(body[i])))
        source = f"《{match.speech.title}》（{match.speech.file}，第 {match.paragraph} 段）"
        message = f"有 {match.size} 字与{source}原文相同，本段 {part:.0%} 照搬"
        excerpt = _short(body[i][match.start : match.end])
        severity = "warning" if part > 0.5 else "info"
        yield _finding("copied", offset + i + 1, message, excerpt, severity=severity)
    top = result.top
    if top is None:
        least, speeches = index.min_span, len(index.speeches)
        message = f"语料（{speeches} 篇）中没有 {least} 字以上与本稿相同的段落"
        yield _finding("overlap", 0, message, do="")
        return
    share = top.share
    severity = (
        "error" if share > OVERLAP_ERROR else "warning" if share > OVERLAP_WARNING else "info"
    )
    overall = result.covered / result.total if result.total else 0.0
    message = (
        f"全文 {share:.0%} 与《{top.speech.title}》（{top.speech.file}）原文相同；"
        f"与整个语料相同的共占 {overall:.0%}"
    )
    do = "" if severity == "info" else CODES["overlap"][1]
    yield _finding("overlap", 0, message, severity=severity, do=do)


@cache
def _stock_phrases() -> tuple[str, ...]:
    raw = safe_load(data_file("stock_phrases.yaml").read_text(encoding="utf-8"))
    return tuple(normalise(p) for p in raw.get("phrases") or [])


def _is_stock(span: str) -> bool:
    """A passage every speech may quote: it lies wholly inside a standard formula."""
    text = normalise(span)
    return any(text in phrase for phrase in _stock_phrases())


# --- excerpts -----------------------------------------------------------------------------------


def _excerpt(text: str, start: int, end: int, *, context: int = 8) -> str:
    """The hit with a few characters either side, ellipses where the text was cut."""
    left, right = max(0, start - context), min(len(text), end + context)
    return ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")


def _short(text: str, width: int = 24) -> str:
    return text if len(text) <= width else text[:width] + "…"
