"""Many patterns or many fixed strings, asked at once whether a text holds any of them.

Data files hold lists of patterns tried in turn (noise lines, a report's voice). Asking each in
turn costs a call and a scan of the text per pattern; ``any_of`` asks one combined pattern, and
tries the patterns that can only match at the start of the text only there. ``Literals`` does
the same for thousands of fixed strings (a corpus's source names, place names), which one
alternation makes the regex engine try one by one at most positions of a text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

# A backreference counts groups, which change when patterns are joined into one.
_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=")


def any_of(patterns: Sequence[re.Pattern[str]]) -> Callable[[str], bool]:
    """A test that is true when ``search`` would find any of ``patterns`` in a text."""
    starts = [p for p in patterns if anchored(p.pattern) and not p.flags & re.MULTILINE]
    rest = [p for p in patterns if p not in starts]
    tests = [p.match for p in _joined(starts)] + [p.search for p in _joined(rest)]

    def test(text: str) -> bool:
        return any(found(text) is not None for found in tests)

    return test


def _joined(patterns: list[re.Pattern[str]]) -> list[re.Pattern[str]]:
    """One pattern for all of ``patterns`` where they can be joined, else the patterns."""
    if len(patterns) < 2 or len({p.flags for p in patterns}) > 1:
        return patterns
    if any(_BACKREFERENCE.search(p.pattern) for p in patterns):
        return patterns
    try:
        return [re.compile("|".join(f"(?:{p.pattern})" for p in patterns), patterns[0].flags)]
    except re.error:  # a global flag or a group name used twice
        return patterns


def anchored(pattern: str) -> bool:
    """Whether every match of ``pattern`` starts where the text starts (or a line, with re.M)."""
    if not pattern.startswith("^"):
        return False
    depth, i = 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":  # skip the class; a ] right after [ or [^ is one of its characters
            i += 2 if pattern.startswith("[^", i) else 1
            i += 1 if pattern.startswith("]", i) else 0
            while i < len(pattern) and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return False
        i += 1
    return True


@dataclass(frozen=True, slots=True)
class Literals:
    """Fixed strings filed under their first two characters.

    A text is read once, one look-up per position, however many strings there are.
    """

    words: frozenset[str]
    by_start: dict[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)
    short: frozenset[str] = field(init=False, repr=False, compare=False)  # under two characters

    def __post_init__(self) -> None:
        by_start: dict[str, list[str]] = {}
        for word in sorted(w for w in self.words if len(w) >= 2):
            by_start.setdefault(word[:2], []).append(word)
        object.__setattr__(self, "by_start", {k: tuple(v) for k, v in by_start.items()})
        object.__setattr__(self, "short", frozenset(w for w in self.words if len(w) < 2))

    def any_in(self, text: str) -> bool:
        """Whether ``text`` holds one of the strings (an empty string is in every text)."""
        if self.short and ("" in self.short or not self.short.isdisjoint(text)):
            return True
        get = self.by_start.get
        for i in range(len(text) - 1):
            found = get(text[i : i + 2])
            if found and any(text.startswith(word, i) for word in found):
                return True
        return False

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the strings of two characters or more occur in ``text``: (start, end) pairs."""
        get = self.by_start.get
        found = []
        for i in range(len(text) - 1):
            for word in get(text[i : i + 2], ()):
                if text.startswith(word, i):
                    found.append((i, i + len(word)))
        return found
