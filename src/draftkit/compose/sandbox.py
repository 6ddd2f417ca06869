"""The one sandboxed Jinja environment that renders template strings.

A template shared by another office can fill in text but never run code: the environment is
Jinja's immutable sandbox with ``*`` and ``**`` capped so a template cannot eat memory, unknown
names are errors rather than blanks, nothing is autoescaped and ``lipsum`` is gone. ``render``
turns every Jinja failure into a ``TemplateError`` naming the field it came from.

The template files themselves (their schema, loading and checks) belong to ``templates``, which
parses sources with ``environment()`` so the checks and the renderer agree on the globals.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from draftkit.errors import TemplateError


class _Sandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, with ``*`` and ``**`` capped so a template cannot eat memory."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int | float) and abs(right) > 64:
            raise SecurityError("exponent too large in a template")
        for seq, count in ((left, right), (right, left)):
            sized = isinstance(seq, str | list | tuple) and isinstance(count, int)
            if operator == "*" and sized and len(seq) * count > 100_000:
                raise SecurityError("repetition too large in a template")
        return super().call_binop(context, operator, left, right)


def make_environment() -> ImmutableSandboxedEnvironment:
    """A fresh sandboxed environment: strict about unknown names, no autoescape, no lipsum."""
    env = _Sandbox(undefined=jinja2.StrictUndefined, autoescape=False)
    # lipsum() would put Latin filler into a speech; the other globals are harmless.
    env.globals.pop("lipsum", None)
    return env


@functools.cache
def environment() -> ImmutableSandboxedEnvironment:
    """The shared environment every template string is parsed and rendered with."""
    return make_environment()


@functools.lru_cache(maxsize=2048)
def _compile(source: str) -> jinja2.Template:
    return environment().from_string(source)


def render(template_source: str, context: Mapping[str, Any], *, where: str) -> str:
    """Render one template string; a Jinja failure becomes a ``TemplateError`` naming ``where``."""
    try:
        return _compile(template_source).render(dict(context))
    except jinja2.TemplateSyntaxError as exc:
        message = f"Jinja syntax error on line {exc.lineno}: {exc.message}"
        raise TemplateError(message, field=where) from exc
    except SecurityError as exc:
        hint = "templates may only use the answers, their variables, pick() and fill()"
        raise TemplateError(f"blocked by the sandbox: {exc}", field=where, hint=hint) from exc
    except jinja2.UndefinedError as exc:
        names = ", ".join(sorted(str(key) for key in context))
        raise TemplateError(str(exc), field=where, hint=f"available names: {names}") from exc
    except (jinja2.TemplateError, TypeError, ValueError, ArithmeticError) as exc:
        raise TemplateError(f"cannot render: {exc}", field=where) from exc
