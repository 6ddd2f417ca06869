"""Compose a draft: answers + occasion template + phrase bank → ``Draft``.

The template gives the order of moves (opening, sections by role, closing); the bank gives the
words, chosen by ``draftkit.compose.choose``. This module lays the draft out: the title, level-1
headings that carry the topic, level-2 sub-points, body paragraphs that open the way speeches
do, and the final fit to the target length. Every bank phrase is rendered through the template
sandbox with the answers, so its slots take this draft's values.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from draftkit.bank.store import CORE_SOURCE, CORE_TITLE, Bank
from draftkit.compose.answers import LENGTH_RANGE, Answers
from draftkit.compose.audience import adapt
from draftkit.compose.choose import (
    DraftState,
    body_sentence,
    draw,
    key_terms,
    new_state,
    opening_move,
    take_provenance,
)
from draftkit.compose.given import Given, material_for
from draftkit.compose.given_sections import (
    given_groups,
    given_intro,
    given_paragraphs,
    quote_paragraph,
    quoted_already,
    section_parts,
    study_paragraph,
)
from draftkit.compose.groups import developed, swap_given
from draftkit.compose.headings import SHORTCOMINGS, bank_heading2, pick_heading1
from draftkit.compose.leadins import (
    LEAD_IN,
    has_frames,
    lead_in,
    named_problems,
    occasion_paragraphs,
    occasion_points,
)
from draftkit.compose.length import fit_length, length_short
from draftkit.compose.levels import at_level, load_levels
from draftkit.compose.loose import loose_paragraphs
from draftkit.compose.material import rank_material
from draftkit.compose.subsections import (
    Group,
    extra_paragraph,
    plan_section,
    realise,
    reasoning_paragraph,
)
from draftkit.compose.templates import SectionSpec, Template, find_template, render, resolve_context
from draftkit.errors import AnswersError, LengthShort
from draftkit.models import (
    FILL_IN_CLOSE,
    FILL_IN_OPEN,
    Block,
    Draft,
    Provenance,
    Span,
    count_hanzi,
    spans_of,
)
from draftkit.reading.segment import sentences

CN_NUMBERS = "一二三四五六七八九十"


def cn_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十: how headings are numbered."""
    if n <= 10:
        return CN_NUMBERS[n - 1]
    tens, ones = divmod(n, 10)
    before = CN_NUMBERS[tens - 1] if tens > 1 else ""
    return before + "十" + (CN_NUMBERS[ones - 1] if ones else "")


_FILL = re.compile(re.escape(FILL_IN_OPEN) + r".*?" + re.escape(FILL_IN_CLOSE))


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

    A length asked for that the draft falls short of is tried again with the sections planned
    longer (more sub-points, each then trimmed to fit), before the user is told the most the
    bank can give.
    """
    made = _planned(answers, bank, templates, given)
    if not isinstance(made, LengthShort):
        return made
    # The figure offered must be one the bank then gives: a shorter length is planned with fewer
    # sub-points, so the most a long plan reached may not be reached when asked for itself.
    short = made
    for _ in range(OFFER_TRIES):
        offered = short.reached // 100 * 100
        if offered < LENGTH_RANGE[0]:
            break
        try:
            tried = _planned(replace(answers, length=offered), bank, templates, given)
        except AnswersError:
            break  # the shorter length is too short for what the plan must say
        if not isinstance(tried, LengthShort):
            raise length_short(answers.length, offered)
        short = tried
    raise length_short(answers.length, short.reached)


# How many shorter lengths are tried before a refusal names the most the bank gives.
OFFER_TRIES = 3


def _planned(
    answers: Answers, bank: Bank, templates: Mapping[str, Template], given: Given | None
) -> Draft | LengthShort:
    """The draft of the first plan that meets the length, or the refusal naming the most given."""
    best: Draft | None = None
    short: LengthShort | None = None
    for stretch in (1.0, *STRETCH):
        try:
            made = _compose(answers, bank=bank, templates=templates, given=given, stretch=stretch)
        except LengthShort as exc:  # only a length asked for is refused; every plan is tried
            short = exc if short is None or exc.reached > short.reached else short
            continue
        if best is not None and made.body_length <= best.body_length:
            break  # at the occasion's own length, a longer plan gave no more
        best = made
        # A length asked for, or the user's material, is done once it is met; the occasion's
        # own length is a guide, and the longest plan within it is kept.
        if answers.length or given is not None or answers.material or _reached(best):
            return best
    if best is not None:
        return best
    assert short is not None
    return short


def _reached(draft: Draft) -> bool:
    return draft.body_length >= 0.9 * draft.target


# The most sub-points of a narrow topic's own measure its kind of work gives before the bank's.
TOPIC_FRAMES = 2

# How much longer than asked the sections are planned when a draft falls short of its length.
STRETCH = (1.6, 2.5)


def _compose(
    answers: Answers,
    *,
    bank: Bank,
    templates: Mapping[str, Template],
    given: Given | None,
    stretch: float,
) -> Draft:
    template = find_template(templates, answers.occasion)
    state = new_state(answers, template, bank)
    state.asked = bool(answers.length)
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
        if text and not _asks_again(text, [b.text for b in closing]):
            closing.append(Block("closing", spans_of(text), "结束", take_provenance(state)))
    fixed = sum(count_hanzi(b.text) for b in blocks + closing)
    budget = max(int(target * stretch) - fixed, 200)
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
    blocks = fit_length(blocks, target, bank, state, specs)
    scope = str(context.get("scope", ""))
    blocks = [at_level(b, scope) for b in blocks]
    title = load_levels().said_at(title, scope)
    byline_parts = [answers.speaker, f"（{context['date_cn']}）"]
    return Draft(
        title=title,
        subtitle=subtitle,
        byline="".join(p for p in byline_parts if p),
        date=answers.date,
        author=answers.speaker or answers.org,
        blocks=tuple(blocks),
        answers=answers.to_dict(),
        target=target,
    )


def _answer_from_material(given: Given, context: dict[str, Any], answers: Answers) -> None:
    """Fill-in fields the material answers are filled from it, the answers file's own first."""
    if given.document() and "basis" not in answers.extra:
        context["basis"] = given.document() + "精神"  # what the meeting carries out
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


_ASKED = re.compile(r"^([\u4e00-\u9fff、]{2,8}?要)")


def _asks_again(text: str, before: list[str]) -> bool:
    """Whether a closing paragraph asks the same people again (各级各部门要… twice)."""
    asked = _ASKED.match(text)
    return bool(asked) and any(asked.group(1) in earlier for earlier in before)


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
    heading = pick_heading1(bank, spec, state, headings.get(str(index)))
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
    opening = "" if intro else lead_in(spec.role, state, problems=spec.problems)
    if intro:  # the plan's own words on what the year's tasks are for
        blocks.append(intro)
        budget -= count_hanzi(intro.text)
    if opening:
        provenance = (Provenance("lead-in", LEAD_IN, CORE_SOURCE, CORE_TITLE, 0),)
        blocks.append(Block("paragraph", spans_of(opening), spec.role, provenance))
        budget -= count_hanzi(opening)
    if given is not None and spec.role in ("认识", "要求") and not quoted_already(given, state):
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
        framed = has_frames(state, spec.role, "fallback")
        if not own:  # beside the material or the occasion's own words, nobody else's
            found = _point_paragraphs(state, spec.role, left)
            if framed:  # the occasion's own argument where the bank has too little on the topic
                wanted = max(spec.paragraphs[0] - len(found), 0 if found else 1)
                found += occasion_paragraphs(state, spec.role, wanted, "fallback")
            blocks.extend(found)
        left = budget - sum(count_hanzi(b.text) for b in blocks[1:])
        # A training class's reasons and discipline are said in its own words, not a work
        # meeting's; beside the occasion's own argument loose sentences would only heap up
        # (a length the user asked for may still take them).
        own_words = (bool(occasion) and not state.asked) or framed
        # The material or the occasion's argument said it; the bank adds little.
        from_material = own and not occasion
        if left > 100 and not own_words and not (from_material and left < budget / 2):
            blocks.extend(loose_paragraphs(bank, state, spec.role, left, spec.paragraphs))
        return blocks
    groups: list[Group] = []
    if given is not None:
        groups = given_groups(given, state, spec, count, budget)
        if groups:  # the material's plan is the plan: the bank adds no task of its own to it
            count = max(len(groups), low) if spec.role == "要求" else max(count, len(groups))
    own_points = has_frames(state, spec.role, "points")
    if state.asked and spec.role != "回顾" and (own_points or state.material is not None):
        count = _for_length(count, high, budget)
    groups += occasion_points(state, spec.role, count - len(groups))
    if own_points and groups:
        # The occasion's own sub-points are the section (学习先进典型, how to study): a longer
        # length takes more of them, never the bank's points on other subjects after them.
        count = len(groups)
    per_point = budget // count
    overrides = {
        sub: headings[f"{index}.{sub}"]
        for sub in range(1, count + 1)
        if f"{index}.{sub}" in headings
    }
    material = state.material
    groups = swap_given(groups, overrides, material, state, spec.role, per_point)
    before = len(groups)
    if material is not None and material.narrow and spec.role == "要求" and not given:
        # A narrow topic's own measure, as its kind of work says it (确保冬季供暖安全稳定 for
        # 冬季供暖), before the bank's points on its wider field (加快构建新型能源体系).
        own = occasion_points(state, spec.role, min(TOPIC_FRAMES, count - len(groups)), "topic")
        groups += [developed(g, bank, material, state, spec.role, per_point) for g in own]
    if material is not None and spec.role == "要求" and not given:
        # The kind's own tasks, each a whole argument on its field, before the bank's points,
        # which are often a report's list on a province's scale; one place at least is left
        # for the topic's best point.
        own = occasion_points(state, spec.role, count - len(groups) - 1, "kind")
        groups += [developed(g, bank, material, state, spec.role, per_point) for g in own]
        # A heading the user swapped in where a kind's sub-point (or the narrow topic's own
        # measure) now stands comes with its body.
        swapped = {sub: h for sub, h in overrides.items() if before < sub <= len(groups)}
        groups = swap_given(groups, swapped, material, state, spec.role, per_point)
    if material is not None:
        left = {sub - len(groups): text for sub, text in overrides.items() if sub > len(groups)}
        plans = plan_section(
            material, state, spec.role, count - len(groups), per_point, left, spec.problems
        )
        if has_frames(state, spec.role, "fallback"):
            # The occasion's own safeguards where the bank has none of the topic's own.
            kept = [p for p in plans if p.points[0].on_topic or p.heading in left.values()]
            for plan in plans:
                if plan not in kept:
                    state.unsay_heading(plan.heading)
            plans = kept
        groups += [g for g in (realise(plan, state, spec.role, per_point) for plan in plans) if g]
        wanted = count - len(groups)
        if spec.role == "回顾" and not groups and has_frames(state, "回顾", "fallback"):
            # A review of the occasion's own frames: as many achievements as it may hold, the
            # problems after them.
            count = high
            wanted = high - 1 if spec.problems else high
        if has_frames(state, spec.role, "fallback") and wanted <= 0 and high > len(groups):
            # The topic's points were thin: the occasion's own take the section to its length.
            said = sum(count_hanzi(b.text) for g in groups for b in g.paragraphs)
            wanted = min(high - len(groups), max(0, int(budget * 0.7 - said)) // FRAME_SIZE)
        if state.asked and spec.role != "回顾" and has_frames(state, spec.role, "fallback"):
            # A longer length asked for, on a topic the bank knows little of: more of the
            # occasion's own sub-points, each short, rather than a refusal.
            said = sum(count_hanzi(b.text) for g in groups for b in g.paragraphs)
            room = max(0, int(budget * 0.85 - said)) // FRAME_SIZE
            wanted = max(wanted, min(high + EXTRA_SUBPOINTS - len(groups), room))
        fallback = occasion_points(state, spec.role, wanted, "fallback", under=heading)
        groups += [
            developed(group, bank, material, state, spec.role, per_point) for group in fallback
        ]
    # Whatever the points could not fill, the phrase bank and the base wording do.
    framed = material is not None and has_frames(state, spec.role, "fallback")
    for sub in range(len(groups) + 1, count + 1):
        override = overrides.get(sub)
        if (framed or sub > high) and not override:
            # Where the occasion's own sub-points ran out, or past the template's count for a
            # longer length, a heading over loose sentences would read as a heap: the section
            # is shorter instead.
            break
        if override:
            state.headings.append(override)
        text = override or bank_heading2(bank, state, spec.role, shortcomings=spec.role != "回顾")
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
            problems = bool(text and SHORTCOMINGS.search(text))
            groups.append(Group(text, heading_provenance, body, problems))
        elif not override:
            state.unsay_heading(text)
    if spec.role == "回顾" and spec.problems and count >= 2 and not any(g.problems for g in groups):
        for group in groups[count - 1 :]:
            state.unsay_heading(group.heading)
        groups = groups[: count - 1] + [named_problems(state)]
    if spec.role == "回顾" and not overrides:
        # A review tells what went well before what did not.
        groups.sort(key=lambda group: group.problems)
    emitted = 0
    for group in groups:
        if group.heading:
            emitted += 1
            number = f"（{cn_numeral(emitted)}）"
            blocks.append(
                Block("heading2", (Span(number + group.heading),), spec.role, group.provenance)
            )
        blocks.extend(group.paragraphs)
    return blocks


# How long a sub-point of the topic's own runs in a real speech, in characters; a longer length
# asked for takes more sub-points, not longer ones (up to EXTRA_SUBPOINTS over the template's).
SUBPOINT_SIZE = 400
EXTRA_SUBPOINTS = 3


def _for_length(count: int, high: int, budget: int) -> int:
    """The sub-points a section of ``budget`` characters takes: more where each would run long."""
    if budget // count <= SUBPOINT_SIZE * 1.3:
        return count
    return max(count, min(high + EXTRA_SUBPOINTS, budget // SUBPOINT_SIZE))


# About how long an occasion's own sub-point is, in characters.
FRAME_SIZE = 200
