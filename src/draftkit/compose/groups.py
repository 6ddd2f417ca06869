"""Sub-sections made of an occasion's or a kind's sub-point: lengthened, or swapped.

A kind's short sub-point takes a point of the bank's on its own heading; a heading the user
swapped in, where a kind's or the material's sub-point stood, comes with its own body.
"""

from __future__ import annotations

from collections.abc import Mapping

from draftkit.bank.store import Bank
from draftkit.compose.choose import DraftState
from draftkit.compose.material import Material
from draftkit.compose.subsections import Group, extra_paragraph, plan_section, realise
from draftkit.models import Block, count_hanzi, spans_of


def developed(
    group: Group, bank: Bank, material: Material, state: DraftState, role: str, budget: int
) -> Group:
    """An occasion's sub-point with, where it is short, more on its heading.

    A point of the bank's that takes up the heading, else sentences that take up its words.
    """
    left = budget - sum(count_hanzi(b.text) for b in group.paragraphs)
    if left < budget * 0.4 or not group.heading or role in ("回顾", "认识"):
        return group  # a review's or an argument's frame is whole; tasks may take a point more
    found = extra_paragraph(material, state, role, about=group.heading)
    if found is None:
        return group  # loose sentences under a frame read as a heap, not as its argument
    more = [Block("paragraph", spans_of(found[0]), role, found[1])]
    return Group(group.heading, group.provenance, [*group.paragraphs, *more], group.problems)


def swap_given(
    groups: list[Group],
    overrides: Mapping[int, str],
    material: Material | None,
    state: DraftState,
    role: str,
    per_point: int,
) -> list[Group]:
    """The material's sub-sections with the user's swapped headings, each with its own body."""
    out = list(groups)
    for sub, heading in overrides.items():
        if sub > len(out):
            continue
        plans = plan_section(material, state, role, 1, per_point, {1: heading}) if material else []
        made = realise(plans[0], state, role, per_point) if plans else None
        out[sub - 1] = made or Group(heading, out[sub - 1].provenance, out[sub - 1].paragraphs)
        state.headings.append(heading)
    return out
