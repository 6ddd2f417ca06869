"""Sub-sections made of points: a heading and the body that develops it, from one source point.

A level-2 heading is a point's lead in heading form; the paragraph under it is that point's own
elaboration, and, where the length asks for more, further points chosen for their likeness to
the first (each opening with its own lead, as a speaker states a new measure). Nothing is said
twice: a sentence too like one already in the draft is left out. A review section ends with
its problems, joined to the achievements by a turn of phrase.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from draftkit.compose.audience import adapt
from draftkit.compose.choose import LEADING_LINK, DraftState, acceptable, from_kindred
from draftkit.compose.dated import load_dated
from draftkit.compose.echoes import clause_said, note_said, said_already, without_echoes
from draftkit.compose.material import (
    SAME_THING,
    Material,
    Ranked,
    bigrams,
    likeness,
)
from draftkit.compose.templates import render
from draftkit.compose.topicality import (
    develops,
    heads_topic,
    leads_on,
    naming,
    on_topic,
    other_field,
    other_fields_lead,
    telling_words,
)
from draftkit.models import FILL_IN_OPEN, Block, Entry, Provenance, count_hanzi, spans_of

# Where a section of each role finds its points; 要求 and 保障 lend to each other by subject.
ROLE_SOURCES: dict[str, tuple[str, ...]] = {
    "回顾": ("回顾",),
    "认识": ("认识",),
    "要求": ("要求", "保障"),
    "保障": ("保障", "要求"),
}
_SAFEGUARD = re.compile(
    r"组织|领导|责任|督|考核|作风|队伍|宣传|氛围|纪律|问责|干部|党建|依法|法治|廉|"
    r"效能|担当|落实|执行|实干"
)
# A figure to fill: in a report's 认识 part, its targets (城镇化率达到…左右, 严守…亩耕地红线),
# which are its tasks and not an argument for the work.
_TARGET = re.compile(r"\{\{ fill\('(?:数量|百分比|金额|数值)'\)")
# A point that names shortcomings (not one that merely mentions risks it will tackle).
_PROBLEM = re.compile(
    r"(存在|还有|仍然|仍|依然|还).{0,12}(问题|不足|短板|差距|薄弱|不够|滞后)|问题和不足|短板弱项|"
    r"不足之处|差距和不足"
)
# How a report's account of a five-year plan counts its figures; a year's review does not.
_MULTI_YEAR = re.compile(r"每年|年均|五年来|五年间|五年累计|十四五|“十四五”")
# A statement of a shortfall, which only a review's problems sub-point may carry.
_SHORTFALL = re.compile(r"不强|不足|不够|较多|较大|偏弱|偏低|滞后|困难|矛盾|短板|乏力|不稳")
# How sources open a review point with its period, which a heading leaves out.
_PERIOD_OPENER = re.compile(r"^(?:过去一年|一年来|五年来|过去五年|这一年|过去的一年)，(?:我们)?")
_HEADING_MAX = 30
_HEADING_MIN = 5
# A task said the way a report lists it ("加快建设…"); a speaker says "要加快建设…".
VERB_START = re.compile(
    r"^(?:加快|推进|推动|强化|加强|健全|完善|深化|实施|落实|坚持|持续|扎实|全面|大力|积极|着力|"
    r"突出|统筹|优化|提升|提高|培育|发展|建设|构建|打造|开展|抓好|做好|守牢|筑牢|严格|严守|"
    r"切实|稳步|有序|深入|巩固|支持|鼓励|引导|促进|规范|聚焦|围绕|把握|树牢|牢固|迭代|放大|"
    r"压实|防范|化解|确保|落细|办好|用好|守住|完成|争取|"
    r"有效|毫不|扩大|增强|保持|维护|拓展|激发|提振|做强|做优|做大|壮大|畅通|培养|营造|弘扬|"
    r"全力|奋力|精准|推行|探索|实行|严厉|依法|不断|进一步|加大|减轻|降低|补齐|织密|兜牢|"
    r"夯实|释放|增加|改善|改进|整治|治理|保护|引进|招引|盘活|用活|破解|解决|抓实|严把)"
)
_ORDINAL = re.compile(r"^[二三四五六七八九十]是")
# How a review turns from its achievements to its problems, and problems that turn already.
TURN = "在肯定成绩的同时，也要清醒看到，"
_TURNED = re.compile(
    r"^(?:在肯定|在充分肯定|同时|但|但是|我们也|也要|当然)|^[^。]{0,20}清醒地?(?:认识|看到)"
)


# A first clause that only sets the time or scene of what follows, or breaks off mid-phrase.
_CLAUSE_ONLY = re.compile(r"(?:中|时|后|前|以来|期间|之际|方面|的|了|和|与|及|在|对|把|为|从)$")


def heading_of(lead: str) -> str | None:
    """A point's lead in heading form, or None when it is too long or too short to head."""
    text = lead.strip().rstrip("。；！")
    text = _PERIOD_OPENER.sub("", text)
    text = re.sub(r"^(?:我们要|要|必须)", "", text)
    if len(text) > _HEADING_MAX and "，" in text:
        first = text.split("，")[0]
        if _CLAUSE_ONLY.search(first):
            return None  # 许多部门和单位在推行政务公开过程中 sets a scene; it states no point
        text = first if len(first) >= 6 else text
    if not _HEADING_MIN <= len(text) <= _HEADING_MAX or "{{" in text or "【" in text:
        return None
    return text


@dataclass
class Plan:
    """One sub-section: its heading and the points under it, first to last."""

    heading: str
    points: list[Ranked]
    problems: bool = False
    chosen: bool = False  # the user chose the heading


def candidates(material: Material, role: str) -> list[Ranked]:
    found = []
    for ranked in material.of(ROLE_SOURCES.get(role, (role,))):
        lead = ranked.entry.text
        if role == "回顾" and not _PROBLEM.search(lead + "".join(ranked.entry.body)):
            # Another place's achievements (紧凑型聚变能实验装置提前进入总装) are never the
            # speaker's own: a review is the writer's facts, in the kind's or the occasion's
            # frames with fields to fill, or the user's material.
            continue
        if role == "保障" and not _SAFEGUARD.search(lead):
            continue  # a safeguard section speaks of how the work is led, checked and done
        if ranked.entry.role != role and role == "要求" and _SAFEGUARD.search(lead):
            continue
        if role == "认识" and _TARGET.search(lead + "".join(ranked.entry.body)):
            continue  # a plan's targets are its tasks, not the case for them
        found.append(ranked)
    return found


def plan_section(
    material: Material,
    state: DraftState,
    role: str,
    count: int,
    per_point: int,
    overrides: Mapping[int, str],
    problems: bool = True,
) -> list[Plan]:
    """The sub-sections of one section: the best points for its role, none like another.

    A review's last is its problems, unless ``problems`` is false (an awards ceremony).
    """
    pool = [r for r in candidates(material, role) if r.entry.id not in state.used_points]
    plans: list[Plan] = []
    for sub in range(1, count + 1):
        want_problems = problems and role == "回顾" and sub == count and count >= 2
        override = overrides.get(sub)
        primary = _primary(pool, state, override, want_problems)
        if primary is None:
            continue
        heading = override or heading_of(primary.entry.text) or ""
        _claim(primary, state, heading)
        plans.append(Plan(heading, [primary], problems=want_problems, chosen=bool(override)))
    # Every sub-section has its own point before any takes in more, so one cannot eat them all.
    for plan in plans:
        _support(plan, pool, state, per_point)
    return plans


def _primary(
    pool: list[Ranked], state: DraftState, override: str | None, problems: bool
) -> Ranked | None:
    fresh = [r for r in pool if r.entry.id not in state.used_points]
    if override:
        wanted = bigrams(override)
        exact = [r for r in fresh if heading_of(r.entry.text) == override]
        if exact:
            return exact[0]
        scored = [
            (likeness(wanted, bigrams(r.entry.text + "".join(r.entry.body))), r) for r in fresh
        ]
        scored = [s for s in scored if s[0] > 0.05]
        return max(scored, key=lambda s: (s[0], s[1].score))[1] if scored else None
    for ranked in fresh:
        heading = heading_of(ranked.entry.text)
        if heading is None or bool(_PROBLEM.search(ranked.entry.text)) != problems:
            continue
        if not ranked.on_topic and ranked.entry.role != "保障":
            continue  # the substance of a sub-point is the topic's own
        if ranked.entry.role != "保障" and not heads_topic(ranked.entry, state):
            continue  # 全力缩小城乡差距 names 就业 in its body, but it is not a 就业 sub-point
        if not problems and _SHORTFALL.search(heading):
            continue
        if not develops(heading, ranked.entry, state):
            continue  # a lead its own sentences never take up makes a heading with no body
        if _size(ranked.entry) < MIN_POINT:
            continue  # a lead and one short clause is a line, not a sub-section
        if _heading_taken(heading, state) or _repeats(ranked, state):
            continue
        if said_already(heading, state):
            continue  # a sub-section would head what a sentence before it said already
        if not acceptable(heading, state):
            continue  # dated, or another level's (推动基本医保自治区级统筹)
        if any(_too_alike(ranked, state, other) for other in state.primary_words):
            continue
        return ranked
    return None


# The fewest characters (lead and body) of a point that heads a sub-section, and of what is
# said of a further point under it.
MIN_POINT = 45
MIN_SUPPORT = 40
# A sentence this short at a paragraph's end is a bare lead (强化保护修复。), not a statement.
BARE_LEAD = 8


def _support(plan: Plan, pool: list[Ranked], state: DraftState, budget: int) -> None:
    """Further points like the first, until the sub-section has about its share of the length."""
    first = plan.points[0]
    size = _size(first.entry)
    lead_grams = bigrams(first.entry.text + "".join(first.entry.body))
    fill, most = (0.9, SUPPORT_MOST + 1) if state.asked else (0.75, SUPPORT_MOST)
    while size < budget * fill and len(plan.points) < most:
        best = None
        for ranked in pool:
            entry = ranked.entry
            if entry.id in state.used_points or _PROBLEM.search(entry.text) and not plan.problems:
                continue
            if not ranked.on_topic and entry.role != "保障":
                continue
            near = likeness(first.words, ranked.words) + likeness(lead_grams, bigrams(entry.text))
            if near <= 0.08 or not leads_on(entry, plan.heading, state):
                continue
            if _repeats(ranked, state):
                continue
            value = near * (ranked.score + 0.2)
            if best is None or value > best[0]:
                best = (value, ranked)
        if best is None:
            break
        _claim(best[1], state, None)
        plan.points.append(best[1])
        size += _size(best[1].entry)


# A sub-section holds its point and at most this many more (one more for a length asked for):
# five reports' paragraphs on one heading are a heap, not a sub-section. Two leads this alike,
# the topic's own words aside, state the same task.
SUPPORT_MOST = 2
SAME_LEAD = 0.2


def _same_task(lead: str, heading: str, state: DraftState) -> bool:
    """Whether a point's lead states the heading's task again, the topic's bigrams aside.

    人居环境 of 农村人居环境整治 is in every lead; it does not make two of them alike.
    """
    topic = bigrams(str(state.context.get("topic") or ""))
    return likeness(bigrams(lead) - topic, bigrams(heading) - topic) >= SAME_LEAD


def _size(entry: Entry) -> int:
    return sum(count_hanzi(s) for s in entry.body) + count_hanzi(entry.text)


def _claim(ranked: Ranked, state: DraftState, heading: str | None) -> None:
    state.used_points.add(ranked.entry.id)
    if heading:
        state.headings.append(heading)
        state.primary_words.append(ranked.words)


def _heading_taken(heading: str, state: DraftState) -> bool:
    """Whether a heading says what one already in the draft says.

    In bigrams, or in what it adds to the topic: 促进居民就业增收 after 着力促进就业增收 adds
    nothing but 居民.
    """
    grams = bigrams(heading)
    mine = set(telling_words(heading, state)) - _VERBS
    for used in state.headings:
        if likeness(grams, bigrams(used)) > 0.5 or heading in used:
            return True
        theirs = set(telling_words(used, state)) - _VERBS
        if mine and theirs and len(mine & theirs) * 2 >= min(len(mine), len(theirs)) + 1:
            return True
    return False


# Verbs a heading opens with, which say how, not what.
_VERBS = frozenset("促进 着力 聚焦 聚力 优化 增强 健全 构建 打造 推进 加力 用好 深化 强化".split())


def _too_alike(ranked: Ranked, state: DraftState, other: frozenset[str]) -> bool:
    return bool(ranked.words) and likeness(ranked.words, other) > 0.5


def _repeats(ranked: Ranked, state: DraftState) -> bool:
    """Whether the point's lead or most of its body says what the draft has said already."""
    texts = [ranked.entry.text, *ranked.entry.body]
    repeated = sum(1 for t in texts if _said(bigrams(t), state))
    return _said(bigrams(ranked.entry.text), state) or repeated * 2 > len(texts)


def _said(grams: frozenset[str], state: DraftState) -> bool:
    return state.said.already(grams, SAME_THING)


# --- realising ---------------------------------------------------------------------------------


@dataclass
class Group:
    """A realised sub-section before numbering: heading, its provenance, its paragraphs."""

    heading: str | None
    provenance: tuple[Provenance, ...]
    paragraphs: list[Block]
    problems: bool = False


def realise(plan: Plan, state: DraftState, role: str, per_point: int) -> Group | None:
    """The paragraphs of one planned sub-section, or None when none of its points could be said."""
    paragraphs: list[Block] = []
    budget = per_point - count_hanzi(plan.heading)
    for n, ranked in enumerate(plan.points):
        # A further point's lead is said unless it is the heading's task in other words
        # (强化污染防治攻坚 under 深入推进污染防治攻坚): then its measures follow on.
        lead = (
            n > 0
            and likeness(bigrams(ranked.entry.text), bigrams(plan.heading)) < SAME_THING
            and not _same_task(ranked.entry.text, plan.heading, state)
        )
        text, provenance = _paragraph(ranked.entry, state, role, lead=lead, budget=budget)
        if n == 0 and not plan.chosen and not develops(plan.heading, ranked.entry, state, text):
            state.unsay_heading(plan.heading)  # what took up the heading was left out
            return None
        if not text:
            continue
        if plan.problems and not paragraphs:
            text = turn(text)
        budget -= count_hanzi(text)
        block = Block("paragraph", spans_of(text), role, provenance)
        if len(paragraphs) == 1 and _joinable(paragraphs[0], plan.points[0], state):
            block = _joined(paragraphs.pop(), block)  # one short line and its further point
        paragraphs.append(block)
        if budget <= 40:
            break
    if paragraphs and not plan.chosen and _thin(paragraphs[0], plan.points[0], state):
        paragraphs = []  # one short line of the heading is left: no sub-section
    if not paragraphs:
        state.unsay_heading(plan.heading)
        return None
    provenance = (_provenance(plan.points[0].entry, 0),)
    return Group(plan.heading or None, provenance, paragraphs, plan.problems)


def _thin(block: Block, first: Ranked, state: DraftState) -> bool:
    return count_hanzi(block.text) < MIN_SUPPORT and not from_kindred(first.entry, state)


def _joinable(block: Block, first: Ranked, state: DraftState) -> bool:
    """Whether a short first paragraph on the topic's own measure takes the next one in.

    持续整治提升农村人居环境 as a heading, 着力解决农村改厕、垃圾围村等突出问题… under it: one
    line, but the topic's, and a further point on it makes the sub-section. A generic lead
    (大规模开展干部教育培训) with one line is no sub-section at all.
    """
    return first.on_topic and _thin(block, first, state)


def _joined(first: Block, second: Block) -> Block:
    """Two paragraphs of one sub-section said as one."""
    return replace(
        first, spans=first.spans + second.spans, provenance=first.provenance + second.provenance
    )


def _paragraph(
    entry: Entry, state: DraftState, role: str, *, lead: bool, budget: int
) -> tuple[str, tuple[Provenance, ...]]:
    """A point's sentences as one paragraph, within ``budget`` characters where it can be."""
    sentences: list[tuple[str, int]] = []
    if lead:
        sentences.append((_as_speech(entry.text, role), -1))
    sentences.extend((s, i) for i, s in enumerate(entry.body))
    out: list[str] = []
    provenance: list[Provenance] = []
    used = 0
    # A safeguard of the topic's own (狠抓党风廉政建设) keeps to it too (not 过紧日子 after it).
    own = role == "保障" and any(n in entry.text for n in naming(state))
    for position, (source, index) in enumerate(sentences):
        text = _render(source, entry, state)
        if position == 0 or not out:
            text = LEADING_LINK.sub("", text)
            if role in ("要求", "保障") and VERB_START.match(text) and not lead:
                text = "要" + text
        if _ORDINAL.match(text) and not any(o.startswith("一是") for o in out):
            continue  # 二是 with no 一是 before it
        if role == "回顾" and index >= 0 and FILL_IN_OPEN not in text:
            continue  # an achievement without a field to fill is another body's, stated as fact
        if role == "回顾" and _MULTI_YEAR.search(text):
            continue  # a five-year account (每年超过, 年均增长) in a review of one year
        after_lead = index > 0 or (lead and index == 0)  # what develops the lead said
        if (role in ("回顾", "要求") or own) and after_lead and not on_topic(text, state):
            continue  # a report's review runs on to other work (化债 after 森林防火)
        if role == "回顾" and index == 0 and other_field(text, state):
            continue  # even the first: another field's achievement stated as the speaker's own
        if text and role in ("要求", "保障") and _dated_for_plan(text, state):
            text = ""  # a campaign that ends this year is no task for the next
        grams = bigrams(text)
        if text and clause_said(text, state):
            text = ""  # a clause of it was said already, in other words around it
        if text:
            text = without_echoes(text, state)  # nor the same measure in other words
        if not text or not acceptable(text, state) or _said(grams, state):
            if index == -1:
                return "", ()  # the lead itself repeats something: the point is not used
            continue
        if out and used + count_hanzi(text) > budget and len(out) >= 2:
            break
        out.append(text)
        used += count_hanzi(text)
        note_said(text, grams, state)
        provenance.append(_provenance(entry, max(index, 0)))
    while len(out) > 1 and count_hanzi(out[-1]) <= BARE_LEAD:
        out.pop()  # 强化保护修复。 at the end: the lead of what the source said next
        provenance.pop()
    if len(out) < (2 if lead else 1) or lead and count_hanzi("".join(out)) < MIN_SUPPORT:
        return "", ()  # a lead and a clause left of a point that said what was said already
    if out[-1].endswith("；"):  # the source went on; here the paragraph ends
        out[-1] = out[-1][:-1] + "。"
    return "".join(out), tuple(provenance)


def _dated_for_plan(text: str, state: DraftState) -> bool:
    """Whether a task is dated for the year the meeting plans (治本攻坚三年行动 in 2027)."""
    year = state.context.get("plan_year")
    return isinstance(year, int) and year != state.year and bool(load_dated().findings(text, year))


def _as_speech(lead: str, role: str) -> str:
    text = lead if lead.endswith(("。", "！", "；")) else lead + "。"
    if role in ("要求", "保障") and VERB_START.match(text):
        return "要" + text
    return text


def turn(text: str, phrase: str = TURN) -> str:
    """Problems as a speaker comes to them: after a turn of phrase, unless they open with one."""
    return text if _TURNED.match(text) else phrase + text


def _render(source: str, entry: Entry, state: DraftState) -> str:
    text = source
    if "{" in source:
        text = render(source, state.context, where=f"词库要点 {entry.id}")
    text = text.replace("工作工作", "工作").strip()
    if state.audience is not None:
        text = adapt(text, state.audience) or ""  # "": not to be said to this audience
    return text


def _provenance(entry: Entry, index: int) -> Provenance:
    origin = entry.origins[0] if entry.origins else None
    paragraph = entry.paragraphs[index] if index < len(entry.paragraphs) else 0
    return Provenance(
        entry.id,
        "point",
        origin.file if origin else "",
        origin.title if origin else "",
        paragraph,
    )


def extra_paragraph(
    material: Material, state: DraftState, role: str, about: str = "", lead_topic: bool = False
) -> tuple[str, tuple[Provenance, ...]] | None:
    """One more paragraph for a section that is short: the topic's best unused point of its role.

    A safeguards section may also take common ground (how work is led and checked); no other
    section takes a point that is not about the topic. With ``about`` (the heading the paragraph
    will stand under), only a point that takes up one of the heading's own words will do.
    """
    # What the heading says beyond the topic and how firmly (基层 of 夯实基层基础，提升工作能力,
    # not 能力, which 加强重点领域安全能力建设 shares).
    wanted = list(telling_words(about, state)) if about else []
    pool = candidates(material, role)
    if wanted:
        # Beside the user's material the bank's point must say it in its lead: a point that
        # only mentions the words on its way is another body's work under the user's heading.
        strict = state.given is not None
        pool = [
            r
            for r in pool
            if _takes_up(r.entry, wanted, lead_only=strict) and leads_on(r.entry, about, state)
        ]
    if lead_topic:
        pool = [
            r
            for r in pool
            if from_kindred(r.entry, state) or any(n in r.entry.text for n in naming(state))
        ]
    pool = [r for r in pool if not other_fields_lead(r.entry, state)]
    # The topic's own points; a neighbour's and common ground only for safeguards (how work is
    # led and checked). A neighbour's achievements or tasks are another field's work (污染防治
    # under 加强安全生产管理).
    tiers = ("own", "near", "common") if role == "保障" else ("own",)
    for tier in tiers:
        for ranked in pool:
            entry = ranked.entry
            if _tier(ranked) != tier or entry.id in state.used_points:
                continue
            shortfall = _PROBLEM.search(entry.text) or _SHORTFALL.search(entry.text)
            if shortfall or _repeats(ranked, state):
                continue
            if about and _same_task(entry.text, about, state):
                continue  # the heading's task again, in another report's words
            if state.given is not None and _fields(entry) > MAX_EXTRA_FIELDS:
                continue  # beside the user's own facts, a paragraph of blanks stands out
            text, provenance = _paragraph(entry, state, role, lead=True, budget=400)
            state.used_points.add(entry.id)
            if text:
                return text, provenance
    return None


# Beside material, a paragraph added for length that is mostly fields to fill is more work
# than it saves.
MAX_EXTRA_FIELDS = 2


def _fields(entry: Entry) -> int:
    return entry.text.count("fill(") + sum(s.count("fill(") for s in entry.body)


def _takes_up(entry: Entry, wanted: list[str], *, lead_only: bool = False) -> bool:
    """Whether a point speaks of the heading: two of its words, or its only one."""
    text = entry.text if lead_only else entry.text + "".join(entry.body)
    return sum(1 for w in wanted if w in text) >= min(2, len(wanted))


def _tier(ranked: Ranked) -> str:
    return "own" if ranked.on_topic else "near" if ranked.near else "common"


# A statement of why the work matters or how things stand, as a 认识 section makes its case.
_DECLARATIVE = re.compile(
    r"是[^，。]{0,24}(的|之一)|事关|关系到|关乎|重中之重|生命线|命根子|根本|前提|基础性|"
    r"必然要求|重要保障|重要支撑|重要举措|重大任务|形势|面临"
)
_IMPERATIVE_START = re.compile(r"^(?:要|必须|坚持|加快|推进|强化|加强|深化|实施|落实|持续)")


def reasoning_paragraph(
    material: Material, state: DraftState, budget: int
) -> tuple[str, tuple[Provenance, ...]] | None:
    """A paragraph for a 认识 sub-section: an on-topic point that states why or how things stand.

    Reports say this inside their task points ("农业是安天下稳民心的产业"); the point is used
    with its statement first and its measures after.
    """
    pool = material.of(("认识", "要求", "保障"))
    for ranked in pool:
        entry = ranked.entry
        if not ranked.on_topic or entry.id in state.used_points or _repeats(ranked, state):
            continue
        statement = entry.text if _DECLARATIVE.search(entry.text) else ""
        if not statement or _IMPERATIVE_START.match(statement) or "{{" in statement:
            continue
        text, provenance = _paragraph(entry, state, "认识", lead=True, budget=budget)
        state.used_points.add(entry.id)
        if text:
            return text, provenance
    return None
