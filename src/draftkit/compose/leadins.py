"""The draft's own connecting words: each section's lead-in, and a review's problems as fields.

Both come from ``data/leadins.yaml`` (by role, or by occasion and role), rendered with the
draft's context and chosen per draft, so they are the user's to extend.
"""

from __future__ import annotations

import random
from functools import cache

import yaml

from draftkit.bank.store import CORE_SOURCE, CORE_TITLE
from draftkit.compose.choose import DraftState
from draftkit.compose.subsections import Group
from draftkit.compose.templates import render
from draftkit.models import Block, Provenance, spans_of
from draftkit.resources import data_file

LEAD_IN = "lead-in"


@cache
def _frames() -> dict[str, list[str]]:
    return yaml.safe_load(data_file("leadins.yaml").read_text(encoding="utf-8"))


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


def lead_in(role: str, state: DraftState) -> str:
    """The sentence that opens a level-1 section and says what it will argue."""
    leadins = _frames()
    frames = leadins.get(f"{state.context.get('occasion')}.{role}") or leadins.get(role) or []
    if not frames or not isinstance(frames, list):
        return ""
    frame = random.Random(state.stream + "|lead-in").choice(frames)
    return render(frame, state.context, where="data/leadins.yaml").strip()
