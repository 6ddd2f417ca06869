"""The docs/FORMAT.md rules as checks that any .docx can be run through.

One function, ``check_docx(path)``, reads a Word file with the standard library (zipfile and
ElementTree, so it judges draftkit's writer without sharing its code), finds the title,
subtitle, byline, salutation, headings and body by their text, resolves each property the way
Word does (run → character style → paragraph style → basedOn chain → docDefaults) and reports
one ``RuleResult`` per rule. Tests assert on it and the benchmark scores draftkit's output and
pandoc's with it.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

from draftkit.errors import DraftkitError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"

TWIPS_PER_MM = 56.7
TITLE_FONTS = ("方正小标宋简体", "方正小标宋_GBK")
KAI = ("楷体_GB2312", "楷体")
FANG = ("仿宋_GB2312", "仿宋")
SONG = ("宋体",)
HEI = ("黑体",)
# Characters Word would set in the Latin face without w:hint="eastAsia".
AMBIGUOUS = "“”‘’—…·"

_HEADING1 = re.compile(r"^[一二三四五六七八九十]+、")
_HEADING2 = re.compile(r"^（[一二三四五六七八九十]+）")
_HEADING3 = re.compile(r"^(\d+[.．]|（\d+）)")
_BYLINE = re.compile(r"（\s*\d{4}\s*年")


@dataclass(frozen=True, slots=True)
class RuleResult:
    """One rule's verdict; ``passed`` is None when the document has no such element."""

    rule: str
    passed: bool | None
    detail: str = ""


def check_docx(path: Path) -> list[RuleResult]:
    """Check a .docx against every FORMAT.md rule, in the order FORMAT.md lists them."""
    doc = _Docx(Path(path))
    parts = _classify(doc.paragraphs)
    body = parts["body"]
    return [
        _paper(doc),
        _margins(doc),
        _line_spacing(doc, body),
        _chars_per_line(doc, body),
        _no_colour(doc),
        RuleResult("language zh-CN", doc.default_lang() == "zh-CN", f"{doc.default_lang()}"),
        RuleResult("themeFontLang zh-CN", doc.theme_lang() == "zh-CN", f"{doc.theme_lang()}"),
        _element(doc, "title", parts["title"], TITLE_FONTS, 44, "center", bold=False),
        _element(doc, "subtitle", parts["subtitle"], KAI + FANG, 32, "center"),
        _element(doc, "byline", parts["byline"], KAI, 32, "center"),
        _element(doc, "salutation", parts["salutation"], FANG, 32, indent=False),
        _element(doc, "body", body, FANG, 32, indent=True),
        _body_spacing(doc, body),
        _element(doc, "heading1", parts["heading1"], HEI, 32, indent=True, no_stop=True),
        _element(doc, "heading2", parts["heading2"], KAI, 32, indent=True),
        _element(doc, "heading3", parts["heading3"], FANG, 32, indent=True),
        _hint(doc),
        _no_theme_fonts(doc),
        _latin(doc, body),
        _page_number(doc),
        _page_number_sides(doc),
    ]


def rules_met(results: list[RuleResult]) -> tuple[int, int]:
    """(rules passed, rules that applied)."""
    applied = [r for r in results if r.passed is not None]
    return sum(1 for r in applied if r.passed), len(applied)


# -- reading ----------------------------------------------------------------------------------


class _Docx:
    """The parts of a .docx the rules look at, with Word's property inheritance."""

    def __init__(self, path: Path) -> None:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())

            def xml(name: str) -> ET.Element | None:
                return ET.fromstring(zf.read(name)) if name in names else None

            document = xml("word/document.xml")
            if document is None:
                raise DraftkitError("不是 Word 文档（缺少 word/document.xml）", path=path)
            self.document = document
            self.styles_root = xml("word/styles.xml")
            self.settings = xml("word/settings.xml")
            rels = xml("word/_rels/document.xml.rels")
            targets = {}
            for rel in rels.iter(f"{REL}Relationship") if rels is not None else ():
                targets[rel.get("Id")] = posixpath.normpath("word/" + rel.get("Target", ""))
            self.sect = self.document.find(f"{W}body/{W}sectPr")
            self.footers: dict[str, ET.Element] = {}
            for ref in self.sect.findall(f"{W}footerReference") if self.sect is not None else ():
                footer = xml(targets.get(ref.get(R_ID), ""))
                if footer is not None:
                    self.footers[ref.get(f"{W}type", "default")] = footer
        self.styles = {}
        self.default_para = None
        for style in self.styles_root.iter(f"{W}style") if self.styles_root is not None else ():
            self.styles[style.get(f"{W}styleId")] = style
            if style.get(f"{W}type") == "paragraph" and style.get(f"{W}default") in ("1", "true"):
                self.default_para = style.get(f"{W}styleId")
        defaults = _find(self.styles_root, "docDefaults")
        self.rpr_default = _find(defaults, "rPrDefault/rPr")
        self.ppr_default = _find(defaults, "pPrDefault/pPr")
        self.paragraphs = [p for p in self.document.iter(f"{W}p") if _text(p).strip()]

    def _style_chain(self, style_id: str | None) -> Iterator[ET.Element]:
        seen = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style
            based = style.find(f"{W}basedOn")
            style_id = based.get(f"{W}val") if based is not None else None

    def para_style(self, p: ET.Element) -> str | None:
        ref = _find(p, "pPr/pStyle")
        return ref.get(f"{W}val") if ref is not None else self.default_para

    def rpr_chain(self, p: ET.Element, r: ET.Element | None) -> list[ET.Element]:
        """Run properties from the most specific to the document default."""
        chain = []
        if r is not None:
            chain.append(r.find(f"{W}rPr"))
            rstyle = _find(r, "rPr/rStyle")
            if rstyle is not None:
                chain += [s.find(f"{W}rPr") for s in self._style_chain(rstyle.get(f"{W}val"))]
        chain += [s.find(f"{W}rPr") for s in self._style_chain(self.para_style(p))]
        chain.append(self.rpr_default)
        return [x for x in chain if x is not None]

    def ppr_chain(self, p: ET.Element) -> list[ET.Element]:
        chain = [p.find(f"{W}pPr")]
        chain += [s.find(f"{W}pPr") for s in self._style_chain(self.para_style(p))]
        chain.append(self.ppr_default)
        return [x for x in chain if x is not None]

    def run_attr(self, p: ET.Element, r: ET.Element | None, tag: str, attr: str) -> str | None:
        for rpr in self.rpr_chain(p, r):
            element = rpr.find(f"{W}{tag}")
            if element is not None and element.get(f"{W}{attr}") is not None:
                return element.get(f"{W}{attr}")
        return None

    def font(self, p: ET.Element, r: ET.Element | None, slot: str) -> str | None:
        """The face in one rFonts slot; ``theme:…`` when a theme attribute decides it."""
        for rpr in self.rpr_chain(p, r):
            fonts = rpr.find(f"{W}rFonts")
            if fonts is None:
                continue
            theme = fonts.get(f"{W}{slot}Theme") or (
                fonts.get(f"{W}cstheme") if slot == "cs" else None
            )
            if theme:
                return f"theme:{theme}"
            if fonts.get(f"{W}{slot}"):
                return fonts.get(f"{W}{slot}")
        return None

    def bold(self, p: ET.Element, r: ET.Element | None) -> bool:
        for rpr in self.rpr_chain(p, r):
            b = rpr.find(f"{W}b")
            if b is not None:
                return b.get(f"{W}val", "1") not in ("0", "false", "off")
        return False

    def para_attr(self, p: ET.Element, tag: str, attr: str) -> str | None:
        for ppr in self.ppr_chain(p):
            element = ppr.find(f"{W}{tag}")
            if element is not None and element.get(f"{W}{attr}") is not None:
                return element.get(f"{W}{attr}")
        return None

    def runs(self, p: ET.Element) -> list[ET.Element]:
        return [r for r in p.iter(f"{W}r") if "".join(t.text or "" for t in r.iter(f"{W}t"))]

    def default_lang(self) -> str | None:
        lang = _find(self.rpr_default, "lang")
        return lang.get(f"{W}eastAsia") if lang is not None else None

    def theme_lang(self) -> str | None:
        lang = _find(self.settings, "themeFontLang")
        return lang.get(f"{W}eastAsia") if lang is not None else None

    def all_run_pairs(self) -> Iterator[tuple[ET.Element, ET.Element]]:
        for p in self.paragraphs:
            for r in self.runs(p):
                yield p, r


def _find(element: ET.Element | None, path: str) -> ET.Element | None:
    if element is None:
        return None
    return element.find("/".join(f"{W}{step}" for step in path.split("/")))


def _text(element: ET.Element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def _classify(paragraphs: list[ET.Element]) -> dict[str, list[ET.Element]]:
    """Sort paragraphs into elements by their text, as a reader of the printout would."""
    parts: dict[str, list[ET.Element]] = {
        k: []
        for k in ("title", "subtitle", "byline", "salutation", "heading1", "heading2", "heading3")
    }
    parts["body"] = []
    seen_heading = False
    for index, p in enumerate(paragraphs):
        text = _text(p).strip()
        if index == 0:
            parts["title"].append(p)
        elif text.startswith("——") and not parts["salutation"]:
            parts["subtitle"].append(p)
        elif _BYLINE.search(text) and not parts["salutation"] and len(text) < 40:
            parts["byline"].append(p)
        elif text.endswith("：") and len(text) <= 20 and not seen_heading:
            parts["salutation"].append(p)
        elif _HEADING1.match(text):
            parts["heading1"].append(p)
            seen_heading = True
        elif _HEADING2.match(text) and len(text) <= 40:
            parts["heading2"].append(p)
        elif _HEADING3.match(text) and len(text) <= 40:
            parts["heading3"].append(p)
        else:
            parts["body"].append(p)
    return parts


# -- rules ------------------------------------------------------------------------------------


def _sect_attr(doc: _Docx, tag: str, attr: str) -> int | None:
    element = _find(doc.sect, tag)
    value = element.get(f"{W}{attr}") if element is not None else None
    return int(value) if value and value.lstrip("-").isdigit() else None


def _paper(doc: _Docx) -> RuleResult:
    size = (_sect_attr(doc, "pgSz", "w"), _sect_attr(doc, "pgSz", "h"))
    return RuleResult("paper A4", size == (11906, 16838), f"{size}")


def _margins(doc: _Docx) -> RuleResult:
    want = {"top": 2098, "left": 1587, "right": 1474, "bottom": 1984}
    got = {side: _sect_attr(doc, "pgMar", side) for side in want}
    ok = all(v is not None and abs(v - want[k]) <= TWIPS_PER_MM for k, v in got.items())
    return RuleResult("margins 37/28/26/35 mm", ok, f"{got}")


def _line_spacing(doc: _Docx, body: list[ET.Element]) -> RuleResult:
    values = {
        (doc.para_attr(p, "spacing", "line"), doc.para_attr(p, "spacing", "lineRule")) for p in body
    }
    return RuleResult("22 lines: line 579 exact", values == {("579", "exact")}, f"{values}")


def _chars_per_line(doc: _Docx, body: list[ET.Element]) -> RuleResult:
    width = (_sect_attr(doc, "pgSz", "w") or 0) - (_sect_attr(doc, "pgMar", "left") or 0)
    width -= _sect_attr(doc, "pgMar", "right") or 0
    counts = set()
    for p in body:
        for r in doc.runs(p):
            size = int(doc.run_attr(p, r, "sz", "val") or 20) * 10
            tracking = int(doc.run_attr(p, r, "spacing", "val") or 0)
            counts.add(int(width // (size + tracking)) if size + tracking > 0 else 0)
    return RuleResult("28 characters per line", counts == {28}, f"{sorted(counts)}")


def _no_colour(doc: _Docx) -> RuleResult:
    colours = set()
    for p, r in doc.all_run_pairs():
        for rpr in doc.rpr_chain(p, r):
            colour = rpr.find(f"{W}color")
            if colour is not None:
                value = colour.get(f"{W}val", "")
                if value.lower() not in ("000000", "auto") or colour.get(f"{W}themeColor"):
                    colours.add(colour.get(f"{W}themeColor") or value)
                break
    return RuleResult("black text", not colours, f"{sorted(colours)}")


def _element(
    doc: _Docx,
    name: str,
    paragraphs: list[ET.Element],
    fonts: tuple[str, ...],
    half_points: int,
    align: str | None = None,
    *,
    bold: bool | None = None,
    indent: bool | None = None,
    no_stop: bool = False,
) -> RuleResult:
    if not paragraphs:
        return RuleResult(f"{name} format", None, "not present")
    problems: list[str] = []
    for p in paragraphs:
        text = _text(p).strip()
        for r in doc.runs(p):
            face = doc.font(p, r, "eastAsia")
            size = doc.run_attr(p, r, "sz", "val")
            if face not in fonts:
                problems.append(f"font {face}")
            if size != str(half_points):
                problems.append(f"size {size}")
            if bold is not None and doc.bold(p, r) != bold:
                problems.append("bold")
        jc = doc.para_attr(p, "jc", "val") or "left"
        if align and jc != align:
            problems.append(f"align {jc}")
        if indent is not None and _two_char_indent(doc, p, half_points) != indent:
            problems.append("indent")
        if no_stop and text.endswith(("。", ".")):
            problems.append("full stop")
    unique = sorted(set(problems))
    return RuleResult(f"{name} format", not unique, ", ".join(unique))


def _two_char_indent(doc: _Docx, p: ET.Element, half_points: int) -> bool:
    chars = doc.para_attr(p, "ind", "firstLineChars")
    if chars is not None and chars != "0":
        return chars == "200"
    first = int(doc.para_attr(p, "ind", "firstLine") or 0)
    return abs(first - half_points * 20) <= 20


def _body_spacing(doc: _Docx, body: list[ET.Element]) -> RuleResult:
    found = set()
    for p in body:
        for attr in ("before", "after", "beforeLines", "afterLines"):
            found.add(int(doc.para_attr(p, "spacing", attr) or 0))
    return RuleResult("body spacing before/after 0", found <= {0}, f"{sorted(found)}")


def _runs_where(doc: _Docx, test: Callable[[ET.Element, ET.Element], bool]) -> list[str]:
    return [_text(r)[:12] for p, r in doc.all_run_pairs() if test(p, r)]


def _hint(doc: _Docx) -> RuleResult:
    def missing(p: ET.Element, r: ET.Element) -> bool:
        needs = any(ch in AMBIGUOUS for ch in _text(r))
        return needs and doc.run_attr(p, r, "rFonts", "hint") != "eastAsia"

    bad = _runs_where(doc, missing)
    return RuleResult("hint eastAsia on “”—…", not bad, f"{len(bad)} runs without: {bad[:3]}")


def _no_theme_fonts(doc: _Docx) -> RuleResult:
    def themed(p: ET.Element, r: ET.Element) -> bool:
        face = doc.font(p, r, "eastAsia")
        return face is None or face.startswith("theme:")

    bad = _runs_where(doc, themed)
    return RuleResult("explicit east-Asian face", not bad, f"{len(bad)} runs: {bad[:3]}")


def _latin(doc: _Docx, body: list[ET.Element]) -> RuleResult:
    faces = {doc.font(p, r, "ascii") for p in body for r in doc.runs(p)}
    return RuleResult("Times New Roman digits", faces == {"Times New Roman"}, f"{faces}")


def _footer_paragraphs(doc: _Docx, kind: str) -> list[ET.Element]:
    footer = doc.footers.get(kind)
    return [] if footer is None else list(footer.iter(f"{W}p"))


def _has_page_field(p: ET.Element) -> bool:
    instr = "".join(t.text or "" for t in p.iter(f"{W}instrText"))
    simple = [f.get(f"{W}instr", "") for f in p.iter(f"{W}fldSimple")]
    return "PAGE" in instr.split() or any("PAGE" in s.split() for s in simple)


def _page_number(doc: _Docx) -> RuleResult:
    paragraphs = [p for kind in ("default", "even") for p in _footer_paragraphs(doc, kind)]
    numbered = [p for p in paragraphs if _has_page_field(p)]
    if not numbered:
        return RuleResult("page number “— N —” 宋体 四号", False, "no PAGE field in a footer")
    problems = set()
    for p in numbered:
        if not re.fullmatch(r"—\s*(\S+)?\s*—", _text(p).strip()):
            problems.add(f"text {_text(p)!r}")
        for r in p.iter(f"{W}r"):
            if doc.font(p, r, "ascii") not in SONG or doc.run_attr(p, r, "sz", "val") != "28":
                problems.add("font or size")
    return RuleResult("page number “— N —” 宋体 四号", not problems, ", ".join(sorted(problems)))


def _page_number_sides(doc: _Docx) -> RuleResult:
    problems = []
    if _find(doc.settings, "evenAndOddHeaders") is None:
        problems.append("no evenAndOddHeaders")
    for kind, side in (("default", "right"), ("even", "left")):
        numbered = [p for p in _footer_paragraphs(doc, kind) if _has_page_field(p)]
        if not numbered:
            problems.append(f"no {kind} footer")
            continue
        p = numbered[0]
        jc = doc.para_attr(p, "jc", "val")
        ind = doc.para_attr(p, "ind", side) or doc.para_attr(
            p, "ind", "end" if side == "right" else "start"
        )
        if jc != side or ind != "280":
            problems.append(f"{kind}: {jc} indent {ind}")
    return RuleResult("odd right, even left, 1 char in", not problems, "; ".join(problems))
