"""The 查重 index's sources: taken from parsed speeches, written to disk, read back and cached.

On disk (``sources.json.gz`` beside the bank) the index is the source paragraphs with file and
title, as gzip-compressed JSON with sorted keys and a zero timestamp, so the same corpus gives the
same bytes. The postings are rebuilt on load: about 0.6 s for 6 million characters, where parsing
the same table stored as JSON took 1.5 s, and the file stays the size of the compressed text.
"""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from draftkit import buckets
from draftkit.bank import index_cache, overlap
from draftkit.bank.cache import CacheSpec, cached
from draftkit.bank.overlap import MIN_SPAN, NGRAM, OverlapIndex, SourceSpeech
from draftkit.errors import BankError
from draftkit.models import Section, Speech
from draftkit.reading.numbering import ENUM_LEVEL

FORMAT = "draftkit-sources"
VERSION = 1
INDEX_NAME = "sources.json.gz"
# The index of the bundled corpus inflates to ~4 MB; one of thousands of speeches stays far below.
MAX_INDEX_BYTES = 100_000_000


# --- from parsed speeches -----------------------------------------------------------------------


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


_CACHE = CacheSpec(
    "sources",
    (FORMAT, VERSION, index_cache.LAYOUT),
    index_cache.encode,
    index_cache.decode,
    code=(__file__, overlap.__file__, index_cache.__file__, buckets.__file__),
    raw=True,
)


def find_index(bank_dir: Path | None) -> OverlapIndex | None:
    """The index beside a bank, or ``None`` when the bank has none (mined before it existed)."""
    if bank_dir is None:
        return None
    path = default_index_path(bank_dir)
    return load_index(path) if path.is_file() else None
