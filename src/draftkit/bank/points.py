"""Points: a lead with the sentences that develop it, mined whole. Pure functions, no I/O.

A speech is written in points. The lead is a level-2 or level-3 heading with the paragraph under
it, or the short first sentence of a paragraph that states what the paragraph is about
("加快建设现代化产业体系。"); the body is the sentences after it, in source order. Each sentence
is made reusable on its own terms: a report's voice becomes a speaker's, facts become typed
fill-in fields, and a sentence that leans on something outside the point, names a source or is
nothing but facts is left out. A point with too little left is not kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from draftkit.bank.facts import FactContext, fill_facts, load_places, slot_scope
from draftkit.bank.voice import load_voice
from draftkit.models import HAN, Origin, Section, Speech
from draftkit.reading.names import NameFinder
from draftkit.reading.numbering import ENUMERATOR
from draftkit.reading.segment import sentences, tagged

# A lead that opens a paragraph: a short statement, not a clause of a longer one.
_LEAD_MAX = 50
_LEAD_MIN = 4
# Words that tie a sentence to something said before the point, or to one meeting's moment.
_OUTSIDE = re.compile(
    r"上述|以上|前面|刚才|这次会议|此次会议|本次会议|会上|会后|下面|如下|以下|附件|同志们|"
    r"今天|昨天|目前为止|本报告|报告期|这次|此次|本次|[×＊*]|(?<![A-Za-z])[XＸ]{1,4}(?![A-Za-z])"
)
# A speech's own "this year" means the year it was given, which its reader does not know.
_RELATIVE_YEAR = re.compile(r"今年|去年|明年|上年|前年")
# A lead that reports a figure is a result, not the point it makes.
_FIGURE_FIELD = re.compile(r"fill\('(?:数量|金额|百分比|数值|年份|起止年份|日期|月份)'\)")
# Nouns a lead shares with the sentence after it show that sentence develops it. These are
# shared by any two sentences of a report and show nothing.
_SHARED_NOUN_TAGS = ("n", "nz", "j", "nt", "nw", "ns", "l")
_EVERYWHERE = frozenset(
    (
        "国家 国际 能力 体系 机制 水平 领域 地区 重点 问题 方面 作用 工作 制度 政策 全国 社会 经济 "
        "全面 专项 整治 规范化 试点 任务 措施 标准 中心 项目 力度 成效 基础 环境"
    ).split()
)
# A short sentence inside a paragraph that states a new point starts that point.
_INNER_LEAD_MAX = 22
_LEANS_ON_BEFORE = re.compile(
    r"^(?:同时|因此|所以|此外|另外|为此|对此|但是|但|而且|然而|其中|特别是|尤其是|其次|再次|"
    r"最后|总之|对这些|这些|这|那|其|该|它|他们|也|还)"
)
# A paragraph that opens an argument's steps (首先…其次…) has no lead of its own; a numbered
# item (一是…, 第三，…) has, and its number is dropped from the lead.
_BAD_LEAD = re.compile(r"^(?:首先|其次|一方面)")
# A clause that states a task, opening a long first sentence (see ``_opened``).
_CLAUSE_LEAD = re.compile(
    r"^(?:坚持|加快|推进|推动|深化|强化|加强|实施|健全|完善|提升|提高|优化|扩大|促进|着力|"
    r"大力|深入|全面|聚焦|统筹|构建|打造|培育|落实|抓好|做好|狠抓|筑牢|守牢|巩固|织密|"
    r"扎实|建立|创新|规范)[^，；：。“”（）]{4,22}，"
)
# What follows such a clause must stand as a sentence: not the second half of a pair
# (坚持A，B) or a clause that only qualifies the first.
_LEANS_ON_AFTER = re.compile(r"(?:并|且|而|同时|以|从而|进而|使|为|和|与|及|或|等|之|的)")
MAX_BODY = 8
MIN_BODY_HAN = 24


@dataclass(frozen=True, slots=True)
class RawPoint:
    """A point as the source has it, before its sentences are made reusable."""

    role: str
    lead: str
    body: tuple[str, ...]
    paragraphs: tuple[int, ...]
    origin: Origin
    context: str = ""  # the headings above the point, which say what it is about


@dataclass(frozen=True, slots=True)
class Point:
    """A point made reusable: lead and body with fields and slots, ready to merge."""

    role: str
    lead: str
    body: tuple[str, ...]
    paragraphs: tuple[int, ...]
    origin: Origin
    context: str = ""


def speech_register(speech: Speech) -> str:
    text = speech.title + Path(speech.source).name
    return "report" if "报告" in text and "讲话" not in text else "speech"


def fact_context(
    speech: Speech,
    local_quotes: frozenset[str],
    rare_quotes: frozenset[str] = frozenset(),
    schemes: tuple[str, ...] = (),
) -> FactContext:
    """What filling facts needs of one source; ``schemes`` are the corpus's rare schemes."""
    province = load_places().province_of(speech.title + Path(speech.source).name)
    own = schemes if source_kind(speech) != "national" else ()
    return FactContext(speech.year, province, local_quotes, rare_quotes, own)


def source_kind(speech: Speech) -> str:
    """Whose a source is: "national" (the State Council's report), "provincial" or "speech"."""
    if speech_register(speech) != "report":
        return "speech"
    province = load_places().province_of(speech.title + Path(speech.source).name)
    return "provincial" if province else "national"


def raw_points(speech: Speech) -> Iterator[RawPoint]:
    """Every point of a speech, in source order."""
    file = Path(speech.source).name
    for section in speech.sections:
        yield from _section_points(section, file, speech.title, "")


def _section_points(section: Section, file: str, title: str, above: str) -> Iterator[RawPoint]:
    context = f"{above} {section.heading}".strip()
    paragraphs = list(section.paragraphs)
    first_is_lead = bool(paragraphs) and _lead_of(paragraphs[0]) is not None
    if section.level >= 2 and paragraphs and not first_is_lead:
        # A sub-point heading and the paragraph that develops it.
        body = tuple(sentences(paragraphs[0]))[:MAX_BODY]
        index = section.index + 1
        yield RawPoint(
            section.role,
            section.heading,
            body,
            (index,) * len(body),
            Origin(file, title, section.index),
            above,
        )
        paragraphs = paragraphs[1:]
        start = 1
    else:
        start = 0
    for offset, paragraph in enumerate(paragraphs, start=start):
        found = _opened(sentences(paragraph))
        if _lead_in(found) is None:
            continue
        index = section.index + 1 + offset
        for lead, rest in _split_points(found):
            rest = rest[:MAX_BODY]
            origin = Origin(file, title, index)
            yield RawPoint(section.role, lead, rest, (index,) * len(rest), origin, context)
    for child in section.children:
        yield from _section_points(child, file, title, context)


def _split_points(found: list[str]) -> Iterator[tuple[str, tuple[str, ...]]]:
    """A paragraph's points: it opens with a lead, and a lead inside starts another.

    Reports pack a paragraph with short tasks ("完成第四次文物普查。"), each as short as a lead.
    A short statement inside is a lead only when it is numbered (三是…) or the sentence after it
    develops it, sharing one of its nouns; otherwise it is one more task of the point. Once a
    point holds all the sentences it may, the sentences after it wait for the next statement that
    leads (numbered, or developed by the sentence after it), so a long paragraph's later tasks
    are not lost and a lone task never heads what follows it (强化教师待遇保障。 before a run
    of 筹措…实施…工程).
    """
    lead: str | None = found[0]
    body: list[str] = []
    # A noun of the paragraph's own lead is what all its tasks share (农村 in 扎实推进农村改革和
    # 乡村建设); only another one shows that a sentence develops a task inside.
    common = _nouns(found[0])
    inner = False  # the lead is a short task inside the paragraph, not a numbered item
    for n, sentence in enumerate(found[1:], start=1):
        plain = ENUMERATOR.sub("", sentence).rstrip("。")
        short = (
            n + 1 < len(found)
            and sentence.endswith("。")
            and len(plain) <= _INNER_LEAD_MAX
            and "，" not in plain
            and not _LEANS_ON_BEFORE.match(sentence)
        )
        numbered = bool(ENUMERATOR.match(sentence))
        leads = short and (numbered or _develops(found[n + 1], plain, common))
        if lead is not None and inner and not leads and not _on(sentence, lead, body, common):
            # A task inside a paragraph is developed only by the sentences on it, each on the
            # lead or on the sentence before; the next task is not its body
            # (启动农村人居环境整治提升五年行动。加强农村精神文明建设。).
            if body:
                yield lead, tuple(body)
            lead, body = None, []
        elif lead is not None and body and leads:
            yield lead, tuple(body)
            lead, body, inner = sentence, [], not numbered
            continue
        if lead is None:
            if leads:
                lead, body, inner = sentence, [], not numbered
        elif len(body) >= MAX_BODY:
            yield lead, tuple(body)
            lead, body = None, []
        else:
            body.append(sentence)
    if lead is not None:
        yield lead, tuple(body)


def _on(sentence: str, lead: str, body: list[str], common: Set[str]) -> bool:
    """Whether the sentence develops the lead, or the body sentence before it."""
    return _develops(sentence, lead, common) or bool(body) and _develops(sentence, body[-1], common)


@lru_cache(maxsize=256)
def _nouns(text: str) -> frozenset[str]:
    """A sentence's telling nouns, tagged once.

    A paragraph's sentences are asked about several times each: as a lead, as the sentence
    after one, as the body sentence before the next.
    """
    return frozenset(
        w
        for w, tag in tagged(text)
        if len(w) >= 2 and tag.startswith(_SHARED_NOUN_TAGS) and w not in _EVERYWHERE
    )


def _develops(sentence: str, lead: str, common: Set[str] = frozenset()) -> bool:
    """Whether the sentence shares a noun of the lead's own, beyond what ``common`` holds.

    A lead whose nouns are all common (全方位培养用好人才 under a lead on 人才强国) is
    developed by any sentence on them.
    """
    own = _nouns(lead)
    return not ((own - common) or own).isdisjoint(_nouns(sentence))


def _opened(found: list[str]) -> list[str]:
    """A paragraph's sentences, its point split off where a long first sentence opens with it.

    Reports open a paragraph with its point as a clause: "坚持以科技创新引领产业升级，战略性
    新兴产业…。" reads as the lead "坚持以科技创新引领产业升级。" and what follows it.
    """
    if not found or len(found[0]) <= _LEAD_MAX:
        return found
    first = ENUMERATOR.sub("", found[0])
    match = _CLAUSE_LEAD.match(first)
    if match is None or _LEANS_ON_AFTER.match(first, match.end()):
        return found
    return [match.group(0)[:-1] + "。", first[match.end() :], *found[1:]]


def _lead_of(paragraph: str) -> str | None:
    return _lead_in(sentences(paragraph))


def _lead_in(found: list[str]) -> str | None:
    if len(found) < 2:
        return None
    lead = found[0]
    plain = ENUMERATOR.sub("", lead).rstrip("。！；")
    if not _LEAD_MIN <= len(plain) <= _LEAD_MAX or not lead.endswith("。"):
        return None
    if plain.count("，") > 3 or _BAD_LEAD.match(lead) or _LEANS_ON_BEFORE.match(lead):
        return None
    return lead


@dataclass(frozen=True, slots=True)
class PointMaker:
    """Makes one source's points reusable."""

    facts: FactContext
    names: NameFinder
    report: bool = False

    def make(self, raw: RawPoint) -> Point | None:
        lead = self.sentence(ENUMERATOR.sub("", raw.lead.strip()))
        if not lead or _OUTSIDE.search(lead) or _FIGURE_FIELD.search(lead):
            return None
        bare = lead.rstrip("。；")
        body: list[str] = []
        paragraphs: list[int] = []
        skipped = False
        for text, paragraph in zip(raw.body, raw.paragraphs, strict=True):
            made = self.sentence(ENUMERATOR.sub("", text))
            if made is not None and not made.endswith(("。", "！", "？", "；")):
                made = None  # a sentence the source broke off (a cut-off copy) says nothing whole
            if made is not None and made.rstrip("。；") == bare:
                continue  # the heading repeated as the paragraph's first sentence
            if made is not None and skipped and _LEANS_ON_BEFORE.match(made):
                made = None  # it leans on the sentence that was left out
            if made is None:
                if body:
                    break  # a point that breaks off ends where it broke
                skipped = True
                continue
            body.append(made)
            paragraphs.append(paragraph)
        if sum(len(HAN.findall(s)) for s in body) < MIN_BODY_HAN:
            return None
        context = re.sub(r"\{\{.*?\}\}", "", self.sentence(raw.context) or "")
        return Point(raw.role, lead, tuple(body), tuple(paragraphs), raw.origin, context)

    def sentence(self, text: str) -> str | None:
        """One sentence made reusable, or None when it cannot stand in a point."""
        if not text or "{" in text or "}" in text or _OUTSIDE.search(text):
            return None
        if _unbalanced(text) or re.search(r"[A-Za-z][。；]?$", text):
            return None  # cut inside a bracket, a quotation or a term such as PM2.5
        if _RELATIVE_YEAR.search(text):
            if not self.report or self.facts.year is None:
                return None
            text = _relative_years(text)
        spoken = load_voice().speech(text)
        if spoken is None:
            return None
        filled = fill_facts(spoken, self.facts)
        if filled is None:
            return None
        if self.names_a_source(re.sub(r"\{\{.*?\}\}", "", filled)):
            return None
        return slot_scope(filled)

    def names_a_source(self, text: str) -> bool:
        """Whether the sentence names a source place, person or unit.

        The corpus's own names always count. The fixed patterns (…县, …路, …村) count only where
        the segmenter sees a name: 宜春市 and 中山路 are places, 推进乡村 and 城市更新 are not.
        """
        if self.names.has_source_name(text):
            return True
        hits = [m for p in self.names.patterns for m in p.finditer(text)]
        return bool(hits) and any(_is_name_at(text, m.end()) for m in hits)


_NAME_TAGS = ("ns", "nr", "nt")


def _is_name_at(text: str, end: int) -> bool:
    """Whether the word ending a pattern hit at ``end`` is a name, or follows one (宜春 + 市)."""
    start, before = 0, ("", "")
    for word, tag in tagged(text):
        stop = start + len(word)
        if start < end <= stop:
            return tag.startswith(_NAME_TAGS) or (
                len(before[0]) >= 2 and before[1].startswith(_NAME_TAGS) and start == end - 1
            )
        before, start = (word, tag), stop
    return False


def _unbalanced(text: str) -> bool:
    return text.count("（") != text.count("）") or text.count("“") != text.count("”")


def _relative_years(text: str) -> str:
    """A report's 今年 is the year it plans, its 去年 the year it reviews."""
    for word, slot in (
        ("今年", "{{ plan_year }}年"),
        ("去年", "{{ review_year }}年"),
        ("上年", "上年"),
    ):
        text = text.replace(word, slot)
    return text if not re.search("明年|前年", text) else text.replace("明年", "下一年")


def point_candidates(
    speech: Speech,
    names: NameFinder,
    local_quotes: frozenset[str],
    rare_quotes: frozenset[str] = frozenset(),
    schemes: tuple[str, ...] = (),
) -> Iterable[Point]:
    """The reusable points of one speech."""
    report = speech_register(speech) == "report"
    facts = fact_context(speech, local_quotes, rare_quotes, schemes)
    maker = PointMaker(facts, names, report)
    for raw in raw_points(speech):
        point = maker.make(raw)
        if point is not None:
            yield point
