"""Files that appear whole or not at all: write to a temporary name, fsync, rename.

The temporary file is hidden (``.<name>.<pid>.tmp``) beside the target, so the rename is
atomic on one file system and an interrupted write leaves only a hidden file that readers
skip and recovery removes.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any


def temporary_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def atomic_write(path: Path, write: Callable[[Path], Any]) -> None:
    """Call ``write`` on a temporary path, then make it ``path`` in one step."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = temporary_name(path)
    try:
        write(temporary)
        with temporary.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    fsync_directory(path.parent)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    atomic_write(path, lambda temporary: temporary.write_bytes(data))


def fsync_directory(directory: Path) -> None:
    """Make a rename in ``directory`` durable (where the file system allows it)."""
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
