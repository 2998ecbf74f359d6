"""Key figures of the region's bodies side by side, ranked, against last year, each number
with the page it is printed on.

The figures are ``compare``'s (the view key_figures: one primary document per body and
year); a number links to the document and page of the cell it is read from — for a sum
(不予公开, all its reasons) the first of its cells — or of the narrative figure
(主动公开 items are stated in the text only).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ...bodies.divisions import Division, Divisions
from .labels import cell_label
from .sources import Sources

CellKey = tuple[str, str, str]
CellIndex = dict[str, dict[CellKey, dict[str, Any]]]  # report_id → cell key → cells row


@dataclass(frozen=True, slots=True)
class Column:
    key: str  # a key_figures column, or proactive_items
    title: str
    chinese: str
    cell: CellKey | None = None  # (table, row or row prefix ending in ".", col)
    share: bool = False
    change: bool = True  # shown with the change against last year


COLUMNS = (
    Column("received", "received", "本年新收", ("requests", "new_received", "total")),
    Column("handled", "handled", "办理总计", ("requests", "total_handled", "total")),
    Column("granted_share", "granted", "予以公开", ("requests", "granted", "total"), share=True),
    Column(
        "partially_granted",
        "in part",
        "部分公开",
        ("requests", "partially_granted", "total"),
        change=False,
    ),
    Column("denied", "denied", "不予公开", ("requests", "denied.", "total")),
    Column(
        "unavailable",
        "unavailable",
        "无法提供",
        ("requests", "unavailable.", "total"),
        change=False,
    ),
    Column("appeals", "appeals", "复议·诉讼", ("appeals", "review", "total")),
    Column("appeals_corrected", "corrected", "纠错", ("appeals", "review", "corrected")),
    Column("proactive_items", "proactive", "主动公开", None),
)

DENIED_REASONS = (
    ("denied_state_secret", "国家秘密"),
    ("denied_prohibited_by_law", "法律法规禁止"),
    ("denied_security_stability", "三安全一稳定"),
    ("denied_third_party_rights", "第三方权益"),
    ("denied_internal_affairs", "内部事务"),
    ("denied_process_info", "过程性信息"),
    ("denied_enforcement_file", "行政执法案卷"),
    ("denied_admin_query", "行政查询"),
)

# The application funnel: what came in, then how it was answered.
FUNNEL_IN = (("received", "本年新收"), ("carried_over", "上年结转"))
FUNNEL_OUT = (
    ("granted", "予以公开"),
    ("partially_granted", "部分公开"),
    ("denied", "不予公开"),
    ("unavailable", "无法提供"),
    ("not_processed", "不予处理"),
    ("other_handling", "其他处理"),
)


@dataclass(slots=True)
class Value:
    """A number as the page shows it, and where it was printed."""

    number: float | None
    shown: str
    href: str | None = None
    note: str = ""  # what it is, as printed, where (a tooltip)
    source: int | None = None  # the number of its document in the page's list of sources
    page: int | None = None


@dataclass(slots=True)
class Change:
    shown: str  # ▲ 74 · ▼ 3 · ± 0 · ▲ 8.1 pt
    direction: int  # 1 up, -1 down, 0 level
    previous: Value
    relative: str = ""  # +352%


@dataclass(slots=True)
class BodyFigures:
    body_id: str
    name: str
    short: str  # the name without the region's (洪泽区人民政府 for 淮安市洪泽区人民政府)
    kind: str
    division_code: str | None
    level: str  # province · city · county · other
    status: str
    report_id: str
    documents: int
    values: dict[str, Value] = field(default_factory=dict)
    changes: dict[str, Change] = field(default_factory=dict)
    denied: dict[str, Value] = field(default_factory=dict)
    funnel_in: list[tuple[str, float]] = field(default_factory=list)
    funnel_out: list[tuple[str, float]] = field(default_factory=list)
    findings: int = 0
    rank: int | None = None
    source: int | None = None


@dataclass(slots=True)
class Group:
    title: str
    bodies: list[BodyFigures]
    ranked: bool = True


def number_text(value: float | None, share: bool = False) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if share:
        return f"{value * 100:.1f}%"
    return f"{int(value)}" if float(value).is_integer() else f"{value:g}"


def _plain(value: Any) -> float | None:
    if value is None or pd.isna(value):
        return None
    return float(value)


def _matching(cells: dict[CellKey, dict[str, Any]], key: CellKey) -> list[dict[str, Any]]:
    table, row, col = key
    found = [
        cell
        for (t, r, c), cell in cells.items()
        if t == table and c == col and (r == row or (row.endswith(".") and r.startswith(row)))
    ]
    return sorted(found, key=lambda cell: (cell.get("page") or 0, cell["row_code"]))


def cell_value(
    number: float | None,
    key: CellKey | None,
    report_id: str,
    cells: CellIndex,
    sources: Sources,
    what: str,
    share: bool = False,
) -> Value:
    """A number with the link to the first cell it is read from."""
    value = Value(number, number_text(number, share))
    if number is None or key is None:
        return value
    matched = _matching(cells.get(report_id, {}), key)
    if not matched:
        return value
    first = matched[0]
    lender = first.get("read_from") or report_id
    page = first.get("page")
    document = sources.document(lender)
    value.href = sources.link(lender, page)
    value.source = document.number
    value.page = page
    printed = first.get("text")
    where = f"page {page}" if page is not None else "no page"
    if len(matched) > 1:
        label = cell_label(first, with_item=False)
        value.note = (
            f"{what}: the sum of {len(matched)} rows of {label}; the first is printed "
            f"{printed!r} on {where} of [{document.number}]"
        )
    else:
        value.note = (
            f"{what}: {cell_label(first)}, printed {printed!r}, {where} of [{document.number}]"
        )
    if lender != report_id:
        value.note += " (read from another document of the same report)"
    return value


def figure_value(
    figure: dict[str, Any] | None, report_id: str, sources: Sources, what: str
) -> Value:
    if figure is None:
        return Value(None, "—")
    number = _plain(figure.get("value"))
    page = figure.get("page")
    document = sources.document(report_id)
    where = f"page {page}" if page is not None else "no page"
    return Value(
        number,
        number_text(number),
        sources.link(report_id, page),
        f"{what}: the text says {figure.get('text')!r} — “{figure.get('sentence')}”, {where} "
        f"of [{document.number}]",
        document.number,
        page,
    )


def change(current: Value, previous: Value, share: bool) -> Change | None:
    if current.number is None or previous.number is None:
        return None
    delta = current.number - previous.number
    direction = (delta > 0) - (delta < 0)
    arrow = {1: "▲", -1: "▼", 0: "±"}[direction]
    relative = ""
    if share:
        shown = f"{arrow} {abs(delta) * 100:.1f} pt"
    else:
        shown = f"{arrow} {number_text(abs(delta))}"
        if previous.number and direction:
            relative = f"{delta / previous.number * 100:+.0f}%"
    return Change(shown, direction, previous, relative)


def _short(name: str, prefixes: Sequence[str]) -> str:
    for prefix in sorted(prefixes, key=len, reverse=True):
        if prefix and name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :]
    return name


def _display_name(
    name: str,
    level: str,
    region_level: str,
    division: Division | None,
    table: Divisions,
    region_prefixes: Sequence[str],
) -> str:
    """A division's government by its division (淮安市洪泽区), the region's own by its full
    name, any other body without the region's name in front (洪泽区财政局)."""
    if level == region_level or division is None:
        return name
    if level in ("city", "county"):
        return table.qualified_name(division)
    return _short(name, region_prefixes)


def body_figures(
    row: dict[str, Any],
    previous: dict[str, Any] | None,
    cells: CellIndex,
    proactive: dict[str, dict[str, Any]],
    sources: Sources,
    table: Divisions,
    region_prefixes: Sequence[str],
    region_level: str = "",
) -> BodyFigures:
    report_id = row["report_id"]
    code = row.get("division_code")
    division = table.get(code) if code else None
    level = "other"
    if row.get("body_kind") == "government" and division is not None:
        level = division.level
    name = row.get("body_name") or row.get("issuer") or "(issuer unknown)"
    body = BodyFigures(
        body_id=row["body_id"],
        name=name,
        short=_display_name(name, level, region_level, division, table, region_prefixes),
        kind=row.get("body_kind") or "other",
        division_code=code,
        level=level,
        status=row.get("status") or "",
        report_id=report_id,
        documents=int(row.get("documents") or 1),
        findings=int(row.get("failed_checks") or 0),
        source=sources.document(report_id).number,
    )

    def values_of(source: dict[str, Any], rid: str) -> dict[str, Value]:
        out: dict[str, Value] = {}
        for column in COLUMNS:
            what = f"{column.chinese} ({column.title})"
            if column.cell is None:
                out[column.key] = figure_value(proactive.get(rid), rid, sources, what)
            else:
                out[column.key] = cell_value(
                    _plain(source.get(column.key)),
                    column.cell,
                    rid,
                    cells,
                    sources,
                    what,
                    column.share,
                )
        return out

    body.values = values_of(row, report_id)
    if previous is not None:
        before = values_of(previous, previous["report_id"])
        for column in COLUMNS:
            if column.change:
                moved = change(body.values[column.key], before[column.key], column.share)
                if moved is not None:
                    body.changes[column.key] = moved
    for key, chinese in DENIED_REASONS:
        code_ = "denied." + key.removeprefix("denied_")
        body.denied[key] = cell_value(
            _plain(row.get(key)),
            ("requests", code_, "total"),
            report_id,
            cells,
            sources,
            f"不予公开: {chinese}",
        )
    body.funnel_in = [(label, _plain(row.get(key)) or 0.0) for key, label in FUNNEL_IN]
    body.funnel_out = [(label, _plain(row.get(key)) or 0.0) for key, label in FUNNEL_OUT]
    return body


def ranked(bodies: list[BodyFigures], key: Callable[[BodyFigures], float | None]) -> None:
    """Rank by ``key``, largest first; bodies without the figure last, unranked."""
    with_value = [b for b in bodies if key(b) is not None]
    without = [b for b in bodies if key(b) is None]
    with_value.sort(key=lambda b: (-(key(b) or 0.0), b.name))
    previous: float | None = None
    for position, body in enumerate(with_value, start=1):
        value = key(body)
        body.rank = position if value != previous else (with_value[position - 2].rank or position)
        previous = value
    bodies[:] = with_value + sorted(without, key=lambda b: b.name)


def received(body: BodyFigures) -> float | None:
    return body.values["received"].number


def groups(bodies: list[BodyFigures], region_code: str, table: Divisions) -> list[Group]:
    """The region's own government; then the governments one level down, two levels down
    (each ranked by applications received); then every other body, ranked."""
    own = [b for b in bodies if b.kind == "government" and b.division_code == region_code]
    rest = [b for b in bodies if b not in own]
    governments = [b for b in rest if b.kind == "government" and b.level in ("city", "county")]
    others = [b for b in rest if b not in governments]
    out: list[Group] = []
    if own:
        out.append(Group("The region's own government", own, ranked=False))
    titles = {"city": "City governments (地级)", "county": "County governments (县级)"}
    for level in ("city", "county"):
        members = [b for b in governments if b.level == level]
        if members:
            ranked(members, received)
            out.append(Group(titles[level], members))
    if others:
        ranked(others, received)
        out.append(Group("Other bodies: offices, departments, townships, zones", others))
    return out


def frame_rows(frame: pd.DataFrame | None) -> list[dict[str, Any]]:
    if frame is None or frame.empty:
        return []
    return [
        {str(k): (None if _is_missing(v) else v) for k, v in row.items()}
        for row in frame.to_dict("records")
    ]


def _is_missing(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False
