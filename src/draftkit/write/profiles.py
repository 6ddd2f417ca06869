"""Format profiles: the page, fonts and sizes a .docx is written with, as data.

A profile is a frozen ``Profile`` record. The default one lives in ``data/profile-gbt9704.yaml``
and follows GB/T 9704-2012 plus common practice for 讲话稿 (see docs/FORMAT.md). A user profile is a
YAML file that overrides any subset of those fields; it is merged over the default and checked
field by field, so a typo names the file, the line and the field instead of being ignored.

This module knows nothing about python-docx: ``docx_format`` turns a profile into OOXML.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from draftkit.errors import ProfileError
from draftkit.files import code_stamp, text_memo
from draftkit.resources import data_file
from draftkit.yamlfile import CheckedLoader, read_text, yaml_problem

DEFAULT_PROFILE = "profile-gbt9704.yaml"

# Chinese type sizes (字号) in points, so a profile can say ``size: 三号`` as offices do.
CHINESE_SIZES: dict[str, float] = {
    "初号": 42,
    "小初": 36,
    "一号": 26,
    "小一": 24,
    "二号": 22,
    "小二": 18,
    "三号": 16,
    "小三": 15,
    "四号": 14,
    "小四": 12,
    "五号": 10.5,
    "小五": 9,
}

ALIGNMENTS = ("left", "center", "right", "justify")
# outside: odd pages right, even pages left (GB/T 9704); inside is the mirror image.
PAGE_NUMBER_POSITIONS = ("outside", "inside", "left", "center", "right")
PAGE_PLACEHOLDER = "{page}"
_TYPE_NAMES: dict[type, str] = {bool: "true 或 false", int: "整数", float: "数字", str: "文字"}

_POSITIVE = {"positive": True}
_SIZE = {"sizes": True, "positive": True}


@dataclass(frozen=True, slots=True)
class Page:
    """Paper size, margins and header/footer distances, all in twips (1 mm ≈ 56.7 twips)."""

    width: int = field(metadata=_POSITIVE)
    height: int = field(metadata=_POSITIVE)
    top: int = field(metadata=_POSITIVE)
    bottom: int = field(metadata=_POSITIVE)
    left: int = field(metadata=_POSITIVE)
    right: int = field(metadata=_POSITIVE)
    header: int = field(metadata=_POSITIVE)
    footer: int = field(metadata=_POSITIVE)


@dataclass(frozen=True, slots=True)
class Element:
    """How one kind of paragraph looks.

    ``font`` is the Chinese face (the ``w:eastAsia`` slot); digits and Latin letters use the
    profile's ``latin_font``. ``indent`` is the first-line indent in characters.
    """

    font: str
    size: float = field(metadata=_SIZE)
    bold: bool
    align: str = field(metadata={"choices": ALIGNMENTS})
    indent: float = field(metadata={"not_negative": True})


@dataclass(frozen=True, slots=True)
class PageNumber:
    """The footer page number: face, size, side of the page, text and indent (twips)."""

    font: str
    size: float = field(metadata=_SIZE)
    position: str = field(metadata={"choices": PAGE_NUMBER_POSITIONS})
    format: str = field(metadata={"placeholder": True})
    indent: int = field(metadata={"not_negative": True})


@dataclass(frozen=True, slots=True)
class Profile:
    """Everything ``write_docx`` needs to lay out a speech.

    ``line_spacing`` is the exact line pitch of every text paragraph in twips (579 gives 22
    lines in the 225 mm type area); ``char_spacing`` is run tracking in twentieths of a point
    (-5 fits 28 三号 characters on a 156 mm line).
    """

    page: Page
    latin_font: str
    line_spacing: int = field(metadata=_POSITIVE)
    char_spacing: int
    title: Element
    subtitle: Element
    byline: Element
    salutation: Element
    body: Element
    heading1: Element
    heading2: Element
    heading3: Element
    closing: Element
    page_number: PageNumber
    source: str = field(default="", metadata={"internal": True})

    def element(self, kind: str) -> Element:
        """The ``Element`` for a block kind or front-matter part (``paragraph`` is body)."""
        name = "body" if kind == "paragraph" else kind
        value = getattr(self, name, None)
        if not isinstance(value, Element):
            raise ProfileError(f"版式中没有“{kind}”这类段落的格式", field=kind)
        return value


def load_profile(path: Path | None = None) -> Profile:
    """The default GB/T 9704 profile, or a user file's fields merged over it.

    Raises ``ProfileError`` naming the file, line and field for unreadable YAML, unknown
    fields, wrong types and values out of range.
    """
    if path is None:
        return _default_profile()
    merged = _default_values()
    path = Path(path)
    _merge(merged, _read_checked(path, require_all=False))
    return _build(Profile, merged, str(path))


@functools.cache
def _default_profile() -> Profile:
    return _build(Profile, _default_values(), str(data_file(DEFAULT_PROFILE)))


def _default_values() -> dict[str, Any]:
    # A fresh copy each time: merging edits the nested dicts in place.
    return copy.deepcopy(_default_values_cached())


@functools.cache
def _default_values_cached() -> dict[str, Any]:
    path = data_file(DEFAULT_PROFILE)
    text, _ = read_text(path, error=ProfileError)
    return text_memo(  # type: ignore[no-any-return]
        "profile",
        text,
        lambda: _read_checked(path, require_all=True),
        stamp=code_stamp(__file__),
    )


def _read_checked(path: Path, *, require_all: bool) -> dict[str, Any]:
    text, _ = read_text(path, error=ProfileError)
    # The checked loader bounds nesting and refuses an alias that contains itself.
    loader = CheckedLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            values: dict[str, Any] = {}
        else:
            values = _check_node(Profile, node, loader, path, prefix="")
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        message = f"YAML 语法错误：{yaml_problem(exc.problem)}"
        raise ProfileError(message, path=path, line=line) from None
    except yaml.YAMLError as exc:  # a bound of the checked loader
        line = getattr(exc, "line", None)
        raise ProfileError(f"YAML 被拒绝：{exc}", path=path, line=line) from None
    finally:
        loader.dispose()
    if require_all:
        missing = _missing(Profile, values, prefix="")
        if missing:
            raise ProfileError("版式文件缺少这一项", path=path, field=missing[0])
    return values


def _check_node(
    cls: type, node: yaml.Node, loader: yaml.SafeLoader, path: Path, *, prefix: str
) -> dict[str, Any]:
    """Check one mapping node against a dataclass; returns plain values keyed by field."""
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode):
        raise ProfileError("应为各项的映射", path=path, line=line, field=prefix.rstrip(".") or None)
    fields = {f.name: f for f in dataclasses.fields(cls) if not f.metadata.get("internal")}
    hints = typing.get_type_hints(cls)
    values: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        name = f"{prefix}{key}"
        key_line = key_node.start_mark.line + 1
        if key not in fields:
            known = "、".join(sorted(fields))
            raise ProfileError(
                "未知的项", path=path, line=key_line, field=name, hint=f"可用的项：{known}"
            )
        kind = hints[key]
        if _is_record(kind):
            values[key] = _check_node(kind, value_node, loader, path, prefix=f"{name}.")
            continue
        if not isinstance(value_node, yaml.ScalarNode):
            raise ProfileError(
                f"应为单个{_TYPE_NAMES.get(kind, '值')}", path=path, line=key_line, field=name
            )
        raw = loader.construct_object(value_node, deep=True)
        values[key] = _convert(raw, kind, fields[key].metadata, path=path, line=key_line, name=name)
    return values


def _convert(
    raw: object, kind: type, meta: typing.Mapping[str, Any], *, path: Path, line: int, name: str
) -> object:
    def fail(message: str) -> ProfileError:
        return ProfileError(message, path=path, line=line, field=name)

    if meta.get("sizes") and isinstance(raw, str):
        if raw not in CHINESE_SIZES:
            raise fail(f"没有“{raw}”这个字号；请写磅数，或用 {'、'.join(CHINESE_SIZES)}")
        raw = CHINESE_SIZES[raw]
    # YAML booleans are ints in Python; a size of ``true`` is a typo, not 1 pt.
    if kind is bool:
        if not isinstance(raw, bool):
            raise fail(f"应为 true 或 false，而不是 {raw!r}")
        return raw
    if kind is int:
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise fail(f"应为整数，而不是 {raw!r}")
        value: object = raw
    elif kind is float:
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            raise fail(f"应为数字，而不是 {raw!r}")
        value = float(raw)
    elif kind is str:
        if not isinstance(raw, str) or not raw.strip():
            raise fail(f"应为文字，而不是 {raw!r}")
        value = raw
    else:  # pragma: no cover - every field type is listed above
        raise fail(f"不支持的类型 {kind!r}")
    choices = meta.get("choices")
    if choices and value not in choices:
        raise fail(f"应为 {'、'.join(choices)} 之一，而不是 {raw!r}")
    if meta.get("placeholder") and str(value).count(PAGE_PLACEHOLDER) != 1:
        raise fail(f"须含一个且只含一个 {PAGE_PLACEHOLDER}，例如“— {PAGE_PLACEHOLDER} —”")
    if meta.get("positive") and value <= 0:  # type: ignore[operator]
        raise fail(f"应大于 0，而不是 {raw!r}")
    if meta.get("not_negative") and value < 0:  # type: ignore[operator]
        raise fail(f"不能为负数：{raw!r}")
    return value


def _missing(cls: type, values: dict[str, Any], *, prefix: str) -> list[str]:
    hints = typing.get_type_hints(cls)
    missing: list[str] = []
    for f in dataclasses.fields(cls):
        if f.metadata.get("internal"):
            continue
        if f.name not in values:
            missing.append(prefix + f.name)
        elif _is_record(hints[f.name]):
            missing += _missing(hints[f.name], values[f.name], prefix=f"{prefix}{f.name}.")
    return missing


def _is_record(kind: object) -> bool:
    """Whether a field holds a nested record (``Page``, ``Element`` …) rather than a value."""
    return isinstance(kind, type) and dataclasses.is_dataclass(kind)


def _merge(base: dict[str, Any], override: dict[str, Any]) -> None:
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = value


def _build(cls: type, values: dict[str, Any], source: str) -> Any:
    hints = typing.get_type_hints(cls)
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.metadata.get("internal"):
            continue
        kind = hints[f.name]
        value = values[f.name]
        kwargs[f.name] = _build(kind, value, source) if _is_record(kind) else value
    if cls is Profile:
        kwargs["source"] = source
    return cls(**kwargs)
