"""Writing the user's files safely: to a temporary name beside the target, then renamed.

Every stage that writes a file goes through here, so a failure at any point leaves either the old
file or the new one, never a partial one.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Sequence
from pathlib import Path

from draftkit.errors import OutputError


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write one file atomically (text as UTF-8)."""
    path = Path(path)
    if not path.parent.exists():
        raise OutputError("folder does not exist", path=path.parent)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    write_all_atomic([(path, payload)])


def write_all_atomic(files: Sequence[tuple[Path, bytes]]) -> None:
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
    except BaseException:
        for tmp, _target in temps:
            tmp.unlink(missing_ok=True)
        raise
