"""The phrase bank on disk (YAML, one file per kind) and in memory.

Layout of a bank directory::

    index.yaml        schema_version, what was mined (files, speeches, flags, topics), source names
    heading1.yaml     one file per kind: schema_version, kind, entries sorted by role then text
    ...

The same corpus gives byte-identical files. Hand-edited files are validated on load; an error
names the file, the line and the field. ``write_bank`` writes into a fresh directory beside the
target and swaps it in, so a killed run leaves the previous bank intact.
"""

from __future__ import annotations

import re
import shutil
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from functools import cache
from pathlib import Path
from typing import IO, Any

import yaml

from draftkit import models, yamlfile
from draftkit.bank.cache import CacheSpec, cached
from draftkit.errors import BankError, warn
from draftkit.files import staging_dir, swap_in_directory
from draftkit.models import KINDS, ROLES, Entry, Origin, entry_id
from draftkit.resources import bundled_dir, data_file
from draftkit.yamlfile import Loaded, load_yaml

SCHEMA_VERSION = 1

# libyaml's emitter is several times faster on a large bank.
_Dumper: type = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

_HEADER = """\
# draftkit phrase bank: {kind} entries, mined by `draftkit mine`.
# Each entry: id (stable), role, text (Jinja slots such as {{{{ topic }}}}), count (times seen),
# doc_freq (speeches it appears in), keywords (topic words it carries), slots, specific (true:
# still names one source, never reused as is) and origins (file, speech title, paragraph).
# You may edit or delete entries; `draftkit bank stats` checks the files.
"""


@dataclass
class Bank:
    """Entries by kind, with the corpus summary and the source names found while mining."""

    entries: list[Entry]
    summary: dict[str, Any] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)
    path: Path | None = None
    core: list[Entry] = field(default_factory=list)
    _by_kind: dict[tuple[str, str | None], list[Entry]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        index: dict[tuple[str, str | None], list[Entry]] = defaultdict(list)
        for entry in [*self.entries, *self.core]:
            index[(entry.kind, None)].append(entry)
            index[(entry.kind, entry.role)].append(entry)
        self._by_kind = dict(index)

    def of(self, kind: str, role: str | None = None, *, reusable: bool = True) -> list[Entry]:
        """Entries of one kind (and role); ``reusable`` leaves out source-specific ones."""
        found = self._by_kind.get((kind, role), [])
        return [e for e in found if not e.specific] if reusable else list(found)

    def search(self, word: str, role: str | None = None) -> list[Entry]:
        return [e for e in self.entries if word in e.text and (role is None or e.role == role)]

    def topics(self) -> list[str]:
        return sorted({s["topic"] for s in self.summary.get("speeches", []) if s.get("topic")})


# --- writing ------------------------------------------------------------------------------------


def _entry_dict(entry: Entry) -> dict[str, Any]:
    data: dict[str, Any] = {"id": entry.id, "role": entry.role, "text": entry.text}
    if entry.kind == "point":  # what only a point has comes right after its lead
        data.update(
            body=list(entry.body),
            paragraphs=list(entry.paragraphs),
            themes=list(entry.themes),
            subjects=list(entry.subjects),
            year=entry.year,
            register=entry.register,
        )
    return {
        **data,
        "count": entry.count,
        "doc_freq": entry.doc_freq,
        "keywords": list(entry.keywords),
        "slots": list(entry.slots),
        "specific": entry.specific,
        "origins": [
            {"file": o.file, "title": o.title, "paragraph": o.paragraph} for o in entry.origins
        ],
    }


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)


def render_bank(bank: Bank) -> dict[str, str]:
    """File name → YAML text for a bank; the same bank always gives the same text."""
    files = {
        "index.yaml": "# draftkit phrase bank index: what was mined and the source names found.\n"
        + _dump(
            {"schema_version": SCHEMA_VERSION, "summary": bank.summary, "names": sorted(bank.names)}
        )
    }
    for kind in KINDS:
        entries = sorted(
            (e for e in bank.entries if e.kind == kind), key=lambda e: (e.role, e.text, e.id)
        )
        body = {
            "schema_version": SCHEMA_VERSION,
            "kind": kind,
            "entries": [_entry_dict(e) for e in entries],
        }
        files[f"{kind}.yaml"] = _HEADER.format(kind=kind) + _dump(body)
    return files


def write_bank(
    bank: Bank, target: Path, *, extra: dict[str, bytes | IO[bytes]] | None = None
) -> None:
    """Write the bank to ``target`` atomically: build a sibling directory, then swap it in.

    ``extra`` holds further files for the same directory (the 查重 index), written in the same
    swap so the bank and its index never disagree; a file's content is bytes, or an open binary
    file copied from its start (an index as large as the corpus need not be read into memory).
    The path holds the old bank or the new one at every instant; staging folders left by killed
    runs are removed, and files of the user's in the old folder are kept.
    """
    target = Path(target)
    if target.is_symlink():  # write into the folder the link points to; the link stays
        target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = staging_dir(target)
    try:
        files = {n: t.encode("utf-8") for n, t in render_bank(bank).items()} | (extra or {})
        for name, data in files.items():
            if isinstance(data, bytes):
                (staging / name).write_bytes(data)
                continue
            data.seek(0)
            with open(staging / name, "wb") as out:
                shutil.copyfileobj(data, out)
        # Every name a bank may hold is the bank's to replace or drop; anything else is the user's.
        derived = [p.name for p in target.glob("*.json.gz")] if target.is_dir() else []
        kinds = [f"{kind}.yaml" for kind in KINDS]
        swap_in_directory(staging, target, owned=[*files, *kinds, *derived])
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


# --- loading and validation ---------------------------------------------------------------------

# Every field of an entry and the type it must have; the schema users edit against.
_FIELDS: dict[str, type | tuple[type, ...]] = {
    "id": str,
    "role": str,
    "text": str,
    "count": int,
    "doc_freq": int,
    "keywords": list,
    "slots": list,
    "specific": bool,
    "origins": list,
}
_LISTS_OF_TEXT = ("keywords", "slots")
_POINT_FIELDS = ("body", "paragraphs", "themes", "subjects", "year", "register")
_ORIGIN_FIELDS: dict[str, type] = {"file": str, "title": str, "paragraph": int}
_KIND_KEYS = ("schema_version", "kind", "entries")
_INDEX_KEYS = ("schema_version", "summary", "names")
_SPEECH_TEXTS = ("file", "title", "topic")
# A bank entry fills in slots and nothing else: {{ topic }} or {{ fill('地名') }}. Anything more
# (a filter, a loop, arithmetic) would fail or run only when a draft is composed, far from here.
_SLOT = re.compile(r"\{\{\s*(?:[A-Za-z_]\w*|fill\(\s*'[^'{}]*'\s*\))\s*\}\}")
_JINJA_MARK = re.compile(r"\{[{%#]|[}%#]\}")
# The bundled bank (20,000 entries) is 8 MB; 100,000 entries take ~30 MB and ~1.7 GB to load.
MAX_FILE_BYTES = 64_000_000


def default_bank_dir() -> Path:
    return bundled_dir("phrasebank")


def load_bank(directory: Path | None = None) -> Bank:
    """Load and validate a bank directory (default: the bundled bank).

    Every file is checked against the schema: a wrong type, a negative count, an unknown role or
    a text with more than slots is a ``BankError`` naming the file, the line and the field; an
    unknown key is a ``DraftkitWarning``.
    """
    directory = Path(directory) if directory else default_bank_dir()
    index_path = directory / "index.yaml"
    if not index_path.is_file():
        raise BankError(
            "这不是一个词库（缺少 index.yaml）",
            path=directory,
            hint="用 draftkit mine 讲话稿文件夹 -o 词库文件夹 生成词库",
        )
    files = [index_path, *(directory / f"{kind}.yaml" for kind in KINDS)]
    entries, summary, names = cached(_CACHE, directory, files, lambda: _load_files(directory))
    return Bank(entries, summary, names, directory, load_core_phrases())


def _load_files(directory: Path) -> tuple[list[Entry], dict[str, Any], list[str]]:
    """The entries, summary and source names of a bank's YAML files, validated."""
    summary, names = _check_index(_load(directory / "index.yaml"))
    entries: list[Entry] = []
    for kind in KINDS:
        path = directory / f"{kind}.yaml"
        if path.is_file():
            entries.extend(_load_kind(path, kind))
    return entries, summary, names


# The cache holds each entry as a tuple of its fields in declaration order, origins as tuples.
_ENTRY_FIELDS = tuple(f.name for f in fields(Entry))
_ORIGINS_AT = _ENTRY_FIELDS.index("origins")


def _encode(loaded: tuple[list[Entry], dict[str, Any], list[str]]) -> Any:
    entries, summary, names = loaded
    rows = []
    for entry in entries:
        row = [getattr(entry, name) for name in _ENTRY_FIELDS]
        row[_ORIGINS_AT] = tuple((o.file, o.title, o.paragraph) for o in entry.origins)
        rows.append(tuple(row))
    return rows, summary, names


def _decode(stored: Any) -> tuple[list[Entry], dict[str, Any], list[str]]:
    rows, summary, names = stored
    if not isinstance(summary, dict) or not isinstance(names, list):
        raise TypeError("bank cache layout")
    entries = []
    for row in rows:
        values = list(row)
        values[_ORIGINS_AT] = tuple(Origin(*o) for o in values[_ORIGINS_AT])
        entries.append(Entry(*values))
    return entries, summary, names


_CACHE = CacheSpec(
    "bank",
    (SCHEMA_VERSION, _ENTRY_FIELDS),
    _encode,
    _decode,
    code=(__file__, models.__file__, yamlfile.__file__),
    warns=True,  # an unknown key in a hand-edited file
)


CORE_SOURCE = "draftkit"
CORE_TITLE = "draftkit 基础语料"


@cache
def _core_phrases() -> tuple[Entry, ...]:
    path = data_file("core_phrases.yaml")
    loaded = _load(path)
    _check_version(loaded)
    out = []
    for n, raw in enumerate(_list(loaded, "entries")):
        where = f"entries[{n}]"
        if (
            not isinstance(raw, dict)
            or raw.get("kind") not in KINDS
            or raw.get("role") not in ROLES
        ):
            raise _fail(loaded, where, "每个词条都要有已知的 kind 和 role")
        text = raw.get("text")
        if not isinstance(text, str) or not text.strip():
            raise _fail(loaded, f"{where}.text", "词条文字是空的")
        _check_text(loaded, f"{where}.text", text)
        kind, role = raw["kind"], raw["role"]
        slots = tuple(sorted(set(re.findall(r"\{\{\s*(\w+)", text))))
        out.append(
            Entry(
                entry_id(kind, role, text),
                kind,
                role,
                text,
                1,
                2,
                (),
                slots,
                False,
                (Origin(CORE_SOURCE, CORE_TITLE, n),),
            )
        )
    return tuple(out)


def load_core_phrases() -> list[Entry]:
    """Our own topic-neutral wording (``data/core_phrases.yaml``), beside every bank."""
    return list(_core_phrases())


def _load(path: Path) -> Loaded:
    return load_yaml(path, error=BankError, max_bytes=MAX_FILE_BYTES, fast=True, items="entries")


def _fail(loaded: Loaded, where: str, message: str, hint: str | None = None) -> BankError:
    """An error naming the file, the line of ``where`` and ``where`` itself."""
    return BankError(message, path=loaded.path, line=loaded.line(where), field=where, hint=hint)


def _list(loaded: Loaded, key: str) -> list[Any]:
    value = loaded.data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise _fail(loaded, key, f"应为列表，而不是{_kind(value)}")
    return value


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "是/否"
    names = {dict: "映射", list: "列表", str: "文字", int: "整数", float: "小数"}
    return names.get(type(value), "空值" if value is None else type(value).__name__)


def _unknown_keys(loaded: Loaded, data: dict[Any, Any], known: tuple[str, ...], where: str) -> None:
    for key in data:
        if key not in known:
            name = f"{where}.{key}" if where else str(key)
            message = f"未知的键 '{key}'，已忽略"
            warn(message, path=loaded.path, line=loaded.line(name), field=name)


def _check_version(loaded: Loaded) -> None:
    data = loaded.data
    if not isinstance(data, dict):
        raise BankError(f"应为映射，而不是{_kind(data)}", path=loaded.path, line=1)
    version = data.get("schema_version")
    if type(version) is not int or version != SCHEMA_VERSION:
        raise BankError(
            f"应为 {SCHEMA_VERSION}（词库格式的版本）",
            path=loaded.path,
            line=loaded.line("schema_version") or 1,
            field="schema_version",
            hint="用当前版本的 draftkit mine 重新生成词库",
        )


def _check_index(loaded: Loaded) -> tuple[dict[str, Any], list[str]]:
    """The summary and source names of ``index.yaml``, checked against their schema."""
    _check_version(loaded)
    _unknown_keys(loaded, loaded.data, _INDEX_KEYS, "")
    names = _list(loaded, "names")
    for n, name in enumerate(names):
        if not isinstance(name, str):
            raise _fail(loaded, f"names[{n}]", f"应为文字，而不是{_kind(name)}")
    summary = loaded.data.get("summary") or {}
    if not isinstance(summary, dict):
        raise _fail(loaded, "summary", f"应为映射，而不是{_kind(summary)}")
    speeches = summary.get("speeches") or []
    if not isinstance(speeches, list):
        raise _fail(loaded, "summary.speeches", f"应为列表，而不是{_kind(speeches)}")
    for n, speech in enumerate(speeches):
        where = f"summary.speeches[{n}]"
        if not isinstance(speech, dict):
            raise _fail(loaded, where, f"应为映射，而不是{_kind(speech)}")
        for key in _SPEECH_TEXTS:
            if not isinstance(speech.get(key, ""), str):
                raise _fail(loaded, f"{where}.{key}", f"应为文字，而不是{_kind(speech[key])}")
        speech.setdefault("file", "")
        speech.setdefault("title", "")
    return summary, names


def _load_kind(path: Path, kind: str) -> Iterable[Entry]:
    loaded = _load(path)
    _check_version(loaded)
    _unknown_keys(loaded, loaded.data, _KIND_KEYS, "")
    if loaded.data.get("kind") != kind:
        raise _fail(loaded, "kind", f"应为 {kind}（与文件名一致）")
    return [_entry(raw, kind, loaded, n) for n, raw in enumerate(_list(loaded, "entries"))]


def _check_text(loaded: Loaded, where: str, text: str) -> None:
    if _JINJA_MARK.search(_SLOT.sub("", text)):
        raise _fail(
            loaded,
            where,
            "词条文字只能含 {{ topic }} 或 {{ fill('地名') }} 这样的空位",
            hint="删去其他 {{ }}、{% %} 或 {# #} 标记",
        )


def _entry(raw: Any, kind: str, loaded: Loaded, n: int) -> Entry:
    where = f"entries[{n}]"
    if not isinstance(raw, dict):
        raise _fail(loaded, where, f"词条应为映射，而不是{_kind(raw)}")
    for name, expected in _FIELDS.items():
        if name not in raw:
            raise _fail(loaded, f"{where}.{name}", "缺少这一项")
        value = raw[name]
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise _fail(loaded, f"{where}.{name}", f"应为{_kind(expected())}，而不是{_kind(value)}")
    known = tuple(_FIELDS) + (_POINT_FIELDS if kind == "point" else ())
    if len(raw) > len(known):
        _unknown_keys(loaded, raw, known, where)
    for name in ("count", "doc_freq"):
        if raw[name] < 0:
            raise _fail(loaded, f"{where}.{name}", f"不能为负数：{raw[name]}")
    for name in _LISTS_OF_TEXT:
        for i, item in enumerate(raw[name]):
            if not isinstance(item, str):
                raise _fail(loaded, f"{where}.{name}[{i}]", f"应为文字，而不是{_kind(item)}")
    if raw["role"] not in ROLES:
        raise _fail(
            loaded, f"{where}.role", f"没有“{raw['role']}”这个角色（可选：{'、'.join(ROLES)}）"
        )
    if not raw["text"].strip():
        raise _fail(loaded, f"{where}.text", "词条文字是空的")
    _check_text(loaded, f"{where}.text", raw["text"])
    origins = []
    for i, origin in enumerate(raw["origins"]):
        spot = f"{where}.origins[{i}]"
        if not isinstance(origin, dict) or any(
            type(origin.get(key)) is not expected for key, expected in _ORIGIN_FIELDS.items()
        ):
            hint = "file 和 title 为文字，paragraph 为整数"
            raise _fail(loaded, spot, "每个出处都要有 file、title 和 paragraph", hint)
        origins.append(Origin(origin["file"], origin["title"], origin["paragraph"]))
    point = _point_fields(raw, loaded, where) if kind == "point" else {}
    return Entry(
        id=raw["id"],
        kind=kind,
        role=raw["role"],
        text=raw["text"],
        count=raw["count"],
        doc_freq=raw["doc_freq"],
        keywords=tuple(raw["keywords"]),
        slots=tuple(raw["slots"]),
        specific=raw["specific"],
        origins=tuple(origins),
        **point,
    )


def _point_fields(raw: dict[str, Any], loaded: Loaded, where: str) -> dict[str, Any]:
    """The fields only a point has: body and paragraphs side by side, themes, year, register."""
    body, paragraphs = raw.get("body"), raw.get("paragraphs")
    if not isinstance(body, list) or not all(isinstance(s, str) and s for s in body):
        raise _fail(loaded, f"{where}.body", "应为句子的列表")
    for i, sentence in enumerate(body):
        _check_text(loaded, f"{where}.body[{i}]", sentence)
    if (
        not isinstance(paragraphs, list)
        or len(paragraphs) != len(body)
        or not all(type(p) is int and p >= 0 for p in paragraphs)
    ):
        message = "应为段落号的列表，body 的每一句对应一个"
        raise _fail(loaded, f"{where}.paragraphs", message)
    year = raw.get("year")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        raise _fail(loaded, f"{where}.year", "应为整数年份，或留空")
    for name in ("themes", "subjects"):
        value = raw.get(name) or []
        if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
            raise _fail(loaded, f"{where}.{name}", f"应为文字的列表，而不是{_kind(value)}")
    if not isinstance(raw.get("register") or "", str):
        raise _fail(loaded, f"{where}.register", f"应为文字，而不是{_kind(raw['register'])}")
    return {
        "body": tuple(body),
        "paragraphs": tuple(paragraphs),
        "themes": tuple(raw.get("themes") or ()),
        "subjects": tuple(raw.get("subjects") or ()),
        "year": year,
        "register": raw.get("register") or "",
    }
