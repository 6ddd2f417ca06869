"""Hand-edited bank files: every schema violation names the bank file, the line and the field.

Each case copies the bundled bank, breaks one thing and runs ``draftkit bank stats`` in a child
process with a time and memory limit.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from bounded import run, snapshot
from draftkit.bank.store import load_bank
from draftkit.errors import BankError, DraftkitWarning
from draftkit.resources import bundled_dir

BUNDLED = bundled_dir("phrasebank")


def _e(name: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(bank: Path) -> None:
        text = (bank / name).read_text(encoding="utf-8")
        assert old in text, old
        (bank / name).write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def _first_text(name: str, jinja: str) -> Callable[[Path], None]:
    """Put ``jinja`` into the text of the first entry, whatever that text is."""

    def edit(bank: Path) -> None:
        text = (bank / name).read_text(encoding="utf-8")
        (bank / name).write_text(text.replace("\n  text: ", f"\n  text: 甲{jinja}", 1))

    return edit


def _bank(tmp_path: Path, edit: Callable[[Path], None]) -> Path:
    bank = tmp_path / "bank"
    shutil.copytree(BUNDLED, bank, ignore=shutil.ignore_patterns("sentence.yaml", "*.gz"))
    edit(bank)
    return bank


@pytest.mark.parametrize(
    ("edit", "where"),
    [
        (
            _e("closing.yaml", "entries:\n", "entries: 5\nold_entries:\n"),
            "closing.yaml:8: entries",
        ),
        (_e("closing.yaml", "schema_version: 1", "schema_version: true"), "schema_version"),
        (_e("closing.yaml", "  count: 1\n", "  count: -5\n"), "entries[0].count: 不能为负数"),
        (_e("closing.yaml", "  slots:\n  - fill\n  - scope\n", "  slots: [1]\n"), "slots[0]"),
        (_e("closing.yaml", "  count: 1\n", "  count: 一\n"), "entries[0].count"),
        (_e("closing.yaml", "  paragraph:", "  paragraph: x\n  old:"), "origins[0]"),
        (
            _first_text("closing.yaml", "{{ 1 / 0 }}"),
            "closing.yaml:11: entries[0].text",
        ),
        (_first_text("closing.yaml", "{% for i in range(9) %}"), "entries[0].text"),
        (_e("index.yaml", "names:\n", "names: 5\nold_names:\n"), "index.yaml"),
        (_e("index.yaml", "  speeches:\n", "  speeches: 7\n  old:\n"), "summary.speeches"),
        (
            _e("index.yaml", "    topic: 经济社会发展", "    topic: [1]"),
            "summary.speeches[0].topic",
        ),
        (lambda bank: (bank / "index.yaml").write_text("[1, 2]"), "index.yaml:1"),
        (lambda bank: (bank / "index.yaml").write_bytes(b"PK\x03\x04\0\0"), ".docx"),
        (lambda bank: (bank / "index.yaml").write_text("a: &a [*a]"), "引用了包含它自身"),
    ],
)
def test_a_malformed_bank_file_is_blamed_on_its_file_line_and_field(tmp_path, edit, where):
    bank = _bank(tmp_path, edit)
    before = snapshot(bank)
    result = run("bank", "stats", "--bank", bank, timeout=60)
    assert result.returncode == 1 and where in result.stderr, result.stderr
    assert snapshot(bank) == before


def test_an_unknown_key_in_an_entry_is_a_warning_naming_it(tmp_path):
    bank = _bank(tmp_path, _e("closing.yaml", "  count: ", "  note: x\n  count: "))
    with pytest.warns(DraftkitWarning, match=r"closing.yaml:\d+: entries\[0\].note"):
        loaded = load_bank(bank)
    assert loaded.of("closing", reusable=False)


def test_an_entry_error_names_the_bank_not_a_template(tmp_path):
    bank = _bank(tmp_path, _first_text("opening.yaml", "{{ 1 / 0 }}"))
    with pytest.raises(BankError) as caught:
        load_bank(bank)
    assert caught.value.path.endswith("opening.yaml") and caught.value.field == "entries[0].text"


def test_a_bank_of_100000_entries_loads_within_bounds(tmp_path):
    roles = ("认识", "要求", "保障", "回顾")
    lines = ["schema_version: 1", "kind: sentence", "entries:"]
    for i in range(100_000):
        lines.append(
            f"- id: sen-{i:010x}\n  role: {roles[i % 4]}\n"
            f"  text: 要把第{i}项{{{{ topic }}}}工作抓紧抓实，确保各项任务落到实处。\n"
            f"  count: {1 + i % 7}\n  doc_freq: 1\n  keywords: [安全, 生产]\n  slots: [topic]\n"
            f"  specific: false\n  origins:\n  - file: f{i % 300}.txt\n    title: t\n"
            f"    paragraph: {i % 40}"
        )
    bank = _bank(tmp_path, lambda b: (b / "sentence.yaml").write_text("\n".join(lines) + "\n"))
    result = run("bank", "stats", "--bank", bank, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "100000" in result.stdout.replace(",", "") or "25000" in result.stdout
