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
        """Whether ``text`` holds one of the corpus's own names."""
        return self.literals.any_in(text)

    def has_name(self, text: str) -> bool:
        return self.has_source_name(text) or any(p.search(text) for p in self.patterns)

    def found_in(self, text: str) -> list[str]:
        hits = {n for n in self.names if n in text}
        hits.update(m.group(0) for p in self.patterns for m in p.finditer(text))
        return sorted(hits)


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


def find_names(spread: Counter[str], tag_of: dict[str, str], speeches: int) -> NameFinder:
    """Source names of a corpus: name candidates local to few speeches, or shaped like places.

    ``spread`` counts the speeches each candidate occurs in; ``tag_of`` gives its tag.
    """
    rules = name_rules()
    endings = tuple(rules["place_endings"])
    local = max(1, speeches // 10)
    names = {
        w
        for w, n in spread.items()
        if n <= local or (tag_of[w] == "ns" and w.endswith(endings) and len(w) >= 3)
    }
    patterns = tuple(re.compile(p) for p in rules["patterns"])
    return NameFinder(frozenset(names), patterns)


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
