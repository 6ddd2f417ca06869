"""Large tables stored in numbered buckets, each a ``marshal`` blob decoded only when used.

For caches of which one run needs a small part: the segmenter's dictionary, of which a draft
needs the words in its own texts, and the 查重 index, of which a draft needs the postings of its
own n-grams. Decoding a whole table of a hundred thousand entries costs tens of milliseconds; a
bucket costs microseconds. Each bucket carries a CRC-32, checked when it is decoded, so damage
found late is still found (``ValueError``).

Layout: the bucket count (4 bytes, big-endian), the end offset of every bucket and its CRC-32
(8 bytes each, native order: a cache is read on the machine that wrote it), then the blobs.
"""

from __future__ import annotations

import marshal
import zlib
from array import array
from collections.abc import Sequence
from typing import Any

_WIDTH = 8  # bytes per offset and per check


def pack(buckets: Sequence[Any]) -> bytes:
    """The bytes of these buckets; an empty bucket (falsy) takes no space."""
    blobs = [marshal.dumps(b) if b else b"" for b in buckets]
    ends, checks, at = array("Q"), array("Q"), 0
    for blob in blobs:
        at += len(blob)
        ends.append(at)
        checks.append(zlib.crc32(blob))
    return b"".join((len(blobs).to_bytes(4, "big"), ends.tobytes(), checks.tobytes(), *blobs))


class Buckets:
    """Packed buckets read from ``data`` (bytes or a memoryview), each decoded once, when asked."""

    __slots__ = ("_ends", "_checks", "_blob", "_decoded", "empty", "nbytes", "_data")

    def __init__(self, data: bytes | memoryview, empty: Any = None) -> None:
        view = memoryview(data)
        count = int.from_bytes(view[:4], "big")
        at = 4 + count * _WIDTH
        self._ends, self._checks = array("Q"), array("Q")
        if self._ends.itemsize != _WIDTH:
            raise ValueError("no 8-byte array type")
        self._ends.frombytes(view[4:at])
        self._checks.frombytes(view[at : at + count * _WIDTH])
        start = at + count * _WIDTH
        size = self._ends[-1] if count else 0
        if count == 0 or len(view) < start + size:
            raise ValueError("truncated buckets")
        self._blob = view[start : start + size]
        self.nbytes = start + size  # how much of ``data`` the buckets take
        self._data = view[: self.nbytes]
        self._decoded: dict[int, Any] = {}
        self.empty = empty  # what an empty bucket decodes to

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, number: int) -> Any:
        found = self._decoded.get(number, self)
        if found is not self:
            return found
        start = self._ends[number - 1] if number else 0
        piece = self._blob[start : self._ends[number]]
        if zlib.crc32(piece) != self._checks[number]:
            raise ValueError(f"damaged bucket {number}")
        value = marshal.loads(piece) if len(piece) else self.empty
        self._decoded[number] = value
        return value

    def packed(self) -> memoryview:
        """The bytes these buckets were read from, to store them again."""
        return self._data
