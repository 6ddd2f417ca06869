"""Whether a heading, a lead or a sentence is about the draft's topic, and what a heading adds.

A topic is named by ``Material.names`` (医保 and 医疗保障, not 服务); a heading adds its
``telling_words`` to the topic, and a body must take them up; a lead or a sentence that names
another field of work (``compose.sectors``) and not the topic is that field's.
"""

from __future__ import annotations

import re

from draftkit.compose.choose import DraftState, from_kindred
from draftkit.compose.material import STRONG_WORDS
from draftkit.compose.sectors import CROSS_FIELDS, another_fields, foreign_sector, sectors_in
from draftkit.models import Entry
from draftkit.reading.segment import words

# Words a heading shares with everything ("加强", "工作") say nothing about what it heads.
HEADING_FILLER = frozenset(
    "加强 推进 推动 工作 切实 全面 深入 持续 进一步 坚持 提升 提高 强化 做好 抓好 加快 建设 "
    "发展 实施 完善 健全 深化 扎实 积极 着力 大力 不断 有效 更加 新的 工程 行动 确保 营造 "
    "良好 氛围 取得 实效 落地 见效 落实 到位 巩固 成果 成效 突出 提质增效".split()
)


def heading_words(heading: str) -> tuple[str, ...]:
    """The words of a heading that say what it is about, slots and filler left out."""
    plain = re.sub(r"\{\{.*?\}\}", "", heading)
    return tuple(w for w in dict.fromkeys(words(plain)) if len(w) >= 2 and w not in HEADING_FILLER)


def telling_words(heading: str, state: DraftState) -> tuple[str, ...]:
    """A heading's content words other than the topic's own: what this sub-point is about.

    深入实施就业优先战略 in a draft on 就业 is about 优先 and 战略; a body that names 就业 in a
    list of 民生 work does not develop it.
    """
    topic = [t for t in state.topic_words if len(t) >= 2]
    return tuple(
        w
        for w in heading_words(heading)
        if w not in _HOW and not any(w in t or t in w for t in topic)
    )


# Words a heading adds to its topic that say how much or how firmly, not what: 加强安全生产管理
# and 守好安全生产底线 are about 安全生产 itself.
_HOW = frozenset(
    "毫不 松懈 管理 水平 底线 防线 红线 能力 质量 效能 体系 机制 格局 基础 保障 服务 稳定 "
    "维护 守好 守牢 "
    "筑牢 织牢 兜牢 毫不松懈 全力 奋力 坚决 各项 工作 事业 力度 成效 提质 增效 质效".split()
)


def develops(heading: str, entry: Entry, state: DraftState, said: str | None = None) -> bool:
    """Whether the point's own sentences (or what is ``said`` of them) take up its heading.

    The topic's own words do not count where the heading has others: the body must take up
    what the heading adds to the topic.
    """
    body = "".join(entry.body) if said is None else said
    if body and _PROGRAMME.match(heading) and any(n in heading for n in naming(state)):
        return True  # 实施道路交通畅行工程: what follows is the programme, in its own words
    # A speech's own point on the topic is whole as its speaker made it; a report's often
    # names the topic in a list of other work.
    whole = from_kindred(entry, state)
    found = (() if whole else telling_words(heading, state)) or heading_words(heading)
    if not found or any(w in body or w[:2] in body for w in found):
        return True
    # 提升本质安全水平 over measures that each name 安全生产 is about it, though not in its words.
    parts = [p for p in re.split(r"(?<=[。！？；])", body) if p.strip()]
    named = sum(1 for p in parts if any(n in p for n in naming(state)))
    return len(parts) >= 2 and named * 2 >= len(parts)


# A lead that names a programme of the topic's (实施…工程, 开展…行动): its body is the programme.
_PROGRAMME = re.compile(r"^(?:实施|开展|推进|启动)[^，。]{2,20}(?:工程|行动|计划)[。]?$")

# The profile's words that may stand for the topic in a sub-point's lead.
HEAD_WORDS = 8


def heads_topic(entry: Entry, state: DraftState) -> bool:
    """Whether a point's lead names the topic or one of its profile's few strongest words.

    A speech on the topic itself names its measures, not its subject (加强水库巡查值守 in a
    防汛 speech): its every point is the topic's.
    """
    if from_kindred(entry, state):
        return True
    if another_fields(entry.text, _own(state)):
        return False
    first = re.split(r"[，；]", entry.text)[0]
    if any(n in first for n in naming(state)) or _named_alone(entry.text, naming(state)):
        return True  # (not …，加强高层建筑、交通运输、危旧房屋等 in a 交通运输 draft)
    if foreign_sector(entry.text, _own(state)):
        return False  # 深化国资国企改革 holds 民营企业's profile words, but it is 国企's
    if not any(w in entry.text for w in _strongest(state, HEAD_WORDS)):
        return False
    # A profile word stands for the topic where the point names it as its own somewhere, not
    # only as an item of a list (实施服务业扩能提质行动 … 金融、物流、租赁商务等).
    return any(_named_alone(s, naming(state)) for s in entry.body)


def _named_alone(text: str, names: list[str]) -> bool:
    for name in names:
        for m in re.finditer(re.escape(name), text):
            if text[m.start() - 1 : m.start()] != "、" and text[m.end() : m.end() + 1] != "、":
                return True
    return False


def naming(state: DraftState) -> list[str]:
    """The words that name the topic (养老 of 养老服务, not 服务, which names every other)."""
    if state.material is not None and state.material.names:
        return list(state.material.names)
    return [w for w in state.topic_words if len(w) >= 2 and w not in HEADING_FILLER]


def leads_on(entry: Entry, heading: str, state: DraftState) -> bool:
    """Whether a further point's lead names the topic or what the heading is about.

    Under 促进就业增收, a point leading with 完善多层次社会保障体系 is another measure's, though
    it names 就业 in its body.
    """
    if from_kindred(entry, state):
        return True
    if another_fields(entry.text, _own(state)):
        return False
    return any(w in entry.text for w in (*naming(state), *telling_words(heading, state)))


def other_fields_lead(entry: Entry, state: DraftState) -> bool:
    """Whether a point leads with other fields than the topic's (a speech on it never does)."""
    return not from_kindred(entry, state) and another_fields(entry.text, _own(state))


def on_topic(text: str, state: DraftState) -> bool:
    """Whether a sentence names the topic, or holds one of its profile's strongest words.

    Only the strongest: a narrow topic's profile is drawn from a few mixed points, and its
    tail holds their other subjects (融资 beside 燃气). A sentence that names another field of
    work (``data/sectors.yaml``) and not the topic is that field's, whatever profile words it
    holds: 教育's profile holds 医疗, for reports list them together.
    """
    if any(n in text for n in naming(state)):
        return len(sectors_in(text)) < CROSS_FIELDS  # not a list across fields
    if foreign_sector(text, _own(state)):
        return False
    return any(w in text for w in _strongest(state, STRONG_WORDS))


def other_field(text: str, state: DraftState) -> bool:
    """Whether a sentence names another field of work, and neither the topic nor its words."""
    if any(n in text for n in naming(state)) or not foreign_sector(text, _own(state)):
        return False
    return not any(w in text for w in _strongest(state, STRONG_WORDS))


def _own(state: DraftState) -> tuple[str, ...]:
    """The topic's names and the topic as the user typed it: what is not another field."""
    return (*naming(state), str(state.context.get("topic", "")))


def _strongest(state: DraftState, count: int) -> tuple[str, ...]:
    """The topic profile's ``count`` strongest words of two characters or more."""
    found = state.material.profile_words[:count] if state.material is not None else ()
    return tuple(w for w in found if len(w) >= 2)
