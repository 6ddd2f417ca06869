"""Coherence rules: what a 文秘 marks when reading a draft as one argument, not line by line.

Owns five rules, each a function from paragraphs to findings, and the outline they share (the
draft cut into parts at its headings):

- ``back_references`` (dangling-reference): a sentence that opens by pointing back (对这些问题,
  同样, 此外, 二是 …) with nothing before it in its part to point at;
- ``near_duplicates`` (near-duplicate): two sentences that say nearly the same thing, measured
  by the Jaccard likeness of their character bigrams (``similar_pairs``, near-linear in the
  draft's size by prefix filtering);
- ``off_heading`` (off-heading): a sub-section whose body never mentions its heading's point;
- ``period_years`` (period-year): review and plan years that do not fit the meeting's date;
- ``audience_bodies`` (audience-body): instructions to bodies (各级各部门, 纪检监察机关 …) in a
  speech whose audience is not the speaker's own cadres.

What the rules look for is data the user may extend: ``data/coherence.yaml`` (back-references,
shortcoming cues, numbered items, generic heading words, periods by month) and
``data/audiences.yaml`` (audience classes and the bodies each may be told to act, shared with the
composer through ``compose.audience``).
Every message is in Chinese and says what to change.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from draftkit.bank.overlap import normalise
from draftkit.compose.audience import audience_class, why_unsuited
from draftkit.compose.audiences import AudienceClass
from draftkit.models import FILL_IN_CLOSE, FILL_IN_OPEN, HAN
from draftkit.reading.frame import is_salutation
from draftkit.reading.numbering import CN_DIGITS, match_enumeration, match_heading
from draftkit.reading.segment import sentences, words
from draftkit.review.coherence_data import CoherenceData, Period, load_coherence, stock_phrases
from draftkit.review.rules import Finding

__all__ = [
    "CODES",
    "NEAR_DUPLICATE",
    "Part",
    "audience_bodies",
    "audience_of",
    "back_references",
    "coherence",
    "heading_words",
    "near_duplicates",
    "off_heading",
    "outline",
    "period_years",
    "similar_pairs",
    "touches",
]

# code → (default severity, what to do)
CODES: dict[str, tuple[str, str]] = {
    "dangling-reference": ("warning", "先写出它承接的内容，或改写这句的开头"),
    "near-duplicate": ("warning", "只留一句，或换个角度把意思说深一层"),
    "off-heading": ("warning", "补写围绕标题的内容，或把标题改成这部分真正讲的事"),
    "period-year": ("warning", "按会议日期改正总结和部署的年份"),
    "audience-body": ("warning", "改成对听众的希望（如“希望大家…”），或删去这句"),
}

NEAR_DUPLICATE = 0.45  # bigram Jaccard; tuned on tests/data/near_duplicates.yaml
MIN_COMPARED = 12  # characters left after masking: shorter sentences are not compared
MAX_HEADING = 60
MIN_BODY = 2  # sentences below a sub-section's heading before it is judged

_NOT_HEADING = re.compile(rf"^[{CN_DIGITS}]、[{CN_DIGITS}](?:、|季度|产业|月份|年级)")
_FILL_IN = re.compile(re.escape(FILL_IN_OPEN) + f"[^{FILL_IN_CLOSE}]*{FILL_IN_CLOSE}")


def _finding(code: str, paragraph: int, message: str, excerpt: str = "", do: str = "") -> Finding:
    severity, suggestion = CODES[code]
    return Finding(severity, code, message, paragraph, excerpt, do or suggestion)


def _short(text: str, width: int = 24) -> str:
    return text if len(text) <= width else text[:width] + "…"


# --- the outline --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Part:
    """A stretch of the draft from one heading to the next (level 0: before the first heading)."""

    level: int
    paragraph: int  # 1-based paragraph of the heading; for the opening, of its first sentence
    heading: str  # the heading line as written, number included ("" for the opening)
    title: str  # the heading without its number
    sentences: tuple[tuple[int, str], ...]  # (paragraph, sentence) in reading order


def outline(paragraphs: Sequence[str], start: int = 0) -> list[Part]:
    """The body from ``start`` (title and byline left out) cut at every numbered heading.

    Salutations are left out. A run-in heading (（一）加强领导。要…) gives its part the
    sentences after the heading.
    """
    parts: list[Part] = []
    level, number, heading, title = 0, start + 1, "", ""
    body: list[tuple[int, str]] = []
    for no, raw in enumerate(paragraphs[start:], start=start + 1):
        text = raw.strip()
        if not text or is_salutation(text):
            continue
        m = match_heading(text)
        if m and len(m.heading) <= MAX_HEADING and not _NOT_HEADING.match(text):
            if body or heading:
                parts.append(Part(level, number, heading, title, tuple(body)))
            level, number, title = m.level, no, m.heading
            heading = m.marker + m.heading
            body = [(no, s) for s in sentences(m.body)]
            continue
        body += [(no, s) for s in sentences(text)]
    if body or heading:
        parts.append(Part(level, number, heading, title, tuple(body)))
    return parts


# --- back-references ----------------------------------------------------------------------------


def back_references(
    paragraphs: Sequence[str], start: int = 0, *, data: CoherenceData | None = None
) -> Iterator[Finding]:
    """dangling-reference: 对这些问题 with no problem named, 二是 with no 一是, 同样 first."""
    data = data or load_coherence()
    for part in outline(paragraphs, start):
        for j, (no, sentence) in enumerate(part.sentences):
            opening = sentence.lstrip("“‘（(　 ")
            before = [s for _, s in part.sentences[:j]]
            finding = _ordinal(opening, part.title, before, data, no)
            if finding is None:
                finding = _back_reference(opening, before, data, no)
            if finding is not None:
                yield finding


def _ordinal(
    opening: str, title: str, before: list[str], data: CoherenceData, no: int
) -> Finding | None:
    for series in data.series:
        m = series.opens.match(opening)
        if not m:
            continue
        n = CN_DIGITS.index(m.group(1)) + 1
        if n == 1:
            return None
        previous = re.compile(series.template.replace("{n}", CN_DIGITS[n - 2]))
        if any(previous.search(s) for s in (title, *before)):
            return None
        item, wanted = m.group(0), series.template.replace("{n}", CN_DIGITS[n - 2])
        wanted = re.sub(r"\(\?=.*?\)", "", wanted)
        message = f"有“{item}”，前面却没有“{wanted}”"
        return _finding(
            "dangling-reference", no, message, _short(opening), do=f"补上“{wanted}”，或重新编号"
        )
    return None


def _back_reference(
    opening: str, before: list[str], data: CoherenceData, no: int
) -> Finding | None:
    for ref in data.back_references:
        m = ref.pattern.match(opening)
        if not m:
            continue
        words_ = m.group(0).rstrip("，、：")
        if ref.needs == "problem":
            if any(data.problem.search(s) for s in before):
                return None
            where = "前面" if before else "这一部分开头"
            message = f"“{words_}”承接的问题没有讲过：{where}没有点出任何问题或不足"
            return _finding("dangling-reference", no, message, _short(opening))
        if before:
            return None
        message = f"“{words_}”是这一部分的第一句，前面没有可以承接的内容"
        do = f"删去“{words_}”，或把这句移到它承接的话后面"
        return _finding("dangling-reference", no, message, _short(opening), do=do)
    return None


# --- near-duplicate sentences -------------------------------------------------------------------


def _compared_form(sentence: str) -> str:
    """What two sentences are compared in: no fill-in fields, no standard formulas."""
    text = normalise(_FILL_IN.sub("", sentence))
    for phrase in stock_phrases():
        if phrase in text:
            text = text.replace(phrase, "")
    return text


def _bigrams(text: str) -> frozenset[str]:
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


def similar_pairs(
    texts: Sequence[str], threshold: float = NEAR_DUPLICATE
) -> list[tuple[int, int, float]]:
    """Pairs ``(i, j, likeness)``, ``i < j``, whose bigram Jaccard is at least ``threshold``.

    Sentences are compared without punctuation, fill-in fields or standard formulas; shorter
    than ``MIN_COMPARED`` characters they are not compared. Identical sentences count (1.0).

    Exact and near-linear: each sentence's bigrams are ordered rarest first, and two sentences
    whose likeness reaches the threshold must share one of the first
    ``size - ceil(threshold * size) + 1`` of them (prefix filtering), so only pairs sharing a
    rare bigram are ever measured.
    """
    sets = []
    for text in texts:
        form = _compared_form(text)
        sets.append(_bigrams(form) if len(form) >= MIN_COMPARED else frozenset())
    freq = Counter(g for s in sets for g in s)
    index: defaultdict[str, list[int]] = defaultdict(list)
    pairs = []
    for i, grams in enumerate(sets):
        if not grams:
            continue
        ordered = sorted(grams, key=lambda g: (freq[g], g))
        size = len(ordered)
        prefix = ordered[: size - math.ceil(threshold * size - 1e-9) + 1]
        candidates = {j for g in prefix for j in index[g]}
        for j in sorted(candidates):
            other = sets[j]
            if len(other) < threshold * size or size < threshold * len(other):
                continue
            shared = len(grams & other)
            likeness = shared / (size + len(other) - shared)
            if likeness >= threshold:
                pairs.append((j, i, likeness))
        for g in prefix:
            index[g].append(i)
    return sorted(pairs)


def _items(first: str, second: str) -> bool:
    """Two items of one enumeration (一是…/二是…): parallel by design, not said twice."""
    a, b = match_enumeration(first), match_enumeration(second)
    return bool(a and b and a != b)


def near_duplicates(
    paragraphs: Sequence[str], start: int = 0, *, threshold: float = NEAR_DUPLICATE
) -> Iterator[Finding]:
    """near-duplicate: a sentence nearly the same as an earlier one anywhere in the draft.

    Word-for-word repeats are left to ``repeated-sentence``.
    """
    found = [(no, s) for part in outline(paragraphs, start) for no, s in part.sentences]
    texts = [s for _, s in found]
    reported: set[int] = set()
    for i, j, likeness in similar_pairs(texts, threshold):
        if j in reported or normalise(texts[i]) == normalise(texts[j]):
            continue
        if _items(texts[i], texts[j]):
            continue
        reported.add(j)
        (first, earlier), (no, later) = found[i], found[j]
        where = "同一段" if first == no else f"第{first}段"
        message = f"与{where}的“{_short(earlier, 20)}”意思几乎相同（相似度{likeness:.0%}）"
        yield _finding("near-duplicate", no, message, _short(later))


# --- sub-sections that do not develop their heading ---------------------------------------------


def heading_words(title: str, data: CoherenceData | None = None) -> list[str]:
    """A heading's content words: segmented, generic words (加强, 推进, 工作 …) left out."""
    generic = (data or load_coherence()).generic
    out = []
    for word in words(title):
        if len(word) >= 2 and HAN.search(word) and word not in generic and word not in out:
            out.append(word)
    return out


def touches(word: str, body: str, data: CoherenceData | None = None) -> bool:
    """Whether ``body`` mentions ``word``, allowing near matches.

    宣传 is found in 宣传引导 and 舆论宣传; a longer heading word counts when one of its
    two-character pieces that is not generic (宣传引导 → 宣传, 引导) is found.
    """
    if word in body:
        return True
    if len(word) < 3:
        return False
    generic = (data or load_coherence()).generic
    pieces = {word[k : k + 2] for k in range(len(word) - 1)} - generic
    return any(HAN.fullmatch(p[0]) and p in body for p in pieces)


def off_heading(
    paragraphs: Sequence[str], start: int = 0, *, data: CoherenceData | None = None
) -> Iterator[Finding]:
    """off-heading: a sub-section (（一）…) whose body never mentions its heading's content words.

    The body runs to the next heading of level 1 or 2 (1. and （1） headings below are part of
    it). A heading of generic words only (狠抓落实) and a body of one sentence (a run-in
    （二）改进窗口服务。推行一次告知和限时办结…, which develops it in other words) are not
    judged.
    """
    data = data or load_coherence()
    parts = outline(paragraphs, start)
    for k, part in enumerate(parts):
        if part.level != 2:
            continue
        body = [s for _, s in part.sentences]
        for below in parts[k + 1 :]:
            if below.level <= 2:
                break
            body += [below.title, *(s for _, s in below.sentences)]
        text = "".join(body)
        content = heading_words(part.title, data)
        if len(body) < MIN_BODY or not content or any(touches(w, text, data) for w in content):
            continue
        said = "或".join(f"“{w}”" for w in content)
        message = f"{part.heading} 下面没有一句谈到{said}"
        yield _finding("off-heading", part.paragraph, message, _short(part.heading))


# --- review and plan years ----------------------------------------------------------------------

_CN_YEAR = {ch: str(i) for i, ch in enumerate("〇一二三四五六七八九")} | {"零": "0"}
_RELATIVE = {"去年": -1, "上年": -1, "今年": 0, "本年": 0, "明年": 1, "上半年": 0, "下半年": 0}
# a period, not a date (2025年3月), a span (2021年以来, 2021—2025年) or a deadline (到2027年)
_YEAR = re.compile(
    r"(?<![—\-~～至到于0-9])(?<!截至)(\d{4}|[〇零一二三四五六七八九]{4})\s*年"
    r"(?!\s*(?:\d|[一二三四五六七八九十]{1,2}月|以来|前|底|起|初|末))"
)
_RELATIVE_WORD = re.compile(
    r"(?<![0-9〇零一二三四五六七八九年])(去年|上年|今年|本年|明年|上半年|下半年)"
)
_CLAUSE = re.compile(r"[，,；;：:、。！？!?]")
CUE_REACH = 10  # characters between a year and the cue that makes it a review or a plan


def period_years(
    paragraphs: Sequence[str],
    date: dt.date,
    start: int = 0,
    *,
    data: CoherenceData | None = None,
) -> Iterator[Finding]:
    """period-year: 总结2025年…部署2026年 in a speech dated 2026-12-01 (should be 2026, 2027).

    A year (2025年, 今年, 明年, 下半年 …) counts as reviewed or planned when a review cue (总结,
    回顾 …) or a plan cue (部署, 谋划 …) stands within ``CUE_REACH`` characters of it in the
    same clause; the nearest cue decides. What fits each month is ``periods`` in the data file.
    """
    data = data or load_coherence()
    period = data.periods[date.month]
    for part in outline(paragraphs, start):
        lines = [(part.paragraph, part.title)] if part.title else []
        for no, sentence in [*lines, *part.sentences]:
            for clause in _CLAUSE.split(sentence):
                yield from _clause_years(clause, no, date, period, data)


def _clause_years(
    clause: str, no: int, date: dt.date, period: Period, data: CoherenceData
) -> Iterator[Finding]:
    mentions = []
    for m in _YEAR.finditer(clause):
        year = int("".join(_CN_YEAR.get(ch, ch) for ch in m.group(1)))
        mentions.append((m.start(), m.end(), year))
    for m in _RELATIVE_WORD.finditer(clause):
        mentions.append((m.start(), m.end(), date.year + _RELATIVE[m.group(1)]))
    for begin, end, year in mentions:
        kind, cue = _nearest_cue(clause, begin, end, data)
        if not kind:
            continue
        allowed = [date.year + d for d in (period.review if kind == "review" else period.plan)]
        if year in allowed:
            continue
        said = clause[min(begin, clause.find(cue)) : max(end, clause.find(cue) + len(cue))]
        verb = "总结" if kind == "review" else "部署"
        fits = "或".join(f"{y}年" for y in allowed)
        review = "、".join(f"{date.year + d}年" for d in period.review)
        plan = "、".join(f"{date.year + d}年" for d in period.plan)
        message = (
            f"讲话日期是{date.year}年{date.month}月{date.day}日（{period.name}），"
            f"应总结{review}、部署{plan}，这里却是“{said}”"
        )
        yield _finding("period-year", no, message, _short(clause), do=f"{verb}的应是{fits}")


def _nearest_cue(clause: str, begin: int, end: int, data: CoherenceData) -> tuple[str, str]:
    best: tuple[int, str, str] | None = None
    for kind, cues in (("review", data.review_cues), ("plan", data.plan_cues)):
        for cue in cues:
            for m in re.finditer(re.escape(cue), clause):
                if m.start() < end and begin < m.end():
                    continue  # the cue is the year word itself
                gap = begin - m.end() if m.end() <= begin else m.start() - end
                if gap <= CUE_REACH and (best is None or gap < best[0]):
                    best = (gap, kind, cue)
    return (best[1], best[2]) if best else ("", "")


# --- instructions that do not suit the audience ---------------------------------------------------


def audience_of(
    paragraphs: Sequence[str], audience: str | None = None
) -> tuple[AudienceClass | None, str]:
    """The audience's class and what it was read from: ``audience``, else the salutation.

    Both go through the composer's ``audience_class`` (``data/audiences.yaml``): 企业代表 and
    各位企业家朋友、同志们： are entrepreneurs, 同志们： the speaker's own cadres. Salutations that
    do not tell (各位代表, said to a congress too) are read past. A draft with neither is not
    judged.
    """
    if audience:
        return audience_class(audience), audience
    for text in paragraphs[:8]:
        text = text.strip()
        if is_salutation(text):
            told = text
            for word in load_coherence().unclear_salutations:
                told = told.replace(word, "")
            return audience_class(told), text
    return None, ""


def audience_bodies(
    paragraphs: Sequence[str], start: int = 0, *, audience: str | None = None
) -> Iterator[Finding]:
    """audience-body: 各级各部门要…, 纪检监察机关要… or 传达会议精神 to entrepreneurs and the like.

    Trainees, experts and the public are spoken to in their own register too, and 人大, 法院 or
    检察院 are told what to do in front of no one. What suits whom is the composer's rule
    (``compose.audience.why_unsuited``): a draft is held to what draftkit itself would say.
    """
    cls, source = audience_of(paragraphs, audience)
    if cls is None:
        return
    for part in outline(paragraphs, start):
        for no, sentence in part.sentences:
            reason = why_unsuited(sentence, cls)
            if reason:
                message = f"讲话对象是{cls.name}（{source}）：{reason}"
                yield _finding("audience-body", no, message, _short(sentence))


# --- all of them ----------------------------------------------------------------------------------


def coherence(
    paragraphs: Sequence[str],
    start: int = 0,
    *,
    date: dt.date | None = None,
    audience: str | None = None,
) -> list[Finding]:
    """Every coherence rule over a draft; the period rule only when the draft's date is known."""
    found: list[Finding] = [
        *back_references(paragraphs, start),
        *near_duplicates(paragraphs, start),
        *off_heading(paragraphs, start),
        *audience_bodies(paragraphs, start, audience=audience),
    ]
    if date is not None:
        found += period_years(paragraphs, date, start)
    return found
