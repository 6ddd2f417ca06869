"""Writing the user's files safely: to a temporary name beside the target, then renamed.

Every stage that writes a file goes through here, so a failure at any point leaves either the old
file or the new one, never a partial one. A whole folder (the phrase bank) is swapped in the
same spirit: built beside the old one, then exchanged with it in one rename. Where the user's
cache folder is, and a small cache of values made from a data file's text, are here too.
"""

from __future__ import annotations

import ctypes
import errno
import functools
import hashlib
import marshal
import os
import re
import secrets
import shutil
import sys
import zlib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from draftkit.errors import OutputError

T = TypeVar("T")

_REASONS = {
    errno.ENOSPC: "磁盘已满",
    errno.EDQUOT: "超出磁盘配额",
    errno.EROFS: "磁盘是只读的",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.ENAMETOOLONG: "文件名过长",
}


# Why the system refused a file, as a user reads it (``strerror`` is English).
_OS_REASONS = {
    errno.ENOENT: "不存在",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.EISDIR: "这是一个文件夹",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.ELOOP: "链接绕成了圈",
    errno.EIO: "磁盘读写出错",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EMFILE: "同时打开的文件过多",
    errno.ENFILE: "同时打开的文件过多",
    errno.ENOSPC: "磁盘已满",
    errno.EROFS: "磁盘是只读的",
    errno.EBUSY: "文件正被占用",
    errno.ETXTBSY: "文件正被占用",
}


def os_reason(exc: OSError) -> str:
    """What went wrong with a file, in Chinese, from the error number the system gave."""
    return _OS_REASONS.get(exc.errno or 0, f"系统错误，代码 {exc.errno}")


def existing(paths: Iterable[Path]) -> list[Path]:
    """Those of ``paths`` that already exist (a dangling link counts: writing would replace it)."""
    return [Path(p) for p in paths if os.path.lexists(p)]


def check_targets(paths: Sequence[Path], *, force: bool = False) -> None:
    """Check every file a command is about to write, before any is written.

    Raises ``OutputError`` when a target is a folder, its folder is missing, or (without
    ``force``) it already exists; the message names every existing file at once.
    """
    for path in map(Path, paths):
        size = len(os.fsencode(path.name))
        if size > 255:  # the limit of every common file system
            message = f"文件名过长（{size} 字节，上限 255）"
            raise OutputError(message, path=path.parent, hint="请用较短的文件名")
        if path.is_dir():
            raise OutputError("这是一个文件夹，不能作为输出文件", path=path)
        if not path.parent.is_dir():
            raise OutputError("输出文件所在的文件夹不存在", path=path.parent)
    found = existing(paths)
    if found and not force:
        names = "、".join(str(p) for p in found)
        raise OutputError(
            f"{names} 已存在；为免覆盖，什么都没有写",
            hint="换一个文件名，或加 --force 覆盖",
        )


def caching_enabled() -> bool:
    """Whether caches may be read and written: ``DRAFTKIT_CACHE=off`` turns them all off."""
    return os.environ.get("DRAFTKIT_CACHE", "").strip().lower() not in ("off", "0", "no")


def user_cache_root() -> Path | None:
    """The user's cache folder for draftkit (``$XDG_CACHE_HOME/draftkit``), or None without one."""
    root = os.environ.get("XDG_CACHE_HOME") or ""
    if not os.path.isabs(root):
        home = os.environ.get("HOME") or ""
        if not os.path.isabs(home):
            return None
        root = os.path.join(home, ".cache")
    return Path(root) / "draftkit"


def text_memo(kind: str, text: str, compute: Callable[[], T], *, stamp: Any = None) -> T:
    """``compute()``, a plain value made from ``text`` alone, kept in the user's cache folder.

    For draftkit's own data files, which every run parses and checks again: a later run reads
    the value back with ``marshal`` (plain values only, nothing runs). ``stamp`` is what else
    the value depends on (a library's version, the code that checks it). A value marshal cannot
    hold, a cache file that cannot be read or written, or caching turned off: ``compute()``.
    """
    root = user_cache_root()
    if root is None or not caching_enabled():
        return compute()
    key = marshal.dumps((kind, stamp, sys.version_info[:2])) + text.encode("utf-8", "replace")
    name = f"{kind}-{hashlib.blake2b(key, digest_size=16).hexdigest()}"
    path = root / "parsed" / name
    try:
        data = path.read_bytes()
        if zlib.crc32(data[4:]).to_bytes(4, "big") == data[:4]:
            return marshal.loads(data[4:])  # type: ignore[no-any-return]
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = compute()
    try:
        payload = marshal.dumps(value)  # type: ignore[arg-type]
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomic(path, zlib.crc32(payload).to_bytes(4, "big") + payload)
    except (ValueError, OSError, OutputError):
        pass
    return value


def code_stamp(path: str) -> tuple[int, int]:
    """Size and modification time of a module's file: what a cache of its results depends on."""
    try:
        st = os.stat(path)
    except OSError:
        return (0, 0)
    return st.st_size, st.st_mtime_ns


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write one file atomically (text as UTF-8)."""
    path = Path(path)
    if not path.parent.exists():
        raise OutputError("输出文件所在的文件夹不存在", path=path.parent)
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
        reason = _REASONS.get(exc.errno or 0) or os_reason(exc)
        raise OutputError(f"无法写入文件：{reason}", path=target) from None
    except BaseException:
        for tmp, _target in temps:
            tmp.unlink(missing_ok=True)
        raise


# --- directories swapped whole ------------------------------------------------------------------
#
# A directory such as the phrase bank is rebuilt in a hidden staging folder beside it and then
# exchanged with the old one in a single rename, so its path never stands empty, even for the
# instant a kill could hit. The staging name carries the writer's process id: a later writer
# removes the folders of writers that are no longer running.

_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100


def staging_dir(target: Path) -> Path:
    """A fresh hidden folder beside ``target`` to build its next version in."""
    target = Path(target)
    remove_stale_staging(target)
    while True:
        name = f".{target.name}.draftkit-{os.getpid()}-{secrets.token_hex(4)}"
        path = target.with_name(name)
        try:
            os.mkdir(path, 0o777)  # the umask decides, as for any folder the user makes
        except FileExistsError:
            continue
        return path


def remove_stale_staging(target: Path) -> list[Path]:
    """Remove the staging folders left beside ``target`` by writers that were killed."""
    target = Path(target)
    pattern = re.compile(rf"^\.{re.escape(target.name)}\.draftkit-(\d+)-[0-9a-f]+$")
    removed = []
    try:
        siblings = list(target.parent.iterdir())
    except OSError:
        return removed
    for path in siblings:
        found = pattern.match(path.name)
        if found and not _running(int(found.group(1))) and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists but belongs to someone else
        return True
    return True


def swap_in_directory(staging: Path, target: Path, *, owned: Iterable[str]) -> None:
    """Make ``staging`` the new ``target``; the path always holds the old or the new folder.

    Files in the old folder whose names are not ``owned`` by the new version (a note the user put
    there, say) are carried over, so replacing the folder never deletes them; an owned name the
    new version lacks is dropped.
    """
    staging, target = Path(staging), Path(target)
    if not os.path.lexists(target):
        try:
            os.rename(staging, target)
            return
        except OSError:
            pass  # someone made it meanwhile: swap with it as with any existing folder
    owned = set(owned)
    for old in target.iterdir():
        if old.name not in owned and not os.path.lexists(staging / old.name):
            _carry(old, staging / old.name)
    if _exchange(staging, target):
        shutil.rmtree(staging, ignore_errors=True)  # now the old version
        return
    # No atomic exchange here (not Linux, or a file system without it): replace file by file,
    # each rename atomic, so the folder is never empty and every file is whole.
    staged = {p.name for p in staging.iterdir()}
    for name in sorted(staged & owned, key=lambda name: name == "index.yaml"):
        os.replace(staging / name, target / name)
    for name in owned - staged:
        (target / name).unlink(missing_ok=True)
    shutil.rmtree(staging, ignore_errors=True)


def _carry(source: Path, copy: Path) -> None:
    if source.is_dir() and not source.is_symlink():
        shutil.copytree(source, copy, symlinks=True, copy_function=_link_or_copy)
    elif source.is_symlink():
        os.symlink(os.readlink(source), copy)
    else:
        _link_or_copy(str(source), str(copy))


def _link_or_copy(source: str, copy: str) -> None:
    try:
        os.link(source, copy)
    except OSError:
        shutil.copy2(source, copy)


@functools.cache
def _renameat2() -> Callable[..., int] | None:
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    function.argtypes += [ctypes.c_uint]
    function.restype = ctypes.c_int
    return function  # type: ignore[no-any-return]


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic rename; False where the system cannot."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))
