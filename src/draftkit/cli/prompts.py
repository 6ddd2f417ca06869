"""The prompts the wizard asks through: questionary, with Chinese hints and a way back.

Ctrl-C at a prompt becomes ``Cancelled`` and the end of input ``Aborted``; ``<`` at a text
prompt, or 返回上一步 in a list, raises ``Back``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import questionary

from draftkit.cli import messages as M
from draftkit.errors import Aborted


class Cancelled(Aborted):
    """Ctrl-C at a prompt (as opposed to the input ending)."""


class Back(Exception):
    """The user asked to go back one step."""


def ask(question: questionary.Question) -> Any:
    """Ask one prompt; Ctrl-C and the end of input become ``Aborted``."""
    try:
        return question.unsafe_ask()
    except KeyboardInterrupt as exc:
        raise Cancelled(M.CANCELLED) from exc
    except EOFError as exc:
        raise Aborted(M.INPUT_ENDED, hint=M.INPUT_ENDED_HINT) from exc


def allow_back(check: Callable[[str], bool | str] | None) -> Callable[[str], bool | str]:
    def validate(text: str) -> bool | str:
        if text.strip() == M.BACK or check is None:
            return True
        return check(text)

    return validate


def text_prompt(message: str, *, default: str = "", validate: Any = None, back: bool) -> str:
    question = questionary.text(
        message,
        default=default,
        validate=allow_back(validate) if back else validate,
        instruction=M.BACK_HINT if back else None,
    )
    value = str(ask(question)).strip()
    if back and value == M.BACK:
        raise Back
    return value


def select(message: str, choices: list[Any], *, default: Any = None, back: bool = False) -> Any:
    """A select prompt with Chinese keys hint and, when ``back``, a 返回上一步 choice."""
    if back:
        choices = [*choices, questionary.Choice(M.BACK_CHOICE, value=Back)]
    value = ask(
        questionary.select(message, choices=choices, default=default, instruction=M.SELECT_HINT)
    )
    if value is Back:
        raise Back
    return value


def confirm(message: str, *, default: bool = False) -> bool:
    return bool(ask(questionary.confirm(message, default=default, instruction=M.CONFIRM_HINT)))


def path_prompt(message: str, *, default: str = "", validate: Any = None, back: bool) -> str:
    """A text prompt that completes file paths (Tab), with the same way back."""
    question = questionary.path(
        message + (M.BACK_HINT if back else ""),
        default=default,
        validate=allow_back(validate) if back else validate,
    )
    value = str(ask(question)).strip()
    if back and value == M.BACK:
        raise Back
    return value


def not_empty(limit: int) -> Callable[[str], bool | str]:
    """A check that an answer is given and at most ``limit`` characters long."""

    def check(text: str) -> bool | str:
        text = text.strip()
        if not text:
            return "不能为空"
        if len(text) > limit:
            return f"太长了（最多 {limit} 个字）"
        return True

    return check
