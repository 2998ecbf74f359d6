"""``reportextract coverage``: the divisions of a region with and without a report for a year.

The divisions are the division library's children of the region for that year (淮安市's
seven districts and counties in 2024, eight in 2015); a division has a report when the
primary document of its people's government for the year is in the dataset.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb
from tabulate import tabulate

from ..bodies.divisions import Division, divisions
from ..bodies.select import UnknownDivision, find_division, is_within
from .dataset import connect
from .errors import ExploreError

FORMATS = ("markdown", "csv")


@dataclass(slots=True)
class DivisionCoverage:
    division: Division
    name: str  # with its city: 淮安市洪泽区
    reports: list[str] = field(default_factory=list)  # report_ids of its government
    other_reports: int = 0  # its other bodies' reports (offices, departments, townships …)

    @property
    def published(self) -> bool:
        return bool(self.reports)


@dataclass(slots=True)
class Coverage:
    region: Division
    region_name: str
    year: int
    divisions: list[DivisionCoverage]

    @property
    def missing(self) -> list[DivisionCoverage]:
        return [d for d in self.divisions if not d.published]


def coverage(
    root: str | Path,
    within: str,
    year: int,
    connection: duckdb.DuckDBPyConnection | None = None,
) -> Coverage:
    """``connection``: an open connection to the dataset, to ask several regions at once."""
    table = divisions()
    try:
        region = find_division(within, year)
    except UnknownDivision as exc:
        raise ExploreError(str(exc)) from exc
    children = table.children(region.code, year)
    if not children:
        raise ExploreError(
            f"{table.qualified_name(region)} {region.code} has no divisions under it in "
            f"{table.clip(year)} in the division library"
        )
    con = connection or connect(root)
    try:
        rows = con.execute(
            'SELECT report_id, division_code, body_kind FROM reports WHERE "primary" AND year = ?',
            [year],
        ).fetchall()
    finally:
        if connection is None:
            con.close()
    result = [DivisionCoverage(child, table.qualified_name(child)) for child in children]
    for report_id, code, kind in rows:
        for entry in result:
            if code == entry.division.code and kind == "government":
                entry.reports.append(report_id)
            elif is_within(code, entry.division, table):
                entry.other_reports += 1
    return Coverage(region, table.qualified_name(region), year, result)


def format_coverage(result: Coverage, fmt: str = "markdown") -> str:
    header = ["code", "division", "level", "report", "other bodies' reports"]
    rows = [
        [
            d.division.code,
            d.name,
            d.division.level,
            ", ".join(d.reports) if d.reports else "none",
            str(d.other_reports),
        ]
        for d in result.divisions
    ]
    if fmt == "csv":
        lines = [
            ",".join(["code", "division", "level", "published", "report_ids", "other_reports"])
        ]
        lines += [
            ",".join(
                [
                    d.division.code,
                    d.name,
                    d.division.level,
                    "true" if d.published else "false",
                    " ".join(d.reports),
                    str(d.other_reports),
                ]
            )
            for d in result.divisions
        ]
        return "\n".join(lines)
    if fmt != "markdown":
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    missing = result.missing
    summary = (
        f"{result.region_name} {result.region.code}, {result.year}: "
        f"{len(result.divisions) - len(missing)} of {len(result.divisions)} divisions published "
        f"a report"
        + (
            "; no report from " + ", ".join(f"{d.name} {d.division.code}" for d in missing)
            if missing
            else ""
        )
    )
    table = tabulate(rows, headers=header, tablefmt="github", disable_numparse=True)
    return f"{table}\n\n{summary}"
