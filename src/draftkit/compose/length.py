"""Fit a composed draft to its length: trim the longest paragraphs, or add what belongs.

A short draft takes, first, a point on a sub-section's own heading; then the section's best
unused point (with the user's material, only the material's own and points that take up the
heading); last, loose sentences on the shortest paragraph the bank wrote. A draft the bank cannot
bring within ±10% is an ``AnswersError`` that says how far it can go; a draft of the user's own
material is kept shorter rather than padded.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from draftkit.bank.store import Bank
from draftkit.compose.choose import (
    DraftState,
    body_sentence,
    take_provenance,
)
from draftkit.compose.given_sections import (
    given_extra,
)
from draftkit.compose.headings import SHORTCOMINGS
from draftkit.compose.leadins import (
    LEAD_IN,
    OCCASION,
)
from draftkit.compose.loose import draw_body
from draftkit.compose.subsections import (
    extra_paragraph,
)
from draftkit.compose.templates import SectionSpec
from draftkit.compose.topicality import telling_words
from draftkit.errors import AnswersError, LengthShort
from draftkit.models import (
    MATERIAL,
    Block,
    Provenance,
    count_hanzi,
    spans_of,
)


def fit_length(
    blocks: list[Block],
    target: int,
    bank: Bank,
    state: DraftState,
    specs: Mapping[str, SectionSpec],
) -> list[Block]:
    """Trim or extend body paragraphs until the draft is within ±10% of the target.

    A length the user asked for and the bank cannot reach is an error that names the most it
    can give; the occasion's default length is a guide, so a topic the bank knows little of
    gives a shorter draft instead of one padded with other subjects.
    """
    total = sum(count_hanzi(b.text) for b in blocks)
    # A section's lead-in says what follows; it is neither trimmed nor extended.
    paragraphs = [
        i
        for i, b in enumerate(blocks)
        if b.kind == "paragraph"
        and b.role != "开场"
        and not (b.provenance and b.provenance[0].kind == LEAD_IN)
    ]
    guard = 0
    while total > target * 1.08 and paragraphs and guard < 400:
        guard += 1
        i = max(paragraphs, key=lambda j: count_hanzi(blocks[j].text))
        trimmed = _drop_last_sentence(blocks[i])
        if trimmed is None:
            paragraphs.remove(i)
            continue
        total -= count_hanzi(blocks[i].text) - count_hanzi(trimmed.text)
        blocks[i] = trimmed
    while total < target * 0.95 and state.material is not None and guard < 400:
        guard += 1
        added = _add_point_paragraph(blocks, paragraphs, state, specs)
        if not added:
            break
        total += added
    # A loose sentence is never added to a paragraph of the user's material or the occasion's
    # argument, and at most one or two to a point's: after its own sentences more read as
    # padding, and ten of them are a heap. Paragraphs of loose sentences grow up to a
    # paragraph's size; a length asked for beyond that is reached by planning the sections
    # longer.
    loose = {i: LOOSE_MAX for i in paragraphs if _loose(blocks[i])}
    total = _pad(blocks, loose, total, target, bank, state)
    if state.asked:
        # A length asked for may take one loose sentence after a point, never a run of them.
        grown = {
            i: count_hanzi(blocks[i].text) + POINT_GROWTH
            for i in paragraphs
            if not _loose(blocks[i]) and not _from_material(blocks[i])
        }
        total = _pad(
            blocks, grown, total, target, bank, state, most=POINT_SENTENCES, on_heading=True
        )
    if not state.asked:
        return blocks  # the occasion's length is a guide: what is on the topic, not padding
    if state.given is not None and total < 0.9 * target:
        return blocks  # a shorter draft of the user's own facts, not one padded to length
    if total > 1.1 * target:
        raise AnswersError(
            f"篇幅 {target} 字写不下：本题目至少约 {total} 字",
            field="length",
            hint=f"把篇幅改为 {-(-total // 100) * 100} 字以上",
        )
    if total < 0.9 * target:
        raise length_short(target, total)
    return blocks


def length_short(target: int, reached: int) -> LengthShort:
    """The refusal of a length the bank cannot reach, naming the most it gives."""
    return LengthShort(
        f"这个词库写不到 {target} 字：本题目最多约 {reached} 字",
        reached=reached,
        hint=f"把篇幅改为 {reached // 100 * 100} 字以内，或挖掘更大的语料",
    )


def _add_point_paragraph(
    blocks: list[Block],
    paragraphs: list[int],
    state: DraftState,
    specs: Mapping[str, SectionSpec],
) -> int:
    """Insert one more point after the shortest section's last paragraph; its length, or 0."""
    assert state.material is not None
    by_part: dict[tuple[str, int], list[int]] = {}
    part = 0
    for i, block in enumerate(blocks):
        part += block.kind in ("heading1", "heading2")
        if i in paragraphs:
            by_part.setdefault((block.role, part), []).append(i)
    given = state.given
    parts = sorted(by_part.items(), key=lambda kv: _chars(blocks, kv[1]))
    # A part takes a point on its own heading first; only when none has one does the shortest
    # section without sub-points take its role's best point.
    for about in (True, False):
        tried: set[str] = set()
        for (role, _), indices in parts:
            if not about and role in tried:
                continue
            tried.add(role)
            over = _heading_over(blocks, min(indices))
            if SHORTCOMINGS.search(over):
                continue  # nothing is added after a review's problems
            if role in ("回顾", "认识") and all(_from_material(blocks[i]) for i in indices):
                continue  # the occasion's own review or argument is whole as it stands
            if about and (not over or over in state.lengthened):
                continue  # one more point on a heading; a second says the same again
            if not about and over:
                continue  # under a heading only a point on it: another would heap up there
            heading = over if about else ""
            spec = specs.get(role)
            text, provenance = ("", ())
            if given and spec and not about and not over:
                # More of the material only where no heading says what it must be about: a
                # task of the plan under another task's heading is the plan scrambled.
                text, provenance = given_extra(given, state, spec)
            # With material, the bank lends only a point on a sub-section's own heading: its
            # best point for the role whatever the heading is another body's work.
            if not text and not (given and not about):
                # Under a heading, only a point that leads with the topic itself: one on
                # another measure is another body's.
                extra = extra_paragraph(
                    state.material, state, role, about=heading, lead_topic=bool(over)
                )
                text, provenance = extra if extra else ("", ())
            if text:
                state.lengthened.add(over)
                return _insert(blocks, paragraphs, max(indices) + 1, text, provenance, role)
    return 0


def _heading_over(blocks: list[Block], index: int) -> str:
    """The sub-point heading a paragraph stands under ("" under a level-1 heading)."""
    for block in reversed(blocks[:index]):
        if block.kind == "heading2":
            return re.sub(r"^（[一二三四五六七八九十]+）", "", block.text)
        if block.kind == "heading1":
            return ""
    return ""


def _insert(
    blocks: list[Block],
    paragraphs: list[int],
    at: int,
    text: str,
    provenance: tuple[Provenance, ...],
    role: str,
) -> int:
    """Insert one paragraph at ``at``; its length."""
    blocks.insert(at, Block("paragraph", spans_of(text), role, provenance))
    paragraphs[:] = [j + 1 if j >= at else j for j in paragraphs] + [at]
    return count_hanzi(text)


# The most a paragraph of loose sentences grows to when a draft is lengthened to the
# occasion's own length; the most a point's paragraph grows by for a length asked for (one
# sentence, two short ones).
LOOSE_MAX = 260
POINT_GROWTH = 60
POINT_SENTENCES = 2


def _pad(
    blocks: list[Block],
    limits: Mapping[int, int],
    total: int,
    target: int,
    bank: Bank,
    state: DraftState,
    most: int | None = None,
    on_heading: bool = False,
) -> int:
    """Add loose sentences to the shortest paragraph until the draft is long enough.

    ``limits`` maps each paragraph that may grow to the length it stops at; ``most`` is how many
    sentences one paragraph may take (no bound when None). With ``on_heading``, a paragraph
    takes only a sentence on its sub-point heading's own words: after a point's measures, a
    sentence on anything else (用好数据和科技手段… under 深化项目推进年活动) is padding.
    """
    open_ = list(limits)
    added: dict[int, int] = {}
    guard = 0
    while total < target * 0.93 and open_ and guard < 800:
        guard += 1
        i = min(open_, key=lambda j: count_hanzi(blocks[j].text))
        if count_hanzi(blocks[i].text) >= limits[i] or added.get(i, 0) == most:
            open_.remove(i)
            continue
        check = body_sentence
        if on_heading:
            keys = telling_words(_heading_over(blocks, i), state)
            if not keys:
                open_.remove(i)
                continue
            check = lambda t, keys=keys: body_sentence(t) and any(k in t for k in keys)  # noqa: E731
        extra = draw_body(bank, state, blocks[i].role, check)
        if extra is None:  # nothing more on this paragraph's heading, or in this role
            if on_heading:
                open_.remove(i)
                continue
            role = blocks[i].role
            open_ = [j for j in open_ if blocks[j].role != role]
            continue
        block = blocks[i]
        blocks[i] = Block(
            block.kind,
            block.spans + spans_of(extra[0]),
            block.role,
            block.provenance + take_provenance(state),
        )
        total += count_hanzi(extra[0])
        added[i] = added.get(i, 0) + 1
    return total


def _loose(block: Block) -> bool:
    return not _from_material(block) and not any(p.kind == "point" for p in block.provenance)


def _from_material(block: Block) -> bool:
    """The user's material or the occasion's own argument: said whole, never padded."""
    return any(p.kind in (MATERIAL, OCCASION) for p in block.provenance)


def _chars(blocks: list[Block], indices: list[int]) -> int:
    return sum(count_hanzi(blocks[i].text) for i in indices)


def _drop_last_sentence(block: Block) -> Block | None:
    text = block.text
    parts = re.findall(r"[^。！？]+[。！？]", text)
    if len(parts) < 2:
        return None
    kept = "".join(parts[:-1])
    return Block(block.kind, spans_of(kept), block.role, block.provenance[:-1] or block.provenance)
