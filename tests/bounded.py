"""Running the real CLI on hostile input: in a child process with a time and a memory limit.

``run`` asserts what every hostile case must show: no Python traceback, the process ended within
its time, and it stayed under its address-space limit (a MemoryError would be a traceback).
``snapshot`` records every file under a folder so a test can assert none was changed.
"""

from __future__ import annotations

import hashlib
import os
import re
import resource
import subprocess
import sys
from pathlib import Path

from english import english

MEMORY_LIMIT = 1_500_000_000  # bytes of address space for the child
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run(
    *args: str | Path, cwd: Path | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run ``draftkit ARGS``; fail on a traceback or a hang."""
    env = {**os.environ, "COLUMNS": "200", "PYTHONIOENCODING": "utf-8"}
    try:
        result = subprocess.run(
            [sys.executable, "-m", "draftkit.cli.main", *map(os.fspath, args)],
            capture_output=True,
            text=True,
            errors="replace",
            cwd=cwd,
            timeout=timeout,
            preexec_fn=_limit_memory,
            env=env,
        )
    except subprocess.TimeoutExpired as exc:
        raise AssertionError(f"draftkit {args} did not finish in {timeout} s") from exc
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    return result


def fails_in_chinese(result: subprocess.CompletedProcess[str], *words: str) -> str:
    """Assert an exit code of 1 and a message in Chinese (no English word) holding ``words``."""
    assert result.returncode == 1, (result.returncode, result.stdout[-500:], result.stderr)
    message = result.stderr
    assert _HAN.search(message), message
    assert english(message) == [], message
    for word in words:
        assert word in message, (word, message)
    return message


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with a digest of its bytes (links are not followed)."""
    found: dict[str, str] = {}
    for root, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(root, name)
            if path.is_symlink() or not path.is_file():
                found[os.fsdecode(path)] = "special"
                continue
            found[os.fsdecode(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found
