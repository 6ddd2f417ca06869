"""A folder of files → classified speeches: read, clean, parse, classify and gate each document.

``understand_document`` chains the stages for one document; ``understand_corpus`` runs it over a
folder, in parallel processes if asked, reporting progress per file; ``in_order`` is the
parallel map both passes of mining use.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

from draftkit.errors import CorpusError
from draftkit.models import Document, Speech
from draftkit.reading.classify import classify_speech
from draftkit.reading.clean import clean_document
from draftkit.reading.corpus import Skipped, find_files, no_speech_error, read_document
from draftkit.reading.gate import gate_speech
from draftkit.reading.parse import parse_document

Progress = Callable[[str], None]
T = TypeVar("T")
Item = TypeVar("Item")


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
    for path, result in zip(files, in_order(work, files, jobs), strict=True):
        yield result
        if progress:
            progress(str(path))


# Items handed to each worker process ahead of the one being waited for: enough to keep every
# process busy, few enough that results never pile up in the parent.
_AHEAD = 4


def in_order(
    work: Callable[[Item], T],
    items: Sequence[Item],
    jobs: int,
    *,
    initializer: Callable[..., object] | None = None,
    initargs: tuple[Any, ...] = (),
) -> Iterator[T]:
    """``work`` on every item, results in item order, in ``jobs`` worker processes.

    ``initializer(*initargs)`` runs once in each worker before any item (in this process when
    ``jobs`` is 1), so what every item needs is sent once rather than with each item.
    """
    if jobs <= 1 or len(items) <= 1:
        if initializer is not None:
            initializer(*initargs)
        yield from map(work, items)
        return
    pool = ProcessPoolExecutor(jobs, initializer=initializer, initargs=initargs)
    try:
        waiting: deque[Future[T]] = deque()
        rest = iter(items)
        for item in islice(rest, jobs * _AHEAD):
            waiting.append(pool.submit(work, item))
        while waiting:
            result = waiting.popleft().result()
            for item in islice(rest, 1):
                waiting.append(pool.submit(work, item))
            yield result
    finally:  # on an error or an early stop, what has not started is not run
        pool.shutdown(wait=True, cancel_futures=True)


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
