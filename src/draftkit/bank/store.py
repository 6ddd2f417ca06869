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
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from draftkit.errors import BankError
from draftkit.files import staging_dir, swap_in_directory
from draftkit.models import KINDS, ROLES, Entry, Origin, entry_id
from draftkit.resources import bundled_dir, data_file

SCHEMA_VERSION = 1

try:  # the C loader is several times faster on a large bank
    _Loader: type = yaml.CSafeLoader
    _Dumper: type = yaml.CSafeDumper
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    _Loader, _Dumper = yaml.SafeLoader, yaml.SafeDumper

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
    if entry.kind == "point":
        return _point_dict(entry)
    return {
        "id": entry.id,
        "role": entry.role,
        "text": entry.text,
        "count": entry.count,
        "doc_freq": entry.doc_freq,
        "keywords": list(entry.keywords),
        "slots": list(entry.slots),
        "specific": entry.specific,
        "origins": [
            {"file": o.file, "title": o.title, "paragraph": o.paragraph} for o in entry.origins
        ],
    }


def _point_dict(entry: Entry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "role": entry.role,
        "text": entry.text,
        "body": list(entry.body),
        "paragraphs": list(entry.paragraphs),
        "themes": list(entry.themes),
        "subjects": list(entry.subjects),
        "year": entry.year,
        "register": entry.register,
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


def write_bank(bank: Bank, target: Path, *, extra: dict[str, bytes] | None = None) -> None:
    """Write the bank to ``target`` atomically: build a sibling directory, then swap it in.

    ``extra`` holds further files for the same directory (the 查重 index), written in the same
    swap so the bank and its index never disagree. The path holds the old bank or the new one at
    every instant; staging folders left by killed runs are removed, and files of the user's in
    the old folder are kept.
    """
    target = Path(target)
    if target.is_symlink():  # write into the folder the link points to; the link stays
        target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = staging_dir(target)
    try:
        files = {n: t.encode("utf-8") for n, t in render_bank(bank).items()} | (extra or {})
        for name, data in files.items():
            (staging / name).write_bytes(data)
        # Every name a bank may hold is the bank's to replace or drop; anything else is the user's.
        derived = [p.name for p in target.glob("*.json.gz")] if target.is_dir() else []
        kinds = [f"{kind}.yaml" for kind in KINDS]
        swap_in_directory(staging, target, owned=[*files, *kinds, *derived])
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


# --- loading and validation ---------------------------------------------------------------------

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


def default_bank_dir() -> Path:
    return bundled_dir("phrasebank")


def load_bank(directory: Path | None = None) -> Bank:
    """Load and validate a bank directory (default: the bundled bank)."""
    directory = Path(directory) if directory else default_bank_dir()
    index_path = directory / "index.yaml"
    if not index_path.is_file():
        raise BankError(
            "not a phrase bank (index.yaml missing)",
            path=directory,
            hint="run `draftkit mine CORPUS -o DIR` to make one",
        )
    index = _load_yaml(index_path)
    _check_version(index, index_path)
    entries: list[Entry] = []
    for kind in KINDS:
        path = directory / f"{kind}.yaml"
        if path.is_file():
            entries.extend(_load_kind(path, kind))
    summary = index.get("summary") or {}
    return Bank(entries, summary, list(index.get("names") or []), directory, load_core_phrases())


CORE_SOURCE = "draftkit"
CORE_TITLE = "draftkit 基础语料"


@cache
def _core_phrases() -> tuple[Entry, ...]:
    path = data_file("core_phrases.yaml")
    data = _load_yaml(path)
    _check_version(data, path)
    lines = _entry_lines(path.read_text(encoding="utf-8"))
    out = []
    for n, raw in enumerate(data.get("entries") or []):
        line = lines[n] if n < len(lines) else None
        if (
            not isinstance(raw, dict)
            or raw.get("kind") not in KINDS
            or raw.get("role") not in ROLES
        ):
            raise BankError(
                "each entry needs a known kind and role",
                path=path,
                line=line,
                field=f"entries[{n}]",
            )
        text = str(raw.get("text") or "").strip()
        if not text:
            raise BankError("text is empty", path=path, line=line, field=f"entries[{n}].text")
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


def _load_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise BankError(f"YAML error: {exc.problem}", path=path, line=line) from exc


def _check_version(data: Any, path: Path) -> None:
    if not isinstance(data, dict) or data.get("schema_version") != SCHEMA_VERSION:
        raise BankError(
            f"schema_version must be {SCHEMA_VERSION}",
            path=path,
            line=1,
            field="schema_version",
            hint="re-mine the corpus with this version of draftkit",
        )


def _load_kind(path: Path, kind: str) -> Iterable[Entry]:
    data = _load_yaml(path)
    _check_version(data, path)
    if data.get("kind") != kind:
        raise BankError(f"kind must be {kind!r}", path=path, field="kind")
    for n, raw in enumerate(data.get("entries") or []):
        try:
            yield _entry(raw, kind, path, None, n)
        except BankError:
            # Line numbers cost a second parse, so they are looked up only for the report.
            lines = _entry_lines(path.read_text(encoding="utf-8"))
            yield _entry(raw, kind, path, lines[n] if n < len(lines) else None, n)


def _entry_lines(text: str) -> list[int]:
    """The line of each entry's start, taken from the YAML node marks."""
    node = yaml.compose(text, Loader=_Loader)
    for key, value in getattr(node, "value", []):
        if getattr(key, "value", None) == "entries" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def _entry(raw: Any, kind: str, path: Path, line: int | None, n: int) -> Entry:
    where = f"entries[{n}]"
    if not isinstance(raw, dict):
        raise BankError("entry must be a mapping", path=path, line=line, field=where)
    for name, expected in _FIELDS.items():
        if name not in raw:
            raise BankError("missing field", path=path, line=line, field=f"{where}.{name}")
        if not isinstance(raw[name], expected) or (expected is int and isinstance(raw[name], bool)):
            raise BankError(
                f"must be {getattr(expected, '__name__', expected)},"
                f" got {type(raw[name]).__name__}",
                path=path,
                line=line,
                field=f"{where}.{name}",
            )
    if raw["role"] not in ROLES:
        raise BankError(
            f"unknown role {raw['role']!r} (one of {', '.join(ROLES)})",
            path=path,
            line=line,
            field=f"{where}.role",
        )
    if not raw["text"].strip():
        raise BankError("text is empty", path=path, line=line, field=f"{where}.text")
    try:
        origins = tuple(
            Origin(str(o["file"]), str(o["title"]), int(o["paragraph"])) for o in raw["origins"]
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise BankError(
            "each origin needs file, title and paragraph",
            path=path,
            line=line,
            field=f"{where}.origins",
        ) from exc
    point = _point_fields(raw, path, line, where) if kind == "point" else {}
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
        origins=origins,
        **point,
    )


def _point_fields(raw: dict[str, Any], path: Path, line: int | None, where: str) -> dict[str, Any]:
    """The fields only a point has: body and paragraphs side by side, themes, year, register."""
    body, paragraphs = raw.get("body"), raw.get("paragraphs")
    if not isinstance(body, list) or not all(isinstance(s, str) and s for s in body):
        raise BankError(
            "body must be a list of sentences", path=path, line=line, field=f"{where}.body"
        )
    if not isinstance(paragraphs, list) or len(paragraphs) != len(body):
        raise BankError(
            "paragraphs must give one paragraph number per body sentence",
            path=path,
            line=line,
            field=f"{where}.paragraphs",
        )
    year = raw.get("year")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        raise BankError(
            "year must be a whole number or empty", path=path, line=line, field=f"{where}.year"
        )
    return {
        "body": tuple(body),
        "paragraphs": tuple(int(p) for p in paragraphs),
        "themes": tuple(str(w) for w in raw.get("themes") or ()),
        "subjects": tuple(str(w) for w in raw.get("subjects") or ()),
        "year": year,
        "register": str(raw.get("register") or ""),
    }
