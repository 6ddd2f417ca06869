"""Rank the bank's points for one draft: what belongs to the user's topic comes first.

The topic profile (``bank.profile``) says which words go with the topic; a point scores by the
topic words it carries, and recent sources rank above old ones. A point about another subject
(it carries that subject's own words, none of this topic's) is never offered; a point that names
no subject at all is common ground, offered after the topic's own.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from draftkit.bank.profile import (
    NAME_SHARE,
    ProfileIndex,
    load_index,
    names_part,
    rank_points,
    short_names,
    topic_parts,
    topic_profile,
)
from draftkit.bank.store import Bank
from draftkit.compose.dated import load_dated
from draftkit.compose.kinds import kind_of
from draftkit.compose.named import central, names_first, names_it
from draftkit.compose.naming import subject
from draftkit.compose.sectors import foreign_sector
from draftkit.models import Entry, count_hanzi

# The least relevance (against the best point's) for a point to count as on the topic.
ON_TOPIC_FLOOR = 0.15
# A point outside the core must carry at least this many of the topic's strongest words.
STRONG_WORDS = 15
STRONG_NEEDED = 3
# Points about the topic (leading with it or naming it twice) needed before its profile's words
# may find points that do not name it.
GROUNDED = 5
# Points from sources more than this many years before the meeting are not offered.
MAX_AGE = 6
# A neighbour of the topic: some relevance and two of its strongest words (one, such as 安全 or
# 风险, is shared by too many subjects to make a neighbour).
NEAR_FLOOR = 0.08
NEAR_STRONG = 2
# Relevance a point on the topic gets over common ground, and the decay per year of age.
ON_TOPIC = 1.0
COMMON_GROUND = 0.05
AGE_DECAY = 0.93
# A word in at most this share of the bank's points names one measure (农垦, 长期护理), not
# the everyday wording of many (改革, 重点).
RARE_SHARE = 0.02
# Likeness (Jaccard over character bigrams) above which two sentences say the same thing.
SAME_THING = 0.42
_BIGRAM_TEXT = re.compile(r"\{\{.*?\}\}|[^\u4e00-\u9fff]")


def bigrams(text: str) -> frozenset[str]:
    plain = _BIGRAM_TEXT.sub("", text)
    return frozenset(plain[i : i + 2] for i in range(len(plain) - 1))


def likeness(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


class Said:
    """Every sentence a draft has said, indexed by bigram so a new one is checked quickly."""

    def __init__(self) -> None:
        self.sizes: list[int] = []
        self.postings: dict[str, list[int]] = {}

    def add(self, grams: frozenset[str]) -> None:
        n = len(self.sizes)
        self.sizes.append(len(grams))
        for gram in grams:
            self.postings.setdefault(gram, []).append(n)

    def already(self, grams: frozenset[str], threshold: float = SAME_THING) -> bool:
        """Whether a sentence like this one (Jaccard over bigrams above ``threshold``) was said."""
        shared: dict[int, int] = {}
        for gram in grams:
            for n in self.postings.get(gram, ()):
                shared[n] = shared.get(n, 0) + 1
        return any(c / (len(grams) + self.sizes[n] - c) > threshold for n, c in shared.items())


class RareSaid:
    """The rare words of every clause said, so a measure named again in other words is found.

    深化农垦、供销社等改革 after 深化供销社、集体产权、集体林权、国有林区林场、农垦等改革 shares
    no long run of characters with it, but both of its rare words.
    """

    def __init__(self) -> None:
        self.sets: list[frozenset[str]] = []
        self.postings: dict[str, list[int]] = {}

    def add(self, rare: frozenset[str]) -> None:
        if len(rare) < 2:
            return
        n = len(self.sets)
        self.sets.append(rare)
        for word in rare:
            self.postings.setdefault(word, []).append(n)

    def already(self, rare: frozenset[str]) -> bool:
        """Whether one clause said holds two of these rare words and half of them."""
        if len(rare) < 2:
            return False
        shared: dict[int, int] = {}
        for word in rare:
            for n in self.postings.get(word, ()):
                shared[n] = shared.get(n, 0) + 1
        return any(c >= 2 and c * 2 >= len(rare) for c in shared.values())


@dataclass(frozen=True, slots=True)
class Ranked:
    """A point with its relevance to this draft and what it is about."""

    entry: Entry
    score: float
    on_topic: bool
    words: frozenset[str]  # themes and subjects, for likeness between points
    near: bool = False  # not the topic's own, but it carries one of its strongest words


@dataclass
class Material:
    """The draft's points by role, best first, and the topic's profile words."""

    by_role: dict[str, list[Ranked]]
    profile_words: tuple[str, ...]
    topic_words: frozenset[str] = field(default_factory=frozenset)
    names: tuple[str, ...] = ()  # the words that name the topic (``_names``)
    rare: frozenset[str] = frozenset()  # words of few points, which name one measure
    narrow: bool = False  # few points lead with the topic (``FEW_LEADS``)

    def of(self, roles: Iterable[str]) -> list[Ranked]:
        out: list[Ranked] = []
        for role in roles:
            out.extend(self.by_role.get(role, []))
        return sorted(out, key=lambda r: (-r.score, r.entry.id))


def topic_points(material: Material) -> int:
    """How many of the bank's points are about the topic: what the draft can say of it."""
    return sum(1 for ranked in material.by_role.values() for r in ranked if r.on_topic)


def rank_material(bank: Bank, topic: str, terms: Iterable[str], year: int) -> Material:
    """Every usable point of the bank for this topic and year, ranked.

    The ranking depends on nothing else, so it is kept with the bank: the wizard recomposes the
    same topic at every step.
    """
    topic = subject(topic)
    terms = sorted({t for t in terms if t})
    cache: dict[tuple[str, tuple[str, ...], int], Material] = bank.__dict__.setdefault(
        "_material", {}
    )
    key = (topic, tuple(terms), year)
    if key not in cache:
        cache[key] = _rank(bank, topic, terms, year)
    return cache[key]


def _rank(bank: Bank, topic: str, terms: list[str], year: int) -> Material:
    index = load_index(bank.path)
    points = bank.of("point")
    if index is None or not points:
        return Material({}, ())
    profile = topic_profile(index, topic, extra=terms)
    relevance = dict((ident, score) for score, ident in rank_points(index, profile))
    # A long point mentions many words; what counts is how much of it is about the topic.
    lengths = {e.id: count_hanzi(e.text) + sum(count_hanzi(s) for s in e.body) for e in points}
    relevance = {
        ident: score / math.sqrt(max(lengths.get(ident, 0), 60) / 60)
        for ident, score in relevance.items()
    }
    top = max(relevance.values(), default=1.0) or 1.0
    profile_words = {w for w, _ in profile.words}
    profile_strong = [w for w, _ in profile.words[:STRONG_WORDS]]
    # The topic as typed, its parts, its short name (医保) and the user's terms.
    inside = set(terms) | {topic} | set(topic_parts(topic)) | set(short_names(index, topic))
    own = profile_words | inside
    core = frozenset(index.ids[p] for p in profile.named)  # they name the topic
    by_role: dict[str, list[Ranked]] = {}
    # Another subject's word holding a word of the profile (金融风险 holds 风险) is still another
    # subject's; only the topic's own parts and the user's terms count inside a longer word.
    belongs = _Belongs(own, inside=inside)
    dated = _dated_points(bank, year)
    names = _names(topic, terms, index)
    # The profile speaks for the topic only where enough points are about it: a profile drawn
    # from points that name 统计 once among 碳排放 tasks is 碳达峰's, and its words find no more.
    grounded = sum(1 for e in points if central(e, names)) >= GROUNDED
    runs: list[Ranked] = []
    # Runs inside other points are sought where few points lead with the topic (交通 in a
    # 基础设施 point), not where many do (教育, whose 干部教育培训 would pass for it).
    few_leads = sum(1 for e in points if names_first(e.text, names)) < FEW_LEADS
    if few_leads:
        # A narrow topic is spoken of in its field's names (防汛抗旱 in 提高防灾减灾能力): a
        # point that leads with one of them is the topic's own (``data/kinds.yaml`` names).
        names += [n for n in _field_names(topic) if n not in names]
    for entry in points:
        if entry.id in dated or (entry.year is not None and year - entry.year > MAX_AGE):
            continue  # a source this old speaks of policies since replaced
        foreign = [s for s in entry.subjects if not belongs(s)]
        score = relevance.get(entry.id, 0.0) / top
        text = entry.text + "".join(entry.body)
        strong = sum(1 for w in profile_strong if w in text)
        on_topic = score > ON_TOPIC_FLOOR and (
            (entry.id in core and (central(entry, names) or len(foreign) <= 2))
            or (
                grounded and strong >= STRONG_NEEDED and len(foreign) <= 2 and names_it(text, names)
            )
        )
        if not on_topic and names_first(entry.text, names):
            # A point that leads with the topic is its own, however few of the profile's words
            # it holds (实施道路交通畅行工程 in a profile drawn from 安全生产's lists).
            on_topic, score = True, max(score, ON_TOPIC_FLOOR)
        if entry.role == "回顾" and not any(name in text for name in names):
            on_topic = False  # achievements that never name the topic are another subject's
        near = (
            not on_topic
            and grounded
            and score > NEAR_FLOOR
            and strong >= NEAR_STRONG
            and len(foreign) <= 1
        )
        if not on_topic and not near and few_leads:
            runs.extend(_named_runs(entry, names, max(score, ON_TOPIC_FLOOR)))
        if not on_topic and not near and foreign:
            continue  # another subject's point
        # Common ground is ordered per topic, so drafts on different topics do not all take the
        # same few generic points.
        base = ON_TOPIC * score if on_topic or near else COMMON_GROUND * _spread(topic, entry.id)
        age = max(0, year - (entry.year or year - 8))
        final = base * AGE_DECAY**age
        words = frozenset(entry.themes) | frozenset(entry.subjects)
        by_role.setdefault(entry.role, []).append(Ranked(entry, final, on_topic, words, near))
    for run in runs:
        by_role.setdefault(run.entry.role, []).append(run)
    strong = tuple(w for w, _ in profile.words[:STRONG_WORDS])
    for role, ranked in by_role.items():
        by_role[role] = ranked = _with_inner_points(ranked, names, strong)
        ranked.sort(key=lambda r: (-r.score, r.entry.id))
    ranked_words = tuple(w for w, _ in profile.words)
    rare = _rare_words(bank, index)
    return Material(by_role, ranked_words, frozenset(own), tuple(names), rare, few_leads)


# An inner point ranks a little below the point it is taken from.
INNER_SHARE = 0.9
_FIRST_CLAUSE = re.compile(r"^([^，。；！？]{5,30})，(.+[。；！？])$")


def _with_inner_points(
    ranked: list[Ranked], names: list[str], strong: tuple[str, ...]
) -> list[Ranked]:
    """The points, each with the topic's runs inside it in its place where it has any.

    Its lead is about something else (深化和美乡村建设), the run's names the topic (开展人居环境
    整治提升): the run is the topic's own sub-point, and the rest of the point another field's.
    """
    out: list[Ranked] = []
    for r in ranked:
        inner = _inner_points(r, names, strong)
        out.extend(inner or [r])
    return out


def _inner_points(ranked: Ranked, names: list[str], strong: tuple[str, ...]) -> list[Ranked]:
    """The topic's own runs inside a point on the topic whose lead is about something else.

    A report's 健全社会保障体系 holds 深化医保支付方式改革，加强医保基金监管。 and the 医保
    sentences after it: for a draft on 医疗保障 that run is a point of its own, its first
    clause the lead and the rest the body. The run ends at the first sentence that names
    neither the topic nor one of its strongest words.
    """
    entry = ranked.entry
    if not ranked.on_topic or any(n in entry.text for n in names):
        return []
    out: list[Ranked] = []
    body = entry.body
    n = 0
    while n < len(body):
        lead = body[n]
        if not any(name in lead for name in names) or "{{" in lead.split("，")[0]:
            n += 1
            continue
        end = n + 1
        while end < len(body) and any(w in body[end] for w in (*names, *strong)):
            end += 1
        split = _FIRST_CLAUSE.match(lead)
        if split and foreign_sector(split.group(2), tuple(names)):
            n = end
            continue  # the rest of its first sentence is another field's
        text, first = (split.group(1), [split.group(2)]) if split else (lead, [])
        paragraphs = entry.paragraphs[n:end] if entry.paragraphs else ()
        inner = replace(entry, text=text, body=(*first, *body[n + 1 : end]), paragraphs=paragraphs)
        out.append(Ranked(inner, ranked.score * INNER_SHARE, True, ranked.words))
        n = end
    return out


# A run of the topic's own inside another subject's point is worth this much of a point on it,
# and is sought only for a topic fewer than FEW_LEADS points lead with.
RUN_SHARE = 0.6
FEW_LEADS = 10


def _named_runs(entry: Entry, names: list[str], score: float) -> list[Ranked]:
    """The topic's own measure inside a point on another subject.

    A report's 建设宜居宜业和美乡村 holds 持续整治提升农村人居环境，着力解决农村改厕、垃圾围村等
    突出问题…: for a draft on 农村人居环境整治 that sentence is a point, its first clause the
    lead. Only a sentence whose first clause names the topic, not as an item of a list, starts
    one, and only the sentences after it that name the topic again go with it.
    """
    if any(n in entry.text for n in names):
        return []
    out: list[Ranked] = []
    body = entry.body
    n = 0
    while n < len(body):
        split = _FIRST_CLAUSE.match(body[n])
        if (
            split is None
            or not names_first(split.group(1), names)
            or foreign_sector(split.group(2), tuple(names))
        ):
            n += 1  # (the rest of 加快发展多层次多支柱养老保险体系，扩大失业、工伤、生育保险…)
            continue
        end = n + 1
        while end < len(body) and any(name in body[end] for name in names):
            end += 1
        paragraphs = entry.paragraphs[n:end] if entry.paragraphs else ()
        inner = replace(
            entry,
            text=split.group(1),
            body=(split.group(2), *body[n + 1 : end]),
            paragraphs=paragraphs,
        )
        words = frozenset(entry.themes) | frozenset(entry.subjects)
        out.append(Ranked(inner, score * RUN_SHARE, True, words))
        n = end
    return out


# A telling part names the topic beside a rarer one only if it is used by at most this many
# times as many points (or NAME_FLOOR points, for two rare parts).
NAME_SPREAD = 8
NAME_FLOOR = 20


def _names(topic: str, terms: list[str], index: ProfileIndex) -> list[str]:
    """The words that name the topic in a point.

    They are the topic itself (统计 for 统计工作), the user's terms, and its telling parts (耕地
    of 耕地保护, 生态 of 生态环境保护; not 保护, named in every tenth point). A topic of three
    telling parts or more is named by its rarest only: 人才 of 乡村人才振兴, not 乡村 or 振兴,
    which name 乡村振兴 as a whole.
    """
    whole = topic[:-2] if topic.endswith("工作") and len(topic) > 3 else topic
    if not names_part(whole):
        whole = topic  # 组织 of 组织工作 is 组织开展 in every other point
    parts = topic_parts(topic)[1:]
    halves = not parts
    if halves:
        parts = _halves(whole, index)
    telling = [p for p in parts if 0 < index.df(p) <= NAME_SHARE * index.size]
    kind = kind_of(topic)
    if kind is not None:
        # A part that is another kind of work's word says where or for whom, not what: 乡村 of
        # 乡村教育 names 乡村振兴's points, not schooling.
        telling = [p for p in telling if kind_of(p) in (None, kind)]
    if halves and len(telling) < 2:
        telling = []  # 更新 alone names 设备更新, not 城市更新
    if len(telling) >= 3:
        rarest_part = min(telling, key=lambda p: (index.df(p), p))
        # The last word is the head, a wider field (节能 of 公共机构节能): what comes before it
        # names the topic.
        head = whole.endswith(rarest_part) and len(whole) - len(rarest_part) >= 2
        telling = [whole[: -len(rarest_part)]] if head else [rarest_part]
    if telling:
        # 道路交通 (six points) names 道路交通安全; 安全 (two hundred) names every other safety.
        rarest = min(index.df(p) for p in telling)
        telling = [p for p in telling if index.df(p) <= max(NAME_FLOOR, NAME_SPREAD * rarest)]
    short = short_names(index, topic)  # 医保 of 医疗保障
    return [w for w in dict.fromkeys((whole, *short, *telling, *terms)) if len(w) >= 2]


def _field_names(topic: str) -> tuple[str, ...]:
    kind = kind_of(topic)
    return kind.names if kind is not None else ()


def _halves(topic: str, index: ProfileIndex) -> list[str]:
    """The two words of a four-character topic segmented as one (交通 and 运输 of 交通运输).

    Reports say 交通 far more often than 交通运输; a topic the segmenter keeps whole would
    otherwise be named only where it is written out in full.
    """
    if len(topic) != 4:
        return []
    halves = [topic[:2], topic[2:]]
    return halves if all(index.df(h) > 0 and names_part(h) for h in halves) else []


def _spread(topic: str, ident: str) -> float:
    """A stable number in [0.5, 1.5) for a topic and a point."""
    digest = hashlib.blake2b(f"{topic}|{ident}".encode(), digest_size=4).digest()
    return 0.5 + int.from_bytes(digest, "big") / 2**32


def _rare_words(bank: Bank, index: ProfileIndex) -> frozenset[str]:
    """The words of few points (kept with the bank: the same for every topic)."""
    found = bank.__dict__.get("_rare_words")
    if found is None:
        limit = RARE_SHARE * index.size
        found = frozenset(w for w, posts in index.postings.items() if len(posts) <= limit)
        bank.__dict__["_rare_words"] = found
    return found


def _dated_points(bank: Bank, year: int) -> frozenset[str]:
    """The points whose lead is dated for ``year`` (kept with the bank: the same every draft)."""
    cache: dict[int, frozenset[str]] = bank.__dict__.setdefault("_dated_points", {})
    if year not in cache:
        dated = load_dated()
        cache[year] = frozenset(e.id for e in bank.of("point") if dated.findings(e.text, year))
    return cache[year]


class _Belongs:
    """Whether a word is one of the topic's own (memoised).

    It is one of ``own``, part of one, or holds one of ``inside`` (the topic and its parts).
    """

    def __init__(self, own: set[str], inside: set[str]) -> None:
        self.joined = "\n".join(sorted(w for w in own if len(w) >= 2))
        words = sorted(w for w in inside if len(w) >= 2)
        self.inside = re.compile("|".join(re.escape(w) for w in words) or r"(?!x)x")
        self.seen: dict[str, bool] = {}

    def __call__(self, word: str) -> bool:
        found = self.seen.get(word)
        if found is None:
            found = self.seen[word] = word in self.joined or bool(self.inside.search(word))
        return found
