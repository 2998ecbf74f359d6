"""The template arithmetic and the narrative/table agreement, evaluated on printed values.

`broken_checks` returns every rule instance that fails, named as in
spec/canonical-codes.md; the truth's `broken_checks` is exactly this list, so it is
computed, never written by hand. A rule that needs an absent cell is not applied.
A narrative figure agrees with the tables when it equals the quantity read from the
总计 column or from the six applicant columns (a report may leave 总计 blank).
"""

from __future__ import annotations

from collections.abc import Mapping

from .template import (
    APPEAL_COLS,
    APPEAL_OUTCOME_COLS,
    APPEAL_ROWS,
    APPEALS,
    APPLICANT_COLS,
    REQUEST_COLS,
    REQUESTS,
    CellKey,
    outcome_rows,
)

TOLERANCE = 1e-6

# Narrative metrics and the table cells whose sum states the same quantity.
METRIC_CELLS: dict[str, tuple[CellKey, ...]] = {
    "requests.received": ((REQUESTS, "new_received", "total"),),
    "requests.answered": ((REQUESTS, "total_handled", "total"),),
    "requests.carried_forward": ((REQUESTS, "carried_forward", "total"),),
    "requests.granted_or_partial": (
        (REQUESTS, "granted", "total"),
        (REQUESTS, "partially_granted", "total"),
    ),
    "review.cases": ((APPEALS, "review", "total"),),
    "review.corrected": ((APPEALS, "review", "corrected"),),
    "litigation.cases": (
        (APPEALS, "litigation_direct", "total"),
        (APPEALS, "litigation_after_review", "total"),
    ),
    "litigation.corrected": (
        (APPEALS, "litigation_direct", "corrected"),
        (APPEALS, "litigation_after_review", "corrected"),
    ),
}


# Other wording-based readings of a metric that a lenient checker may accept; a
# deliberate disagreement must not match them either (see `ambiguous`).
LENIENT_CELLS: dict[str, tuple[tuple[CellKey, ...], ...]] = {
    "requests.received": (
        ((REQUESTS, "new_received", "total"), (REQUESTS, "carried_over", "total")),
    ),
}


def _sum(values: Mapping[CellKey, float], keys: list[CellKey]) -> float | None:
    if any(key not in values for key in keys):
        return None
    return sum(values[key] for key in keys)


def _fails(actual: float | None, expected: float | None) -> bool:
    return actual is not None and expected is not None and abs(actual - expected) > TOLERANCE


def _by_applicants(keys: tuple[CellKey, ...]) -> list[CellKey]:
    """The same quantity read from the six applicant columns (when 总计 is left blank)."""
    out: list[CellKey] = []
    for table, row, col in keys:
        if table == REQUESTS and col == "total":
            out.extend((table, row, c) for c in APPLICANT_COLS)
        else:
            out.append((table, row, col))
    return out


def table_readings(values: Mapping[CellKey, float], metric: str) -> list[float]:
    """The values the tables give for a narrative metric: from 总计, or from the applicant columns."""
    keys = METRIC_CELLS[metric]
    readings = [_sum(values, list(keys)), _sum(values, _by_applicants(keys))]
    return [r for r in readings if r is not None]


def narrative_agrees(values: Mapping[CellKey, float], metric: str, stated: float) -> bool | None:
    readings = table_readings(values, metric)
    if not readings:
        return None
    return any(abs(stated - r) <= TOLERANCE for r in readings)


def ambiguous(values: Mapping[CellKey, float], figures: Mapping[str, float]) -> bool:
    """A stated figure disagrees with the tables but matches another reading of its wording."""
    for metric, alternatives in LENIENT_CELLS.items():
        if metric in figures and narrative_agrees(values, metric, figures[metric]) is False:
            for keys in alternatives:
                total = _sum(values, list(keys))
                if total is not None and abs(total - figures[metric]) <= TOLERANCE:
                    return True
    return False


def broken_checks(
    values: Mapping[CellKey, float], figures: Mapping[str, float]
) -> list[dict[str, str]]:
    """Every failing rule instance as {table, rule, scope}, in a stable order."""
    broken: list[dict[str, str]] = []
    single_other = any(key[:2] == (REQUESTS, "other") for key in values)
    outcomes = outcome_rows(single_other)
    rows = ["new_received", "carried_over", *outcomes, "total_handled", "carried_forward"]
    for row in rows:
        total = values.get((REQUESTS, row, "total"))
        parts = _sum(values, [(REQUESTS, row, col) for col in APPLICANT_COLS])
        if _fails(total, parts):
            broken.append({"table": REQUESTS, "rule": "requests.row_total", "scope": row})
    for col in REQUEST_COLS:
        handled = values.get((REQUESTS, "total_handled", col))
        parts = _sum(values, [(REQUESTS, row, col) for row in outcomes])
        if _fails(handled, parts):
            broken.append({"table": REQUESTS, "rule": "requests.total_handled", "scope": col})
    for col in REQUEST_COLS:
        incoming = _sum(values, [(REQUESTS, "new_received", col), (REQUESTS, "carried_over", col)])
        outgoing = _sum(
            values, [(REQUESTS, "total_handled", col), (REQUESTS, "carried_forward", col)]
        )
        if _fails(incoming, outgoing):
            broken.append({"table": REQUESTS, "rule": "requests.balance", "scope": col})
    for row in APPEAL_ROWS:
        total = values.get((APPEALS, row, APPEAL_COLS[-1]))
        parts = _sum(values, [(APPEALS, row, col) for col in APPEAL_OUTCOME_COLS])
        if _fails(total, parts):
            broken.append({"table": APPEALS, "rule": "appeals.row_total", "scope": row})
    for metric in METRIC_CELLS:
        if metric in figures and narrative_agrees(values, metric, figures[metric]) is False:
            broken.append(
                {"table": "narrative", "rule": "narrative.table_agreement", "scope": metric}
            )
    return broken
