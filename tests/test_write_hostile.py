"""Writing a draft where it cannot go: a full disk, a read-only disk, a name that is too long.

Each ends in a Chinese error, with no traceback, no half-written file and the files already
there unchanged. The full and read-only disks are small tmpfs mounts, which need root.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from bounded import fails_in_chinese, run, snapshot

NEW = ("new", "--no-input", "--occasion", "training", "--topic", "安全生产")


def _mount(folder: Path, options: str) -> None:
    folder.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace')}")


@pytest.fixture
def full_disk(tmp_path):
    disk = tmp_path / "full"
    _mount(disk, "size=64k")
    (disk / "旧稿.md").write_text("旧稿内容\n", encoding="utf-8")
    fd = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT)
    try:  # leave nothing free
        while os.write(fd, b"\0" * 4096):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)
    yield disk
    subprocess.run(["umount", str(disk)], check=False)


@pytest.fixture
def read_only_disk(tmp_path):
    disk = tmp_path / "ro"
    _mount(disk, "size=64k")
    (disk / "旧稿.md").write_text("旧稿内容\n", encoding="utf-8")
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
    yield disk
    subprocess.run(["umount", str(disk)], check=False)


@pytest.mark.parametrize("suffix", [".md", ".docx"])
def test_a_full_disk_is_a_chinese_error_and_leaves_the_old_draft(full_disk, suffix):
    before = snapshot(full_disk)
    target = full_disk / f"旧稿{suffix}"
    result = run(*NEW, "-o", target, "--force", timeout=120)
    fails_in_chinese(result, "磁盘已满")
    assert snapshot(full_disk) == before


def test_a_read_only_disk_is_a_chinese_error(read_only_disk):
    before = snapshot(read_only_disk)
    result = run(*NEW, "-o", read_only_disk / "新稿.md", timeout=120)
    fails_in_chinese(result, "只读")
    assert snapshot(read_only_disk) == before


@pytest.mark.parametrize("name", ["长" * 100 + ".md", "a" * 300 + ".docx"])
def test_a_file_name_over_255_bytes_is_refused_before_composing(tmp_path, name):
    result = run(*NEW, "-o", tmp_path / name, timeout=120)
    fails_in_chinese(result, "文件名过长")
    assert list(tmp_path.iterdir()) == []
