"""The template's own arithmetic (勾稽关系) and the narrative against the tables.

One `Check` per rule instance, named as in spec/canonical-codes.md. A rule that needs
a cell the report does not print is not applicable (``passed`` None, the reason in
``detail``); a failed rule is a finding and never changes an extracted value.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from functools import cache

from ..model import Cell, Check, Figure
from ..resources import load_yaml
from ..tables.template import template_map

APPLICANTS = (
    "natural_person",
    "commercial",
    "research",
    "social_welfare",
    "legal_service",
    "other_org",
)
OUTCOME_PREFIXES = ("denied.", "unavailable.", "not_processed.")
_TOLERANCE = 1e-6

CellKey = tuple[str, str, str]


def _fmt(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:g}" if value == int(value) else f"{value:.6g}"


def _index(cells: Iterable[Cell]) -> dict[CellKey, Cell]:
    return {(c.table, c.row_code, c.col_code): c for c in cells}


def _sum_check(
    name: str,
    table: str,
    scope: str,
    total: Cell | None,
    parts: Sequence[Cell | None],
    describe: str,
) -> Check:
    missing = sum(1 for p in parts if p is None)
    if total is None or missing:
        what = "the total" if total is None else f"{missing} of its {len(parts)} parts"
        return Check(
            name,
            table,
            scope,
            None,
            total.value if total else None,
            None,
            f"not applicable: {what} not printed",
        )
    expected = sum(p.value for p in parts if p is not None)
    passed = abs(expected - total.value) <= _TOLERANCE
    detail = (
        f"{describe}: printed {_fmt(total.value)}, parts add up to {_fmt(expected)}"
        if not passed
        else f"{describe}: {_fmt(total.value)} = {_fmt(expected)}"
    )
    return Check(name, table, scope, expected, total.value, passed, detail)


def outcome_rows(present: set[str]) -> list[str]:
    """The outcome rows of 表三 a report prints: the template's, with (六) split or whole."""
    rows = [spec.code for spec in template_map().requests_rows]
    outcomes = [
        code
        for code in rows
        if code in ("granted", "partially_granted") or code.startswith(OUTCOME_PREFIXES)
    ]
    split_other = [code for code in rows if code.startswith("other.")]
    if any(code in present for code in split_other) or "other" not in present:
        outcomes += split_other
    else:
        outcomes.append("other")
    return outcomes


def arithmetic_checks(cells: Sequence[Cell]) -> list[Check]:
    index = _index(cells)
    checks: list[Check] = []
    request_rows = [spec.code for spec in template_map().requests_rows]
    present = {c.row_code for c in cells if c.table == "requests"}
    for row in request_rows:
        if row not in present:
            continue
        checks.append(
            _sum_check(
                "requests.row_total",
                "requests",
                row,
                index.get(("requests", row, "total")),
                [index.get(("requests", row, col)) for col in APPLICANTS],
                f"row {row}: 总计 against the six applicant columns",
            )
        )
    if present:
        outcomes = outcome_rows(present)
        for col in (*APPLICANTS, "total"):
            checks.append(
                _sum_check(
                    "requests.total_handled",
                    "requests",
                    col,
                    index.get(("requests", "total_handled", col)),
                    [index.get(("requests", row, col)) for row in outcomes],
                    f"column {col}: （七）总计 against the outcome rows",
                )
            )
            checks.append(_balance(index, col))
    for branch in ("review", "litigation_direct", "litigation_after_review"):
        if not any(c.table == "appeals" and c.row_code == branch for c in cells):
            continue
        checks.append(
            _sum_check(
                "appeals.row_total",
                "appeals",
                branch,
                index.get(("appeals", branch, "total")),
                [
                    index.get(("appeals", branch, o))
                    for o in ("upheld", "corrected", "other", "pending")
                ],
                f"{branch}: 总计 against its four outcomes",
            )
        )
    return checks


def _balance(index: dict[CellKey, Cell], col: str) -> Check:
    parts = {
        row: index.get(("requests", row, col))
        for row in ("new_received", "carried_over", "total_handled", "carried_forward")
    }
    missing = [row for row, cell in parts.items() if cell is None]
    if missing:
        return Check(
            "requests.balance",
            "requests",
            col,
            None,
            None,
            None,
            f"not applicable: {', '.join(missing)} not printed",
        )
    value = {row: cell.value for row, cell in parts.items() if cell is not None}
    left = value["new_received"] + value["carried_over"]
    right = value["total_handled"] + value["carried_forward"]
    passed = abs(left - right) <= _TOLERANCE
    detail = (
        f"column {col}: new {_fmt(value['new_received'])} + carried over {_fmt(value['carried_over'])} = {_fmt(left)}, "
        f"handled {_fmt(value['total_handled'])} + carried forward {_fmt(value['carried_forward'])} = {_fmt(right)}"
    )
    return Check("requests.balance", "requests", col, left, right, passed, detail)


@cache
def _agreement() -> dict:
    return load_yaml("agreement.yaml")


def _cells_sum(index: dict[CellKey, Cell], keys: Sequence[str]) -> float | None:
    """The sum of cells named ``table/row/col`` (col ``*``: the applicant columns), None if any is unprinted."""
    total = 0.0
    for key in keys:
        table, row, col = key.split("/")
        for column in APPLICANTS if col == "*" else (col,):
            cell = index.get((table, row, column))
            if cell is None:
                return None
            total += cell.value
    return total


def narrative_checks(cells: Sequence[Cell], figures: Sequence[Figure]) -> list[Check]:
    index = _index(cells)
    spec = _agreement()
    checks: list[Check] = []
    seen: set[tuple[str, float]] = set()
    for figure in figures:
        alternatives = spec["metrics"].get(figure.metric or "")
        if not alternatives or (figure.metric, figure.value) in seen:
            continue
        seen.add((figure.metric or "", figure.value))
        values = [_cells_sum(index, alt) for alt in alternatives]
        printed = [v for v in values if v is not None]
        if not printed:
            checks.append(
                Check(
                    "narrative.table_agreement",
                    "narrative",
                    figure.metric or "",
                    None,
                    figure.value,
                    None,
                    f"not applicable: the table cells for {figure.metric} are not printed",
                )
            )
            continue
        match = next((v for v in printed if abs(v - figure.value) <= _TOLERANCE), None)
        expected = match if match is not None else min(printed, key=lambda v: abs(v - figure.value))
        given = (
            _fmt(match)
            if match is not None
            else " or ".join(_fmt(v) for v in dict.fromkeys(printed))
        )
        detail = f"the text says {figure.text!r} ({figure.metric} {_fmt(figure.value)}); the tables give {given}"
        checks.append(
            Check(
                "narrative.table_agreement",
                "narrative",
                figure.metric or "",
                expected,
                figure.value,
                match is not None,
                detail,
            )
        )
    checks += share_checks(figures)
    return checks


def _decimals(text: str) -> int:
    match = re.search(r"\d+(?:\.(\d+))?\s*%", text)
    if match is None:  # in words: 百分之六十八点八 has one decimal
        spelled = re.search(r"点([零〇一二三四五六七八九]+)", text)
        return len(spelled.group(1)) if spelled else 0
    return len(match.group(1)) if match.group(1) else 0


def _share_agrees(share: float, ratio: float, decimals: int) -> bool:
    scale = 10**decimals
    rounded = math.floor(ratio * scale + 0.5) / scale
    truncated = math.floor(ratio * scale + 1e-9) / scale
    return abs(share - rounded) <= _TOLERANCE or abs(share - truncated) <= _TOLERANCE


def share_checks(figures: Sequence[Figure]) -> list[Check]:
    checks: list[Check] = []
    for metric, rule in _agreement().get("shares", {}).items():
        for figure in (f for f in figures if f.metric == metric):
            numerator = _nearest_before(figures, rule["numerator"], figure)
            bases = [
                b
                for b in (_nearest_before(figures, m, figure) for m in rule["bases"])
                if b and b.value
            ]
            if numerator is None or not bases:
                checks.append(
                    Check(
                        "narrative.share",
                        "narrative",
                        metric,
                        None,
                        figure.value,
                        None,
                        f"not applicable: the text states {figure.text!r} without its numerator and base",
                    )
                )
                continue
            decimals = _decimals(figure.text)
            ratios = [(numerator.value / b.value * 100, b) for b in bases]
            agreeing = [(r, b) for r, b in ratios if _share_agrees(figure.value, r, decimals)]
            tried = ", ".join(
                f"of {_fmt(b.value)} ({b.metric}) is {r:.{decimals + 1}f}%" for r, b in ratios
            )
            ratio = (agreeing or ratios)[0][0]
            detail = f"the text says {_fmt(numerator.value)} is {figure.text!r}; {_fmt(numerator.value)} {tried}"
            checks.append(
                Check(
                    "narrative.share",
                    "narrative",
                    metric,
                    round(ratio, decimals + 2),
                    figure.value,
                    bool(agreeing),
                    detail,
                )
            )
    return checks


def _nearest_before(figures: Sequence[Figure], metric: str, anchor: Figure) -> Figure | None:
    before = [f for f in figures if f.metric == metric and f.char_start <= anchor.char_start]
    if before:
        return max(before, key=lambda f: f.char_start)
    after = [f for f in figures if f.metric == metric]
    return after[0] if after else None


def check_report(cells: Sequence[Cell], figures: Sequence[Figure]) -> list[Check]:
    return arithmetic_checks(cells) + narrative_checks(cells, figures)
