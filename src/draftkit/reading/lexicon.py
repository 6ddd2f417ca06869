"""The segmenter's dictionary, read a few entries at a time.

rjieba builds its whole dictionary (349,046 words) when it starts: about 100 ms, most of what a
short command such as ``draftkit new`` spends on segmenting a topic, some headings and a few
paragraphs. jieba segments a text by the dictionary words that occur in it, their frequencies
and tags, and the total of all frequencies (and by an HMM that needs no dictionary), so a
segmenter given exactly the words found in a text, and the same total, cuts and tags it as the
full one does. ``segment`` builds such a segmenter from this lexicon.

The lexicon is jieba's own ``dict.txt`` (rjieba carries the same dictionary) stored once, per
installation, in the user's cache folder: the single-character words, and the longer words in
buckets by their first two characters, each bucket a ``marshal`` blob read only when a text holds
those two characters. Its key holds the size, ``mtime`` and inode of ``dict.txt`` and of the files
of the rjieba package, so a new version of either meets no old lexicon; a damaged bucket fails its
checksum and the caller falls back on the full dictionary. Whether the lexicon really segments as
rjieba does is tested once, when it is built (``segment`` does it), and the answer is stored with
it: a lexicon that disagrees is never used.

No third-party library is imported here; the files are only located and read.
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import mmap
import os
import sys
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path

from draftkit.buckets import Buckets, pack
from draftkit.errors import DraftkitError
from draftkit.files import caching_enabled, user_cache_root, write_atomic

FORMAT = 1  # bump when the layout of the file changes
_MAGIC = b"draftkit-lexicon\n"
BUCKETS = 16_384
_NAME = "lexicon"
# A lexicon file is about 9 MB; one far larger is not ours.
MAX_BYTES = 200_000_000

Entry = tuple[int, str]  # frequency, tag


class Lexicon:
    """The dictionary's words with their frequency and tag, looked up by the text they occur in."""

    def __init__(self, total: int, longest: int, singles: dict[str, Entry], buckets: Buckets):
        self.total = total  # the sum of all frequencies, which jieba's probabilities divide by
        self.longest = longest  # characters in the longest word
        self.singles = singles
        self.buckets = buckets  # the longer words, by ``bucket_of`` their first two characters

    def words_in(self, text: str) -> dict[str, Entry]:
        """Every dictionary word that occurs in ``text``; ``ValueError`` if a bucket is damaged."""
        found: dict[str, Entry] = {}
        singles, longest, size = self.singles, self.longest, len(text)
        for i, char in enumerate(text):
            entry = singles.get(char)
            if entry is not None:
                found[char] = entry
            if i + 1 >= size:
                break
            bucket = self.buckets[bucket_of(text[i : i + 2])]
            if not bucket:
                continue
            for end in range(i + 2, min(size, i + longest) + 1):
                word = text[i:end]
                entry = bucket.get(word)
                if entry is not None:
                    found[word] = entry
        return found


def bucket_of(pair: str) -> int:
    """The bucket of a word, by its first two characters (stable across runs, unlike ``hash``)."""
    return (ord(pair[0]) * 65_599 + ord(pair[1])) % BUCKETS


def parse_dictionary(lines: Iterable[str]) -> dict[str, Entry]:
    """``word freq tag`` lines read as jieba does: a repeated word keeps first tag, last freq."""
    entries: dict[str, Entry] = {}
    for line in lines:
        parts = line.split()
        if not parts:
            continue
        word = parts[0]
        freq = int(parts[1]) if len(parts) > 1 else 0
        tag = parts[2] if len(parts) > 2 else ""
        known = entries.get(word)
        entries[word] = (freq, known[1] if known else tag)
    return entries


def build(entries: dict[str, Entry]) -> Lexicon:
    """A lexicon of these entries, in memory."""
    singles = {w: e for w, e in entries.items() if len(w) == 1}
    buckets: list[dict[str, Entry]] = [{} for _ in range(BUCKETS)]
    for word, entry in entries.items():
        if len(word) > 1:
            buckets[bucket_of(word)][word] = entry
    total = sum(freq for freq, _ in entries.values())
    longest = max((len(w) for w in entries), default=1)
    return Lexicon(total, longest, singles, Buckets(pack(buckets), empty={}))


def _encode(lexicon: Lexicon, agrees: bool) -> bytes:
    head = marshal.dumps((agrees, lexicon.total, lexicon.longest, lexicon.singles))
    return b"".join((len(head).to_bytes(4, "big"), zlib.crc32(head).to_bytes(4, "big"), head))


# --- where the dictionary and the lexicon are -----------------------------------------------


def dictionary_file() -> Path | None:
    """The ``dict.txt`` of jieba, found without importing jieba (which logs and builds)."""
    try:
        spec = importlib.util.find_spec("jieba")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin:
        return None
    path = Path(spec.origin).parent / "dict.txt"
    return path if path.is_file() else None


def _segmenter_files() -> list[Path]:
    """The files of the rjieba package: a new version of it may carry another dictionary."""
    try:
        spec = importlib.util.find_spec("rjieba")
    except (ImportError, ValueError):
        return []
    if spec is None or not spec.origin:
        return []
    folder = Path(spec.origin).parent
    return sorted(p for p in folder.iterdir() if p.is_file())


def _key(dictionary: Path) -> bytes:
    stamps = []
    for path in (dictionary, *_segmenter_files()):
        st = os.stat(path)
        stamps.append((str(path), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino))
    return marshal.dumps((FORMAT, sys.version_info[:2], BUCKETS, tuple(stamps)))


def lexicon_path(dictionary: Path) -> Path | None:
    """Where the lexicon of this ``dict.txt`` is kept: one file per installation."""
    root = user_cache_root()
    if root is None:
        return None
    digest = hashlib.blake2b(os.fsencode(str(dictionary)), digest_size=8).hexdigest()
    return root / f"{_NAME}-{digest}"


def load_lexicon(verify: Callable[[Lexicon], bool]) -> Lexicon | None:
    """The lexicon, built (and checked with ``verify``) when missing or stale; None if unusable.

    None when caching is off, there is no ``dict.txt`` or cache folder, or ``verify`` found that
    the lexicon segments otherwise than rjieba. Nothing here raises: without a lexicon the
    caller uses the full dictionary, which gives the same words.
    """
    if not caching_enabled():
        return None
    dictionary = dictionary_file()
    if dictionary is None:
        return None
    path = lexicon_path(dictionary)
    if path is None:
        return None
    try:
        key = _key(dictionary)
    except OSError:
        return None
    found = _read(path, key)
    if found is not None:
        agrees, lexicon = found
        return lexicon if agrees else None
    try:
        with open(dictionary, encoding="utf-8") as lines:
            lexicon = build(parse_dictionary(lines))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    agrees = verify(lexicon)
    _write(path, key, lexicon, agrees)
    return lexicon if agrees else None


def _read(path: Path, key: bytes) -> tuple[bool, Lexicon] | None:
    """The stored lexicon, mapped rather than read: a run touches only the buckets it needs."""
    try:
        with open(path, "rb") as stream:
            if os.fstat(stream.fileno()).st_size > MAX_BYTES:
                return None
            data = mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # ValueError: an empty file cannot be mapped
        return None
    at = len(_MAGIC) + 4
    if data[: len(_MAGIC)] != _MAGIC or len(data) < at:
        return None
    size = int.from_bytes(data[len(_MAGIC) : at], "big")
    if data[at : at + size] != key:
        return None
    at += size
    head_size = int.from_bytes(data[at : at + 4], "big")
    check = int.from_bytes(data[at + 4 : at + 8], "big")
    head = data[at + 8 : at + 8 + head_size]
    if zlib.crc32(head) != check:
        return None
    try:
        agrees, total, longest, singles = marshal.loads(head)
        buckets = Buckets(memoryview(data)[at + 8 + head_size :], empty={})
    except (EOFError, ValueError, TypeError):
        return None
    if not (isinstance(singles, dict) and len(buckets) == BUCKETS):
        return None
    return bool(agrees), Lexicon(total, longest, singles, buckets)


def _write(path: Path, key: bytes, lexicon: Lexicon, agrees: bool) -> None:
    data = b"".join(
        (
            _MAGIC,
            len(key).to_bytes(4, "big"),
            key,
            _encode(lexicon, agrees),
            lexicon.buckets.packed(),
        )
    )
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomic(path, data)
    except (OSError, DraftkitError):
        pass  # no lexicon kept: the next run builds it again or uses the full dictionary
