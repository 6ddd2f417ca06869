"""The lean segmenter: a few dictionary words at a time, the same words and tags as rjieba.

The lexicon is built for real from jieba's ``dict.txt`` into a cache folder of each test's own;
rjieba's full dictionary is the truth every lean cut and tag must equal.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from draftkit.reading import lexicon, segment

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "corpus" / "seeds"
REPORT = ROOT / "examples" / "corpus" / "reports" / "2017年国务院政府工作报告.txt"
SRC = ROOT / "src"


@pytest.fixture(autouse=True)
def user_cache(tmp_path, monkeypatch):
    folder = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    monkeypatch.delenv("DRAFTKIT_CACHE", raising=False)
    return folder / "draftkit"


@pytest.fixture(scope="module")
def jieba_type():
    return segment._extension().Jieba


@pytest.fixture(scope="module")
def full(jieba_type):
    return jieba_type()


def seed_lines() -> list[str]:
    """The seed speeches (traditional script) and one government work report (simplified)."""
    lines = []
    for path in [*sorted(SEEDS.glob("*.txt")), REPORT]:
        lines += [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if line]


def stored(user_cache: Path) -> Path:
    found = list(user_cache.glob("lexicon-*"))
    assert len(found) == 1, found
    return found[0]


def test_it_cuts_and_tags_the_seed_corpus_as_the_full_dictionary_does(jieba_type, full):
    lex = lexicon.load_lexicon(lambda found: segment.agrees(jieba_type, found))
    assert lex is not None
    lean = segment.LeanSegmenter(jieba_type, lex)
    lines = seed_lines()
    assert sum(map(len, lines)) > 80_000
    for line in lines:
        assert lean.tag(line) == list(full.tag(line)), line
        assert lean.cut(line) == list(full.cut(line)), line


def test_a_segmenter_given_one_text_alone_agrees_too(jieba_type, full):
    lex = lexicon.load_lexicon(lambda found: True)
    assert lex is not None
    texts = [
        "安全生产",
        "数字政府建设",
        "我们中出了一个叛徒👪",
        "2026年GDP增长5.2%，C++ 和 AT&T；B超 A股",
        "  空格\t和\r\n换行  ",
        "",
        *seed_lines()[:40],
    ]
    for text in texts:
        assert segment.LeanSegmenter(jieba_type, lex).tag(text) == list(full.tag(text)), text


def test_the_lexicon_is_built_once_and_then_read(user_cache, jieba_type):
    calls = []

    def verify(found):
        calls.append(found)
        return segment.agrees(jieba_type, found)

    first = lexicon.load_lexicon(verify)
    path = stored(user_cache)
    stamp = path.stat().st_mtime_ns
    second = lexicon.load_lexicon(verify)
    assert first is not None and second is not None
    assert len(calls) == 1  # checked against rjieba when built, not when read
    assert path.stat().st_mtime_ns == stamp
    assert second.words_in("安全生产") == first.words_in("安全生产")
    assert second.total == first.total and second.longest == first.longest


def test_a_lexicon_that_disagrees_is_remembered_and_never_used(user_cache):
    calls = []

    def verify(found):
        calls.append(found)
        return False

    assert lexicon.load_lexicon(verify) is None
    assert lexicon.load_lexicon(verify) is None
    assert len(calls) == 1
    assert stored(user_cache).is_file()


@pytest.mark.parametrize("damage", ["truncated", "header", "empty"])
def test_a_damaged_lexicon_file_is_ignored_and_rebuilt(user_cache, damage):
    assert lexicon.load_lexicon(lambda found: True) is not None
    path = stored(user_cache)
    data = bytearray(path.read_bytes())
    if damage == "truncated":
        data = data[: len(data) // 2]
    elif damage == "header":
        data[400] ^= 0xFF  # inside the key or the head: either no longer matches
    else:
        data = bytearray()
    path.write_bytes(bytes(data))
    calls = []
    lex = lexicon.load_lexicon(lambda found: calls.append(found) or True)
    assert lex is not None and calls  # built again
    assert lex.words_in("安全生产")["安全"][0] > 0
    assert len(path.read_bytes()) > 1_000_000


def test_a_damaged_bucket_is_caught_and_the_full_dictionary_answers(user_cache, tmp_path):
    assert lexicon.load_lexicon(lambda found: True) is not None
    path = stored(user_cache)
    data = bytearray(path.read_bytes())
    data[-100_000] ^= 0xFF  # a bucket's bytes: its checksum fails when it is read
    path.write_bytes(bytes(data))
    texts = seed_lines()[:200]
    script = textwrap.dedent(
        """
        import sys
        from draftkit.reading import segment
        lines = sys.stdin.read().splitlines()
        got = [segment.tagged(t) for t in lines]
        import rjieba
        assert got == [rjieba.tag(t) for t in lines]
        print("ok")
        """
    )
    env = {**os.environ, "PYTHONPATH": str(SRC), "XDG_CACHE_HOME": str(user_cache.parent)}
    result = subprocess.run(
        [sys.executable, "-c", script],
        input="\n".join(texts),
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_with_caching_off_there_is_no_lexicon(user_cache, monkeypatch):
    monkeypatch.setenv("DRAFTKIT_CACHE", "off")
    assert lexicon.load_lexicon(lambda found: True) is None
    assert not user_cache.exists()


def test_without_a_cache_folder_there_is_no_lexicon(monkeypatch):
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", "relative")  # no absolute home: nowhere to keep a cache
    assert lexicon.load_lexicon(lambda found: True) is None


def run_child(script: str, user_cache: Path) -> str:
    env = {**os.environ, "PYTHONPATH": str(SRC), "XDG_CACHE_HOME": str(user_cache.parent)}
    env.pop("DRAFTKIT_CACHE", None)
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_a_draft_is_made_without_building_the_full_dictionary(user_cache, tmp_path):
    script = f"""
        import sys
        from draftkit.cli.main import main
        code = main(["new", "--no-input", "--occasion", "mobilisation", "--topic", "森林防火",
                     "-o", {str(tmp_path / "d.docx")!r}])
        print(code, "rjieba" in sys.modules)
        """
    run_child(script, user_cache)  # the first run builds the lexicon
    (tmp_path / "d.docx").unlink()
    (tmp_path / "d.answers.yaml").unlink()
    assert run_child(script, user_cache).splitlines()[-1] == "0 False"


def test_past_its_budget_the_full_dictionary_takes_over_with_the_same_words(user_cache):
    assert sum(map(len, seed_lines())) > segment.LEAN_BUDGET
    script = f"""
        import sys
        from pathlib import Path
        from draftkit.reading import segment
        lines = []
        for path in sorted(Path({str(SEEDS)!r}).glob("*.txt")):
            lines += [t.strip() for t in path.read_text(encoding="utf-8").splitlines() if t.strip()]
        got = [segment.words(t) for t in lines]
        loaded = "rjieba" in sys.modules
        import rjieba
        print(loaded, got == [rjieba.cut(t) for t in lines])
        """
    assert run_child(script, user_cache) == "True True"
