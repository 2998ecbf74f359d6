"""Every finding of the region's reports in words a reader understands, with its evidence:
the cells it is about as printed (and their picture on the page, for a PDF) and the
sentence of the narrative it is about.

A finding is a row of the ``findings`` view (a failed check of a body-year's primary
document). Which cells a check is about follows from its name and scope, as the audit
computes it (``audit/rules.py``, ``audit/crossyear.py``, ``mappings/agreement.yaml``); a
check of a kind this page does not know is shown with its own detail.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ...resources import load_yaml
from ..render import column_labels
from ..show import figure_span
from .labels import TABLE_NAMES, column_name, printed_row, row_name
from .pictures import Picture, Pictures
from .sidebyside import number_text
from .sources import Sources

CellKey = tuple[str, str, str]
Cells = dict[CellKey, dict[str, Any]]

METRIC_WORDS = {  # metric → (one, several, the report's own words)
    "requests.received": ("application received", "applications received", "收到申请"),
    "requests.answered": ("application answered", "applications answered", "答复申请"),
    "requests.carried_forward": (
        "application carried into next year",
        "applications carried into next year",
        "结转",
    ),
    "requests.granted_or_partial": (
        "application granted in full or in part",
        "applications granted in full or in part",
        "予以公开及部分公开",
    ),
    "requests.received_change": ("application received", "applications received", "收到申请"),
    "review.cases": ("administrative review", "administrative reviews", "行政复议"),
    "review.corrected": (
        "administrative review corrected",
        "administrative reviews corrected",
        "复议纠错",
    ),
    "litigation.cases": ("lawsuit", "lawsuits", "行政诉讼"),
    "litigation.corrected": ("lawsuit corrected", "lawsuits corrected", "诉讼纠错"),
    "proactive.items": ("item published proactively", "items published proactively", "主动公开"),
    "fees.collected": ("yuan of fees collected", "yuan of fees collected", "信息处理费"),
}


def metric_words(metric: str, value: Any = None) -> str:
    """applications received (收到申请) — or the metric's code for one this page does not know."""
    if metric not in METRIC_WORDS:
        return metric
    one, several, chinese = METRIC_WORDS[metric]
    return f"{one if value is not None and float(value) == 1 else several} ({chinese})"


@dataclass(slots=True)
class PrintedCell:
    year: int | None
    table: str
    row: str  # the row's label as printed
    column: str
    text: str  # as printed
    page: int | None
    href: str | None
    source: int
    focus: bool  # a cell the finding is about (boxed in the picture)


@dataclass(slots=True)
class Sentence:
    before: str
    figure: str
    after: str
    page: int | None
    href: str | None
    source: int


@dataclass(slots=True)
class Finding:
    check: str
    scope: str
    words: str
    detail: str
    report_id: str
    cells: list[PrintedCell] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)
    note: str = ""  # why there is no picture
    zeros: int = 0  # cells of the sum not listed because they print 0


@dataclass(slots=True)
class BodyFindings:
    name: str
    report_id: str
    year: int
    source: int
    findings: list[Finding] = field(default_factory=list)


@dataclass(slots=True)
class Report:
    """What the evidence of one body-year's findings is drawn from."""

    report_id: str
    year: int
    cells: Cells
    figures: list[dict[str, Any]]
    previous: Report | None = None


@cache
def _agreement() -> dict[str, Any]:
    data = load_yaml("agreement.yaml")
    return data if isinstance(data, dict) else {}


def _num(value: Any) -> str:
    return number_text(None if value is None else float(value))


def _keys(spec: list[str]) -> list[CellKey]:
    """Cells named ``table/row/col`` (col ``*``: the six applicant columns)."""
    out: list[CellKey] = []
    applicants = [c for c in column_labels("requests") if c != "total"]
    for item in spec:
        table, row, col = item.split("/")
        out += [(table, row, c) for c in (applicants if col == "*" else [col])]
    return out


def _sum(cells: Cells, keys: list[CellKey]) -> float | None:
    if not keys or any(k not in cells for k in keys):
        return None
    return sum(float(cells[k]["value"] or 0) for k in keys)


def _row_keys(cells: Cells, table: str, row: str) -> list[CellKey]:
    order = list(column_labels(table))
    present = [k for k in cells if k[0] == table and k[1] == row]
    return sorted(present, key=lambda k: order.index(k[2]) if k[2] in order else len(order))


# --- what each kind of check is about --------------------------------------------------


@dataclass(slots=True)
class About:
    words: str
    shown: list[CellKey] = field(default_factory=list)  # this year's cells, as printed
    focus: list[CellKey] = field(default_factory=list)  # the ones boxed in the picture
    previous: list[CellKey] = field(default_factory=list)  # last year's cells
    metric: str | None = None  # the narrative figure it is about
    stated: float | None = None  # the value of that figure
    zeros: int = 0  # cells of the sum left out of ``shown`` because they print 0


def _row_total(check: dict[str, Any], report: Report) -> About:
    table, row = check["table"], check["scope"]
    parts = (
        "six applicant columns" if table == "requests" else "outcomes (维持, 纠正, 其他, 未审结)"
    )
    name = TABLE_NAMES.get(table, table)
    return About(
        f"{name}, row {row_name(table, row)}: the 总计 column prints {_num(check['actual'])}, "
        f"but the {parts} add up to {_num(check['expected'])}.",
        _row_keys(report.cells, table, row),
        [(table, row, "total")],
    )


def _total_handled(check: dict[str, Any], report: Report) -> About:
    col = check["scope"]
    outcomes = [
        k
        for k in report.cells
        if k[0] == "requests"
        and k[2] == col
        and k[1] not in ("new_received", "carried_over", "total_handled", "carried_forward")
    ]
    handled = ("requests", "total_handled", col)
    counted = [k for k in outcomes if report.cells[k]["value"]]
    return About(
        f"表三 （七）总计, column {column_name('requests', col)}: prints {_num(check['actual'])}, "
        f"but the outcome rows above it add up to {_num(check['expected'])}.",
        [*counted, handled],
        [handled],
        zeros=len(outcomes) - len(counted),
    )


def _balance(check: dict[str, Any], report: Report) -> About:
    col = check["scope"]
    keys = [
        ("requests", row, col)
        for row in ("new_received", "carried_over", "total_handled", "carried_forward")
    ]
    value = {k[1]: _num(report.cells[k]["value"]) if k in report.cells else "—" for k in keys}
    return About(
        f"表三, column {column_name('requests', col)} does not balance: "
        f"{value['new_received']} new + {value['carried_over']} carried over = "
        f"{_num(check['expected'])} applications to answer, but {value['total_handled']} "
        f"answered + {value['carried_forward']} carried forward = {_num(check['actual'])}.",
        keys,
        keys,
    )


def _table_agreement(check: dict[str, Any], report: Report) -> About:
    metric = check["scope"]
    alternatives = [_keys(a) for a in _agreement().get("metrics", {}).get(metric, [])]
    expected = check["expected"]
    chosen = next(
        (
            keys
            for keys in alternatives
            if expected is not None and _sum(report.cells, keys) == float(expected)
        ),
        next((keys for keys in alternatives if _sum(report.cells, keys) is not None), []),
    )
    tables = sorted({TABLE_NAMES.get(k[0], k[0]) for k in chosen}) or ["the tables"]
    return About(
        f"The text says {_num(check['actual'])} {metric_words(metric, check['actual'])}; "
        f"{' and '.join(tables)} {'says' if len(tables) == 1 else 'say'} {_num(expected)}.",
        chosen,
        chosen,
        metric=metric,
        stated=check["actual"],
    )


def _share(check: dict[str, Any], report: Report) -> About:
    expected = check["expected"]
    computed = f"{float(expected):.1f}%" if expected is not None else "another share"
    return About(
        f"The text states a share of {_num(check['actual'])}%; the figures it states give "
        f"{computed}.",
        metric=check["scope"],
        stated=check["actual"],
    )


def _change(check: dict[str, Any], report: Report) -> About:
    metric = check["scope"]
    spec = _agreement().get("changes", {}).get(metric, {})
    keys = _keys(spec.get("quantity", [])) if isinstance(spec, dict) else []
    now = _sum(report.cells, keys)
    before = _sum(report.previous.cells, keys) if report.previous else None
    year = report.year
    computed = check["expected"]
    return About(
        f"The text says {metric_words(metric)} changed by "
        f"{float(check['actual']):+g}% against {year - 1}; the two reports give "
        f"{_num(before)} ({year - 1}) and {_num(now)} ({year}), a change of "
        + (f"{float(computed):+.1f}%." if computed is not None else "another size."),
        keys,
        keys,
        keys,
        metric=metric,
        stated=check["actual"],
    )


def _carried_over(check: dict[str, Any], report: Report) -> About:
    col = check["scope"]
    year = report.year
    return About(
        f"{year - 1}'s report carries {_num(check['expected'])} applications "
        f"(column {column_name('requests', col)}) into {year}; the {year} report says "
        f"{_num(check['actual'])} were carried over.",
        [("requests", "carried_over", col)],
        [("requests", "carried_over", col)],
        [("requests", "carried_forward", col)],
    )


ABOUT: dict[str, Callable[[dict[str, Any], Report], About]] = {
    "requests.row_total": _row_total,
    "appeals.row_total": _row_total,
    "requests.total_handled": _total_handled,
    "requests.balance": _balance,
    "narrative.table_agreement": _table_agreement,
    "narrative.share": _share,
    "yoy.carried_over": _carried_over,
}


def about(check: dict[str, Any], report: Report) -> About:
    name = check["check"]
    if name in ABOUT:
        return ABOUT[name](check, report)
    if name.startswith("yoy."):
        return _change(check, report)
    return About(str(check.get("detail") or name))


# --- the evidence -----------------------------------------------------------------------


def _printed(
    report: Report, keys: list[CellKey], focus: list[CellKey], sources: Sources
) -> list[PrintedCell]:
    out = []
    for key in keys:
        cell = report.cells.get(key)
        if cell is None:
            continue
        lender = cell.get("read_from") or report.report_id
        page = cell.get("page")
        out.append(
            PrintedCell(
                year=report.year,
                table=TABLE_NAMES.get(key[0], key[0]),
                row=printed_row(cell),
                column=column_name(key[0], key[2]),
                text=cell.get("text") or "",
                page=page,
                href=sources.link(lender, page),
                source=sources.document(lender).number,
                focus=key in focus,
            )
        )
    return out


def _sentences(
    report: Report, metric: str, stated: float | None, sources: Sources
) -> list[Sentence]:
    figures = [f for f in report.figures if f.get("metric") == metric]
    exact = [f for f in figures if stated is not None and f.get("value") == float(stated)]
    chosen = (exact or figures)[:1]
    out = []
    for figure in chosen:
        sentence = figure.get("sentence") or ""
        siblings = [f for f in report.figures if f.get("sentence") == sentence and f is not figure]
        span = figure_span(sentence, figure.get("text") or "", figure.get("char_start"), siblings)
        start, end = span if span is not None else (len(sentence), len(sentence))
        page = figure.get("page")
        out.append(
            Sentence(
                sentence[:start],
                sentence[start:end] or (figure.get("text") or ""),
                sentence[end:],
                page,
                sources.link(report.report_id, page),
                sources.document(report.report_id).number,
            )
        )
    return out


def finding(check: dict[str, Any], report: Report, sources: Sources, pictures: Pictures) -> Finding:
    what = about(check, report)
    result = Finding(
        check=check["check"],
        scope=check.get("scope") or "",
        words=what.words,
        detail=str(check.get("detail") or ""),
        report_id=report.report_id,
        zeros=what.zeros,
    )
    result.cells = _printed(report, what.shown, what.focus, sources)
    previous = report.previous
    if previous is not None and what.previous:
        result.cells = _printed(previous, what.previous, what.previous, sources) + result.cells
    if what.metric is not None:
        result.sentences = _sentences(report, what.metric, what.stated, sources)
    targets = [(report, what.focus)]
    if previous is not None and what.previous:
        targets.insert(0, (previous, what.previous))
    for source, keys in targets:
        cells = [source.cells[k] for k in keys if k in source.cells]
        lenders = {c.get("read_from") or source.report_id for c in cells}
        for lender in sorted(lenders):
            mine = [c for c in cells if (c.get("read_from") or source.report_id) == lender]
            result.pictures += pictures.of_cells(lender, mine)
            if lender in pictures.notes and not result.note:
                result.note = pictures.notes[lender]
    return result
