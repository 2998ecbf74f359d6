"""``reportextract compare``: key figures of bodies side by side, and a chart of them.

A report can be in the dataset more than once (the same report as PDF and as web page);
a comparison takes one document per body and year — the view key_figures holds only
primary documents — and says how many there were. ``--issuer`` picks bodies by any of
their names or their division's code; ``--within`` every body of a region, by level.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from tabulate import tabulate

from ..bodies.select import (
    BodyRow,
    UnknownDivision,
    find_division,
    is_within,
    level_order,
    matching_bodies,
)
from .dataset import connect
from .errors import ExploreError, NotFound
from .views import column_name, requests_row_codes

FORMATS = ("markdown", "csv")


@dataclass(frozen=True, slots=True)
class Metric:
    column: str
    label: str
    share: bool = False


def _denied_reasons() -> list[Metric]:
    return [
        Metric(column_name(code), f"  denied: {code.split('.', 1)[1].replace('_', ' ')}")
        for code in requests_row_codes()
        if code.startswith("denied.")
    ]


def metrics() -> list[Metric]:
    """The figures of the side-by-side table, in order."""
    return [
        Metric("received", "applications received (新收)"),
        Metric("carried_over", "carried over (上年结转)"),
        Metric("handled", "handled (办理结果总计)"),
        Metric("granted", "granted (予以公开)"),
        Metric("granted_share", "granted share of handled", share=True),
        Metric("partially_granted", "partially granted (部分公开)"),
        Metric("denied", "denied (不予公开)"),
        Metric("denied_share", "denied share of handled", share=True),
        *_denied_reasons(),
        Metric("unavailable", "unavailable (无法提供)"),
        Metric("not_processed", "not processed (不予处理)"),
        Metric("other_handling", "other handling (其他处理)"),
        Metric("appeals", "appeals and lawsuits (复议+诉讼 总计)"),
        Metric("appeals_review", "  administrative review (行政复议)"),
        Metric("appeals_litigation", "  lawsuits (行政诉讼)"),
        Metric("appeals_corrected", "  corrected (结果纠正)"),
        Metric("corrected_share", "corrected share of concluded", share=True),
        Metric("failed_checks", "failed audit checks"),
    ]


def metric_columns() -> list[str]:
    return [m.column for m in metrics()]


def key_figures(
    root: str | Path,
    issuers: Sequence[str] = (),
    year: int | None = None,
    within: str | None = None,
) -> pd.DataFrame:
    """Key figures, one row per body and year.

    ``issuers`` name bodies (a name their reports print, their official name, a name
    that resolves to them, or a division code); column ``group`` is the name a row was
    asked for, or the body's name. ``within`` keeps the bodies of a division and of the
    divisions under it, the division itself first, then by level and code. Raises
    NotFound when nothing matches.
    """
    con = connect(root)
    try:
        frame = con.sql("SELECT * FROM key_figures").df()
        bodies = [
            BodyRow.of(row) for row in con.sql("SELECT * FROM bodies").df().to_dict("records")
        ]
    finally:
        con.close()
    frame = frame[frame["status"] != "failed"]  # nothing was read from those
    frame = frame.assign(body_name=frame["body_name"].fillna(frame["issuer"]))
    if year is not None:
        frame = frame[frame["year"] == year]
    names = [name.strip() for name in issuers if name.strip()]
    region = None
    if within:
        try:
            region = find_division(within, year)
        except UnknownDivision as exc:
            raise ExploreError(str(exc)) from exc
        frame = frame[[is_within(code, region) for code in _codes(frame)]]
    if names:
        matched = []
        for name in names:
            ids = matching_bodies(bodies, name)
            matched.append(frame[frame["body_id"].isin(ids)].assign(group=name))
        frame = pd.concat(matched, ignore_index=True)
    else:
        frame = frame.assign(group=frame["body_name"].fillna("(issuer unknown)"))
    if frame.empty:
        wanted = " or ".join(repr(n) for n in names) if names else "any body"
        where = f" within {region.name} {region.code}" if region is not None else ""
        in_year = f" in {year}" if year is not None else ""
        raise NotFound(f"no report of {wanted}{where}{in_year} in the dataset")
    if region is not None:
        frame = frame.assign(
            _level=[level_order(code) for code in _codes(frame)],
            _code=[code or "" for code in _codes(frame)],
        )
        frame = frame.sort_values(["_level", "_code", "body_name", "year"]).drop(
            columns=["_level", "_code"]
        )
    else:
        frame = frame.sort_values(["group", "year", "body_name"])
    return _counts_as_integers(frame.reset_index(drop=True))


def _codes(frame: pd.DataFrame) -> list[str | None]:
    return [None if pd.isna(code) else str(code) for code in frame["division_code"]]


def _counts_as_integers(frame: pd.DataFrame) -> pd.DataFrame:
    for metric in metrics():
        values = pd.to_numeric(frame[metric.column])
        if not metric.share and (values.dropna() % 1 == 0).all():
            frame[metric.column] = values.astype("Int64")
    return frame


def _number(value: Any, share: bool) -> str:
    if value is None or pd.isna(value):
        return "—"
    if share:
        return f"{float(value) * 100:.1f}%"
    number = float(value)
    return f"{int(number)}" if number.is_integer() else f"{number:g}"


def column_title(row: pd.Series) -> str:
    year = "" if pd.isna(row["year"]) else f" {int(row['year'])}"
    return f"{row['body_name'] or '(issuer unknown)'}{year}"


def side_by_side(frame: pd.DataFrame) -> list[list[str]]:
    """The table as rows of text: a header, then one row per figure, one column per report."""
    header = ["", *(column_title(row) for _, row in frame.iterrows())]
    rows = [header]
    for metric in metrics():
        rows.append(
            [metric.label, *(_number(v, metric.share) for v in frame[metric.column].tolist())]
        )
    rows.append(["status", *(str(s) for s in frame["status"].tolist())])
    rows.append(["documents of this report", *(str(n) for n in frame["documents"].tolist())])
    rows.append(["division", *(str(c) if c else "—" for c in _codes(frame))])
    rows.append(["report_id", *(str(r) for r in frame["report_id"].tolist())])
    return rows


def to_markdown(frame: pd.DataFrame) -> str:
    rows = side_by_side(frame)
    return tabulate(rows[1:], headers=rows[0], tablefmt="github", disable_numparse=True)


CSV_COLUMNS = [
    "group",
    "body_name",
    "division_code",
    "body_id",
    "issuer",
    "year",
    "report_id",
    "status",
    "documents",
]


def to_csv(frame: pd.DataFrame) -> str:
    """One row per report (a spreadsheet's shape), the figures as columns."""
    columns = [*CSV_COLUMNS, *metric_columns()]
    return str(frame[columns].to_csv(index=False)).rstrip("\n")


def format_comparison(frame: pd.DataFrame, fmt: str) -> str:
    if fmt == "markdown":
        return to_markdown(frame)
    if fmt == "csv":
        return to_csv(frame)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def metric_label(column: str) -> str:
    for metric in metrics():
        if metric.column == column:
            return metric.label.strip()
    return column
