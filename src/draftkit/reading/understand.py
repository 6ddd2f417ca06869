"""A folder of files → classified speeches: read, clean, parse, classify and gate each document.

``understand_document`` chains the stages for one document; ``understand_corpus`` runs it over a
folder, in parallel processes if asked, reporting progress per file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from pathlib import Path
from typing import TypeVar

from draftkit.errors import CorpusError
from draftkit.models import Document, Speech
from draftkit.reading.classify import classify_speech
from draftkit.reading.clean import clean_document
from draftkit.reading.corpus import Skipped, find_files, no_speech_error, read_document
from draftkit.reading.gate import gate_speech
from draftkit.reading.parse import parse_document

Progress = Callable[[str], None]
T = TypeVar("T")


def understand_document(document: Document) -> list[Speech]:
    """Clean, split, parse, classify and gate one document."""
    return [gate_speech(classify_speech(s)) for s in parse_document(clean_document(document))]


def understand_file(path: Path) -> tuple[list[Speech], Skipped | None]:
    try:
        return understand_document(read_document(path)), None
    except CorpusError as exc:
        return [], Skipped(str(path), exc.message)


def each_file(
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
    for found, skip in each_file(files, understand_file, jobs, progress):
        speeches.extend(found)
        skipped.extend([skip] if skip else [])
    if not speeches:
        raise no_speech_error(paths, skipped)
    return speeches, skipped, len(files)
