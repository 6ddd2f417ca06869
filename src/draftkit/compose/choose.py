"""Choose phrases from the bank for one draft: what fits, in what order, and what was used.

``DraftState`` carries a draft's answers-derived context and everything used so far. A bank
entry is offered only when it fits this draft: not source-specific, no rare word of another
subject, no other topic's name, no wording dated for the draft's year, not used already. Among
those, ``draw`` takes a weighted sample whose order is fixed per section and entry, so the same
answers always give the same choices and a change in one section leaves the others alone.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from draftkit.bank.profile import names_part
from draftkit.bank.store import CORE_SOURCE, Bank
from draftkit.compose.answers import Answers
from draftkit.compose.audience import adapt, audience_class
from draftkit.compose.audiences import AudienceClass
from draftkit.compose.dated import load_dated
from draftkit.compose.given import Given
from draftkit.compose.kinds import kind_of
from draftkit.compose.levels import load_levels
from draftkit.compose.material import Material, RareSaid, Said, bigrams
from draftkit.compose.naming import (
    day_greeting,
    day_moment,
    honoured,
    honourees,
    host_of,
    meeting_level,
    scope_of,
    seasonal,
    speaking_for,
    topic_course,
    topic_work,
    trainees_class,
)
from draftkit.compose.periods import moment, plan_period, plan_year, review_period, review_year
from draftkit.compose.templates import Template, render
from draftkit.models import FILL_IN_CLOSE, FILL_IN_OPEN, Entry, Provenance, count_hanzi
from draftkit.reading.segment import words

# Sentences that lean on what came before them, or on one meeting's moment, read badly out of
# their place.
_NEEDS_CONTEXT = re.compile(
    r"^(反过来|因此|所以|但是|但|而且|而|这|那|同时|另外|此外|其中|特别是|尤其是|对此|为此|其次|再次|最后|"
    r"[一二三四五六七八九十]是|[一二三四五六七八九十]要|第[一二三四五六七八九十]|首先|总之|也|还|"
    r"是|越|一方面|另一方面|——|有的|其|该|凡|它|他们|然而|并|同志说过|要实现这一|要确保实现这一|"
    r"对这些|对于这些|这些问题|上述|针对上述|同样|谁|对[^，。]{0,12}而言)"
)
# Citations of one document or leader's words, and wording tied to one office's procedures.
_CITATION = re.compile(
    r"《|总书记曾|同志说过|指出[，：]|审批|评议|窗口|以下|如下|一是|本届|行政主管部门|政府信息|会议应|会议要|参会|"
    r"[一二三四五六七八九十两](?:个|项|大|种|条)(?!方面)[\u4e00-\u9fff]{0,2}(?:工作|职能|意识|关系|加强|必须|结合)"
)
# Opening moves that belong to one kind of meeting.
_OCCASION_WORDS = re.compile(r"表彰|受表彰|培训|学员|座谈|演示|调研|开班|发言")
# Review wording that only reads right where past work is being summed up.
REVIEW_ONLY = re.compile(r"成绩的同时|取得了|得到了?不断")
MOMENT = re.compile(
    r"这次|此次|本次|今天|刚才|上述|以上|下面|会上|会后|今年|去年|明年|我局|市局|本局|我厅|同志们|"
    r"会议开得|预期效果|各项议程"  # a closing speech's verdict on the meeting, said before it ends
)


@dataclass
class DraftState:
    """What a draft has used so far, so nothing repeats and no source dominates."""

    rng: random.Random
    context: dict[str, Any]
    topic_words: set[str]
    year: int
    used_texts: set[str] = field(default_factory=set)
    used_ids: set[str] = field(default_factory=set)
    headings: list[str] = field(default_factory=list)
    # Per-draft caches: whether an entry fits the topic, its rendered text, barred or not.
    fit: dict[str, bool] = field(default_factory=dict)
    rendered: dict[str, str] = field(default_factory=dict)
    barred: dict[str, bool] = field(default_factory=dict)  # dated or a higher level's
    foreign_terms: frozenset[str] = frozenset()
    # Source speeches on the user's own subject: their wording is this draft's wording too.
    kindred: frozenset[str] = frozenset()
    stream: str = ""
    source_cap: int = 10**9
    per_source: Counter[str] = field(default_factory=Counter)
    provenance: list[Provenance] = field(default_factory=list)
    # Points used, what each sub-section's point is about, and every sentence said so far.
    used_points: set[str] = field(default_factory=set)
    primary_words: list[frozenset[str]] = field(default_factory=list)
    said: Said = field(default_factory=Said)
    clauses: set[str] = field(default_factory=set)
    said_clauses: Said = field(default_factory=Said)  # the same, clause by clause
    said_rare: RareSaid = field(default_factory=RareSaid)  # and by the rare words of each
    fit_pools: dict[tuple[int, ...], list[Entry]] = field(default_factory=dict)
    report_files: frozenset[str] = frozenset()
    material: Material | None = None
    audience: AudienceClass | None = None
    given: Given | None = None  # the user's own material for this draft
    lengthened: set[str] = field(default_factory=set)  # sub-sections given a point for length
    asked: bool = False  # the user asked for the length (else the occasion's is a guide)
    frame_themes: set[str] = field(default_factory=set)  # what the occasion's frames took up

    def unsay_heading(self, heading: str | None) -> None:
        """A heading planned but not said: free for a later one to say (or a frame to)."""
        if heading in self.headings:
            self.headings.remove(heading)


def default_audience(answers: Answers, template: Template) -> str:
    """The audience answered, else the one its meeting or topic names, else the occasion's first.

    全县民营企业家座谈会 names entrepreneurs: the occasion's 企业代表; a symposium on 青年人才
    speaks to 人才代表, not to the occasion's first, 基层干部代表.
    """
    if answers.audience:
        return answers.audience
    return named_audience(answers.topic, answers.meeting, template)


def named_audience(topic: str, meeting: str, template: Template) -> str:
    """The audience a meeting's name or a symposium's topic names; else the occasion's first.

    Only a symposium's topic names its guests (外资企业, 科技工作者); a work meeting on 人才工作
    still speaks to the cadres who do it.
    """
    fallback = audience_class("").key
    texts = [meeting] + ([topic] if template.id == "symposium" else [])
    for text in texts:
        named = audience_class(text) if text else None
        if named is None or named.key == fallback or "+" in named.key:
            continue
        for audience in template.audiences:
            if audience_class(audience).key == named.key:
                return audience
        if text == topic:
            return named.audiences[0] if named.audiences else named.name
    return template.audiences[0] if template.audiences else ""


def new_state(answers: Answers, template: Template, bank: Bank, *, part: str = "") -> DraftState:
    """A fresh drawing state; ``part`` gives a section its own random stream."""
    stream = f"{answers.seed}|{template.id}|{answers.topic}|{part}"
    context = build_context(answers, template)
    audience = audience_class(str(context["audience"]))
    # What the speaker asks of entrepreneurs or experts at the close, where a template says it.
    context["hopes"] = render(audience.hopes, context, where="data/audiences.yaml hopes")
    return DraftState(
        rng=random.Random(stream),
        stream=stream,
        context=context,
        audience=audience,
        topic_words=topic_words_of(answers.topic) | key_terms(answers),
        year=answers.date.year,
        foreign_terms=foreign_terms(bank, answers.topic) - key_terms(answers),
        kindred=kindred_sources(bank, answers.topic),
        report_files=report_files(bank),
    )


def build_context(answers: Answers, template: Template) -> dict[str, Any]:
    date = answers.date
    # A training class's topic that names its trainees (新任职科级干部) is their class.
    named = trainees_class(answers.topic) if template.id == "training" else answers.topic
    day = day_moment(date, answers.topic)  # "" unless the meeting is just before its day
    context: dict[str, Any] = {
        "topic": answers.topic,
        "topic_work": topic_work(named),
        "honoured": honoured(answers.topic),
        "honourees": honourees(answers.topic),
        **dict(zip(("topic_course", "topic_training"), topic_course(named), strict=True)),
        "org": answers.org,
        "speaker": answers.speaker,
        "audience": default_audience(answers, template),
        "date": date,
        "year": date.year,
        "review_year": review_year(date),
        "plan_year": plan_year(date),
        "review_period": review_period(date, template.id, seasonal(answers.topic)),
        "day": day,
        "moment": day or moment(date),
        "greeting": day_greeting(date, answers.topic),
        "plan_period": plan_period(date, seasonal(answers.topic)),
        "date_cn": f"{date.year}年{date.month}月{date.day}日",
        "length": answers.length or template.length,
        "seed": answers.seed,
        "occasion": template.id,
        "scope": scope_of(answers.org or meeting_level(answers.meeting)),
        **_community(answers),
        "host": host_of(answers.org, answers.topic),
        "meeting": "",
        "fill": lambda label: f"{FILL_IN_OPEN}{label}{FILL_IN_CLOSE}",
        "pick": lambda kind, role=None: "",
        **answers.extra,
    }
    return context


def _community(answers: Answers) -> dict[str, str]:
    """Whom a speech speaks for and to: an area's people, or a unit's staff.

    全县…大会 or a county government speaks to 广大干部群众 on behalf of the county's leadership;
    a bureau to its 广大干部职工 on behalf of its party group.
    """
    scope = scope_of(answers.org or meeting_level(answers.meeting))
    area = bool(_AREA_MEETING.match(answers.meeting or "")) or bool(
        answers.org and _AREA_ORG.search(answers.org)
    )
    if area:
        found = {"people": "广大干部群众", "behalf": f"代表的单位，如：{scope}委、{scope}政府"}
    else:
        found = {"people": "广大干部职工", "behalf": "代表的单位，如：局党组"}
    kind = kind_of(answers.topic)
    party = kind is not None and kind.party
    if kind is not None and kind.people:
        found["people"] = kind.people  # a hospital's honours go to 广大医务工作者
    return {**found, "speaking_for": speaking_for(answers.speaker, party)}


_AREA_MEETING = re.compile(r"^全(?:省|市|县|区|州|旗)")
_AREA_ORG = re.compile(r"人民政府$|[省市县区州旗]委$")


# --- drawing from the bank --------------------------------------------------------------------


def reusable(entry: Entry, state: DraftState) -> bool:
    """Whether this entry may appear in this draft: unused and fit for the topic."""
    if entry.id in state.used_ids:
        return False
    fit = state.fit.get(entry.id)
    if fit is None:
        fit = state.fit[entry.id] = _fits_topic(entry, state)
    return fit


def from_kindred(entry: Entry, state: DraftState) -> bool:
    """Whether an entry comes from a source speech on the user's own subject."""
    return bool(entry.origins) and _source_of(entry) in state.kindred


def _fits_topic(entry: Entry, state: DraftState) -> bool:
    """The part of ``reusable`` that holds for the whole draft, so it is computed once."""
    if entry.specific:
        return False
    if entry.origins and all(o.file in state.report_files for o in entry.origins):
        return False  # a report's wording is offered as whole points, not loose phrases
    if from_kindred(entry, state):
        # A speech on the same subject: its slot stands for the user's topic and its rare
        # words are the subject's own vocabulary; a review still states another body's facts.
        return not (entry.role == "回顾" and entry.kind == "sentence")
    # Every rare word must belong to the user's topic: another subject's specifics never leak.
    rare = [k for k in entry.keywords if not any(k in t or t in k for t in state.topic_words)]
    if rare:
        return False
    if entry.kind == "sentence" and not is_core(entry):
        if entry.slots and not _SAFE_SLOT.search(entry.text):
            return False
        if entry.role == "回顾" and ("了" in entry.text or entry.slots):
            return False  # another body's achievements, stated as fact
    if entry.kind == "opening" and _OCCASION_WORDS.search(entry.text):
        return False
    return not any(term in entry.text for term in state.foreign_terms)


# A mined sentence that said something about its own topic rarely says it about another; only
# these frames carry the slot safely ("做好{{ topic_work }}的…").
_SAFE_SLOT = re.compile(
    r"(做好|抓好|推进|推动|落实|加强|重视|开展|部署|纳入|把)\{\{ topic_work \}\}|\{\{ scope \}\}"
)


# Connectives that tie a sentence to the one before it; without them it stands on its own.
LEADING_LINK = re.compile(
    r"^(?:同时|因此|所以|此外|另外|为此|对此|特别是|尤其是|其次|再次|总之|而且)[，,]"
)


def render_entry(entry: Entry, state: DraftState) -> str:
    text = state.rendered.get(entry.id)
    if text is None:
        text = (
            render(entry.text, state.context, where=f"词库词条 {entry.id}")
            if "{" in entry.text
            else entry.text
        )
        if entry.kind == "sentence":
            text = LEADING_LINK.sub("", text)
        text = text.replace("工作工作", "工作")
        if state.audience is not None and entry.kind in _SPOKEN:
            text = adapt(text, state.audience) or ""  # "": not to be said to this audience
        state.rendered[entry.id] = text
    return text


# Kinds of entry that address the audience, so their register follows it.
_SPOKEN = frozenset({"sentence", "opening", "closing", "parallel", "enumeration", "transition"})


_YEAR = re.compile(r"(?:19|20)\d\d")
# A field for a name only the source knew (its schemes, projects, units), rendered or not.
_NAME_FIELD = re.compile(r"【待填：(?:项目|单位)?名称】|fill\('(?:项目|单位)?名称'\)")
_FIGURE = re.compile(r"\d")


def acceptable(text: str, state: DraftState) -> bool:
    """Whether a sentence may still be said: not said yet, not dated, not a higher level's.

    Nor one that still holds a source's figure (三年行动2.0版): a fact is a field or nothing;
    nor one that names two of the source's own schemes (a sentence of holes once filled in).
    """
    if text in state.used_texts:
        return False
    if _FIGURE.search(_YEAR.sub("", text)):
        return False
    if len(_NAME_FIELD.findall(text)) >= 2:
        return False  # 推行【名称】，建强【名称】平台: a report's own schemes, holes once filled in
    barred = state.barred.get(text)
    if barred is None:
        barred = bool(load_dated().findings(text, state.year)) or bool(
            load_levels().above(text, str(state.context.get("scope", "市")))
        )
        state.barred[text] = barred
    return not barred


def draw(
    state: DraftState, candidates: list[Entry], *, check=None, prefer_topic: bool = False
) -> tuple[str, Entry] | None:
    """One rendered entry, weighted towards recurring phrases and away from busy sources."""
    key = tuple(map(id, candidates))  # the entries live in the bank, so their ids are stable
    fitting = state.fit_pools.get(key)
    if fitting is None:  # which candidates fit this draft at all is worked out once per list
        fitting = state.fit_pools[key] = [e for e in candidates if reusable(e, state)]
    pool = [e for e in fitting if e.id not in state.used_ids and not _source_full(e, state)]
    # Weighted sampling by "random key ** (1/weight)" with keys fixed per section and entry:
    # the order of the others does not change when an entry is used elsewhere, so changing one
    # section of the outline leaves the next section's choices alone.
    weighted = sorted(
        pool, key=lambda e: -(_stable_key(state.stream, e.id) ** (1 / _weight(e, prefer_topic)))
    )
    for entry in weighted:
        text = render_entry(entry, state)
        if text and acceptable(text, state) and (check is None or check(text)):
            use_entry(entry, text, state)
            return text, entry
    return None


def _stable_key(stream: str, entry_id: str) -> float:
    digest = hashlib.blake2b(f"{stream}|{entry_id}".encode(), digest_size=8).digest()
    return (int.from_bytes(digest, "big") + 1) / (2**64 + 2)


def _source_of(entry: Entry) -> str:
    return entry.origins[0].file + entry.origins[0].title if entry.origins else ""


def _source_full(entry: Entry, state: DraftState) -> bool:
    """No source speech may supply more than its share of the draft (our base wording may)."""
    if is_core(entry):
        return False
    return state.per_source[_source_of(entry)] >= state.source_cap


def _weight(entry: Entry, prefer_topic: bool) -> float:
    # Mined wording is preferred over the base wording; recurring phrases over one-offs.
    # Mined headings are often terse run-in labels, so they get no edge over the base ones.
    mined_edge = 1.0 if entry.kind.startswith("heading") else 3.0
    weight = (1.0 + entry.doc_freq) * (1.0 if is_core(entry) else mined_edge)
    if prefer_topic and entry.slots and {"topic", "topic_work"} & set(entry.slots):
        weight *= 4
    if entry.keywords:
        weight *= 3  # shares the user's own topic words
    return weight


def use_entry(entry: Entry, text: str, state: DraftState) -> None:
    state.used_ids.add(entry.id)
    state.used_texts.add(text)
    if entry.kind in ("sentence", "opening", "closing", "parallel"):
        state.said.add(bigrams(text))
    origin = entry.origins[0] if entry.origins else None
    if origin:
        state.per_source[_source_of(entry)] += count_hanzi(text)
    state.provenance.append(
        Provenance(
            entry.id,
            entry.kind,
            origin.file if origin else "",
            origin.title if origin else "",
            origin.paragraph if origin else 0,
        )
    )


def take_provenance(state: DraftState) -> tuple[Provenance, ...]:
    taken = tuple(state.provenance)
    state.provenance.clear()
    return taken


def body_sentence(text: str) -> bool:
    return (
        not _NEEDS_CONTEXT.match(text)
        and not MOMENT.search(text)
        and FILL_IN_OPEN not in text
        and not _CITATION.search(text)
        and text.endswith(("。", "！", "；"))
        and 20 <= len(text) <= 110  # a shorter loose sentence is a slogan out of its place
    )


_GENERIC_TOPIC_WORDS = frozenset(
    "工作 建设 机关 活动 服务 管理 行政 加强 推进 开展 全面 作风 环境 发展".split()
)


def foreign_terms(bank: Bank, topic: str) -> frozenset[str]:
    """The subjects of the bank's source speeches, less what the user's own topic shares."""
    own = topic_words_of(topic)
    terms = set()
    for source_topic in bank.topics():
        terms.add(source_topic)
        terms.update(
            w for w in words(source_topic) if len(w) >= 2 and w not in _GENERIC_TOPIC_WORDS
        )
    return frozenset(t for t in terms if not any(t in o or o in t for o in own))


def report_files(bank: Bank) -> frozenset[str]:
    """The bank's source files that are reports (to a congress) rather than speeches."""
    return frozenset(
        str(s.get("file"))
        for s in bank.summary.get("speeches", [])
        if s.get("register") == "report"
    )


def kindred_sources(bank: Bank, topic: str) -> frozenset[str]:
    """The source speeches (file + title) whose topic shares a subject word with ``topic``.

    A government work report is on every subject, so on none: it is never kindred.
    """
    own = {w for w in topic_words_of(topic) if w not in _GENERIC_TOPIC_WORDS}
    out = set()
    for speech in bank.summary.get("speeches", []):
        if speech.get("register") == "report":
            continue
        theirs = topic_words_of(str(speech.get("topic") or ""))
        theirs = {w for w in theirs if w and w not in _GENERIC_TOPIC_WORDS}
        if any(
            a == b or (len(a) >= 2 and len(b) >= 2 and (a in b or b in a))
            for a in own
            for b in theirs
        ):
            out.add(f"{speech['file']}{speech['title']}")
    return frozenset(out)


def key_terms(answers: Answers) -> set[str]:
    """Extra key terms the user gave (``terms: 隐患排查、应急演练``)."""
    return {t for t in re.split(r"[、，,；;\s]+", answers.extra.get("terms", "")) if len(t) >= 2}


def topic_words_of(topic: str) -> set[str]:
    """The topic and the words that name it (组织工作: not 组织 alone, as in 组织开展)."""
    return {w for w in words(topic) if names_part(w)} | {topic}


def opening_move(text: str) -> bool:
    return body_sentence(text) and "“" not in text


def is_core(entry: Entry) -> bool:
    return bool(entry.origins) and entry.origins[0].file == CORE_SOURCE
