"""Find and read corpus files: ``.txt`` in any common encoding, ``.docx`` and ``.md``.

A file that cannot be read is reported as ``Skipped`` and never stops the rest; only an empty
corpus as a whole is an error. The work per file is bounded: only regular files are read (never
a named pipe or a device), each real file once however many links lead to it, folders are
walked once even through symlink loops, a text file larger than ``MAX_TEXT_BYTES`` and a .docx
whose parts would inflate past ``MAX_DOCX_XML_BYTES`` are skipped before anything is inflated.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from draftkit.errors import CorpusError
from draftkit.files import os_reason
from draftkit.models import Document

SUFFIXES = (".txt", ".docx", ".md")

# Encodings tried, in order, after the BOM checks. GB18030 decodes almost any byte string, so
# it is tried only after Big5 has had the chance to fail strictly.
_FALLBACKS = ("gb18030", "big5")

# A speech is tens of kilobytes; a government work report about 100 KB. A text file past this
# is not one speech, and cleaning it would cost seconds and hundreds of MB per 10 MB.
MAX_TEXT_BYTES = 2_000_000
# The XML of a long .docx speech is a few MB; a zip bomb declares gigabytes.
MAX_DOCX_XML_BYTES = 50_000_000
MAX_DOCX_BYTES = 100_000_000  # every part together, pictures included
# A damaged file may hold a few bytes that decode to nothing; more than this share is not text.
_REPLACED_SHARE = 0.001


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file left out of the corpus, and why."""

    path: str
    reason: str


def find_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[Skipped]]:
    """Every corpus file under ``paths`` (folders walked recursively, sorted).

    Each real file is listed once, however many links lead to it, and each folder is walked
    once, so a symlink loop ends; what is not a regular file is skipped with the reason.
    """
    found: list[Path] = []
    skipped: list[Skipped] = []
    seen: set[tuple[int, int]] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            if not os.access(path, os.R_OK | os.X_OK):
                skipped.append(Skipped(display(path), "文件夹无法读取（没有权限）"))
                continue
            for child in _walk(path, skipped, seen):
                _take(child, found, skipped, seen)
        elif path.exists() or path.is_symlink():
            _take(path, found, skipped, seen)
        else:
            raise CorpusError("文件或文件夹不存在", path=display(path))
    return found, skipped


def display(path: str | Path) -> str:
    """A path as printable text: bytes that are not valid UTF-8 become U+FFFD."""
    return os.fsencode(path).decode("utf-8", "replace")


def _walk(folder: Path, skipped: list[Skipped], seen: set[tuple[int, int]]) -> Iterator[Path]:
    try:
        info = folder.stat()
        children = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        skipped.append(Skipped(display(folder), f"文件夹无法读取（{os_reason(exc)}）"))
        return
    if (info.st_dev, info.st_ino) in seen:
        return  # a link back to a folder already walked
    seen.add((info.st_dev, info.st_ino))
    for child in children:
        if child.name.startswith("."):
            continue
        try:
            is_dir = stat.S_ISDIR(child.stat().st_mode)
        except OSError:
            is_dir = False  # a dangling link or a loop: _take reports it
        if is_dir:
            yield from _walk(child, skipped, seen)
        else:
            yield child


def _take(
    path: Path, found: list[Path], skipped: list[Skipped], seen: set[tuple[int, int]]
) -> None:
    if path.suffix.lower() not in SUFFIXES:
        skipped.append(Skipped(display(path), f"不支持的文件类型 {path.suffix or '（无扩展名）'}"))
        return
    if display(path) != str(path):
        reason = "文件名不是有效的 UTF-8 文字，请改名后再试"
        skipped.append(Skipped(display(path), reason))
        return
    try:
        info = path.stat()
    except OSError as exc:
        skipped.append(Skipped(display(path), f"文件无法读取（{os_reason(exc)}）"))
        return
    if not stat.S_ISREG(info.st_mode):
        skipped.append(Skipped(display(path), _not_regular(info.st_mode)))
        return
    if (info.st_dev, info.st_ino) in seen:
        return  # another link to a file already taken: read each real file once
    seen.add((info.st_dev, info.st_ino))
    found.append(path)


def _not_regular(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        kind = "命名管道"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = "设备"
    elif stat.S_ISSOCK(mode):
        kind = "套接字"
    else:
        kind = "文件夹" if stat.S_ISDIR(mode) else "特殊文件"
    return f"不是普通文件（{kind}），已跳过"


def read_document(path: Path) -> Document:
    """Read one file into a ``Document``; raises ``CorpusError`` when it is not usable."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".docx":
            return Document(str(path), _read_docx(path), "docx")
        data = read_regular(path, MAX_TEXT_BYTES)
    except PermissionError as exc:
        raise CorpusError("文件无法读取（没有权限）", path=display(path)) from exc
    except OSError as exc:
        raise CorpusError(f"文件无法读取（{os_reason(exc)}）", path=display(path)) from exc
    if not data.strip():
        raise CorpusError("文件是空的", path=display(path))
    text, encoding = decode(data, path=path)
    if suffix == ".md":
        text = strip_markdown(text)
    return Document(str(path), text, encoding)


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; anything else is refused.

    The file is opened without blocking and checked after opening, so a named pipe or a device
    put in place of a file is never waited on or read without end.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise CorpusError(_not_regular(mode), path=display(path))
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise CorpusError(
            f"文件过大（超过 {limit // 1_000_000} MB），不像一篇讲话稿，已跳过",
            path=display(path),
            hint="一篇讲话稿请单独存为一个文件",
        )
    return data


def decode(data: bytes, *, path: Path | None = None) -> tuple[str, str]:
    """Detect the encoding from the bytes (BOM, then strict trial decoding).

    A file with a BOM is taken in that encoding; a few damaged bytes in it (a UTF-16 file cut
    at an odd length, stray bytes after a UTF-8 BOM) become U+FFFD, more make it unreadable.
    """
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _decode_damaged(data, name, path), name
    if b"\x00" in data:
        raise CorpusError("不是文本文件（含有二进制数据）", path=path)
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
            "无法识别文本编码（试过 UTF-8、UTF-16、GB18030、Big5）",
            path=display(path) if path else None,
            hint="请用文本编辑器另存为 UTF-8 后再试",
        )
    share, name, text = max(candidates)
    if share < 0.2:
        raise CorpusError("不是中文文本文件", path=display(path) if path else None)
    return text, name


def _decode_damaged(data: bytes, name: str, path: Path | None) -> str:
    try:
        return data.decode(name)
    except UnicodeDecodeError:
        text = data.decode(name, "replace")
    if text.count("\ufffd") > max(1, len(text) * _REPLACED_SHARE):
        raise CorpusError(
            f"文件以 {name} 的字节顺序标记开头，却含有大量无法解码的字节",
            path=display(path) if path else None,
            hint="请用文本编辑器另存为 UTF-8 后再试",
        )
    return text


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


def _check_docx_size(path: Path) -> None:
    """Refuse a .docx whose parts would inflate past the limits, before inflating any.

    zipfile stops every member at the size its header declares and then checks the CRC, so a
    header that understates a part cannot make it inflate further than this check allowed.
    """
    try:
        with zipfile.ZipFile(path) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise CorpusError("不是有效的 .docx 文件（无法打开压缩包）", path=display(path)) from exc
    xml = sum(m.file_size for m in members if m.filename.endswith((".xml", ".rels")))
    total = sum(m.file_size for m in members)
    if xml > MAX_DOCX_XML_BYTES or total > MAX_DOCX_BYTES:
        raise CorpusError(
            f".docx 解压后过大（{max(xml, total) // 1_000_000} MB，"
            f"上限 {MAX_DOCX_XML_BYTES // 1_000_000} MB 的 XML），可能是压缩炸弹，已跳过",
            path=display(path),
        )


def _read_docx(path: Path) -> str:
    from docx import Document as open_docx  # python-docx
    from docx.opc.exceptions import PackageNotFoundError

    mode = path.stat().st_mode
    if not stat.S_ISREG(mode):
        raise CorpusError(_not_regular(mode), path=display(path))
    _check_docx_size(path)
    try:
        document = open_docx(str(path))
    except PackageNotFoundError as exc:
        raise CorpusError("不是有效的 .docx 文件（无法打开）", path=display(path)) from exc
    except zipfile.BadZipFile as exc:  # a CRC or size that does not match the header
        raise CorpusError(".docx 文件已损坏（压缩包校验不符）", path=display(path)) from exc
    except Exception as exc:  # zip or XML damage surfaces as many different types
        raise CorpusError(".docx 文件已损坏，无法读取", path=display(path)) from exc
    text = "\n".join(p.text for p in document.paragraphs)
    if not text.strip():
        raise CorpusError("文件是空的（没有段落文字）", path=display(path))
    if len(text) > MAX_TEXT_BYTES:
        raise CorpusError(
            f"文件过大（正文超过 {MAX_TEXT_BYTES // 1_000_000} 百万字），不像一篇讲话稿，已跳过",
            path=display(path),
        )
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
    where = "、".join(str(p) for p in paths)
    reasons = "；".join(f"{s.path}：{s.reason}" for s in skipped[:5])
    return CorpusError(
        f"{where} 里没有可读的讲话稿" + (f"（{reasons}）" if reasons else ""),
        hint="请给出存有 .txt、.docx 或 .md 讲话稿的文件夹",
    )
