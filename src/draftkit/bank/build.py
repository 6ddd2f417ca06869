"""Speeches → a written bank: the two-pass mining of a corpus and writing it with its 查重 index.

The first pass understands each file and counts its words; the second mines each speech with
what the whole corpus taught the first. Both run in worker processes when asked: a worker sends
back what the parent keeps (word counts, a summary line, the speech's 查重 record and the parsed
speech as bytes for the spool), and the parent only adds up, spools and merges, in file order, so
the bank is the same whatever the number of workers.
"""

from __future__ import annotations

import pickle
import tempfile
import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from draftkit.bank.facts import load_places
from draftkit.bank.local_terms import load_local_terms
from draftkit.bank.merge import BankMerger, Mined
from draftkit.bank.mine import MiningContext, SpeechMined, mine_speech
from draftkit.bank.points import speech_register
from draftkit.bank.profile import PROFILE_FILE, ProfileIndex, dump_index
from draftkit.bank.sources import SourcesWriter, default_index_path, source_record, source_speech
from draftkit.bank.stats import CorpusStats, SpeechWords, speech_words
from draftkit.bank.store import Bank, write_bank
from draftkit.bank.voice import load_voice
from draftkit.models import Speech
from draftkit.reading.classify import load_cues
from draftkit.reading.clean import noise_patterns
from draftkit.reading.corpus import Skipped, find_files, no_speech_error
from draftkit.reading.gate import gate_cues
from draftkit.reading.names import name_rules
from draftkit.reading.segment import tagged
from draftkit.reading.understand import Progress, each_file, in_order, understand_file


@dataclass(frozen=True, slots=True, weakref_slot=True)
class MineResult:
    """What ``mine_corpus`` found: the bank, its 查重 index, the files read and left out.

    Per-speech facts (title, topic, flags, section roles) are in ``bank.summary["speeches"]``.
    ``sources`` is a temporary file holding the 查重 index as written beside the bank; it is
    kept on disk, not in memory, because it grows with the corpus, and closed with the result.
    """

    bank: Bank
    sources: IO[bytes]
    skipped: list[Skipped]
    files: int
    profile: ProfileIndex | None = None

    @property
    def speech_count(self) -> int:
        return len(self.bank.summary["speeches"])


@dataclass(frozen=True, slots=True)
class _Read:
    """One speech as the first pass sends it to the parent."""

    spooled: bytes  # the parsed speech and its word counts, pickled for the second pass
    words: SpeechWords
    source: bytes  # its record in the 查重 index
    summary: dict[str, Any]


def _read_file(path: Path) -> tuple[list[_Read], Skipped | None]:
    speeches, skipped = understand_file(path)
    read = []
    for speech in speeches:
        counted = speech_words(speech)
        spooled = pickle.dumps((speech, counted.counts), protocol=pickle.HIGHEST_PROTOCOL)
        source = source_record(source_speech(speech))
        read.append(_Read(spooled, counted, source, _summary_record(speech)))
    return read, skipped


# The second pass in a worker: the corpus's context and the spool, opened once per process.
_miner: tuple[MiningContext, IO[bytes]] | None = None


def _start_miner(context: MiningContext, spool: str) -> None:
    global _miner
    _miner = (context, open(spool, "rb"))  # noqa: SIM115 (open for the worker's lifetime)


def _stop_miner() -> None:
    global _miner
    if _miner is not None:
        _miner[1].close()
        _miner = None


def _mine_at(span: tuple[int, int, int]) -> SpeechMined:
    """Mine the ``n``-th speech of the corpus, read from the spool at ``offset``."""
    assert _miner is not None, "the worker was started with _start_miner"
    context, spool = _miner
    offset, size, n = span
    spool.seek(offset)
    speech, counts = pickle.loads(spool.read(size))
    return mine_speech(speech, counts, n, context)


def mine_corpus(
    paths: Iterable[str | Path], *, jobs: int = 1, progress: Progress | None = None
) -> MineResult:
    """Read a corpus and mine its phrase bank (not yet written to disk).

    Two passes, so memory follows the bank rather than the corpus: the first understands each
    file, counts its words into ``CorpusStats``, streams its 查重 record into the index and
    spools the parsed speech to a temporary file; the second mines the spooled speeches.
    """
    paths = list(paths)
    files, skipped = find_files(paths)
    _load_shared()
    sources = tempfile.TemporaryFile()  # noqa: SIM115 (handed to the result, closed with it)
    try:
        mined, records, more_skipped = _mine_files(files, jobs, progress, sources)
    except BaseException:
        sources.close()
        raise
    skipped.extend(more_skipped)
    if not records:
        sources.close()
        raise no_speech_error(paths, skipped)
    for record, topic, year in zip(records, mined.topics, mined.years, strict=True):
        record["topic"] = topic
        record["year"] = year
    summary = {"files": len(files), "speeches": records}
    bank = Bank(mined.entries, summary, sorted(mined.names.names))
    result = MineResult(bank, sources, skipped, len(files), mined.profile)
    weakref.finalize(result, sources.close)
    return result


def _load_shared() -> None:
    """Load the segmenter's dictionary and the data files once, before any worker starts.

    Workers forked afterwards share them instead of each reading them again.
    """
    tagged("预热")
    loads = (noise_patterns, load_cues, gate_cues, name_rules, load_places, load_local_terms)
    for load in (*loads, load_voice):
        load()


def _mine_files(
    files: list[Path], jobs: int, progress: Progress | None, sources: IO[bytes]
) -> tuple[Mined, list[dict[str, Any]], list[Skipped]]:
    """Both passes over ``files``; the 查重 index is written to ``sources`` as speeches arrive."""
    stats = CorpusStats()
    records: list[dict[str, Any]] = []
    skipped: list[Skipped] = []
    spans: list[tuple[int, int, int]] = []
    with tempfile.TemporaryDirectory(prefix="draftkit-mine-") as folder:
        spool_path = str(Path(folder) / "speeches.pickle")
        with open(spool_path, "wb") as spool, SourcesWriter(sources) as index:
            for read, skip in each_file(files, _read_file, jobs, progress):
                skipped.extend([skip] if skip else [])
                for speech in read:
                    stats.add(speech.words)
                    spans.append((spool.tell(), len(speech.spooled), len(spans)))
                    spool.write(speech.spooled)
                    index.add(speech.source)
                    records.append(speech.summary)
        if not records:
            return Mined([], stats.names(), []), records, skipped
        context = MiningContext.of(stats)
        merger = BankMerger(context.names)
        try:
            found = in_order(
                _mine_at, spans, jobs, initializer=_start_miner, initargs=(context, spool_path)
            )
            for mined in found:
                merger.add(mined)
        finally:
            _stop_miner()
    return merger.finish(), records, skipped


def _summary_record(speech: Speech) -> dict[str, Any]:
    return {
        "file": Path(speech.source).name,
        "title": speech.title,
        "topic": "",
        "flags": list(speech.flags),
        "register": speech_register(speech),
        "sections": [section.role for section in speech.sections],
    }


def write_mined(result: MineResult, target: Path) -> None:
    """Write a mined bank and, beside it, the 查重 index of its source speeches."""
    name = default_index_path(Path(target)).name
    extra: dict[str, bytes | IO[bytes]] = {name: result.sources}
    if result.profile is not None:
        extra[PROFILE_FILE] = dump_index(result.profile)
    write_bank(result.bank, Path(target), extra=extra)
