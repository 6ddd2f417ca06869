"""The cache beside a bank: loads what the files say, follows every change, survives damage.

Each case copies the bundled bank (its files, not its cache) and loads it for real; a load with
``DRAFTKIT_CACHE=off`` is the truth a cached load must equal.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from draftkit.bank import profile, sources
from draftkit.bank.cache import CACHE_DIR
from draftkit.bank.store import load_bank
from draftkit.compose.templates import load_templates
from draftkit.errors import TemplateError
from draftkit.resources import bundled_dir

BUNDLED = bundled_dir("phrasebank")
SRC = Path(__file__).resolve().parents[1] / "src"


def copy_bank(target: Path, *, whole: bool = False) -> Path:
    """The bundled bank's files; without ``whole``, the two largest kinds are left out."""
    skip = [CACHE_DIR] if whole else [CACHE_DIR, "point.yaml", "sentence.yaml"]
    shutil.copytree(BUNDLED, target, ignore=shutil.ignore_patterns(*skip))
    return target


def from_files(bank: Path, monkeypatch: pytest.MonkeyPatch):
    with monkeypatch.context() as m:
        m.setenv("DRAFTKIT_CACHE", "off")
        return load_bank(bank)


def same(a, b) -> bool:
    return (a.entries, a.summary, a.names, a.core) == (b.entries, b.summary, b.names, b.core)


@pytest.fixture(autouse=True)
def user_cache(tmp_path, monkeypatch):
    """A user cache folder of the test's own, so nothing lands in the real one."""
    folder = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    monkeypatch.delenv("DRAFTKIT_CACHE", raising=False)
    return folder


def test_a_cached_bank_equals_the_bank_read_from_its_yaml(tmp_path, monkeypatch):
    bank = copy_bank(tmp_path / "bank", whole=True)
    first = load_bank(bank)
    cache = bank / CACHE_DIR / "bank"
    assert cache.is_file()
    written = cache.stat().st_mtime_ns
    second = load_bank(bank)
    assert cache.stat().st_mtime_ns == written  # read, not rebuilt
    truth = from_files(bank, monkeypatch)
    assert same(first, truth) and same(second, truth)
    assert len(second.entries) == len(truth.entries) > 3000
    assert {e.kind for e in second.entries} >= {"point", "sentence", "heading1"}


def edit_first_text(bank: Path, name: str, new: str) -> None:
    path = bank / name
    text = path.read_text(encoding="utf-8")
    at = text.index("\n  text: ") + len("\n  text: ")
    end = text.index("\n", at)
    path.write_text(text[:at] + new + text[end:], encoding="utf-8")


def test_an_edited_file_is_read_again(tmp_path, monkeypatch):
    bank = copy_bank(tmp_path / "bank")
    load_bank(bank)
    edit_first_text(bank, "heading1.yaml", "坚持改过的标题")
    texts = {e.text for e in load_bank(bank).entries}
    assert "坚持改过的标题" in texts
    assert same(load_bank(bank), from_files(bank, monkeypatch))


def test_an_edit_of_the_same_size_with_the_old_mtime_put_back_is_read_again(tmp_path):
    bank = copy_bank(tmp_path / "bank")
    path = bank / "heading1.yaml"
    before = load_bank(bank)
    old = path.stat()
    first = next(e for e in before.entries if e.kind == "heading1")
    # The same number of bytes: the first Han character of the text swapped for another.
    swapped = ("乙" if first.text[0] != "乙" else "丙") + first.text[1:]
    edit_first_text(bank, "heading1.yaml", swapped)
    os.utime(path, ns=(old.st_atime_ns, old.st_mtime_ns))
    assert path.stat().st_size == old.st_size and path.stat().st_mtime_ns == old.st_mtime_ns
    texts = {e.text for e in load_bank(bank).entries if e.kind == "heading1"}
    assert swapped in texts and first.text not in texts


def test_a_touched_file_rebuilds_the_cache(tmp_path):
    bank = copy_bank(tmp_path / "bank")
    load_bank(bank)
    cache = bank / CACHE_DIR / "bank"
    stale = cache.read_bytes()
    os.utime(bank / "index.yaml", ns=(10**18, 10**18))
    load_bank(bank)
    assert cache.read_bytes() != stale


def test_a_kind_file_added_or_removed_is_seen(tmp_path):
    bank = copy_bank(tmp_path / "bank")
    kinds = {e.kind for e in load_bank(bank).entries}
    assert "point" not in kinds
    shutil.copy(BUNDLED / "point.yaml", bank / "point.yaml")
    assert "point" in {e.kind for e in load_bank(bank).entries}
    (bank / "idiom.yaml").unlink()
    assert "idiom" not in {e.kind for e in load_bank(bank).entries}


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],
        lambda data: b"",
        lambda data: b"not a cache at all",
        lambda data: data[:-100] + bytes(b ^ 0xFF for b in data[-100:]),
        lambda data: data[:40] + b"\x00" * 8 + data[48:],
        # Still a valid marshal payload, one character of one text changed: only the checksum
        # tells.
        lambda data: data.replace("的".encode(), "地".encode(), 1),
    ],
    ids=["truncated", "empty", "garbage", "flipped-payload", "flipped-key", "one-character"],
)
def test_a_damaged_cache_is_ignored_and_replaced(tmp_path, monkeypatch, damage):
    bank = copy_bank(tmp_path / "bank")
    load_bank(bank)
    cache = bank / CACHE_DIR / "bank"
    good = cache.read_bytes()
    cache.write_bytes(damage(good))
    loaded = load_bank(bank)
    assert same(loaded, from_files(bank, monkeypatch))
    assert cache.read_bytes() == good


def test_a_read_only_bank_is_never_written_to_and_still_loads(tmp_path, user_cache, monkeypatch):
    bank = copy_bank(tmp_path / "bank")
    listing = sorted(p.name for p in bank.iterdir())
    bank.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP)
    try:
        first = load_bank(bank)
        second = load_bank(bank)
        assert sorted(p.name for p in bank.iterdir()) == listing
    finally:
        bank.chmod(0o755)
    caches = list(user_cache.glob("draftkit/*/bank"))
    assert len(caches) == 1
    assert same(first, second) and same(second, from_files(bank, monkeypatch))


def test_without_any_cache_folder_the_bank_still_loads(tmp_path, monkeypatch):
    bank = copy_bank(tmp_path / "bank")
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.delenv("HOME", raising=False)
    bank.chmod(0o555)
    try:
        assert load_bank(bank).entries
        assert not (bank / CACHE_DIR).exists()
    finally:
        bank.chmod(0o755)


def test_a_hand_edit_that_warns_warns_every_time(tmp_path):
    bank = copy_bank(tmp_path / "bank")
    path = bank / "idiom.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("kind: idiom", "kind: idiom\nnote: 我的", 1),
        encoding="utf-8",
    )
    for _ in range(2):
        with pytest.warns(Warning, match="note"):
            load_bank(bank)


def test_the_overlap_index_and_topic_profile_load_the_same_from_their_cache(tmp_path):
    bank = copy_bank(tmp_path / "bank")
    index_file = bank / sources.INDEX_NAME
    fresh = sources._read_index(index_file)
    for _ in range(2):
        index = sources.load_index(index_file)
        assert index.speeches == fresh.speeches
        draft = [p for s in fresh.speeches[:3] for p in s.paragraphs[:4]]
        assert index.compare(draft) == fresh.compare(draft)
    assert (bank / CACHE_DIR / "sources").is_file()

    truth = profile._read(bank / profile.PROFILE_FILE)
    for _ in range(2):
        profile._load.cache_clear()
        found = profile.load_index(bank)
        assert found is not None
        assert (found.ids, found.postings, found.lengths) == (
            truth.ids,
            truth.postings,
            truth.lengths,
        )
    assert (bank / CACHE_DIR / "profile").is_file()


def test_a_cached_overlap_index_holds_every_posting_and_paragraph_of_the_files(tmp_path):
    bank = copy_bank(tmp_path / "bank")
    index_file = bank / sources.INDEX_NAME
    fresh = sources._read_index(index_file)
    sources.load_index(index_file)  # builds the cache
    cached = sources.load_index(index_file)  # decodes it a piece at a time
    assert type(cached._postings) is not dict
    assert len(cached._postings) == len(fresh._postings)
    assert {g: tuple(p) for g, p in cached._postings.items()} == {
        g: tuple(p) for g, p in fresh._postings.items()
    }
    assert list(cached._norm) == list(fresh._norm)
    assert list(cached._owner) == list(fresh._owner)
    assert (cached.paragraphs, cached.characters) == (fresh.paragraphs, fresh.characters)
    draft = [p for s in fresh.speeches[::5] for p in s.paragraphs[1:6]]
    assert cached.compare(draft) == fresh.compare(draft)


def test_a_repeated_speech_is_stored_once_in_the_overlap_cache(tmp_path):
    from draftkit.bank.overlap import OverlapIndex

    speeches = sources._read_index(BUNDLED / sources.INDEX_NAME).speeches[:6]
    once = len(sources._CACHE.encode(OverlapIndex(speeches)))
    thrice = len(sources._CACHE.encode(OverlapIndex(list(speeches) * 3)))
    assert thrice < once * 1.3


def test_a_damaged_overlap_cache_is_replaced(tmp_path):
    bank = copy_bank(tmp_path / "bank")
    index_file = bank / sources.INDEX_NAME
    sources.load_index(index_file)
    cache = bank / CACHE_DIR / "sources"
    good = cache.read_bytes()
    cache.write_bytes(good[: len(good) // 3])
    assert sources.load_index(index_file).speeches == sources._read_index(index_file).speeches
    assert cache.read_bytes() == good


INSTALLED = textwrap.dedent(
    """
    from draftkit.bank.sources import find_index
    from draftkit.bank.profile import load_index
    from draftkit.bank.store import load_bank
    from draftkit.compose.templates import load_templates
    for _ in range(2):
        bank = load_bank()
        find_index(bank.path)
        load_index(bank.path)
        load_templates()
    print(bank.path)
    """
)


@pytest.mark.parametrize("writable", [False, True], ids=["read-only", "writable"])
def test_the_installed_package_is_never_written_to(tmp_path, user_cache, writable):
    site = tmp_path / "site"
    package = site / "draftkit"
    shutil.copytree(SRC / "draftkit", package, ignore=shutil.ignore_patterns("__pycache__"))
    copy_bank(package / "bundled_bank")
    copy_templates(package / "bundled_templates")
    before = sorted(
        str(p.relative_to(site)) for p in site.rglob("*") if "__pycache__" not in str(p)
    )
    if not writable:
        for folder in [site, *(p for p in site.rglob("*") if p.is_dir())]:
            folder.chmod(0o555)
    env = {
        **os.environ,
        "PYTHONPATH": str(site),
        "PYTHONDONTWRITEBYTECODE": "1",
        "XDG_CACHE_HOME": str(user_cache),
    }
    env.pop("DRAFTKIT_CACHE", None)
    try:
        result = subprocess.run(
            [sys.executable, "-c", INSTALLED],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            timeout=120,
        )
    finally:
        for folder in [site, *(p for p in site.rglob("*") if p.is_dir())]:
            folder.chmod(0o755)
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()) == package / "bundled_bank"
    after = sorted(str(p.relative_to(site)) for p in site.rglob("*") if "__pycache__" not in str(p))
    assert after == before
    assert sorted(p.name for p in user_cache.glob("draftkit/*/*")) == [
        "bank",
        "profile",
        "sources",
        "templates",
    ]


# --- templates ----------------------------------------------------------------------------------


def copy_templates(target: Path) -> Path:
    shutil.copytree(bundled_dir("templates"), target, ignore=shutil.ignore_patterns(CACHE_DIR))
    return target


def test_cached_templates_equal_checked_ones_and_follow_an_edit(tmp_path, monkeypatch):
    folder = copy_templates(tmp_path / "templates")
    first = load_templates(folder)
    assert (folder / CACHE_DIR / "templates").is_file()
    with monkeypatch.context() as m:
        m.setenv("DRAFTKIT_CACHE", "off")
        assert load_templates(folder) == first == load_templates(folder)
    path = folder / "mobilisation.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("description: 部署", "description: 改过，部署", 1),
        encoding="utf-8",
    )
    assert load_templates(folder)["mobilisation"].description.startswith("改过，部署")
    (folder / "symposium.yaml").unlink()
    assert "symposium" not in load_templates(folder)


def test_a_broken_template_is_reported_every_time(tmp_path):
    folder = copy_templates(tmp_path / "templates")
    load_templates(folder)
    path = folder / "training.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n  broken: [\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(TemplateError) as caught:
            load_templates(folder)
        assert Path(caught.value.path) == path
