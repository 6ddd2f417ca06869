"""Sub-sections from the user's own material: its achievements, problems, tasks and safeguards.

The material comes first. A review section tells the material's achievements under the
material's own headings, with its figures as written, and ends with its problems; a requirements
section follows the material's plan, task by task, in its order; a safeguards section takes its
measures; the case for the work quotes a superior's notice as such. The phrase bank fills only
what the material leaves open. Where the material holds more than a section can carry, the
points nearest the topic are kept, still in the material's order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from draftkit.compose.audience import adapt
from draftkit.compose.choose import DraftState
from draftkit.compose.echoes import note_said
from draftkit.compose.given import Given, GivenPoint, GivenSentence
from draftkit.compose.leadins import speaker_words
from draftkit.compose.material import bigrams
from draftkit.compose.subsections import VERB_START, Group, turn
from draftkit.models import MATERIAL, Block, Provenance, SectionSpec, count_hanzi, spans_of

# Which parts of the material a section of each role takes, unless its template says
# (``material:`` in a section of ``templates/*.yaml``).
DEFAULT_PARTS = {
    "回顾": ("成绩", "问题"),
    "认识": ("形势",),
    "要求": ("任务",),
    "保障": ("保障",),
}
PROBLEMS_HEADING = "清醒看到存在的问题和不足"
_HEADING_MAX = 30
TASKS_MAX = 12
_SEE = "也要清醒看到，"
_LOOKING_BACK = "从过去一年的工作看，"
# A sentence that already says when: a year, a period, a figure first.
_HAS_OPENER = re.compile(
    r"^(?:\d|[一二三四五六七八九十]+年|今年|去年|过去|这一年|一年来|近年来|截至|全年)"
)
# A paragraph that announces the points after it.
_ANNOUNCES = re.compile(r"以下(?:几个方面|几项|几点|方面|工作)|如下|重点(?:抓好|做好)")
# Parts placed whole by their own paragraph, not taken as points.
_APART = frozenset({"上级要求", "学习"})
# A study topic is a short line; a line on how the class is taught is not one.
_ITEM_MAX = 50
_METHOD = re.compile(r"采取|方式|授课人员|邀请|担任")
_REQUIRES = re.compile(r"要|必须|务必|严格|确保|不得|严禁|坚决|切实")
_PREAMBLE = re.compile(r"如下|特此|现就|现将|请遵照|请认真|^为")
QUOTE_SENTENCES = 3
QUOTE_MAX = 220
_STATEMENT = re.compile(r"^\d{4}年|是[^，]*(?:之年|时期|关键)|各位代表")


def section_parts(spec: SectionSpec) -> tuple[str, ...]:
    return spec.material or DEFAULT_PARTS.get(spec.role, ())


def given_groups(
    given: Given, state: DraftState, spec: SectionSpec, count: int, budget: int
) -> list[Group]:
    """The sub-sections the material makes for a section, in the material's order.

    ``count`` is how many sub-sections the occasion asks for; a plan's tasks may run two beyond
    the most it allows, for they are the speech's substance, and achievements one.
    """
    role, high, parts = spec.role, spec.subpoints[1], section_parts(spec)
    if "成绩" in parts:
        return _review(given, state, parts, count, high, budget)
    pool = _pool(given, state, parts, count)
    if role in ("要求", "保障"):
        # A task is headed by what to do; a headless paragraph or a statement of the year
        # ("2026年是…开局之年") is the section's preamble, not one of its tasks.
        pool = [p for p in pool if _fits_heading(p.heading) and not _STATEMENT.search(p.heading)]
    if role == "认识":
        limit = 1  # the case for the work is argued, not listed from a plan
    elif role == "要求":
        # The unit's own plan is said whole, up to a speech's worth of tasks; a report's many
        # tasks give way to those nearest the topic.
        own = sum(1 for p in pool if not p.superior)
        limit = max(high + 2, min(own, TASKS_MAX))
    else:
        limit = max(count, 1)
    chosen = choose(pool, limit, state)
    per_point = budget // max(count, len(chosen), 1)
    groups = []
    for point in chosen:
        group = _group(point, state, role, per_point)
        if group is not None:
            groups.append(group)
    return groups


def _pool(given: Given, state: DraftState, parts: tuple[str, ...], want: int) -> list[GivenPoint]:
    """The unused points of these parts; a superior's only where the unit's own are too few."""
    found = [p for part in parts if part not in _APART for p in given.of(part) if _unused(p, state)]
    own = [p for p in found if not p.superior]
    return own if len(own) >= max(want, 1) else own + [p for p in found if p.superior]


def _review(
    given: Given, state: DraftState, parts: tuple[str, ...], count: int, high: int, budget: int
) -> list[Group]:
    achievements = [p for p in given.of("成绩") if _unused(p, state)]
    problems = [p for p in given.of("问题") if _unused(p, state)] if "问题" in parts else []
    if not achievements and not problems:
        return []
    # The unit's own achievements are the review's substance: up to two more sub-points than the
    # occasion's most, before one of them is dropped.
    slots = max(count, min(high + 2, len(achievements) + bool(problems)))
    room = slots - 1 if slots >= 2 and problems else slots
    per_point = budget // slots
    groups = []
    # Headed achievements first: a sub-point heads what it says. An unheaded paragraph of
    # the material stands in only where there are too few headed ones.
    headed = [p for p in achievements if p.heading]
    chosen = choose(headed, room, state)
    chosen += choose([p for p in achievements if not p.heading], room - len(chosen), state)
    for point in sorted(chosen, key=lambda p: p.order):
        group = _group(point, state, "回顾", per_point)
        if group is not None:
            groups.append(_told(group, state, len(groups)))
    if groups:
        groups[-1] = _credited(groups[-1], state)
    if problems:  # a unit's problems are listed in full: leaving one out flatters it
        group = _problems(problems, state, per_point * 2)
        if group is not None:
            groups.append(group)
    return groups


def _told(group: Group, state: DraftState, n: int) -> Group:
    """An achievement as a speaker tells it: with an opener where it starts without one."""
    first = group.paragraphs[0]
    if n == 0 or _HAS_OPENER.match(first.text):
        return group  # the section's lead-in has just said when
    openers = speaker_words(state, "material.成绩.openers")
    if not openers:
        return group
    opener = openers[(n + _spread(state)) % len(openers)]
    text = opener + first.text
    told = Block(first.kind, spans_of(text), first.role, first.provenance)
    return Group(group.heading, group.provenance, [told, *group.paragraphs[1:]], group.problems)


def _credited(group: Group, state: DraftState) -> Group:
    """The last achievement closes with a word of credit to those who did the work."""
    credits = speaker_words(state, "material.成绩.credit")
    if not credits:
        return group
    credit = credits[_spread(state) % len(credits)]
    last = group.paragraphs[-1]
    text = last.text + credit
    credited = Block(last.kind, spans_of(text), last.role, last.provenance)
    paragraphs = [*group.paragraphs[:-1], credited]
    return Group(group.heading, group.provenance, paragraphs, group.problems)


def _spread(state: DraftState) -> int:
    return sum(map(ord, state.stream)) % 7


def _problems(problems: list[GivenPoint], state: DraftState, budget: int) -> Group | None:
    lines = [s for point in problems for s in point.sentences]
    text, provenance = _say(lines, state, "回顾", budget, leads=False)
    if not text:
        return None
    for point in problems:
        state.used_points.add(_key(point))
    text = turn(text)
    heading = next((p.heading for p in problems if _fits_heading(p.heading)), PROBLEMS_HEADING)
    state.headings.append(heading)
    block = Block("paragraph", spans_of(text), "回顾", provenance)
    return Group(heading, provenance[:1], [block], problems=True)


def given_paragraphs(
    given: Given, state: DraftState, spec: SectionSpec, budget: int
) -> list[Block]:
    """Paragraphs without sub-headings for a section that has none: the material's, in order."""
    out: list[Block] = []
    role = spec.role
    used = 0
    for point in choose(_pool(given, state, section_parts(spec), 1), 4, state):
        lines = ([_heading_sentence(point.heading, role)] if point.heading else []) + list(
            point.sentences
        )
        text, provenance = _say(lines, state, role, budget - used, leads=True)
        state.used_points.add(_key(point))
        if text:
            if point.part == "问题":
                text = turn(text, _SEE)
            elif (
                point.part == "成绩"
                and role != "回顾"
                and not any(b.provenance and b.provenance[0].kind == MATERIAL for b in out)
            ):
                text = _LOOKING_BACK + text  # the year's work, told where no review stands
            out.append(Block("paragraph", spans_of(text), role, provenance))
            used += count_hanzi(text)
        if used >= budget * 0.8:
            break
    return out


def given_extra(
    given: Given, state: DraftState, spec: SectionSpec
) -> tuple[str, tuple[Provenance, ...]]:
    """One more paragraph of unused material for a section that is short ("" when none)."""
    parts = tuple(p for p in section_parts(spec) if p != "问题")
    for point in _pool(given, state, parts, 1):
        if point.part == "任务" and not point.heading:
            continue  # a plan's preamble opens its section or is not said
        state.used_points.add(_key(point))
        lines = ([_heading_sentence(point.heading, spec.role)] if point.heading else []) + list(
            point.sentences
        )
        text, provenance = _say(lines, state, spec.role, 400, leads=True)
        if text:
            return text, provenance
    return "", ()


def given_intro(given: Given, state: DraftState, spec: SectionSpec) -> Block | None:
    """A plan's opening paragraph on the year's tasks, to open the requirements section.

    It takes the place of a stock lead-in: "2027年，…重点抓好以下几个方面".
    """
    if "任务" not in section_parts(spec):
        return None
    for point in given.of("任务"):
        if point.heading or point.superior or not _unused(point, state):
            continue
        if not _ANNOUNCES.search(point.sentences[-1].text):
            continue
        state.used_points.add(_key(point))
        text, provenance = _say(list(point.sentences), state, spec.role, 300, leads=True)
        return Block("paragraph", spans_of(text), spec.role, provenance) if text else None
    return None


def study_paragraph(given: Given, state: DraftState) -> Block | None:
    """What a training class will study, as its notice lists it, in one paragraph."""
    points = [p for p in given.of("学习") if _unused(p, state)]
    items = [
        line
        for p in points
        for line in ([_item(p)] if p.heading else []) + list(p.sentences)
        if len(line.text) <= _ITEM_MAX and not _METHOD.search(line.text)
    ]
    if len(items) < 2:
        return None
    for point in points:
        state.used_points.add(_key(point))
    listed = "；".join(line.text.rstrip("。；，") for line in items)
    text = (
        f"这次培训围绕{len(items)}个专题安排课程：{listed}。"
        "希望大家紧扣这些专题，学深悟透、融会贯通。"
    )
    return Block("paragraph", spans_of(text), "要求", tuple(_provenance(line) for line in items))


def _item(point: GivenPoint) -> GivenSentence:
    """A study topic given as a heading, with the place of its first sentence."""
    first = point.sentences[0]
    return GivenSentence(point.heading, first.file, first.title, first.paragraph)


def quote_paragraph(given: Given, state: DraftState, budget: int) -> Block | None:
    """A superior's requirements, quoted as its words: "省委办公厅《…》明确要求：“…”"."""
    lines = [s for p in given.of("上级要求") if _unused(p, state) for s in p.sentences]
    # What the notice requires, not how it introduces itself (为…，现就…通知如下).
    lines = [s for s in lines if _REQUIRES.search(s.text) and not _PREAMBLE.search(s.text)]
    if not lines:
        return None
    picked: list[GivenSentence] = []
    used = 0
    for line in lines[:QUOTE_SENTENCES]:
        if used and used + count_hanzi(line.text) > min(budget, QUOTE_MAX):
            break
        picked.append(line)
        used += count_hanzi(line.text)
    for point in given.of("上级要求"):
        state.used_points.add(_key(point))
    said = "".join(line.text for line in picked).rstrip("。；") + "。"
    if given.of("学习"):
        # A training notice is the organisers' own: its aim is the class's aim, not an order
        # from above to be carried out.
        text = f"举办这次培训班，目的就是{said.removeprefix('为')}"
    else:
        cited = given.document("印发的")
        quoted = said.replace("“", "‘").replace("”", "’")  # a quotation inside a quotation
        text = f"{cited or '上级'}明确要求：“{quoted}”我们要认真贯彻，不折不扣抓好落实。"
    provenance = tuple(_provenance(line) for line in picked)
    for line in picked:
        state.said.add(bigrams(line.text))
    return Block("paragraph", spans_of(text), "认识", provenance)


def choose(points: list[GivenPoint], n: int, state: DraftState) -> list[GivenPoint]:
    """The ``n`` points nearest the topic, in the material's order."""
    if n <= 0:
        return []
    if len(points) <= n:
        return list(points)
    words = _topic_words(state)
    ranked = sorted(points, key=lambda p: (-_relevance(p, words), p.order))
    return sorted(ranked[:n], key=lambda p: p.order)


def _topic_words(state: DraftState) -> list[str]:
    words = [w for w in state.topic_words if len(w) >= 2]
    if state.material is not None:
        words += [w for w in state.material.profile_words[:40] if len(w) >= 2]
    return list(dict.fromkeys(words))


def _relevance(point: GivenPoint, words: Iterable[str]) -> float:
    text = point.text
    heading = point.heading
    return sum(1.0 + 2.0 * (word in heading) for word in words if word in text)


def _group(point: GivenPoint, state: DraftState, role: str, budget: int) -> Group | None:
    heading = point.heading if _fits_heading(point.heading) else ""
    lines = list(point.sentences)
    if point.heading and not heading:
        lines.insert(0, _heading_sentence(point.heading, role))
    if not heading and len(lines) >= 2 and _fits_heading(lines[0].text.rstrip("。")):
        heading, lines = lines[0].text.rstrip("。"), lines[1:]  # a lead stated as a sentence
    room = budget - count_hanzi(heading)
    if role == "回顾" and sum(count_hanzi(line.text) for line in lines) > room:
        lines = _figures_first(lines)
    text, provenance = _say(lines, state, role, room, leads=False)
    state.used_points.add(_key(point))
    if not text:
        return None
    block = Block("paragraph", spans_of(text), role, provenance)
    if heading:
        state.headings.append(heading)
    heading_provenance = provenance[:1]
    return Group(heading or None, heading_provenance, [block])


def _figures_first(lines: list[GivenSentence]) -> list[GivenSentence]:
    """Where an achievement cannot be told whole: its sentences with figures, in their order."""
    counted = [line for line in lines if re.search(r"\d", line.text)]
    return counted if len(counted) >= 2 else lines


def _fits_heading(text: str) -> bool:
    return 4 <= len(text) <= _HEADING_MAX and "。" not in text


def _heading_sentence(heading: str, role: str) -> GivenSentence:
    return GivenSentence(heading.rstrip("。") + "。", "", "", 0)


def _say(
    lines: list[GivenSentence], state: DraftState, role: str, budget: int, *, leads: bool
) -> tuple[str, tuple[Provenance, ...]]:
    """The sentences as one paragraph, in order, within ``budget`` where the first two allow."""
    out: list[str] = []
    provenance: list[Provenance] = []
    used = 0
    for line in lines:
        text = line.text.strip()
        if not out and role in ("要求", "保障") and VERB_START.match(text):
            text = "要" + text
        if state.audience is not None:
            text = adapt(text, state.audience) or ""
        grams = bigrams(text)
        # The user's own sentences are not held to the bank's dated wording (they are current),
        # nor to likeness: two of its figures in the same words (较上年提高…个百分点) are two
        # facts. Only the same sentence twice is left out.
        if not text or text in state.used_texts:
            continue
        if out and used + count_hanzi(text) > budget and len(out) >= 2:
            break
        out.append(text)
        used += count_hanzi(text)
        note_said(text, grams, state)
        if line.file:
            provenance.append(_provenance(line))
    if not out or not provenance and not leads:
        return "", ()
    if out[-1].endswith(("；", "，", "：")):
        out[-1] = out[-1][:-1] + "。"
    return "".join(out), tuple(provenance)


def _provenance(line: GivenSentence) -> Provenance:
    return Provenance(MATERIAL, MATERIAL, line.file, line.title, line.paragraph)


def quoted_already(given: Given, state: DraftState) -> bool:
    """Whether the superior's requirements have been said (they are quoted once, or never)."""
    return not any(_unused(p, state) for p in given.of("上级要求"))


def _key(point: GivenPoint) -> str:
    return f"material:{point.order}"


def _unused(point: GivenPoint, state: DraftState) -> bool:
    return _key(point) not in state.used_points
