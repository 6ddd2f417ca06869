"""How speeches number their parts: Chinese numerals, the heading ladder and enumerators.

The ladder is 一、 / （一） / 1. / （1）; inline enumerations (一是… / 第一，… / 首先…) are the
lowest level, ``ENUM_LEVEL``. Whether the numbers run in order is for the caller to check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CN_DIGITS = "一二三四五六七八九十"
_CN_VALUE = {ch: i for i, ch in enumerate(CN_DIGITS, start=1)}


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


def enumeration_marker(line: str) -> str:
    """The 一是/第一，/首先， that opens a paragraph, or ""."""
    m = _ENUM.match(line)
    return m.group(0) if m else ""


def split_heading(rest: str) -> tuple[str, str]:
    """A run-in heading ends at its first 。 (or ？！); a short line is all heading."""
    m = re.search(r"[。！？]", rest)
    if m and m.end() < len(rest):
        return rest[: m.start()], rest[m.end() :]
    return rest.rstrip("。；;"), ""
