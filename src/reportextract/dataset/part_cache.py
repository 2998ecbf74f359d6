"""The parts a run wrote, kept in memory while it holds the dataset's lock.

The steps at the end of a run (bodies, readings across years, cross-year checks,
recovery) read back the parts the run has just written. While a `DatasetWriter` is open
no other process writes the dataset, so a part this process wrote (or read whole) is
served from memory instead of being parsed again — as long as the file on disk is still
the one it wrote: same inode, size and modification time, checked on every read, so a
part removed or replaced behind its back is read from disk (or found missing) as before.
The cache holds at most `LIMIT_BYTES` of Arrow data (the least recently used parts go
first) and is emptied when the writer closes.

While the end of a run is staged (`dataset.atomic.staged_writes`), the parts it writes are
held here instead of on disk: `staged_paths` lists them beside the files and `read_part`
serves them, so each step reads what the steps before it wrote, and the parts are written
once, together, when the staging ends.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow as pa

# the end of a small run reads back a few MB; a long run's parent must not grow with its parts
LIMIT_BYTES = 32 * 1024 * 1024

_Stamp = tuple[int, int, int]


class _Cache:
    def __init__(self) -> None:
        self.active = 0
        self.tables: OrderedDict[Path, tuple[_Stamp, pa.Table]] = OrderedDict()
        self.nbytes = 0

    def clear(self) -> None:
        self.tables.clear()
        self.nbytes = 0

    def drop(self, path: Path) -> None:
        entry = self.tables.pop(path, None)
        if entry is not None:
            self.nbytes -= entry[1].nbytes

    def put(self, path: Path, stamp: _Stamp, table: pa.Table) -> None:
        self.drop(path)
        if table.nbytes > LIMIT_BYTES:
            return
        self.tables[path] = (stamp, table)
        self.nbytes += table.nbytes
        while self.nbytes > LIMIT_BYTES:
            _, (_, oldest) = self.tables.popitem(last=False)
            self.nbytes -= oldest.nbytes

    def get(self, path: Path) -> pa.Table | None:
        entry = self.tables.get(path)
        if entry is None:
            return None
        stamp, table = entry
        if _stamp(path) != stamp:
            self.drop(path)
            return None
        self.tables.move_to_end(path)
        return table


_CACHE = _Cache()
_STAGED: dict[Path, pa.Table] | None = None  # path -> table, while writes are staged


def _stamp(path: Path) -> _Stamp | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_ino, status.st_size, status.st_mtime_ns)


def hold() -> None:
    """Keep the parts written or read whole from now on (the caller holds the dataset's
    lock) until as many `let_go` calls."""
    _CACHE.active += 1


def let_go() -> None:
    _CACHE.active = max(0, _CACHE.active - 1)
    if not _CACHE.active:
        _CACHE.clear()


def remember(path: Path, table: pa.Table) -> None:
    """``table`` was just written to ``path``."""
    if not _CACHE.active:
        return
    stamp = _stamp(path)
    if stamp is None:
        _CACHE.drop(path)
    else:
        _CACHE.put(path, stamp, table)


def is_cached(path: Path) -> bool:
    """Whether ``path`` is a part this process wrote or read whole, unchanged since."""
    return _CACHE.active > 0 and _CACHE.get(path) is not None


def start_staging() -> None:
    global _STAGED
    if _STAGED is not None:
        raise RuntimeError("writes are already staged")
    _STAGED = {}


def stop_staging() -> dict[Path, pa.Table]:
    """The staged parts (in the order first staged), no longer staged."""
    global _STAGED
    staged, _STAGED = _STAGED or {}, None
    return staged


def staging() -> bool:
    return _STAGED is not None


def stage(path: Path, table: pa.Table) -> None:
    """``table`` is to be written to ``path`` when the staging ends (replacing what an
    earlier step staged there)."""
    if _STAGED is None:
        raise RuntimeError("writes are not staged")
    _STAGED[path] = table


def staged_paths(folder: Path, pattern: str) -> list[Path]:
    """The staged parts in ``folder``'s subfolders whose names match ``pattern``."""
    if not _STAGED:
        return []
    return [path for path in _STAGED if path.parent.parent == folder and path.match(pattern)]


def read_part(
    path: Path, columns: Sequence[str] | None = None, schema: pa.Schema | None = None
) -> pa.Table:
    """``pq.read_table(path, columns=columns, schema=schema)``, from memory when it can."""
    if _STAGED is not None and path in _STAGED:
        table = _STAGED[path]
        if schema is not None and not table.schema.equals(schema):
            table = table.cast(schema)
        return table.select(list(columns)) if columns is not None else table
    if _CACHE.active:
        table = _CACHE.get(path)
        if table is not None and (schema is None or table.schema.equals(schema)):
            return table.select(list(columns)) if columns is not None else table
    import pyarrow.parquet as pq

    stamp = _stamp(path) if _CACHE.active and columns is None else None
    table = pq.read_table(
        path, columns=list(columns) if columns is not None else None, schema=schema
    )
    if stamp is not None:
        _CACHE.put(path, stamp, table)
    return table
