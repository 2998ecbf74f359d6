"""Opening a dataset directory read-only: DuckDB views over its Parquet parts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ..dataset.datapackage import DATAPACKAGE
from ..dataset.derived import table_files
from ..dataset.schema import TABLES, arrow_schema
from ..dataset.writer import part_files
from ..errors import DatasetError
from .views import derived_views

BASE_TABLES = tuple(TABLES)


def check_dataset(root: Path) -> Path:
    """The dataset directory, resolved; DatasetError if it is missing, foreign or empty."""
    root = Path(root)
    if not root.exists():
        raise DatasetError(f"no dataset at {root}: run `reportextract run INPUTS --out {root}`")
    if not root.is_dir():
        raise DatasetError(f"{root} is a file, not a dataset directory")
    if not (root / DATAPACKAGE).is_file() and not part_files(root, "reports"):
        raise DatasetError(
            f"{root} is not a reportextract dataset (no {DATAPACKAGE}, no reports/*/part-*.parquet)"
        )
    if not part_files(root, "reports"):
        raise DatasetError(f"the dataset {root} holds no reports yet")
    return root.resolve()


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _create_view(con: duckdb.DuckDBPyConnection, root: Path, table: str) -> None:
    parts = table_files(root, table)  # flushed parts and derived ones (cross-year checks)
    if parts:
        source = (
            f"read_parquet([{', '.join(_sql_string(str(p)) for p in parts)}], union_by_name = true)"
        )
        # The schema's columns, in its order: a part written by an older version with a
        # column since dropped (cells.year) does not bring it back.
        present = {row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()}
        columns = ", ".join(f'"{c.name}"' for c in TABLES[table] if c.name in present)
        con.execute(f'CREATE VIEW "{table}" AS SELECT {columns} FROM {source}')
    else:
        # A table without parts (no figures yet) is empty, with its columns all the same.
        empty = pa.Table.from_pylist([], schema=arrow_schema(table))
        con.register(f"_empty_{table}", empty)
        con.execute(f'CREATE VIEW "{table}" AS SELECT * FROM "_empty_{table}"')


def connect(root: str | Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with the dataset's tables and derived views.

    Views: reports, cells, figures, checks (the Parquet parts), requests_wide,
    key_figures and findings (see :mod:`reportextract.explore.views`). Nothing is
    written anywhere: the Parquet files are only read.
    """
    root = check_dataset(Path(root))
    con = duckdb.connect(":memory:")
    for table in BASE_TABLES:
        _create_view(con, root, table)
    for view in derived_views():
        con.execute(f'CREATE VIEW "{view.name}" AS {view.sql}')
    return con


def records(
    con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """The rows of a query as dicts by column name (``params``: ? by position, $name by name)."""
    relation = con.execute(sql, params or [])
    columns = [d[0] for d in relation.description]
    return [dict(zip(columns, row, strict=True)) for row in relation.fetchall()]


def view_names() -> tuple[str, ...]:
    return (*BASE_TABLES, *(view.name for view in derived_views()))
