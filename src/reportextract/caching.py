"""Data derived from installed packages, built once and kept on disk between runs.

Some inputs take a second or more to load in their own form (the national division list
as CSV, libphonenumber's geocoding tables, pypinyin's dictionary, jieba's dictionary) while
a report needs a few thousand entries of them. Each is derived once into a compact file
under the cache directory — ``$REPORTEXTRACT_CACHE``, else ``$XDG_CACHE_HOME/reportextract``
or ``~/.cache/reportextract`` — named after a key that changes whenever its source does
(the package's version, the data file's size and time). A missing, stale or damaged file
is rebuilt; where nothing can be written the data is derived in memory, every time, and
nothing fails. ``REPORTEXTRACT_CACHE=off`` turns the cache off.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

# Bumped when a cached file's layout changes, so that older files are not read.
FORMAT = 1


def cache_dir() -> Path | None:
    """Where derived data is kept, or None when the cache is off."""
    chosen = os.environ.get("REPORTEXTRACT_CACHE")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "no") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "reportextract"


def file_key(path: Path) -> str:
    """A key for a data file: its name, size and modification time."""
    stat = path.stat()
    return f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}"


def package_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


def cache_path(name: str, key: str, suffix: str) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    digest = hashlib.sha256(f"{FORMAT}|{key}".encode()).hexdigest()[:16]
    return folder / f"{name}-{digest}{suffix}"


def cached(name: str, key: str, build: Callable[[], Any]) -> Any:
    """``build()``'s value (plain data: what `marshal` writes), read from the cache when a
    file for ``key`` is there, else built and written for the next process."""
    path = cache_path(name, key, ".marshal")
    if path is not None:
        with contextlib.suppress(OSError, EOFError, ValueError, TypeError):
            stored_key, value = marshal.loads(path.read_bytes())
            if stored_key == key:
                return value
    value = build()
    if path is not None:
        write_atomically(path, lambda target: target.write_bytes(marshal.dumps((key, value))))
    return value


def cached_file(name: str, key: str, suffix: str, build: Callable[[Path], None]) -> Path | None:
    """The path of a file that ``build(path)`` writes, built once per ``key``; None when
    it cannot be kept (the caller then builds the data in memory)."""
    path = cache_path(name, key, suffix)
    if path is None:
        return None
    if path.is_file():
        return path
    return path if write_atomically(path, build) else None


def write_atomically(path: Path, write: Callable[[Path], object]) -> bool:
    """Write through a temporary file in the same folder, renamed into place, so that a
    reader sees the whole file or none (two processes may build it at once)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        os.close(handle)
    except OSError:
        return False
    try:
        write(Path(temporary))
        os.replace(temporary, path)
        return True
    except OSError:
        return False
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
