"""Time ``draftkit check`` on a ~5,000-character draft against two 查重 indexes.

    /work/venv/bin/python benchmarks/bench_check.py [--copies 100] [--repeat 5]

The small index is the seed corpus (examples/corpus, 14 speeches); the large one is the seed
corpus repeated ``--copies`` times, each copy with one character per paragraph changed so that no
two copies are byte-identical (the worst case for the postings: every n-gram has ``copies``
entries). The draft mixes paragraphs copied from the corpus, copies with every tenth character
changed (near misses the candidate search must reject) and sentences rearranged across speeches.
Reports index build, save size, load time, per-check time (full check and 查重 alone) and the
large/small ratio, in one run.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import draftkit
from draftkit.bank.sources import build_index, load_index, save_index
from draftkit.bank.store import load_bank
from draftkit.models import Section, Speech
from draftkit.reading.segment import sentences
from draftkit.review.check import check_text

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
FILLER = "为民务实清廉高效创新协调绿色开放共享"


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    """Median wall time of ``repeat`` calls, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def make_draft(speeches: list[Speech], target: int = 5000) -> list[str]:
    """A draft of about ``target`` characters built from corpus text in three ways."""
    index = build_index(speeches)
    pool = [p for s in index.speeches for p in s.paragraphs if 80 <= len(p) <= 400]
    draft = ["在全市机关作风建设推进会上的讲话", "（2026年11月22日）", "同志们："]
    size, i = 0, 0
    while size < target:
        text = pool[(i * 7) % len(pool)]
        if i % 3 == 1:  # near miss: every tenth character changed
            text = "".join(
                FILLER[k % len(FILLER)] if k % 10 == 9 else ch for k, ch in enumerate(text)
            )
        elif i % 3 == 2:  # sentences of two paragraphs interleaved
            other = pool[(i * 11 + 5) % len(pool)]
            pairs = zip(sentences(text), sentences(other), strict=False)
            mixed = [s for pair in pairs for s in pair]
            text = "".join(mixed)
        draft.append(text)
        size += len(text)
        i += 1
    return draft


def scaled(speeches: list[Speech], copies: int) -> list[Speech]:
    """The corpus ``copies`` times, one character per paragraph changed in each copy."""
    out = []
    for k in range(copies):
        mark = FILLER[k % len(FILLER)]
        for speech in speeches:
            out.append(
                replace(
                    speech,
                    source=f"copy{k:03d}/{Path(speech.source).name}",
                    title=f"{speech.title}（{k}）",
                    opening=tuple(_vary(p, k, mark) for p in speech.opening),
                    sections=_vary_sections(speech.sections, k, mark),
                    closing=tuple(_vary(p, k, mark) for p in speech.closing),
                )
            )
    return out


def _vary_sections(sections: tuple[Section, ...], k: int, mark: str) -> tuple[Section, ...]:
    return tuple(
        replace(
            s,
            paragraphs=tuple(_vary(p, k, mark) for p in s.paragraphs),
            children=_vary_sections(s.children, k, mark),
        )
        for s in sections
    )


def _vary(text: str, k: int, mark: str) -> str:
    if not text:
        return text
    at = (k * 13) % len(text)
    return text[:at] + mark + text[at + 1 :]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    start = time.perf_counter()
    speeches, _, _ = draftkit.understand_corpus([CORPUS])
    understand = time.perf_counter() - start
    bank = load_bank()
    draft = make_draft(speeches)
    chars = sum(len(p) for p in draft)
    print(f"seed corpus: {len(speeches)} speeches, understood in {understand:.2f} s")
    print(f"draft: {len(draft)} paragraphs, {chars} characters")
    print()

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, corpus in (("seed", speeches), (f"seed×{args.copies}", None)):
            if corpus is None:
                corpus = scaled(speeches, args.copies)
            build, index = timed(lambda c=corpus: build_index(c), 1)
            path = Path(tmp) / f"{len(corpus)}.json.gz"
            save_index(index, path)
            load, index = timed(lambda p=path: load_index(p), args.repeat)
            check_text(draft, bank=bank, overlap=index)  # warm the segmenter and caches
            full, report = timed(
                lambda i=index: check_text(draft, bank=bank, overlap=i), args.repeat
            )
            query, _ = timed(lambda i=index: i.compare(draft[2:]), args.repeat)
            top = report.overlap.top if report.overlap else None
            rows.append((label, corpus, index, build, path.stat().st_size, load, full, query, top))

    header = f"{'index':<10} {'speeches':>8} {'chars':>10} {'build s':>8} {'file KB':>8}"
    print(header + f" {'load s':>7} {'check s':>8} {'查重 s':>7}  top source share")
    for label, corpus, index, build, size, load, full, query, top in rows:
        share = f"{top.share:.0%} {top.speech.title[:18]}" if top else "-"
        print(
            f"{label:<10} {len(corpus):>8} {index.characters:>10} {build:>8.3f} {size / 1024:>8.0f}"
            f" {load:>7.3f} {full:>8.3f} {query:>7.3f}  {share}"
        )
    small, large = rows[0], rows[1]
    print()
    print(
        f"ratio {large[0]}/seed: build {large[3] / small[3]:.0f}×, load {large[5] / small[5]:.0f}×,"
        f" check {large[6] / small[6]:.1f}×, 查重 {large[7] / small[7]:.1f}×"
    )


if __name__ == "__main__":
    main()
