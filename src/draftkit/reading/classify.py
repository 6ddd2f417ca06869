"""Give each section of a speech its role: 回顾, 认识, 要求, 保障 (or unknown).

The cues live in ``data/roles.yaml``: weighted heading patterns, body patterns and a position
prior. A section's score for a role is the sum of the cues that match, and of the point the
opening announced for it ("下面，我讲三点意见：一是认清形势…"). No single cue decides: the
speech's own plan weighs in last, as the order its parts usually follow (回顾 → 认识 →
要求 → 保障); a role that goes back against that order costs ``plan_penalty``, and the roles
of all top-level sections are chosen together. Sub-sections take their parent's role unless
their own heading speaks clearly for another. ``Section.reasons`` keeps, in Chinese, the cues
that decided and ``Section.confidence`` how far the winner stood ahead.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import cache

import yaml

from draftkit.models import SECTION_ROLES, Section, Speech
from draftkit.resources import data_file

# A heading must score at least this much for a sub-section to leave its parent's role.
_CHILD_SWITCH = 3.5
# Body cues are counted per paragraph and capped so a long section cannot drown its heading.
_BODY_CAP = 3.0
# Sub-headings speak for their parent at this share of their weight.
_SUB_SHARE = 0.3
_POSITION_NAMES = {"first": "首节", "middle": "中间节", "last": "末节"}

Scores = dict[str, tuple[float, list[str]]]


@dataclass(frozen=True, slots=True)
class Cues:
    """Compiled role cues: heading and body patterns with weights, the position prior, the plan."""

    heading: dict[str, tuple[tuple[re.Pattern[str], float], ...]]
    body: dict[str, tuple[tuple[re.Pattern[str], float], ...]]
    position: dict[str, dict[str, float]]
    plan_order: tuple[str, ...] = SECTION_ROLES
    plan_penalty: float = 0.0


@cache
def load_cues() -> Cues:
    """The role cues of ``data/roles.yaml``, compiled once."""
    raw = yaml.safe_load(data_file("roles.yaml").read_text(encoding="utf-8"))
    heading = {}
    body = {}
    for role, spec in raw["roles"].items():
        heading[role] = tuple((re.compile(p), float(w)) for p, w in spec.get("heading", {}).items())
        body[role] = tuple((re.compile(p), float(w)) for p, w in spec.get("body", {}).items())
    plan = raw.get("plan", {})
    return Cues(
        heading,
        body,
        raw.get("position", {}),
        tuple(plan.get("order", SECTION_ROLES)),
        float(plan.get("penalty", 0.0)),
    )


def score_section(section: Section, *, position: str | None, cues: Cues | None = None) -> Scores:
    """Each role's score for ``section`` with the cues behind it (in Chinese)."""
    cues = cues or load_cues()
    body_text = "\n".join(section.paragraphs + tuple(_all_text(section.children)))
    sub_headings = " ".join(child.heading for child in section.children)
    scores: Scores = {}
    for role in SECTION_ROLES:
        total = 0.0
        reasons: list[str] = []
        for pattern, weight in cues.heading.get(role, ()):
            m = pattern.search(section.heading)
            if m:
                total += weight
                reasons.append(f"标题含“{m.group(0)}”+{weight:g}")
            elif sub_headings and (m := pattern.search(sub_headings)):
                total += weight * _SUB_SHARE
                reasons.append(f"下级标题含“{m.group(0)}”+{weight * _SUB_SHARE:.2g}")
        body_score = 0.0
        for pattern, weight in cues.body.get(role, ()):
            found = pattern.findall(body_text)
            if found:
                body_score += weight * min(len(found), 4)
                first = pattern.search(body_text)
                shown = first.group(0) if first else ""
                reasons.append(f"正文{len(found)}处“{shown}”")
        if body_score:
            total += min(body_score, _BODY_CAP)
        prior = cues.position.get(position or "", {}).get(role, 0.0)
        if prior:
            total += prior
            reasons.append(f"{_POSITION_NAMES.get(position or '', position)}+{prior:g}")
        scores[role] = (total, reasons)
    return scores


def _all_text(sections: tuple[Section, ...]) -> list[str]:
    out: list[str] = []
    for section in sections:
        out.append(section.heading)
        out.extend(section.paragraphs)
        out.extend(_all_text(section.children))
    return out


def confidence(scores: Scores, role: str) -> float:
    """The chosen role's share of the evidence: a softmax over the four scores."""
    if role not in scores:
        return 0.0
    exps = {r: math.exp(score / 2) for r, (score, _) in scores.items()}
    return round(exps[role] / sum(exps.values()), 2)


def _best(scores: Scores) -> tuple[str, tuple[str, ...]]:
    role, (score, reasons) = max(scores.items(), key=lambda item: item[1][0])
    if score <= 0:
        return "unknown", ("没有任何线索",)
    return role, tuple(reasons)


def _position(index: int, count: int) -> str | None:
    if count == 1:
        return None
    if index == 0:
        return "first"
    if index == count - 1:
        return "last"
    return "middle"


def plan_roles(all_scores: list[Scores], cues: Cues | None = None) -> list[str]:
    """The roles of a speech's top-level sections, chosen together.

    Maximises the sum of the section scores less ``plan_penalty`` for every step back against
    the usual order of a speech's parts; a section with no cue at all stays unknown.
    """
    cues = cues or load_cues()
    order = {role: i for i, role in enumerate(cues.plan_order)}
    roles = [r for r in cues.plan_order if r in SECTION_ROLES]
    if not all_scores:
        return []
    # best[r] = (total, path) of the best assignment so far ending in role r
    best = {r: (all_scores[0][r][0], [r]) for r in roles}
    for scores in all_scores[1:]:
        step = {}
        for r in roles:
            options = []
            for prev, (total, path) in best.items():
                back = max(0, order[prev] - order[r])
                options.append((total - cues.plan_penalty * back + scores[r][0], path + [r]))
            step[r] = max(options, key=lambda option: option[0])
        best = step
    _, path = max(best.values(), key=lambda option: option[0])
    return [
        role if scores[role][0] > 0 or max(s for s, _ in scores.values()) > 0 else "unknown"
        for role, scores in zip(path, all_scores, strict=True)
    ]


# The points a speaker announces before the body: "下面，我讲三点意见：一是统一思想，二是…".
_ANNOUNCE_MARK = re.compile(
    r"(?:[一二三四五六七八九十](?:是|要)|第[一二三四五六七八九十][，、]|[一二三四五六七八九十]、)"
)
_ANNOUNCE_CUE = re.compile(r"(讲|谈|强调|提)(几|两|三|四|五|六)?(点|个方面|个问题|条)")
# Announced points speak for their section at this share of a heading cue's weight.
_ANNOUNCED_SHARE = 0.5


def announced_points(opening: tuple[str, ...]) -> list[str]:
    """The points the opening says the speech will make, in order, or [] if it says none."""
    for paragraph in reversed(opening[-3:]):
        cue = _ANNOUNCE_CUE.search(paragraph)
        if not cue:
            continue
        rest = paragraph[cue.end() :]
        marks = list(_ANNOUNCE_MARK.finditer(rest))
        if len(marks) < 2:
            continue
        ends = [m.start() for m in marks[1:]] + [len(rest)]
        points = [
            rest[m.end() : end].split("。")[0].strip("，；：。 ")[:30]
            for m, end in zip(marks, ends, strict=True)
        ]
        if len(points) >= 2:
            return points
    return []


def _add_announced(scores: Scores, point: str, cues: Cues | None = None) -> None:
    cues = cues or load_cues()
    for role in SECTION_ROLES:
        total, reasons = scores[role]
        for pattern, weight in cues.heading.get(role, ()):
            m = pattern.search(point)
            if m:
                total += weight * _ANNOUNCED_SHARE
                reasons.append(f"开场提纲“{point}”含“{m.group(0)}”+{weight * _ANNOUNCED_SHARE:.2g}")
        scores[role] = (total, reasons)


def classify_speech(speech: Speech) -> Speech:
    """The speech with a role, its reasons and a confidence on every section and sub-section."""
    count = len(speech.sections)
    all_scores = [
        score_section(section, position=_position(index, count))
        for index, section in enumerate(speech.sections)
    ]
    outline = announced_points(speech.opening)
    if len(outline) == count:
        for scores, point in zip(all_scores, outline, strict=True):
            _add_announced(scores, point)
    planned = plan_roles(all_scores)
    sections = []
    for section, scores, role in zip(speech.sections, all_scores, planned, strict=True):
        alone, _ = _best(scores)
        if role == "unknown":
            reasons: tuple[str, ...] = ("没有任何线索",)
        else:
            reasons = tuple(scores[role][1])
            if alone != role:
                reasons += (
                    f"单看本节更像“{alone}”，按全篇顺序（{'→'.join(load_cues().plan_order)}）"
                    f"定为“{role}”",
                )
        labelled = replace(section, role=role, reasons=reasons, confidence=confidence(scores, role))
        sections.append(_label_children(labelled))
    return replace(speech, sections=tuple(sections))


# A review's sub-points are what was done, however their headings are worded ("坚持创新驱动
# 发展，重点产业持续做大做优做强" under 2025年工作回顾): they never switch to another role.
_REVIEWS_KEEP_CHILDREN = frozenset({"回顾"})


def _label_children(section: Section) -> Section:
    children = []
    for child in section.children:
        scores = score_section(replace(child, children=()), position=None)
        role, reasons = _best(scores)
        heading_score = sum(
            w for p, w in load_cues().heading.get(role, ()) if p.search(child.heading)
        )
        conf = confidence(scores, role)
        switch = heading_score >= _CHILD_SWITCH and section.role not in _REVIEWS_KEEP_CHILDREN
        if role == "unknown" or (role != section.role and not switch):
            role, reasons = section.role, (f"承接上级标题的“{section.role}”",)
            conf = section.confidence
        children.append(
            _label_children(replace(child, role=role, reasons=reasons, confidence=conf))
        )
    return replace(section, children=tuple(children))
