"""Tables without rules that print zero as a blank: whole columns and rows without numbers,
and a continuation page without header. Characters are laid out the way a Word export
places them."""

from __future__ import annotations

from gridbuild import grids_without_rules
from reportextract.layout import Layout
from reportextract.readers.borderless import Continuation
from reportextract.readers.pdf_geometry import Char
from reportextract.tables.rebuild import rebuild_tables

SIZE = 10.0
COLUMNS = {"自然人": 300, "商业企业": 340, "科研机构": 380, "社会公益组织": 420}
COLUMNS |= {"法律服务机构": 460, "其他": 500, "总计": 540}


def text_at(text: str, x: float, top: float) -> list[Char | None]:
    chars: list[Char | None] = []
    for k, ch in enumerate(text):
        width = SIZE if ord(ch) > 0x2E7F else SIZE * 0.55
        x0 = x + sum(SIZE if ord(c) > 0x2E7F else SIZE * 0.55 for c in text[:k])
        chars.append(Char(ch, x0, top, x0 + width, top + SIZE, top + SIZE / 2))
    chars.append(None)
    return chars


def centred(text: str, centre: float, top: float) -> list[Char | None]:
    width = sum(SIZE if ord(c) > 0x2E7F else SIZE * 0.55 for c in text)
    return text_at(text, centre - width / 2, top)


def row(
    label: str, values: dict[str, str], top: float, x: float = 100, wrap: int = 20
) -> list[Char | None]:
    """A row: its label wrapped every ``wrap`` characters, its numbers on the first line."""
    chars: list[Char | None] = []
    for k in range(0, len(label), wrap):
        chars += text_at(label[k : k + wrap], x, top + 12 * (k // wrap))
    for column, value in values.items():
        chars += centred(value, COLUMNS[column], top)
    return chars


def page_one() -> list[Char | None]:
    chars: list[Char | None] = []
    chars += centred("申请人情况", 420, 100)
    chars += centred("法人或其他组织", 420, 115)
    for name, x in COLUMNS.items():
        for k in range(0, len(name), 2):  # narrow columns: two characters a line
            chars += centred(name[k : k + 2], x, 130 + 6 * k)
    both = {"自然人": "12", "总计": "12"}
    chars += row("一、本年新收政府信息公开申请数量", both, 170)
    chars += row("二、上年结转政府信息公开申请数量", {"自然人": "1", "总计": "1"}, 190)
    chars += text_at("三、本年度办理结果", 100, 210)
    chars += row("（一）予以公开", {"自然人": "7", "总计": "7"}, 210, x=220, wrap=6)
    chars += row("（二）部分公开", {}, 230, x=220, wrap=6)  # prints nothing: all zero
    return chars


def page_two() -> list[Char | None]:
    chars: list[Char | None] = []
    chars += text_at("（三）不予公开", 100, 80)
    chars += row("1.属于国家秘密", {}, 80, x=220, wrap=6)
    chars += row("2.其他法律行政法规禁止", {"自然人": "6", "总计": "6"}, 110, x=220, wrap=6)
    chars += row("3.危及“三安全一稳定”", {}, 140, x=220, wrap=6)
    chars += row("4.保护第三方合法权益", {}, 170, x=220, wrap=6)
    chars += row("5.属于三类内部事务信息", {"法律服务机构": "2", "总计": "2"}, 200, x=220, wrap=6)
    return chars


def test_blank_columns_rows_and_a_continuation_page() -> None:
    continuation = Continuation()
    grids = grids_without_rules(page_one(), [], 1, continuation=continuation)
    grids += grids_without_rules(page_two(), [], 2, continuation=continuation)
    result = rebuild_tables(Layout("pdf", items=grids), 2024)
    cells = {(c.row_code, c.col_code): c.value for c in result.cells if c.table == "requests"}
    assert cells[("new_received", "natural_person")] == 12
    assert cells[("new_received", "commercial")] == 0  # a column left blank throughout
    assert cells[("new_received", "total")] == 12
    assert cells[("partially_granted", "total")] == 0  # a row that prints nothing
    assert cells[("denied.state_secret", "natural_person")] == 0
    assert cells[("denied.prohibited_by_law", "natural_person")] == 6
    assert cells[("denied.prohibited_by_law", "other_org")] == 0
    assert cells[("denied.third_party_rights", "total")] == 0
    assert cells[("denied.internal_affairs", "legal_service")] == 2
    assert cells[("denied.internal_affairs", "natural_person")] == 0
