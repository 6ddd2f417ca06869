"""The answers that make a draft: read, checked, given defaults, saved for replay.

One YAML mapping with ``occasion``, ``topic``, ``audience``, ``org``, ``speaker``, ``meeting``,
``date`` (YYYY-MM-DD), ``length``, ``seed``; ``headings`` holds heading choices made in the
wizard (``"2"`` for the second level-1 heading, ``"2.1"`` for its first sub-point) and
``reseed`` per-section seeds for "regenerate this section". Anything else is passed to the
template as an extra variable.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from draftkit.errors import AnswersError
from draftkit.files import write_atomic

LENGTH_RANGE = (500, 20000)
TOPIC_MAX = 40
DEFAULT_SEED = 1
_KNOWN = ("occasion", "topic", "audience", "org", "speaker", "meeting", "date", "length", "seed")


@dataclass(frozen=True)
class Answers:
    """Everything that decides a draft; saved beside it so ``draftkit build`` can replay it."""

    occasion: str
    topic: str
    audience: str = ""
    org: str = ""
    speaker: str = ""
    meeting: str = ""
    date: dt.date = field(default_factory=dt.date.today)
    length: int = 0  # 0: the template's default
    seed: int = DEFAULT_SEED
    headings: dict[str, str] = field(default_factory=dict)
    reseed: dict[str, int] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)

    def with_heading(self, key: str, text: str) -> Answers:
        return replace(self, headings={**self.headings, key: text})

    def with_reseed(self, key: str, seed: int) -> Answers:
        return replace(self, reseed={**self.reseed, key: seed})

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["date"] = self.date.isoformat()
        extra = data.pop("extra")
        for key in ("headings", "reseed"):
            if not data[key]:
                data.pop(key)
        return {**data, **extra}


def make_answers(raw: dict[str, Any], *, source: str | None = None) -> Answers:
    """Check raw answers (from a file, flags or the wizard) and fill in defaults."""
    occasion = str(raw.get("occasion") or "").strip()
    if not occasion:
        raise AnswersError(
            "occasion is missing",
            path=source,
            field="occasion",
            hint="see `draftkit templates list` for the occasions",
        )
    topic = str(raw.get("topic") or "").strip()
    if not topic:
        raise AnswersError(
            "topic is empty",
            path=source,
            field="topic",
            hint="give the subject of the speech, e.g. 安全生产",
        )
    if len(topic) > TOPIC_MAX:
        raise AnswersError(
            f"topic is too long ({len(topic)} characters, at most {TOPIC_MAX})",
            path=source,
            field="topic",
        )
    return Answers(
        occasion=occasion,
        topic=topic,
        audience=str(raw.get("audience") or "").strip(),
        org=str(raw.get("org") or "").strip(),
        speaker=str(raw.get("speaker") or "").strip(),
        meeting=str(raw.get("meeting") or "").strip(),
        date=_date(raw.get("date"), source),
        length=_length(raw.get("length"), source),
        seed=_int(raw.get("seed", DEFAULT_SEED), "seed", source),
        headings={str(k): str(v) for k, v in (raw.get("headings") or {}).items()},
        reseed={str(k): _int(v, "reseed", source) for k, v in (raw.get("reseed") or {}).items()},
        extra={str(k): str(v) for k, v in raw.items() if k not in _KNOWN + ("headings", "reseed")},
    )


def _date(value: Any, source: str | None) -> dt.date:
    if value in (None, ""):
        return dt.date.today()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError as exc:
        raise AnswersError(
            f"date {value!r} is not a date in the form YYYY-MM-DD", path=source, field="date"
        ) from exc


def _int(value: Any, name: str, source: str | None) -> int:
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise AnswersError(
            f"{name} must be a whole number, got {value!r}", path=source, field=name
        ) from exc


def _length(value: Any, source: str | None) -> int:
    if value in (None, "", 0):
        return 0
    length = _int(value, "length", source)
    low, high = LENGTH_RANGE
    if not low <= length <= high:
        raise AnswersError(
            f"length {length} is out of range ({low}–{high} Chinese characters)",
            path=source,
            field="length",
        )
    return length


def load_answers(path: Path) -> Answers:
    """Read an answers file."""
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise AnswersError("answers file not found", path=path) from exc
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise AnswersError(f"YAML error: {exc.problem}", path=path, line=line) from exc
    if not isinstance(raw, dict):
        raise AnswersError("answers must be a YAML mapping of keys to values", path=path)
    return make_answers(raw, source=str(path))


def save_answers(answers: Answers, path: Path) -> None:
    """Write the answers atomically, in a stable order, for ``draftkit build``."""
    text = "# draftkit answers: `draftkit build THIS_FILE -o OUT` rebuilds the same draft.\n"
    text += yaml.safe_dump(answers.to_dict(), allow_unicode=True, sort_keys=False)
    write_atomic(Path(path), text)
