"""``reportextract query``: one read-only SQL statement over the dataset, as a table, CSV or JSON."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
from tabulate import tabulate

from .dataset import connect, view_names
from .errors import QueryError

FORMATS = ("table", "csv", "json")

# PIVOT without an IN list is planned as several statements (MULTI); it only reads.
_READ_STATEMENTS = frozenset(
    {
        duckdb.StatementType.SELECT,
        duckdb.StatementType.EXPLAIN,
        duckdb.StatementType.PRAGMA,
        duckdb.StatementType.MULTI,
    }
)


def run_query(root: str | Path, sql: str) -> pd.DataFrame:
    """The result of one read statement (SELECT, DESCRIBE, SUMMARIZE, PIVOT …) as a DataFrame."""
    con = connect(root)
    try:
        return query_connection(con, sql)
    finally:
        con.close()


def query_connection(con: duckdb.DuckDBPyConnection, sql: str) -> pd.DataFrame:
    try:
        statements = con.extract_statements(sql)
    except duckdb.Error as exc:
        raise QueryError(_first_line(exc)) from exc
    if len(statements) != 1:
        raise QueryError(f"give exactly one SQL statement (got {len(statements)})")
    if statements[0].type not in _READ_STATEMENTS:
        raise QueryError(
            f"only read queries are allowed (SELECT, DESCRIBE, SUMMARIZE, PIVOT …), "
            f"not {statements[0].type.name}: the dataset is never written"
        )
    try:
        relation = con.sql(sql)
        if relation is None:
            return pd.DataFrame()
        return relation.df()
    except duckdb.CatalogException as exc:
        raise QueryError(
            f"{_first_line(exc)} (tables and views: {', '.join(view_names())})"
        ) from exc
    except duckdb.Error as exc:
        raise QueryError(_first_line(exc)) from exc


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _plain(value: Any) -> Any:
    """A cell as JSON: numpy scalars and arrays as Python values, NaN and NA as null."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    return value


def _rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [
        {str(column): _plain(value) for column, value in zip(frame.columns, row, strict=True)}
        for row in frame.itertuples(index=False, name=None)
    ]


def format_frame(frame: pd.DataFrame, fmt: str = "table") -> str:
    if fmt == "csv":
        return str(frame.to_csv(index=False)).rstrip("\n")
    if fmt == "json":
        return json.dumps(_rows(frame), ensure_ascii=False, indent=2, default=str)
    if fmt == "table":
        if frame.empty:
            columns = ", ".join(str(c) for c in frame.columns)
            return f"(no rows; columns: {columns})" if columns else "(no rows)"
        rows = [[_display(v) for v in row.values()] for row in _rows(frame)]
        table = tabulate(rows, headers=[str(c) for c in frame.columns], tablefmt="simple")
        return f"{table}\n({len(frame)} row{'s' if len(frame) != 1 else ''})"
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _display(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value
