"""Many malformed inputs through the real CLI: never a traceback, always a Chinese error.

Each case is an answers file, a template or a bank file of a shape a user might produce by
accident (wrong types, encodings, YAML oddities) or on purpose (bombs, deep nesting). The
command runs in a child process with a time and memory limit; it must exit 1 with a message
holding Chinese text, or succeed, and leave every file it was given unchanged.
"""

from __future__ import annotations

import codecs
import shutil

import pytest

from bounded import fails_in_chinese, run, snapshot
from draftkit.resources import bundled_dir

# Values of every YAML kind, each put under each answers key below.
VALUES = {
    "list": "[1, 2]",
    "mapping": "{a: 1}",
    "bool": "true",
    "null": "null",
    "float": "1.5",
    "inf": ".inf",
    "nan": ".nan",
    "huge-int": "9" * 400,
    "negative": "-7",
    "surrogate": '"\\udc80"',
    "long-text": "长" * 5000,
    "date-like": "2026-13-45",
    "binary": "!!binary aGVsbG8=",
    "set": "!!set {a, b}",
    "omap": "!!omap [a: 1]",
    "python-tag": "!!python/object:os.system ls",
}
KEYS = ("topic", "date", "length", "headings")
# Answers that stop before composing: the occasion names no template.
PREFIX = "occasion: 没有这个场合\ntopic: 安全生产\n"


def _answers_cases() -> list[tuple[str, bytes]]:
    cases = []
    for key in KEYS:
        for name, value in VALUES.items():
            body = f"occasion: 没有这个场合\ntopic: 安全生产\n{key}: {value}\n"
            if key in ("occasion", "topic"):  # the key itself, given twice: the last one wins
                body = PREFIX.replace(f"{key}: ", f"{key}: {value}\n_old_{key}: ", 1)
            cases.append((f"{key}={name}", body.encode("utf-8")))
    text = PREFIX + "org: 某某局\n"
    cases += [
        ("utf-16-le", text.encode("utf-16-le")),
        ("utf-16-be", text.encode("utf-16-be")),
        ("utf-32", text.encode("utf-32")),
        ("gb18030", text.encode("gb18030")),
        ("big5-junk", "講話".encode("big5") * 3 + b"\xff\xff"),
        ("bom-junk", codecs.BOM_UTF8 + b"\xff\xfe\x80\x81"),
        ("utf-16-odd", codecs.BOM_UTF16_LE + text.encode("utf-16-le") + b"A"),
        ("empty", b""),
        ("comment-only", b"# nothing\n"),
        ("scalar-root", b"just text\n"),
        ("list-root", b"- a\n- b\n"),
        ("tabs", b"occasion:\tx\n\ttopic: y\n"),
        ("multi-doc", b"topic: a\n---\ntopic: b\n"),
        ("unclosed", b'topic: "abc\n'),
        ("nul-bytes", b"topic: a\x00b\n"),
        ("control-chars", b"topic: a\x07\x1bb\n"),
        ("deep-flow", PREFIX.encode() + b"x: " + b"[" * 5000 + b"]" * 5000 + b"\n"),
        ("deep-map", PREFIX.encode() + b"x: " + b"{a: " * 2000 + b"1" + b"}" * 2000 + b"\n"),
        ("self-alias", PREFIX.encode() + b"x: &a {b: *a}\n"),
        ("undefined-alias", PREFIX.encode() + b"x: *nope\n"),
        ("zip", b"PK\x03\x04" + b"\x00" * 200),
        ("pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + b"\x00" * 50),
        ("huge-key", PREFIX.encode() + b"k" * 200_000 + b": 1\n"),
        ("too-big", PREFIX.encode() + b"# " + b"x" * 1_100_000 + b"\n"),
    ]
    return cases


@pytest.mark.parametrize(
    ("name", "data"), _answers_cases(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_a_malformed_answers_file_is_a_chinese_error(tmp_path, name, data):
    answers = tmp_path / "answers.yaml"
    answers.write_bytes(data)
    before = snapshot(tmp_path)
    result = run("build", answers, "-o", tmp_path / "draft.md", timeout=30)
    fails_in_chinese(result)
    assert snapshot(tmp_path) == before


TITLE = 'title: "在{{ meeting }}上的讲话"'
TEMPLATE_LINES = {
    "id-list": ("id: training", "id: [training]"),
    "length-text": ("length: 2500", "length: 很长"),
    "length-inf": ("length: 2500", "length: .inf"),
    "sections-text": ("sections:", "sections: 三段\nold_sections:"),
    "variables-list": ("variables:", "variables: [a]\nold_variables:"),
    "title-mapping": (TITLE, "title: {a: 1}"),
    "title-null-list": (TITLE, "title: [null, null]"),
    "jinja-unclosed": (TITLE, 'title: "在{{ meeting 上的讲话"'),
    "jinja-attr": (TITLE, 'title: "{{ meeting.__class__ }}"'),
    "jinja-nofilter": (TITLE, 'title: "{{ meeting | nope }}"'),
    "jinja-notest": (TITLE, 'title: "{{ meeting is nope }}"'),
    "jinja-deep": (
        'title: "在{{ meeting }}上的讲话"',
        'title: "{{ ' + "[" * 2000 + "]" * 2000 + ' }}"',
    ),
    "weight-negative": ("weight: 0.3", "weight: -1"),
    "subpoints-huge": ("subpoints: [3, 4]", "subpoints: [3, 99999999999999999999]"),
    "headings-mapping": ("headings:           # suggested", "headings: {a: 1}\n    old_headings:"),
}


@pytest.mark.parametrize("name", sorted(TEMPLATE_LINES))
def test_a_malformed_template_fails_validate_in_chinese_or_english_but_never_crashes(
    tmp_path, name
):
    folder = tmp_path / "templates"
    shutil.copytree(bundled_dir("templates"), folder, ignore=shutil.ignore_patterns("README*"))
    old, new = TEMPLATE_LINES[name]
    text = (folder / "training.yaml").read_text(encoding="utf-8")
    assert old in text, old
    (folder / "training.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    before = snapshot(folder)
    result = run("templates", "validate", folder, timeout=30)
    assert result.returncode == 1 and "training.yaml" in result.stderr, result.stderr
    assert snapshot(folder) == before
