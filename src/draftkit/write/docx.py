"""Draft -> .docx: the body of a Word file, its provenance and the file itself.

``write_docx`` takes a base document from ``docx_format`` (python-docx's default or a user's
reference .docx), lets it set the page, styles and page numbers from a ``Profile``, then adds
what this module owns: the title (broken into balanced lines), subtitle, byline and blocks as
runs carrying their style's fonts, fill-ins highlighted yellow, provenance as Word comments or
a YAML sidecar, the core properties, and a deterministic package written atomically. These are
the two modules that import python-docx.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import yaml
from docx.document import Document as DocxDocument
from docx.enum.text import WD_COLOR_INDEX
from docx.opc import pkgwriter
from docx.shared import Length, Twips
from docx.text.paragraph import Paragraph

from draftkit.errors import OutputError
from draftkit.files import check_targets, write_all_atomic
from draftkit.models import Block, Draft, Provenance, Span
from draftkit.write.docx_format import (
    STYLE_NAMES,
    apply_fonts,
    apply_profile,
    base_document,
    style_fonts,
)
from draftkit.write.paths import sidecar_path
from draftkit.write.profiles import Element, Profile, load_profile

PROVENANCE_MODES = ("none", "comments", "sidecar")
# Block kind -> element; a paragraph is body text.
BLOCK_ELEMENTS = {k: k for k in ("salutation", "heading1", "heading2", "heading3", "closing")}
BLOCK_ELEMENTS["paragraph"] = "body"
_HEADING_STOPS = "。．."
# Where a long title may break without splitting a word: after punctuation, 的 and the
# conjunctions (unless they start a word such as 和谐 or 及时), after an office's name or a year,
# and before 关于, 暨 and the closing 上的讲话.
_TITLE_BREAK = re.compile(
    r"(?<=[，、；：的])|(?<=和)(?![谐平睦美])|(?<=与)(?!会)|(?<=及)(?![时早格])"
    r"|(?<=政府)|(?<=党委)|(?<=委员会)|(?<=政协)|(?<=\d年)(?!度)"
    r"|(?=关于|暨|上的(?:讲话|发言|致辞|报告))"
)
# A line of fewer characters than this reads as a broken-off word.
_SHORTEST_TITLE_LINE = 4
# Characters XML 1.0 cannot hold; python-docx would fail half-way through a document.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def write_docx(
    draft: Draft,
    path: Path,
    *,
    profile: Profile | None = None,
    reference_docx: Path | None = None,
    provenance: str = "none",
    force: bool = False,
) -> Path:
    """Write ``draft`` to ``path`` as a .docx laid out by ``profile``; return the path.

    ``provenance`` is ``"none"``, ``"comments"`` (a Word comment on every paragraph that came
    from the phrase bank, naming the source speech and entry) or ``"sidecar"`` (a YAML file
    ``<name>.provenance.yaml`` next to the .docx listing paragraph, excerpt and sources).

    ``reference_docx`` makes a user's Word file the base: its page size, margins, headers,
    footers and styles are kept and its body is replaced by the draft. draftkit's element
    styles (``DK Body`` …) are used as the reference defines them when it has them, so a user
    can restyle a draftkit output in Word, save it and pass it back as the reference; styles
    it lacks are created from the profile. An explicit ``profile`` rewrites those styles from
    the profile. Page numbers are added only when the reference has no footer of its own.

    The file is built in memory and moved into place, so a failure leaves no partial file.
    Output is deterministic: timestamps are ``draft.date`` at 00:00 UTC.
    Raises ``OutputError`` when the file exists (without ``force``), the suffix is not .docx,
    the text holds characters Word cannot store, or the directory cannot be written;
    ``ProfileError`` when the reference cannot be used.
    """
    path = Path(path)
    if provenance not in PROVENANCE_MODES:
        raise OutputError(
            f"没有“{provenance}”这种出处标注方式",
            field="provenance",
            hint=f"可选：{'、'.join(PROVENANCE_MODES)}",
        )
    if path.suffix.lower() != ".docx":
        raise OutputError("文件名须以 .docx 结尾", path=path)
    sidecar = sidecar_path(path) if provenance == "sidecar" else None
    check_targets([path] if sidecar is None else [path, sidecar], force=force)
    _check_text(draft)

    doc = base_document(reference_docx)
    layout = profile or load_profile(None)
    referenced = reference_docx is not None
    apply_profile(doc, layout, referenced=referenced, restyle=profile is not None)

    when = dt.datetime.combine(draft.date, dt.time(0, 0), tzinfo=dt.UTC)
    placed = _write_content(doc, draft, layout)
    if provenance == "comments":
        _add_comments(doc, placed, when)
    _set_properties(doc, draft, when)

    files = [(path, _package_bytes(doc, when))]
    if sidecar is not None:
        files.insert(0, (sidecar, _sidecar_yaml(path, placed).encode("utf-8")))
    write_all_atomic(files)
    return path


def _check_text(draft: Draft) -> None:
    parts = [("标题", draft.title), ("副标题", draft.subtitle), ("署名行", draft.byline)]
    parts += [(f"第 {i + 1} 段", block.text) for i, block in enumerate(draft.blocks)]
    for where, text in parts:
        bad = _XML_ILLEGAL.search(text)
        if bad:
            raise OutputError(
                f"{where}含有控制字符 U+{ord(bad.group()):04X}，.docx 无法保存",
                hint="请从语料或回答文件中删去这个字符",
            )


# -- content ----------------------------------------------------------------------------------


def _write_content(
    doc: DocxDocument, draft: Draft, profile: Profile
) -> list[tuple[int, Block, Paragraph]]:
    """Add the front matter and blocks; return (paragraph index, block, paragraph) triples."""
    fonts = {element: style_fonts(doc, name) for element, name in STYLE_NAMES.items()}
    ids = {style.name: style.style_id for style in doc.styles}

    def add(element: str) -> Paragraph:
        # Setting the style id directly: python-docx's lookup by name scans every style.
        paragraph = doc.add_paragraph()
        paragraph._p.style = ids[STYLE_NAMES[element]]
        return paragraph

    front: list[Paragraph] = []
    title_lines = _title_lines(draft.title, _chars_per_line(doc, profile.title, profile))
    paragraph = add("title")
    for i, line in enumerate(title_lines):
        run = _add_run(paragraph, Span(line), fonts["title"])
        if i < len(title_lines) - 1:
            run.add_break()
    front.append(paragraph)
    for element, text in (("subtitle", draft.subtitle), ("byline", draft.byline)):
        if text.strip():
            paragraph = add(element)
            _add_run(paragraph, Span(text.strip()), fonts[element])
            front.append(paragraph)
    # One blank line between the heading group and the salutation, kept on the line grid.
    front[-1].paragraph_format.space_after = Twips(profile.line_spacing)

    placed: list[tuple[int, Block, Paragraph]] = []
    for number, block in enumerate(draft.blocks, start=1):
        kind = BLOCK_ELEMENTS.get(block.kind)
        if kind is None:
            known = "、".join(BLOCK_ELEMENTS)
            raise OutputError(f"第 {number} 段的类型“{block.kind}”未知（可用：{known}）")
        paragraph = add(kind)
        spans = _strip_heading_stop(block.spans) if kind == "heading1" else block.spans
        for span in spans:
            if span.text:
                _add_run(paragraph, span, fonts[kind])
        placed.append((len(front) + number - 1, block, paragraph))
    return placed


def _add_run(paragraph: Paragraph, span: Span, fonts: dict[str, str]):
    run = paragraph.add_run(span.text)
    apply_fonts(run, fonts)
    if span.fill_in:
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    return run


def _strip_heading_stop(spans: Sequence[Span]) -> tuple[Span, ...]:
    """GB/T 9704 level-1 headings end without a full stop."""
    spans = list(spans)
    while spans and not spans[-1].text.rstrip():
        spans.pop()
    if spans and not spans[-1].fill_in:
        last = spans[-1]
        spans[-1] = Span(last.text.rstrip().rstrip(_HEADING_STOPS), last.fill_in)
    return tuple(spans)


def _chars_per_line(doc: DocxDocument, fmt: Element, profile: Profile) -> int:
    section = doc.sections[0]
    sizes = (section.page_width, section.left_margin, section.right_margin)
    # A reference without a page size leaves the choice to Word: use the profile's page.
    page, left, right = (
        Length(Twips(t)) for t in (profile.page.width, profile.page.left, profile.page.right)
    )
    width = (sizes[0] or page) - (sizes[1] or left) - (sizes[2] or right)
    pitch = fmt.size * 20 + profile.char_spacing
    return max(1, int(Length(width).twips / pitch))


def _title_lines(title: str, limit: int) -> list[str]:
    """Break a title before "——" and between phrases when it is longer than one line.

    Two lines are balanced with the upper one no longer than the lower (the 梯形 of GB/T 9704);
    a title without a safe break point is left for Word to wrap.
    """
    lines: list[str] = []
    for raw in title.split("\n"):
        parts = [p for p in re.split(r"(?=——)", raw.strip()) if p]
        for part in parts:
            lines.extend(_balance(part, limit))
    return lines or [""]


def _balance(text: str, limit: int) -> list[str]:
    if len(text) <= limit:
        return [text]
    fits = [
        m.start()
        for m in _TITLE_BREAK.finditer(text)
        if 0 < m.start() < len(text) and m.start() <= limit and len(text) - m.start() <= limit
    ]
    if not fits:
        return [text]

    def badness(i: int) -> tuple[int, bool]:
        short = min(i, len(text) - i) < _SHORTEST_TITLE_LINE
        # Even lines first, a stub line last; on a tie the shorter line goes on top.
        return (abs(len(text) - 2 * i) + (100 if short else 0), i > len(text) - i)

    best = min(fits, key=badness)
    return [text[:best], text[best:]]


# -- provenance -------------------------------------------------------------------------------


def _provenance_line(p: Provenance) -> str:
    # Provenance.paragraph counts from 0 within the source speech; people count from 1.
    return f"来源：{p.title}（{p.source} 第{p.paragraph + 1}段）· {p.entry_id}"


def _add_comments(
    doc: DocxDocument, placed: Iterable[tuple[int, Block, Paragraph]], when: dt.datetime
) -> None:
    for _index, block, paragraph in placed:
        if not block.provenance or not paragraph.runs:
            continue
        lines = [_provenance_line(p) for p in block.provenance]
        comment = doc.add_comment(paragraph.runs, text=lines[0], author="draftkit", initials="DK")
        for line in lines[1:]:
            comment.add_paragraph(line)
        # python-docx stamps comments with the current time; keep the file reproducible.
        comment._comment_elm.date = when


def _sidecar_yaml(docx_path: Path, placed: Iterable[tuple[int, Block, Paragraph]]) -> str:
    entries = []
    for index, block, _paragraph in placed:
        if not block.provenance:
            continue
        text = block.text
        entries.append(
            {
                "paragraph": index,
                "kind": block.kind,
                "excerpt": text if len(text) <= 30 else text[:30] + "…",
                "sources": [dataclasses.asdict(p) for p in block.provenance],
            }
        )
    header = (
        f"# Where the paragraphs of {docx_path.name} came from (written by draftkit).\n"
        "# paragraph: position in the document body counting from 0 at the title;\n"
        "# sources[].paragraph: position in the source speech, counting from 0.\n"
    )
    body = {"docx": docx_path.name, "paragraphs": entries}
    return header + yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=1000)


# -- package ----------------------------------------------------------------------------------


def _set_properties(doc: DocxDocument, draft: Draft, when: dt.datetime) -> None:
    props = doc.core_properties
    props.title = draft.title
    props.subject = draft.subtitle
    props.author = draft.author
    props.last_modified_by = draft.author
    props.created = props.modified = props.last_printed = when
    props.language = "zh-CN"
    props.revision = 1
    props.comments = ""
    props.keywords = ""
    props.category = ""


def _package_bytes(doc: DocxDocument, when: dt.datetime) -> bytes:
    """The .docx's bytes, every member stamped ``when``: python-docx stamps them with the time now.

    python-docx's package writer is given a zip writer of ours, so each member is compressed
    once; where its writer is not the one this was written against, the package is saved and
    then re-zipped with the stamps, which gives the same bytes.
    """
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    out = io.BytesIO()
    package = doc.part.package
    writer = getattr(pkgwriter, "PackageWriter", None)
    steps = ("_write_content_types_stream", "_write_pkg_rels", "_write_parts")
    if writer is not None and all(hasattr(writer, step) for step in steps):
        parts = package.parts
        for part in parts:
            part.before_marshal()  # as python-docx's own save does
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            stamped = _StampedZip(dst, stamp)
            writer._write_content_types_stream(stamped, parts)
            writer._write_pkg_rels(stamped, package.rels)
            writer._write_parts(stamped, parts)
        return out.getvalue()
    raw = io.BytesIO()
    doc.save(raw)
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            _StampedZip(dst, stamp).add(item.filename, src.read(item.filename))
    return out.getvalue()


class _StampedZip:
    """A zip being written whose members all carry one time stamp and mode ``0644``."""

    def __init__(self, archive: zipfile.ZipFile, stamp: tuple[int, int, int, int, int, int]):
        self.archive, self.stamp = archive, stamp

    def add(self, name: str, data: bytes) -> None:
        info = zipfile.ZipInfo(name, date_time=self.stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        self.archive.writestr(info, data)

    def write(self, pack_uri: Any, blob: bytes) -> None:  # python-docx's physical writer
        self.add(pack_uri.membername, blob)
