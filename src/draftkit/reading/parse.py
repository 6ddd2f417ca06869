"""Split cleaned documents into speeches and parse their structure.

Owns the heading ladder (一、 / （一） / 1. / （1） with numbers checked in order), inline
enumerations (一是… / 第一，… / 首先…) as the lowest level, the opening and the closing, sentence
splitting, and the word segmenter (rjieba, the jieba-rs binding; jieba as a fallback).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache

from draftkit.models import Document, Section, Speech

CN_DIGITS = "一二三四五六七八九十"
_CN_VALUE = {ch: i for i, ch in enumerate(CN_DIGITS, start=1)}

# --- the segmenter -----------------------------------------------------------------------------


@cache
def _segmenter():  # type: ignore[no-untyped-def]
    try:
        import rjieba

        return rjieba.cut, rjieba.tag
    except ImportError:  # pragma: no cover - rjieba ships wheels for common platforms
        import jieba
        import jieba.posseg

        return (lambda t: jieba.lcut(t)), (
            lambda t: [(p.word, p.flag) for p in jieba.posseg.cut(t)]
        )


def words(text: str) -> list[str]:
    """Segment Chinese text into words."""
    return list(_segmenter()[0](text))


def tagged(text: str) -> list[tuple[str, str]]:
    """Words with their part-of-speech tags (``ns`` place, ``nr`` person, ``nt`` unit …)."""
    return list(_segmenter()[1](text))


# --- numbers and headings ------------------------------------------------------------------------


def cn_number(text: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20."""
    if text.isdigit():
        return int(text)
    if len(text) == 1:
        return _CN_VALUE.get(text, 0)
    if text.startswith("十"):
        return 10 + _CN_VALUE.get(text[1:], 0)
    if text.endswith("十"):
        return _CN_VALUE.get(text[0], 0) * 10
    return _CN_VALUE.get(text[0], 0) * 10 + _CN_VALUE.get(text[-1], 0)


_LADDER = (
    (1, re.compile(rf"^([{CN_DIGITS}]{{1,3}})、(.+)")),
    (2, re.compile(rf"^（([{CN_DIGITS}]{{1,3}})）(.+)")),
    (3, re.compile(r"^(\d{1,2})(?:[、．]|\.(?!\d))(.+)")),
    (4, re.compile(r"^（(\d{1,2})）(.+)")),
)
ENUM_LEVEL = 5
_ENUM = re.compile(
    rf"^(?:([{CN_DIGITS}])(?:是|要|方面)|第([{CN_DIGITS}])[，、：]|(首先|其次|再次|最后)[，、：是])"
)
_ORDINALS = {"首先": 1, "其次": 2, "再次": 3, "最后": 4}


@dataclass(frozen=True, slots=True)
class HeadingMatch:
    """A line recognised as a numbered heading, split into number, heading and run-in body."""

    level: int
    number: int
    marker: str
    heading: str
    body: str


def match_heading(line: str) -> HeadingMatch | None:
    """Recognise a numbered heading; the number order is checked by the caller."""
    for level, pattern in _LADDER:
        m = pattern.match(line)
        if m:
            number = cn_number(m.group(1))
            marker = line[: len(line) - len(m.group(2))]
            heading, body = split_heading(m.group(2))
            return HeadingMatch(level, number, marker, heading, body)
    return None


def match_enumeration(line: str) -> int:
    """The ordinal of a paragraph that opens with 一是/第一，/首先…, or 0."""
    m = _ENUM.match(line)
    if not m:
        return 0
    if m.group(3):
        return _ORDINALS[m.group(3)]
    return cn_number(m.group(1) or m.group(2))


def split_heading(rest: str) -> tuple[str, str]:
    """A run-in heading ends at its first 。 (or ？！); a short line is all heading."""
    m = re.search(r"[。！？]", rest)
    if m and m.end() < len(rest):
        return rest[: m.start()], rest[m.end() :]
    return rest.rstrip("。；;"), ""


def _heading_shaped(match: HeadingMatch) -> bool:
    return len(match.heading) <= 60 and "，" not in match.heading[:2]


# --- sentences -----------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"([。！？；!?]+[”’」』]?)")


def sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences, keeping each end mark (and a closing quote) attached."""
    parts = _SENTENCE_END.split(paragraph)
    out = []
    for i in range(0, len(parts), 2):
        text = parts[i] + (parts[i + 1] if i + 1 < len(parts) else "")
        if text.strip():
            out.append(text.strip())
    return out


# --- splitting a file into speeches --------------------------------------------------------------

_SPEECH_MARKER = re.compile(
    r"^.{0,24}?(?:范文|讲话|致辞|发言)?(?:篇\s*\d{1,3}|第[一二三四五六七八九十\d]{1,3}篇)$"
)
_SALUTATION = re.compile(r"^(?:尊敬的|各位|同志们|同学们|老师们|女士们|亲爱的).{0,30}[：:]$")
_TITLE = re.compile(r"(讲话|致辞|发言|报告|讲稿|講話)(（.{1,12}）)?$")
_CLOSING_START = re.compile(r"^(同志们[，！]|总之[，：]|总而言之|让我们)")
_THANKS = re.compile(r"^谢谢(大家|各位)?[！!。]?$")
_OPENING_TRANSITION = re.compile(
    r"(下面|现在|借此机会)[，,]?.{0,30}(讲|谈|强调)(几|两|三|四|五)?(点|个方面)"
)


def split_speeches(document: Document) -> list[Document]:
    """One document per speech: files such as "范文篇1 … 篇10" hold several."""
    lines = [line for line in document.text.split("\n") if line.strip()]
    starts = [i for i, line in enumerate(lines) if _SPEECH_MARKER.match(line)]
    if len(starts) < 2:
        return _split_after_thanks(document, _dedupe(lines))
    out = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        body = lines[start + 1 : end]
        if body:
            out.append(replace(document, title=lines[start], text="\n".join(body)))
    return out


def _split_after_thanks(document: Document, lines: list[str]) -> list[Document]:
    """Speeches pasted one after another.

    A new speech starts where a salutation follows within a few lines of 谢谢大家, or of a title
    line ("…上的讲话") further down the file.
    """
    cuts = [0]
    for i in range(1, len(lines)):
        if not any(_SALUTATION.match(x) for x in lines[i : i + 4]):
            continue
        after_thanks = _THANKS.match(lines[i - 1]) is not None
        new_title = i > 3 and len(lines[i]) <= 50 and _TITLE.search(lines[i]) is not None
        if after_thanks or new_title:
            cuts.append(i)
    cuts.append(len(lines))
    parts = [lines[a:b] for a, b in zip(cuts, cuts[1:], strict=False) if lines[a:b]]
    return [replace(document, text="\n".join(part)) for part in parts]


def _dedupe(lines: list[str]) -> list[str]:
    return [line for i, line in enumerate(lines) if i == 0 or line != lines[i - 1]]


# --- parsing one speech ------------------------------------------------------------------------


@dataclass
class _Node:
    heading: str
    level: int
    number: int
    marker: str
    index: int
    paragraphs: list[str] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)

    def freeze(self) -> Section:
        return Section(
            heading=self.heading,
            level=self.level,
            number=self.marker,
            paragraphs=tuple(self.paragraphs),
            children=tuple(child.freeze() for child in self.children),
            index=self.index,
        )


def parse_speech(document: Document) -> Speech:
    """Parse one speech's text into title, opening, sections and closing."""
    paragraphs = [p for p in document.text.split("\n") if p.strip()]
    title = document.title
    paragraphs, found_title = _take_title(paragraphs)
    title = title or found_title or _title_from_opening(paragraphs)
    opening, roots = _build_tree(paragraphs, enumerations_at_top=False)
    if not roots:
        # A speech without numbered headings is often laid out as 第一，… 第二，… or 一是… 二是….
        opening, roots = _build_tree(paragraphs, enumerations_at_top=True)
    closing = _take_closing(roots)
    sections = tuple(node.freeze() for node in roots)
    return Speech(
        source=document.source,
        title=title,
        opening=tuple(opening),
        sections=sections,
        closing=tuple(closing),
        flags=document.flags,
    )


@dataclass
class _HeadingNode(_Node):
    body: str = ""


def _build_tree(
    paragraphs: list[str], *, enumerations_at_top: bool
) -> tuple[list[str], list[_Node]]:
    """The opening paragraphs and the tree of headings with the paragraphs under each."""
    opening: list[str] = []
    roots: list[_Node] = []
    stack: list[_Node] = []
    last_number = {level: 0 for level in range(1, ENUM_LEVEL + 1)}
    for index, text in enumerate(paragraphs):
        node = _heading_node(text, index, last_number, stack, enumerations_at_top)
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
    return opening, roots


def _heading_node(
    text: str,
    index: int,
    last: dict[int, int],
    stack: list[_Node],
    enumerations_at_top: bool = False,
) -> _HeadingNode | None:
    match = match_heading(text)
    if match is not None and _accept(match, last, stack):
        _reset_below(match.level, last)
        last[match.level] = match.number
        return _HeadingNode(
            match.heading, match.level, match.number, match.marker, index, body=match.body
        )
    ordinal = match_enumeration(text)
    in_order = ordinal == last[ENUM_LEVEL] + 1 or (ordinal == 1 and bool(stack))
    if ordinal and (stack or enumerations_at_top) and in_order:
        last[ENUM_LEVEL] = ordinal
        head, _ = split_heading(text)
        return _HeadingNode(head, ENUM_LEVEL, ordinal, "", index, body=text)
    return None


def _accept(match: HeadingMatch, last: dict[int, int], stack: list[_Node]) -> bool:
    """Numbers must run in order; one gap is tolerated for a clearly heading-shaped line."""
    if not _heading_shaped(match):
        return False
    if match.level > 1 and not stack and match.level != 2:
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


def _take_title(paragraphs: list[str]) -> tuple[list[str], str]:
    title = ""
    while (
        paragraphs and not _SALUTATION.match(paragraphs[0]) and match_heading(paragraphs[0]) is None
    ):
        first = paragraphs[0]
        if len(first) <= 50 and not first.endswith(("。", "！", "？")):
            title = title or first
            paragraphs = paragraphs[1:]
            continue
        break
    return paragraphs, title


_MEETING = re.compile(
    r"(?:召开|举行|举办)(?:了|的)?(?:这次)?(.{4,36}?(?:大会|会议|座谈会|动员会|推进会|演示会|培训班|开班式|表彰会))"
)


def _title_from_opening(paragraphs: list[str]) -> str:
    name = _meeting_in(paragraphs[:5])
    return f"在{name}上的讲话" if name else ""


def _meeting_in(paragraphs: list[str] | tuple[str, ...]) -> str:
    """The meeting named in the opening; "今天…召开…" beats a mention of another meeting."""
    found = []
    for text in paragraphs:
        for sentence in sentences(text):
            m = _MEETING.search(sentence)
            if m:
                found.append((not re.search("今天|这次|此次|本次", sentence), m.group(1)))
    return min(found)[1] if found else ""


def meeting_name(speech: Speech) -> str:
    """The meeting a speech was given at, from its title or opening ("…动员大会")."""
    m = re.search(r"在(.+?)上的(?:讲话|致辞|发言)", speech.title)
    if m:
        return m.group(1)
    m = re.search(r"(.+?)(?:上的)?(?:讲话|致辞|发言)$", speech.title)
    if m and not _SPEECH_MARKER.match(speech.title):
        return m.group(1)
    return _meeting_in(speech.opening[:5])


def _take_closing(roots: list[_Node]) -> list[str]:
    """The closing: the last "同志们，…" (总之, 让我们) paragraph near the end, and the rest."""
    if not roots:
        return []
    holder = roots[-1]
    while holder.children:
        holder = holder.children[-1]
    paragraphs = holder.paragraphs
    for i in range(len(paragraphs) - 1, max(len(paragraphs) - 4, -1), -1):
        text = paragraphs[i]
        last = i == len(paragraphs) - 1
        if _CLOSING_START.match(text) or (last and _THANKS.match(text)):
            closing = paragraphs[i:]
            del paragraphs[i:]
            return closing
    return []


def is_transition(text: str) -> bool:
    """The "下面，我讲几点意见" sentence that hands over from the opening to the body."""
    return bool(_OPENING_TRANSITION.search(text))


def is_salutation(text: str) -> bool:
    return bool(_SALUTATION.match(text))


def parse_document(document: Document) -> list[Speech]:
    """Every speech in a cleaned document, parsed."""
    return [parse_speech(part) for part in split_speeches(document)]
