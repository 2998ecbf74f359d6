"""Reading a whole table of a dataset, and writing derived parts.

Derived parts (``<table>/<year>/derived-<name>.parquet``) hold rows computed from the
whole dataset rather than from one document — the cross-year checks. They are rewritten
whole each time, are not tied to a flush, and recovery leaves them alone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa

from . import part_cache
from .atomic import Part, write_parquet_parts
from .part_cache import read_part
from .schema import arrow_schema
from .writer import year_dir


def table_files(root: Path, table: str) -> list[Path]:
    """Every Parquet file of a table: flushed parts and derived parts (with those staged
    to be written, `part_cache`)."""
    folder = root / table
    return sorted({*folder.glob("*/*.parquet"), *part_cache.staged_paths(folder, "*.parquet")})


def read_table(
    root: Path, table: str, columns: Sequence[str] | None = None, *, without: str | None = None
) -> pa.Table:
    """A table's rows from every part; ``without``: leave out the derived parts of that
    name (a step reading the table it writes)."""
    schema = arrow_schema(table)
    files = [path for path in table_files(root, table) if path.name != f"derived-{without}.parquet"]
    if not files:
        return schema.empty_table().select(list(columns)) if columns else schema.empty_table()
    parts = [read_part(path, columns or None, schema) for path in files]
    return pa.concat_tables(parts)


def derived_parts(
    root: Path, table: str, name: str, rows_by_year: Mapping[int | None, list[dict[str, Any]]]
) -> list[Part]:
    """The derived parts ``name`` of ``table`` to write (those of years without rows now
    are removed)."""
    schema = arrow_schema(table)
    wanted = {year_dir(year) for year, rows in rows_by_year.items() if rows}
    for stale in (root / table).glob(f"*/derived-{name}.parquet"):
        if stale.parent.name not in wanted:
            stale.unlink()
    return [
        (
            root / table / year_dir(year) / f"derived-{name}.parquet",
            pa.Table.from_pylist(rows, schema=schema),
        )
        for year, rows in rows_by_year.items()
        if rows
    ]


def write_derived(
    root: Path, table: str, name: str, rows_by_year: Mapping[int | None, list[dict[str, Any]]]
) -> None:
    write_parquet_parts(derived_parts(root, table, name, rows_by_year))
