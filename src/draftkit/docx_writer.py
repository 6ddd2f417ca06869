"""Draft -> .docx: the one module that writes Word files with python-docx.

The layout follows a ``Profile`` (GB/T 9704 by default, see FORMAT.md): A4 with the standard
margins, 22 lines of 28 三号 characters, the title in 方正小标宋简体, headings in 黑体 and
楷体_GB2312, the body in 仿宋_GB2312, and "— N —" page numbers on the outside edge.

Every element gets a paragraph style of its own (``DK Title`` … ``DK Closing``) rather than a
built-in Heading style, whose theme fonts, colour and space-before would win over ours. Size,
bold, spacing, indent and tracking live only in those styles, so a change made to a style in
Word reaches every paragraph. The font slots and ``w:hint="eastAsia"`` are repeated on each run,
as FORMAT.md asks: Word picks the face of “”—… run by run, and some readers ignore a style's
east-Asian font. A font is therefore best changed in the profile.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
import re
import secrets
import typing
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import docx
import yaml
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_COLOR_INDEX
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Twips
from docx.styles.style import ParagraphStyle, StyleFactory
from docx.text.paragraph import Paragraph

from .errors import OutputError, ProfileError
from .models import Block, Draft, Provenance, Span
from .profiles import PAGE_PLACEHOLDER, Element, Profile, load_profile

PROVENANCE_MODES = ("none", "comments", "sidecar")

# Element -> paragraph style name. Names are ASCII so style ids stay readable in the XML.
STYLE_NAMES: dict[str, str] = {
    "title": "DK Title",
    "subtitle": "DK Subtitle",
    "byline": "DK Byline",
    "salutation": "DK Salutation",
    "body": "DK Body",
    "heading1": "DK Heading 1",
    "heading2": "DK Heading 2",
    "heading3": "DK Heading 3",
    "closing": "DK Closing",
}
PAGE_NUMBER_STYLE = "DK Page Number"
# Block kind -> element; a paragraph is body text.
BLOCK_ELEMENTS = {k: k for k in ("salutation", "heading1", "heading2", "heading3", "closing")}
BLOCK_ELEMENTS["paragraph"] = "body"
_OUTLINE_LEVELS = {"heading1": 0, "heading2": 1, "heading3": 2}
_JC = {"left": "left", "center": "center", "right": "right", "justify": "both"}
_FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
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
# Schema successors, so elements added to a reference's XML land where Word expects them.
_AFTER_RPR_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")
_AFTER_STYLE_NEXT = tuple(
    "w:link w:autoRedefine w:hidden w:uiPriority w:semiHidden w:unhideWhenUsed w:qFormat "
    "w:locked w:personal w:personalCompose w:personalReply w:rsid w:pPr w:rPr".split()
)
_AFTER_THEME_FONT_LANG = tuple(
    "w:clrSchemeMapping w:doNotIncludeSubdocsInStats w:doNotAutoCompressPictures "
    "w:forceUpgrade w:captions w:readModeInkLockDown w:smartTagType w:shapeDefaults "
    "w:doNotEmbedSmartTags w:decimalSymbol w:listSeparator".split()
)


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
            f"unknown provenance mode {provenance!r}",
            field="provenance",
            hint=f"use one of: {', '.join(PROVENANCE_MODES)}",
        )
    if path.suffix.lower() != ".docx":
        raise OutputError("the output file must end in .docx", path=path)
    sidecar = path.with_name(path.stem + ".provenance.yaml") if provenance == "sidecar" else None
    for target in (path, sidecar):
        if target is not None:
            _check_target(target, force=force)
    _check_text(draft)

    doc = _base_document(reference_docx)
    layout = profile or load_profile(None)
    referenced = reference_docx is not None
    _setup_styles(doc, layout, keep_existing=referenced and profile is None)
    _set_language(doc)
    section = doc.sections[0]
    if not referenced:
        _set_doc_defaults(doc, layout)
        _set_page(section, layout)
    if not referenced or not section._sectPr.xpath("w:footerReference"):
        _add_page_numbers(doc, layout)

    when = dt.datetime.combine(draft.date, dt.time(0, 0), tzinfo=dt.UTC)
    placed = _write_content(doc, draft, layout)
    if provenance == "comments":
        _add_comments(doc, placed, when)
    _set_properties(doc, draft, when)

    files = [(path, _package_bytes(doc, when))]
    if sidecar is not None:
        files.insert(0, (sidecar, _sidecar_yaml(path, placed).encode("utf-8")))
    _write_atomically(files)
    return path


def _check_target(target: Path, *, force: bool) -> None:
    if target.is_dir():
        raise OutputError("is a directory, not a file", path=target)
    if target.exists() and not force:
        raise OutputError("already exists; use --force to overwrite", path=target)
    parent = target.parent
    if not parent.is_dir():
        raise OutputError("the folder for the output does not exist", path=parent)


def _check_text(draft: Draft) -> None:
    parts = [("title", draft.title), ("subtitle", draft.subtitle), ("byline", draft.byline)]
    parts += [(f"block {i + 1}", block.text) for i, block in enumerate(draft.blocks)]
    for where, text in parts:
        bad = _XML_ILLEGAL.search(text)
        if bad:
            raise OutputError(
                f"{where} holds the control character U+{ord(bad.group()):04X}, "
                "which a .docx cannot store",
                hint="remove it from the source text or the answers",
            )


def _base_document(reference: Path | None) -> DocxDocument:
    if reference is None:
        doc = docx.Document()
        # The template's thumbnail shows an empty English page: drop it rather than mislead.
        rels = doc.part.package.rels
        for rid in [rid for rid, rel in rels.items() if rel.reltype == RT.THUMBNAIL]:
            rels.pop(rid)
        return doc
    reference = Path(reference)
    if not reference.is_file():
        raise ProfileError("reference .docx not found", path=reference)
    try:
        doc = docx.Document(str(reference))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ProfileError(
            f"not a usable Word .docx file ({exc})",
            path=reference,
            hint="save it from Word as .docx (not .doc or .dotx)",
        ) from None
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    # Comments of the reference would point at text that is gone.
    for part in doc.part.package.iter_parts():
        if part.partname.endswith("/comments.xml") and hasattr(part, "element"):
            for old in list(part.element):
                part.element.remove(old)
    return doc


# -- styles -----------------------------------------------------------------------------------


def _setup_styles(doc: DocxDocument, profile: Profile, *, keep_existing: bool) -> None:
    by_name = {style.name: style for style in doc.styles}
    for element, name in STYLE_NAMES.items():
        style = by_name.get(name)
        if style is not None and keep_existing:
            continue
        if style is None:
            style = _new_style(doc, name)
        _define_style(style, profile, element)
    page_style = by_name.get(PAGE_NUMBER_STYLE)
    if page_style is None or not keep_existing:
        if page_style is None:
            page_style = _new_style(doc, PAGE_NUMBER_STYLE)
        _define_page_number_style(page_style, profile)


def _new_style(doc: DocxDocument, name: str) -> ParagraphStyle:
    # Known to be absent: skip python-docx's duplicate check, which scans every style.
    element = doc.styles.element.add_style_of_type(name, WD_STYLE_TYPE.PARAGRAPH, False)
    return typing.cast(ParagraphStyle, StyleFactory(element))


def _define_style(style: ParagraphStyle, profile: Profile, element: str) -> None:
    fmt = profile.element(element)
    _reset_style(style, next_style=STYLE_NAMES["body"])
    ppr = _sub(style.element, "w:pPr")
    if element in _OUTLINE_LEVELS or element in ("title", "subtitle", "byline"):
        _sub(ppr, "w:keepNext")
    # Widow control would end pages at 21 lines; the 22-line grid matters more in print.
    _sub(ppr, "w:widowControl", val="0")
    # Word hangs punctuation past the margin by default; LibreOffice reads this flag the
    # other way round and, when it hangs punctuation in a justified line, draws nothing.
    # An explicit "1" keeps Word's behaviour and makes LibreOffice wrap instead.
    _sub(ppr, "w:overflowPunct", val="1")
    _sub(ppr, "w:spacing", before="0", after="0", line=str(profile.line_spacing), lineRule="exact")
    first_line = round(fmt.indent * fmt.size * 20)
    # Both forms: Word prefers the character count, other readers use the twips.
    chars = str(round(fmt.indent * 100))
    _sub(ppr, "w:ind", left="0", right="0", firstLine=str(first_line), firstLineChars=chars)
    _sub(ppr, "w:jc", val=_JC[fmt.align])
    if element in _OUTLINE_LEVELS:
        _sub(ppr, "w:outlineLvl", val=str(_OUTLINE_LEVELS[element]))
    _append_rpr(style.element, fmt.font, profile.latin_font, fmt.size, fmt.bold, profile)


def _define_page_number_style(style: ParagraphStyle, profile: Profile) -> None:
    number = profile.page_number
    _reset_style(style, next_style=PAGE_NUMBER_STYLE)
    ppr = _sub(style.element, "w:pPr")
    _sub(ppr, "w:spacing", before="0", after="0", line="240", lineRule="auto")
    _sub(ppr, "w:ind", left="0", right="0", firstLine="0")
    # GB/T 9704 asks for 宋体 digits, so the Latin slots carry the page-number face too.
    _append_rpr(style.element, number.font, number.font, number.size, False, None)


def _reset_style(style: ParagraphStyle, *, next_style: str) -> None:
    element = style.element
    for tag in ("w:basedOn", "w:next", "w:link", "w:pPr", "w:rPr"):
        for old in element.findall(qn(tag)):
            element.remove(old)
    # No basedOn: a reference's Normal may carry colour, spacing or theme fonts.
    nxt = OxmlElement("w:next")
    nxt.set(qn("w:val"), next_style.replace(" ", ""))
    element.insert_element_before(nxt, *_AFTER_STYLE_NEXT)
    style.quick_style = True
    style.hidden = False


def _append_rpr(
    parent, font: str, latin: str, size: float, bold: bool, profile: Profile | None
) -> None:
    rpr = _sub(parent, "w:rPr")
    _sub(rpr, "w:rFonts", **_font_attrs(font, latin))
    _sub(rpr, "w:b", val="1" if bold else "0")
    _sub(rpr, "w:bCs", val="1" if bold else "0")
    if profile is not None and profile.char_spacing:
        _sub(rpr, "w:spacing", val=str(profile.char_spacing))
    half_points = str(round(size * 2))
    _sub(rpr, "w:sz", val=half_points)
    _sub(rpr, "w:szCs", val=half_points)
    _sub(rpr, "w:lang", eastAsia="zh-CN")


def _font_attrs(font: str, latin: str) -> dict[str, str]:
    return {"ascii": latin, "hAnsi": latin, "eastAsia": font, "cs": latin, "hint": "eastAsia"}


def _sub(parent, tag: str, **attrs: str):
    child = OxmlElement(tag)
    for key, value in attrs.items():
        child.set(qn(f"w:{key}"), value)
    parent.append(child)
    return child


def _style_fonts(doc: DocxDocument, name: str) -> dict[str, str]:
    """The explicit font slots of a style, to repeat on its runs (theme slots are left out)."""
    style = doc.styles[name]
    fonts = style.element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    attrs = {"hint": "eastAsia"}
    if fonts is not None:
        for slot in _FONT_SLOTS:
            value = fonts.get(qn(f"w:{slot}"))
            if value:
                attrs[slot] = value
    return attrs


# -- document-wide settings -------------------------------------------------------------------


def _set_doc_defaults(doc: DocxDocument, profile: Profile) -> None:
    styles = doc.styles.element
    old = styles.find(qn("w:docDefaults"))
    defaults = OxmlElement("w:docDefaults")
    if old is not None:
        old.addprevious(defaults)
        styles.remove(old)
    else:
        styles.insert(0, defaults)
    # python-docx's template points every slot at theme fonts and sets en-US/ja-JP; replace
    # them so text outside our styles (comments, pasted paragraphs) is Chinese too.
    rpr = _sub(_sub(defaults, "w:rPrDefault"), "w:rPr")
    _sub(rpr, "w:rFonts", **_font_attrs(profile.body.font, profile.latin_font))
    _sub(rpr, "w:sz", val=str(round(profile.body.size * 2)))
    _sub(rpr, "w:szCs", val=str(round(profile.body.size * 2)))
    _sub(rpr, "w:lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA")
    ppr = _sub(_sub(defaults, "w:pPrDefault"), "w:pPr")
    _sub(ppr, "w:spacing", before="0", after="0", line="240", lineRule="auto")


def _set_language(doc: DocxDocument) -> None:
    """Make zh-CN the East Asian language in docDefaults and settings, whatever the base."""
    defaults = _child(doc.styles.element, "w:docDefaults", first=True)
    rpr = _child(_child(defaults, "w:rPrDefault", first=True), "w:rPr")
    _child(rpr, "w:lang", _AFTER_RPR_LANG).set(qn("w:eastAsia"), "zh-CN")
    theme_lang = _child(doc.settings.element, "w:themeFontLang", _AFTER_THEME_FONT_LANG)
    theme_lang.set(qn("w:eastAsia"), "zh-CN")


def _child(parent, tag: str, successors: Sequence[str] = (), *, first: bool = False):
    """The ``tag`` child of ``parent``, added in schema order when missing."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        if first:
            parent.insert(0, found)
        else:
            parent.insert_element_before(found, *successors)
    return found


def _set_page(section, profile: Profile) -> None:
    page = profile.page
    section.page_width, section.page_height = Twips(page.width), Twips(page.height)
    section.top_margin, section.bottom_margin = Twips(page.top), Twips(page.bottom)
    section.left_margin, section.right_margin = Twips(page.left), Twips(page.right)
    section.header_distance, section.footer_distance = Twips(page.header), Twips(page.footer)
    section.gutter = Twips(0)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is not None:
        grid.set(qn("w:linePitch"), str(profile.line_spacing))


def _add_page_numbers(doc: DocxDocument, profile: Profile) -> None:
    number = profile.page_number
    section = doc.sections[0]
    two_sided = number.position in ("outside", "inside")
    doc.settings.odd_and_even_pages_header_footer = two_sided
    odd_side = {"outside": "right", "inside": "left"}.get(number.position, number.position)
    _page_number_paragraph(doc, section.footer, odd_side, number.indent, number.format)
    if two_sided:
        even_side = "left" if odd_side == "right" else "right"
        _page_number_paragraph(
            doc, section.even_page_footer, even_side, number.indent, number.format
        )


def _page_number_paragraph(doc: DocxDocument, footer, side: str, indent: int, fmt: str) -> None:
    footer.is_linked_to_previous = False
    container = footer._element
    for old in list(container):
        container.remove(old)
    paragraph = footer.add_paragraph(style=PAGE_NUMBER_STYLE)
    ppr = paragraph._p.get_or_add_pPr()
    if side in ("left", "right") and indent:
        _sub(ppr, "w:ind", **{side: str(indent)})
    _sub(ppr, "w:jc", val=side)
    before, after = fmt.split(PAGE_PLACEHOLDER)
    fonts = _style_fonts(doc, PAGE_NUMBER_STYLE)
    # A real PAGE field, so Word and LibreOffice number every page themselves; "1" is only
    # the cached result shown until the field is updated.
    pieces = [("text", before), ("begin", ""), ("instr", " PAGE "), ("separate", "")]
    pieces += [("text", "1"), ("end", ""), ("text", after)]
    for kind, text in pieces:
        if kind == "text" and not text:
            continue
        run = _add_run(paragraph, Span(text if kind == "text" else ""), fonts)
        if kind == "instr":
            instr = _sub(run._r, "w:instrText")
            instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            instr.text = text
        elif kind != "text":
            _sub(run._r, "w:fldChar", fldCharType=kind)


# -- content ----------------------------------------------------------------------------------


def _write_content(
    doc: DocxDocument, draft: Draft, profile: Profile
) -> list[tuple[int, Block, Paragraph]]:
    """Add the front matter and blocks; return (paragraph index, block, paragraph) triples."""
    fonts = {element: _style_fonts(doc, name) for element, name in STYLE_NAMES.items()}
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
            known = ", ".join(BLOCK_ELEMENTS)
            raise OutputError(f"block {number} has unknown kind {block.kind!r} (known: {known})")
        paragraph = add(kind)
        spans = _strip_heading_stop(block.spans) if kind == "heading1" else block.spans
        for span in spans:
            if span.text:
                _add_run(paragraph, span, fonts[kind])
        placed.append((len(front) + number - 1, block, paragraph))
    return placed


def _add_run(paragraph: Paragraph, span: Span, fonts: dict[str, str]):
    run = paragraph.add_run(span.text)
    rfonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    for key, value in fonts.items():
        rfonts.set(qn(f"w:{key}"), value)
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
    """Save, then re-zip with fixed timestamps: python-docx stamps members with the time now."""
    raw = io.BytesIO()
    doc.save(raw)
    out = io.BytesIO()
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(item.filename))
    return out.getvalue()


def _write_atomically(files: Sequence[tuple[Path, bytes]]) -> None:
    """Write every file to a temporary name beside it, then move all into place."""
    temps: list[tuple[Path, Path]] = []
    target = files[0][0]
    try:
        for target, data in files:
            tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
            # O_EXCL: never follow or reuse a file someone else put there; 0o666 honours umask.
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            temps.append((tmp, target))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
        for tmp, target in temps:
            os.replace(tmp, target)
    except OSError as exc:
        for tmp, _target in temps:
            tmp.unlink(missing_ok=True)
        reason = exc.strerror or str(exc)
        raise OutputError(f"cannot write the file: {reason}", path=target) from None
