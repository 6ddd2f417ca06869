"""The draft's own connecting words: lead-ins, a review's problems, an occasion's own sub-points.

A review's problems are fields to fill; an occasion's sub-points say what a commendation asks to
learn from those commended and how a training class studies.

All come from ``data/leadins.yaml`` (by role, or by occasion and role), rendered with the
draft's context and chosen per draft, so they are the user's to extend.
"""

from __future__ import annotations

import random
from functools import cache, lru_cache

from draftkit.bank.profile import topic_parts
from draftkit.bank.store import CORE_SOURCE, CORE_TITLE
from draftkit.compose.audience import adapt
from draftkit.compose.choose import DraftState
from draftkit.compose.echoes import note_said, said_already
from draftkit.compose.kinds import (
    kind_frames,
    kind_of,
    kind_points,
    narrower_own,
    own_only,
    suits,
    topic_frames,
)
from draftkit.compose.material import bigrams
from draftkit.compose.subsections import Group
from draftkit.compose.templates import render
from draftkit.compose.topicality import heading_words
from draftkit.models import Block, Provenance, spans_of
from draftkit.reading.segment import sentences
from draftkit.resources import data_file
from draftkit.yamlfile import safe_load

LEAD_IN = "lead-in"
OCCASION = "occasion"  # an occasion's fallback frame: said whole, like the user's material


@cache
def _frames() -> dict[str, list[str]]:
    return safe_load(data_file("leadins.yaml").read_text(encoding="utf-8"))


def named_problems(state: DraftState) -> Group:
    """The problems sub-point as fields to fill: the bank had none to say for this topic."""
    frame = _frames()["问题"]
    text = render(
        random.Random(state.stream + "|problems").choice(frame["text"]),
        state.context,
        where="data/leadins.yaml 问题",
    )
    provenance = (Provenance("problems", LEAD_IN, CORE_SOURCE, CORE_TITLE, 0),)
    paragraph = Block("paragraph", spans_of(text), "回顾", provenance)
    return Group(frame["heading"], provenance, [paragraph], problems=True)


def lead_in(role: str, state: DraftState, *, problems: bool = True) -> str:
    """The sentence that opens a level-1 section and says what it will argue.

    A review that names no problems (an awards ceremony's) does not announce them
    (问题也不容忽视). An occasion's lead-ins for one audience class (``symposium.要求.young``)
    come before its general ones.
    """
    leadins = _frames()
    occasion = f"{state.context.get('occasion')}.{role}"
    frames = (
        leadins.get(f"{occasion}.{state.audience.key}")  # 青年干部 are given hopes, not 我们将
        or leadins.get(occasion)
        or leadins.get(role)
        or []
    )
    if not frames or not isinstance(frames, list):
        return ""
    if role == "回顾" and not problems:
        frames = [f for f in frames if "问题" not in str(f)] or frames
    frame = random.Random(state.stream + "|lead-in").choice(frames)
    text = render(frame, state.context, where="data/leadins.yaml").strip()
    return _with_year(text, state) if role == "回顾" else text


def _with_year(text: str, state: DraftState) -> str:
    """A review's lead-in after what the year is in the plan cycle (data/years.yaml)."""
    year = state.context.get("review_year")
    note = _years().get(year) if isinstance(year, int) else None
    if not note:
        return text
    period = str(state.context.get("review_period") or "")
    mid_year = period and not period.startswith(str(year))
    if mid_year and state.context.get("year") != year:
        return text  # 前一阶段 in March 2027: the year the note is about is last year
    opener = f"今年是{note}。" if mid_year else f"{year}年是{note}。"
    if period and not mid_year and text.startswith(period + "，"):
        text = "一年来，" + text[len(period) + 1 :]
    elif period and not mid_year:
        text = text.replace(period, "这一年", 1)  # 2026年 said once, in the opener
    return opener + text


@cache
def _years() -> dict[int, str]:
    raw = safe_load(data_file("years.yaml").read_text(encoding="utf-8")) or {}
    return {int(year): str(note) for year, note in (raw.get("years") or {}).items()}


def occasion_points(
    state: DraftState, role: str, count: int, kind: str = "points", under: str = ""
) -> list[Group]:
    """Up to ``count`` of the occasion's own sub-points for a section, in the data's order.

    ``kind`` "points" are said before the bank's; "fallback" ones only where the bank has no
    point of the topic's own, in place of loose sentences. Those that take up the section's
    heading (``under``: 加强领导，…落实…责任制 asks for 加强组织领导) are chosen first.
    """
    groups = []
    # A fallback paragraph may be lengthened like the bank's: a point on its heading follows it.
    provenance = _OCCASION if kind == "points" else _FALLBACK
    for heading, text in _occasion_frames(state, role, count, kind, under):
        paragraph = Block("paragraph", spans_of(text), role, provenance)
        state.headings.append(heading)
        groups.append(Group(heading, provenance, [paragraph]))
    return groups


def occasion_paragraphs(
    state: DraftState, role: str, count: int, kind: str = "points"
) -> list[Block]:
    """The occasion's own points as paragraphs, for a section without sub-points.

    Each opens with its heading as a sentence: "严守学习纪律。培训期间……".
    """
    provenance = _OCCASION if kind == "points" else _FALLBACK
    return [
        Block("paragraph", spans_of(f"{heading}。{text}"), role, provenance)
        for heading, text in _occasion_frames(state, role, count, kind)
    ]


_OCCASION = (Provenance("occasion", LEAD_IN, CORE_SOURCE, CORE_TITLE, 0),)
_FALLBACK = (Provenance("occasion", OCCASION, CORE_SOURCE, CORE_TITLE, 0),)


def _occasion_frames(
    state: DraftState, role: str, count: int, kind: str = "points", under: str = ""
) -> list[tuple[str, str]]:
    occasion = state.context.get("occasion")
    frames = [] if kind in ("topic", "kind") else _frames().get(f"{occasion}.{role}.{kind}")
    topic = str(state.context.get("topic") or "")
    # A kind's own points for this occasion's section (what young cadres did, at their
    # symposium) stand even where the occasion has none of its own.
    instead = kind_points(topic, str(occasion), role) if kind == "points" else []
    # A kind's own points for some of its topics only (what nurses teach) leave the others the
    # occasion's own.
    instead = [f for f in instead if suits(f, topic)]
    if (not isinstance(frames, list) and not instead) or count <= 0:
        return []
    frames = frames if isinstance(frames, list) else []
    if kind == "topic":  # the kind's sub-points on the narrow topic's own measure, first
        return _chosen(state, role, count, topic_frames(topic, role, topic_parts(topic)), [], under)
    if kind == "kind":  # the kind's sub-points alone, before the bank's points
        return _chosen(state, role, count, kind_frames(topic, role), [], under)
    # The topic's kind of work (消防 and 防汛 alike ask for 排查隐患) comes before the general;
    # its own sub-points for this occasion replace the occasion's.
    own = kind_frames(topic, role) if kind == "fallback" else []
    if instead:
        own, frames = instead, []
    elif own_only(topic) and any(occasion not in f.get("not_at", ()) for f in own):
        frames = []  # 人大 has no 风险隐患 to sweep and no 牵头部门 to coordinate
    return _chosen(state, role, count, own, frames, under, kind)


def _chosen(
    state: DraftState,
    role: str,
    count: int,
    own: list[dict[str, object]],
    frames: list[dict[str, object]],
    under: str,
    kind: str = "topic",
) -> list[tuple[str, str]]:
    """Up to ``count`` of the kind's ``own`` sub-points, then the occasion's ``frames``."""
    topic = str(state.context.get("topic") or "")
    frames = own + frames
    order = list(range(len(own), len(frames)))
    random.Random(state.stream + "|occasion-points").shuffle(order)
    order = list(range(len(own))) + order
    if under:
        promised = heading_words(under)
        order.sort(
            key=lambda n: (n >= len(own), not _takes_up(str(frames[n]["heading"]), promised))
        )
    if any(f.get("tasks") for f in frames) and _kind_tasks(state, topic):
        order.sort(key=lambda n: not frames[n].get("tasks"))  # the field's tasks are taught first
    chosen: list[tuple[int, str, str]] = []  # (index, heading, text)
    themes = set(state.frame_themes)
    deferred = []  # frames passed over only for a theme said before
    for n in order:
        if len(chosen) == count:
            break
        found = _frame_said(state, role, frames, n, len(own), kind, chosen)
        if found is None:
            continue
        theme = _themes(frames[n])
        if theme & themes and n >= len(own):
            deferred.append((n, found))
            continue  # the review's 工作机制不断健全 and a task's 健全长效机制 ask the same
        themes |= theme  # a kind's 排查整治风险隐患 says what 坚持问题导向 would
        chosen.append((n, *found))
    if not chosen and count > 0:
        # A section of nothing but its lead-in ("要着重抓好以下几点。") is worse than a theme
        # said twice: the frames passed over for their themes take its places.
        for n, found in deferred[:count]:
            if not any(_says_again(found[0], other) for _, other, _ in chosen):
                chosen.append((n, *found))
    out = []
    for n, heading, text in sorted(chosen):  # in the data's order
        for sentence in sentences(text):  # nothing later in the draft says it again
            note_said(sentence, bigrams(sentence), state)
        state.frame_themes |= _themes(frames[n])
        out.append((heading, text))
    return out


def _frame_said(
    state: DraftState,
    role: str,
    frames: list[dict[str, object]],
    n: int,
    owned: int,
    kind: str,
    chosen: list[tuple[int, str, str]],
) -> tuple[str, str] | None:
    """Frame ``n``'s heading and paragraph as this draft would say them, or None if it may not."""
    occasion = state.context.get("occasion")
    topic = str(state.context.get("topic") or "")
    where = (
        f"data/kinds.yaml {role}[{n}]"
        if n < owned
        else f"data/leadins.yaml {occasion}.{role}.{kind}[{n - owned}]"
    )
    heading = _unsaid_heading(frames[n]["heading"], state, where)
    if heading is None:
        return None  # the draft has a heading that says it already (加强组织领导，…)
    if any(_says_again(heading, other) for _, other, _ in chosen):
        return None  # a kind's 强化督查考核 and the occasion's 强化督查考核，确保落地见效
    if occasion in frames[n].get("not_at", ()):
        return None  # a frame shared by several occasions that does not suit this one
    if not suits(frames[n], topic):
        return None  # a 见义勇为 hero's 挺身而出 is no model family's
    if any(str(w) in topic for w in frames[n].get("not_for") or ()):
        return None  # new recruits are on no 一线岗位 yet
    case = _kind_case(state, topic) if frames[n].get("case") else ""
    tasks = _kind_tasks(state, topic) if frames[n].get("tasks") else None
    if case:  # the field's own case for the work, where the topic has a kind
        text = render(str(frames[n]["case"]), {**state.context, "case": case}, where=where)
    elif tasks:  # what the field's work asks, as the trainees are to learn it
        names, detail = tasks
        context = {**state.context, "tasks": names, "task_points": detail}
        text = render(str(frames[n]["tasks"]), context, where=where)
    else:
        text = render(_one_of(frames[n]["text"], state, n), state.context, where=where)
        if kind != "points" or n < owned:  # an occasion's own points speak to its audience already
            text = _told(text, state)
        if not text:
            return None  # a 台账 and 牵头部门 paragraph is not said to entrepreneurs or the public
    if said_already(text.split("，")[0], state):
        return None  # the bank's point said it first (要落实全面从严治党主体责任)
    return heading, text


def _told(text: str, state: DraftState) -> str:
    """A sub-point's paragraph in the audience's register, or "" where too little can be said.

    To the speaker's own cadres it stands as written; to entrepreneurs, experts or the public
    each sentence is said their way (要… → 我们要…) and one meant for cadres alone goes; a
    paragraph that loses its opening or half its sentences is not said at all.
    """
    if state.audience is None or state.audience.internal:
        return text
    said = sentences(text)
    kept = [adapt(s, state.audience) for s in said]
    if not kept or kept[0] is None or sum(1 for s in kept if s) * 2 < len(said):
        return ""
    out, committed = [], False
    for sentence in (s for s in kept if s):
        if committed and sentence.startswith("我们要"):
            sentence = sentence.removeprefix("我们")  # 我们要… once, then 要…
        committed = committed or sentence.startswith("我们")
        out.append(sentence)
    return "".join(out)


def _kind_case(state: DraftState, topic: str) -> str:
    """The topic's kind's case for the work (its first 认识 sub-point), said to this audience.

    Sentences that tell bodies what to do (各级各部门要…) are left out before trainees; "" when
    the topic has no kind, or too little is left.
    """
    frames = kind_frames(topic, "认识")
    if not frames:
        return ""
    where = "data/kinds.yaml 认识[0]"
    text = render(_one_of(frames[0]["text"], state, 0), state.context, where=where)
    kept = [s for s in (adapt(s, state.audience) for s in sentences(text)) if s]
    return "".join(kept) if len(kept) >= 2 else ""


# How many of the kind's tasks a training class is told to master: at most, and at least.
TRAINING_TASKS = (3, 2)


def _kind_tasks(state: DraftState, topic: str) -> tuple[str, str] | None:
    """The topic's kind's main tasks: their names, and each one's first requirement.

    "规范村级财务收支管理、推进村务财务公开和民主监督" and "一是要严格执行村级财务管理制度……；
    二是……。", each one sayable to this audience. A topic of a narrower field (``for``) is told
    that field's tasks alone: 村级财务 trainees are no 粮食生产 class; one that is a measure of its
    kind (医保基金监管) hears that measure's tasks first. None when the topic has no
    kind of its own, or too few of its tasks can be said to the audience.
    """
    if state.context.get("topic_work") == "本职工作":
        return None  # a class on no field of work has no field's tasks to learn
    frames = kind_frames(topic, "要求")
    narrow = any(narrower_own(f, topic) for f in frames)
    # The topic's own measure first: a 医保基金监管 class learns 基金监管 before 参保扩面.
    measure = topic_frames(topic, "要求", topic_parts(topic))
    frames = measure + [f for f in frames if f not in measure]
    names, asks = [], []
    occasion = state.context.get("occasion")
    for n, frame in enumerate(frames):
        # 电动自行车's 严把生产销售源头关 is no 消防安全责任人's task, nor 粮食生产 村级财务's.
        wanted = narrower_own(frame, topic) if narrow else not frame.get("for")
        if not wanted or occasion in frame.get("not_at", ()):
            continue
        where = f"data/kinds.yaml 要求[{n}]"
        heading = render(str(frame["heading"]), state.context, where=where).split("，")[0]
        text = render(_one_of(frame["text"], state, n), state.context, where=where)
        first = next((s for s in sentences(text) if s.startswith("要")), "")
        # Told as what the work asks (一是要…), not as the speaker's own request (我们要…), but
        # only what can be said to this audience at all.
        if first and adapt(first, state.audience) and heading not in names:
            names.append(heading)
            asks.append(first.rstrip("。；"))
        if len(names) == TRAINING_TASKS[0]:
            break
    if len(names) < TRAINING_TASKS[1]:
        return None
    numbers = "一二三"
    detail = "；".join(f"{numbers[i]}是{ask}" for i, ask in enumerate(asks)) + "。"
    return "、".join(names), detail


def _says_again(heading: str, other: str) -> bool:
    lead, other_lead = heading.split("，")[0], other.split("，")[0]
    return lead in other or other_lead in heading


def _themes(frame: dict[str, object]) -> set[str]:
    """A frame's themes: ``theme`` may be one word or a list."""
    theme = frame.get("theme")
    if not theme:
        return set()
    return {str(t) for t in theme} if isinstance(theme, list) else {str(theme)}


def _unsaid_heading(wordings: str | list[str], state: DraftState, where: str) -> str | None:
    """The first wording of a frame's heading that no heading of the draft says already."""
    for wording in [wordings] if isinstance(wordings, str) else wordings:
        heading = render(wording, state.context, where=where)
        lead = heading.split("，")[0]
        if any(lead in used or used in heading for used in state.headings):
            continue
        if any(_same_run(heading, used, state) for used in state.headings):
            continue  # (一)充分认识开展…的重要性 under 一、…充分认识开展…的重要意义
        opening = _masked(heading, state)[:OPENING]
        if any(_masked(used, state).startswith(opening) for used in state.headings):
            continue  # (一)充分认识开展… under 一、充分认识加强…
        return heading
    return None


# A run of this many characters (the topic aside) shared by two headings says the same thing,
# and two headings opening with the same this many read as one said twice.
SAME_RUN = 5
OPENING = 4


def _same_run(a: str, b: str, state: DraftState) -> bool:
    plain_a, plain_b = (_masked(h, state) for h in (a, b))
    runs = {plain_a[i : i + SAME_RUN] for i in range(len(plain_a) - SAME_RUN + 1)}
    return any("□" not in r and "，" not in r and r in plain_b for r in runs)


def _masked(heading: str, state: DraftState) -> str:
    """A heading with the topic's names masked (□).

    道路交通安全 in every heading of its kind is no run that two headings share.
    """
    topic = str(state.context.get("topic") or "")
    for name in _topic_names(topic, str(state.context.get("topic_work") or "")):
        heading = heading.replace(name, "□")
    return heading


@lru_cache(maxsize=64)
def _topic_names(topic: str, work: str) -> tuple[str, ...]:
    """The names a topic goes by in headings, longest first: itself, its work, its kind's names."""
    names = {work, topic, topic.removesuffix("工作")}
    kind = kind_of(topic)
    if kind is not None:
        names |= set(kind.names) | {w for w in kind.topics if w in topic}
    return tuple(sorted((n for n in names if len(n) >= 2), key=len, reverse=True))


def _takes_up(heading: str, promised: tuple[str, ...]) -> bool:
    """Whether a frame's heading says what the section's heading promises (领导, 责任)."""
    return any(w in heading or w[:2] in heading for w in promised if len(w) >= 2)


def _one_of(text: str | list[str], state: DraftState, n: int) -> str:
    """A frame's text, or one of its wordings chosen per topic.

    Drafts on different topics then do not all say it the same way.
    """
    if isinstance(text, str):
        return text
    return random.Random(f"{state.context.get('topic')}|{n}").choice(text)


def speaker_words(state: DraftState, key: str) -> list[str]:
    """A list of the speaker's own words from ``data/leadins.yaml``, rendered for this draft."""
    found = _frames().get(key)
    if not isinstance(found, list):
        return []
    return [render(str(text), state.context, where=f"data/leadins.yaml {key}") for text in found]


def has_frames(state: DraftState, role: str, kind: str) -> bool:
    """Whether the occasion has its own sub-points of ``kind`` for a section of ``role``."""
    return isinstance(_frames().get(f"{state.context.get('occasion')}.{role}.{kind}"), list)
