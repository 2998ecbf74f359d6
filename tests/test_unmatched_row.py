"""A row of 表二 or 表三 that prints values under a label naming no template row is reported
(check table.unmatched_row), never dropped silently; rows outside those tables are not."""

from __future__ import annotations

from gridbuild import grid
from reportextract.layout import Grid, Layout, TextBlock
from reportextract.model import Check
from reportextract.tables.rebuild import rebuild_tables

HEADER = [
    [
        ("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3),
        ("申请人情况", 1, 7),
    ],
    [("自然人", 2, 1), ("法人或其他组织", 1, 5), ("总计", 2, 1)],
    ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"],
]
ZEROS = ["0", "0", "0", "0", "0", "0", "0"]
GARBLED = "新出具已获取信息5.要求行政机关确认或重"  # a two-line label read out of order
EIGHT = ["6", "2", "0", "0", "0", "0", "8"]


def requests_grid(garbled: str | None, like: str = "pdf", page: int = 2) -> Grid:
    """表三 down to （五）不予处理, its fifth row's label printed as ``garbled`` if given."""
    fifth = garbled or "5.要求行政机关确认或重新出具已获取信息"
    return grid(
        [
            *HEADER,
            [("一、本年新收政府信息公开申请数量", 1, 3), *EIGHT],
            [("二、上年结转政府信息公开申请数量", 1, 3), *ZEROS],
            [("三、本年度办理结果", 4, 1), ("（一）予以公开", 1, 2), *EIGHT],
            [("（五）不予处理", 3, 1), "1.信访举报投诉类申请", *ZEROS],
            ["2.重复申请", *ZEROS],
            [fifth, *EIGHT],
        ],
        like=like,
        page=page,
    )


def unmatched(layout: Layout) -> list[Check]:
    return [c for c in rebuild_tables(layout, 2024).checks if c.check == "table.unmatched_row"]


def test_a_garbled_label_in_the_requests_table_is_reported_with_its_label_page_and_values() -> None:
    layout = Layout("pdf", items=[requests_grid(GARBLED)])
    result = rebuild_tables(layout, 2024)
    codes = {c.row_code for c in result.cells if c.table == "requests"}
    assert "not_processed.confirmation" not in codes
    assert {"new_received", "granted", "not_processed.duplicate"} <= codes
    (check,) = [c for c in result.checks if c.check == "table.unmatched_row"]
    assert check.table == "requests"
    assert check.passed is False
    assert check.scope == "三、本年度办理结果 › （五）不予处理 › " + GARBLED
    assert check.actual == 7
    assert GARBLED in check.detail
    assert "on page 2" in check.detail
    assert "prints 7 values" in check.detail


def test_a_row_of_printed_zero_marks_counts_as_printing_values() -> None:
    layout = Layout("pdf", items=[requests_grid("反复申请")])
    table = layout.grids[0]
    for cell in table.cells:
        if cell.row == table.n_rows - 1 and cell.col >= 3:
            cell.text = "—"
    (check,) = unmatched(layout)
    assert check.actual == 7


def test_a_row_the_proactive_table_does_not_list_is_reported() -> None:
    layout = Layout(
        "html",
        items=[
            grid(
                [
                    ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                    ["规章", "0", "0", "3"],
                    ["行政规范性文件", "2", "1", "15"],
                    ["行政指导意见", "4", "0", "4"],
                ],
                like="html",
            )
        ],
    )
    (check,) = unmatched(layout)
    assert check.table == "proactive"
    assert "'行政指导意见'" in check.detail
    assert "prints 3 values" in check.detail


def test_clean_tables_and_rows_around_them_are_not_reported() -> None:
    before = grid([["网站总访问量", "120345"], ["政务微博发布信息", "88"]], like="html", page=1)
    between = grid([["培训人次", "35"], ["召开新闻发布会", "4"]], like="html", page=3)
    continuation = grid([["", "", "", "1", "0", "0", "0", "0", "0", "1"]], like="html", page=3)
    appeals = grid(
        [
            [("行政复议", 1, 5), ("行政诉讼", 1, 10)],
            ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3,
            ["1", "0", "0", "0", "1", *["0"] * 10],
            ["合计", *["1", "0", "0", "0", "1"] * 3],
        ],
        like="html",
        page=4,
    )
    after = grid([["收取信息处理费", "2"], ["办理人大建议", "14"]], like="html", page=5)
    layout = Layout(
        "html",
        items=[
            before,
            requests_grid(None, like="html"),
            between,
            continuation,
            TextBlock("四、政府信息公开行政复议、行政诉讼情况", page=4),
            appeals,
            after,
        ],
    )
    result = rebuild_tables(layout, 2024)
    assert ("not_processed.confirmation", "total") in {
        (c.row_code, c.col_code) for c in result.cells
    }
    assert not [c for c in result.checks if c.check == "table.unmatched_row"]


def test_glued_text_rows_are_left_to_the_glued_split() -> None:
    layout = Layout(
        "txt",
        items=[
            grid(
                [
                    ["一、本年新收政府信息公开申请数量", "8200000008"],
                    ["新出具已获取信息5.要求行政机关确认或重", "6200008"],
                ],
                like="glued",
            )
        ],
    )
    assert not unmatched(layout)


def test_rows_under_the_appeals_header_in_the_same_grid_are_not_requests_rows() -> None:
    """A table without rules can come out as one grid holding 表三's last rows and 表四."""
    layout = Layout(
        "pdf",
        items=[
            grid(
                [
                    [("四、结转下年度继续办理", 1, 3), *ZEROS],
                    [("行政复议", 1, 5), ("行政诉讼", 1, 5)],
                    ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2,
                    ["合计", *["1", "0", "0", "0", "1"] * 2],
                ]
            )
        ],
    )
    assert not unmatched(layout)
