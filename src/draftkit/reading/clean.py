"""Normalisers that turn a web copy of a speech into clean Simplified text.

Each fix is a small ``str -> str`` function named exactly like its flag in ``CleanConfig``;
``clean_text(..., explain=True)`` records which fixes changed the text. Chinese full-width
punctuation is the target form: half-width marks in Chinese text become full-width, never the
other way round, and numbers such as 2.5, 1,000 or 2023-04-21 are left alone.
"""

from __future__ import annotations

import html
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from functools import cache

import yaml

from draftkit.errors import BankError
from draftkit.models import Document
from draftkit.reading.patterns import any_of
from draftkit.resources import data_file

_HAN = r"\u4e00-\u9fff"
_CJK_PUNCT = "，。、；：？！“”‘’（）《》【】—…"


@dataclass(frozen=True, slots=True)
class CleanConfig:
    """Which fixes run; all on by default, in this order."""

    normalise_whitespace: bool = True
    to_simplified: bool = True
    cut_after_markers: bool = True
    drop_noise_lines: bool = True
    drop_menu_runs: bool = True
    remove_inline_noise: bool = True
    join_spaced_numbers: bool = True
    fullwidth_punctuation: bool = True
    split_flattened: bool = True
    rejoin_wrapped_lines: bool = True


@dataclass(frozen=True, slots=True)
class Step:
    """One fix that changed the text, for ``--explain``."""

    name: str
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class NoisePatterns:
    """Compiled noise patterns from ``data/noise.yaml``."""

    cut_after: tuple[re.Pattern[str], ...]
    lines: tuple[re.Pattern[str], ...]
    inline: tuple[re.Pattern[str], ...]


@cache
def noise_patterns() -> NoisePatterns:
    """The patterns of ``data/noise.yaml``, compiled once."""
    path = data_file("noise.yaml")
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    compiled: dict[str, tuple[re.Pattern[str], ...]] = {}
    for key in ("cut_after", "lines", "inline"):
        try:
            compiled[key] = tuple(re.compile(p, re.M) for p in raw.get(key, []))
        except re.error as exc:
            message = f"正则表达式有误（第 {exc.pos} 个字符处）"
            raise BankError(message, path=path, field=key) from exc
    return NoisePatterns(**compiled)


@cache
def _t2s():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s")


_ENTITY = re.compile(r"&(?:[a-z]{2,6}|#\d{2,5});")


def normalise_whitespace(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Zero-width marks; a line holding nothing else is a link's seam, not a paragraph break.
    text = re.sub("\n[\ufeff\u200b-\u200d\u2060]+(?=\n)", "", text)
    text = re.sub("[\ufeff\u200b-\u200d\u2060]", "", text)
    # HTML entities a web copy leaves behind (&nbsp; &ldquo; &#8220;).
    text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    # Two ideographic spaces inside a line are a paragraph indent whose line break was lost.
    text = re.sub("(?<=[^\\s\u3000])\u3000{2,}(?=[^\\s\u3000])", "\n", text)
    text = text.replace("\u00a0", " ").replace("\u3000", " ")
    # Replacement and private-use characters are what a broken web copy leaves behind.
    text = re.sub("[\ufffd\ue000-\uf8ff]", "", text)
    return "\n".join(line.strip() for line in text.split("\n"))


def is_traditional(text: str) -> bool:
    """True when Traditional-only characters make up a noticeable share of the Han text."""
    sample = _NOT_HAN.sub("", text)[:20000]
    if not sample:
        return False
    converted = _t2s().convert(sample)
    changed = sum(map(operator.ne, sample, converted))  # compared up to the shorter, as zip does
    return changed / len(sample) > 0.03


_NOT_HAN = re.compile(f"[^{_HAN}]+")


# t2s keeps 著 everywhere; in Simplified it stays only in these words, otherwise it is 着.
_ZHU_WORDS = "|".join(
    "著名 著作 著称 显著 卓著 著述 昭著 编著 论著 专著".split()
    + "原著 名著 土著 著者 遗著 译著 巨著 著录 合著 新著".split()
)
_ZHU = re.compile(f"({_ZHU_WORDS})|著")


def to_simplified(text: str) -> str:
    if not is_traditional(text):
        return text
    converted = _t2s().convert(text)
    return _ZHU.sub(lambda m: m.group(1) or "着", converted)


def cut_after_markers(text: str) -> str:
    for pattern in noise_patterns().cut_after:
        match = pattern.search(text)
        if match:
            text = text[: match.start()]
    return text


def drop_noise_lines(text: str) -> str:
    is_noise = _noise_line()
    return "\n".join(line for line in text.split("\n") if not is_noise(line))


@cache
def _noise_line() -> Callable[[str], bool]:
    """Whether a line matches any line pattern; a line holds no break, so ^ is its start."""
    return any_of([re.compile(p.pattern) for p in noise_patterns().lines])


_MENU_ITEM = re.compile(r"^[^\s。，、；：！？,.;:!?]{1,8}$")
_MENU_RUN = 5
# Pieces of a title broken over short lines ("在全县", "教育工作会议", "上的讲话") are no menu.
_TITLE_PIECE = re.compile(r"讲话|致辞|发言|报告|会议|大会|上的|^在")


def drop_menu_runs(text: str) -> str:
    """Drop runs of five or more very short lines: a site's navigation, one item a line."""
    lines = text.split("\n")
    keep = [True] * len(lines)
    start = 0
    for i in range(len(lines) + 1):
        short = (
            i < len(lines)
            and bool(_MENU_ITEM.match(lines[i]))
            and not _LOOKS_LIKE_START.match(lines[i])
            and not _TITLE_PIECE.search(lines[i])
        )
        if short or (i < len(lines) and not lines[i] and i > start):
            continue
        items = [j for j in range(start, i) if lines[j]]
        if len(items) >= _MENU_RUN:
            for j in items:
                keep[j] = False
        start = i + 1
    return "\n".join(line for line, k in zip(lines, keep, strict=True) if k)


def remove_inline_noise(text: str) -> str:
    for pattern in noise_patterns().inline:
        text = pattern.sub("", text)
    return text


_SPACED_NUMBER = re.compile(r"(?<=\d)[ ]+(?=[\d.．%])|(?<=[\d.．])[ ]+(?=[年月日万亿个%])")


def join_spaced_numbers(text: str) -> str:
    """Join "2 019年", "3 5.6%": a PDF copy puts spaces inside numbers; prose has none."""
    return "\n".join(
        _SPACED_NUMBER.sub("", line) if re.search(f"[{_HAN}]", line) else line
        for line in text.split("\n")
    )


_SIMPLE_MARKS = {",": "，", ";": "；", "?": "？", "!": "！", ":": "："}
_HALF_MARK = re.compile(r"(?<![0-9A-Za-z])[,;?!:]|[,;?!:](?![0-9A-Za-z])")
_PAREN = re.compile(r"\(([^()\n]{0,40})\)")
_STRAIGHT_QUOTES = re.compile(r'"([^"\n]{0,200})"')


def fullwidth_punctuation(text: str) -> str:
    return "\n".join(_fullwidth_line(line) for line in text.split("\n"))


def _fullwidth_line(line: str) -> str:
    if not re.search(f"[{_HAN}]", line):
        return line
    # A mark between two ASCII digits or letters (2.5, 1,000, 10:30, a:b) is not Chinese prose.
    line = _HALF_MARK.sub(lambda m: _SIMPLE_MARKS[m.group(0)], line)
    line = _PAREN.sub(
        lambda m: f"（{m.group(1)}）" if _is_chinese(m.group(1)) else m.group(0), line
    )
    line = _STRAIGHT_QUOTES.sub(lambda m: f"“{m.group(1)}”", line)
    # A heading whose opening bracket was lost ("一)以…") gets it back.
    line = re.sub(r"^([一二三四五六七八九十]{1,3})[)）]", r"（\1）", line)
    return line


def _is_chinese(fragment: str) -> bool:
    return bool(re.search(f"[{_HAN}]", fragment)) or fragment == ""


_FLAT_MIN = 1500
_FLAT_BREAK = re.compile(r"(?<=[^\sA-Za-z0-9])\s+|\s+(?=[^\sA-Za-z0-9])")
_HEADING_START = re.compile(
    r"(?<=[。！？；：])(?=(?:[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）|同志们[，：]"
    r"|第[一二三四五六七八九十][，、]|\d{1,2}[．、]))"
)


_INNER_HEADING = re.compile(r"\s(?:[一二三四五六七八九十]{1,3}、|同志们[：:，,])")


def _is_flattened(line: str) -> bool:
    """A very long line, or a long one with headings or a salutation inside it.

    Headings run on after a full stop ("。第一，…。第二，…") count only when there are three or
    more in a long line: two ordinals inside one paragraph are the paragraph's own list.
    """
    return (
        len(line) >= _FLAT_MIN
        or (len(line) >= 200 and len(_INNER_HEADING.findall(line)) >= 2)
        or (len(line) >= 300 and len(_HEADING_START.findall(line)) >= 3)
    )


def split_flattened(text: str) -> str:
    """Split a paragraph-free, one-line document back into paragraphs."""
    lines = text.split("\n")
    out: list[str] = []
    for line in lines:
        if not _is_flattened(line):
            out.append(line)
            continue
        pieces = [p for p in _FLAT_BREAK.split(line) if p]
        if len(pieces) < 3:
            pieces = _HEADING_START.split(line)
        out.extend(pieces)
    return "\n".join(out)


_ENDS_PARAGRAPH = tuple("。！？：；…”」』）)!?:")
_LOOKS_LIKE_START = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、是要]|（[一二三四五六七八九十\d]{1,3}）|\d{1,2}[、.．]|"
    r"同志们|第[一二三四五六七八九十]|首先|其次|再次|最后|谢谢)"
)


_IS_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）|\d{1,2}[、．])[^。]{0,60}$"
)


# The occasion line under a title ("2026年1月27日在…会议上 省长 某某") ends a line of its own.
_OCCASION = re.compile(r"^.{0,30}在.{2,40}(会议?|大会|典礼|仪式)上")
_SALUTATION_LINE = re.compile(r"^[^。，]{2,12}[：:]$")


def rejoin_wrapped_lines(text: str) -> str:
    """Join lines broken inside a paragraph (no blank line between, no closing mark).

    Where blank lines separate the paragraphs, every line break inside a block is a wrap (a
    copied link, a page seam), however short the line; otherwise only lines of 30 characters
    or more are taken to have wrapped.
    """
    lines = text.split("\n")
    blank_separated = lines.count("") >= 0.5 * (len(lines) - lines.count(""))
    out: list[str] = []
    for line in lines:
        if (
            out
            and out[-1]
            and line
            and (blank_separated or len(out[-1]) >= 30)
            and not out[-1].endswith(_ENDS_PARAGRAPH)
            and not _LOOKS_LIKE_START.match(line)
            and not _IS_HEADING.match(out[-1])
            and not (len(out[-1]) <= 60 and _OCCASION.search(out[-1]))
            and not _SALUTATION_LINE.match(line)
        ):
            out[-1] += line
        else:
            out.append(line)
    return "\n".join(out)


_FIXES: dict[str, Callable[[str], str]] = {
    "normalise_whitespace": normalise_whitespace,
    "to_simplified": to_simplified,
    "cut_after_markers": cut_after_markers,
    "drop_noise_lines": drop_noise_lines,
    "drop_menu_runs": drop_menu_runs,
    "remove_inline_noise": remove_inline_noise,
    "join_spaced_numbers": join_spaced_numbers,
    "fullwidth_punctuation": fullwidth_punctuation,
    "split_flattened": split_flattened,
    "rejoin_wrapped_lines": rejoin_wrapped_lines,
}


def clean_text(
    text: str, config: CleanConfig = CleanConfig(), *, explain: bool = False
) -> tuple[str, list[Step]]:
    """Run every enabled fix in order; return the fixes that changed the text.

    With ``explain`` each step keeps the text before and after it; otherwise only its name.
    """
    steps: list[Step] = []
    for flag in fields(config):
        if not getattr(config, flag.name):
            continue
        after = _FIXES[flag.name](text)
        if after != text:
            steps.append(Step(flag.name, text, after) if explain else Step(flag.name, "", ""))
        text = after
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return text, steps


def clean_document(document: Document, config: CleanConfig = CleanConfig()) -> Document:
    """A cleaned copy of ``document``, flagged ``traditional`` / ``flattened`` where it was."""
    text, steps = clean_text(document.text, config)
    changed = {step.name for step in steps}
    flags = list(document.flags)
    if "to_simplified" in changed:
        flags.append("traditional")
    if "split_flattened" in changed:
        flags.append("flattened")
    return replace(document, text=text, flags=tuple(dict.fromkeys(flags)))
