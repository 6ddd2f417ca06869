"""The one sandboxed Jinja environment that renders template strings.

A template shared by another office can fill in text but never run code: the environment is
Jinja's immutable sandbox with ``*`` and ``**`` capped so a template cannot eat memory, unknown
names are errors rather than blanks, nothing is autoescaped and ``lipsum`` is gone. ``render``
turns every Jinja failure into a ``TemplateError`` naming the field it came from.

The template files themselves (their schema, loading and checks) belong to ``templates``, which
parses sources with ``environment()`` so the checks and the renderer agree on the globals.
"""

from __future__ import annotations

import contextvars
import functools
import hashlib
import os
import pickle
import re
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from draftkit.errors import TemplateError
from draftkit.files import caching_enabled, user_cache_root
from draftkit.models import HAN

# Jinja's syntax errors, as a user reads them; the first pattern that matches wins.
_SYNTAX: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"No filter named '([^']+)'"), "没有名为“{0}”的过滤器"),
    (re.compile(r"No test named '([^']+)'"), "没有名为“{0}”的判断"),
    (re.compile(r"unknown tag '([^']+)'"), "未知的标签“{0}”"),
    (re.compile(r"expected token '([^']+)', got '([^']+)'"), "这里应为“{0}”，却是“{1}”"),
    (re.compile(r"unexpected end of template"), "模板没写完（缺少 }}}}、%}} 或 {{% end… %}}）"),
    (re.compile(r"unexpected '([^']+)'"), "多余或错位的“{0}”"),
)


def syntax_problem(exc: jinja2.TemplateSyntaxError) -> str:
    """What is wrong in a template's syntax, in Chinese (Jinja words it in English)."""
    for pattern, chinese in _SYNTAX:
        if found := pattern.search(exc.message or ""):
            return "模板语法错误：" + chinese.format(*found.groups())
    return "模板语法错误"


# Jinja's wording of a missing name: "'x' is undefined", "'dict object' has no attribute 'x'".
_UNDEFINED = re.compile(r"'([^']+)' is undefined|has no attribute '([^']+)'")

# Limits on the work one rendering may do. Real templates stay far below them: a field is a
# sentence or a paragraph, with a handful of loops and calls.
MAX_STEPS = 100_000  # loop iterations and calls, together, per rendering
MAX_OUTPUT = 100_000  # characters one field may render to
MAX_WIDTH = 10_000  # a width, count or padding passed to a method or filter
MAX_INT_BITS = 4_096  # integers a template computes with (about 1,200 digits)
_BUDGET: contextvars.ContextVar[list[int]] = contextvars.ContextVar("draftkit_budget")
_BIG_SPEC = re.compile(r"[%:{][^%{}]*?\d{6,}")  # a format width of a million or more
_WIDENING_FILTERS = ("center", "indent", "format", "wordwrap", "truncate", "replace", "batch")


def _spend(steps: int = 1) -> None:
    budget = _BUDGET.get(None)
    if budget is None:
        return  # constant folding at compile time: the arguments are checked instead
    budget[0] += steps
    if budget[0] > MAX_STEPS:
        raise SecurityError(f"模板的循环和调用超过 {MAX_STEPS:,} 步")


def _check_arguments(args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> None:
    """Refuse a call whose numbers would build a huge result (a width, a count)."""
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_WIDTH:
            raise SecurityError(f"参数 {value} 过大（上限 {MAX_WIDTH:,}）")


def _check_format(spec: Any) -> None:
    """Refuse a format string with a width of a million or more (``%1000000000d``)."""
    if isinstance(spec, str) and _BIG_SPEC.search(spec):
        raise SecurityError("格式宽度过大")


def _check_result(value: Any) -> Any:
    if isinstance(value, str | list | tuple | bytes) and len(value) > MAX_OUTPUT:
        raise SecurityError(f"结果过长（超过 {MAX_OUTPUT:,} 个字符或元素）")
    return value


@jinja2.pass_context  # never folded at compile time, where no budget is set
def _counted(context: Any, iterable: Any) -> Iterator[Any]:
    """Every loop of a template iterates through here, so its steps count."""
    for item in iterable:
        _spend()
        yield item


class _Sandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, bounded in work as well as in what it can reach.

    ``*`` and ``**`` are capped so a template cannot eat memory; ``%`` formatting is checked
    for huge widths; every call and loop iteration spends from a per-rendering budget; methods
    and filters that pad or repeat refuse widths past ``MAX_WIDTH`` and results past
    ``MAX_OUTPUT``.
    """

    intercepted_binops = frozenset({"*", "**", "%"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int | float) and abs(right) > 64:
            raise SecurityError("乘方的指数过大")
        if operator == "**" and isinstance(left, int) and isinstance(right, int):
            if left.bit_length() * abs(right) > MAX_INT_BITS:
                raise SecurityError(f"乘方结果过大（超过 {MAX_INT_BITS} 位）")
        if operator == "*" and isinstance(left, int) and isinstance(right, int):
            if left.bit_length() + right.bit_length() > MAX_INT_BITS:
                raise SecurityError(f"乘积过大（超过 {MAX_INT_BITS} 位）")
        for seq, count in ((left, right), (right, left)):
            sized = isinstance(seq, str | list | tuple) and isinstance(count, int)
            if operator == "*" and sized and len(seq) * count > MAX_OUTPUT:
                raise SecurityError("重复的次数过多")
        if operator == "%" and isinstance(left, str):
            _check_format(left)
        return _check_result(super().call_binop(context, operator, left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        _spend()
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str | list | tuple):
            _check_arguments(args, kwargs)  # 'x'.ljust(10**9), 'x'.zfill(...)
        return _check_result(super().call(__context, __obj, *args, **kwargs))

    def wrap_str_format(self, value: Any) -> Any:
        wrapped = super().wrap_str_format(value)
        if wrapped is not None:
            _check_format(value.__self__)  # '{:>999999999}'.format(1)
        return wrapped

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """Parse, then route every ``for`` loop through ``_counted`` so its steps count."""
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, "draftkit_counted", [], [], None, None)
        return tree


def _bounded_filter(function: Any) -> Any:
    @functools.wraps(function)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        _check_arguments(args[1:], kwargs)
        _check_format(args[0] if function.__name__ == "do_format" and args else None)
        return _check_result(function(*args, **kwargs))

    return bounded


def make_environment() -> ImmutableSandboxedEnvironment:
    """A fresh sandboxed environment: strict about unknown names, no autoescape, no lipsum."""
    env = _Sandbox(undefined=jinja2.StrictUndefined, autoescape=False)
    # lipsum() would put Latin filler into a speech; the other globals are harmless.
    env.globals.pop("lipsum", None)
    env.filters["draftkit_counted"] = _counted
    for name in _WIDENING_FILTERS:
        env.filters[name] = _bounded_filter(env.filters[name])
    return env


@functools.cache
def environment() -> ImmutableSandboxedEnvironment:
    """The shared environment every template string is parsed and rendered with.

    Compiling a template string to Python is most of the cost of a short run (45 strings, about
    25 ms), so what Jinja compiled is kept with Jinja's own bytecode cache in the user's cache
    folder (never beside a bank or templates folder: loading it runs the compiled code), one
    folder per version of Jinja, of Python and of this module.
    """
    env = make_environment()
    folder = _code_folder()
    if folder is not None:
        env.bytecode_cache = _CodeCache(str(folder))
        env.loader = _Sources()
    return env


class _Sources(jinja2.BaseLoader):
    """Template strings by name (a digest of the text), so Jinja's bytecode cache can serve them."""

    def __init__(self) -> None:
        self.sources: dict[str, str] = {}

    def get_source(self, environment: Any, template: str) -> tuple[str, None, Any]:
        return self.sources[template], None, lambda: True


class _CodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's bytecode cache, where a file that cannot be read or written only means compiling."""

    def load_bytecode(self, bucket: Any) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):
            bucket.reset()

    def dump_bytecode(self, bucket: Any) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def _code_folder() -> Path | None:
    root = user_cache_root()
    if root is None or not caching_enabled():
        return None
    try:
        st = os.stat(__file__)
        stamp = (jinja2.__version__, sys.version, st.st_size, st.st_mtime_ns, st.st_ino)
        digest = hashlib.blake2b(repr(stamp).encode(), digest_size=8).hexdigest()
        folder = root / f"jinja-{digest}"
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return folder


@functools.lru_cache(maxsize=2048)
def _compile(source: str) -> jinja2.Template:
    env = environment()
    if not isinstance(env.loader, _Sources):
        return env.from_string(source)
    name = hashlib.blake2b(source.encode("utf-8"), digest_size=16).hexdigest()
    env.loader.sources[name] = source
    try:
        return env.get_template(name)
    except jinja2.TemplateSyntaxError:
        return env.from_string(source)  # raises the error exactly as for an unnamed string


def render(template_source: str, context: Mapping[str, Any], *, where: str) -> str:
    """Render one template string; a Jinja failure becomes a ``TemplateError`` naming ``where``.

    The rendering is bounded: ``MAX_STEPS`` loop iterations and calls, ``MAX_OUTPUT``
    characters of output, and no recursion past Python's limit.
    """
    token = _BUDGET.set([0])
    try:
        return _bounded_render(_compile(template_source), context)
    except RecursionError:
        message = "模板递归过深（宏调用了自身？）"
        raise TemplateError(message, field=where) from None
    except jinja2.TemplateSyntaxError as exc:
        message = f"{syntax_problem(exc)}（第 {exc.lineno} 行）"
        hint = "检查 {{ }} 和 {% %} 是否成对、拼写是否正确"
        raise TemplateError(message, field=where, hint=hint) from exc
    except SecurityError as exc:
        hint = "模板只能用回答、模板的 variables、pick() 和 fill()"
        reason = str(exc) if HAN.search(str(exc)) else "用了不允许的属性或操作"
        raise TemplateError(f"模板被安全限制拦下：{reason}", field=where, hint=hint) from exc
    except jinja2.UndefinedError as exc:
        names = "、".join(sorted(str(key) for key in context))
        found = _UNDEFINED.search(str(exc))
        name = found and (found.group(1) or found.group(2))
        message = f"未知的名称“{name}”" if name else "模板用了未定义的名称"
        raise TemplateError(message, field=where, hint=f"可用的名称：{names}") from exc
    except ZeroDivisionError as exc:
        raise TemplateError("模板无法生成：除数为零", field=where) from exc
    except (jinja2.TemplateError, TypeError, ValueError, ArithmeticError) as exc:
        message = "模板无法生成：计算或调用的值类型不对"
        raise TemplateError(message, field=where) from exc
    except MemoryError:
        raise TemplateError("模板渲染耗尽了内存", field=where) from None
    finally:
        _BUDGET.reset(token)


def _bounded_render(template: jinja2.Template, context: Mapping[str, Any]) -> str:
    parts: list[str] = []
    size = 0
    for part in template.generate(dict(context)):
        size += len(part)
        if size > MAX_OUTPUT:
            raise SecurityError(f"渲染结果超过 {MAX_OUTPUT:,} 个字符")
        parts.append(part)
    return "".join(parts)
