"""PDF through LibreOffice, with the Chinese office fonts mapped to free ones.

The one place that runs ``soffice``. ``write_pdf`` turns a draft into a PDF (``-o draft.pdf``),
``docx_to_pdf`` an existing .docx (``draftkit render``); both go through ``render_pdf``, which
hands LibreOffice ``data/fonts.conf`` so each face the .docx names (仿宋_GB2312, 黑体, 楷体_GB2312,
方正小标宋简体 …) is drawn with the closest free one instead of one fallback sans. The .docx keeps
the Windows names; only the PDF changes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from draftkit.errors import OutputError
from draftkit.files import check_targets, write_all_atomic
from draftkit.models import Draft
from draftkit.resources import data_file
from draftkit.write.paths import sidecar_path

FONTS_CONF = "fonts.conf"
SOFFICE_NAMES = ("soffice", "libreoffice")
NO_LIBREOFFICE = "没有找到 LibreOffice（soffice），无法生成 PDF"
INSTALL_HINT = (
    "请先安装 LibreOffice 和字体：Debian/Ubuntu 上运行 "
    "`sudo apt-get install libreoffice-writer-nogui fonts-noto-cjk fonts-noto-cjk-extra "
    "fonts-arphic-gkai00mp fonts-liberation`；其他系统请从 https://zh-cn.libreoffice.org 下载。"
    "也可以先存为 .docx，用 Word 或 WPS 另存为 PDF"
)


def find_soffice() -> str | None:
    """The LibreOffice executable on PATH, or None."""
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def render_pdf(docx: Path, outdir: Path, *, timeout: float = 180.0) -> Path:
    """Convert ``docx`` to ``outdir/<stem>.pdf`` with headless LibreOffice; return the PDF path.

    Raises ``OutputError`` when LibreOffice is missing, fails or times out.
    """
    docx, outdir = Path(docx), Path(outdir)
    soffice = find_soffice()
    if soffice is None:
        raise OutputError(NO_LIBREOFFICE, hint=INSTALL_HINT)
    if not docx.is_file():
        raise OutputError("找不到这个 .docx 文件", path=docx)
    outdir.mkdir(parents=True, exist_ok=True)
    pdf = outdir / f"{docx.stem}.pdf"
    # LibreOffice may fail without saying so; an old PDF left in place would pass for new.
    pdf.unlink(missing_ok=True)
    env = dict(os.environ, FONTCONFIG_FILE=str(data_file(FONTS_CONF)))
    # A throwaway profile: a running LibreOffice or a user's settings must not interfere,
    # and two renders in parallel must not share a lock file.
    with tempfile.TemporaryDirectory(prefix="draftkit-soffice-") as profile:
        command = [
            soffice,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(docx),
        ]
        try:
            result = subprocess.run(
                command, env=env, capture_output=True, text=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired:
            raise OutputError(f"LibreOffice 在 {timeout:.0f} 秒内没有转换完", path=docx) from None
    if result.returncode != 0 or not pdf.is_file():
        # LibreOffice words its reasons in English; the command that shows them is the hint.
        message = f"LibreOffice 无法转换这个文件（退出码 {result.returncode}）"
        hint = f"看详细原因：soffice --headless --convert-to pdf {docx}；或用 Word、WPS 另存为 PDF"
        raise OutputError(message, path=docx, hint=hint)
    return pdf


def require_soffice() -> None:
    """Raise the install message now, before anything is written, when LibreOffice is missing."""
    if find_soffice() is None:
        raise OutputError(NO_LIBREOFFICE, hint=INSTALL_HINT)


def docx_to_pdf(docx: Path, pdf: Path, *, force: bool = False) -> Path:
    """Render an existing .docx to ``pdf`` (moved into place whole); return ``pdf``."""
    docx, pdf = Path(docx), Path(pdf)
    if pdf.suffix.lower() != ".pdf":
        raise OutputError("PDF 文件名须以 .pdf 结尾", path=pdf)
    require_soffice()
    check_targets([pdf], force=force)
    with tempfile.TemporaryDirectory(prefix="draftkit-pdf-") as folder:
        made = render_pdf(docx, Path(folder))
        write_all_atomic([(pdf, made.read_bytes())])
    return pdf


def write_pdf(
    draft: Draft,
    path: Path,
    *,
    force: bool = False,
    provenance: str = "none",
    **docx_options: Any,
) -> Path:
    """Write ``draft`` as a PDF at ``path``: a .docx made in a temporary folder, then rendered.

    A provenance sidecar, when asked for, lands beside the PDF; both are moved in together.
    """
    from draftkit.write.docx import write_docx

    path = Path(path)
    require_soffice()
    sidecar = sidecar_path(path) if provenance == "sidecar" else None
    check_targets([path] if sidecar is None else [path, sidecar], force=force)
    with tempfile.TemporaryDirectory(prefix="draftkit-pdf-") as folder:
        docx = write_docx(
            draft, Path(folder) / f"{path.stem}.docx", provenance=provenance, **docx_options
        )
        files = [(path, render_pdf(docx, Path(folder)).read_bytes())]
        if sidecar is not None:
            files.insert(0, (sidecar, sidecar_path(docx).read_bytes()))
        write_all_atomic(files)
    return path
