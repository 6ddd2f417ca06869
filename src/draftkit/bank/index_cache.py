"""The 查重 index as its cache holds it: decoded a piece at a time, as a query asks for it.

Checking one draft looks up a few thousand n-grams and reads a dozen source paragraphs, while the
index of a bank holds about a hundred thousand n-grams and tens of thousands of paragraphs:
decoding all of them took longer than the whole check. So the cache stores the postings as
arrays, read whole without making an object per entry: the n-grams' CRC-32 sorted, where a
lookup is a binary search, the n-grams themselves in one string (each ``n`` characters) to
confirm a hit, and the paragraph ids. Every text (a source paragraph, its normal form) is stored
once, in buckets of ``CHUNK`` that a loaded index decodes when a query first needs one
(``draftkit.buckets``). Which paragraph belongs to which speech, and which text each one is, are
arrays too.

An archive holds the same paragraph many times (a speech saved in several versions, the same
boilerplate); each distinct text is stored, and decoded, once.
"""

from __future__ import annotations

import marshal
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from draftkit.bank.overlap import OverlapIndex, SourceSpeech
from draftkit.buckets import Buckets, pack

CHUNK = 64  # texts per bucket
LAYOUT = 2  # bump when the layout below changes


def gram_key(gram: str) -> int:
    """What the postings are sorted and searched by (stable across runs, unlike ``hash``)."""
    return zlib.crc32(gram.encode("utf-8"))


def encode(index: OverlapIndex) -> bytes:
    """The cache's bytes for an index built from the files."""
    ids: dict[str, int] = {}

    def text_id(text: str) -> int:
        return ids.setdefault(text, len(ids))

    starts, paragraphs = array("q", [0]), array("q")
    for speech in index.speeches:
        paragraphs.extend(text_id(p) for p in speech.paragraphs)
        starts.append(len(paragraphs))
    owner = array("q", [x for pair in index._owner for x in pair])
    norm = array("q", [text_id(t) for t in index._norm])
    # The postings sorted by the CRC-32 of their n-gram: a lookup is a binary search in an array
    # read whole, then a check of the n-gram itself (all n characters long) in one string.
    order = sorted(index._postings.items(), key=lambda item: (gram_key(item[0]), item[0]))
    keys = array("q", [gram_key(gram) for gram, _ in order])
    ends, pids = array("q"), array("q")
    for _, found in order:
        pids.extend(found)
        ends.append(len(pids))
    grams = "".join(gram for gram, _ in order)
    texts = list(ids)
    chunks = [tuple(texts[i : i + CHUNK]) for i in range(0, len(texts), CHUNK)] or [()]
    head = marshal.dumps(
        (
            LAYOUT,
            index.n,
            index.min_span,
            tuple(s.file for s in index.speeches),
            tuple(s.title for s in index.speeches),
            starts.tobytes(),
            paragraphs.tobytes(),
            owner.tobytes(),
            norm.tobytes(),
            keys.tobytes(),
            ends.tobytes(),
            pids.tobytes(),
            grams,
        )
    )
    return b"".join((len(head).to_bytes(8, "big"), head, pack(chunks)))


def decode(data: memoryview) -> OverlapIndex:
    """An index over the cache's bytes; raises (any error) when they are not a cache's."""
    head_size = int.from_bytes(data[:8], "big")
    stored = marshal.loads(data[8 : 8 + head_size])
    layout, n, min_span, files, titles, starts, paragraphs, owner, norm = stored[:9]
    keys, ends, pids, grams = stored[9:]
    if layout != LAYOUT:
        raise ValueError("查重 index cache layout")
    texts = _Texts(Buckets(data[8 + head_size :], empty=()))
    starts_, paragraphs_, owner_, norm_ = (_ints(b) for b in (starts, paragraphs, owner, norm))
    keys_, ends_, pids_ = (_ints(b) for b in (keys, ends, pids))
    if not (
        len(files) == len(titles) == len(starts_) - 1
        and len(owner_) == 2 * len(norm_)
        and (not starts_ or starts_[-1] == len(paragraphs_))
        and len(keys_) == len(ends_)
        and len(grams) == n * len(keys_)
        and (not ends_ or ends_[-1] == len(pids_))
    ):
        raise ValueError("查重 index cache layout")
    index = OverlapIndex.__new__(OverlapIndex)
    index.speeches = _Speeches(files, titles, starts_, paragraphs_, texts)
    index.n, index.min_span = n, min_span
    index._owner = _Pairs(owner_)
    index._norm = _Picked(norm_, texts)
    index._postings = _Postings(n, keys_, ends_, pids_, grams)
    return index


def _ints(raw: bytes) -> array[int]:
    found = array("q")
    found.frombytes(raw)
    return found


class _Texts:
    """Every distinct text of the index by its number, decoded a bucket at a time."""

    __slots__ = ("_buckets",)

    def __init__(self, buckets: Buckets) -> None:
        self._buckets = buckets

    def __getitem__(self, number: int) -> str:
        return self._buckets[number // CHUNK][number % CHUNK]  # type: ignore[no-any-return]


class _Picked(Sequence[str]):
    """Texts picked by number: the normal form of each compared paragraph."""

    __slots__ = ("_ids", "_texts")

    def __init__(self, ids: array[int], texts: _Texts) -> None:
        self._ids, self._texts = ids, texts

    def __len__(self) -> int:
        return len(self._ids)

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self._texts[t] for t in self._ids[i]]
        return self._texts[self._ids[i]]


class _Pairs(Sequence[tuple[int, int]]):
    """A flat array read as pairs: (speech, paragraph) for each compared paragraph."""

    __slots__ = ("_flat",)

    def __init__(self, flat: array[int]) -> None:
        self._flat = flat

    def __len__(self) -> int:
        return len(self._flat) // 2

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        return self._flat[2 * i], self._flat[2 * i + 1]


class _Speeches(Sequence[SourceSpeech]):
    """The source speeches, each made when first asked for."""

    __slots__ = ("_files", "_titles", "_starts", "_paragraphs", "_texts", "_made")

    def __init__(
        self,
        files: tuple[str, ...],
        titles: tuple[str, ...],
        starts: array[int],
        paragraphs: array[int],
        texts: _Texts,
    ) -> None:
        self._files, self._titles, self._texts = files, titles, texts
        self._starts, self._paragraphs = starts, paragraphs
        self._made: dict[int, SourceSpeech] = {}

    def __len__(self) -> int:
        return len(self._files)

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return tuple(self[j] for j in range(*i.indices(len(self))))
        if i < 0:
            i += len(self)
        made = self._made.get(i)
        if made is None:
            ids = self._paragraphs[self._starts[i] : self._starts[i + 1]]
            paragraphs = tuple(self._texts[t] for t in ids)
            made = self._made[i] = SourceSpeech(self._files[i], self._titles[i], paragraphs)
        return made

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]


class _Postings(Mapping[str, Sequence[int]]):
    """n-gram → the paragraphs that post it, found by binary search on the n-gram's CRC-32."""

    __slots__ = ("_n", "_keys", "_ends", "_pids", "_grams")

    def __init__(
        self, n: int, keys: array[int], ends: array[int], pids: array[int], grams: str
    ) -> None:
        self._n, self._keys, self._ends, self._pids, self._grams = n, keys, ends, pids, grams

    def _find(self, gram: str) -> int:
        keys, n = self._keys, self._n
        key = gram_key(gram)
        i = bisect_left(keys, key)
        while i < len(keys) and keys[i] == key:
            if self._grams[i * n : i * n + n] == gram:
                return i
            i += 1
        return -1

    def _posted(self, i: int) -> array[int]:
        return self._pids[self._ends[i - 1] if i else 0 : self._ends[i]]

    def __getitem__(self, gram: str) -> Sequence[int]:
        i = self._find(gram)
        if i < 0:
            raise KeyError(gram)
        return self._posted(i)

    def get(self, gram: str, default: Any = None) -> Any:
        i = self._find(gram)
        return self._posted(i) if i >= 0 else default

    def __iter__(self) -> Iterator[str]:
        n = self._n
        return (self._grams[i * n : i * n + n] for i in range(len(self._keys)))

    def __len__(self) -> int:
        return len(self._keys)
