"""Body text from loose sentences, for what the topic's points cannot fill.

The mined sentences of speeches and draftkit's base wording, drawn by role: each paragraph opens
the way speeches do, and under a heading the sentences that take up its words come first. A
role that has run dry borrows from its neighbours.
"""

from __future__ import annotations

from draftkit.bank.store import Bank
from draftkit.compose.choose import REVIEW_ONLY, DraftState, body_sentence, draw, take_provenance
from draftkit.compose.echoes import clause_said, note_said
from draftkit.compose.material import bigrams
from draftkit.compose.topicality import heading_words
from draftkit.models import Block, Entry, count_hanzi, spans_of

_OPENERS = (
    "要",
    "必须",
    "坚持",
    "切实",
    "进一步",
    "加快",
    "始终",
    "着力",
    "把",
    "以",
    "强化",
    "加强",
)


def loose_paragraphs(
    bank: Bank,
    state: DraftState,
    role: str,
    budget: int,
    shape: tuple[int, int],
    *,
    about: str = "",
) -> list[Block]:
    """Body paragraphs of about ``budget`` characters, each opening the way speeches do.

    Under a heading (``about``), sentences that take up one of its words come first.
    """
    count = max(1, min(state.rng.randint(*shape), budget // 120 or 1))
    per = max(budget // count, 60)
    keys = heading_words(about)
    blocks = []
    for _ in range(count):
        text = _paragraph_text(bank, state, role, per, keys)
        if text:
            blocks.append(Block("paragraph", spans_of(text), role, take_provenance(state)))
    return blocks


def _paragraph_text(
    bank: Bank, state: DraftState, role: str, budget: int, keys: tuple[str, ...] = ()
) -> str:
    def on_heading(check):  # type: ignore[no-untyped-def]
        return lambda t: check(t) and any(k in t for k in keys)

    opener = None
    if keys:  # a sentence that takes up the heading opens the paragraph when there is one
        opener = draw_body(bank, state, role, on_heading(body_sentence))
    if opener is None:
        opener = draw_body(bank, state, role, _opening_sentence)
    if opener is None:
        opener = draw_body(bank, state, role, body_sentence)
    if opener is None:
        return ""
    text = opener[0]
    while count_hanzi(text) < budget - 20:
        room = budget - count_hanzi(text) + 25

        def fits(t: str, room: int = room) -> bool:
            return body_sentence(t) and count_hanzi(t) <= room

        extra = draw_body(bank, state, role, on_heading(fits)) if keys else None
        if extra is None:
            extra = draw_body(bank, state, role, fits)
        if extra is None:
            break
        text += extra[0] if extra[0].endswith(("。", "！")) else extra[0].rstrip("；") + "。"
    return text


_NEIGHBOURS = {
    "回顾": ("认识", "要求"),
    "认识": ("要求", "保障"),
    "要求": ("保障", "认识"),
    "保障": ("要求", "认识"),
}


def draw_body(bank: Bank, state: DraftState, role: str, check) -> tuple[str, Entry] | None:  # type: ignore[no-untyped-def]
    """A sentence of the section's own role; a role that has run dry borrows from its neighbours."""
    if role != "回顾":
        check = lambda t, base=check: base(t) and not REVIEW_ONLY.search(t)  # noqa: E731
    # Nothing the draft has said already, in these words or nearly.
    check = lambda t, base=check: base(t) and not _said(t, state)  # noqa: E731
    found = draw(state, bank.of("sentence", role), check=check)
    for other in _NEIGHBOURS.get(role, ()):
        if found is not None:
            break
        found = draw(state, bank.of("sentence", other), check=check)
    if found is not None:
        note_said(found[0], bigrams(found[0]), state)
    return found


def _said(text: str, state: DraftState) -> bool:
    return clause_said(text, state) or state.said.already(bigrams(text))


def _opening_sentence(text: str) -> bool:
    return body_sentence(text) and text.startswith(_OPENERS)
