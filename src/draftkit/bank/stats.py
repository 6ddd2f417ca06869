"""The first pass over a corpus: each speech's words, and how many speeches use each.

``speech_words`` segments and tags one speech once and keeps only the counts mining uses;
``CorpusStats`` adds them up, so the second pass knows which words are rare, which names recur
across speeches and which terms are particular to one speech.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from draftkit.bank.facts import QUOTED
from draftkit.bank.points import source_kind
from draftkit.models import Speech
from draftkit.reading.gate import body_paragraphs
from draftkit.reading.names import NameFinder, WordUsage, find_names, name_candidates
from draftkit.reading.segment import tagged

# Share of speeches a content word must appear in to count as common official wording; rarer
# words tie a sentence to its source's subject and make it a keyword of the entry.
COMMON_SHARE = 0.2
# Only nouns carry a subject (审批, 税收, 评议); rare verbs and adjectives are just vocabulary.
_SUBJECT_TAGS = ("n", "nz", "vn", "j", "nt", "nr", "ns")


@dataclass(frozen=True, slots=True)
class SpeechWords:
    """What mining needs from one speech's tagged words; the word list itself is not kept."""

    counts: Counter[str]  # content words and how often they occur
    subjects: frozenset[str]  # the nouns among them
    names: dict[str, str]  # name candidates and their tags
    quotes: frozenset[str] = (
        frozenset()
    )  # quoted terms (“放管服”), to tell coinages from common use
    kind: str = "speech"  # whose it is: a "national" or a "provincial" report, or a "speech"


def speech_words(speech: Speech) -> SpeechWords:
    """Segment and tag a speech once and keep only the counts mining uses."""
    text = speech_text(speech)
    tags = tagged(text)
    every = Counter(word for word, _ in tags)
    counts = Counter({w: n for w, n in every.items() if content_word(w)})
    pairs = list(dict.fromkeys(tags))  # each (word, tag) once, in the order first seen
    subjects = frozenset(w for w, tag in pairs if tag in _SUBJECT_TAGS and w in counts)
    quotes = frozenset(QUOTED.findall(text))
    return SpeechWords(counts, subjects, name_candidates(pairs), quotes, source_kind(speech))


@dataclass
class CorpusStats:
    """What the first pass over a corpus learns: how many speeches use each word or name.

    It grows with the vocabulary, not with the corpus, so mining can stream speeches through a
    second pass instead of holding them all.
    """

    speeches: int = 0
    df: Counter[str] = field(default_factory=Counter)  # content words
    subject_df: Counter[str] = field(default_factory=Counter)  # nouns among them
    name_spread: Counter[str] = field(default_factory=Counter)
    name_tags: dict[str, str] = field(default_factory=dict)
    # How often each content word occurs in all, and in the one speech that uses it most: a
    # source's own name is said mostly in that source.
    totals: Counter[str] = field(default_factory=Counter)
    tops: Counter[str] = field(default_factory=Counter)
    quote_df: Counter[str] = field(default_factory=Counter)
    # The same for reports alone and for national reports alone: a coinage a report quotes is
    # no local speech's own, one the State Council quotes no province's own.
    report_quote_df: Counter[str] = field(default_factory=Counter)
    national_quote_df: Counter[str] = field(default_factory=Counter)

    def add(self, speech: SpeechWords) -> None:
        self.speeches += 1
        self.quote_df.update(speech.quotes)
        if speech.kind != "speech":
            self.report_quote_df.update(speech.quotes)
        if speech.kind == "national":
            self.national_quote_df.update(speech.quotes)
        self.df.update(speech.counts.keys())
        self.totals.update(speech.counts)
        tops = self.tops
        for word, n in speech.counts.items():
            if n > tops[word]:
                tops[word] = n
        self.subject_df.update(speech.subjects)
        self.name_spread.update(speech.names.keys())
        for word, tag in speech.names.items():
            self.name_tags.setdefault(word, tag)

    def rare_words(self) -> frozenset[str]:
        """Content words too rare in the corpus to be generic official wording."""
        floor = max(2, math.ceil(COMMON_SHARE * self.speeches))
        return frozenset(w for w, n in self.subject_df.items() if n < floor)

    def distinctive_terms(self, counts: Counter[str], top: int = 8) -> list[str]:
        """The words most particular to one speech (tf-idf over the corpus)."""
        n = self.speeches
        scored = [
            (tf * math.log((1 + n) / (1 + self.df[w])), w)
            for w, tf in counts.items()
            if tf >= 2 and self.df[w] <= max(1, n // 3)
        ]
        return [w for _, w in sorted(scored, key=lambda x: (-x[0], x[1]))[:top]]

    def names(self) -> NameFinder:
        usage = WordUsage(self.df, self.totals, self.tops)
        return find_names(self.name_spread, self.name_tags, self.speeches, usage)


_HAN_WORD = re.compile(r"[\u4e00-\u9fff]{2,}")


@cache
def content_word(word: str) -> bool:
    """A run of two or more Han characters: a word that can carry meaning."""
    return _HAN_WORD.fullmatch(word) is not None


def speech_text(speech: Speech) -> str:
    """Title, opening, closing, headings and body of a speech as one text."""
    parts = [speech.title, *speech.opening, *speech.closing]
    for section in speech.sections:
        parts.append(section.heading)
        parts.extend(body_paragraphs((section,)))
    return "\n".join(parts)
