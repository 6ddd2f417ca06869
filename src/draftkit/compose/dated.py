"""Wording that is only current for certain years (``data/dated.yaml``, the user's to extend).

Shared by the composer, which leaves dated sentences out, and ``draftkit check``, which reports
them with what would be current for the draft's date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from draftkit.errors import BankError
from draftkit.resources import data_file
from draftkit.yamlfile import safe_load


@dataclass(frozen=True, slots=True)
class DatedTerm:
    """One member of a group, current from ``first`` to ``last`` (None: still current)."""

    group: str
    text: str
    pattern: re.Pattern[str]
    first: int
    last: int | None

    def current_in(self, year: int) -> bool:
        return self.first <= year and (self.last is None or year <= self.last)


@dataclass(frozen=True, slots=True)
class DatedFinding:
    """A dated term found in a text, with what its group offers for the year asked."""

    term: DatedTerm
    found: str
    current: str  # what the same group offers for that year ("" when nothing is current)


@dataclass(frozen=True, slots=True)
class DatedList:
    """Every dated term, ready to search a text."""

    terms: tuple[DatedTerm, ...]

    def findings(self, text: str, year: int) -> list[DatedFinding]:
        """The dated terms in ``text`` that are not current in ``year``."""
        stale, any_stale = _stale(self, year)
        if not any_stale.search(text):  # most texts hold none: one search instead of one a term
            return []
        out = []
        for term in stale:
            match = term.pattern.search(text)
            if match:
                out.append(DatedFinding(term, match.group(0), self.current(term.group, year)))
        return out

    def current(self, group: str, year: int) -> str:
        for term in self.terms:
            if term.group == group and term.current_in(year):
                return term.text
        return ""


# (id of the list, year) → (the list, kept alive so its id stays its own; stale terms; pattern)
_STALE: dict[tuple[int, int], tuple[DatedList, tuple[DatedTerm, ...], re.Pattern[str]]] = {}


def _stale(dated: DatedList, year: int) -> tuple[tuple[DatedTerm, ...], re.Pattern[str]]:
    """The terms not current in ``year``, and one pattern that finds any of them."""
    found = _STALE.get((id(dated), year))
    if found is None:
        stale = tuple(t for t in dated.terms if not t.current_in(year))
        try:
            either = re.compile("|".join(f"(?:{t.pattern.pattern})" for t in stale) or "(?!)")
        except re.error:  # patterns that cannot be joined (inline flags): try each one
            either = re.compile("")
        found = _STALE[(id(dated), year)] = (dated, stale, either)
    return found[1], found[2]


@cache
def load_dated(path: Path | None = None) -> DatedList:
    """Load the dated-wording list (default: the bundled ``data/dated.yaml``)."""
    path = path or data_file("dated.yaml")
    try:
        raw = safe_load(path.read_text(encoding="utf-8"))
        terms = []
        where = "groups"
        for g, group in enumerate(raw["groups"]):
            for m, member in enumerate(group["members"]):
                where = f"groups[{g}].members[{m}]"
                first, last = member["years"]
                pattern = re.compile(member.get("pattern") or re.escape(member["text"]))
                terms.append(DatedTerm(group["name"], member["text"], pattern, int(first), last))
    except (KeyError, TypeError, ValueError, re.error, yaml.YAMLError) as exc:
        message = "过时提法列表格式有误：每组要有 name 和 members，每项要有 text 和 years"
        raise BankError(message, path=path, field=where) from exc
    return DatedList(tuple(terms))
