"""Hostile templates: the sandbox stops work, not only code, and bad files fail on validate.

Rendering runs in a child process with a time and memory limit, so a limit that fails shows as a
failed test rather than a hung suite.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bounded import MEMORY_LIMIT, fails_in_chinese, run, snapshot
from draftkit.resources import bundled_dir

BUNDLED = bundled_dir("templates")
TITLE = 'title: "在{{ meeting }}上的讲话"'

_RENDER = """
import json, sys
from draftkit.compose.sandbox import render
from draftkit.errors import TemplateError
try:
    text = render(sys.argv[1], {"topic": "安全"}, where="training.yaml: title")
    print(json.dumps({"text": text}))
except TemplateError as exc:
    print(json.dumps({"error": exc.describe()}, ensure_ascii=False))
"""


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def render_bounded(source: str) -> dict[str, str]:
    result = subprocess.run(
        [sys.executable, "-c", _RENDER, source],
        capture_output=True,
        text=True,
        timeout=30,
        preexec_fn=_limit,
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}", "步"),
        ("{% for i in 'x' * 99999 %}{% for j in 'x' * 99999 %}{% endfor %}{% endfor %}", "步"),
        ("{{ ((9 ** 64) ** 64) ** 64 }}", "乘方"),
        ("{{ 2 ** 9999 }}", "指数过大"),
        (
            "{% set n = namespace(x=3) %}{% for i in range(40) %}{% set n.x = n.x * n.x %}"
            "{% endfor %}{{ n.x }}",
            "乘积",
        ),
        ("{{ 'x'.ljust(10 ** 9) }}", "过大"),
        ("{{ 'x'.zfill(10 ** 8) }}", "过大"),
        ("{{ 'x' | center(1000000000) }}", "过大"),
        ("{{ 'x' | indent(1000000000) }}", "过大"),
        ("{{ '%1000000000d' % 1 }}", "格式宽度"),
        ("{{ '%1000000000d' | format(1) }}", "格式宽度"),
        ("{{ '{:>999999999}'.format(1) }}", "格式宽度"),
        ("{{ ('x' * 99999) | replace('x', 'xxxxxxxxxx') }}", "过长"),
        ("{% for i in range(9999) %}{{ 'x' * 99 }}{% endfor %}", "超过"),
        ("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "递归"),
        (
            "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}"
            "{{ f(60) }}",
            "步",
        ),
    ],
)
def test_work_past_a_limit_is_an_error_naming_the_template_and_field(source, words):
    outcome = render_bounded(source)
    assert "error" in outcome, outcome
    assert "training.yaml: title" in outcome["error"] and words in outcome["error"]


def test_ordinary_loops_filters_and_formatting_still_render():
    source = "{% for a in [1, 2] %}{{ a }}{% endfor %}{{ topic | center(6) }}{{ '%03d' % 7 }}"
    assert render_bounded(source) == {"text": "12  安全  007"}


def _templates(tmp_path: Path, text: str | bytes) -> Path:
    folder = tmp_path / "templates"
    shutil.copytree(BUNDLED, folder, ignore=shutil.ignore_patterns("README*"))
    original = (BUNDLED / "training.yaml").read_text(encoding="utf-8")
    data = text.replace("{original}", original) if isinstance(text, str) else text
    if isinstance(data, str) and data.startswith("title: "):  # a new title for the template
        data = original.replace(TITLE, data.strip())
    target = folder / "training.yaml"
    target.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return folder


def _bomb() -> str:
    text = 'l0: &l0 ["哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈"]\n'
    for n in range(1, 10):
        text += f"l{n}: &l{n} [" + ", ".join([f"*l{n - 1}"] * 9) + "]\n"
    return text


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("x: &a [*a]\n{original}", "引用了包含它自身"),
        (_bomb() + "{original}", "别名炸弹"),
        ("{original}deep: " + "[" * 3000 + "]" * 3000 + "\n", "嵌套超过"),
        ('title: "{{ meeting | nosuchfilter }}"', "nosuchfilter"),
        ("title: [null]", "title[0]"),
        ('title: "{{ ' + "(" * 3000 + "1" + ")" * 3000 + ' }}"', "title"),
        (b"PK\x03\x04" + b"\x00" * 64, ".docx"),
    ],
)
def test_a_broken_template_file_fails_validate_in_chinese(tmp_path, text, words):
    folder = _templates(tmp_path, text)
    before = snapshot(folder)
    result = run("templates", "validate", folder, timeout=30)
    fails_in_chinese(result, "training.yaml", words)
    assert snapshot(folder) == before


def test_a_template_saved_as_gbk_is_read(tmp_path):
    original = (BUNDLED / "training.yaml").read_text(encoding="utf-8")
    folder = _templates(tmp_path, original.encode("gb18030"))
    result = run("templates", "validate", folder, timeout=30)
    assert result.returncode == 0, result.stderr


# --- the compiled templates kept between runs ---------------------------------------------------

_COUNTED = """
import json, sys
from draftkit.compose import sandbox
from draftkit.errors import TemplateError
env = sandbox.environment()
compiled = []
original = env.compile
def compile(*args, **kwargs):
    compiled.append(args[0])
    return original(*args, **kwargs)
env.compile = compile
try:
    text = sandbox.render(sys.argv[1], {"topic": "安全", "n": 3}, where="training.yaml: title")
except TemplateError as exc:
    text = "error: " + exc.describe()
print(json.dumps({"text": text, "compiled": len(compiled)}, ensure_ascii=False))
"""


def counted(source: str, cache_home: Path, *, cache: str = "") -> dict:
    env = {"XDG_CACHE_HOME": str(cache_home), "DRAFTKIT_CACHE": cache}
    result = subprocess.run(
        [sys.executable, "-c", _COUNTED, source],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, **env},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


LOOPED = "{% for i in range(n) %}{{ topic }}{{ i }}、{% endfor %}工作"


def test_a_compiled_template_is_kept_and_the_next_run_renders_it_uncompiled(tmp_path):
    first = counted(LOOPED, tmp_path)
    second = counted(LOOPED, tmp_path)
    assert first == {"text": "安全0、安全1、安全2、工作", "compiled": 1}
    assert second == {"text": first["text"], "compiled": 0}
    assert list((tmp_path / "draftkit").glob("jinja-*/*.cache"))


def test_a_damaged_compiled_template_is_compiled_again(tmp_path):
    first = counted(LOOPED, tmp_path)
    for path in (tmp_path / "draftkit").glob("jinja-*/*.cache"):
        path.write_bytes(path.read_bytes()[:40])
    assert counted(LOOPED, tmp_path) == first
    assert counted(LOOPED, tmp_path) == {**first, "compiled": 0}


def test_with_caching_off_nothing_is_kept_and_errors_read_the_same(tmp_path):
    broken = "在{{ meeting 上的讲话"
    kept = counted(broken, tmp_path)
    off = counted(broken, tmp_path / "off", cache="off")
    assert kept["text"] == off["text"] and kept["text"].startswith("error: ")
    assert counted(LOOPED, tmp_path / "off", cache="off")["compiled"] == 1
    assert not (tmp_path / "off").exists()
