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
from draftkit.compose.given import Given, GivenPoint, GivenSentence
from draftkit.compose.material import bigrams
from draftkit.compose.subsections import Group, clause_said, note_said
from draftkit.models import Block, Provenance, count_hanzi, spans_of

MATERIAL = "material"  # the provenance kind of a sentence from the user's material
# Which part of the material feeds a section of each role, first choice first.
PARTS_FOR = {
    "回顾": ("成绩",),
    "认识": ("形势",),
    "要求": ("任务",),
    "保障": ("保障",),
}
PROBLEMS_HEADING = "清醒看到存在的问题和不足"
_TURN = "在肯定成绩的同时，也要清醒看到，"
_TURNED = re.compile(r"^(?:在肯定|在充分肯定|同时|但|但是|我们也|也要|当然)")
_VERB_START = re.compile(
    r"^(?:加快|推进|推动|强化|加强|健全|完善|深化|实施|落实|坚持|持续|扎实|全面|大力|积极|着力|"
    r"突出|统筹|优化|提升|提高|培育|发展|建设|构建|打造|开展|抓好|做好|守牢|筑牢|严格|严守|"
    r"切实|稳步|有序|深入|巩固|支持|鼓励|引导|促进|规范|聚焦|围绕|把握|树牢|牢固|迭代|放大|"
    r"突出|压实|防范|化解|保障|确保|组织|落细|办好|用好|守住|完成|争取)"
)
_HEADING_MAX = 30
_STATEMENT = re.compile(r"^\d{4}年|是[^，]*(?:之年|时期|关键)|各位代表")


def given_groups(
    given: Given, state: DraftState, role: str, count: int, high: int, budget: int
) -> list[Group]:
    """The sub-sections the material makes for a section, in the material's order.

    ``count`` is how many sub-sections the occasion asks for and ``high`` the most it allows;
    a plan's tasks may run two beyond it, for they are the speech's substance.
    """
    if role == "回顾":
        return _review(given, state, count, high, budget)
    parts = PARTS_FOR.get(role, ())
    pool = [p for part in parts for p in given.of(part) if _unused(p, state)]
    if role == "认识":
        limit = 1  # the case for the work is argued, not listed from a plan
    elif role == "要求":
        limit = high + 2
    else:
        limit = max(count, 1)
    if role in ("要求", "保障"):
        # A task is headed by what to do; a headless paragraph or a statement of the year
        # ("2026年是…开局之年") is the section's preamble, not one of its tasks.
        pool = [p for p in pool if _fits_heading(p.heading) and not _STATEMENT.search(p.heading)]
    chosen = choose(pool, limit, state)
    per_point = budget // max(count, len(chosen), 1)
    groups = []
    for point in chosen:
        group = _group(point, state, role, per_point)
        if group is not None:
            groups.append(group)
    return groups


def _review(given: Given, state: DraftState, count: int, high: int, budget: int) -> list[Group]:
    achievements = [p for p in given.of("成绩") if _unused(p, state)]
    problems = [p for p in given.of("问题") if _unused(p, state)]
    if not achievements and not problems:
        return []
    slots = max(count, min(high, len(achievements) + bool(problems)))
    room = slots - 1 if slots >= 2 else slots
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
            groups.append(group)
    if problems:
        group = _problems(problems, state, per_point)
        if group is not None:
            groups.append(group)
    return groups


def _problems(problems: list[GivenPoint], state: DraftState, budget: int) -> Group | None:
    lines = [s for point in problems for s in point.sentences]
    text, provenance = _say(lines, state, "回顾", budget, leads=False)
    if not text:
        return None
    for point in problems:
        state.used_points.add(_key(point))
    if not _TURNED.match(text):
        text = _TURN + text
    heading = next((p.heading for p in problems if _fits_heading(p.heading)), PROBLEMS_HEADING)
    state.headings.append(heading)
    block = Block("paragraph", spans_of(text), "回顾", provenance)
    return Group(heading, provenance[:1], [block], problems=True)


def given_paragraphs(given: Given, state: DraftState, role: str, budget: int) -> list[Block]:
    """Paragraphs without sub-headings for a section that has none: the material's, in order."""
    out: list[Block] = []
    parts = ("成绩", "问题") if role == "回顾" else PARTS_FOR.get(role, ())
    pool = [p for part in parts for p in given.of(part) if _unused(p, state)]
    used = 0
    for point in choose(pool, 4, state):
        lines = ([_heading_sentence(point.heading, role)] if point.heading else []) + list(
            point.sentences
        )
        text, provenance = _say(lines, state, role, budget - used, leads=True)
        state.used_points.add(_key(point))
        if text:
            out.append(Block("paragraph", spans_of(text), role, provenance))
            used += count_hanzi(text)
        if used >= budget * 0.8:
            break
    return out


def given_extra(given: Given, state: DraftState, role: str) -> tuple[str, tuple[Provenance, ...]]:
    """One more paragraph of unused material for a section that is short ("" when none)."""
    parts = ("成绩",) if role == "回顾" else PARTS_FOR.get(role, ())
    for point in (p for part in parts for p in given.of(part)):
        if not _unused(point, state):
            continue
        state.used_points.add(_key(point))
        lines = ([_heading_sentence(point.heading, role)] if point.heading else []) + list(
            point.sentences
        )
        text, provenance = _say(lines, state, role, 400, leads=True)
        if text:
            return text, provenance
    return "", ()


def quote_paragraph(given: Given, state: DraftState, budget: int) -> Block | None:
    """A superior's requirements, quoted as its words: "省委办公厅《…》明确要求：“…”"."""
    lines = [s for p in given.of("上级要求") if _unused(p, state) for s in p.sentences]
    if not lines:
        return None
    picked: list[GivenSentence] = []
    used = 0
    for line in lines:
        if used and used + count_hanzi(line.text) > min(budget, 260):
            break
        picked.append(line)
        used += count_hanzi(line.text)
    for point in given.of("上级要求"):
        state.used_points.add(_key(point))
    issuer = given.issuer or "上级"
    title = next((f.title for f in given.files if f.kind == "上级文件"), "")
    cited = f"《{title}》" if title and not title.startswith("《") else title
    quoted = "".join(line.text for line in picked).rstrip("。；") + "。"
    text = f"{issuer}{cited}明确要求：“{quoted}”我们要认真贯彻，不折不扣抓好落实。"
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
    text, provenance = _say(lines, state, role, budget - count_hanzi(heading), leads=False)
    state.used_points.add(_key(point))
    if not text:
        return None
    block = Block("paragraph", spans_of(text), role, provenance)
    if heading:
        state.headings.append(heading)
    heading_provenance = provenance[:1]
    return Group(heading or None, heading_provenance, [block])


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
        if not out and role in ("要求", "保障") and _VERB_START.match(text):
            text = "要" + text
        if state.audience is not None:
            text = adapt(text, state.audience) or ""
        grams = bigrams(text)
        # The user's own sentences are not held to the bank's dated wording: they are current.
        if not text or text in state.used_texts or state.said.already(grams):
            continue
        if clause_said(text, state):
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


def _key(point: GivenPoint) -> str:
    return f"material:{point.order}"


def _unused(point: GivenPoint, state: DraftState) -> bool:
    return _key(point) not in state.used_points
