"""Fast copies of what a bank directory holds, so a draft does not wait for YAML and JSON parsing.

Used for a bank's YAML files, its 查重 index and topic profile, and the checked templates of a
templates folder (``compose.templates``).

The bank's YAML files, its 查重 index and its topic profile are the truth; a cache is a
``marshal`` copy of what loading them built, valid only for the exact files it was built from.
Its key holds, for every source file, the size, ``mtime_ns``, ``ctime_ns`` and inode (``ctime``
changes on any write even when a tool puts the old ``mtime`` back), together with the same facts
about the modules that built the value (so an upgrade or an edit of draftkit's loading code never
meets a cache of the old code), the schema of what is stored and the Python version (``marshal``
is not portable across versions). A cache whose key differs, whose checksum fails or that cannot
be read is ignored and replaced. ``marshal`` rather than ``pickle``: loading a cache someone else
put beside a bank builds plain values and never runs code.

Where: in ``.draftkit-cache/`` inside the bank directory when that is writable and not part of
the installed package; otherwise under ``$XDG_CACHE_HOME/draftkit/`` (``~/.cache/draftkit/``),
one folder per bank path; where neither can be written, nothing is cached and loading works as
before. A directory without write permission bits is treated as read-only even for a user (root)
who could write to it anyway. ``DRAFTKIT_CACHE=off`` turns caching off.
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import os
import sys
import warnings
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from draftkit.errors import DraftkitError
from draftkit.files import caching_enabled, user_cache_root, write_atomic

T = TypeVar("T")

CACHE_DIR = ".draftkit-cache"
FORMAT = 1  # bump when the layout of a cache file changes
_MAGIC = b"draftkit-cache\n"
_CHECK = 4  # bytes of CRC-32 over the payload: it catches a damaged file at disk speed
_PACKAGE = Path(__file__).resolve().parents[1]
# Far above any real bank's cache (the bundled bank's are 12 MB together); a file this large in
# the cache folder is not read into memory.
MAX_BYTES = 2_000_000_000


@dataclass(frozen=True, slots=True)
class CacheSpec:
    """One kind of cache: its file name, the schema of its payload and how to (de)serialise it.

    ``schema`` is any marshal-able value that changes when the stored layout changes (a version
    number, the field names of a record), so an old cache is never read as a new one; ``code``
    the source files of the modules that load, validate and encode the value.
    """

    name: str
    schema: Any
    encode: Callable[[Any], Any]
    decode: Callable[[Any], Any]
    code: tuple[str, ...] = ()
    # Whether loading may warn (a hand-edited file); only then are warnings watched, since
    # watching them swaps the process's warning state, which a thread (the wizard ranks the
    # topic's points in one) should not do for nothing.
    warns: bool = False
    # Whether ``encode`` gives the payload's bytes itself and ``decode`` takes them (a view of
    # the checked file), rather than a value marshal stores: for a cache decoded piece by piece.
    raw: bool = False


def cached(spec: CacheSpec, bank_dir: Path, sources: Sequence[Path], load: Callable[[], T]) -> T:
    """What ``load()`` returns for these ``sources``, from the cache when it matches them.

    The files are looked at before ``load`` reads them, so a file changed meanwhile leaves a
    key that no longer matches, never a cache that claims the new file. A load that warns
    (an unknown key in a hand-edited file) is not cached, so the warning is shown every time.
    """
    if not caching_enabled():
        return load()
    try:
        key = _key(spec, sources)
    except OSError:
        return load()
    directories = _places(Path(bank_dir))
    for directory in directories:
        found = _read(directory / spec.name, key, spec)
        if found is not None:
            return found[0]  # type: ignore[no-any-return]
    if not spec.warns:
        value = load()
        _write(directories, spec, key, value, Path(bank_dir))
        return value
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value = load()
    for w in caught:  # shown as if nothing had been in between
        warnings.warn_explicit(w.message, w.category, w.filename, w.lineno, source=w.source)
    if not caught:
        _write(directories, spec, key, value, Path(bank_dir))
    return value


def cache_dirs(bank_dir: Path) -> list[Path]:
    """Where a bank's caches may be: beside it, then in the user's cache folder."""
    return _places(Path(bank_dir))


def _key(spec: CacheSpec, sources: Sequence[Path]) -> bytes:
    code = tuple(_stamp(Path(f)) for f in (__file__, *spec.code))
    files = tuple(_stamp(Path(f)) for f in sources)
    parts = (FORMAT, sys.version_info[:2], spec.name, spec.schema, code, files)
    return marshal.dumps(parts)


def _stamp(path: Path) -> tuple[str, Any]:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return path.name, None
    return path.name, (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def _places(bank_dir: Path) -> list[Path]:
    out = []
    if _may_write_beside(bank_dir) or (bank_dir / CACHE_DIR).is_dir():
        out.append(bank_dir / CACHE_DIR)
    user = _user_dir(bank_dir)
    if user is not None:
        out.append(user)
    return out


def _may_write_beside(bank_dir: Path) -> bool:
    """Whether the bank's own folder may hold its cache."""
    try:
        resolved = bank_dir.resolve()
        mode = resolved.stat().st_mode
    except OSError:
        return False
    if resolved == _PACKAGE or _PACKAGE in resolved.parents:
        return False  # the installed package is not ours to write to, even when we could
    return bool(mode & 0o222) and os.access(resolved, os.W_OK)


def _user_dir(bank_dir: Path) -> Path | None:
    root = user_cache_root()
    if root is None:
        return None
    try:
        where = str(bank_dir.resolve())
    except OSError:
        return None
    digest = hashlib.blake2b(os.fsencode(where), digest_size=8).hexdigest()
    return root / f"{bank_dir.resolve().name}-{digest}"


def _read(path: Path, key: bytes, spec: CacheSpec) -> tuple[Any] | None:
    """The cached value as a 1-tuple, or None when the file is missing, stale or damaged."""
    try:
        if path.stat().st_size > MAX_BYTES:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    head = len(_MAGIC) + 4
    if not data.startswith(_MAGIC) or len(data) < head + len(key) + _CHECK:
        return None
    size = int.from_bytes(data[len(_MAGIC) : head], "big")
    if data[head : head + size] != key:
        return None
    check = data[head + size : head + size + _CHECK]
    payload = memoryview(data)[head + size + _CHECK :]
    if zlib.crc32(payload).to_bytes(_CHECK, "big") != check:
        return None
    if spec.raw:
        try:
            return (spec.decode(payload),)
        except Exception:  # as below: a cache is never worth an error
            return None
    # Decoding makes many objects that all live on; the cyclic collector would walk them again
    # and again for nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return (spec.decode(marshal.loads(payload)),)
    except Exception:  # a cache is never worth an error: whatever it holds, rebuild it
        return None
    finally:
        if collecting:
            gc.enable()


def _write(directories: list[Path], spec: CacheSpec, key: bytes, value: Any, bank: Path) -> None:
    try:
        payload = spec.encode(value) if spec.raw else marshal.dumps(spec.encode(value))
    except (ValueError, TypeError):  # a value marshal cannot hold: load from the files each time
        return
    check = zlib.crc32(payload).to_bytes(_CHECK, "big")
    data = b"".join((_MAGIC, len(key).to_bytes(4, "big"), key, check, payload))
    for directory in directories:
        if directory.parent == bank and not _may_write_beside(bank):
            continue  # a stale cache beside a bank since made read-only is read, not rewritten
        try:
            directory.mkdir(
                mode=0o700 if directory.parent != bank else 0o777, parents=True, exist_ok=True
            )
            write_atomic(directory / spec.name, data)
        except (OSError, DraftkitError):
            continue
        return
