"""A draft against the user's own material (``draftkit check --material``).

The material's facts are the user's: a figure in the draft that the material states otherwise is
an error ("增长12%" where the material says "增长11.8%"). A figure is known by what it measures:
the words just before it in its clause (全省社会消费品零售总额增长) and its unit. The material's
own sentences are the user's text, so they are neither a source's names nor copying.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from draftkit.compose.given import Given
from draftkit.models import HAN
from draftkit.reading.segment import sentences
from draftkit.review.rules import Finding

CODE = "material-figure"
LATER = "material-later"
_UNITS = (
    "万亿元|亿元|万元|元|万亿|亿|万人次|万人|人次|人|万户|户|万个|个|家|项|件|万亩|亩|公里|千米|米|"
    "万千瓦|千瓦|万吨|吨|倍|位|座|所|次|场|条|台|辆|套|天|小时|个百分点|%|％"
)
_FIGURE = re.compile(rf"(\d+(?:\.\d+)?)\s*({_UNITS})?")
# Words between what is measured and its figure that say nothing about which figure it is.
_LINKS = re.compile(r"(?:分别|达到|达|为|至|到|了|约|近|超过|超|突破|以上|共|累计|合计|同比)+$")
KEY_HAN = 6
MIN_KEY = 4


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure in a text, known by what it measures and its unit."""

    key: str  # the last Chinese characters before the figure in its clause
    value: str
    unit: str
    start: int
    end: int


def figures(text: str) -> Iterator[Figure]:
    """Every figure of a text with what it measures; years and ordinal numbers left out."""
    for m in _FIGURE.finditer(text):
        value, unit = m.group(1), m.group(2) or ""
        after = text[m.end() : m.end() + 1]
        if not unit and after in ("年", "月", "日", "号", "届", "期", "批"):
            continue
        if m.start() and text[m.start() - 1] in ".．-—～~":
            continue  # the second half of a range or a decimal read apart
        clause = re.split(r"[，。；：、！？（）“”\s]", text[: m.start()])[-1]
        plain = _LINKS.sub("", "".join(HAN.findall(clause)))
        key = plain[-KEY_HAN:]
        if len(key) >= MIN_KEY:
            yield Figure(key, value, _unit(unit), m.start(), m.end())


def _unit(unit: str) -> str:
    return "%" if unit in ("%", "％") else unit


def material_figures(given: Given) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """(what, unit) → every (value, where) the material gives for it."""
    found: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for point in given.points:
        for line in point.sentences:
            where = f"{line.file} 第 {line.paragraph} 段"
            for figure in figures(line.text):
                found.setdefault((figure.key, figure.unit), []).append((figure.value, where))
    return found


def against_material(paragraphs: list[str], given: Given) -> Iterator[Finding]:
    """material-figure: a figure the material gives otherwise."""
    known = material_figures(given)
    for no, text in enumerate(paragraphs, start=1):
        for figure in figures(text):
            stated = known.get((figure.key, figure.unit))
            if not stated or any(_same(figure.value, value) for value, _ in stated):
                continue
            value, where = stated[0]
            unit = figure.unit
            message = (
                f"“{figure.key}{figure.value}{unit}”与材料不符："
                f"材料（{where}）写的是“{figure.key}{value}{unit}”"
            )
            excerpt = text[max(0, figure.start - 20) : figure.end + 10]
            yield Finding("error", CODE, message, no, excerpt, "按材料改正这个数字，或核实材料")


def _same(a: str, b: str) -> bool:
    try:
        return float(a) == float(b)
    except ValueError:
        return a == b


def without_material(paragraphs: list[str], given: Given) -> list[str]:
    """The paragraphs with the material's own sentences taken out (they are the user's text)."""
    own = {_plain(line.text) for point in given.points for line in point.sentences}
    out = []
    for text in paragraphs:
        kept = [s for s in sentences(text) if _plain(s) not in own]
        out.append("".join(kept) if kept or not text else "")
    return out


def _plain(sentence: str) -> str:
    text = "".join(HAN.findall(sentence)) + "".join(re.findall(r"\d", sentence))
    return text.removeprefix("要")


def later_material(given: Given, when: dt.date) -> Iterator[Finding]:
    """material-later: material signed after the speech's date, which it cannot have cited."""
    for info in given.files:
        if info.signed and info.signed > when:
            message = f"材料 {info.path} 的落款日期是 {_cn(info.signed)}，晚于讲话日期 {_cn(when)}"
            yield Finding("warning", LATER, message, 0, "", "核对讲话日期或材料的日期")


def _cn(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
