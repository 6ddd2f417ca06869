"""Kinds of work (``data/kinds.yaml``, the user's to extend).

Fire safety and flood control ask for the same kind of tasks (排查隐患, 压实责任, 应急准备); a
draft on a topic the bank knows little of takes its kind's sub-points before the occasion's
general ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from draftkit.errors import BankError
from draftkit.resources import data_file
from draftkit.yamlfile import safe_load


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of work: the words that make a topic of it, and its sub-points by role."""

    name: str
    topics: tuple[str, ...]
    excepted: tuple[str, ...]
    frames: dict[str, list[dict[str, Any]]]  # role → [{heading, text, theme?, not_at?}]
    names: tuple[str, ...] = ()  # the field's own names, which stand for a narrow topic in it
    # an occasion's own sub-points for this kind ("commendation.认识": what its honourees teach)
    at: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    party: bool = False  # the Party's own work: a 县委书记 speaks for 县委 alone
    people: str = ""  # whom the field's honours and thanks are for (广大医务工作者), if not cadres
    # the occasion's general sub-points do not suit it (人大 has no 风险隐患 to sweep)
    own_only: bool = False
    parts: tuple[str, ...] = ()  # the kinds a joined topic's kind is made of (安全生产暨森林防火)


@cache
def load_kinds(path: Path | None = None) -> tuple[Kind, ...]:
    """The kinds, in the file's order (default: the bundled ``data/kinds.yaml``)."""
    path = path or data_file("kinds.yaml")
    try:
        raw = safe_load(path.read_text(encoding="utf-8"))["kinds"]
        return tuple(_kind(item, n, path) for n, item in enumerate(raw))
    except (KeyError, TypeError, yaml.YAMLError) as exc:
        raise BankError(
            "工作类别文件格式有误：要有 kinds 列表，每类有 name、topics 和各部分的小标题",
            path=path,
            field="kinds",
        ) from exc


def _kind(item: dict[str, Any], n: int, path: Path) -> Kind:
    frames = {role: list(item[role]) for role in ("回顾", "认识", "要求", "保障") if role in item}
    at = {key: list(found) for key, found in item.items() if "." in str(key)}
    for role, found in (*frames.items(), *at.items()):
        for m, frame in enumerate(found):
            if not isinstance(frame, dict) or not frame.get("heading") or not frame.get("text"):
                raise BankError(
                    "每个小标题要有 heading 和 text",
                    path=path,
                    field=f"kinds[{n}].{role}[{m}]",
                )
    return Kind(
        str(item["name"]),
        tuple(str(w) for w in item["topics"]),
        tuple(str(w) for w in item.get("except", ())),
        frames,
        tuple(str(w) for w in item.get("names", ())),
        at,
        bool(item.get("party", False)),
        str(item.get("people", "")),
        bool(item.get("own_only", False)),
    )


@cache
def kind_of(topic: str) -> Kind | None:
    """The kind whose word ends latest in the topic (and none of its exceptions), or None.

    A topic's head is its last word: 农村生活污水治理 is 污水 work done in villages, 乡村教育 is
    schooling, not farming. Kinds whose words end at the same place go in the file's order.
    A topic that joins two pieces of work, each named by its own head (招商引资和项目建设,
    岁末年初安全生产暨冬春森林防火), is of both kinds at once: their sub-points by turns.
    """
    kinds: list[Kind] = []
    for part in _JOINED.split(topic):
        found = _headed(part)
        if found is not None and all(found is not k for k in kinds):
            kinds.append(found)
    if len(kinds) >= 2:
        return _joined(kinds[0], kinds[1])
    return _headed(topic, whole=True)


# What joins two pieces of work in one topic (两项工作暨…, …和…).
_JOINED = re.compile(r"暨|以及|和|及|与")


def _headed(topic: str, *, whole: bool = False) -> Kind | None:
    """The kind whose word ends latest in ``topic``; unless ``whole``, only one ending it.

    Of 人大代表建议 (in 人大代表建议和政协委员提案办理) no kind names the head: the part is not a
    piece of work of its own.
    """
    best: tuple[int, int, Kind] | None = None
    for n, kind in enumerate(load_kinds()):
        if any(w in topic for w in kind.excepted):
            continue
        ends = [topic.rfind(w) + len(w) for w in kind.topics if w in topic]
        if ends and (best is None or max(ends) > best[0]):
            best = (max(ends), n, kind)
    if best is None or not (whole or _heads(topic, best[0])):
        return None
    return best[2]


def _heads(topic: str, end: int) -> bool:
    """Whether a kind's word ending at ``end`` is the topic's head: only a work noun after it."""
    return _WORK_TAIL.fullmatch(topic[end:]) is not None


# What may follow a field's name in a topic without naming another (消防 of 消防安全), with the
# meeting's own name after it (粮食生产工作会议).
_WORK_TAIL = re.compile(
    r"(?:工作|建设|安全|管理|治理|整治|攻坚|行动|发展)?"
    r"(?:(?:总结表彰|表彰|动员部署|动员|部署|推进|现场|座谈|工作)?(?:大会|会议)"
    r"|(?:座谈|推进|现场|动员|部署)会)?"
)


def _joined(first: Kind, second: Kind) -> Kind:
    """One kind for a topic of two: the sub-points of each by turns, the first's own first."""
    roles = dict.fromkeys((*first.frames, *second.frames))
    frames = {
        role: _by_turns(first.frames.get(role, []), _besides(first, second, role)) for role in roles
    }
    return Kind(
        f"{first.name}、{second.name}",
        (*first.topics, *second.topics),
        (),
        frames,
        (*first.names, *second.names),
        {**second.at, **first.at},
        first.party and second.party,
        first.people or second.people,
        first.own_only and second.own_only,
        (first.name, second.name),
    )


def _besides(first: Kind, second: Kind, role: str) -> list[dict[str, Any]]:
    """The second kind's sub-points for ``role``; of its safeguards, those the first lacks.

    Two kinds each say 压实责任: the meeting is told it once.
    """
    frames = list(second.frames.get(role, []))
    if role != "保障":
        return frames
    said = {_themes(f) for f in first.frames.get(role, [])}
    return [f for f in frames if _themes(f) not in said]


def _themes(frame: dict[str, Any]) -> tuple[str, ...]:
    theme = frame.get("theme") or ()
    return tuple(sorted([theme] if isinstance(theme, str) else theme))


def _by_turns(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for n in range(max(len(a), len(b))):
        out += a[n : n + 1] + b[n : n + 1]
    return out


def own_only(topic: str) -> bool:
    """Whether the topic's kind says its sections with its own sub-points alone."""
    kind = kind_of(topic)
    return bool(kind and kind.own_only)


def kind_frames(topic: str, role: str) -> list[dict[str, Any]]:
    """The sub-points of the topic's kind for a section of ``role`` (none: no kind).

    Those for the topic's own narrower field (``for``: 招商 of 招商引资) come first, before the
    field's general ones.
    """
    kind = kind_of(topic)
    frames = list(kind.frames.get(role, ())) if kind else []
    own = [f for f in frames if narrower_own(f, topic)]
    return own + [f for f in frames if f not in own]


def suits(frame: dict[str, Any], topic: str) -> bool:
    """Whether a sub-point may be said on ``topic``: it has no ``for``, or one of its words."""
    return not frame.get("for") or narrower_own(frame, topic)


def narrower_own(frame: dict[str, Any], topic: str) -> bool:
    """Whether a sub-point is for the topic's own narrower field (``for``: 招商 of 招商引资)."""
    return bool(frame.get("for")) and any(str(w) in topic for w in frame["for"])


def topic_frames(topic: str, role: str, parts: list[str]) -> list[dict[str, Any]]:
    """The kind's sub-points on the topic's own measure, where the topic is one of its measures.

    A 冬季供暖 meeting is 能源保供 work, and of its sub-points 确保冬季供暖安全稳定 is the topic's
    own. A sub-point is the topic's where its heading or first sentence holds one of the
    topic's ``parts``; the part that the fewest of them hold (基金 of 医保基金监管, not 医保,
    which they all hold) picks them.
    """
    frames = kind_frames(topic, role)
    best: list[dict[str, Any]] = []
    for part in sorted(parts, key=lambda p: (-len(p), p)):
        found = [f for f in frames if part in _opening(f)]
        if found and (not best or len(found) < len(best)):
            best = found
    return best


def _opening(frame: dict[str, Any]) -> str:
    """A frame's heading and the first sentence of its first wording."""
    heading = frame["heading"]
    text = frame["text"]
    first = (text[0] if isinstance(text, list) else str(text)).split("。")[0]
    return " ".join(heading if isinstance(heading, list) else [str(heading)]) + " " + first


def kind_points(topic: str, occasion: str, role: str) -> list[dict[str, Any]]:
    """The kind's own sub-points for one occasion's section, said in place of the occasion's.

    A commendation of citizens who saved lives asks what they teach (挺身而出), not what a
    cadre's 爱岗敬业 does.
    """
    kind = kind_of(topic)
    return list(kind.at.get(f"{occasion}.{role}", ())) if kind else []
