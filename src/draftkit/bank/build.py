"""Speeches → a written bank: the two-pass mining of a corpus and writing it with its 查重 index."""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from draftkit.bank.mine import CorpusStats, SpeechWords, mine_stream, speech_words
from draftkit.bank.overlap import SourceSpeech, default_index_path, dump_sources, source_speech
from draftkit.bank.points import speech_register
from draftkit.bank.profile import PROFILE_FILE, ProfileIndex, dump_index
from draftkit.bank.store import Bank, write_bank
from draftkit.models import Speech
from draftkit.reading.corpus import Skipped, find_files, no_speech_error
from draftkit.reading.understand import Progress, each_file, understand_file


@dataclass(frozen=True, slots=True)
class MineResult:
    """What ``mine_corpus`` found: the bank, its 查重 sources, the files read and left out.

    Per-speech facts (title, topic, flags, section roles) are in ``bank.summary["speeches"]``.
    """

    bank: Bank
    sources: list[SourceSpeech]
    skipped: list[Skipped]
    files: int
    profile: ProfileIndex | None = None

    @property
    def speech_count(self) -> int:
        return len(self.sources)


def _understand_and_count(path: Path) -> tuple[list[tuple[Speech, SpeechWords]], Skipped | None]:
    speeches, skipped = understand_file(path)
    return [(speech, speech_words(speech)) for speech in speeches], skipped


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
        for found, skip in each_file(files, _understand_and_count, jobs, progress):
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
    for record, topic, year in zip(records, mined.topics, mined.years, strict=True):
        record["topic"] = topic
        record["year"] = year
    summary = {"files": len(files), "speeches": records}
    bank = Bank(mined.entries, summary, sorted(mined.names.names))
    return MineResult(bank, sources, skipped, len(files), mined.profile)


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
    extra = {name: dump_sources(result.sources)}
    if result.profile is not None:
        extra[PROFILE_FILE] = dump_index(result.profile)
    write_bank(result.bank, Path(target), extra=extra)
