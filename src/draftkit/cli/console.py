"""The two consoles the CLI prints on, and ``say``, the one way to print styled text.

Markup is off: a file name, topic or template line holding ``[/x]`` prints as typed. Style comes
from ``say``'s ``(text, style)`` pairs instead. When the output is not a terminal, lines are not
wrapped, so a command printed for the user pastes whole.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.text import Text


def _console(*, stderr: bool) -> Console:
    console = Console(stderr=stderr, markup=False, highlight=False, emoji=False)
    console.soft_wrap = not console.is_terminal
    return console


out = _console(stderr=False)
err = _console(stderr=True)

Part = str | tuple[str, str]


def styled(*parts: Part) -> Text:
    """Plain strings and ``(text, style)`` pairs as one ``Text``; nothing is parsed as markup."""
    return Text.assemble(*parts)


def say(*parts: Part, console: Console | None = None, **options: Any) -> None:
    """Print one line made of plain strings and ``(text, style)`` pairs."""
    (console or out).print(styled(*parts), **options)


def warn(*parts: Part) -> None:
    say(*parts, console=err)
