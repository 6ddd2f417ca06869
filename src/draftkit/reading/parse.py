"""Split cleaned documents into speeches and parse their structure.

Owns the heading ladder (一、 / （一） / 1. / （1） with numbers checked in order), inline
enumerations (一是… / 第一，… / 首先…) as the lowest level, the opening and the closing, sentence
splitting, and the word segmenter (rjieba, the jieba-rs binding; jieba as a fallback).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
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
# Any number a sentence or heading opens with in its source (一是, 第一，, （一）, 1., 首先，…):
# a draft numbers its own points.
ENUMERATOR = re.compile(
    r"^(?:[一二三四五六七八九十]+(?:[是抓]|要(?![素求点件]))|"
    r"第[一二三四五六七八九十]+[，、]|（[一二三四五六七八九十]+）|"
    r"[一二三四五六七八九十]+、|\d+[．.、]|（\d+）|——|(?:首先|其次|再次|最后|一方面|另一方面)[，、])"
)


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
_CLOSING_START = re.compile(r"^(同志们[，！]|各位代表[，！]|总之[，：]|总而言之|让我们)")
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
        # A title line starts a new speech only once the current one has had body text.
        has_body = sum(len(x) > 40 for x in lines[cuts[-1] : i]) >= 2
        new_title = has_body and len(lines[i]) <= 50 and _TITLE.search(lines[i]) is not None
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
    paragraphs, found_title, year = _take_title(paragraphs)
    paragraphs = join_leads([p for p in paragraphs if not _DATE_LINE.match(p)])
    title = (
        document.title
        or found_title
        or _title_from_opening(paragraphs)
        or _title_from_file_name(document.source)
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
        year=year or year_in(document.title) or _year_in_file_name(document.source),
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
            and not _SALUTATION.match(text)
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


# "在…大会上的讲话（2020年11月24日）某某同志们：今天…" all on one line.
_GLUED_TITLE = re.compile(
    r"^(?P<title>.{4,60}?(?:讲话|致辞|发言|报告))\s*"
    r"(?P<date>[（(]?\s*(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年[^）)]{0,10}日[）)]?)?\s*"
    r"(?P<name>[\u4e00-\u9fff·]{2,5}?)?\s*"
    r"(?P<salutation>(?:同志们|各位代表|各位领导|同学们|老师们|女士们)[^：:。]{0,20}[：:])(?P<rest>.*)$"
)


def unglue_title(paragraphs: Iterable[str]) -> list[str]:
    """Split a title, date and salutation glued onto the first paragraph back into lines."""
    out: list[str] = []
    for text in paragraphs:
        m = _GLUED_TITLE.match(text) if len(out) < 3 else None
        if m and (m.group("date") or m.group("name") or m.group("rest")):
            out.append(m.group("title"))
            if m.group("date"):
                out.append(m.group("date"))
            out.append(m.group("salutation"))
            if m.group("rest").strip():
                out.append(m.group("rest").strip())
        else:
            out.append(text)
    return out


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
        marker = _ENUM.match(text).group(0)  # type: ignore[union-attr]
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


# A date line under the title: "——2026年1月22日在…上", "（2020年11月24日）", "二〇二六年一月…".
_YEAR = r"(?:19|20)\d{2}|[〇零一二][〇零一二三四五六七八九]{3}"
_DATE_LINE = re.compile(
    rf"^[—―－\-]*\s*[（(]?\s*(?P<year>{_YEAR})\s*年[^。，！？]{{0,10}}?(?:日|月)"
    r"(?:\s*在[^。！？]{2,60}?上(?:的(?:讲话|报告|发言|致辞))?)?\s*[）)]?(?:\s+[^。，！？]{1,24})?$"
)
_SPEAKER = re.compile(
    r"^[^。，！？：:]{0,24}(?:市长|省长|主席|总理|县长|区长|书记|校长|局长|总经理|董事长)\s*[\u4e00-\u9fff·\s]{0,8}$"
)
_CN_YEAR_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")


def year_in(text: str) -> int | None:
    """The year a title or date line names (2026年…, 二〇二六年…), or None."""
    m = re.search(rf"({_YEAR})\s*年", text)
    if not m:
        return None
    return int(m.group(1).translate(_CN_YEAR_DIGITS))


def _title_from_file_name(source: str) -> str:
    stem = source.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return stem if _TITLE.search(stem) else ""


def _year_in_file_name(source: str) -> int | None:
    m = re.search(r"(?<!\d)((?:19|20)\d{2})(?!\d)", source.rsplit("/", 1)[-1])
    return int(m.group(1)) if m else None


def _take_title(paragraphs: list[str]) -> tuple[list[str], str, int | None]:
    """The title block before the salutation: title (split lines rejoined), date, speaker.

    A line that reads as a title ("…的讲话", "…工作报告") beats whatever a site put above it.
    """
    region: list[str] = []
    while (
        paragraphs and not _SALUTATION.match(paragraphs[0]) and match_heading(paragraphs[0]) is None
    ):
        first = paragraphs[0]
        if len(first) <= 60 and not first.endswith(("。", "！", "？")):
            region.append(first)
            paragraphs = paragraphs[1:]
            continue
        break
    region = _rejoin_split_lines(region)
    year = next((year_in(line) for line in region if _DATE_LINE.match(line)), None)
    named = [line for line in region if not _DATE_LINE.match(line) and not _SPEAKER.match(line)]
    titled = [line for line in named if _TITLE.search(line)]
    # A subtitle "——在…会议上的讲话" under a slogan title names the occasion: it is the title.
    title = (titled or named or [""])[0].lstrip("—―－- ")
    return paragraphs, title, year or year_in(title)


def _rejoin_split_lines(region: list[str]) -> list[str]:
    """A title or date line broken over two to four lines is joined back."""

    def whole(line: str) -> bool:
        return bool(_TITLE.search(line) or _DATE_LINE.match(line))

    out: list[str] = []
    i = 0
    while i < len(region):
        joined = region[i]
        for span in (4, 3, 2):
            parts = region[i : i + span]
            # The tail of a broken title cannot stand alone: "上的讲话", "告", "…会议上".
            tail = parts[-1]
            tail_is_piece = not whole(tail) or tail.startswith(("上", "的")) or len(tail) <= 4
            if (
                len(parts) == span
                and not whole(parts[0])
                and tail_is_piece
                and whole("".join(parts))
            ):
                joined = "".join(parts)
                i += span - 1
                break
        out.append(joined)
        i += 1
    return out


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
