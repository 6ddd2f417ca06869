"""Mine one speech on its own, with what the whole corpus taught the first pass. No I/O.

The speech's topic is its meeting name without scope and meeting words, or the phrase its
headings keep coming back to. Its raw phrases (``candidates``) are made reusable (``slots``) with
that topic, the corpus's rare words and the names it found; its points come from ``points``.
Nothing is merged here: ``merge`` adds what each speech gives to the bank.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from draftkit.bank.candidates import UNTRUSTED_BODY, speech_candidates
from draftkit.bank.facts import QUOTED, FactContext
from draftkit.bank.local_terms import quote_spread, rare_schemes
from draftkit.bank.points import Point, point_candidates, source_kind, speech_register
from draftkit.bank.slots import Slotter
from draftkit.bank.stats import CorpusStats, content_word, speech_text
from draftkit.models import Origin, Speech
from draftkit.reading.frame import meeting_name
from draftkit.reading.names import NameFinder
from draftkit.reading.segment import tagged, words

# --- topics --------------------------------------------------------------------------------

_SCOPE = "省市县区州"
_TOPIC_STRIP_PREFIX = re.compile(
    rf"^(在)?(全[{_SCOPE}]|[{_SCOPE}]|市政协|政协)?(机关|直机关|建设系统|系统)?(以作风建设为主题的)?"
)
_TOPIC_STRIP_SUFFIX = re.compile(
    r"(工作)?(动员部署|动员|部署|推进|总结表彰|表彰|座谈|培训|演示|工作)?(大会|会议|会|班)$"
)


def speech_topic(speech: Speech, distinctive: list[str]) -> str:
    """The topic a speech is about: its meeting name without scope and meeting words."""
    name = meeting_name(speech)
    topic = _TOPIC_STRIP_SUFFIX.sub("", _TOPIC_STRIP_PREFIX.sub("", name)) if name else ""
    topic = re.sub(r"(工作|活动)$", "", topic)
    if len(topic) < 2 or len(topic) > 14:
        topic = heading_topic(speech) or (distinctive[0] if distinctive else "")
    return topic


_GENERIC_HEAD = re.compile(
    r"^(工作|建设|提高|加强|推进|进一步|重要|意义|认识|领导|要求|我们|全面|切实|确保)$"
)


def heading_topic(speech: Speech) -> str:
    """The phrase the headings keep coming back to (电子政务, 政务公开 …)."""
    heads = [s.heading for s in speech.sections] + [
        c.heading for s in speech.sections for c in s.children
    ]
    counts: Counter[str] = Counter()
    for heading in heads:
        tokens = [w for w in words(heading) if content_word(w)]
        grams = set(tokens) | {a + b for a, b in zip(tokens, tokens[1:], strict=False)}
        counts.update(g for g in grams if 3 <= len(g) <= 8 and not _GENERIC_HEAD.match(g))
    best = [(n, len(g), g) for g, n in counts.items() if n >= 2]
    if not best:
        return ""
    topic = max(best)[2]
    # Grow the phrase leftwards while headings agree on the word before it (政务+服务中心建设).
    while True:
        before = Counter(
            m.group(1)
            for h in heads
            for m in re.finditer(f"([\u4e00-\u9fff]{{2}}){re.escape(topic)}", h)
        )
        if not before or before.most_common(1)[0][1] < 2 or len(topic) >= 10:
            return topic
        word = before.most_common(1)[0][0]
        if not any(tag.startswith("n") for w, tag in tagged(word) if w == word):
            return topic
        topic = word + topic


# --- one speech ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MiningContext:
    """What the second pass knows of the whole corpus: the same for every speech it mines.

    Built once from the first pass's ``CorpusStats``; a worker process gets it once and then
    mines any speech of the corpus on its own.
    """

    stats: CorpusStats
    names: NameFinder
    rare: frozenset[str]
    schemes: tuple[str, ...]  # the schemes too few sources quote to be anyone's

    @classmethod
    def of(cls, stats: CorpusStats) -> MiningContext:
        schemes = rare_schemes(stats.quote_df, stats.national_quote_df)
        return cls(stats, stats.names(), stats.rare_words(), schemes)


# One phrase of a speech as it goes into the bank: (kind, role, slotted text), where it was
# seen, the keywords found in it and whether it names its source.
PhraseKey = tuple[str, str, str]
Phrase = tuple[PhraseKey, Origin, tuple[str, ...], bool]


@dataclass(frozen=True, slots=True)
class SpeechMined:
    """What one speech adds to the bank, before merging: its topic, points and phrases."""

    key: str
    topic: str
    year: int | None
    register: str
    points: tuple[Point, ...]
    phrases: tuple[Phrase, ...]


def mine_speech(
    speech: Speech, counts: Counter[str], n: int, context: MiningContext
) -> SpeechMined:
    """One speech, the ``n``-th of its corpus, mined on its own: nothing is merged yet."""
    stats = context.stats
    terms = stats.distinctive_terms(counts)
    topic = speech_topic(speech, terms)
    topic_words = [w for w in words(topic) if content_word(w) and not _GENERIC_HEAD.match(w)]
    local, rare = quote_spread(
        QUOTED.findall(speech_text(speech)),
        source_kind(speech),
        quoted_by=stats.quote_df,
        by_reports=stats.report_quote_df,
        by_national=stats.national_quote_df,
    )
    # A phrase's own schemes become fields; its other quotes, however rare, stay (“一把手”).
    own = FactContext(rare_quotes=rare)
    slotter = Slotter(
        topic, tuple(dict.fromkeys(terms + topic_words)), context.names, context.rare, own
    )
    key = f"{speech.source}#{n}"
    register = speech_register(speech)
    points: tuple[Point, ...] = ()
    if UNTRUSTED_BODY.isdisjoint(speech.flags):
        points = tuple(point_candidates(speech, context.names, local, rare, context.schemes))
    phrases: list[Phrase] = []
    if register != "report":  # a report lends whole points; its loose phrases are not drawn on
        for candidate in speech_candidates(speech, slotter, key):
            text, specific, words_found = slotter.slot(candidate.text)
            phrases.append(
                ((candidate.kind, candidate.role, text), candidate.origin, words_found, specific)
            )
    # The speech's year is read from its title, date line or file name.
    return SpeechMined(key, topic, speech.year, register, points, tuple(phrases))
