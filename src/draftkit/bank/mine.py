"""Mine reusable phrases from classified speeches. Pure functions, no I/O.

For each speech: level-1 and level-2 headings, opening and closing sentences, the
"下面，我讲几点意见" transition, body sentences by role, parallel groups (排比), inline
enumerations (一是…二是…), 四字格 and quoted numbered slogans. The speech's own topic becomes
the slot ``{{ topic }}`` (``{{ topic_work }}`` where 工作 follows it), its level word
(全州, 我市, 县委) becomes ``{{ scope }}``, redactions become explicit slots, and anything that
still names one source (a place, a person, a unit, a date or a figure) marks the entry
``specific`` so the composer never reuses it as is.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from draftkit.bank.facts import QUOTED, slot_scope
from draftkit.bank.points import Point, point_candidates, speech_register
from draftkit.bank.profile import ProfileIndex, build_index
from draftkit.models import Entry, Origin, Section, Speech, entry_id
from draftkit.reading.frame import is_salutation, is_transition, meeting_name
from draftkit.reading.gate import body_paragraphs
from draftkit.reading.names import NameFinder, find_names, name_candidates
from draftkit.reading.segment import sentences, tagged, words

# Body text from these speeches is not offered to the composer (headings still are).
UNTRUSTED_BODY = frozenset({"shuffled", "spun"})

_SCOPE = "省市县区州"
_TOPIC_STRIP_PREFIX = re.compile(
    rf"^(在)?(全[{_SCOPE}]|[{_SCOPE}]|市政协|政协)?(机关|直机关|建设系统|系统)?(以作风建设为主题的)?"
)
_TOPIC_STRIP_SUFFIX = re.compile(
    r"(工作)?(动员部署|动员|部署|推进|总结表彰|表彰|座谈|培训|演示|工作)?(大会|会议|会|班)$"
)
# Redaction marks as web copies leave them: *, ×, ＊, or a bare X/XX among Chinese characters.
_MARK = r"(?:[*×＊]+|(?<![A-Za-z])[XＸ]{1,4}(?![A-Za-z]))"
_REDACTED_YEAR = re.compile(
    rf"(?:20|二〇)\s?{_MARK}\s?年|20\s?年(?=度)|{_MARK}年(?=度|全)|202[xX]年"
)
_REDACTED_FIGURE = re.compile(rf"{_MARK}(?=[个起人名%％月日亿万元次项家户倍])")
_REDACTED_PERSON = re.compile(
    rf"{_MARK}(?=(同志|书记|厅长|局长|组长|主任|市长|县长|区长|部长|主席|秘书长|副))"
)
_REDACTED_OTHER = re.compile(_MARK)
_MARK_CHAR = re.compile("[*×＊XＸ]")
_EMPTY_DATE = re.compile(r"(?<![\d一二三四五六七八九十])月\d{0,2}日|\d{1,2}月日")
_FIGURE = re.compile(
    r"\d|[一二三四五六七八九十百千两]+(多|余)?(万|亿|个百分点|名|人次|件|户|亩|公里|元)"
)
_PERSON_TITLE = re.compile(
    r"[\u4e00-\u9fff]{1,3}(同志|书记|厅长|局长|市长|县长|主任|部长|省长|州长|区长|乡长|镇长|主席|秘书长)"
)
_IDIOM_CLAUSE = re.compile(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{4}(?![\u4e00-\u9fff])")
_SLOGAN = re.compile(
    r"[“《]([^”》]{0,6}?[一二三四五六七八九十两]{1,2}(个|项|大|种|条|不|严禁|必须)[^”》]{0,8})[”》]"
)
_ENUM_INLINE = re.compile(r"([一二三四五六七八九十])(是|要)([^。；]{2,40})[。；]")
_CLAUSE_SPLIT = re.compile(r"[，；、]")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A raw phrase of one speech before slotting and merging."""

    kind: str
    role: str
    text: str
    origin: Origin
    speech_key: str


# --- topics --------------------------------------------------------------------------------


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
        tokens = [w for w in words(heading) if _content_word(w)]
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


def speech_words(speech: Speech) -> SpeechWords:
    """Segment and tag a speech once and keep only the counts mining uses."""
    text = _speech_text(speech)
    tags = tagged(text)
    every = Counter(word for word, _ in tags)
    counts = Counter({w: n for w, n in every.items() if _content_word(w)})
    pairs = list(dict.fromkeys(tags))  # each (word, tag) once, in the order first seen
    subjects = frozenset(w for w, tag in pairs if tag in _SUBJECT_TAGS and w in counts)
    quotes = frozenset(QUOTED.findall(text))
    return SpeechWords(counts, subjects, name_candidates(pairs), quotes)


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
    quote_df: Counter[str] = field(default_factory=Counter)

    def add(self, speech: SpeechWords) -> None:
        self.speeches += 1
        self.quote_df.update(speech.quotes)
        self.df.update(speech.counts.keys())
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
        return find_names(self.name_spread, self.name_tags, self.speeches)


_HAN_WORD = re.compile(r"[\u4e00-\u9fff]{2,}")


@cache
def _content_word(word: str) -> bool:
    return _HAN_WORD.fullmatch(word) is not None


def _speech_text(speech: Speech) -> str:
    parts = [speech.title, *speech.opening, *speech.closing]
    for section in speech.sections:
        parts.append(section.heading)
        parts.extend(body_paragraphs((section,)))
    return "\n".join(parts)


# --- slotting ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Slotter:
    """Turns one speech's text into reusable text, or says why it cannot be reused."""

    topic: str
    terms: tuple[str, ...]
    names: NameFinder
    rare: frozenset[str] = frozenset()

    def slot(self, text: str) -> tuple[str, bool, tuple[str, ...]]:
        """(slotted text, specific?, keywords) for one phrase of this speech."""
        if "年" in text:
            text = _REDACTED_YEAR.sub("{{ year }}年", text)
        redacted_figure = False
        if _MARK_CHAR.search(text):  # no redaction pattern matches without a mark
            redacted_figure = _REDACTED_FIGURE.search(text) is not None  # a count nobody can guess
            text = _REDACTED_PERSON.sub("{{ fill('姓名') }}", text)
            text = _REDACTED_OTHER.sub("{{ fill('地名') }}", text)
        specific = redacted_figure or bool(
            ("月" in text and _EMPTY_DATE.search(text)) or _FIGURE.search(_without_slots(text))
        )
        specific = specific or bool(
            _PERSON_TITLE.search(_without_slots(text)) and "总书记" not in text
        )
        specific = specific or self.names.has_name(_without_slots(text))
        if self.topic and len(self.topic) >= 2:
            text = text.replace(self.topic + "工作", "{{ topic_work }}")
            text = text.replace(self.topic, "{{ topic }}")
        text = slot_scope(text)
        plain = _without_slots(text)
        found = [t for t in self.terms if t in plain]
        found += [w for w in words(plain) if w in self.rare]
        if plain.count("“") != plain.count("”") or plain.count("（") != plain.count("）"):
            specific = True  # a fragment cut from inside a quotation or a bracket
        return text, specific, tuple(dict.fromkeys(found))


_SLOT = re.compile(r"\{\{.*?\}\}")
_SLOT_NAME = re.compile(r"\{\{\s*(\w+)")


def _without_slots(text: str) -> str:
    return _SLOT.sub("", text) if "{{" in text else text


# --- candidates per speech ---------------------------------------------------------------------


def speech_candidates(speech: Speech, slotter: Slotter, key: str) -> Iterable[Candidate]:
    """Every raw phrase of one speech (before slotting and merging)."""
    file = Path(speech.source).name

    def cand(kind: str, role: str, text: str, paragraph: int) -> Candidate:
        return Candidate(kind, role, text, Origin(file, speech.title, paragraph), key)

    trusted = not (UNTRUSTED_BODY & set(speech.flags))
    for i, text in enumerate(speech.opening):
        if is_salutation(text):
            continue
        for sentence in sentences(text):
            kind = "transition" if is_transition(sentence) else "opening"
            if kind == "transition" or trusted:
                yield cand(kind, "开场", sentence, i)
    for section in speech.sections:
        yield from _section_candidates(section, cand, trusted)
    base = len(speech.opening) + _count(speech.sections)
    for i, text in enumerate(speech.closing):
        if trusted and not re.match(r"^谢谢", text):
            for sentence in sentences(text):
                yield cand("closing", "结束", sentence, base + i)


def _count(sections: tuple[Section, ...]) -> int:
    return sum(1 + len(s.paragraphs) + _count(s.children) for s in sections)


def _section_candidates(section: Section, cand, trusted: bool) -> Iterable[Candidate]:  # type: ignore[no-untyped-def]
    if section.level == 1:
        yield cand("heading1", section.role, section.heading, section.index)
    elif section.level in (2, 3):
        yield cand("heading2", section.role, section.heading, section.index)
    if trusted:
        for offset, paragraph in enumerate(section.paragraphs):
            yield from _body_candidates(paragraph, section.role, section.index + offset, cand)
    for child in section.children:
        yield from _section_candidates(child, cand, trusted)


def _body_candidates(paragraph: str, role: str, index: int, cand) -> Iterable[Candidate]:  # type: ignore[no-untyped-def]
    for sentence in sentences(paragraph):
        if 12 <= len(sentence) <= 120:
            yield cand("sentence", role, sentence, index)
        group = parallel_group(sentence)
        if group:
            yield cand("parallel", role, group, index)
        for clause in _IDIOM_CLAUSE.findall(sentence):
            yield cand("idiom", role, clause, index)
    heads = _ENUM_INLINE.findall(paragraph)
    if len(heads) >= 3 and [h[0] for h in heads[:3]] == ["一", "二", "三"]:
        text = "；".join(f"{n}{v}{body}" for n, v, body in heads) + "。"
        yield cand("enumeration", role, text, index)
    for m in _SLOGAN.finditer(paragraph):
        yield cand("slogan", role, f"“{m.group(1)}”", index)


def parallel_group(sentence: str) -> str:
    """The longest run of ≥3 clauses of like shape: same first or last character, like length."""
    clauses = [c for c in _CLAUSE_SPLIT.split(sentence.rstrip("。！？；”")) if c]
    best: list[str] = []
    run: list[str] = []
    for clause in clauses:
        if run and _alike(run[-1], clause):
            run.append(clause)
        else:
            run = [clause]
        if len(run) > len(best):
            best = list(run)
    if len(best) < 3 or sum(len(c) for c in best) < 12:
        return ""
    return "，".join(best) + "。"


def _alike(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > max(2, len(a) // 3) or len(a) < 3:
        return False
    return a[0] == b[0] or a[-1] == b[-1] or a[:2] == b[:2]


# --- the whole corpus -------------------------------------------------------------------------


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


@dataclass(frozen=True, slots=True)
class MiningContext:
    """What the second pass knows of the whole corpus: the same for every speech it mines.

    Built once from the first pass's ``CorpusStats``; a worker process gets it once and then
    mines any speech of the corpus on its own.
    """

    stats: CorpusStats
    names: NameFinder
    rare: frozenset[str]

    @classmethod
    def of(cls, stats: CorpusStats) -> MiningContext:
        return cls(stats, stats.names(), stats.rare_words())


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
    topic_words = [w for w in words(topic) if _content_word(w) and not _GENERIC_HEAD.match(w)]
    slotter = Slotter(topic, tuple(dict.fromkeys(terms + topic_words)), context.names, context.rare)
    key = f"{speech.source}#{n}"
    register = speech_register(speech)
    points: tuple[Point, ...] = ()
    if UNTRUSTED_BODY.isdisjoint(speech.flags):
        text = _speech_text(speech)
        local = frozenset(q for q in QUOTED.findall(text) if stats.quote_df[q] <= 1)
        points = tuple(point_candidates(speech, context.names, local))
    phrases: list[Phrase] = []
    if register != "report":  # a report lends whole points; its loose phrases are not drawn on
        for candidate in speech_candidates(speech, slotter, key):
            text, specific, words_found = slotter.slot(candidate.text)
            phrases.append(
                ((candidate.kind, candidate.role, text), candidate.origin, words_found, specific)
            )
    # The speech's year is read from its title, date line or file name.
    return SpeechMined(key, topic, speech.year, register, points, tuple(phrases))


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
                    slots=tuple(sorted(set(_SLOT_NAME.findall(text)))),
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
        lead_words = [w for w, tag in tagged(_plain(lead)) if _theme_word(w, tag)]
        body_tags = tagged(_plain("".join(body)))
        body_words = {w for w, tag in body_tags if _theme_word(w, tag)}
        tokens[ident] = (lead_words, body_words | set(lead_words))
        above = [w for w, tag in tagged(points[ident].context) if _theme_word(w, tag)]
        # The lead says what the point is about: its words count twice in the profile index.
        every[ident] = 2 * lead_words + [w for w, _ in body_tags if _content_word(w)] + above
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
                slots=tuple(sorted(set(_SLOT_NAME.findall(lead + "".join(body))))),
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


def _plain(text: str) -> str:
    return _SLOT.sub("", text)


def _theme_word(word: str, tag: str) -> bool:
    return _content_word(word) and tag.startswith(_THEME_TAGS)
