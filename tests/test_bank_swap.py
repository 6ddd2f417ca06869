"""Writing a bank over an old one: killed at any moment, the bank path still loads.

A child process rewrites a bank in a loop and is killed with SIGKILL at random moments; after
each kill the bank must load, and while it runs a reader polling the path must never find it
empty. Staging folders left by the killed writers are removed by the next write.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from draftkit.bank.store import load_bank, write_bank

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "corpus" / "seeds"
KILLS = 25

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from draftkit.bank.store import load_bank, write_bank

    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    bank = load_bank(source)
    extra = {p.name: p.read_bytes() for p in source.glob("*.json.gz")}
    print("ready", flush=True)
    while True:
        write_bank(bank, target, extra=extra)
    """
)


def staging_left(target: Path) -> list[str]:
    return sorted(p.name for p in target.parent.iterdir() if p.name.startswith("."))


def test_a_bank_killed_mid_write_always_loads_and_never_stands_empty(seed_bank, tmp_path):
    source, _result = seed_bank
    target = tmp_path / "phrasebank"
    write_bank(load_bank(source), target)
    expected = len(load_bank(target).entries)
    rng = random.Random(20261130)
    misses = polls = 0
    for _ in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(source), str(target)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        deadline = time.monotonic() + rng.uniform(0.0, 0.4)
        while time.monotonic() < deadline:
            polls += 1
            misses += not (target / "index.yaml").is_file()
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        child.stdout.close()
        assert len(load_bank(target).entries) == expected
    assert polls > 1000 and misses == 0, f"{misses} of {polls} polls found no bank"

    write_bank(
        load_bank(source), target, extra={p.name: p.read_bytes() for p in source.glob("*.gz")}
    )
    assert staging_left(target) == []
    assert sorted(p.name for p in target.iterdir()) == sorted(p.name for p in source.iterdir())


def test_a_mine_killed_at_random_moments_leaves_the_old_bank_or_the_new(tmp_path):
    target = tmp_path / "phrasebank"
    command = [sys.executable, "-m", "draftkit.cli.main", "mine", str(SEEDS), "-o", str(target)]
    assert subprocess.run(command, capture_output=True, timeout=300).returncode == 0
    expected = len(load_bank(target).entries)
    rng = random.Random(7)
    for _ in range(8):
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, 1.2))
        child.send_signal(signal.SIGKILL)
        child.wait()
        assert len(load_bank(target).entries) == expected
    assert subprocess.run(command, capture_output=True, timeout=300).returncode == 0
    assert staging_left(target) == []


def test_a_rewrite_keeps_the_users_files_and_drops_the_banks_stale_ones(seed_bank, tmp_path):
    source, _result = seed_bank
    bank = load_bank(source)
    target = tmp_path / "phrasebank"
    write_bank(bank, target, extra={"profile.json.gz": b"old index"})
    (target / "说明.txt").write_text("我的说明", encoding="utf-8")
    write_bank(bank, target)
    assert not (target / "profile.json.gz").exists()
    assert (target / "说明.txt").read_text(encoding="utf-8") == "我的说明"
    assert staging_left(target) == []
