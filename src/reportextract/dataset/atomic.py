"""Parquet parts that appear whole or not at all."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..atomic import atomic_write, atomic_write_bytes
from .part_cache import remember

__all__ = ["atomic_write_bytes", "write_parquet_atomic", "write_parquet_parts"]


def write_parquet_atomic(path: Path, table: pa.Table) -> None:
    atomic_write(path, lambda temporary: pq.write_table(table, temporary, compression="zstd"))
    remember(path, table)


def write_parquet_parts(parts: Sequence[tuple[Path, pa.Table]]) -> None:
    """Several parts, each atomically, side by side: their fsyncs (a few ms each, most of
    a small flush) overlap. Returns when all are written; raises the first error."""
    if len(parts) <= 1:
        for path, table in parts:
            write_parquet_atomic(path, table)
        return
    with ThreadPoolExecutor(max_workers=min(8, len(parts))) as pool:
        for _ in pool.map(lambda part: write_parquet_atomic(*part), parts):
            pass
