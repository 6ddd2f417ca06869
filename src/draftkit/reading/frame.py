"""The lines around a speech's body, and where one speech of a file ends and the next begins.

Owns the markers that split a collection (范文篇N, speeches pasted one after another), the title
block (the title rejoined when split over lines, the date line and year, the speaker), the meeting
a speech was given at, the salutation, the "下面，我讲几点意见" hand-over to the body and where the
closing starts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from draftkit.models import Document, Speech
from draftkit.reading.numbering import match_heading
from draftkit.reading.segment import sentences

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

# --- splitting a file into speeches --------------------------------------------------------------


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


# --- the title block -----------------------------------------------------------------------------

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


def is_date_line(text: str) -> bool:
    """A date line under the title: "——2026年1月22日在…上", "（2020年11月24日）"."""
    return bool(_DATE_LINE.match(text))


def year_in(text: str) -> int | None:
    """The year a title or date line names (2026年…, 二〇二六年…), or None."""
    m = re.search(rf"({_YEAR})\s*年", text)
    if not m:
        return None
    return int(m.group(1).translate(_CN_YEAR_DIGITS))


def title_from_file_name(source: str) -> str:
    """A file name that reads as a title ("…上的讲话.docx"), without its suffix, or ""."""
    stem = source.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return stem if _TITLE.search(stem) else ""


def year_in_file_name(source: str) -> int | None:
    """The year (19xx, 20xx) a file name holds, or None."""
    m = re.search(r"(?<!\d)((?:19|20)\d{2})(?!\d)", source.rsplit("/", 1)[-1])
    return int(m.group(1)) if m else None


def take_title(paragraphs: list[str]) -> tuple[list[str], str, int | None]:
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


# --- the meeting, the hand-over and the closing ------------------------------------------------

_MEETING = re.compile(
    r"(?:召开|举行|举办)(?:了|的)?(?:这次)?(.{4,36}?(?:大会|会议|座谈会|动员会|推进会|演示会|培训班|开班式|表彰会))"
)


def title_from_opening(paragraphs: list[str]) -> str:
    """The title "在…上的讲话" made from the meeting the opening names, or ""."""
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


def closing_start(paragraphs: list[str]) -> int | None:
    """Where the closing starts among a speech's last paragraphs, or None.

    The last "同志们，…" (总之, 让我们) paragraph near the end, or a final 谢谢大家.
    """
    for i in range(len(paragraphs) - 1, max(len(paragraphs) - 4, -1), -1):
        text = paragraphs[i]
        last = i == len(paragraphs) - 1
        if _CLOSING_START.match(text) or (last and _THANKS.match(text)):
            return i
    return None


def is_transition(text: str) -> bool:
    """The "下面，我讲几点意见" sentence that hands over from the opening to the body."""
    return bool(_OPENING_TRANSITION.search(text))


def is_salutation(text: str) -> bool:
    return bool(_SALUTATION.match(text))
