"""A written draft, rendered by LibreOffice, keeps the GB/T 9704 grid: 22 lines of 28 characters.

These tests need LibreOffice (``soffice``), poppler (``pdftotext``, ``pdffonts``) and the fonts
named in ``data/fonts.conf``. Missing tools fail the run with a message saying what to install;
set DRAFTKIT_SKIP_RENDER=1 to skip them on purpose.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from draftkit.errors import OutputError
from draftkit.models import Block, Draft, Span
from draftkit.write.docx import write_docx
from draftkit.write.render import find_soffice, render_pdf

LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
XHTML = "{http://www.w3.org/1999/xhtml}"
HANGING = "，。、；：！？”’）"

# Written for this test: plain full-width text, so a full line holds exactly 28 characters.
SENTENCES = (
    "我们要坚持以人民为中心的发展思想，把群众满意作为检验工作的根本标准。",
    "各级领导干部要带头深入基层，带头研究问题，带头推动落实。",
    "要聚焦群众反映强烈的突出问题，一项一项抓整改，一件一件抓落实。",
    "对工作中发现的问题，要建立台账，明确责任，限期销号。",
    "要完善考核评价办法，把考核结果作为干部选拔任用的重要依据。",
)


def _require_tools() -> None:
    if os.environ.get("DRAFTKIT_SKIP_RENDER") == "1":
        pytest.skip("DRAFTKIT_SKIP_RENDER=1: rendering tests skipped on purpose")
    missing = [tool for tool in ("pdftotext", "pdffonts") if shutil.which(tool) is None]
    if find_soffice() is None:
        missing.insert(0, "soffice (apt-get install libreoffice-writer)")
    if missing:
        pytest.fail(
            "rendering tests need " + ", ".join(missing) + " (poppler-utils for pdftotext); "
            "set DRAFTKIT_SKIP_RENDER=1 to skip them on purpose",
            pytrace=False,
        )


def long_draft() -> Draft:
    paragraphs = [
        Block("paragraph", (Span("".join(SENTENCES[i % 5 :] + SENTENCES[: i % 5])),))
        for i in range(14)
    ]
    blocks = (
        Block("salutation", (Span("同志们："),)),
        Block("heading1", (Span("一、提高认识，压实责任"),)),
        *paragraphs,
        Block("closing", (Span("谢谢大家！"),)),
    )
    return Draft(
        title="在全市作风建设推进会上的讲话",
        subtitle="",
        byline="李四（2026年11月22日）",
        date=dt.date(2026, 11, 22),
        author="李四",
        blocks=blocks,
    )


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _require_tools()
    folder = tmp_path_factory.mktemp("render")
    docx_path = write_docx(long_draft(), folder / "long.docx")
    return render_pdf(docx_path, folder)


def page_lines(pdf: Path, page: int) -> list[tuple[float, float, str]]:
    """(top, left, text) of every text line on one page, from ``pdftotext -bbox-layout``."""
    out = subprocess.run(
        ["pdftotext", "-bbox-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        check=True,
    ).stdout
    root = ET.fromstring(out)
    lines = []
    for line in root.iter(f"{XHTML}line"):
        text = "".join(word.text or "" for word in line.iter(f"{XHTML}word"))
        lines.append((float(line.get("yMin")), float(line.get("xMin")), text))
    return sorted(lines)


def page_count(pdf: Path) -> int:
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout
    return text.count(b"\f")


def is_page_number(text: str) -> bool:
    return re.fullmatch(r"—\s*\d+\s*—", text.strip()) is not None


def test_a_long_draft_runs_to_several_pages(pdf: Path) -> None:
    assert page_count(pdf) >= 3


def test_a_full_body_page_holds_exactly_22_lines(pdf: Path) -> None:
    body = [line for line in page_lines(pdf, 2) if not is_page_number(line[2])]
    assert len(body) == LINES_PER_PAGE
    # One exact line pitch apart: 28.95 pt.
    tops = [top for top, _left, _text in body]
    gaps = {round(b - a, 1) for a, b in zip(tops, tops[1:], strict=False)}
    assert gaps <= {28.9, 29.0}


def test_a_full_line_holds_28_characters_and_a_first_line_26_after_the_indent(pdf: Path) -> None:
    body = [line for line in page_lines(pdf, 2) if not is_page_number(line[2])]
    # A renderer may hang a closing mark past the margin; it does not count against the 28.
    lengths = [
        len(text) - (len(text) > CHARS_PER_LINE and text[-1] in HANGING) for *_, text in body
    ]
    assert max(lengths) == CHARS_PER_LINE
    lefts = sorted({round(left) for _top, left, _text in body})
    indent_pt = lefts[-1] - lefts[0]
    assert indent_pt == pytest.approx(32, abs=1)  # two 三号 characters
    indented = [len(text) for _top, left, text in body if round(left) == lefts[-1]]
    assert max(indented) == CHARS_PER_LINE - 2


def test_page_numbers_sit_on_the_outer_edge_of_odd_and_even_pages(pdf: Path) -> None:
    width = 595.3  # A4 in points
    for page, expected in ((1, "— 1 —"), (2, "— 2 —")):
        numbers = [line for line in page_lines(pdf, page) if is_page_number(line[2])]
        assert len(numbers) == 1, f"page {page}"
        _top, left, text = numbers[0]
        assert text.replace(" ", "") == expected.replace(" ", "")
        if page % 2:
            assert left > width / 2, "odd pages carry the number on the right"
        else:
            assert left < width / 2, "even pages carry the number on the left"


def test_the_chinese_faces_are_mapped_to_distinct_free_fonts(pdf: Path) -> None:
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, check=True, text=True)
    names = fonts.stdout
    expected = {
        "NotoSerifCJK": "仿宋_GB2312/宋体 → Noto Serif CJK SC (fonts-noto-cjk)",
        "Black": "方正小标宋简体 → Noto Serif CJK SC Black (fonts-noto-cjk-extra)",
        "NotoSansCJK": "黑体 → Noto Sans CJK SC (fonts-noto-cjk)",
        "Kai": "楷体_GB2312 → AR PL KaitiM GB (fonts-arphic-gkai00mp)",
        "LiberationSerif": "Times New Roman → Liberation Serif (fonts-liberation)",
    }
    missing = [why for key, why in expected.items() if key not in names]
    assert not missing, "fonts not used in the PDF: " + "; ".join(missing) + "\n" + names


def test_a_missing_libreoffice_is_reported_with_what_to_install(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(OutputError, match="LibreOffice") as caught:
        render_pdf(tmp_path / "any.docx", tmp_path)
    assert "apt-get install" in str(caught.value)


# -- PDF from the command line -------------------------------------------------------------------

FACES = {
    "NotoSerifCJK": "serif (仿宋_GB2312 → Noto Serif CJK SC)",
    "NotoSansCJK": "sans (黑体 → Noto Sans CJK SC)",
    "Kai": "kai (楷体_GB2312 → AR PL KaitiM GB)",
}


def faces_missing(pdf: Path) -> list[str]:
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, check=True, text=True)
    return [why for key, why in FACES.items() if key not in fonts.stdout]


def test_new_writes_a_pdf_with_the_serif_sans_and_kai_faces(cli, tmp_path) -> None:
    _require_tools()
    result = cli(
        "new", "--no-input", "--occasion", "symposium", "--topic", "教育", "-o", "d.pdf",
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "d.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert faces_missing(pdf) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.answers.yaml", "d.pdf"]


def test_render_turns_a_docx_into_a_pdf_beside_it_and_keeps_an_existing_one(cli, tmp_path) -> None:
    _require_tools()
    write_docx(long_draft(), tmp_path / "讲话.docx")
    result = cli("render", "讲话.docx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "讲话.pdf"
    assert faces_missing(pdf) == []
    made = pdf.read_bytes()
    again = cli("render", "讲话.docx", cwd=tmp_path)
    assert again.returncode == 1 and "已存在" in again.stderr and "--force" in again.stderr
    assert pdf.read_bytes() == made


def test_without_libreoffice_a_pdf_is_refused_with_how_to_install_it(cli, tmp_path) -> None:
    env = {**os.environ, "PATH": str(tmp_path / "no-tools")}
    result = cli(
        "new", "--no-input", "--occasion", "symposium", "--topic", "教育", "-o", "d.pdf",
        cwd=tmp_path, env=env,
    )  # fmt: skip
    assert result.returncode == 1
    assert "没有找到 LibreOffice" in result.stderr
    assert "apt-get install libreoffice-writer-nogui" in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []
