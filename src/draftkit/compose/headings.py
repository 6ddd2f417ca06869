"""Level-1 and level-2 headings: from the bank, from the occasion's suggestions, or a frame.

A level-1 heading carries the topic (the bank's own where it reads right for any topic, else one of
the bank's four-character leads in a frame of ``data/headings.yaml``); a sub-point heading the
points could not give is drawn from the bank's headings for the role. No two headings of a draft
say nearly the same thing. The wizard's swap lists come from here too.
"""

from __future__ import annotations

import difflib
import random
import re
from collections.abc import Mapping
from functools import cache

from draftkit.bank.store import Bank
from draftkit.compose.answers import Answers
from draftkit.compose.choose import (
    MOMENT,
    DraftState,
    acceptable,
    draw,
    is_core,
    key_terms,
    new_state,
    render_entry,
    reusable,
    use_entry,
)
from draftkit.compose.material import rank_material
from draftkit.compose.subsections import (
    candidates,
    heading_of,
)
from draftkit.compose.templates import SectionSpec, Template, find_template, render
from draftkit.models import (
    FILL_IN_OPEN,
    Entry,
)
from draftkit.resources import data_file
from draftkit.yamlfile import safe_load


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
    leads = _leads(bank, role) or list(_frames().get("leads", {}).get(role, ()))
    for frame in _frames().get(role, []):
        for lead in leads if "{{ lead }}" in frame else [""]:
            text = render(frame, {**state.context, "lead": lead}, where="data/headings.yaml")
            if acceptable(text, state):
                out.setdefault(text.replace("工作工作", "工作"), None)
            if "{{ lead }}" not in frame:
                break
    return out


def pick_heading1(bank: Bank, spec: SectionSpec, state: DraftState, override: str | None) -> str:
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
    fresh = [s for s in suggested if s and not _like_a_used_heading(s, state)]
    # Where every heading is like one said (a long topic in each), one is said all the same.
    suggested = fresh or ([] if candidates else [s for s in suggested if s])
    pool = bank_first if bank_first and rng.random() < 0.6 else candidates
    # An occasion's own headings (a training class: 学风, 纪律) fit it better than any bank's.
    if suggested and (rng.random() < 0.7 or not spec.bank_headings):
        pool = suggested
    if role == "回顾" and spec.problems and spec.subpoints[0] >= 2:
        # The review ends with its problems: its heading says so (肯定成绩、正视问题…), not
        # 取得明显成效 alone over 清醒看到存在的问题.
        announced = [c for c in (*suggested, *candidates) if _ANNOUNCES_PROBLEMS.search(c)]
        pool = [c for c in pool if c in announced] or announced or pool
    if state.audience.tasks == "ours":
        # Entrepreneurs, experts and the public are not given 几点要求.
        fitting = [c for c in pool if "要求" not in c]
        pool = fitting or [c for c in (*suggested, *candidates) if "要求" not in c] or pool
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
    r"[一二三四五六七八九十两](?:个|项|大|种|条)|"
    # 积极支持{{ topic_work }} asks outsiders for support of the work; the people in the room
    # do it (a work meeting's cadres) or are asked their views (a symposium's entrepreneurs).
    r"支持\{\{ topic|"
    # 贯彻落实{{ topic_work }}责任制: few kinds of work have a 责任制 of their own (安全生产
    # does; 交通运输 does not).
    r"\{\{ topic_work \}\}责任制|"
    # A verb on the bare topic (加强{{ topic }}的几点要求) fits a field, not a campaign or the
    # people a commendation honours: 加强新型城镇化, 加强助残先进集体和个人.
    r"(?:加强|推进|推动|做好|抓好|深化|强化|搞好)\{\{ topic \}\}"
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


SHORTCOMINGS = re.compile(r"问题|不足|差距|短板")
# A review heading that announces its problems as well as its achievements.
_ANNOUNCES_PROBLEMS = re.compile(r"问题|不足|差距|短板|得失")


def bank_heading2(
    bank: Bank, state: DraftState, role: str, *, shortcomings: bool = True
) -> str | None:
    pool = [e for e in bank.of("heading2", role) if _heading_source_ok(e) and _full_heading(e)]
    if not shortcomings:  # a review's problems are named as fields, not in borrowed words
        pool = [e for e in pool if not SHORTCOMINGS.search(e.text)]
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
