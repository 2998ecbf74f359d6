"""The template's own arithmetic (勾稽关系) and the narrative against the tables.

One `Check` per rule instance, named as in docs/checks.md. A rule that needs
a cell the report does not print is not applicable (``passed`` None, the reason in
``detail``); a failed rule is a finding and never changes an extracted value.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterable, Sequence
from functools import cache

from ..model import Cell, Check, Figure
from ..resources import load_yaml
from ..template import template_map
from ..template.checks import NARRATIVE_AGREEMENT, NARRATIVE_SHARE
from ..template.rules import TOLERANCE, instances
from ..template.rules import format_value as _fmt

CellKey = tuple[str, str, str]


def _index(cells: Iterable[Cell]) -> dict[CellKey, Cell]:
    return {(c.table, c.row_code, c.col_code): c for c in cells}


def arithmetic_checks(cells: Sequence[Cell], unread: Collection[CellKey] = ()) -> list[Check]:
    """The template's rules (mappings/templates.yaml) on the cells the report prints.
    ``unread``: cells the report prints but that could not be read (a row left out with
    a check saying why); a rule that names one is not applied."""
    values = {(c.table, c.row_code, c.col_code): c.value for c in cells}
    skipped = set(unread)
    found = (
        instance.check(values)
        for instance in instances(values.keys() | skipped)
        if not skipped.intersection(instance.keys)
    )
    return [check for check in found if check is not None]


@cache
def _agreement() -> dict:
    return load_yaml("agreement.yaml")


def _cells_sum(index: dict[CellKey, Cell], keys: Sequence[str]) -> float | None:
    """The sum of cells named ``table/row/col`` (col ``*``: the applicant columns), None if any is unprinted."""
    total = 0.0
    for key in keys:
        table, row, col = key.split("/")
        for column in template_map().applicant_columns if col == "*" else (col,):
            cell = index.get((table, row, column))
            if cell is None:
                return None
            total += cell.value
    return total


def _alternatives(metric: str, tables: Collection[str] | None) -> list[list[str]]:
    """The sums of cells that hold a metric's quantity, in ``tables`` (None: any)."""
    found = _agreement()["metrics"].get(metric) or []
    if tables is None:
        return list(found)
    return [alt for alt in found if all(key.split("/")[0] in tables for key in alt)]


def narrative_checks(
    cells: Sequence[Cell], figures: Sequence[Figure], tables: Collection[str] | None = None
) -> list[Check]:
    """The narrative's figures against the cells of the same quantity, in the tables of
    the report's edition (``tables``; None: every table agreement.yaml names)."""
    index = _index(cells)
    checks: list[Check] = []
    seen: set[tuple[str, float]] = set()
    for figure in figures:
        alternatives = _alternatives(figure.metric or "", tables)
        if not alternatives or (figure.metric, figure.value) in seen:
            continue
        seen.add((figure.metric or "", figure.value))
        values = [_cells_sum(index, alt) for alt in alternatives]
        printed = [v for v in values if v is not None]
        if not printed:
            checks.append(
                Check(
                    NARRATIVE_AGREEMENT.name,
                    "narrative",
                    figure.metric or "",
                    None,
                    figure.value,
                    None,
                    f"not applicable: the table cells for {figure.metric} are not printed or not read",
                )
            )
            continue
        match = next((v for v in printed if abs(v - figure.value) <= TOLERANCE), None)
        expected = match if match is not None else min(printed, key=lambda v: abs(v - figure.value))
        given = (
            _fmt(match)
            if match is not None
            else " or ".join(_fmt(v) for v in dict.fromkeys(printed))
        )
        detail = f"the text says {figure.text!r} ({figure.metric} {_fmt(figure.value)}); the tables give {given}"
        checks.append(
            Check(
                NARRATIVE_AGREEMENT.name,
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
    return abs(share - rounded) <= TOLERANCE or abs(share - truncated) <= TOLERANCE


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
                        NARRATIVE_SHARE.name,
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
                    NARRATIVE_SHARE.name,
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


def check_report(
    cells: Sequence[Cell],
    figures: Sequence[Figure],
    *,
    tables: Collection[str] | None = None,
    unread: Collection[CellKey] = (),
) -> list[Check]:
    """The report's arithmetic and its narrative against its tables: ``tables``, the
    tables of its edition; ``unread``, cells printed but left out."""
    return arithmetic_checks(cells, unread) + narrative_checks(cells, figures, tables)
