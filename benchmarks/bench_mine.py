"""Throughput of ``draftkit.mine_corpus`` on a large corpus, against bare word segmentation.

    /work/venv/bin/python benchmarks/bench_mine.py [--quick] [--target-mb 20] [--keep DIR]

The seed corpus (examples/corpus) is copied into a temporary folder until the largest size is at
least ``--target-mb`` MB; every copy of every file has one Han character changed (a different
place and character per copy), so no two files are byte-identical. The corpus is built at three
sizes, 1×, 4× and 16× a unit chosen so that 16× reaches the target (``--quick``: the unit is one
copy of the seed corpus, 16× ≈ 3 MB).

Measured in one run, each figure in its own fresh process so that peak memory (``ru_maxrss``)
belongs to that figure alone:

* ``mine_corpus(paths)`` at 1×, 4× and 16× with ``jobs=1``, and at 16× with ``jobs=2``;
* bare segmentation of the same cleaned text (``read_document`` + ``clean_document`` first,
  not timed) with ``rjieba.cut`` and with ``jieba.lcut``, dictionaries loaded beforehand;
* throughput in MB/s of corpus files on disk, the ratio mine/segmentation, the scaling from 1×
  to 16× (1.00 is linear) and the speed-up of ``jobs=2``.

The full run takes a few minutes; ``--quick`` well under one.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
MB = 1024 * 1024
HAN = re.compile(r"[\u4e00-\u9fff]")
MARKS = "为民务实清廉高效创新协调绿色开放共享"
TIMEOUT = 900  # seconds for one child process


# --- the corpus --------------------------------------------------------------------------------


def seed_files() -> list[Path]:
    """Every file of the example corpus, in its sub-folders too (seeds/, reports/)."""
    return sorted(
        p
        for p in CORPUS.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(CORPUS).parts)
    )


def write_copies(folder: Path, first: int, count: int) -> None:
    """Copies ``first`` … ``first + count - 1`` of the seed corpus, one character changed in each.

    The seed corpus is UTF-8; a file that is not is copied unchanged rather than re-encoded.
    """
    for k in range(first, first + count):
        target = folder / f"copy{k:04d}"
        target.mkdir(parents=True, exist_ok=True)
        rng = random.Random(k)
        for source in seed_files():
            data = source.read_bytes()
            copy = target / source.relative_to(CORPUS)
            copy.parent.mkdir(parents=True, exist_ok=True)
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                copy.write_bytes(data)
                continue
            places = [m.start() for m in HAN.finditer(text)]
            if places:
                at = rng.choice(places)
                mark = MARKS[k % len(MARKS)]
                if text[at] == mark:
                    mark = MARKS[(k + 1) % len(MARKS)]
                text = text[:at] + mark + text[at + 1 :]
            copy.write_text(text, encoding="utf-8")


def corpus_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def copy_dirs(folder: Path, count: int) -> list[str]:
    return [str(folder / f"copy{k:04d}") for k in range(count)]


# --- children: one measurement each, in a fresh process -------------------------------------------


def peak_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest child, in MB (Linux: KB units)."""
    scale = 1 if sys.platform == "darwin" else 1024
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / MB
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale / MB
    return own, kids


def child_baseline() -> dict[str, Any]:
    import draftkit  # noqa: F401  (the import is what is measured)

    own, _ = peak_mb()
    return {"peak_mb": own}


def child_mine(dirs: list[str], jobs: int) -> dict[str, Any]:
    import draftkit

    start = time.perf_counter()
    result = draftkit.mine_corpus(dirs, jobs=jobs)
    seconds = time.perf_counter() - start
    own, kids = peak_mb()
    return {
        "seconds": seconds,
        "peak_mb": own,
        "worker_peak_mb": kids,
        "files": result.files,
        "speeches": result.speech_count,
        "entries": len(result.bank.entries),
    }


def cleaned_text(dirs: list[str]) -> tuple[str, float]:
    from draftkit.reading.clean import clean_document
    from draftkit.reading.corpus import find_files, read_document

    start = time.perf_counter()
    files, _ = find_files(dirs)
    text = "\n".join(clean_document(read_document(p)).text for p in files)
    return text, time.perf_counter() - start


def child_segment(dirs: list[str], segmenter: str) -> dict[str, Any]:
    start = time.perf_counter()
    if segmenter == "rjieba":
        import rjieba

        cut = rjieba.cut
    else:
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        cut = jieba.lcut
    cut("预热分词器：安全生产工作")
    setup = time.perf_counter() - start  # import and dictionary load, before any cleaning
    text, clean_seconds = cleaned_text(dirs)
    start = time.perf_counter()
    # Line by line, as a pipeline over documents would call it; one call over 20 MB is no fairer.
    count = sum(len(cut(line)) for line in text.split("\n") if line)
    seconds = time.perf_counter() - start
    own, _ = peak_mb()
    return {
        "seconds": seconds,
        "clean_seconds": clean_seconds,
        "setup_seconds": setup,
        "words": count,
        "text_mb": len(text.encode("utf-8")) / MB,
        "peak_mb": own,
    }


def run_child(*argv: str) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, __file__, "--child", *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=TIMEOUT,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    if result.returncode != 0:
        raise SystemExit(f"child {' '.join(argv[:2])} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def child_main(argv: list[str]) -> int:
    what, rest = argv[0], argv[1:]
    if what == "baseline":
        out = child_baseline()
    elif what == "mine":
        jobs, dirs = int(rest[0]), rest[1:]
        out = child_mine(dirs, jobs)
    elif what == "segment":
        out = child_segment(rest[1:], rest[0])
    else:
        raise SystemExit(f"unknown child {what}")
    print(json.dumps(out))
    return 0


# --- the report --------------------------------------------------------------------------------


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        return child_main(sys.argv[2:])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="16× ≈ 3 MB instead of ≥ 20 MB")
    parser.add_argument("--target-mb", type=float, default=20.0, help="size of the 16× corpus")
    parser.add_argument("--keep", type=Path, help="build the corpus here and keep it")
    args = parser.parse_args()

    seed_size = sum(p.stat().st_size for p in seed_files())
    unit = 1 if args.quick else max(1, -(-int(args.target_mb * MB) // (16 * seed_size)))
    sizes = {"1×": unit, "4×": 4 * unit, "16×": 16 * unit}
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    print(
        f"seed corpus: {len(seed_files())} files, {seed_size / MB:.3f} MB; "
        f"unit = {unit} cop{'y' if unit == 1 else 'ies'}\n"
    )

    started = time.perf_counter()
    tmp = None
    if args.keep:
        folder = args.keep
        folder.mkdir(parents=True, exist_ok=True)
    else:
        tmp = tempfile.mkdtemp(prefix="draftkit-bench-mine-")
        folder = Path(tmp)
    try:
        start = time.perf_counter()
        write_copies(folder, 0, sizes["16×"])
        print(f"wrote {sizes['16×']} copies in {time.perf_counter() - start:.1f} s\n")

        base = run_child("baseline")
        rows = []
        for label, copies in sizes.items():
            dirs = copy_dirs(folder, copies)
            mb = sum(corpus_bytes(Path(d)) for d in dirs) / MB
            mined = run_child("mine", "1", *dirs)
            print(f"  mined {label:>3} ({mb:6.2f} MB) in {mined['seconds']:7.2f} s", flush=True)
            rows.append((label, copies, mb, mined))
        largest = copy_dirs(folder, sizes["16×"])
        big_mb = rows[-1][2]
        parallel = run_child("mine", "2", *largest)
        print(f"  mined 16× with jobs=2 in {parallel['seconds']:7.2f} s", flush=True)
        rj = run_child("segment", "rjieba", *largest)
        print(f"  rjieba segmented 16× in {rj['seconds']:7.2f} s", flush=True)
        jb = run_child("segment", "jieba", *largest)
        print(f"  jieba segmented 16× in {jb['seconds']:7.2f} s\n", flush=True)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)

    print(
        f"mine_corpus, jobs=1 (process baseline after `import draftkit`: {base['peak_mb']:.0f} MB)"
    )
    print(
        f"  {'size':<5}{'copies':>7}{'MB':>8}{'files':>7}{'speeches':>9}{'entries':>8}"
        f"{'seconds':>9}{'MB/s':>7}{'peak MB':>9}{'time/1×':>9}{'size/1×':>8}"
    )
    first = rows[0]
    for label, copies, mb, m in rows:
        print(
            f"  {label:<5}{copies:>7}{mb:>8.2f}{m['files']:>7}{m['speeches']:>9}"
            f"{m['entries']:>8}{m['seconds']:>9.2f}{mb / m['seconds']:>7.2f}"
            f"{m['peak_mb']:>9.0f}{m['seconds'] / first[3]['seconds']:>9.2f}"
            f"{mb / first[2]:>8.1f}"
        )
    big = rows[-1][3]
    scaling = (big["seconds"] / first[3]["seconds"]) / (rows[-1][2] / first[2])
    print(
        f"  scaling 1× → 16×: time grew {big['seconds'] / first[3]['seconds']:.1f}× for "
        f"{rows[-1][2] / first[2]:.1f}× the data ({scaling:.2f} of linear; 1.00 = linear)"
    )
    memory_slope = (big["peak_mb"] - first[3]["peak_mb"]) / (rows[-1][2] - first[2])
    print(f"  peak memory grows {memory_slope:.1f} MB per MB of corpus")
    print()
    print(f"jobs=2 vs jobs=1 at 16× ({big_mb:.2f} MB)")
    print(
        f"  jobs=1 {big['seconds']:8.2f} s  {big_mb / big['seconds']:6.2f} MB/s  "
        f"peak {big['peak_mb']:.0f} MB"
    )
    print(
        f"  jobs=2 {parallel['seconds']:8.2f} s  {big_mb / parallel['seconds']:6.2f} MB/s  "
        f"peak {parallel['peak_mb']:.0f} MB parent + {parallel['worker_peak_mb']:.0f} MB "
        f"largest worker"
    )
    print(
        f"  speed-up {big['seconds'] / parallel['seconds']:.2f}× "
        f"(same bank: {parallel['entries'] == big['entries']})"
    )
    print()
    print(
        f"segmentation of the same cleaned text at 16× ({rj['text_mb']:.2f} MB UTF-8 after "
        f"cleaning, which took {rj['clean_seconds']:.1f} s and is not counted)"
    )
    print(f"  {'':<22}{'seconds':>9}{'MB/s':>8}{'words':>11}{'peak MB':>9}{'load dict s':>13}")
    for name, s in (("rjieba.cut", rj), ("jieba.lcut", jb)):
        print(
            f"  {name:<22}{s['seconds']:>9.2f}{big_mb / s['seconds']:>8.2f}{s['words']:>11}"
            f"{s['peak_mb']:>9.0f}{s['setup_seconds']:>13.2f}"
        )
    print(
        f"  {'mine_corpus jobs=1':<22}{big['seconds']:>9.2f}{big_mb / big['seconds']:>8.2f}"
        f"{'':>11}{big['peak_mb']:>9.0f}"
    )
    print(f"  ratio mine / rjieba segmentation  {big['seconds'] / rj['seconds']:8.1f}×")
    print(f"  ratio mine / jieba segmentation   {big['seconds'] / jb['seconds']:8.1f}×")
    print(f"  ratio jieba / rjieba              {jb['seconds'] / rj['seconds']:8.1f}×")
    print("  (MB/s counts corpus bytes on disk for every row)")
    print(f"\ntotal {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
