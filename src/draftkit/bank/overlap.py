"""The 查重 index: which passages of a draft were copied verbatim from the user's corpus.

Owns the source paragraphs in their normal form, the n-gram postings that find candidate sources
fast, and the verbatim spans found in a draft. Where the source paragraphs come from and how the
index is stored is ``sources``.

How a query works. Text is compared in a normal form: letters, digits and Han characters only
(punctuation and spaces dropped, full-width ASCII folded), so a copy with changed punctuation
still counts. Every source paragraph posts its n-grams (``n`` = 8) taken at a stride of
``min_span - n + 1``; any common run of ``min_span`` (15) characters therefore contains at least
one posted n-gram. A draft paragraph looks up all its n-grams, ranks the source paragraphs they
hit, and verifies the best ones with ``difflib`` (longest common substrings, non-overlapping in the
draft). Candidates are taken greedily, at most ``MAX_CANDIDATES`` per paragraph: each match is
credited to one source only, so a hundred copies of the same speech cost one verification, not a
hundred; a verified source's share still counts every draft character it contains.
"""

from __future__ import annotations

import heapq
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from typing import Any

NGRAM = 8
MIN_SPAN = 15
# Candidate source paragraphs verified per draft paragraph; the greedy order makes the first few
# the ones that matter, the cap bounds the cost of boilerplate shared by thousands of paragraphs.
MAX_CANDIDATES = 12
# A paragraph longer than this is compared a window at a time, cut after a sentence where one
# ends near the limit: verifying candidates costs time that grows faster than the paragraph, so
# a 1 MB paragraph compared whole took minutes. Real paragraphs are shorter and compared whole.
WINDOW = 4_000
_SENTENCE_END = re.compile(r"[。！？；]")

_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}  # full-width ASCII → ASCII
_FULL_WIDTH = re.compile("[０-９Ａ-Ｚａ-ｚ]")
_DROP = re.compile(r"[\W_]+")
_KEEP = re.compile(r"[^\W_]")


def normalise(text: str) -> str:
    """The form texts are compared in: letters, digits and Han only, ASCII lower-cased."""
    text = _DROP.sub("", text)
    if _FULL_WIDTH.search(text):  # translate is slow and most text has nothing to fold
        text = text.translate(_FOLD)
    return text.lower()


def normalise_with_positions(text: str) -> tuple[str, list[int]]:
    """``normalise(text)`` and, for each of its characters, the offset it came from in ``text``."""
    folded = text.translate(_FOLD)
    matches = list(_KEEP.finditer(folded))
    return "".join(m.group(0) for m in matches).lower(), [m.start() for m in matches]


# --- the index ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SourceSpeech:
    """One speech of the corpus: its file name, title and paragraphs in reading order."""

    file: str
    title: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Match:
    """A verbatim span of a draft paragraph found in one source paragraph.

    ``start``/``end`` are offsets in the draft paragraph as given; ``size`` counts the
    characters in normal form (punctuation not counted); ``paragraph`` is 1-based in the source.
    """

    source: int  # the speech's position in the index
    speech: SourceSpeech
    paragraph: int
    start: int
    end: int
    size: int


@dataclass(frozen=True, slots=True)
class SourceShare:
    """How much of a draft one source speech covers."""

    source: int
    speech: SourceSpeech
    covered: int
    share: float


@dataclass(frozen=True, slots=True)
class OverlapResult:
    """A draft against the index.

    ``longest`` holds, per draft paragraph, its longest verbatim span (or ``None``) and
    ``matches`` all its spans, each credited to one source; ``sources`` the speeches that contain
    any of the draft, most first; ``total`` the draft's characters in normal form and ``covered``
    how many of them some source contains.
    """

    total: int
    covered: int
    longest: tuple[Match | None, ...]
    matches: tuple[tuple[Match, ...], ...]
    sources: tuple[SourceShare, ...]

    @property
    def top(self) -> SourceShare | None:
        return self.sources[0] if self.sources else None

    def to_json(self) -> dict[str, Any]:
        """Characters compared and covered, the top source and the next four."""

        def source(share: SourceShare) -> dict[str, Any]:
            speech = share.speech
            return {"file": speech.file, "title": speech.title, "share": round(share.share, 4)}

        return {
            "characters": self.total,
            "covered": self.covered,
            "share_any": round(self.covered / self.total, 4) if self.total else 0.0,
            "share": round(self.top.share, 4) if self.top else 0.0,
            "source": source(self.top) if self.top else None,
            "sources": [source(s) for s in self.sources[:5]],
        }


class OverlapIndex:
    """Source paragraphs of a corpus with n-gram postings; build with ``build_index``."""

    __slots__ = ("speeches", "n", "min_span", "_owner", "_norm", "_postings")
    # A loaded index may hold lazy sequences here (``index_cache``), built ones lists and dicts.
    speeches: Sequence[SourceSpeech]
    _owner: Sequence[tuple[int, int]]
    _norm: Sequence[str]
    _postings: Mapping[str, Sequence[int]]

    def __init__(
        self, speeches: Sequence[SourceSpeech], *, n: int = NGRAM, min_span: int = MIN_SPAN
    ) -> None:
        if not 2 <= n <= min_span:
            raise ValueError(f"need 2 <= n <= min_span, got n={n}, min_span={min_span}")
        self.speeches = tuple(speeches)
        self.n = n
        self.min_span = min_span
        owner: list[tuple[int, int]] = []  # paragraph id → (speech id, 1-based paragraph)
        norms: list[str] = []
        postings: defaultdict[str, list[int]] = defaultdict(list)
        stride = min_span - n + 1
        for sid, speech in enumerate(self.speeches):
            for number, text in enumerate(speech.paragraphs, start=1):
                norm = normalise(text)
                if len(norm) < min_span:
                    continue
                pid = len(norms)
                owner.append((sid, number))
                norms.append(norm)
                last = len(norm) - n
                # The last n-gram is posted too, so a run reaching the end is always seen.
                for i in (*range(0, last + 1, stride), last):
                    bucket = postings[norm[i : i + n]]
                    if not bucket or bucket[-1] != pid:
                        bucket.append(pid)
        self._owner, self._norm, self._postings = owner, norms, dict(postings)

    @property
    def paragraphs(self) -> int:
        """Source paragraphs long enough to be compared."""
        return len(self._norm)

    @property
    def characters(self) -> int:
        return sum(len(norm) for norm in self._norm)

    def compare(self, paragraphs: Sequence[str]) -> OverlapResult:
        """Find the verbatim spans of every draft paragraph and the share each source covers.

        A source's share counts every draft character it contains, whether or not another
        source was credited with it first, so near-duplicate sources each get their full share.
        """
        covered_by: defaultdict[int, int] = defaultdict(int)
        longest: list[Match | None] = []
        matches: list[tuple[Match, ...]] = []
        total = covered = 0
        for text in paragraphs:
            found, by_source = self._windows(text)
            found.sort(key=lambda m: m.start)
            total += len(normalise(text))
            covered += sum(m.size for m in found)
            for sid, size in by_source.items():
                covered_by[sid] += size
            matches.append(tuple(found))
            longest.append(max(found, key=lambda m: (m.size, -m.start), default=None))
        shares = tuple(
            SourceShare(sid, self.speeches[sid], size, size / total if total else 0.0)
            for sid, size in sorted(covered_by.items(), key=lambda item: (-item[1], item[0]))
        )
        return OverlapResult(total, covered, tuple(longest), tuple(matches), shares)

    def _windows(self, text: str) -> tuple[list[Match], dict[int, int]]:
        """``_paragraph`` a window at a time, with offsets in the whole paragraph."""
        if len(text) <= WINDOW:
            return self._paragraph(text)
        found: list[Match] = []
        by_source: defaultdict[int, int] = defaultdict(int)
        lo = 0
        while lo < len(text):
            hi = min(len(text), lo + WINDOW)
            if hi < len(text):
                ends = [m.end() for m in _SENTENCE_END.finditer(text, lo + WINDOW // 2, hi)]
                hi = ends[-1] if ends else hi
            part, part_by_source = self._paragraph(text[lo:hi])
            found += [replace(m, start=m.start + lo, end=m.end + lo) for m in part]
            for sid, size in part_by_source.items():
                by_source[sid] += size
            lo = hi
        return found, dict(by_source)

    def spans(self, text: str) -> list[Match]:
        """Verbatim spans of ``min_span`` characters or more, none overlapping in ``text``."""
        return self._paragraph(text)[0]

    def _paragraph(self, text: str) -> tuple[list[Match], dict[int, int]]:
        """The spans credited greedily, and per source speech the characters it contains."""
        norm, positions = normalise_with_positions(text)
        n = self.n
        if len(norm) < self.min_span:
            return [], {}
        hits: defaultdict[int, list[int]] = defaultdict(list)
        for j in range(len(norm) - n + 1):
            for pid in self._postings.get(norm[j : j + n], ()):
                hits[pid].append(j)
        if not hits:
            return [], {}
        taken = bytearray(len(norm))  # 1 where a draft character is already credited
        own: defaultdict[int, bytearray] = defaultdict(lambda: bytearray(len(norm)))
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(norm)
        # Lazy greedy: counts only fall as characters are credited, so a stale count is an upper
        # bound and a popped candidate whose fresh count still leads can be verified at once.
        heap = [(-len(js), pid) for pid, js in hits.items()]
        heapq.heapify(heap)
        out: list[Match] = []
        verified = 0
        while heap and verified < MAX_CANDIDATES:
            _, pid = heapq.heappop(heap)
            fresh = sum(1 for j in hits[pid] if not taken[j])
            if fresh == 0:
                continue
            if heap and -fresh > heap[0][0]:
                heapq.heappush(heap, (-fresh, pid))
                continue
            verified += 1
            sid, number = self._owner[pid]
            whole = not any(taken)
            found = self._verify(matcher, pid, taken)
            for b, size in found if whole else self._verify(matcher, pid, bytearray(len(norm))):
                own[sid][b : b + size] = b"\x01" * size
            for b, size in found:
                taken[b : b + size] = b"\x01" * size
                start, end = positions[b], positions[b + size - 1] + 1
                out.append(Match(sid, self.speeches[sid], number, start, end, size))
        return out, {sid: marks.count(1) for sid, marks in own.items() if any(marks)}

    def _verify(
        self, matcher: SequenceMatcher[str], pid: int, taken: bytearray
    ) -> list[tuple[int, int]]:
        """Longest common runs (draft offset, size) of a source paragraph and the free draft."""
        source = self._norm[pid]
        matcher.set_seq1(source)
        found = []
        todo = list(_free_runs(taken, self.min_span))
        while todo:
            lo, hi = todo.pop()
            m = matcher.find_longest_match(0, len(source), lo, hi)
            if m.size < self.min_span:
                continue
            found.append((m.b, m.size))
            if m.b - lo >= self.min_span:
                todo.append((lo, m.b))
            if hi - (m.b + m.size) >= self.min_span:
                todo.append((m.b + m.size, hi))
        return found


def _free_runs(taken: bytearray, least: int) -> Iterable[tuple[int, int]]:
    """Runs of uncredited draft characters at least ``least`` long, as (start, end)."""
    start = None
    for i, flag in enumerate(taken):
        if not flag and start is None:
            start = i
        elif flag and start is not None:
            if i - start >= least:
                yield start, i
            start = None
    if start is not None and len(taken) - start >= least:
        yield start, len(taken)
