"""draftkit: draft Chinese official speeches from a phrase bank mined from past speeches.

The pipeline, stage by stage::

    read_document → clean_document → parse_document → classify_speech → gate_speech   (understand)
    → mine → Bank → write_bank                                                       (mine)
    answers + template + bank → compose → Draft → write_text / write_docx            (draft)

``understand_corpus`` and ``mine_corpus`` chain the first two rows; ``draftkit.compose`` the last.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from draftkit.classify import classify_speech
from draftkit.clean import clean_document
from draftkit.corpus import Skipped, find_files, no_speech_error, read_document
from draftkit.errors import CorpusError, DraftkitError
from draftkit.gate import gate_speech
from draftkit.mine import mine
from draftkit.models import Document, Speech
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


@dataclass(frozen=True, slots=True)
class MineResult:
    """What ``mine_corpus`` found: the bank, the parsed speeches, the files left out."""

    bank: Bank
    speeches: list[Speech]
    skipped: list[Skipped]
    files: int


def understand_document(document: Document) -> list[Speech]:
    """Clean, split, parse, classify and gate one document."""
    return [gate_speech(classify_speech(s)) for s in parse_document(clean_document(document))]


def _understand_file(path: Path) -> tuple[list[Speech], Skipped | None]:
    try:
        return understand_document(read_document(path)), None
    except CorpusError as exc:
        return [], Skipped(str(path), exc.message)


def understand_corpus(
    paths: Iterable[str | Path], *, jobs: int = 1, progress: Progress | None = None
) -> tuple[list[Speech], list[Skipped], int]:
    """Every speech under ``paths``, with the files skipped and the number of files read."""
    paths = list(paths)
    files, skipped = find_files(paths)
    speeches: list[Speech] = []
    with ExitStack() as stack:
        results: Iterable[tuple[list[Speech], Skipped | None]]
        if jobs > 1 and len(files) > 1:
            pool = stack.enter_context(ProcessPoolExecutor(max_workers=jobs))
            results = pool.map(_understand_file, files, chunksize=max(1, len(files) // (jobs * 8)))
        else:
            results = map(_understand_file, files)
        for path, (found, skip) in zip(files, results, strict=True):
            speeches.extend(found)
            skipped.extend([skip] if skip else [])
            if progress:
                progress(str(path))
    if not speeches:
        raise no_speech_error(paths, skipped)
    return speeches, skipped, len(files)


def mine_corpus(
    paths: Iterable[str | Path], *, jobs: int = 1, progress: Progress | None = None
) -> MineResult:
    """Read a corpus and mine its phrase bank (not yet written to disk)."""
    speeches, skipped, nfiles = understand_corpus(paths, jobs=jobs, progress=progress)
    mined = mine(speeches)
    summary = {
        "files": nfiles,
        "speeches": [
            {
                "file": Path(s.source).name,
                "title": s.title,
                "topic": topic,
                "flags": list(s.flags),
                "sections": [sec.role for sec in s.sections],
            }
            for s, topic in zip(speeches, mined.topics, strict=True)
        ],
    }
    bank = Bank(mined.entries, summary, sorted(mined.names.names))
    return MineResult(bank, speeches, skipped, nfiles)


def write_mined(result: MineResult, target: Path) -> None:
    """Write a mined bank and, beside it, the 查重 index of its source speeches."""
    from draftkit.overlap import build_index, default_index_path, dump_index

    name = default_index_path(Path(target)).name
    write_bank(result.bank, Path(target), extra={name: dump_index(build_index(result.speeches))})
