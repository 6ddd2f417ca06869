"""The answers that make a draft: read, checked, given defaults, saved for replay.

One YAML mapping with ``occasion``, ``topic``, ``audience``, ``org``, ``speaker``, ``meeting``,
``date`` (YYYY-MM-DD), ``length``, ``seed``; ``headings`` holds heading choices made in the
wizard (``"2"`` for the second level-1 heading, ``"2.1"`` for its first sub-point) and
``reseed`` per-section seeds for "regenerate this section"; ``material`` lists the user's own
material files (a work summary, a plan, a superior's notice) whose points and facts the draft
uses first. Anything else is passed to the template as an extra variable.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from draftkit.errors import AnswersError, warn
from draftkit.files import write_atomic
from draftkit.yamlfile import Loaded, load_yaml

LENGTH_RANGE = (500, 20000)
TOPIC_MAX = 40
DEFAULT_SEED = 1
_KNOWN = ("occasion", "topic", "audience", "org", "speaker", "meeting", "date", "length", "seed")
_LISTS = ("headings", "reseed", "material")
# Several material files in one answer are separated by a semicolon or a new line.
_MATERIAL_SEPARATOR = re.compile(r"[；;\n]+")
_EXTRAS = ("terms",)  # read by compose beside the template's own variables
# Names and places in a Word file's properties are limited to 255 characters; no office is
# called anything near this long.
TEXT_MAX = 100
MAX_FILE_BYTES = 1_000_000
_SURROGATE = re.compile(r"[\ud800-\udfff]")


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
    material: tuple[str, ...] = ()

    def with_heading(self, key: str, text: str) -> Answers:
        return replace(self, headings={**self.headings, key: text})

    def with_reseed(self, key: str, seed: int) -> Answers:
        return replace(self, reseed={**self.reseed, key: seed})

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["date"] = self.date.isoformat()
        extra = data.pop("extra")
        data["material"] = list(self.material)
        for key in ("headings", "reseed", "material"):
            if not data[key]:
                data.pop(key)
        return {**data, **extra}


def make_answers(raw: dict[str, Any], *, source: str | None = None) -> Answers:
    """Check raw answers (from a file, flags or the wizard) and fill in defaults.

    Each known key has a type; a wrong one is an ``AnswersError`` naming the key. A key draftkit
    does not know is kept for the template (which may define a variable of that name) and
    reported with ``warn``, so a typo such as ``speeker`` is not silently lost.
    """
    return _Reader(raw, source, None).answers()


class _Reader:
    """Checks one mapping of answers; ``loaded`` (when read from a file) gives line numbers."""

    def __init__(self, raw: dict[str, Any], source: str | None, loaded: Loaded | None) -> None:
        self.raw = raw
        self.source = source
        self.loaded = loaded

    def fail(self, name: str, message: str, hint: str | None = None) -> AnswersError:
        line = self.loaded.line(name) if self.loaded else None
        return AnswersError(message, path=self.source, line=line, field=name, hint=hint)

    def text(self, name: str, limit: int = TEXT_MAX) -> str:
        value = self.raw.get(name)
        if value is None:
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float | dt.date):
            raise self.fail(name, f"应为一段文字，而不是{_kind(value)}")
        text = (value.isoformat() if isinstance(value, dt.date) else str(value)).strip()
        if _SURROGATE.search(text):
            raise self.fail(name, "含有无效的 Unicode 代理字符")
        if len(text) > limit:
            raise self.fail(name, f"过长（{len(text)} 个字，最多 {limit} 个）")
        return text

    def integer(self, name: str, value: Any) -> int:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, str) and value.strip().lstrip("+-").isdigit():
            value = int(value.strip())
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(name, f"应为整数，而不是{_kind(value)}")
        if abs(value) > 2**63:
            raise self.fail(name, f"数值过大：{value}")
        return value

    def mapping(self, name: str) -> dict[Any, Any]:
        value = self.raw.get(name)
        if value in (None, ""):
            return {}
        if not isinstance(value, dict):
            raise self.fail(name, f"应为“键: 值”的映射，而不是{_kind(value)}")
        return value

    def answers(self) -> Answers:
        unknown = [key for key in self.raw if key not in _KNOWN + _LISTS + _EXTRAS]
        for key in unknown:
            close = difflib.get_close_matches(str(key), _KNOWN + _LISTS, n=1)
            hint = f"是否想写 {close[0]}？" if close else None
            line = self.loaded.line(str(key)) if self.loaded else None
            message = f"未知的键 '{key}'：只有模板定义了同名变量时才会用到"
            warn(message, path=self.source, line=line, field=str(key), hint=hint)
        occasion = self.text("occasion")
        if not occasion:
            hint = "用 `draftkit templates list` 查看可选的场合"
            raise self.fail("occasion", "缺少场合（occasion）", hint)
        topic = self.text("topic", limit=10_000)
        if not topic:
            raise self.fail("topic", "主题（topic）为空", "写出讲话的主题，如 安全生产")
        if len(topic) > TOPIC_MAX:
            raise self.fail("topic", f"主题过长（{len(topic)} 个字，最多 {TOPIC_MAX} 个）")
        headings = {}
        for key, value in self.mapping("headings").items():
            if not isinstance(value, str | int | float) or isinstance(value, bool):
                raise self.fail(f"headings.{key}", f"应为一段文字，而不是{_kind(value)}")
            headings[str(key)] = str(value)
        reseed = {
            str(key): self.integer(f"reseed.{key}", value)
            for key, value in self.mapping("reseed").items()
        }
        extra = {}
        for key in self.raw:
            if key not in _KNOWN + _LISTS:
                extra[str(key)] = self.text(key)
        return Answers(
            occasion=occasion,
            topic=topic,
            audience=self.text("audience"),
            org=self.text("org"),
            speaker=self.text("speaker"),
            meeting=self.text("meeting"),
            date=self.date(),
            length=self.length(),
            seed=self.integer("seed", self.raw.get("seed", DEFAULT_SEED)),
            headings=headings,
            reseed=reseed,
            extra=extra,
            material=self.material(),
        )

    def material(self) -> tuple[str, ...]:
        """The material files, as written; relative ones are found beside the answers file."""
        value = self.raw.get("material")
        if value in (None, ""):
            return ()
        items = value if isinstance(value, list) else [value]
        paths: list[str] = []
        for item in items:
            if not isinstance(item, str):
                raise self.fail("material", f"应为文件路径，而不是{_kind(item)}")
            paths += material_paths(item)
        if self.source:
            paths = [_beside(p, Path(self.source).parent) for p in paths]
        return tuple(dict.fromkeys(paths))

    def date(self) -> dt.date:
        value = self.raw.get("date")
        try:
            return parse_date(value)
        except AnswersError as exc:
            raise self.fail("date", exc.message, exc.hint) from None

    def length(self) -> int:
        value = self.raw.get("length")
        if value in (None, "", 0):
            return 0
        length = self.integer("length", value)
        low, high = LENGTH_RANGE
        if not low <= length <= high:
            raise self.fail("length", f"字数 {length} 超出范围（{low}–{high} 字）")
        return length


_DATE_FORMS = re.compile(r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})\s*日?")


def parse_date(value: Any) -> dt.date:
    """A date from YAML or a flag; nothing means today.

    Accepted: ``2026-11-25``, ``2026/11/25``, ``2026.11.25`` and ``2026年11月25日``.
    """
    if value in (None, ""):
        return dt.date.today()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    match = _DATE_FORMS.fullmatch(text)
    hint = "日期写作 2026-11-25 或 2026年11月25日"
    if not match:
        raise AnswersError(f"“{text[:40]}”不是日期", field="date", hint=hint)
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        message = f"“{text[:40]}”不是有效的日期（没有这一天）"
        raise AnswersError(message, field="date", hint=hint) from None


def material_paths(text: str) -> list[str]:
    """The material files one answer names: separated by a semicolon or a new line."""
    return [p.strip() for p in _MATERIAL_SEPARATOR.split(text) if p.strip()]


def _beside(path: str, folder: Path) -> str:
    """A relative path that names no file here but one beside the answers file, as that one."""
    if Path(path).is_absolute() or Path(path).exists() or not (folder / path).exists():
        return path
    return str(folder / path)


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "是/否"
    if isinstance(value, dict):
        return "映射"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, float):
        if math.isnan(value):
            return "非数值"
        return f"小数 {value}" if math.isfinite(value) else "无穷大"
    return f"“{str(value)[:20]}”" if value is not None else "空值"


def load_answers(path: Path) -> Answers:
    """Read an answers file (UTF-8, UTF-16 or GBK), checked against the answers schema."""
    loaded = load_yaml(Path(path), error=AnswersError, max_bytes=MAX_FILE_BYTES)
    if not isinstance(loaded.data, dict):
        message = "答案文件应为“键: 值”的 YAML 映射"
        raise AnswersError(message, path=path, line=1, hint="例如：topic: 安全生产")
    return _Reader(loaded.data, str(path), loaded).answers()


def save_answers(answers: Answers, path: Path) -> None:
    """Write the answers atomically, in a stable order, for ``draftkit build``."""
    text = "# draftkit answers: `draftkit build THIS_FILE -o OUT` rebuilds the same draft.\n"
    text += yaml.safe_dump(answers.to_dict(), allow_unicode=True, sort_keys=False)
    write_atomic(Path(path), text)
