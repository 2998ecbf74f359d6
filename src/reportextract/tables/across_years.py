"""Rows a report could not read alone, read again with the same body's other years.

A row whose printed numbers break equally few of its report's rules in several readings
is left out at extraction, with a `text.glued_split` check that lists its readings
(`reportextract.tables.weighing`). Where a table has rules across years (the 统计表's
历年累计: cumulative(N) = cumulative(N−1) + year(N)), the same body's reports of the year
before and the year after can settle it. This dataset step runs after the bodies step
(which names each report's body and each body-year's primary document): every report
with rows left out is weighed again with the primary reports of its body's neighbouring
years, over and over while a row read makes another one readable, and

- ``cells/<year>/derived-readings.parquet`` holds the cells of the rows it settles (the
  text, label and page as printed; ``read_from`` null: read from the report itself);
- ``checks/<year>/derived-readings.parquet`` a `text.glued_split` note for each (what
  settled it) and the report's own rules that the left-out row had kept from applying.

Like the other derived parts, both are rewritten whole from the flushed parts each time,
so a resumed or incremental run gives the same result.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from ..dataset.atomic import write_parquet_parts
from ..dataset.derived import derived_parts, read_table
from ..model import Check, Figure
from ..template.checks import GLUED_SPLIT
from ..template.rules import Key, instances, rules
from .weighing import Evidence, PendingRow, Reading, pending_row, settle, statements

NAME = "readings"
MAX_PASSES = 20


@dataclass(slots=True)
class _Report:
    report_id: str
    body_id: str | None
    year: int | None
    primary: bool
    cells: dict[Key, float] = field(default_factory=dict)
    pending: list[PendingRow] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    read: list[tuple[PendingRow, Reading]] = field(default_factory=list)
    notes: list[Check] = field(default_factory=list)


def _crossing_tables() -> list[str]:
    return sorted({rule.table for rule in rules() if rule.crosses_documents})


def _load(root: Path) -> dict[str, _Report]:
    tables = _crossing_tables()
    reports = {
        row["report_id"]: _Report(
            row["report_id"], row["body_id"], row["year"], bool(row["primary"])
        )
        for row in read_table(
            root, "reports", ["report_id", "body_id", "year", "primary"]
        ).to_pylist()
    }
    checks = read_table(
        root, "checks", ["report_id", "check", "table", "scope", "passed", "detail"]
    )
    checks = checks.filter(
        pc.and_(pc.equal(checks["check"], GLUED_SPLIT.name), pc.is_null(checks["passed"]))
    )
    for row in checks.filter(pc.is_in(checks["table"], pa.array(tables))).to_pylist():
        report = reports.get(row["report_id"])
        pending = _pending(row)
        if report is not None and pending is not None:
            report.pending.append(pending)
    wanted = {r.report_id for r in reports.values() if r.pending}
    if not wanted:
        return reports
    cells = read_table(
        root, "cells", ["report_id", "table", "row_code", "col_code", "value"], without=NAME
    )
    cells = cells.filter(pc.is_in(cells["table"], pa.array(tables)))
    for row in cells.to_pylist():
        report = reports.get(row["report_id"])
        if report is not None and row["value"] is not None:
            report.cells[(row["table"], row["row_code"], row["col_code"])] = row["value"]
    figures = read_table(root, "figures", ["report_id", "metric", "value"])
    figures = figures.filter(pc.is_in(figures["report_id"], pa.array(sorted(wanted))))
    for row in figures.to_pylist():
        if row["metric"]:
            reports[row["report_id"]].figures.append(
                Figure(row["value"], None, "", "", 0, 0, metric=row["metric"])
            )
    for report in reports.values():
        read = {(p.table, p.row, col) for p in report.pending for col in p.columns}
        report.pending = [p for p in report.pending if not read & report.cells.keys()]
    return reports


def _pending(row: dict[str, Any]) -> PendingRow | None:
    return pending_row(row["table"], row["scope"], row["detail"])


def _values(report: _Report) -> dict[Key, float]:
    values = dict(report.cells)
    for entry, reading in report.read:
        values.update(reading.cells(entry.table, entry.row, entry.columns))
    return values


def _neighbours(reports: dict[str, _Report]) -> dict[tuple[str, int], _Report]:
    return {
        (r.body_id, r.year): r
        for r in reports.values()
        if r.primary and r.body_id is not None and r.year is not None
    }


def _against(previous: _Report | None, following: _Report | None) -> str:
    years = [str(r.year) for r in (previous, following) if r is not None]
    return (
        "with the report's rules, the figures its text states and the same body's report"
        + ("s" if len(years) > 1 else "")
        + " of "
        + " and ".join(years)
    )


def _weigh_once(report: _Report, primaries: dict[tuple[str, int], _Report]) -> bool:
    assert report.body_id is not None and report.year is not None
    previous = primaries.get((report.body_id, report.year - 1))
    following = primaries.get((report.body_id, report.year + 1))
    if previous is None and following is None:
        return False
    evidence = Evidence(
        _values(report),
        statements(report.figures, _crossing_tables()),
        _values(previous) if previous is not None else None,
        _values(following) if following is not None else None,
    )
    weighed = settle(report.pending, evidence, _against(previous, following))
    if not weighed.cells:
        return False
    report.read += weighed.cells
    report.notes += [check for check in weighed.checks if check.passed is True]
    settled = {id(entry) for entry, _ in weighed.cells}
    report.pending = [p for p in report.pending if id(p) not in settled]
    return True


def _now_applicable(report: _Report) -> list[Check]:
    """The report's rules that its rows left out had kept from applying (at extraction,
    every rule naming a cell of theirs), now that some are read; a rule still naming a
    row left out stays unapplied."""
    read_rows = {(e.table, e.row, col) for e, _ in report.read for col in e.columns}
    unread = {(p.table, p.row, col) for p in report.pending for col in p.columns}
    kept_from = {
        (instance.rule, instance.scope)
        for instance in instances(report.cells.keys() | read_rows | unread)
        if read_rows.intersection(instance.keys)
    }
    values = _values(report)
    out = []
    for instance in instances(values.keys() | unread):
        if (instance.rule, instance.scope) not in kept_from or unread.intersection(instance.keys):
            continue
        check = instance.check(values)
        if check is not None:
            out.append(check)
    return out


@dataclass(slots=True)
class ReadingsSummary:
    rows_read: int = 0
    rows_left_out: int = 0


def refresh_readings_across_years(root: Path) -> ReadingsSummary:
    """Weigh again every row left out with the same body's reports of the years around it;
    write the cells it settles and their checks as derived parts."""
    root = Path(root)
    reports = _load(root)
    waiting = [r for r in reports.values() if r.pending and r.body_id and r.year is not None]
    primaries = _neighbours(reports)
    for _ in range(MAX_PASSES):
        if not any([_weigh_once(report, primaries) for report in waiting]):
            break
    cells: dict[int | None, list[dict[str, Any]]] = defaultdict(list)
    checks: dict[int | None, list[dict[str, Any]]] = defaultdict(list)
    summary = ReadingsSummary()
    for report in sorted(waiting, key=lambda r: r.report_id):
        summary.rows_read += len(report.read)
        summary.rows_left_out += len(report.pending)
        for entry, reading in report.read:
            for column, text in zip(entry.columns, reading.texts, strict=True):
                if text is None:
                    continue
                cells[report.year].append(
                    {
                        "report_id": report.report_id,
                        "table": entry.table,
                        "row_code": entry.row,
                        "col_code": column,
                        "value": float(text),
                        "text": text,
                        "label": entry.label,
                        "page": entry.page,
                    }
                )
        for check in [*report.notes, *(_now_applicable(report) if report.read else [])]:
            checks[report.year].append({"report_id": report.report_id, **asdict(check)})
    write_parquet_parts(
        [*derived_parts(root, "cells", NAME, cells), *derived_parts(root, "checks", NAME, checks)]
    )
    return summary
