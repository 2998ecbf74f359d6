"""Who under a region published a report for the year, from the division library.

The divisions are those of ``reportextract coverage`` (the library's children of the
region, as they were that year), one level further down for a province: its cities and
their counties. A division's state is that of its people's government's report: whole,
partial (a table or rows not printed or not read), unreadable (attributed to it, but no
table could be read, or the document failed), or none.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from ...bodies.divisions import Division, Divisions
from ...bodies.select import is_within
from ..coverage import DivisionCoverage, coverage

PUBLISHED = "published"
PARTIAL = "partial"
UNREADABLE = "unreadable"
MISSING = "none"


@dataclass(slots=True)
class DivisionState:
    division: Division
    name: str  # with its city: 淮安市洪泽区
    state: str  # published · partial · unreadable · none
    report_id: str | None = None  # its government's report (the primary document)
    reason: str | None = None  # why a report is partial or unreadable
    other_reports: int = 0  # reports of its other bodies (departments, offices …)
    last_year: str | None = None  # its government's report of the year before, if any
    depth: int = 1  # 0: the region itself, 1: a division under it, 2: one under that
    parent: str | None = None  # the code of the division above it on the page
    silent_below: int = 0  # divisions under it, none of which published (when it did not either)


@dataclass(slots=True)
class Published:
    region: DivisionState
    divisions: list[DivisionState] = field(default_factory=list)

    def at_depth(self, depth: int) -> list[DivisionState]:
        return [d for d in self.divisions if d.depth == depth]

    def missing(self) -> list[DivisionState]:
        return [d for d in self.divisions if d.state == MISSING]

    def rows(self) -> list[DivisionState]:
        """The divisions as the page's table lists them: a city that published nothing and
        none of whose divisions did is one row (its divisions are named above the table)."""
        out: list[DivisionState] = []
        silent = {d.division.code for d in self.divisions if d.silent_below}
        for division in self.divisions:
            if division.parent not in silent:
                out.append(division)
        return out

    def levels(self) -> list[tuple[str, list[DivisionState]]]:
        """(level, divisions) for each level under the region, nearest first."""
        out: list[tuple[str, list[DivisionState]]] = []
        for level in ("city", "county"):
            members = [d for d in self.divisions if d.division.level == level]
            if members:
                out.append((level, members))
        return out


def _government_documents(
    reports: Iterable[dict[str, Any]], year: int
) -> dict[str, list[dict[str, Any]]]:
    """Division code → the documents of its people's government for ``year``."""
    out: dict[str, list[dict[str, Any]]] = {}
    for row in reports:
        if row["year"] == year and row["body_kind"] == "government" and row["division_code"]:
            out.setdefault(row["division_code"], []).append(row)
    return out


def _state(
    division: Division,
    name: str,
    documents: list[dict[str, Any]],
    previous: list[dict[str, Any]],
    other_reports: int,
    depth: int,
) -> DivisionState:
    primary = next((r for r in documents if r["primary"]), None)
    last = next((r["report_id"] for r in previous if r["primary"]), None)
    state = DivisionState(division, name, MISSING, other_reports=other_reports, depth=depth)
    state.last_year = last
    if primary is not None:
        state.report_id = primary["report_id"]
        if not primary["cells"]:
            state.state = UNREADABLE
            state.reason = primary["error"] or "no table of the template was read"
        elif primary["status"] == "partial":
            state.state = PARTIAL
            state.reason = primary["error"]
        else:
            state.state = PUBLISHED
    elif documents:  # only documents that failed: attributed, but not read
        failed = documents[0]
        state.state = UNREADABLE
        state.report_id = failed["report_id"]
        state.reason = failed["error"] or "the document could not be read"
    return state


def published(
    root: Path,
    con: duckdb.DuckDBPyConnection,
    region: Division,
    year: int,
    reports: list[dict[str, Any]],
    table: Divisions,
) -> Published:
    """The region's own government and every division under it, down to the counties."""
    this_year = _government_documents(reports, year)
    last_year = _government_documents(reports, year - 1)

    others = [
        r["division_code"]
        for r in reports
        if r["year"] == year and r["primary"] and r["body_kind"] != "government"
    ]

    def state_of(entry: DivisionCoverage, depth: int, parent: str) -> DivisionState:
        code = entry.division.code
        state = _state(
            entry.division,
            entry.name,
            this_year.get(code, []),
            last_year.get(code, []),
            sum(1 for other in others if is_within(other, entry.division, table)),
            depth,
        )
        state.parent = parent
        return state

    own = _state(
        region,
        table.qualified_name(region),
        this_year.get(region.code, []),
        last_year.get(region.code, []),
        0,
        0,
    )
    result = Published(own)
    if not table.children(region.code, year):
        return result
    for entry in coverage(root, region.code, year, con).divisions:
        state = state_of(entry, 1, region.code)
        result.divisions.append(state)
        if entry.division.level == "city" and table.children(entry.division.code, year):
            below = [
                state_of(child, 2, entry.division.code)
                for child in coverage(root, entry.division.code, year, con).divisions
            ]
            result.divisions += below
            if state.state == MISSING and all(d.state == MISSING for d in below):
                state.silent_below = len(below)
    return result
