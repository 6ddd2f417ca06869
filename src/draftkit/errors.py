"""The one exception tree of draftkit.

Every error a user can cause or fix is a ``DraftkitError``; the library raises, the CLI shows the
message in red and exits with ``exit_code``. Context travels as keyword-only arguments so the
message can name the file, the line and the field.

    DraftkitError                 exit 1
    ├── CorpusError               a corpus file or folder cannot be read or holds no speech
    ├── BankError                 a phrase-bank file is malformed or missing
    ├── TemplateError             a template file is malformed (YAML, Jinja, role, kind, variable)
    ├── AnswersError              the answers are incomplete or out of range
    ├── ProfileError              a format profile or reference .docx cannot be used
    ├── OutputError               the output cannot be written (exists, bad suffix, no permission)
    ├── CheckFailed               ``draftkit check`` found errors (exit 1, no red line)
    └── Aborted                   the user pressed Ctrl-C at a prompt (exit 130)

    DraftkitWarning               a problem that does not stop the command (an unknown key),
                                  issued with ``warn`` through Python's ``warnings``
"""

from __future__ import annotations

import warnings
from pathlib import Path


class DraftkitError(Exception):
    """Base of every error draftkit reports to a user."""

    exit_code = 1

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        field: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.field = field
        self.hint = hint
        super().__init__(self.describe())

    def describe(self) -> str:
        """The message as a user sees it: ``file:line: field: message (hint)``."""
        where = ""
        if self.path:
            where = self.path + (f":{self.line}" if self.line else "") + ": "
        field = f"{self.field}: " if self.field else ""
        hint = f"\n  {self.hint}" if self.hint else ""
        return f"{where}{field}{self.message}{hint}"


class CorpusError(DraftkitError):
    """A corpus path cannot be read, or the corpus holds no speech."""


class BankError(DraftkitError):
    """A phrase-bank file is missing or does not match the schema."""


class TemplateError(DraftkitError):
    """A template file has a YAML, Jinja, role, kind or variable error."""


class AnswersError(DraftkitError):
    """The answers for a draft are missing, malformed or out of range."""


class LengthShort(AnswersError):
    """A length asked for that the bank cannot reach; ``reached`` is the most it gave."""

    def __init__(self, message: str, *, reached: int, hint: str | None = None) -> None:
        self.reached = reached
        super().__init__(message, field="length", hint=hint)


class ProfileError(DraftkitError):
    """A format profile or reference .docx cannot be used."""


class OutputError(DraftkitError):
    """An output file cannot be written."""


class CheckFailed(DraftkitError):
    """``draftkit check`` found errors; the report has already been shown."""


class Aborted(DraftkitError):
    """The user interrupted an interactive session."""

    exit_code = 130


class DraftkitWarning(UserWarning):
    """Something the user should fix that does not stop the command, e.g. an unknown key."""


def warn(
    message: str,
    *,
    path: str | Path | None = None,
    line: int | None = None,
    field: str | None = None,
    hint: str | None = None,
) -> None:
    """Issue a ``DraftkitWarning`` worded like an error: ``file:line: field: message``."""
    text = DraftkitError(message, path=path, line=line, field=field, hint=hint).describe()
    warnings.warn(text, DraftkitWarning, stacklevel=3)
