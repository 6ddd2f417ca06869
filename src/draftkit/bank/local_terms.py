"""What ties a report's sentence to its own region beyond place names (``data/local_terms.yaml``).

Its quoted schemes (民营企业“登峰计划”) and which of them are too rare to be anyone's, the
accidents and cases it names, its own organs and plenaries, and what only some regions do.
``facts`` turns each into a fill-in field, leaves a clause out or leaves the sentence out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

import yaml

from draftkit.resources import data_file


@dataclass(frozen=True, slots=True)
class LocalTerms:
    """The rules of ``data/local_terms.yaml``, compiled."""

    scheme_label: dict[str, str]  # a scheme noun (计划, 模式) and the field it becomes
    scheme_end: re.Pattern[str]  # a scheme noun ending a quote or among the words after it
    shared_by: int  # speeches that must quote a scheme for it to be anyone's
    national: frozenset[str]  # schemes that are everyone's however few sources quote them
    reach: int
    numbered: re.Pattern[str]
    numbered_label: str
    event: re.Pattern[str]
    event_generic: re.Pattern[str]
    event_label: str
    case_clause: re.Pattern[str]
    region_only: re.Pattern[str]
    organ_levels: tuple[str, ...]
    organs: tuple[str, ...]
    local_meeting: re.Pattern[str]  # a local body's own plenary (省委九届四次全会)
    local_meeting_label: str

    def scheme(self, inner: str, after: str) -> str:
        """The field a quoted scheme becomes ('' when the quote names no scheme).

        A numbered slogan (“三项整治、三个优化”, “五个必须”) is a scheme too.
        """
        found = self.scheme_end.fullmatch(inner) or self.scheme_end.match(after[: self.reach])
        if found:
            return self.scheme_label[found.group(1)]
        return self.numbered_label if self.numbered.match(inner) else ""


def alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


@cache
def load_local_terms() -> LocalTerms:
    raw = yaml.safe_load(data_file("local_terms.yaml").read_text(encoding="utf-8"))
    schemes = raw["schemes"]
    label_of = {noun: label for label, nouns in schemes["labels"].items() for noun in nouns}
    # The noun ends the quote (登峰计划) or stands in the words after it, before any punctuation.
    scheme_end = re.compile(rf"^[^，。；：、“”（）]*?({alternatives(list(label_of))})")
    events = raw["events"]
    event = re.compile(
        rf"(?:{alternatives(events['verbs'])})"
        rf"([^，。；：]{{2,30}}?(?:{alternatives(events['nouns'])}))(?=的?(?:沉痛)?教训)"
    )
    organs = raw["own_organs"]
    return LocalTerms(
        label_of,
        scheme_end,
        int(schemes["shared_by"]),
        frozenset(schemes.get("national") or ()),
        int(schemes["reach"]),
        re.compile(schemes["numbered"]["pattern"]),
        str(schemes["numbered"]["label"]),
        event,
        re.compile(alternatives([*events["generic"], *events["nouns"]])),
        str(events["label"]),
        re.compile("|".join(f"(?:{p})" for p in raw["case_clauses"])),
        re.compile("|".join(f"(?:{p})" for p in raw["region_only"])),
        tuple(organs["levels"]),
        tuple(organs["organs"]),
        re.compile("|".join(f"(?:{p})" for p in raw["local_meetings"]["patterns"])),
        str(raw["local_meetings"]["label"]),
    )


def quote_spread(
    quotes: Iterable[str],
    kind: str,
    *,
    quoted_by: Mapping[str, int],
    by_reports: Mapping[str, int],
    by_national: Mapping[str, int],
) -> tuple[frozenset[str], frozenset[str]]:
    """(local, rare): a source's quotes no other speech uses, and those too few use to be shared.

    ``quoted_by`` counts the speeches of the corpus that quote each coinage, ``by_reports`` and
    ``by_national`` the reports and the State Council's reports among them. ``kind`` is whose
    the source is: the State Council's schemes are everyone's; a province's are its own when
    fewer than ``schemes.shared_by`` speeches and no national report quote them; a local
    speech's when no report does.
    """
    terms = load_local_terms()
    quotes = frozenset(quotes)
    local = frozenset(q for q in quotes if quoted_by[q] <= 1)
    if kind == "provincial":
        rare = {q for q in quotes if quoted_by[q] < terms.shared_by and not by_national[q]}
    elif kind == "speech":
        rare = {q for q in quotes if not by_reports[q]}
    else:
        rare = set()
    return local, frozenset(rare - terms.national)


def rare_schemes(quoted_by: Mapping[str, int], by_national: Mapping[str, int]) -> tuple[str, ...]:
    """The schemes a corpus quotes (…计划, …工程, …模式) too rarely to be anyone's, longest first.

    Only a quote that ends with its scheme noun counts, and only one of three characters or more:
    a quoted word that names no scheme (“牛鼻子”) is everyone's word when unquoted.
    """
    terms = load_local_terms()
    found = [
        quote
        for quote, n in quoted_by.items()
        if len(quote) >= 3
        and n < terms.shared_by
        and not by_national.get(quote)
        and quote not in terms.national
        and terms.scheme_end.fullmatch(quote)
        and not _SCHEME_NOUN_ONLY.fullmatch(quote)
    ]
    return tuple(sorted(found, key=lambda q: (-len(q), q)))


# A quote that is only a generic phrase and its noun (“专项行动”, “示范工程”) is no one's scheme.
_SCHEME_NOUN_ONLY = re.compile(
    r"(?:专项|示范|重点|重大|民生|系列|攻坚|提升|质量)?[\u4e00-\u9fff]{0,2}"
)
