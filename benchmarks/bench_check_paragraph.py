"""``draftkit check`` on one giant paragraph: the time should grow about linearly with its size.

Builds a draft whose body is a single paragraph of 100 KB and of 1 MB of UTF-8 (a seed speech
repeated, its line breaks removed) and times ``check_file``
against the bundled bank and its 查重 index.

    python benchmarks/bench_check_paragraph.py
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from draftkit.bank.sources import find_index
from draftkit.bank.store import load_bank
from draftkit.review.check import check_file

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "corpus" / "seeds"


def main() -> None:
    seed = sorted(SEEDS.glob("*.txt"))[1].read_text(encoding="utf-8").replace("\n", "")
    bank = load_bank()
    index = find_index(bank.path)
    timings = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in (100_000, 1_000_000):
            body = (seed * (size // len(seed.encode()) + 1))[: size // 3]  # 3 bytes a character
            path = Path(folder) / f"p{size}.txt"
            path.write_text(f"关于工作的讲话\n\n{body}\n", encoding="utf-8")
            start = time.perf_counter()
            check_file(path, bank=bank, overlap=index)
            timings[size] = time.perf_counter() - start
            print(f"{size:>9,} bytes ({len(body):,} characters): {timings[size]:6.2f} s")
    print(f"1 MB / 100 KB: {timings[1_000_000] / timings[100_000]:.1f}x (linear would be 10x)")


if __name__ == "__main__":
    main()
