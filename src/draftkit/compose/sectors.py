"""The fields of public work (``data/sectors.yaml``, the user's to extend).

A report's point on one topic runs on to others; a sentence that names another field and not
the draft's topic is that field's (``topicality.on_topic``).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

from draftkit.errors import BankError
from draftkit.resources import data_file
from draftkit.yamlfile import safe_load


@cache
def load_sectors(path: Path | None = None) -> tuple[str, ...]:
    """The field words, longest first (default: the bundled ``data/sectors.yaml``)."""
    path = path or data_file("sectors.yaml")
    try:
        raw = safe_load(path.read_text(encoding="utf-8"))
        found = [str(w).strip() for w in raw["sectors"] if str(w).strip()]
    except (KeyError, TypeError, yaml.YAMLError) as exc:
        raise BankError(
            "领域词文件格式有误：要有 sectors 列表", path=path, field="sectors"
        ) from exc
    return tuple(sorted(set(found), key=lambda w: (-len(w), w)))


@cache
def _pattern(sectors: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in sectors) or r"(?!x)x")


def sectors_in(text: str) -> list[str]:
    """The fields ``text`` names, in the order it names them, each once."""
    return list(dict.fromkeys(m.group(0) for m in _pattern(load_sectors()).finditer(text)))


def another_fields(text: str, own: tuple[str, ...]) -> bool:
    """Whether ``text`` is about other fields than the topic's, whatever it names of the topic.

    It names three fields or more (把教育、医疗、住房、电信…纳入办事公开的范围), or another
    field first and the topic only as an item of a list (把全面推行政务公开与构建教育、制度、
    监督并重的…体系有机结合起来 in a draft on 教育): a list across fields, not the topic's own
    measure.
    """
    found = sectors_in(text)
    if len(found) >= CROSS_FIELDS:
        return True
    if not found or any(found[0] in name or name in found[0] for name in own):
        return False
    # Another field first, and the topic only an item of a list (构建教育、制度、监督并重的体系).
    named = [m for name in own if name for m in re.finditer(re.escape(name), text)]
    return bool(named) and all(_listed(text, m.start(), m.end()) for m in named)


def _listed(text: str, start: int, end: int) -> bool:
    return text[start - 1 : start] == "、" or text[end : end + 1] == "、"


# A sentence naming this many fields lists work across them.
CROSS_FIELDS = 3


def foreign_sector(text: str, own: tuple[str, ...]) -> str:
    """A field ``text`` names that is not the topic's (``own``: its names), or ""."""
    for found in _pattern(load_sectors()).finditer(text):
        word = found.group(0)
        if not any(word in name or name in word for name in own):
            return word
    return ""
