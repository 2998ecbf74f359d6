"""The dataset step for bodies: run after the documents of a batch are written.

It reads every flushed part (never its own output), so a resumed, incremental or forced
run gives the same result as one run over all the documents:

- ``reports`` parts get ``primary`` and ``duplicate_of`` (parts rewritten atomically,
  only where a value changed);
- ``cells/<year>/derived-siblings.parquet``: the cells a document could not read, filled
  from a document of the same report (``read_from``);
- ``checks/<year>/derived-documents.parquet``: ``documents.agree``;
- ``bodies/all/bodies.parquet``: one row per body.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from ..dataset.atomic import Part, write_parquet_parts
from ..dataset.derived import derived_parts
from ..dataset.part_cache import read_part
from ..dataset.schema import arrow_schema
from ..dataset.writer import part_files
from .divisions import divisions
from .documents import Choice, Document, agreement_checks, choose, fills

BODIES_FILE = Path("bodies") / "all" / "bodies.parquet"


@dataclass(slots=True)
class BodiesSummary:
    bodies: int = 0
    unresolved: int = 0
    body_years: int = 0
    duplicates: int = 0
    filled_cells: int = 0
    disagreements: int = 0


def _read_parts(root: Path, table: str, columns: list[str] | None = None) -> pa.Table:
    schema = arrow_schema(table)
    parts = [read_part(path, columns, schema) for path in part_files(root, table)]
    if not parts:
        empty = schema.empty_table()
        return empty.select(columns) if columns else empty
    return pa.concat_tables(parts)


def _documents(root: Path) -> tuple[list[Document], list[dict[str, Any]]]:
    reports = _read_parts(root, "reports").to_pylist()
    documents = {
        row["report_id"]: Document(
            report_id=row["report_id"],
            body_id=row["body_id"],
            year=row["year"],
            status=row["status"],
            format=row["format"],
            ocr_pages=row["ocr_pages"] or 0,
            cells=row["cells"] or 0,
            published=row["published"],
            title=row["title"],
        )
        for row in reports
    }
    cells = _read_parts(root, "cells", ["report_id", "table", "row_code", "col_code", "value"])
    for report_id, table, row, col, value in zip(
        *(cells[name].to_pylist() for name in cells.column_names), strict=True
    ):
        document = documents.get(report_id)
        if document is not None and value is not None:
            document.values[(table, row, col)] = value
    return list(documents.values()), reports


def _updated_reports(root: Path, choices: dict[str, Choice]) -> list[Part]:
    """The reports parts whose primary or duplicate_of change, with their new values."""
    changed: list[Part] = []
    schema = arrow_schema("reports")
    for path in part_files(root, "reports"):
        table = read_part(path, schema=schema)
        ids = table["report_id"].to_pylist()
        primary = [choices[i].primary if i in choices else False for i in ids]
        duplicate = [choices[i].duplicate_of if i in choices else None for i in ids]
        if (
            primary == table["primary"].to_pylist()
            and duplicate == table["duplicate_of"].to_pylist()
        ):
            continue
        table = table.set_column(
            schema.get_field_index("primary"), "primary", pa.array(primary, pa.bool_())
        )
        table = table.set_column(
            schema.get_field_index("duplicate_of"), "duplicate_of", pa.array(duplicate, pa.string())
        )
        changed.append((path, table))
    return changed


def _filled_cells(root: Path, documents: list[Document]) -> dict[int | None, list[dict[str, Any]]]:
    wanted = fills(documents)
    if not wanted:
        return {}
    years = {d.report_id: d.year for d in documents}
    sources = sorted({source for lent in wanted.values() for source in lent.values()})
    cells = _read_parts(root, "cells")
    cells = cells.filter(pc.is_in(cells["report_id"], pa.array(sources)))
    by_source: dict[str, dict[tuple[str, str, str], dict[str, Any]]] = defaultdict(dict)
    for row in cells.to_pylist():
        by_source[row["report_id"]][(row["table"], row["row_code"], row["col_code"])] = row
    rows: dict[int | None, list[dict[str, Any]]] = defaultdict(list)
    for report_id, lent in sorted(wanted.items()):
        for key, source in sorted(lent.items()):
            cell = by_source[source].get(key)
            if cell is None:
                continue
            year = years[report_id]
            rows[year].append({**cell, "report_id": report_id, "read_from": source})
    return rows


def _agreement_rows(documents: list[Document]) -> dict[int | None, list[dict[str, Any]]]:
    years = {d.report_id: d.year for d in documents}
    rows: dict[int | None, list[dict[str, Any]]] = defaultdict(list)
    for report_id, checks in sorted(agreement_checks(documents).items()):
        for check in checks:
            rows[years[report_id]].append({"report_id": report_id, **asdict(check)})
    return rows


def body_rows(reports: list[dict[str, Any]], choices: dict[str, Choice]) -> list[dict[str, Any]]:
    """One row per body: its name and division, and the names its documents print."""
    table = divisions()
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in reports:
        if row["body_id"]:
            grouped[row["body_id"]].append(row)
    out = []
    for body_id, rows in sorted(grouped.items()):
        # The note of the latest counted document says how the division was found.
        rows.sort(
            key=lambda r: (
                bool(choices.get(r["report_id"], Choice()).primary),
                r["year"] or 0,
                r["report_id"],
            )
        )
        latest = rows[-1]
        code = latest["division_code"]
        division = table.get(code) if code else None
        names = Counter(r["issuer"] for r in rows if r["issuer"])
        out.append(
            {
                "body_id": body_id,
                "name": latest["body_name"],
                "kind": latest["body_kind"],
                "division_code": code,
                "division_name": table.qualified_name(division) if division else None,
                "level": division.level if division else None,
                "parent_code": division.parent_code if division else None,
                "names": sorted(names),
                "resolved": code is not None,
                "note": latest["body_note"],
            }
        )
    return out


def refresh_bodies(root: Path) -> BodiesSummary:
    """Recompute primary documents, agreement, filled cells and the bodies table of a dataset."""
    root = Path(root)
    documents, reports = _documents(root)
    choices = choose(documents)
    filled = _filled_cells(root, documents)
    agreement = _agreement_rows(documents)
    bodies = body_rows(reports, choices)
    write_parquet_parts(
        [
            *_updated_reports(root, choices),
            *derived_parts(root, "cells", "siblings", filled),
            *derived_parts(root, "checks", "documents", agreement),
            (root / BODIES_FILE, pa.Table.from_pylist(bodies, schema=arrow_schema("bodies"))),
        ]
    )
    return BodiesSummary(
        bodies=len(bodies),
        unresolved=sum(1 for b in bodies if not b["resolved"]),
        body_years=sum(1 for c in choices.values() if c.primary),
        duplicates=sum(1 for c in choices.values() if c.duplicate_of),
        filled_cells=sum(len(rows) for rows in filled.values()),
        disagreements=sum(len(rows) for rows in agreement.values()),
    )
