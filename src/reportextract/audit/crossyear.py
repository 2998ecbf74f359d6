"""Checks across years: a report against the same body's report of the year before.

- ``yoy.<metric>`` (scope: the change metric, e.g. requests.received_change): the change
  the narrative states (较2024年上升33.3%) against the two years' table values, at the
  precision printed (rounded or truncated).
- ``yoy.carried_over`` (scope: column): last year's 结转下年度继续办理 against this year's
  上年结转政府信息公开申请数量.

They need the whole dataset, so they are computed after a run (and after the bodies step,
which decides each body-year's primary document) over every primary document whose body
has a primary document the year before, and stored as derived parts of the checks table.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from ..dataset.derived import read_table, write_derived
from ..model import Check
from ..resources import load_yaml
from ..template.checks import YEAR_ON_YEAR
from ..template.rules import instances, rules


@dataclass(slots=True)
class YearReport:
    report_id: str
    body_id: str
    year: int
    cells: dict[tuple[str, str, str], float] = field(default_factory=dict)
    changes: list[tuple[str, float, str]] = field(default_factory=list)


@cache
def _changes() -> dict[str, list[str]]:
    spec = load_yaml("agreement.yaml").get("changes", {})
    return {metric: rule["quantity"] for metric, rule in spec.items()}


def _quantity(report: YearReport, keys: Iterable[str]) -> float | None:
    total = 0.0
    for key in keys:
        table, row, col = key.split("/")
        value = report.cells.get((table, row, col))
        if value is None:
            return None
        total += value
    return total


def _decimals(text: str) -> int:
    match = re.search(r"\d+(?:\.(\d+))?\s*%", text)
    return len(match.group(1)) if match and match.group(1) else 0


def _agrees(stated: float, computed: float, decimals: int) -> bool:
    scale = 10**decimals
    candidates = (math.floor(computed * scale + 0.5) / scale, math.trunc(computed * scale) / scale)
    return any(abs(stated - c) < 1e-6 for c in candidates)


def predecessor(report: YearReport, reports: Iterable[YearReport]) -> YearReport | None:
    """The same body's report of the year before (one primary document per body-year)."""
    earlier = [r for r in reports if r.year == report.year - 1 and r.body_id == report.body_id]
    return max(earlier, key=lambda r: len(r.cells), default=None)


def crossyear_checks(reports: list[YearReport]) -> dict[str, list[Check]]:
    """Checks for every report whose body's previous-year report is in ``reports``."""
    by_year: dict[int, list[YearReport]] = defaultdict(list)
    for report in reports:
        by_year[report.year].append(report)
    out: dict[str, list[Check]] = {}
    for report in reports:
        previous = predecessor(report, by_year.get(report.year - 1, []))
        if previous is None:
            continue
        checks = _change_checks(report, previous) + _carry_checks(report, previous)
        if checks:
            out[report.report_id] = checks
    return out


def _change_checks(report: YearReport, previous: YearReport) -> list[Check]:
    checks = []
    for metric, stated, text in report.changes:
        keys = _changes().get(metric)
        if keys is None:
            continue
        now, before = _quantity(report, keys), _quantity(previous, keys)
        name = YEAR_ON_YEAR.member(metric)
        if now is None or before is None or before == 0:
            checks.append(
                Check(
                    name,
                    "narrative",
                    metric,
                    None,
                    stated,
                    None,
                    f"not applicable: {previous.year} or {report.year} value not printed (or zero)",
                )
            )
            continue
        computed = (now - before) / before * 100
        passed = _agrees(stated, computed, _decimals(text))
        detail = (
            f"the text says {text!r}; the tables give {before:g} in {previous.year} and {now:g} in "
            f"{report.year}, a change of {computed:+.2f}%"
        )
        checks.append(Check(name, "narrative", metric, round(computed, 4), stated, passed, detail))
    return checks


def _carry_checks(report: YearReport, previous: YearReport) -> list[Check]:
    """The template's rules across years (mappings/templates.yaml: yoy.carried_over)."""
    context = {"year": report.year, "previous_year": previous.year}
    found = (
        instance.check(report.cells, previous.cells, context)
        for instance in instances(report.cells, crossing=True)
    )
    return [check for check in found if check is not None]


def load_year_reports(root: Path) -> list[YearReport]:
    """The primary documents of a dataset with the cells and stated changes the checks use."""
    reports_table = read_table(root, "reports", ["report_id", "body_id", "year", "primary"])
    reports: dict[str, YearReport] = {
        row["report_id"]: YearReport(row["report_id"], row["body_id"], row["year"])
        for row in reports_table.to_pylist()
        if row["body_id"] and row["year"] and row["primary"]
    }
    cells = read_table(root, "cells", ["report_id", "table", "row_code", "col_code", "value"])
    crossing = pa.array(sorted({rule.table for rule in rules() if rule.crosses_documents}))
    for row in cells.filter(pc.is_in(cells["table"], crossing)).to_pylist():
        report = reports.get(row["report_id"])
        if report is not None:
            report.cells[(row["table"], row["row_code"], row["col_code"])] = row["value"]
    figures = read_table(root, "figures", ["report_id", "metric", "value", "text"])
    wanted = pa.array(sorted(_changes()))
    for row in figures.filter(pc.is_in(figures["metric"], wanted)).to_pylist():
        report = reports.get(row["report_id"])
        if report is not None:
            report.changes.append((row["metric"], row["value"], row["text"]))
    return list(reports.values())


def refresh_crossyear_checks(root: Path) -> int:
    """Recompute the cross-year checks of a dataset and store them; returns how many."""
    reports = load_year_reports(root)
    years = {r.report_id: r.year for r in reports}
    rows_by_year: dict[int | None, list[dict[str, object]]] = defaultdict(list)
    for report_id, checks in crossyear_checks(reports).items():
        for check in checks:
            rows_by_year[years[report_id]].append({"report_id": report_id, **asdict(check)})
    write_derived(root, "checks", "crossyear", rows_by_year)
    return sum(len(rows) for rows in rows_by_year.values())
