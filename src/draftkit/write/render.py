"""Preview a .docx as PDF with LibreOffice, the Chinese office fonts mapped to free ones.

The one place that runs ``soffice``. Used by the render tests and to make README previews;
the PDF is a preview of layout (lines per page, characters per line, page numbers), not of
the exact faces, which stay the Windows names inside the .docx (see ``data/fonts.conf``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from draftkit.errors import OutputError
from draftkit.resources import data_file

FONTS_CONF = "fonts.conf"
SOFFICE_NAMES = ("soffice", "libreoffice")


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
        raise OutputError(
            "LibreOffice (soffice) is not installed, so no PDF preview can be made",
            hint="install it, e.g. `apt-get install libreoffice-writer`",
        )
    if not docx.is_file():
        raise OutputError("no such .docx file", path=docx)
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
            raise OutputError(
                f"LibreOffice did not finish within {timeout:.0f} s", path=docx
            ) from None
    if result.returncode != 0 or not pdf.is_file():
        detail = (result.stderr or result.stdout).strip().splitlines()
        reason = detail[-1] if detail else f"exit code {result.returncode}"
        raise OutputError(f"LibreOffice could not convert the file: {reason}", path=docx)
    return pdf
