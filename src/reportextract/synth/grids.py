"""The three report tables as grids of (possibly merged) cells, shared by every renderer.

The structure follows the official Word template: 表二 in blocks per clause of
第二十条, 表三 with the three-row header and the nested label columns
(三、本年度办理结果 › (三)不予公开 › 1.属于国家秘密), 表四 with the two-level header.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .labels import LabelStyle
from .template import (
    APPEAL_COL_LABELS,
    APPEAL_COLS,
    APPEAL_ROWS,
    APPEALS,
    APPLICANT_COLS,
    APPLICANT_LABELS,
    CHINESE_ORDINALS,
    PARTIAL_NOTE,
    PROACTIVE,
    REQUEST_COLS,
    REQUESTS,
    TOTAL_HANDLED,
    CellKey,
    outcome_groups,
    proactive_groups,
)

ROLE_LABEL = "label"
ROLE_HEADER = "header"
ROLE_VALUE = "value"


@dataclass(slots=True)
class GridCellSpec:
    row: int
    col: int
    text: str
    role: str
    rowspan: int = 1
    colspan: int = 1
    key: CellKey | None = None


@dataclass(slots=True)
class TableGrid:
    table: str
    n_rows: int
    n_cols: int
    cells: list[GridCellSpec] = field(default_factory=list)
    header_rows: int = 0  # rows that a renderer may repeat on every page
    col_weights: list[float] = field(default_factory=list)  # relative column widths

    def add(
        self,
        row: int,
        col: int,
        text: str,
        role: str,
        rowspan: int = 1,
        colspan: int = 1,
        key: CellKey | None = None,
    ) -> None:
        self.cells.append(GridCellSpec(row, col, text, role, rowspan, colspan, key))

    def rows(self) -> list[list[GridCellSpec]]:
        out: list[list[GridCellSpec]] = [[] for _ in range(self.n_rows)]
        for cell in self.cells:
            out[cell.row].append(cell)
        for row in out:
            row.sort(key=lambda c: c.col)
        return out


Printer = Callable[[CellKey], str]


def proactive_grid(template: str, labels: LabelStyle, printed: Printer) -> TableGrid:
    groups = proactive_groups(template)
    n_values = 3
    rows = sum(2 + len(group.rows) for group in groups)
    grid = TableGrid(PROACTIVE, rows, 1 + n_values, col_weights=[1.6, 1.0, 1.0, 1.0])
    r = 0
    for group in groups:
        grid.add(r, 0, labels.clause(group.clause), ROLE_HEADER, colspan=1 + n_values)
        r += 1
        spans = _spans(len(group.cols), n_values)
        grid.add(r, 0, "信息内容", ROLE_HEADER)
        c = 1
        for header, span in zip(group.headers, spans, strict=True):
            grid.add(
                r,
                c,
                labels.finish("hdr." + header, labels.official(header)),
                ROLE_HEADER,
                colspan=span,
            )
            c += span
        r += 1
        for row_code, label in group.rows:
            grid.add(r, 0, labels.finish(row_code, label), ROLE_LABEL)
            c = 1
            for col, span in zip(group.cols, spans, strict=True):
                key = (PROACTIVE, row_code, col)
                grid.add(r, c, printed(key), ROLE_VALUE, colspan=span, key=key)
                c += span
            r += 1
    return grid


def _spans(n_cols: int, width: int) -> list[int]:
    if n_cols == width:
        return [1] * width
    if n_cols == 1:
        return [width]
    return [1] * (n_cols - 1) + [width - n_cols + 1]


def _vertical(text: str) -> str:
    return "\n".join(text)


def requests_grid(single_other_row: bool, labels: LabelStyle, printed: Printer) -> TableGrid:
    groups = outcome_groups(single_other_row)
    outcome_count = sum(len(g.items) or 1 for g in groups) + 1  # + (七)总计
    n_rows = 3 + 2 + outcome_count + 1
    grid = TableGrid(
        REQUESTS,
        n_rows,
        10,
        header_rows=3,
        col_weights=[0.9, 1.0, 2.6, 0.9, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8],
    )
    note = "本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和"
    grid.add(
        0, 0, labels.finish("hdr.note", labels.bracketed(note)), ROLE_HEADER, rowspan=3, colspan=3
    )
    grid.add(0, 3, labels.finish("hdr.applicants", "申请人情况"), ROLE_HEADER, colspan=7)
    grid.add(
        1,
        3,
        labels.finish("hdr.natural_person", APPLICANT_LABELS["natural_person"]),
        ROLE_HEADER,
        rowspan=2,
    )
    grid.add(1, 4, labels.finish("hdr.orgs", "法人或其他组织"), ROLE_HEADER, colspan=5)
    grid.add(1, 9, labels.finish("hdr.total", "总计"), ROLE_HEADER, rowspan=2)
    for offset, col in enumerate(APPLICANT_COLS[1:]):
        grid.add(2, 4 + offset, labels.finish("hdr." + col, APPLICANT_LABELS[col]), ROLE_HEADER)

    def values(r: int, row_code: str) -> None:
        for offset, col in enumerate(REQUEST_COLS):
            key = (REQUESTS, row_code, col)
            grid.add(r, 3 + offset, printed(key), ROLE_VALUE, key=key)

    grid.add(
        3,
        0,
        labels.finish("new_received", "一、本年新收政府信息公开申请数量"),
        ROLE_LABEL,
        colspan=3,
    )
    values(3, "new_received")
    grid.add(
        4,
        0,
        labels.finish("carried_over", "二、上年结转政府信息公开申请数量"),
        ROLE_LABEL,
        colspan=3,
    )
    values(4, "carried_over")

    group_label = labels.finish("group.result", "三、本年度办理结果")
    if labels.vertical_group:
        group_label = _vertical(group_label.replace("\n", ""))
    first = 5
    r = first
    split_at: int | None = None
    for group in (*groups, TOTAL_HANDLED):
        head = labels.paren(group.number)
        if group.number == "四":
            split_at = r
        if not group.items:
            text = head + group.label
            if group.code == "partially_granted" and not labels.short_partial:
                text += labels.bracketed(PARTIAL_NOTE)
            grid.add(r, 1, labels.finish(group.code, text), ROLE_LABEL, colspan=2)
            values(r, group.code)
            r += 1
            continue
        group_id = "group." + group.items[0][0].split(".")[0]
        grid.add(
            r, 1, labels.finish(group_id, head + group.label), ROLE_LABEL, rowspan=len(group.items)
        )
        for index, (code, label) in enumerate(group.items, start=1):
            text = labels.item(index) + labels.official(label)
            grid.add(r, 2, labels.finish(code, text), ROLE_LABEL)
            values(r, code)
            r += 1
    if labels.split_group and split_at is not None:
        grid.add(first, 0, group_label, ROLE_LABEL, rowspan=split_at - first)
        grid.add(split_at, 0, group_label, ROLE_LABEL, rowspan=r - split_at)
    else:
        grid.add(first, 0, group_label, ROLE_LABEL, rowspan=r - first)
    grid.add(
        r, 0, labels.finish("carried_forward", "四、结转下年度继续办理"), ROLE_LABEL, colspan=3
    )
    values(r, "carried_forward")
    assert r + 1 == n_rows
    return grid


def appeals_grid(labels: LabelStyle, printed: Printer) -> TableGrid:
    grid = TableGrid(APPEALS, 4, 15, header_rows=3, col_weights=[1.0] * 15)
    grid.add(0, 0, labels.finish("hdr.review", "行政复议"), ROLE_HEADER, colspan=5)
    grid.add(0, 5, labels.finish("hdr.litigation", "行政诉讼"), ROLE_HEADER, colspan=10)
    for offset, col in enumerate(APPEAL_COLS):
        grid.add(
            1, offset, labels.finish("hdr." + col, APPEAL_COL_LABELS[col]), ROLE_HEADER, rowspan=2
        )
    grid.add(1, 5, labels.finish("hdr.direct", "未经复议直接起诉"), ROLE_HEADER, colspan=5)
    grid.add(1, 10, labels.finish("hdr.after_review", "复议后起诉"), ROLE_HEADER, colspan=5)
    for block in range(2):
        for offset, col in enumerate(APPEAL_COLS):
            grid.add(
                2,
                5 + 5 * block + offset,
                labels.finish("hdr." + col, APPEAL_COL_LABELS[col]),
                ROLE_HEADER,
            )
    for block, row in enumerate(APPEAL_ROWS):
        for offset, col in enumerate(APPEAL_COLS):
            key = (APPEALS, row, col)
            grid.add(3, 5 * block + offset, printed(key), ROLE_VALUE, key=key)
    return grid


def table_title(number: int) -> str:
    return f"{CHINESE_ORDINALS[number - 1]}、"
