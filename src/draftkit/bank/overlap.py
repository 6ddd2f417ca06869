"""The 查重 index: which passages of a draft were copied verbatim from the user's corpus.

Owns the source paragraphs of a parsed corpus, their normal form, the n-gram postings that find
candidate sources fast, the verbatim spans found in a draft, and the index file on disk.

How a query works. Text is compared in a normal form: letters, digits and Han characters only
(punctuation and spaces dropped, full-width ASCII folded), so a copy with changed punctuation
still counts. Every source paragraph posts its n-grams (``n`` = 8) taken at a stride of
``min_span - n + 1``; any common run of ``min_span`` (15) characters therefore contains at least
one posted n-gram. A draft paragraph looks up all its n-grams, ranks the source paragraphs they
hit, and verifies the best ones with ``difflib`` (longest common substrings, non-overlapping in the
draft). Candidates are taken greedily, at most ``MAX_CANDIDATES`` per paragraph: each match is
credited to one source only, so a hundred copies of the same speech cost one verification, not a
hundred; a verified source's share still counts every draft character it contains.

On disk (``sources.json.gz`` beside the bank) the index is the source paragraphs with file and
title, as gzip-compressed JSON with sorted keys and a zero timestamp, so the same corpus gives the
same bytes. The postings are rebuilt on load: about 0.6 s for 6 million characters, where parsing
the same table stored as JSON took 1.5 s, and the file stays the size of the compressed text.
"""

from __future__ import annotations

import gzip
import heapq
import io
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from pathlib import Path
from typing import IO, Any

from draftkit.bank.cache import CacheSpec, cached
from draftkit.errors import BankError
from draftkit.models import Section, Speech
from draftkit.reading.numbering import ENUM_LEVEL

FORMAT = "draftkit-sources"
VERSION = 1
INDEX_NAME = "sources.json.gz"
NGRAM = 8
MIN_SPAN = 15
# Candidate source paragraphs verified per draft paragraph; the greedy order makes the first few
# the ones that matter, the cap bounds the cost of boilerplate shared by thousands of paragraphs.
MAX_CANDIDATES = 12
# A paragraph longer than this is compared a window at a time, cut after a sentence where one
# ends near the limit: verifying candidates costs time that grows faster than the paragraph, so
# a 1 MB paragraph compared whole took minutes. Real paragraphs are shorter and compared whole.
WINDOW = 4_000
# The index of the bundled corpus inflates to ~4 MB; one of thousands of speeches stays far below.
MAX_INDEX_BYTES = 100_000_000
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

    def __init__(
        self, speeches: Sequence[SourceSpeech], *, n: int = NGRAM, min_span: int = MIN_SPAN
    ) -> None:
        if not 2 <= n <= min_span:
            raise ValueError(f"need 2 <= n <= min_span, got n={n}, min_span={min_span}")
        self.speeches = tuple(speeches)
        self.n = n
        self.min_span = min_span
        self._owner: list[tuple[int, int]] = []  # paragraph id → (speech id, 1-based paragraph)
        self._norm: list[str] = []
        postings: defaultdict[str, list[int]] = defaultdict(list)
        stride = min_span - n + 1
        for sid, speech in enumerate(self.speeches):
            for number, text in enumerate(speech.paragraphs, start=1):
                norm = normalise(text)
                if len(norm) < min_span:
                    continue
                pid = len(self._norm)
                self._owner.append((sid, number))
                self._norm.append(norm)
                last = len(norm) - n
                # The last n-gram is posted too, so a run reaching the end is always seen.
                for i in (*range(0, last + 1, stride), last):
                    bucket = postings[norm[i : i + n]]
                    if not bucket or bucket[-1] != pid:
                        bucket.append(pid)
        self._postings = dict(postings)

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


# --- building from a corpus -------------------------------------------------------------------


def speech_paragraphs(speech: Speech) -> tuple[str, ...]:
    """A parsed speech's paragraphs in reading order: opening, headings and body, closing.

    Headings keep their number (``一、``); inline enumerations (``一是…``) are body text already.
    """
    out = list(speech.opening)

    def walk(sections: tuple[Section, ...]) -> None:
        for section in sections:
            if section.level < ENUM_LEVEL:
                out.append(section.number + section.heading)
            out.extend(section.paragraphs)
            walk(section.children)

    walk(speech.sections)
    out.extend(speech.closing)
    return tuple(out)


def build_index(
    speeches: Iterable[Speech], *, n: int = NGRAM, min_span: int = MIN_SPAN
) -> OverlapIndex:
    """The 查重 index of parsed speeches (from ``understand_corpus``)."""
    return OverlapIndex([source_speech(s) for s in speeches], n=n, min_span=min_span)


# --- on disk ------------------------------------------------------------------------------------


def default_index_path(bank_dir: Path) -> Path:
    """Where ``draftkit mine`` writes the index of a bank: ``<bank>/sources.json.gz``."""
    return Path(bank_dir) / INDEX_NAME


def source_speech(speech: Speech) -> SourceSpeech:
    """What the index keeps of a parsed speech: file name, title and paragraphs."""
    return SourceSpeech(Path(speech.source).name, speech.title, speech_paragraphs(speech))


def dump_index(index: OverlapIndex) -> bytes:
    """The index file's bytes; the same index always gives the same bytes."""
    return dump_sources(index.speeches, n=index.n, min_span=index.min_span)


def dump_sources(
    sources: Iterable[SourceSpeech], *, n: int = NGRAM, min_span: int = MIN_SPAN
) -> bytes:
    """The index file's bytes straight from the source speeches (postings are built on load)."""
    buffer = io.BytesIO()
    with SourcesWriter(buffer, n=n, min_span=min_span) as writer:
        for source in sources:
            writer.add(source_record(source))
    return buffer.getvalue()


def source_record(source: SourceSpeech) -> bytes:
    """One speech as the index file holds it: JSON with sorted keys, UTF-8."""
    data = {"file": source.file, "title": source.title, "paragraphs": list(source.paragraphs)}
    return _json(data).encode("utf-8")


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class SourcesWriter:
    """Writes the index file to ``out`` one speech at a time, as the speeches are read.

    The bytes are those of ``dump_sources`` over the same speeches: the JSON around the list of
    speeches is written first and last, and the compressor sees the same text in pieces.
    """

    def __init__(self, out: IO[bytes], *, n: int = NGRAM, min_span: int = MIN_SPAN) -> None:
        frame = _json(
            {"format": FORMAT, "version": VERSION, "n": n, "min_span": min_span, "speeches": []}
        )
        cut = frame.index('"speeches":[') + len('"speeches":[')
        self._tail = frame[cut:].encode("utf-8")
        self._gz = gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0, compresslevel=6)
        self._gz.write(frame[:cut].encode("utf-8"))
        self.count = 0

    def add(self, record: bytes) -> None:
        """One speech, as ``source_record`` gives it."""
        self._gz.write(b"," + record if self.count else record)
        self.count += 1

    def close(self) -> None:
        if not self._gz.closed:
            self._gz.write(self._tail)
            self._gz.close()

    def __enter__(self) -> SourcesWriter:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def save_index(index: OverlapIndex, path: Path) -> None:
    """Write the index to ``path`` (through a temporary file, so a killed run leaves no stub)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_bytes(dump_index(index))
    partial.replace(path)


def load_index(path: Path) -> OverlapIndex:
    """Read an index written by ``save_index``; raises ``BankError`` when it is missing or bad.

    The postings built on load are cached beside the file (``bank.cache``), so a second load of
    the same file costs a fraction of the first.
    """
    path = Path(path)
    if not path.is_file():
        return _read_index(path)  # the error, not a cache
    return cached(_CACHE, path.parent, [path], lambda: _read_index(path))


def _read_index(path: Path) -> OverlapIndex:
    hint = "重新运行 draftkit mine 讲话稿文件夹 -o 词库文件夹 生成它"
    try:
        with gzip.open(path) as stream:  # inflated a piece at a time: a gzip bomb stops here
            raw = stream.read(MAX_INDEX_BYTES + 1)
        if len(raw) > MAX_INDEX_BYTES:
            message = f"查重索引解压后超过 {MAX_INDEX_BYTES // 1_000_000} MB，已拒绝"
            raise BankError(message, path=path, hint=hint)
        data = json.loads(raw.decode("utf-8"))
    except FileNotFoundError:
        raise BankError("找不到查重索引文件", path=path, hint=hint) from None
    except (OSError, EOFError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise BankError("查重索引无法读取（已损坏）", path=path, hint=hint) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BankError("这不是 draftkit 的查重索引", path=path, field="format", hint=hint)
    if data.get("version") != VERSION:
        raise BankError(f"版本应为 {VERSION}", path=path, field="version", hint=hint)
    try:
        speeches = [
            SourceSpeech(str(s["file"]), str(s["title"]), tuple(str(p) for p in s["paragraphs"]))
            for s in data["speeches"]
        ]
        return OverlapIndex(speeches, n=int(data["n"]), min_span=int(data["min_span"]))
    except (KeyError, TypeError, ValueError) as exc:
        message = "查重索引的内容不完整或类型不对"
        raise BankError(message, path=path, field="speeches", hint=hint) from exc


def _encode(index: OverlapIndex) -> Any:
    # An archive holds the same paragraph many times (a speech saved in several versions, the
    # same boilerplate); marshal writes an object it has seen as a reference, so each text is
    # stored, and loaded, once.
    seen: dict[Any, Any] = {}

    def once(value: Any) -> Any:
        return seen.setdefault(value, value)

    speeches = tuple(
        (s.file, once(s.title), once(tuple(once(p) for p in s.paragraphs))) for s in index.speeches
    )
    owner = tuple(index._owner)
    postings = {gram: once(tuple(ids)) for gram, ids in index._postings.items()}
    return speeches, index.n, index.min_span, owner, tuple(once(t) for t in index._norm), postings


def _decode(stored: Any) -> OverlapIndex:
    speeches, n, min_span, owner, norm, postings = stored
    index = OverlapIndex.__new__(OverlapIndex)
    index.speeches = tuple(SourceSpeech(*s) for s in speeches)
    index.n, index.min_span = n, min_span
    index._owner, index._norm, index._postings = list(owner), list(norm), postings
    if not (isinstance(postings, dict) and len(owner) == len(norm)):
        raise TypeError("查重 index cache layout")
    return index


_CACHE = CacheSpec("sources", (FORMAT, VERSION), _encode, _decode, code=(__file__,))


def find_index(bank_dir: Path | None) -> OverlapIndex | None:
    """The index beside a bank, or ``None`` when the bank has none (mined before it existed)."""
    if bank_dir is None:
        return None
    path = default_index_path(bank_dir)
    return load_index(path) if path.is_file() else None
