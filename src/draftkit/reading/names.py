"""Find names that belong to one source: places, people, units.

The part-of-speech tagger proposes candidates (``ns`` place, ``nr`` person, ``nt`` unit); a
candidate counts as a source name when it is local to few speeches of the corpus or ends like a
place, and is not one of the generic words in ``data/names.yaml``. The list found is written to
the bank so ``draftkit check`` can look for the same names in a draft.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from draftkit.reading.patterns import Literals
from draftkit.reading.segment import tagged
from draftkit.resources import data_file
from draftkit.yamlfile import safe_load

_NAME_TAGS = {"ns", "nr", "nrt", "nt"}


@cache
def name_rules() -> dict[str, Any]:
    return safe_load(data_file("names.yaml").read_text(encoding="utf-8"))


@dataclass(frozen=True, slots=True)
class NameFinder:
    """The source names of a corpus and the fixed patterns, ready to test phrases."""

    names: frozenset[str]
    patterns: tuple[re.Pattern[str], ...]
    _literals: Literals | None = field(init=False, default=None, repr=False, compare=False)

    @property
    def literals(self) -> Literals:
        """Every name under its first two characters, filed on first use.

        A phrase is tested in one pass however many names a large corpus yields (one
        alternation of 2,000 names was tried name by name); ``draftkit check`` never needs it.
        """
        if self._literals is None:
            object.__setattr__(self, "_literals", Literals(self.names))
        assert self._literals is not None
        return self._literals

    def has_source_name(self, text: str) -> bool:
        """Whether ``text`` holds one of the corpus's own names, said as a word of its own.

        A name inside another word is not said: 大县 in 壮大县域, 西峰 in 东西峰会.
        """
        literals = self.literals
        if literals.short and not literals.short.isdisjoint(text):
            return True
        spans = literals.spans(text)
        if not spans:
            return False
        words = tagged(text)  # once for all the names found
        return any(said_as_word(text, start, end, words) for start, end in spans)

    def has_name(self, text: str) -> bool:
        return self.has_source_name(text) or any(p.search(text) for p in self.patterns)

    def found_in(self, text: str) -> list[str]:
        hits = {n for n in self.names if n in text}
        hits.update(m.group(0) for p in self.patterns for m in p.finditer(text))
        return sorted(hits)


def said_as_word(
    text: str, start: int, end: int, words: list[tuple[str, str]] | None = None
) -> bool:
    """Whether the segmenter reads ``text[start:end]`` as a name said, not characters of others.

    The name must start where a word starts. It may lie inside a place's name (山口 of 阿拉山口,
    重庆 of 重庆市), and end inside the next word when it opens with a name (南阳 + 市委 for
    南阳市); inside another word it is not said (大县 of 壮大县域, 化繁 of 文化繁荣). ``words`` is
    ``tagged(text)`` where the caller has it already.
    """
    offset = 0
    first = ""
    for word, tag in tagged(text) if words is None else words:
        stop = offset + len(word)
        if not first:
            if offset <= start and stop >= end and (offset, stop) != (start, end):
                return _names_a_place(word, tag)  # one longer word holds it
            if offset == start:
                first = tag
            elif offset > start or stop > start:
                return False
        if first and stop >= end:
            return stop == end or first in _NAME_TAGS
        offset = stop
    return False


def _names_a_place(word: str, tag: str) -> bool:
    # a person's name has two or three characters: 隆重庆祝 is no one's
    return tag in ("ns", "nt") or (tag in _NAME_TAGS and len(word) <= 3)


def name_candidates(tags: list[tuple[str, str]]) -> dict[str, str]:
    """The words of one speech that may be names, with their tags."""
    rules = name_rules()
    generic = frozenset(rules["generic"])
    endings = tuple(rules["place_endings"])
    found: dict[str, str] = {}
    for word, tag in tags:
        if tag in _NAME_TAGS and word not in found and word not in generic:
            if _plausible(word, tag, endings):
                found[word] = tag
    return found


@dataclass(frozen=True, slots=True)
class WordUsage:
    """How a corpus uses its words: speeches using each, occurrences in all and in the top one."""

    df: Counter[str]
    totals: Counter[str]
    tops: Counter[str]

    def concentrated(self, word: str) -> bool:
        """Whether most of the word's uses are in one speech, as a source's own name's are."""
        total = self.totals[word]
        return total < _SPREAD_MIN or self.tops[word] * 2 >= total

    def longer_words(self) -> dict[str, list[str]]:
        """The corpus's words of three characters or more, filed under each pair they hold."""
        filed: dict[str, list[str]] = {}
        for word in self.df:
            if len(word) > 2:
                for i in range(len(word) - 1):
                    filed.setdefault(word[i : i + 2], []).append(word)
        return filed


# A word used this often is judged by how its uses spread; below it, one speech proves nothing.
_SPREAD_MIN = 3


def find_names(
    spread: Counter[str], tag_of: dict[str, str], speeches: int, usage: WordUsage
) -> NameFinder:
    """Source names of a corpus: name candidates local to few speeches, or shaped like places.

    ``spread`` counts the speeches each candidate occurs in; ``tag_of`` gives its tag; by
    ``usage`` a candidate must also be said mostly in one speech and not be part of longer
    words more speeches use: the tagger's 中西 (of 中西部), 蓬勃 (of 蓬勃发展) and 洪水 are no
    source's names, and a draft that says them must not be told so.
    """
    rules = name_rules()
    endings = tuple(rules["place_endings"])
    local = max(1, speeches // 10)
    longer = usage.longer_words()
    names = {
        w
        for w, n in spread.items()
        if (n <= local or (tag_of[w] == "ns" and w.endswith(endings) and len(w) >= 3))
        and _local_use(w, n, local, usage, longer)
    }
    patterns = tuple(re.compile(p) for p in rules["patterns"])
    return NameFinder(frozenset(names), patterns)


def _local_use(
    word: str, named_in: int, local: int, usage: WordUsage, longer: dict[str, list[str]]
) -> bool:
    if usage.df[word] > local or not usage.concentrated(word):
        return False
    inside = sum(usage.df[other] for other in longer.get(word[:2], ()) if word in other)
    return inside <= max(local, named_in)


_UNIT_ENDINGS = ("局", "厅", "委", "部", "办", "院", "馆", "中心", "公司", "集团")


def _plausible(word: str, tag: str, place_endings: tuple[str, ...]) -> bool:
    """The tagger over-proposes; keep only shapes that names really have."""
    if tag in ("nr", "nrt"):
        return 2 <= len(word) <= 3  # Chinese personal names
    if tag == "ns":
        return 2 <= len(word) <= 5 and (len(word) <= 3 or word.endswith(place_endings))
    return len(word) >= 3 and word.endswith(_UNIT_ENDINGS)


def finder_from_list(names: list[str]) -> NameFinder:
    """A finder for names already found (read back from the bank)."""
    return NameFinder(frozenset(names), tuple(re.compile(p) for p in name_rules()["patterns"]))
