"""表四 without rules that prints fewer than two numbers: a row left blank (every cell a
zero), a row printing one number, and a number its narrow cell wrapped across a page break
(19 printed 1 | 9, the 9 under the header repeated on the next page)."""

from __future__ import annotations

from gridbuild import grids_without_rules
from reportextract.layout import Layout
from reportextract.readers.borderless import Continuation
from reportextract.readers.pdf_geometry import Char
from reportextract.tables.rebuild import rebuild_tables
from test_borderless_sparse import centred, text_at

X = [80 + 30 * k for k in range(15)]  # 表四's fifteen columns
LEAVES = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3


def header(top: float) -> list[Char | None]:
    """行政复议 | 行政诉讼, the two branches of 行政诉讼, and fifteen narrow leaves set two
    characters a line."""
    chars = centred("行政复议", X[2], top) + centred("行政诉讼", X[10], top)
    chars += centred("未经复议直接起诉", X[7], top + 14) + centred("复议后起诉", X[12], top + 14)
    for x, leaf in zip(X, LEAVES, strict=True):
        for k in range(0, len(leaf), 2):
            chars += centred(leaf[k : k + 2], x, top + 28 + 6 * k)
    return chars


def numbers(values: list[str], top: float) -> list[Char | None]:
    chars: list[Char | None] = []
    for x, value in zip(X, values, strict=True):
        if value:
            chars += centred(value, x, top)
    return chars


def after_table(top: float) -> list[Char | None]:
    """The next section's heading and the report's date."""
    heading = text_at("五、存在的主要问题及改进情况", 80, top)
    return heading + text_at("2025年1月15日", 380, top + 30)


def appeals(grids: list) -> dict[tuple[str, str], float]:
    result = rebuild_tables(Layout("pdf", items=grids), 2024)
    return {(c.row_code, c.col_code): c.value for c in result.cells if c.table == "appeals"}


def test_a_table_whose_row_prints_nothing_is_all_zero_and_ends_at_its_row() -> None:
    chars = header(100) + after_table(130 + 28 + 40)
    grids = grids_without_rules(chars, [], 1)
    found = appeals(grids)
    assert len(found) == 15 and set(found.values()) == {0.0}
    heading_top = 130 + 28 + 40
    assert all(g.bbox is not None and g.bbox[3] < heading_top for g in grids)


def test_a_row_printing_one_number_keeps_it_in_its_column() -> None:
    values = [""] * 15
    values[6] = "3"  # 未经复议直接起诉 · 结果纠正
    chars = header(100) + numbers(values, 100 + 54) + after_table(200)
    found = appeals(grids_without_rules(chars, [], 1))
    assert found[("litigation_direct", "corrected")] == 3
    assert sum(found.values()) == 3 and len(found) == 15


def test_a_number_wrapped_across_the_page_break_is_one_number() -> None:
    first = ["2", "0", "1", "0", "3", "0", "0", "0", "1", "1", "0", "0", "0", "0", "0"]
    rest = [""] * 15
    rest[9] = "9"  # 未经复议直接起诉 · 总计: 19, its 9 on the next page
    continuation = Continuation()
    page_one = header(600) + numbers(first, 600 + 54)
    grids = grids_without_rules(page_one, [], 1, continuation=continuation)
    page_two = header(60) + numbers(rest, 60 + 54) + after_table(200)
    grids += grids_without_rules(page_two, [], 2, continuation=continuation)
    found = appeals(grids)
    assert found[("litigation_direct", "total")] == 19
    assert found[("review", "total")] == 3
    assert len(found) == 15


def test_a_header_at_the_foot_of_a_page_takes_its_row_from_the_next_page() -> None:
    """The page number under a header left at the foot of a page is not its row."""
    values = ["3", "1", "0", "2", "6", "0", "1", "1", "0", "2", "0", "0", "0", "0", "0"]
    continuation = Continuation()
    page_one = header(700) + centred("4", 300, 772)
    grids = grids_without_rules(page_one, [], 1, continuation=continuation)
    page_two = numbers(values, 60) + after_table(120)
    grids += grids_without_rules(page_two, [], 2, continuation=continuation)
    found = appeals(grids)
    assert found[("review", "total")] == 6
    assert found[("litigation_direct", "upheld")] == 0
    assert found[("litigation_direct", "total")] == 2
    assert len(found) == 15


def test_a_header_at_the_foot_of_a_page_before_the_next_section_prints_a_blank_row() -> None:
    """The next page goes on with the next section: 表四's row printed nothing."""
    continuation = Continuation()
    grids = grids_without_rules(
        header(700) + centred("4", 300, 790), [], 1, continuation=continuation
    )
    grids += grids_without_rules(after_table(80), [], 2, continuation=continuation)
    found = appeals(grids)
    assert len(found) == 15 and set(found.values()) == {0.0}
