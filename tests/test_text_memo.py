"""Values made from a data file's text, kept in the user's cache folder between runs."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from draftkit.files import text_memo
from draftkit.resources import data_file
from draftkit.yamlfile import safe_load

SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.fixture(autouse=True)
def user_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("DRAFTKIT_CACHE", raising=False)
    return tmp_path / "xdg" / "draftkit" / "parsed"


def test_a_value_is_made_once_and_read_back_equal(user_cache):
    made = []

    def compute():
        made.append(1)
        return {"甲": [1, 2.5, None, True], "乙": ("x", b"y")}

    first = text_memo("t", "原文", compute)
    second = text_memo("t", "原文", compute)
    assert first == second and len(made) == 1
    assert second is not first  # a fresh copy each time: callers may change it
    assert text_memo("t", "另一段原文", compute) == first and len(made) == 2
    assert text_memo("t", "原文", compute, stamp=2) == first and len(made) == 3


def test_the_bundled_data_files_load_as_yaml_gives_them(user_cache):
    import yaml

    for name in ("leadins.yaml", "headings.yaml", "dated.yaml", "stock_phrases.yaml"):
        text = data_file(name).read_text(encoding="utf-8")
        truth = yaml.safe_load(text)
        assert safe_load(text) == truth  # made
        assert safe_load(text) == truth  # read back
    assert len(list(user_cache.glob("yaml-*"))) == 4


def test_a_value_marshal_cannot_hold_is_made_every_time(user_cache):
    text = "day: 2026-12-01\n"
    assert safe_load(text) == {"day": dt.date(2026, 12, 1)}
    assert safe_load(text) == {"day": dt.date(2026, 12, 1)}
    assert not list(user_cache.glob("yaml-*"))


@pytest.mark.parametrize("damage", [b"", b"\x00\x00\x00\x00garbage", None])
def test_a_damaged_or_foreign_file_is_ignored_and_replaced(user_cache, damage):
    text_memo("t", "原文", lambda: {"a": 1})
    (path,) = list(user_cache.glob("t-*"))
    if damage is None:
        data = bytearray(path.read_bytes())
        data[-1] ^= 0xFF
        damage = bytes(data)
    path.write_bytes(damage)
    assert text_memo("t", "原文", lambda: {"a": 1}) == {"a": 1}
    assert text_memo("t", "原文", lambda: {"a": 2}) == {"a": 1}  # the rewritten file is read


def test_with_caching_off_or_no_cache_folder_nothing_is_kept(user_cache, monkeypatch):
    monkeypatch.setenv("DRAFTKIT_CACHE", "off")
    assert text_memo("t", "原文", lambda: 1) == 1
    assert not user_cache.exists()
    monkeypatch.delenv("DRAFTKIT_CACHE")
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", "relative")
    assert text_memo("t", "原文", lambda: 2) == 2


def test_the_default_format_profile_reads_the_same_from_the_cache(tmp_path):
    script = textwrap.dedent(
        """
        import dataclasses, json
        from draftkit.write.profiles import load_profile
        print(json.dumps(dataclasses.asdict(load_profile(None)), ensure_ascii=False, default=str))
        """
    )
    env = {**os.environ, "PYTHONPATH": str(SRC), "XDG_CACHE_HOME": str(tmp_path / "c")}
    runs = [
        subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
        ).stdout
        for _ in range(2)
    ]
    off = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**env, "DRAFTKIT_CACHE": "off"},
        check=True,
    ).stdout
    assert runs[0] == runs[1] == off
    assert list((tmp_path / "c" / "draftkit" / "parsed").glob("profile-*"))
