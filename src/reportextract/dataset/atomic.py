"""Parquet parts that appear whole or not at all."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..atomic import atomic_write, atomic_write_bytes

__all__ = ["atomic_write_bytes", "write_parquet_atomic"]


def write_parquet_atomic(path: Path, table: pa.Table) -> None:
    atomic_write(path, lambda temporary: pq.write_table(table, temporary, compression="zstd"))
