"""The .docx writer against FORMAT.md: every rule read back from a real file."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import docx
import pytest
import yaml
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn

from draftkit.errors import DraftkitError, OutputError, ProfileError
from draftkit.models import Block, Draft, Provenance, Span, fill_in
from draftkit.review.docx_rules import check_docx, rules_met
from draftkit.write.docx import STYLE_NAMES, write_docx
from draftkit.write.profiles import load_profile

DATE = dt.date(2026, 11, 22)
SOURCE = Provenance("sentence-0042", "sentence", "corpus/a.txt", "在全市工作会议上的讲话", 4)
OTHER = Provenance("parallel-0007", "parallel", "corpus/b.txt", "在全县务虚会上的讲话", 0)


def make_draft(title: str = "在全市优化营商环境工作推进会上的讲话") -> Draft:
    blocks = (
        Block("salutation", (Span("同志们："),)),
        Block(
            "paragraph",
            (Span("今天召开"), fill_in("会议名称"), Span("，主要任务是总结工作、部署任务。")),
            role="开场",
            provenance=(SOURCE,),
        ),
        Block("heading1", (Span("一、统一思想，提高认识。"),), role="认识"),
        Block("heading2", (Span("（一）坚持问题导向。"),), role="认识"),
        Block("paragraph", (Span("要把“放管服”改革作为重要抓手——抓紧抓实……"),)),
        Block("heading2", (Span("（二）坚持目标导向。"),)),
        Block(
            "paragraph", (Span("目标就是方向，2026年要完成"), fill_in("具体数字"), Span("项任务。"))
        ),
        Block("heading1", (Span("二、突出重点，狠抓落实"),), role="要求"),
        Block("heading2", (Span("（一）压实责任。"),)),
        Block("paragraph", (Span("各级各部门要主动担当、积极作为。"),), provenance=(SOURCE, OTHER)),
        Block("closing", (Span("谢谢大家！"),), role="结束"),
    )
    return Draft(
        title=title,
        subtitle="——在全市优化营商环境工作推进会上的讲话",
        byline="张三（2026年11月22日）",
        date=DATE,
        author="张三",
        blocks=blocks,
    )


@pytest.fixture
def written(tmp_path: Path) -> Path:
    return write_docx(make_draft(), tmp_path / "speech.docx")


@pytest.fixture
def document(written: Path):
    return docx.Document(str(written))


def paragraphs_by_style(document) -> dict[str, list]:
    found: dict[str, list] = {}
    for paragraph in document.paragraphs:
        found.setdefault(paragraph.style.name, []).append(paragraph)
    return found


def style_xml(document, element: str):
    return document.styles[STYLE_NAMES[element]].element


def attr(element, path: str, name: str) -> str | None:
    found = element.find(
        path.format(w="{http://schemas.openxmlformats.org/wordprocessingml/2006/main}")
    )
    return None if found is None else found.get(qn(f"w:{name}"))


W = "{w}"
ELEMENT_FONTS = {
    "title": "方正小标宋简体",
    "subtitle": "楷体_GB2312",
    "byline": "楷体_GB2312",
    "salutation": "仿宋_GB2312",
    "body": "仿宋_GB2312",
    "heading1": "黑体",
    "heading2": "楷体_GB2312",
    "closing": "仿宋_GB2312",
}


# -- page ----------------------------------------------------------------------------------------


def test_page_is_a4_with_the_gbt9704_margins(document) -> None:
    sect = document.sections[0]._sectPr
    assert attr(sect, f"{W}pgSz", "w") == "11906"
    assert attr(sect, f"{W}pgSz", "h") == "16838"
    margins = {side: attr(sect, f"{W}pgMar", side) for side in ("top", "left", "right", "bottom")}
    assert margins == {"top": "2098", "left": "1587", "right": "1474", "bottom": "1984"}


@pytest.mark.parametrize("element", [*ELEMENT_FONTS, "heading3"])
def test_every_text_style_sits_on_the_22_line_grid_with_no_space_around(document, element) -> None:
    spacing = style_xml(document, element).find(qn("w:pPr") + "/" + qn("w:spacing"))
    assert spacing.get(qn("w:line")) == "579"
    assert spacing.get(qn("w:lineRule")) == "exact"
    assert spacing.get(qn("w:before")) == "0"
    assert spacing.get(qn("w:after")) == "0"


@pytest.mark.parametrize("element", [*ELEMENT_FONTS, "heading3"])
def test_runs_are_tracked_a_quarter_point_tighter_to_fit_28_characters(document, element) -> None:
    assert attr(style_xml(document, element), f"{W}rPr/{W}spacing", "val") == "-5"


def test_nothing_is_coloured(written: Path) -> None:
    with zipfile.ZipFile(written) as package:
        for name in ("word/document.xml", "word/styles.xml", "word/footer1.xml"):
            xml = package.read(name).decode()
            if name == "word/styles.xml":
                ours = [s for s in xml.split("<w:style ") if 'w:styleId="DK' in s]
                xml = "".join(ours)
            assert "<w:color" not in xml, name


def test_language_is_zh_cn_in_doc_defaults_and_theme_font_lang(written: Path, document) -> None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert attr(defaults, f"{W}rPrDefault/{W}rPr/{W}lang", "eastAsia") == "zh-CN"
    theme = document.settings.element.find(qn("w:themeFontLang"))
    assert theme.get(qn("w:eastAsia")) == "zh-CN"
    assert "ja-JP" not in zipfile.ZipFile(written).read("word/settings.xml").decode()


# -- text ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("element", "face"), ELEMENT_FONTS.items())
def test_each_element_names_its_chinese_face_in_the_east_asian_slot(document, element, face):
    fonts = style_xml(document, element).find(qn("w:rPr") + "/" + qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == face
    assert fonts.get(qn("w:hint")) == "eastAsia"
    runs = [r for p in paragraphs_by_style(document)[STYLE_NAMES[element]] for r in p.runs]
    assert runs
    for run in runs:
        rfonts = run._r.rPr.rFonts
        assert rfonts.get(qn("w:eastAsia")) == face
        assert rfonts.get(qn("w:hint")) == "eastAsia"
        for slot in ("ascii", "hAnsi", "cs"):
            assert rfonts.get(qn(f"w:{slot}")) == "Times New Roman"


@pytest.mark.parametrize(
    ("element", "half_points"),
    [("title", "44"), ("subtitle", "32"), ("byline", "32"), ("salutation", "32")]
    + [("body", "32"), ("heading1", "32"), ("heading2", "32"), ("heading3", "32")],
)
def test_sizes_are_erhao_for_the_title_and_sanhao_for_everything_else(
    document, element, half_points
) -> None:
    style = style_xml(document, element)
    assert attr(style, f"{W}rPr/{W}sz", "val") == half_points
    assert attr(style, f"{W}rPr/{W}szCs", "val") == half_points


@pytest.mark.parametrize(
    ("element", "jc"),
    [("title", "center"), ("subtitle", "center"), ("byline", "center"), ("salutation", "left")],
)
def test_title_subtitle_and_byline_are_centred_the_salutation_flush_left(document, element, jc):
    assert attr(style_xml(document, element), f"{W}pPr/{W}jc", "val") == jc


@pytest.mark.parametrize("element", list(ELEMENT_FONTS) + ["heading3"])
def test_nothing_is_bold_by_default(document, element) -> None:
    assert attr(style_xml(document, element), f"{W}rPr/{W}b", "val") == "0"


@pytest.mark.parametrize(
    ("element", "first_line", "chars"),
    [("body", "640", "200"), ("heading1", "640", "200"), ("heading2", "640", "200")]
    + [("heading3", "640", "200"), ("closing", "640", "200"), ("salutation", "0", "0")]
    + [("title", "0", "0")],
)
def test_body_and_headings_indent_two_characters_the_salutation_none(
    document, element, first_line, chars
) -> None:
    style = style_xml(document, element)
    assert attr(style, f"{W}pPr/{W}ind", "firstLine") == first_line
    assert attr(style, f"{W}pPr/{W}ind", "firstLineChars") == chars
    assert attr(style, f"{W}pPr/{W}ind", "left") == "0"


def test_level_one_headings_end_without_a_full_stop(document) -> None:
    headings = [p.text for p in paragraphs_by_style(document)[STYLE_NAMES["heading1"]]]
    assert headings == ["一、统一思想，提高认识", "二、突出重点，狠抓落实"]
    # Level two keeps its stop: it reads as the first sentence of its paragraph.
    assert paragraphs_by_style(document)[STYLE_NAMES["heading2"]][0].text.endswith("。")


def test_our_styles_carry_no_theme_fonts_colour_or_inherited_formatting(written: Path) -> None:
    styles = zipfile.ZipFile(written).read("word/styles.xml").decode()
    defaults = styles.split("</w:docDefaults>")[0]
    assert "Theme" not in defaults and "cstheme" not in defaults
    ours = [s for s in styles.split("<w:style ")[1:] if 'w:styleId="DK' in s]
    assert len(ours) == len(STYLE_NAMES) + 1  # + the page-number style
    for style in ours:
        assert "Theme" not in style and "cstheme" not in style
        assert "<w:color" not in style
        assert "<w:basedOn" not in style


def test_headings_carry_outline_levels_so_the_navigation_pane_lists_them(document) -> None:
    levels = {
        e: attr(style_xml(document, e), f"{W}pPr/{W}outlineLvl", "val") for e in ELEMENT_FONTS
    }
    assert levels["heading1"] == "0" and levels["heading2"] == "1"
    assert levels["body"] is None


def test_fill_ins_are_highlighted_yellow_and_nothing_else_is(document) -> None:
    highlighted = [
        run.text
        for paragraph in document.paragraphs
        for run in paragraph.runs
        if run.font.highlight_color is not None
    ]
    assert highlighted == ["【待填：会议名称】", "【待填：具体数字】"]
    marked = [r for p in document.paragraphs for r in p.runs if r.text.startswith("【待填")]
    assert all(r.font.highlight_color == WD_COLOR_INDEX.YELLOW for r in marked)


def test_text_of_every_block_appears_in_order_after_the_heading_group(document) -> None:
    draft = make_draft()
    texts = [p.text for p in document.paragraphs]
    expected_blocks = [
        b.text.rstrip("。") if b.kind == "heading1" else b.text for b in draft.blocks
    ]
    assert texts == [draft.title, draft.subtitle, draft.byline, *expected_blocks]
    styles = [p.style.name for p in document.paragraphs]
    assert styles[:4] == ["DK Title", "DK Subtitle", "DK Byline", "DK Salutation"]
    assert styles[-1] == "DK Closing"


def test_a_blank_line_separates_the_heading_group_from_the_salutation(document) -> None:
    byline = document.paragraphs[2]
    assert byline.paragraph_format.space_after.twips == 579


def test_long_titles_break_before_the_dash_and_between_phrases_not_mid_word(tmp_path) -> None:
    title = "关于深入推进全市营商环境优化提升暨作风建设年活动的实施意见——在动员大会上的讲话"
    path = write_docx(make_draft(title=title), tmp_path / "long.docx")
    lines = docx.Document(str(path)).paragraphs[0].text.split("\n")
    assert "".join(lines) == title
    assert lines[-1] == "——在动员大会上的讲话"
    assert all(len(line) <= 20 for line in lines)  # 二号 fits 20 characters in 156 mm
    assert lines[1].startswith("暨")  # a phrase boundary, not the middle of 营商环境


@pytest.mark.parametrize(
    ("title", "lines"),
    [
        (
            "在某市人民政府优化营商环境工作会议上的讲话",
            ["在某市人民政府", "优化营商环境工作会议上的讲话"],
        ),
        (
            "在2026年全市安全生产和应急管理工作会议上的讲话",
            ["在2026年全市安全生产和", "应急管理工作会议上的讲话"],
        ),
        ("在全市经济工作会议上的讲话", ["在全市经济工作会议上的讲话"]),
    ],
)
def test_title_breaks_fall_between_words_and_never_leave_a_stub(tmp_path, title, lines) -> None:
    path = write_docx(make_draft(title=title), tmp_path / "t.docx")
    assert docx.Document(str(path)).paragraphs[0].text.split("\n") == lines


def test_a_two_line_title_puts_the_shorter_line_on_top_when_it_can(tmp_path) -> None:
    title = "在全市深化放管服改革和优化营商环境暨作风建设大会上的讲话"
    path = write_docx(make_draft(title=title), tmp_path / "long.docx")
    lines = docx.Document(str(path)).paragraphs[0].text.split("\n")
    assert lines == ["在全市深化放管服改革和", "优化营商环境暨作风建设大会上的讲话"]


# -- page numbers --------------------------------------------------------------------------------


def footer_paragraph(footer):
    [paragraph] = footer.paragraphs
    return paragraph


def test_page_numbers_are_page_fields_between_dashes_in_songti_sihao(document) -> None:
    section = document.sections[0]
    for footer in (section.footer, section.even_page_footer):
        paragraph = footer_paragraph(footer)
        assert paragraph.text == "— 1 —"  # "1" is the cached field result
        instr = paragraph._p.xpath(".//w:instrText")
        assert [i.text.strip() for i in instr] == ["PAGE"]
        kinds = [f.get(qn("w:fldCharType")) for f in paragraph._p.xpath(".//w:fldChar")]
        assert kinds == ["begin", "separate", "end"]
        for run in paragraph.runs:
            rfonts = run._r.rPr.rFonts
            assert {rfonts.get(qn(f"w:{s}")) for s in ("ascii", "hAnsi", "eastAsia", "cs")} == {
                "宋体"
            }
    style = document.styles["DK Page Number"].element
    assert attr(style, f"{W}rPr/{W}sz", "val") == "28"
    assert attr(style, f"{W}rPr/{W}rFonts", "eastAsia") == "宋体"


def test_odd_page_numbers_sit_right_and_even_left_one_character_in(document) -> None:
    assert document.settings.odd_and_even_pages_header_footer is True
    section = document.sections[0]
    odd = footer_paragraph(section.footer)._p.pPr
    even = footer_paragraph(section.even_page_footer)._p.pPr
    assert attr(odd, f"{W}jc", "val") == "right"
    assert attr(odd, f"{W}ind", "right") == "280"
    assert attr(even, f"{W}jc", "val") == "left"
    assert attr(even, f"{W}ind", "left") == "280"


# -- package -------------------------------------------------------------------------------------


def test_core_properties_come_from_the_draft_at_midnight_utc(document) -> None:
    props = document.core_properties
    midnight = dt.datetime(2026, 11, 22, 0, 0)
    assert props.title == "在全市优化营商环境工作推进会上的讲话"
    assert props.author == "张三"
    assert props.language == "zh-CN"
    for stamp in (props.created, props.modified, props.last_printed):
        assert stamp.replace(tzinfo=None) == midnight
    assert "python-docx" not in (props.comments + props.last_modified_by)


def test_the_same_draft_gives_a_byte_identical_file(tmp_path: Path) -> None:
    first = write_docx(make_draft(), tmp_path / "a.docx", provenance="comments")
    second = write_docx(make_draft(), tmp_path / "b.docx", provenance="comments")
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as package:
        assert {info.date_time for info in package.infolist()} == {(2026, 11, 22, 0, 0, 0)}
        assert "docProps/thumbnail.jpeg" not in package.namelist()


def test_the_rule_checker_finds_every_format_rule_met(written: Path) -> None:
    results = check_docx(written)
    assert [r for r in results if r.passed is False] == []
    passed, applied = rules_met(results)
    assert passed == applied >= 20


def test_the_rule_checker_fails_a_plain_python_docx_file(tmp_path: Path) -> None:
    plain = docx.Document()
    for text in ("在全市工作会议上的讲话", "同志们：", "一、统一思想", "今天我们召开会议。"):
        plain.add_paragraph(text)
    plain.save(str(tmp_path / "plain.docx"))
    passed, applied = rules_met(check_docx(tmp_path / "plain.docx"))
    assert passed <= 2 and applied >= 15


# -- overwrite and atomic writes -----------------------------------------------------------------


def test_an_existing_file_is_kept_unless_forced(tmp_path: Path) -> None:
    target = tmp_path / "speech.docx"
    target.write_bytes(b"mine")
    with pytest.raises(OutputError, match="已存在"):
        write_docx(make_draft(), target)
    assert target.read_bytes() == b"mine"
    write_docx(make_draft(), target, force=True)
    assert zipfile.is_zipfile(target)


def test_the_output_must_end_in_docx(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r"\.docx"):
        write_docx(make_draft(), tmp_path / "speech.doc")
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_provenance_mode_is_refused_and_leaves_no_file(tmp_path: Path) -> None:
    with pytest.raises(DraftkitError, match="provenance") as caught:
        write_docx(make_draft(), tmp_path / "speech.docx", provenance="footnotes")
    assert "none、comments、sidecar" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_location_leaves_no_file(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(OutputError):
        write_docx(make_draft(), blocker / "speech.docx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not-a-folder"]


def test_text_word_cannot_store_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    bad = make_draft()
    bad = Draft(
        bad.title,
        bad.subtitle,
        bad.byline,
        bad.date,
        bad.author,
        (Block("paragraph", (Span("坏\x0b字"),)),),
    )
    with pytest.raises(OutputError, match="U\\+000B"):
        write_docx(bad, tmp_path / "speech.docx")
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_block_kind_is_named(tmp_path: Path) -> None:
    odd = make_draft()
    odd = Draft(odd.title, "", "", odd.date, odd.author, (Block("table", (Span("表"),)),))
    with pytest.raises(OutputError, match="类型“table”未知"):
        write_docx(odd, tmp_path / "speech.docx")
    assert list(tmp_path.iterdir()) == []


# -- provenance ----------------------------------------------------------------------------------


def test_comments_name_the_source_speech_paragraph_and_entry(tmp_path: Path) -> None:
    path = write_docx(make_draft(), tmp_path / "speech.docx", provenance="comments")
    document = docx.Document(str(path))
    comments = list(document.comments)
    assert len(comments) == 2  # two blocks carry provenance
    first = comments[0]
    assert first.text == "来源：在全市工作会议上的讲话（corpus/a.txt 第5段）· sentence-0042"
    assert first.author == "draftkit"
    assert first.timestamp.replace(tzinfo=None) == dt.datetime(2026, 11, 22)
    assert comments[1].text.splitlines() == [
        "来源：在全市工作会议上的讲话（corpus/a.txt 第5段）· sentence-0042",
        "来源：在全县务虚会上的讲话（corpus/b.txt 第1段）· parallel-0007",
    ]
    anchored = document.paragraphs[4]._p.xpath("./w:commentRangeStart")
    assert anchored and document.paragraphs[4].text.startswith("今天召开")


def test_sidecar_lists_paragraph_excerpt_and_sources(tmp_path: Path) -> None:
    path = write_docx(make_draft(), tmp_path / "speech.docx", provenance="sidecar")
    sidecar = tmp_path / "speech.provenance.yaml"
    data = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
    assert data["docx"] == "speech.docx"
    first, second = data["paragraphs"]
    document = docx.Document(str(path))
    assert document.paragraphs[first["paragraph"]].text.startswith(first["excerpt"].rstrip("…"))
    assert first["sources"] == [
        {
            "entry_id": "sentence-0042",
            "kind": "sentence",
            "source": "corpus/a.txt",
            "title": "在全市工作会议上的讲话",
            "paragraph": 4,
        }
    ]
    assert [s["entry_id"] for s in second["sources"]] == ["sentence-0042", "parallel-0007"]
    assert not list(document.comments)


def test_an_existing_sidecar_is_kept_unless_forced(tmp_path: Path) -> None:
    (tmp_path / "speech.provenance.yaml").write_text("mine")
    with pytest.raises(OutputError, match="已存在"):
        write_docx(make_draft(), tmp_path / "speech.docx", provenance="sidecar")
    assert not (tmp_path / "speech.docx").exists()


# -- profiles ------------------------------------------------------------------------------------


def test_a_user_profile_changes_body_font_size_heading_bold_and_page_numbers(tmp_path) -> None:
    user = tmp_path / "office.yaml"
    user.write_text(
        "body:\n  font: 方正仿宋_GBK\n  size: 小三\n"
        "heading1:\n  bold: true\n"
        "page_number:\n  position: center\n",
        encoding="utf-8",
    )
    profile = load_profile(user)
    path = write_docx(make_draft(), tmp_path / "speech.docx", profile=profile)
    document = docx.Document(str(path))
    body = style_xml(document, "body")
    assert attr(body, f"{W}rPr/{W}rFonts", "eastAsia") == "方正仿宋_GBK"
    assert attr(body, f"{W}rPr/{W}sz", "val") == "30"
    assert attr(body, f"{W}pPr/{W}ind", "firstLine") == "600"  # two 小三 characters
    assert attr(style_xml(document, "heading1"), f"{W}rPr/{W}b", "val") == "1"
    assert attr(style_xml(document, "heading2"), f"{W}rPr/{W}b", "val") == "0"
    assert document.settings.odd_and_even_pages_header_footer is False
    footer = footer_paragraph(document.sections[0].footer)
    assert attr(footer._p.pPr, f"{W}jc", "val") == "center"
    assert footer._p.pPr.find(qn("w:ind")) is None
    # Untouched fields keep the default.
    assert attr(style_xml(document, "title"), f"{W}rPr/{W}rFonts", "eastAsia") == "方正小标宋简体"


@pytest.mark.parametrize(
    ("text", "line", "field", "message"),
    [
        ("body:\n  font: 仿宋\n  colour: red\n", 3, "body.colour", "未知的项"),
        ("heading1:\n  bold: 1\n", 2, "heading1.bold", "true 或 false"),
        ("page:\n  top: 37mm\n", 2, "page.top", "应为整数"),
        ("title:\n  size: 特大号\n", 2, "title.size", "没有“特大号”这个字号"),
        ("page_number:\n  position: middle\n", 2, "page_number.position", "之一"),
        ("page_number:\n  format: 第页\n", 2, "page_number.format", "{page}"),
        ("fonts: {}\n", 1, "fonts", "未知的项"),
        ("body: 仿宋\n", 1, "body", "映射"),
    ],
)
def test_a_bad_profile_names_the_file_line_and_field(tmp_path, text, line, field, message) -> None:
    user = tmp_path / "bad.yaml"
    user.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profile(user)
    error = caught.value
    assert (error.path, error.line, error.field) == (str(user), line, field)
    assert message in error.message
    assert str(caught.value).startswith(f"{user}:{line}: {field}: ")


def test_a_profile_that_is_not_yaml_names_the_line(tmp_path: Path) -> None:
    user = tmp_path / "broken.yaml"
    user.write_text("body:\n  font: [仿宋\n", encoding="utf-8")
    with pytest.raises(ProfileError, match="YAML 语法错误") as caught:
        load_profile(user)
    assert caught.value.path == str(user) and caught.value.line == 3


def test_chinese_size_names_and_points_both_work(tmp_path: Path) -> None:
    user = tmp_path / "sizes.yaml"
    user.write_text("title: {size: 小二}\nbody: {size: 15.5}\n", encoding="utf-8")
    profile = load_profile(user)
    assert (profile.title.size, profile.body.size) == (18.0, 15.5)
    assert load_profile(None).title.size == 22.0


# -- reference document --------------------------------------------------------------------------


def make_reference(path: Path, *, body_style_font: str | None = None) -> Path:
    reference = docx.Document()
    section = reference.sections[0]
    section.top_margin = docx.shared.Mm(30)
    section.left_margin = docx.shared.Mm(25)
    if body_style_font:
        style = reference.styles.add_style("DK Body", 1)
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), body_style_font)
    reference.add_paragraph("这段参考文字不应出现在输出里。")
    reference.save(str(path))
    return path


def test_a_reference_docx_gives_its_margins_and_loses_its_text(tmp_path: Path) -> None:
    reference = make_reference(tmp_path / "ref.docx")
    path = write_docx(make_draft(), tmp_path / "speech.docx", reference_docx=reference)
    document = docx.Document(str(path))
    section = document.sections[0]
    assert round(section.top_margin.mm) == 30
    assert round(section.left_margin.mm) == 25
    assert round(section.page_width.mm) == 216  # python-docx's template is US Letter
    texts = [p.text for p in document.paragraphs]
    assert "这段参考文字不应出现在输出里。" not in texts
    assert texts[0] == make_draft().title
    # Styles the reference lacks come from the profile; the language is still Chinese.
    assert attr(style_xml(document, "heading1"), f"{W}rPr/{W}rFonts", "eastAsia") == "黑体"
    assert document.settings.element.find(qn("w:themeFontLang")).get(qn("w:eastAsia")) == "zh-CN"


def test_a_reference_style_wins_unless_a_profile_is_given(tmp_path: Path) -> None:
    reference = make_reference(tmp_path / "ref.docx", body_style_font="方正仿宋_GBK")
    kept = write_docx(make_draft(), tmp_path / "kept.docx", reference_docx=reference)
    body = docx.Document(str(kept)).paragraphs[4]
    assert body.runs[0]._r.rPr.rFonts.get(qn("w:eastAsia")) == "方正仿宋_GBK"
    rewritten = write_docx(
        make_draft(), tmp_path / "new.docx", reference_docx=reference, profile=load_profile()
    )
    document = docx.Document(str(rewritten))
    assert attr(style_xml(document, "body"), f"{W}rPr/{W}rFonts", "eastAsia") == "仿宋_GB2312"


def test_a_missing_or_broken_reference_is_a_profile_error(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="找不到"):
        write_docx(make_draft(), tmp_path / "a.docx", reference_docx=tmp_path / "none.docx")
    broken = tmp_path / "broken.docx"
    broken.write_text("not a zip")
    with pytest.raises(ProfileError, match="不是可用的 Word"):
        write_docx(make_draft(), tmp_path / "a.docx", reference_docx=broken)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.docx"]


def test_a_reference_with_its_own_footer_keeps_it_and_gets_no_page_numbers(tmp_path) -> None:
    reference = docx.Document()
    reference.sections[0].footer.paragraphs[0].text = "内部资料 注意保存"
    reference.save(str(tmp_path / "ref.docx"))
    path = write_docx(make_draft(), tmp_path / "speech.docx", reference_docx=tmp_path / "ref.docx")
    footer = docx.Document(str(path)).sections[0].footer
    assert [p.text for p in footer.paragraphs] == ["内部资料 注意保存"]
    assert not footer._element.xpath(".//w:instrText")


def _saved_and_restamped(doc, when: dt.datetime) -> bytes:
    """What python-docx saves, every member re-stamped ``when`` with mode 0644."""
    import io

    raw, out = io.BytesIO(), io.BytesIO()
    doc.save(raw)
    stamp = (when.year, when.month, when.day, 0, 0, 0)
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(item.filename))
    return out.getvalue()


@pytest.mark.parametrize("provenance", ["none", "comments"])
def test_the_file_is_python_docx_s_own_package_with_every_member_stamped_the_draft_date(
    tmp_path: Path, provenance: str
) -> None:
    from draftkit.write import docx as writer
    from draftkit.write.docx_format import apply_profile, base_document

    draft = make_draft()
    path = write_docx(draft, tmp_path / "d.docx", provenance=provenance)
    doc, layout = base_document(None), load_profile(None)
    apply_profile(doc, layout, referenced=False, restyle=False)
    when = dt.datetime.combine(draft.date, dt.time(0, 0), tzinfo=dt.UTC)
    placed = writer._write_content(doc, draft, layout)
    if provenance == "comments":
        writer._add_comments(doc, placed, when)
    writer._set_properties(doc, draft, when)
    assert path.read_bytes() == _saved_and_restamped(doc, when)
    with zipfile.ZipFile(path) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2026, 11, 22, 0, 0, 0)}
