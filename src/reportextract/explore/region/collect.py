"""Everything the page of a region's year shows, read from the dataset in one pass."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...bodies.divisions import Division, divisions, library_version
from ...bodies.select import UnknownDivision, find_division, is_within
from ..compare import key_figures
from ..dataset import connect, records
from ..errors import ExploreError, NotFound
from .findings import BodyFindings, Report, finding
from .pictures import Pictures
from .published import Published, published
from .sidebyside import BodyFigures, CellIndex, Group, body_figures, frame_rows, groups
from .sources import Document, Sources

LEVEL_NAMES = {
    "city": ("city", "cities"),
    "county": ("county-level division", "county-level divisions"),
}


@dataclass(frozen=True, slots=True)
class LevelTotals:
    level: str  # city · county
    divisions: int  # divisions of that level under the region
    published: int  # … whose government published a report (whole, partial or unreadable)
    incomplete: int  # … partial or unreadable
    missing: int

    @property
    def name(self) -> str:
        one, many = LEVEL_NAMES.get(self.level, (self.level, self.level))
        return one if self.divisions == 1 else many


@dataclass(slots=True)
class Totals:
    levels: list[LevelTotals] = field(default_factory=list)
    missing: int = 0  # divisions under the region, of every level, without a report
    bodies: int = 0  # bodies with a report read for the year (side by side)
    received: float = 0.0  # applications received, summed over those reports
    findings: int = 0
    with_findings: int = 0


@dataclass(slots=True)
class RegionReport:
    region: Division
    region_name: str
    year: int
    dataset: Path
    made_on: str
    library: str
    published: Published
    groups: list[Group]
    findings: list[BodyFindings]
    sources: list[Document] = field(default_factory=list)
    unattributed_failures: int = 0  # documents that failed and name no body (any region)
    totals: Totals = field(default_factory=Totals)

    @property
    def bodies(self) -> list[BodyFigures]:
        return [b for g in self.groups for b in g.bodies]


def _in_list(ids: list[str]) -> str:
    return "(" + ", ".join("'" + i.replace("'", "''") + "'" for i in ids) + ")" if ids else "('')"


def _frame(root: Path, year: int, region: Division) -> list[dict[str, Any]]:
    try:
        return frame_rows(key_figures(root, (), year, region.code))
    except NotFound:
        return []


def region_report(root: str | Path, within: str, year: int) -> RegionReport:
    """The page's content for the region ``within`` (a division's name or code) and ``year``."""
    root = Path(root)
    table = divisions()
    try:
        region = find_division(within, year)
    except UnknownDivision as exc:
        raise ExploreError(str(exc)) from exc
    con = connect(root)
    try:
        every = records(con, "SELECT * FROM reports WHERE year IN (?, ?)", [year, year - 1])
        failures = con.execute(
            "SELECT COUNT(*) FROM reports WHERE status = 'failed' AND body_id IS NULL"
        ).fetchone()
        reports = [r for r in every if is_within(r["division_code"], region, table)]
        by_id = {r["report_id"]: r for r in reports}
        current = [r for r in _frame(root, year, region) if r.get("cells")]
        before = {r["body_id"]: r for r in _frame(root, year - 1, region)}
        findings_rows = [
            r
            for r in records(
                con,
                'SELECT * FROM findings WHERE year = ? ORDER BY report_id, "check", scope',
                [year],
            )
            if is_within(r["division_code"], region, table)
        ]
        primaries = {r["report_id"] for r in current} | {r["report_id"] for r in before.values()}
        primaries |= {r["report_id"] for r in findings_rows}
        previous_of = {
            (r["body_id"], r["year"]): r["report_id"]
            for r in reports
            if r["primary"] and r["year"] == year - 1
        }
        primaries |= set(previous_of.values())
        ids = _in_list(sorted(primaries))
        cell_rows = records(con, f"SELECT * FROM cells WHERE report_id IN {ids}", [])
        figure_rows = records(
            con, f"SELECT * FROM figures WHERE report_id IN {ids} ORDER BY char_start", []
        )
        state = published(root, con, region, year, reports, table)
    finally:
        con.close()

    sources = Sources(root, by_id)
    for division in [state.region, *state.divisions]:
        for cited in (division.report_id, division.last_year):
            if cited is not None:
                sources.document(cited)

    cells: CellIndex = defaultdict(dict)
    for cell in cell_rows:
        cells[cell["report_id"]][(cell["table"], cell["row_code"], cell["col_code"])] = cell
    figures: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for figure in figure_rows:
        figures[figure["report_id"]].append(figure)
    proactive = {
        rid: next((f for f in rows if f.get("metric") == "proactive.items"), None)
        for rid, rows in figures.items()
    }
    prefixes = [table.qualified_name(region), region.name]
    bodies = [
        body_figures(
            row,
            before.get(row["body_id"]),
            cells,
            {k: v for k, v in proactive.items() if v is not None},
            sources,
            table,
            prefixes,
            region.level,
        )
        for row in current
    ]
    ordered = groups(bodies, region.code, table)

    pictures = Pictures(root, by_id)
    position = {b.report_id: i for i, b in enumerate(b for g in ordered for b in g.bodies)}
    per_report: dict[str, BodyFindings] = {}
    for row in sorted(findings_rows, key=lambda r: position.get(r["report_id"], len(position))):
        report_id = row["report_id"]
        if report_id not in per_report:
            per_report[report_id] = BodyFindings(
                name=row["body_name"] or row["issuer"] or "(issuer unknown)",
                report_id=report_id,
                year=year,
                source=sources.document(report_id).number,
            )
        previous_id = previous_of.get((row["body_id"], year - 1))
        previous = (
            Report(previous_id, year - 1, cells.get(previous_id, {}), figures.get(previous_id, []))
            if previous_id
            else None
        )
        evidence = Report(
            report_id, year, cells.get(report_id, {}), figures.get(report_id, []), previous
        )
        per_report[report_id].findings.append(finding(row, evidence, sources, pictures))

    result = RegionReport(
        region=region,
        region_name=table.qualified_name(region),
        year=year,
        dataset=root.resolve(),
        made_on=dt.date.today().isoformat(),
        library=library_version(),
        published=state,
        groups=ordered,
        findings=list(per_report.values()),
        unattributed_failures=int(failures[0]) if failures else 0,
    )
    result.sources = sources.listed()
    result.totals = _totals(result)
    return result


def _totals(report: RegionReport) -> Totals:
    return Totals(
        levels=[
            LevelTotals(
                level,
                len(members),
                sum(1 for d in members if d.state != "none"),
                sum(1 for d in members if d.state in ("partial", "unreadable")),
                sum(1 for d in members if d.state == "none"),
            )
            for level, members in report.published.levels()
        ],
        missing=len(report.published.missing()),
        bodies=len(report.bodies),
        received=sum(b.values["received"].number or 0.0 for b in report.bodies),
        findings=sum(len(b.findings) for b in report.findings),
        with_findings=len(report.findings),
    )
