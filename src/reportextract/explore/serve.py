"""``reportextract serve``: the dataset in Datasette, read-only.

The Parquet tables are copied once into a SQLite file in a cache directory (rebuilt when
the dataset changes), with the derived views and indexes; Datasette opens it immutable,
with the column descriptions of ``datapackage.json`` and saved queries for the common
questions.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa

from ..dataset.datapackage import DATAPACKAGE, datapackage_descriptor
from ..dataset.derived import table_files
from ..dataset.schema import TABLES
from .dataset import BASE_TABLES, check_dataset, connect
from .views import (
    KEY_FIGURE_DESCRIPTIONS,
    SERIES_DESCRIPTIONS,
    derived_views,
    requests_wide_sql,
)

DATABASE = "reportextract"
EXPORT_VERSION = "2"  # bump when the SQLite layout changes

INDEXES = (
    ("cells", ("report_id",)),
    ("cells", ("table", "row_code", "col_code")),
    ("figures", ("report_id",)),
    ("figures", ("metric",)),
    ("checks", ("report_id",)),
    ("checks", ("passed",)),
    ("reports", ("issuer", "year")),
    ("reports", ("body_id", "year")),
)

FACETS = {
    "reports": ["year", "status", "format", "template", "body_kind", "primary"],
    "bodies": ["kind", "level", "resolved"],
    "cells": ["table", "row_code", "col_code"],
    "figures": ["metric", "unit"],
    "checks": ["check", "passed"],
    "findings": ["check", "year"],
    "series": ["quantity", "source", "year"],
}


def default_cache_dir() -> Path:
    configured = os.environ.get("REPORTEXTRACT_CACHE")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "reportextract"


def _sqlite_type(dtype: pa.DataType) -> str:
    if pa.types.is_integer(dtype) or pa.types.is_boolean(dtype):
        return "INTEGER"
    if pa.types.is_floating(dtype):
        return "REAL"
    return "TEXT"


def fingerprint(root: Path) -> str:
    """Changes when any part of the dataset or the shape of the export changes."""
    digest = hashlib.sha256(f"{EXPORT_VERSION}\n{root}\n".encode())
    for view in derived_views():
        digest.update(view.sql.encode())
    for table in BASE_TABLES:
        for path in table_files(root, table):
            stat = path.stat()
            digest.update(f"{path.relative_to(root)} {stat.st_size} {stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return json.dumps(list(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _batches(con: Any, table: str, size: int = 5000) -> Iterator[list[tuple[Any, ...]]]:
    cursor = con.execute(f'SELECT * FROM "{table}"')
    while rows := cursor.fetchmany(size):
        yield [tuple(_sqlite_value(v) for v in row) for row in rows]


def _create_table(db: sqlite3.Connection, table: str) -> None:
    columns = []
    for column in TABLES[table]:
        definition = f'"{column.name}" {_sqlite_type(column.type)}'
        if table == "reports" and column.name == "report_id":
            definition += " PRIMARY KEY"
        elif column.name == "report_id":
            definition += " REFERENCES reports(report_id)"
        columns.append(definition)
    db.execute(f'CREATE TABLE "{table}" ({", ".join(columns)})')


def export_sqlite(root: str | Path, path: str | Path) -> Path:
    """Copy the dataset's tables into a new SQLite file at ``path`` with the derived views."""
    root = check_dataset(Path(root))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    con = connect(root)
    db = sqlite3.connect(tmp)
    try:
        for table in BASE_TABLES:
            _create_table(db, table)
            names = [c.name for c in TABLES[table]]
            # Column order of the schema, whatever order the Parquet parts have.
            select = ", ".join(f'"{n}"' for n in names)
            con.execute(
                f'CREATE OR REPLACE TEMP VIEW "_export_{table}" AS SELECT {select} FROM "{table}"'
            )
            marks = ", ".join("?" for _ in names)
            for rows in _batches(con, f"_export_{table}"):
                db.executemany(f'INSERT INTO "{table}" VALUES ({marks})', rows)
        for table, columns in INDEXES:
            quoted = ", ".join(f'"{c}"' for c in columns)
            db.execute(f'CREATE INDEX "idx_{table}_{"_".join(columns)}" ON "{table}" ({quoted})')
        for view in derived_views():
            db.execute(f'CREATE VIEW "{view.name}" AS {view.sql}')
        db.commit()
    except BaseException:
        db.close()
        tmp.unlink(missing_ok=True)
        raise
    finally:
        con.close()
    db.execute("VACUUM")
    db.close()
    os.replace(tmp, path)
    return path


def cached_database(root: str | Path, cache_dir: str | Path | None = None) -> Path:
    """The SQLite copy of the dataset, built unless an up-to-date one is in the cache."""
    root = check_dataset(Path(root))
    base = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    per_dataset = base / "serve" / hashlib.sha256(str(root).encode()).hexdigest()[:16]
    current = per_dataset / fingerprint(root)
    path = current / f"{DATABASE}.db"
    if not path.is_file():
        export_sqlite(root, path)
        for stale in per_dataset.iterdir():
            if stale != current and stale.is_dir():
                shutil.rmtree(stale, ignore_errors=True)
    return path


def _load_datapackage(root: Path) -> dict[str, Any]:
    try:
        descriptor = json.loads((root / DATAPACKAGE).read_text(encoding="utf-8"))
        if isinstance(descriptor, dict) and descriptor.get("resources"):
            return descriptor
    except (OSError, ValueError):
        pass
    return datapackage_descriptor(root)


# Counts of the template's tables are whole numbers; shown as such (the view keeps REAL).
CANNED_QUERIES: dict[str, dict[str, str]] = {
    "reports_with_findings": {
        "title": "Reports with findings",
        "description": "Reports whose own arithmetic or narrative does not add up: how many checks failed, and which.",
        "sql": """SELECT body_name, year, report_id, COUNT(*) AS failed_checks,
  group_concat("check" || ' [' || scope || ']', '; ') AS findings
FROM findings
GROUP BY body_name, year, report_id
ORDER BY failed_checks DESC, body_name, year""",
    },
    "findings": {
        "title": "Every failed check",
        "description": "Each failed rule instance with what the rule expects, what the report prints, and the finding in words.",
        "sql": """SELECT body_name, issuer, year, "check", scope, expected, actual, detail, report_id
FROM findings ORDER BY year DESC, body_name, "check", scope""",
    },
    "districts_ranked_by_denied_share": {
        "title": "Districts ranked by denied share",
        "description": "Share of handled applications denied (不予公开), highest first, within each year; one document per body and year.",
        "sql": """SELECT year, body_name, CAST(handled AS INTEGER) AS handled,
  CAST(denied AS INTEGER) AS denied, ROUND(100.0 * denied_share, 1) AS denied_pct, report_id
FROM key_figures
WHERE handled > 0
ORDER BY year DESC, denied_share DESC, body_name""",
    },
    "granted_share_by_year": {
        "title": "Granted share by year",
        "description": "Applications granted in full (予以公开) as a share of those handled, all reports of a year together; one document per body and year.",
        "sql": """SELECT year, COUNT(*) AS reports, CAST(SUM(granted) AS INTEGER) AS granted,
  CAST(SUM(handled) AS INTEGER) AS handled,
  ROUND(100.0 * SUM(granted) / SUM(handled), 1) AS granted_pct
FROM key_figures
WHERE handled > 0
GROUP BY year ORDER BY year""",
    },
    "appeals_corrected_share": {
        "title": "Appeals and lawsuits: share corrected",
        "description": "行政复议 and 行政诉讼 concluded against the body (结果纠正) as a share of those concluded, highest first.",
        "sql": """SELECT year, body_name, CAST(appeals AS INTEGER) AS appeals,
  CAST(appeals_concluded AS INTEGER) AS concluded, CAST(appeals_corrected AS INTEGER) AS corrected,
  ROUND(100.0 * corrected_share, 1) AS corrected_pct, report_id
FROM key_figures
WHERE appeals_concluded > 0
ORDER BY corrected_share DESC, year DESC, body_name""",
    },
    "narrative_disagrees_with_tables": {
        "title": "Narrative disagrees with the tables",
        "description": "Figures stated in the text that differ from the report's own tables.",
        "sql": """SELECT body_name, year, scope AS metric, actual AS text_says, expected AS tables_give, detail, report_id
FROM findings WHERE "check" = 'narrative.table_agreement'
ORDER BY year DESC, body_name""",
    },
    "incomplete_reports": {
        "title": "Reports not read completely",
        "description": "Documents whose extraction is partial or failed, with the reason.",
        "sql": """SELECT issuer, year, status, error, format, source, report_id
FROM reports WHERE status <> 'ok' ORDER BY status, year DESC, issuer""",
    },
    "cell_over_years": {
        "title": "One cell of a body over the years",
        "description": "A cell (table, row_code, col_code as in docs/tables.md) of a body — its official name, a name its reports print, or its division code — in each year's primary document, with the text as printed, the page, and the document it was read from.",
        "sql": """SELECT r.year, r.body_name, c.value, c.text, c.label, c.page, r.format, r.report_id,
  COALESCE(c.read_from, r.report_id) AS read_from
FROM cells c JOIN reports r ON r.report_id = c.report_id
WHERE r."primary" AND (r.body_name = :issuer OR r.issuer = :issuer OR r.division_code = :issuer)
  AND c."table" = :table AND c.row_code = :row_code AND c.col_code = :col_code
ORDER BY r.year, r.body_name""",
    },
}


def _wide_columns() -> dict[str, str]:
    described = {
        "report_id": "The body-year's primary document (reports.report_id).",
        "body_id": "The body (bodies.body_id).",
        "body_name": "The body's full official name.",
        "division_code": "GB/T 2260 code of the body's division.",
        "issuer": "The reporting body as the report's title names it.",
        "year": "The year the report covers.",
        "applicant": "Applicant column of 表三 (col_code): natural_person, commercial, research, social_welfare, legal_service, other_org, total.",
    }
    for line in requests_wide_sql().splitlines():
        if ' AS "' in line:
            name = line.rsplit(' AS "', 1)[1].split('"', 1)[0]
            described.setdefault(
                name, f"表三 row {name} (row code with . as _) in this applicant column."
            )
    return described


def metadata(root: Path) -> dict[str, Any]:
    """Datasette metadata: descriptions of tables and columns, facets and saved queries."""
    descriptor = _load_datapackage(root)
    tables: dict[str, Any] = {}
    for resource in descriptor.get("resources", []):
        fields = resource.get("schema", {}).get("fields", [])
        tables[resource["name"]] = {
            "description": resource.get("description", ""),
            "columns": {f["name"]: f.get("description", "") for f in fields},
        }
    views = {view.name: view for view in derived_views()}
    tables["requests_wide"] = {
        "description": views["requests_wide"].description,
        "columns": _wide_columns(),
    }
    tables["key_figures"] = {
        "description": views["key_figures"].description,
        "columns": KEY_FIGURE_DESCRIPTIONS,
    }
    tables["findings"] = {"description": views["findings"].description}
    tables["series"] = {"description": views["series"].description, "columns": SERIES_DESCRIPTIONS}
    for table, facets in FACETS.items():
        tables.setdefault(table, {})["facets"] = facets
    tables["reports"]["label_column"] = "issuer"
    tables["bodies"]["label_column"] = "name"
    return {
        "title": descriptor.get("title", "reportextract dataset"),
        "description": descriptor.get("description", ""),
        "databases": {
            DATABASE: {
                "description": f"The dataset at {root}, read-only.",
                "tables": tables,
                "queries": CANNED_QUERIES,
            }
        },
    }


def make_datasette(root: str | Path, cache_dir: str | Path | None = None) -> Any:
    """A Datasette instance over the dataset (SQLite copy opened immutable)."""
    from datasette.app import Datasette

    root = check_dataset(Path(root))
    database = cached_database(root, cache_dir)
    return Datasette(
        immutables=[str(database)],
        metadata=metadata(root),
        settings={"default_page_size": 100, "sql_time_limit_ms": 5000},
    )


def serve(
    root: str | Path, host: str = "127.0.0.1", port: int = 8001, cache_dir: str | Path | None = None
) -> None:
    """Run the web view until interrupted."""
    import uvicorn

    datasette = make_datasette(root, cache_dir)
    asyncio.run(datasette.invoke_startup())
    uvicorn.run(datasette.app(), host=host, port=port, log_level="warning", lifespan="on")
