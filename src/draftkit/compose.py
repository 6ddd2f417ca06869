"""Compose a draft: answers + occasion template + phrase bank → ``Draft``.

The template gives the order of moves (opening, sections by role, closing); the bank gives the
words. Every bank phrase is rendered through the template sandbox with the answers, so its
slots (``{{ topic }}``, ``{{ scope }}``, fill-in fields) take this draft's values. A phrase is
offered only when it is reusable here: not source-specific, no leftover topic words of another
speech, no dated wording for the draft's year, not already used. Choices are drawn from a
random generator seeded by the answers, so the same answers give the same draft.
"""

from __future__ import annotations

import difflib
import hashlib
import random
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import yaml

from draftkit.answers import Answers
from draftkit.dated import load_dated
from draftkit.errors import AnswersError
from draftkit.models import (
    FILL_IN_CLOSE,
    FILL_IN_OPEN,
    Block,
    Draft,
    Entry,
    Provenance,
    Span,
    count_hanzi,
)
from draftkit.parse import words
from draftkit.phrasebank import CORE_SOURCE, Bank
from draftkit.resources import data_file
from draftkit.templates import SectionSpec, Template, find_template, render, resolve_context

CN_NUMBERS = "一二三四五六七八九十"
# Sentences that lean on what came before them, or on one meeting's moment, read badly out of
# their place.
_NEEDS_CONTEXT = re.compile(
    r"^(反过来|因此|所以|但是|但|而且|而|这|那|同时|另外|此外|其中|特别是|尤其是|对此|为此|其次|再次|最后|"
    r"[一二三四五六七八九十]是|[一二三四五六七八九十]要|第[一二三四五六七八九十]|首先|总之|也|还|"
    r"是|越|一方面|另一方面|——|有的|其|该|凡|它|他们|然而|并|同志说过|要实现这一|要确保实现这一)"
)
# Citations of one document or leader's words, and wording tied to one office's procedures.
_CITATION = re.compile(
    r"《|总书记曾|同志说过|指出[，：]|审批|评议|窗口|以下|如下|一是|本届|行政主管部门|政府信息|会议应|会议要|参会|"
    r"[一二三四五六七八九十两](?:个|项|大|种|条)(?!方面)[\u4e00-\u9fff]{0,2}(?:工作|职能|意识|关系|加强|必须|结合)"
)
# Opening moves that belong to one kind of meeting.
_OCCASION_WORDS = re.compile(r"表彰|受表彰|培训|学员|座谈|演示|调研|开班|发言")
# Review wording that only reads right where past work is being summed up.
_REVIEW_ONLY = re.compile(r"成绩的同时|取得了|得到了?不断")
_MOMENT = re.compile(
    r"这次|此次|本次|今天|刚才|上述|以上|下面|会上|会后|今年|去年|明年|我局|市局|本局|我厅|同志们"
)
_FILL = re.compile(re.escape(FILL_IN_OPEN) + r".*?" + re.escape(FILL_IN_CLOSE))
_OPENERS = (
    "要",
    "必须",
    "坚持",
    "切实",
    "进一步",
    "加快",
    "始终",
    "着力",
    "把",
    "以",
    "强化",
    "加强",
)
_LEVEL_WORDS = "省市县区州"


@dataclass
class _State:
    """What a draft has used so far, so nothing repeats and no source dominates."""

    rng: random.Random
    context: dict[str, Any]
    topic_words: set[str]
    year: int
    used_texts: set[str] = field(default_factory=set)
    used_ids: set[str] = field(default_factory=set)
    headings: list[str] = field(default_factory=list)
    # Per-draft caches: whether an entry fits the topic, its rendered text, dated or not.
    fit: dict[str, bool] = field(default_factory=dict)
    rendered: dict[str, str] = field(default_factory=dict)
    dated: dict[str, bool] = field(default_factory=dict)
    foreign_terms: frozenset[str] = frozenset()
    stream: str = ""
    source_cap: int = 10**9
    per_source: Counter[str] = field(default_factory=Counter)
    provenance: list[Provenance] = field(default_factory=list)


def topic_work(topic: str) -> str:
    """The topic ending in 工作 exactly once: 安全生产 → 安全生产工作; 安全生产工作 stays."""
    topic = topic.strip()
    return topic if topic.endswith(("工作", "建设", "活动", "行动")) else topic + "工作"


def scope_of(org: str) -> str:
    """The level word of an organisation (宜宾市应急管理局 → 市); 市 when unclear."""
    for ch in org:
        if ch in _LEVEL_WORDS:
            return ch
    return "市"


def new_state(answers: Answers, template: Template, bank: Bank, *, part: str = "") -> _State:
    """A fresh drawing state; ``part`` gives a section its own random stream."""
    stream = f"{answers.seed}|{template.id}|{answers.topic}|{part}"
    return _State(
        rng=random.Random(stream),
        stream=stream,
        context=build_context(answers, template),
        topic_words=_topic_words(answers.topic) | _key_terms(answers),
        year=answers.date.year,
        foreign_terms=foreign_terms(bank, answers.topic) - _key_terms(answers),
    )


def build_context(answers: Answers, template: Template) -> dict[str, Any]:
    date = answers.date
    context: dict[str, Any] = {
        "topic": answers.topic,
        "topic_work": topic_work(answers.topic),
        "org": answers.org,
        "speaker": answers.speaker,
        "audience": answers.audience or (template.audiences[0] if template.audiences else ""),
        "date": date,
        "year": date.year,
        "date_cn": f"{date.year}年{date.month}月{date.day}日",
        "length": answers.length or template.length,
        "seed": answers.seed,
        "occasion": template.id,
        "scope": scope_of(answers.org),
        "meeting": "",
        "fill": lambda label: f"{FILL_IN_OPEN}{label}{FILL_IN_CLOSE}",
        "pick": lambda kind, role=None: "",
        **answers.extra,
    }
    return context


# --- drawing from the bank --------------------------------------------------------------------


def reusable(entry: Entry, state: _State) -> bool:
    """Whether this entry may appear in this draft: unused and fit for the topic."""
    if entry.id in state.used_ids:
        return False
    fit = state.fit.get(entry.id)
    if fit is None:
        fit = state.fit[entry.id] = _fits_topic(entry, state)
    return fit


def _fits_topic(entry: Entry, state: _State) -> bool:
    """The part of ``reusable`` that holds for the whole draft, so it is computed once."""
    if entry.specific:
        return False
    # Every rare word must belong to the user's topic: another subject's specifics never leak.
    rare = [k for k in entry.keywords if not any(k in t or t in k for t in state.topic_words)]
    # Headings are short and mostly frame words, so one rare word is tolerated there.
    if len(rare) > (1 if entry.kind.startswith("heading") else 0):
        return False
    if entry.kind == "sentence" and not _is_core(entry):
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
_LEADING_LINK = re.compile(
    r"^(?:同时|因此|所以|此外|另外|为此|对此|特别是|尤其是|其次|再次|总之|而且)[，,]"
)


def _render_entry(entry: Entry, state: _State) -> str:
    text = state.rendered.get(entry.id)
    if text is None:
        text = (
            render(entry.text, state.context, where=f"bank entry {entry.id}")
            if "{" in entry.text
            else entry.text
        )
        if entry.kind == "sentence":
            text = _LEADING_LINK.sub("", text)
        text = state.rendered[entry.id] = text.replace("工作工作", "工作")
    return text


def _acceptable(text: str, state: _State) -> bool:
    if text in state.used_texts:
        return False
    dated = state.dated.get(text)
    if dated is None:
        dated = state.dated[text] = bool(load_dated().findings(text, state.year))
    return not dated


def draw(
    state: _State, candidates: list[Entry], *, check=None, prefer_topic: bool = False
) -> tuple[str, Entry] | None:
    """One rendered entry, weighted towards recurring phrases and away from busy sources."""
    pool = [e for e in candidates if reusable(e, state) and not _source_full(e, state)]
    # Weighted sampling by "random key ** (1/weight)" with keys fixed per section and entry:
    # the order of the others does not change when an entry is used elsewhere, so changing one
    # section of the outline leaves the next section's choices alone.
    weighted = sorted(
        pool, key=lambda e: -(_stable_key(state.stream, e.id) ** (1 / _weight(e, prefer_topic)))
    )
    for entry in weighted:
        text = _render_entry(entry, state)
        if _acceptable(text, state) and (check is None or check(text)):
            _use(entry, text, state)
            return text, entry
    return None


def _stable_key(stream: str, entry_id: str) -> float:
    digest = hashlib.blake2b(f"{stream}|{entry_id}".encode(), digest_size=8).digest()
    return (int.from_bytes(digest, "big") + 1) / (2**64 + 2)


def _source_of(entry: Entry) -> str:
    return entry.origins[0].file + entry.origins[0].title if entry.origins else ""


def _source_full(entry: Entry, state: _State) -> bool:
    """No source speech may supply more than its share of the draft (our base wording may)."""
    if _is_core(entry):
        return False
    return state.per_source[_source_of(entry)] >= state.source_cap


def _weight(entry: Entry, prefer_topic: bool) -> float:
    # Mined wording is preferred over the base wording; recurring phrases over one-offs.
    # Mined headings are often terse run-in labels, so they get no edge over the base ones.
    mined_edge = 1.0 if entry.kind.startswith("heading") else 3.0
    weight = (1.0 + entry.doc_freq) * (1.0 if _is_core(entry) else mined_edge)
    if prefer_topic and entry.slots and {"topic", "topic_work"} & set(entry.slots):
        weight *= 4
    if entry.keywords:
        weight *= 3  # shares the user's own topic words
    return weight


def _use(entry: Entry, text: str, state: _State) -> None:
    state.used_ids.add(entry.id)
    state.used_texts.add(text)
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


def _take_provenance(state: _State) -> tuple[Provenance, ...]:
    taken = tuple(state.provenance)
    state.provenance.clear()
    return taken


def _body_sentence(text: str) -> bool:
    return (
        not _NEEDS_CONTEXT.match(text)
        and not _MOMENT.search(text)
        and FILL_IN_OPEN not in text
        and not _CITATION.search(text)
        and text.endswith(("。", "！", "；"))
        and 14 <= len(text) <= 110
    )


# --- headings -----------------------------------------------------------------------------------


@cache
def _frames() -> dict[str, list[str]]:
    return yaml.safe_load(data_file("headings.yaml").read_text(encoding="utf-8"))


def _has_topic(text: str, state: _State) -> bool:
    return state.context["topic"] in text or state.context["topic_work"] in text


def _leads(bank: Bank, role: str) -> list[str]:
    """Pairs of four-character clauses that open the bank's headings for a role."""
    leads = []
    for entry in bank.of("heading1", role) + bank.of("heading2", role):
        m = re.match(r"^([\u4e00-\u9fff]{4}，[\u4e00-\u9fff]{4})，", entry.text)
        if m and not entry.keywords:
            leads.append(m.group(1))
    return sorted(set(leads))


def heading1_candidates(bank: Bank, role: str, state: _State) -> list[str]:
    """Level-1 headings for a role that carry the topic: from the bank, else bank lead + frame."""
    out = []
    for entry in bank.of("heading1", role):
        # "{{ topic_work }}" and "{{ topic }}的" read well for any topic; a bare slot after a
        # verb or a noun of the source (推行…, 机关…) often does not.
        if (
            reusable(entry, state)
            and _heading_source_ok(entry)
            and re.search(r"\{\{ topic_work \}\}|\{\{ topic \}\}的", entry.text)
        ):
            text = _render_entry(entry, state)
            if _acceptable(text, state):
                out.append(text)
    leads = _leads(bank, role) or ["统一思想，提高认识"]
    for frame in _frames().get(role, []):
        for lead in leads:
            text = render(frame, {**state.context, "lead": lead}, where="data/headings.yaml")
            if _acceptable(text, state):
                out.append(text.replace("工作工作", "工作"))
            if "{{ lead }}" not in frame:
                break
    return list(dict.fromkeys(out))


def _pick_heading1(bank: Bank, role: str, state: _State, override: str | None) -> str:
    if override:
        state.used_texts.add(override)
        state.headings.append(override)
        return override
    candidates = heading1_candidates(bank, role, state)
    candidates = [c for c in candidates if not _like_a_used_heading(c, state)] or candidates
    bank_first = [c for c in candidates if _from_bank(c, bank, role, state)]
    # Its own generator: whether this heading is chosen or typed, later draws stay the same.
    rng = random.Random(state.stream + "|heading")
    pool = bank_first if bank_first and rng.random() < 0.6 else candidates
    choice = rng.choice(pool)
    entry = _entry_for(choice, bank, "heading1", role, state)
    if entry:
        _use(entry, choice, state)
    state.used_texts.add(choice)
    state.headings.append(choice)
    return choice


def _from_bank(text: str, bank: Bank, role: str, state: _State) -> bool:
    return _entry_for(text, bank, "heading1", role, state) is not None


def _entry_for(text: str, bank: Bank, kind: str, role: str, state: _State) -> Entry | None:
    for entry in bank.of(kind, role):
        if not entry.specific and _render_entry(entry, state) == text:
            return entry
    return None


# A heading that cites one document, coins a numbered slogan or hangs the topic on the source's
# own noun (机关…) does not travel to another topic.
_BAD_HEADING = re.compile(r"《|“|机关\{\{|推行\{\{|\{\{ topic \}\}(?:建设|管理|公开)")


def _heading_source_ok(entry: Entry) -> bool:
    return not _BAD_HEADING.search(entry.text)


def _heading2_ok(text: str) -> bool:
    return 4 <= len(text) <= 30 and not _MOMENT.search(text) and FILL_IN_OPEN not in text


# --- the draft ----------------------------------------------------------------------------------


def compose(answers: Answers, *, bank: Bank, templates: Mapping[str, Template]) -> Draft:
    """The draft for ``answers``; raises ``AnswersError`` / ``TemplateError`` on bad input."""
    template = find_template(templates, answers.occasion)
    state = new_state(answers, template, bank)
    context = state.context
    context["pick"] = lambda kind, role=None: _pick_phrase(bank, state, kind, role)
    context.update(resolve_context(template, {**context, "meeting": answers.meeting}))
    target = int(context["length"])
    title = render(state.rng.choice(template.titles), context, where=f"{template.path}: title")
    subtitle = (
        render(template.subtitle, context, where=f"{template.path}: subtitle")
        if template.subtitle
        else ""
    )
    blocks: list[Block] = [
        Block(
            "salutation",
            (
                Span(
                    render(
                        template.salutation_for(context["audience"]),
                        context,
                        where=f"{template.path}: salutations",
                    )
                ),
            ),
            "开场",
        )
    ]
    for n, source in enumerate(template.opening):
        text = render(source, context, where=f"{template.path}: opening[{n}]").strip()
        if text:
            blocks.append(Block("paragraph", spans_of(text), "开场", _take_provenance(state)))
    closing = []
    for n, source in enumerate(template.closing):
        text = render(source, context, where=f"{template.path}: closing[{n}]").strip()
        if text:
            closing.append(Block("closing", spans_of(text), "结束", _take_provenance(state)))
    fixed = sum(count_hanzi(b.text) for b in blocks + closing)
    budget = max(target - fixed, 200)
    weights = sum(spec.weight for spec in template.sections)
    state.source_cap = int(target * 0.3)
    for index, spec in enumerate(template.sections, start=1):
        share = int(budget * spec.weight / weights)
        # Each section draws from its own stream, so changing one leaves the others be.
        reseed = answers.reseed.get(str(index), 0)
        stream = f"{answers.seed}|{template.id}|{answers.topic}|{index}|{reseed}"
        state.rng = random.Random(stream)
        state.stream = stream
        blocks.extend(_section(bank, state, spec, index, share, answers.headings))
    blocks.extend(closing)
    state.stream = f"{answers.seed}|{template.id}|{answers.topic}|fit"
    blocks = _fit_length(blocks, target, bank, state)
    byline_parts = [answers.speaker, f"（{context['date_cn']}）"]
    return Draft(
        title=title,
        subtitle=subtitle,
        byline="".join(p for p in byline_parts if p),
        date=answers.date,
        author=answers.speaker or answers.org,
        blocks=tuple(blocks),
        answers=answers.to_dict(),
    )


_GENERIC_TOPIC_WORDS = frozenset(
    "工作 建设 机关 活动 服务 管理 行政 加强 推进 开展 全面 作风 环境".split()
)


def foreign_terms(bank: Bank, topic: str) -> frozenset[str]:
    """The subjects of the bank's source speeches, less what the user's own topic shares."""
    own = _topic_words(topic)
    terms = set()
    for source_topic in bank.topics():
        terms.add(source_topic)
        terms.update(
            w for w in words(source_topic) if len(w) >= 2 and w not in _GENERIC_TOPIC_WORDS
        )
    return frozenset(t for t in terms if not any(t in o or o in t for o in own))


def _key_terms(answers: Answers) -> set[str]:
    """Extra key terms the user gave (``terms: 隐患排查、应急演练``)."""
    return {t for t in re.split(r"[、，,；;\s]+", answers.extra.get("terms", "")) if len(t) >= 2}


def _topic_words(topic: str) -> set[str]:
    return {w for w in words(topic) if len(w) >= 2} | {topic}


def _pick_phrase(bank: Bank, state: _State, kind: str, role: str | None) -> str:
    candidates = bank.of(kind, role)
    check: Callable[[str], bool] | None = None
    if kind in ("sentence", "closing"):
        check = _body_sentence
    elif kind == "opening":  # an opening move quoted from one speech carries its slogans with it
        check = _opening_move
    found = draw(state, candidates, check=check)
    return found[0] if found else ""


def _opening_move(text: str) -> bool:
    return _body_sentence(text) and "“" not in text


def spans_of(text: str) -> tuple[Span, ...]:
    """Split rendered text into plain spans and fill-in spans."""
    spans: list[Span] = []
    pos = 0
    for m in _FILL.finditer(text):
        if m.start() > pos:
            spans.append(Span(text[pos : m.start()]))
        spans.append(Span(m.group(0), fill_in=True))
        pos = m.end()
    if pos < len(text):
        spans.append(Span(text[pos:]))
    return tuple(spans)


def _section(
    bank: Bank,
    state: _State,
    spec: SectionSpec,
    index: int,
    budget: int,
    headings: Mapping[str, str],
) -> list[Block]:
    heading = _pick_heading1(bank, spec.role, state, headings.get(str(index)))
    blocks = [
        Block(
            "heading1",
            (Span(f"{CN_NUMBERS[index - 1]}、{heading}"),),
            spec.role,
            _take_provenance(state),
        )
    ]
    low, high = spec.subpoints
    count = state.rng.randint(low, high) if high else 0
    if count == 0:
        blocks.extend(_paragraphs(bank, state, spec.role, budget, spec.paragraphs))
        return blocks
    per_point = budget // count
    emitted = 0
    for sub in range(1, count + 1):
        override = headings.get(f"{index}.{sub}")
        if override:
            state.headings.append(override)
        text = override or _heading2(bank, state, spec.role)
        heading_provenance = _take_provenance(state)
        budget_left = per_point - (count_hanzi(text) if text else 0)
        body = _paragraphs(bank, state, spec.role, budget_left, spec.paragraphs)
        if not body:  # a sub-point with nothing under it is left out, not left empty
            continue
        if text is not None:
            emitted += 1
            number = f"（{CN_NUMBERS[emitted - 1]}）"
            blocks.append(Block("heading2", (Span(number + text),), spec.role, heading_provenance))
        blocks.extend(body)
    return blocks


def _heading2(bank: Bank, state: _State, role: str) -> str | None:
    pool = [e for e in bank.of("heading2", role) if _heading_source_ok(e) and _full_heading(e)]
    if role == "回顾":  # a mined review heading states another body's achievements as fact
        pool = [e for e in pool if _is_core(e)]

    def fresh(text: str) -> bool:
        return _heading2_ok(text) and not _like_a_used_heading(text, state)

    found = draw(state, pool, check=fresh, prefer_topic=True)
    if found is None:
        pool = [
            e for r in ("要求", "保障") for e in bank.of("heading2", r) if _heading_source_ok(e)
        ]
        found = draw(state, pool, check=fresh)
    if found is None:
        return None
    state.headings.append(found[0].rstrip("。"))
    return found[0].rstrip("。")


def _like_a_used_heading(text: str, state: _State) -> bool:
    """Two headings of one draft must not say nearly the same thing."""
    return any(
        difflib.SequenceMatcher(None, text, used).ratio() > 0.6 or text in used or used in text
        for used in state.headings
    )


def _full_heading(entry: Entry) -> bool:
    """A sub-point heading that says something: mined labels such as 坚持标准 say too little."""
    return _is_core(entry) or len(entry.text) >= 8 or "，" in entry.text


def _is_core(entry: Entry) -> bool:
    return bool(entry.origins) and entry.origins[0].file == CORE_SOURCE


def heading2_candidates(
    bank: Bank, role: str, answers: Answers, templates: Mapping[str, Template]
) -> list[str]:
    """Every level-2 heading the bank could offer for a role in this draft (for the wizard)."""
    template = find_template(templates, answers.occasion)
    state = _State(
        random.Random(0),
        build_context(answers, template),
        _topic_words(answers.topic),
        answers.date.year,
    )
    out = []
    for entry in bank.of("heading2", role):
        if reusable(entry, state) and _heading_source_ok(entry):
            text = _render_entry(entry, state).rstrip("。")
            if _heading2_ok(text) and _acceptable(text, state):
                out.append(text)
    return sorted(set(out))


def heading1_options(
    bank: Bank, role: str, answers: Answers, templates: Mapping[str, Template]
) -> list[str]:
    """Every level-1 heading for a role in this draft (for the wizard)."""
    template = find_template(templates, answers.occasion)
    state = _State(
        random.Random(0),
        build_context(answers, template),
        _topic_words(answers.topic),
        answers.date.year,
    )
    return heading1_candidates(bank, role, state)


def _paragraphs(
    bank: Bank, state: _State, role: str, budget: int, shape: tuple[int, int]
) -> list[Block]:
    """Body paragraphs of about ``budget`` characters, each opening the way speeches do."""
    count = max(1, min(state.rng.randint(*shape), budget // 120 or 1))
    per = max(budget // count, 60)
    blocks = []
    for _ in range(count):
        text = _paragraph_text(bank, state, role, per)
        if text:
            blocks.append(Block("paragraph", spans_of(text), role, _take_provenance(state)))
    return blocks


def _paragraph_text(bank: Bank, state: _State, role: str, budget: int) -> str:
    opener = _draw_body(bank, state, role, _opening_sentence)
    if opener is None:
        opener = _draw_body(bank, state, role, _body_sentence)
    if opener is None:
        return ""
    text = opener[0]
    while count_hanzi(text) < budget - 20:
        room = budget - count_hanzi(text) + 25
        extra = _draw_body(
            bank, state, role, lambda t, room=room: _body_sentence(t) and count_hanzi(t) <= room
        )
        if extra is None:
            break
        text += extra[0] if extra[0].endswith(("。", "！")) else extra[0].rstrip("；") + "。"
    return text


_NEIGHBOURS = {
    "回顾": ("认识", "要求"),
    "认识": ("要求", "保障"),
    "要求": ("保障", "认识"),
    "保障": ("要求", "认识"),
}


def _draw_body(bank: Bank, state: _State, role: str, check) -> tuple[str, Entry] | None:  # type: ignore[no-untyped-def]
    """A sentence of the section's own role; a role that has run dry borrows from its neighbours."""
    if role != "回顾":
        check = lambda t, base=check: base(t) and not _REVIEW_ONLY.search(t)  # noqa: E731
    found = draw(state, bank.of("sentence", role), check=check)
    for other in _NEIGHBOURS.get(role, ()):
        if found is not None:
            break
        found = draw(state, bank.of("sentence", other), check=check)
    return found


def _opening_sentence(text: str) -> bool:
    return _body_sentence(text) and text.startswith(_OPENERS)


def _fit_length(blocks: list[Block], target: int, bank: Bank, state: _State) -> list[Block]:
    """Trim or extend body paragraphs until the draft is within ±10% of the target."""
    total = sum(count_hanzi(b.text) for b in blocks)
    paragraphs = [i for i, b in enumerate(blocks) if b.kind == "paragraph" and b.role != "开场"]
    guard = 0
    while total > target * 1.08 and paragraphs and guard < 400:
        guard += 1
        i = max(paragraphs, key=lambda j: count_hanzi(blocks[j].text))
        trimmed = _drop_last_sentence(blocks[i])
        if trimmed is None:
            paragraphs.remove(i)
            continue
        total -= count_hanzi(blocks[i].text) - count_hanzi(trimmed.text)
        blocks[i] = trimmed
    while total < target * 0.93 and paragraphs and guard < 800:
        guard += 1
        i = min(paragraphs, key=lambda j: count_hanzi(blocks[j].text))
        extra = _draw_body(bank, state, blocks[i].role, _body_sentence)
        if extra is None:
            break
        block = blocks[i]
        blocks[i] = Block(
            block.kind,
            block.spans + spans_of(extra[0]),
            block.role,
            block.provenance + _take_provenance(state),
        )
        total += count_hanzi(extra[0])
    if not 0.9 * target <= total <= 1.1 * target:
        raise AnswersError(
            f"could not reach the length {target} (got {total} characters) with this phrase bank",
            field="length",
            hint="choose a shorter length, or mine a larger corpus",
        )
    return blocks


def _drop_last_sentence(block: Block) -> Block | None:
    text = block.text
    parts = re.findall(r"[^。！？]+[。！？]", text)
    if len(parts) < 2:
        return None
    kept = "".join(parts[:-1])
    return Block(block.kind, spans_of(kept), block.role, block.provenance[:-1] or block.provenance)
