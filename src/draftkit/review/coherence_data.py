"""The data the coherence rules read, checked on load: ``data/coherence.yaml``.

The file is the user's to extend. A malformed file is a ``BankError`` naming the file and the
field (``back_references[2]``, ``periods.13`` …). It is read once. (Audiences and the bodies each
may be told to act are the composer's ``data/audiences.yaml``, read by ``compose.audience``.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from draftkit.bank.overlap import normalise
from draftkit.errors import BankError
from draftkit.reading.numbering import CN_DIGITS
from draftkit.resources import data_file
from draftkit.yamlfile import safe_load

__all__ = [
    "BackReference",
    "CoherenceData",
    "Period",
    "Series",
    "load_coherence",
    "stock_phrases",
]


@dataclass(frozen=True, slots=True)
class BackReference:
    """A sentence opening that points back, and what must come before it."""

    pattern: re.Pattern[str]
    needs: str  # "problem" or "previous"


@dataclass(frozen=True, slots=True)
class Series:
    """A numbered series (一是, 二是 …): an item needs the one before it."""

    opens: re.Pattern[str]  # the item opening a sentence, its numeral captured
    template: str  # the item with {n} for its numeral


@dataclass(frozen=True, slots=True)
class Period:
    """What a meeting in one month reviews and plans, in years from the meeting's year."""

    name: str
    review: tuple[int, ...]
    plan: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class CoherenceData:
    """``data/coherence.yaml``, checked and compiled."""

    back_references: tuple[BackReference, ...]
    problem: re.Pattern[str]
    series: tuple[Series, ...]
    generic: frozenset[str]
    periods: dict[int, Period]
    review_cues: tuple[str, ...]
    plan_cues: tuple[str, ...]
    unclear_salutations: tuple[str, ...]


def _load_yaml(path: Path) -> dict[str, Any]:
    try:
        raw = safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise BankError("无法读取这个文件（文件缺失或 YAML 有误）", path=path) from exc
    if not isinstance(raw, dict):
        raise BankError("文件顶层应为映射", path=path)
    return raw


def _strings(raw: dict[str, Any], key: str, path: Path) -> tuple[str, ...]:
    value = raw.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise BankError("应为非空文字的列表", path=path, field=key)
    return tuple(value)


def _compile(pattern: str, path: Path, field: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        message = f"正则表达式有误（第 {exc.pos} 个字符处）"
        raise BankError(message, path=path, field=field) from exc


@cache
def load_coherence(path: Path | None = None) -> CoherenceData:
    """Load ``data/coherence.yaml`` (or ``path``); a malformed file is a ``BankError``."""
    path = path or data_file("coherence.yaml")
    raw = _load_yaml(path)
    refs = []
    for i, item in enumerate(raw.get("back_references") or []):
        field = f"back_references[{i}]"
        if not isinstance(item, dict) or item.get("needs") not in ("problem", "previous"):
            message = "每项要有 pattern，needs 为 problem 或 previous"
            raise BankError(message, path=path, field=field)
        refs.append(BackReference(_compile(str(item.get("pattern")), path, field), item["needs"]))
    cues = _strings(raw, "problem_cues", path)
    problem = _compile("|".join(f"(?:{c})" for c in cues), path, "problem_cues")
    series = []
    for i, template in enumerate(_strings(raw, "ordinal_series", path)):
        if "{n}" not in template:
            field = f"ordinal_series[{i}]"
            raise BankError("每项要含 {n} 表示序数", path=path, field=field)
        opens = "^" + template.replace("{n}", f"([{CN_DIGITS}])")
        series.append(Series(_compile(opens, path, f"ordinal_series[{i}]"), template))
    periods = {}
    for month, spec in (raw.get("periods") or {}).items():
        field = f"periods.{month}"
        try:
            periods[int(month)] = Period(
                str(spec["name"]),
                tuple(int(y) for y in spec["review"]),
                tuple(int(y) for y in spec["plan"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            message = "每个月要有 name、review 和 plan"
            raise BankError(message, path=path, field=field) from exc
    if sorted(periods) != list(range(1, 13)):
        raise BankError("要列出 1 到 12 每个月", path=path, field="periods")
    return CoherenceData(
        tuple(refs),
        problem,
        tuple(series),
        frozenset(_strings(raw, "generic_heading_words", path)),
        periods,
        _strings(raw, "review_cues", path),
        _strings(raw, "plan_cues", path),
        _strings(raw, "unclear_salutations", path),
    )


@cache
def stock_phrases() -> tuple[str, ...]:
    raw = _load_yaml(data_file("stock_phrases.yaml"))
    return tuple(sorted((normalise(p) for p in raw.get("phrases") or []), key=len, reverse=True))
