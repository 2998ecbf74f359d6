"""Deliberate errors for the audit: a clerk's slip in the tables, a narrative that disagrees.

The tables are modelled as the spreadsheet a clerk fills in: applicant cells are
typed, the 总计 column and the (七)总计 row may be formulas. A typo in a typed cell
is followed by the formula cells that depend on it; a number typed over a formula
cell stays as typed. Which rules then fail is not decided here: `rules.broken_checks`
evaluates them on the printed values.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .content import Number
from .presentation import Presentation
from .rules import METRIC_CELLS
from .template import (
    APPEAL_OUTCOME_COLS,
    APPEAL_ROWS,
    APPEALS,
    APPLICANT_COLS,
    REQUESTS,
    CellKey,
    outcome_rows,
)

KINDS = ("clerk_typo", "clerk_overtype", "appeals_total", "blank_totals", "narrative")
_KIND_WEIGHTS = (5, 2, 2, 1, 4)


@dataclass(frozen=True, slots=True)
class Fault:
    kind: str
    description: str


def typo(rng: random.Random, n: int) -> int:
    """A number a clerk might type instead of n (never n itself)."""
    digits = str(n)
    options: list[int] = [n + rng.choice((-1, 1)) * rng.randint(1, 9)]
    if len(digits) >= 2:
        i = rng.randrange(len(digits) - 1)
        swapped = digits[:i] + digits[i + 1] + digits[i] + digits[i + 2 :]
        options.append(int(swapped))
        j = rng.randrange(len(digits))
        options.append(int(digits[:j] + digits[j + 1 :]))
    j = rng.randrange(len(digits))
    options.append(int(digits[: j + 1] + digits[j] + digits[j + 1 :]))
    options = [value for value in options if value >= 0 and value != n]
    return rng.choice(options) if options else n + 1


@dataclass(slots=True)
class Sheet:
    """表三 and 表四 as a clerk's spreadsheet over the printed values (edited in place)."""

    values: dict[CellKey, Number]
    single_other_row: bool
    row_formula: bool
    handled_formula: bool
    appeals_formula: bool
    blank_total_rows: frozenset[str] = frozenset()  # 总计 cells the clerk left empty

    def recompute_row(self, row: str) -> None:
        if row in self.blank_total_rows:
            return
        self.values[(REQUESTS, row, "total")] = sum(
            int(self.values[(REQUESTS, row, c)]) for c in APPLICANT_COLS
        )

    def recompute_handled(self, col: str) -> None:
        rows = outcome_rows(self.single_other_row)
        self.values[(REQUESTS, "total_handled", col)] = sum(
            int(self.values[(REQUESTS, r, col)]) for r in rows
        )

    def type_applicant_cell(self, row: str, col: str, value: int) -> None:
        self.values[(REQUESTS, row, col)] = value
        if self.row_formula:
            self.recompute_row(row)
        if self.handled_formula and row in outcome_rows(self.single_other_row):
            self.recompute_handled(col)
            if not self.blank_total_rows:  # a blank 总计 column is no formula's input
                self.recompute_handled("total")
            if self.row_formula:
                self.recompute_row("total_handled")


def _clerk_typo(rng: random.Random, sheet: Sheet) -> Fault:
    outcomes = outcome_rows(sheet.single_other_row)
    row = rng.choices(
        ["new_received", "carried_over", "carried_forward", *outcomes],
        [3, 1, 1] + [0.6] * len(outcomes),
    )[0]
    nonzero = [c for c in APPLICANT_COLS if sheet.values[(REQUESTS, row, c)]]
    col = rng.choice(nonzero) if nonzero and rng.random() < 0.8 else rng.choice(APPLICANT_COLS)
    old = int(sheet.values[(REQUESTS, row, col)])
    new = typo(rng, old)
    sheet.type_applicant_cell(row, col, new)
    follows = []
    if sheet.row_formula:
        follows.append("row total")
    if sheet.handled_formula and row in outcomes:
        follows.append("(七)总计")
    tail = (
        f"; formula cells followed ({', '.join(follows)})" if follows else "; no formula followed"
    )
    return Fault("clerk_typo", f"表三 {row}/{col} typed {new} instead of {old}{tail}")


def _clerk_overtype(rng: random.Random, sheet: Sheet) -> Fault:
    outcomes = outcome_rows(sheet.single_other_row)
    rows = ["new_received", "total_handled", "carried_forward", *outcomes]
    row = rng.choice([r for r in rows if r not in sheet.blank_total_rows])
    if row == "total_handled":
        col = rng.choice(APPLICANT_COLS)
        old = int(sheet.values[(REQUESTS, row, col)])
        new = typo(rng, old)
        sheet.values[(REQUESTS, row, col)] = new
        if sheet.row_formula:
            sheet.recompute_row(row)
        return Fault(
            "clerk_overtype", f"表三 (七)总计/{col} typed over as {new} (sum of its rows is {old})"
        )
    old = int(sheet.values[(REQUESTS, row, "total")])
    new = typo(rng, old)
    sheet.values[(REQUESTS, row, "total")] = new
    if sheet.handled_formula and row in outcomes and not sheet.blank_total_rows:
        sheet.recompute_handled("total")
    return Fault(
        "clerk_overtype", f"表三 {row}/总计 typed over as {new} (its row adds up to {old})"
    )


def _appeals_total(rng: random.Random, sheet: Sheet) -> Fault:
    busy = [row for row in APPEAL_ROWS if sheet.values[(APPEALS, row, "total")]]
    row = rng.choice(busy or list(APPEAL_ROWS))
    if busy and rng.random() < 0.5:
        sheet.values[(APPEALS, row, "total")] = 0
        return Fault("appeals_total", f"表四 {row} 总计 printed 0 although its outcomes are not")
    col = rng.choice(APPEAL_OUTCOME_COLS)
    old = int(sheet.values[(APPEALS, row, col)])
    new = typo(rng, old)
    sheet.values[(APPEALS, row, col)] = new
    if sheet.appeals_formula:
        sheet.values[(APPEALS, row, "total")] = sum(
            int(sheet.values[(APPEALS, row, c)]) for c in APPEAL_OUTCOME_COLS
        )
        return Fault(
            "appeals_total", f"表四 {row}/{col} typed {new} instead of {old}; total followed"
        )
    return Fault("appeals_total", f"表四 {row}/{col} typed {new} instead of {old}")


def _blank_totals(sheet: Sheet, presentation: Presentation) -> Fault:
    rows = outcome_rows(sheet.single_other_row)
    for row in rows:
        sheet.values[(REQUESTS, row, "total")] = 0
    presentation.blank_totals = frozenset(rows)
    return Fault(
        "blank_totals",
        "表三 总计 column left blank for every outcome row (filled only for 一/二/(七)/四)",
    )


def _narrative(rng: random.Random, stated: dict[str, float]) -> Fault | None:
    candidates = [metric for metric in METRIC_CELLS if metric in stated]
    if not candidates:
        return None
    metric = rng.choice(candidates)
    old = int(stated[metric])
    if old > 3 and rng.random() < 0.5:
        new = rng.randint(1, old - 1)
        why = "counts only part of the applications"
    else:
        new = typo(rng, old)
        why = "mistyped"
    stated[metric] = new
    share = "requests.granted_or_partial_share"
    base = stated.get("requests.received")
    if share in stated and base:
        # the writer's share of the numbers it states
        stated[share] = round(stated["requests.granted_or_partial"] * 100 / base, 1)
    return Fault("narrative", f"narrative states {metric} = {new}, tables give {old} ({why})")


def apply_fault(
    rng: random.Random,
    values: dict[CellKey, Number],
    single_other_row: bool,
    presentation: Presentation,
    stated: dict[str, float],
    kind: str | None = None,
) -> Fault | None:
    """Apply one deliberate error in place; None when the drawn kind does not apply."""
    kind = kind or rng.choices(KINDS, _KIND_WEIGHTS)[0]
    sheet = Sheet(
        values,
        single_other_row,
        row_formula=rng.random() < 0.75,
        handled_formula=rng.random() < 0.6,
        appeals_formula=rng.random() < 0.5,
        blank_total_rows=presentation.blank_totals,
    )
    if kind == "clerk_typo":
        return _clerk_typo(rng, sheet)
    if kind == "clerk_overtype":
        return _clerk_overtype(rng, sheet)
    if kind == "appeals_total":
        return _appeals_total(rng, sheet)
    if kind == "blank_totals":
        if presentation.blank_totals:
            return None
        return _blank_totals(sheet, presentation)
    return _narrative(rng, stated)
