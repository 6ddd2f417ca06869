"""Wording only a higher level of government uses (``data/levels.yaml``, the user's to extend).

A county's speech does not raise 退休人员基本养老金, set 保险费率 or pass a 条例, and it does not
count the counties it belongs among ("【待填：数量】个县"). Reports of the State Council and the
provinces say all of these; the composer leaves such sentences out of a draft for a lower level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

import yaml

from draftkit.errors import BankError
from draftkit.models import Block
from draftkit.resources import data_file
from draftkit.yamlfile import safe_load


@dataclass(frozen=True, slots=True)
class Levels:
    """The levels, highest first, and each one's own wording as one pattern."""

    names: tuple[str, ...]  # 国家, 省, 市, 县
    rank_of_word: dict[str, int]  # a level word (市, 州, 区 …) → its level's rank
    wording: tuple[re.Pattern[str] | None, ...]  # per level: its wording, or None
    counts: tuple[re.Pattern[str], ...]  # per level: a count of units at it or above
    # per level word (镇, 市): how wording of another level is said there (镇委 → 镇党委)
    said: dict[str, tuple[tuple[re.Pattern[str], str], ...]] = field(default_factory=dict)

    def said_at(self, text: str, scope: str) -> str:
        """``text`` as a draft at ``scope`` says it (a township's organs are its own)."""
        for pattern, replacement in self.said.get(scope, ()):
            text = pattern.sub(replacement, text)
        return text

    def rank(self, scope: str) -> int:
        """The rank of a draft's level word (0 is the highest); 市's when the word is unknown."""
        return self.rank_of_word.get(scope, self.rank_of_word.get("市", len(self.names) - 1))

    def above(self, text: str, scope: str) -> str:
        """The wording in ``text`` that belongs to a level above ``scope`` ("" when none)."""
        rank = self.rank(scope)
        for pattern in self.wording[:rank]:
            found = pattern.search(text) if pattern is not None else None
            if found:
                return found.group(0)
        counted = self.counts[rank].search(text)
        return counted.group(0) if counted else ""


def _count_pattern(unit_count: str, rank_of_word: dict[str, int], rank: int) -> re.Pattern[str]:
    """A count of units at ``rank``'s level or above (a county's "N个县", a city's "N个市")."""
    words = [w for w, r in rank_of_word.items() if r <= rank]
    if not words:
        return re.compile(r"(?!x)x")
    units = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(unit_count.replace("{units}", units))


@cache
def load_levels(path: Path | None = None) -> Levels:
    """Load the levels file (default: the bundled ``data/levels.yaml``)."""
    path = path or data_file("levels.yaml")
    where = "levels"
    try:
        raw = safe_load(path.read_text(encoding="utf-8"))
        names = tuple(raw["levels"])
        rank_of_word = {w: r for r, name in enumerate(names) for w in raw["levels"][name] or ()}
        wording: list[re.Pattern[str] | None] = []
        for name in names:
            where = f"wording.{name}"
            own = (raw.get("wording") or {}).get(name) or {}
            parts = [re.escape(p) for p in own.get("phrases") or ()]
            parts += [f"(?:{p})" for p in own.get("patterns") or ()]
            wording.append(re.compile("|".join(parts)) if parts else None)
        where = "said"
        said = _said(raw.get("said") or ())
        where = "unit_count"
        unit_count = str(raw["unit_count"])
        counts = tuple(_count_pattern(unit_count, rank_of_word, r) for r in range(len(names)))
    except (KeyError, TypeError, AttributeError, re.error, yaml.YAMLError) as exc:
        message = (
            "层级提法文件格式有误：要有 levels、wording（phrases / patterns）和 unit_count，"
            "said 每组有 words 和 say，say 每项是 [写法, 改成]"
        )
        raise BankError(message, path=path, field=where) from exc
    return Levels(names, rank_of_word, tuple(wording), counts, said)


def _said(groups: list[dict]) -> dict[str, tuple[tuple[re.Pattern[str], str], ...]]:  # type: ignore[type-arg]
    """Each level word's rules, compiled with its word ({s}) and committee ({p})."""
    rules: dict[str, tuple[tuple[re.Pattern[str], str], ...]] = {}
    for group in groups:
        for word, party in (group.get("words") or {}).items():
            rules[str(word)] = rules.get(str(word), ()) + tuple(
                (
                    re.compile(str(pattern).replace("{s}", re.escape(str(word)))),
                    str(said).replace("{s}", str(word)).replace("{p}", str(party)),
                )
                for pattern, said in group.get("say") or ()
            )
    return rules


def at_level(block: Block, scope: str) -> Block:
    """A block in the wording of the draft's level (a township's 镇党委, not 镇委)."""
    levels = load_levels()
    spans = tuple(
        span if span.fill_in else replace(span, text=levels.said_at(span.text, scope))
        for span in block.spans
    )
    return replace(block, spans=spans) if spans != block.spans else block
