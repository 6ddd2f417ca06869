"""Merge mined speeches, in corpus order, into the bank's entries.

Phrases are merged by (kind, role, text) and points by (role, lead, body), each keeping how often
and in how many speeches it was seen, where, and its keywords; a point's themes and subjects are
the words few points use, and its words go into the topic profile.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from draftkit.bank.mine import MiningContext, PhraseKey, SpeechMined, mine_speech
from draftkit.bank.points import Point
from draftkit.bank.profile import ProfileIndex, build_index
from draftkit.bank.slots import slot_names, without_slots
from draftkit.bank.stats import CorpusStats, content_word
from draftkit.models import Entry, Origin, Speech, entry_id
from draftkit.reading.names import NameFinder
from draftkit.reading.segment import tagged


@dataclass(slots=True)
class _Seen:
    """How often one phrase was seen, in how many speeches, and where (not every candidate)."""

    count: int = 0
    speeches: set[str] = field(default_factory=set)
    origins: set[Origin] = field(default_factory=set)

    def add(self, key: str, origin: Origin) -> None:
        self.count += 1
        self.speeches.add(key)
        self.origins.add(origin)


@dataclass(frozen=True, slots=True)
class Mined:
    """A corpus mined: its entries, the source names found, and each speech's topic."""

    entries: list[Entry]
    names: NameFinder
    topics: list[str]
    years: list[int | None] = field(default_factory=list)
    profile: ProfileIndex | None = None


@dataclass
class BankMerger:
    """Merges mined speeches, in corpus order, into the bank's entries.

    What it keeps grows with the bank (distinct phrases and points), not with the corpus.
    """

    names: NameFinder
    topics: list[str] = field(default_factory=list)
    years: list[int | None] = field(default_factory=list)
    points: dict[tuple[str, str, tuple[str, ...]], _SeenPoint] = field(
        default_factory=lambda: defaultdict(_SeenPoint)
    )
    merged: dict[PhraseKey, _Seen] = field(default_factory=lambda: defaultdict(_Seen))
    specific: set[PhraseKey] = field(default_factory=set)
    keywords: dict[PhraseKey, set[str]] = field(default_factory=lambda: defaultdict(set))

    def add(self, mined: SpeechMined) -> None:
        self.topics.append(mined.topic)
        self.years.append(mined.year)
        for point in mined.points:
            self.points[(point.role, point.lead, point.body)].add(
                point, mined.key, mined.year, mined.register
            )
        for ident, origin, words_found, specific in mined.phrases:
            self.merged[ident].add(mined.key, origin)
            self.keywords[ident].update(words_found)
            if specific:
                self.specific.add(ident)

    def finish(self) -> Mined:
        """All entries, merged by (kind, role, text), sorted stably."""
        entries = []
        for ident, found in self.merged.items():
            kind, role, text = ident
            doc_freq = len(found.speeches)
            if kind == "idiom" and (doc_freq < 2 or "{{" in text):
                continue
            origins = tuple(sorted(found.origins, key=lambda o: (o.file, o.title, o.paragraph)))
            entries.append(
                Entry(
                    id=entry_id(kind, role, text),
                    kind=kind,
                    role=role,
                    text=text,
                    count=found.count,
                    doc_freq=doc_freq,
                    keywords=tuple(sorted(self.keywords[ident])),
                    slots=slot_names(text),
                    specific=ident in self.specific,
                    origins=origins,
                )
            )
        mined_points, tokens = point_entries(self.points)
        entries.extend(mined_points)
        profile = build_index(tokens)
        return Mined(
            sorted(entries, key=lambda e: (e.kind, e.role, e.text)),
            self.names,
            self.topics,
            self.years,
            profile,
        )


def mine_stream(items: Iterable[tuple[Speech, Counter[str]]], stats: CorpusStats) -> Mined:
    """All entries of a corpus, merged by (kind, role, text), sorted stably.

    ``items`` gives each speech with its word counts, in the order ``stats`` saw them; they are
    read once, so they can come from disk. What is kept is the merged bank, not the speeches.
    """
    context = MiningContext.of(stats)
    merger = BankMerger(context.names)
    for n, (speech, counts) in enumerate(items):
        merger.add(mine_speech(speech, counts, n, context))
    return merger.finish()


@dataclass(slots=True)
class _SeenPoint:
    """One point as seen in the corpus: how often, where, and the newest year it was said."""

    count: int = 0
    speeches: set[str] = field(default_factory=set)
    origins: set[Origin] = field(default_factory=set)
    paragraphs: tuple[int, ...] = ()
    year: int | None = None
    register: str = ""
    context: str = ""

    def add(self, point: Point, key: str, year: int | None, register: str) -> None:
        self.count += 1
        self.context = self.context or point.context
        self.speeches.add(key)
        self.origins.add(point.origin)
        if not self.paragraphs or point.origin == min(self.origins, key=_origin_key):
            self.paragraphs = point.paragraphs
        if year is not None and (self.year is None or year > self.year):
            self.year = year
        self.register = self.register or register


def _origin_key(origin: Origin) -> tuple[str, str, int]:
    return (origin.file, origin.title, origin.paragraph)


# A word in more than this share of points is common wording, not what a point is about.
THEME_SHARE = 0.04
SUBJECT_SHARE = 0.015
_THEME_TAGS = ("n", "nz", "vn", "j", "v", "an", "nt", "nw")


def point_entries(
    points: dict[tuple[str, str, tuple[str, ...]], _SeenPoint],
) -> tuple[list[Entry], list[tuple[str, list[str]]]]:
    """Point entries, and each point's content words for the topic profile.

    A point's themes are its lead's rarer words, its subjects the whole point's.
    Both are words that few points use: a word in every tenth point says nothing about any.
    """
    tokens: dict[tuple[str, str, tuple[str, ...]], tuple[list[str], set[str]]] = {}
    every: dict[tuple[str, str, tuple[str, ...]], list[str]] = {}
    df: Counter[str] = Counter()
    for ident in points:
        _role, lead, body = ident
        lead_words = [w for w, tag in tagged(without_slots(lead)) if _theme_word(w, tag)]
        body_tags = tagged(without_slots("".join(body)))
        body_words = {w for w, tag in body_tags if _theme_word(w, tag)}
        tokens[ident] = (lead_words, body_words | set(lead_words))
        above = [w for w, tag in tagged(points[ident].context) if _theme_word(w, tag)]
        # The lead says what the point is about: its words count twice in the profile index.
        every[ident] = 2 * lead_words + [w for w, _ in body_tags if content_word(w)] + above
        df.update(tokens[ident][1])
    total = max(1, len(points))
    out = []
    words_of: list[tuple[str, list[str]]] = []
    for ident, seen in points.items():
        role, lead, body = ident
        lead_words, all_words = tokens[ident]
        themes = [w for w in dict.fromkeys(lead_words) if df[w] / total <= THEME_SHARE]
        subjects = sorted(w for w in all_words if df[w] >= 2 and df[w] / total <= SUBJECT_SHARE)
        origins = tuple(sorted(seen.origins, key=_origin_key))
        ident_text = entry_id("point", role, lead + "".join(body))
        words_of.append((ident_text, every[ident]))
        out.append(
            Entry(
                id=ident_text,
                kind="point",
                role=role,
                text=lead,
                count=seen.count,
                doc_freq=len(seen.speeches),
                keywords=(),
                slots=slot_names(lead + "".join(body)),
                specific=False,
                origins=origins,
                body=body,
                paragraphs=seen.paragraphs,
                themes=tuple(themes),
                subjects=tuple(subjects),
                year=seen.year,
                register=seen.register,
            )
        )
    return out, words_of


def _theme_word(word: str, tag: str) -> bool:
    return content_word(word) and tag.startswith(_THEME_TAGS)
