"""Where the bundled phrase bank, templates and data files are found.

In an installed package the top-level ``phrasebank/`` and ``templates/`` are shipped as
``draftkit.bundled_bank`` and ``draftkit.bundled_templates``; in a source checkout (editable
install) they are read from the repository itself.
"""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path

_PACKAGES = {"phrasebank": "draftkit.bundled_bank", "templates": "draftkit.bundled_templates"}


def bundled_dir(name: str) -> Path:
    """The directory of the bundled ``phrasebank`` or ``templates``."""
    checkout = Path(__file__).resolve().parents[2] / name
    if (checkout.parent / "pyproject.toml").is_file() and checkout.is_dir():
        return checkout
    with as_file(files(_PACKAGES[name])) as path:
        return Path(path)


def data_file(name: str) -> Path:
    """A file from ``draftkit/data`` (noise patterns, role keywords, dated references …)."""
    return Path(__file__).resolve().parent / "data" / name
