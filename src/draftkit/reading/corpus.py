"""Find and read corpus files: ``.txt`` in any common encoding, ``.docx`` and ``.md``.

A file that cannot be read is reported as ``Skipped`` and never stops the rest; only an empty
corpus as a whole is an error.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from draftkit.errors import CorpusError
from draftkit.models import Document

SUFFIXES = (".txt", ".docx", ".md")

# Encodings tried, in order, after the BOM checks. GB18030 decodes almost any byte string, so
# it is tried only after Big5 has had the chance to fail strictly.
_FALLBACKS = ("gb18030", "big5")
_HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file left out of the corpus, and why."""

    path: str
    reason: str


def find_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[Skipped]]:
    """Every corpus file under ``paths`` (folders walked recursively, sorted)."""
    found: list[Path] = []
    skipped: list[Skipped] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            if not os.access(path, os.R_OK | os.X_OK):
                skipped.append(Skipped(str(path), "folder cannot be read (permission denied)"))
                continue
            for child in _walk(path, skipped):
                _take(child, found, skipped)
        elif path.exists():
            _take(path, found, skipped)
        else:
            raise CorpusError("no such file or folder", path=path)
    return found, skipped


def _walk(folder: Path, skipped: list[Skipped]) -> Iterator[Path]:
    try:
        children = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        skipped.append(Skipped(str(folder), f"folder cannot be read ({exc.strerror})"))
        return
    for child in children:
        if child.name.startswith("."):
            continue
        if child.is_dir():
            yield from _walk(child, skipped)
        else:
            yield child


def _take(path: Path, found: list[Path], skipped: list[Skipped]) -> None:
    if path.suffix.lower() in SUFFIXES:
        found.append(path)
    else:
        skipped.append(Skipped(str(path), f"unsupported file type {path.suffix or '(none)'}"))


def read_document(path: Path) -> Document:
    """Read one file into a ``Document``; raises ``CorpusError`` when it is not usable."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".docx":
            return Document(str(path), _read_docx(path), "docx")
        data = path.read_bytes()
    except PermissionError as exc:
        raise CorpusError("file cannot be read (permission denied)", path=path) from exc
    except OSError as exc:
        raise CorpusError(f"file cannot be read ({exc.strerror})", path=path) from exc
    if not data.strip():
        raise CorpusError("file is empty", path=path)
    text, encoding = decode(data, path=path)
    if suffix == ".md":
        text = strip_markdown(text)
    return Document(str(path), text, encoding)


def decode(data: bytes, *, path: Path | None = None) -> tuple[str, str]:
    """Detect the encoding from the bytes (BOM, then strict trial decoding)."""
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(name), name
    if b"\x00" in data:
        raise CorpusError("not a text file (binary data)", path=path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates = []
    for name in _FALLBACKS:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        candidates.append((_han_share(text), name, text))
    if not candidates:
        raise CorpusError(
            "text encoding not recognised (tried UTF-8, UTF-16, GB18030, Big5)",
            path=path,
            hint="save the file as UTF-8 and try again",
        )
    share, name, text = max(candidates)
    if share < 0.2:
        raise CorpusError("not a Chinese text file", path=path)
    return text, name


def _han_share(text: str) -> float:
    """Share of common Chinese characters: the right decoding scores highest."""
    if not text:
        return 0.0
    common = sum(1 for ch in text if ch in _COMMON)
    return common / len(text)


# The most frequent characters of Chinese official prose, in both scripts; a wrong decoding
# produces rare characters instead.
_COMMON = frozenset(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过"
    "子说产种面而方后多定行学法所民得经十三之进着等部度家力里如水化高自二理起小物现实加量都两体制"
    "机当使点从业本去把性好应开合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正"
    "心反明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党"
    "程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别手角"
    "期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器"
    "们這個們為說發來時會對國長門開關間動實現進過還與產點經業體應當樣頭種機學將總資務設計規員導領"
    "議評風廣協調監督審黨組織區縣幹群眾認識確"
)


def _read_docx(path: Path) -> str:
    from docx import Document as open_docx  # python-docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = open_docx(str(path))
    except PackageNotFoundError as exc:
        raise CorpusError("not a valid .docx file (cannot open the package)", path=path) from exc
    except Exception as exc:  # zip or XML damage surfaces as many different types
        raise CorpusError(f"broken .docx file ({exc.__class__.__name__})", path=path) from exc
    text = "\n".join(p.text for p in document.paragraphs)
    if not text.strip():
        raise CorpusError("file is empty (no paragraph text)", path=path)
    return text


_MD_MARKUP = (
    (re.compile(r"^\s{0,3}#{1,6}\s*", re.M), ""),
    (re.compile(r"^\s{0,3}>\s?", re.M), ""),
    (re.compile(r"^\s*[-*+]\s+", re.M), ""),
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),
    (re.compile(r"\[([^\]]+)\]\([^)]+\)"), r"\1"),
    (re.compile(r"^\s*(-{3,}|\*{3,})\s*$", re.M), ""),
)


def strip_markdown(text: str) -> str:
    """Markdown to plain paragraphs: headings, quotes, lists, emphasis and links lose markup."""
    for pattern, repl in _MD_MARKUP:
        text = pattern.sub(repl, text)
    return text


def no_speech_error(paths: Iterable[str | Path], skipped: list[Skipped]) -> CorpusError:
    """The error for a corpus with nothing usable, naming the first files left out and why."""
    where = ", ".join(str(p) for p in paths)
    reasons = "; ".join(f"{s.path}: {s.reason}" for s in skipped[:5])
    return CorpusError(
        f"no readable speech in {where}" + (f" ({reasons})" if reasons else ""),
        hint="give a folder with .txt, .docx or .md speeches",
    )
