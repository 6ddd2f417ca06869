"""The 查重 index as its cache holds it: decoded a piece at a time, as a query asks for it.

Checking one draft looks up a few thousand n-grams and reads a dozen source paragraphs, while the
index of a bank holds about a hundred thousand n-grams and tens of thousands of paragraphs:
decoding all of them took longer than the whole check. So the cache stores the postings in
buckets by n-gram, and every text (a source paragraph, its normal form) once, in buckets of
``CHUNK``; a loaded index decodes a bucket when a query first needs it (``draftkit.buckets``).
Which paragraph belongs to which speech, and which text each one is, are arrays read whole.

An archive holds the same paragraph many times (a speech saved in several versions, the same
boilerplate); each distinct text is stored, and decoded, once.
"""

from __future__ import annotations

import marshal
import zlib
from array import array
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from draftkit.bank.overlap import OverlapIndex, SourceSpeech
from draftkit.buckets import Buckets, pack

CHUNK = 64  # texts per bucket
LAYOUT = 1  # bump when the layout below changes


def gram_bucket(gram: str, count: int) -> int:
    """The bucket of an n-gram's postings (stable across runs, unlike ``hash``)."""
    return zlib.crc32(gram.encode("utf-8")) % count


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
    postings = dict(index._postings.items())
    count = max(1, len(postings) // 2)
    grams: list[dict[str, tuple[int, ...]]] = [{} for _ in range(count)]
    for gram, pids in postings.items():
        grams[gram_bucket(gram, count)][gram] = tuple(pids)
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
        )
    )
    text_part, gram_part = pack(chunks), pack(grams)
    sizes = b"".join(len(x).to_bytes(8, "big") for x in (head, text_part))
    return b"".join((sizes, head, text_part, gram_part))


def decode(data: memoryview) -> OverlapIndex:
    """An index over the cache's bytes; raises (any error) when they are not a cache's."""
    head_size, text_size = (int.from_bytes(data[i : i + 8], "big") for i in (0, 8))
    at = 16
    layout, n, min_span, files, titles, starts, paragraphs, owner, norm = marshal.loads(
        data[at : at + head_size]
    )
    if layout != LAYOUT:
        raise ValueError("查重 index cache layout")
    at += head_size
    texts = _Texts(Buckets(data[at : at + text_size], empty=()))
    grams = Buckets(data[at + text_size :], empty={})
    starts_, paragraphs_, owner_, norm_ = (_ints(b) for b in (starts, paragraphs, owner, norm))
    if not (
        len(files) == len(titles) == len(starts_) - 1
        and len(owner_) == 2 * len(norm_)
        and (not starts_ or starts_[-1] == len(paragraphs_))
    ):
        raise ValueError("查重 index cache layout")
    index = OverlapIndex.__new__(OverlapIndex)
    index.speeches = _Speeches(files, titles, starts_, paragraphs_, texts)
    index.n, index.min_span = n, min_span
    index._owner = _Pairs(owner_)
    index._norm = _Picked(norm_, texts)
    index._postings = _Postings(grams)
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


class _Postings(Mapping[str, tuple[int, ...]]):
    """n-gram → the paragraphs that post it, a bucket decoded when one of its n-grams is asked."""

    __slots__ = ("_buckets",)

    def __init__(self, buckets: Buckets) -> None:
        self._buckets = buckets

    def __getitem__(self, gram: str) -> tuple[int, ...]:
        return self._buckets[gram_bucket(gram, len(self._buckets))][gram]  # type: ignore[no-any-return]

    def get(self, gram: str, default: Any = None) -> Any:
        return self._buckets[gram_bucket(gram, len(self._buckets))].get(gram, default)

    def __iter__(self) -> Iterator[str]:
        for number in range(len(self._buckets)):
            yield from self._buckets[number]

    def __len__(self) -> int:
        return sum(len(self._buckets[number]) for number in range(len(self._buckets)))
