"""Give each section of a speech its role: 回顾, 认识, 要求, 保障 (or unknown).

The cues live in ``data/roles.yaml``: weighted heading patterns, body patterns and a position
prior. A section's score for a role is the sum of the cues that match; sub-sections take their
parent's role unless their own heading speaks clearly for another. ``Section.reasons`` keeps
the cues that decided, so a user can see why.
"""

from __future__ import annotations

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


@dataclass(frozen=True, slots=True)
class Cues:
    """Compiled role cues: heading and body patterns with weights, and the position prior."""

    heading: dict[str, tuple[tuple[re.Pattern[str], float], ...]]
    body: dict[str, tuple[tuple[re.Pattern[str], float], ...]]
    position: dict[str, dict[str, float]]


@cache
def load_cues() -> Cues:
    """The role cues of ``data/roles.yaml``, compiled once."""
    raw = yaml.safe_load(data_file("roles.yaml").read_text(encoding="utf-8"))
    heading = {}
    body = {}
    for role, spec in raw["roles"].items():
        heading[role] = tuple((re.compile(p), float(w)) for p, w in spec.get("heading", {}).items())
        body[role] = tuple((re.compile(p), float(w)) for p, w in spec.get("body", {}).items())
    return Cues(heading, body, raw.get("position", {}))


def score_section(
    section: Section, *, position: str | None, cues: Cues | None = None
) -> dict[str, tuple[float, list[str]]]:
    """Each role's score for ``section`` with the cues behind it."""
    cues = cues or load_cues()
    body_text = "\n".join(section.paragraphs + tuple(_all_text(section.children)))
    sub_headings = " ".join(child.heading for child in section.children)
    scores: dict[str, tuple[float, list[str]]] = {}
    for role in SECTION_ROLES:
        total = 0.0
        reasons: list[str] = []
        for pattern, weight in cues.heading.get(role, ()):
            if pattern.search(section.heading):
                total += weight
                reasons.append(f"heading ~ {pattern.pattern} (+{weight:g})")
            elif sub_headings and pattern.search(sub_headings):
                total += weight * 0.3
                reasons.append(f"sub-headings ~ {pattern.pattern} (+{weight * 0.3:.2g})")
        body_score = 0.0
        for pattern, weight in cues.body.get(role, ()):
            hits = len(pattern.findall(body_text))
            if hits:
                body_score += weight * min(hits, 4)
                reasons.append(f"body ~ {pattern.pattern} ×{hits}")
        total += min(body_score, _BODY_CAP)
        prior = cues.position.get(position or "", {}).get(role, 0.0)
        if prior:
            total += prior
            reasons.append(f"{position} section (+{prior:g})")
        scores[role] = (total, reasons)
    return scores


def _all_text(sections: tuple[Section, ...]) -> list[str]:
    out: list[str] = []
    for section in sections:
        out.append(section.heading)
        out.extend(section.paragraphs)
        out.extend(_all_text(section.children))
    return out


def _best(scores: dict[str, tuple[float, list[str]]]) -> tuple[str, tuple[str, ...]]:
    role, (score, reasons) = max(scores.items(), key=lambda item: item[1][0])
    if score <= 0:
        return "unknown", ("no cue matched",)
    return role, tuple(reasons)


def _position(index: int, count: int) -> str | None:
    if count == 1:
        return None
    if index == 0:
        return "first"
    if index == count - 1:
        return "last"
    return "middle"


def classify_speech(speech: Speech) -> Speech:
    """The speech with a role (and its reasons) on every section and sub-section."""
    count = len(speech.sections)
    sections = []
    for index, section in enumerate(speech.sections):
        role, reasons = _best(score_section(section, position=_position(index, count)))
        sections.append(_label_children(section.with_role(role, reasons)))
    return replace(speech, sections=tuple(sections))


def _label_children(section: Section) -> Section:
    children = []
    for child in section.children:
        scores = score_section(replace(child, children=()), position=None)
        role, reasons = _best(scores)
        heading_score = sum(
            w for p, w in load_cues().heading.get(role, ()) if p.search(child.heading)
        )
        if role == "unknown" or (role != section.role and heading_score < _CHILD_SWITCH):
            role, reasons = section.role, (f"inherits {section.role} from its parent",)
        children.append(_label_children(child.with_role(role, reasons)))
    return replace(section, children=tuple(children))
