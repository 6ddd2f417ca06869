"""Compose a draft: answers + occasion template + phrase bank → ``Draft``.

The template gives the order of moves (opening, sections by role, closing); the bank gives the
words, chosen by ``draftkit.compose.choose``. This module lays the draft out: the title, level-1
headings that carry the topic, level-2 sub-points, body paragraphs that open the way speeches
do, and the final fit to the target length. Every bank phrase is rendered through the template
sandbox with the answers, so its slots take this draft's values.
"""

from __future__ import annotations

import difflib
import random
import re
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from draftkit.bank.store import CORE_SOURCE, CORE_TITLE, Bank
from draftkit.compose.answers import Answers
from draftkit.compose.audience import adapt
from draftkit.compose.choose import (
    MOMENT,
    DraftState,
    acceptable,
    body_sentence,
    draw,
    is_core,
    key_terms,
    new_state,
    opening_move,
    render_entry,
    reusable,
    take_provenance,
    use_entry,
)
from draftkit.compose.given import Given, material_for
from draftkit.compose.given_sections import (
    MATERIAL,
    given_extra,
    given_groups,
    given_intro,
    given_paragraphs,
    quote_paragraph,
    section_parts,
    study_paragraph,
)
from draftkit.compose.leadins import (
    LEAD_IN,
    lead_in,
    named_problems,
    occasion_paragraphs,
    occasion_points,
)
from draftkit.compose.loose import draw_body, loose_paragraphs
from draftkit.compose.material import Material, rank_material
from draftkit.compose.subsections import (
    Group,
    candidates,
    extra_paragraph,
    heading_of,
    plan_section,
    realise,
    reasoning_paragraph,
)
from draftkit.compose.templates import SectionSpec, Template, find_template, render, resolve_context
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
    spans_of,
)
from draftkit.reading.parse import sentences
from draftkit.resources import data_file
from draftkit.yamlfile import safe_load

CN_NUMBERS = "一二三四五六七八九十"
_FILL = re.compile(re.escape(FILL_IN_OPEN) + r".*?" + re.escape(FILL_IN_CLOSE))
# --- headings -----------------------------------------------------------------------------------


@cache
def _frames() -> dict[str, list[str]]:
    return safe_load(data_file("headings.yaml").read_text(encoding="utf-8"))


def _leads(bank: Bank, role: str) -> list[str]:
    """Pairs of four-character clauses that open the bank's headings for a role."""
    leads = []
    for entry in bank.of("heading1", role) + bank.of("heading2", role):
        m = re.match(r"^([\u4e00-\u9fff]{4}，[\u4e00-\u9fff]{4})，", entry.text)
        if m and not entry.keywords:
            leads.append(m.group(1))
    return sorted(set(leads))


def heading1_candidates(bank: Bank, role: str, state: DraftState) -> list[str]:
    """Level-1 headings for a role that carry the topic: from the bank, else bank lead + frame."""
    return list(_heading1_pool(bank, role, state))


def _heading1_pool(bank: Bank, role: str, state: DraftState) -> dict[str, Entry | None]:
    """Each candidate level-1 heading with the bank entry it came from (None: a frame)."""
    out: dict[str, Entry | None] = {}
    for entry in bank.of("heading1", role):
        # "{{ topic_work }}" and "{{ topic }}的" read well for any topic; a bare slot after a
        # verb or a noun of the source (推行…, 机关…) often does not.
        if (
            reusable(entry, state)
            and _heading_source_ok(entry)
            and re.search(r"\{\{ topic_work \}\}|\{\{ topic \}\}的", entry.text)
        ):
            text = render_entry(entry, state)
            if acceptable(text, state):
                out.setdefault(text, entry)
    leads = _leads(bank, role) or ["统一思想，提高认识"]
    for frame in _frames().get(role, []):
        for lead in leads:
            text = render(frame, {**state.context, "lead": lead}, where="data/headings.yaml")
            if acceptable(text, state):
                out.setdefault(text.replace("工作工作", "工作"), None)
            if "{{ lead }}" not in frame:
                break
    return out


def _pick_heading1(bank: Bank, spec: SectionSpec, state: DraftState, override: str | None) -> str:
    role = spec.role
    if override:
        state.used_texts.add(override)
        state.headings.append(override)
        return override
    pool_by_text = _heading1_pool(bank, role, state)
    candidates = [c for c in pool_by_text if not _like_a_used_heading(c, state)] or list(
        pool_by_text
    )
    bank_first = [c for c in candidates if pool_by_text[c] is not None]
    # Its own generator: whether this heading is chosen or typed, later draws stay the same.
    rng = random.Random(state.stream + "|heading")
    suggested = [
        render(source, state.context, where=f"sections.headings[{n}]").strip()
        for n, source in enumerate(spec.headings)
    ]
    suggested = [s for s in suggested if s and not _like_a_used_heading(s, state)]
    pool = bank_first if bank_first and rng.random() < 0.6 else candidates
    # An occasion's own headings (a training class: 学风, 纪律) fit it better than any bank's.
    if suggested and rng.random() < 0.7:
        pool = suggested
    choice = rng.choice(pool)
    entry = pool_by_text.get(choice)
    if entry:
        use_entry(entry, choice, state)
    state.used_texts.add(choice)
    state.headings.append(choice)
    return choice


# A heading that cites one document, coins a numbered slogan or hangs the topic on the source's
# own noun (机关…) does not travel to another topic.
_BAD_HEADING = re.compile(
    r"《|“|机关\{\{|推行\{\{|\{\{ topic \}\}(?:建设|管理|公开)|活动|整改|表率|"
    r"[一二三四五六七八九十两](?:个|项|大|种|条)"
)


# A bare topic slot reads right for any topic only before 的 ("{{ topic }}的重要意义");
# "规范{{ topic }}方式" was written about one subject.
_BARE_TOPIC = re.compile(r"\{\{ topic \}\}(?!的)")


def _heading_source_ok(entry: Entry) -> bool:
    if is_core(entry):
        return True
    return not _BAD_HEADING.search(entry.text) and not _BARE_TOPIC.search(entry.text)


def _heading2_ok(text: str) -> bool:
    return 4 <= len(text) <= 30 and not MOMENT.search(text) and FILL_IN_OPEN not in text


# --- the draft ----------------------------------------------------------------------------------


def compose(
    answers: Answers,
    *,
    bank: Bank,
    templates: Mapping[str, Template],
    given: Given | None = None,
) -> Draft:
    """The draft for ``answers``; raises ``AnswersError`` / ``TemplateError`` on bad input.

    ``given`` is the user's own material (``read_material``): its points come first and its
    facts stand as written.
    """
    template = find_template(templates, answers.occasion)
    state = new_state(answers, template, bank)
    state.material = rank_material(bank, answers.topic, key_terms(answers), answers.date.year)
    state.given = given if given is not None else material_for(answers.material)
    context = state.context
    if state.given is not None:
        _answer_from_material(state.given, context, answers)
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
                        _salutation(template, state),
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
        text = _for_audience(text, state)
        if text:
            blocks.append(Block("paragraph", spans_of(text), "开场", take_provenance(state)))
    closing = []
    for n, source in enumerate(template.closing):
        text = render(source, context, where=f"{template.path}: closing[{n}]").strip()
        text = _for_audience(text, state)
        if text:
            closing.append(Block("closing", spans_of(text), "结束", take_provenance(state)))
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
    specs = {spec.role: spec for spec in reversed(template.sections)}  # the first of each role
    blocks = _fit_length(blocks, target, bank, state, specs)
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


def _answer_from_material(given: Given, context: dict[str, Any], answers: Answers) -> None:
    """Fill-in fields the material answers are filled from it, the answers file's own first."""
    if given.document and "basis" not in answers.extra:
        context["basis"] = given.document + "精神"  # what the meeting carries out
    known = given.answers()
    if known:
        field = context["fill"]
        context["fill"] = lambda label: known.get(label) or field(label)


def _point_paragraphs(state: DraftState, role: str, budget: int) -> list[Block]:
    """Paragraphs for a section without sub-points: the topic's own points, each whole."""
    if state.material is None:
        return []
    out: list[Block] = []
    used = 0
    while used < budget * 0.8 and len(out) < 4:
        if role == "认识":
            found = reasoning_paragraph(state.material, state, budget - used)
        else:
            found = extra_paragraph(state.material, state, role)
        if found is None:
            break
        out.append(Block("paragraph", spans_of(found[0]), role, found[1]))
        used += count_hanzi(found[0])
    return out


def _salutation(template: Template, state: DraftState) -> str:
    """The template's salutation for this audience, else the audience class's own."""
    audience = str(state.context["audience"]).strip()
    if audience in template.salutations or state.audience is None:
        return template.salutation_for(audience)
    if state.audience.key == "cadres":
        return template.salutations["default"]
    return state.audience.salutation


def _for_audience(text: str, state: DraftState) -> str:
    """A template paragraph with each sentence in the audience's register; unsayable ones go."""
    if state.audience is None or not text:
        return text
    kept = [adapt(s, state.audience) for s in sentences(text)]
    return "".join(s for s in kept if s)


def _pick_phrase(bank: Bank, state: DraftState, kind: str, role: str | None) -> str:
    candidates = bank.of(kind, role)
    check: Callable[[str], bool] | None = None
    if kind in ("sentence", "closing"):
        check = body_sentence
    elif kind == "opening":  # an opening move quoted from one speech carries its slogans with it
        check = opening_move
    found = draw(state, candidates, check=check)
    return found[0] if found else ""


def _section(
    bank: Bank,
    state: DraftState,
    spec: SectionSpec,
    index: int,
    budget: int,
    headings: Mapping[str, str],
) -> list[Block]:
    heading = _pick_heading1(bank, spec, state, headings.get(str(index)))
    blocks = [
        Block(
            "heading1",
            (Span(f"{CN_NUMBERS[index - 1]}、{heading}"),),
            spec.role,
            take_provenance(state),
        )
    ]
    low, high = spec.subpoints
    count = state.rng.randint(low, high) if high else 0
    given = state.given
    intro = given_intro(given, state, spec) if given is not None else None
    opening = "" if intro else lead_in(spec.role, state)
    if intro:  # the plan's own words on what the year's tasks are for
        blocks.append(intro)
        budget -= count_hanzi(intro.text)
    if opening:
        provenance = (Provenance("lead-in", LEAD_IN, CORE_SOURCE, CORE_TITLE, 0),)
        blocks.append(Block("paragraph", spans_of(opening), spec.role, provenance))
        budget -= count_hanzi(opening)
    if given is not None and spec.role in ("认识", "要求") and not _quoted(state):
        quote = quote_paragraph(given, state, budget)
        if quote is not None:
            blocks.append(quote)
            budget -= count_hanzi(quote.text)
    if given is not None and "学习" in section_parts(spec):
        study = study_paragraph(given, state)
        if study is not None:
            blocks.append(study)
            budget -= count_hanzi(study.text)
    if count == 0:
        own = given_paragraphs(given, state, spec, budget) if given is not None else []
        blocks.extend(own)
        # The occasion's own points (a training class's discipline), beside what the material
        # said; where it has them, the bank adds only the topic's case for the work.
        occasion = occasion_paragraphs(state, spec.role, spec.paragraphs[1] - len(own))
        blocks.extend(occasion)
        own += occasion
        left = budget - sum(count_hanzi(b.text) for b in blocks[1:])
        if not (own and spec.role != "认识"):  # another body's achievements or safeguards
            blocks.extend(_point_paragraphs(state, spec.role, left))
        left = budget - sum(count_hanzi(b.text) for b in blocks[1:])
        # A training class's discipline is said in its own words, not a work meeting's.
        own_words = occasion and spec.role == "保障"
        from_material = own and not occasion  # the material said it; the bank adds little
        if left > 100 and not own_words and not (from_material and left < budget / 2):
            blocks.extend(loose_paragraphs(bank, state, spec.role, left, spec.paragraphs))
        return blocks
    groups: list[Group] = []
    if given is not None:
        groups = given_groups(given, state, spec, count, budget)
        if groups:  # the material's plan is the plan: the bank adds no task of its own to it
            count = max(len(groups), low) if spec.role == "要求" else max(count, len(groups))
    groups += occasion_points(state, spec.role, count - len(groups))
    per_point = budget // count
    overrides = {
        sub: headings[f"{index}.{sub}"]
        for sub in range(1, count + 1)
        if f"{index}.{sub}" in headings
    }
    material = state.material
    groups = _swap_given(groups, overrides, material, state, spec.role, per_point)
    if material is not None:
        left = {sub - len(groups): text for sub, text in overrides.items() if sub > len(groups)}
        plans = plan_section(material, state, spec.role, count - len(groups), per_point, left)
        groups += [g for g in (realise(plan, state, spec.role, per_point) for plan in plans) if g]
    # Whatever the points could not fill, the phrase bank and the base wording do.
    for sub in range(len(groups) + 1, count + 1):
        override = overrides.get(sub)
        if override:
            state.headings.append(override)
        text = override or _heading2(bank, state, spec.role, shortcomings=spec.role != "回顾")
        heading_provenance = take_provenance(state)
        budget_left = per_point - (count_hanzi(text) if text else 0)
        body = []
        if spec.role == "认识" and material is not None:
            # The case for the work, made with the topic's own statements where the bank has them.
            found = reasoning_paragraph(material, state, budget_left)
            if found:
                body.append(Block("paragraph", spans_of(found[0]), spec.role, found[1]))
                budget_left -= count_hanzi(found[0])
        if budget_left > 80 or not body:
            body += loose_paragraphs(
                bank, state, spec.role, budget_left, spec.paragraphs, about=text or ""
            )
        if body:  # a sub-point with nothing under it is left out, not left empty
            problems = bool(text and _SHORTCOMINGS.search(text))
            groups.append(Group(text, heading_provenance, body, problems))
    if spec.role == "回顾" and count >= 2 and not any(g.problems for g in groups):
        groups = groups[: count - 1] + [named_problems(state)]
    if spec.role == "回顾" and not overrides:
        # A review tells what went well before what did not.
        groups.sort(key=lambda group: group.problems)
    emitted = 0
    for group in groups:
        if group.heading:
            emitted += 1
            number = f"（{CN_NUMBERS[emitted - 1]}）"
            blocks.append(
                Block("heading2", (Span(number + group.heading),), spec.role, group.provenance)
            )
        blocks.extend(group.paragraphs)
    return blocks


_SHORTCOMINGS = re.compile(r"问题|不足|差距|短板")


def _quoted(state: DraftState) -> bool:
    """Whether the draft has quoted the superior's notice already (it is quoted once)."""
    return state.given is None or not any(
        p for p in state.given.of("上级要求") if f"material:{p.order}" not in state.used_points
    )


def _swap_given(
    groups: list[Group],
    overrides: Mapping[int, str],
    material: Material | None,
    state: DraftState,
    role: str,
    per_point: int,
) -> list[Group]:
    """The material's sub-sections with the user's swapped headings, each with its own body."""
    out = list(groups)
    for sub, heading in overrides.items():
        if sub > len(out):
            continue
        plans = plan_section(material, state, role, 1, per_point, {1: heading}) if material else []
        made = realise(plans[0], state, role, per_point) if plans else None
        out[sub - 1] = made or Group(heading, out[sub - 1].provenance, out[sub - 1].paragraphs)
        state.headings.append(heading)
    return out


def _heading2(bank: Bank, state: DraftState, role: str, *, shortcomings: bool = True) -> str | None:
    pool = [e for e in bank.of("heading2", role) if _heading_source_ok(e) and _full_heading(e)]
    if not shortcomings:  # a review's problems are named as fields, not in borrowed words
        pool = [e for e in pool if not _SHORTCOMINGS.search(e.text)]
    if role == "回顾":  # a mined review heading states another body's achievements as fact
        pool = [e for e in pool if is_core(e)]

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


def _like_a_used_heading(text: str, state: DraftState) -> bool:
    """Two headings of one draft must not say nearly the same thing."""
    return any(
        difflib.SequenceMatcher(None, text, used).ratio() > 0.6 or text in used or used in text
        for used in state.headings
    )


def _full_heading(entry: Entry) -> bool:
    """A sub-point heading that says something: mined labels such as 坚持标准 say too little."""
    return is_core(entry) or len(entry.text) >= 8 or "，" in entry.text


def heading2_candidates(
    bank: Bank, role: str, answers: Answers, templates: Mapping[str, Template]
) -> list[str]:
    """Every level-2 heading the bank could offer for a role in this draft (for the wizard).

    The topic's own points come first, best first: choosing one brings its body with it. The
    bank's other sub-point headings follow in order.
    """
    state = new_state(answers, find_template(templates, answers.occasion), bank)
    material = rank_material(bank, answers.topic, key_terms(answers), answers.date.year)
    points = [
        heading
        for ranked in candidates(material, role)
        if ranked.on_topic and (heading := heading_of(ranked.entry.text))
    ]
    out = []
    for entry in bank.of("heading2", role):
        if reusable(entry, state) and _heading_source_ok(entry):
            text = render_entry(entry, state).rstrip("。")
            if _heading2_ok(text) and acceptable(text, state):
                out.append(text)
    return list(dict.fromkeys(points + sorted(set(out))))


def heading1_options(
    bank: Bank, role: str, answers: Answers, templates: Mapping[str, Template]
) -> list[str]:
    """Every level-1 heading for a role in this draft, the occasion's own first (for the wizard)."""
    template = find_template(templates, answers.occasion)
    state = new_state(answers, template, bank)
    suggested = [
        render(source, state.context, where=f"{template.path}: sections.headings")
        for spec in template.sections
        if spec.role == role
        for source in spec.headings
    ]
    return list(dict.fromkeys(suggested + heading1_candidates(bank, role, state)))


def _fit_length(
    blocks: list[Block],
    target: int,
    bank: Bank,
    state: DraftState,
    specs: Mapping[str, SectionSpec],
) -> list[Block]:
    """Trim or extend body paragraphs until the draft is within ±10% of the target."""
    total = sum(count_hanzi(b.text) for b in blocks)
    # A section's lead-in says what follows; it is neither trimmed nor extended.
    paragraphs = [
        i
        for i, b in enumerate(blocks)
        if b.kind == "paragraph"
        and b.role != "开场"
        and not (b.provenance and b.provenance[0].kind == LEAD_IN)
    ]
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
    while total < target * 0.95 and state.material is not None and guard < 400:
        guard += 1
        added = _add_point_paragraph(blocks, paragraphs, state, specs)
        if not added:
            break
        total += added
    # A loose sentence is never added to a paragraph of the user's material.
    bank_made = [i for i in paragraphs if not _from_material(blocks[i])]
    while total < target * 0.93 and bank_made and guard < 800:
        guard += 1
        i = min(bank_made, key=lambda j: count_hanzi(blocks[j].text))
        extra = draw_body(bank, state, blocks[i].role, body_sentence)
        if extra is None:
            break
        block = blocks[i]
        blocks[i] = Block(
            block.kind,
            block.spans + spans_of(extra[0]),
            block.role,
            block.provenance + take_provenance(state),
        )
        total += count_hanzi(extra[0])
    if state.given is not None and total < 0.9 * target:
        return blocks  # a shorter draft of the user's own facts, not one padded to length
    if not 0.9 * target <= total <= 1.1 * target:
        raise AnswersError(
            f"这个词库写不到 {target} 字：本题目最多约 {total} 字",
            field="length",
            hint=f"把篇幅改为 {total // 100 * 100} 字以内，或挖掘更大的语料",
        )
    return blocks


def _add_point_paragraph(
    blocks: list[Block],
    paragraphs: list[int],
    state: DraftState,
    specs: Mapping[str, SectionSpec],
) -> int:
    """Insert one more point after the shortest section's last paragraph; its length, or 0."""
    assert state.material is not None
    by_part: dict[tuple[str, int], list[int]] = {}
    part = 0
    for i, block in enumerate(blocks):
        part += block.kind in ("heading1", "heading2")
        if i in paragraphs:
            by_part.setdefault((block.role, part), []).append(i)
    given = state.given
    parts = sorted(by_part.items(), key=lambda kv: _chars(blocks, kv[1]))
    # A part takes a point on its own heading first; only when none has one does the shortest
    # section take its role's best point, whatever its heading.
    for about in (True, False):
        tried: set[str] = set()
        for (role, _), indices in parts:
            if not about and role in tried:
                continue
            tried.add(role)
            heading = _heading_over(blocks, min(indices))
            if _SHORTCOMINGS.search(heading):
                continue  # nothing is added after a review's problems
            if about and not heading:
                continue
            heading = heading if about else ""
            spec = specs.get(role)
            text, provenance = ("", ())
            if given and spec and not about:
                text, provenance = given_extra(given, state, spec)
            # With material, the bank lends only a point on a sub-section's own heading: its
            # best point for the role whatever the heading is another body's work.
            if not text and not (given and not about and role in ("回顾", "要求")):
                extra = extra_paragraph(state.material, state, role, about=heading)
                text, provenance = extra if extra else ("", ())
            if text:
                return _insert(blocks, paragraphs, max(indices) + 1, text, provenance, role)
    return 0


def _heading_over(blocks: list[Block], index: int) -> str:
    """The sub-point heading a paragraph stands under ("" under a level-1 heading)."""
    for block in reversed(blocks[:index]):
        if block.kind == "heading2":
            return re.sub(r"^（[一二三四五六七八九十]+）", "", block.text)
        if block.kind == "heading1":
            return ""
    return ""


def _insert(
    blocks: list[Block],
    paragraphs: list[int],
    at: int,
    text: str,
    provenance: tuple[Provenance, ...],
    role: str,
) -> int:
    """Insert one paragraph at ``at``; its length."""
    blocks.insert(at, Block("paragraph", spans_of(text), role, provenance))
    paragraphs[:] = [j + 1 if j >= at else j for j in paragraphs] + [at]
    return count_hanzi(text)


def _from_material(block: Block) -> bool:
    return any(p.kind == MATERIAL for p in block.provenance)


def _chars(blocks: list[Block], indices: list[int]) -> int:
    return sum(count_hanzi(blocks[i].text) for i in indices)


def _drop_last_sentence(block: Block) -> Block | None:
    text = block.text
    parts = re.findall(r"[^。！？]+[。！？]", text)
    if len(parts) < 2:
        return None
    kept = "".join(parts[:-1])
    return Block(block.kind, spans_of(kept), block.role, block.provenance[:-1] or block.provenance)
