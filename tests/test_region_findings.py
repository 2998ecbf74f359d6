"""The region page's words for each kind of finding, the cells each is about, and the state
of a division from its government's documents — on rows shaped like the dataset's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reportextract.bodies.divisions import divisions
from reportextract.explore.region.findings import Report, finding
from reportextract.explore.region.pictures import Pictures
from reportextract.explore.region.published import MISSING, PARTIAL, PUBLISHED, UNREADABLE, _state
from reportextract.explore.region.sources import Sources

NOW, BEFORE = "a" * 16, "b" * 16


def cell(table: str, row: str, col: str, value: float, page: int = 2) -> dict[str, Any]:
    return {
        "table": table,
        "row_code": row,
        "col_code": col,
        "value": value,
        "text": f"{value:g}",
        "label": "",
        "page": page,
        "bbox": None,
        "read_from": None,
    }


def cells(*rows: dict[str, Any]) -> dict[tuple[str, str, str], dict[str, Any]]:
    return {(c["table"], c["row_code"], c["col_code"]): c for c in rows}


@pytest.fixture
def tools(tmp_path: Path) -> tuple[Sources, Pictures]:
    reports = {
        rid: {
            "report_id": rid,
            "body_name": "淮安市洪泽区人民政府",
            "year": year,
            "format": "html",
            "source": str(tmp_path / f"{year}.html"),
            "sha256": None,
            "pages": 1,
            "status": "ok",
        }
        for rid, year in ((NOW, 2024), (BEFORE, 2023))
    }
    return Sources(tmp_path, reports), Pictures(tmp_path, reports)


def check(name: str, scope: str, expected: float | None, actual: float | None) -> dict[str, Any]:
    table = name.split(".")[0] if name.startswith(("requests", "appeals")) else "narrative"
    return {
        "check": name,
        "table": table,
        "scope": scope,
        "expected": expected,
        "actual": actual,
        "detail": f"{name} detail",
    }


def test_a_row_that_does_not_add_up(tools: tuple[Sources, Pictures]) -> None:
    row = [cell("requests", "granted", c, 1) for c in ("natural_person", "commercial")]
    report = Report(NOW, 2024, cells(*row, cell("requests", "granted", "total", 0)), [])
    found = finding(check("requests.row_total", "granted", 2, 0), report, *tools)
    assert found.words == (
        "表三, row 予以公开: the 总计 column prints 0, but the six applicant columns add up to 2."
    )
    assert [(c.column, c.text, c.focus) for c in found.cells] == [
        ("自然人", "1", False),
        ("商业企业", "1", False),
        ("总计", "0", True),
    ]
    assert found.cells[0].href == (Path(tools[0].dataset) / "2024.html").resolve().as_uri()


def test_a_column_total_lists_the_rows_that_count(tools: tuple[Sources, Pictures]) -> None:
    report = Report(
        NOW,
        2024,
        cells(
            cell("requests", "granted", "research", 1),
            cell("requests", "partially_granted", "research", 0),
            cell("requests", "denied.state_secret", "research", 0),
            cell("requests", "total_handled", "research", 0),
        ),
        [],
    )
    found = finding(check("requests.total_handled", "research", 1, 0), report, *tools)
    assert found.words == (
        "表三 （七）总计, column 科研机构: prints 0, but the outcome rows above it add up to 1."
    )
    assert [(c.row, c.text, c.focus) for c in found.cells] == [
        ("予以公开", "1", False),
        ("（七）总计", "0", True),
    ]
    assert found.zeros == 2


def test_an_appeals_row_and_a_balance(tools: tuple[Sources, Pictures]) -> None:
    appeals = Report(NOW, 2024, cells(cell("appeals", "review", "total", 0)), [])
    words = finding(check("appeals.row_total", "review", 11, 0), appeals, *tools).words
    assert words.startswith("表四, row 行政复议: the 总计 column prints 0, but the outcomes")
    balance = Report(
        NOW,
        2024,
        cells(
            cell("requests", "new_received", "total", 13),
            cell("requests", "carried_over", "total", 0),
            cell("requests", "total_handled", "total", 3),
            cell("requests", "carried_forward", "total", 0),
        ),
        [],
    )
    found = finding(check("requests.balance", "total", 13, 3), balance, *tools)
    assert found.words == (
        "表三, column 总计 does not balance: 13 new + 0 carried over = 13 applications to "
        "answer, but 3 answered + 0 carried forward = 3."
    )
    assert all(c.focus for c in found.cells) and len(found.cells) == 4


def test_the_text_against_the_tables_shows_the_sentence(tools: tuple[Sources, Pictures]) -> None:
    sentence = "2024年，区政府办代表区政府受理政府信息公开申请17件，均已答复。"
    figure = {
        "metric": "requests.received",
        "value": 17.0,
        "text": "17件",
        "sentence": sentence,
        "char_start": 100,
        "page": 1,
    }
    report = Report(NOW, 2024, cells(cell("requests", "new_received", "total", 95)), [figure])
    found = finding(check("narrative.table_agreement", "requests.received", 95, 17), report, *tools)
    assert found.words == "The text says 17 applications received (收到申请); 表三 says 95."
    [quoted] = found.sentences
    assert (quoted.before, quoted.figure, quoted.after) == (
        "2024年，区政府办代表区政府受理政府信息公开申请",
        "17件",
        "，均已答复。",
    )
    assert [(c.text, c.focus) for c in found.cells] == [("95", True)]
    one = finding(check("narrative.table_agreement", "litigation.cases", 2, 1), report, *tools)
    assert one.words.startswith("The text says 1 lawsuit (行政诉讼);")


def test_last_years_report_is_evidence_of_a_cross_year_finding(
    tools: tuple[Sources, Pictures],
) -> None:
    before = Report(
        BEFORE,
        2023,
        cells(
            cell("requests", "carried_forward", "total", 3),
            cell("requests", "new_received", "total", 21),
        ),
        [],
    )
    now = Report(
        NOW,
        2024,
        cells(
            cell("requests", "carried_over", "total", 0),
            cell("requests", "new_received", "total", 95),
        ),
        [],
        before,
    )
    carried = finding(check("yoy.carried_over", "total", 3, 0), now, *tools)
    assert carried.words == (
        "2023's report carries 3 applications (column 总计) into 2024; the 2024 report says "
        "0 were carried over."
    )
    assert [(c.year, c.row, c.text) for c in carried.cells] == [
        (2023, "结转下年度继续办理", "3"),
        (2024, "上年结转政府信息公开申请数量", "0"),
    ]
    changed = finding(
        check("yoy.requests.received_change", "requests.received_change", 352.38, 33.3), now, *tools
    )
    assert changed.words == (
        "The text says applications received (收到申请) changed by +33.3% against 2023; the two "
        "reports give 21 (2023) and 95 (2024), a change of +352.4%."
    )
    assert [(c.year, c.text) for c in changed.cells] == [(2023, "21"), (2024, "95")]


def test_a_check_this_page_does_not_know_is_shown_by_its_detail(
    tools: tuple[Sources, Pictures],
) -> None:
    report = Report(NOW, 2024, {}, [])
    found = finding(check("legacy.sum", "total", 3, 2), report, *tools)
    assert found.words == "legacy.sum detail" and not found.cells


def _document(status: str, cells_read: int, primary: bool, error: str | None = None) -> dict:
    return {
        "report_id": "c" * 16,
        "status": status,
        "cells": cells_read,
        "primary": primary,
        "error": error,
    }


def test_a_division_state_from_its_governments_documents() -> None:
    hongze = divisions().get("320813")
    assert hongze is not None

    def state(*documents: dict) -> tuple[str, str | None]:
        result = _state(hongze, "淮安市洪泽区", list(documents), [], 0, 1)
        return result.state, result.reason

    assert state() == (MISSING, None)
    assert state(_document("ok", 300, True)) == (PUBLISHED, None)
    assert state(_document("partial", 250, True, "table appeals not found")) == (
        PARTIAL,
        "table appeals not found",
    )
    assert state(_document("partial", 0, True, "table requests not found"))[0] == UNREADABLE
    assert state(_document("failed", 0, False, "the PDF is encrypted")) == (
        UNREADABLE,
        "the PDF is encrypted",
    )
