"""Parquet parts that appear whole or not at all."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..atomic import atomic_write, atomic_write_bytes, fsync_directory, temporary_name
from . import part_cache
from .part_cache import remember

__all__ = ["atomic_write_bytes", "staged_writes", "write_parquet_atomic", "write_parquet_parts"]

Part = tuple[Path, pa.Table]


def _write_parquet(path: Path, table: pa.Table) -> None:
    pq.write_table(table, path, compression="zstd")


def write_parquet_atomic(path: Path, table: pa.Table) -> None:
    atomic_write(path, lambda temporary: _write_parquet(temporary, table))
    remember(path, table)


def _write_synced(part: Part) -> Path:
    """``part`` written to its temporary name and fsynced; the temporary path."""
    path, table = part
    temporary = temporary_name(path)
    try:
        _write_parquet(temporary, table)
        with temporary.open("rb+") as handle:
            os.fsync(handle.fileno())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def write_parquet_parts(parts: Sequence[Part], *then: Sequence[Part]) -> None:
    """Several parts, each appearing whole, in groups: ``parts``, then each of ``then``.

    Every file of every group is first written to its temporary name and fsynced, side
    by side (the fsyncs, a few ms each, are most of a small flush). Then each group in
    turn is renamed into place and its folders fsynced once each, side by side too, so
    that when a group's first file can be seen, every file of the groups before it is durably in place (a
    flush's reports part, the mark of a finished flush, comes after its other parts).
    Returns when all are in place; raises the first error, leaving no temporary file.
    While writes are staged (`staged_writes`) the parts are only staged.
    """
    if part_cache.staging():
        for path, table in [*parts, *(part for group in then for part in group)]:
            part_cache.stage(path, table)
        return
    groups = [list(parts), *(list(group) for group in then)]
    everything = [part for group in groups for part in group]
    if not everything:
        return
    for folder in {path.parent for path, _ in everything}:
        folder.mkdir(parents=True, exist_ok=True)
    temporaries: list[Path] = []
    with ThreadPoolExecutor(max_workers=min(8, len(everything))) as pool:
        try:
            futures = [pool.submit(_write_synced, part) for part in everything]
            errors = [future.exception() for future in futures]
            temporaries = [future.result() for future in futures if not future.exception()]
            first = next((error for error in errors if error is not None), None)
            if first is not None:
                raise first
            renamed = 0
            for group in groups:
                for path, _ in group:
                    os.replace(temporaries[renamed], path)
                    renamed += 1
                # side by side: the file system commits them together, not one after another
                list(pool.map(fsync_directory, sorted({path.parent for path, _ in group})))
        except BaseException:
            for temporary in temporaries:
                temporary.unlink(missing_ok=True)
            raise
    for path, table in everything:
        remember(path, table)


@contextlib.contextmanager
def staged_writes() -> Iterator[None]:
    """The parts written inside (the last flush of a run and the steps over the whole
    dataset after it) kept in memory, read back from there, and written when it ends —
    each file once, however many steps rewrote it — in three groups (see
    `write_parquet_parts`): a flush's parts other than reports; then the reports parts,
    each the mark that its flush is complete; then the derived parts and the bodies,
    which name only reports already in place. A process killed before the end leaves the
    dataset as it was (a resumed run redoes the reports of that flush); one killed while
    they are written leaves parts whose reports part is missing, which the next writer
    removes. If a step fails, what was staged before it is written all the same, then
    the error raised."""
    part_cache.start_staging()
    try:
        yield
    finally:
        write_parquet_parts(*_commit_groups(part_cache.stop_staging()))


def _commit_groups(staged: dict[Path, pa.Table]) -> list[list[Part]]:
    flushed: list[Part] = []
    reports: list[Part] = []
    derived: list[Part] = []
    for path, table in staged.items():
        if path.parent.parent.name == "reports":
            reports.append((path, table))
        elif path.name.startswith("part-"):
            flushed.append((path, table))
        else:
            derived.append((path, table))
    return [flushed, reports, derived]
