"""Row labels of tables without rules, laid out the way Word and WPS exports place them:
group labels centred on their rows, labels that wrap over several lines, 无 inside a label,
notes that wrap inside a value cell."""

from __future__ import annotations

import pytest

from gridbuild import grids_without_rules
from reportextract.layout import Layout
from reportextract.readers.borderless import Continuation
from reportextract.readers.borderless.words import lines_of
from reportextract.readers.pdf_geometry import Char
from reportextract.tables.rebuild import rebuild_tables
from test_borderless_sparse import COLUMNS, SIZE, centred, page_one, text_at


def pieces(parts: list[str], x: float, top: float) -> list[Char | None]:
    """Text set tight but written as separate runs (as 4.|无|正当理由… comes out of WPS)."""
    chars: list[Char | None] = []
    for part in parts:
        chars += text_at(part, x, top)
        x += sum(SIZE if ord(c) > 0x2E7F else SIZE * 0.55 for c in part)
    return chars


def numbers(values: dict[str, str], top: float) -> list[Char | None]:
    chars: list[Char | None] = []
    for column in COLUMNS:
        chars += centred(values.get(column, "0"), COLUMNS[column], top)
    return chars


def lines(texts: list[str], x: float, top: float) -> list[Char | None]:
    chars: list[Char | None] = []
    for k, text in enumerate(texts):
        chars += text_at(text, x, top + 12 * k)
    return chars


def run(text: str, x: float, top: float, height: float) -> list[Char | None]:
    """Characters as pdfium boxes them: ink height, not the line's (digits are shorter)."""
    chars: list[Char | None] = []
    for ch in text:
        width = 9.7 if ord(ch) > 0x2E7F else 4.4
        chars.append(Char(ch, x, top, x + width, top + height, top + height / 2))
        x += width + 0.3
    return [*chars, None]


def body_line(top: float) -> list[Char | None]:
    """A line of the report's body text, larger than the table's: it sets the page's height."""
    return run("主动公开政府信息情况说明", 60, top, 14.0)


def grouped_rows() -> list[Char | None]:
    """（五）不予处理 centred on its five rows, whose last label takes three lines; （六）其他处理
    set at the top of its first row. The last row of （五） is nearer to （六）'s label."""
    chars = page_one()
    chars += lines(["（五）", "不予", "处理"], 150, 302)
    chars += lines(["1.信访举报", "投诉类申请"], 220, 260) + numbers({}, 260)
    chars += lines(["2.重复申请"], 220, 290) + numbers({"自然人": "2", "总计": "2"}, 290)
    chars += lines(["3.要求提供", "公开出版物"], 220, 310) + numbers({}, 310)
    chars += pieces(["4.", "无", "正当理"], 220, 340) + lines(["由大量反复", "申请"], 220, 352)
    chars += numbers({"其他": "1", "总计": "1"}, 352)
    chars += lines(["5.要求行政", "机关确认或", "重新出具已", "获取信息"], 220, 382)
    chars += numbers({"自然人": "3", "总计": "3"}, 394)
    chars += lines(["（六）", "其他", "处理"], 150, 436)
    chars += pieces(["1.申请人", "无"], 220, 436)
    chars += lines(
        ["正当理由逾", "期不补正、", "行政机关不", "再处理其政", "府信息公开", "申请"], 220, 448
    )
    chars += numbers({"商业企业": "4", "总计": "4"}, 472)
    labels = [
        "2.申请人逾",
        "期未按收费",
        "通知要求缴",
        "纳费用、行",
        "政机关不再",
        "处理其政府",
        "信息公开申",
        "请",
    ]
    chars += lines(labels, 220, 520) + numbers({}, 562)
    chars += lines(["3.其他"], 220, 626) + numbers({"自然人": "5", "总计": "5"}, 626)
    return chars


def test_group_labels_stand_for_the_rows_their_numbering_begins() -> None:
    grids = grids_without_rules(grouped_rows(), [], 1)
    result = rebuild_tables(Layout("pdf", items=grids), 2024)
    cells = {(c.row_code, c.col_code): c.value for c in result.cells if c.table == "requests"}
    assert cells[("not_processed.duplicate", "natural_person")] == 2
    assert cells[("not_processed.excessive", "other_org")] == 1
    assert cells[("not_processed.confirmation", "natural_person")] == 3
    assert cells[("other.no_correction", "commercial")] == 4
    assert cells[("other.unpaid_fee", "total")] == 0
    assert cells[("other.other", "natural_person")] == 5
    grid = grids[0]
    group = next(c for c in grid.cells if c.text.startswith("（六）"))
    first_row = next(c.row for c in grid.cells if c.text.startswith("1.申请人"))
    assert group.row == first_row  # not the row of 5.要求行政机关确认…


def test_a_label_whose_two_lines_are_level_with_its_numbers_keeps_its_lines_apart() -> None:
    """The numbers stand between the two lines of the label, and the second line begins a
    little to the left of the first: the lines are two words, not one read right to left."""
    chars: list[Char | None] = []
    for k in range(3):
        chars += body_line(20 + 30 * k)
    chars += run("5.要求行政机关确认或重", 152.0, 168.0, 9.6)
    chars += run("新出具已获取信息", 151.6, 179.7, 9.5)
    chars += run("0", 293.7, 175.6, 6.7) + run("0", 334.9, 175.6, 6.7)
    row = next(line for line in lines_of(chars) if line.values())
    labels = {w.text for w in row.words if not w.is_value}
    assert labels == {"5.要求行政机关确认或重", "新出具已获取信息"}


def test_a_note_in_a_value_cell_keeps_its_number_written_apart() -> None:
    """12（其中修订 10 / 件）: the note's number is a run of its own, its close on the line below."""
    chars: list[Char | None] = []
    for k in range(3):
        chars += body_line(20 + 30 * k)
    chars += run("行政规范性文件", 102.5, 655.6, 11.0)
    chars += run("2", 276.6, 657.5, 4.4) + run("2", 379.1, 657.5, 4.4)
    chars += run("12（其中修订", 448.0, 649.5, 10.8) + run("10", 516.2, 651.2, 4.8)
    chars += run("件）", 475.6, 662.3, 7.5)
    row = next(line for line in lines_of(chars) if line.values())
    assert [w.text for w in row.values()] == ["2", "2", "12（其中修订10件）"]


APPEALS_OUTCOMES = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def sparse_appeals() -> list[Char | None]:
    """表四 that prints only two numbers, both right of its first five columns."""
    chars: list[Char | None] = []
    x = [60 + 32 * k for k in range(15)]
    chars += centred("行政复议", x[2], 100) + centred("行政诉讼", x[10], 100)
    chars += centred("未经复议直接起诉", x[7], 114) + centred("复议后起诉", x[12], 114)
    for k, centre in enumerate(x):
        label = APPEALS_OUTCOMES[k % 5]
        for line in range(0, len(label), 2):
            chars += centred(label[line : line + 2], centre, 128 + 6 * line)
    chars += centred("1", x[5], 160) + centred("1", x[9], 160)
    return chars


def test_a_sparse_appeals_table_keeps_the_columns_left_of_its_first_number() -> None:
    grids = grids_without_rules(sparse_appeals(), [], 1)
    result = rebuild_tables(Layout("pdf", items=grids), 2024)
    cells = {(c.row_code, c.col_code): c.value for c in result.cells if c.table == "appeals"}
    assert len(cells) == 15
    assert cells[("litigation_direct", "upheld")] == 1
    assert cells[("litigation_direct", "total")] == 1
    assert cells[("review", "upheld")] == 0
    assert cells[("review", "total")] == 0


def test_a_single_row_at_the_top_of_a_continued_page_is_read() -> None:
    """表三 ends on the next page with one row that prints numbers, above a framed 表四."""
    continuation = Continuation()
    grids = grids_without_rules(page_one(), [], 1, continuation=continuation)
    last_page = lines(["3.其他"], 220, 80)
    last_page += lines(["（七）总计"], 220, 110)  # zero printed as a blank: two numbers
    last_page += centred("20", COLUMNS["自然人"], 110) + centred("20", COLUMNS["总计"], 110)
    last_page += text_at("本年度未发生行政复议、行政诉讼情况，全年未收取任何费用。", 60, 200)
    grids += grids_without_rules(last_page, [], 2, continuation=continuation)
    result = rebuild_tables(Layout("pdf", items=grids), 2024)
    cells = {(c.row_code, c.col_code): c.value for c in result.cells if c.table == "requests"}
    assert cells[("total_handled", "natural_person")] == 20
    assert cells[("total_handled", "commercial")] == 0


def header_page() -> list[Char | None]:
    """表三's header alone, as page_one prints it."""
    chars: list[Char | None] = []
    chars += centred("申请人情况", 420, 100)
    chars += centred("法人或其他组织", 420, 115)
    for name, x in COLUMNS.items():
        for k in range(0, len(name), 2):
            chars += centred(name[k : k + 2], x, 130 + 6 * k)
    return chars


def test_a_label_cut_by_a_page_break_takes_the_numbers_printed_before_the_break() -> None:
    """一、本年 | 新收政府信息公开申请数量: the numbers stand beside the label's first part
    at the foot of one page; the rest of the label, with no numbers, heads the next page
    under the repeated header."""
    continuation = Continuation()
    first = header_page() + text_at("一、本年", 100, 170)
    first += centred("12345", COLUMNS["自然人"], 170) + centred("12345", COLUMNS["总计"], 170)
    second = header_page() + text_at("新收政府信息公开申请数量", 100, 170)
    second += text_at("二、上年结转政府信息公开申请数量", 100, 190)
    second += centred("1", COLUMNS["自然人"], 190) + centred("1", COLUMNS["总计"], 190)
    grids = grids_without_rules(first, [], 1, continuation=continuation)
    grids += grids_without_rules(second, [], 2, continuation=continuation)
    result = rebuild_tables(Layout("pdf", items=grids), 2024)
    cells = {(c.row_code, c.col_code): c for c in result.cells if c.table == "requests"}
    assert cells[("new_received", "natural_person")].value == 12345
    assert cells[("new_received", "natural_person")].page == 1
    assert cells[("new_received", "commercial")].value == 0
    assert cells[("carried_over", "total")].value == 1
    assert not [c for c in result.checks if c.check == "table.unmatched_row"]


def test_a_number_its_narrow_cell_wrapped_is_one_number() -> None:
    """119 printed as 11 / 9 in a column one character wide, centred on its row."""
    chars: list[Char | None] = []
    for k in range(3):
        chars += run("主动公开政府信息情况说明", 60, 20 + 30 * k, 10.9)
    chars += run("一、本年新收政府信息公开申请数量", 81.3, 230.8, 10.9)
    chars += run("512", 296.9, 232.9, 7.4) + run("0", 369.0, 232.9, 7.4)
    chars += run("11", 335.0, 226.6, 7.3) + run("9", 337.1, 239.2, 7.4)
    chars += run("二、上年结转政府信息公开申请数量", 81.1, 249.8, 10.9)
    chars += run("35", 299.6, 251.9, 7.4) + run("9", 337.1, 251.9, 7.4)
    rows = [line for line in lines_of(chars) if line.values()]
    assert [w.text for w in rows[0].values()] == ["512", "119", "0"]
    assert [w.text for w in rows[1].values()] == ["35", "9"]


def test_a_note_whose_second_line_is_written_in_runs_stays_whole() -> None:
    """3（其中废止后重新 / 制发 1 件）: the second line's runs all belong to the note."""
    chars: list[Char | None] = []
    for k in range(3):
        chars += body_line(20 + 30 * k)
    chars += run("行政规范性文件", 120, 655.0, 9.5)
    chars += run("3（其中废止后重新", 250.0, 650.0, 9.5)
    chars += (
        run("制发", 262.0, 661.0, 9.5)
        + run("1", 284.0, 662.0, 7.0)
        + run("件）", 291.0, 661.0, 9.5)
    )
    chars += run("1", 400.0, 656.0, 7.0) + run("99", 500.0, 656.0, 7.0)
    row = next(line for line in lines_of(chars) if line.values())
    assert [w.text for w in row.values()] == ["3（其中废止后重新制发1件）", "1", "99"]


@pytest.mark.parametrize("body_lines", [1, 3])
def test_a_wrapped_number_beside_label_lines_is_one_number(body_lines: int) -> None:
    """2402 printed 240 / 2 in the 总计 column, each part on a line of the row's wrapped
    label (一、本年 / 新收…数量), the row's other numbers level between them; with more of
    the page's larger text, the three lines are grouped as one."""
    chars: list[Char | None] = []
    for k in range(body_lines):
        chars += body_line(20 + 30 * k)
    chars += run("一、本年", 153.0, 112.4, 9.2) + run("240", 496.0, 112.4, 9.2)
    chars += run("1662", 278.0, 119.2, 7.5) + run("331", 319.0, 119.2, 7.5)
    chars += run("409", 461.0, 119.2, 7.5)
    chars += run("新收政府信息公开申请数量", 113.0, 123.9, 9.3) + run("2", 500.4, 123.9, 9.3)
    chars += run("二、上年结转政府信息公开申请数量", 93.0, 139.7, 9.3)
    chars += run("54", 284.0, 139.7, 9.3) + run("9", 325.0, 139.7, 9.3)
    chars += run("12", 465.0, 139.7, 9.3) + run("75", 499.0, 139.7, 9.3)
    rows = [line for line in lines_of(chars) if len(line.values()) >= 2]
    assert [w.text for w in rows[0].values()] == ["1662", "331", "409", "2402"]
    assert [w.text for w in rows[1].values()] == ["54", "9", "12", "75"]


def test_a_wrapped_number_goes_to_the_row_it_is_centred_on_before_the_row_above() -> None:
    """（六）'s 总计 225, then 1528 printed 152 / 8 centred on （七）总计 just below: 152 is
    the head of 1528, not the tail of 225; 1296 printed 129 / 6 at the top of its row's
    cells (the row's numbers level with 129) is one number too."""
    chars = body_line(20)
    chars += run("（六）其他处理", 164.8, 345.2, 9.6) + run("186", 284.9, 346.4, 7.5)
    chars += run("39", 324.2, 346.4, 7.5) + run("225", 500.7, 346.4, 7.5)
    chars += run("152", 501.2, 358.1, 7.5) + run("8", 505.4, 369.7, 7.5)
    chars += run("（七）总计", 174.8, 362.7, 9.6) + run("1282", 281.7, 363.9, 7.5)
    chars += run("246", 320.9, 363.9, 7.5)
    chars += run("（一）予以公开", 110.0, 751.6, 10.2) + run("1043", 279.0, 752.4, 8.3)
    chars += run("253", 362.0, 752.4, 8.3) + run("129", 501.0, 752.4, 8.3)
    chars += run("年度办", 65.0, 764.1, 10.2) + run("6", 505.4, 765.2, 8.3)
    rows = [line for line in lines_of(chars) if len(line.values()) >= 2]
    assert [[w.text for w in row.values()] for row in rows] == [
        ["186", "39", "225"],
        ["1282", "246", "1528"],
        ["1043", "253", "1296"],
    ]


def test_a_label_beside_a_wrapped_note_stays_level_with_its_numbers() -> None:
    """规范性文件 | 38（其中修订5 / 件）| 38 | 193: the note's first line, set above the row,
    does not leave the label on a line of its own."""
    chars: list[Char | None] = []
    for k in range(3):
        chars += run("主动公开政府信息情况说明", 60, 20 + 30 * k, 13.82)
    chars += run("38（其中修订", 223.41, 495.83, 11.41) + run("5", 283.0, 497.35, 8.91)
    chars += run("规范性文件", 100.83, 502.94, 11.11)
    chars += run("38", 375.31, 504.2, 9.06) + run("193", 481.96, 504.2, 9.06)
    chars += run("件）", 253.48, 509.83, 11.41)
    row = next(line for line in lines_of(chars) if line.values())
    assert row.words[0].text == "规范性文件"
    assert [w.text for w in row.values()] == ["38（其中修订5件）", "38", "193"]


def test_a_row_number_written_apart_from_its_label_is_part_of_the_label() -> None:
    """1 | 、属于国家秘密: the row's number is not a value in a column of its own."""
    chars: list[Char | None] = []
    for k in range(3):
        chars += body_line(20 + 30 * k)
    chars += run("1", 168.0, 94.8, 9.2) + run("、属于国家秘密", 178.0, 94.8, 11.0)
    chars += run("0", 296.0, 96.0, 8.5) + run("0", 334.0, 96.0, 8.5) + run("2", 500.0, 96.0, 8.5)
    row = next(line for line in lines_of(chars) if line.values())
    assert [w.text for w in row.values()] == ["0", "0", "2"]
    assert row.words[0].text == "1、属于国家秘密"


def test_wrapped_numbers_sharing_lines_above_and_below_their_row() -> None:
    """表四 with 166, 101, 355 and 16 printed 16 / 6, 10 / 1, 35 / 5, 1 / 6: the first parts
    share a line above the row's other numbers, the rests a line below it."""
    chars = run("结果维持结果纠正其他结果尚未审结", 79.0, 431.3, 11.0)  # the header's foot
    chars += run("16", 78.0, 455.0, 9.1) + run("10", 144.0, 455.0, 9.1)
    chars += run("35", 201.0, 455.0, 9.1) + run("1", 366.0, 455.0, 9.1)
    chars += run("31", 111.0, 462.0, 9.1) + run("57", 173.0, 462.0, 9.1)
    chars += run("7", 237.0, 462.0, 9.1) + run("2", 273.0, 462.0, 9.1)
    chars += run("6", 80.5, 469.0, 9.1) + run("1", 146.0, 469.0, 9.1)
    chars += run("5", 203.0, 469.0, 9.1) + run("6", 366.0, 469.0, 9.1)
    rows = [line for line in lines_of(chars) if line.values()]
    assert [[w.text for w in row.values()] for row in rows] == [
        ["166", "31", "101", "57", "355", "7", "2", "16"]
    ]


def test_a_bracket_left_open_in_running_text_does_not_take_the_lines_below() -> None:
    """…办结申请 279件（含上年度结转 / 申请 24 件）。 in a paragraph, the bracket closed
    left of where it opened: the paragraph's lines stay apart."""
    chars = body_line(20)
    chars += run("本年度共收到申请", 94.0, 391.4, 11.2) + run(
        "279件（含上年度结转", 400.0, 391.4, 11.2
    )
    chars += run("申请", 71.0, 407.5, 11.2) + run("24", 97.0, 407.5, 11.2)
    chars += run("件）。信息公开行政复议案件", 114.0, 407.5, 11.2) + run("355", 318.0, 407.5, 11.2)
    chars += run("件。严格按照《条例》规定的程", 343.0, 407.5, 11.2)
    wide = "件。进一步规范申请接收、登记、审核、办理、答复、归档等各环节工作，提升办理质量"
    chars += run(wide, 71.0, 423.6, 11.2) + run(wide, 71.0, 439.7, 11.2)  # as wide as the page
    found = lines_of(chars)
    assert len(found) == 5
    assert found[1].words[-1].text == "279件（含上年度结转"


def test_a_row_label_in_the_group_lane_is_the_rows_own() -> None:
    """2019's （六）其他处理 printed 其他处理 where group labels stand, level with its own
    numbers; the row above wraps its label around its numbers (…确认或 / 重新出具…)."""
    chars = page_one()
    chars += lines(["（五）", "不予", "处理"], 100, 278)
    chars += text_at("1.信访举报投诉类申请", 150, 250) + numbers({}, 250)
    chars += text_at("2.重复申请", 150, 270) + numbers({"自然人": "2", "总计": "2"}, 270)
    chars += text_at("3.要求提供公开出版物", 150, 290) + numbers({}, 290)
    chars += text_at("4.无正当理由大量反复申请", 150, 310) + numbers({}, 310)
    chars += text_at("5.要求行政机关确认或", 150, 328)
    chars += numbers({"自然人": "1", "总计": "1"}, 336)
    chars += text_at("重新出具已获取信息", 150, 341.3)
    chars += text_at("其他处理", 100, 355) + numbers({"自然人": "3", "总计": "3"}, 355)
    chars += text_at("总计", 100, 375) + numbers({"自然人": "18", "总计": "18"}, 375)
    result = rebuild_tables(Layout("pdf", items=grids_without_rules(chars, [], 1)), 2019)
    cells = {(c.row_code, c.col_code): c.value for c in result.cells if c.table == "requests"}
    assert cells[("not_processed.confirmation", "total")] == 1
    assert cells[("other", "natural_person")] == 3
    assert cells[("total_handled", "total")] == 18
    assert not [c for c in result.checks if c.check == "table.unmatched_row"]


def test_a_header_line_as_wide_as_the_table_is_not_running_text() -> None:
    """The note under 表三's corner (…之和）) on one line with two column words (社会 and
    法律) spans the table: it is the header's, so 社会公益组织 and 法律服务机构 are columns."""
    chars = run("申请人情况", 378.0, 90.6, 9.7) + run("法人或其他组织", 369.0, 104.7, 9.7)
    chars += run("（本列数据的勾稽关系为：第一项加第二项", 69.0, 109.7, 9.7)
    chars += run("之和，等于第三项加第四项之和）", 83.2, 121.9, 9.7)
    chars += run("社会", 393.9, 117.8, 9.7) + run("法律", 433.4, 117.9, 9.7)
    chars += run("自然人", 273.8, 123.0, 9.7) + run("商业", 318.2, 123.9, 9.7)
    chars += run("科研", 355.6, 124.0, 9.7) + run("总计", 510.4, 123.1, 9.7)
    chars += run("公益", 394.0, 130.2, 9.7) + run("服务", 433.0, 130.2, 9.7)
    chars += run("其他", 472.0, 130.2, 9.7)
    chars += run("企业", 318.0, 136.2, 9.7) + run("机构", 356.0, 136.2, 9.7)
    chars += run("组织", 394.0, 142.4, 9.7) + run("机构", 433.0, 142.4, 9.7)
    chars += run("一、本年新收政府信息公开申请数量", 78.0, 161.5, 9.7)
    chars += run("16", 284.0, 162.0, 8.0) + run("16", 516.0, 162.0, 8.0)
    chars += run("二、上年结转政府信息公开申请数量", 78.0, 187.5, 9.7)
    chars += run("（一）予以公开", 110.0, 213.5, 9.7)
    chars += run("11", 284.0, 214.0, 8.0) + run("11", 516.0, 214.0, 8.0)
    result = rebuild_tables(Layout("pdf", items=grids_without_rules(chars, [], 2)), 2024)
    cells = {(c.row_code, c.col_code): c.value for c in result.cells if c.table == "requests"}
    assert cells[("new_received", "natural_person")] == 16
    assert cells[("new_received", "legal_service")] == 0
    assert cells[("new_received", "other_org")] == 0
    assert cells[("new_received", "total")] == 16
    assert cells[("granted", "total")] == 11
