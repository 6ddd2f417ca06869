"""draftkit: draft Chinese official speeches from a phrase bank mined from past speeches.

The pipeline, stage by stage::

    read_document → clean_document → parse_document → classify_speech → gate_speech   (understand)
    → CorpusStats → mine_stream → Bank → write_bank                                (mine)
    answers + template + bank → compose → Draft → write_draft (text, Markdown, .docx)  (draft)

``understand_corpus`` and ``mine_corpus`` chain the first two rows; ``draftkit.compose`` the last.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from draftkit.classify import classify_speech
from draftkit.clean import clean_document
from draftkit.corpus import Skipped, find_files, no_speech_error, read_document
from draftkit.errors import CorpusError, DraftkitError
from draftkit.gate import gate_speech
from draftkit.mine import CorpusStats, SpeechWords, mine_stream, speech_words
from draftkit.models import Document, Speech
from draftkit.overlap import SourceSpeech, default_index_path, dump_sources, source_speech
from draftkit.parse import parse_document
from draftkit.phrasebank import Bank, load_bank, write_bank

__version__ = "0.1.0"
__all__ = [
    "Bank",
    "DraftkitError",
    "MineResult",
    "find_files",
    "load_bank",
    "mine_corpus",
    "understand_corpus",
    "understand_document",
    "write_bank",
    "write_mined",
]

Progress = Callable[[str], None]
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class MineResult:
    """What ``mine_corpus`` found: the bank, its 查重 sources, the files read and left out.

    Per-speech facts (title, topic, flags, section roles) are in ``bank.summary["speeches"]``.
    """

    bank: Bank
    sources: list[SourceSpeech]
    skipped: list[Skipped]
    files: int

    @property
    def speech_count(self) -> int:
        return len(self.sources)


def understand_document(document: Document) -> list[Speech]:
    """Clean, split, parse, classify and gate one document."""
    return [gate_speech(classify_speech(s)) for s in parse_document(clean_document(document))]


def _understand_file(path: Path) -> tuple[list[Speech], Skipped | None]:
    try:
        return understand_document(read_document(path)), None
    except CorpusError as exc:
        return [], Skipped(str(path), exc.message)


def _understand_and_count(path: Path) -> tuple[list[tuple[Speech, SpeechWords]], Skipped | None]:
    speeches, skipped = _understand_file(path)
    return [(speech, speech_words(speech)) for speech in speeches], skipped


def _each_file(
    files: list[Path], work: Callable[[Path], T], jobs: int, progress: Progress | None
) -> Iterator[T]:
    """``work`` on every file, in file order, in ``jobs`` processes, reporting progress."""
    with ExitStack() as stack:
        results: Iterable[T]
        if jobs > 1 and len(files) > 1:
            pool = stack.enter_context(ProcessPoolExecutor(max_workers=jobs))
            results = pool.map(work, files, chunksize=max(1, len(files) // (jobs * 8)))
        else:
            results = map(work, files)
        for path, result in zip(files, results, strict=True):
            yield result
            if progress:
                progress(str(path))


def understand_corpus(
    paths: Iterable[str | Path], *, jobs: int = 1, progress: Progress | None = None
) -> tuple[list[Speech], list[Skipped], int]:
    """Every speech under ``paths``, with the files skipped and the number of files read."""
    paths = list(paths)
    files, skipped = find_files(paths)
    speeches: list[Speech] = []
    for found, skip in _each_file(files, _understand_file, jobs, progress):
        speeches.extend(found)
        skipped.extend([skip] if skip else [])
    if not speeches:
        raise no_speech_error(paths, skipped)
    return speeches, skipped, len(files)


def mine_corpus(
    paths: Iterable[str | Path], *, jobs: int = 1, progress: Progress | None = None
) -> MineResult:
    """Read a corpus and mine its phrase bank (not yet written to disk).

    Two passes, so memory follows the bank rather than the corpus: the first understands each
    file, counts its words into ``CorpusStats`` and spools the parsed speech to a temporary file;
    the second reads the speeches back one at a time and mines them.
    """
    paths = list(paths)
    files, skipped = find_files(paths)
    stats = CorpusStats()
    sources: list[SourceSpeech] = []
    records: list[dict[str, Any]] = []
    with tempfile.TemporaryFile() as spool:
        for found, skip in _each_file(files, _understand_and_count, jobs, progress):
            skipped.extend([skip] if skip else [])
            for speech, counted in found:
                stats.add(counted)
                pickle.dump((speech, counted.counts), spool, protocol=pickle.HIGHEST_PROTOCOL)
                sources.append(source_speech(speech))
                records.append(_summary_record(speech))
        if not records:
            raise no_speech_error(paths, skipped)
        spool.seek(0)
        mined = mine_stream((pickle.load(spool) for _ in records), stats)
    for record, topic in zip(records, mined.topics, strict=True):
        record["topic"] = topic
    summary = {"files": len(files), "speeches": records}
    bank = Bank(mined.entries, summary, sorted(mined.names.names))
    return MineResult(bank, sources, skipped, len(files))


def _summary_record(speech: Speech) -> dict[str, Any]:
    return {
        "file": Path(speech.source).name,
        "title": speech.title,
        "topic": "",
        "flags": list(speech.flags),
        "sections": [section.role for section in speech.sections],
    }


def write_mined(result: MineResult, target: Path) -> None:
    """Write a mined bank and, beside it, the 查重 index of its source speeches."""
    name = default_index_path(Path(target)).name
    write_bank(result.bank, Path(target), extra={name: dump_sources(result.sources)})
