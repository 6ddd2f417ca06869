"""Parse one speech's text into its title, opening, tree of sections and closing.

Owns the tree: the heading ladder with numbers checked in order, starting at whichever level the
speech starts at, or at unnumbered part headings; headings glued to their body; 第一，… as the top
level of a speech without numbers, 一是…/一要… only as the lowest level. The lines around the
body are read in ``frame``, numbers in ``numbering``, words and sentences in ``segment``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from draftkit.models import Document, Section, Speech
from draftkit.reading.frame import (
    closing_start,
    is_date_line,
    is_salutation,
    split_speeches,
    take_title,
    title_from_file_name,
    title_from_opening,
    unglue_title,
    year_in,
    year_in_file_name,
)
from draftkit.reading.numbering import (
    CN_DIGITS,
    ENUM_LEVEL,
    HeadingMatch,
    enumeration_marker,
    match_enumeration,
    match_heading,
    split_heading,
)
from draftkit.reading.segment import sentences


@dataclass
class _Node:
    heading: str
    level: int
    number: int
    marker: str
    index: int
    paragraphs: list[str] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)
    recognised: str = ""

    def freeze(self) -> Section:
        return Section(
            heading=self.heading,
            level=self.level,
            number=self.marker,
            paragraphs=tuple(self.paragraphs),
            children=tuple(child.freeze() for child in self.children),
            index=self.index,
            recognised=self.recognised,
        )


def parse_speech(document: Document) -> Speech:
    """Parse one speech's text into title, opening, sections and closing."""
    paragraphs = unglue_title(p for p in document.text.split("\n") if p.strip())
    paragraphs, found_title, year = take_title(paragraphs)
    paragraphs = join_leads([p for p in paragraphs if not is_date_line(p)])
    title = (
        document.title
        or found_title
        or title_from_opening(paragraphs)
        or title_from_file_name(document.source)
    )
    # In a copy flattened to one line, headings may run straight into their body.
    opening, roots = _sections(paragraphs, glued="flattened" in document.flags)
    closing = _take_closing(roots)
    sections = tuple(node.freeze() for node in roots)
    return Speech(
        source=document.source,
        title=title,
        opening=tuple(opening),
        sections=sections,
        closing=tuple(closing),
        flags=document.flags,
        year=year or year_in(document.title) or year_in_file_name(document.source),
    )


_LEAD = re.compile(r"^[^，。！？；：]{4,20}。$")


def join_leads(paragraphs: list[str]) -> list[str]:
    """Join a short lead sentence on a line of its own to the paragraph after it.

    "产业结构持续优化。" opens its paragraph in most copies; kept apart, the paragraph would
    lose its lead.
    """
    out: list[str] = []
    for text in paragraphs:
        if (
            out
            and _LEAD.match(out[-1])
            and len(text) >= 40
            and match_heading(out[-1]) is None
            and match_heading(text) is None
            and not match_enumeration(out[-1])
            and not match_enumeration(text)
            and not _LEAD.match(sentences(text)[0])
        ):
            out[-1] += text
        else:
            out.append(text)
    return out


def _sections(paragraphs: list[str], *, glued: bool = False) -> tuple[list[str], list[_Node]]:
    """The opening and the top-level sections, whatever the speech numbers them with."""
    unnumbered = _unnumbered_headings(paragraphs)
    if unnumbered:
        return _build_unnumbered(paragraphs, unnumbered, glued)
    top = _top_level(paragraphs)
    opening, roots = _build_tree(paragraphs, enumerations_at_top=False, top=top, glued=glued)
    if not roots and _single_enumeration(paragraphs):
        # A speech without numbered headings is often laid out as 第一，… 第二，… or 首先….
        opening, roots = _build_tree(paragraphs, enumerations_at_top=True, glued=glued)
    return opening, roots


def _heading_shaped(match: HeadingMatch) -> bool:
    return len(match.heading) <= 60 and "，" not in match.heading[:2]


def _top_level(paragraphs: list[str]) -> int:
    """The shallowest ladder level that runs 1, 2 … in the speech (一、, else （一）, else 1．)."""
    seen: dict[int, list[int]] = {}
    for text in paragraphs:
        match = match_heading(text)
        if match is not None and _heading_shaped(match):
            seen.setdefault(match.level, []).append(match.number)
    for level in sorted(seen):
        numbers = seen[level]
        if 1 in numbers and 2 in numbers[numbers.index(1) :]:
            return level
    return 1


def _single_enumeration(paragraphs: list[str]) -> bool:
    """Whether 第一，… 第二，… open paragraphs in one single run.

    Blocks that restart (一是…五是, 一要…六要 again and again) are inline enumerations, not the
    speech's top level.
    """
    ordinals = [match_enumeration(p) for p in paragraphs if _TOP_ENUM.match(p)]
    return len(ordinals) >= 2 and ordinals == list(range(1, len(ordinals) + 1))


# Only these forms can carry a speech's top level; 一是/一要/一抓 stay inline enumerations.
_TOP_ENUM = re.compile(rf"^(?:第[{CN_DIGITS}][，、：]|(?:首先|其次|再次|最后)[，、：])")


_UNNUMBERED_MAX = 32
_NOT_HEADING_END = tuple("。！？；：，、…”）")


def _unnumbered_headings(paragraphs: list[str]) -> list[int]:
    """Short unnumbered lines that head the speech's parts ("“十四五”时期工作回顾").

    Taken only when the numbered headings, if any, all stand under them.
    """
    found = []
    for i, text in enumerate(paragraphs[:-1]):
        if (
            4 <= len(text) <= _UNNUMBERED_MAX
            and not text.endswith(_NOT_HEADING_END)
            and match_heading(text) is None
            and not match_enumeration(text)
            and not is_salutation(text)
            and len(paragraphs[i + 1]) >= 60
            and any(p.endswith(("。", "！", "？")) for p in paragraphs[:i])
        ):
            found.append(i)
    if not 2 <= len(found) <= 6:
        return []
    first_numbered = next(
        (i for i, p in enumerate(paragraphs) if (m := match_heading(p)) and m.level == 1), None
    )
    if first_numbered is not None and first_numbered < found[0]:
        return []
    return found


def _build_unnumbered(
    paragraphs: list[str], heads: list[int], glued: bool = False
) -> tuple[list[str], list[_Node]]:
    roots = []
    for n, start in enumerate(heads):
        end = heads[n + 1] if n + 1 < len(heads) else len(paragraphs)
        body = paragraphs[start + 1 : end]
        lead, children = _build_tree(
            body, enumerations_at_top=False, top=_top_level(body), glued=glued
        )
        node = _Node(paragraphs[start], 1, n + 1, "", start, lead, children)
        node.recognised = "单独成行的无编号标题"
        for child in children:
            _shift(child, start + 1, 2 - child.level)
        roots.append(node)
    return paragraphs[: heads[0]], roots


def _shift(node: _Node, offset: int, levels: int) -> None:
    node.index += offset
    node.level = min(node.level + levels, ENUM_LEVEL) if node.level < ENUM_LEVEL else ENUM_LEVEL
    for child in node.children:
        _shift(child, offset, levels)


@dataclass
class _HeadingNode(_Node):
    body: str = ""


def _build_tree(
    paragraphs: list[str], *, enumerations_at_top: bool, top: int = 1, glued: bool = False
) -> tuple[list[str], list[_Node]]:
    """The opening paragraphs and the tree of headings with the paragraphs under each.

    ``top`` is the ladder level the speech starts at (2 for a speech numbered （一）…, 3 for
    1．…); headings above it are body text, and the tree is relevelled to start at 1.
    """
    opening: list[str] = []
    roots: list[_Node] = []
    stack: list[_Node] = []
    last_number = {level: 0 for level in range(1, ENUM_LEVEL + 1)}
    for index, text in enumerate(paragraphs):
        node = _heading_node(text, index, last_number, stack, enumerations_at_top, top, glued)
        if node is None:
            if stack:
                stack[-1].paragraphs.append(text)
            else:
                opening.append(text)
            continue
        while stack and stack[-1].level >= node.level:
            stack.pop()
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
        if node.body:
            node.paragraphs.append(node.body)
    if top > 1:
        for root in roots:
            _shift(root, 0, 1 - top)
    return opening, roots


def _heading_node(
    text: str,
    index: int,
    last: dict[int, int],
    stack: list[_Node],
    enumerations_at_top: bool = False,
    top: int = 1,
    glued: bool = False,
) -> _HeadingNode | None:
    match = match_heading(text)
    if match is not None and (not _heading_shaped(match) or (glued and match.body)):
        match = _unglue(match) or (match if _heading_shaped(match) else None)
    if match is not None and match.level >= top and _accept(match, last, stack, top):
        _reset_below(match.level, last)
        last[match.level] = match.number
        node = _HeadingNode(
            match.heading, match.level, match.number, match.marker, index, body=match.body
        )
        node.recognised = f"编号“{match.marker}”，第{_LEVEL_NAMES[match.level]}层" + (
            "，标题与正文同段，至第一个句号止" if match.body else ""
        )
        return node
    ordinal = match_enumeration(text)
    in_order = ordinal == last[ENUM_LEVEL] + 1 or (ordinal == 1 and bool(stack))
    if ordinal and (stack or enumerations_at_top) and in_order:
        last[ENUM_LEVEL] = ordinal
        marker = enumeration_marker(text)
        head, _ = split_heading(text[len(marker) :])
        # 一是…，二是…，三是… in one sentence: the first lead ends where the next one starts.
        head = _NEXT_ENUM.split(head)[0]
        node = _HeadingNode(head, ENUM_LEVEL, ordinal, marker, index, body=text)
        node.recognised = (
            "段首序数词（第一，…），全篇无编号标题，作为顶层"
            if not stack
            else "段首序数词（一是…/第一，…），列举层"
        )
        return node
    return None


_NEXT_ENUM = re.compile(rf"[，；](?=[{CN_DIGITS}](?:是|要|方面)|第[{CN_DIGITS}][，、])")
_LEVEL_NAMES = {1: "一", 2: "二", 3: "三", 4: "四", 5: "五"}

# Words that open a new sentence; a heading glued to its body ("…市场主体活力改革开放以来，…")
# ends where one of them begins.
_SENTENCE_OPENER = re.compile(
    r"(?:[\u4e00-\u9fff]{2,4}以来|近年来|多年来|当前|目前|去年|今年|过去|我们|这是|这次|各级|"
    r"实践证明|事实证明|随着|据统计|总的看|从.{1,8}看)"
)


_HAN_RUN = re.compile("[\u4e00-\u9fff]+")


def _unglue(match: HeadingMatch) -> HeadingMatch | None:
    """A heading run into its body with no mark between: cut where a new sentence opens.

    The new sentence opens with a word that starts sentences (改革开放以来, 当前, 我们, 各级…),
    or with the words the heading ended on ("加快转变政府职能政府职能转变是…").
    """
    text = match.heading + ("。" + match.body if match.body else "")
    head = match.heading.split("，")[0]
    m = _SENTENCE_OPENER.search(head, 6)
    if m is not None and m.start() <= 30 and (len(head) - m.end() >= 2 or "，" in match.heading):
        cut = m.start()
    else:
        # The heading's last words said again at once: "…政府职能|政府职能转变是…".
        repeats = (
            k
            for k in range(6, min(len(head) - 4, 30))
            for n in (6, 5, 4, 3, 2)
            if head[k : k + n] == head[k - n : k] and _HAN_RUN.fullmatch(head[k : k + n])
        )
        cut = next(repeats, 0)
    if not cut:
        return None
    return replace(match, heading=head[:cut], body=text[cut:])


def _accept(match: HeadingMatch, last: dict[int, int], stack: list[_Node], top: int = 1) -> bool:
    """Numbers must run in order; one gap is tolerated for a clearly heading-shaped line."""
    if not _heading_shaped(match):
        return False
    if match.level > top and not stack and match.level != 2:
        return False
    expected = last[match.level] + 1
    if match.number == expected:
        return True
    if match.number == 1 and match.level > 1:
        return True
    return match.number == expected + 1 and match.body == "" and len(match.heading) <= 40


def _reset_below(level: int, last: dict[int, int]) -> None:
    for lower in range(level + 1, ENUM_LEVEL + 1):
        last[lower] = 0


def _take_closing(roots: list[_Node]) -> list[str]:
    """The closing: the last "同志们，…" (总之, 让我们) paragraph near the end, and the rest."""
    if not roots:
        return []
    holder = roots[-1]
    while holder.children:
        holder = holder.children[-1]
    paragraphs = holder.paragraphs
    start = closing_start(paragraphs)
    if start is None:
        return []
    closing = paragraphs[start:]
    del paragraphs[start:]
    return closing


def parse_document(document: Document) -> list[Speech]:
    """Every speech in a cleaned document, parsed."""
    return [parse_speech(part) for part in split_speeches(document)]
