"""A Word document's page, styles and page numbers, set from a format ``Profile``.

The layout follows a ``Profile`` (GB/T 9704 by default, see FORMAT.md): A4 with the standard
margins, 22 lines of 28 三号 characters, the title in 方正小标宋简体, headings in 黑体 and
楷体_GB2312, the body in 仿宋_GB2312, and "— N —" page numbers on the outside edge.

Every element gets a paragraph style of its own (``DK Title`` … ``DK Closing``) rather than a
built-in Heading style, whose theme fonts, colour and space-before would win over ours. Size,
bold, spacing, indent and tracking live only in those styles, so a change made to a style in
Word reaches every paragraph. The font slots and ``w:hint="eastAsia"`` are repeated on each run,
as FORMAT.md asks: Word picks the face of “”—… run by run, and some readers ignore a style's
east-Asian font. A font is therefore best changed in the profile.

This module owns the base document (python-docx's default or a user's reference .docx emptied
of its text), the paragraph styles, docDefaults and the zh-CN language settings, the page size
and margins, and the footers with their PAGE fields. What goes into the body, and writing the
file, belong to ``write.docx``; these are the two modules that import python-docx.
"""

from __future__ import annotations

import typing
import zipfile
from collections.abc import Sequence
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Twips
from docx.styles.style import ParagraphStyle, StyleFactory
from docx.text.run import Run

from draftkit.errors import ProfileError
from draftkit.write.profiles import PAGE_PLACEHOLDER, Profile

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
_OUTLINE_LEVELS = {"heading1": 0, "heading2": 1, "heading3": 2}
_JC = {"left": "left", "center": "center", "right": "right", "justify": "both"}
_FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
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


def apply_profile(doc: DocxDocument, profile: Profile, *, referenced: bool, restyle: bool) -> None:
    """Give ``doc`` the styles, language, page and page numbers of ``profile``.

    A ``referenced`` base (a user's .docx) keeps its page size, margins and docDefaults, and
    its footers when it has any. Its ``DK …`` styles are kept too unless ``restyle`` asks for
    them to be rewritten from the profile; styles it lacks are always created.
    """
    _setup_styles(doc, profile, keep_existing=referenced and not restyle)
    _set_language(doc)
    section = doc.sections[0]
    if not referenced:
        _set_doc_defaults(doc, profile)
        _set_page(section, profile)
    if not referenced or not section._sectPr.xpath("w:footerReference"):
        _add_page_numbers(doc, profile)


def apply_fonts(run: Run, fonts: dict[str, str]) -> None:
    """Repeat a style's font slots (from ``style_fonts``) on one run."""
    rfonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    for key, value in fonts.items():
        rfonts.set(qn(f"w:{key}"), value)


def base_document(reference: Path | None) -> DocxDocument:
    """python-docx's default document, or ``reference`` with its body and comments emptied."""
    if reference is None:
        doc = docx.Document()
        # The template's thumbnail shows an empty English page: drop it rather than mislead.
        rels = doc.part.package.rels
        for rid in [rid for rid, rel in rels.items() if rel.reltype == RT.THUMBNAIL]:
            rels.pop(rid)
        return doc
    reference = Path(reference)
    if not reference.is_file():
        raise ProfileError("找不到参考的 .docx 文件", path=reference)
    try:
        doc = docx.Document(str(reference))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise ProfileError(
            "不是可用的 Word .docx 文件",
            path=reference,
            hint="请在 Word 中另存为 .docx（不是 .doc 或 .dotx）",
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


def style_fonts(doc: DocxDocument, name: str) -> dict[str, str]:
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
    fonts = style_fonts(doc, PAGE_NUMBER_STYLE)
    # A real PAGE field, so Word and LibreOffice number every page themselves; "1" is only
    # the cached result shown until the field is updated.
    pieces = [("text", before), ("begin", ""), ("instr", " PAGE "), ("separate", "")]
    pieces += [("text", "1"), ("end", ""), ("text", after)]
    for kind, text in pieces:
        if kind == "text" and not text:
            continue
        run = paragraph.add_run(text if kind == "text" else "")
        apply_fonts(run, fonts)
        if kind == "instr":
            instr = _sub(run._r, "w:instrText")
            instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            instr.text = text
        elif kind != "text":
            _sub(run._r, "w:fldChar", fldCharType=kind)
