"""Rebuilding 表三 from grids the way real reports print it."""

from __future__ import annotations

from gridbuild import grid
from reportextract.layout import Layout, TextBlock
from reportextract.tables.rebuild import rebuild_tables

HEADER = [
    [
        ("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3),
        ("申请人情况", 1, 7),
    ],
    [("自然人", 2, 1), ("法人或其他组织", 1, 5), ("总计", 2, 1)],
    ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"],
]


def seven(*values: str) -> list[str]:
    return list(values)


def cells_of(layout: Layout) -> dict[tuple[str, str], float]:
    result = rebuild_tables(layout, 2024)
    return {(c.row_code, c.col_code): c.value for c in result.cells if c.table == "requests"}


def test_table_continued_on_next_page_without_header_and_with_a_cut_label() -> None:
    page1 = grid(
        [
            *HEADER,
            [("一、本年新收政府信息公开申请数量", 1, 3), *seven("5", "0", "0", "0", "0", "0", "5")],
            [
                ("三、本年度办理结果", 6, 1),
                ("（四）无", 2, 1),
                "1.本机关不掌握相关政府信息",
                *seven("2", "0", "0", "0", "0", "0", "2"),
            ],
            ["2.没有现成信息需要另行制作", *seven("1", "0", "0", "0", "0", "0", "1")],
        ],
        page=1,
    )
    page2 = grid(
        [
            [
                "",
                ("法提供", 1, 1),
                "3.补正后申请内容仍不明确",
                *seven("4", "0", "0", "0", "0", "1", "5"),
            ],
            [
                "",
                ("（六）其他处理", 3, 1),
                "1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                *seven("0", "0", "0", "0", "0", "0", "0"),
            ],
            [
                "",
                "2、申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                *seven("0", "0", "0", "0", "0", "0", "0"),
            ],
            ["", "3、其他", *seven("7", "0", "0", "0", "0", "0", "7")],
        ],
        page=2,
    )
    layout = Layout("pdf", items=[page1, TextBlock("- 4 -", page=1), page2])
    cells = cells_of(layout)
    assert cells[("unavailable.unclear", "total")] == 5
    assert cells[("unavailable.unclear", "other_org")] == 1
    assert cells[("other.other", "natural_person")] == 7
    assert cells[("other.no_correction", "total")] == 0


def test_blank_total_column_is_read_as_printed_not_shifted() -> None:
    layout = Layout(
        "html",
        items=[
            grid(
                [
                    *HEADER,
                    [
                        ("三、本年度办理结果", 2, 1),
                        ("（一）予以公开", 1, 2),
                        *seven("272", "", "", "", "", "", ""),
                    ],
                    [("（二）部分公开", 1, 2), *seven("3", "", "", "", "", "", "")],
                ],
                like="html",
            )
        ],
    )
    cells = cells_of(layout)
    assert cells[("granted", "natural_person")] == 272
    assert cells[("granted", "total")] == 0
    assert cells[("partially_granted", "natural_person")] == 3


def test_empty_label_cell_before_values_does_not_shift_a_blank_total() -> None:
    layout = Layout(
        "pdf",
        items=[
            grid(
                [
                    *HEADER,
                    ["", ("（六）其他处理", 1, 1), "", *seven("4", "0", "0", "0", "0", "0", "")],
                ]
            )
        ],
    )
    cells = cells_of(layout)
    assert cells[("other", "natural_person")] == 4
    assert cells[("other", "total")] == 0


def test_text_export_rows_are_read_in_template_order_with_padding_dropped() -> None:
    layout = Layout(
        "txt",
        items=[
            grid(
                [
                    [
                        "一、本年新收政府信息公开申请数量",
                        "",
                        "51",
                        "0",
                        "0",
                        "0",
                        "0",
                        "5",
                        "56",
                        "",
                    ],
                    ["", "(三) 不予公开", "1. 属于國家秘密", "1", "0", "0", "0", "0", "0", "1"],
                    ["四、结转下年度继续办理", "", "", "1", "0", "0", "0", "0", "0", "1"],
                ],
                like="text",
            )
        ],
    )
    cells = cells_of(layout)
    assert cells[("new_received", "total")] == 56
    assert cells[("denied.state_secret", "natural_person")] == 1
    assert cells[("carried_forward", "total")] == 1


def test_row_with_too_few_values_is_left_out_and_reported() -> None:
    layout = Layout(
        "txt", items=[grid([["二、上年结转政府信息公开申请数量", "0", "0", "0"]], like="text")]
    )
    result = rebuild_tables(layout, 2024)
    assert not [c for c in result.cells if c.row_code == "carried_over"]
    assert [c for c in result.checks if c.check == "table.row_layout" and c.scope == "carried_over"]


def test_generic_other_row_needs_its_group() -> None:
    layout = Layout(
        "txt",
        items=[grid([["", "3. 其他", "2", "0", "0", "0", "0", "0", "2"]], like="text")],
    )
    assert ("other.other", "total") not in cells_of(layout)


def test_row_cut_by_a_page_break_is_joined_under_a_repeated_header() -> None:
    page1 = grid(
        [
            *HEADER,
            [
                ("三、本年度办理结果", 2, 1),
                ("（六）其他处理", 2, 1),
                "1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                *seven("0", "0", "0", "0", "0", "0", "0"),
            ],
            ["2、申请人逾期未按收费通", *seven("3", "0", "0", "0", "0", "1", "4")],
        ],
        page=3,
    )
    page2 = grid(
        [
            *HEADER,
            [
                ("", 2, 1),
                ("", 2, 1),
                "知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                *seven("", "", "", "", "", "", ""),
            ],
            ["3、其他", *seven("2", "0", "0", "0", "0", "0", "2")],
        ],
        page=4,
    )
    result = rebuild_tables(Layout("pdf", items=[page1, page2]), 2024)
    cells = {(c.row_code, c.col_code): c for c in result.cells if c.table == "requests"}
    assert cells[("other.unpaid_fee", "total")].value == 4
    assert cells[("other.unpaid_fee", "total")].text == "4"
    assert cells[("other.unpaid_fee", "natural_person")].page == 3
    assert "知要求缴纳费用" in cells[("other.unpaid_fee", "total")].label
    assert cells[("other.other", "total")].value == 2
    assert page2.n_rows == 5, "the layout's grids are not changed"


def test_row_whose_label_above_the_break_is_only_its_numbering() -> None:
    def boxes(g, y: float) -> None:
        for cell in g.cells:
            width = 40.0
            cell.bbox = (
                100 + cell.col * width,
                y + cell.row * 20,
                100 + (cell.last_col + 1) * width,
                y + (cell.last_row + 1) * 20,
            )

    page2 = grid(
        [
            *HEADER,
            [
                ("三、本年度办理结果", 2, 1),
                ("（一）予以公开", 1, 2),
                *seven("91", "—", "8", "—", "—", "19", "118"),
            ],
            [("（二）", 1, 2), *seven("18", "—", "3", "—", "—", "4", "25")],
        ],
        page=2,
    )
    page3 = grid(
        [
            [
                ("部分公开（区分处理的，只计这一情形，不计其他情形）", 1, 3),
                *seven("", "", "", "", "", "", ""),
            ],
            ["", "", "1.属于国家秘密", *seven("0", "0", "0", "0", "0", "0", "0")],
        ],
        page=3,
    )
    boxes(page2, 100)
    boxes(page3, 100)
    cells = {
        (c.row_code, c.col_code): c.value
        for c in rebuild_tables(Layout("pdf", items=[page2, page3]), 2024).cells
    }
    assert cells[("partially_granted", "natural_person")] == 18
    assert cells[("partially_granted", "total")] == 25


def test_text_row_with_a_blank_total_and_a_blank_label_cell_keeps_its_columns() -> None:
    layout = Layout(
        "txt",
        items=[
            grid(
                [
                    ["三、本年度办理结果", "（一）予以公开", "", "38", "5", "0", "0", "0", "3", ""],
                    ["", "（七）总计", "", "53", "8", "0", "0", "0", "5", "66"],
                ],
                like="text",
            )
        ],
    )
    cells = cells_of(layout)
    assert cells[("granted", "natural_person")] == 38
    assert cells[("granted", "other_org")] == 3
    assert cells[("granted", "total")] == 0
    assert cells[("total_handled", "total")] == 66


def test_group_label_cut_by_a_page_break_is_known_by_its_number() -> None:
    page1 = grid(
        [
            *HEADER,
            [
                ("三、本年度办理结果", 2, 1),
                ("（三）不", 2, 1),
                "1.属于国家秘密",
                *seven("1", "0", "0", "0", "0", "0", "1"),
            ],
            ["2.其他法律行政法规禁", *seven("2", "0", "0", "0", "0", "0", "2")],
        ],
        page=2,
    )
    page2 = grid(
        [
            [("", 3, 1), ("予公开", 2, 1), "止公开", *seven("", "", "", "", "", "", "")],
            ["3.危及“三安全一稳定”", *seven("3", "0", "0", "0", "0", "0", "3")],
            [
                ("（四）无法提供", 1, 1),
                "1.本机关不掌握相关政府信息",
                *seven("4", "0", "0", "0", "0", "0", "4"),
            ],
        ],
        page=3,
    )
    cells = cells_of(Layout("pdf", items=[page1, page2]))
    assert cells[("denied.state_secret", "total")] == 1
    assert cells[("denied.prohibited_by_law", "total")] == 2
    assert cells[("denied.security_stability", "total")] == 3
    assert cells[("unavailable.not_held", "total")] == 4


def test_group_numbering_cut_by_a_page_break_keeps_the_group() -> None:
    page1 = grid(
        [
            *HEADER,
            [
                ("三、本年度办理结果", 2, 1),
                ("（三）不予公开", 1, 1),
                "8.属于行政查询事项",
                *seven("0", "0", "0", "0", "0", "0", "0"),
            ],
            [("（四", 1, 1), "1.本机关不掌握相关", *seven("2", "0", "0", "0", "0", "0", "2")],
        ],
        page=3,
    )
    page2 = grid(
        [
            [("", 2, 1), ("）无法提供", 2, 1), "政府信息", *seven("", "", "", "", "", "", "")],
            ["2.没有现成信息需要另行制作", *seven("1", "0", "0", "0", "0", "0", "1")],
        ],
        page=4,
    )
    cells = cells_of(Layout("pdf", items=[page1, page2]))
    assert cells[("unavailable.not_held", "total")] == 2
    assert cells[("unavailable.needs_creation", "total")] == 1


def test_a_label_cut_in_two_cells_by_a_scanned_stroke_is_matched_whole() -> None:
    """A scan's stroke of 总 taken for a column rule cut the label (七)总计 into two cells of
    its row; the two read together name the row. A label that names a row by its own last
    cell keeps that meaning, and two labels that do not name a row together are reported."""
    layout = Layout(
        "pdf",
        items=[
            grid(
                [
                    *HEADER,
                    [
                        ("一、本年新收政府信息公开申请数量", 1, 3),
                        *seven("5", "0", "0", "0", "0", "0", "5"),
                    ],
                    [
                        ("三、本年度办理结果", 3, 1),
                        ("（一）予以公开", 1, 2),
                        *seven("5", "0", "0", "0", "0", "0", "5"),
                    ],
                    ["（七）总", "计", *seven("5", "0", "0", "0", "0", "0", "5")],
                    ["（八）未", "知", *seven("1", "0", "0", "0", "0", "0", "1")],
                ]
            )
        ],
    )
    result = rebuild_tables(layout, 2024)
    cells = {(c.row_code, c.col_code): c.value for c in result.cells if c.table == "requests"}
    assert cells[("total_handled", "natural_person")] == 5
    assert cells[("total_handled", "total")] == 5
    assert cells[("granted", "total")] == 5
    assert [c.check for c in result.checks if c.check == "table.unmatched_row"] == [
        "table.unmatched_row"
    ]
