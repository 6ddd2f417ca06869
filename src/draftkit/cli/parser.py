"""An ``argparse`` parser that speaks Chinese, argparse's own words included.

argparse builds its fixed phrases ("usage: ", "options", "invalid choice: …") by calling the
``gettext`` functions it imported, at the moment it needs them. ``ChineseParser`` points those
names at ``translate`` for the duration of each of its own calls and puts them back after, so
nothing outside draftkit's parser sees a difference. A phrase missing from ``PHRASES`` (a newer
Python's wording, say) prints as argparse wrote it rather than failing.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

from draftkit.cli import messages as M

# argparse's message ids → what a user reads. ``%(…)s`` fields are argparse's and must stay.
_USAGE = "用法："
PHRASES: dict[str, str] = {
    "usage: ": _USAGE,
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "没有 %(value)r 这一项（可选：%(choices)s）"
    ),
    "invalid %(type)s value: %(value)r": "%(value)r 不是有效的值",
    "expected one argument": "后面需要一个值",
    "expected at most one argument": "后面最多只能有一个值",
    "expected at least one argument": "后面至少需要一个值",
    "expected %s argument": "后面需要 %s 个值",
    "expected %s arguments": "后面需要 %s 个值",
    "ambiguous option: %(option)s could match %(matches)s": (
        "选项 %(option)s 不明确，可能是 %(matches)s"
    ),
    "ignored explicit argument %r": "多余的值 %r 被忽略",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "参数 %s 中必须给出一个",
    "unexpected option string: %s": "意外的选项：%s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "没有 %(parser_name)r 这个命令（可选：%(choices)s）"
    ),
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
}


def translate(message: str) -> str:
    return PHRASES.get(message, message)


def translate_plural(singular: str, plural: str, count: int) -> str:
    return translate(singular if count == 1 else plural)


@contextmanager
def _chinese() -> Iterator[None]:
    """Point argparse's gettext names at ``translate`` for the duration of one call."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = translate, translate_plural  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def _in_chinese(method: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(self: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> Any:
        with _chinese():
            return method(self, *args, **kwargs)

    wrapper.__name__ = method.__name__
    wrapper.__doc__ = method.__doc__
    return wrapper


def width(text: str) -> int:
    """Columns ``text`` takes on a terminal: a Chinese character or full-width mark takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


_TOKEN = re.compile(r"[（“《]?[!-~]+|\s|.")  # an ASCII word (a flag, a file name) is never split


def wrap(text: str, columns: int) -> list[str]:
    """``text`` in lines of at most ``columns`` terminal columns; Chinese breaks anywhere."""
    lines: list[str] = []
    line = ""
    for token in _TOKEN.findall(" ".join(text.split())):
        if line and width(line + token) > columns:
            lines.append(line.rstrip())
            line = "" if token == " " else token
        else:
            line += token
    return [*lines, line.rstrip()] if line.strip() else lines


class ChineseHelpFormatter(argparse.HelpFormatter):
    """Help laid out by terminal columns, so Chinese text wraps and aligns as it shows."""

    _HEADER = re.compile(r"^( +)(\S.*?)( {2,})(\S.*)$")

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in wrap(text, width))

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        if action.help is not argparse.SUPPRESS:  # argparse measured the flags by len()
            shown = width(self._format_action_invocation(action)) + self._current_indent
            self._action_max_length = max(self._action_max_length, shown)

    def format_help(self) -> str:
        lines = super().format_help().split("\n")
        usage = False
        for i, line in enumerate(lines):
            if line.startswith(_USAGE):
                usage = True
            elif usage and line.startswith(" "):  # the usage's own continuation lines
                lines[i] = " " * (width(_USAGE) - len(_USAGE)) + line
            elif (m := self._HEADER.match(line)) is not None:
                usage = False
                wide = width(m.group(2)) - len(m.group(2))  # argparse padded by len()
                gap = " " * max(2, len(m.group(3)) - wide)
                lines[i] = m.group(1) + m.group(2) + gap + m.group(4)
            else:
                usage = False
        return "\n".join(lines)


class ChineseParser(argparse.ArgumentParser):
    """``ArgumentParser`` whose help, usage and errors are Chinese; sub-parsers inherit it.

    An error prints the usage and one ``错误：`` line on stderr and exits with code 2, as
    argparse does, worded like the rest of draftkit's errors.
    """

    parse_args = _in_chinese(argparse.ArgumentParser.parse_args)  # type: ignore[assignment]
    parse_known_args = _in_chinese(argparse.ArgumentParser.parse_known_args)  # type: ignore[assignment]
    format_usage = _in_chinese(argparse.ArgumentParser.format_usage)  # type: ignore[assignment]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        with _chinese():  # the -h action's help is worded when the parser is made
            super().__init__(*args, **kwargs)

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        with _chinese():  # --version's default help, too
            return super().add_argument(*args, **kwargs)

    @_in_chinese
    def format_help(self) -> str:
        text = super().format_help()
        for group in self._action_groups:  # "选项:" → "选项："
            text = text.replace(f"\n{group.title}:\n", f"\n{group.title}：\n")
        return text

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{M.ERROR_PREFIX}{message}\n")
